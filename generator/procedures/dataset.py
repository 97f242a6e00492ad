"""Procedures as a dataset of the pipeline: everything the pipeline needs to know of them, in one place."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date
from functools import partial
from pathlib import Path

from generator.core.errors import DataError
from generator.core.records import Loaded
from generator.core.render import Memo, Page, no_memo, render
from generator.procedures import lookup, opendata, search
from generator.procedures.checks import check_procedures
from generator.procedures.model import NEEDS_LEVEL, Procedure
from generator.procedures.pages import catalogue_pages, procedure_pages
from generator.procedures.summary import Summary, summarise
from generator.site.catalog import Catalog
from generator.site.dataset import CheckContext, Dataset, Link, NavEntry, SearchName
from generator.site.feeds import Feed
from generator.site.history import Milestone, Value, record_changes
from generator.site.sectors import Sector
from generator.site.tables import Table
from generator.site.termindex import SearchTexts

NAV_SECTORS_MAX = 30
"""Above this many sectors the navigation links only the catalogue index, which lists them all:
Material prints the whole navigation into every page, so a long sector list would grow every page."""


class Procedures(Dataset[Procedure, Summary]):
    """Thủ tục hành chính: one file per procedure, ``content/thu-tuc/<mã>.yml``."""

    name = lookup.NAME
    model = Procedure
    templates = Path(__file__).parent / "templates"
    json_key = "thu_tuc"
    noun = "thủ tục"
    title = "Thủ tục hành chính"

    def form_messages(self) -> dict[str, str]:
        """A level, or a word that the source gives none."""
        return {"needs_level": NEEDS_LEVEL}

    def key(self, item: Procedure | Summary) -> str:
        """The procedure's code."""
        return item.ma_thu_tuc

    def summarise(self, record: Procedure) -> Summary:
        """See :func:`~generator.procedures.summary.summarise`."""
        return summarise(record)

    def check(self, items: list[Loaded[Summary]], context: CheckContext) -> list[DataError]:
        """File names, unique codes, known sectors and references between procedures."""
        if context.sectors is None:  # the sector registry is broken: its own errors say so
            return []
        return check_procedures(items, context.sectors, context.forms)

    def link_targets(self, items: list[Loaded[Summary]], context: CheckContext) -> set[str]:
        """Besides the open data: the catalogue, each procedure's page and each sector's list."""
        pages = {"thu-tuc/index.md", opendata.CSV_PATH, opendata.FEED_PATH}
        pages |= {opendata.sector_feed_path(slug) for slug in context.sectors or ()}
        pages |= {f"thu-tuc/{item.record.ma_thu_tuc}.md" for item in items}
        pages |= {f"linh-vuc/{slug}.md" for slug in context.sectors or ()}
        return super().link_targets(items, context) | pages

    def title_of(self, item: Procedure | Summary) -> str:
        """The procedure's name and code."""
        return f"{item.ten_thu_tuc} ({item.ma_thu_tuc})"

    def page_of(self, key: str) -> str | None:
        """``thu-tuc/<mã>.md``."""
        return f"thu-tuc/{key}.md"

    def updated(self, summary: Summary) -> date | None:
        """The procedure's ``ngay_cap_nhat``, else the day of its latest publication decision."""
        decision = summary.quyet_dinh_cuoi
        return summary.ngay_cap_nhat or (decision.day if decision else None)

    def record_pages(
        self, catalog: Catalog, records: Sequence[Procedure], memo: Memo = no_memo
    ) -> list[Page]:
        """Each procedure's page, with its change history."""
        changes = partial(record_changes, self, history=catalog.site.history)
        return procedure_pages(catalog, records, memo, changes)

    def listing_pages(self, catalog: Catalog, memo: Memo = no_memo) -> list[Page]:
        """The catalogue index and the sector lists (the site writes the CSV and the feeds)."""
        return catalogue_pages(catalog, memo)

    def nav(self, catalog: Catalog) -> list[NavEntry]:
        """The catalogue index and each sector that has procedures (unless there are too many)."""
        sectors = [s for s, _ in lookup.by_size(_listed_counts(catalog))]
        if len(sectors) > NAV_SECTORS_MAX:
            sectors = []
        entries = [{html.escape(s.ten): f"linh-vuc/{s.ma}.md"} for s in sectors]
        return [{"Thủ tục hành chính": [{"Danh mục theo lĩnh vực": "thu-tuc/index.md"}, *entries]}]

    def home_links(self, catalog: Catalog) -> list[Link]:
        """The catalogue."""
        return [Link("Tra cứu thủ tục hành chính", "thu-tuc/index.md")]

    def home_section(self, catalog: Catalog) -> str:
        """Key figures and the sectors with their counts of procedures in force (the
        :data:`NAV_SECTORS_MAX` largest when there are more, and the catalogue index for all)."""
        counts = [(s, n) for s, n in sector_counts(catalog) if n]
        return render(
            "thu-tuc/home.md.j2",
            figures=key_figures(catalog),
            sectors=largest(counts),
            more=len(counts) > NAV_SECTORS_MAX,
        )

    def open_data_section(self, catalog: Catalog) -> str:
        """The procedures' files."""
        return opendata.open_data_section(catalog)

    def tables(self, catalog: Catalog) -> list[Table]:
        """One row per procedure (:func:`~generator.procedures.opendata.table`)."""
        return [opendata.table(catalog)]

    def feeds(self, catalog: Catalog) -> list[Feed]:
        """New and changed procedures, of the catalogue and of each sector."""
        return opendata.feeds(catalog, self)

    def history_fields(self, record: Procedure) -> dict[str, Value]:
        """Name, levels, time, fees, channels, documents, conditions, legal basis, results, online level
        and status."""
        return opendata.history_fields(record)

    def milestones(self, record: Procedure) -> list[Milestone]:
        """The publication decisions."""
        return opendata.milestones(record)

    def page_dates(self, catalog: Catalog) -> dict[str, date]:
        """Procedure pages by their update date; sector lists and the catalogue by their latest."""
        return opendata.page_dates(catalog, self)

    def search_filters(self) -> dict[str, str]:
        """Sector, level, subjects, online service and fee."""
        return search.FILTERS

    def search_kind(self, catalog: Catalog) -> str | None:
        """«Thủ tục hành chính», when there are procedures."""
        return search.PROCEDURE_TYPE if lookup.summaries(catalog) else None

    def search_examples(self, catalog: Catalog) -> list[str]:
        """See :func:`~generator.procedures.search.search_examples`."""
        return search.search_examples(catalog)

    def search_fallback(self, catalog: Catalog) -> list[Link]:
        """The sector lists (the :data:`NAV_SECTORS_MAX` largest and the catalogue index, when there are
        more)."""
        counts = _listed_counts(catalog)
        links = [Link(s.ten, f"linh-vuc/{s.ma}.md") for s, _ in largest(counts)]
        if len(counts) > NAV_SECTORS_MAX:
            links.append(Link("Tất cả lĩnh vực", "thu-tuc/index.md"))
        return links

    def search_names(self, catalog: Catalog) -> list[SearchName]:
        """Every procedure: code, name, sector."""
        return [
            SearchName(
                p.ma_thu_tuc,
                p.ten_thu_tuc,
                catalog.sector(p.linh_vuc).ten,
                current=p.trang_thai == "hieu_luc",
                filters=search.summary_filters(catalog, p),
            )
            for p in lookup.summaries(catalog)
        ]

    def search_texts(self, catalog: Catalog) -> list[SearchTexts]:
        """Name, sector, results, documents, agencies and legal bases of every procedure."""
        return [
            SearchTexts(
                p.ma_thu_tuc,
                (("ten", p.ten_thu_tuc), ("linh_vuc", catalog.sector(p.linh_vuc).ten), *p.tu_tim),
            )
            for p in lookup.summaries(catalog)
        ]

    def search_phrases(self, catalog: Catalog) -> list[str]:
        """Every procedure's name."""
        return [p.ten_thu_tuc for p in lookup.summaries(catalog)]


