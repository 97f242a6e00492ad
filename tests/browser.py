"""Open a built site in Debian's Chromium, driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    """Debian's chromium; skipped outside CI when it is not installed."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    return path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves files quietly; a missing page gets the site's ``404.html``, as a web server set up for
    the site does (nginx ``error_page 404 /404.html``)."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free loopback port; yield its base URL."""
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


class _SharedBrowser:
    """One Chromium per test process, lent to each ``with chromium()`` block: pages and contexts it
    opens are closed when the block ends, so a block sees a browser with nothing left by another."""

    def __init__(self, browser: Any) -> None:
        self._browser = browser
        self._contexts: list[Any] = []

    def new_context(self, **options: Any) -> Any:
        """A new isolated context (cookies, storage, viewport), closed when the block ends."""
        context = self._browser.new_context(**options)
        self._contexts.append(context)
        return context

    def new_page(self, **options: Any) -> Any:
        """A page in a context of its own, as ``Browser.new_page`` gives."""
        return self.new_context(**options).new_page()

    def close_all(self) -> None:
        """Close what this block opened."""
        for context in self._contexts:
            context.close()
        self._contexts.clear()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


_LAUNCHED: list[Any] = []
"""The process's Playwright and Chromium, launched on first use and stopped at exit."""


def _browser() -> Any:
    if not _LAUNCHED:
        import atexit

        from playwright.sync_api import sync_playwright

        executable = chromium_path()
        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        _LAUNCHED.extend([playwright, browser])
        atexit.register(_stop)
    elif not _LAUNCHED[1].is_connected():
        _LAUNCHED[1] = _LAUNCHED[0].chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    return _LAUNCHED[1]


def _stop() -> None:
    playwright, browser = _LAUNCHED
    browser.close()
    playwright.stop()


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium browser (the process's one, shared between tests: see ``_SharedBrowser``)."""
    shared = _SharedBrowser(_browser())
    try:
        yield shared
    finally:
        shared.close_all()
