"""The plan overview, a task and a statistics page in headless Chromium on a 360 px phone."""

from __future__ import annotations

from pathlib import Path

import pytest

from .browser import chromium, serve_directory
from .conftest import REPO, build_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def plan_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(REPO / "tests" / "data" / "plan", tmp_path_factory.mktemp("plan"))


def test_plan_task_and_statistics_pages_on_a_phone(plan_site: Path) -> None:
    with serve_directory(plan_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))

        page.goto(base + "ke-hoach/2025/")
        assert page.locator("h1").inner_text() == "Kế hoạch kiểm soát TTHC năm 2025"
        assert page.locator("progress").count() == 3
        assert page.evaluate("document.documentElement.scrollWidth") <= 360

        page.get_by_role("link", name="Rà soát các TTHC mới công bố.").click()
        assert page.locator("h1").inner_text() == "Nhiệm vụ A.I.01"
        assert "Hoàn thành rà soát." in page.locator("table.ck-history").inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360

        page.goto(base + "thong-ke/2025-q1/")
        chart = page.get_by_role("img", name="Số hồ sơ nhận giải quyết theo lĩnh vực, quý I/2025")
        assert chart.is_visible()
        assert "94,6%" in page.locator("table.ck-rates").inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert problems == []
