"""Golden files: the generated Markdown (and open data) of the minimal content, byte for byte.

Regenerate after an intended change with ``UPDATE_GOLDENS=1 pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import pytest

from generator.build.allpages import generate_pages
from generator.build.pipeline import check as build_catalog

from .conftest import MINIMAL, REPO, golden_files

GOLDEN = REPO / "tests" / "golden" / "pages"
PAGES = {page.path: page.text for page in generate_pages(build_catalog(MINIMAL))}


def test_golden_tree_lists_every_page() -> None:
    assert golden_files(GOLDEN, PAGES) == sorted(PAGES)


@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_matches_golden(path: str) -> None:
    assert PAGES[path] == (GOLDEN / path).read_text(encoding="utf-8")
