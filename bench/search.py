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
import html
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


def build_quality_site(name: str, scratch: Path) -> Path:
    """The site a query set runs on, built once into ``scratch/name`` (``real``: the 271 records;
    ``mixed``: those plus synthetic ones, :func:`tests.search_data.make_mixed_content`)."""
    from tests.conftest import build_site
    from tests.search_data import make_content as real_content
    from tests.search_data import make_mixed_content

    root = scratch / name
    site_dir = root / "site"
    if (site_dir / "pagefind").is_dir() and os.environ.get("REBUILD") != "1":
        # Only the browser side changed: take the new script and settings (the index stays).
        from generator.site.search import SETTINGS_PATH, settings_json

        shutil.copy(ROOT / "theme" / "assets" / "ck-search.js", site_dir / "assets" / "ck-search.js")
        for name in ("tu-dong-nghia.yml", "tu-dien.yml"):
            shutil.copy(ROOT / "content" / name, root / "content" / name)
        catalog = site.check(root / "content")
        (site_dir / SETTINGS_PATH).write_text(settings_json(catalog), encoding="utf-8")
        return site_dir
    shutil.rmtree(root, ignore_errors=True)
    if name == "real":
        content = real_content(REAL, root / "content")
    elif name == "mixed":
        content = make_mixed_content(REAL, root / "content")
    else:
        content = make_content(int(name), root / "content")
        shutil.copy(ROOT / "content" / "tu-dien.yml", content / "tu-dien.yml")
    return build_site(content, root)


RUN_QUERY = """async ({query}) => {
  const engine = await window.ckSearchEngine();
  const found = await engine.search(query, {});
  const top = found.ranked.slice(0, 3).map((r) => ({url: r.data.url, title: r.data.meta.title}));
  return top;
}"""


def success_at_3(
    page: Any, queries: list[tuple[str, str, list[str]]], names: dict[str, str]
) -> dict[str, Any]:
    """Run each query in the page's search engine; a hit when one of the first three results is an
    expected procedure, or has exactly the name of one (a synthetic copy cannot be told apart)."""
    per_class: dict[str, list[int]] = {}
    misses = []
    for kind, query, expected in queries:
        top = page.evaluate(RUN_QUERY, {"query": query})
        codes = [t["url"].rstrip("/").rsplit("/", 1)[-1] for t in top]
        wanted = {names[c] for c in expected if c in names}
        hit = bool(set(codes) & set(expected)) or any(t["title"] in wanted for t in top)
        per_class.setdefault(kind, [0, 0])
        per_class[kind][0] += hit
        per_class[kind][1] += 1
        if not hit:
            misses.append(f"{kind}: {query!r}: expected {expected[:3]}, got {[t['title'][:60] for t in top]}")
    hits = sum(h for h, _ in per_class.values())
    return {"hits": hits, "total": len(queries), "per_class": per_class, "misses": misses}


def quality(scratch: Path) -> str:
    """Success@3 of the citizens' query set (1,101 procedures) and of the 64 queries (271 records)."""
    from playwright.sync_api import sync_playwright

    from tests.search_data import CITIZEN_QUERIES
    from tests.test_search_browser import QUERIES

    sets = {
        "real": [("official", q, e) for q, e in QUERIES],
        "mixed": CITIZEN_QUERIES,
    }
    lines = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for name, queries in sets.items():
            site_dir = build_quality_site(name, scratch)
            names = {}
            for path in (site_dir / "thu-tuc").glob("*/index.html"):
                text = path.read_text(encoding="utf-8")
                start = text.find("<h1")
                title = text[text.find(">", start) + 1 : text.find("</h1>", start)]
                names[path.parent.name] = html.unescape(title)
            pages = len(names)
            with serve(site_dir) as base:
                page = browser.new_page()
                page.goto(base + "tim-kiem/")
                page.wait_for_function("() => window.ckSearchEngine !== undefined")
                result = success_at_3(page, queries, names)
                page.close()
            rate = result["hits"] / result["total"]
            lines.append(
                f"{name} ({pages:,} procedures): success@3 {result['hits']}/{result['total']} = {rate:.1%}"
            )
            for kind, (hits, total) in result["per_class"].items():
                lines.append(f"  {kind}: {hits}/{total}")
            lines += [f"  miss: {m}" for m in result["misses"]]
        browser.close()
    return "\n".join(lines)


