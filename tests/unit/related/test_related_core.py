"""The related plugin's pure core: weighting, ranking, pins, exclusions, fallback, ties and determinism."""

from __future__ import annotations

import dataclasses
import os
import random
import subprocess
import sys
from array import array
from bisect import bisect_left

import pytest
from related.index import build_index, window_start
from related.model import DRAFT, FALLBACK, HIDDEN, LATEST, PINNED, SCORED, Config, Doc
from related.scoring import closeness, rank
from related.vectors import machine_array
from support.builds import FIXTURES, ROOT
from support.related import DAY, START, doc

EVAL = FIXTURES / "related_eval" / "articles"


def slugs(ranking, slug: str) -> list[str]:
    return [link.slug for link in ranking.lists[f"articles/{slug}.md"]]


def kinds(ranking, slug: str) -> list[str]:
    return [link.kind for link in ranking.lists[f"articles/{slug}.md"]]


FERRY = "Harbourline ferry ransomware attack delays sailings at Kirkwall and Lerwick terminals"
DATABASE = "GlimmerDB database authentication bypass lets attackers skip the password handshake"
SATELLITE = "Kestrel weather satellite breaks apart in orbit leaving debris fragments"
FILLER = [
    "Quarterly results beat expectations as subscriptions grew",
    "New laptop ships with a brighter display and longer battery",
    "Council approves budget for library renovation downtown",
    "Football club signs striker on a three year contract",
    "Bakery chain opens twelve shops across the north",
    "Museum unveils restored tapestry after decade of work",
]


def newsroom() -> list[Doc]:
    """Three stories of three articles each, plus unrelated filler, all tagged 'security'."""
    docs = []
    for story, text in (("ferry", FERRY), ("db", DATABASE), ("sat", SATELLITE)):
        for i in range(3):
            docs.append(doc(f"{story}-{i}", f"{text} update {i}", day=10 * len(docs) + i, tags=["security"]))
    for i, text in enumerate(FILLER):
        docs.append(doc(f"filler-{i}", text, day=3 + i, tags=["security"]))
    return docs


# -- weighting -------------------------------------------------------------------------------------


def test_rare_tags_weigh_more_than_common_ones() -> None:
    docs = [
        doc(f"a{i}", tags=["common"] + (["rare"] if i < 2 else []) + (["half"] if i % 2 else [])) for i in range(10)
    ]
    index = build_index(docs, Config())
    weight = dict(zip(index.tags, index.tag_weight, strict=True))
    assert weight["common"] == 0  # on every article: says nothing
    assert weight["rare"] > weight["half"] > weight["common"]
    assert weight["half"] == pytest.approx(0.301, abs=0.001)  # ln(10/5) / ln(10)


def test_postings_are_published_articles_oldest_first_ties_by_number() -> None:
    docs = [
        doc("d-late", "zanzibar", day=9, tags=["ferry"]),
        doc("c-same", "zanzibar", day=2, tags=["ferry"]),
        doc("b-draft", "zanzibar", day=1, tags=["ferry"], status=DRAFT),
        doc("a-same", "zanzibar", day=2, tags=["ferry"]),
        doc("e-early", "zanzibar", day=0),
        doc("f-other", "kirkwall", day=3),
    ]
    index = build_index(docs, Config())
    slugs_of = [d.slug for d in index.docs]  # numbered in slug order
    t = index.terms.index("zanzibar")
    term = index.postings[t]
    assert [slugs_of[d] for d in term.docs] == ["e-early", "a-same", "c-same", "d-late"]
    assert list(term.times) == [START, START + 2 * DAY, START + 2 * DAY, START + 9 * DAY]
    assert term.weights == [dict(zip(*index.vectors[d], strict=True))[t] for d in term.docs]
    tag = index.tag_postings[index.tags.index("ferry")]
    assert [slugs_of[d] for d in tag.docs] == ["a-same", "c-same", "d-late"]
    assert tag.weights == [index.tag_weight[index.tags.index("ferry")]] * 3


