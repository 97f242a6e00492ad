"""Search benchmark: Pagefind (this site) against Material's lunr search, at 271 and 5,000 procedures.

For each size the same pages are built twice: as ``congkhai build`` does (MkDocs, then Pagefind), and with
Material's ``search`` plugin instead (config override ``plugins: [search]``). Reported per size:

* index build time: Pagefind's run; for lunr, the extra MkDocs time the ``search`` plugin costs;
* on disk: the ``pagefind/`` bundle, and lunr's ``search_index.json``;
* per query, in headless Chromium with an empty cache: time from navigation to the first result shown,
  and the bytes of search files downloaded by then (Pagefind: ``pagefind/``, ``ck-search.js``,
  ``cau-hinh.json``; lunr: ``search_index.json`` and the search worker with its ``lunr`` files), as
  served and gzipped (what a server with compression would send; Pagefind's data files are gzip already).

271 = the real Bộ Tư pháp records in ``../shared`` (through the importer); 5,000 = ``bench/synth.py``'s
deterministic variations of them. Run: ``.venv/bin/python bench/search.py [sizes...]``; the table is
printed and saved to ``bench/out/search.txt`` and ``bench/out/search.json``.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import synth  # noqa: E402
from generator.build import pipeline as site  # noqa: E402
from generator.build.searchindex import index_site  # noqa: E402
from generator.importer.run import import_records  # noqa: E402

OUT = ROOT / "bench" / "out"
CONFIG = ROOT / "mkdocs.yml"
REAL = ROOT.parent / "shared" / "data" / "dvcqg" / "bo-tu-phap"
QUERIES = ["dang ky", "khai sinh", "đăng ký"]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WAIT_MS = 10_000


def make_content(size: int, dest: Path) -> Path:
    """Content with ``size`` procedures: the real records at 271, synthetic ones otherwise."""
    shutil.rmtree(dest, ignore_errors=True)
    if size == len(list(REAL.glob("*.json"))):
        (dest / "thu-tuc").mkdir(parents=True)
        for name in ("site.yml", "linh-vuc.yml"):
            shutil.copy(ROOT / "content" / name, dest / name)
        import_records([REAL], dest / "thu-tuc")
    else:
        synth.synthesize(size, dest)
    shutil.copy(ROOT / "content" / "tu-dong-nghia.yml", dest / "tu-dong-nghia.yml")
    return dest


def build_both(content: Path, root: Path) -> dict[str, Any]:
    """Build ``content`` with Pagefind and with lunr; return the timings and sizes."""
    catalog, _ = site.prepare(content, root / "work")
    os.environ["SOURCE_DATE_EPOCH"] = site.source_date_epoch(catalog)
    docs = root / "work" / site.DOCS
    pagefind_site, lunr_site = root / "pagefind-site", root / "lunr-site"
    started = time.perf_counter()
    site.run_mkdocs(CONFIG, site.mkdocs_options(catalog, docs, pagefind_site))
    mkdocs_seconds = time.perf_counter() - started
    started = time.perf_counter()
    pages = index_site(pagefind_site)
    pagefind_seconds = time.perf_counter() - started
    options = site.mkdocs_options(catalog, docs, lunr_site) | {"plugins": ["search"]}
    started = time.perf_counter()
    site.run_mkdocs(CONFIG, options)
    lunr_seconds = time.perf_counter() - started - mkdocs_seconds
    index = lunr_site / "search" / "search_index.json"
    return {
        "procedures": len(catalog.summaries("thu-tuc")),
        "pages_indexed": pages,
        "mkdocs_s": mkdocs_seconds,
        "pagefind_index_s": pagefind_seconds,
        "lunr_index_s": max(lunr_seconds, 0.0),
        "pagefind_bundle_bytes": sum(
            p.stat().st_size for p in (pagefind_site / "pagefind").rglob("*") if p.is_file()
        ),
        "lunr_index_bytes": index.stat().st_size,
        "lunr_index_gzip_bytes": len(gzip.compress(index.read_bytes(), 6)),
        "sites": {"pagefind": pagefind_site, "lunr": lunr_site},
    }


def folder_bytes(folder: Path) -> int:
    """The size of every file under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free loopback port."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def is_search_file(engine: str, url: str) -> bool:
    """Whether a downloaded file belongs to the search engine being measured."""
    if engine == "pagefind":
        return "/pagefind/" in url or "ck-search.js" in url or "cau-hinh.json" in url
    return "search_index.json" in url or "/workers/search" in url or "/lunr/" in url


