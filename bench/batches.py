"""Query batches written by strangers, scored on every ministry's real records (issue 30).

A batch (``bench/batches/*.yml``) is a list of citizens' questions, each with the ministry it is about and
the procedure codes that answer it; ``ngoai_tham_quyen: true`` marks a question no procedure of ours
answers (the page must say which agency does, or that nothing matches well). Each batch is scored once
before any tuning and that first score is kept in the file (``diem_dau``); then it is a development batch.

``python bench/search.py batch FILE.yml [--ref REF] [--fast]`` scores one batch on a catalogue imported with
the project's importer from every ministry in ``../shared/data/dvcqg/`` (imported once, cached in
``bench/out/search-batch/``), with the search engine of the working tree or of git ``REF`` (built with that
tree's ``congkhai build``): success@3 on the search page (``Engine.search``) and in the header box
(``Engine.quick``), per ministry, the misses, and for the not-ours questions whether the page gave the
not-ours answer. ``--fast`` reuses the last build of the working tree and copies only the browser script.
"""

from __future__ import annotations

import html
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "search-batch"
DVCQG = ROOT.parent / "shared" / "data" / "dvcqg"
BATCHES = ROOT / "bench" / "batches"
TREE_FILES = ("site.yml", "tu-dong-nghia.yml", "tu-dien.yml", "ngoai-tham-quyen.yml")
"""The content files a tree brings along with the imported records (its own lexicon, synonyms, table of
other agencies' topics)."""


@dataclass
class Question:
    hoi: str
    bo: str
    ma_dung: list[str]
    ngoai_tham_quyen: bool = False
    ghi_chu: str = ""


@dataclass
class Batch:
    lo: str
    cau_hoi: list[Question]
    diem_dau: dict[str, Any] = field(default_factory=dict)


def read_batch(path: Path) -> Batch:
    """A batch file, checked: every question has words and a ministry, and codes unless it is not ours."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("lo"), str):
        raise ValueError(f"{path}: lo: missing")
    questions = []
    for i, item in enumerate(data.get("cau_hoi") or []):
        if not isinstance(item, dict) or not str(item.get("hoi") or "").strip():
            raise ValueError(f"{path}: cau_hoi[{i}].hoi: missing")
        codes = [str(c) for c in item.get("ma_dung") or []]
        if not codes and not item.get("ngoai_tham_quyen"):
            raise ValueError(f"{path}: cau_hoi[{i}].ma_dung: no code and not ngoai_tham_quyen")
        questions.append(
            Question(
                hoi=str(item["hoi"]),
                bo=str(item.get("bo") or ""),
                ma_dung=codes,
                ngoai_tham_quyen=bool(item.get("ngoai_tham_quyen")),
                ghi_chu=str(item.get("ghi_chu") or ""),
            )
        )
    if not questions:
        raise ValueError(f"{path}: cau_hoi: empty")
    return Batch(lo=data["lo"], cau_hoi=questions, diem_dau=data.get("diem_dau") or {})


def ministries() -> list[Path]:
    """Every ministry folder of national records."""
    return sorted(p for p in DVCQG.iterdir() if p.is_dir() and any(p.glob("*.json")))


def imported() -> Path:
    """Every ministry's records imported once with the project's importer (``OUT/records``)."""
    from generator.importer.run import import_records

    records = OUT / "records"
    if (records / "thu-tuc").is_dir() and (records / "done").exists():
        return records
    shutil.rmtree(records, ignore_errors=True)
    (records / "thu-tuc").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "linh-vuc.yml", records / "linh-vuc.yml")
    shutil.copy(ROOT / "content" / "site.yml", records / "site.yml")
    import_records(ministries(), records / "thu-tuc", register=True)
    owner = {p.stem: folder.name for folder in ministries() for p in folder.glob("*.json")}
    (records / "bo.json").write_text(json.dumps(owner, sort_keys=True), encoding="utf-8")
    (records / "done").write_text("", encoding="utf-8")
    return records


def content_for(tree: Path, label: str) -> Path:
    """The imported records with ``tree``'s own search files: ``OUT/label/content``."""
    records = imported()
    content = OUT / label / "content"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(records, content, ignore=shutil.ignore_patterns("done", "bo.json"))
    for name in TREE_FILES:
        if (tree / "content" / name).is_file():
            shutil.copy(tree / "content" / name, content / name)
    return content


def built(tree: Path, label: str, fast: bool = False) -> Path:
    """``tree``'s site of every ministry's records, built by its own ``congkhai build``."""
    from bench.run import cli_build

    site_dir = OUT / label / "site"
    if label.startswith("ref-") and (site_dir / "tim-kiem").is_dir():
        return site_dir  # a commit's build never changes
    if fast and (site_dir / "tim-kiem").is_dir():
        shutil.copy(tree / "theme" / "assets" / "ck-search.js", site_dir / "assets" / "ck-search.js")
        return site_dir
    content = content_for(tree, label)
    cli_build(tree, content, OUT / label / "work", site_dir, jobs=0)
    return site_dir


