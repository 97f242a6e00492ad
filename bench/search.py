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

    def end_headers(self) -> None:
        # As a site's server would: the search page, opened from another page, reads the names and
        # settings that page fetched from the browser's cache. Every measured page opens a new context
        # (an empty cache).
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


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
        parts = ("/pagefind/", "ck-search.js", "cau-hinh.json", "tim-kiem/ten.json.gz", "tim-kiem/tu/")
        return any(part in url for part in parts)
    return "search_index.json" in url or "/workers/search" in url or "/lunr/" in url


def search_downloads(
    responses: list[Any], engine: str = "pagefind", cached: frozenset[str] | set[str] = frozenset()
) -> Iterator[tuple[Any, int, int]]:
    """Each search file among ``responses`` that was downloaded (with a body, not from the browser's
    ``cached`` addresses, each address once: a request of Pagefind's worker that the browser's cache
    answered, for a file the page fetched first, is not seen as cached from the page): the response, its
    size as served and gzipped (what a compressing server would send; the size served when smaller).
    With ``FILES=1`` each is printed, with when it ended."""
    started = None
    seen: set[str] = set()
    for response in responses:
        if not is_search_file(engine, response.url) or response.url in cached or response.url in seen:
            continue
        seen.add(response.url)
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            continue
        zipped = min(len(body), len(gzip.compress(body, 6)))
        if os.environ.get("FILES") == "1":
            timing = response.request.timing
            started = timing["startTime"] if started is None else min(started, timing["startTime"])
            end = (timing["startTime"] + timing["responseEnd"] - started) / 1000
            name = response.url.rsplit("/", 2)[-2:]
            print(f"    {zipped / 1024:6.1f} KB  ends {end:6.2f} s after the first  {name}", file=sys.stderr)
        yield response, len(body), zipped


def throttled_page(browser: Any, init_script: str | None = None) -> tuple[Any, Any, Any]:
    """A new context (empty cache) and page on a CPU CPU_SLOWDOWN× slower and a SLOW_4G network, with
    ``init_script`` run in every document: (context, page, its DevTools session)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    if init_script:
        context.add_init_script(script=init_script)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    return context, page, cdp


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
    for _, length, size in search_downloads(responses, engine):
        served += length
        zipped += size
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
        from generator.site.search import NAMES_PATH, SETTINGS_PATH, names_file, settings_json

        shutil.copy(ROOT / "theme" / "assets" / "ck-search.js", site_dir / "assets" / "ck-search.js")
        for name in ("tu-dong-nghia.yml", "tu-dien.yml"):
            shutil.copy(ROOT / "content" / name, root / "content" / name)
        catalog = site.check(root / "content")
        (site_dir / SETTINGS_PATH).write_text(settings_json(catalog), encoding="utf-8")
        (site_dir / NAMES_PATH).write_bytes(names_file(catalog))
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
  // What the search page shows: the records' answer, or Pagefind's when that is weak (older engines:
  // Pagefind's always).
  const own = engine.answer ? await engine.answer(query, {}) : null;
  const found = own && engine.standsAlone(own) ? own : await engine.search(query, {});
  const brief = (ranked) => ranked.slice(0, 3).map((r) => ({url: r.data.url, title: r.data.meta.title}));
  const quick = engine.quick(query);
  const near = quick.near;
  const named = quick.named;
  return {top: brief(found.ranked), quick: brief(quick.ranked), near, named};
}"""
"""The first three results of the search page (the records' answer, or Pagefind's when that is weak)
and of the header's list (Engine.quick: the name matches, then the nearest names when the matches are
fewer than the rows, or the nearest names alone when no name has every word; no Pagefind)."""


def is_hit(top: list[dict[str, str]], expected: list[str], wanted: set[str]) -> bool:
    """Whether one of ``top`` is an expected procedure (by code) or has the name of one."""
    codes = [t["url"].rstrip("/").rsplit("/", 1)[-1] for t in top]
    return bool(set(codes) & set(expected)) or any(t["title"] in wanted for t in top)


