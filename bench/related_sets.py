"""Generated evaluation sets for the related plugin: each reproduces one way related lists go wrong on real news.

    .venv/bin/python -m bench.related_sets [--seed 25] [--write DIR]

Four sets, each a list of ``Doc`` and the story of each (``None``: an article in no story),
made in memory from templates and a seeded vocabulary (``bench/related_words.py``), the
same bytes for the same seed on every machine:

- ``pages``: long scraped pages (about 1,500 words) with no tags and one date, where the
  story's key name is rare and each outlet repeats its furniture ("hide caption", share
  bars, its own box of related links) on every page;
- ``outlets``: full articles with standfirsts and dates whose only tag is the publisher's
  domain, which unrelated stories share;
- ``headlines``: headlines only, 25 per story from many outlets within minutes, with the
  generic words of headline writing ("technology", "lead") rarer than the story's name;
- ``events``: the same actor and topic, different events weeks apart (two tests and a
  launch), which only the event's own names, figures and dates tell apart.

``--write DIR`` writes each set as Markdown sources and a ``stories.json`` to look at.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from related.model import Doc  # noqa: E402

from bench import related_words as W  # noqa: E402

DAY = 86400.0
START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC).timestamp()
EvalSet = tuple[list[Doc], dict[str, str | None]]


@dataclass(frozen=True)
class Story:
    id: str
    topic: str
    name: str  # the key name: a spacecraft, a company, a bill
    org: str
    place: str
    num: str
    time: float


def _story(rng: random.Random, names: W.Names, number: int, topic: str, time: float, org: str = "") -> Story:
    org = org or f"{names.take(2)} {rng.choice(('Group', 'Systems', 'Agency', 'Holdings', 'Labs', 'Networks'))}"
    num = f"{rng.randint(2, 95)},{rng.randint(100, 999)}" if rng.random() < 0.5 else str(rng.randint(12, 900))
    return Story(f"s{number:02d}", topic, names.take(3), org, names.take(2), num, time)


def _fill(rng: random.Random, pattern: str, story: Story, **extra: str) -> str:
    words = W.TOPICS[story.topic][1]
    slots = {"name": story.name, "org": story.org, "place": story.place, "num": story.num,
             "w": rng.choice(words), "v": rng.choice(words), **extra}  # fmt: skip
    return pattern.format(**slots)


class _Cast:
    """The people, firms and towns one page mentions besides its story: each comes back a few times."""

    def __init__(self, rng: random.Random, names: W.Names, size: int = 3) -> None:
        self.rng = rng
        self.people = [f"{names.take(2)} {names.take(3)}" for _ in range(size)]
        self.others = [f"{names.take(2)} Partners" for _ in range(size)]
        self.towns = [names.take(2) for _ in range(size)]

    def sentence(self) -> str:
        pick = self.rng.randrange(len(self.people))
        return self.rng.choice(W.INCIDENTAL).format(
            person=self.people[pick], other=self.others[pick], town=self.towns[pick]
        )


def _sentences(
    rng: random.Random,
    story: Story,
    count: int,
    key_rate: float,
    cast: _Cast | None = None,
    asides: float = 0.0,
    topical: float = 0.5,
) -> list[str]:
    """``count`` sentences: the story's own (naming it) at ``key_rate``, asides naming people and places of
    of their own at ``asides`` (from ``cast``), else the topic's (a ``topical`` share of the rest) or any story's."""
    patterns = W.TOPICS[story.topic][2]
    own = [p for p in patterns if "{name}" in p or "{org}" in p or "{place}" in p]
    general = [p for p in patterns if p not in own]
    out = []
    for _ in range(count):
        roll = rng.random()
        if cast is not None and rng.random() < asides:
            out.append(cast.sentence())
        elif roll < key_rate:
            out.append(_fill(rng, rng.choice(own), story))
        elif roll < key_rate + (1 - key_rate) * topical:
            out.append(_fill(rng, rng.choice(general), story))
        else:
            out.append(rng.choice(W.FILLER))
    return out


def _paragraphs(sentences: list[str], rng: random.Random) -> list[str]:
    paragraphs, at = [], 0
    while at < len(sentences):
        size = rng.randint(2, 4)
        paragraphs.append(" ".join(sentences[at : at + size]))
        at += size
    return paragraphs


def _headline(rng: random.Random, story: Story, generic: float = 0.5, title_case: bool = False) -> str:
    pattern = rng.choice(W.HEADLINE_PATTERNS)
    g = rng.choice(W.HEADLINE_GENERIC) if rng.random() < generic else ""
    text = _fill(rng, pattern, story, verb=rng.choice(W.HEADLINE_VERBS), g=g)
    text = " ".join(text.replace(" :", ":").split()).strip(" :")
    text = text[0].upper() + text[1:]
    if title_case:
        text = re.sub(r"\b([a-z])", lambda m: m.group(1).upper(), text)
    return text


def _doc(set_name: str, slug: str, story: Story, title: str, time: float, **fields: object) -> Doc:
    section = W.TOPICS[story.topic][0]
    return Doc(key=f"{set_name}/{slug}.md", slug=slug, title=title, section=section, timestamp=time, **fields)  # type: ignore[arg-type]


def _stories(rng: random.Random, names: W.Names, count: int, spread_days: float) -> list[Story]:
    topics = sorted(W.TOPICS)
    return [
        _story(rng, names, i, topics[i % len(topics)], START + rng.random() * spread_days * DAY) for i in range(count)
    ]


def pages(seed: int, stories: int = 14, per_story: int = 5, singles: int = 20) -> EvalSet:
    """Long noisy pages: furniture and an outlet's link box on every page, the key name rare."""
    rng, names = random.Random(seed), W.Names(random.Random(seed + 1))
    made = _stories(rng, names, stories + singles, 1)
    outlets = []
    for furniture in W.FURNITURE:  # each outlet's box of links: its own headlines, on every page
        box = [_headline(rng, _story(rng, names, 90 + j, rng.choice(sorted(W.TOPICS)), START)) for j in range(4)]
        outlets.append((furniture, box))
    docs, story_of = [], {}
    for story in made:
        for n in range(per_story if story in made[:stories] else 1):
            furniture, box = outlets[rng.randrange(len(outlets))]
            body = []
            for paragraph in _paragraphs(
                _sentences(rng, story, 125, 0.03, _Cast(rng, names), asides=0.15, topical=0.2), rng
            ):
                body.append(paragraph)
                body.extend(rng.sample(furniture, rng.randint(0, 2)))
            body += ["Related links:", *box, *furniture]
            slug = f"{story.id}-page-{n}"
            docs.append(_doc("pages", slug, story, _headline(rng, story), START, text="\n\n".join(body)))
            story_of[docs[-1].key] = story.id if story in made[:stories] else None
    return docs, story_of