SLOW_4G = {
    "offline": False,
    "latency": 562.5,
    "downloadThroughput": 1_600_000 * 0.9 / 8,
    "uploadThroughput": 750_000 * 0.9 / 8,
}
"""Chrome DevTools' «Slow 4G» preset (the former «Fast 3G»): 562.5 ms, 1.44 Mbit/s down."""
CPU_SLOWDOWN = 4
TYPING_MS = 150
LATENCY_QUERIES = [
    "dang ky khai sinh",
    "giấy chứng tử",
    "làm giấy khai sinh cho con ở đâu",
    "dang ki ket hon",
    "TGPL",
]
WATCH = """() => {
  window.__ck = { input: 0, shown: [] };
  document.addEventListener("input", () => { window.__ck.input = performance.now(); }, true);
  new MutationObserver(() => {
    const live = document.getElementById("ck-header-status");
    if (live && live.textContent) window.__ck.shown.push([performance.now(), live.textContent]);
  }).observe(document, { subtree: true, childList: true, characterData: true });
}"""


def header_latency(browser: Any, base: str, query: str, warm: bool) -> dict[str, Any]:
    """Type ``query`` into the header box of a procedure page, on a throttled CPU and network, cache
    empty: time from the last keystroke to the first result list for the whole query, and the search
    bytes downloaded from the page's load to then. ``warm``: Pagefind and the settings are loaded
    before the first keystroke (as when the reader paused before typing) and only the query's own
    downloads are counted; otherwise typing starts as soon as the box has focus."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(script=f"({WATCH})()")
    responses: list[Any] = []
    context.on("response", lambda response: responses.append(response))
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.goto(base + "thu-tuc/4.100000/", wait_until="load")
    page.click("#ck-header-q")
    if warm:
        page.evaluate("() => window.ckSearchEngine().then(() => true)")
        responses.clear()
    page.keyboard.type(query, delay=TYPING_MS)
    typed = " ".join(query.split())
    page.wait_for_function(
        "(q) => window.__ck.shown.some(([, text]) => text.includes('«' + q + '»'))", arg=typed, timeout=30_000
    )
    timing = page.evaluate(
        "(q) => [window.__ck.input, window.__ck.shown.find(([, t]) => t.includes('«' + q + '»'))]", typed
    )
    status = timing[1][1]
    seconds = (timing[1][0] - timing[0]) / 1000
    served = zipped = 0
    for response in responses:
        if not is_search_file("pagefind", response.url):
            continue
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            continue
        served += len(body)
        zipped += min(len(body), len(gzip.compress(body, 6)))
    context.close()
    return {"query": query, "seconds": seconds, "bytes": served, "gzip_bytes": zipped, "status": status}


def latency(size: int, scratch: Path) -> str:
    """The header's first result after the last keystroke, and the bytes a query downloads, at ``size``
    procedures, 4× CPU slowdown and Slow 4G."""
    from playwright.sync_api import sync_playwright

    site_dir = build_quality_site(str(size), scratch)
    lines = [
        f"{size:,} procedures, CPU {CPU_SLOWDOWN}× slower, Slow 4G (562.5 ms, 1.44 Mbit/s), "
        f"typing {TYPING_MS} ms a key, empty cache:",
        "| query | start | last keystroke → first result | search bytes (served / gzip) |",
        "| --- | --- | ---: | ---: |",
    ]
    with sync_playwright() as playwright, serve(site_dir) as base:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for warm in (False, True):
            for query in LATENCY_QUERIES:
                row = header_latency(browser, base, query, warm)
                start = "search loaded" if warm else "cold (typing on focus)"
                size = f"{kb(row['bytes'])} / {kb(row['gzip_bytes'])}"
                lines.append(f"| {query} | {start} | {row['seconds']:.2f} s | {size} |")
                print(lines[-1], "—", row["status"][:100], file=sys.stderr)
        browser.close()
    return "\n".join(lines)


def main() -> None:
    if sys.argv[1:2] == ["latency"]:
        size = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
        text = latency(size, OUT / "search-quality")
        print(text)
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "search-latency.txt").write_text(text + "\n", encoding="utf-8")
        return
    if sys.argv[1:2] == ["quality"]:
        text = quality(OUT / "search-quality")
        print(text)
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "search-quality.txt").write_text(text + "\n", encoding="utf-8")
        return
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
