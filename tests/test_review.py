"""``congkhai review``: a changed fee, a procedure the national data dropped, and a new one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.importer import import_records
from generator.importer.review import Difference, Listed, review

from .conftest import REPO, need_shared

IMPORTED = ("1.002010", "1.013859", "2.000829")
FEES = "trên trang «100.000 đồng/hồ sơ», CSDL quốc gia «200.000 đồng/hồ sơ»"


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    """Copies of three real records imported into a content folder: (national source folder, content)."""
    data = need_shared() / "bo-tu-phap"
    source = tmp_path / "dvcqg"
    source.mkdir()
    for code in IMPORTED:
        shutil.copy(data / f"{code}.json", source)
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(REPO / "content" / "linh-vuc.yml", content)
    import_records([source], content / "thu-tuc")
    return source, content


def edit_national_copy(source: Path) -> None:
    """The national data changes: a fee doubles, 2.000829 is removed, 1.000390 is added."""
    path = source / "1.013859.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["cach_thuc_thuc_hien"] = record["cach_thuc_thuc_hien"].replace("100,000", "200,000")
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    (source / "2.000829.json").unlink()
    shutil.copy(need_shared() / "bo-tu-phap" / "1.000390.json", source)


def test_nothing_differs_right_after_import(setup: tuple[Path, Path]) -> None:
    source, content = setup
    assert review([source], content, cap="tinh").clean
    result = CliRunner().invoke(main, ["review", str(source), "--content", str(content)])
    assert (result.exit_code, result.stdout) == (0, "Không có khác biệt với CSDL quốc gia.\n")


def test_review_finds_a_changed_fee_a_removed_and_a_new_procedure(setup: tuple[Path, Path]) -> None:
    source, content = setup
    edit_national_copy(source)
    result = review([source], content, cap="tinh")
    assert result.differences == [
        Difference("1.013859", "phi_le_phi", channel, "100.000 đồng/hồ sơ", "200.000 đồng/hồ sơ")
        for channel in ("Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính")
    ]
    assert result.missing_locally == [Listed("1.000390", "Cấp lại thẻ tư vấn viên pháp luật")]
    assert result.gone_nationally == [
        Listed("2.000829", "Thủ tục yêu cầu trợ giúp pháp lý", str(content / "thu-tuc" / "2.000829.yml"))
    ]


def test_review_text_for_people(setup: tuple[Path, Path]) -> None:
    source, content = setup
    edit_national_copy(source)
    result = CliRunner().invoke(main, ["review", str(source), "--content", str(content), "--cap", "tinh"])
    folder = content / "thu-tuc"
    assert result.exit_code == 1
    assert result.stdout == (
        f"1.013859 Cấp thẻ công chứng viên ({folder / '1.013859.yml'})\n"
        f"  - Phí, lệ phí (Trực tiếp): {FEES}\n"
        f"  - Phí, lệ phí (Trực tuyến): {FEES}\n"
        f"  - Phí, lệ phí (Dịch vụ bưu chính): {FEES}\n"
        "Có trên CSDL quốc gia, chưa có trên trang (1):\n"
        "  - 1.000390 Cấp lại thẻ tư vấn viên pháp luật\n"
        "Có trên trang, CSDL quốc gia không còn (1):\n"
        f"  - 2.000829 Thủ tục yêu cầu trợ giúp pháp lý ({folder / '2.000829.yml'})\n"
        "Tóm tắt: 1 thủ tục khác CSDL quốc gia, 1 thủ tục chưa có, 1 thủ tục CSDL quốc gia không còn.\n"
    )


def test_review_json_for_ci(setup: tuple[Path, Path]) -> None:
    source, content = setup
    edit_national_copy(source)
    result = CliRunner().invoke(main, ["review", str(source), "--content", str(content), "--json"])
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    assert data["clean"] is False
    assert [d["channel"] for d in data["differences"]] == ["Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"]
    assert data["differences"][0] == {
        "code": "1.013859",
        "field": "phi_le_phi",
        "channel": "Trực tiếp",
        "local": "100.000 đồng/hồ sơ",
        "national": "200.000 đồng/hồ sơ",
    }
    assert [item["code"] for item in data["missing_locally"]] == ["1.000390"]
    assert [item["code"] for item in data["gone_nationally"]] == ["2.000829"]


def test_local_fees_and_local_decisions_are_not_differences(setup: tuple[Path, Path]) -> None:
    source, content = setup
    path = content / "thu-tuc" / "1.013859.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "        don_vi_tinh: hồ sơ\n",
        "        don_vi_tinh: hồ sơ\n"
        "      - so_tien: 20000\n        mo_ta: Phí in thẻ\n        dia_phuong: true\n",
        1,
    )
    text = text.replace("    co_quan: Bộ Tư pháp\n", "    co_quan: Bộ Tư pháp\n  - so: 12/QĐ-UBND\n", 1)
    assert text.count("dia_phuong: true") == 1
    assert text.count("12/QĐ-UBND") == 1
    path.write_text(text, encoding="utf-8")
    assert review([source], content).clean
