"""The one-stop results: the identities of Biểu 06 with their exact messages, sectors, the carried-over
rule, and an SVG chart whose bars match the data."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from generator.build.allpages import generate_pages
from generator.build.pipeline import check
from generator.core.csvcells import csv_text, safe_cell
from generator.core.errors import DataErrors
from generator.statistics.chart import BAR_AREA, Bar, bar_chart

from .conftest import MakeContent

QUARTER = """\
nam: 2024
quy: 1
tu_ngay: 2023-12-15
den_ngay: 2024-03-14
so_lieu:
  - linh_vuc: {sector}
    tiep_nhan: {{truc_tuyen: 10, truc_tiep: 5, ky_truoc: 2{received}}}
    da_giai_quyet: {{truoc_han: 8, dung_han: 5, qua_han: 1{resolved}}}
    dang_giai_quyet: {{trong_han: 2, qua_han: {late}{pending}}}
"""


def quarter(
    sector: str = "cong-chung", received: str = "", resolved: str = "", pending: str = "", late: int = 1
) -> str:
    return QUARTER.format(sector=sector, received=received, resolved=resolved, pending=pending, late=late)


def errors_of(make_content: MakeContent, text: str, name: str = "2024-q1") -> list[str]:
    content = make_content({f"thong-ke/{name}.yml": text})
    with pytest.raises(DataErrors) as caught:
        check(content)
    return [str(e).removeprefix(f"{content}/") for e in caught.value.errors]


def test_a_balanced_quarter_is_valid(make_content: MakeContent) -> None:
    content = make_content(
        {"thong-ke/2024-q1.yml": quarter(received=", tong_so: 17", resolved=", tong_so: 14")}
    )
    assert len(check(content).summaries("thong-ke")) == 1


def test_received_total_must_equal_its_parts(make_content: MakeContent) -> None:
    assert errors_of(make_content, quarter(received=", tong_so: 18")) == [
        "thong-ke/2024-q1.yml:7: so_lieu[0].tiep_nhan.tong_so: lĩnh vực «cong-chung»: sai đẳng thức "
        "(tổng số nhận = trực tuyến + trực tiếp, bưu chính + từ kỳ trước): 18 ≠ 10 + 5 + 2 = 17"
    ]


def test_resolved_total_must_equal_its_parts(make_content: MakeContent) -> None:
    assert errors_of(make_content, quarter(resolved=", tong_so: 15")) == [
        "thong-ke/2024-q1.yml:8: so_lieu[0].da_giai_quyet.tong_so: lĩnh vực «cong-chung»: sai đẳng thức "
        "(tổng số đã giải quyết = trước hạn + đúng hạn + quá hạn): 15 ≠ 8 + 5 + 1 = 14"
    ]


def test_pending_total_must_equal_its_parts(make_content: MakeContent) -> None:
    assert errors_of(make_content, quarter(pending=", tong_so: 4")) == [
        "thong-ke/2024-q1.yml:9: so_lieu[0].dang_giai_quyet.tong_so: lĩnh vực «cong-chung»: sai đẳng thức "
        "(tổng số đang giải quyết = trong hạn + quá hạn): 4 ≠ 2 + 1 = 3"
    ]


def test_received_must_equal_resolved_plus_pending(make_content: MakeContent) -> None:
    assert errors_of(make_content, quarter(late=2)) == [
        "thong-ke/2024-q1.yml:6: so_lieu[0]: lĩnh vực «cong-chung»: sai đẳng thức "
        "(nhận giải quyết = đã giải quyết + đang giải quyết): 17 ≠ 14 + 4 = 18"
    ]


def test_an_unknown_sector_is_named_with_a_suggestion(make_content: MakeContent) -> None:
    [error] = errors_of(make_content, quarter(sector="cong-chungg"))
    assert error.startswith(
        "thong-ke/2024-q1.yml:6: so_lieu[0].linh_vuc: «cong-chungg» không thuộc danh sách"
    )
    assert error.endswith("Có phải ý bạn là «cong-chung»?")


def test_the_file_is_named_by_its_quarter(make_content: MakeContent) -> None:
    assert errors_of(make_content, quarter(), name="2024-q2") == [
        "thong-ke/2024-q2.yml:2: quy: tệp số liệu quý 1/2024 phải tên là 2024-q1.yml"
    ]


def test_carried_over_equals_what_the_quarter_before_left_pending(make_content: MakeContent) -> None:
    second = quarter().replace("quy: 1", "quy: 2").replace("ky_truoc: 2", "ky_truoc: 2")
    content = make_content({"thong-ke/2024-q1.yml": quarter(), "thong-ke/2024-q2.yml": second})
    with pytest.raises(DataErrors) as caught:
        check(content)
    assert [str(e).removeprefix(f"{content}/") for e in caught.value.errors] == [
        "thong-ke/2024-q2.yml:7: so_lieu[0].tiep_nhan.ky_truoc: lĩnh vực «cong-chung»: "
        "từ kỳ trước 2 ≠ đang giải quyết cuối quý I/2024 3"
    ]


def test_a_chart_is_svg_whose_bars_match_the_data() -> None:
    data = [("Công chứng", 56), ("Luật sư", 24), ("Quốc tịch", 0), ("Nuôi con nuôi", 7)]
    svg = bar_chart(
        "x", "Hồ sơ nhận", "Mỗi lĩnh vực một thanh.", [Bar(n, Decimal(v), str(v)) for n, v in data]
    )
    root = ET.fromstring(str(svg))
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "x-title x-desc"
    assert root.findtext("s:title", namespaces=ns) == "Hồ sơ nhận"
    assert "Luật sư: 24" in (root.findtext("s:desc", namespaces=ns) or "")
    bars = root.findall(".//s:rect", ns)
    widths = [float(b.get("width", "")) for b in bars]
    assert widths[0] == BAR_AREA
    for (_, value), width in zip(data, widths, strict=True):
        assert width == pytest.approx(value / 56 * BAR_AREA, abs=0.05)
    labels = [t.text for t in root.findall(".//s:text", ns)]
    assert labels == ["Công chứng", "56", "Luật sư", "24", "Quốc tịch", "0", "Nuôi con nuôi", "7"]


def test_the_quarter_page_carries_a_chart_that_matches_its_table(make_content: MakeContent) -> None:
    content = make_content({"thong-ke/2024-q1.yml": quarter()})
    page = {p.path: p.text for p in generate_pages(check(content))}["thong-ke/2024-q1.md"]
    svg = page[page.index("<svg") : page.index("</svg>") + 6]
    rect = ET.fromstring(svg).find(".//{http://www.w3.org/2000/svg}rect")
    assert rect is not None
    assert rect.get("data-value") == "17"
    assert rect.get("width") == f"{BAR_AREA}.0"
    assert "(8 + 5 + 2) ÷ 17</td><td>88,2%" in page


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_that_a_spreadsheet_would_run_get_an_apostrophe(cell: str) -> None:
    assert safe_cell(cell) == "'" + cell
    assert csv_text(["a"], [[cell]]).splitlines()[1].lstrip('"').startswith("'")


def test_plain_csv_cells_are_kept() -> None:
    assert [safe_cell(v) for v in ("Công chứng", 12, None, "a=b")] == ["Công chứng", "12", "", "a=b"]
