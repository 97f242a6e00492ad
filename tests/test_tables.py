"""Every kind of page of the default site, as a citizen reads it at a phone's and a desktop's width:
no table cell shows a word, a date or a code broken across two lines, and axe-core finds no serious
problem (target size included). The kinds are derived from the built site (:mod:`tests.pagekinds`),
so a new dataset's pages are checked as soon as they are built."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.build.tablecards import SCROLL_CUE, label_tables
from generator.build.wholecodes import keep_codes_whole

from .axe import axe_source, blocking, describe, violations
from .browser import chromium, serve_directory
from .cells import broken_cells
from .conftest import REPO, build_site
from .pagekinds import page_kinds

pytestmark = pytest.mark.browser

WIDTHS = [360, 1280]


@pytest.fixture(scope="module")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default content, built."""
    return build_site(REPO / "content", tmp_path_factory.mktemp("tables"))


@pytest.fixture(scope="module")
def browser(default_site: Path) -> Iterator[tuple[str, Any]]:
    """The default site on a local server, and a browser."""
    with serve_directory(default_site) as base, chromium() as opened:
        yield base, opened


def test_page_kinds_cover_every_dataset_and_page_type(default_site: Path) -> None:
    kinds = page_kinds(default_site)
    for kind in ["/", "thu-tuc/N.N", "linh-vuc/*", "pakn/PAKN-N-N", "pakn/nam-N", "ke-hoach/N/quy-N"]:
        assert kind in kinds
    assert {"ke-hoach/N/X-N", "ke-hoach/N/don-vi/*", "thong-ke/N-qN", "thay-doi", "du-lieu"} <= set(kinds)
    assert len(kinds) < 30  # one page of each kind, not one of each record


@pytest.mark.parametrize("width", WIDTHS)
def test_no_table_cell_breaks_inside_a_word(browser: tuple[str, Any], default_site: Path, width: int) -> None:
    base, opened = browser
    found = {}
    for kind, path in page_kinds(default_site).items():
        page = opened.new_page(viewport={"width": width, "height": 800})
        page.goto(base + path)
        if problems := broken_cells(page):
            found[kind] = problems[:5]
        page.close()
    assert found == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_serious_problem_on_any_kind_of_page(
    browser: tuple[str, Any], default_site: Path, width: int
) -> None:
    base, opened = browser
    source = axe_source()
    found = {}
    for kind, path in page_kinds(default_site).items():
        page = opened.new_page(viewport={"width": width, "height": 800}, bypass_csp=True)
        page.goto(base + path)
        if problems := blocking(violations(page, source)):
            found[kind] = describe(problems)
        page.close()
    assert found == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_long_lists_are_cards_on_a_phone_and_tables_on_a_desktop(
    browser: tuple[str, Any], width: int
) -> None:
    base, opened = browser
    page = opened.new_page(viewport={"width": width, "height": 800})
    shown = {}
    for path in ["linh-vuc/ho-tich/", "ke-hoach/2023/", "ke-hoach/2023/quy-1/", "pakn/"]:
        page.goto(base + path)
        shown[path] = (
            page.locator("main table[data-ck=cards] tr").nth(1).evaluate("e => getComputedStyle(e).display")
        )
    expected = "block" if width == 360 else "table-row"
    assert shown == dict.fromkeys(shown, expected)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_codes_dates_and_file_names_in_a_cell_stay_whole() -> None:
    html = (
        '<p>PAKN-2025-023</p><table><tr><th class="a-b">Mã</th>'
        "<td>PAKN-2025-023, 61/2018/NĐ-CP. (CC&#45;BY&#45;4&#46;0) &lt;năm&gt;-q&lt;quý&gt;.csv "
        '<a href="https://x-y.vn/a-b">https://x-y.vn/a-b</a> Hành chính - tư pháp</td></tr></table>'
    )
    assert keep_codes_whole(html) == (
        '<p>PAKN-2025-023</p><table><tr><th class="a-b">Mã</th>'
        '<td><span class="ck-nowrap">PAKN-2025-023</span>, <span class="ck-nowrap">61/2018/NĐ-CP</span>. '
        '(<span class="ck-nowrap">CC-BY-4.0</span>) '
        '<span class="ck-nowrap">&lt;năm&gt;-q&lt;quý&gt;.csv</span> '
        '<a href="https://x-y.vn/a-b">https://x-y.vn/a-b</a> Hành chính - tư pháp</td></tr></table>'
    )


def _sector_names(html: str, pattern: str) -> list[str]:
    return re.findall(pattern, html)


def test_sectors_follow_one_stated_order_everywhere(default_site: Path) -> None:
    index = (default_site / "thu-tuc" / "index.html").read_text(encoding="utf-8")
    home = (default_site / "index.html").read_text(encoding="utf-8")
    rows = re.findall(
        r'<td[^>]*><a href="\.\./linh-vuc/[^"]+/">([^<]+)</a></td>\s*<td[^>]*>(\d+)</td>', index
    )
    counts = [int(n) for _, n in rows]
    assert counts == sorted(counts, reverse=True)
    assert rows[0][0] == "Hộ tịch"
    listed = re.findall(r'<li><a href="linh-vuc/[^"]+/">([^<]+)</a>: \d+ thủ tục</li>', home)
    assert listed == [name for name, _ in rows]
    nav = re.findall(
        r'<a href="linh-vuc/[^"]+/" class="md-nav__link">\s*<span class="md-ellipsis">\s*([^<]+?)\s*<', home
    )
    assert nav == listed
    assert "lĩnh vực có nhiều thủ tục đứng trước" in index