def outlets(seed: int, stories: int = 16, per_story: int = 5, singles: int = 30) -> EvalSet:
    """Full articles whose only tag is the publisher's domain; stories a few days long, across a season."""
    rng, names = random.Random(seed), W.Names(random.Random(seed + 2))
    made = _stories(rng, names, stories + singles, 120)
    docs, story_of = [], {}
    for story in made:
        members = per_story if story in made[:stories] else 1
        for n in range(members):
            key_rate = rng.choice((0.15, 0.3, 0.45))
            sentences = _sentences(rng, story, rng.randint(14, 30), key_rate, _Cast(rng, names), asides=0.1)
            slug = f"{story.id}-article-{n}"
            doc = _doc("outlets", slug, story, _headline(rng, story), story.time + rng.random() * 3 * DAY,
                       summary=_fill(rng, rng.choice(W.TOPICS[story.topic][2]), story),
                       text="\n\n".join(_paragraphs(sentences, rng)), tags=(rng.choice(W.OUTLETS),))  # fmt: skip
            docs.append(doc)
            story_of[doc.key] = story.id if members > 1 else None
    return docs, story_of


def headlines(seed: int, stories: int = 18, per_story: int = 25, singles: int = 40) -> EvalSet:
    """Headlines only, many outlets per story, minutes apart; some outlets write Title Case."""
    rng, names = random.Random(seed), W.Names(random.Random(seed + 3))
    made = _stories(rng, names, stories + singles, 60)
    docs, story_of = [], {}
    for story in made:
        members = per_story if story in made[:stories] else 1
        for n in range(members):
            outlet = rng.randrange(len(W.OUTLETS))
            title = _headline(rng, story, generic=0.5, title_case=outlet % 3 == 0)
            if rng.random() < 0.15:  # a headline that does not name the story: only its organisation or place
                title = _headline(rng, Story(story.id, story.topic, story.org, story.org, story.place, story.num, 0))
            slug = f"{story.id}-headline-{n}"
            doc = _doc("headlines", slug, story, title, story.time + rng.random() * 90 * 60,
                       tags=(W.OUTLETS[outlet],))  # fmt: skip
            docs.append(doc)
            story_of[doc.key] = story.id if members > 1 else None
    return docs, story_of


