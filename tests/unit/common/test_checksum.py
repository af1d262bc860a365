"""Every cache entry's checksum: what it covers, and what a sealed file gives back."""

from __future__ import annotations

import json

import pytest
from common.checksum import entry_checksum, seal, unseal


def test_an_entry_checksum_covers_its_table_key_and_every_value_with_its_type() -> None:
    base = entry_checksum("body", "k", ("<p>x</p>", b"x", 3, None, 0.5))
    others = {
        entry_checksum("piece", "k", ("<p>x</p>", b"x", 3, None, 0.5)),  # another table
        entry_checksum("body", "j", ("<p>x</p>", b"x", 3, None, 0.5)),  # moved under another key
        entry_checksum("body", "k", ("<p>y</p>", b"x", 3, None, 0.5)),
        entry_checksum("body", "k", ("<p>x</p>", "x", 3, None, 0.5)),  # text where bytes were
        entry_checksum("body", "k", ("<p>x</p>", b"x", "3", None, 0.5)),
        entry_checksum("body", "k", ("<p>x</p>", b"x", 3, "", 0.5)),
        entry_checksum("body", "k", ("<p>x</p>", b"x", 3, None, 0.25)),
        entry_checksum("body", "k", ("<p>x</p>b", b"", 3, None, 0.5)),  # the same bytes, cut elsewhere
    }
    assert base not in others and len(others) == 8
    assert entry_checksum("body", "k", ("<p>x</p>", b"x", 3, None, 0.5)) == base
    with pytest.raises(TypeError):
        entry_checksum("t", "k", (True,))


def test_a_sealed_file_gives_back_its_payload_only_when_whole_and_of_its_kind() -> None:
    payload = json.dumps({"entries": {"a": [1, 2]}, "text": 'é \u2028 "quoted"'}, ensure_ascii=False)
    text = seal("reuse manifest", payload)
    assert json.loads(text)["data"] == json.loads(payload)  # still JSON, for anyone who looks
    assert unseal("reuse manifest", text) == payload
    assert unseal("related memo", text) is None  # another cache's file
    assert unseal("reuse manifest", text.replace("[1, 2]", "[1, 3]")) is None
    assert unseal("reuse manifest", text[:-5] + "}\n") is None  # cut short
    assert unseal("reuse manifest", payload) is None  # not sealed (an earlier version)
    assert unseal("reuse manifest", "") is None
