"""Which files the documentation folder holds: those made from the whole catalog, and those of each
record (made by the process that holds the full record, see ``generator.build.sharedbuild``)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from generator.core.render import Memo, Page, no_memo
from generator.site.catalog import Catalog
from generator.site.dataset import AnyDataset
from generator.site.opendata import RecordTexts, all_records_page, open_data_pages
from generator.site.pages import accessibility_page, form_pages, hand_pages, home_page, search_page
from generator.site.search import search_pages

Texts = dict[str, RecordTexts]
"""Each dataset's record texts, by dataset name."""


def generate_pages(catalog: Catalog, memo: Memo = no_memo) -> list[Page]:
    """Every generated file of the documentation folder; texts are made when written or read."""
    texts = record_texts(catalog.datasets, memo)
    every = [
        all_records_page(catalog, d, partial(_one_part, texts[d.name], catalog.records(d.name)))
        for d in catalog.datasets
    ]
    return [*site_pages(catalog, memo), *every, *record_pages(catalog, texts, memo)]


def _one_part(texts: RecordTexts, records: Sequence[Any]) -> list[bytes]:
    return [texts.part(records)]


def record_texts(datasets: Sequence[AnyDataset], memo: Memo = no_memo) -> Texts:
    """A :class:`RecordTexts` for each of ``datasets``."""
    return {d.name: RecordTexts(d, memo) for d in datasets}


def site_pages(catalog: Catalog, memo: Memo = no_memo) -> list[Page]:
    """The files made from the summaries of every record, except each dataset's all-records JSON, which
    is made of every record's JSON (:func:`~generator.site.opendata.all_records_page`)."""
    return [
        *open_data_pages(catalog),
        home_page(catalog),
        search_page(catalog),
        accessibility_page(catalog),
        *form_pages(catalog),
        *hand_pages(catalog),
        *(page for dataset in catalog.datasets for page in dataset.listing_pages(catalog, memo)),
        *search_pages(catalog),
    ]


def record_pages(catalog: Catalog, texts: Texts, memo: Memo = no_memo) -> list[Page]:
    """The files of each of the catalog's full records: its pages and its JSON (kept in ``texts``)."""
    pages: list[Page] = []
    for dataset in catalog.datasets:
        records = catalog.records(dataset.name)
        pages += dataset.record_pages(catalog, records, memo)
        pages += texts[dataset.name].pages(records)
    return pages
