"""``make bench``: build synthetic catalogues of 1,000, 5,000 and 20,000 procedures and report the costs.

For each size: generate time (YAML → Markdown), MkDocs build time, search indexing time (Pagefind, when
Pagefind), total, peak memory (RSS of the child process that builds), bytes per HTML page
(median, max) and site size. The same pages are also built with Material's defaults (automatic navigation,
lunr ``search`` plugin) for comparison (``--material``), at the small sizes only: the automatic navigation
makes that build quadratic. Finally the live preview is timed at 5,000: a one-record YAML edit until the
browser's reload request returns and the edited page is served.

Every build runs in a child process (``--child``), twice. The timed build is not observed: reading PSS
from ``/proc`` walks the page tables of every process, about 30 ms of kernel time per sample at 5,000
procedures, which on two cores took a third of a core from the build it measured. Peak memory comes from
a second, identical build: the sum over the child and everything it starts (forked MkDocs processes,
Pagefind) of each process's PSS, sampled every 50 ms until the build is done; the sampler's own CPU time
is reported. The largest single process's peak RSS (``getrusage``, free to read) is from the timed build.
Each timed build also reports the kernel's stall counters (``/proc/pressure``: time spent waiting for a
core or the disk), and ``--repeat N`` times every size N times (the table shows the median run): this
shared machine's speed varies by a third from one half hour to the next. A run first waits until 65 s
have passed since the previous one deleted its builds: this disk makes files slowly for a while after
many were deleted (``_settle``).
Output goes to the terminal and to ``bench/out/bench.txt`` (+ ``bench.json``).

``--baseline REF`` compares instead: the same synthetic content is built by the generator of a git ref
(checked out in a temporary worktree outside the repository, removed at the end) and by the current tree,
alternating, through the ``congkhai build`` command line, and the stages are printed side by side with the
ratio current / baseline (``bench/out/compare.txt`` + ``compare.json``; see ``bench/README.md``).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import synth  # noqa: E402

OUT = ROOT / "bench" / "out"
CONFIG = ROOT / "mkdocs.yml"
EPOCH = os.environ.get("SOURCE_DATE_EPOCH", "1700000000")
MATERIAL_LIMIT = 300.0  # seconds: above this (estimated) Material's defaults fall back to a smaller size


# --- children: one build each ----------------------------------------------------------------------


def child_build(content: Path, work: Path, out: Path, variant: str, jobs: int, rerun: bool) -> dict[str, Any]:
    """Build ``content`` with ``congkhai build`` (or with Material's defaults), timing each stage; with
    ``rerun``, then time regenerating the docs with nothing changed."""
    from generator.build import pipeline as site

    for folder in (work, out):
        _set_aside(folder)
    _written_out()
    stalls = pressure()
    if variant == "ours":
        report = site.build(content, out, CONFIG, work, jobs=jobs)
        timings: dict[str, Any] = {**report.seconds, "written": len(report.written)}
    else:
        timings = _material_build(content, work, out)
    timings["largest_rss"] = _largest_rss()
    timings["stalls"] = {kind: seconds - stalls[kind] for kind, seconds in pressure().items()}
    print(BUILT, flush=True)  # the parent takes the peak memory now: what follows is not the build
    if rerun:
        started = time.perf_counter()
        _, again = site.prepare(content, work)
        timings["regenerate"] = time.perf_counter() - started
        timings["rewritten"] = len(again.written)
    return timings


BUILT = "built"
"""What a child prints once its build is done."""


def pressure() -> dict[str, float]:
    """The kernel's stall counters so far (``/proc/pressure``), in seconds: ``io full`` is the time every
    running task waited for the disk at once, ``io some`` and ``cpu some`` the time at least one waited."""
    counters = {}
    for resource in ("cpu", "io"):
        try:
            lines = Path(f"/proc/pressure/{resource}").read_text().splitlines()
        except OSError:
            continue
        for line in lines:
            kind, *fields = line.split()
            counters[f"{resource} {kind}"] = int(fields[-1].removeprefix("total=")) / 1e6
    return counters


def _largest_rss() -> int:
    """The largest peak RSS of this process and of the processes it waited for, in bytes."""
    import resource

    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return max(own.ru_maxrss, children.ru_maxrss) * 1024


def _set_aside(folder: Path) -> None:
    """Move the previous build of ``folder`` into the scratch folder's trash, deleted when the run is done.

    Deleting thousands of files makes creating files on this machine's disk slow for a while (ext4
    without a journal looks at every recently freed inode before it reuses one, ``recently_deleted``):
    0.3 ms instead of 0.04 ms a file right after 80,000 were deleted, several times slower for tens of
    seconds after the bench's own clean-ups. A build timed then measured the bench, not the build.
    """
    for path in (folder, folder.with_name(f"{folder.name}.versions")):  # a published site: link and versions
        if path.exists() or path.is_symlink():
            trash = path.parent / TRASH
            trash.mkdir(parents=True, exist_ok=True)
            path.rename(trash / f"{path.name}.{time.monotonic_ns()}")


def _material_build(content: Path, work: Path, out: Path) -> dict[str, Any]:
    """The same pages with Material's defaults: automatic navigation and the lunr ``search`` plugin."""
    from generator.build import pipeline as site
    from generator.build.mkdocsrun import run_mkdocs

    started = time.perf_counter()
    catalog, report = site.prepare(content, work)
    timings: dict[str, Any] = {"generate": time.perf_counter() - started, "written": len(report.written)}
    os.environ["SOURCE_DATE_EPOCH"] = site.source_date_epoch(catalog)
    options = site.mkdocs_options(catalog, work / site.DOCS, out)
    del options["nav"]
    options.update(not_in_nav="", plugins=["search"])
    started = time.perf_counter()
    run_mkdocs(CONFIG, options)
    return {**timings, "mkdocs": time.perf_counter() - started, "search": None}


