"""Read the national portal's data: one JSON object per procedure, and the list export (XLSX).

A source path that does not exist stops the run (nothing is read). A record file that cannot be read, has no
code or repeats a code is skipped and listed with its reason; a list export that cannot be read is a warning.
"""

from __future__ import annotations

import errno
import json
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.importer.report import ImportErrors, Skipped
from generator.importer.text import one_line

LIST_COLUMNS = ("Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực")
"""The columns of the portal's «DANH SÁCH THỦ TỤC HÀNH CHÍNH» export, in its order."""
_HEADER_SEARCH_ROWS = 10
MAX_JSON_BYTES = 5_000_000
"""The largest JSON record read (the largest real one is 89 KB)."""
MAX_JSON_DEPTH = 50
"""Arrays and objects nested deeper than this are refused (a record is one flat object)."""
FIELDS = (
    "ma_thu_tuc",
    "detail_url",
    "formality_id",
    "ten_thu_tuc",
    "so_quyet_dinh",
    "cap_thuc_hien",
    "loai_thu_tuc",
    "linh_vuc",
    "doi_tuong_thuc_hien",
    "co_quan_co_tham_quyen",
    "dia_chi_tiep_nhan",
    "co_quan_duoc_uy_quyen",
    "co_quan_phoi_hop",
    "thu_tuc_lien_quan",
    "trinh_tu_thuc_hien",
    "cach_thuc_thuc_hien",
    "thanh_phan_ho_so",
    "can_cu_phap_ly",
    "co_quan_thuc_hien",
    "yeu_cau_dieu_kien",
    "ket_qua_xu_ly",
    "raw_text",
)
"""The text fields of a national record (``null`` reads as empty; other keys are not read)."""
JSON_KINDS = {
    bool: "true/false",
    int: "số",
    float: "số",
    list: "mảng",
    dict: "đối tượng",
    str: "chuỗi văn bản",
}
"""What each kind of JSON value is called in a message."""


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
        data = read_json(path)
    except OSError as exc:
        problems.append(_os_reason(exc))
        return None
    except JsonProblem as exc:
        problems.append(str(exc))
        return None
    problem = _shape_problem(data)
    if problem:
        problems.append(problem)
        return None
    fields = {key: _nfc(data.get(key) or "") for key in FIELDS}
    if not one_line(fields.get("ma_thu_tuc", "")):
        problems.append("bản ghi không có mã thủ tục («ma_thu_tuc» trống)")
        return None
    fields["ma_thu_tuc"] = one_line(fields["ma_thu_tuc"])
    return NationalRecord(str(path), fields)


def _os_reason(exc: OSError) -> str:
    """Why a source file cannot be read, in Vietnamese (the system's English text never reaches staff)."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "không có quyền đọc tệp"
    return f"không đọc được tệp (lỗi hệ thống số {exc.errno})"


def _shape_problem(data: Any) -> str | None:
    """Why ``data`` is not a national record (an object whose :data:`FIELDS` are texts), or ``None``."""
    if not isinstance(data, dict):
        return f"cần một đối tượng JSON cho mỗi thủ tục, tệp chứa một {_kind(data)}"
    for key in FIELDS:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            return f"trường «{key}» phải là chuỗi văn bản, không phải {_kind(value)}"
    return None


def _kind(value: Any) -> str:
    return JSON_KINDS.get(type(value), "giá trị null" if value is None else type(value).__name__)


class JsonProblem(ValueError):
    """A JSON file that is too large, too deep or not JSON; the message says which, in Vietnamese."""


_JSON_MESSAGES = (
    ("Expecting value", "thiếu giá trị"),
    ("Expecting property name", "tên trường phải viết trong dấu nháy kép"),
    ("Expecting ',' delimiter", "thiếu dấu phẩy giữa hai mục"),
    ("Expecting ':' delimiter", "thiếu dấu «:» sau tên trường"),
    ("Unterminated string", "chuỗi chưa đóng dấu nháy kép"),
    ("Invalid control character", "có ký tự điều khiển trong chuỗi (phải viết dạng \\uXXXX)"),
    ("Invalid \\uXXXX escape", "mã «\\u» phải có đủ bốn chữ số thập lục phân"),
    ("Invalid \\escape", "dấu «\\» trong chuỗi phải viết là «\\\\»"),
    ("Extra data", "có dữ liệu thừa sau đối tượng JSON"),
    ("trailing comma", "có dấu phẩy thừa trước dấu đóng ngoặc"),
)
"""The decoder's problems, by the start of their English words, as staff read them."""


