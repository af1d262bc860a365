"""The related report an editor reads (pure): every article's list, with scores and reasons."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime

from .model import FALLBACK, LATEST, PINNED, Config, Doc, Link, Ranking

KIND_NAMES = {
    PINNED: "pinned",
    "scored": "scored",
    FALLBACK: "fallback: latest in section",
    LATEST: "fallback: latest on site",
}


def _date(doc: Doc) -> str:
    return datetime.fromtimestamp(doc.timestamp, UTC).strftime("%Y-%m-%d")


def why(link: Link) -> str:
    """One line of reasons: shared tags with their rarity weights, the strongest shared terms, section, time."""
    parts = []
    if link.shared_tags:
        parts.append("tags " + ", ".join(f"{tag} ({weight:.2f})" for tag, weight in link.shared_tags))
    if link.shared_terms:
        parts.append("terms " + ", ".join(link.shared_terms))
    parts.append("same section" if link.same_section else "other section")
    parts.append(f"{link.days_apart:.0f} days apart")
    return "; ".join(parts)


def _settings_line(config: Config) -> str:
    fields = ", ".join(f"{name} {weight:g}" for name, weight in sorted(config.field_weights.items()))
    return (
        f"count {config.count}; weights: text {config.weight_text:g}, tags {config.weight_tags:g}, "
        f"section {config.weight_section:g}, time {config.weight_time:g} (half-life {config.half_life_days:g} days); "
        f"min score {config.min_score:g}; fields: {fields}; "
        f"{config.terms_per_article} to {config.terms_max} terms per article, "
        f"postings capped at {config.max_postings}; "
        f"furniture words count {config.furniture_weight:g}, headline names {1 + config.name_weight:g} times"
    )


def report(docs: Sequence[Doc], ranking: Ranking, config: Config, markdown: bool = True) -> str:
    """The whole report as text: Markdown tables, or plain aligned lines when ``markdown`` is False."""
    by_key = {doc.key: doc for doc in docs}
    kinds = Counter(link.kind for links in ranking.lists.values() for link in links)
    lines = ["# Related articles report" if markdown else "RELATED ARTICLES REPORT", ""]
    lines.append(
        f"{len(ranking.lists)} articles; links: " + ", ".join(f"{kinds[k]} {KIND_NAMES[k]}" for k in KIND_NAMES)
    )
    lines.append("Settings: " + _settings_line(config))
    lines.append(
        "Score = (text x weight + tags x weight) x (1 + section weight if same section)"
        " x (1 + time weight x 0.5^(days / half-life)); tag weights are ln(N/df)/ln(N)."
    )
    for problem in ranking.problems:
        lines.append(f"ERROR {problem.key}: [Related] {problem.message} Fix: {problem.fix}")
    ordered = sorted(ranking.lists, key=lambda key: (-by_key[key].timestamp, by_key[key].slug, key))
    for key in ordered:
        doc = by_key[key]
        lines.append("")
        head = f"{doc.title} ({doc.slug}, {doc.section}, {_date(doc)}, {doc.status})"
        lines.append(f"## {head}" if markdown else head)
        if doc.tags:
            lines.append(f"Tags: {', '.join(doc.tags)}")
        if markdown:
            lines += [
                "",
                "| # | related | kind | score | text | tags | why |",
                "| --- | --- | --- | --- | --- | --- | --- |",
            ]
        for place, link in enumerate(ranking.lists[key], 1):
            other = by_key[link.key]
            cells = [
                str(place),
                f"{other.title} ({link.slug})",
                KIND_NAMES[link.kind],
                f"{link.score:.3f}",
                f"{link.text:.3f}",
                f"{link.tags:.3f}",
                why(link),
            ]
            if markdown:
                lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
            else:
                lines.append(
                    f"  {cells[0]}. {cells[1]}\n     {cells[2]}, score {cells[3]} (text {cells[4]}, tags {cells[5]})"
                )
                lines.append(f"     {cells[6]}")
    return "\n".join(lines) + "\n"
