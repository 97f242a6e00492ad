"""CSV for open data, with the cells a spreadsheet would run as a formula neutralised as OWASP recommends.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by Excel, LibreOffice
and Google Sheets as a formula (``=HYPERLINK(…)``, ``@SUM(…)``, ``-2+3``), which can fetch addresses or,
in old versions, run commands. Such a cell gets a leading ``'`` (OWASP, "CSV Injection"): spreadsheets
then show it as text, and a program reading the CSV can strip it. Every such cell is prefixed, including
ones that look like negative numbers (``-5``), as OWASP advises: the exact values stay in the JSON files.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP)."""


def safe_cell(value: object) -> str:
    """``value`` as a CSV cell: text, with ``'`` before it when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV document (``\\n`` line ends) of ``header`` and ``rows``, every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([safe_cell(cell) for cell in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return out.getvalue()
