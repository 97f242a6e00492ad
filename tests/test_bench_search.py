"""The search bench counts every file the site's search downloads, and nothing else."""

from __future__ import annotations

from pathlib import Path

from bench.search import is_search_file, spread


def test_every_search_file_of_a_built_site_is_counted(minimal_site: Path) -> None:
    # Walk what the build wrote for search (the names, settings, term shards, Pagefind's bundle and
    # the script): a new kind of search file the bench would not count fails here.
    search = [
        p
        for folder in ("tim-kiem", "pagefind")
        for p in (minimal_site / folder).rglob("*")
        if p.is_file() and p.suffix not in {".html", ".css"} and "-ui" not in p.name
    ]
    search.append(minimal_site / "assets" / "ck-search.js")
    assert any("/tim-kiem/tu/" in f"/{p.relative_to(minimal_site).as_posix()}" for p in search)
    missed = [
        p.relative_to(minimal_site).as_posix()
        for p in search
        if not is_search_file("pagefind", "http://127.0.0.1:8000/" + p.relative_to(minimal_site).as_posix())
    ]
    assert missed == []
    for page in ("thu-tuc/index.html", "assets/ck-search.css", "index.html"):
        assert not is_search_file("pagefind", "http://127.0.0.1:8000/" + page)


def test_spread_is_the_median_and_range() -> None:
    assert spread([3.0, 1.0, 2.0]) == "2.00 s (1.00–3.00)"
    assert spread([1.234]) == "1.23 s"
