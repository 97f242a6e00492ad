"""The build pipeline: content → catalog → Markdown pages → MkDocs → search index → ``site/``.

Everything is gathered and validated first; the previous site is replaced only by a complete new one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time
from functools import partial
from pathlib import Path
from time import perf_counter
from typing import Any

from markupsafe import escape

from generator.build.admin import cms_repo as admin_repo
from generator.build.admin import write_admin
from generator.build.allpages import generate_pages, split_pages
from generator.build.docsfolder import BuildReport, Known, write_docs, write_pages
from generator.build.editor import choices as editor_choices
from generator.build.mkdocsrun import run_mkdocs
from generator.build.offline import made_offline, offline_zip
from generator.build.paths import Places, check_apart, check_work, refuse, take_over_work, using_work
from generator.build.publish import Output
from generator.build.searchindex import index_site
from generator.build.security import CSP
from generator.build.sharedbuild import jobs_to_share, prepare_shared
from generator.build.sitemap import write_sitemap
from generator.core.failures import naming
from generator.core.notices import warn
from generator.core.parallel import in_child
from generator.core.records import LoadCache
from generator.core.render import Memo, Page, no_memo, vdate
from generator.datasets import DATASETS
from generator.site.agency import Agency, at_address, contacts
from generator.site.catalog import ALLOWED_FILE, SITE_FILE, Catalog, allow_list, build_catalog, load_allowed
from generator.site.dataset import AnyDataset, published
from generator.site.feeds import head_links
from generator.site.opendata import all_feeds
from generator.site.pages import nav

DOCS = "docs"


@dataclass
class Reuse:
    """What the live preview keeps from one rebuild to the next; ``congkhai build`` keeps nothing."""

    records: LoadCache = field(default_factory=LoadCache)
    """Loaded records by file bytes."""
    texts: Memo = no_memo
    """Page texts by their inputs."""
    written: Known = field(default_factory=dict)
    """The text of every file this process wrote to (or found in) the docs folder."""


def mkdocs_options(catalog: Catalog, docs: Path, site: Path) -> dict[str, Any]:
    """The values of ``mkdocs.yml`` that come from the content."""
    agency = catalog.agency
    return {
        # Escaped once, as Markup: the theme prints the name both as it is and through «| e».
        "site_name": escape(agency.ten_trang),
        "site_url": agency.url_trang,
        "site_description": escape(agency.gioi_thieu or agency.ten_trang),
        "docs_dir": str(docs.resolve()),
        "site_dir": str(site.resolve()),
        "nav": nav(catalog),
        "extra": {
            "agency": agency.model_dump(mode="json"),
            "contacts": [c._asdict() for c in contacts(agency)],
            "generator": False,
            "ck_feeds": head_links(all_feeds(catalog)),
            "ck_version": catalog.version.text,
            "ck_print_version": f"Phiên bản nội dung ngày {vdate(catalog.as_of)}",  # no hash on paper
            "csp": CSP,
        },
    }


def source_date_epoch(catalog: Catalog) -> str:
    """``SOURCE_DATE_EPOCH`` as the build states it: the catalog's one date (:attr:`Catalog.as_of`)."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    return str(int(datetime.combine(catalog.as_of, time(), tzinfo=UTC).timestamp()))


