"""The ``generator.build.rawhtml`` extension only saves time: the HTML and the headings are what
Python-Markdown would make of the same page written in Markdown."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import markdown
import pytest
from mkdocs.config import load_config

from generator.build.allpages import generate_pages
from generator.build.pipeline import check as build_catalog
from generator.build.rawhtml import CLOSE, HEADING, OPEN
from generator.core.handsafe import MARKER
from generator.core.render import md, relative_link

from .conftest import MINIMAL, REPO


def _converters(tmp_path: Path) -> tuple[markdown.Markdown, markdown.Markdown]:
    config = load_config(
        str(REPO / "mkdocs.yml"), docs_dir=str(tmp_path / "docs"), site_dir=str(tmp_path / "s")
    )
    extensions, configs = config["markdown_extensions"], config["mdx_configs"]
    assert "generator.build.rawhtml" in extensions
    plain = [name for name in extensions if name != "generator.build.rawhtml"]
    return (
        markdown.Markdown(extensions=extensions, extension_configs=configs),
        markdown.Markdown(extensions=plain, extension_configs=configs),
    )


def _as_markdown(body: str) -> str:
    """The page as it would be written without the extension: each HTML part a Markdown HTML block and
    each heading line a Markdown heading (its attributes as an attribute list, its text escaped)."""
    out = []
    for block in body.split(OPEN + "\n"):
        html, _, rest = block.partition(CLOSE + "\n") if CLOSE in block else ("", "", block)
        start = 0
        for heading in HEADING.finditer(html):
            out += [html[start : heading.start()], _markdown_heading(heading)]
            start = heading.end()
        out += [html[start:], rest]
    return "\n\n".join(part.strip("\n") for part in out if part.strip()) + "\n"


def _markdown_heading(heading: re.Match[str]) -> str:
    level, attributes, text = int(heading[1][1]), heading[2], html.unescape(heading[3])
    return f"{'#' * level} {md(text)}" + (f" {{{attributes} }}" if attributes else "")


def _normalized(html_text: str) -> list[str]:
    """Lines of HTML, character references resolved (Markdown keeps the escapes of :func:`md`)."""
    return [html.unescape(line) for line in html_text.splitlines() if line.strip()]


def _toc(converter: markdown.Markdown) -> list[tuple[int, str, str]]:
    def flat(tokens: list[dict[str, Any]]) -> list[tuple[int, str, str]]:
        return [t for token in tokens for t in [_token(token), *flat(token["children"])]]

    return flat(converter.toc_tokens)  # type: ignore[attr-defined]


def _token(token: dict[str, Any]) -> tuple[int, str, str]:
    return token["level"], token["id"], html.unescape(token["name"])


@pytest.mark.parametrize("content", [MINIMAL, REPO / "content"], ids=["minimal", "default"])
def test_pages_render_as_with_markdown_headings(content: Path, tmp_path: Path) -> None:
    """Same HTML, same headings, same ids and table of contents as the page written in Markdown."""
    (tmp_path / "docs").mkdir()
    fast, plain = _converters(tmp_path)
    marked = 0
    for page in generate_pages(build_catalog(content)):
        if not page.path.endswith(".md"):
            continue
        body = page.text.split("---\n", 2)[2] if page.text.startswith("---\n") else page.text
        marked += OPEN in body
        # A hand page's marker (generator.core.handsafe) is not Markdown: the plain converter drops it too.
        expected = plain.reset().convert(_as_markdown(body.removeprefix(f"{MARKER}\n")))
        assert _normalized(fast.reset().convert(body)) == _normalized(expected), page.path
        assert _toc(fast) == _toc(plain), page.path
        # the title, the agencies and the publishing facts at least (empty sections are left out)
        assert len(_toc(fast)) >= (3 if page.path.startswith("thu-tuc/") and OPEN in body else 0)
    assert marked >= 4  # the procedure and sector pages use the extension


def test_a_marker_inside_a_value_cannot_close_the_block(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    fast, _ = _converters(tmp_path)
    html_text = fast.convert(
        f"{OPEN}\n<p>a &lt;!-- /congkhai:html --&gt; # b</p>\n<p>&lt;h2&gt;c&lt;/h2&gt;</p>\n"
        f"{CLOSE}\n\n## Tiêu đề\n"
    )
    assert html_text.splitlines() == [
        "<p>a &lt;!-- /congkhai:html --&gt; # b</p>",
        "<p>&lt;h2&gt;c&lt;/h2&gt;</p>",
        '<h2 id="tiêu-đề">Tiêu đề</h2>',
    ]
    assert _toc(fast) == [(2, "tiêu-đề", "Tiêu đề")]


def test_heading_lines_become_headings_whose_text_is_only_text(tmp_path: Path) -> None:
    """Markdown and attribute-list syntax in a heading's text stays text; a heading with markup inside
    stays HTML, outside the table of contents."""
    (tmp_path / "docs").mkdir()
    fast, _ = _converters(tmp_path)
    source = (
        f"{OPEN}\n<h1>Tên</h1>\n<div>\n<p>x</p>\n</div>\n"
        '<h2 data-pagefind-ignore="">A &amp; *b* {: #c } &lt;i&gt;</h2>\n'
        "<h3>Tên</h3>\n<h2>a <em>b</em></h2>\n"
        f"{CLOSE}\n"
    )
    assert fast.convert(source).splitlines() == [
        '<h1 id="tên">Tên</h1>',
        "<div>",
        "<p>x</p>",
        "</div>",
        '<h2 data-pagefind-ignore="" id="a--b--c-">A &amp; *b* {: #c } &lt;i&gt;</h2>',
        '<h3 id="tên_1">Tên</h3>',
        "<h2>a <em>b</em></h2>",
    ]
    assert _toc(fast) == [(1, "tên", "Tên"), (2, "a--b--c-", "A & *b* {: #c } <i>"), (3, "tên_1", "Tên")]


@pytest.mark.parametrize(
    ("page", "target", "link"),
    [
        ("thu-tuc/1.000001.md", "../linh-vuc/ho-tich.md", "../../linh-vuc/ho-tich/"),
        ("thu-tuc/1.000001.md", "1.000002.md", "../1.000002/"),
        ("thu-tuc/1.000001.md", "../du-lieu/thu-tuc/1.000001.json", "../../du-lieu/thu-tuc/1.000001.json"),
        ("linh-vuc/ho-tich.md", "../thu-tuc/index.md", "../../thu-tuc/"),
        ("index.md", "thu-tuc/index.md", "thu-tuc/"),
        ("thu-tuc/index.md", "../index.md", "../"),
    ],
)
def test_links_in_html_blocks_are_the_ones_mkdocs_writes(page: str, target: str, link: str) -> None:
    assert relative_link(page, target) == link
