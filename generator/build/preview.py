"""``congkhai serve``: a live preview that rebuilds only what an edit changed.

After every change under the content folder, ``mkdocs.yml`` or the theme folder:

1. the Markdown is regenerated; only files whose text changed are written. Records whose file bytes did
   not change are not parsed or validated again (:class:`~generator.records.LoadCache`), and a procedure's
   page and JSON are not rendered again while everything they read is equal (:class:`_Texts`), and files
   known to be unchanged are not read back (:class:`~generator.pipeline.Reuse`);
2. when the MkDocs configuration derived from the content (navigation, site name, agency facts),
   ``mkdocs.yml`` or the theme changed, or the previous build failed, the site is built in full (shared
   by the cores when there are many pages, as ``congkhai build`` does);
3. otherwise the output of deleted and changed files is removed and MkDocs builds "dirty": it renders
   only the pages whose HTML is missing or older than their Markdown, copies only such static files, and
   rewrites the sitemap and the 404 page. With the navigation
   unchanged, every other page's HTML depends on nothing that changed, so the result equals a full build
   (``tests/test_preview.py`` checks this byte for byte).

The search index (Pagefind) is rebuilt in the background once edits pause, so a reload never waits for it.
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
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.build import searchindex

from generator.build import pipeline
from generator.site.catalog import Catalog
from generator.core.errors import CongkhaiError
from generator.datasets import DATASETS
from generator.site.dataset import AnyDataset
from generator.core.notices import take_warnings
from generator.build.mkdocsrun import run_mkdocs
from generator.build.paths import Places, check_work, mark, using_work

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

    def build(self) -> str:
        """Bring the site up to date; return ``"full"``, ``"incremental"`` or ``"unchanged"``."""
        catalog, report = pipeline.prepare(self.content, self.work, self._reuse, datasets=self.datasets)
        os.environ["SOURCE_DATE_EPOCH"] = self._source_date_epoch(catalog)
        options = pipeline.mkdocs_options(catalog, self.work / pipeline.DOCS, self.site_dir)
        self.site_url = str(options.get("site_url") or "")
        inputs = self._fingerprint(options)
        if inputs == self._inputs and not report.written and not report.removed:
            return "unchanged"
        full = inputs != self._inputs
        self._inputs = None
        if not full:
            # Outputs of changed files go too: MkDocs then rebuilds them whatever the clock's resolution
            # (a Markdown file written in the same tick as its HTML would not look newer).
            self._remove_outputs([*report.removed, *report.written])
        changed = None if full else report.written
        config = run_mkdocs(self.config_file, options, dirty=not full, jobs=0, changed=changed)
        pipeline.write_editor(self.site_dir, catalog.agency, self.content, self.config_file, self.datasets)
        mark(self.site_dir)  # as in a published version, which carries congkhai's marker
        self.theme_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        self.use_directory_urls = bool(config.use_directory_urls)
        self._inputs = self._fingerprint(options)
        return "full" if full else "incremental"

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


class _Indexer:
    """Pagefind over the preview site, in the background once edits pause; a new build stops it."""

    QUIET = 3.0
    """Seconds without a rebuild before indexing starts, so that Pagefind never slows an edit's rebuild."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._process: subprocess.Popen[bytes] | None = None

    def start_later(self) -> None:
        self.stop()
        with self._lock:
            self._timer = threading.Timer(self.QUIET, self._run)
            self._timer.daemon = True
            self._timer.start()

    def _run(self) -> None:
        with self._lock:
            command = searchindex.pagefind_command(self.site_dir)
            self._process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            if self._process is not None and self._process.poll() is None:
                self._process.terminate()
                self._process.wait()
            self._timer = self._process = None


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

    if work is not None:
        work = check_work(work, Places.of(content, config_file))
    _show_logs()
    signal.signal(signal.SIGTERM, _interrupt)  # stopped by a supervisor: clean up as on Ctrl+C
    temporary = Path(tempfile.mkdtemp(prefix="congkhai-"))
    site_dir = temporary / "site"
    indexer = _Indexer(site_dir)
    with ExitStack() as cleanup:
        cleanup.callback(shutil.rmtree, temporary, ignore_errors=True)
        cleanup.callback(indexer.stop)
        docs_work = cleanup.enter_context(using_work(work or temporary / "work"))
        preview = Preview(content, config_file, docs_work, site_dir)
        _settle(preview.build())
        _log_warnings()
        indexer.start_later()

        def rebuild() -> None:
            indexer.stop()
            started = time.perf_counter()
            try:
                kind = preview.build()
            except CongkhaiError as exc:
                log.error("%s\nTrang xem trước giữ nguyên bản trước; sửa lỗi rồi lưu lại.", exc)
                indexer.start_later()
                return
            finally:
                _log_warnings()
            log.info("Đã cập nhật: %s (%.1f s).", _KINDS[kind], time.perf_counter() - started)
            _settle(kind)
            if kind != "unchanged":
                indexer.start_later()

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
