"""Long lists in pages of a bounded size: the paths, the pager, and the feedback and sector lists split
so, in the same order as one long list."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator.build.allpages import generate_pages
from generator.build.pipeline import check
from generator.feedback import pages as feedback_pages
from generator.procedures import pages as procedure_pages
from generator.site.paging import page_paths, paged, pager_html

from .conftest import MINIMAL
from .feedback_data import AS_OF, feedback_content


def test_the_first_page_keeps_the_lists_address() -> None:
    assert page_paths("pakn/index.md", 3) == ["pakn/index.md", "pakn/trang-2.md", "pakn/trang-3.md"]
    assert page_paths("pakn/qua-han.md", 2) == ["pakn/qua-han.md", "pakn/qua-han/trang-2.md"]
    assert page_paths("index.md", 2) == ["index.md", "trang-2.md"]


def test_items_are_split_in_order_and_an_empty_list_has_one_page() -> None:
    split = paged("a.md", list(range(7)), 3)
    assert [list(part) for _, part in split] == [[0, 1, 2], [3, 4, 5], [6]]
    assert [(p.number, p.start, p.shown, p.total) for p, _ in split] == [
        (1, 1, 3, 7),
        (2, 4, 3, 7),
        (3, 7, 1, 7),
    ]
    assert split[2][0].next is None
    assert split[2][0].previous == "a/trang-2.md"
    [(only, part)] = paged("a.md", [], 3)
    assert list(part) == []
    assert only.paths == ("a.md",)
    assert pager_html(only) == ""


def test_the_pager_numbers_the_first_the_last_and_the_pages_around() -> None:
    pagers = [p for p, _ in paged("a.md", list(range(10)), 1)]
    assert pagers[0].numbers() == [1, 2, 3, None, 10]
    assert pagers[4].numbers() == [1, None, 3, 4, 5, 6, 7, None, 10]
    assert pagers[9].numbers() == [1, None, 8, 9, 10]
    assert pagers[1].title("Danh sách") == "Danh sách (trang 2)"
    assert pagers[0].title("Danh sách") == "Danh sách"


def test_the_pager_links_work_without_javascript() -> None:
    pager = paged("pakn/index.md", list(range(3)), 1)[1][0]
    html = pager_html(pager)
    assert 'rel="prev" href="../"' in html
    assert 'rel="next" href="../trang-3/"' in html
    assert 'aria-current="page"' in html
    assert "data-pagefind-ignore" in html  # search never indexes the pager
    assert "Trang 2/3: mục 2–2 trong 3" in html


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    """The feedback content's pages with two items a page and one procedure a sector page."""
    monkeypatch.setattr(feedback_pages, "PAGE_SIZE", 2)
    monkeypatch.setattr(procedure_pages, "SECTOR_PAGE_SIZE", 1)
    monkeypatch.setitem(os.environ, "SOURCE_DATE_EPOCH", AS_OF)
    return {page.path: page.text for page in generate_pages(check(feedback_content(tmp_path)))}


def codes(text: str) -> list[str]:
    return re.findall(r"<tr><td[^>]*>(PAKN-[0-9-]+)</td>", text)


def test_the_feedback_lists_keep_their_order_across_pages(small_pages: dict[str, str]) -> None:
    whole = [
        "PAKN-2025-004",
        "PAKN-2025-003",
        "PAKN-2025-002",
        "PAKN-2025-006",
        "PAKN-2025-005",
        "PAKN-2025-001",
    ]
    for first, rest in [
        ("pakn/index.md", "pakn/trang-{}.md"),
        ("pakn/nam-2025.md", "pakn/nam-2025/trang-{}.md"),
    ]:
        paths = [first, *(rest.format(n) for n in (2, 3))]
        assert [codes(small_pages[p]) for p in paths] == [whole[0:2], whole[2:4], whole[4:6]]
        assert rest.format(4) not in small_pages
    assert 'rel="next" href="../trang-3/"' in small_pages["pakn/trang-2.md"]
    assert "(trang 2)" in small_pages["pakn/trang-2.md"].splitlines()[1]
    assert codes(small_pages["pakn/qua-han.md"]) == ["PAKN-2025-004"]
    assert "ck-pager" not in small_pages["pakn/qua-han.md"]  # one page: no pager


def test_a_sector_list_in_pages(small_pages: dict[str, str]) -> None:
    first = small_pages["linh-vuc/cong-chung.md"]
    names = re.findall(r"<tr><td[^>]*>([0-9.]+)</td>", first)
    assert len(names) == 1
    total = int(re.search(r"có <strong>(\d+)</strong> thủ tục", first).group(1))  # type: ignore[union-attr]
    pages = [p for p in small_pages if p.startswith("linh-vuc/cong-chung/trang-")]
    assert len(pages) == total - 1
    assert all(len(re.findall(r"<tr><td[^>]*>([0-9.]+)</td>", small_pages[p])) == 1 for p in pages)


def test_the_minimal_content_has_no_pager() -> None:
    found = {page.path: page.text for page in generate_pages(check(MINIMAL))}
    assert not [path for path, text in found.items() if "ck-pager" in text]
