"""A page that is one generator block, converted without Python-Markdown's parsing stages.

Every record page (a procedure, a feedback item, a sector list) is front matter and one HTML block
(:mod:`generator.build.rawhtml`). Python-Markdown still reads such a page line by line (whitespace,
fenced code, HTML blocks), parses it into blocks, runs the inline patterns and builds, serializes and
post-processes a table-of-contents ``div`` that MkDocs never reads: at 5,000 procedures + 5,000
feedback items that was 8.9 s of CPU, a sixth of the build. For a page that is one block and holds
nothing those stages would change (no tab, carriage return, line of spaces, fence, Markdown's own
placeholder characters or ``data-toc-label``), :class:`BlockPageMarkdown` makes the tree those stages
end with (:func:`~generator.build.rawhtml.block_elements`, as the extension does), gives its headings
their ``id`` and the table-of-contents tokens with the ``toc`` extension's own functions, runs the tree
processors that follow (MkDocs' anchors, title and links; the unescaping) and the post-processors, and
serializes as :meth:`markdown.Markdown.convert` does. Any other page, and any converter whose
processors are not the ones listed here, goes through Python-Markdown whole. ``tests/test_blockpage.py``
compares both on every generated page (HTML, table of contents, anchors, title).
"""

from __future__ import annotations

import html
import re
from typing import Any
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions.toc import TocTreeprocessor, escape_cdata, nest_toc_tokens, strip_tags, unique
from markdown.extensions.toc import unescape as toc_unescape
from markdown.util import Registry

from generator.build.rawhtml import block_elements, block_parts
from generator.core.htmlblock import CLOSE, OPEN

_PREPROCESSORS = frozenset(
    {
        "congkhai_hand_marker",
        "normalize_whitespace",
        "fenced_code_block",
        "congkhai_raw_html",
        "html_block",
        "mkdocs_raw_html",
    }
)
"""The preprocessors whose work on a one-block page is known: none changes it (see the module)."""
_AFTER_HEADINGS = frozenset({"toc", "unescape", "mkdocs_extract_anchors", "mkdocs_extract_title", "relpath"})
"""The tree processors that run after the headings are made; ``toc`` is done here."""
_POSTPROCESSORS = frozenset({"raw_html", "amp_substitute", "congkhai_hand_clean"})
_CHANGED_BY_MARKDOWN = ("\t", "\r", "\x02", "\x03", "```", "~~~", "data-toc-label")
"""What Python-Markdown's reading stages would change, or the direct path does not handle; also a line
of spaces (:data:`_SPACE_LINE`)."""
_SPACE_LINE = re.compile(r"\n +\n")


class BlockPageMarkdown(markdown.Markdown):
    """A Python-Markdown converter that converts a one-block page directly (see the module)."""

    def convert(self, source: str) -> str:
        """``source`` as HTML, exactly as :meth:`markdown.Markdown.convert` makes it."""
        block = _one_block(source)
        if block is None or not _known_processors(self):
            return super().convert(source)
        return _convert_block(self, source, block)


def _one_block(source: str) -> str | None:
    """The HTML of ``source`` if it is one generator block with nothing Markdown would change."""
    text = source.strip()
    if not (text.startswith(f"{OPEN}\n") and text.endswith(f"\n{CLOSE}")) or text.count(OPEN) != 1:
        return None
    if source.strip("\n") != text or any(mark in source for mark in _CHANGED_BY_MARKDOWN):
        return None
    if "\n " in text and _SPACE_LINE.search(text):
        return None
    block = text[len(OPEN) + 1 : -len(CLOSE) - 1]
    return block if block.strip() and CLOSE not in block else None


def _known_processors(md: markdown.Markdown) -> bool:
    trees = md.treeprocessors
    if "congkhai_headings" not in trees or "toc" not in trees:
        return False
    after = trees[trees.get_index_for_name("congkhai_headings") + 1 :]
    toc = trees["toc"]
    return (
        _only(md.preprocessors, _PREPROCESSORS)
        and _only(after, _AFTER_HEADINGS)
        and _only(md.postprocessors, _POSTPROCESSORS)
        and isinstance(toc, TocTreeprocessor)
        and not toc.use_anchors
        and toc.use_permalinks in (False, None)
    )


def _only(registry: Registry[Any], names: frozenset[str]) -> bool:
    """Whether every processor in ``registry`` is one of ``names``."""
    return len(registry) == sum(name in registry for name in names)


def _convert_block(md: Any, source: str, block: str) -> str:
    md.preprocessors["congkhai_hand_marker"].run(source.split("\n", 1)[:1])  # not a hand page
    root = Element(md.doc_tag)
    if parts := block_parts(block):
        root.extend(block_elements(md, parts, None))
    else:
        paragraph = Element("p")
        paragraph.text = md.htmlStash.store(block)
        root.append(paragraph)
    after = md.treeprocessors.get_index_for_name("congkhai_headings") + 1
    for processor in md.treeprocessors[after:]:
        if isinstance(processor, TocTreeprocessor):
            md.toc_tokens = _headings(processor, root)
        else:
            processor.run(root)
    output = md.serializer(root)
    start = output.index(f"<{md.doc_tag}>") + len(md.doc_tag) + 2
    output = output[start : output.rindex(f"</{md.doc_tag}>")].strip()
    for postprocessor in md.postprocessors:
        output = postprocessor.run(output)
    return str(output.strip())


def _headings(toc: TocTreeprocessor, root: Element) -> list[Any]:
    """What :meth:`TocTreeprocessor.run` does to a tree of text-only headings: each heading's level and
    ``id``, and the nested tokens (its ``div`` is not made: MkDocs reads the tokens)."""
    used = {element.attrib["id"] for element in root.iter() if "id" in element.attrib}
    counters: dict[str, int] = {}
    tokens: list[Any] = []
    for element in root.iter():
        if not (isinstance(element.tag, str) and toc.header_rgx.match(element.tag)):
            continue
        toc.set_level(element)
        # toc's render_inner_html of a text-only heading, whose text holds no placeholder
        inner = escape_cdata(element.text or "").strip()
        name = strip_tags(inner)
        if "id" not in element.attrib:
            element.attrib["id"] = unique(toc.slugify(html.unescape(name), toc.sep), used, counters)
        level = int(element.tag[-1])
        if toc.toc_top <= level <= toc.toc_bottom:
            tokens.append(
                {
                    "level": level,
                    "id": toc_unescape(element.attrib["id"]),
                    "name": name,
                    "html": inner,
                    "data-toc-label": "",
                }
            )
    return nest_toc_tokens(tokens)
