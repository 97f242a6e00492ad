"""The feedback pages in headless Chromium: the list filtered to overdue items, an item's timeline, the
lookup by code."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, expect

from generator.feedback import pages as feedback_pages

from .browser import chromium, serve_directory
from .conftest import build_site
from .feedback_data import AS_OF, feedback_content

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def feedback_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The feedback content, built as of 2025-05-20."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = AS_OF
    try:
        root = tmp_path_factory.mktemp("feedback")
        yield build_site(feedback_content(root), root)
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _watched_page(browser: Any) -> tuple[Any, list[str]]:
    """A new page in ``browser`` and the list its script errors go to."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    return page, problems


def test_the_list_filtered_to_overdue_items(feedback_site: Path) -> None:
    with serve_directory(feedback_site) as base, chromium() as browser:
        page, problems = _watched_page(browser)
        page.goto(base + "pakn/")
        rows = page.locator("#ck-pakn-page table.ck-pakn-list tbody tr")
        assert rows.count() == 6
        assert page.locator("#ck-pakn-shown").inner_text() == "6"
        assert rows.first.locator("td").first.inner_text() == "PAKN-2025-004"  # the oldest unanswered first
        listed = [row.locator("td").first.inner_text() for row in rows.all()]
        found = page.locator("#ck-pakn-found table.ck-pakn-list tbody tr")
        page.get_by_label("Chỉ quá hạn").check()  # filtered over the whole set, through the search index
        found.first.wait_for()
        assert found.count() == 1
        assert page.locator("#ck-pakn-page").is_hidden()
        assert found.first.locator("td").first.inner_text() == "PAKN-2025-004"
        assert "Quá hạn 4 ngày làm việc" in found.first.inner_text()
        assert found.first.locator(".ck-badge.ck-late").is_visible()
        assert page.locator("#ck-pakn-shown").inner_text() == "1"
        assert page.url.endswith("?qua_han=co")
        page.get_by_label("Chỉ quá hạn").uncheck()
        page.get_by_label("Phân loại").select_option("ve_quy_dinh")
        page.get_by_label("Năm").select_option("2025")
        expect(page.locator("#ck-pakn-shown")).to_have_text("3")
        assert found.count() == 3
        codes = [row.locator("td").first.inner_text() for row in found.all()]
        assert codes == [code for code in listed if code in codes]  # the lists' own order
        page.get_by_label("Phân loại").select_option("")
        page.get_by_label("Lĩnh vực").focus()  # the sectors come from the search index
        expect(page.locator("select[name=linh_vuc] option")).to_have_count(4)
        page.get_by_label("Lĩnh vực").select_option("Công chứng")
        expect(page.locator("#ck-pakn-shown")).to_have_text("2")
        assert "linh_vuc=" in page.url
        page.get_by_label("Lĩnh vực").select_option("")
        page.get_by_label("Năm").select_option("")
        assert page.locator("#ck-pakn-page").is_visible()  # no filter: the page's own items again
        assert page.locator("#ck-pakn-shown").inner_text() == "6"
        page.goto(base + "pakn/?trang_thai=da_xu_ly")  # a filter in the address is applied
        found.first.wait_for()
        assert found.count() == 1
        page.goto(base + "pakn/nam-2025/")  # one year's list: the same items, without JavaScript too
        assert page.locator("#ck-pakn-page table.ck-pakn-list tbody tr").count() == 6
        assert page.get_by_label("Năm").input_value() == "2025"
        assert problems == []


