"""A large site's documentation folder, made by several processes that each keep the records they load.

Sending a full record from one process to another costs more than making its pages: at 5,000
procedures, pickling the records a forked process had loaded took 0.36–0.42 s there and unpickling them
0.30–0.38 s here. So each process loads a share of the files and makes the pages and JSON of its own
records; only summaries travel (:meth:`Dataset.summarise <generator.site.dataset.Dataset.summarise>`),
in two rounds of a :class:`~generator.core.parallel.Team`:

1. Every process loads and validates its share of every dataset's files, and answers with each
   record's summary (and the file, to locate errors), its errors, and its records' part of each
   dataset's all-records JSON (one block of UTF-8, quick to send). This process checks the whole
   catalogue across records; on any error nothing is written, and every error is raised together.
2. Told every summary, each process writes its records' pages and JSON files (this one also the
   all-records files); then the processes take the catalogue-wide pages (sector lists, CSV, feed, home,
   …) one at a time as each becomes free, so that they finish together. This process then makes the
   data package and the open-data page, which give the other files' sizes.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import Any

from generator.build.allpages import Sizes, record_pages, record_texts, site_pages
from generator.build.docsfolder import BuildReport, finish_apart, remove_others, write_pages
from generator.core.errors import DataError
from generator.core.parallel import Steps, Team, equal_shares, jobs_for
from generator.core.records import FILES_PER_JOB, Loaded, load_all
from generator.core.render import Page
from generator.site.agency import at_address
from generator.site.catalog import (
    Catalog,
    Partial,
    Summarised,
    catalog_of,
    load_site,
    raise_if_invalid,
    scan_loaded,
    summarised_item,
)
from generator.site.dataset import AnyDataset
from generator.site.opendata import all_records_page, late_pages

Files = dict[str, list[Path]]
"""Record files by dataset name."""


@dataclass(frozen=True)
class Loading:
    """A share's answer to the first round, by dataset name: what it loaded, summarised; the errors it
    found; and its records' part of each all-records file."""

    items: dict[str, list[Loaded[Any]]]
    errors: list[DataError]
    parts: dict[str, bytes]


@dataclass(frozen=True)
class Writing:
    """A share's answer to the second round: the files it made (and wrote, if changed)."""

    paths: list[str]
    written: list[str]
    catalog: Catalog | None
    """The catalog, from the share that runs in this process (the others send none)."""


@dataclass(frozen=True)
class _Together:
    """What the shares of one build use together: the datasets, the docs folder, whether it is new (see
    :func:`~generator.build.docsfolder.write_pages`), the parts of each all-records file (filled in this
    process between the rounds) and the index of the next catalogue-wide page to take (in shared
    memory)."""

    datasets: Sequence[AnyDataset]
    docs: Path
    apart: bool
    parts: dict[str, list[bytes]]
    turn: Synchronized[int]


def jobs_to_share(files: Files, jobs: int) -> int:
    """How many processes share the build of the record ``files`` (``jobs``, 0: one per core); 1 for a
    small site."""
    return jobs_for(sum(map(len, files.values())), FILES_PER_JOB, jobs)


def prepare_shared(
    content: Path,
    datasets: Sequence[AnyDataset],
    files: Files,
    docs: Path,
    jobs: int,
    site_url: str | None = None,
) -> tuple[Catalog, BuildReport]:
    """Validate the content (its record ``files`` listed already) and bring ``docs`` up to date with it,
    in ``jobs`` (> 1) processes; ``site_url``: the site's address, instead of ``url_trang``."""
    site, errors = load_site(content, datasets)
    if site_url and site.site:
        site = replace(site, site=replace(site.site, agency=at_address(site.site.agency, site_url)))
    existed = docs.exists()
    turn = multiprocessing.get_context("fork").Value("q", 0)
    together = _Together(datasets, docs, not existed, {d.name: [] for d in datasets}, turn)
    shares = [
        partial(_share, site, share, together, first=k == 0)
        for k, share in enumerate(_shares(datasets, files, jobs))
    ]
    try:
        with Team(shares) as team:
            loadings: list[Loading] = team.start()
            items: Summarised = {d.name: [i for ld in loadings for i in ld.items[d.name]] for d in datasets}
            problems = [error for loading in loadings for error in loading.errors]
            raise_if_invalid(site, datasets, items, errors + problems)
            for name, parts in together.parts.items():
                parts.extend(loading.parts[name] for loading in loadings)
            summaries = {d.name: sorted((i.record for i in items[d.name]), key=d.key) for d in datasets}
            writings: list[Writing] = team.next(summaries)
    finally:
        finish_apart(docs)
    paths = {path for writing in writings for path in writing.paths}
    removed = remove_others(docs, paths) if existed else []
    written = sorted(path for writing in writings for path in writing.written)
    assert writings[0].catalog is not None
    return writings[0].catalog, BuildReport(len(paths), written, removed)


