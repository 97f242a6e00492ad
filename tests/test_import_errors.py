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
from .test_import_merge import RECORD, load, write_record

REGISTRY = REPO / "content" / "linh-vuc.yml"
COLUMNS = "«Mã số», «Tên», «Cơ quan ban hành», «Cơ quan thực hiện», «Lĩnh vực»"


def problems(sources: list[Path], out: Path, **options: object) -> list[str]:
    with pytest.raises(ImportErrors) as caught:
        import_records(sources, out, registry=REGISTRY, **options)  # type: ignore[arg-type]
    return caught.value.problems


def test_missing_source(tmp_path: Path) -> None:
    missing = tmp_path / "khong-co"
    assert problems([missing], tmp_path / "thu-tuc") == [f"{missing}: không tìm thấy tệp hoặc thư mục nguồn"]


def skipped(sources: list[Path], out: Path, **options: object) -> list[str]:
    report = import_records(sources, out, registry=REGISTRY, **options)  # type: ignore[arg-type]
    return [str(s) for s in report.rejected]


def test_unreadable_json_is_skipped_with_its_reason(tmp_path: Path) -> None:
    broken = tmp_path / "1.000001.json"
    broken.write_text('{"ma_thu_tuc": "1.000001",', encoding="utf-8")
    assert skipped([broken], tmp_path / "thu-tuc") == [
        f"{broken}: không phải JSON hợp lệ (dòng 1: tên trường phải viết trong dấu nháy kép)"
    ]


def test_record_without_code_is_skipped(tmp_path: Path) -> None:
    nameless = tmp_path / "src" / "khong-ma.json"
    nameless.parent.mkdir()
    nameless.write_text(json.dumps({**RECORD, "ma_thu_tuc": ""}, ensure_ascii=False), encoding="utf-8")
    assert skipped([nameless], tmp_path / "thu-tuc") == [
        f"{nameless}: bản ghi không có mã thủ tục («ma_thu_tuc» trống)"
    ]


def test_record_without_name_is_skipped(tmp_path: Path) -> None:
    source = write_record(tmp_path / "src", ten_thu_tuc="Không có thông tin")
    assert skipped([source], tmp_path / "thu-tuc") == [
        f"{source}: 1.013859: bản ghi không có tên thủ tục («ten_thu_tuc» trống)"
    ]


def test_partial_import_writes_every_good_record(tmp_path: Path) -> None:
    good = write_record(tmp_path / "src")
    other = tmp_path / "src" / "2.000001.json"
    other.write_text(json.dumps({**RECORD, "ma_thu_tuc": "2.000001"}, ensure_ascii=False), encoding="utf-8")
    bad = tmp_path / "src" / "2.000002.json"
    bad.write_text(json.dumps({**RECORD, "ma_thu_tuc": "2.000002", "ten_thu_tuc": ""}), encoding="utf-8")
    out = tmp_path / "thu-tuc"
    report = import_records([good.parent], out, registry=REGISTRY)
    assert report.written == ["1.013859", "2.000001"]
    assert [s.code for s in report.rejected] == ["2.000002"]
    assert sorted(p.name for p in out.iterdir()) == ["1.013859.yml", "2.000001.yml"]


def test_a_staff_file_that_fails_check_is_left_alone_and_named(tmp_path: Path) -> None:
    source = write_record(tmp_path / "src")
    out = tmp_path / "thu-tuc"
    out.mkdir()
    (out / "1.013859.yml").write_text("ma_thu_tuc: [\n", encoding="utf-8")
    [reason] = skipped([source], out)
    assert reason.startswith(f"{source}: 1.013859: {out / '1.013859.yml'}:")
    assert reason.endswith("(sửa tệp này rồi nhập lại)")
    assert (out / "1.013859.yml").read_text(encoding="utf-8") == "ma_thu_tuc: [\n"


