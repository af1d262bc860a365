"""Whole-site checks that need every article at once (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .errors import Problem


def url_collisions(claims: Iterable[tuple[str, str]], reserved: Mapping[str, str]) -> list[Problem]:
    """``claims`` are (output path, source path); two sources on one path is an error.

    An empty output path is a page the build does not write (a draft in ``make publish``,
    where ``DRAFT_SAVE_AS`` is empty): it claims nothing. ``reserved`` maps output paths the
    site writes itself (home, archives…) to a description, so content cannot take them.
    """
    owners: dict[str, list[str]] = {}
    for save_as, source in claims:
        if save_as:
            owners.setdefault(save_as.lstrip("/"), []).append(source)
    problems: list[Problem] = []
    for save_as, unsorted in sorted(owners.items()):
        sources = sorted(unsorted)
        if save_as in reserved:
            for source in sources:
                message = f"its page would overwrite the {reserved[save_as]} ({save_as})."
                problems.append(Problem(source, None, "Slug", message, "choose another Slug."))
        elif len(sources) > 1:
            for source in sources:
                others = ", ".join(s for s in sources if s != source)
                problems.append(
                    Problem(
                        source,
                        None,
                        "Slug",
                        f"has the same URL ({save_as}) as {others}.",
                        "give one of them a different Slug (or Date).",
                    )
                )
    return problems


def missing_pages(published: Iterable[str], written: Mapping[str, str], exists: Iterable[str]) -> list[Problem]:
    """Every published source must have become exactly one page that exists.

    ``written`` maps source path to output path for the articles Pelican kept;
    ``exists`` holds the output paths found on disk.
    """
    on_disk = set(exists)
    problems = []
    for source in sorted(published):
        target = written.get(source)
        if target is None:
            problems.append(
                Problem(
                    source,
                    None,
                    None,
                    "was read but is missing from the site's article list.",
                    "report this as a bug; the build stopped so nothing live is lost.",
                )
            )
        elif target not in on_disk:
            problems.append(
                Problem(
                    source,
                    None,
                    None,
                    f"should have been written to {target}, but was not.",
                    "report this as a bug; the build stopped so nothing live is lost.",
                )
            )
    return problems
