"""The engine refuses a Pelican release its differential tests were not run with, and says how to fix it."""

from __future__ import annotations

import gc
import re

import pelican
import pytest
from engine.run import GC_THRESHOLDS, TESTED_PELICAN, UnsupportedPelican, check_pelican, collecting_less
from support.builds import ROOT


def test_the_pinned_and_installed_pelican_is_one_the_engine_was_tested_with() -> None:
    pinned = re.search(r"^pelican==(\S+)", (ROOT / "requirements.txt").read_text(), re.MULTILINE | re.IGNORECASE)
    assert pinned is not None and pinned.group(1) in TESTED_PELICAN
    check_pelican(pelican.__version__)


def test_another_release_is_refused_with_the_version_and_the_fix() -> None:
    with pytest.raises(UnsupportedPelican) as caught:
        check_pelican("4.13.0")
    report = caught.value.report()
    assert "Pelican 4.13.0 is installed" in report and "4.12.0" in report and "make venv" in report


def test_the_collector_thresholds_are_raised_only_while_pelican_runs() -> None:
    before = gc.get_threshold()
    with collecting_less():
        assert gc.get_threshold() == GC_THRESHOLDS
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), collecting_less():
        raise RuntimeError("a failed build")
    assert gc.get_threshold() == before