def first_result(browser: Any, base: str, engine: str, query: str) -> dict[str, Any]:
    """Time and search bytes from navigation to the first result of ``query`` (fresh cache)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    responses: list[Any] = []
    context.on("response", lambda response: responses.append(response))
    page = context.new_page()
    started = time.perf_counter()
    found = True
    try:
        if engine == "pagefind":
            page.goto(base + "tim-kiem/?q=" + quote(query))
            page.wait_for_selector("a.ck-result__link", timeout=WAIT_MS)
        else:
            page.goto(base)
            box = page.locator("input.md-search__input")
            box.click()
            box.press_sequentially(query)
            page.wait_for_selector(".md-search-result__item", timeout=WAIT_MS)
    except Exception:  # no result within the time limit (lunr does not fold «đ»)
        found = False
    seconds = time.perf_counter() - started
    served = zipped = 0
    for response in responses:
        if not is_search_file(engine, response.url):
            continue
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            continue
        served += len(body)
        zipped += min(len(body), len(gzip.compress(body, 6)))
    context.close()
    return {"found": found, "seconds": seconds if found else None, "bytes": served, "gzip_bytes": zipped}


def measure(sizes: list[int], scratch: Path) -> list[dict[str, Any]]:
    """Build and query every size."""
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for size in sizes:
            root = scratch / str(size)
            row = build_both(make_content(size, root / "content"), root)
            sites = row.pop("sites")
            row["queries"] = {}
            for engine in ("pagefind", "lunr"):
                with serve(sites[engine]) as base:
                    for query in QUERIES:
                        row["queries"][f"{engine}:{query}"] = first_result(browser, base, engine, query)
            rows.append(row)
            print(f"  measured {size} procedures", file=sys.stderr)
        browser.close()
    return rows


def kb(value: float) -> str:
    return f"{value / 1024:,.0f} KB"


def table(rows: list[dict[str, Any]]) -> str:
    """The results as a Markdown table."""
    lines = [
        "| procedures | engine | index build | on disk | query | first result "
        "| search bytes (served / gzip) |",
        "| ---: | --- | ---: | ---: | --- | ---: | ---: |",
    ]
    for row in rows:
        for engine in ("pagefind", "lunr"):
            build = row[f"{engine}_index_s"]
            disk = (
                kb(row["pagefind_bundle_bytes"])
                if engine == "pagefind"
                else f"{kb(row['lunr_index_bytes'])} ({kb(row['lunr_index_gzip_bytes'])} gz)"
            )
            for query in QUERIES:
                q = row["queries"][f"{engine}:{query}"]
                when = f"{q['seconds']:.2f} s" if q["found"] else "no result"
                name = "Pagefind" if engine == "pagefind" else "lunr (Material)"
                lines.append(
                    f"| {row['procedures']:,} | {name} | {build:.1f} s | {disk} | {query} | {when} "
                    f"| {kb(q['bytes'])} / {kb(q['gzip_bytes'])} |"
                )
    return "\n".join(lines)


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [271, 5000]
    scratch = OUT / "search-work"
    rows = measure(sizes, scratch)
    text = table(rows)
    print(text)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "search.txt").write_text(text + "\n", encoding="utf-8")
    (OUT / "search.json").write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
