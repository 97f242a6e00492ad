"""Codes, dates and file names in a table cell are never cut at a line's end.

Browsers may end a line after a dash («PAKN-|2025-023», «61/2018/NĐ-|CP», «ke-|hoach.json»), and no
CSS property forbids that short of keeping a whole text on one line. So each such token of a table
cell's text (letters and digits joined by dashes, dots and slashes, at least one dash) is wrapped in
``<span class="ck-nowrap">`` (``theme/assets/congkhai.css``); the characters are the same, so search,
copying and screen readers read the same text. Only text between tags is touched, never an attribute
(the text is read with its character references decoded and written back escaped); a token longer than
:data:`LONGEST` (an address written out) is left free to wrap.
"""

from __future__ import annotations

import html
import re

LONGEST = 40
"""Tokens longer than this many characters may still wrap at their dashes."""

_CELL = re.compile(r"(<t[dh]\b[^>]*>)(.*?)(</t[dh]>)", re.S)
_TAG = re.compile(r"(<[^>]*>)")
_PART = r"[\w<>]+(?:[./][\w<>]+)*"
_CODE = re.compile(rf"(?<![\w<>./:-]){_PART}(?:-{_PART})+(?![\w-])")


def keep_codes_whole(page: str) -> str:
    """``page`` (HTML) with each dashed code, date or file name inside a table cell kept on one line."""
    if "<t" not in page:
        return page
    return _CELL.sub(_cell, page)


def _cell(match: re.Match[str]) -> str:
    parts = _TAG.split(match.group(2))
    text = "".join(part if part.startswith("<") else _text(part) for part in parts)
    return f"{match.group(1)}{text}{match.group(3)}"


def _text(part: str) -> str:
    """One text between tags, its codes kept whole; unchanged when it holds none."""
    plain = html.unescape(part)
    codes = [m for m in _CODE.finditer(plain) if len(m.group(0)) <= LONGEST]
    if not codes:
        return part
    out, end = [], 0
    for code in codes:
        out.append(html.escape(plain[end : code.start()], quote=False))
        out.append(f'<span class="ck-nowrap">{html.escape(code.group(0), quote=False)}</span>')
        end = code.end()
    out.append(html.escape(plain[end:], quote=False))
    return "".join(out)
