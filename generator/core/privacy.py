"""The privacy scan: no personal data in any text of any record, before anything is built.

NĐ 13/2023/NĐ-CP (from 2026 Luật 91/2025/QH15) makes a person's name, phone number and ID numbers
personal data; a public disclosure site must never carry them, least of all the feedback of citizens.
Every text value of every record of every dataset passes through :func:`scan_record`, which refuses:

* **phone numbers**, mobile and landline, in the ways people write them (``0912 345 678``,
  ``0912.345.678``, ``0912-345-678``, ``+84 912 345 678``, ``(0271) 3 879 456``, ``02713.879.456``).
  These are found with ``phonenumbers`` (Google's libphonenumber, ``PhoneNumberMatcher`` for region VN
  at leniency ``VALID``): it knows Vietnam's numbering plan (the mobile prefixes 03x, 05x, 07x, 08x,
  09x after the 2018 renumbering, the 02xx area codes), tells mobile from landline, and accepts every
  separator people use, where a hand-written pattern either missed spellings or matched dates, money
  and procedure codes (``1.013859``, ``1.500.000``, ``30/04/2025`` are not valid numbers to it).
  Hotlines (1800, 1900) are organisations' numbers and pass. A cheap pattern lets only texts with a
  long enough run of digits reach the matcher, which is slow;
* **citizen ID numbers**: 12 digits whose first three are a province code 001–096 (CCCD, số định
  danh cá nhân), written together or in groups of three or four; and **old ID numbers** (CMND): 9
  digits written together. No maintained library checks either (``python-stdnum`` has Vietnam's tax
  number only), so these are the patterns of ``domain.md`` §3.5;
* **e-mail addresses**;
* **personal names** (:func:`names`), only in datasets whose records name no one (feedback): a
  common family name followed by «Văn»/«Thị», by two more capitalised words, or by one after a
  courtesy title (``ông Nguyễn An``), except after a word that makes it a
  place (``đường Trần Hưng Đạo``, ``TP. Hồ Chí Minh``). Initials (``N.V.A.``) pass.

The agency's own published numbers and addresses pass (:class:`AllowList`: those of ``site.yml`` and
``content/cong-khai-duoc-phep.yml``). A finding names the kind of data and shows it masked
(``09xx xxx 678``): the message goes to logs and CI output, which must not spread the number either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher, PhoneNumberType
from pydantic import BaseModel

from generator.core.yamlio import Loc

Finding = tuple[Loc, str]
"""Where in a record personal data was found, and the message for staff."""

ALLOWED_FILE_NAME = "content/cong-khai-duoc-phep.yml"

URL = re.compile(r"https?://\S+")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
CCCD = re.compile(r"(?<![\d.,/])(\d{3}([ .]?)\d{3}\2\d{3}\2\d{3}|\d{4}([ .])\d{4}\3\d{4})(?![\d]|[.,/]\d)")
CMND = re.compile(r"(?<![\d.,/])\d{9}(?![\d]|[.,/]\d)")
DIGIT_RUN = re.compile(r"\+?\(?\d[\d .\-()]{7,}\d")
"""A run long enough to hold a phone number: only such texts reach the (slow) phone matcher."""
LONG_RUN = re.compile(r"\d[\d .\-()]{7,}\d")
"""Whether a text has a :data:`DIGIT_RUN` (each holds one of these, and each of these is one): the same
answer found three times faster, the pattern starting with a digit (0.05 ms against 0.15 ms for the
texts of a procedure, at 5,000 synthetic ones)."""

PHONE_KINDS = {
    PhoneNumberType.MOBILE: "số điện thoại di động",
    PhoneNumberType.FIXED_LINE: "số điện thoại cố định",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "số điện thoại",
    PhoneNumberType.VOIP: "số điện thoại",
    PhoneNumberType.PERSONAL_NUMBER: "số điện thoại",
}
"""The kinds of number refused; hotlines (toll-free, premium-rate, shared-cost) are organisations'."""

