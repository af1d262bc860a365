"""Running Pelican for a build: the one place that makes and starts the Pelican object.

``NewsdeskPelican`` is Pelican with the engine's generators (linear list filters, sorted files,
reused static files) and its writer (renders only pages whose inputs changed), and a fresh
build context in its settings before any plugin is initialised. It refuses a Pelican release
that the differential tests (tests against bare Pelican) have not been run with: the engine
replaces private parts of Pelican, listed in docs/architecture.md, that a release may change.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import pkgutil
from collections.abc import Iterator, MutableMapping
from typing import Any

from pelican import signals

from .context import KEY, BuildContext, of, start

# The Pelican releases whose internals the engine was checked against (tests/unit/engine, the
# differential tests). Pin another in requirements.txt only with those tests passing on it.
TESTED_PELICAN = ("4.12.0",)


class UnsupportedPelican(RuntimeError):
    def report(self) -> str:
        return f"error: {self}"


def check_pelican(version: str) -> None:
    """Refuse a Pelican release the engine was not tested with."""
    if version not in TESTED_PELICAN:
        tested = ", ".join(TESTED_PELICAN)
        raise UnsupportedPelican(
            f"Pelican {version} is installed, but Newsdesk's build engine is tested with Pelican {tested} only "
            "(it replaces parts of Pelican's generators and writer that other releases may change). "
            "Fix: install the pinned version with `make venv` (pip install -r requirements.txt)."
        )


# The cyclic collector's thresholds while Pelican runs. With Python's (700, 10, 10) a
# 10,000-article build collected about 1,200 times, 0.45-0.55 s in all, seven of them full
# collections walking every article read so far; with these, 13 young collections, about
# 0.2 s. Peak memory was the same: a build keeps what it reads until it ends.
GC_THRESHOLDS = (50_000, 20, 20)


@contextlib.contextmanager
def collecting_less() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def make_pelican(settings: MutableMapping[str, Any], templates: Any = None) -> Any:
    """Pelican for one build with ``settings``; its context is ``context_of(settings)``. ``templates``:
    a ``jinja2.BytecodeCache`` kept by whoever runs builds one after another (the devserver)."""
    import pelican  # noqa: PLC0415 - imports stay lazy until a build runs
    from pelican.generators import ArticlesGenerator, StaticGenerator  # noqa: PLC0415

    from .generator import LinearArticlesGenerator, with_sorted_files, with_template_cache  # noqa: PLC0415
    from .statics import ReusingStaticGenerator  # noqa: PLC0415
    from .writer import ReusingWriter  # noqa: PLC0415

    check_pelican(pelican.__version__)

    class NewsdeskPelican(pelican.Pelican):
        def __init__(self, settings: MutableMapping[str, Any]) -> None:
            start(settings).mark("start")  # before the plugins are initialised: their handlers find it there
            super().__init__(settings)

        def _get_generator_classes(self) -> list[type]:
            swap = {ArticlesGenerator: LinearArticlesGenerator, StaticGenerator: ReusingStaticGenerator}
            classes = [with_sorted_files(swap.get(cls, cls)) for cls in super()._get_generator_classes()]
            return classes if templates is None else [with_template_cache(cls, templates) for cls in classes]

        def _get_writer(self) -> Any:
            return ReusingWriter(self.output_path, settings=self.settings)

    return NewsdeskPelican(settings)


def _read(generator: Any) -> None:
    of(generator).mark("read")


def _written(pelican: Any) -> None:
    of(pelican).mark("written")


def _generators(generators: list[Any]) -> None:
    if generators:
        of(generators[0]).generators = list(generators)


# The phases of a build, for ``make bench``: connected before any plugin, so they run first.
signals.article_generator_pretaxonomy.connect(_read)
signals.finalized.connect(_written)
signals.all_generators_finalized.connect(_generators)


def warm(settings: MutableMapping[str, Any]) -> None:
    """Import what a build with ``settings`` imports (Pelican, the engine's generators and writer, the
    plugins, as Pelican loads them) without building: a process that forks its builds does it once."""
    from pelican.plugins._utils import load_plugins  # noqa: PLC0415

    from . import generator, statics, writer  # noqa: F401, PLC0415

    for plugin in load_plugins(settings):  # and their modules, which their register() imports
        for module in pkgutil.walk_packages(getattr(plugin, "__path__", []), f"{plugin.__name__}."):
            with contextlib.suppress(Exception):  # one that cannot be imported here fails the build, as before
                importlib.import_module(module.name)


def run(settings: MutableMapping[str, Any], templates: Any = None) -> BuildContext:
    """Run one build with ``settings``; return its context (what it reused, its notes and timings).
    ``templates``: compiled templates kept between builds (see ``make_pelican``)."""
    site = make_pelican(settings, templates)
    with collecting_less():
        site.run()
    ctx: BuildContext = settings[KEY]
    if ctx.reuse is not None:  # after every plugin's finalized handler has recorded its files
        ctx.reuse.save()
    return ctx
