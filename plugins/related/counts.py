"""Documents' term counts kept between builds in an SQLite file of the cache folder (shell).

Counting the words of every headline, standfirst and body is about half of ranking a
10,000-article site. The counts are kept as the index uses them: per document, its term
numbers and their counts as two arrays, and once, the terms by number (a numbering). At
10,000 articles, reading them back takes about 0.3 s in a build, where a dict per document
took 0.6-1.0 s to unpickle and 0.5 s more to number its terms.

A build that counts a new term appends it to the numbering. When most of the numbered
terms are no longer counted by any document, the build numbers the terms afresh and
writes every row again, under a new numbering. A row is stored under the numbering it
refers to, so a build stopped half-way through saving never pairs rows with the wrong
terms: they are just not found.

The counts of a document depend only on its texts and the field weights
(``vectors.counts_key``) and on the counting code. The code's source digest begins every
stored key: after an upgrade the old rows are ignored, then dropped. Every row and numbering
carries a checksum (``engine.keyed``); a missing or damaged file, or a row that does not
match its checksum or read back, is only a slower build: those counts are made again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from engine import KeyedStore, notice, remove_file, source_digest, write_sqlite

from .vectors import Counted, TermCounts

FILE_NAME = "related-counts.sqlite3"
_EARLIER_FILE = "related-term-counts.sqlite3"  # a dict per document, pickled: removed when this file is saved
_CODE = tuple(Path(__file__).with_name(name) for name in ("text.py", "vectors.py"))
SLACK = 1024  # numbered terms beyond twice those still counted before the terms are numbered afresh


def code_version() -> str:
    return source_digest(_CODE)


@dataclass
class Kept:
    """What a build found in the file: its numbering (``""`` for none), the terms, and the counts by key."""

    numbering: str = ""
    terms: list[str] = field(default_factory=list)
    counts: dict[str, Counted] = field(default_factory=dict)
    damaged: set[str] = field(default_factory=set)  # stored keys whose rows did not read back: written again
    unreadable: bool = False  # the file could not be read: it is written afresh


def _stores(path: str) -> tuple[KeyedStore, KeyedStore]:
    """The numberings (terms by number, as JSON) and the counts, two tables of one file."""
    return (KeyedStore(path, "numberings", ("terms TEXT NOT NULL",)),
            KeyedStore(path, "counted", ("ids BLOB NOT NULL", "counts BLOB NOT NULL")))  # fmt: skip


def _connect(path: str) -> sqlite3.Connection:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    db = sqlite3.connect(path, isolation_level=None)  # transactions are begun here, explicitly
    for store in _stores(path):
        store.create(db)
    return db


def _read(ids_blob: bytes, counts_blob: bytes, terms: int) -> Counted | None:
    ids, counts = array("i"), array("f")
    try:
        ids.frombytes(ids_blob)
        counts.frombytes(counts_blob)
    except (TypeError, ValueError):
        return None
    if len(ids) != len(counts) or (ids and (min(ids) < 0 or max(ids) >= terms)):
        return None
    return ids, counts


def _terms(text: str) -> list[str] | None:
    try:
        terms = json.loads(text)
    except ValueError:
        return None
    return terms if isinstance(terms, list) and all(isinstance(t, str) for t in terms) else None


def load(path: str | None, version: str) -> Kept:
    if not path or not os.path.exists(path):
        return Kept()
    prefix = f"{version}:"
    numberings_table, counted_table = _stores(path)
    try:
        db = _connect(path)
        try:
            db.execute("BEGIN")  # the numbering and the rows from one state of the file
            numberings = db.execute("SELECT * FROM numberings WHERE substr(key, 1, ?) = ?",
                                    (len(prefix), prefix)).fetchall()  # fmt: skip
            checked = [values for row in numberings if (values := numberings_table.verified(row)) is not None]
            if len(numberings) != 1 or len(checked) != 1 or (terms := _terms(checked[0][0])) is None:
                return Kept()
            numbering = numberings[0][0][len(prefix) :]
            row_prefix = f"{prefix}{numbering}:"
            rows = db.execute("SELECT * FROM counted WHERE substr(key, 1, ?) = ?",
                              (len(row_prefix), row_prefix)).fetchall()  # fmt: skip
            db.execute("COMMIT")
        finally:
            db.close()
    except (sqlite3.DatabaseError, ValueError, OSError) as exc:  # ValueError: text that is not UTF-8
        notice(path, f"could not be read ({exc})")
        return Kept(unreadable=True)
    found, damaged = {}, set()
    for row in rows:
        values = counted_table.verified(row)
        if values is not None and (counted := _read(*values, len(terms))) is not None:
            found[row[0][len(row_prefix) :]] = counted
        else:
            damaged.add(row[0])  # counted again, and stored in its place
    return Kept(numbering, terms, found, damaged)


def _numbering_id(terms: list[str]) -> str:
    return hashlib.sha256("\n".join(terms).encode()).hexdigest()[:16]


def renumbered(counts: dict[str, Counted], terms: list[str]) -> tuple[list[str], dict[str, Counted]]:
    """Only the terms ``counts`` use, in term order, and the counts numbered in them (pure)."""
    used = sorted(set().union(*(ids for ids, _ in counts.values())), key=terms.__getitem__)
    number = [0] * len(terms)
    for new, old in enumerate(used):
        number[old] = new
    return [terms[t] for t in used], {
        key: (array("i", map(number.__getitem__, ids)), values) for key, (ids, values) in counts.items()
    }


def _write(db: sqlite3.Connection, path: str, prefix: str, terms: list[str], used: dict[str, Counted],
           damaged: set[str]) -> None:  # fmt: skip
    """Make the file hold the numbering ``prefix`` of ``terms`` and exactly the rows of ``used`` under it."""
    numberings, counted = _stores(path)
    numberings.sync(db, [prefix], lambda _: (json.dumps(terms, ensure_ascii=False),), stale=[prefix])
    rows = {f"{prefix}:{key}": counts for key, counts in used.items()}
    counted.sync(db, rows, lambda key: (rows[key][0].tobytes(), rows[key][1].tobytes()), stale=damaged)


def _save_in(db: sqlite3.Connection, path: str, version: str, kept: Kept, terms: list[str],
             used: dict[str, Counted], afresh: bool) -> None:  # fmt: skip
    db.execute("BEGIN IMMEDIATE")
    if kept.numbering:
        row = db.execute("SELECT terms FROM numberings WHERE key = ?", (f"{version}:{kept.numbering}",))
        stored = row.fetchone()
        afresh = afresh or stored is None or _terms(stored[0]) != kept.terms  # its numbers may mean others
    if afresh:
        terms, used = renumbered(used, terms)
    numbering = kept.numbering if kept.numbering and not afresh else _numbering_id(terms)
    _write(db, path, f"{version}:{numbering}", terms, used, kept.damaged)
    db.execute("COMMIT")


def save(path: str | None, version: str, kept: Kept, term_counts: TermCounts, counted_terms: int) -> None:
    """Keep exactly the counts this build used; nothing is written when those were all known.

    ``counted_terms``: how many terms this build's documents count (the rest of the numbering
    is only what earlier builds counted). When the file's numbering is no longer the one this
    build loaded (another build saved in between), the counts go under a numbering of their own.
    """
    if not path:
        return
    terms, used = term_counts.terms, term_counts.used
    afresh = len(terms) > 2 * counted_terms + SLACK
    if not afresh and used.keys() == kept.counts.keys() and len(terms) == len(kept.terms):
        return

    def write() -> None:
        db = _connect(path)
        try:
            _save_in(db, path, version, kept, terms, used, afresh)
        finally:
            db.close()

    said = kept.unreadable  # said when it was read

    def say(what: str) -> None:
        if not said:
            notice(path, what)

    write_sqlite(path, write, kept.unreadable, say)
    remove_file(os.path.join(os.path.dirname(path), _EARLIER_FILE))
