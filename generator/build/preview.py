"""``congkhai serve``: a live preview that rebuilds only what an edit changed.

After every change under the content folder, ``mkdocs.yml`` or the theme folder:

1. the Markdown of the pages a reader opens is regenerated; only files whose text changed are written.
   Records whose file bytes did not change are not parsed or validated again
   (:class:`~generator.records.LoadCache`), pages and JSON are not rendered again while everything they
   read is equal (:class:`_Texts`), and files known to be unchanged are not read back
   (:class:`~generator.pipeline.Reuse`);
2. when the MkDocs configuration derived from the content (navigation, site name, agency facts),
   ``mkdocs.yml`` or the theme changed, or the previous build failed, the site is built in full (shared
   by the cores when there are many pages, as ``congkhai build`` does), open data included;
3. otherwise the output of deleted and changed files is removed and MkDocs builds those files alone,
   with the configuration, files and navigation it kept from the full build
   (:mod:`generator.build.livemkdocs`), and rewrites the sitemap and the 404 page. With the navigation
   unchanged, every other page's HTML depends on nothing that changed. The browser reloads then.

Once edits pause, in the background (:class:`_Later`): the files made from every record that no page
needs to show the edit (all-records JSON, CSV tables, feeds, «Thay đổi gần đây», the data package and
«Dữ liệu mở» with every file's size: :meth:`Preview.finish`) are written and built the same way, then
Pagefind indexes the site. A new edit stops them; what they left undone is done the next time. The
result equals a full build (``tests/test_preview.py`` checks this byte for byte).
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from itertools import takewhile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.build import pipeline, searchindex
from generator.build.livemkdocs import LiveMkDocs
from generator.build.mkdocsrun import run_mkdocs
from generator.build.paths import Places, check_config, check_work, mark, using_work
from generator.core.errors import CongkhaiError
from generator.core.notices import take_warnings
from generator.core.render import Page
from generator.datasets import DATASETS
from generator.site.catalog import Catalog
from generator.site.dataset import AnyDataset

log = logging.getLogger(__name__)

_KINDS = {
    "full": "dựng lại toàn bộ",
    "incremental": "chỉ dựng lại trang đã đổi",
    "unchanged": "không có gì thay đổi",
}


class Preview:
    """Keeps ``site_dir`` equal to a full build of ``content``, rebuilding as little as possible."""

    def __init__(
        self,
        content: Path,
        config_file: Path,
        work: Path,
        site_dir: Path,
        datasets: Sequence[AnyDataset] = DATASETS,
    ) -> None:
        self.content = content
        self.datasets = datasets
        self.config_file = config_file
        self.work = work
        self.site_dir = site_dir
        self.theme_dir: Path | None = None
        self.use_directory_urls = True
        self.site_url = ""
        self._reuse = pipeline.Reuse(texts=_Texts())
        self._inputs: str | None = None
        """Fingerprint of the configuration of the last good build; None forces a full build."""
        self._epoch = os.environ.get("SOURCE_DATE_EPOCH")
        self._options: dict[str, Any] = {}
        self._later: list[Page] | None = None
        """The files the last build left for :meth:`finish`; None once written."""
        self._unbuilt: set[str] = set()
        """Docs files written whose output MkDocs has not made yet."""
        self._lock = threading.Lock()
        self._mkdocs = LiveMkDocs()
        """Held by a build and by :meth:`finish`, which run in different threads of ``congkhai serve``."""

    def build(self) -> str:
        """Bring the pages a reader opens up to date; return ``"full"``, ``"incremental"`` or
        ``"unchanged"``. An incremental build leaves the files made from every record (open data, feeds)
        for :meth:`finish`; a full build makes everything."""
        with self._lock:
            started = time.perf_counter()
            catalog, report, self._later = pipeline.prepare_first(
                self.content, self.work, self._reuse, self.datasets
            )
            os.environ["SOURCE_DATE_EPOCH"] = self._source_date_epoch(catalog)
            options = pipeline.mkdocs_options(catalog, self.work / pipeline.DOCS, self.site_dir)
            self.site_url = str(options.get("site_url") or "")
            self._options = options
            inputs = self._fingerprint(options)
            log.debug("Nội dung và tệp Markdown: %.2f s.", time.perf_counter() - started)
            if inputs == self._inputs and not report.written and not report.removed:
                return "unchanged"
            full = inputs != self._inputs
            self._inputs = None
            if full:
                self._write_later()
            self._build_site(full, [*report.written, *report.removed])
            agency = catalog.agency
            pipeline.write_editor(
                self.site_dir,
                agency,
                self.content,
                self.config_file,
                self.datasets,
                next_keys=pipeline.next_keys(catalog),
            )
            mark(self.site_dir)  # as in a published version, which carries congkhai's marker
            self._inputs = self._fingerprint(options)
            return "full" if full else "incremental"

    def finish(self, cancelled: Callable[[], bool] = lambda: False) -> list[str] | None:
        """Write and build the files the last :meth:`build` left for later; the docs files built then, or
        ``None`` when ``cancelled()`` became true first (the next call does what is left)."""
        with self._lock:
            if self._later is None or self._inputs is None:
                return []
            self._write_later(cancelled)
            if cancelled():
                return None
            built = sorted(self._unbuilt)
            if built:
                inputs, self._inputs = self._inputs, None
                self._build_site(False, built)
                self._inputs = inputs
            return built

    def _write_later(self, cancelled: Callable[[], bool] = lambda: False) -> None:
        """Write the files left for later (until ``cancelled()``); those written still to build."""
        later = takewhile(lambda _: not cancelled(), self._later or [])
        self._unbuilt.update(pipeline.write_later(later, self.work, self._reuse))
        if not cancelled():
            self._later = None

    def _build_site(self, full: bool, changed: list[str]) -> None:
        """Run MkDocs: in full, or only for the docs files ``changed`` (and those left to build)."""
        started = time.perf_counter()
        if full:
            config = run_mkdocs(self.config_file, self._options, jobs=0)
            self._mkdocs.reset(self.config_file, self._options)
        else:
            changed = sorted({*changed, *self._unbuilt})
            self._remove_outputs(changed)  # what MkDocs makes again, and what no file makes now
            config = self._mkdocs.build(changed)
        self._unbuilt.clear()
        self.theme_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        self.use_directory_urls = bool(config.use_directory_urls)
        log.debug("MkDocs: %.2f s.", time.perf_counter() - started)

    def watched(self) -> list[Path]:
        """What the server watches: the content, ``mkdocs.yml`` and the theme (never the generated docs)."""
        return [self.content, self.config_file, *([self.theme_dir] if self.theme_dir else [])]

    def _source_date_epoch(self, catalog: Catalog) -> str:
        if self._epoch is not None:
            return self._epoch
        os.environ.pop("SOURCE_DATE_EPOCH", None)  # computed from the content, as a fresh build would
        return pipeline.source_date_epoch(catalog)

    def _fingerprint(self, options: dict[str, Any]) -> str:
        """Everything besides the Markdown that every page's HTML depends on."""
        digest = hashlib.sha256(json.dumps(options, sort_keys=True, default=str).encode())
        digest.update(self.config_file.read_bytes())
        if self.theme_dir and self.theme_dir.is_dir():
            for path in sorted(self.theme_dir.rglob("*")):
                if path.is_file():
                    stat = path.stat()
                    digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        return digest.hexdigest()

    def _remove_outputs(self, removed: list[str]) -> None:
        """Delete what these Markdown and static files had produced, and the folders left empty."""
        from mkdocs.structure.files import File

        docs = str(self.work / pipeline.DOCS)
        for path in removed:
            target = Path(File(path, docs, str(self.site_dir), self.use_directory_urls).abs_dest_path)
            target.unlink(missing_ok=True)
            for parent in target.parents:
                if parent == self.site_dir or not parent.is_dir() or any(parent.iterdir()):
                    break
                parent.rmdir()


