"""The default site: the province's justice catalogue at provincial and commune level, honest about itself.

Every page is read: no «Không có thông tin», no two values run together, no table column empty in every row,
no sector listed without a procedure, and each procedure page says where and how to apply.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import get_args

import pytest

from generator.build.pipeline import check as build_catalog
from generator.feedback.model import CLASSIFICATIONS, Classification
from generator.feedback.pages import COUNTED
from generator.feedback.summary import summaries as feedback_summaries
from generator.procedures.lookup import summaries
from generator.statistics.views import year_views

from .conftest import MINIMAL, REPO, build_site

CONTENT = REPO / "content"


class _Tables(HTMLParser):
    """The text of every table cell of a page, by table, row and column."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables and self.tables[-1]:
            self._cell = []
            self.tables[-1][-1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1][-1] = " ".join("".join(self._cell).split())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def empty_columns(html: str) -> list[str]:
    """«header» of each column that is empty in every body row of a table."""
    parser = _Tables()
    parser.feed(html)
    found = []
    for table in parser.tables:
        header, *rows = table
        for i, name in enumerate(header):
            if rows and all(i >= len(row) or not row[i] for row in rows):
                found.append(name)
    return found


@pytest.fixture(scope="module")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default content, built once for this module."""
    return build_site(CONTENT, tmp_path_factory.mktemp("default"))


@pytest.fixture(scope="module")
def pages(default_site: Path) -> dict[str, str]:
    """Every HTML page of the default site, by path."""
    return {
        str(p.relative_to(default_site)): p.read_text(encoding="utf-8") for p in default_site.rglob("*.html")
    }


def test_the_catalogue_holds_the_provincial_and_commune_procedures() -> None:
    procedures = summaries(build_catalog(CONTENT))
    assert len(procedures) == 224  # the 225 of the shared data at these levels, less one Nông nghiệp record
    assert all({"tinh", "xa"} & set(p.cap_thuc_hien) for p in procedures)
    codes = {p.ma_thu_tuc for p in procedures}
    assert codes.isdisjoint({"3.000330", "3.000333", "3.000334", "3.000335"})  # Lý lịch tư pháp: Công an
    assert "1.001193" in codes  # đăng ký khai sinh, at the commune People's Committee


def test_no_page_says_there_is_no_information(pages: dict[str, str]) -> None:
    assert [path for path, html in pages.items() if "Không có thông tin" in html] == []


def test_no_two_values_run_together(pages: dict[str, str]) -> None:
    assert [path for path, html in pages.items() if re.search(r"Miễn phí Không|Miễn phí Theo", html)] == []


def test_no_table_has_an_empty_column(pages: dict[str, str]) -> None:
    empty = {path: columns for path, html in pages.items() if (columns := empty_columns(html))}
    assert empty == {}


def test_every_listed_sector_has_procedures(pages: dict[str, str]) -> None:
    catalog = build_catalog(CONTENT)
    used = {p.linh_vuc for p in summaries(catalog)}
    assert {s.ma for s in catalog.sectors} == used
    listed = set(re.findall(r'href="\.\./linh-vuc/([a-z0-9-]+)/"', pages["thu-tuc/index.html"]))
    assert listed == used


def test_each_procedure_page_says_where_and_how(pages: dict[str, str]) -> None:
    procedure_pages = {path: html for path, html in pages.items() if re.match(r"thu-tuc/\d", path)}
    assert len(procedure_pages) == 224
    assert [p for p, html in procedure_pages.items() if "Nơi nộp hồ sơ" not in html] == []
    assert [p for p, html in procedure_pages.items() if "Cách nộp hồ sơ" not in html] == []
    birth = procedure_pages["thu-tuc/1.001193/index.html"]
    assert "Ủy ban nhân dân cấp xã" in birth


def test_the_home_page_counts_what_it_holds(pages: dict[str, str]) -> None:
    home = pages["index.html"]
    assert "toàn bộ" not in home
    assert (
        "Trang này công khai <strong>224</strong> thủ tục hành chính đang có hiệu lực thuộc 19 lĩnh vực"
        in home
    )


# --- no claim the data does not back ------------------------------------------------------------------


def test_the_home_page_counts_feedback_by_what_it_is_about(pages: dict[str, str]) -> None:
    items = feedback_summaries(build_catalog(CONTENT))
    assert set(COUNTED) == set(get_args(get_args(Classification)[0])) == set(CLASSIFICATIONS)
    about = {key: sum(s.phan_loai == key for s in items) for key in COUNTED}
    assert all(about.values())  # the default feedback holds both kinds
    said = " và ".join(f"{about[key]} {label}" for key, label in COUNTED.items())
    assert f"Đã tiếp nhận <strong>{len(items)}</strong> phản ánh, kiến nghị ({said});" in pages["index.html"]
    assert "về quy định hành chính; đã xử lý" not in pages["index.html"]


STATED = re.compile(
    r"(?:tính đến ngày|[Tt]ình hình đến ngày|Tình trạng đến ngày|Phiên bản nội dung [0-9a-f]*,? ?ngày)"
    r"\s*(?:<[^>]*>\s*)*(\d\d/\d\d/\d{4})"
)


def test_every_page_states_one_date_the_build_s(pages: dict[str, str]) -> None:
    """The footer's version, the feedback's «tính đến ngày», the plan's «tình hình đến ngày»: one date,
    the catalog's (the content's version date, as a plain ``congkhai build`` gives it)."""
    day = build_catalog(CONTENT).as_of
    stated = {path: set(STATED.findall(html)) for path, html in pages.items()}
    assert all(stated[path] for path in ("index.html", "pakn/index.html", "ke-hoach/2023/index.html"))
    assert {d for found in stated.values() for d in found} == {day.strftime("%d/%m/%Y")}
    assert "SOURCE_DATE_EPOCH" not in (REPO / "Makefile").read_text(encoding="utf-8")


def test_no_document_number_without_its_number(pages: dict[str, str]) -> None:
    assert [path for path, html in pages.items() if re.search(r"\(số\s*/|số\s+/[A-Z]", html)] == []


def test_a_year_s_received_figure_says_why_it_is_not_the_quarters_sum(pages: dict[str, str]) -> None:
    years = year_views(build_catalog(CONTENT))
    summed = {y.year: sum(q.table.total.received for q in y.quarters) for y in years}
    differing = [y for y in years if summed[y.year] != y.table.total.received]
    assert differing  # the default figures carry cases over from quarter to quarter
    for y in years:
        html = pages[f"thong-ke/{y.year}/index.html"]
        note = f"tổng các quý ({summed[y.year]}) khác số hồ sơ nhận cả năm ({y.table.total.received})"
        assert (note in html) == (y in differing)
    assert "không cộng từ các quý" in pages["thong-ke/index.html"]


CONTROL = re.compile(r"(?:nút|liên kết|ô)\s+(?:<[^>]*>)*«([^»]+)»")


def test_hand_pages_name_only_controls_the_site_has(pages: dict[str, str]) -> None:
    """A guide that tells citizens to press a button or open a link names one that some page shows."""
    shown = {
        " ".join(re.sub(r"<[^>]+>", "", text).split())
        for html in pages.values()
        for text in re.findall(r"<(?:a|button|label)\b[^>]*>(.*?)</(?:a|button|label)>", html, re.S)
    }
    named = {
        (path, name)
        for path, html in pages.items()
        if path.startswith("trang/")
        for name in CONTROL.findall(html)
    }
    assert named  # the guide names the controls it points to
    assert [(path, name) for path, name in sorted(named) if name not in shown] == []


SAMPLE_BANNER = "<strong>Trang mẫu, dữ liệu minh họa:</strong> đây không phải trang chính thức của"
OFFICIAL_LINE = "Trang thông tin chính thức của"


def test_every_page_of_the_sample_site_says_it_is_a_sample(pages: dict[str, str]) -> None:
    assert "chinh_thuc" not in (CONTENT / "site.yml").read_text(encoding="utf-8")
    public = {path: html for path, html in pages.items() if not path.startswith("admin/")}  # the editor
    assert [path for path, html in public.items() if SAMPLE_BANNER not in html] == []
    assert [path for path, html in public.items() if OFFICIAL_LINE in html] == []


def test_only_a_site_that_says_it_is_real_calls_itself_official(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    with (content / "site.yml").open("a", encoding="utf-8") as f:
        f.write("chinh_thuc: true\n")
    site = build_site(content, tmp_path)
    built = {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    assert [path for path, html in built.items() if OFFICIAL_LINE not in html] == ["admin/index.html"]
    assert [path for path, html in built.items() if SAMPLE_BANNER in html] == []