def test_an_item_page_with_its_timeline(feedback_site: Path) -> None:
    with serve_directory(feedback_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "pakn/")
        page.get_by_role(
            "link", name="Đề nghị bỏ yêu cầu nộp bản sao chứng thực khi nộp hồ sơ trực tuyến"
        ).click()
        assert (
            page.locator("h1").inner_text()
            == "Đề nghị bỏ yêu cầu nộp bản sao chứng thực khi nộp hồ sơ trực tuyến"
        )
        assert page.locator(".ck-badge").inner_text() == "Đúng hạn (9/10 ngày làm việc)"
        steps = page.locator("ol.ck-timeline li").all_inner_texts()
        assert steps == [
            "10/02/2025 — Đã công khai kết quả",
            "07/02/2025 — Đã xử lý",
            "21/01/2025 — Đang xử lý",
            "20/01/2025 — Đã tiếp nhận: Cổng Dịch vụ công quốc gia",
        ]
        assert page.get_by_text("Dữ liệu mẫu", exact=True).is_visible()
        page.get_by_role("link", name="Cấp thẻ công chứng viên").click()
        assert page.locator("h1").inner_text() == "Cấp thẻ công chứng viên"
        assert page.get_by_role("link", name="PAKN-2025-001: Đề nghị bỏ yêu cầu nộp bản sao").is_visible()


def test_the_lookup_by_code(feedback_site: Path) -> None:
    with serve_directory(feedback_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "pakn/tra-cuu/")
        page.get_by_label("Mã phản ánh, kiến nghị").fill("pakn-2025-404")
        page.locator("#ck-pakn-lookup button").click()
        missing = "Không tìm thấy phản ánh, kiến nghị mã «PAKN-2025-404»"
        page.locator("#ck-pakn-result", has_text=missing).wait_for()  # once the lookup has answered
        page.get_by_label("Mã phản ánh, kiến nghị").fill(" pakn-2025-002 ")
        page.locator("#ck-pakn-lookup button").click()
        page.wait_for_url("**/pakn/PAKN-2025-002/")
        assert page.locator(".ck-badge").inner_text() == "Trễ hạn 2 ngày làm việc"


@pytest.mark.parametrize("typed", ["pakn2025002", "PAKN-2025-2", "pakn 2025 2", "2025-002", "Pakn.2025.02"])
def test_the_lookup_accepts_the_code_however_it_is_typed(feedback_site: Path, typed: str) -> None:
    with serve_directory(feedback_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 800})
        page.goto(base + "pakn/tra-cuu/")
        box = page.get_by_label("Mã phản ánh, kiến nghị")
        label = page.locator("label[for=ck-pakn-code]")
        assert box.bounding_box()["x"] == label.bounding_box()["x"]  # the box is not indented from its label
        box.fill(typed)
        page.locator("#ck-pakn-lookup button").click()
        page.wait_for_url("**/pakn/PAKN-2025-002/")


def first_cells(rows: Locator) -> list[str]:
    """The code in the first cell of each row."""
    return [row.locator("td").first.inner_text() for row in rows.all()]


def test_the_lists_pages_with_and_without_a_filter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feedback_pages, "PAGE_SIZE", 2)
    monkeypatch.setitem(os.environ, "SOURCE_DATE_EPOCH", AS_OF)
    built = build_site(feedback_content(tmp_path), tmp_path)
    with serve_directory(built) as base, chromium() as browser:
        page, problems = _watched_page(browser)
        page.goto(base + "pakn/")
        static = page.locator("#ck-pakn-page table.ck-pakn-list tbody tr")
        assert static.count() == 2
        assert page.locator("#ck-pakn-shown").inner_text() == "6"
        page.locator("#ck-pakn-page a[rel=next]").click()  # a plain link: works without JavaScript
        page.wait_for_url("**/pakn/trang-2/")
        assert [row.locator("td").first.inner_text() for row in static.all()] == [
            "PAKN-2025-002",
            "PAKN-2025-006",
        ]
        page.get_by_label("Phân loại").select_option("ve_quy_dinh")  # 3 items over the whole set
        found = page.locator("#ck-pakn-found table.ck-pakn-list tbody tr")
        expect(page.locator("#ck-pakn-shown")).to_have_text("3")
        assert [row.locator("td").first.inner_text() for row in found.all()] == [
            "PAKN-2025-003",
            "PAKN-2025-006",
        ]
        page.locator("#ck-pakn-found a[rel=next]").click()
        expect(found).to_have_count(1)
        assert found.first.locator("td").first.inner_text() == "PAKN-2025-001"
        assert page.url.endswith("?phan_loai=ve_quy_dinh&trang=2")
        assert problems == []


