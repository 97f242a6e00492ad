"""«Căn cứ pháp lý»: the flattened table *Tên văn bản pháp lý | Mã văn bản*.

Example: ``Tên văn bản pháp lýMã văn bảnLuật 60/2014/QH1360/2014/QH13Thông tư số 08/2025/TT-BTP ngày
12/6/2025 của Bộ trưởng …08/2025/TT-BTP``. Each row ends with a document number glued to the text around
it; numbers inside a title are set off by spaces or punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.importer.report import Issue
from generator.importer.text import one_line

HEADER = "Tên văn bản pháp lýMã văn bản"
NUMBER = re.compile(
    r"(?P<digits>\d+)(?:\.\d+|\.[a-z]|[a-z])?/(?:\d{4}/)?(?:QH\d{2}|(?:[A-ZĐƯ]+|TTg)(?:-(?:[A-ZĐƯ]+|TTg))*)"
)
"""A document number: ``46/2024/QH15``, ``104/2022/NĐ-CP``, ``66.7/2025/NQ-CP``, ``08.a/2010/TT-BTP``.

The issuer part may swallow the first capitals of the next title; :func:`_trim` gives them back.
"""
ISSUERS = (
    "CP",
    "BTP",
    "BTC",
    "BCA",
    "BYT",
    "BNG",
    "BQP",
    "BCT",
    "BXD",
    "BNV",
    "UBND",
    "HĐND",
    "VPCP",
    "TTg",
    "NHNN",
    "BKHĐT",
    "BTNMT",
    "BLĐTBXH",
    "BGDĐT",
    "BTTTT",
    "BVHTTDL",
    "TANDTC",
    "VKSNDTC",
    "CTN",
    "UBTVQH",
    "UBTƯMTTQVN",
)
"""Issuer codes that end a document number, used where the next title starts in capitals («NQ-CPLUẬT …»)."""
GLUED_PREFIX = re.compile(r"(?:Thông tư liên tịch|Thông tư|Nghị định|Nghị quyết|Quyết định|Luật)(?: số)?\s*$")
NOT_AN_END = ",.;:)-"


@dataclass(frozen=True)
class Number:
    """A document number found in the text, at ``start``–``end``."""

    start: int
    end: int
    text: str


@dataclass
class LegalRows:
    """The rows read from one «Căn cứ pháp lý» field."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    numbered: int = 0
    issues: list[Issue] = field(default_factory=list)


def parse_legal(text: str) -> LegalRows:
    """Read every row of the flattened table ``text``."""
    body = text[len(HEADER) :] if text.startswith(HEADER) else text
    out = LegalRows()
    start = 0
    for number in _row_ends(body):
        name = _name(body[start : number.start])
        start = number.end
        if not name:
            if out.rows:
                out.rows[-1]["ten"] = one_line(f"{out.rows[-1]['ten']} {out.rows[-1]['so_hieu']}")
                out.rows[-1]["so_hieu"] = number.text
            continue
        out.rows.append({"so_hieu": number.text, "ten": name})
    rest = one_line(body[start:])
    if rest:
        out.rows.append({"ten": rest})
        out.issues.append(
            Issue(f"can_cu_phap_ly[{len(out.rows) - 1}]", f"không thấy số hiệu văn bản trong «{rest[:80]}»")
        )
    out.numbered = sum("so_hieu" in row for row in out.rows)
    return out


def _row_ends(body: str) -> list[Number]:
    """The numbers that end a row: glued to the text before them, or followed by more text without a space."""
    ends = []
    for number in _numbers(body):
        before = body[number.start - 1] if number.start else " "
        after = body[number.end] if number.end < len(body) else ""
        glued_after = after != "" and not after.isspace() and after not in NOT_AN_END
        if after == "" or glued_after or not before.isspace():
            ends.append(number)
    return ends


def _numbers(body: str) -> list[Number]:
    numbers = []
    for match in NUMBER.finditer(body):
        start = match.start()
        digits = match["digits"]
        if len(digits) > 4 and digits[:2] in ("19", "20"):
            start += 4  # a year glued on before the number: «năm 202446/2024/QH15»
        end = start + len(_trim(body[start : match.end()], body[match.end() : match.end() + 1]))
        numbers.append(Number(start, end, body[start:end]))
    return numbers


def _trim(number: str, after: str) -> str:
    """Give back the capitals that begin the next title: «NĐ-CPThông» → «NĐ-CP», «NQ-CPLUẬT» → «NQ-CP»."""
    last = number.rpartition("/")[2]
    sep = "-" if "-" in last else "/"
    head, _, issuer = number.rpartition(sep)
    if issuer.startswith("QH") or issuer in ISSUERS:
        return number
    known = [code for code in ISSUERS if issuer.startswith(code)]
    if known:
        issuer = max(known, key=len)
    elif after.isalpha() and after.islower():
        issuer = issuer[:-1]
    return f"{head}{sep}{issuer}" if issuer else head


def _name(text: str) -> str:
    """The title of a row; a document type glued to its end («…tư vấn pháp luậtNghị định số») is dropped."""
    name = one_line(text)
    prefix = GLUED_PREFIX.search(name)
    if prefix and prefix.start() > 0 and not name[prefix.start() - 1].isspace():
        name = name[: prefix.start()].rstrip()
    return name