def events(seed: int, families: int = 4, per_event: int = 5, singles: int = 12) -> EvalSet:
    """One actor, one topic, three events weeks apart: each event is its own story."""
    rng, names = random.Random(seed), W.Names(random.Random(seed + 4))
    topics = sorted(W.TOPICS)
    docs, story_of = [], {}
    number = 0
    for f in range(families):
        topic, actor = topics[f % len(topics)], f"{names.take(3)} {rng.choice(('Ministry', 'Corporation', 'Agency'))}"
        begin, site, earlier = START + rng.random() * 30 * DAY, names.take(2), None
        for e, offset in enumerate((0, rng.randint(18, 30), rng.randint(40, 60))):
            story = _story(rng, names, number, topic, begin + offset * DAY, org=actor)
            story = dataclasses.replace(story, place=site if e < 2 else story.place)  # two events at one site
            number += 1
            for n in range(per_event):
                sentences = _sentences(rng, story, rng.randint(12, 22), 0.3, _Cast(rng, names), asides=0.1)
                if earlier is not None and rng.random() < 0.5:  # a follow-up recalls the actor's last event
                    sentences.insert(rng.randrange(len(sentences)), W.RECALL.format(earlier=earlier.name, org=actor))
                slug = f"f{f}-event{e}-{n}"
                summary = _fill(rng, "{org} and {name}: the latest {w} in {place}.", story)
                doc = _doc("events", slug, story, _headline(rng, story), story.time + rng.random() * 2 * DAY,
                           summary=summary, text="\n\n".join(_paragraphs(sentences, rng)),
                           tags=(rng.choice(W.OUTLETS), topic))  # fmt: skip
                docs.append(doc)
                story_of[doc.key] = story.id
            earlier = story
    for story in _stories(rng, names, singles, 90):
        doc = _doc("events", f"single-{story.id}", story, _headline(rng, story), story.time, tags=(story.topic,),
                   text=" ".join(_sentences(rng, story, 15, key_rate=0.3)))  # fmt: skip
        docs.append(doc)
        story_of[doc.key] = None
    return docs, story_of


SETS = {"pages": pages, "outlets": outlets, "headlines": headlines, "events": events}


def make_sets(seed: int = 25) -> dict[str, EvalSet]:
    """Every generated set by name."""
    return {name: make(seed) for name, make in SETS.items()}


def write(folder: Path, seed: int = 25) -> None:
    """Each set as Markdown sources the related plugin's small reader takes, with its stories."""
    for name, (docs, story_of) in make_sets(seed).items():
        out = folder / name
        out.mkdir(parents=True, exist_ok=True)
        for doc in docs:
            date = datetime.fromtimestamp(doc.timestamp, UTC).strftime("%Y-%m-%d %H:%M")
            head = [f"Title: {doc.title}", f"Date: {date}", f"Category: {doc.section}", f"Slug: {doc.slug}"]
            head += [f"Tags: {', '.join(doc.tags)}"] if doc.tags else []
            head += [f"Summary: {doc.summary}"] if doc.summary else []
            (folder / doc.key).write_text("\n".join(head) + "\n\n" + doc.text + "\n", encoding="utf-8")
        stories = {doc.slug: story_of[doc.key] for doc in docs}
        (out / "stories.json").write_text(json.dumps({"stories": stories}, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=25)
    parser.add_argument("--write", type=Path, required=True)
    arguments = parser.parse_args()
    write(arguments.write, arguments.seed)
