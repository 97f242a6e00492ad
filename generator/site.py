"""The build pipeline: content → catalog → Markdown pages → MkDocs → search index → ``site/``.

Everything is gathered and validated first; the previous site is replaced only by a complete new one.
"""

from __future__ import annotations

import html
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time
from functools import partial
from pathlib import Path
from time import perf_counter
from typing import Any, TypeVar

from generator.catalog import Catalog, build_catalog
from generator.mkdocsrun import run_mkdocs
from generator.opendata import open_data_pages
from generator.parallel import fork_map, jobs_for
from generator.procedures.pages import procedure_pages
from generator.records import LoadCache
from generator.render import Memo, Page, no_memo
from generator.search import index_site, search_pages
from generator.sitepages import hand_pages, home_page, search_page

T = TypeVar("T")

DOCS = "docs"
NAV_SECTORS_MAX = 30
"""Above this many sectors the navigation links only the catalogue index, which lists them all:
Material prints the whole navigation into every page, so a long sector list would grow every page."""


@dataclass(frozen=True)
class BuildReport:
    """What a build produced."""

    pages: int
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    """Time spent per stage of a full build: ``generate``, ``mkdocs``, ``search``."""


def generate_pages(catalog: Catalog, memo: Memo = no_memo) -> list[Page]:
    """Every generated file of the documentation folder, the open data first (see
    :func:`~generator.opendata.open_data_pages`); texts are made when written or read."""
    return [
        *open_data_pages(catalog, memo),
        home_page(catalog),
        search_page(catalog),
        *hand_pages(catalog),
        *procedure_pages(catalog, memo),
        *search_pages(catalog),
    ]


@dataclass
class Reuse:
    """What the live preview keeps from one rebuild to the next; ``congkhai build`` keeps nothing."""

    records: LoadCache = field(default_factory=LoadCache)
    """Loaded records by file bytes."""
    texts: Memo = no_memo
    """Page texts by their inputs."""
    written: dict[str, str] = field(default_factory=dict)
    """The text of every file this process wrote to (or found in) the docs folder."""


PAGES_PER_JOB = 250
"""Files below which making and writing them in another process costs more than it saves."""
BATCH = 25
"""Files a process takes at a time: small enough that the processes finish together."""


def write_docs(
    pages: list[Page], docs: Path, known: dict[str, str] | None = None, jobs: int = 1
) -> BuildReport:
    """Make ``docs`` hold exactly ``pages``: write only what changed, remove what is gone.

    Many pages are made and written in ``jobs`` processes (0: one per core), unless ``known`` is given.
    A changed file is replaced, not rewritten: MkDocs hard-links the files it would copy as they are.

    ``known`` holds the texts the folder is known to hold (and is updated): those files are not read again.
    """
    wanted = {page.path for page in pages}
    existed = docs.exists()  # a new folder holds nothing to remove afterwards
    # A process that remembers what the folder holds (the live preview) writes every file itself.
    jobs = 1 if known is not None else jobs_for(len(pages), PAGES_PER_JOB, jobs)
    # Into a new folder, several processes make their files apart and move them in (see _replace).
    scratch = docs / SCRATCH if jobs > 1 and not existed else None
    try:
        changed = fork_map([partial(_write, page, docs, known, scratch) for page in pages], jobs, BATCH)
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    written = sorted(page.path for page, wrote in zip(pages, changed, strict=True) if wrote)
    removed = []
    # What the folder held: known to this process if it filled the folder before, else listed.
    present = list(known) if known else _files(docs) if existed else []
    for rel in sorted(path for path in present if path not in wanted):
        (docs / rel).unlink(missing_ok=True)
        removed.append(rel)
        if known is not None:
            known.pop(rel, None)
    return BuildReport(len(pages), written, removed)


def _write(page: Page, docs: Path, known: dict[str, str] | None, scratch: Path | None) -> bool:
    """Make ``page`` and write it unless ``docs`` holds it already; whether it was written.

    ``scratch``: the folder was new, and processes make their files apart in there (see :func:`_replace`).
    """
    text = page.text
    if known is not None:
        if known.get(page.path) == text and (docs / page.path).is_file():
            return False
        known[page.path] = text
    target = os.path.join(docs, page.path)
    data = text.encode("utf-8")
    if scratch:
        _replace(target, data, os.path.join(scratch, str(os.getpid())))
        return True
    try:
        _create(target, data)
    except FileExistsError:
        with open(target, "rb") as old:
            if old.read() == data:
                return False
        _replace(target, data)
    return True