class TreeMemory:
    """The peak memory of a process and all its descendants, summed, sampled from ``/proc``.

    Each process counts its proportional set size (PSS: pages shared with others, such as those of a
    forked process, are split between them), so the sum is what the build really holds.
    """

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.root = pid
        self.peak = 0
        self.cpu = 0.0
        """The sampler's own CPU time (user and kernel), in seconds."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(interval,), daemon=True)
        self._thread.start()

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak

    def _run(self, interval: float) -> None:
        started = time.thread_time()
        while not self._stop.wait(interval):
            self.peak = max(self.peak, sum(_pss(pid) for pid in self._tree()))
            self.cpu = time.thread_time() - started

    def _tree(self) -> list[int]:
        parents: dict[int, int] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(stat.parent.name)] = int(fields[1])
        tree, frontier = [self.root], [self.root]
        while frontier:
            frontier = [pid for pid, parent in parents.items() if parent in frontier]
            tree += frontier
        return tree


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run_child(*args: str, observe: bool = False) -> tuple[dict[str, Any], TreeMemory | None]:
    """Run ``bench/run.py --child ...``; return its JSON result and, with ``observe``, the sampler that
    took its process tree's peak memory during the build (until the child says it is built)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "0"}
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__)), "--child", *args], stdout=subprocess.PIPE, env=env, cwd=ROOT
    )
    memory = TreeMemory(proc.pid) if observe else None
    assert proc.stdout is not None
    last = b""
    for line in proc.stdout:
        if memory and line.strip() == BUILT.encode():
            memory.stop()
        last = line
    proc.wait()
    if memory:
        memory.stop()
    if proc.returncode != 0:
        raise SystemExit(f"child {' '.join(args)} failed with exit code {proc.returncode}")
    return json.loads(last.decode()), memory


# --- measuring a built site ------------------------------------------------------------------------


def site_stats(site_dir: Path) -> dict[str, Any]:
    """HTML pages (count, median and max bytes) and the whole site's size."""
    html = sorted(p.stat().st_size for p in site_dir.rglob("*.html"))
    total = sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file())
    return {"pages": len(html), "median": statistics.median(html), "max": max(html), "site": total}


