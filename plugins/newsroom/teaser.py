"""A story's teaser HTML, rendered the first time a page shows it.

Every list (home, sections, tags, authors, archives) shows the same teaser for a story,
so it is rendered once per build. Rendering all 10,000 of a large site up front costs
about 2 s, though a build after an edit renders only a few list pages: a ``Teaser``
renders on first use and keeps the result. Jinja treats it as markup (``__html__``).

Page fingerprints leave it out (``fingerprints.DERIVED``): it is made from the story's
list data, the settings and the theme templates, which the site fingerprint covers.
"""

from __future__ import annotations

from collections.abc import Callable


class Teaser:
    __slots__ = ("_html", "_render")

    def __init__(self, render: Callable[[], str]) -> None:
        self._render: Callable[[], str] | None = render
        self._html = ""

    def __html__(self) -> str:
        if self._render is not None:
            self._html, self._render = str(self._render()), None
        return self._html

    def __str__(self) -> str:
        return self.__html__()
