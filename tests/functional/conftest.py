"""Fixtures the functional tests share; the helpers they use live in ``support/``."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.builds import write_conf


@pytest.fixture
def conf(tmp_path: Path) -> Path:
    return write_conf(tmp_path, MOST_READ_DB=str(tmp_path / "pv.sqlite3"))
