"""Words to terms (pure): tokenising, stop words, a light plural stemmer, field-weighted counts.

A *term* is a lower-cased word of two or more letters or digits (not only digits), with
accents folded ("Fernández" -> "fernandez"), English plurals folded ("companies" ->
"company", "tokens" -> "token") and common function words dropped. Splitting and
counting run in C (``bytes.translate``, ``str.split``, ``Counter``); each distinct word
of a site is normalised in Python only once.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from html import unescape

WORD = re.compile(r"[^\W_]+")
_COMBINING = re.compile("[\u0300-\u036f]")  # accents left over once NFKD has split them off
_ASCII_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789")
_ASCII = bytes(range(128))
_TO_SPACE = bytes(c if c in _ASCII_WORD_BYTES else 32 for c in range(256))
_LOWER_TO_SPACE = bytes(c + 32 if 65 <= c <= 90 else _TO_SPACE[c] for c in range(256))  # and A-Z to a-z


def _beyond_ascii(encoded: bytes) -> str:
    """The characters of a UTF-8 text outside ASCII, in order (no UTF-8 sequence holds an ASCII byte)."""
    return encoded.translate(None, _ASCII).decode("utf-8", "surrogatepass")


def only_separators(others: str) -> bool:
    """Whether these characters (a text's outside ASCII) all separate words and need no folding: none
    is a letter or digit, none changes when lower-cased, none decomposes."""
    return (
        others.lower() == others
        and unicodedata.is_normalized("NFKD", others)
        and not any(c.isalnum() for c in set(others))
    )


def words(text: str) -> list[str]:
    """Lower-cased words of letters and digits, accents folded; any other character separates words."""
    if text.isascii():  # lower-cased by the table that turns every other byte into a space
        return text.encode("ascii").translate(_LOWER_TO_SPACE).decode("ascii").split()
    encoded = text.encode("utf-8", "surrogatepass")
    if only_separators(_beyond_ascii(encoded)):  # "£", "€", curly quotes: lower-casing changes ASCII alone
        return encoded.translate(_LOWER_TO_SPACE).decode("ascii").split()
    folded = text.lower()
    if folded.isascii():
        return folded.encode("ascii").translate(_TO_SPACE).decode("ascii").split()
    encoded = folded.encode("utf-8", "surrogatepass")
    others = _beyond_ascii(encoded)
    # a text is normalised when its characters outside ASCII are: ASCII ones neither decompose nor reorder accents
    if not unicodedata.is_normalized("NFKD", others) and not unicodedata.is_normalized("NFKD", folded):
        folded = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
        encoded = folded.encode("utf-8", "surrogatepass")
        others = _beyond_ascii(encoded)
    if any(c.isalnum() for c in set(others)):  # another script's letters or digits
        return WORD.findall(folded)
    # only punctuation is left outside ASCII (curly quotes, dashes): each of its bytes separates words
    return encoded.translate(_TO_SPACE).decode("ascii").split()


STOP_WORDS = frozenset(
    """
    a about above after again against all almost also although always am among an and another any anyone
    anything are around as at back be became because become been before being below between both but by
    can could did do does doing done down during each either else enough even ever every few first for
    from further get gets got had has have having he her here hers herself him himself his how however
    if in into is it its itself just last least less like made make makes many may me might more most
    much must my myself near need never new next no nor not now of off often on once one only or other
    others our ours ourselves out over own per perhaps put rather really said same say says see seen
    several shall she should since so some something still such than that the their theirs them
    themselves then there these they this those though three through thus to too two under until up
    upon us use used using very via was way we well were what when where whether which while who whom
    whose why will with within without would yet you your yours yourself yourselves mr mrs ms dr
    week weeks year years day days today yesterday monday tuesday wednesday thursday friday saturday
    sunday told according
    """.split()
)

_NO_PLURAL_ENDINGS = ("ss", "us", "is", "ous", "ics", "sis", "ness")


def stem(word: str) -> str:
    """Fold English plurals: a deliberately small, predictable rule set."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(_NO_PLURAL_ENDINGS):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    return word[:-1]


def normalise(word: str) -> str | None:
    """The term for one lower-cased word, or None when the word carries no meaning here."""
    if len(word) < 2 or word in STOP_WORDS or word.isdigit():
        return None
    term = stem(word)
    return None if term in STOP_WORDS else term


class Vocabulary(dict[str, str | None]):
    """Word -> term, filled on first sight, so a site's many repeated words are normalised once."""

    def __missing__(self, word: str) -> str | None:
        term = self[word] = normalise(word)
        return term

    def counts(self, text: str) -> Counter[str]:
        """How often each term occurs in ``text``."""
        counted = Counter(map(self.__getitem__, words(text)))
        counted.pop(None, None)  # type: ignore[call-overload]
        return counted  # type: ignore[return-value]


FURNITURE_WORDS = 8  # a line of at most this many words that does not end a sentence is page furniture
_FURNITURE_CHARS = 100  # lines longer than this are prose without counting their words
_SENTENCE_ENDS = tuple(".!?\"'\u201d\u2019)")


def furniture(text: str) -> str:
    """The page furniture in ``text``: its short lines that end no sentence ("hide caption", "Share
    this with Email", a box of other stories' headlines), one a line."""
    if "\n" not in text:
        return ""
    short = [line.strip() for line in text.splitlines() if len(line) <= _FURNITURE_CHARS]
    return "\n".join(
        line for line in short if line and not line.endswith(_SENTENCE_ENDS) and len(line.split()) <= FURNITURE_WORDS
    )


# a capital first, so that the scan skips to the next capital; then what comes before it: no line start,
# no word character, no sentence end and a space
_CAPITALISED = re.compile(r"[A-Z](?<!^[A-Z])(?<!\w[A-Z])(?<![.!?:]\s[A-Z])[\w'-]*[A-Za-z0-9]", re.MULTILINE)
_TITLE_CASE_SHARE = 0.6  # a headline with more capitalised words than this is in Title Case: names do not stand out


def names(text: str) -> str:
    """The words of a short text written capitalised where a sentence does not start ("MPs back the
    Harbourline bill" -> "Harbourline"): the names a headline carries. Nothing from a text in
    Title Case, where every word is capitalised."""
    found = _CAPITALISED.findall(text)
    if not found or len(found) > _TITLE_CASE_SHARE * max(len(text.split()) - 1, 1):
        return ""
    return " ".join(found)


def field_counts(
    fields: Mapping[str, str],
    weights: Mapping[str, float],
    vocabulary: Vocabulary,
    furniture_weight: float = 1.0,
    name_weight: int = 0,
) -> dict[str, float]:
    """Term counts over several fields (headline, standfirst, body), each occurrence times its field's
    weight. The names of the headline and standfirst (see ``names``) count ``1 + name_weight`` times, a
    word of the body's page furniture (see ``furniture``) ``furniture_weight`` times."""
    parts: dict[str, str] = dict(fields)
    for field in ("title", "summary") if name_weight > 0 else ():
        found = names(fields.get(field, ""))
        if found:  # repeated in the field itself: no more counting than the field's own
            parts[field] = fields[field] + ("\n" + found) * name_weight
    weights = {name: weights.get(name, 0.0) for name in parts}
    trimmed = furniture(fields["body"]) if weights.get("body", 0) > 0 and furniture_weight != 1.0 else ""
    if trimmed:  # counted in the body already: take back the share it does not get
        parts["furniture"] = trimmed
        weights["furniture"] = weights["body"] * (furniture_weight - 1.0)
    total: dict[str, float] = {}
    for name in sorted(parts, key=lambda n: (-len(parts[n]), n)):  # the longest field first: cheapest merge
        weight = weights[name]
        if not weight or not parts[name]:
            continue
        counted = vocabulary.counts(parts[name])
        if not total:
            total = dict(counted) if weight == 1 else {t: c * weight for t, c in counted.items()}
            continue
        for term, count in counted.items():
            total[term] = total.get(term, 0.0) + count * weight
    if trimmed and furniture_weight == 0:  # a word only the furniture has is no term of the document
        return {term: count for term, count in total.items() if count > 1e-9}
    return total


_HTML_TAG = re.compile(r"<[^>]*>")


def html_to_text(html: str) -> str:
    """The words of an HTML fragment: tags become spaces, entities become characters."""
    return unescape(_HTML_TAG.sub(" ", html))
