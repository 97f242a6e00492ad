"""Every table of a page reads on a phone without being cut off at the right.

A table the templates did not mark (``data-ck``) is marked here, after Markdown: one with a single
header row becomes cards on a phone (``data-ck="cards"``, each cell labelled with its column's name in
``data-label``, ``theme/assets/congkhai.css``); one whose header spans rows or columns (Biểu 06), where a
card makes no sense, scrolls sideways inside its own region (``data-ck="scroll"``) and is preceded by a
cue saying so, shown on a phone only. The cells' text is unchanged.
"""

from __future__ import annotations

import html
import re

from generator.core.render import SCROLL_CUE

_TABLE = re.compile(r"<table\b([^>]*)>(.*?)</table>", re.S)
_THEAD = re.compile(r"<thead\b[^>]*>(.*?)</thead>", re.S)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
_HEAD_CELL = re.compile(r"<th\b([^>]*)>(.*?)</th>", re.S)
_BODY_CELL = re.compile(r"<(td|th)\b([^>]*)>", re.S)
_TAG = re.compile(r"<[^>]*>")


def label_tables(page: str) -> str:
    """``page`` (HTML) with each unmarked table made cards or a scrolling region on a phone."""
    if "<table" not in page:
        return page
    return _TABLE.sub(_table, page)


def _table(match: re.Match[str]) -> str:
    attributes, inner = match.group(1), match.group(2)
    if "data-ck=" in attributes:
        return match.group(0)
    head = _THEAD.search(inner)
    rows = _ROW.findall(head.group(1)) if head else []
    names = (
        [
            (cell.group(1), " ".join(html.unescape(_TAG.sub("", cell.group(2))).split()))
            for cell in _HEAD_CELL.finditer(rows[0])
        ]
        if len(rows) == 1
        else []
    )
    if not names or any("span=" in cell for cell, _ in names):
        return f'{SCROLL_CUE}<table data-ck="scroll"{attributes}>{inner}</table>'
    body = inner[head.end() :] if head else inner
    labelled = _ROW.sub(lambda row: _labelled_row(row, [name for _, name in names]), body)
    return f'<table data-ck="cards"{attributes}>{inner[: head.end()] if head else ""}{labelled}</table>'


def _labelled_row(row: re.Match[str], names: list[str]) -> str:
    """One body row, each cell labelled with its column's name (a cell that spans columns is left bare)."""
    column = 0

    def label(cell: re.Match[str]) -> str:
        nonlocal column
        kind, attributes = cell.group(1), cell.group(2)
        name = names[column] if column < len(names) else ""
        column += 1
        if "span=" in attributes or "data-label=" in attributes or not name:
            return cell.group(0)
        return f'<{kind} data-label="{html.escape(name)}"{attributes}>'

    return _BODY_CELL.sub(label, row.group(0))
