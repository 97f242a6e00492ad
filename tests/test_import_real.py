"""All 271 real Bộ Tư pháp records: every one imports, passes the catalog, and the parse rates hold; every
other ministry's records beside them import and pass the catalog too."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build.pipeline import check as build_catalog
from generator.importer import ImportReport, import_records
from generator.importer.convert import convert
from generator.importer.dvcqg import read_sources
from generator.importer.run import sector_slugs
from generator.procedures.lookup import summaries

from .conftest import REPO, build_site, need_shared

MINIMUM_RATES = {
    "cach_thuc": 0.98,
    "phi_le_phi": 0.98,
    "thanh_phan_ho_so": 0.98,
    "can_cu_phap_ly": 0.98,
    "ket_qua": 1.0,
}


JUSTICE = "bo-tu-phap"
"""The ministry whose records the provincial Sở Tư pháp publishes (the figures below are its own)."""


def justice(data: Path | None = None) -> list[Path]:
    """The justice ministry's records and the portal's list of them."""
    data = data or need_shared()
    return [data / JUSTICE, data / "danh-sach-tthc-BoTuPhap.xlsx"]


@pytest.mark.parametrize("ministry", ["bo-nong-nghiep-mt", "ngan-hang-nha-nuoc"])
def test_another_ministrys_records_import_and_pass_the_catalog(ministry: str, tmp_path: Path) -> None:
    folder = need_shared() / ministry
    content = tmp_path / "content"
    content.mkdir()
    for name in ("site.yml", "linh-vuc.yml"):
        shutil.copy(REPO / "content" / name, content / name)
    report = import_records([folder], content / "thu-tuc", register=True)
    records = len(list(folder.glob("*.json")))
    assert (len(report.imported), report.rejected) == (records, [])
    assert len(summaries(build_catalog(content))) == records


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ImportReport]:
    """A content folder (copies of site.yml and linh-vuc.yml) with every national record imported."""
    data = need_shared()
    content = tmp_path_factory.mktemp("real") / "content"
    content.mkdir()
    for name in ("site.yml", "linh-vuc.yml"):
        shutil.copy(REPO / "content" / name, content / name)
    return content, import_records(justice(data), content / "thu-tuc", register=True)


def test_every_record_imports(imported: tuple[Path, ImportReport]) -> None:
    content, report = imported
    assert report.rejected == []
    assert len(report.imported) == 271
    assert len(list((content / "thu-tuc").glob("*.yml"))) == 271


def test_every_imported_file_passes_the_catalog(imported: tuple[Path, ImportReport]) -> None:
    content, _ = imported
    assert len(summaries(build_catalog(content))) == 271


def test_parse_rates(imported: tuple[Path, ImportReport]) -> None:
    _, report = imported
    rates = report.tally.rates()
    print(f"\nparse rates on 271 records: {report.tally}")
    for key, rate in rates.items():
        print(f"  {key}: {rate:.2%} (minimum {MINIMUM_RATES[key]:.0%})")
    assert all(rates[key] >= minimum for key, minimum in MINIMUM_RATES.items()), rates


def test_the_warnings_name_every_record_that_falls_short(imported: tuple[Path, ImportReport]) -> None:
    content, report = imported
    read = read_sources(justice())
    sectors = sector_slugs(content / "linh-vuc.yml", {}, [])
    short = set()
    for record in read.records:
        tally = convert(record, read.rows.get(record.code), sectors).tally
        if (
            tally.rows_parsed < tally.rows
            or tally.fee_cells_parsed < tally.fee_cells
            or tally.tables_parsed < tally.tables
            or tally.legal_numbered < tally.legal
            or tally.results_coded_parsed < tally.results_coded
        ):
            short.add(record.code)
    assert short
    assert short <= {w.code for w in report.warnings}


def test_importing_again_changes_nothing(imported: tuple[Path, ImportReport]) -> None:
    content, _ = imported
    before = {p.name: p.read_bytes() for p in (content / "thu-tuc").glob("*.yml")}
    again = import_records(justice(), content / "thu-tuc")
    assert (len(again.written), len(again.unchanged)) == (0, 271)
    assert {p.name: p.read_bytes() for p in (content / "thu-tuc").glob("*.yml")} == before


def test_a_fresh_import_gives_the_same_bytes(imported: tuple[Path, ImportReport], tmp_path: Path) -> None:
    content, _ = imported
    import_records(justice(), tmp_path / "thu-tuc", registry=content / "linh-vuc.yml")
    for path in (content / "thu-tuc").glob("*.yml"):
        assert (tmp_path / "thu-tuc" / path.name).read_bytes() == path.read_bytes(), path.name


def test_level_filter_keeps_provincial_procedures(tmp_path: Path) -> None:
    report = import_records(
        justice(), tmp_path / "thu-tuc", cap="tinh", registry=REPO / "content" / "linh-vuc.yml"
    )
    assert (len(report.imported), len(report.skipped)) == (163, 108)


def test_provincial_and_commune_levels_together(tmp_path: Path) -> None:
    registry = tmp_path / "linh-vuc.yml"
    shutil.copy(REPO / "content" / "linh-vuc.yml", registry)
    report = import_records(
        justice(), tmp_path / "thu-tuc", cap=("tinh", "xa"), registry=registry, register=True
    )
    assert (len(report.imported), len(report.skipped), report.rejected) == (225, 46, [])
    assert report.added_sectors == [("nong-nghiep", "Nông nghiệp")]  # 1.002544, left out of content/


def test_the_report_gives_each_folder_its_shares(imported: tuple[Path, ImportReport]) -> None:
    _, report = imported
    [(folder, part)] = report.folders.items()
    assert folder.endswith("bo-tu-phap")
    assert (part.imported, part.skipped, part.filtered) == (271, 0, 0)
    assert sum(part.warnings.values()) == len(report.warnings)
    assert all(rate >= MINIMUM_RATES[key] for key, rate in part.tally.rates().items())


def test_the_whole_import_builds_strictly(imported: tuple[Path, ImportReport], tmp_path: Path) -> None:
    """All 271 records through the whole pipeline (MkDocs strict, Pagefind): a page for each."""
    content, _ = imported
    site = build_site(content, tmp_path)
    assert len(list((site / "thu-tuc").glob("*/index.html"))) == 271