def content_for(n: int, seed: int) -> Path:
    """The synthetic content of size ``n``, made once per (size, seed, synthesizer source)."""
    content = OUT / f"content-{n}" if FEEDBACK[0] else OUT / f"content-{n}-procedures"
    stamp = hashlib.sha256(f"{n}:{seed}:".encode() + Path(synth.__file__).read_bytes()).hexdigest()
    stamp_file = content / ".stamp"
    if not stamp_file.is_file() or stamp_file.read_text() != stamp:
        started = time.perf_counter()
        synth.synthesize(n, content, seed=seed, feedback=FEEDBACK[0])
        stamp_file.write_text(stamp)
        log(f"  synthesized {n} procedures in {time.perf_counter() - started:.1f} s")
    return content


FEEDBACK = [True]
"""Whether the synthetic content has as many feedback items as procedures (``--procedures-only``: none)."""
TRASH = "trash"
"""The folder, next to the builds, that holds the previous builds until the run ends (see _set_aside)."""
EMPTIED = OUT / ".trash-emptied"
"""Touched whenever the bench deleted its previous builds."""
SETTLE = 65.0
"""Seconds after deleting many files before a timed build may start (see :func:`_settle`)."""
QUIET = 5.0
"""Seconds of rest before each build, after ``sync`` (see :func:`_written_out`)."""
SCRATCH = [OUT]
"""Where the builds write their docs and sites (``--scratch``): the disk by default."""
REPEAT = [1]
"""Timed builds per size (``--repeat``): the table shows the one with the median total."""