RUN = """async ({query}) => {
  const engine = await window.ckSearchEngine();
  // What the search page shows: the records' answer, or Pagefind's when that is weak (older engines:
  // Pagefind's always).
  const own = engine.answer ? await engine.answer(query, {}) : null;
  const found = own && engine.standsAlone(own) ? own : await engine.search(query, {});
  const quick = engine.quick(query);
  const brief = (ranked) => ranked.slice(0, 3).map((r) => ({
    url: r.data.url, title: r.data.meta.title, family: (r.data.family || []).map((f) => f.url)}));
  const verdict = (answer) => (answer && answer.info && answer.info.verdict) || null;
  return {top: brief(found.ranked), quick: brief(quick.ranked), page: verdict(found), header: verdict(quick)};
}"""
"""The first three rows of the search page and of the header box (a row shows one procedure and the
variants gathered with it, ``family``), and what each said of the query's scope
(``info.verdict``: ``{kind: "khac" | "yeu", ...}`` when the engine has one; older engines have none)."""


def code_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def score(batch: Batch, site_dir: Path) -> dict[str, Any]:
    """Run every question of ``batch`` in the built site's engine."""
    from playwright.sync_api import sync_playwright

    from bench.search import CHROMIUM_ARGS, serve

    per: dict[str, dict[str, list[int]]] = {}
    misses: list[str] = []
    elsewhere: list[str] = []
    said = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        with serve(site_dir) as base:
            page = browser.new_page()
            page.goto(base + "tim-kiem/")
            page.wait_for_function("() => window.ckSearchEngine !== undefined")
            for q in batch.cau_hoi:
                answer = page.evaluate(RUN, {"query": q.hoi})
                if q.ngoai_tham_quyen:
                    verdict = answer["page"]
                    ok = bool(verdict)
                    said += ok
                    mark = "given" if ok else "NOT given"
                    elsewhere.append(
                        f"{q.hoi!r}: not-ours answer {mark} ({json.dumps(verdict, ensure_ascii=False)})"
                    )
                    if not q.ma_dung:
                        continue
                row = per.setdefault(q.bo or "?", {"trang": [0, 0], "hop": [0, 0]})
                for key, top in (("trang", answer["top"]), ("hop", answer["quick"])):
                    hit = any(code_of(u) in q.ma_dung for t in top for u in [t["url"], *t.get("family", [])])
                    row[key][0] += hit
                    row[key][1] += 1
                    if not hit:
                        where = "page" if key == "trang" else "header"
                        got = [f"{code_of(t['url'])} {html.unescape(t['title'])[:60]}" for t in top]
                        misses.append(f"{where}: [{q.bo}] {q.hoi!r}: want {q.ma_dung[:4]}, got {got}")
            page.close()
        browser.close()
    trang = sum(r["trang"][0] for r in per.values())
    hop = sum(r["hop"][0] for r in per.values())
    total = sum(r["trang"][1] for r in per.values())
    not_ours = sum(q.ngoai_tham_quyen for q in batch.cau_hoi)
    return {
        "trang": trang,
        "hop_tim_kiem": hop,
        "total": total,
        "per": per,
        "misses": misses,
        "elsewhere": elsewhere,
        "not_ours_said": said,
        "not_ours": not_ours,
    }


def report(batch: Batch, label: str, result: dict[str, Any]) -> str:
    total = result["total"] or 1
    lines = [
        f"batch {batch.lo} ({len(batch.cau_hoi)} questions) on {label}:",
        f"  search page success@3: {result['trang']}/{result['total']} = {result['trang'] / total:.1%}",
        f"  header box success@3:  {result['hop_tim_kiem']}/{result['total']}"
        f" = {result['hop_tim_kiem'] / total:.1%}",
    ]
    if result["not_ours"]:
        lines.append(f"  not ours: the answer given for {result['not_ours_said']}/{result['not_ours']}")
    for bo, row in sorted(result["per"].items()):
        lines.append(
            f"  {bo}: page {row['trang'][0]}/{row['trang'][1]}, header {row['hop'][0]}/{row['hop'][1]}"
        )
    lines += [f"  miss {m}" for m in result["misses"]]
    lines += [f"  not ours {m}" for m in result["elsewhere"]]
    return "\n".join(lines)


def main(args: list[str]) -> str:
    """``batch FILE.yml [--ref REF] [--fast]``: the report (also written to ``OUT/<batch>-<label>.txt``)."""
    from bench.run import _git, checkout

    if not args:
        raise SystemExit("usage: bench/search.py batch FILE.yml [--ref REF] [--fast]")
    batch = read_batch(Path(args[0]))
    ref = args[args.index("--ref") + 1] if "--ref" in args else None
    fast = "--fast" in args
    if ref:
        sha = _git("rev-parse", "--short", ref)
        if (OUT / f"ref-{sha}" / "site" / "tim-kiem").is_dir():
            result = score(batch, built(ROOT, f"ref-{sha}"))
        else:
            with checkout(ref) as tree:
                result = score(batch, built(tree, f"ref-{sha}"))
        label = f"{ref} ({sha})"
    else:
        sha = _git("rev-parse", "--short", "HEAD")
        dirty = " + changes" if _git("status", "--porcelain") else ""
        result = score(batch, built(ROOT, "tree", fast))
        label = f"working tree ({sha}{dirty})"
    text = report(batch, label, result)
    name = f"{batch.lo}-{ref or 'tree'}".replace("/", "_")
    (OUT / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    return text
