"""The catalog: every validated record of a content folder, checked across records.

Nothing is written until the whole catalog is valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from generator.agency import Agency
from generator.errors import DataError, raise_if_any
from generator.handpages import HandPage, load_hand_pages
from generator.procedures.checks import check_procedures
from generator.procedures.model import Procedure
from generator.records import LoadCache, Loaded, load_all, load_one, yaml_files
from generator.sectors import Sector, SectorRegistry, check_registry
from generator.synonyms import SynonymFile, load_synonyms

SITE_FILE = "site.yml"
SECTORS_FILE = "linh-vuc.yml"
PROCEDURES_DIR = "thu-tuc"
PAGES_DIR = "trang"
SYNONYMS_FILE = "tu-dong-nghia.yml"

M = TypeVar("M", Agency, SectorRegistry)


@dataclass(frozen=True)
class Catalog:
    """All the content of one site, valid and cross-checked."""

    agency: Agency
    sectors: tuple[Sector, ...]
    procedures: tuple[Procedure, ...]
    sources: dict[str, str]
    hand_pages: tuple[HandPage, ...]
    synonyms: SynonymFile = field(default_factory=SynonymFile)

    def sector(self, slug: str) -> Sector:
        """The sector with slug ``slug``."""
        return self._sectors_by_slug[slug]

    def procedure(self, code: str) -> Procedure:
        """The procedure with code ``code``."""
        return self._procedures_by_code[code]

    def in_sector(self, slug: str) -> list[Procedure]:
        """The procedures of one sector, by code."""
        return list(self._procedures_by_sector.get(slug, ()))

    # Indexes built once, on first use, so that per-page lookups do not scan the whole catalogue.

    @cached_property
    def _sectors_by_slug(self) -> dict[str, Sector]:
        return {s.ma: s for s in reversed(self.sectors)}

    @cached_property
    def _procedures_by_code(self) -> dict[str, Procedure]:
        return {p.ma_thu_tuc: p for p in reversed(self.procedures)}

    @cached_property
    def _procedures_by_sector(self) -> dict[str, list[Procedure]]:
        index: dict[str, list[Procedure]] = {}
        for p in self.procedures:
            index.setdefault(p.linh_vuc, []).append(p)
        return index


def build_catalog(content: Path, cache: LoadCache | None = None, jobs: int = 0) -> Catalog:
    """Load, validate and cross-check everything under ``content``; raise every error at once.

    Many records are loaded in ``jobs`` processes (0: one per core).
    """
    errors: list[DataError] = []
    agency = _required(content / SITE_FILE, Agency, errors)
    registry = _required(content / SECTORS_FILE, SectorRegistry, errors)
    procedures, problems = load_all(yaml_files(content / PROCEDURES_DIR), Procedure, cache, jobs)
    errors += problems
    sectors = registry.record.linh_vuc if registry else []
    if registry:
        errors += check_registry(registry)
        errors += check_procedures(procedures, [s.ma for s in sectors])
    hand_pages, problems = load_hand_pages(content / PAGES_DIR)
    errors += problems
    synonyms, problems = load_synonyms(content / SYNONYMS_FILE)
    errors += problems
    raise_if_any(errors)
    assert agency is not None
    procedures.sort(key=lambda item: item.record.ma_thu_tuc)
    return Catalog(
        agency=agency.record,
        sectors=tuple(sectors),
        procedures=tuple(item.record for item in procedures),
        sources={item.record.ma_thu_tuc: item.path for item in procedures},
        hand_pages=tuple(hand_pages),
        synonyms=synonyms,
    )


def _required(path: Path, model: type[M], errors: list[DataError]) -> Loaded[M] | None:
    if not path.is_file():
        errors.append(DataError(str(path), 1, "", "thiếu tệp bắt buộc"))
        return None
    loaded, problems = load_one(path, model)
    errors.extend(problems)
    return loaded
