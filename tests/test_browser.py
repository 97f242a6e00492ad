"""Open the built site in headless Chromium as a citizen would."""

from __future__ import annotations

from pathlib import Path

import pytest

from .browser import chromium, serve_directory

pytestmark = pytest.mark.browser


def test_home_and_procedure_page_show_fee_and_deadline(minimal_site: Path) -> None:
    with serve_directory(minimal_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))

        page.goto(base)
        assert page.locator("h1").inner_text() == "Sở Tư pháp tỉnh Bình Phước"
        figures = page.locator("table").first.inner_text()
        assert "Thủ tục hành chính đang có hiệu lực\t2" in figures

        page.get_by_role("link", name="Tra cứu thủ tục hành chính").click()
        page.get_by_role("link", name="Công chứng").first.click()
        page.get_by_role("link", name="Cấp thẻ công chứng viên").click()
        assert page.locator("h1").inner_text() == "Cấp thẻ công chứng viên"
        channels = page.locator("table", has_text="Hình thức nộp").inner_text()
        assert "Trực tuyến\t5 ngày làm việc\t100.000 đồng/hồ sơ" in channels
        assert page.get_by_role("link", name="Nộp hồ sơ trực tuyến", exact=True).is_visible()
        assert problems == []


def test_procedure_page_fits_a_phone(minimal_site: Path) -> None:
    with serve_directory(minimal_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(base + "thu-tuc/1.013859/")
        assert page.get_by_text("100.000 đồng/hồ sơ").locator("visible=true").first.is_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360
