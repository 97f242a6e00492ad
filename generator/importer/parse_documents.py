"""«Thành phần hồ sơ»: one flattened table *Tên giấy tờ | Mẫu đơn, tờ khai | Số lượng* per case.

Example: ``* Giấy tờ phải nộp:Tên giấy tờMẫu đơn, tờ khaiSố lượng- Tờ khai …Mẫu TP-CC-05.docx1 bản chính* Giấy
tờ phải xuất trình:Tên giấy tờ…``. The text before a table header is the case heading («--» when unnamed);
each document ends with its quantity cell («1 bản chính» or «0 bản chính,1 bản sao»). The portal gives a
form's file name only, never where it is; an http(s) address of a form file written in the document's text
(«theo mẫu … tại địa chỉ: http://…/vCOP8.doc») becomes a form with that address too.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from generator.importer.report import Issue
from generator.importer.text import NO_INFO, one_line

HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
QUANTITY = re.compile(r"(\d) bản chính(?:,(\d) bản sao)?(?![\s)\]])")
"""A quantity cell. Mentions in the text («(01 bản chính)», «01 bản chính hoặc …») end in a space or ``)``."""
FORM_FILE = re.compile(r"\.(?:docx?|pdf|xlsx?|rtf|odt|DOCX?|PDF|XLSX?)(?![0-9a-z])")
FORM_ADDRESS = re.compile(r"https?://[^\s<>\"'`]+?" + FORM_FILE.pattern)
"""An http(s) address of a form file, as the text writes it: glued text after it starts with a capital."""
FORM_NAME_CHARS = set("ẫốđĐ")
"""Besides ASCII, the characters seen in form file names («Mẫu số 01-PLIII-ĐGTS.docx», «Mẫu số 6 sđ.docx»)."""
FORM_WORD = re.compile(r"M[ẫa]u")
FORM_MARK = re.compile(r"TP[- ]|\d{1,2}\.")


@dataclass
class Cases:
    """The cases read from one «Thành phần hồ sơ» field."""

    cases: list[dict[str, Any]] = field(default_factory=list)
    tables: int = 0
    parsed: int = 0
    issues: list[Issue] = field(default_factory=list)


def parse_documents(text: str) -> Cases:
    """Read every case table of ``text``."""
    parts = text.split(HEADER)
    out = Cases()
    if len(parts) == 1:
        return _untabled(text, out)
    heading = parts[0]
    for i, body in enumerate(parts[1:]):
        last = i == len(parts) - 2
        documents, tail = _documents(body)
        case: dict[str, Any] = {}
        if _heading(heading):
            case["truong_hop"] = _heading(heading)
        out.tables += 1
        ok = bool(documents) and (not last or not one_line(tail))
        out.parsed += ok
        if last and one_line(tail):
            documents.append({"ten": one_line(tail)})
            out.issues.append(Issue(f"thanh_phan_ho_so[{i}]", _leftover(tail, len(documents) - 1)))
        if not documents:
            out.issues.append(Issue(f"thanh_phan_ho_so[{i}]", "bảng không có giấy tờ nào"))
        case["giay_to"] = [_document(d) for d in documents]
        out.cases.append(case)
        heading = tail
    return out


def _untabled(text: str, out: Cases) -> Cases:
    """A field with no table: its text, if any, is kept verbatim as one document."""
    kept = one_line(text)
    if kept and kept != NO_INFO:
        out.tables = 1
        out.cases.append({"giay_to": [{"ten": kept}]})
        out.issues.append(
            Issue(
                "thanh_phan_ho_so[0]",
                f"không có bảng giấy tờ; ghi nguyên văn vào «giay_to[0].ten»: «{kept[:80]}»",
            )
        )
    return out


def _leftover(tail: str, index: int) -> str:
    text = one_line(tail)[:80]
    return f"phần cuối bảng không có số lượng; ghi nguyên văn vào «giay_to[{index}].ten»: «{text}»"


def _heading(text: str) -> str | None:
    cleaned = one_line(text).lstrip("*-+ ").rstrip(": ")
    return cleaned or None


def _documents(body: str) -> tuple[list[dict[str, Any]], str]:
    """The documents of one table, and the text after the last quantity (the next case's heading)."""
    documents = []
    start = 0
    for match in QUANTITY.finditer(body):
        segment = body[start : match.start()]
        start = match.end()
        if not one_line(segment):
            continue
        document = _name_and_forms(segment)
        if not document["ten"]:
            document["ten"] = one_line(segment)
        document["ban_chinh"] = int(match[1])
        document["ban_sao"] = int(match[2] or 0)
        documents.append(document)
    return documents, body[start:]


def _document(data: dict[str, Any]) -> dict[str, Any]:
    """Drop zero quantities and empty form lists: the model's defaults."""
    return {k: v for k, v in data.items() if v not in (0, [])}


def _name_and_forms(segment: str) -> dict[str, Any]:
    """Split ``Tên giấy tờ`` from the form files that follow it («…luật sưMẫu TP-LS-05-sđ.docx»); a form
    file's address in the text stays in the name and is a form of its own, with the address as its file."""
    segment = segment.rstrip()
    addresses = list(FORM_ADDRESS.finditer(segment))
    cut = addresses[-1].end() if addresses else 0
    text, files = _form_files(segment[cut:])
    linked = [{"ten": _address_name(address[0]), "tep": address[0]} for address in addresses]
    return {
        "ten": _name(segment[:cut] + text) or (files[0] if files else ""),
        "mau": linked + [{"ten": name} for name in files],
    }


def _address_name(address: str) -> str:
    """The file name an address ends with («vCOP8.doc»)."""
    return unquote(urlsplit(address).path).rsplit("/", 1)[-1]


def _form_files(segment: str) -> tuple[str, list[str]]:
    """The text before the form file names glued at the end of ``segment``, and those names."""
    ends = [m.end() for m in FORM_FILE.finditer(segment)]
    if not ends or ends[-1] != len(segment):
        return segment, []
    first_stem = segment[: ends[0]]
    start = _form_start(first_stem[: FORM_FILE.search(first_stem).start()])  # type: ignore[union-attr]
    if start is None:
        return segment, []
    bounds = [start, *ends]
    return segment[:start], [one_line(segment[a:b]) for a, b in itertools.pairwise(bounds)]


def _form_start(prefix: str) -> int | None:
    """Where the first form's file name begins at the end of ``prefix``, or ``None``."""
    begin = len(prefix)
    while begin > 0 and (prefix[begin - 1].isascii() or prefix[begin - 1] in FORM_NAME_CHARS):
        begin -= 1
    tail = prefix[begin:]
    words = list(FORM_WORD.finditer(tail))
    if words:
        return begin + words[-1].start()
    mark = FORM_MARK.search(tail)
    return begin + mark.start() if mark else None


def _name(text: str) -> str:
    return one_line(text).lstrip("-+•* ").strip()
