"""The dataset interface: what one kind of record (procedures, feedback, the plan …) declares to the pipeline.

Everything a kind of record needs is declared in one subclass of :class:`Dataset`, in its own package:
its content folder and file pattern, its pydantic model and id, the summary other pages read, its
cross-record checks, its pages (with its templates), its open data, its search filters, its navigation
entry and its part of the home, search and open-data pages. The pipeline (``generator.build``) loads,
validates, checks, renders, shares the work between processes and previews every dataset alike, and
knows none of them by name.
"""

from __future__ import annotations

import os
import re
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel

from generator.core.contentfiles import content_files
from generator.core.errors import DataError
from generator.core.records import Loaded
from generator.core.render import Memo, Page, add_templates, no_memo

if TYPE_CHECKING:
    from generator.site.catalog import Catalog
    from generator.site.feeds import Feed
    from generator.site.history import Milestone, Value
    from generator.site.tables import Table
    from generator.site.termindex import SearchTexts

R = TypeVar("R", bound=BaseModel)
S = TypeVar("S")

NavEntry = dict[str, Any]
"""One entry of MkDocs' ``nav``: ``{"Title": "path.md"}`` or ``{"Title": [entries…]}``."""


@dataclass(frozen=True)
class CheckContext:
    """What a dataset's cross-record checks may read besides its own records."""

    sectors: list[str] | None
    """The sector slugs of ``linh-vuc.yml``; ``None`` when that file is missing or invalid."""
    summaries: Mapping[str, Sequence[Any]]
    """Every dataset's summaries (valid records only), by dataset name."""
    settings: Mapping[str, Any] = field(default_factory=dict)
    """Each dataset's settings file (:attr:`Dataset.settings_file`), by dataset name; ``None`` when it
    is missing or invalid (its own errors say so)."""
    forms: frozenset[str] | None = None
    """The names of the form files in ``content/mau/``; ``None`` when the site's own files are invalid."""


@dataclass(frozen=True)
class Link:
    """A link a dataset adds to a site page: its text and its docs path."""

    text: str
    path: str


@dataclass(frozen=True)
class SearchName:
    """A record as the browser ranks it by name (:meth:`Dataset.search_names`)."""

    key: str
    name: str
    group: str
    """What the results show beside the name (a procedure's sector)."""
    current: bool = True
    """False for a record no longer in force: among equal names, the current ones first."""
    filters: tuple[tuple[str, str], ...] = ()
    """The record's value of each search filter (``(key, value)``, a key once per value), the same as
    its page gives the search index: the search page counts and filters the records by them."""


