"""``BlockPageMarkdown`` only saves time: each page converts to what Python-Markdown makes of it, with
the same table of contents, title and anchors for MkDocs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import (
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RawHTMLPreprocessor,
    _RelativePathTreeprocessor,
)

from generator.build import blockpage
from generator.build.allpages import generate_pages
from generator.build.blockpage import BlockPageMarkdown, _one_block
from generator.build.pipeline import check as build_catalog
from generator.core.handsafe import MARKER
from generator.core.htmlblock import CLOSE, OPEN

from .conftest import MINIMAL, REPO


class _Converted:
    """A page converted as MkDocs' ``Page.render`` does, with what MkDocs reads afterwards."""

    def __init__(self, converter: markdown.Markdown, config: Any, source: str) -> None:
        file = File("thu-tuc/x.md", config["docs_dir"], config["site_dir"], use_directory_urls=True)
        raw, anchors = _RawHTMLPreprocessor(), _ExtractAnchorsTreeprocessor(file, Files([file]), config)
        links, title = _RelativePathTreeprocessor(file, Files([file]), config), _ExtractTitleTreeprocessor()
        for processor in (raw, anchors, links, title):
            processor._register(converter)
        self.html = converter.convert(source)
        self.toc = getattr(converter, "toc_tokens", [])
        self.title = title.title
        self.anchors = anchors.present_anchor_ids | raw.present_anchor_ids
        self.links = links.links_to_anchors

    def facts(self) -> tuple[Any, ...]:
        return self.html, self.toc, self.title, self.anchors, self.links


@pytest.fixture(name="converters")
def fixture_converters(tmp_path: Path) -> tuple[Any, markdown.Markdown, BlockPageMarkdown]:
    (tmp_path / "d").mkdir()
    config = load_config(str(REPO / "mkdocs.yml"), docs_dir=str(tmp_path / "d"), site_dir=str(tmp_path / "s"))
    options = {"extensions": config["markdown_extensions"], "extension_configs": config["mdx_configs"]}
    return config, markdown.Markdown(**options), BlockPageMarkdown(**options)


def _same(converters: tuple[Any, markdown.Markdown, BlockPageMarkdown], source: str) -> _Converted:
    config, plain, fast = converters
    expected = _Converted(plain.reset(), config, source)
    made = _Converted(fast.reset(), config, source)
    assert made.facts() == expected.facts(), source[:200]
    return made


@pytest.mark.parametrize("content", [MINIMAL, REPO / "content"], ids=["minimal", "default"])
def test_every_generated_page_converts_as_with_python_markdown(
    content: Path, converters: tuple[Any, markdown.Markdown, BlockPageMarkdown]
) -> None:
    direct = 0
    for page in generate_pages(build_catalog(content)):
        if page.path.endswith(".md"):
            body = page.text.split("---\n", 2)[2] if page.text.startswith("---\n") else page.text
            _same(converters, body)
            direct += _one_block(body) is not None
    assert direct >= 4  # the procedure and sector pages at least take the direct path


BLOCK = f"\n{OPEN}\n{{}}\n{CLOSE}\n"
TRICKY = [
    '<h1 data-pagefind-ignore="">Tên &amp; «mã»</h1>\n<div>\n<p>a</p>\n</div>\n<h2>Hồ sơ</h2>\n<p>b</p>',
    "<h2>Hồ sơ</h2>\n<h2>Hồ sơ</h2>\n<h3>Hồ sơ</h3>",  # the same name thrice: unique ids
    '<h2 id="rieng">Riêng</h2>\n<h2>Riêng</h2>\n<p id="doan">x</p>',  # an id given and one in the HTML
    "<h2>A &amp;amp; &lt;b&gt; &#39;c&#39;</h2>\n<p>d</p>",  # escapes, an entity's text
    "văn bản<br>\n<p>không có tiêu đề</p>",  # a block without headings that does not start with a tag
    "<span>x</span>\n<h2>Tiêu đề</h2>\ntext\n<h2>Khác</h2>\n",  # parts that are not block level
    "<table><tr><td>1</td></tr></table>",
]


@pytest.mark.parametrize("html", TRICKY)
def test_direct_conversion_equals_python_markdown(
    html: str, converters: tuple[Any, markdown.Markdown, BlockPageMarkdown]
) -> None:
    assert _one_block(BLOCK.format(html)) is not None
    _same(converters, BLOCK.format(html))


OTHERS = [
    BLOCK.format("<h2>a</h2>\n<p>\tb</p>"),  # a tab: Markdown expands it
    BLOCK.format("<h2>a</h2>\n   \n<p>b</p>"),  # a line of spaces: Markdown empties it
    BLOCK.format("<p>a</p>\r\n<h2>b</h2>"),
    BLOCK.format("```\n<h2>a</h2>\n```"),  # a fence, read before the block
    BLOCK.format('<h2 data-toc-label="x">a</h2>'),
    "  " + BLOCK.format("<h2>a</h2>").lstrip("\n"),  # indented marker: not a block
    BLOCK.format("<h2>a</h2>") + "\n## Markdown\n",
    BLOCK.format("<h2>a</h2>") + BLOCK.format("<h2>b</h2>"),
    f"{MARKER}\n## Trang\n\nChữ.\n",
    BLOCK.format(" "),
]


@pytest.mark.parametrize("source", OTHERS)
def test_other_pages_go_through_python_markdown(
    source: str, converters: tuple[Any, markdown.Markdown, BlockPageMarkdown]
) -> None:
    assert _one_block(source) is None
    _same(converters, source)


def test_a_converter_with_other_processors_goes_through_python_markdown(
    converters: tuple[Any, markdown.Markdown, BlockPageMarkdown], monkeypatch: pytest.MonkeyPatch
) -> None:
    config, _, _ = converters
    monkeypatch.setattr(blockpage, "_convert_block", None)  # called, it would fail
    options = {"extensions": [*config["markdown_extensions"], "footnotes"], "extension_configs": {}}
    plain, fast = markdown.Markdown(**options), BlockPageMarkdown(**options)
    source = BLOCK.format("<h2>a</h2>\n<p>b</p>")
    assert fast.convert(source) == plain.convert(source)