def test_each_vector_is_kept_once_and_its_postings_share_its_objects() -> None:
    docs = [doc(f"s{n}", f"zanzibar ferry kirkwall harbour number{n}", day=n) for n in range(4)]
    index = build_index(docs, Config())
    for d, (ids, weights) in enumerate(index.vectors):
        assert type(ids) is list and type(weights) is list  # one copy, read as lists by scoring
        for t, w in zip(ids, weights, strict=True):
            postings = index.postings[t]
            place = postings.docs.index(d)
            assert postings.weights[place] is w  # the same float object, not a second copy
            assert next(n for n in index.postings if n == t) is t  # one int object per term number
    terms, weights = index.term_vectors()[0]
    assert weights == array("d", index.vectors[0][1]) and terms[0] in index.terms


def test_window_start_centres_on_the_time_and_stays_inside() -> None:
    times = array("d", range(0, 100, 10))  # 0, 10, ..., 90
    assert window_start(times, 45.0, 4) == 3  # 50 is the first at or after 45: two before it, two from it
    assert window_start(times, 50.0, 4) == 3
    assert window_start(times, -5.0, 4) == 0  # before the first: the oldest four
    assert window_start(times, 10.0, 4) == 0
    assert window_start(times, 500.0, 4) == 6  # after the last: the newest four
    assert window_start(times, 85.0, 4) == 6
    for time in range(-20, 120):  # the same as clamping with min and max
        expected = min(max(0, bisect_left(times, time) - 2), len(times) - 4)
        assert window_start(times, float(time), 4) == expected


def test_machine_arrays_hold_the_numbers_array_would() -> None:
    counts = [1.0, 3.0, 2.7, -0.9 * 2, 1e-9, 123456.789]
    assert machine_array("f", counts) == array("f", counts)
    assert machine_array("i", [0, 7, 2**31 - 1]) == array("i", [0, 7, 2**31 - 1])
    assert machine_array("d", []) == array("d")


def test_tags_compare_case_insensitively() -> None:
    ranking = rank([doc("a", tags=["Harbourline Attack"]), doc("b", tags=["harbourline  attack"]), doc("c")], Config())
    assert ranking.lists["articles/a.md"][0].shared_tags[0][0] == "harbourline attack"


def test_tfidf_ignores_words_on_every_article_and_favours_rare_shared_words() -> None:
    docs = [
        doc("a", "cloud outage today zanzibar"),
        doc("b", "cloud outage again zanzibar"),
        doc("c", "cloud outage elsewhere"),
        doc("d", "cloud outage somewhere"),
    ]
    index = build_index(docs, Config())
    vector_terms = {index.terms[t] for ids, _ in index.vectors for t in ids}
    assert "cloud" not in vector_terms and "outage" not in vector_terms  # idf 0
    ranking = rank(docs, Config())
    assert slugs(ranking, "a")[0] == "b"
    assert ranking.lists["articles/a.md"][0].shared_terms == ("zanzibar",)


def test_vectors_are_unit_length_and_cut_to_the_strongest_terms() -> None:
    docs = [doc("a", " ".join(f"word{i}x" for i in range(50))), doc("b", "other text entirely")]
    index = build_index(docs, Config(terms_per_article=7))
    ids, weights = index.vectors[0]
    assert len(ids) == 7
    assert sum(w * w for w in weights) == pytest.approx(1.0)


def test_headline_counts_more_than_body() -> None:
    docs = [
        doc("subject", title="Zircon merger approved", text="regulators approved it"),
        doc("title-match", title="Zircon merger faces vote", text="shareholders vote soon"),
        doc("body-match", title="Shareholders vote soon", text="the zircon merger faces a vote"),
        doc("noise", title="Weather", text="rain again"),
    ]
    ranking = rank(docs, Config(weight_time=0, weight_section=0))
    assert slugs(ranking, "subject")[:2] == ["title-match", "body-match"]


def test_closeness_halves_every_half_life_and_is_symmetric() -> None:
    assert closeness(0, 30) == 1
    assert closeness(30, 30) == pytest.approx(0.5)
    assert closeness(-60, 30) == pytest.approx(0.25)
    assert closeness(1, 30) > closeness(10, 30) > closeness(100, 30)