class Dataset(ABC, Generic[R, S]):
    """One kind of record: ``R`` is its pydantic model, ``S`` the summary that listings and other
    datasets read (small and picklable: a build in several processes sends summaries, not records)."""

    name: ClassVar[str]
    """The dataset's name: its content folder, its template prefix and its open-data file stem
    (``thu-tuc``: ``content/thu-tuc/``, ``thu-tuc/page.md.j2``, ``du-lieu/thu-tuc.json``)."""
    pattern: ClassVar[str | tuple[str, ...]] = ("*.yml", "*.yaml")
    """The record files inside the content folder, as globs (``*/*.yml`` for one folder per year)."""
    model: ClassVar[type[BaseModel]]
    """The pydantic model of one record file."""
    templates: ClassVar[Path | None] = None
    """The dataset's Jinja templates, rendered as ``<name>/<file>``."""
    json_key: ClassVar[str]
    """The key of the list of records in ``du-lieu/<name>.json``."""
    noun: ClassVar[str]
    """What one record is called in messages to staff («thủ tục»)."""
    optional: ClassVar[bool] = False
    """Published only when its content folder exists (a site that does not keep such records shows
    nothing of them)."""
    scan_names: ClassVar[bool] = False
    """Whether the privacy scan also refuses personal names in its texts (its records name no one)."""
    settings_file: ClassVar[str | None] = None
    """A file of settings inside the content folder (``cau-hinh.yml``), loaded with the site's own files."""
    settings_model: ClassVar[type[BaseModel] | None] = None
    """The pydantic model of :attr:`settings_file`."""
    title: ClassVar[str] = ""
    """What the dataset is called on the open-data page and in the data package («Thủ tục hành chính»)."""

    # Records: id, summary, checks.

    @abstractmethod
    def key(self, item: R | S) -> str:
        """The id of a record or of its summary; records are ordered by it."""

    def file_stem(self, item: R | S) -> str:
        """Where a record's file is in the dataset's folder, without its extension: what ``check``
        requires and what the web editor names a new record's file; by default its key."""
        return self.key(item)

    def next_key(self, catalog: Catalog) -> str | None:
        """The code the web editor offers a new record: when the records' codes are numbered within a
        year (``PAKN-2026-046``), the next free number of the year of the build's stated date
        (:attr:`Catalog.as_of`); else ``None`` (:func:`next_numbered`)."""
        return next_numbered([self.key(s) for s in self.summaries(catalog)], catalog.as_of.year)

    def form_messages(self) -> dict[str, str]:
        """The messages of the cross-field rules the web editor applies before saving (``{…}``: filled
        in), by rule name; the same ``check`` reports."""
        return {}

    @abstractmethod
    def summarise(self, record: R) -> S:
        """What the catalogue-wide pages and the other datasets need of one record."""

    def check(self, items: list[Loaded[S]], context: CheckContext) -> list[DataError]:
        """The cross-record rules (unique ids, references to other records or datasets)."""
        return []

    def link_targets(self, items: list[Loaded[S]], context: CheckContext) -> set[str]:
        """The docs paths of the dataset's files that a hand-written page may link to: by default each
        record's JSON, the all-records file and the schemas; a dataset adds its pages."""
        return {
            self.all_json_path(),
            *(self.record_json_path(self.key(item.record)) for item in items),
            *(f"du-lieu/schema/{name}.schema.json" for name in self.schemas()),
        }

    def title_of(self, item: R | S) -> str:
        """A record's title in lists and feeds (its summary's, alike)."""
        return self.key(item)

    def page_of(self, key: str) -> str | None:
        """The docs path of the page of the record ``key``; ``None`` when records have no page."""
        return None

    def updated(self, summary: S) -> date | None:
        """The date a record was last changed, if it says (the build's date is the latest one)."""
        return None

    def check_settings(self, settings: Loaded[Any]) -> list[DataError]:
        """Rules of the settings file beyond its model."""
        return []

    # Pages.

    @abstractmethod
    def record_pages(self, catalog: Catalog, records: Sequence[R], memo: Memo = no_memo) -> list[Page]:
        """The pages of each of ``records`` (the full records this process holds)."""

    @abstractmethod
    def listing_pages(self, catalog: Catalog, memo: Memo = no_memo) -> list[Page]:
        """The pages and files made from every record's summary: lists, CSV, feeds."""

    def related(self, catalog: Catalog, dataset: str, key: str) -> list[Link]:
        """This dataset's records about the record ``key`` of the dataset named ``dataset`` (the
        feedback about a procedure), which that record's page lists; by default none."""
        return []

    def nav(self, catalog: Catalog) -> list[NavEntry]:
        """The dataset's entries in the site navigation."""
        return []

    def home_links(self, catalog: Catalog) -> list[Link]:
        """Buttons at the top of the home page."""
        return []

    def home_section(self, catalog: Catalog) -> str:
        """The dataset's Markdown on the home page (empty for none)."""
        return ""

    def open_data_section(self, catalog: Catalog) -> str:
        """The dataset's Markdown on the open-data page: what it publishes and where."""
        return ""

    def data_resources(self, catalog: Catalog) -> list[dict[str, Any]]:
        """Resources of ``du-lieu/datapackage.json`` besides those the site makes for every dataset (the
        all-records JSON and each of :meth:`tables`); paths relative to ``du-lieu/``."""
        return []

    # Open data, feeds and history made by the site for every dataset (generator.site.tables, feeds,
    # history): the dataset only describes them.

    def tables(self, catalog: Catalog) -> list[Table]:
        """The dataset's flat CSV tables (one row per record), with their columns' Table Schema types
        and descriptions: the site writes each CSV, its data-package resource and its part of the data
        dictionary (:mod:`generator.site.tables`)."""
        return []

    def feeds(self, catalog: Catalog) -> list[Feed]:
        """The dataset's Atom feeds, their entries dated by the data, and the pages that link to each
        (:mod:`generator.site.feeds`)."""
        return []

    def history_fields(self, record: R) -> dict[str, Value]:
        """The facts of a record compared between its versions, by Vietnamese label; a list of texts
        is compared item by item (:mod:`generator.site.history`). Empty: versions are not compared."""
        return {}

    def milestones(self, record: R) -> list[Milestone]:
        """The dated events a record holds itself (publication decisions, answers …), which date and
        name the changes that came with them (:mod:`generator.site.history`)."""
        return []

    def page_dates(self, catalog: Catalog) -> dict[str, date]:
        """The date the data of each of the dataset's pages last changed, by docs path, for the
        sitemap's ``lastmod``; a page left out is dated by the content version."""
        return {}

    def schemas(self) -> dict[str, type[BaseModel]]:
        """JSON Schemas published under ``du-lieu/schema/`` and written by ``congkhai schema``, by stem."""
        return {self.name: self.model}

    # Search.

    def search_filters(self) -> dict[str, str]:
        """The dataset's filter keys in the search index and their facet titles, in display order."""
        return {}

    def search_kind(self, catalog: Catalog) -> str | None:
        """The page-type filter value (``loai_trang``) of the dataset's pages in the search index; None
        when it puts no page there."""
        return None

    def search_examples(self, catalog: Catalog) -> list[str]:
        """Queries the search hint suggests, each of which finds a record of this dataset."""
        return []

    def search_fallback(self, catalog: Catalog) -> list[Link]:
        """Where the search page sends a reader without JavaScript, or a search that found nothing."""
        return []

    def search_names(self, catalog: Catalog) -> list[SearchName]:
        """The records the browser ranks by name alone, before the index answers (the header's first
        results as you type, ``tim-kiem/ten.json``); each record's page must be ``page_of(key)``."""
        return []

    def search_texts(self, catalog: Catalog) -> list[SearchTexts]:
        """What each record of :meth:`search_names` says in the parts a citizen names (results,
        documents, sector, agency, legal bases), for the term index (:mod:`generator.site.termindex`);
        a record left out is indexed by its name alone."""
        return []

    def search_phrases(self, catalog: Catalog) -> list[str]:
        """The names (and other short texts) of the records, whose words the browser knows when it
        corrects a typo: a word of a query found in none of them may be misspelt."""
        return []

    # Open data of each record, assembled by the pipeline into ``du-lieu/<name>.json``.

    def record_json(self, record: R) -> str:
        """One record as published JSON (``du-lieu/<name>/<id>.json``), written by pydantic's serializer:
        the same bytes as ``json.dumps`` of the dump, several times faster."""
        return record.model_dump_json(indent=2, exclude_none=True) + "\n"

    def record_json_path(self, key: str) -> str:
        """The docs path of one record's JSON file."""
        return f"du-lieu/{self.name}/{key}.json"

    def all_json_path(self) -> str:
        """The docs path of the file with every record."""
        return f"du-lieu/{self.name}.json"

    # Helpers for subclasses.

    def files(self, content: Path) -> list[Path]:
        """The dataset's record files under ``content``, sorted: entries that are not regular files are
        listed too, and refused when read (:func:`~generator.core.contentfiles.content_files`)."""
        return content_files(content / self.name, self.pattern, self.other_entries())

    def other_entries(self) -> set[str]:
        """Entries of the dataset's folder that are not its records (its settings file, a folder that
        another dataset reads), which are therefore not warned about."""
        return {self.settings_file} if self.settings_file else set()

    def present(self, content: Path) -> bool:
        """Whether ``content`` keeps records of this dataset (its folder exists)."""
        return os.path.lexists(content / self.name)

    def register_templates(self) -> None:
        """Make the dataset's templates available to :func:`~generator.core.render.render`."""
        if self.templates is not None:
            add_templates(self.name, self.templates)

    def summaries(self, catalog: Catalog) -> tuple[S, ...]:
        """Every record's summary, by id."""
        return catalog.summaries(self.name)

    def records(self, catalog: Catalog) -> tuple[R, ...]:
        """The full records this process makes pages for, by id."""
        return catalog.records(self.name)


