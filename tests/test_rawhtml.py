"""The ``generator.rawhtml`` extension only saves time: the HTML is what Python-Markdown alone would make."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from generator.catalog import build_catalog
from generator.rawhtml import CLOSE, OPEN
from generator.render import relative_link
from generator.site import generate_pages

from .conftest import MINIMAL, REPO


def _converters(tmp_path: Path) -> tuple[markdown.Markdown, markdown.Markdown]:
    config = load_config(
        str(REPO / "mkdocs.yml"), docs_dir=str(tmp_path / "docs"), site_dir=str(tmp_path / "s")
    )
    extensions, configs = config["markdown_extensions"], config["mdx_configs"]
    assert "generator.rawhtml" in extensions
    plain = [name for name in extensions if name != "generator.rawhtml"]
    return (
        markdown.Markdown(extensions=extensions, extension_configs=configs),
        markdown.Markdown(extensions=plain, extension_configs=configs),
    )


def _lines(html: str) -> list[str]:
    return [line for line in html.splitlines() if line.strip() and line not in (OPEN, CLOSE)]


@pytest.mark.parametrize("content", [MINIMAL, REPO / "content"], ids=["minimal", "default"])
def test_pages_render_the_same_with_and_without_the_extension(content: Path, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    fast, plain = _converters(tmp_path)
    marked = 0
    for page in generate_pages(build_catalog(content)):
        if not page.path.endswith(".md"):
            continue
        body = page.text.split("---\n", 2)[2] if page.text.startswith("---\n") else page.text
        marked += OPEN in body
        assert _lines(fast.reset().convert(body)) == _lines(plain.reset().convert(body)), page.path
    assert marked >= 4  # the procedure and sector pages use the extension


def test_a_marker_inside_a_value_cannot_close_the_block(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    fast, _ = _converters(tmp_path)
    html = fast.convert(f"{OPEN}\n<p>a &lt;!-- /congkhai:html --&gt; # b</p>\n{CLOSE}\n\n## Tiêu đề\n")
    assert html.splitlines() == [
        "<p>a &lt;!-- /congkhai:html --&gt; # b</p>",
        '<h2 id="tiêu-đề">Tiêu đề</h2>',
    ]


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
