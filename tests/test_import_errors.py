"""The exact message for each source problem a user can act on; nothing is written when one occurs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from generator.cli import main
from generator.importer import import_records
from generator.importer.report import ImportErrors

from .conftest import REPO
from .test_import_merge import RECORD, write_record

REGISTRY = REPO / "content" / "linh-vuc.yml"
COLUMNS = "«Mã số», «Tên», «Cơ quan ban hành», «Cơ quan thực hiện», «Lĩnh vực»"


def problems(sources: list[Path], out: Path, **options: object) -> list[str]:
    with pytest.raises(ImportErrors) as caught:
        import_records(sources, out, registry=REGISTRY, **options)  # type: ignore[arg-type]
    return caught.value.problems


def test_missing_source(tmp_path: Path) -> None:
    missing = tmp_path / "khong-co"
    assert problems([missing], tmp_path / "thu-tuc") == [f"{missing}: không tìm thấy tệp hoặc thư mục nguồn"]


def test_unreadable_json(tmp_path: Path) -> None:
    broken = tmp_path / "1.000001.json"
    broken.write_text('{"ma_thu_tuc": "1.000001",', encoding="utf-8")
    assert problems([broken], tmp_path / "thu-tuc") == [
        f"{broken}: không phải JSON hợp lệ (dòng 1: tên trường phải viết trong dấu nháy kép)"
    ]


def test_record_without_code(tmp_path: Path) -> None:
    nameless = tmp_path / "src" / "khong-ma.json"
    nameless.parent.mkdir()
    nameless.write_text(json.dumps({**RECORD, "ma_thu_tuc": ""}, ensure_ascii=False), encoding="utf-8")
    assert problems([nameless], tmp_path / "thu-tuc") == [
        f"{nameless}: bản ghi không có mã thủ tục («ma_thu_tuc» trống)"
    ]


def test_xlsx_with_unexpected_columns(tmp_path: Path) -> None:
    listing = tmp_path / "danh-sach.xlsx"
    book = Workbook()
    book.active.append(["DANH SÁCH THỦ TỤC HÀNH CHÍNH"])
    book.active.append(["Mã", "Tên", "Lĩnh vực"])
    book.active.append(["1.013859", "Cấp thẻ công chứng viên", "Công chứng"])
    book.save(listing)
    assert problems([listing], tmp_path / "thu-tuc") == [
        f"{listing}: không thấy hàng tiêu đề của danh sách thủ tục: cần các cột {COLUMNS}; "
        "hàng tiêu đề có «Mã», «Tên», «Lĩnh vực»"
    ]


def test_unknown_sector_names_the_registry_and_the_way_out(tmp_path: Path) -> None:
    source = write_record(tmp_path / "src", linh_vuc="Lĩnh vực mới")
    assert problems([source], tmp_path / "thu-tuc") == [
        f"{source}: 1.013859: lĩnh vực «Lĩnh vực mới» chưa có trong {REGISTRY}; thêm lĩnh vực "
        f"(ma: linh-vuc-moi, ten: Lĩnh vực mới) vào {REGISTRY} "
        'hoặc dùng --linh-vuc "Lĩnh vực mới=<mã lĩnh vực>"'
    ]
    report = import_records(
        [source], tmp_path / "thu-tuc", sectors={"Lĩnh vực mới": "cong-chung"}, registry=REGISTRY
    )
    assert report.written == ["1.013859"]


def test_nothing_is_written_when_one_source_is_bad(tmp_path: Path) -> None:
    good = write_record(tmp_path / "src")
    out = tmp_path / "thu-tuc"
    problems([good, tmp_path / "khong-co"], out)
    assert not out.exists()


def test_cli_prints_one_line_per_problem_and_exits_1(tmp_path: Path) -> None:
    missing = tmp_path / "khong-co"
    result = CliRunner().invoke(main, ["import", "dvcqg", str(missing), "--out", str(tmp_path / "thu-tuc")])
    assert result.exit_code == 1
    assert result.stderr == f"{missing}: không tìm thấy tệp hoặc thư mục nguồn\n1 lỗi; chưa ghi tệp nào.\n"
    assert result.stdout == ""


def test_cli_imports_and_reports(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "linh-vuc.yml").write_text(REGISTRY.read_text(encoding="utf-8"), encoding="utf-8")
    source = write_record(tmp_path / "src")
    args = ["import", "dvcqg", str(source), "--out", str(content / "thu-tuc"), "--cap", "tinh"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.splitlines()[0] == (
        f"Đã nhập 1 thủ tục vào {content / 'thu-tuc'}/: 1 tệp mới hoặc thay đổi, 0 tệp không đổi, "
        "0 thủ tục bỏ qua (khác cấp), 0 cảnh báo."
    )
    assert (content / "thu-tuc" / "1.013859.yml").is_file()


def test_cli_rejects_a_malformed_sector_mapping(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["import", "dvcqg", str(tmp_path), "--linh-vuc", "Nông nghiệp"])
    assert result.exit_code == 2
    assert "«Nông nghiệp»: cần dạng TÊN=MÃ, ví dụ «Nông nghiệp=nong-nghiep»" in result.stderr


def test_cli_names_the_listed_procedures_that_have_no_record(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "linh-vuc.yml").write_text(REGISTRY.read_text(encoding="utf-8"), encoding="utf-8")
    source = write_record(tmp_path / "src")
    listing = tmp_path / "src" / "danh-sach.xlsx"
    book = Workbook()
    book.active.append(["Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực"])
    for code in ("2.000829", "1.013859", "1.000080"):  # the record's own row agrees with it
        book.active.append([code, RECORD["ten_thu_tuc"], "", RECORD["co_quan_thuc_hien"], RECORD["linh_vuc"]])
    book.save(listing)
    result = CliRunner().invoke(
        main, ["import", "dvcqg", str(source), str(listing), "--out", str(content / "thu-tuc")]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "cảnh báo: 2 thủ tục có trong danh sách XLSX nhưng không có bản ghi chi tiết (JSON) nên chưa được "
        "nhập: 1.000080, 2.000829\n"
    )
    assert result.stdout.splitlines()[0].endswith(
        "0 cảnh báo, 2 thủ tục chỉ có trong danh sách XLSX (chưa nhập)."
    )
    assert sorted(path.name for path in (content / "thu-tuc").iterdir()) == ["1.013859.yml"]