class _Texts:
    """A :data:`~generator.render.Memo`: each file's last text, reused while its inputs are equal."""

    def __init__(self) -> None:
        self._texts: dict[str, tuple[tuple[object, ...], str]] = {}

    def __call__(self, path: str, inputs: tuple[object, ...], make: Callable[[], str]) -> str:
        old = self._texts.get(path)
        if (
            old is not None
            and len(old[0]) == len(inputs)
            and all(a is b or a == b for a, b in zip(old[0], inputs, strict=True))
        ):
            return old[1]
        text = make()
        self._texts[path] = (inputs, text)
        return text


class _Later:
    """What waits until edits pause, in the background: the files the preview left for later
    (:meth:`Preview.finish`), then Pagefind over the site if it changed. A new build stops both."""

    QUIET = 3.0
    """Seconds without a rebuild before starting, so that neither slows an edit's rebuild."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._cancelled = threading.Event()
        self._index = False
        """Whether the site changed since Pagefind last indexed it in full."""

    def start_later(self, changed: bool) -> None:
        """Start once edits pause; ``changed``: the last build changed the site."""
        self.stop()
        with self._lock:
            self._index = self._index or changed
            self._cancelled = threading.Event()
            self._timer = threading.Timer(self.QUIET, self._run, (self._cancelled,))
            self._timer.daemon = True
            self._timer.start()

    def _run(self, cancelled: threading.Event) -> None:
        try:
            built = self.preview.finish(cancelled.is_set)
        except CongkhaiError as exc:
            log.error("%s", exc)
            return
        finally:
            _log_warnings()
        if built:
            log.info("Đã cập nhật dữ liệu mở (%d tệp).", len(built))
        with self._lock:
            if built is None or cancelled.is_set() or not (self._index or built):
                return
            self._index = False
            command = searchindex.pagefind_command(self.preview.site_dir)
            self._process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop(self) -> None:
        """Cancel what has not started, end what has (the files left for later stop at the next one)."""
        self._cancelled.set()
        with self._lock:
            timer = self._timer
            if timer is not None:
                timer.cancel()
            if self._process is not None and self._process.poll() is None:
                self._process.terminate()
                self._process.wait()
                self._index = True
            self._timer = self._process = None
        if timer is not None and timer is not threading.current_thread():
            timer.join()


def _log_warnings() -> None:
    """Log what the last build left out or changed (:mod:`generator.core.notices`)."""
    for warning in take_warnings():
        log.warning("%s", warning)


def serve(content: Path, config_file: Path, work: Path | None, dev_addr: str) -> None:
    """Serve a live preview of ``content`` until interrupted.

    The site is built in a temporary folder, and so are the docs unless ``work`` names a folder (checked
    and locked as ``congkhai build`` does, see :mod:`generator.build.paths`).
    """
    from mkdocs.livereload import LiveReloadServer

    check_config(config_file)
    if work is not None:
        work = check_work(work, Places.of(content, config_file))
    _show_logs()
    signal.signal(signal.SIGTERM, _interrupt)  # stopped by a supervisor: clean up as on Ctrl+C
    temporary = Path(tempfile.mkdtemp(prefix="congkhai-"))
    site_dir = temporary / "site"
    with ExitStack() as cleanup:
        cleanup.callback(shutil.rmtree, temporary, ignore_errors=True)
        docs_work = cleanup.enter_context(using_work(work or temporary / "work"))
        preview = Preview(content, config_file, docs_work, site_dir)
        later = _Later(preview)
        cleanup.callback(later.stop)
        _settle(preview.build())
        _log_warnings()
        later.start_later(True)

        def rebuild() -> None:
            later.stop()
            started = time.perf_counter()
            try:
                kind = preview.build()
            except CongkhaiError as exc:
                log.error("%s\nTrang xem trước giữ nguyên bản trước; sửa lỗi rồi lưu lại.", exc)
                later.start_later(False)
                return
            finally:
                _log_warnings()
            log.info("Đã cập nhật: %s (%.1f s).", _KINDS[kind], time.perf_counter() - started)
            _settle(kind)
            later.start_later(kind != "unchanged")

        host, _, port = dev_addr.rpartition(":")
        server = LiveReloadServer(
            builder=rebuild,
            host=host.strip("[]"),
            port=int(port),
            root=str(site_dir),
            mount_path=urlsplit(preview.site_url).path or "/",
            polling_interval=0.25,
        )
        server.error_handler = lambda code: _not_found(site_dir) if code == 404 else None
        server.observer = _changes_observer()
        for path in preview.watched():
            server.watch(str(path))
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            log.info("Đã dừng máy chủ xem trước.")
        finally:
            server.shutdown()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _settle(kind: str) -> None:
    """After a full build, collect its garbage and keep what stays (records, texts) out of later
    collections, so that the next edit's rebuild pays for neither."""
    if kind == "full":
        gc.collect()
        gc.freeze()


def _changes_observer() -> Any:
    """The platform's file events (inotify) instead of MkDocs' polling observer, whose scan of thousands
    of records every 0.25 s competes with the rebuild for the interpreter; only changes count, never the
    rebuild's own reads (opening a record is an event too)."""
    from watchdog import events
    from watchdog.observers import Observer

    changes: list[type[events.FileSystemEvent]] = [
        events.FileCreatedEvent,
        events.FileModifiedEvent,
        events.FileMovedEvent,
        events.FileDeletedEvent,
    ]

    class ChangesObserver(Observer):  # type: ignore[misc,valid-type]
        def schedule(self, handler: Any, path: Any, *, recursive: bool = False, **_: Any) -> Any:
            return super().schedule(handler, path, recursive=recursive, event_filter=changes)

    return ChangesObserver()


def _not_found(site_dir: Path) -> bytes | None:
    page = site_dir / "404.html"
    return page.read_bytes() if page.is_file() else None


def _show_logs() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    for name in (__name__, "mkdocs.livereload"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False  # a request logged during a build must not count as a build warning
