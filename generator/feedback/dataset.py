"""Feedback as a dataset of the pipeline: everything the pipeline needs to know of it, in one place."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from generator.core.errors import DataError
from generator.core.records import Loaded
from generator.core.render import Memo, Page, no_memo, render
from generator.feedback import opendata, pages
from generator.feedback.checks import FORM_MESSAGES, check_feedback, file_stem
from generator.feedback.model import Feedback, Settings
from generator.feedback.summary import NAME, Summary, settings, summaries, summarise, timings
from generator.site.catalog import Catalog
from generator.site.dataset import CheckContext, Dataset, Link, NavEntry

PROCEDURES = "thu-tuc"
"""The procedures dataset, whose codes items refer to (read by name, never imported)."""

RELATED_MAX = 20
"""How many items a procedure page lists (the newest)."""


class FeedbackDataset(Dataset[Feedback, Summary]):
    """Phản ánh, kiến nghị: one file per item, ``content/pakn/<năm>/<mã>.yml``; published only when
    ``content/pakn/`` exists."""

    name = NAME
    title = "Phản ánh, kiến nghị"
    pattern = "*/*.yml"
    model = Feedback
    templates = Path(__file__).parent / "templates"
    json_key = "pakn"
    noun = "phản ánh, kiến nghị"
    optional = True
    scan_names = True
    settings_file = "cau-hinh.yml"
    settings_model = Settings

    def key(self, item: Feedback | Summary) -> str:
        """The item's code."""
        return item.ma_pakn

    def file_stem(self, item: Feedback | Summary) -> str:
        """``<năm tiếp nhận>/<mã>``."""
        return file_stem(item)

    def form_messages(self) -> dict[str, str]:
        """The answer's rules."""
        return FORM_MESSAGES

    def page_of(self, key: str) -> str | None:
        """``pakn/<mã>.md``."""
        return pages.item_path(key)

    def summarise(self, record: Feedback) -> Summary:
        """See :func:`~generator.feedback.summary.summarise`."""
        return summarise(record)

    def check(self, items: list[Loaded[Summary]], context: CheckContext) -> list[DataError]:
        """See :func:`~generator.feedback.checks.check_feedback`."""
        procedures = {s.ma_thu_tuc for s in context.summaries.get(PROCEDURES, ())}
        return check_feedback(items, context.sectors, procedures, context.settings.get(NAME))

    def updated(self, summary: Summary) -> date | None:
        """The latest date of the item's history."""
        return summary.updated

    def record_pages(self, catalog: Catalog, records: Sequence[Feedback], memo: Memo = no_memo) -> list[Page]:
        """Each item's page."""
        return pages.record_pages(catalog, records, memo)

    def listing_pages(self, catalog: Catalog, memo: Memo = no_memo) -> list[Page]:
        """The list, the overdue list, the lookup, the statistics, the CSV and the feed."""
        return [
            Page(opendata.CSV_PATH, partial(opendata.csv_text, catalog)),
            Page(opendata.FEED_PATH, partial(opendata.atom_feed, catalog)),
            *pages.listing_pages(catalog, memo),
        ]

    def related(self, catalog: Catalog, dataset: str, key: str) -> list[Link]:
        """The items about the procedure ``key``, newest first: the :data:`RELATED_MAX` newest and,
        when there are more, the list of every item."""
        if dataset != PROCEDURES:
            return []
        index = catalog.index((NAME, "by procedure"), lambda: _by_procedure(summaries(catalog)))
        found = index.get(key, [])
        links = [Link(f"{s.ma_pakn}: {s.tieu_de}", pages.item_path(s.ma_pakn)) for s in found[:RELATED_MAX]]
        if len(found) > RELATED_MAX:
            more = f"Và {len(found) - RELATED_MAX} phản ánh, kiến nghị khác: xem danh sách"
            links.append(Link(more, pages.LIST_PATH))
        return links

    def nav(self, catalog: Catalog) -> list[NavEntry]:
        """The list, the lookup and the statistics."""
        return [
            {
                "Phản ánh, kiến nghị": [
                    {"Danh sách": pages.LIST_PATH},
                    {"Tra cứu theo mã": pages.LOOKUP_PATH},
                    {"Quá hạn": pages.OVERDUE_PATH},
                    {"Thống kê": pages.STATS_PATH},
                ]
            }
        ]

    def home_links(self, catalog: Catalog) -> list[Link]:
        """The lookup by code."""
        return [Link("Tra cứu phản ánh, kiến nghị", pages.LOOKUP_PATH)]

    def home_section(self, catalog: Catalog) -> str:
        """The key figures."""
        items = summaries(catalog)
        figures = pages.period_figures(items, timings(catalog))
        by_class = [(label, count) for _, label, count in pages.by_classification(items) if count]
        return render(
            "pakn/home.md.j2", figures=figures, by_class=by_class, sample=settings(catalog).du_lieu_mau
        )

    def open_data_section(self, catalog: Catalog) -> str:
        """The feedback's files."""
        return opendata.open_data_section(catalog)

    def data_resources(self, catalog: Catalog) -> list[dict[str, Any]]:
        """The CSV and the JSON file of every item."""
        return opendata.data_resources(catalog.agency.url_trang)

    def schemas(self) -> dict[str, type[Any]]:
        """The item and the settings file."""
        return {NAME: Feedback, "pakn-cau-hinh": Settings}

    def search_filters(self) -> dict[str, str]:
        """Status, classification and year (the sector is shared with the procedures)."""
        return pages.FILTERS

    def search_kind(self, catalog: Catalog) -> str | None:
        """«Phản ánh, kiến nghị», when there are items."""
        return pages.FEEDBACK_TYPE if summaries(catalog) else None

    def search_examples(self, catalog: Catalog) -> list[str]:
        """The latest item's code."""
        found = summaries(catalog)
        return [found[-1].ma_pakn] if found else []

    def search_fallback(self, catalog: Catalog) -> list[Link]:
        """The list of every item."""
        return [Link("Phản ánh, kiến nghị", pages.LIST_PATH)]


def _by_procedure(items: Sequence[Summary]) -> dict[str, list[Summary]]:
    index: dict[str, list[Summary]] = {}
    for s in sorted(items, key=lambda s: (s.ngay_tiep_nhan, s.ma_pakn), reverse=True):
        for code in s.thu_tuc:
            index.setdefault(code, []).append(s)
    return index


FEEDBACK = FeedbackDataset()
"""The feedback dataset."""
