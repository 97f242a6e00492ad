"""The generator's HTML blocks in Markdown: one block per record page, passed through by
``generator.build.rawhtml`` except its heading lines."""

from __future__ import annotations

import re

OPEN = "<!-- congkhai:html -->"
CLOSE = "<!-- /congkhai:html -->"
HEADING = re.compile(r'^<(h[1-6])((?: [a-z][a-z0-9-]*="[^"<>]*")*)>([^<>\n]+)</\1>$', re.MULTILINE)
"""A heading line inside a block: a whole line, double-quoted attributes, escaped text and no markup."""


def wrap(html: str) -> str:
    """``html`` marked as one block for this extension (a Markdown HTML block without it)."""
    return f"{OPEN}\n{html.strip()}\n{CLOSE}\n"
