"""Whole-site checks that need every article at once (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from common.errors import Problem

from .sitepaths import Claim, fixed_folder


def url_collisions(
    claims: Iterable[tuple[str, ...]], reserved: Mapping[str, str], folders: Mapping[str, str] | None = None
) -> list[Problem]:
    """``claims`` are (output path, source path[, own folder]) (``sitepaths.Claim``); two sources on
    one path is an error.

    An empty output path is a page the build does not write (a draft in ``make publish``,
    where ``DRAFT_SAVE_AS`` is empty): it claims nothing. ``reserved`` maps output paths the
    site writes itself (home, archives…) to a description, and ``folders`` the top-level
    folders it fills itself (``drafts``, ``images``…) to what fills them, so content cannot
    take them; a claim's own folder (``drafts`` for a draft) is its to use.
    """
    owners: dict[str, list[str]] = {}
    inside: dict[str, set[str]] = {}  # sources whose page lands in a folder the site fills itself
    for save_as, source, own in (Claim(*c) for c in claims):
        path = save_as.lstrip("/")
        if path:
            owners.setdefault(path, []).append(source)
            top = fixed_folder(path)
            if top in (folders or {}) and top != own:
                inside.setdefault(path, set()).add(source)
    problems: list[Problem] = []
    for save_as, unsorted in sorted(owners.items()):
        sources = sorted(unsorted)
        if save_as in reserved:
            for source in sources:
                message = f"its page would overwrite the {reserved[save_as]} ({save_as})."
                problems.append(Problem(source, None, "Slug", message, "choose another Slug."))
            continue
        for source in sorted(inside.get(save_as, ())):
            top = fixed_folder(save_as)
            message = f"its page ({save_as}) would be inside /{top}/, a folder the site fills itself ({folders[top]})."
            problems.append(Problem(source, None, "Slug", message, "choose another Slug."))
        if len(sources) > 1:
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
