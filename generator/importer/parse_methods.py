"""«Cách thức thực hiện»: the flattened table *Hình thức nộp | Thời gian | Phí, lệ phí | Mô tả*.

Example: ``Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến5 Ngày làm việcMiễn phíTrực tiếp1Miễn phí``.
A row starts where a channel name is glued to its time cell: a digit, «Không có thông tin», or a capital
letter starting a time given as a sentence («Trực tiếpTheo thời hạn của hợp đồngMiễn phí»). A time given as a
sentence is kept verbatim in ``thoi_han.mo_ta``; text before the first row is kept in ``mo_ta``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.importer.parse_fees import FREE, parse_fee_cell, window_fees
from generator.importer.report import Issue
from generator.importer.text import NO_INFO, block, number, one_line

HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
CHANNELS = {"Trực tuyến": "truc_tuyen", "Trực tiếp": "truc_tiep", "Dịch vụ bưu chính": "buu_chinh"}
ROW_START = re.compile(r"(Trực tuyến|Trực tiếp|Dịch vụ bưu chính)(?=\d|[A-ZĐ\u00c0-\u1ef9])")
"""A channel name glued to a digit or a capital (checked further in :func:`_row_starts`)."""
UNITS = {
    "Ngày làm việc": "ngay_lam_viec",
    "Giờ làm việc": "gio_lam_viec",
    "Ngày": "ngay",
    "Giờ": "gio",
    "Tháng": "thang",
}
TIME_WITH_UNIT = re.compile(r"(\d+) (" + "|".join(UNITS) + ")")
BARE_TIME = re.compile(r"(\d+)(?=" + FREE + "|" + NO_INFO + ")")


FEE_START = re.compile(r"(?<=\S)(?:" + FREE + "|" + NO_INFO + r"|\d[\d,]* ?(?:Việt Nam Đồng|VNĐ|USD))")
"""Where a fee cell begins after a time given as a sentence: glued to it."""


@dataclass
class MethodRows:
    """The channels read from one table, with counts and issues."""

    methods: list[dict[str, Any]] = field(default_factory=list)
    parsed: int = 0
    """Rows whose time cell was read."""
    fees_parsed: int = 0
    """Rows whose fee cell was read."""
    no_info: int = 0
    preamble: str | None = None
    """Text before the first row (or the whole text when no row is found), kept verbatim."""
    issues: list[Issue] = field(default_factory=list)


def parse_methods(text: str) -> MethodRows:
    """Read every channel row of the flattened table ``text``."""
    body = text[len(HEADER) :] if text.startswith(HEADER) else text
    starts = _row_starts(body)
    out = MethodRows()
    head = block(body[: starts[0].start()] if starts else body)
    if head and head != NO_INFO:
        out.preamble = head
        out.issues.append(
            Issue("cach_thuc_mo_ta", f"phần không thuộc hàng nào, ghi nguyên văn: «{_clip(head)}»")
        )
    ends = [m.start() for m in starts[1:]] + [len(body)] if starts else []
    for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
        row = body[start.end() : end]
        method, ok, fee_ok, no_info, issues = _row(CHANNELS[start[1]], row, f"cach_thuc[{i}]")
        out.methods.append(method)
        out.parsed += ok
        out.fees_parsed += fee_ok
        out.no_info += no_info
        out.issues += issues
    return out


def _row_starts(body: str) -> list[re.Match[str]]:
    """Channel names that begin a row: not the first word of another channel name glued after them."""
    starts = []
    for match in ROW_START.finditer(body):
        if not any(body.startswith(name, match.end()) for name in CHANNELS):
            starts.append(match)
    return starts


def _clip(text: str, width: int = 80) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _row(channel: str, row: str, where: str) -> tuple[dict[str, Any], bool, bool, bool, list[Issue]]:
    """One channel: (data, time read, fee read, «Không có thông tin» seen, issues)."""
    method: dict[str, Any] = {"hinh_thuc": channel}
    duration, rest, time_ok = _time(row)
    if duration is not None:
        method["thoi_han"] = duration
    issues: list[Issue] = []
    if not time_ok:
        fee_at = FEE_START.search(row)
        if fee_at is None and not row[0].isdigit():  # a time given as a sentence, and no fee cell
            method["thoi_han"] = {"mo_ta": block(row)}
            method["phi_le_phi"] = [{"mo_ta": NO_INFO}]
            issue = Issue(
                f"{where}.thoi_han",
                f"thời hạn không ghi bằng số, không thấy ô phí; ghi nguyên văn vào «mo_ta»: «{_clip(row)}»",
            )
            return method, False, False, False, [issue]
        if fee_at is None or fee_at.start() == 0 or row[0].isdigit():
            cells = one_line(row.split("(", 1)[0]) or one_line(row)
            issue = Issue(
                f"{where}.thoi_han",
                f"không tách được thời hạn và phí trong «{cells}»; ghi nguyên văn vào «phi_le_phi[0].mo_ta»",
            )
            method["phi_le_phi"] = [{"mo_ta": one_line(row)}]
            return method, False, False, False, [issue]
        said = one_line(row[: fee_at.start()])
        method["thoi_han"] = {"mo_ta": said}
        issues.append(
            Issue(
                f"{where}.thoi_han",
                f"thời hạn không ghi bằng số; ghi nguyên văn vào «mo_ta»: «{_clip(said)}»",
            )
        )
        rest = row[fee_at.start() :]
    cell = parse_fee_cell(rest, f"{where}.phi_le_phi")
    description = block(cell.rest)
    fees = cell.fees
    if description and not any("hieu_luc_tu" in f for f in fees) and len(window_fees(description)) == 1:
        fees = [*fees, *window_fees(description)]
    method["phi_le_phi"] = fees
    if description:
        method["mo_ta"] = description
    no_info = (time_ok and duration is None) or cell.no_info
    return method, time_ok, cell.recognised, no_info, issues + cell.issues


def _time(row: str) -> tuple[dict[str, Any] | None, str, bool]:
    """The time cell: (duration or None, the rest of the row, whether the cell was understood)."""
    if row.startswith(NO_INFO):
        return None, row[len(NO_INFO) :], True
    match = TIME_WITH_UNIT.match(row)
    if match:
        return {"so": number(match[1]), "don_vi": UNITS[match[2]]}, row[match.end() :], True
    match = BARE_TIME.match(row)
    if match:
        return {"so": number(match[1])}, row[match.end() :], True
    return None, row, False  # for example «1200 VNĐ»: time 1 and 200, or 120 and 0?
