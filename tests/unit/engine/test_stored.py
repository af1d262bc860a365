"""A record kept as text is fingerprinted by the hash of that text and made only when read."""

from __future__ import annotations

from engine import Rendition, Stored, digest
from engine.fingerprints import stable


def _stored(sha: str, made: list[str]) -> Stored:
    def make() -> Rendition:
        made.append(sha)
        return Rendition("img/a.jpg", 800, 450, "image/jpeg", 1234)

    return Stored(sha, make)


def test_fingerprinting_a_stored_record_does_not_make_it() -> None:
    made: list[str] = []
    record = _stored("a" * 64, made)
    page = {"photo": record, "title": "Quay"}
    assert digest(page) == digest({"photo": _stored("a" * 64, made), "title": "Quay"})
    assert stable(record) == ["stored", "a" * 64]
    assert made == []
    assert digest(page) != digest({"photo": _stored("b" * 64, made), "title": "Quay"})
    assert made == []


def test_a_stored_record_is_made_once_on_first_read() -> None:
    made: list[str] = []
    record = _stored("c" * 64, made)
    assert record.url == "img/a.jpg" and record.width == 800
    assert made == ["c" * 64]
    assert record.resolve() is record.resolve()
    already = Stored("d" * 64, lambda: 1 / 0, value=Rendition("x", 1, 1, "image/png", 1))
    assert already.type == "image/png"  # given made: its maker is never called
