"""Checked front-matter is kept between builds under a digest of the checking code: every module the
validation runs is in that digest, so a change to any of them checks every file again."""

from __future__ import annotations

from newsroom.startup import CHECKING_CODE
from support.imports import package_closure, stems


def test_the_checking_code_covers_every_module_the_field_validation_imports() -> None:
    missing = package_closure("newsroom", "fields") - stems(CHECKING_CODE)
    assert not missing, f"add {sorted(missing)} to newsroom.startup.CHECKING_MODULES"
