"""A Markdown extension that passes the generator's HTML blocks through without parsing them.

The per-record pages are front matter and one HTML block written by our templates with every value
escaped (:func:`generator.render.raw`). Python-Markdown would hand the block to its HTML parser and, had
the headings been Markdown, parse and serialize every section between them; at 5,000 pages that cost
more than the rest of the build. This extension stores each block marked by :data:`OPEN` and
:data:`CLOSE` in the HTML stash as it is, except its heading lines (:data:`HEADING`, plain text only):
those become heading elements of the document, so the table of contents, the anchors and the heading
``id`` values are made by the ``toc`` extension exactly as for Markdown headings (a test compares both).
Listed in ``mkdocs.yml`` as ``generator.build.rawhtml``. Kept by hand because every maintained
extension for HTML in Markdown (``md_in_html``, Python-Markdown's own raw HTML handling) parses the
block, which is what cost the time.
"""

from __future__ import annotations

import html
import re
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from generator.core import handsafe
from generator.core.htmlblock import CLOSE, HEADING, OPEN

_ATTRIBUTE = re.compile(r' ([a-z][a-z0-9-]*)="([^"]*)"')

Part = str | re.Match[str]
"""A piece of a block: HTML, or a heading line."""


class _StashBlocks(Preprocessor):
    """Stores each block in the stash (as it is, should it stay a paragraph) and remembers the parts of
    each block that has headings."""

    def __init__(self, md: Markdown, blocks: dict[str, list[Part]]) -> None:
        super().__init__(md)
        self.blocks = blocks

    def run(self, lines: list[str]) -> list[str]:
        self.blocks.clear()
        if OPEN not in lines:
            return lines
        out: list[str] = []
        done = 0
        while (begin := _index(lines, OPEN, done)) >= 0 and (end := _index(lines, CLOSE, begin)) >= 0:
            out += [*lines[done:begin], "", self._stash("\n".join(lines[begin + 1 : end])), ""]
            done = end + 1
        return out + lines[done:]

    def _stash(self, html: str) -> str:
        placeholder = self.md.htmlStash.store(html)
        if parts := block_parts(html):  # a block with headings; one without stays in the stash as it is
            self.blocks[placeholder] = parts
        return placeholder


def block_parts(html: str) -> list[Part]:
    """A block's HTML cut at its heading lines: HTML and headings in turn; none without headings."""
    parts: list[Part] = []
    start = 0
    for heading in HEADING.finditer(html):
        parts += [html[start : heading.start()], heading]
        start = heading.end()
    return [*parts, html[start:]] if parts else []


def _index(lines: list[str], line: str, start: int) -> int:
    try:
        return lines.index(line, start)
    except ValueError:
        return -1


class _MakeHeadings(Treeprocessor):
    """Replaces each block's paragraph by its HTML and its headings (after inline parsing and attribute
    lists, which must not touch them; before ``toc`` and MkDocs read the headings)."""

    def __init__(self, md: Markdown, blocks: dict[str, list[Part]]) -> None:
        super().__init__(md)
        self.blocks = blocks

    def run(self, root: Element) -> None:
        if not self.blocks:
            return
        for parent in list(root.iter()):
            for index in reversed(range(len(parent))):
                child = parent[index]
                parts = self.blocks.get(child.text or "") if child.tag == "p" and not len(child) else None
                if parts:
                    parent[index : index + 1] = self._elements(parts, child.tail)

    def _elements(self, parts: list[Part], tail: str | None) -> list[Element]:
        return block_elements(self.md, parts, tail)


def block_elements(md: Markdown, parts: list[Part], tail: str | None) -> list[Element]:
    """The elements of a block with headings: its HTML between the headings stashed in paragraphs, its
    headings as elements (text only)."""
    elements = []
    for part in parts:
        if isinstance(part, str):
            if not part.strip():
                continue
            element = Element("p")
            element.text = md.htmlStash.store(part.strip("\n"))
        else:
            attributes = {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(part[2])}
            element = Element(part[1], attributes)
            element.text = AtomicString(html.unescape(part[3]))
        element.tail = "\n"
        elements.append(element)
    elements[-1].tail = tail
    return elements


class RawHtmlExtension(Extension):
    """Stashes blocks after whitespace normalisation, before Markdown's HTML block parser (20); makes the
    headings after attribute lists (8), before the table of contents (5)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        """Add the preprocessor and the tree processor to ``md``."""
        blocks: dict[str, list[Part]] = {}
        md.preprocessors.register(_StashBlocks(md, blocks), "congkhai_raw_html", 25)
        md.treeprocessors.register(_MakeHeadings(md, blocks), "congkhai_headings", 6)
        handsafe.register(md)  # hand-written pages: sanitised (generator.core.handsafe)


def makeExtension(**kwargs: object) -> RawHtmlExtension:  # noqa: N802 (Python-Markdown's name)
    """The entry point Python-Markdown calls for ``generator.build.rawhtml``."""
    return RawHtmlExtension(**kwargs)