def _shares(datasets: Sequence[AnyDataset], files: Files, jobs: int) -> list[Files]:
    """Each dataset's ``files`` cut into ``jobs`` equal shares of consecutive ids (a valid file is named
    by its id).

    Equal shares measured best: a forked process loads its share up to a fifth slower than this one,
    and this one then makes the all-records files too, but the turns at the catalogue-wide pages even
    out the second round (at 5,000 procedures, this process took 130–210 of the 211 turns)."""
    shares: list[Files] = [{} for _ in range(jobs)]
    for dataset in datasets:
        ordered = sorted(files[dataset.name], key=lambda path: path.stem)
        for share, (start, stop) in zip(shares, equal_shares(len(ordered), jobs), strict=True):
            share[dataset.name] = ordered[start:stop]
    return shares


def _share(site: Partial, files: Files, together: _Together, first: bool) -> Steps:
    """One process's part: load ``files`` and make their part of the all-records files; then, told
    every summary, write its records' files (and the all-records files when ``first``) and take turns
    at the catalogue-wide ones."""
    datasets = together.datasets
    items: dict[str, list[Loaded[Any]]] = {}
    records: dict[str, list[Any]] = {}
    errors: list[DataError] = []
    for dataset in datasets:
        loaded, problems = load_all(files[dataset.name], dataset.model, jobs=1)
        errors += problems
        errors += scan_loaded(dataset, loaded, site.allowed)
        items[dataset.name] = [summarised_item(dataset, item) for item in loaded]
        records[dataset.name] = sorted((item.record for item in loaded), key=dataset.key)
    version, url = (site.site.version, site.site.agency.url_trang) if site.site else (None, None)
    texts = record_texts(datasets, version=version, site_url=url)
    parts = {d.name: texts[d.name].part(records[d.name]) for d in datasets}
    summaries = yield Loading(items, errors, parts)
    assert site.site is not None  # the catalogue is valid: the team goes on only then
    catalog = catalog_of(site.site, datasets, summaries, records)
    pages = record_pages(catalog, texts)
    if first:
        pages[:0] = [all_records_page(catalog, d, partial(list, together.parts[d.name])) for d in datasets]
    sizes: dict[str, int] = {}
    written = write_pages(pages, together.docs, apart=together.apart, sizes=sizes)
    taken: list[Page] = []
    others = site_pages(catalog)
    turns = _turns(others, together.turn, taken)
    written += write_pages(turns, together.docs, apart=together.apart, sizes=sizes)
    if first:  # they give the other files' sizes: made last, here, where every part is
        late = late_pages(catalog, Sizes([*pages, *others], sizes))
        written += write_pages(late, together.docs, apart=together.apart)
        pages += late
    yield Writing([page.path for page in [*pages, *taken]], written, catalog if first else None)


def _turns(pages: list[Page], turn: Synchronized[int], taken: list[Page]) -> Iterator[Page]:
    """The pages this process takes from ``pages``, one whenever it is free; each also put in ``taken``.
    ``turn`` is the index of the next page to take, shared by the processes."""
    while True:
        with turn.get_lock():
            k = turn.value
            turn.value += 1
        if k >= len(pages):
            return
        taken.append(pages[k])
        yield pages[k]
