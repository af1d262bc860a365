"""Ranking again from the memo of an earlier build gives exactly what ranking from scratch gives."""

from __future__ import annotations

import dataclasses
import pickle
import random

import pytest
from related.index import build_index
from related.memo import affected
from related.model import DRAFT, Config, Doc
from related.scoring import rank, rank_again
from related.vectors import TermCounts

DAY = 86400.0
WORDS = [f"w{i}" for i in range(90)] + ["kernel", "patch", "chip", "cloud", "breach", "merger", "outage"]
TAGS = ["ai", "chips", "law", "cloud", "security", "5g"]


def corpus(seed: int, size: int = 80) -> list[Doc]:
    rng = random.Random(seed)
    docs = []
    for i in range(size):
        docs.append(Doc(
            key=f"articles/s{i}.md", slug=f"story-{i}", title=" ".join(rng.choices(WORDS, k=5)),
            summary=" ".join(rng.choices(WORDS, k=8)), text=" ".join(rng.choices(WORDS, k=rng.randrange(5, 60))),
            tags=tuple(rng.sample(TAGS, rng.randrange(0, 3))), section=rng.choice(["Security", "Cloud", "Chips"]),
            timestamp=1_767_225_600.0 + rng.randrange(200) * DAY, status=DRAFT if i % 17 == 5 else "published",
            pins=(f"story-{rng.randrange(size)}",) if i % 11 == 3 else (),
        ))  # fmt: skip
    return docs


def _edit(docs: list[Doc], rng: random.Random) -> list[Doc]:
    docs = list(docs)
    i = rng.randrange(len(docs))
    kind = rng.choice(["text", "text", "text", "new word", "drop words", "summary", "pins", "title", "tags", "add",
                       "delete", "two texts"])  # fmt: skip
    if kind in ("text", "two texts"):
        for j in (i, rng.randrange(len(docs))) if kind == "two texts" else (i,):
            docs[j] = dataclasses.replace(docs[j], text=docs[j].text + " " + " ".join(rng.choices(WORDS, k=4)))
    elif kind == "new word":
        docs[i] = dataclasses.replace(docs[i], text=docs[i].text + f" brandnew{rng.randrange(10**6)}")
    elif kind == "drop words":
        docs[i] = dataclasses.replace(docs[i], text=" ".join(docs[i].text.split()[::2]))
    elif kind == "summary":
        docs[i] = dataclasses.replace(docs[i], summary=" ".join(rng.choices(WORDS, k=6)))
    elif kind == "pins":
        docs[i] = dataclasses.replace(docs[i], pins=(f"story-{rng.randrange(len(docs))}", "no-such-story"))
    elif kind == "title":
        docs[i] = dataclasses.replace(docs[i], title="A new headline about the kernel patch")
    elif kind == "tags":
        docs[i] = dataclasses.replace(docs[i], tags=("security",))
    elif kind == "add":
        n = rng.randrange(10**9)
        docs.append(dataclasses.replace(docs[i], key=f"articles/new{n}.md", slug=f"new-{n}"))
    elif kind == "delete":
        del docs[i]
    return docs


@pytest.mark.parametrize("seed", range(12))
def test_ranking_again_after_a_series_of_edits_equals_ranking_from_scratch(seed: int) -> None:
    rng = random.Random(seed)
    config = Config(count=4, max_postings=6, terms_per_article=7)  # small caps: windows and cuts matter
    docs = corpus(seed)
    counts = TermCounts()
    ranking, memo = rank_again(docs, config, counts)
    assert ranking == rank(docs, config, reasons=False)
    for _ in range(8):
        docs = _edit(docs, rng)
        counts = TermCounts(counts.used, counts.terms)  # as the build keeps them
        ranking, memo = rank_again(docs, config, counts, memo)
        assert ranking == rank(docs, config, reasons=False)


def test_an_edited_body_ranks_only_the_lists_it_can_change() -> None:
    config = Config(count=4, max_postings=6, terms_per_article=7)
    docs = corpus(3, size=200)
    _, memo = rank_again(docs, config)
    edited = list(docs)
    edited[10] = dataclasses.replace(docs[10], text=docs[10].text + " unheardofword kernel")
    ranking, again_memo = rank_again(edited, config, memo=memo)
    assert ranking == rank(edited, config, reasons=False)
    index = build_index(edited, config)
    vectors = [again_memo.vector(d) for d in range(len(edited))]
    again = affected(memo, config, index, vectors)
    assert again is not None and 0 < len(again) < len(edited) // 2
    unchanged = build_index(docs, config)
    assert affected(memo, config, unchanged, [memo.vector(d) for d in range(len(docs))]) == set()
    assert affected(memo, Config(count=5), index, vectors) is None  # other settings: everything
    retitled = [dataclasses.replace(d, title="Other") if d.key == docs[0].key else d for d in edited]
    assert affected(memo, config, build_index(retitled, config), vectors) is None  # headlines are read by others


def test_vectors_are_kept_for_documents_whose_terms_kept_their_weight() -> None:
    config = Config(terms_per_article=7)
    docs = corpus(5, size=150)
    _, memo = rank_again(docs, config)
    same = build_index(docs, config, known=memo.vectors)
    assert same.reused == len(docs) and same.vectors == build_index(docs, config).vectors
    edited = list(docs)
    edited[7] = dataclasses.replace(docs[7], text=docs[7].text + " unheardofword")
    index = build_index(edited, config, known=memo.vectors)
    assert 0 < index.reused < len(docs)  # the edited story, and none whose terms changed weight
    assert index.vectors == build_index(edited, config).vectors


