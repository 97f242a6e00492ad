"""«Trình tự thực hiện»: free text, split into steps at its bullets.

Steps start at lines beginning with «-» (or «+» when no line begins with «-»); lines in between stay with the
step before them. Text without bullets is split at blank lines, else line by line. Nothing is dropped.

A line broken in mid-sentence (text copied from a PDF: the line ends without punctuation and the next begins
with a lower-case word that is no list item such as «a)») is joined back with a space, so that «…hoàn tất
việc\nnộp hồ sơ.» reads as one sentence and does not show as a paragraph of its own.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from generator.importer.text import block_value

_SOFT_BREAK = re.compile(r"(?<=[^\W\d_])\n(?![^\W\d_]{1,2}\d*\))(?=[^\W\d_])")
"""A line break after a letter and before a word that is no list item («a)», «d3)»); joined when that word
is in lower case (:func:`_join`)."""


def parse_steps(text: str) -> list[dict[str, Any]]:
    """The steps of ``text``, each ``{"mo_ta": …}``, in order."""
    cleaned = block_value(relocate(text))
    if cleaned is None:
        return []
    lines = _SOFT_BREAK.sub(_join, cleaned).split("\n")
    for bullet in ("-", "+"):
        if any(line.startswith(bullet) for line in lines):
            return [{"mo_ta": step} for step in _group(lines, bullet)]
    chunks = cleaned.split("\n\n") if "\n\n" in cleaned else lines
    return [{"mo_ta": chunk.strip()} for chunk in chunks if chunk.strip()]


_TELL = re.compile(r"(?<=[^\W\d_]) \n(?=[^\W\d_])")
"""A space and a line break between two letters: where the portal's text has words cut from elsewhere."""
MOVED_WORDS_MAX = 4


def relocate(text: str) -> str:
    """Put back words the portal's text moved: «…đăng ký khai tâm Phục vụ…» and «…hoàn tất việc sinh tại
    Trung \nnộp hồ sơ.» (1.001193) read «…đăng ký khai sinh tại Trung tâm Phục vụ…» and «…hoàn tất việc
    nộp hồ sơ.». The last 1 to :data:`MOVED_WORDS_MAX` words before a space and a line break followed by a
    lower-case word move to the one place where the pair of words around it occurs nowhere else in the
    text while the moved words join both neighbours in pairs that do occur elsewhere; nothing moves unless
    exactly one such place and word count exist (on the 1,069 records of three ministries, one record)."""
    for tell in _TELL.finditer(text):
        if not text[tell.end()].islower():
            continue
        head, tail = text[: tell.start()], text[tell.end() :]
        words = head.split(" ")
        found: list[tuple[int, int]] = []
        for k in range(1, MOVED_WORDS_MAX + 1):
            if len(words) <= k:
                break
            frag = words[-k:]
            if any(not w or not w[-1].isalpha() for w in frag):
                break
            rest = " ".join(words[:-k]) + "\n" + tail
            found += [(k, p) for p in _places(rest, frag)]
        if len(found) == 1:
            k, start = found[0]
            rest = " ".join(words[:-k]) + "\n" + tail
            return rest[:start] + " ".join(words[-k:]) + " " + rest[start:]
    return text


def _places(text: str, frag: list[str]) -> list[int]:
    """Where in ``text`` the words ``frag`` could have come from (see :func:`relocate`)."""
    tokens = [(m.group(), m.start()) for m in re.finditer(r"\S+", text)]
    pairs: dict[tuple[str, str], int] = {}
    for (a, _), (b, _) in pairwise(tokens):
        pairs[(a, b)] = pairs.get((a, b), 0) + 1
    out: list[int] = []
    for (a, _), (b, start) in pairwise(tokens):
        if text[start - 1] != " " or pairs[(a, b)] != 1:
            continue
        if pairs.get((a, frag[0]), 0) and pairs.get((frag[-1], b), 0):
            out.append(start)
    return out


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