def success_at_3(
    page: Any, queries: list[tuple[str, str, list[str]]], names: dict[str, str]
) -> dict[str, Any]:
    """Run each query in the page's search engine; a hit when one of the first three results is an
    expected procedure, or has exactly the name of one (a synthetic copy cannot be told apart). Also
    counted, for the header's list (names only): the queries with a name match (their first must be the
    full search's), those only the nearest names answer and how many of these hit, the header's hits in
    all, and its misses."""
    per_class: dict[str, list[int]] = {}
    misses: list[str] = []
    nearest: list[str] = []
    named = near = near_hits = header_hits = 0
    for kind, query, expected in queries:
        answer = page.evaluate(RUN_QUERY, {"query": query})
        hit = functools.partial(is_hit, expected=expected, wanted={names[c] for c in expected if c in names})
        top, quick = answer["top"], answer["quick"]
        if answer["named"]:
            named += 1
            if quick[0]["url"] != top[0]["url"]:
                misses.append(f"{kind}: {query!r}: the names' first {quick[0]['url']} is not the full first")
        elif quick:
            near += 1
            near_hits += hit(quick)
            mark = "hit" if hit(quick) else "miss"
            nearest.append(f"{kind}: {query!r}: {mark}, first {quick[0]['title'][:50]!r}")
        header_hits += hit(quick)
        if not hit(quick):
            misses.append(f"{kind}: {query!r}: header: got {[t['title'][:60] for t in quick]}")
        per_class.setdefault(kind, [0, 0])
        per_class[kind][0] += hit(top)
        per_class[kind][1] += 1
        if not hit(top):
            misses.append(f"{kind}: {query!r}: expected {expected[:3]}, got {[t['title'][:60] for t in top]}")
    hits = sum(h for h, _ in per_class.values())
    return {
        "hits": hits,
        "total": len(queries),
        "per_class": per_class,
        "misses": misses,
        "nearest": nearest,
        "named": named,
        "near": near,
        "near_hits": near_hits,
        "header_hits": header_hits,
    }


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
                f"{name} ({pages:,} procedures): success@3 {result['hits']}/{result['total']} = {rate:.1%}; "
                f"the header (names only): hit@3 {result['header_hits']}/{result['total']}, name matches "
                f"first for {result['named']}, the nearest names alone for {result['near']} (hit@3 "
                f"{result['near_hits']})"
            )
            for kind, (hits, total) in result["per_class"].items():
                lines.append(f"  {kind}: {hits}/{total}")
            lines += [f"  miss: {m}" for m in result["misses"]]
            lines += [f"  nearest names: {m}" for m in result["nearest"]]
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
TYPING_MS = 250
"""Per key, as a person types on a phone (about four letters a second)."""
LATENCY_QUERIES = [
    "dang ky khai sinh",
    "giấy chứng tử",
    "làm giấy khai sinh cho con ở đâu",
    "dang ki ket hon",
    "TGPL",
    # no name has every word at 5,000 (the nearest names answer first)
    "đất đai chứng thực di sản",
    "làm thế nào để thôi quốc tịch",
    "chia thừa kế",
    "dang ky ket honn",
    # a name match, but fewer than six for some of the words typed on the way
    "cấp bản sao trích lục",
]
WATCH = """() => {
  window.__ck = { input: 0, shown: [], listed: [] };
  document.addEventListener("input", () => { window.__ck.input = performance.now(); }, true);
  new MutationObserver(() => {
    const live = document.getElementById("ck-header-status");
    if (live && live.textContent) window.__ck.shown.push([performance.now(), live.textContent]);
    const list = document.getElementById("ck-header-results");
    const first = list && !list.hidden && list.querySelector(".ck-header-results__title");
    const said = ((live && live.textContent.match(/«(.*?)»/)) || [])[1];
    const query = list && (list.dataset.query || said);
    const source = list && list.dataset.final === "false" ? "early" : "final";
    if (first) window.__ck.listed.push([performance.now(), query, first.textContent, source]);
  }).observe(document, { subtree: true, childList: true, characterData: true });
}"""
"""Records the last input event, every text the live region reads out, and every result list shown
(with its query and whether it is "final", the answer, or "early": data-final="false", a list shown
while Pagefind had not answered, in the scripts that asked it from the header; a list without
data-source, as before the names index, takes its query from what its live region names)."""
SEEN = """(q) => {
  const listed = window.__ck.listed.find(([, query]) => query === q);
  const full = window.__ck.listed.find(([, query, , source]) => query === q && source === "final");
  const said = window.__ck.shown.find(([, text]) => text.includes("«" + q + "»"));
  const origin = performance.timeOrigin;
  return listed && full && said ? { input: window.__ck.input, listed, full, said, origin } : null;
}"""
LOADED = ("cau-hinh.json", "ten.json.gz")
"""What the header box loads on focus: the settings and the names (``warm`` waits for them)."""
WARM_IDLE_MS = 2000
"""``warm`` then waits this long, for the page to have read them (inflate, parse, fold 5,000 names: about
0.5 s at 4× slowdown), as a reader who looked at the page before typing."""
MODES = {
    "cold": "cold: typing starts as soon as the page has loaded",
    "warm": "warm: search loaded before the first key",
    "pasted": "pasted: search loaded, the whole query in one input",
}