def read_json(path: Path) -> Any:
    """The JSON value in ``path``: at most :data:`MAX_JSON_BYTES` bytes and :data:`MAX_JSON_DEPTH` levels
    deep, in UTF-8 (a byte order mark is read), with no integer longer than Python reads; else a
    :class:`JsonProblem` (``OSError`` when it cannot be read)."""
    raw = path.read_bytes()
    if len(raw) > MAX_JSON_BYTES:
        raise JsonProblem(
            _dotted(f"tệp quá lớn: {len(raw):,} byte (tối đa {MAX_JSON_BYTES:,} byte cho một bản ghi JSON)")
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JsonProblem(f"tệp không phải UTF-8 (byte lỗi ở vị trí {exc.start})") from None
    try:
        data = json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as exc:
        reason = next((vi for en, vi in _JSON_MESSAGES if en in exc.msg), "cú pháp JSON sai")
        raise JsonProblem(f"không phải JSON hợp lệ (dòng {exc.lineno}: {reason})") from None
    except RecursionError:  # deeper than Python's stack, so deeper than the limit too
        data = _TOO_DEEP
    if data is _TOO_DEEP or _depth(data) > MAX_JSON_DEPTH:
        raise JsonProblem(f"JSON lồng quá sâu: quá {MAX_JSON_DEPTH} cấp mảng, đối tượng")
    return data


_TOO_DEEP = object()


def _integer(digits: str) -> int:
    """A JSON integer; a :class:`JsonProblem` when it has more digits than Python turns into an int
    (``sys.get_int_max_str_digits``, 4,300: the ``ValueError`` it raises stopped the whole import)."""
    limit = sys.get_int_max_str_digits()
    count = len(digits.lstrip("-"))
    if limit and count > limit:
        raise JsonProblem(_dotted(f"có số quá dài: {count:,} chữ số (tối đa {limit:,})"))
    return int(digits)


def _dotted(text: str) -> str:
    """``text`` with the thousands separators Vietnamese uses (``5.000``, not ``5,000``)."""
    return text.replace(",", ".")


def _depth(value: Any) -> int:
    """How deep arrays and objects nest in ``value`` (0 for a number or text), looking no deeper than
    one level past :data:`MAX_JSON_DEPTH`."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        if depth <= MAX_JSON_DEPTH:
            stack.extend((child, depth + 1) for child in children)
    return deepest


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
        table = _table(path, workbook.worksheets[0].iter_rows(values_only=True), problems)
    finally:
        workbook.close()
    return _list_rows(path, table, problems)


def _table(path: Path, rows: Iterator[tuple[Any, ...]], problems: list[str]) -> list[list[str]]:
    """The cells of ``rows`` as texts; a row openpyxl cannot read (a number of 5,000 digits) ends the
    list with a warning, the rows before it kept: its reader cannot go on past a bad cell."""
    table: list[list[str]] = []
    while True:
        try:
            row = next(rows, None)
        except Exception as exc:  # openpyxl raises many kinds for a damaged cell
            problems.append(
                f"{path}: không đọc được dòng {len(table) + 1} (có ô không đọc được: {_cell_problem(exc)}); "
                "đã đọc các dòng trước đó"
            )
            return table
        if row is None:
            return table
        table.append([_cell(c) for c in row])


def _cell_problem(exc: Exception) -> str:
    return "số quá dài" if "integer string conversion" in str(exc) else type(exc).__name__


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
