"""Every kind of page, as citizens use it: axe-core's WCAG 2.2 A/AA rules at a phone's and a desktop's
width, no sideways scrolling on a phone, a keyboard-only walk to a form, the contact facts, the form
download, the apply button and the Vietnamese 404 page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.procedures.model import Procedure
from generator.procedures.pages import apply_url

from .axe import axe_source, blocking, describe, violations
from .browser import chromium, serve_directory

pytestmark = pytest.mark.browser

PHONE, DESKTOP = 360, 1280
SEARCH = "tim-kiem/?q=c%C3%B4ng%20ch%E1%BB%A9ng"
PAGES = {
    "home": "",
    "catalogue": "thu-tuc/",
    "sector": "linh-vuc/cong-chung/",
    "procedure": "thu-tuc/1.013859/",
    "search with results": SEARCH,
    "open data": "du-lieu/",
    "hand-written page": "trang/gioi-thieu/",
    "accessibility statement": "kha-nang-tiep-can/",
    "404": "khong-co-trang-nay/",
}
"""One page of each kind, by name; :func:`page_types` adds one page of every other folder of the built
site, so a new dataset's pages are checked as soon as they are built."""
NOT_PAGES = {"assets", "pagefind", "mau", "search"}


def page_types(site: Path) -> dict[str, str]:
    """:data:`PAGES`, plus the first page of each top-level folder of ``site`` and of its subfolders
    that no listed page already covers."""
    pages = dict(PAGES)
    covered = {path.split("/")[0] for path in pages.values() if "?" not in path}
    for folder in sorted(p for p in site.iterdir() if p.is_dir() and p.name not in NOT_PAGES):
        if folder.name in covered:
            continue
        if (folder / "index.html").is_file():
            pages[folder.name] = f"{folder.name}/"
        first = next((p for p in sorted(folder.iterdir()) if (p / "index.html").is_file()), None)
        if first is not None:
            pages[f"{folder.name}/…"] = f"{folder.name}/{first.name}/"
    return pages


@pytest.fixture(scope="module")
def served(minimal_site: Path) -> Iterator[tuple[str, Any]]:
    """The minimal site on a local server, and a browser."""
    with serve_directory(minimal_site) as base, chromium() as browser:
        yield base, browser


def open_page(served: tuple[str, Any], path: str, width: int) -> Any:
    """A new page at ``path``, ready to be checked (search results shown)."""
    base, browser = served
    # bypass_csp: axe-core is injected as an inline script, which the site's own policy refuses
    # (tests/test_security.py checks the policy with no bypass).
    page = browser.new_page(viewport={"width": width, "height": 800}, bypass_csp=True)
    page.goto(base + path)
    if path.startswith("tim-kiem/?q="):
        page.wait_for_function(
            "() => /^Tìm thấy/.test(document.getElementById('ck-search-status').textContent)"
        )
    return page


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_axe_finds_no_serious_problem_on_any_kind_of_page(
    served: tuple[str, Any], minimal_site: Path, width: int
) -> None:
    source = axe_source()
    found: dict[str, list[str]] = {}
    pages = page_types(minimal_site)
    for name, path in pages.items():
        page = open_page(served, path, width)
        assert page.evaluate("document.documentElement.lang") == "vi", name
        if problems := blocking(violations(page, source)):
            found[name] = describe(problems)
        page.close()
    assert len(pages) >= len(PAGES)
    assert found == {}