def test_nearer_in_time_ranks_first_when_evidence_is_equal() -> None:
    docs = [
        doc("subject", "glimmerdb flaw", day=100, title="Kappa"),
        doc("far", "glimmerdb flaw", day=10, title="Lambda"),
        doc("near", "glimmerdb flaw", day=97, title="Sigma"),
        doc("x", "unrelated words here", day=50, title="Omega"),
    ]
    links = rank(docs, Config(min_score=0)).lists["articles/subject.md"]
    assert [link.slug for link in links[:2]] == ["near", "far"]
    assert links[0].score > links[1].score > 0
    assert links[0].text == pytest.approx(links[1].text)


def test_time_and_section_alone_never_make_articles_related() -> None:
    docs = [doc("a", "ferry strike ends", day=1), doc("b", "chip plant opens", day=1), doc("c", "rocket launch", day=1)]
    ranking = rank(docs, Config(weight_time=100, weight_section=100))
    assert kinds(ranking, "a") == [FALLBACK, FALLBACK]
    assert all(link.score == 0 for link in ranking.lists["articles/a.md"])


def test_same_section_breaks_equal_evidence() -> None:
    docs = [
        doc("subject", "kestrel satellite debris", section="Science"),
        doc("other-section", "kestrel satellite debris", section="Telco"),
        doc("same-section", "kestrel satellite debris", section="Science"),
        doc("x", "bakery opens"),
    ]
    assert slugs(rank(docs, Config()), "subject")[:2] == ["same-section", "other-section"]


def test_weak_evidence_under_the_minimum_goes_to_the_fallback() -> None:
    docs = [doc("a", "alpha beta gamma delta epsilon zeta"), doc("b", "alpha x y z w v u"), doc("c", "q r s")]
    assert kinds(rank(docs, Config(min_score=0.0001)), "a")[0] == SCORED
    assert kinds(rank(docs, Config(min_score=0.9)), "a") == [FALLBACK, FALLBACK]


# -- the list ----------------------------------------------------------------------------------------


def test_follow_ups_of_the_same_story_come_first() -> None:
    ranking = rank(newsroom(), Config(count=4))
    for story in ("ferry", "db", "sat"):
        for i in range(3):
            listed = slugs(ranking, f"{story}-{i}")
            assert sorted(listed[:2]) == sorted(f"{story}-{j}" for j in range(3) if j != i)
            assert len(listed) == 4


def test_never_lists_itself_a_draft_a_hidden_article_or_a_headline_twice() -> None:
    docs = [
        doc("subject", FERRY, day=5),
        doc("draft", FERRY, day=5, status=DRAFT),
        doc("hidden", FERRY, day=5, status=HIDDEN),
        doc("copy-a", FERRY + " copy", day=4, title="Ferry attack"),
        doc("copy-b", FERRY + " copy", day=4, title="Ferry  ATTACK"),
        doc("subject-twin", FERRY, day=5, title="subject"),
        *(doc(f"other-{i}", FILLER[i], day=i) for i in range(4)),
    ]
    ranking = rank(docs, Config(count=4))
    listed = slugs(ranking, "subject")
    assert "subject" not in listed and "subject-twin" not in listed
    assert "draft" not in listed and "hidden" not in listed
    assert ("copy-a" in listed) != ("copy-b" in listed)
    assert len(listed) == len(set(listed)) == 4
    for links in ranking.lists.values():
        assert not {"draft", "hidden"} & {link.slug for link in links}


def test_drafts_and_hidden_articles_get_lists_of_their_own() -> None:
    docs = [doc("draft", FERRY, status=DRAFT), doc("hidden", FERRY, status=HIDDEN), doc("a", FERRY), doc("b", "x")]
    ranking = rank(docs, Config())
    assert slugs(ranking, "draft")[0] == "a"
    assert slugs(ranking, "hidden")[0] == "a"


def test_fallback_fills_with_latest_in_section_then_latest_on_site() -> None:
    docs = [
        doc("subject", "one two", day=5, section="Telco"),
        doc("telco-old", "three four", day=1, section="Telco"),
        doc("telco-new", "five six", day=3, section="Telco"),
        doc("cloud-newest", "seven eight", day=9, section="Cloud"),
        doc("cloud-old", "nine ten", day=2, section="Cloud"),
        doc("draft", "eleven", day=10, section="Telco", status=DRAFT),
    ]
    ranking = rank(docs, Config(count=4))
    assert slugs(ranking, "subject") == ["telco-new", "telco-old", "cloud-newest", "cloud-old"]
    assert kinds(ranking, "subject") == [FALLBACK, FALLBACK, LATEST, LATEST]