FAMILY_NAMES = frozenset(
    [
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Đinh",
        "Trịnh",
        "Đoàn",
        "Lâm",
        "Mai",
        "Cao",
        "Lương",
        "Tạ",
        "Hà",
        "Chu",
        "Lưu",
        "Tô",
        "Trương",
        "Quách",
        "Thái",
        "Châu",
        "Kiều",
        "Triệu",
        "Khổng",
        "Mạc",
        "Phùng",
        "Đàm",
        "Lại",
        "Hứa",
        "Tăng",
        "Thân",
    ]
)
TITLES = frozenset(["ông", "bà", "anh", "chị", "cô", "chú", "bác", "cháu", "em"])
"""Courtesy titles written in lower case before a name (capitalised, «Bà Rịa» is a place)."""
TITLE_PHRASES = ("công dân", "người gửi", "người phản ánh", "người kiến nghị", "họ tên", "họ và tên")
PLACE_WORDS = frozenset(
    [
        "đường",
        "phố",
        "phường",
        "xã",
        "quận",
        "huyện",
        "tỉnh",
        "thị",
        "trấn",
        "thành",
        "tp",
        "trường",
        "cầu",
        "chợ",
        "bệnh",
        "viện",
        "công",
        "viên",
        "khu",
        "ấp",
        "thôn",
        "tổ",
        "số",
        "hẻm",
        "ngõ",
        "kiệt",
        "lộ",
    ]
)
"""Words after which a capitalised name is a street, a place or an institution named after someone."""
PUBLIC_NAMES = ("Hồ Chí Minh",)
"""Names that are not a private person's wherever they occur."""
CAPITALISED = re.compile(
    r"(?<![^\W\d_])(?:" + "|".join(sorted(FAMILY_NAMES)) + r")(?: [^\W\d_]+){1,3}(?![^\W\d_])"
)
"""A family name and up to three words after it, each after one space (checked for capitals after)."""


def digits(text: str) -> str:
    """The digits of ``text``, a phone number in its national form (``+84 912…`` → ``0912…``)."""
    found = re.sub(r"\D", "", text)
    if text.lstrip().startswith("+84") or (found.startswith("84") and len(found) == 11):
        found = "0" + found[2:]
    return found


def mask_number(text: str) -> str:
    """A number with all but its first two and last three digits hidden, its grouping kept:
    ``0912 345 678`` → ``09xx xxx 678``."""
    total = sum(c.isdigit() for c in text)
    seen, out = 0, []
    for c in text:
        if c.isdigit():
            seen += 1
            out.append(c if seen <= 2 or seen > total - 3 else "x")
        else:
            out.append(c)
    return "".join(out)


def mask_email(text: str) -> str:
    """An address with its local part hidden but its first letter: ``n***@example.com``."""
    local, _, domain = text.partition("@")
    return f"{local[:1]}***@{domain}"


def mask_name(text: str) -> str:
    """A name as initials: ``Nguyễn Văn An`` → ``N. V. A.``."""
    return " ".join(f"{word[0]}." for word in text.split())


@dataclass(frozen=True)
class AllowList:
    """The agency's own published phone numbers (as digits) and e-mail addresses (in lower case)."""

    numbers: frozenset[str] = field(default_factory=frozenset)
    emails: frozenset[str] = field(default_factory=frozenset)
    names: bool = False
    """Whether to look for personal names too (:func:`names`)."""

    @classmethod
    def of(cls, values: Iterable[str]) -> AllowList:
        """The allow-list of ``values``: each a phone number or an e-mail address, possibly several in
        one text (``site.yml`` may say «0271 3879 456 – 0271 3879 457»)."""
        numbers: set[str] = set()
        emails: set[str] = set()
        for value in values:
            emails.update(m.lower() for m in EMAIL.findall(value))
            numbers.update(
                digits(m.raw_string) for m in PhoneNumberMatcher(value, "VN", leniency=Leniency.POSSIBLE)
            )
            numbers.update(digits(m[0]) for m in DIGIT_RUN.finditer(value))
        return cls(frozenset(numbers), frozenset(emails))

    @property
    def terms(self) -> int:
        """How many numbers and addresses the list holds."""
        return len(self.numbers) + len(self.emails)

    def with_names(self) -> AllowList:
        """This allow-list, looking for personal names too."""
        return AllowList(self.numbers, self.emails, names=True)

    def scan(self, record: BaseModel) -> list[Finding]:
        """:func:`scan_record` with this allow-list (a stable callable: equal lists give equal scans)."""
        return scan_record(record, self)