def _create(target: str, data: bytes) -> None:
    """Write ``data`` to the new file ``target`` (and its folders); raise FileExistsError if it exists.

    One system call finds out whether the file exists and creates it: most files of a build are new, and
    asking first (and for each file's folder) took 40% of the time of writing them."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    fd = _in_folder(os.path.dirname(target), partial(os.open, target, flags, 0o666))
    with open(fd, "wb") as file:
        file.write(data)


def _in_folder(folder: str, action: Callable[[], T]) -> T:
    """``action()``, which makes a file in ``folder``; the folder (and its parents) is made only when
    missing, after ``action`` failed for that reason: asking first costs a system call for every file."""
    try:
        return action()
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
        return action()


SCRATCH = ".congkhai-new"
"""The docs folder's folder in which processes writing into a new docs folder make their files, each in
a folder of its own (see :func:`_replace`); MkDocs ignores names that start with a dot, and it is removed
once the files are in place."""


def _replace(target: str, data: bytes, scratch: str | None = None) -> None:
    """Give ``target`` new contents as a new file, made in the folder ``scratch`` (by default next to
    ``target``) and renamed into place: a built site may hold a hard link to the old one.

    Making a file locks its folder while the kernel finds the file an inode, which on this machine's disk
    (ext4 without a journal: ``find_inode_bit``, ``recently_deleted``) takes 0.3 to 1 ms a file after many
    files were deleted. Two processes making new files in ``thu-tuc/`` then took as long as one. Each
    making them in a folder of its own and renaming them, which holds the lock only briefly, took half as
    long; on a quiet disk (0.04 ms a file) the renames cost 0.1 to 0.7 s at 5,000 procedures.
    """
    folder = scratch or os.path.dirname(target)
    temporary = os.path.join(folder, f".{os.path.basename(target)}.new")
    _in_folder(folder, partial(Path(temporary).write_bytes, data))
    _in_folder(os.path.dirname(target), partial(os.replace, temporary, target))


def _files(folder: Path) -> list[str]:
    """The files under ``folder``, relative to it; ``os.walk`` with one path operation per folder lists
    2,055 files 19 times faster than ``rglob``."""
    files = []
    for root, _, names in os.walk(folder):
        prefix = Path(root).relative_to(folder).as_posix() + "/"
        files += [(prefix + name).removeprefix("./") for name in names]
    return files


def nav(catalog: Catalog) -> list[dict[str, Any]]:
    """The small, explicit navigation: home, sectors, search, open data and hand-written pages."""
    sectors = [s for s in catalog.sectors if catalog.in_sector(s.ma)]
    if len(sectors) > NAV_SECTORS_MAX:
        sectors = []
    return [
        {"Trang chủ": "index.md"},
        {
            "Thủ tục hành chính": [
                {"Danh mục theo lĩnh vực": "thu-tuc/index.md"},
                *({html.escape(s.ten): f"linh-vuc/{s.ma}.md"} for s in sectors),
            ]
        },
        {"Tìm kiếm": "tim-kiem.md"},
        {"Dữ liệu mở": "du-lieu/index.md"},
        *({html.escape(p.title): f"trang/{p.slug}.md"} for p in catalog.hand_pages),
    ]


def mkdocs_options(catalog: Catalog, docs: Path, site: Path) -> dict[str, Any]:
    """The values of ``mkdocs.yml`` that come from the content."""
    agency = catalog.agency
    return {
        "site_name": html.escape(agency.ten_trang),
        "site_url": agency.url_trang,
        "site_description": html.escape(agency.gioi_thieu or agency.ten_trang),
        "docs_dir": str(docs.resolve()),
        "site_dir": str(site.resolve()),
        "nav": nav(catalog),
        "extra": {"agency": agency.model_dump(mode="json"), "generator": False},
    }


def source_date_epoch(catalog: Catalog) -> str:
    """``SOURCE_DATE_EPOCH`` if set, else the latest update date in the content (never "now")."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    dates = [p.ngay_cap_nhat for p in catalog.procedures if p.ngay_cap_nhat]
    latest = datetime.combine(max(dates), time(), tzinfo=UTC) if dates else None
    return str(int(latest.timestamp())) if latest else "0"


def check(content: Path) -> Catalog:
    """Validate a content folder (raises :class:`~generator.errors.DataErrors`)."""
    return build_catalog(content)


def prepare(
    content: Path, work: Path, reuse: Reuse | None = None, jobs: int = 0
) -> tuple[Catalog, BuildReport]:
    """Validate the content and bring ``work/docs`` up to date with it (``jobs``: processes, 0 per core)."""
    catalog = build_catalog(content, reuse.records if reuse else None, jobs)
    pages = generate_pages(catalog, reuse.texts if reuse else no_memo)
    return catalog, write_docs(pages, work / DOCS, reuse.written if reuse else None, jobs)


def build(content: Path, out: Path, config_file: Path, work: Path, jobs: int = 0) -> BuildReport:
    """Build the whole site into ``out``; on any error the previous ``out`` stays as it was.

    Pages are rendered and MkDocs runs in ``jobs`` processes (0: one per core) when there are many.
    """
    clock = _Clock()
    catalog, report = prepare(content, work, jobs=jobs)
    clock.lap("generate")
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(catalog)
    staging = out.with_name(f".{out.name}.new")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        run_mkdocs(config_file, mkdocs_options(catalog, work / DOCS, staging), jobs=jobs)
        clock.lap("mkdocs")
        _index_search(staging)
        clock.lap("search")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, out)
    return replace(report, seconds=clock.laps)


class _Clock:
    """Seconds per stage, for the build report."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = perf_counter()

    def lap(self, stage: str) -> None:
        now = perf_counter()
        self.laps[stage] = now - self._last
        self._last = now


def _index_search(site: Path) -> None:
    """Build the search index (Pagefind) into the staged site."""
    index_site(site)


def _swap(staging: Path, out: Path) -> None:
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)
