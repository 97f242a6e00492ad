"""The catalog: every validated record of a content folder, checked across records.

Nothing is written until the whole catalog is valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from generator.site.agency import Agency
from generator.core.errors import DataError, raise_if_any
from generator.site.handpages import HandPage, check_links, load_hand_pages
from generator.procedures.checks import check_procedures
from generator.procedures.model import Procedure
from generator.procedures.summary import Summary, summarise
from generator.core.records import LoadCache, Loaded, load_all, load_one, yaml_files
from generator.site.sectors import Sector, SectorRegistry, check_registry
from generator.site.synonyms import SynonymFile, load_synonyms

SITE_FILE = "site.yml"
SECTORS_FILE = "linh-vuc.yml"
PROCEDURES_DIR = "thu-tuc"
PAGES_DIR = "trang"
SYNONYMS_FILE = "tu-dong-nghia.yml"

M = TypeVar("M", Agency, SectorRegistry)


@dataclass(frozen=True)
class Site:
    """Everything of a content folder but its procedures: the agency, sectors, pages and synonyms."""

    agency: Agency
    sectors: tuple[Sector, ...]
    hand_pages: tuple[HandPage, ...] = ()
    synonyms: SynonymFile = field(default_factory=SynonymFile)


@dataclass(frozen=True)
class Catalog:
    """All the content of one site, valid and cross-checked.

    ``procedures`` summarises every procedure; ``records`` holds the full records whose own pages this
    process makes: all of them, except in a build shared by several processes (``generator.build.sharedbuild``).
    """

    site: Site
    procedures: tuple[Summary, ...]
    records: tuple[Procedure, ...]

    @property
    def agency(self) -> Agency:
        """The publishing agency."""
        return self.site.agency

    @property
    def sectors(self) -> tuple[Sector, ...]:
        """The sectors, in the registry's order."""
        return self.site.sectors

    @property
    def hand_pages(self) -> tuple[HandPage, ...]:
        """The staff's hand-written pages."""
        return self.site.hand_pages

    @property
    def synonyms(self) -> SynonymFile:
        """The search synonyms."""
        return self.site.synonyms

    def sector(self, slug: str) -> Sector:
        """The sector with slug ``slug``."""
        return self._sectors_by_slug[slug]

    def procedure(self, code: str) -> Summary:
        """The procedure with code ``code``."""
        return self._procedures_by_code[code]

    def in_sector(self, slug: str) -> list[Summary]:
        """The procedures of one sector, by code."""
        return list(self._procedures_by_sector.get(slug, ()))

    # Indexes built once, on first use, so that per-page lookups do not scan the whole catalogue.

    @cached_property
    def _sectors_by_slug(self) -> dict[str, Sector]:
        return {s.ma: s for s in reversed(self.sectors)}

    @cached_property
    def _procedures_by_code(self) -> dict[str, Summary]:
        return {p.ma_thu_tuc: p for p in reversed(self.procedures)}

    @cached_property
    def _procedures_by_sector(self) -> dict[str, list[Summary]]:
        index: dict[str, list[Summary]] = {}
        for p in self.procedures:
            index.setdefault(p.linh_vuc, []).append(p)
        return index


def build_catalog(content: Path, cache: LoadCache | None = None, jobs: int = 0) -> Catalog:
    """Load, validate and cross-check everything under ``content``; raise every error at once.

    Many records are loaded in ``jobs`` processes (0: one per core).
    """
    partial, errors = load_site(content)
    loaded, problems = load_all(procedure_files(content), Procedure, cache, jobs)
    summarised = [summarised_item(item, cache) for item in loaded]
    site = raise_if_invalid(partial, summarised, errors + problems)
    return catalog_of(site, [item.record for item in summarised], [item.record for item in loaded])


def procedure_files(content: Path) -> list[Path]:
    """The procedure files of a content folder, sorted."""
    return yaml_files(content / PROCEDURES_DIR)


Partial = tuple[Site | None, list[str] | None]
"""A content folder's :class:`Site`, ``None`` when a required file is missing or invalid, and its sector
slugs (``None`` when the sector registry is), to check the procedures against."""


def load_site(content: Path) -> tuple[Partial, list[DataError]]:
    """Everything of ``content`` but its procedures, and the errors found."""
    errors: list[DataError] = []
    agency = _required(content / SITE_FILE, Agency, errors)
    registry = _required(content / SECTORS_FILE, SectorRegistry, errors)
    if registry:
        errors += check_registry(registry)
    hand_pages, problems = load_hand_pages(content / PAGES_DIR)
    errors += problems
    synonyms, problems = load_synonyms(content / SYNONYMS_FILE)
    errors += problems
    if registry is None:
        return (None, None), errors
    sectors = tuple(registry.record.linh_vuc)
    site = Site(agency.record, sectors, tuple(hand_pages), synonyms) if agency else None
    return (site, [s.ma for s in sectors]), errors


def summarised_item(item: Loaded[Procedure], cache: LoadCache | None = None) -> Loaded[Summary]:
    """A loaded procedure's summary with its file (made once per record in ``cache``)."""
    summary = cache.derived(item, summarise) if cache else summarise(item.record)
    return Loaded(summary, item.doc)


def raise_if_invalid(partial: Partial, procedures: list[Loaded[Summary]], errors: list[DataError]) -> Site:
    """The site, once the cross-record checks of ``procedures`` found no error and neither had loading
    (``errors``); else raise every error."""
    site, slugs = partial
    if slugs is not None:
        errors = errors + check_procedures(procedures, slugs)
    if site is not None:  # hand pages' links, once every page of the site is known
        codes = [p.record.ma_thu_tuc for p in procedures]
        errors = errors + check_links(site.hand_pages, [s.ma for s in site.sectors], codes)
    raise_if_any(errors)
    assert site is not None
    return site


def catalog_of(site: Site, summaries: list[Summary], records: list[Procedure]) -> Catalog:
    """The catalog of a valid ``site``: every procedure's summary, and the full ``records`` this
    process makes pages for; both sorted by code."""
    return Catalog(
        site,
        tuple(sorted(summaries, key=_code)),
        tuple(sorted(records, key=_code)),
    )


def _code(procedure: Summary | Procedure) -> str:
    return procedure.ma_thu_tuc


def _required(path: Path, model: type[M], errors: list[DataError]) -> Loaded[M] | None:
    if not path.is_file():
        errors.append(DataError(str(path), 1, "", "thiếu tệp bắt buộc"))
        return None
    loaded, problems = load_one(path, model)
    errors.extend(problems)
    return loaded