def header_latency(browser: Any, base: str, query: str, mode: str) -> dict[str, Any]:
    """Enter ``query`` into the header box of a procedure page, on a throttled CPU and network, cache
    empty: time from the last keystroke to the first result of the whole query on screen, to its count
    read out, and the search bytes downloaded meanwhile.

    ``cold``: typing (TYPING_MS a key) starts as soon as the page has loaded and the box has focus, and
    the bytes count from the page's load. ``warm``: what the box loads on focus (the settings and the
    names) arrived before the first key (as when the reader looked at the page first) and only the
    query's own downloads count.
    ``pasted``: warm, but the whole query arrives in one input event, so nothing of it was fetched
    while it was typed (the worst case)."""
    context, page, _ = throttled_page(browser, f"({WATCH})()")
    responses: list[Any] = []
    context.on("response", lambda response: responses.append(response))
    page.goto(base + "thu-tuc/4.100000/", wait_until="load")
    page.click("#ck-header-q")
    if mode != "cold":
        for _ in range(300):
            if all(any(name in r.url for r in responses) for name in LOADED):
                break
            page.wait_for_timeout(100)
        page.wait_for_timeout(WARM_IDLE_MS)
        responses.clear()
    if mode == "pasted":
        page.keyboard.insert_text(query)
    else:
        page.keyboard.type(query, delay=TYPING_MS)
    typed = " ".join(query.split())
    page.wait_for_function(SEEN, arg=typed, timeout=30_000)
    seen = page.evaluate(SEEN, typed)
    first_shown = seen["origin"] + seen["listed"][0]  # wall-clock ms, as the requests' timing
    served = zipped = first_zipped = 0
    for response, length, size in search_downloads(responses):
        served += length
        zipped += size
        timing = response.request.timing
        if timing["startTime"] + timing["responseEnd"] <= first_shown:
            first_zipped += size
    context.close()
    return {
        "query": query,
        "seconds": (seen["listed"][0] - seen["input"]) / 1000,
        "full_seconds": (seen["full"][0] - seen["input"]) / 1000,
        "said_seconds": (seen["said"][0] - seen["input"]) / 1000,
        "first": seen["listed"][2],
        "same_first": seen["listed"][2] == seen["full"][2],
        "bytes": served,
        "gzip_bytes": zipped,
        "first_gzip_bytes": first_zipped,
        "status": seen["said"][1],
    }


WATCH_PAGE = """() => {
  window.__ck = { first: 0, full: 0, status: "", others: 0 };
  new MutationObserver(() => {
    const link = document.querySelector("#ck-search-results a.ck-result__link");
    if (link && !window.__ck.first) window.__ck.first = performance.now();
    const status = document.getElementById("ck-search-status");
    const text = status ? status.textContent : "";
    const done = text && !text.includes("đang tìm thêm") && text !== "Đang tìm…";
    if (done && !window.__ck.full) Object.assign(window.__ck, { full: performance.now(), status: text });
    const others = document.getElementById("ck-search-others-status");
    const said = others && !others.closest("[hidden]") ? others.textContent : "";
    if (said && !said.startsWith("Đang tìm") && !window.__ck.others) window.__ck.others = performance.now();
  }).observe(document, { subtree: true, childList: true, characterData: true });
}"""
"""On the search page: when the first result showed, when the status first gave the full answer (the
results and the filter counts), and when the other pages' section below it (Pagefind's) answered."""


