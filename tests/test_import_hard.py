"""The hard corpus (``tests/data/import-hard``): records made up in the national portal's shape, each with
one of the faults other ministries' records show. Imported byte for byte against goldens, then checked and
built strictly.

Regenerate with ``UPDATE_GOLDENS=1 .venv/bin/pytest tests/test_import_hard.py`` and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result

from generator.build.pipeline import check as build_catalog
from generator.cli import main
from generator.procedures.lookup import summaries

from .conftest import MINIMAL, REPO, build_site
from .test_default_catalogue import empty_columns
from .test_import_golden import _check

CORPUS = REPO / "tests" / "data" / "import-hard"
GOLDEN = REPO / "tests" / "golden" / "import-hard"
SKIPPED = {
    "1.900013": "no name",
    "khong-ma": "no code",
    "hong": "not JSON",
    "trung-ma": "repeats the code of 2.900001",
}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """The corpus imported with new sectors registered, into a content folder with the minimal site.yml."""
    content = tmp_path_factory.mktemp("hard") / "content"
    content.mkdir()
    shutil.copy(MINIMAL / "site.yml", content / "site.yml")
    shutil.copy(CORPUS / "linh-vuc.yml", content / "linh-vuc.yml")
    args = ["import", "dvcqg", str(CORPUS), "--out", str(content / "thu-tuc"), "--them-linh-vuc"]
    return content, CliRunner().invoke(main, args)


def _plain(text: str, content: Path) -> str:
    return text.replace(str(content), "CONTENT").replace(str(REPO), "REPO")


def test_exit_code_says_some_records_were_skipped(imported: tuple[Path, Result]) -> None:
    _, result = imported
    assert result.exit_code == 3, result.output


@pytest.mark.parametrize("name", sorted(p.stem for p in CORPUS.rglob("*.json") if p.stem not in SKIPPED))
def test_golden_record(imported: tuple[Path, Result], name: str) -> None:
    content, _ = imported
    _check(GOLDEN / f"{name}.yml", (content / "thu-tuc" / f"{name}.yml").read_text(encoding="utf-8"))


def test_golden_registry_and_report(imported: tuple[Path, Result]) -> None:
    content, result = imported
    _check(GOLDEN / "linh-vuc.yml", (content / "linh-vuc.yml").read_text(encoding="utf-8"))
    _check(GOLDEN / "stdout.txt", _plain(result.stdout, content))
    _check(GOLDEN / "stderr.txt", _plain(result.stderr, content))


def test_only_records_without_code_or_name_are_skipped(imported: tuple[Path, Result]) -> None:
    content, result = imported
    written = {p.stem for p in (content / "thu-tuc").glob("*.yml")}
    assert written == {p.stem for p in CORPUS.rglob("*.json")} - set(SKIPPED)
    assert sum(line.startswith("bỏ qua: ") for line in result.stderr.splitlines()) == len(SKIPPED)


def test_every_unstructured_cell_is_kept_verbatim(imported: tuple[Path, Result]) -> None:
    content, _ = imported
    text = {p.stem: p.read_text(encoding="utf-8") for p in (content / "thu-tuc").glob("*.yml")}
    assert "mo_ta: Theo thời hạn của hợp đồng" in text["1.900001"]
    assert "mo_ta: Không phải trả kết quả cho người nộp thuế" in text["1.900001"]
    assert "Theo Nghị quyết của Hội đồng nhân dân tỉnh" in text["1.900003"]
    assert "cach_thuc: []" in text["1.900004"]
    assert (
        "cach_thuc_mo_ta: Nộp hồ sơ qua hệ thống quản lý thuế điện tử của cơ quan thuế." in text["1.900005"]
    )
    assert "ten: Hồ sơ gồm tờ khai và bản sao giấy chứng nhận đăng ký doanh nghiệp." in text["1.900007"]
    assert "ten: Văn bản hợp nhất về quản lý thuế" in text["1.900012"]
    assert "mo_ta: 1200 VNĐ" in text["2.900003"]
    assert "cap_thuc_hien:\n  - tinh\ncap_thuc_hien_mo_ta: Cấp thôn\n" in text["1.900010"]
    assert "doi_tuong:\n  - doanh_nghiep\ndoi_tuong_mo_ta: Nhà đầu tư nước ngoài\n" in text["1.900010"]
    assert "cap_thuc_hien:\n  - tinh\nloai_thu_tuc" in text["1.900014"]  # «Sở Tài chính» says the level
    assert "cap_thuc_hien_mo_ta: Không có thông tin\n" in text["1.900015"]  # «Văn phòng …» does not
    assert "cap_thuc_hien:" not in text["1.900015"]
    assert "cap_thuc_hien_mo_ta: Cấp thôn\n" in text["1.900016"]


def test_levels_and_subjects_the_model_lacks_are_warnings(imported: tuple[Path, Result]) -> None:
    _, result = imported
    warnings = [
        line for line in result.stderr.splitlines() if "cap_thuc_hien:" in line or "doi_tuong:" in line
    ]
    assert warnings == [
        "cảnh báo: 1.900010: cap_thuc_hien: không biết cấp «Cấp thôn»; ghi nguyên văn vào "
        "«cap_thuc_hien_mo_ta»",
        "cảnh báo: 1.900010: doi_tuong: không biết đối tượng «Nhà đầu tư nước ngoài»; ghi nguyên văn vào "
        "«doi_tuong_mo_ta»",
        "cảnh báo: 1.900014: cap_thuc_hien: nguồn không ghi cấp thực hiện; suy ra «Cấp tỉnh» từ cơ quan "
        "«Sở Tài chính»",
        "cảnh báo: 1.900015: cap_thuc_hien: nguồn không ghi cấp thực hiện, tên cơ quan không cho biết cấp; "
        "ghi «Không có thông tin»",
        "cảnh báo: 1.900016: cap_thuc_hien: không biết cấp «Cấp thôn»; ghi nguyên văn vào "
        "«cap_thuc_hien_mo_ta»",
        "cảnh báo: 1.900016: doi_tuong: không biết đối tượng «Nhà đầu tư nước ngoài»; ghi nguyên văn vào "
        "«doi_tuong_mo_ta»",
    ]


def test_the_import_passes_check_and_a_strict_build(imported: tuple[Path, Result], tmp_path: Path) -> None:
    content, _ = imported
    assert len(summaries(build_catalog(content))) == 18
    site = build_site(content, tmp_path)
    _levels_and_subjects_are_published(site)
    page = (site / "thu-tuc" / "1.900001" / "index.html").read_text(encoding="utf-8")
    assert "Theo thời hạn của hợp đồng" in page
    assert "Không phải trả kết quả cho người nộp thuế" in page
    assert "Nộp hồ sơ qua hệ thống quản lý thuế điện tử" in (
        site / "thu-tuc" / "1.900005" / "index.html"
    ).read_text(encoding="utf-8")
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "Không có thông tin" not in html, path
        assert empty_columns(html) == [], path


def _levels_and_subjects_are_published(site: Path) -> None:
    """The page, the search filters, the CSV and the JSON (valid against the published schema) of the
    records whose level or subject the model lacks."""

    def page(code: str) -> str:
        return (site / "thu-tuc" / code / "index.html").read_text(encoding="utf-8")

    assert "<td>Cấp thực hiện</td><td>Cấp tỉnh, Cấp thôn</td>" in page("1.900010")
    assert "<td>Đối tượng thực hiện</td><td>Doanh nghiệp; Nhà đầu tư nước ngoài</td>" in page("1.900010")
    assert "<td>Cấp thực hiện</td><td>Nguồn không ghi cấp thực hiện</td>" in page("1.900015")
    assert '<span data-pagefind-filter="cap_thuc_hien">Nguồn không ghi cấp thực hiện</span>' in page(
        "1.900015"
    )
    assert "<td>Thời hạn giải quyết</td><td>5 (nguồn không ghi đơn vị)</td>" in page("1.900015")
    assert "<td>Cấp thực hiện</td><td>Cấp thôn</td>" in page("1.900016")
    rows = {
        row["ma_thu_tuc"]: row for row in csv.DictReader(io.StringIO(_text(site / "du-lieu" / "thu-tuc.csv")))
    }
    assert rows["1.900015"]["cap_thuc_hien"] == "Nguồn không ghi cấp thực hiện"
    assert rows["1.900010"]["cap_thuc_hien"] == "Cấp tỉnh; Cấp thôn"
    schema = json.loads(_text(site / "du-lieu" / "schema" / "thu-tuc.schema.json"))
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((site / "du-lieu" / "thu-tuc").glob("*.json")):
        validator.validate(json.loads(_text(path)))
    record = json.loads(_text(site / "du-lieu" / "thu-tuc" / "1.900015.json"))
    assert (record["cap_thuc_hien"], record["cap_thuc_hien_mo_ta"]) == ([], "Không có thông tin")
    del record["cap_thuc_hien_mo_ta"]
    assert not validator.is_valid(record)


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")
