"""A channel's fee cell: «Miễn phí», «100,000 Việt Nam Đồng(/hồ sơ)», «10 USD(/bản)», «Không có thông tin».

A fee may carry a note in parentheses; a temporary rate in the note («áp dụng mức phí 25.000 đồng/hồ sơ kể
từ ngày 01/7/2025 đến hết ngày 31/12/2026 …») becomes a second fee item with its validity window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from generator.importer.report import Issue
from generator.importer.text import NO_INFO, closing, number, one_line, unwrap

FREE = "Miễn phí"
AMOUNT = re.compile(r"(?P<amount>\d{1,3}(?:,\d{3})+|\d+) ?(?P<currency>Việt Nam Đồng|VNĐ|USD)")
CURRENCIES = {"Việt Nam Đồng": "VND", "VNĐ": "VND", "USD": "USD"}
UNIT_WORDS = ("hồ sơ", "trường hợp", "văn bản", "giao dịch", "trang", "bản", "lần")
"""Units the portal writes in a note without the leading slash: «(hồ sơ)»."""
WINDOW = re.compile(
    r"[Áá]p dụng mức phí:?\s*(?P<amount>\d{1,3}(?:\.\d{3})+|\d+)\s*đồng(?:\s*\([^()]*\))?"
    r"(?:\s*/\s*(?P<unit>[^()]+?))?\s+kể\s+từ\s+ngày\s*(?P<start>\d{1,2}/\d{1,2}/\d{4})"
    r"\s*đến\s+hết\s+ngày\s*(?P<end>\d{1,2}/\d{1,2}/\d{4})(?:\s*theo (?P<basis>[^();]+?\d{4}/[A-ZĐ-]+))?"
)
SMALL_VND = 1000
_CHECK = "giữ nguyên như nguồn, cần kiểm tra"


@dataclass
class FeeCell:
    """The fees read from the start of a text, and the text after them (the row's «Mô tả»)."""

    fees: list[dict[str, Any]] = field(default_factory=list)
    rest: str = ""
    recognised: bool = True
    no_info: bool = False
    issues: list[Issue] = field(default_factory=list)


def parse_fee_cell(text: str, where: str) -> FeeCell:
    """Read the fee cell at the start of ``text``; ``where`` names the field in issues."""
    if text.startswith(NO_INFO):
        return FeeCell([{"mo_ta": NO_INFO}], text[len(NO_INFO) :], no_info=True)
    cell = FeeCell()
    rest = text
    while True:
        read = _one_fee(rest)
        if read is None:
            break
        fees, rest = read
        cell.fees += fees
    if not cell.fees:
        return FeeCell([{"mo_ta": one_line(text)}], "", recognised=False, issues=[_unread(where, text)])
    cell.rest = rest
    cell.issues = _sanity(cell.fees, where)
    return cell


def _one_fee(text: str) -> tuple[list[dict[str, Any]], str] | None:
    if text.startswith(FREE):
        fee: dict[str, Any] = {"so_tien": Decimal(0)}
        rest = text[len(FREE) :]
    else:
        match = AMOUNT.match(text)
        if match is None:
            return None
        fee = {"so_tien": number(match["amount"].replace(",", ""))}
        if CURRENCIES[match["currency"]] != "VND":
            fee["tien_te"] = CURRENCIES[match["currency"]]
        rest = text[match.end() :]
    note, rest = _note(rest)
    return _with_note(fee, note), rest


def _note(text: str) -> tuple[str, str]:
    """The parenthesised note at the start of ``text`` and what follows it.

    The portal writes ``amount(note)`` and the note may hold unbalanced parentheses: when another
    parenthesis follows the first balanced one, the note runs on to the next unmatched ``)`` on the line.
    """
    if not text.startswith("("):
        return "", text
    end = closing(text, 0)
    if end < 0:
        return text[1:], ""
    while text[end + 1 :].lstrip(" .;").startswith("("):
        more = _unmatched_close(text, end + 1)
        if more < 0:
            break
        end = more
    return text[1:end], text[end + 1 :]


def _unmatched_close(text: str, start: int) -> int:
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "\n":
            return -1
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth < 0:
                return i
    return -1


def _with_note(fee: dict[str, Any], note: str) -> list[dict[str, Any]]:
    unit, note = _unit(unwrap(note))
    if unit:
        fee["don_vi_tinh"] = unit
    temporary = window_fees(note)
    for match in reversed(list(WINDOW.finditer(note))):
        note = note[: match.start()] + note[match.end() :]
    leftover = _tidy(note)
    if leftover:
        fee["mo_ta"] = leftover
    return [fee, *temporary]


def _unit(note: str) -> tuple[str | None, str]:
    """``/hồ sơ (Thông tư …)`` → (``hồ sơ``, ``Thông tư …``); ``hồ sơ`` → (``hồ sơ``, "")."""
    if note.startswith("/"):
        match = re.match(r"/\s*([^(.;]+)", note)
        if match and len(match[1].strip()) <= 30:
            return match[1].strip(), unwrap(note[match.end() :].lstrip(".; "))
        return None, note
    for word in UNIT_WORDS:
        if note == word or note.startswith(f"{word}("):
            return word, unwrap(note[len(word) :])
    return None, note


def window_fees(text: str) -> list[dict[str, Any]]:
    """A fee item for every temporary rate («áp dụng mức phí … kể từ ngày … đến hết ngày …») in ``text``."""
    return [_window_fee(match) for match in WINDOW.finditer(text)]


def _window_fee(match: re.Match[str]) -> dict[str, Any]:
    fee: dict[str, Any] = {"so_tien": number(match["amount"].replace(".", ""))}
    if match["unit"]:
        fee["don_vi_tinh"] = one_line(match["unit"])
    fee["mo_ta"] = one_line(match[0])
    fee["hieu_luc_tu"] = _date(match["start"])
    fee["hieu_luc_den"] = _date(match["end"])
    return fee


def _date(text: str) -> date:
    day, month, year = (int(part) for part in text.split("/"))
    return date(year, month, day)


def _tidy(note: str) -> str:
    """What is left of a note after a temporary rate was taken out: nothing if only punctuation remains."""
    note = re.sub(r"\(\s*\)", "", note)
    if not re.sub(r"[\s().;,-]", "", note):
        return ""
    note = note.strip(" .;,")
    if note.endswith(")") and note.count(")") > note.count("("):
        note = note[:-1].rstrip(" .;,")
    return unwrap(note)


def _sanity(fees: list[dict[str, Any]], where: str) -> list[Issue]:
    """Flag amounts that look like typos; the amount is kept as published."""
    issues = []
    regular = [f for f in fees if "hieu_luc_tu" not in f]
    for fee in regular:
        amount = fee["so_tien"]
        if fee.get("tien_te", "VND") == "VND" and 0 < amount < SMALL_VND:
            issues.append(Issue(where, f"số tiền {_money(amount)} đồng nhỏ bất thường; {_CHECK}"))
    for fee in fees:
        if "hieu_luc_tu" in fee and regular and fee["so_tien"] > max(f["so_tien"] for f in regular):
            issues.append(
                Issue(
                    where,
                    f"mức phí tạm thời {_money(fee['so_tien'])} đồng cao hơn mức thường; {_CHECK}",
                )
            )
    return issues


def _money(amount: Decimal) -> str:
    return f"{amount:,f}".replace(",", ".") if amount == amount.to_integral_value() else str(amount)


def _unread(where: str, text: str) -> Issue:
    return Issue(where, f"không đọc được phí, lệ phí; ghi nguyên văn vào «mo_ta»: «{_clip(text)}»")


def _clip(text: str, width: int = 80) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"
