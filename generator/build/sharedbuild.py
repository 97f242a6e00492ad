"""A large catalogue's documentation folder, made by several processes that each keep the records they load.

Sending a full record from one process to another costs more than making its pages: at 5,000
procedures, pickling the records a forked process had loaded took 0.36–0.42 s there and unpickling them
0.30–0.38 s here. So each process loads a share of the files and makes the pages and JSON of its own
records; only summaries travel (:mod:`generator.procedures.summary`), in two rounds of a
:class:`~generator.parallel.Team`:

1. Every process loads and validates its files, and answers with each record's summary (and the file,
   to locate errors), its errors, and its records' part of ``thu-tuc.json`` (one block of UTF-8, quick
   to send). This process checks the whole catalogue across records; on any error nothing is written,
   and every error is raised together.
2. Told every summary, each process writes its records' pages and JSON files (this one also
   ``thu-tuc.json``); then the processes take the catalogue-wide pages (sector lists, CSV, feed, home,
   …) one at a time as each becomes free, so that they finish together.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path

from generator.build.allpages import record_pages, site_pages
from generator.site.catalog import (
    Catalog,
    Partial,
    catalog_of,
    load_site,
    raise_if_invalid,
    summarised_item,
)
from generator.build.docsfolder import BuildReport, finish_apart, remove_others, write_pages
from generator.core.errors import DataError
from generator.site.opendata import RecordTexts, catalogue_json_page
from generator.core.parallel import Steps, Team, equal_shares, jobs_for
from generator.procedures.model import Procedure
from generator.procedures.summary import Summary
from generator.core.records import FILES_PER_JOB, Loaded, load_all
from generator.core.render import Page


@dataclass(frozen=True)
class Loading:
    """A share's answer to the first round: what it loaded, summarised, the errors it found, and its
    records' part of ``thu-tuc.json``."""

    items: list[Loaded[Summary]]
    errors: list[DataError]
    part: bytes


@dataclass(frozen=True)
class Writing:
    """A share's answer to the second round: the files it made (and wrote, if changed)."""

    paths: list[str]
    written: list[str]
    catalog: Catalog | None
    """The catalog, from the share that runs in this process (the others send none)."""


@dataclass(frozen=True)
class _Together:
    """What the shares of one build use together: the docs folder, whether it is new (see
    :func:`~generator.docsfolder.write_pages`), the parts of ``thu-tuc.json`` (filled in this process
    between the rounds) and the index of the next catalogue-wide page to take (in shared memory)."""

    docs: Path
    apart: bool
    parts: list[bytes]
    turn: Synchronized[int]


def jobs_to_share(files: list[Path], jobs: int) -> int:
    """How many processes share the build of the procedure ``files`` (``jobs``, 0: one per core); 1 for a
    small catalogue."""
    return jobs_for(len(files), FILES_PER_JOB, jobs)


def prepare_shared(content: Path, files: list[Path], docs: Path, jobs: int) -> tuple[Catalog, BuildReport]:
    """Validate the content (its procedure ``files`` listed already) and bring ``docs`` up to date with
    it, in ``jobs`` (> 1) processes."""
    site, errors = load_site(content)
    existed = docs.exists()
    together = _Together(docs, not existed, [], multiprocessing.get_context("fork").Value("q", 0))
    shares = [
        partial(_share, site, share, together, first=k == 0) for k, share in enumerate(_shares(files, jobs))
    ]
    try:
        with Team(shares) as team:
            loadings: list[Loading] = team.start()
            items = [item for loading in loadings for item in loading.items]
            problems = [error for loading in loadings for error in loading.errors]
            raise_if_invalid(site, items, errors + problems)
            together.parts.extend(loading.part for loading in loadings)
            writings: list[Writing] = team.next(sorted(item.record for item in items))
    finally:
        finish_apart(docs)
    paths = {path for writing in writings for path in writing.paths}
    removed = remove_others(docs, paths) if existed else []
    written = sorted(path for writing in writings for path in writing.written)
    assert writings[0].catalog is not None
    return writings[0].catalog, BuildReport(len(paths), written, removed)


def _shares(files: list[Path], jobs: int) -> list[list[Path]]:
    """``files`` cut into ``jobs`` equal shares of consecutive codes (a valid file is named by its code).

    Equal shares measured best: a forked process loads its share up to a fifth slower than this one,
    and this one then makes ``thu-tuc.json`` too, but the turns at the catalogue-wide pages even out
    the second round (at 5,000, this process took 130–210 of the 211 turns)."""
    files = sorted(files, key=lambda path: path.stem)
    return [files[start:stop] for start, stop in equal_shares(len(files), jobs)]


def _share(site: Partial, files: list[Path], together: _Together, first: bool) -> Steps:
    """One process's part: load ``files`` and make their part of ``thu-tuc.json``; then, told every
    summary, write its records' files (and ``thu-tuc.json`` when ``first``) and take turns at the
    catalogue-wide ones."""
    loaded, errors = load_all(files, Procedure, jobs=1)
    records = sorted((item.record for item in loaded), key=lambda p: p.ma_thu_tuc)
    texts = RecordTexts()
    summaries = yield Loading([summarised_item(item) for item in loaded], errors, texts.part(records))
    assert site[0] is not None  # the catalogue is valid: the team goes on only then
    catalog = catalog_of(site[0], summaries, records)
    pages = record_pages(catalog, texts)
    if first:
        pages.insert(0, catalogue_json_page(catalog, partial(list, together.parts)))
    written = write_pages(pages, together.docs, apart=together.apart)
    taken: list[Page] = []
    turns = _turns(site_pages(catalog), together.turn, taken)
    written += write_pages(turns, together.docs, apart=together.apart)
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
