"""Helpers every package shares: one error channel, checksums, dates and clocks, image sniffing, file reading."""
