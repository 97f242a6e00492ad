"""The offline copy (``congkhai build --offline``) works from ``file://``: links and search."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from generator.build import pipeline as site
from generator.build.offline import to_file

from .browser import chromium
from .conftest import MINIMAL, REPO


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("thu-tuc/", "thu-tuc/index.html"),
        ("../../", "../../index.html"),
        (".", "./index.html"),
        ("..", "../index.html"),
        ("../linh-vuc/a/#x", "../linh-vuc/a/index.html#x"),
        ("https://dichvucong.gov.vn/", "https://dichvucong.gov.vn/"),
        ("#top", "#top"),
        ("assets/x.css", "assets/x.css"),
        ("mailto:a@b.vn", "mailto:a@b.vn"),
    ],
)
def test_folder_links_name_index_html(address: str, expected: str) -> None:
    assert to_file(address) == expected


@pytest.mark.browser
def test_offline_copy_opens_from_disk_and_searches(tmp_path: Path) -> None:
    out = tmp_path / "site"
    site.build(MINIMAL, out, REPO / "mkdocs.yml", tmp_path / "work", offline=True)
    archive = tmp_path / "site-offline.zip"
    first = archive.read_bytes()
    site.build(MINIMAL, out, REPO / "mkdocs.yml", tmp_path / "work", offline=True)
    assert archive.read_bytes() == first  # deterministic
    copy = tmp_path / "copy"
    with zipfile.ZipFile(archive) as z:
        z.extractall(copy)
    with chromium() as browser:
        page = browser.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto((copy / "index.html").as_uri())
        page.get_by_role("link", name="Tra cứu thủ tục hành chính").click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/thu-tuc/index.html")
        page.locator("#ck-header-q").fill("the cong chung vien")
        result = page.locator("#ck-header-results a").first
        assert result.inner_text() == "Cấp thẻ công chứng viên (1.013859)"
        result.click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/thu-tuc/1.013859/index.html")
        assert page.locator("h1").inner_text() == "Cấp thẻ công chứng viên"
        page.locator("#ck-header-q").fill("1013859")
        page.locator("#ck-header-q").press("Enter")
        page.wait_for_load_state("load")
        assert page.url.split("?")[0].endswith("/tim-kiem/index.html")
        assert (
            page.locator("#ck-offline-results a").first.inner_text() == "Cấp thẻ công chứng viên (1.013859)"
        )
        assert problems == []