def scan_record(record: BaseModel, allowed: AllowList) -> list[Finding]:
    """Every piece of personal data in the texts of ``record``, each with its key path and message."""
    return [(loc, message) for loc, text in texts(record) for message in scan_text(text, allowed)]


def texts(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every text value inside a record, with its key path."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from texts(getattr(value, name), (*loc, name))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from texts(item, (*loc, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, (*loc, str(key)))


def scan_text(text: str, allowed: AllowList) -> list[str]:
    """The messages for every piece of personal data in one text."""
    found = _numbers(text, allowed) if ("@" in text or LONG_RUN.search(text)) else []
    if allowed.names and CAPITALISED.search(text):
        found += [_message("họ tên người", mask_name(name)) for name in names(text)]
    return found


def _numbers(text: str, allowed: AllowList) -> list[str]:
    found: list[str] = []
    rest = URL.sub(" ", text) if "://" in text else text
    for m in EMAIL.finditer(rest):
        if m[0].lower() not in allowed.emails:
            found.append(_message("địa chỉ thư điện tử", mask_email(m[0]), allowed=True))
    rest = EMAIL.sub(" ", rest)
    for m in CCCD.finditer(rest):
        if 1 <= int(digits(m[0])[:3]) <= 96:
            found.append(_message("số căn cước, định danh cá nhân (12 chữ số)", mask_number(m[0])))
    rest = CCCD.sub(" ", rest)
    if LONG_RUN.search(rest):
        for match in PhoneNumberMatcher(rest, "VN", leniency=Leniency.VALID):
            kind = PHONE_KINDS.get(phonenumbers.number_type(match.number))
            if kind and digits(match.raw_string) not in allowed.numbers:
                found.append(_message(kind, mask_number(match.raw_string), allowed=True))
            rest = rest.replace(match.raw_string, " ")
    for m in CMND.finditer(rest):
        if m[0] not in allowed.numbers:
            found.append(_message("số chứng minh nhân dân (9 chữ số)", mask_number(m[0])))
    return found


def names(text: str) -> list[str]:
    """The personal names in ``text`` (see the module's docstring for the rules)."""
    found: list[str] = []
    for m in CAPITALISED.finditer(text):
        parts = m[0].split(" ")
        if not all(p[0].isupper() and p[1:].islower() for p in parts):
            parts = _leading_capitalised(parts)
        if len(parts) < 2:
            continue
        name = " ".join(parts)
        before = text[: m.start()].rstrip(" :")
        previous = before.rsplit(None, 1)[-1].lower().rstrip(".") if before.strip() else ""
        if previous in PLACE_WORDS or any(name.startswith(p) for p in PUBLIC_NAMES):
            continue
        titled = previous in TITLES or before.lower().endswith(TITLE_PHRASES)
        if titled or parts[1] in ("Văn", "Thị") or len(parts) >= 3:
            found.append(name)
    return found


def _leading_capitalised(parts: list[str]) -> list[str]:
    kept: list[str] = []
    for p in parts:
        if not (p[0].isupper() and p[1:].islower()):
            break
        kept.append(p)
    return kept


def _message(kind: str, shown: str, allowed: bool = False) -> str:
    text = f"có {kind} ({shown}): thông tin cá nhân không được công bố, hãy xoá"
    if kind == "họ tên người":
        text += " hoặc chỉ ghi «công dân», «tổ chức»"
    if allowed:
        text += f"; nếu là {kind} đã công bố của cơ quan, thêm vào {ALLOWED_FILE_NAME}"
    return text