def test_the_memo_file_round_trips_and_anything_else_reads_as_none(tmp_path, monkeypatch, caplog) -> None:
    from related import memo_file  # noqa: PLC0415

    _, memo = rank_again(corpus(1, size=30), Config())
    path = str(tmp_path / "cache" / memo_file.FILE_NAME)
    assert memo_file.load(path) is None  # missing
    memo_file.save(path, memo)
    assert memo_file.load(path) == memo
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [memo_file.FILE_NAME]  # no temporary left
    assert (tmp_path / "cache" / memo_file.FILE_NAME).stat().st_mode & 0o777 == 0o644
    monkeypatch.setattr(memo_file, "code_version", lambda: "another version")
    assert memo_file.load(path) is None  # written by other ranking code
    monkeypatch.undo()
    assert caplog.records == []  # an upgrade is not worth a word
    text = (tmp_path / "cache" / memo_file.FILE_NAME).read_text()
    (tmp_path / "cache" / memo_file.FILE_NAME).write_text(text.replace('"story-1"', '"story-2"', 1))
    assert memo_file.load(path) is None  # does not match its checksum
    (tmp_path / "cache" / memo_file.FILE_NAME).write_bytes(pickle.dumps(memo))
    assert memo_file.load(path) is None
    assert len(caplog.records) == 2 and all("made again" in r.getMessage() for r in caplog.records)
    (tmp_path / "cache" / "related-memo.pickle").write_bytes(pickle.dumps(memo))  # as earlier versions kept it
    memo_file.save(path, memo)
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [memo_file.FILE_NAME]  # never read, removed
    (tmp_path / "file").write_text("x")
    memo_file.save(str(tmp_path / "file" / "sub" / memo_file.FILE_NAME), memo)  # cannot be written: no error


def test_the_memo_of_a_large_ranking_round_trips_through_json() -> None:
    from related.memo_codec import decode, encode  # noqa: PLC0415

    docs = corpus(3, size=200)
    _, memo = rank_again(docs, Config(field_weights={"title": 2, "summary": 1.5, "body": 1}))
    again = decode(encode(memo))
    assert again == memo
    explained = rank(docs, memo.config)  # with the reasons behind each link
    assert any(link.shared_terms for links in explained.lists.values() for link in links)
    with_reasons = dataclasses.replace(memo, lists=tuple(explained.lists[str(shape[0])] for shape in memo.shapes))
    assert decode(encode(with_reasons)) == with_reasons
    assert all(type(a) is type(b) for a, b in zip(again.lists[0], memo.lists[0], strict=True))
    edited = list(docs)
    edited[5] = dataclasses.replace(docs[5], text=docs[5].text + " kernel kernel")
    assert rank_again(edited, memo.config, memo=again) == rank_again(edited, memo.config, memo=memo)


def _numbers(data: dict, name: str, code: str, change) -> None:
    """Change the machine array ``name`` of an encoded memo through ``change`` (a list in, a list out)."""
    from related.packed import packed, unpacked  # noqa: PLC0415

    data[name] = packed(code, change(list(unpacked(data, name, code, swap=False))))


@pytest.mark.parametrize(
    "change",
    [
        lambda d: _numbers(d, "link_to", "i", lambda v: [999, *v[1:]]),  # a link to no story of the memo
        lambda d: _numbers(d, "link_score", "d", lambda v: v[:-1]),  # a link cut short
        lambda d: _numbers(d, "link_kind", "i", lambda v: [7, *v[1:]]),
        lambda d: _numbers(d, "link_spans", "i", lambda v: [v[0] + 1, *v[1:]]),  # lists that do not add up
        lambda d: _numbers(d, "shortlists", "i", lambda v: [-1, *v[1:]]),
        lambda d: _numbers(d, "shortlist_spans", "i", lambda v: v[:-1]),  # one story short
        lambda d: _numbers(d, "vector_terms", "i", lambda v: [len(d["terms"]), *v[1:]]),  # no such term
        lambda d: _numbers(d, "vector_weights", "d", lambda v: v[:-1]),  # a vector shorter than its terms
        lambda d: _numbers(d, "story_times", "d", lambda v: v[:-1]),
        lambda d: _numbers(d, "story_tag_spans", "i", lambda v: [v[0] + 1, *v[1:]]),
        lambda d: d.update(link_to=d["link_to"][:-2] + "!="),  # not base64
        lambda d: d.update(counts_keys=d["counts_keys"][:-1]),  # a story without its vector
        lambda d: d["config"].update(count="4"),
        lambda d: d.update(story_statuses=[7 for _ in d["story_statuses"]]),
        lambda d: d.update(story_keys=[d["story_keys"][0]] * len(d["story_keys"])),  # one story, many times
        lambda d: d.update(problems=[[["a", "b"]] for _ in d["problems"]]),
        lambda d: d.update(link_reasons=[[0, [["tag", "heavy"]], []]]),
        lambda d: d.update(byteorder="middle"),
        lambda d: d.pop("df"),
    ],
)
def test_anything_but_a_memo_is_unreadable(change) -> None:
    import json  # noqa: PLC0415

    from related.memo_codec import Unreadable, decode, encode  # noqa: PLC0415

    _, memo = rank_again(corpus(2, size=40), Config())
    data = json.loads(encode(memo))
    assert decode(json.dumps(data)) == memo
    change(data)
    with pytest.raises(Unreadable):
        decode(json.dumps(data))
