"""Which files the documentation folder holds: those made from the whole catalogue, and those of each
record (made by the process that holds the full record, see ``generator.build.sharedbuild``)."""

from __future__ import annotations

from generator.site.catalog import Catalog
from generator.site.opendata import RecordTexts, catalogue_json_page, open_data_pages, record_data_pages
from generator.procedures.pages import catalogue_pages, procedure_pages
from generator.core.render import Memo, Page, no_memo
from generator.site.search import search_pages
from generator.site.pages import hand_pages, home_page, search_page


def generate_pages(catalog: Catalog, memo: Memo = no_memo) -> list[Page]:
    """Every generated file of the documentation folder; texts are made when written or read."""
    texts = RecordTexts(memo)
    every = catalogue_json_page(catalog, lambda: [texts.part(catalog.records)])
    return [*site_pages(catalog, memo), every, *record_pages(catalog, texts, memo)]


def site_pages(catalog: Catalog, memo: Memo = no_memo) -> list[Page]:
    """The files made from the summaries of all procedures, except ``thu-tuc.json``, which is made of
    every record's JSON (:func:`~generator.opendata.catalogue_json_page`)."""
    return [
        *open_data_pages(catalog),
        home_page(catalog),
        search_page(catalog),
        *hand_pages(catalog),
        *catalogue_pages(catalog, memo),
        *search_pages(catalog),
    ]


def record_pages(catalog: Catalog, texts: RecordTexts, memo: Memo = no_memo) -> list[Page]:
    """The files of each of the catalog's full records: its page and its JSON (kept in ``texts``)."""
    return [*procedure_pages(catalog, memo), *record_data_pages(catalog, texts)]
