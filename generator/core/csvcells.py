"""CSV cells a spreadsheet would run as a formula, neutralised as OWASP recommends.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by Excel, LibreOffice
and Google Sheets as a formula (``=HYPERLINK(…)``, ``@SUM(…)``, ``-2+3``), which can fetch addresses or,
in old versions, run commands. Such a cell gets a leading ``'`` (OWASP, "CSV Injection"): spreadsheets
then show it as text. Every such cell is prefixed, including ones that look like negative numbers
(``-5``), as OWASP advises: the CSV file's columns are all text (names, durations, fees), so nothing
numeric is lost, and the exact values stay in ``thu-tuc.json``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP)."""


def safe_cell(value: Any) -> Any:
    """``value``, with ``'`` before it when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class _Writer(Protocol):
    def writerow(self, row: Iterable[Any], /) -> Any: ...


class _FormulaSafe:
    """A CSV writer whose every cell goes through :func:`safe_cell`."""

    def __init__(self, writer: _Writer) -> None:
        self._writer = writer

    def writerow(self, row: Iterable[Any]) -> Any:
        """Write ``row``, its cells neutralised."""
        return self._writer.writerow([safe_cell(cell) for cell in row])


def formula_safe(writer: _Writer) -> _FormulaSafe:
    """``writer`` (from :func:`csv.writer`), writing every cell through :func:`safe_cell`."""
    return _FormulaSafe(writer)
