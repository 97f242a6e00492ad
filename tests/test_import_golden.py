"""Golden files: real national records with odd values, imported byte for byte.

Regenerate with ``UPDATE_GOLDENS=1 .venv/bin/pytest tests/test_import_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.importer import ImportReport, import_records

from .conftest import REPO

GOLDEN = REPO / "tests" / "golden" / "import"
CODES = {
    "1.002010": "«50 VNĐ» typo plus a temporary 25.000 đồng window",
    "2.000829": "bare-number time «1», free of charge, several executing agencies",
    "2.000815": "no time, fee per page, 10 USD per copy, two «Trực tiếp» rows",
    "1.003213": "150 USD, time «Không có thông tin», long description",
    "1.005136": "bare time glued to an amount («1100 VNĐ»): not guessed",
    "1.013859": "agency filled from the XLSX list, two cases, two results",
    "2.001263": "cases for both parties of an adoption, form files named «1.nxinnhnconnui.doc»",
    "2.000822": "fee note with nested parentheses and a temporary rate",
    "2.001016": "«Không có thông tin» in nearly every field",
    "1.013807": "two forms for one document, junk result code",
    "1.000080": "«Giấy tờ phải nộp» / «Giấy tờ phải xuất trình» cases",
    "2.001895": "legal basis «NQ-CPLUẬT…», «120 VNĐ», exemptions",
    "2.000635": "two levels, fee 8.000 VNĐ without time",
}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ImportReport]:
    """The golden records imported once into a temporary folder."""
    from .conftest import need_shared

    data = need_shared()
    out = tmp_path_factory.mktemp("golden") / "thu-tuc"
    sources = [data / "bo-tu-phap" / f"{code}.json" for code in CODES] + [
        data / "danh-sach-tthc-BoTuPhap.xlsx"
    ]
    report = import_records(sources, out, registry=REPO / "content" / "linh-vuc.yml")
    return out, report


@pytest.mark.parametrize("code", sorted(CODES))
def test_golden_record(imported: tuple[Path, ImportReport], code: str) -> None:
    out, _ = imported
    _check(GOLDEN / f"{code}.yml", (out / f"{code}.yml").read_text(encoding="utf-8"))


def test_golden_warnings(imported: tuple[Path, ImportReport]) -> None:
    _, report = imported
    _check(GOLDEN / "warnings.txt", "".join(f"{w}\n" for w in report.warnings))


def _check(expected: Path, actual: str) -> None:
    if os.environ.get("UPDATE_GOLDENS") == "1":
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(actual, encoding="utf-8")
    assert expected.is_file(), f"{expected} is missing: run with UPDATE_GOLDENS=1"
    assert actual == expected.read_text(encoding="utf-8")


def test_the_listed_procedures_without_a_record_are_reported(imported: tuple[Path, ImportReport]) -> None:
    _, report = imported
    assert len(report.listed_only) == 271 - len(CODES)  # the list has every one of the 271 procedures
    assert report.listed_only == sorted(report.listed_only)
    assert set(report.listed_only).isdisjoint(CODES)
    assert "1.000094" in report.listed_only
