"""Golden files of the plan and the statistics: the pages and open data of ``tests/data/plan``, byte for
byte, built as on 11/06/2025 (``UPDATE_GOLDENS=1 pytest tests/test_plan_golden.py`` regenerates them)."""

from __future__ import annotations

import os
from unittest import mock

import pytest

from generator.build.allpages import generate_pages
from generator.build.pipeline import check
from generator.core.errors import DataErrors

from .conftest import REPO, MakeContent, golden_files

CONTENT = REPO / "tests" / "data" / "plan"
GOLDEN = REPO / "tests" / "golden" / "plan"
BUILD_DAY = "1749600000"  # 2025-06-11: quarter II's reports were due on the 10th
PREFIXES = ("ke-hoach/", "thong-ke/", "du-lieu/ke-hoach", "du-lieu/thong-ke", "du-lieu/don-vi")
OTHERS = ("index.md", "du-lieu/index.md", "du-lieu/datapackage.json")


def plan_pages() -> dict[str, str]:
    with mock.patch.dict(os.environ, {"SOURCE_DATE_EPOCH": BUILD_DAY}):
        pages = generate_pages(check(CONTENT))
        return {p.path: p.text for p in pages if p.path.startswith(PREFIXES) or p.path in OTHERS}


PAGES = plan_pages()


def test_golden_tree_lists_every_plan_page() -> None:
    assert golden_files(GOLDEN, PAGES) == sorted(PAGES)


@pytest.mark.parametrize("path", sorted(PAGES))
def test_plan_page_matches_golden(path: str) -> None:
    assert PAGES[path] == (GOLDEN / path).read_text(encoding="utf-8")


def test_the_build_date_decides_what_is_missing() -> None:
    overview = PAGES["ke-hoach/2025/index.md"]
    assert "Tình hình đến ngày <strong>11/06/2025</strong>" in overview
    task = PAGES["ke-hoach/2025/a-i-02.md"]
    assert "Thiếu báo cáo quý II" in task  # its quarter II report is dated the 12th, after the build date
    with mock.patch.dict(os.environ, {"SOURCE_DATE_EPOCH": "1749772800"}):  # 2025-06-13
        later = {p.path: p.text for p in generate_pages(check(CONTENT))}
    assert "Thiếu báo cáo" not in later["ke-hoach/2025/a-i-02.md"]
    assert "(nộp muộn)" in later["ke-hoach/2025/a-i-02.md"]


def test_data_is_escaped_and_csv_cells_neutralised() -> None:
    assert "&lt;b&gt;thử&lt;/b&gt;" in PAGES["ke-hoach/2025/index.md"]
    assert "<b>thử" not in PAGES["ke-hoach/2025/index.md"]
    assert 'Công bố công khai TTHC ""=cmd"" trên trang.' in PAGES["du-lieu/ke-hoach.csv"]


def test_sample_data_is_marked_and_the_switch_removes_the_mark(make_content: MakeContent) -> None:
    assert "Dữ liệu mẫu" in PAGES["ke-hoach/2025/index.md"]
    assert "Dữ liệu mẫu" in PAGES["thong-ke/2025-q1.md"]
    assert "Dữ liệu mẫu" not in PAGES["thong-ke/2025-q2.md"]
    files = {
        f"thong-ke/{name}": (CONTENT / "thong-ke" / name)
        .read_text(encoding="utf-8")
        .replace("du_lieu_mau: true\n", "")
        for name in ("2025-q1.yml", "2025-q2.yml")
    }
    pages = {p.path: p.text for p in generate_pages(check(make_content(files)))}
    assert "Dữ liệu mẫu" not in pages["thong-ke/2025-q1.md"] + pages["thong-ke/index.md"]


def plan_errors(make_content: MakeContent, files: dict[str, str]) -> list[str]:
    base = {
        "don-vi.yml": (CONTENT / "don-vi.yml").read_text(encoding="utf-8"),
        "ke-hoach/2025.yml": (CONTENT / "ke-hoach" / "2025.yml").read_text(encoding="utf-8"),
    }
    content = make_content({**base, **files})
    with pytest.raises(DataErrors) as caught:
        check(content)
    return [str(e).removeprefix(f"{content}/") for e in caught.value.errors]


def test_a_unit_not_in_the_registry_is_named_with_a_suggestion(make_content: MakeContent) -> None:
    plan = (
        (CONTENT / "ke-hoach" / "2025.yml")
        .read_text(encoding="utf-8")
        .replace(
            "- to-kiem-soat\n            chu_tri_nguyen_van", "- to-kiem-sot\n            chu_tri_nguyen_van"
        )
    )
    assert plan_errors(make_content, {"ke-hoach/2025.yml": plan}) == [
        "ke-hoach/2025.yml:36: phan[0].nhom[1].nhiem_vu[0].chu_tri[0]: «to-kiem-sot» "
        "không thuộc danh sách cho "
        "phép: van-phong, to-kiem-soat, cac-phong. Có phải ý bạn là «to-kiem-soat»?"
    ]


def test_a_report_names_tasks_of_its_plan(make_content: MakeContent) -> None:
    report = (
        "nam: 2025\nquy: 3\nngay: 2025-09-05\nket_qua:\n  - nhiem_vu: A.I.1\n    trang_thai: hoan_thanh\n"
    )
    assert plan_errors(make_content, {"ke-hoach/bao-cao/2025-q3.yml": report}) == [
        "ke-hoach/bao-cao/2025-q3.yml:5: ket_qua[0].nhiem_vu: «A.I.1» không thuộc danh sách cho phép: "
        "A.I.01, A.I.02, A.II.01, B.01. Có phải ý bạn là «A.I.01»?"
    ]


def test_a_timing_kind_needs_its_own_fields(make_content: MakeContent) -> None:
    plan = (
        (CONTENT / "ke-hoach" / "2025.yml")
        .read_text(encoding="utf-8")
        .replace("\n              den_ngay: 2025-03-31", "")
    )
    assert plan_errors(make_content, {"ke-hoach/2025.yml": plan}) == [
        "ke-hoach/2025.yml:19: phan[0].nhom[0].nhiem_vu[0].thoi_gian.den_ngay (Hạn hoàn thành): "
        "loại «han» cần ngày hạn «den_ngay»"
    ]


def test_a_document_number_needs_its_number(make_content: MakeContent) -> None:
    plan = (CONTENT / "ke-hoach" / "2025.yml").read_text(encoding="utf-8").replace("01/KH-STP", "/KH-STP")
    assert plan_errors(make_content, {"ke-hoach/2025.yml": plan}) == [
        "ke-hoach/2025.yml:3: so_hieu (Số, ký hiệu): «/KH-STP»: số, ký hiệu văn bản phải bắt đầu bằng số "
        "(ví dụ: 12/KH-STP); văn bản chưa rõ số thì bỏ trường này"
    ]
