"""Shared fixtures: the repository, the real data beside it, content folders and built sites."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import pipeline as site
from generator.core.notices import take_warnings

# The tests' content lives in this repository: its git history would change their pages. Tests of the
# history make a repository of their own and turn it back on.
os.environ["CONGKHAI_HISTORY"] = "0"

REPO = Path(__file__).resolve().parents[1]
MINIMAL = REPO / "tests" / "data" / "minimal"
SHARED = REPO.parent / "shared"
DVCQG = SHARED / "data" / "dvcqg"
MakeContent = Callable[[dict[str, str]], Path]


def need_shared() -> Path:
    """The real national-portal data beside the repository; skip where absent, fail in CI."""
    if (DVCQG / "bo-tu-phap").is_dir():
        return DVCQG
    if os.environ.get("CI") == "true":
        pytest.fail(f"{DVCQG} is missing; CI must run the tests that need ../shared")
    pytest.skip(f"{DVCQG} is absent (a user's clone): real-data tests skipped")


@pytest.fixture(autouse=True)
def no_earlier_warnings() -> None:
    """Each test starts with no warning left by an earlier one (a site built by a fixture warns, for
    one, when it has no address), so that a test of what a command prints sees its own lines only."""
    take_warnings()


@pytest.fixture
def dvcqg() -> Path:
    """Path of ``../shared/data/dvcqg`` (skips or fails when absent)."""
    return need_shared()


@pytest.fixture
def make_content(tmp_path: Path) -> MakeContent:
    """Copy the minimal content to a temporary folder and add or replace files in it."""

    def make(files: dict[str, str]) -> Path:
        content = tmp_path / "content"
        shutil.copytree(MINIMAL, content)
        for name, text in files.items():
            (content / name).parent.mkdir(parents=True, exist_ok=True)
            (content / name).write_text(text, encoding="utf-8")
        return content

    return make


def build_site(content: Path, root: Path) -> Path:
    """Build ``content`` into ``root/site`` with the project's mkdocs.yml; return the site folder."""
    out = root / "site"
    site.build(content, out, REPO / "mkdocs.yml", root / "work")
    return out


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal content, built once per test session."""
    return build_site(MINIMAL, tmp_path_factory.mktemp("minimal"))


def golden_files(golden: Path, pages: dict[str, str]) -> list[str]:
    """The files of the golden folder ``golden`` (written from ``pages`` first under ``UPDATE_GOLDENS``)."""
    if os.environ.get("UPDATE_GOLDENS"):
        shutil.rmtree(golden, ignore_errors=True)
        for path, text in pages.items():
            (golden / path).parent.mkdir(parents=True, exist_ok=True)
            (golden / path).write_text(text, encoding="utf-8")
    return sorted(p.relative_to(golden).as_posix() for p in golden.rglob("*") if p.is_file())
