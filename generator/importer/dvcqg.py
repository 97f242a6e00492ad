"""Read the national portal's data: one JSON object per procedure, and the list export (XLSX).

A source path that does not exist stops the run (nothing is read). A record file that cannot be read, has no
code or repeats a code is skipped and listed with its reason; a list export that cannot be read is a warning.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.importer.report import ImportErrors, Skipped
from generator.importer.text import one_line

LIST_COLUMNS = ("Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực")
"""The columns of the portal's «DANH SÁCH THỦ TỤC HÀNH CHÍNH» export, in its order."""
_HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class NationalRecord:
    """One procedure as crawled from the national portal: 22 text fields, by their JSON keys."""

    path: str
    fields: dict[str, str]

    @property
    def code(self) -> str:
        """Mã thủ tục."""
        return self.get("ma_thu_tuc")

    def get(self, key: str) -> str:
        """The text of field ``key`` ("" when absent)."""
        return self.fields.get(key, "")


@dataclass(frozen=True)
class ListRow:
    """One row of the list export."""

    path: str
    code: str
    name: str
    issuer: str
    agencies: tuple[str, ...]
    sector: str


@dataclass(frozen=True)
class Sources:
    """Everything read from the sources given on the command line."""

    records: tuple[NationalRecord, ...]
    rows: dict[str, ListRow]
    skipped: tuple[Skipped, ...] = ()
    """Record files that cannot be read, have no code or repeat one."""
    warnings: tuple[str, ...] = ()
    """Problems of list exports (XLSX), each naming its file."""


def read_sources(paths: Iterable[Path]) -> Sources:
    """Read every ``*.json`` and ``*.xlsx`` file named (directories are searched recursively).

    Raises :class:`ImportErrors` only when a path does not exist.
    """
    missing: list[str] = []
    files = _files(list(paths), missing)
    if missing:
        raise ImportErrors(missing)
    skipped: list[Skipped] = []
    warnings: list[str] = []
    records: list[NationalRecord] = []
    rows: dict[str, ListRow] = {}
    for path in files:
        if path.suffix.lower() == ".xlsx":
            for row in _read_list(path, warnings):
                rows.setdefault(row.code, row)
        else:
            problems: list[str] = []
            record = _read_record(path, problems)
            if record is not None:
                records.append(record)
            skipped += [Skipped(str(path), "", problem) for problem in problems]
    records, duplicates = _duplicates(records)
    return Sources(
        tuple(sorted(records, key=lambda r: r.code)), rows, tuple(skipped + duplicates), tuple(warnings)
    )


def _files(paths: list[Path], problems: list[str]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*") if p.suffix.lower() in (".json", ".xlsx") and p.is_file()
            )
        elif path.is_file():
            found.append(path)
        else:
            problems.append(f"{path}: không tìm thấy tệp hoặc thư mục nguồn")
    return found


def _read_record(path: Path, problems: list[str]) -> NationalRecord | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"không đọc được tệp ({_reason(exc)})")
        return None
    except json.JSONDecodeError as exc:
        problems.append(f"không phải JSON hợp lệ (dòng {exc.lineno}: {exc.msg})")
        return None
    if not isinstance(data, dict):
        problems.append("cần một đối tượng JSON cho mỗi thủ tục")
        return None
    fields = {str(k): _nfc(v) if isinstance(v, str) else "" for k, v in data.items()}
    if not one_line(fields.get("ma_thu_tuc", "")):
        problems.append("bản ghi không có mã thủ tục («ma_thu_tuc» trống)")
        return None
    fields["ma_thu_tuc"] = one_line(fields["ma_thu_tuc"])
    return NationalRecord(str(path), fields)


def _reason(exc: Exception) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__


def _duplicates(records: list[NationalRecord]) -> tuple[list[NationalRecord], list[Skipped]]:
    """The first record of each code (in path order), and the later ones as skipped."""
    first: dict[str, str] = {}
    kept, skipped = [], []
    for record in sorted(records, key=lambda r: r.path):
        if record.code in first:
            skipped.append(
                Skipped(record.path, record.code, f"mã {record.code} đã có trong {first[record.code]}")
            )
        else:
            first[record.code] = record.path
            kept.append(record)
    return kept, skipped


def _read_list(path: Path, problems: list[str]) -> list[ListRow]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        problems.append(f"{path}: không đọc được tệp XLSX ({type(exc).__name__})")
        return []
    try:
        table = [[_cell(c) for c in row] for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()
    return _list_rows(path, table, problems)


def _cell(value: Any) -> str:
    return "" if value is None else _nfc(str(value)).strip()


def _nfc(text: str) -> str:
    """Composed Unicode: the portal mixes composed and decomposed Vietnamese letters."""
    return unicodedata.normalize("NFC", text)


def _list_rows(path: Path, table: list[list[str]], problems: list[str]) -> list[ListRow]:
    header_at = _header_row(table)
    if header_at is None:
        problems.append(f"{path}: {_header_problem(table)}")
        return []
    header = table[header_at]
    index = {name: header.index(name) for name in LIST_COLUMNS}
    rows = []
    for cells in table[header_at + 1 :]:
        cells = cells + [""] * (len(header) - len(cells))
        code = one_line(cells[index["Mã số"]])
        if code:
            rows.append(_list_row(str(path), code, cells, index))
    return rows


def _header_row(table: list[list[str]]) -> int | None:
    for i, cells in enumerate(table[:_HEADER_SEARCH_ROWS]):
        if all(name in cells for name in LIST_COLUMNS):
            return i
    return None


def _header_problem(table: list[list[str]]) -> str:
    expected = ", ".join(f"«{name}»" for name in LIST_COLUMNS)
    candidates = [cells for cells in table[:_HEADER_SEARCH_ROWS] if sum(bool(c) for c in cells) > 1]
    found = ", ".join(f"«{c}»" for c in candidates[0] if c) if candidates else "không có"
    return f"không thấy hàng tiêu đề của danh sách thủ tục: cần các cột {expected}; hàng tiêu đề có {found}"


def _list_row(path: str, code: str, cells: list[str], index: dict[str, int]) -> ListRow:
    agencies = tuple(one_line(a) for a in cells[index["Cơ quan thực hiện"]].split("\n") if one_line(a))
    return ListRow(
        path=path,
        code=code,
        name=one_line(cells[index["Tên"]]),
        issuer=one_line(cells[index["Cơ quan ban hành"]]),
        agencies=agencies,
        sector=one_line(cells[index["Lĩnh vực"]]),
    )