def test_an_unreadable_list_is_a_warning(tmp_path: Path) -> None:
    listing = tmp_path / "danh-sach.xlsx"
    book = Workbook()
    book.active.append(["DANH SÁCH THỦ TỤC HÀNH CHÍNH"])
    book.active.append(["Mã", "Tên", "Lĩnh vực"])
    book.active.append(["1.013859", "Cấp thẻ công chứng viên", "Công chứng"])
    book.save(listing)
    source = write_record(tmp_path / "src")
    report = import_records([source, listing], tmp_path / "thu-tuc", registry=REGISTRY)
    assert report.written == ["1.013859"]
    assert report.source_warnings == [
        f"{listing}: không thấy hàng tiêu đề của danh sách thủ tục: cần các cột {COLUMNS}; "
        "hàng tiêu đề có «Mã», «Tên», «Lĩnh vực»"
    ]


def test_unknown_sector_names_the_registry_and_the_ways_out(tmp_path: Path) -> None:
    source = write_record(tmp_path / "src", linh_vuc="Lĩnh vực mới")
    assert skipped([source], tmp_path / "thu-tuc") == [
        f"{source}: 1.013859: lĩnh vực «Lĩnh vực mới» chưa có trong {REGISTRY}; chạy lại với --them-linh-vuc "
        f"để thêm, hoặc thêm (ma: linh-vuc-moi, ten: Lĩnh vực mới) vào {REGISTRY}, "
        'hoặc dùng --linh-vuc "Lĩnh vực mới=<mã lĩnh vực>"'
    ]
    report = import_records(
        [source], tmp_path / "thu-tuc", sectors={"Lĩnh vực mới": "cong-chung"}, registry=REGISTRY
    )
    assert report.written == ["1.013859"]


@pytest.mark.parametrize(
    "national",
    [
        "Hỗ trợ pháp lý cho doanh nghiệp nhỏ, vừa",
        "HỖ TRỢ PHÁP LÝ CHO DOANH NGHIỆP NHỎ VÀ VỪA",
        "Hỗ trợ pháp lý cho doanh nghiệp nhỏ và vừa.",
        "Ho tro phap ly cho doanh nghiep nho va vua",
    ],
)
def test_sector_names_match_on_their_folded_form(tmp_path: Path, national: str) -> None:
    source = write_record(tmp_path / "src", linh_vuc=national)
    report = import_records([source], tmp_path / "thu-tuc", registry=REGISTRY)
    assert report.written == ["1.013859"]
    assert "linh_vuc: ho-tro-phap-ly-doanh-nghiep\n" in (tmp_path / "thu-tuc" / "1.013859.yml").read_text()


def test_registering_new_sectors(tmp_path: Path) -> None:
    registry = tmp_path / "linh-vuc.yml"
    registry.write_text(
        "# Danh sách lĩnh vực.\nlinh_vuc:\n  - ma: thi-dua\n    ten: Tên khác\n"
        "  - ma: ke-toan\n    ten: Kế toán, kiểm toán\n",
        encoding="utf-8",
    )
    first = write_record(tmp_path / "src", linh_vuc="Thi đua, khen thưởng")
    second = tmp_path / "src" / "2.000001.json"
    second.write_text(
        json.dumps({**RECORD, "ma_thu_tuc": "2.000001", "linh_vuc": "Thi đua khen thưởng"}), encoding="utf-8"
    )
    third = tmp_path / "src" / "2.000002.json"
    third.write_text(json.dumps({**RECORD, "ma_thu_tuc": "2.000002", "linh_vuc": "Kế toán và kiểm toán"}))
    report = import_records([first.parent], tmp_path / "thu-tuc", registry=registry, register=True)
    assert report.rejected == []
    assert report.added_sectors == [("thi-dua-khen-thuong", "Thi đua, khen thưởng")]
    assert registry.read_text(encoding="utf-8") == (
        "# Danh sách lĩnh vực.\nlinh_vuc:\n  - ma: thi-dua\n    ten: Tên khác\n"
        "  - ma: ke-toan\n    ten: Kế toán, kiểm toán\n"
        "  - ma: thi-dua-khen-thuong\n    ten: Thi đua, khen thưởng\n"
    )
    slugs = [load(tmp_path / "thu-tuc" / f"{c}.yml").linh_vuc for c in ("1.013859", "2.000001", "2.000002")]
    assert slugs == ["thi-dua-khen-thuong", "thi-dua-khen-thuong", "ke-toan"]


