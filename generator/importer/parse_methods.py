"""«Cách thức thực hiện»: the flattened table *Hình thức nộp | Thời gian | Phí, lệ phí | Mô tả*.

Example: ``Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến5 Ngày làm việcMiễn phíTrực tiếp1Miễn phí``.
A row starts where a channel name is followed by its time cell (a digit or «Không có thông tin»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from generator.importer.parse_fees import FREE, parse_fee_cell, window_fees
from generator.importer.report import Issue
from generator.importer.text import NO_INFO, block, one_line

HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
CHANNELS = {"Trực tuyến": "truc_tuyen", "Trực tiếp": "truc_tiep", "Dịch vụ bưu chính": "buu_chinh"}
ROW_START = re.compile(r"(Trực tuyến|Trực tiếp|Dịch vụ bưu chính)(?=\d|Không có thông tin)")
UNITS = {
    "Ngày làm việc": "ngay_lam_viec",
    "Giờ làm việc": "gio_lam_viec",
    "Ngày": "ngay",
    "Giờ": "gio",
    "Tháng": "thang",
}
TIME_WITH_UNIT = re.compile(r"(\d+) (" + "|".join(UNITS) + ")")
BARE_TIME = re.compile(r"(\d+)(?=" + FREE + "|" + NO_INFO + ")")


@dataclass
class MethodRows:
    """The channels read from one table, with counts and issues."""

    methods: list[dict[str, Any]] = field(default_factory=list)
    parsed: int = 0
    no_info: int = 0
    issues: list[Issue] = field(default_factory=list)


def parse_methods(text: str) -> MethodRows:
    """Read every channel row of the flattened table ``text``."""
    body = text[len(HEADER) :] if text.startswith(HEADER) else text
    parts = ROW_START.split(body)
    out = MethodRows()
    if one_line(parts[0]):
        out.issues.append(
            Issue("cach_thuc", f"phần không thuộc hàng nào, bỏ qua: «{one_line(parts[0])[:80]}»")
        )
    for i, (channel, row) in enumerate(zip(parts[1::2], parts[2::2], strict=True)):
        method, ok, no_info, issues = _row(CHANNELS[channel], row, f"cach_thuc[{i}]")
        out.methods.append(method)
        out.parsed += ok
        out.no_info += no_info
        out.issues += issues
    return out


def _row(channel: str, row: str, where: str) -> tuple[dict[str, Any], bool, bool, list[Issue]]:
    method: dict[str, Any] = {"hinh_thuc": channel}
    duration, rest, time_ok = _time(row)
    if duration is not None:
        method["thoi_han"] = duration
    if not time_ok:
        cells = one_line(row.split("(", 1)[0]) or one_line(row)
        issue = Issue(
            f"{where}.thoi_han",
            f"không tách được thời hạn và phí trong «{cells}»; ghi nguyên văn vào «phi_le_phi[0].mo_ta»",
        )
        method["phi_le_phi"] = [{"mo_ta": one_line(row)}]
        return method, False, False, [issue]
    cell = parse_fee_cell(rest, f"{where}.phi_le_phi")
    description = block(cell.rest)
    fees = cell.fees
    if description and not any("hieu_luc_tu" in f for f in fees) and len(window_fees(description)) == 1:
        fees = [*fees, *window_fees(description)]
    method["phi_le_phi"] = fees
    if description:
        method["mo_ta"] = description
    no_info = duration is None or cell.no_info
    return method, cell.recognised, no_info, cell.issues


def _time(row: str) -> tuple[dict[str, Any] | None, str, bool]:
    """The time cell: (duration or None, the rest of the row, whether the cell was understood)."""
    if row.startswith(NO_INFO):
        return None, row[len(NO_INFO) :], True
    match = TIME_WITH_UNIT.match(row)
    if match:
        return {"so": Decimal(match[1]), "don_vi": UNITS[match[2]]}, row[match.end() :], True
    match = BARE_TIME.match(row)
    if match:
        return {"so": Decimal(match[1])}, row[match.end() :], True
    return None, row, False  # for example «1200 VNĐ»: time 1 and 200, or 120 and 0?