def test_the_search_count_says_what_it_counts(browser: tuple[str, Any]) -> None:
    base, opened = browser
    page = opened.new_page(viewport={"width": 1280, "height": 800})
    page.goto(base + "tim-kiem/?q=" + "công chứng")
    # The procedures' answer, then the feedback items' below it: each count says what it counts.
    page.wait_for_function(
        "() => /^(Tìm thấy|Không tìm thấy)/"
        ".test(document.getElementById('ck-search-others-status').textContent)"
    )
    status = page.locator("#ck-search-status").inner_text()
    found = re.fullmatch(r"Tìm thấy (\d+) thủ tục hành chính cho «công chứng»\.", status)
    assert found, status
    assert int(found[1]) > 10
    others = page.locator("#ck-search-others-status").inner_text()
    items = re.fullmatch(r"Tìm thấy (\d+) phản ánh, kiến nghị cho «công chứng»\.", others)
    assert items, others
    assert int(items[1]) > 1
    said = page.evaluate(
        """async () => {
          const m = await import('./../assets/ck-search.js');
          return [m.countSaid(3, {loai_trang: {"Thủ tục hành chính": 3}}), m.countSaid(5, {}),
                  m.countSaid(5, {loai_trang: {"Thủ tục hành chính": 3, "Phản ánh, kiến nghị": 1}})];
        }"""
    )
    assert said == ["3 thủ tục hành chính", "5 kết quả", "5 kết quả"]
    page.close()


CLIPPED_CELLS = """() => {
  const width = document.documentElement.clientWidth;
  const scroller = (cell) => {
    for (let e = cell.parentElement; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (/(auto|scroll)/.test(style.overflowX) && e.scrollWidth > e.clientWidth) return e;
    }
    return null;
  };
  const said = (region) => region.getAttribute('role') === 'region' && region.hasAttribute('tabindex')
    && /^Bảng/.test(region.getAttribute('aria-label') || '')
    && region.previousElementSibling && region.previousElementSibling.matches('.ck-scroll-cue')
    && region.previousElementSibling.getBoundingClientRect().height > 0;
  const hidden = (cell) => {  /* a header read only by screen readers (the cards' thead) */
    for (let e = cell; e; e = e.parentElement) if (getComputedStyle(e).clip.startsWith('rect')) return true;
    return false;
  };
  return [...document.querySelectorAll('main td, main th')].filter((cell) => {
    const box = cell.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1 || hidden(cell)) return false;
    const region = scroller(cell);
    return !(region && said(region));
  }).map((cell) => cell.textContent.trim().slice(0, 40));
}"""
"""The text of each table cell of the page that runs past the screen's right edge, unless it is inside
a region that scrolls sideways, is named as a table and has the cue «kéo ngang» shown above it."""


def test_no_table_cell_is_cut_off_on_a_phone(browser: tuple[str, Any], default_site: Path) -> None:
    base, opened = browser
    found = {}
    page = opened.new_page(viewport={"width": 360, "height": 800})
    for kind, path in page_kinds(default_site).items():
        page.goto(base + path)
        page.wait_for_load_state("load")
        if cut := page.evaluate(CLIPPED_CELLS):
            found[kind] = cut[:5]
    page.close()
    assert found == {}
    assert "Bảng rộng: kéo ngang" not in (default_site / "thu-tuc" / "index.html").read_text(encoding="utf-8")


def test_the_statement_about_cards_on_a_phone_stays_true(
    browser: tuple[str, Any], default_site: Path
) -> None:
    """Every table of every kind of page is cards on a phone, or a region that says it scrolls."""
    base, opened = browser
    statement = (default_site / "kha-nang-tiep-can" / "index.html").read_text(encoding="utf-8")
    statement = " ".join(statement.split())
    assert "hiện thành từng thẻ, không phải kéo ngang; riêng bảng số liệu có tiêu đề nhiều tầng" in statement
    page = opened.new_page(viewport={"width": 360, "height": 800})
    shown = {}
    for kind, path in page_kinds(default_site).items():
        page.goto(base + path)
        shown[kind] = page.evaluate(
            """() => [...document.querySelectorAll('main table')].map((t) => t.getAttribute('data-ck'))
                 .filter((m) => !['cards', 'facts', 'scroll'].includes(m))"""
        )
    page.close()
    assert {kind: marks for kind, marks in shown.items() if marks} == {}


def test_an_unmarked_table_becomes_cards_or_a_scrolling_region() -> None:
    simple = (
        "<table>\n<thead>\n<tr>\n<th>Năm</th>\n<th>Tỷ lệ &amp; số</th>\n</tr>\n</thead>\n"
        "<tbody>\n<tr>\n<td>2024</td>\n<td>98,7%</td>\n</tr>\n</tbody>\n</table>"
    )
    assert label_tables(simple) == (
        '<table data-ck="cards">\n<thead>\n<tr>\n<th>Năm</th>\n<th>Tỷ lệ &amp; số</th>\n</tr>\n</thead>\n'
        '<tbody>\n<tr>\n<td data-label="Năm">2024</td>\n<td data-label="Tỷ lệ &amp; số">98,7%</td>\n</tr>\n'
        "</tbody>\n</table>"
    )
    spanned = '<table><thead><tr><th rowspan="2">A</th><th colspan="2">B</th></tr></thead></table>'
    assert label_tables(spanned) == SCROLL_CUE + spanned.replace("<table>", '<table data-ck="scroll">')
    marked = '<table data-ck="facts"><tr><td>a</td></tr></table>'
    assert label_tables(marked) == marked
