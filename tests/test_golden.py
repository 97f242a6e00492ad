"""Golden files: the generated Markdown (and open data) of the minimal content, byte for byte.

Regenerate after an intended change with ``UPDATE_GOLDENS=1 pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
import shutil

import pytest

from generator.build.allpages import generate_pages
from generator.build.pipeline import check as build_catalog

from .conftest import MINIMAL, REPO

GOLDEN = REPO / "tests" / "golden" / "pages"
PAGES = {page.path: page.text for page in generate_pages(build_catalog(MINIMAL))}


def test_golden_tree_lists_every_page() -> None:
    if os.environ.get("UPDATE_GOLDENS"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, text in PAGES.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, encoding="utf-8")
    on_disk = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file())
    assert on_disk == sorted(PAGES)


@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_matches_golden(path: str) -> None:
    assert PAGES[path] == (GOLDEN / path).read_text(encoding="utf-8")