def test_the_search_page_answers_from_feedback_below_the_procedures(feedback_site: Path) -> None:
    """The search page answers a query from the procedures (names and term index) first; once that
    answer shows, Pagefind answers below it, under its own heading, from the feedback items only. The
    page asks for Pagefind's start files itself, beside its script (not one after the other as Pagefind
    would: three round trips on a slow link), with the entry Pagefind then reads (its
    ``metaCacheTag``: the entry is asked for once)."""
    with serve_directory(feedback_site) as base, chromium() as browser:
        page, problems = _watched_page(browser)
        asked: list[tuple[str, bool]] = []

        def by_page(request: Any) -> bool:
            try:
                return bool(request.frame == page.main_frame)
            except Exception:  # a request of Pagefind's worker has no frame
                return False

        page.on("request", lambda r: asked.append((r.url, by_page(r))) if "/pagefind/" in r.url else None)
        page.goto(base + "tim-kiem/?q=tr%E1%BB%A3%20gi%C3%BAp%20ph%C3%A1p%20l%C3%BD")
        others = page.locator("#ck-search-others-status")
        expect(others).to_have_text("Tìm thấy 2 phản ánh, kiến nghị cho «trợ giúp pháp lý».")
        expect(page.locator("#ck-search-status")).to_have_text(
            "Tìm thấy 2 thủ tục hành chính cho «trợ giúp pháp lý»."
        )
        main = page.locator("#ck-search-results a.ck-result__link")
        expect(main.first).to_have_text("Thủ tục yêu cầu trợ giúp pháp lý")
        assert all("/thu-tuc/" in href for href in main.evaluate_all("links => links.map(a => a.pathname)"))
        expect(page.locator("#ck-search-others-title")).to_have_text("Trong phản ánh, kiến nghị")
        other = page.locator("#ck-search-others-results a.ck-result__link")
        expect(other).to_have_count(2)
        expect(other.first).to_have_text("Chậm trả lời yêu cầu trợ giúp pháp lý")
        hrefs = other.evaluate_all("links => links.map(a => a.pathname)")
        assert all("/pakn/" in href for href in hrefs), hrefs
        for name in ("pagefind-worker.js", "pagefind-entry.json?ts=", ".pf_meta", "/wasm."):
            assert any(name in url and mine for url, mine in asked), name
        entries = {url for url, _ in asked if "pagefind-entry.json" in url}
        assert len(entries) == 1, entries  # Pagefind read the entry the page fetched (same tag)
        assert problems == []


def test_a_feedback_code_is_answered_by_the_feedback_section(feedback_site: Path) -> None:
    """A feedback item's code is no procedure's word: the page says no procedure matches and the item
    is the first of the feedback section below."""
    with serve_directory(feedback_site) as base, chromium() as browser:
        page, problems = _watched_page(browser)
        page.goto(base + "tim-kiem/?q=PAKN-2025-003")
        expect(page.locator("#ck-search-others-status")).to_have_text(
            "Tìm thấy 1 phản ánh, kiến nghị cho «PAKN-2025-003»."
        )
        expect(page.locator("#ck-search-status")).to_have_text(
            "Không thủ tục nào khớp «PAKN-2025-003»; kết quả trong phản ánh, kiến nghị ở bên dưới."
        )
        expect(page.locator("#ck-search-results a")).to_have_count(0)
        other = page.locator("#ck-search-others-results a.ck-result__link")
        expect(other.first).to_have_attribute("href", re.compile(r"pakn/PAKN-2025-003/$"))
        assert problems == []
