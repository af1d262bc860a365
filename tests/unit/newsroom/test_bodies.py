"""Converted bodies: keys follow content and settings, the store keeps what a build used."""

from __future__ import annotations

from pathlib import Path

from engine.keyed import KeyedStore
from newsroom.bodies import PARALLEL_FROM, BodyStore, body_key, convert_all, fingerprint

CONFIG = {"extensions": ["markdown.extensions.extra"], "output_format": "html5"}


def test_key_changes_with_text_and_with_settings_but_not_with_time() -> None:
    fp = fingerprint(CONFIG, ["a.example"])
    assert body_key("Hello", fp) == body_key("Hello", fingerprint(CONFIG, ["a.example"]))
    assert body_key("Hello", fp) != body_key("Hello!", fp)
    assert fp != fingerprint(CONFIG, ["b.example"])
    assert fp != fingerprint({**CONFIG, "output_format": "xhtml"}, ["a.example"])


def test_parallel_and_serial_conversion_agree() -> None:
    items = [(f"k{i}", f"## Part {i}\n\nText *{i}* <script>x</script>\n") for i in range(PARALLEL_FROM + 6)]
    parallel = convert_all(items, CONFIG, ("a.example",), processes=2)
    serial = convert_all(items, CONFIG, ("a.example",), processes=1)
    assert parallel == serial
    html, notes = parallel["k3"]
    assert "<h2>Part 3</h2>" in html and "<script" not in html and notes == ("a <script> element",)


def test_store_round_trip_and_pruning(tmp_path: Path) -> None:
    store = BodyStore(str(tmp_path / "cache" / "bodies.sqlite3"))
    assert store.load() == {}
    bodies = {"a": ("<p>a</p>", ()), "b": ("<p>b</p>", ("a <script> element",))}
    store.save(bodies, {"a", "b"})
    assert store.load() == bodies
    store.save({**bodies, "c": ("<p>c</p>", ())}, {"b", "c"})
    assert sorted(store.load()) == ["b", "c"]


def test_damaged_or_absent_store_only_means_a_cold_cache(tmp_path: Path) -> None:
    broken = tmp_path / "bodies.sqlite3"
    broken.write_bytes(b"not a database at all" * 100)
    assert BodyStore(str(broken)).load() == {}
    none = BodyStore(None)
    none.save({"a": ("x", ())}, {"a"})
    assert none.load() == {}


def test_a_kept_body_is_used_only_when_it_is_one(tmp_path: Path) -> None:
    """Rows that match their checksums but are not a body (notes that are not a list of text) are converted again."""
    path = str(tmp_path / "bodies.sqlite3")
    store = KeyedStore(path, "body", ("html BLOB NOT NULL", "notes TEXT NOT NULL"))
    store.save(["a", "b", "c", "d"], lambda k: {"a": (b"<p>a</p>", "[]"), "b": (b"<p>b</p>", '"abc"'),
                                                "c": ("<p>c</p>", "[]"), "d": (b"<p>d</p>", "[1]")}[k])  # fmt: skip
    assert BodyStore(path).load() == {"a": ("<p>a</p>", ())}
