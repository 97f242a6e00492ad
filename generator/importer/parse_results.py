"""«Kết quả xử lý» and the page tail after it: results with their codes, keywords and description.

Example: ``Thẻ tư vấn viên pháp luậtMã: KQ.G15.000077Từ khóaKhông có thông tinMô tảKhông có thông tin
Chọn cơ quan thực hiện…Nộp hồ sơ``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.importer.report import Issue
from generator.importer.text import NO_INFO, block_value, one_line

PAGE_TAIL = "Chọn cơ quan thực hiện"
KEYWORDS = "Từ khóa"
DESCRIPTION = "Mô tả"
CODE = re.compile(r"Mã: (?P<code>[A-Za-z0-9][A-Za-z0-9.\-]*[0-9]|[a-z0-9]+)?")
"""«Mã: KQ.G15.000077», and older shapes («000.00.00.G15-KQ0108», «BQP-CCS.KQ0001»); the portal also shows
junk codes typed by hand («Mã: hgvg6», «Mã: 1231»). The next result's name follows with no separator and
starts with a letter, so a code is taken up to its last digit (or, with no digit, its lower-case letters)."""


@dataclass
class Results:
    """What the tail of the page says."""

    results: list[dict[str, Any]] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    description: str | None = None
    coded: int = 0
    coded_parsed: int = 0
    issues: list[Issue] = field(default_factory=list)


def parse_results(text: str) -> Results:
    """Read the results, keywords and description of ``text``."""
    text = text.split(PAGE_TAIL, 1)[0]
    results_text, _, rest = text.partition(KEYWORDS)
    keywords, _, description = rest.partition(DESCRIPTION)
    out = Results(description=block_value(description))
    if one_line(keywords) not in ("", NO_INFO):
        out.keywords = [k for k in (one_line(k) for k in keywords.split(",")) if k]
    _results(results_text, out)
    return out


def _results(text: str, out: Results) -> None:
    start = 0
    for match in CODE.finditer(text):
        name = one_line(text[start : match.start()])
        start = match.end()
        result: dict[str, Any] = {"ten": name}
        code = match["code"] or ""
        if _is_code(code):
            result["ma"] = code
            out.coded += 1
            out.coded_parsed += bool(name)
        elif code:
            out.issues.append(
                Issue(
                    f"ket_qua[{len(out.results)}].ma",
                    f"mã «{code}» không có dạng KQ.Gxx.xxxxxx; bỏ qua",
                )
            )
        if name:
            out.results.append(result)
        else:
            out.issues.append(Issue(f"ket_qua[{len(out.results)}]", "mã kết quả không kèm tên; bỏ qua"))
    rest = one_line(text[start:])
    if rest and rest != NO_INFO:
        out.results.append({"ten": rest})


def _is_code(code: str) -> bool:
    """A result code has letters, digits and a separator: «KQ.G15.000077», «000.00.00.G15-KQ0108»."""
    return any(c.isalpha() for c in code) and any(c in ".-" for c in code)
