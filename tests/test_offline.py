"""The offline copy (``congkhai build --offline``) works from ``file://``: links and search."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import yaml

from generator.build import pipeline as site
from generator.build.offline import to_file

from .browser import chromium, serve_directory
from .conftest import MINIMAL, REPO, need_shared


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
        result = page.locator("#ck-header-results [role=option]").first
        assert result.locator(".ck-header-results__title").inner_text() == "Cấp thẻ công chứng viên"
        result.click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/thu-tuc/1.013859/index.html")
        assert page.locator("h1").inner_text() == "Cấp thẻ công chứng viên"
        page.locator("#ck-header-q").fill("1013859")
        page.locator("#ck-header-q").press("Enter")
        page.wait_for_load_state("load")
        assert page.url.split("?")[0].endswith("/tim-kiem/index.html")
        assert page.locator("a.ck-result__link").first.inner_text() == "Cấp thẻ công chứng viên"
        assert problems == []


@pytest.fixture(scope="module")
def real_copies(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The search tests' site (the 271 national records) and its offline copy, unpacked."""
    from .search_data import make_content
    from .test_search_browser import RECORDS

    if not RECORDS.is_dir():
        need_shared()
    root = tmp_path_factory.mktemp("offline-real")
    content = make_content(RECORDS, root / "content")
    site.build(content, root / "site", REPO / "mkdocs.yml", root / "work", offline=True)
    with zipfile.ZipFile(root / "site-offline.zip") as z:
        z.extractall(root / "copy")
    return root / "site", root / "copy"


_FIRST_NAMES = """async (queries) => {
  const engine = await window.ckNamesEngine();
  return queries.map((q) => {
    const first = engine.quick(q).ranked[0];
    return first ? first.data.meta.ma : null;
  });
}"""


def test_offline_search_answers_the_names_queries_as_the_site(real_copies: tuple[Path, Path]) -> None:
    """Every names query of the search tests gets the same first result from the offline copy (opened
    from disk) as from the site (served), from the same engine: the header box's."""
    from .search_data import CITIZEN_QUERIES
    from .test_search_browser import QUERIES

    queries = [q for q, _ in QUERIES] + [q for _, q, _ in CITIZEN_QUERIES]
    served, copy = real_copies
    with serve_directory(served) as base, chromium() as browser:
        online = browser.new_page()
        online.goto(base + "thu-tuc/")
        on_site = online.evaluate(_FIRST_NAMES, queries)
        offline = browser.new_page()
        offline.goto((copy / "thu-tuc" / "index.html").as_uri())
        on_disk = offline.evaluate(_FIRST_NAMES, queries)
    assert sum(1 for code in on_site if code) > len(queries) * 3 // 4
    assert [(q, a, b) for q, a, b in zip(queries, on_site, on_disk, strict=True) if a != b] == []


def test_offline_copy_searches_styled_and_leaves_out_what_needs_a_server(
    real_copies: tuple[Path, Path],
) -> None:
    """«lam giay khai sinh» finds the birth registration in the header box, whose list is styled like
    the site's; the search page answers from the procedures (names and term index) and says where the
    other pages are searched; neither the editor nor Pagefind's index is in the copy."""
    served, copy = real_copies
    assert (served / "admin").is_dir()
    assert (served / "pagefind").is_dir()
    assert not (copy / "admin").exists()
    assert not (copy / "pagefind").exists()
    with chromium() as browser:
        page = browser.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto((copy / "index.html").as_uri())
        page.locator("#ck-header-q").fill("lam giay khai sinh")
        first = page.locator("#ck-header-results [role=option]").first
        first.wait_for()
        assert first.locator(".ck-header-results__title").inner_text() == "Thủ tục đăng ký khai sinh"
        style = page.locator("#ck-header-results").evaluate("e => getComputedStyle(e).listStyleType")
        assert style == "none"  # ck-search.css styles it
        page.locator("#ck-header-q").press("Enter")
        page.wait_for_load_state("load")
        assert page.url.split("?")[0].endswith("/tim-kiem/index.html")
        first_result = page.locator("a.ck-result__link").first
        first_result.wait_for()
        assert first_result.inner_text().startswith("Thủ tục đăng ký khai sinh")
        status = page.locator("#ck-search-status")
        page.wait_for_function(
            "() => document.getElementById('ck-search-status').textContent.includes('ngoại tuyến')"
        )
        assert status.inner_text().startswith("Tìm thấy "), status.inner_text()
        assert status.inner_text().endswith(
            "Bản ngoại tuyến chỉ tìm trong các thủ tục; tìm trong phản ánh, kiến nghị và các trang khác "
            "cần mở trang trên mạng."
        )
        assert page.locator("#ck-search-others").is_hidden()
        assert problems == []


def test_the_feedback_lookup_says_how_to_look_up_offline() -> None:
    """The lookup by code reads a file, which ``file://`` forbids: the copy says where to look instead,
    and drops the feedback script (its lookup and its filters need a server)."""
    from generator.build.offline import lookup_note, offline_page
    from generator.site.agency import Agency

    agency = Agency.model_validate(
        {
            **yaml.safe_load((MINIMAL / "site.yml").read_text(encoding="utf-8")),
            "url_trang": "https://a.gov.vn/",
        }
    )
    page = (
        '<p>Nhập mã.</p>\n<form class="ck-pakn-lookup" id="ck-pakn-lookup" data-items="../">\n'
        '<label for="ck-pakn-code">Mã</label>\n<input id="ck-pakn-code" name="ma" type="text" required>\n'
        '<button type="submit">Tra cứu</button>\n</form>\n<p id="ck-pakn-result" aria-live="polite"></p>\n'
        '<script src="../../assets/ck-pakn.js" defer></script>\n</body>'
    )
    offline = offline_page(page, "pakn/tra-cuu/index.html", lookup_note(agency))
    assert "<form" not in offline
    assert "ck-pakn.js" not in offline
    assert (
        '<p class="ck-offline-note"><strong>Bản ngoại tuyến không tra cứu theo mã được.</strong> '
        "Tìm phản ánh, kiến nghị theo năm tiếp nhận trong danh sách phản ánh, kiến nghị, "
        "hoặc tra cứu trên mạng tại "
        '<a href="https://a.gov.vn/pakn/tra-cuu/">https://a.gov.vn/pakn/tra-cuu/</a>, '
        "hoặc gọi đường dây nóng 0271 3 000 002.</p>"
    ) in offline
