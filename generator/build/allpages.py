"""Which files the documentation folder holds: those made from the whole catalog, and those of each
record (made by the process that holds the full record, see ``generator.build.sharedbuild``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from generator.core.render import Memo, Page, no_memo
from generator.site.catalog import Catalog
from generator.site.dataset import AnyDataset
from generator.site.opendata import RecordTexts, all_records_page, late_pages, open_data_pages
from generator.site.pages import accessibility_page, form_pages, hand_pages, home_page, search_page
from generator.site.search import search_pages
from generator.site.version import ContentVersion

OPEN_DATA = "du-lieu/"
"""The folder of the open data."""

Texts = dict[str, RecordTexts]
"""Each dataset's record texts, by dataset name."""


def generate_pages(catalog: Catalog, memo: Memo = no_memo) -> list[Page]:
    """Every generated file of the documentation folder; texts are made when written or read, in order:
    the data package and the open-data page, which give the files' sizes, come last."""
    pages = split_pages(catalog, memo)
    return pages.first + pages.later


@dataclass(frozen=True)
class SplitPages:
    """The generated files in two parts, written in this order: the live preview shows an edit once
    ``first`` is built and builds ``later`` when edits pause."""

    first: list[Page]
    """The pages a reader opens (records, lists, home, search, statistics …) and each record's JSON."""
    later: list[Page]
    """The open data made from every record, which no page reads: the all-records JSON, the CSV tables,
    the feeds, «Thay đổi gần đây», then the data package and «Dữ liệu mở», which give every file's size."""


def split_pages(catalog: Catalog, memo: Memo = no_memo) -> SplitPages:
    """Every generated file of the documentation folder, split as :class:`SplitPages` says."""
    texts = record_texts(catalog.datasets, memo, catalog.site.version, catalog.agency.url_trang)
    every = [
        all_records_page(catalog, d, partial(_one_part, texts[d.name], catalog.records(d.name)))
        for d in catalog.datasets
    ]
    readers = reader_pages(catalog, memo)
    downloads = [page for page in readers if _download(page.path)]
    first = [*(page for page in readers if not _download(page.path)), *record_pages(catalog, texts, memo)]
    sizes = Sizes([*open_data_pages(catalog), *downloads, *every], others=first)
    return SplitPages(first, sizes.pages + late_pages(catalog, sizes))


class Sizes:
    """The size in bytes of each file among ``pages``: as ``known`` says (the files a process wrote, see
    :func:`~generator.build.docsfolder.write_pages`), or noted when the file is made for writing
    (:attr:`pages` note it), else made again, once (``others``: files whose size is rarely asked, not
    noted when written).

    Making the sized files again (the all-records JSON, the CSV tables, the feeds) took most of the
    time of regenerating the docs after a one-record edit in the live preview, and 0.8–0.9 s of CPU
    for each of the data package and the open-data page at 5,000 procedures + 5,000 feedback items."""

    def __init__(
        self, pages: Sequence[Page], known: Mapping[str, int] | None = None, others: Sequence[Page] = ()
    ) -> None:
        self._pages = {page.path: page for page in [*others, *pages]}
        self._sizes: dict[str, int] = dict(known or {})
        self.pages = [Page(page.path, partial(self._make, page)) for page in pages]
        """``pages``, each noting its size when made."""

    def __call__(self, path: str) -> int | None:
        """The size of the file ``path``; ``None`` when it is not among the pages."""
        if path not in self._sizes:
            page = self._pages.get(path)
            if page is None:
                return None
            self._make(page)
        return self._sizes[path]

    def _make(self, page: Page) -> str | bytes:
        content = page.content
        self._sizes[page.path] = len(content if isinstance(content, bytes) else content.encode("utf-8"))
        return content


def _download(path: str) -> bool:
    """Whether the file ``path`` made from summaries is open data (a dataset's CSV tables and feeds)."""
    return path.startswith(OPEN_DATA) and not path.endswith(".md")


def _one_part(texts: RecordTexts, records: Sequence[Any]) -> list[bytes]:
    return [texts.part(records)]


def record_texts(
    datasets: Sequence[AnyDataset],
    memo: Memo = no_memo,
    version: ContentVersion | None = None,
    site_url: str | None = None,
) -> Texts:
    """A :class:`RecordTexts` for each of ``datasets``, stamped with the content ``version`` and each
    record's page address on a site at ``site_url``."""
    return {d.name: RecordTexts(d, memo, version, site_url) for d in datasets}


def site_pages(catalog: Catalog, memo: Memo = no_memo) -> list[Page]:
    """The files made from the summaries of every record, except each dataset's all-records JSON, which
    is made of every record's JSON (:func:`~generator.site.opendata.all_records_page`)."""
    return [*open_data_pages(catalog), *reader_pages(catalog, memo)]


def reader_pages(catalog: Catalog, memo: Memo = no_memo) -> list[Page]:
    """The pages made from the summaries of every record that readers open (all but the open data)."""
    return [
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
