"""«Trình tự thực hiện»: free text, split into steps at its bullets.

Steps start at lines beginning with «-» (or «+» when no line begins with «-»); lines in between stay with the
step before them. Text without bullets is split at blank lines, else line by line. Nothing is dropped.

A line broken in mid-sentence (text copied from a PDF: the line ends without punctuation and the next begins
with a lower-case word that is no list item such as «a)») is joined back with a space, so that «…hoàn tất
việc\nnộp hồ sơ.» reads as one sentence and does not show as a paragraph of its own.
"""

from __future__ import annotations

import re
from typing import Any

from generator.importer.text import block_value

_SOFT_BREAK = re.compile(r"(?<=[^\W\d_])\n(?![^\W\d_]{1,2}\d*\))(?=[^\W\d_])")
"""A line break after a letter and before a word that is no list item («a)», «d3)»); joined when that word
is in lower case (:func:`_join`)."""


def parse_steps(text: str) -> list[dict[str, Any]]:
    """The steps of ``text``, each ``{"mo_ta": …}``, in order."""
    cleaned = block_value(text)
    if cleaned is None:
        return []
    lines = _SOFT_BREAK.sub(_join, cleaned).split("\n")
    for bullet in ("-", "+"):
        if any(line.startswith(bullet) for line in lines):
            return [{"mo_ta": step} for step in _group(lines, bullet)]
    chunks = cleaned.split("\n\n") if "\n\n" in cleaned else lines
    return [{"mo_ta": chunk.strip()} for chunk in chunks if chunk.strip()]


def _join(match: re.Match[str]) -> str:
    return " " if match.string[match.end()].islower() else "\n"


def _group(lines: list[str], bullet: str) -> list[str]:
    steps: list[list[str]] = []
    for line in lines:
        if line.startswith(bullet) or not steps:
            steps.append([line.removeprefix(bullet).strip()] if line.startswith(bullet) else [line])
        else:
            steps[-1].append(line)
    return [text for text in ("\n".join(step).strip() for step in steps) if text]
