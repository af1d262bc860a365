"""The counting rules over the records of CDN and JSON logs (``formats.py``): the same rules, in the
same order, as ``Classifier.feed`` applies to a Combined line (pure).

Line numbers here are the file's own (header and blank lines included), so that a rejected
line or one dated after now is named where an editor finds it; ``lines read`` counts records.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .counting import (
    BAD_PATH,
    CACHE_LIMIT,
    COUNTED_STATUSES,
    MAX_LINE,
    METHOD,
    Classifier,
    Hit,
    Skip,
    Tally,
    client_id,
    unusual,
)
from .formats import CloudFront, JsonLines


class RecordFeed:
    """Feeds the lines of one file in a CDN or JSON format to a classifier, block after block."""

    def __init__(self, classifier: Classifier, reader: JsonLines | CloudFront, source: str) -> None:
        self.classifier, self.reader, self.source = classifier, reader, source
        self.line = 0  # the file's line number of the last line fed
        self.checked = False  # the first record has been held to the format (FormatError otherwise)
        self.meanings: dict[tuple[str, str], Any] = {}
        self.clients: dict[tuple[str, str | None], int] = {}

    def client(self, ip: str, agent: str | None) -> int:
        found = self.clients.get((ip, agent))
        if found is None:
            if len(self.clients) > CACHE_LIMIT:
                self.clients.clear()
            found = self.clients[(ip, agent)] = client_id(self.classifier.rules.salt, ip, agent or "")
        return found

    def feed(self, lines: Sequence[bytes] | Sequence[str], tally: Tally) -> list[Hit]:
        hits: list[Hit] = []
        classifier, reader, source = self.classifier, self.reader, self.source
        rules, skips = classifier.rules, tally.skipped
        for raw in lines:
            self.line += 1
            if raw.__class__ is str and 0 < len(raw) <= MAX_LINE and not raw[0].isspace():  # the usual line
                reason, text = "", raw
            else:
                reason, text = unusual(raw)
            if reason == "blank":
                continue
            if not reason and text.startswith("#") and isinstance(reader, CloudFront):
                reader.header(text, source, self.line)
                continue
            tally.lines += 1
            if not reason and not self.checked:
                reader.first(text, source, self.line)
                self.checked = True
            record = reason or reader(text)
            if isinstance(record, str):
                tally.reject(record, source, self.line)
                continue
            ip, moment, method, target, status, agent = record
            if classifier.is_bot(agent):
                skips["bot"] += 1
                continue
            meaning = self.meanings.get((method, target))
            if meaning is None:
                if len(self.meanings) > CACHE_LIMIT:
                    self.meanings.clear()
                meaning = self.meanings[(method, target)] = classifier.target_meaning(method, target)
            if meaning.__class__ is not Skip and status in COUNTED_STATUSES:
                if moment < rules.not_before:
                    skips["too_old"] += 1
                elif moment > rules.not_after:
                    tally.future.add(source, self.line)
                else:
                    hits.append((moment, meaning, self.client(ip, agent)))
            elif meaning is METHOD:
                skips["method"] += 1
            elif status not in COUNTED_STATUSES:
                skips["status"] += 1
            elif meaning is BAD_PATH:
                tally.reject("bad_path", source, self.line)
            else:
                skips["not_article"] += 1
        tally.hits += len(hits)
        return hits
