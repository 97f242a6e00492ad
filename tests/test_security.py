"""The locked-down site: every kind of page satisfies its own Content-Security-Policy, loads nothing
from another host, and marks links to other sites ``rel="noopener"``."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.build.security import CSP, mark_external_links

from .browser import chromium, serve_directory
from .conftest import REPO, build_site

LISTEN = """
window.__ckViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__ckViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@pytest.fixture(scope="module")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default content (every dataset), built once for this module."""
    return build_site(REPO / "content", tmp_path_factory.mktemp("security"))


def page_kinds(site: Path) -> list[str]:
    """One address of each kind of page: the home page, each top folder's page and the first page
    below it, the search page with a query, and a missing page (404)."""
    addresses = [""]
    folders = [p for p in site.iterdir() if p.is_dir() and (p / "index.html").is_file()]
    # admin/ is the staff's web editor (Decap CMS, which styles itself inline), not a public page
    for folder in sorted(p for p in folders if p.name != "admin"):
        addresses.append(f"{folder.name}/")
        below = sorted(p for p in folder.iterdir() if (p / "index.html").is_file())
        if below:
            addresses.append(f"{folder.name}/{below[0].name}/")
    return [*addresses, "tim-kiem/?q=khai%20sinh", "khong-co-trang-nay/"]


@pytest.mark.browser
def test_every_kind_of_page_satisfies_the_policy(default_site: Path) -> None:
    addresses = page_kinds(default_site)
    assert len(addresses) >= 12
    with serve_directory(default_site) as base, chromium() as browser:
        own = urlsplit(base).netloc
        page = browser.new_page()
        page.add_init_script(LISTEN)
        problems: list[str] = []
        page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(f"error: {e}"))
        page.on(
            "request",
            lambda r: (
                problems.append(f"request: {r.url}")
                if urlsplit(r.url).scheme in ("http", "https") and urlsplit(r.url).netloc != own
                else None
            ),
        )
        for address in addresses:
            page.goto(base + address)
            page.wait_for_load_state("networkidle")
            if address.startswith("tim-kiem/?"):
                page.locator("#ck-search-results li").first.wait_for(timeout=10_000)
            meta = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
            assert meta == CSP, address
            violations = page.evaluate("window.__ckViolations")
            problems.extend(f"{address}: {v}" for v in violations)
        # 404 pages log their status as a console error: that one is expected.
        problems = [p for p in problems if "404 (File not found)" not in p and "status of 404" not in p]
        assert problems == []


def test_external_links_are_marked_noopener() -> None:
    html = (
        '<a href="https://a.example/">a</a> <a class="x" href="http://b.example/" rel="nofollow">b</a>'
        ' <a href="../thu-tuc/">c</a> <a href="https://c.example/" rel="noopener">d</a>'
    )
    assert mark_external_links(html) == (
        '<a href="https://a.example/" rel="noopener">a</a> '
        '<a class="x" href="http://b.example/" rel="nofollow noopener">b</a>'
        ' <a href="../thu-tuc/">c</a> <a href="https://c.example/" rel="noopener">d</a>'
    )


def test_built_pages_have_no_inline_script_and_no_unmarked_external_link(default_site: Path) -> None:
    import re

    for html in default_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for attributes, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", text, re.S):
            assert "src=" in attributes or 'type="application/json"' in attributes or not body.strip(), html
        for tag in re.findall(r'<a\b[^>]*href="https?://[^>]*>', text):
            assert "noopener" in tag, (html, tag)


def test_readme_documents_the_same_policy() -> None:
    from generator.build.security import HEADER_ONLY

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme.count(f'"{CSP}; {HEADER_ONLY}"') == 2
