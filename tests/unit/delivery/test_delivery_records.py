"""What the last build compressed, which siblings a build keeps, and the DELIVERY_ settings."""

from __future__ import annotations

import pytest
from common.errors import SettingsError
from delivery.records import Record, decide, dump, load
from delivery.settings import load as load_settings

RECORDS = {"index.html": Record("ab" * 32, 5000, {".gz": 900, ".br": 800}), "a.css": Record("cd" * 32, 2000, {})}


def test_records_come_back_as_written_for_the_same_encoding_only() -> None:
    text = dump("gzip-9/brotli-5", RECORDS)
    assert load(text, "gzip-9/brotli-5") == RECORDS
    assert dump("gzip-9/brotli-5", dict(reversed(RECORDS.items()))) == text  # byte-stable
    assert load(text, "gzip-9/brotli-11") == {}  # made otherwise: everything is compressed again
    assert load(text.replace("900", "901"), "gzip-9/brotli-5") == {}  # the seal no longer matches
    assert load("not json", "gzip-9/brotli-5") == {}


def test_a_reused_file_keeps_its_siblings_a_rewritten_one_is_checked_first() -> None:
    record = RECORDS["index.html"]
    assert decide(5000, record, reused=True) == "keep"
    assert decide(5000, record, reused=False) == "check"
    assert decide(5001, record, reused=True) == "make"
    assert decide(5000, None, reused=True) == "make"


def test_settings_have_defaults_and_bad_values_are_named() -> None:
    config = load_settings({})
    assert config.precompress is True and config.encoding.brotli_quality == 5 and config.encoding.min_bytes == 1024
    with pytest.raises(SettingsError) as caught:
        load_settings({"DELIVERY_BROTLI_QUALITY": 12, "DELIVERY_PRECOMPRESS": "yes", "DELIVERY_MIN_BYTE": 1})
    message = str(caught.value)
    assert "DELIVERY_BROTLI_QUALITY" in message and "DELIVERY_PRECOMPRESS must be True or False" in message
    assert "did you mean DELIVERY_MIN_BYTES?" in message