def test_list_is_full_when_the_site_has_enough_articles_and_short_only_when_not() -> None:
    docs = newsroom()
    for count in (1, 4, 8, 11):
        ranking = rank(docs, Config(count=count))
        assert {len(links) for links in ranking.lists.values()} == {min(count, len(docs) - 1)}


def test_scored_candidates_come_before_the_fallback() -> None:
    docs = [doc("a", FERRY, day=1), doc("b", FERRY, day=0), doc("c", "bakery", day=9), doc("d", "museum", day=8)]
    ranking = rank(docs, Config(count=3))
    assert slugs(ranking, "a") == ["b", "c", "d"]
    assert kinds(ranking, "a") == [SCORED, FALLBACK, FALLBACK]


def test_empty_corpus_and_single_article() -> None:
    assert rank([], Config()).lists == {}
    single = rank([doc("only", FERRY, pins=())], Config())
    assert single.lists == {"articles/only.md": ()}
    assert single.problems == ()


def test_keys_must_be_unique() -> None:
    with pytest.raises(ValueError, match="unique key"):
        rank([doc("a"), doc("a")], Config())


# -- pins ------------------------------------------------------------------------------------------


def test_pins_come_first_in_the_editors_order_and_are_not_repeated_by_scoring() -> None:
    docs = newsroom()
    docs[0] = dataclasses.replace(docs[0], pins=("filler-3", "ferry-2", "filler-3"))
    ranking = rank(docs, Config(count=4))
    assert slugs(ranking, "ferry-0")[:3] == ["filler-3", "ferry-2", "ferry-1"]
    assert kinds(ranking, "ferry-0")[:2] == [PINNED, PINNED]
    assert len(set(slugs(ranking, "ferry-0"))) == 4
    assert ranking.problems == ()


def test_pins_beyond_the_count_are_all_kept() -> None:
    docs = newsroom()
    pins = tuple(f"filler-{i}" for i in range(6))
    docs[0] = dataclasses.replace(docs[0], pins=pins)
    assert slugs(rank(docs, Config(count=4)), "ferry-0") == list(pins)


def test_a_pin_may_name_a_hidden_article() -> None:
    docs = [doc("a", pins=("hidden",)), doc("hidden", status=HIDDEN), doc("b")]
    assert slugs(rank(docs, Config()), "a")[0] == "hidden"


def test_unknown_self_and_draft_pins_are_problems_naming_the_file() -> None:
    docs = [
        doc("a", pins=("no-such-story", "a", "draft", "b")),
        doc("b"),
        doc("draft", status=DRAFT),
        doc("c", pins=("missing",)),
    ]
    ranking = rank(docs, Config())
    messages = [(p.key, p.message) for p in ranking.problems]
    assert messages == [
        ("articles/a.md", "no article has the slug 'no-such-story'."),
        ("articles/a.md", "'a' is this article itself."),
        ("articles/a.md", "'draft' is a draft; drafts are never listed."),
        ("articles/c.md", "no article has the slug 'missing'."),
    ]
    assert all(p.fix for p in ranking.problems)
    assert slugs(ranking, "a")[0] == "b"  # the good pin still counts


def test_a_slug_used_in_two_months_pins_the_article_nearest_in_time() -> None:
    docs = [
        doc("subject", day=100, pins=("weekly",)),
        Doc(key="2026/01/weekly.md", slug="weekly", title="Weekly 1", timestamp=START + 10 * DAY),
        Doc(key="2026/04/weekly.md", slug="weekly", title="Weekly 2", timestamp=START + 95 * DAY),
    ]
    assert rank(docs, Config()).lists["articles/subject.md"][0].key == "2026/04/weekly.md"


# -- ties and determinism ------------------------------------------------------------------------------


def test_ties_are_broken_by_slug() -> None:
    docs = [doc("subject", FERRY), doc("zulu", FERRY), doc("alpha", FERRY), doc("mike", FERRY), doc("x", "bakery")]
    links = rank(docs, Config(count=3)).lists["articles/subject.md"]
    assert [link.slug for link in links] == ["alpha", "mike", "zulu"]
    assert links[0].score == links[1].score == links[2].score