def test_no_page_scrolls_sideways_on_a_phone(
    served: tuple[str, Any], minimal_site: Path, tmp_path: Path
) -> None:
    wide = {}
    english: dict[str, list[str]] = {}
    for name, path in page_types(minimal_site).items():
        page = open_page(served, path, PHONE)
        page.screenshot(path=str(tmp_path / f"{name.replace('/', '-')}-360.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE:
            wide[name] = width
        # Material's own image texts are English («logo»): none is left on a page
        alts = page.evaluate("[...document.images].map((i) => i.alt)")
        if any(alt.strip().lower() in {"logo", "image", "icon"} for alt in alts):
            english[name] = alts
        page.close()
    assert wide == {}
    assert english == {}


def test_a_phone_shows_the_agency_name_and_tables_as_cards(served: tuple[str, Any]) -> None:
    page = open_page(served, "thu-tuc/1.013859/", PHONE)
    title = page.locator(".md-header__topic").first
    assert title.inner_text().strip() == "Sở Tư pháp tỉnh Bình Phước"
    assert title.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    card = page.locator("table[data-ck=cards] tr", has_text="Trực tuyến").first
    assert card.evaluate("e => getComputedStyle(e).display") == "block"
    label = card.locator("td[data-label='Phí, lệ phí']")
    assert label.evaluate("e => getComputedStyle(e, '::before').content") == '"Phí, lệ phí"'
    contents = page.get_by_role("navigation", name="Nội dung trang này")
    assert contents.is_visible()
    contents.get_by_role("link", name="Thành phần hồ sơ, mẫu đơn").click()
    assert page.evaluate("location.hash") == "#ho-so"


def focus_walk(page: Any, name: str, limit: int = 80) -> list[str]:
    """Press Tab until the focused element is a link or button named ``name``; press Enter. Returns what
    was focused on the way; fails if focus entered the closed drawer or the element is never reached."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const e = document.activeElement;
                 const drawer = e.closest('.md-sidebar--primary');
                 const style = getComputedStyle(e);
                 if (e === document.body) return null;
                 return {text: (e.innerText || e.getAttribute('aria-label') || '').trim(),
                         inDrawer: !!drawer && !document.getElementById('__drawer').checked,
                         outline: parseFloat(style.outlineWidth), outlineStyle: style.outlineStyle}; }"""
        )
        if focused is None:  # past the last link, before the first
            continue
        assert not focused["inDrawer"], f"focus went into the closed drawer: {focused['text']}"
        assert focused["outline"] >= 2, f"focus ring under 2 px: {focused}"
        assert focused["outlineStyle"] != "none", f"no focus ring: {focused}"
        seen.append(focused["text"])
        if focused["text"].split("\n")[0] == name:
            page.keyboard.press("Enter")
            return seen
    raise AssertionError(f"«{name}» never reached by Tab; focused: {seen}")


def test_keyboard_only_from_home_to_a_form_download_on_a_phone(served: tuple[str, Any]) -> None:
    page = open_page(served, "", PHONE)
    page.keyboard.press("Tab")
    skip = page.evaluate(
        "[document.activeElement.classList.contains('md-skip'), document.activeElement.innerText]"
    )
    assert skip == [True, "Chuyển đến nội dung chính"]
    focus_walk(page, "Tra cứu thủ tục hành chính")
    page.wait_for_url("**/thu-tuc/")
    focus_walk(page, "Công chứng")
    page.wait_for_url("**/linh-vuc/cong-chung/")
    focus_walk(page, "Cấp thẻ công chứng viên")
    page.wait_for_url("**/thu-tuc/1.013859/")
    with page.expect_download() as download:
        focus_walk(page, "Mẫu TP-CC-05")
    assert download.value.suggested_filename == "tp-cc-05.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
    focus_walk(page, "nơi nộp hồ sơ")  # a form with no file: where it is obtained
    assert page.evaluate("location.hash") == "#noi-nop"


def test_the_phone_menu_opens_and_closes_with_the_keyboard(served: tuple[str, Any]) -> None:
    page = open_page(served, "thu-tuc/1.013859/", PHONE)
    drawer_links = page.locator(".md-sidebar--primary a")
    assert drawer_links.first.evaluate("e => getComputedStyle(e).visibility") == "hidden"
    focus_walk(page, "Mở danh mục trang", limit=5)
    page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary') !== null")
    assert page.locator("[data-ck-drawer-button]").get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.hasAttribute('data-ck-drawer-button')")
    assert page.locator("[data-ck-drawer-button]").get_attribute("aria-expanded") == "false"


def test_contact_facts_are_in_the_footer_and_beside_where_to_apply(served: tuple[str, Any]) -> None:
    page = open_page(served, "thu-tuc/1.013859/", PHONE)
    footer = page.locator("footer address")
    assert footer.get_by_role("link", name="0271 3 000 002").get_attribute("href") == "tel:02713000002"
    # a sample site's e-mail address is an illustration, as text, not a link that would write to it
    assert "Thư điện tử: vi-du@tinh.gov.vn (địa chỉ minh họa)" in footer.inner_text()
    assert footer.locator("a[href^='mailto:']").count() == 0
    assert footer.get_by_role("link", name="Xem đường đến trụ sở trên bản đồ").count() == 1
    assert "Giờ làm việc: Sáng 7 giờ 00" in footer.inner_text()
    box = page.locator("#noi-nop ~ div .ck-contact-box")
    assert box.get_by_role("link", name="0271 3 000 001").get_attribute("href") == "tel:02713000001"
    assert "Địa chỉ: Trung tâm Hành chính tỉnh" in box.inner_text()
    statement = footer.get_by_role("link", name="Tuyên bố về khả năng tiếp cận")
    statement.click()
    assert page.locator("h1").inner_text() == "Tuyên bố về khả năng tiếp cận"


def test_the_apply_button_goes_only_to_a_real_application_page(served: tuple[str, Any]) -> None:
    page = open_page(served, "thu-tuc/1.013859/", DESKTOP)
    button = page.locator("a.md-button", has_text="Nộp hồ sơ trực tuyến")
    assert button.get_attribute("href") == "https://dichvucong.binhphuoc.gov.vn/nop-ho-so/1.013859"
    national = page.get_by_role("link", name="Xem thủ tục trên Cổng Dịch vụ công quốc gia")
    assert national.get_attribute("href") != button.get_attribute("href")
    # 2.000829's «application» link is its own record on the national portal: no button
    page.goto(page.url.replace("1.013859", "2.000829"))
    assert page.locator("a.md-button", has_text="Nộp hồ sơ trực tuyến").count() == 0
    assert page.get_by_role("link", name="Xem thủ tục trên Cổng Dịch vụ công quốc gia").count() == 1


def test_the_404_page_is_vietnamese_and_searches(served: tuple[str, Any]) -> None:
    base, browser = served
    page = browser.new_page(viewport={"width": PHONE, "height": 800}, bypass_csp=True)
    response = page.goto(base + "thu-tuc/9.999999/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Không tìm thấy trang"
    page.get_by_label("Tìm thủ tục theo tên, mã hoặc từ khóa").fill("công chứng")
    page.get_by_role("button", name="Tìm kiếm").last.click()
    page.wait_for_url("**/tim-kiem/?q=*")
    page.wait_for_function("() => /^Tìm thấy/.test(document.getElementById('ck-search-status').textContent)")


APPLY = "https://dichvucong.binhphuoc.gov.vn/nop-ho-so/1"
RECORD = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-863b-7023-b6f1-5bd5f0b52d89"


@pytest.mark.parametrize(
    ("changes", "shown"),
    [
        ({}, True),
        ({"url_nop_truc_tuyen": None}, False),
        ({"url_nop_truc_tuyen": RECORD}, False),
        (
            {
                "url_nop_truc_tuyen": "https://dichvucong.gov.vn/khac",
                "url_dvcqg": "https://dichvucong.gov.vn/khac",
            },
            False,
        ),
        ({"trang_thai": "bai_bo"}, False),
        ({"dvc_truc_tuyen": "khong"}, False),
        ({"dvc_truc_tuyen": None, "cach_thuc": [{"hinh_thuc": "truc_tiep"}]}, False),
        ({"dvc_truc_tuyen": None}, True),
    ],
)
def test_apply_button_rules(changes: dict[str, Any], shown: bool) -> None:
    record = {
        "ma_thu_tuc": "1.000001",
        "ten_thu_tuc": "Thủ tục thử",
        "linh_vuc": "cong-chung",
        "cap_thuc_hien": ["tinh"],
        "cach_thuc": [{"hinh_thuc": "truc_tuyen"}],
        "dvc_truc_tuyen": "toan_trinh",
        "url_nop_truc_tuyen": APPLY,
        "url_dvcqg": RECORD,
    }
    procedure = Procedure.model_validate({**record, **changes})
    assert apply_url(procedure) == (procedure.url_nop_truc_tuyen if shown else None)
