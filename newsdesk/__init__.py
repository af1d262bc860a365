"""Newsdesk command-line tools: build, check, clean, serve, scaffold articles."""
