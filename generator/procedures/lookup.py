"""The procedures of a catalog, and lookups by code and by sector (made once per catalog)."""

from __future__ import annotations

from typing import Any, TypeVar

from generator.procedures.model import Procedure
from generator.procedures.summary import Summary
from generator.site.catalog import Catalog

SectorCount = TypeVar("SectorCount", bound=tuple[Any, ...])
NAME = "thu-tuc"
"""The dataset's name: content in ``content/thu-tuc/``, pages under ``thu-tuc/``."""


def summaries(catalog: Catalog) -> tuple[Summary, ...]:
    """Every procedure's summary, by code."""
    return catalog.summaries(NAME)


def records(catalog: Catalog) -> tuple[Procedure, ...]:
    """The full procedures this process makes pages for, by code."""
    return catalog.records(NAME)


def procedure(catalog: Catalog, code: str) -> Summary:
    """The procedure with code ``code``."""
    return catalog.index((NAME, "code"), lambda: {p.ma_thu_tuc: p for p in reversed(summaries(catalog))})[
        code
    ]


def in_sector(catalog: Catalog, slug: str) -> list[Summary]:
    """The procedures of one sector, by code."""
    return list(catalog.index((NAME, "sector"), lambda: _by_sector(catalog)).get(slug, ()))


def current(catalog: Catalog, sector: str | None = None) -> list[Summary]:
    """The procedures in force (neither replaced nor abolished), of one sector or all, by code."""
    procedures = summaries(catalog) if sector is None else in_sector(catalog, sector)
    return [p for p in procedures if p.trang_thai == "hieu_luc"]


def _by_sector(catalog: Catalog) -> dict[str, list[Summary]]:
    index: dict[str, list[Summary]] = {}
    for p in summaries(catalog):
        index.setdefault(p.linh_vuc, []).append(p)
    return index


def by_size(counts: list[SectorCount]) -> list[SectorCount]:
    """``counts`` (tuples of a sector and its number of procedures in force, then anything) in the one
    order every list of sectors follows: the most procedures first, equal numbers in the registry's
    order."""
    return sorted(counts, key=lambda c: -c[1])