@contextmanager
def build_date(epoch: str) -> Iterator[None]:
    """``SOURCE_DATE_EPOCH`` set to ``epoch`` while the block runs (MkDocs and its plugins read it from the
    environment), then put back as it was: a build leaves its date to no later build in the process."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def check(content: Path, datasets: Sequence[AnyDataset] = DATASETS, jobs: int = 0) -> Catalog:
    """Validate a content folder (raises :class:`~generator.core.errors.DataErrors`)."""
    return build_catalog(content, datasets, jobs=jobs)


def prepare(
    content: Path,
    work: Path,
    jobs: int = 0,
    datasets: Sequence[AnyDataset] = DATASETS,
    site_url: str | None = None,
) -> tuple[Catalog, BuildReport]:
    """Validate the content and bring ``work/docs`` up to date with it (``jobs``: processes, 0 per core);
    ``site_url``: the site's address, instead of ``url_trang`` (:func:`~generator.site.agency.at_address`).

    A large catalogue is shared by several processes (``generator.build.sharedbuild``); the live preview,
    which keeps what it loaded and made for the next rebuild, uses :func:`prepare_first`.
    """
    datasets = published(datasets, content)
    files = {d.name: d.files(content) for d in datasets}
    if (shared := jobs_to_share(files, jobs)) > 1:
        return prepare_shared(content, datasets, files, work / DOCS, shared, site_url)
    catalog = addressed(build_catalog(content, datasets, jobs=jobs), site_url)
    return catalog, write_docs(generate_pages(catalog), work / DOCS)


def addressed(catalog: Catalog, site_url: str | None) -> Catalog:
    """``catalog`` with its site published at ``site_url`` (:func:`~generator.site.agency.at_address`)."""
    if not site_url:
        return catalog
    site = replace(catalog.site, agency=at_address(catalog.agency, site_url))
    return replace(catalog, site=site, _indexes={})


def prepare_first(
    content: Path, work: Path, reuse: Reuse, datasets: Sequence[AnyDataset] = DATASETS
) -> tuple[Catalog, BuildReport, list[Page]]:
    """The live preview's :func:`prepare`: validate the content and bring ``work/docs`` up to date with
    it, but for the files :attr:`~generator.build.allpages.SplitPages.later` (returned, to write with
    :func:`write_later`)."""
    catalog = build_catalog(content, published(datasets, content), reuse.records)
    pages = split_pages(catalog, reuse.texts)
    return catalog, write_docs(pages.first, work / DOCS, reuse.written, pages.later), pages.later


def write_later(pages: Iterable[Page], work: Path, reuse: Reuse) -> list[str]:
    """Write the files :func:`prepare_first` left for later, where changed; the paths written."""
    return write_pages(pages, work / DOCS, reuse.written)


def build(
    content: Path,
    out: Path,
    config_file: Path,
    work: Path,
    jobs: int = 0,
    datasets: Sequence[AnyDataset] = DATASETS,
    cms_repo: str | None = None,
    offline: bool = False,
    take_over: bool = False,
    cms_local: bool = False,
    site_url: str | None = None,
) -> BuildReport:
    """Build the whole site and publish it as ``out``; on any error the live site stays as it was.

    The web editor goes into ``admin/`` (:mod:`generator.build.admin`), committing to the GitHub
    repository ``cms_repo`` (``OWNER/NAME``; by default ``$GITHUB_REPOSITORY``), or with ``cms_local``
    also to ``decap-server`` on this machine (a local build, not to publish). With ``offline``, also
    write the offline copy :func:`offline_path` (:mod:`generator.build.offline`). ``site_url``: the
    address the site is published at, instead of ``url_trang`` (QR codes, feeds, sitemap, canonical
    links, the data package).

    ``out`` and ``work`` are checked first (:mod:`generator.build.paths`); with ``take_over``, those an
    older congkhai left are accepted and moved aside (the report's ``moved_aside``). The site is built in
    a staging folder of its own and switched live atomically, the previous version kept
    (:mod:`generator.build.publish`).
    Pages are rendered and MkDocs runs in ``jobs`` processes (0: one per core) when there are many.
    """
    places = Places.of(content, config_file)
    output = Output.at(out)
    output.check(places, take_over)
    work = check_work(work, places, take_over)
    check_apart(output.link, work)
    check_apart(output.versions, work)
    zipped = offline_path(output.link)
    if offline:
        check_offline_place(zipped)
    with output.lock():
        moved = [take_over_work(work)] if take_over else []
        with using_work(work), output.staging() as staging:
            make = partial(_make_site, content, work, staging, config_file, jobs, datasets, site_url)
            made = in_child(make) if _large(content, datasets, jobs) else make()
            clock = _Clock()
            with build_date(made.epoch), naming(staging):
                _index_search(staging)
                clock.lap("search")
                write_editor(
                    staging, made.agency, content, config_file, datasets, cms_repo, cms_local, made.next_keys
                )
            version, site_moved = output.publish(staging)
        if offline:
            with naming(zipped):
                offline_zip(out, zipped, made.agency)
            clock.lap("offline")
    if not made.agency.url_trang:
        warn(content / SITE_FILE, 1, "url_trang", NO_ADDRESS_WARNING)
    aside = [str(path) for path in (*moved, site_moved) if path is not None]
    return replace(made.report, seconds={**made.seconds, **clock.laps}, version=version, moved_aside=aside)


NO_ADDRESS_WARNING = (
    "trang được dựng khi chưa có địa chỉ: mã QR chỉ ghi đường dẫn, sơ đồ trang (sitemap.xml) không có "
    "trang nào, nguồn tin và dữ liệu mở không có địa chỉ đầy đủ, các trang không có liên kết chuẩn; "
    "ghi url_trang vào site.yml hoặc dựng bằng congkhai build --url https://<địa chỉ trang>/ (biến "
    "CONGKHAI_URL); xem thử trên máy mình thì bỏ qua cảnh báo này"
)
"""The warning of a build without the site's address (a local preview may be one)."""


def _large(content: Path, datasets: Sequence[AnyDataset], jobs: int) -> bool:
    """Whether the catalogue is large enough to be shared by several processes; then generating and
    MkDocs run in a process of their own (:func:`~generator.core.parallel.in_child`), which ends before
    Pagefind starts: they leave hundreds of megabytes behind in the processes that ran them (at 5,000
    procedures + 5,000 feedback items, 525 MB in this one beside Pagefind's 690 MB)."""
    shown = published(datasets, content)
    return jobs_to_share({d.name: d.files(content) for d in shown}, jobs) > 1


@dataclass(frozen=True)
class _Made:
    """What :func:`_make_site` sends back from its process: the docs folder's report, the stages' seconds,
    the date of the build (``SOURCE_DATE_EPOCH``) and the agency."""

    report: BuildReport
    seconds: dict[str, float]
    epoch: str
    agency: Agency
    next_keys: dict[str, str] = field(default_factory=dict)
    """The code the editor offers a new record, by dataset (:func:`next_keys`)."""


def _make_site(
    content: Path,
    work: Path,
    staging: Path,
    config_file: Path,
    jobs: int,
    datasets: Sequence[AnyDataset],
    site_url: str | None,
) -> _Made:
    """Validate the content, write the docs folder and build the site into ``staging`` with MkDocs (all
    but the search index and the editor)."""
    clock = _Clock()
    with naming(work):  # a full disk names the work folder
        catalog, report = prepare(content, work, jobs, datasets, site_url)
    clock.lap("generate")
    epoch = source_date_epoch(catalog)
    with build_date(epoch), naming(staging):
        run_mkdocs(config_file, mkdocs_options(catalog, work / DOCS, staging), jobs=jobs)
        write_sitemap(staging, work / DOCS, catalog)
    clock.lap("mkdocs")
    return _Made(report, clock.laps, epoch, catalog.agency, next_keys(catalog))


def next_keys(catalog: Catalog) -> dict[str, str]:
    """The code the web editor offers a new record of each dataset that numbers its codes
    (:meth:`~generator.site.dataset.Dataset.next_key`), by dataset name."""
    found = {d.name: d.next_key(catalog) for d in catalog.datasets}
    return {name: key for name, key in found.items() if key is not None}


def write_editor(
    site: Path,
    agency: Agency,
    content: Path,
    config_file: Path,
    datasets: Sequence[AnyDataset],
    cms_repo: str | None = None,
    local: bool = False,
    next_keys: Mapping[str, str] | None = None,
) -> None:
    """Write the web editor (``admin/``) into ``site``: its collections are the published datasets,
    its folders relative to the repository's root (the folder of ``mkdocs.yml``); ``local``: it also
    edits through ``decap-server`` on this machine; ``next_keys``: the code offered a new record, by
    dataset."""
    write_admin(
        site,
        published(datasets, content),
        agency.ten_trang,
        content_dir=Path(os.path.relpath(content.resolve(), config_file.resolve().parent)).as_posix(),
        repo=admin_repo(cms_repo),
        site_url=agency.url_trang,
        local=local,
        choices=editor_choices(content, datasets),
        allowed=allow_list(agency, load_allowed(content / ALLOWED_FILE)[0]),
        next_keys=next_keys,
    )


def check_offline_place(zipped: Path) -> None:
    """Raise :class:`~generator.build.paths.PathError` when ``zipped`` exists and is not an offline copy
    congkhai wrote: a build replaces only its own."""
    if os.path.lexists(zipped) and not made_offline(zipped):
        raise refuse(
            zipped, "bản ngoại tuyến (--offline)", "tệp đã có mà không phải bản ngoại tuyến congkhai tạo"
        )


def offline_path(out: Path) -> Path:
    """Where ``congkhai build --offline`` writes the offline copy: ``<out>-offline.zip`` beside ``out``."""
    return out.with_name(f"{out.name}-offline.zip")


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