def test_registered_slugs_are_unique(tmp_path: Path) -> None:
    registry = tmp_path / "linh-vuc.yml"
    registry.write_text("linh_vuc:\n  - ma: quoc-tich\n    ten: Quốc tịch Việt Nam\n", encoding="utf-8")
    source = write_record(tmp_path / "src", linh_vuc="Quốc tịch")
    report = import_records([source], tmp_path / "thu-tuc", registry=registry, register=True)
    assert report.added_sectors == [("quoc-tich-2", "Quốc tịch")]


def test_missing_source_stops_the_run(tmp_path: Path) -> None:
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
        f"Nguồn {source.parent}: 1 thủ tục nhập được, 0 bỏ qua (lỗi), 0 khác cấp, 0 cảnh báo"
    )
    assert (
        f"Đã nhập 1 thủ tục vào {content / 'thu-tuc'}/: 1 tệp mới hoặc thay đổi, 0 tệp không đổi, "
        "0 thủ tục bỏ qua vì lỗi, 0 thủ tục khác cấp, 0 cảnh báo."
    ) in result.stdout.splitlines()
    assert "  phí, lệ phí: ô đọc được số tiền: 100.0% (2/2)" in result.stdout.splitlines()
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
    assert result.stdout.splitlines()[-1].endswith(
        "0 cảnh báo, 2 thủ tục chỉ có trong danh sách XLSX (chưa nhập)."
    )
    assert sorted(path.name for path in (content / "thu-tuc").iterdir()) == ["1.013859.yml"]


def test_cli_exit_code_says_records_were_skipped(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "linh-vuc.yml").write_text(REGISTRY.read_text(encoding="utf-8"), encoding="utf-8")
    source = write_record(tmp_path / "src")
    bad = tmp_path / "src" / "2.000002.json"
    bad.write_text(json.dumps({**RECORD, "ma_thu_tuc": "2.000002", "ten_thu_tuc": ""}), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["import", "dvcqg", str(source.parent), "--out", str(content / "thu-tuc")]
    )
    assert result.exit_code == 3, result.output
    assert result.stderr == f"bỏ qua: {bad}: 2.000002: bản ghi không có tên thủ tục («ten_thu_tuc» trống)\n"
    assert (content / "thu-tuc" / "1.013859.yml").is_file()


def test_cli_exit_code_is_0_when_a_record_without_level_is_imported(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "linh-vuc.yml").write_text(REGISTRY.read_text(encoding="utf-8"), encoding="utf-8")
    source = write_record(tmp_path / "src", cap_thuc_hien="Không có thông tin", co_quan_thuc_hien="")
    result = CliRunner().invoke(main, ["import", "dvcqg", str(source), "--out", str(content / "thu-tuc")])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "cảnh báo: 1.013859: cap_thuc_hien: nguồn không ghi cấp thực hiện, tên cơ quan không cho biết cấp; "
        "ghi «Không có thông tin»\n"
    )
    assert "cap_thuc_hien_mo_ta: Không có thông tin\n" in (content / "thu-tuc" / "1.013859.yml").read_text(
        encoding="utf-8"
    )


def test_cli_help_documents_the_exit_codes() -> None:
    result = CliRunner().invoke(main, ["import", "dvcqg", "--help"])
    assert "  3  đã nhập các bản ghi hợp lệ, có bản ghi bị bỏ qua (xem danh sách)" in result.stdout
    assert "--them-linh-vuc" in result.stdout


def test_the_suggested_slug_is_free(tmp_path: Path) -> None:
    registry = tmp_path / "linh-vuc.yml"
    registry.write_text("linh_vuc:\n  - ma: quoc-tich\n    ten: Quốc tịch Việt Nam\n", encoding="utf-8")
    source = write_record(tmp_path / "src", linh_vuc="Quốc tịch")
    [skip] = import_records([source], tmp_path / "thu-tuc", registry=registry).rejected
    assert "(ma: quoc-tich-2, ten: Quốc tịch)" in skip.reason