_NUMBERED = re.compile(r"(?P<head>.*?)(?P<year>(?:19|20)\d\d)(?P<sep>[^\d]+)(?P<number>\d+)")
"""A code numbered within a year: a head, the year, a separator, the number (``PAKN-`` ``2026`` ``-``
``046``)."""


def next_numbered(codes: Sequence[str], year: int) -> str | None:
    """The next free code of ``year`` when ``codes`` are numbered within years (most of them of one form:
    head, year, separator, a number of one width): one more than the highest of that year, else the first;
    ``None`` when they are not."""
    found = [(m, c) for c in codes if (m := _NUMBERED.fullmatch(c))]
    if not found or len(found) * 2 <= len(codes):
        return None
    forms = Counter((m["head"], m["sep"], len(m["number"])) for m, _ in found)
    (head, sep, width), _ = max(forms.items(), key=lambda item: (item[1], item[0]))
    taken = [
        int(m["number"])
        for m, _ in found
        if (m["head"], m["sep"], len(m["number"])) == (head, sep, width) and int(m["year"]) == year
    ]
    return f"{head}{year}{sep}{max(taken, default=0) + 1:0{width}d}"


AnyDataset = Dataset[Any, Any]
"""A dataset of any kind, as the pipeline holds them."""


def published(datasets: Sequence[AnyDataset], content: Path) -> tuple[AnyDataset, ...]:
    """The ``datasets`` a content folder publishes: every one but an optional one it does not have."""
    return tuple(d for d in datasets if not d.optional or d.present(content))


def related_links(catalog: Catalog, dataset: str, key: str) -> list[tuple[str, list[Link]]]:
    """What every other dataset relates to the record ``key`` of the dataset named ``dataset``: each
    such dataset's records, under its noun («Phản ánh, kiến nghị»)."""
    found = [(d.noun[:1].upper() + d.noun[1:], d.related(catalog, dataset, key)) for d in catalog.datasets]
    return [(title, links) for title, links in found if links]