def from_cache(cdp: Any) -> set[str]:
    """The addresses the page took from the browser's cache from now on (watched through ``cdp``):
    Playwright reports them as responses, but they were not downloaded."""
    urls: dict[str, str] = {}
    cached: set[str] = set()
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.requestServedFromCache", lambda e: cached.add(urls.get(e["requestId"], "")))
    cdp.on(
        "Network.responseReceived",
        lambda e: cached.add(e["response"]["url"]) if e["response"].get("fromDiskCache") else None,
    )
    return cached


def page_latency(browser: Any, base: str, query: str) -> dict[str, Any]:
    """The search page as a reader reaches it: on a procedure page, throttled and cache empty, the
    header box gets focus (its names and settings load), ``query`` is typed and Enter pressed; then,
    from the search page's navigation: the first result on screen, the full answer (results and filter
    counts) and the search bytes downloaded by then, the other pages' answer below it (Pagefind's; 0
    when the page shows none) and the search bytes downloaded by then (what the browser's cache held
    is not downloaded)."""
    context, page, cdp = throttled_page(browser)
    responses: list[Any] = []
    cached = from_cache(cdp)
    page.goto(base + "thu-tuc/4.100000/", wait_until="load")
    page.click("#ck-header-q")
    page.keyboard.insert_text(query)
    page.wait_for_selector("#ck-header-results:not([hidden])")
    page.add_init_script(script=f"({WATCH_PAGE})()")
    context.on("response", lambda response: responses.append(response))
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem/**")
    page.wait_for_function("() => window.__ck && window.__ck.full > 0", timeout=60_000)
    seen = page.evaluate("window.__ck")
    answered = list(responses)
    zipped = sum(size for _, _, size in search_downloads(answered, cached=cached))
    shown = page.locator("#ck-search-others:not([hidden])").count() > 0
    if shown:
        page.wait_for_function("() => window.__ck.others > 0", timeout=60_000)
        seen["others"] = page.evaluate("window.__ck.others")
    every = sum(size for _, _, size in search_downloads(responses, cached=cached))
    context.close()
    seconds = {key: seen[key] / 1000 for key in ("first", "full", "others")}
    return {**seconds, "gzip": zipped, "gzip_all": every, "status": seen["status"]}


def page_table(size: int, scratch: Path, repeat: int, queries: list[str]) -> str:
    """:func:`page_latency` for each query, ``repeat`` times (median and range). With
    ``BASELINE_JS=<path of an older ck-search.js>``, each run measures that script and then this one,
    alternately, on the same built site (as :func:`latency`)."""
    from playwright.sync_api import sync_playwright

    site_dir = build_quality_site(str(size), scratch)
    scripts = {"": ROOT / "theme" / "assets" / "ck-search.js"}
    if os.environ.get("BASELINE_JS"):
        scripts = {"baseline": Path(os.environ["BASELINE_JS"]), **scripts}
    lines = [
        f"Search page, {size:,} procedures, CPU {CPU_SLOWDOWN}× slower, Slow 4G, reached from the header "
        f"box (Enter), {repeat} run(s) each (median, range), from the search page's navigation:",
        "| query | script | first result | full answer | its search bytes (gzip) | other pages' answer "
        "| all search bytes (gzip) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    with sync_playwright() as playwright, serve(site_dir) as base:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for query in queries:
            runs: dict[str, list[dict[str, Any]]] = {label: [] for label in scripts}
            for _ in range(repeat):
                for label, script in scripts.items():
                    shutil.copy(script, site_dir / "assets" / "ck-search.js")
                    runs[label].append(page_latency(browser, base, query))
            for label, rows in runs.items():
                lines.append(
                    f"| {query} | {label or 'current'} | {spread([r['first'] for r in rows])} "
                    f"| {spread([r['full'] for r in rows])} | {kb(max(r['gzip'] for r in rows))} "
                    f"| {spread([r['others'] for r in rows]) if all(r['others'] for r in rows) else '–'} "
                    f"| {kb(max(r['gzip_all'] for r in rows))} |"
                )
                print(lines[-1], "—", rows[0]["status"][:100], file=sys.stderr)
        browser.close()
    shutil.copy(scripts[""], site_dir / "assets" / "ck-search.js")
    return "\n".join(lines)


def latency(size: int, scratch: Path, repeat: int = 1, queries: list[str] | None = None) -> str:
    """The header's first result after the last keystroke, and the bytes a query downloads, at ``size``
    procedures, 4× CPU slowdown and Slow 4G; each query ``repeat`` times (the median and the range).
    With ``BASELINE_JS=<path of an older ck-search.js>``, each run measures that script and then this
    one, alternately, on the same site. ``queries``: these instead of LATENCY_QUERIES; ``MODES=cold,warm``:
    only these modes."""
    from playwright.sync_api import sync_playwright

    site_dir = build_quality_site(str(size), scratch)
    scripts = {"": ROOT / "theme" / "assets" / "ck-search.js"}
    if os.environ.get("BASELINE_JS"):
        scripts = {"baseline ": Path(os.environ["BASELINE_JS"]), **scripts}
    lines = [
        f"{size:,} procedures, CPU {CPU_SLOWDOWN}× slower, Slow 4G (562.5 ms, 1.44 Mbit/s), "
        f"typing {TYPING_MS} ms a key, empty cache, {repeat} run(s) each (median, range):",
        "| query | start | last key → first result | → full list | first result (= full list's) "
        "| gzip to first result | search bytes to full list (served / gzip) |",
        "| --- | --- | ---: | ---: | --- | ---: | ---: |",
    ]
    with sync_playwright() as playwright, serve(site_dir) as base:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for mode in os.environ.get("MODES", ",".join(MODES)).split(","):
            for query in queries or LATENCY_QUERIES:
                runs: dict[str, list[dict[str, Any]]] = {label: [] for label in scripts}
                for _ in range(repeat):
                    for label, script in scripts.items():
                        shutil.copy(script, site_dir / "assets" / "ck-search.js")
                        runs[label].append(header_latency(browser, base, query, mode))
                for label, rows in runs.items():
                    lines.append(latency_row(f"{label}{mode}", query, rows))
                    print(lines[-1], "—", rows[0]["status"][:100], file=sys.stderr)
        browser.close()
    shutil.copy(scripts[""], site_dir / "assets" / "ck-search.js")
    lines += ["", *[f"{mode}: {text.split(': ', 1)[1]}" for mode, text in MODES.items()]]
    return "\n".join(lines)


def latency_row(mode: str, query: str, rows: list[dict[str, Any]]) -> str:
    """One line of the latency table: the runs' median and range, the median run's first result."""
    row = sorted(rows, key=lambda r: r["seconds"])[len(rows) // 2]
    same = "" if all(r["same_first"] for r in rows) else " (≠)"
    return (
        f"| {query} | {mode} | {spread([r['seconds'] for r in rows])} "
        f"| {spread([r['full_seconds'] for r in rows])} | {row['first'][:45]}{same} "
        f"| {kb(max(r['first_gzip_bytes'] for r in rows))} "
        f"| {kb(max(r['bytes'] for r in rows))} / {kb(max(r['gzip_bytes'] for r in rows))} |"
    )


def spread(values: list[float]) -> str:
    """The median of ``values`` in seconds, with their range when there are several."""
    ordered = sorted(values)
    median = ordered[len(ordered) // 2]
    if len(ordered) == 1:
        return f"{median:.2f} s"
    return f"{median:.2f} s ({ordered[0]:.2f}–{ordered[-1]:.2f})"


def main() -> None:
    if sys.argv[1:2] == ["batch"]:
        from bench import batches

        print(batches.main(sys.argv[2:]))
        return
    if sys.argv[1:2] == ["page"]:
        size = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
        repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 1
        text = page_table(size, OUT / "search-quality", repeat, sys.argv[4:] or LATENCY_QUERIES)
        print(text)
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "search-page.txt").write_text(text + "\n", encoding="utf-8")
        return
    if sys.argv[1:2] == ["latency"]:
        size = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
        repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 1
        text = latency(size, OUT / "search-quality", repeat, sys.argv[4:])
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
