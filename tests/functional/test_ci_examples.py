"""The example pipelines in docs/ci/ parse, call only make targets that exist, keep the
build cache the build uses, and their checking step passes on the sample site."""

from __future__ import annotations

import os
import re
import runpy
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from support.builds import ROOT

GITHUB = ROOT / "docs" / "ci" / "github-actions.yml"
GITLAB = ROOT / "docs" / "ci" / "gitlab-ci.yml"
MAKE_CALL = re.compile(r"(?:^|[;&|]\s*|\s)make\s+(?:-\S+\s+)*(?P<target>[a-z][\w-]*)")


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][\w-]*)\s*:(?!=)", text, flags=re.MULTILINE))


def github_steps(job: dict[str, Any]) -> Iterator[str]:
    for step in job["steps"]:
        if "run" in step:
            yield step["run"]


def gitlab_scripts(job: dict[str, Any]) -> Iterator[str]:
    yield from job.get("script", [])


def targets_called(commands: list[str]) -> list[str]:
    return [m.group("target") for command in commands for m in MAKE_CALL.finditer(command)]


def cache_folder() -> str:
    """The top folder of the build cache, as the project's settings name it."""
    settings = runpy.run_path(str(ROOT / "pelicanconf.py"))
    return Path(settings["CACHE_PATH"]).parts[0]


def test_the_github_workflow_checks_pull_requests_publishes_main_and_runs_on_a_schedule() -> None:
    workflow = load(GITHUB)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    assert triggers["schedule"] == [{"cron": "*/15 * * * *"}]
    jobs = workflow["jobs"]
    check = list(github_steps(jobs["check"]))
    publish = list(github_steps(jobs["publish"]))
    assert targets_called(check) == ["check", "html"]
    assert targets_called(publish) == ["publish", "upload"]
    assert "pull_request" in jobs["check"]["if"] and "pull_request" in jobs["publish"]["if"]
    assert set(targets_called(check + publish)) <= makefile_targets()
    caches = [s for s in jobs["publish"]["steps"] if str(s.get("uses", "")).startswith("actions/cache")]
    assert {s["uses"].split("@")[0] for s in caches} == {"actions/cache/restore", "actions/cache/save"}
    assert all(s["with"]["path"] == cache_folder() for s in caches)
    assert all("${{ github.run_id }}" in s["with"]["key"] for s in caches)


def test_the_gitlab_pipeline_does_the_same_jobs() -> None:
    pipeline = load(GITLAB)
    check, publish = pipeline["check"], pipeline["publish"]
    assert targets_called(list(gitlab_scripts(check))) == ["check", "html"]
    assert targets_called(list(gitlab_scripts(publish))) == ["publish", "upload"]
    assert set(targets_called([*gitlab_scripts(check), *gitlab_scripts(publish)])) <= makefile_targets()
    assert [r["if"] for r in check["rules"]] == ['$CI_PIPELINE_SOURCE == "merge_request_event"']
    sources = " ".join(r["if"] for r in publish["rules"])
    assert '"schedule"' in sources and "$CI_DEFAULT_BRANCH" in sources
    assert publish["resource_group"] == "production"
    [build_cache] = [c for c in publish["cache"] if c["key"] == "newsdesk-build-cache"]
    assert build_cache["paths"] == [f"{cache_folder()}/"] and build_cache["policy"] == "pull-push"
    assert "*/15 * * * *" in GITLAB.read_text(encoding="utf-8")


@pytest.mark.parametrize(("path", "environ"), [(GITHUB, {"GITHUB_ACTIONS": "true"}), (GITLAB, {"GITLAB_CI": "true"})])
def test_the_checking_step_passes_on_the_sample_site(path: Path, environ: dict[str, str]) -> None:
    data = load(path)
    steps = list(github_steps(data["jobs"]["check"])) if path == GITHUB else list(gitlab_scripts(data["check"]))
    [command] = [c for c in steps if "make check" in c]
    # a pipeline runs make at the top level: drop what an outer `make test` passes down (it adds make's
    # "Entering directory" lines to the output the CI system reads)
    outer = ("GITHUB_ACTIONS", "GITLAB_CI", "MAKELEVEL", "MAKEFLAGS", "MFLAGS")
    env = {k: v for k, v in os.environ.items() if k not in outer}
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", command],
        cwd=ROOT,
        env={**env, **environ},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s)" in result.stderr
    lines = [line for line in result.stdout.splitlines() if "-m newsdesk check" not in line]  # make's echo
    assert lines  # the sample site has a byline outside the registry, on purpose
    if path == GITHUB:
        assert all(line.startswith("::warning file=content/") for line in lines), lines
    else:
        assert all(line.startswith("content/") and ": warning: " in line for line in lines), lines
