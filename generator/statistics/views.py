"""What the statistics pages show: each quarter's and each year's table, rates and charts."""

from __future__ import annotations

from dataclasses import dataclass

from generator.site.catalog import Catalog
from generator.statistics.figures import Figures, of_period, of_row, of_year
from generator.statistics.model import Period

NAME = "thong-ke"
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Table:
    """Biểu 06 of one period: one row per sector (slug, name, figures) and the total."""

    rows: tuple[tuple[str, str, Figures], ...]
    total: Figures


@dataclass(frozen=True)
class QuarterView:
    """One quarter."""

    period: Period
    table: Table

    @property
    def key(self) -> str:
        """``2024-q1``."""
        return f"{self.period.nam}-q{self.period.quy}"

    @property
    def name(self) -> str:
        """``Quý I/2024``."""
        return f"Quý {ROMAN[self.period.quy]}/{self.period.nam}"


@dataclass(frozen=True)
class YearView:
    """One year, from its quarters."""

    year: int
    quarters: tuple[QuarterView, ...]
    table: Table

    @property
    def complete(self) -> bool:
        """All four quarters are there."""
        return len(self.quarters) == 4

    @property
    def sample(self) -> bool:
        """A quarter is sample data."""
        return any(q.period.du_lieu_mau for q in self.quarters)


def quarter_views(catalog: Catalog) -> list[QuarterView]:
    """Every quarter, oldest first."""
    return catalog.index((NAME, "quarters"), lambda: [_quarter(catalog, p) for p in catalog.summaries(NAME)])


def year_views(catalog: Catalog) -> list[YearView]:
    """Every year, oldest first."""
    return catalog.index((NAME, "years"), lambda: _years(catalog))


def _quarter(catalog: Catalog, period: Period) -> QuarterView:
    order = {s.ma: i for i, s in enumerate(catalog.sectors)}
    rows = sorted(period.so_lieu, key=lambda r: order.get(r.linh_vuc, len(order)))
    table = Table(
        tuple((r.linh_vuc, catalog.sector(r.linh_vuc).ten, of_row(r)) for r in rows), of_period(period)
    )
    return QuarterView(period, table)


def _years(catalog: Catalog) -> list[YearView]:
    by_year: dict[int, list[QuarterView]] = {}
    for q in quarter_views(catalog):
        by_year.setdefault(q.period.nam, []).append(q)
    views = []
    for year, quarters in sorted(by_year.items()):
        quarters.sort(key=lambda q: q.period.quy)
        sectors = [
            s for s in catalog.sectors if any(slug == s.ma for q in quarters for slug, _, _ in q.table.rows)
        ]
        rows = []
        for sector in sectors:
            per_quarter = [_row_of(q, sector.ma) for q in quarters]
            rows.append((sector.ma, sector.ten, of_year(per_quarter)))
        total = of_year([q.table.total for q in quarters])
        views.append(YearView(year, tuple(quarters), Table(tuple(rows), total)))
    return views


def _row_of(quarter: QuarterView, slug: str) -> Figures:
    return next((f for s, _, f in quarter.table.rows if s == slug), Figures())