def sector_counts(catalog: Catalog, current: bool = True) -> list[tuple[Sector, int]]:
    """Each sector with its number of procedures (in force only, with ``current``), in registry order."""
    return [
        (s, sum(p.trang_thai == "hieu_luc" or not current for p in lookup.in_sector(catalog, s.ma)))
        for s in catalog.sectors
    ]


def _listed_counts(catalog: Catalog) -> list[tuple[Sector, int]]:
    """Each sector that has procedures (in force or not), with its number in force, in registry order."""
    every = sector_counts(catalog, current=False)
    return [(s, n) for (s, n), (_, all_) in zip(sector_counts(catalog), every, strict=True) if all_]


def largest(counts: list[tuple[Sector, int]]) -> list[tuple[Sector, int]]:
    """The :data:`NAV_SECTORS_MAX` sectors of ``counts`` with the most procedures, most first
    (:func:`~generator.procedures.lookup.by_size`): a page that lists sectors stays the same size however
    many the catalogue has."""
    return lookup.by_size(counts)[:NAV_SECTORS_MAX]


def key_figures(catalog: Catalog) -> dict[str, int]:
    """The figures the home page shows."""
    current = lookup.current(catalog)
    return {
        "current": len(current),
        "sectors": len({p.linh_vuc for p in current}),
        "online": sum(p.nop_truc_tuyen for p in current),
        "full_online": sum(p.dvc_truc_tuyen == "toan_trinh" for p in current),
        "partial_online": sum(p.dvc_truc_tuyen == "mot_phan" for p in current),
        "free": sum(p.mien_phi for p in current),
        "province": sum("tinh" in p.cap_thuc_hien for p in current),
        "commune": sum("xa" in p.cap_thuc_hien for p in current),
    }


PROCEDURES = Procedures()
"""The procedures dataset."""
