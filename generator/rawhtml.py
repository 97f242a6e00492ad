"""A Markdown extension that passes the generator's HTML blocks through without parsing them.

The per-record pages are Markdown whose section bodies are HTML blocks written by our templates with
every value escaped (:func:`generator.render.raw`). Python-Markdown would hand each block to its HTML
parser; at 5,000 pages that costs more than the rest of the page. This preprocessor stores each block
marked by :data:`OPEN` and :data:`CLOSE` in the HTML stash as it is, which gives the same HTML as the
parser would (a test compares both) at a fraction of the cost. Listed in ``mkdocs.yml`` as
``generator.rawhtml``.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

OPEN = "<!-- congkhai:html -->"
CLOSE = "<!-- /congkhai:html -->"
_BLOCK = re.compile(f"^{re.escape(OPEN)}\n(.*?)\n{re.escape(CLOSE)}$", re.MULTILINE | re.DOTALL)


def wrap(html: str) -> str:
    """``html`` marked as one block for this extension (a Markdown HTML block without it)."""
    return f"{OPEN}\n{html.strip()}\n{CLOSE}\n"


class _StashBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if OPEN not in text:
            return lines
        return _BLOCK.sub(self._stash, text).split("\n")

    def _stash(self, match: re.Match[str]) -> str:
        return "\n\n" + self.md.htmlStash.store(match[1]) + "\n\n"


class RawHtmlExtension(Extension):
    """Registers the preprocessor after whitespace normalisation, before Markdown's HTML block parser."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        """Add the preprocessor to ``md``."""
        md.preprocessors.register(_StashBlocks(md), "congkhai_raw_html", 25)


def makeExtension(**kwargs: object) -> RawHtmlExtension:  # noqa: N802 (Python-Markdown's name)
    """The entry point Python-Markdown calls for ``generator.rawhtml``."""
    return RawHtmlExtension(**kwargs)
