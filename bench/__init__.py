"""Benchmark helpers: a synthetic corpus generator (``python -m bench.corpus``)."""