def measure(n: int, seed: int, variant: str, jobs: int = 0) -> dict[str, Any]:
    """One build of size ``n`` in a child process, with its site measured."""
    content = content_for(n, seed)
    work, site_dir = SCRATCH[0] / f"work-{variant}-{n}", SCRATCH[0] / f"site-{variant}-{n}"
    build = ["build", str(content), str(work), str(site_dir), variant, str(jobs)]
    runs = sorted((run_child(*build, "rerun")[0] for _ in range(REPEAT[0])), key=_total)
    timings = runs[len(runs) // 2]  # the run with the median total, so that its stages add up
    observed, memory = run_child(*build, "once", observe=True)
    assert memory is not None
    result = {"n": n, "variant": variant, **timings, "total": _total(timings), "rss": memory.peak}
    result.update(observed_total=_total(observed), observed_generate=observed["generate"], sampler=memory.cpu)
    result["runs"] = [{"total": _total(r), "generate": r["generate"], "stalls": r["stalls"]} for r in runs]
    result.update(site_stats(site_dir))
    return result


def _total(timings: dict[str, Any]) -> float:
    return float(timings["generate"] + timings["mkdocs"] + (timings["search"] or 0))


# --- the live preview ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, timeout: float = 120) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return str(response.read().decode("utf-8"))


def _wait_for(url: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            return _get(url)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


PREVIEW_EDITS = {
    "procedure": ("thu-tuc", "*.yml", "ten_thu_tuc"),
    "feedback": ("pakn", "*/*.yml", "tieu_de"),
}
"""Per kind of record timed in the preview: its content folder (and docs folder), its files, the field
edited (shown on its page)."""


def preview_latency(n: int, seed: int, edits: int = 5) -> dict[str, Any]:
    """Seconds from a one-record YAML edit to the reloaded page showing it, through ``congkhai serve``:
    ``edits`` edits of a procedure and as many of a feedback item (when the content has feedback),
    alternating."""
    content = OUT / f"preview-content-{n}"
    _set_aside(content)
    shutil.copytree(content_for(n, seed), content)
    work = SCRATCH[0] / f"preview-work-{n}"
    _set_aside(work)
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    command = [str(Path(sys.executable).with_name("congkhai")), "serve", "--content", str(content)]
    command += ["--work", str(work), "--dev-addr", f"127.0.0.1:{port}"]
    kinds = {
        kind: (folder, sorted((content / folder).glob(pattern)), field)
        for kind, (folder, pattern, field) in PREVIEW_EDITS.items()
        if (content / folder).is_dir()
    }
    started = time.perf_counter()
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait_for(base + f"thu-tuc/{kinds['procedure'][1][0].stem}/", 600)
        startup = time.perf_counter() - started
        latencies: dict[str, list[float]] = {kind: [] for kind in kinds}
        step = 0
        for k in range(edits):
            for kind, (folder, files, field) in kinds.items():
                path = files[(k * 997) % len(files)]
                latencies[kind].append(_edit_shown(base, f"{folder}/{path.stem}/", path, field, step))
                step += 1
        return {
            "n": n,
            "startup": startup,
            "latencies": latencies["procedure"],
            "median": statistics.median(latencies["procedure"]),
            "kinds": {k: {"latencies": x, "median": statistics.median(x)} for k, x in latencies.items()},
        }
    finally:
        server.terminate()
        server.wait(300)  # the server deletes its temporary site (400 MB at 5,000 + 5,000) first


def _edit_shown(base: str, page_path: str, path: Path, field: str, step: int) -> float:
    """Edit ``field`` of the record ``path``; seconds until the browser's reload shows it on its page."""
    page = base + page_path
    epoch = re.search(r"livereload\((\d+),", _get(page))
    assert epoch, "the preview page has no live-reload script"
    marker = f"Sửa thử {step} lúc {time.time():.0f}"
    text = path.read_text(encoding="utf-8")
    edited = re.sub(rf"^{field}: .*$", f"{field}: {marker}", text, count=1, flags=re.M)
    t0 = time.perf_counter()
    path.write_text(edited, encoding="utf-8")
    _get(base + f"livereload/{epoch.group(1)}/{step}")  # returns when the browser would reload
    shown = marker in _get(page)
    seconds = time.perf_counter() - t0
    if not shown:
        raise SystemExit(f"preview did not show the edit of {path.name}")
    return seconds


# --- report ----------------------------------------------------------------------------------------

LINES: list[str] = []


def log(line: str = "") -> None:
    print(line, flush=True)
    LINES.append(line)


def _s(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f} s"


def _kb(value: float) -> str:
    return f"{value / 1024:.1f} KB"


def _mb(value: float) -> str:
    return f"{value / 1024 / 1024:.0f} MB"


def row(r: dict[str, Any]) -> str:
    return (
        f"| {r['variant']} | {r['n']:,} | {_s(r['generate'])} | {_s(r['mkdocs'])} | {_s(r['search'])} "
        f"| {_s(r['total'])} | {_mb(r['rss'])} | {_mb(r['largest_rss'])} | {_kb(r['median'])} "
        f"| {_kb(r['max'])} | {_mb(r['site'])} "
        f"| {r['pages']:,} |"
    )


HEADER = (
    "| build | procedures | generate | MkDocs | search index | total | peak memory (all processes) "
    "| largest process | HTML/page median | HTML/page max | site | HTML pages |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        "?",
    )
    mem = next(
        line.split()[1]
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    python = sys.version.split()[0]
    return f"{os.cpu_count()} CPUs ({cpu}), {int(mem) / 1024 / 1024:.0f} GiB RAM, Python {python}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,5000,20000", help="catalogue sizes to build")
    parser.add_argument(
        "--material",
        default="auto",
        help="sizes to build with Material's defaults too: 'auto', 'none' or sizes such as 1000,2000",
    )
    parser.add_argument(
        "--baseline",
        metavar="REF",
        help="compare with the generator of this git ref (a commit, branch or tag), built alternately with "
        "the current tree at --sizes; skips Material's defaults and the preview",
    )
    parser.add_argument("--preview", type=int, default=5000, help="size for the preview timing (0: skip)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--jobs", type=int, default=0, help="MkDocs processes for our build (0: one per core)"
    )
    parser.add_argument(
        "--scratch",
        type=Path,
        default=OUT,
        help="folder for the builds' docs and sites (e.g. /dev/shm); it keeps every build until the run "
        "ends, about 10 GB for a full run",
    )
    parser.add_argument(
        "--report", help="name of the report files in bench/out/ (default: bench, or compare with --baseline)"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="timed builds per size; the table shows the median one"
    )
    parser.add_argument(
        "--procedures-only",
        action="store_true",
        help="no feedback items beside the procedures (to compare with a generator that has no feedback)",
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _, content, work, out, variant, jobs, rerun = args.child
        timings = child_build(Path(content), Path(work), Path(out), variant, int(jobs), rerun == "rerun")
        print(json.dumps(timings))
        return

    try:
        synth.load_real()
    except synth.MissingData as exc:
        print(exc.code, file=sys.stderr)
        sys.exit(2)
    OUT.mkdir(parents=True, exist_ok=True)
    SCRATCH[0] = args.scratch
    REPEAT[0] = max(1, args.repeat)
    FEEDBACK[0] = not args.procedures_only
    SCRATCH[0].mkdir(parents=True, exist_ok=True)
    _empty_trash()  # an interrupted run's
    waited = _settle()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    log(f"# congkhai bench — {time.strftime('%Y-%m-%d %H:%M')} — SOURCE_DATE_EPOCH={EPOCH}")
    log(f"Machine: {machine()}")
    log(f"Builds write to: {SCRATCH[0].resolve()} ({_filesystem(SCRATCH[0])})")
    log(f"Waited {waited:.0f} s after the previous run deleted its builds (see _settle in bench/run.py).")
    log()
    if args.baseline:
        comparison = compare(args.baseline, sizes, args.seed, args.jobs)
        _write_report(args.report or "compare", comparison)
        return
    results = []
    for n in sizes:
        log(f"- building {n:,} procedures …")
        results.append(measure(n, args.seed, "ours", args.jobs))
        log("  " + row(results[-1]))

    material = _material(args.material, sizes, args.seed, results)
    preview = None
    if args.preview:
        log(f"- timing the live preview at {args.preview:,} procedures …")
        preview = preview_latency(args.preview, args.seed)

    log()
    log(HEADER)
    for r in sorted(results + material, key=lambda r: (r["variant"] != "ours", r["n"])):
        log(row(r))
    log()
    log("Search index: Pagefind, run on the built site after MkDocs; Material's lunr index is built")
    log("inside its MkDocs time.")
    log("Generate = validate the YAML, write the Markdown into an empty folder; again, nothing changed:")
    for r in results:
        again = f"{_s(r['regenerate'])}, {r['rewritten']} files rewritten"
        log(f"  {r['n']:,}: {again} (the first run wrote {r['written']})")
    log()
    log("Stalls during the timed build (/proc/pressure: seconds in which some or all running tasks waited")
    log("for a core or for the disk; a build that waited on the disk or on other work is slower for it):")
    for r in results + material:
        stalls = ", ".join(f"{kind} {seconds:.1f} s" for kind, seconds in r["stalls"].items())
        log(f"  {r['variant']} {r['n']:,}: {stalls or 'not available'}")
    if REPEAT[0] > 1:
        log()
        log(f"Each size was timed {REPEAT[0]} times; the table shows the build with the median total:")
        for r in results + material:
            runs = "; ".join(
                f"{run['total']:.1f} s (generate {run['generate']:.1f} s, "
                f"io some {run['stalls'].get('io some', 0):.1f} s)"
                for run in r["runs"]
            )
            log(f"  {r['variant']} {r['n']:,}: {runs}")
    log()
    log("Peak memory is from a second, identical build observed by the PSS sampler (the table's times are")
    log("from the unobserved one); that observed build took, with the sampler's own CPU time:")
    for r in results + material:
        log(
            f"  {r['variant']} {r['n']:,}: total {_s(r['observed_total'])} (unobserved {_s(r['total'])}), "
            f"generate {_s(r['observed_generate'])} (unobserved {_s(r['generate'])}); "
            f"sampler CPU {_s(r['sampler'])}"
        )
    if material:
        log()
        log("Ratios, ours / Material defaults (automatic nav + lunr search):")
        for b in material:
            ours = next(r for r in results if r["n"] == b["n"])
            times = f"{_s(ours['total'])} vs {_s(b['total'])}"
            log(
                f"  {b['n']:,}: time {ours['total'] / b['total']:.2f}× ({times}), "
                f"peak memory {ours['rss'] / b['rss']:.2f}×, "
                f"HTML/page median {ours['median'] / b['median']:.3f}×, "
                f"site size {ours['site'] / b['site']:.3f}×"
            )
    if preview:
        log()
        log(f"Live preview at {preview['n']:,}: server start {preview['startup']:.1f} s.")
        for kind, timed in preview["kinds"].items():
            lat = ", ".join(f"{x:.2f}" for x in timed["latencies"])
            log(
                f"  one {kind} edit → reloaded page shows it in {timed['median']:.2f} s median "
                f"(runs: {lat} s)"
            )
    _write_report(args.report or "bench", {"results": results, "material": material, "preview": preview})


def _write_report(name: str, data: dict[str, Any]) -> None:
    """Save the lines logged and ``data`` as ``bench/out/<name>.txt`` and ``.json``; empty the trash."""
    (OUT / f"{name}.txt").write_text("\n".join(LINES) + "\n", encoding="utf-8")
    (OUT / f"{name}.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    _empty_trash()


def _empty_trash() -> None:
    """Delete the previous builds that :func:`_set_aside` kept (next to the content and the builds), and
    note when (see :func:`_settle`)."""
    for folder in {OUT, SCRATCH[0]}:
        if (folder / TRASH).exists():
            shutil.rmtree(folder / TRASH, ignore_errors=True)
            EMPTIED.touch()


def _written_out() -> None:
    """Before a build: write out what the previous one left in memory (``sync``) and wait
    :data:`QUIET` s. A build writes about 1 GB at 5,000 + 5,000; the kernel writes it out in the next
    half minute, and a build started meanwhile (as the bench's next one was, right after the rerun)
    shares the disk and a core with that: 29.8 s against 26.4 s and 28.1 s for the same code, the
    same day (2026-12-05, one build each: right after another, after a pause, after ``sync``)."""
    os.sync()
    time.sleep(QUIET)


def _settle() -> float:
    """Wait until the files a run deleted no longer slow down making new ones; the seconds waited.

    ext4 without a journal does not reuse an inode freed in the last 60 s (6 min while the inode's
    block is not yet written out) and looks at each such inode again for every file it makes: a build
    started within minutes of a run's clean-up took 5.3 s to generate 5,000 procedures instead of
    3.8–4.6 s. Writing everything out (``sync``) and waiting out the 60 s avoids it.
    """
    os.sync()
    if not EMPTIED.exists():
        return 0.0
    wait = max(0.0, SETTLE - (time.time() - EMPTIED.stat().st_mtime))
    time.sleep(wait)
    return wait


def _filesystem(folder: Path) -> str:
    """The type and options of the file system ``folder`` is on, from ``/proc/mounts``."""
    best, found = "", "unknown"
    for line in Path("/proc/mounts").read_text(encoding="utf-8").splitlines():
        _, mount, kind, options, *_ = line.split()
        if str(folder.resolve()).startswith(mount) and len(mount) >= len(best):
            best, found = mount, f"{kind}, {options}"
    return found


def _material(
    choice: str, sizes: list[int], seed: int, results: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Material's defaults at the small sizes; 1,000 and 5,000 unless 5,000 would exceed ~5 minutes."""
    if choice == "none":
        return []
    wanted = [int(s) for s in choice.split(",")] if choice != "auto" else [1000, 5000]
    builds: list[dict[str, Any]] = []
    for n in wanted:
        if choice == "auto" and builds and n > builds[-1]["n"]:
            previous = builds[-1]
            estimate = previous["mkdocs"] * (n / previous["n"]) ** 2
            if estimate > MATERIAL_LIMIT:
                log(
                    f"- Material's defaults at {n:,} skipped: quadratic estimate {estimate:.0f} s "
                    f"> {MATERIAL_LIMIT:.0f} s; running them at 2,000 instead"
                )
                n = 2000
        log(f"- building {n:,} procedures with Material's defaults …")
        builds.append(measure(n, seed, "material"))
        log("  " + row(builds[-1]))
        if all(r["n"] != n for r in results):
            log(f"- building {n:,} procedures (ours, for the ratio) …")
            results.append(measure(n, seed, "ours"))
            log("  " + row(results[-1]))
    return builds


# --- before and after: a git ref's generator against the current tree (--baseline REF) -------------

CLI_CHILD = """\
import runpy, sys
import generator
print("generator:", generator.__file__, flush=True)
sys.argv = ["congkhai", *sys.argv[1:]]
runpy.run_module("generator", run_name="__main__", alter_sys=True)
"""
"""The child of a compared build: ``python -m generator build …``, after saying which ``generator`` package
it imported (the one in ``PYTHONPATH`` must shadow the editable install of the current tree)."""

PUBLISHED = re.compile(r"^Đã xuất bản (\d+) tệp vào .* \((?:phiên bản [^;]+; )?(\d+) tệp thay đổi; (.*)\)\.$")
"""The last line of ``congkhai build``, with the seconds of each stage (``generator/cli.py``)."""
STAGE_NAMES = {"dữ liệu": "generate", "MkDocs": "mkdocs", "chỉ mục tìm kiếm": "search"}


@contextlib.contextmanager
def checkout(ref: str) -> Iterator[Path]:
    """A temporary ``git worktree`` of ``ref``, outside the repository; removed when done."""
    folder = Path(tempfile.mkdtemp(prefix="congkhai-baseline-"))
    tree = folder / "tree"
    _git("worktree", "add", "--detach", "--quiet", str(tree), ref)
    try:
        yield tree
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run(["git", "-C", str(ROOT), "worktree", "prune"], check=False)


def _git(*args: str) -> str:
    done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout.strip()


def cli_build(
    tree: Path, content: Path, work: Path, out: Path, jobs: int, observe: bool = False
) -> dict[str, Any]:
    """Build ``content`` with the ``congkhai build`` of source ``tree`` (its ``generator``, ``mkdocs.yml``
    and ``theme/``) in a child process; the stages' seconds from its last line, its wall time, the largest
    process's peak RSS and, with ``observe``, the peak memory of its process tree."""
    for folder in (work, out):
        _set_aside(folder)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "0", "PYTHONPATH": str(tree)}
    command = [sys.executable, "-c", CLI_CHILD, "build", "--content", str(content), "--out", str(out)]
    command += ["--work", str(work), "--config", str(tree / "mkdocs.yml")]
    if jobs:
        command += ["--jobs", str(jobs)]
    _written_out()
    stalls = pressure()
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, env=env, cwd=tree)
    memory = TreeMemory(proc.pid) if observe else None
    assert proc.stdout is not None
    with proc.stdout:
        lines = proc.stdout.read().decode("utf-8").splitlines()
    _, status, usage = os.wait4(proc.pid, 0)  # the child's rusage: the largest process it waited for too
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak = memory.stop() if memory else None
    if proc.returncode != 0:
        raise SystemExit(f"congkhai build of {tree} failed with exit code {proc.returncode}")
    imported = Path(lines[0].removeprefix("generator: ")).resolve()
    if not imported.is_relative_to(tree.resolve()):
        raise SystemExit(f"the child imported {imported}, not the generator of {tree}")
    timings = next((t for line in reversed(lines) if (t := stage_seconds(line))), None)
    if timings is None:
        raise SystemExit(f"congkhai build of {tree} did not print its stages: {lines[-1:]}")
    timings.update(
        total=_total(timings),
        wall=wall,
        largest_rss=usage.ru_maxrss * 1024,
        imported=str(imported),
        stalls={kind: seconds - stalls[kind] for kind, seconds in pressure().items()},
    )
    if peak is not None:
        timings["rss"] = peak
        timings["sampler"] = memory.cpu if memory else None
    return timings


def stage_seconds(line: str) -> dict[str, Any] | None:
    """The seconds of each stage in ``congkhai build``'s last line (``None`` for any other line)."""
    published = PUBLISHED.match(line)
    if published is None:
        return None
    stages = dict(part.rsplit(" ", 2)[:2] for part in published.group(3).split(", "))
    timings: dict[str, Any] = {STAGE_NAMES[name]: float(seconds) for name, seconds in stages.items()}
    timings.setdefault("search", None)
    return timings


COMPARED = ("generate", "mkdocs", "search", "total", "wall", "largest_rss")
"""What the timed builds compare: seconds (``total`` is the three stages' sum, ``wall`` the whole process)
and the largest process's peak RSS; each side shows the median of its runs."""


def compare(ref: str, sizes: list[int], seed: int, jobs: int) -> dict[str, Any]:
    """Time the generator of ``ref`` and the current tree on the same content, alternating, and log the
    stages side by side."""
    commit = _git("rev-parse", "--verify", "--short", f"{ref}^{{commit}}")
    subject = _git("log", "-1", "--format=%s", commit)
    head = _git("rev-parse", "--short", "HEAD")
    dirty = _git("status", "--porcelain", "--", "generator", "theme", "mkdocs.yml")
    current = f"{head}{' + uncommitted changes' if dirty else ''}"
    log(f"Baseline: {ref} = {commit} «{subject[:80]}»")
    log(f"Current: {ROOT} at {current}")
    if _git("diff", "--name-only", commit, "--", "constraints.txt"):
        log("Note: the pinned versions (constraints.txt) differ; both sides run in the current environment.")
    log(f"Each size: {REPEAT[0]} timed build(s) each, alternating (baseline first), unobserved; then one")
    log("build each observed for peak memory. Stages: the seconds `congkhai build` prints (0.1 s steps).")
    log()
    sides = {"baseline": Path(), "current": ROOT}
    results = []
    with checkout(commit) as tree:
        sides["baseline"] = tree
        for n in sizes:
            content = content_for(n, seed)
            runs: dict[str, list[dict[str, Any]]] = {side: [] for side in sides}
            builds = {
                side: (SCRATCH[0] / f"work-{side}-{n}", SCRATCH[0] / f"site-{side}-{n}") for side in sides
            }
            for k in range(REPEAT[0]):
                for side, source in sides.items():
                    runs[side].append(cli_build(source, content, *builds[side], jobs))
                    run = runs[side][-1]
                    log(
                        f"- {n:,} procedures, {side}, run {k + 1}: total {_s(run['total'])} (generate "
                        f"{_s(run['generate'])}, MkDocs {_s(run['mkdocs'])}, search {_s(run['search'])}), "
                        f"wall {_s(run['wall'])}; waited for a core {_s(run['stalls'].get('cpu some'))}"
                    )
            same = _same_files(builds["baseline"][1], builds["current"][1])
            memory = {}
            for side, source in sides.items():
                memory[side] = cli_build(source, content, *builds[side], jobs, observe=True)
                log(f"- {n:,} procedures, {side}, observed: peak memory {_mb(memory[side]['rss'])}")
            result: dict[str, Any] = {"n": n, "same_site": same}
            result["imported"] = {side: runs[side][0]["imported"] for side in sides}
            for side in sides:
                medians = {key: _median([run[key] for run in runs[side]]) for key in COMPARED}
                result[side] = {**medians, "rss": memory[side]["rss"], "sampler": memory[side]["sampler"]}
                result[side]["runs"] = runs[side]
            results.append(result)
    log()
    log(f"Baseline = {ref} ({commit}); current = {current}. Median of {REPEAT[0]} run(s) per stage.")
    log()
    log("| procedures | stage | baseline | current | current / baseline |")
    log("|---:|---|---:|---:|---:|")
    labels = {"generate": "generate", "mkdocs": "MkDocs", "search": "search index", "total": "total"}
    labels.update(wall="wall (whole process)", rss="peak memory (all processes)")
    labels.update(largest_rss="largest process")
    for r in results:
        for key, label in labels.items():
            before, after = r["baseline"][key], r["current"][key]
            shown = _mb if key in ("rss", "largest_rss") else _s
            ratio = f"{after / before:.2f}×" if before and after is not None else "n/a"
            log(f"| {r['n']:,} | {label} | {shown(before)} | {shown(after)} | {ratio} |")
    log()
    for r in results:
        same = f"differ: {r['same_site']}" if r["same_site"] else "identical, byte for byte"
        log(f"{r['n']:,}: the sites built by both are {same}.")
        log(f"  imported: baseline {r['imported']['baseline']}, current {r['imported']['current']}")
    return {"baseline": {"ref": ref, "commit": commit}, "current": current, "results": results}


def _median(values: list[Any]) -> Any:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def _same_files(a: Path, b: Path) -> str:
    """'' when folders ``a`` and ``b`` hold the same files, byte for byte; otherwise what differs."""

    def digests(root: Path) -> dict[str, str]:
        return {
            p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*")
            if p.is_file()
        }

    left, right = digests(a), digests(b)
    changed = sorted(path for path in left.keys() & right.keys() if left[path] != right[path])
    only = sorted(left.keys() ^ right.keys())
    if not changed and not only:
        return ""
    examples = ", ".join((changed + only)[:3])
    return f"{len(changed)} files differ, {len(only)} in one only (e.g. {examples})"


if __name__ == "__main__":
    main()