def test_fallback_ties_are_broken_by_slug() -> None:
    docs = [doc("subject", "a1", day=5), doc("zeta", "b2", day=1), doc("beta", "c3", day=1), doc("eta", "d4", day=1)]
    assert slugs(rank(docs, Config(count=3)), "subject") == ["beta", "eta", "zeta"]


@pytest.mark.parametrize("seed", range(5))
def test_same_result_whatever_the_input_order(seed: int) -> None:
    docs = [*newsroom(), doc("pinning", FERRY, pins=("sat-1",)), doc("draft", DATABASE, status=DRAFT)]
    expected = rank(docs, Config(max_postings=2))
    shuffled = docs[:]
    random.Random(seed).shuffle(shuffled)
    assert rank(shuffled, Config(max_postings=2)) == expected


def test_posting_cap_bounds_candidates_but_keeps_lists_full() -> None:
    unique = [f"zq{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(60)]  # a word only one article has
    docs = [doc(f"a{i:02d}", f"harbourline ferry {unique[i]}", day=i, title=unique[i]) for i in range(40)]
    docs += [doc(f"z{i:02d}", f"unrelated {unique[40 + i]}", day=i, title=unique[40 + i]) for i in range(20)]
    ranking = rank(docs, Config(max_postings=5, count=4, min_score=0))
    assert {len(links) for links in ranking.lists.values()} == {4}
    assert kinds(ranking, "a20") == [SCORED] * 4
    # 'harbourline' and 'ferry' are on more than 5 articles: they nominate the 5 nearest in time
    assert slugs(ranking, "a20") == ["a19", "a21", "a18", "a22"]


def test_reasons_name_shared_tags_with_weights_and_shared_terms() -> None:
    docs = [
        doc("a", "zanzibar outage caused by firmware", tags=["outages", "zanzibar"]),
        doc("b", "zanzibar firmware rollback", tags=["zanzibar", "outages"]),
        doc("c", "something else", tags=["outages"]),
    ]
    link = rank(docs, Config()).lists["articles/a.md"][0]
    assert link.slug == "b"
    assert [tag for tag, _ in link.shared_tags] == ["zanzibar", "outages"]  # rarest first
    assert link.shared_tags[0][1] > link.shared_tags[1][1]
    assert set(link.shared_terms) == {"zanzibar", "firmware"}
    assert link.same_section and link.days_apart == 0


def test_same_result_whatever_the_hash_seed(tmp_path) -> None:
    """No set or dict-of-strings order leaks into the output: two interpreters, two hash seeds, one answer."""
    script = tmp_path / "digest.py"
    script.write_text(
        "import hashlib, sys\n"
        f"sys.path.insert(0, {str(ROOT / 'plugins')!r})\n"
        "from related.model import Config\nfrom related.scoring import rank\nfrom related.sources import read_folder\n"
        f"docs = read_folder(__import__('pathlib').Path({str(EVAL)!r}))\n"
        "print(hashlib.sha256(repr(rank(docs, Config(max_postings=3))).encode()).hexdigest())\n",
        encoding="utf-8",
    )
    digests = {
        subprocess.run(
            [sys.executable, str(script)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1 and len(digests.pop()) == 65


def test_without_reasons_the_lists_and_scores_are_the_same() -> None:
    rng = random.Random(7)
    words = [f"word{i}" for i in range(60)]
    docs = [
        doc(f"story-{i}", " ".join(rng.choices(words, k=40)), day=rng.randrange(90),
            section=rng.choice(["Security", "Cloud"]), tags=rng.sample(["ai", "chips", "law", "cloud"], 2))
        for i in range(80)
    ]  # fmt: skip
    docs.append(doc("pinning", "word1 word2", pins=("story-3",)))
    explained, plain = rank(docs, Config()), rank(docs, Config(), reasons=False)
    assert explained.lists.keys() == plain.lists.keys()
    for key, links in explained.lists.items():
        bare = plain.lists[key]
        assert [(link.key, link.kind, link.score, link.text, link.tags) for link in links] == [
            (link.key, link.kind, link.score, link.text, link.tags) for link in bare
        ]
        assert all(not link.shared_terms and not link.shared_tags for link in bare)
    assert any(link.shared_terms for links in explained.lists.values() for link in links)
