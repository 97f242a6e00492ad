"""The privacy scan: no personal data in any text the site publishes, before anything is built.

NĐ 13/2023/NĐ-CP (from 2026 Luật 91/2025/QH15) makes a person's name, phone number and ID numbers
personal data; a public disclosure site must never carry them, least of all the feedback of citizens.
One scanner, :func:`scan_text`, reads every published text: every text value of every record of every
dataset (:func:`scan_record`), of the registries and settings files (``site.yml``, ``linh-vuc.yml``,
the datasets' settings, the synonyms, the lexicon, the day swaps: :func:`scan_file`) and every line of
the hand-written pages, front matter and body (:func:`scan_lines`). Texts are read in NFKC form, so
full-width digits and «＠» count as the ASCII ones. It refuses:

* **phone numbers**, mobile and landline, in the ways people write them (``0912 345 678``,
  ``0912.345.678``, ``0912-345-678``, ``0912/345/678``, ``+84 912 345 678``, ``(0271) 3 879 456``,
  ``02713.879.456``). These are found with ``phonenumbers`` (Google's libphonenumber,
  ``PhoneNumberMatcher`` for region VN at leniency ``VALID``): it knows Vietnam's numbering plan (the
  mobile prefixes 03x, 05x, 07x, 08x, 09x after the 2018 renumbering, the 02xx area codes), tells
  mobile from landline, and accepts every separator people use, where a hand-written pattern either
  missed spellings or matched dates, money and procedure codes (``1.013859``, ``1.500.000``,
  ``30/04/2025`` are not valid numbers to it). Hotlines (1800, 1900) are organisations' numbers and
  pass. The matcher also takes ``333-335-337`` for a mobile number without its 0: a list of numbers
  in order, a few apart, is an address's house numbers (``Số 333-335-337 đường Nguyễn Trãi``) and is
  not given to it;
* **citizen ID numbers**: 12 digits whose first three are a province code 001–096 (CCCD, số định
  danh cá nhân), written together or in groups of three or four, with spaces, dots or dashes; and
  **old ID numbers** (CMND): 9 digits together, grouped in threes when they begin with 0 (no amount of
  money is written so: ``125.000.000`` passes), or grouped in any way after «CMND»/«chứng minh nhân
  dân». No maintained library checks either (``python-stdnum`` has Vietnam's tax number only), so
  these are the patterns of ``domain.md`` §3.5;
* **bank accounts**: 8 to 19 digits after «tài khoản», «STK», «TK», «chuyển khoản» or a bank's name
  (up to four words between), not followed by «đồng»: fees (``1.500.000 đồng``) and codes pass;
* **passport numbers**: a capital letter and seven digits (``B1234567``), or after «hộ chiếu» with a
  space (``C 1234567``);
* **vehicle plates**: a province code 11–99, a series and five digits (``51F-123.45``, ``29A 12345``)
  or four after a dash (``30A-1234``);
* **e-mail addresses**, their «@» and dots possibly spelt out (``a [at] b [dot] vn``, ``a(at)b.vn``);
* **personal names** and **house addresses** (:mod:`generator.core.persons`), only in datasets whose
  records name no one (feedback, :attr:`AllowList.names`).

Each kind is looked for only in a text that has what it needs (:data:`CANDIDATE`), which most texts do
not: the scan of 5,000 synthetic procedures takes 2.5 s, against 2.15 s when it knew half the kinds.

The agency's own published numbers and addresses pass (:class:`AllowList`: those of ``site.yml`` and
``content/cong-khai-duoc-phep.yml``), and so may its bank account for fees. A finding names the kind of
data and shows it masked (``09xx xxx 678``): the message goes to logs and CI output, which must not
spread the number either.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher, PhoneNumberType
from pydantic import BaseModel

from generator.core.errors import DataError
from generator.core.persons import house_addresses, names
from generator.core.records import Loaded
from generator.core.yamlio import Loc

Finding = tuple[Loc, str]
"""Where in a record personal data was found, and the message for staff."""

ALLOWED_FILE_NAME = "content/cong-khai-duoc-phep.yml"

URL = re.compile(r"https?://\S+")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_AT = r"(?:\s*[\[({]\s*(?:at|a còng|@)\s*[\])}]\s*|\s*@\s*|\s+(?:at|a còng)\s+)"
_DOT = r"(?:\s*[\[({]\s*(?:dot|chấm)\s*[\])}]\s*|\s+(?:dot|chấm)\s+|\s+\.\s+|\.)"
LOOSE_EMAIL = re.compile(
    rf"(?i:([a-z0-9._%+-]+){_AT}((?:[a-z0-9-]+{_DOT})+[a-z]{{2,}})(?![a-z0-9-]|\.[a-z0-9]))"
)
"""An e-mail address, its «@» and dots possibly spelt out (``a [at] b [dot] vn``, ``a(at)b.vn``) or set
apart by spaces (``a @ b . vn``; a dot with a space on one side only ends a sentence)."""
DIGIT_RUN = re.compile(r"\+?\(?\d[\d .\-()]{7,}\d")
"""A run long enough to hold a phone number (how :meth:`AllowList.of` reads the agency's numbers)."""
LONG_RUN = re.compile(r"\d[\d .\-()]{7,}\d")
"""A run long enough to hold a phone number: only texts with one (or a :data:`SLASHED` number) reach
the (slow) phone matcher. It starts with a digit, which finds it three times faster than
:data:`DIGIT_RUN` (0.05 ms against 0.15 ms for the texts of a procedure, at 5,000 synthetic ones)."""
SLASHED = re.compile(r"(?<![\d/])0\d{2,4}/\d{3,4}/\d{3,4}")
"""A phone number written with slashes (``0912/345/678``; a date has fewer digits before its first)."""
SPELT_AT = re.compile(r"[\[({]\s*(?i:at|a còng)\s*[\])}]|\s(?i:at|a còng)\s")
"""An e-mail address's «@» spelt out (``(at)``, ``[at]``, ``{a còng}``), searched only in a text with
«at», «AT» or «còng» (faster)."""
CANDIDATE = re.compile(
    r"\d(?:[\d .\-()]{7,}\d|\d-?[A-Z]|\d{7}|(?<=[A-Z]\d)\d{6}|(?<=[A-Z] \d)\d{6}|(?<=0)\d{2,4}/\d{3})"
)
"""What a text holding a number the scan refuses has: nine digits and separators (a phone or ID
number), eight digits together (an account), a vehicle plate's series, a letter and seven digits (a
passport), or a phone number's first groups written with slashes. Only such a text is searched for
numbers: the one test, beginning with a digit, costs about as much as the phone numbers' test alone
did (0.5 s for the 294,040 texts of 5,000 synthetic procedures, of which 6,912 pass). The patterns
below also begin with a digit or a letter: one that begins with a condition on the character before
is searched six times slower."""
_END = r"(?![\d]|[.,/-]\d)"
"""Where a number ends: not before another digit, even after a separator."""
_FIRST = r"(?<![\d.,/-]\d)"
"""Where a number begins, written after its first digit: not after another digit or a separator."""
CCCD = re.compile(
    rf"(\d{_FIRST}(?:\d\d([ .-]?)\d{{3}}\2\d{{3}}\2\d{{3}}|\d{{3}}([ .-])\d{{4}}\3\d{{4}}"
    rf"|\d\d([ .-])\d{{4}}\4\d{{5}})){_END}"
)
"""Twelve digits, together or in groups of three or four, or of three, four and five (province, birth,
serial)."""
CMND = re.compile(rf"(\d{_FIRST}\d{{8}}|0{_FIRST}\d\d([ .-])\d{{3}}\2\d{{3}}){_END}")
"""Nine digits together, or grouped in threes beginning with 0 (no amount is written so); ``125.000.000``
alone is an amount of money."""
NAMED_CMND = re.compile(
    r"(?i:(?<![^\W\d_])(?:cmnd|cmt|chứng minh nhân dân|chứng minh)(?:\s*số)?[\s:]*)"
    rf"(\d{{3}}[ .-]?\d{{3}}[ .-]?\d{{3}}){_END}"
)
"""Nine digits, grouped in any way, after «CMND», «CMT» or «chứng minh nhân dân»."""
ACCOUNT_WORDS = re.compile("tk|tài khoản|chuyển khoản|ngân hàng|kho bạc|bank|bidv|acb")
"""What a text with an :data:`ACCOUNT` has in lower case: found faster than the account."""
ACCOUNT = re.compile(
    r"(?i:(?<![^\W\d_])(?:số tài khoản|tài khoản|số tk|stk|tk|chuyển khoản|ngân hàng|kho bạc"
    r"|vietcombank|vietinbank|bidv|agribank|techcombank|sacombank|vpbank|tpbank|mbbank|acb)(?![^\W\d_])"
    r"(?:[\s:,]+(?![\d])[^\W\d_]+\.?){0,4}[\s:]*)"
    r"(\d(?:[ .-]?\d){7,18})(?![ .-]?\d)(?!\s*(?i:đồng|đ|vnđ|vnd)(?![^\W\d_]))"
)
"""A bank account: 8 to 19 digits after «tài khoản», «STK», «TK», a bank's name or «chuyển khoản», with
up to four words between (``số tài khoản tại Vietcombank: 0123 4567 890``); not an amount of money."""
PASSPORT = re.compile(r"([A-Z](?<![\w.,/-][A-Z])\d{7})(?![\w]|[.,/-]\d)")
"""A passport number: a capital letter and seven digits."""
NAMED_PASSPORT = re.compile(r"(?i:(?<![^\W\d_])hộ chiếu(?:\s*số)?[\s:]*)([A-Z] ?\d{7,8})(?![\w]|[.,/-]\d)")
"""A passport number after «hộ chiếu», possibly with a space after its letter (seven digits, or eight in
the newer books)."""
PLATE = re.compile(
    r"(?:1[1-9]|[2-9]\d)(?<![\w.,/-]\d\d)-?[A-Z][A-Z0-9]?(?:[- ]?(?:\d{3}\.\d{2}|\d{5})|-\d{4})"
    r"(?![\w]|[.,/-]\d)"
)
"""A vehicle plate: a province code (11–99), a series and five digits (``51F-123.45``, ``29A 12345``)
or four after a dash (``30A-1234``)."""
HOUSE_LIST = re.compile(
    r"[1-9](?<![\d+.,/-][1-9])\d{0,3}[A-Za-z]?(?:\s*[-–]\s*[1-9]\d{0,3}[A-Za-z]?)+(?![\d/-])"
)
"""Numbers joined by dashes, which may be the house numbers of an address (``Số 333-335-337``)."""
HOUSE_STEP = 20
"""How far apart the numbers of a list of houses are at most (``333-335-337``; a phone number's groups
are not in order)."""

PHONE_KINDS = {
    PhoneNumberType.MOBILE: "số điện thoại di động",
    PhoneNumberType.FIXED_LINE: "số điện thoại cố định",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "số điện thoại",
    PhoneNumberType.VOIP: "số điện thoại",
    PhoneNumberType.PERSONAL_NUMBER: "số điện thoại",
}
"""The kinds of number refused; hotlines (toll-free, premium-rate, shared-cost) are organisations'."""


def digits(text: str) -> str:
    """The digits of ``text``, a phone number in its national form (``+84 912…`` → ``0912…``)."""
    found = re.sub(r"\D", "", text)
    if text.lstrip().startswith("+84") or (found.startswith("84") and len(found) == 11):
        found = "0" + found[2:]
    return found


def mask_number(text: str, first: int = 2, last: int = 3) -> str:
    """A number with all but its ``first`` and ``last`` digits hidden, its grouping and letters kept:
    ``0912 345 678`` → ``09xx xxx 678``."""
    total = sum(c.isdigit() for c in text)
    seen, out = 0, []
    for c in text:
        if c.isdigit():
            seen += 1
            out.append(c if seen <= first or seen > total - last else "x")
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


def scan_file(loaded: Loaded[Any], allowed: AllowList) -> list[DataError]:
    """The personal data found in the texts of a loaded file (a registry, a settings file …), each
    an error at its line and key."""
    return [loaded.doc.error(loc, message) for loc, message in scan_record(loaded.record, allowed)]


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
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)  # full-width digits and «＠» as people type them
    found: list[str] = []
    urls = URL.findall(text) if "://" in text else []
    rest = URL.sub(" ", text) if urls else text
    for url in urls:
        _url_values(url, allowed, found)
    if "@" in rest or (("at" in rest or "AT" in rest or "còng" in rest) and SPELT_AT.search(rest)):
        rest = _emails(rest, allowed, found)
    if CANDIDATE.search(rest):
        _numbers(rest, allowed, found)
    if allowed.names:
        found += [_message(ADDRESS, mask_number(a, 0, 0)) for a in house_addresses(text)]
        found += [_message(NAME, mask_name(name)) for name in names(text)]
    return found


def _url_values(url: str, allowed: AllowList, found: list[str]) -> None:
    """The personal data in the values an address carries (``?sdt=0912…&email=…``, its fragment), put in
    ``found``: its host and path name a page, not a person, but what follows ``?`` or ``#`` may be what a
    form sent. Only e-mail addresses and phone numbers written as such (``0…``, ``+84…``) count there: a
    query's other numbers are the portal's identifiers (``?ma_thu_tuc=285123456``)."""
    try:
        parts = urlsplit(url)
    except ValueError:  # not an address after all (``http://[…``): all after the scheme counts as a value
        values = [url.split("://", 1)[1]]
    else:
        values = [value for _, value in parse_qsl(parts.query)] + [unquote(parts.fragment)]
    _emails(" ".join(values), allowed, found)
    dialled = " ".join(v for v in values if re.match(r"\s*(?:\+84|0)\d", v))
    if LONG_RUN.search(dialled):
        _phones(dialled, allowed, found)


def scan_lines(text: str, allowed: AllowList, first: int = 1) -> list[tuple[int, str]]:
    """:func:`scan_text` on each line of ``text`` (a Markdown page), with the line number of each
    message (``first``: the number of the first line)."""
    return [
        (number, message)
        for number, line in enumerate(text.split("\n"), first)
        for message in scan_text(line, allowed)
    ]


def _numbers(text: str, allowed: AllowList, found: list[str]) -> None:
    """The messages for the personal numbers in ``text``, put in ``found``: each kind looked for in the
    text left once the kinds before it are blanked out (an account before the ID numbers its digits
    could be, a list of house numbers before the phone numbers), and only in a text that has what it
    needs (eight digits, seven together, a plate's series)."""
    rest = text
    for kind in (_ACCOUNT, _CCCD, _NAMED_CMND, _NAMED_PASSPORT):
        rest = kind.blank(rest, allowed, found)
    if LONG_RUN.search(rest) or SLASHED.search(rest):
        rest = _phones(HOUSE_LIST.sub(_unless_houses, rest), allowed, found)
    for kind in (_CMND, _PASSPORT, _PLATE):
        rest = kind.blank(rest, allowed, found)


def _emails(text: str, allowed: AllowList, found: list[str]) -> str:
    """``text`` with its e-mail addresses blanked out; each not allowed reported in ``found``."""

    def report(m: re.Match[str]) -> str:
        address = f"{m[1]}@{re.sub(_DOT, '.', m[2])}"
        if address.lower() not in allowed.emails:
            found.append(_message("địa chỉ thư điện tử", mask_email(address), allowed=True))
        return " "

    return LOOSE_EMAIL.sub(report, text)


def _unless_houses(match: re.Match[str]) -> str:
    """A list of house numbers blanked out (it is no phone number); other dashed numbers kept."""
    numbers = [int(re.sub(r"\D", "", n)) for n in re.split(r"\s*[-–]\s*", match[0])]
    houses = all(0 <= b - a <= HOUSE_STEP for a, b in itertools.pairwise(numbers))
    return " " if houses else match[0]


def _phones(text: str, allowed: AllowList, found: list[str]) -> str:
    """``text`` with its phone numbers blanked out; each not allowed, but a hotline, reported."""
    for match in PhoneNumberMatcher(text, "VN", leniency=Leniency.VALID):
        kind = PHONE_KINDS.get(phonenumbers.number_type(match.number))
        raw = match.raw_string
        if raw.count("(") > raw.count(")"):  # «(0912 345 678)»: the matcher keeps the opening bracket
            raw = raw.replace("(", "", 1)
        if kind and digits(raw) not in allowed.numbers:
            found.append(_message(kind, mask_number(raw), allowed=True))
        text = text.replace(match.raw_string, " ")
    return text


@dataclass(frozen=True)
class _Kind:
    """A kind of personal number found by a pattern: its name in messages, the pattern (the number is
    its first group that matched), how much of it a message shows, and whether the agency may publish
    its own (an account for fees) and be told so."""

    name: str
    pattern: re.Pattern[str]
    first: int = 2
    last: int = 3
    allowable: bool = False
    keep: Callable[[str], bool] = bool
    groups: tuple[int, ...] = (1,)
    """The groups of :attr:`pattern` that may hold the number, one in each match."""
    words: re.Pattern[str] | None = None
    """What a text with a number of this kind has in lower case, when the pattern begins with a word
    (it is searched only then: faster)."""

    def blank(self, text: str, allowed: AllowList, found: list[str]) -> str:
        """``text`` with this kind's numbers blanked out; each not allowed reported in ``found``."""
        if self.words and not self.words.search(text.lower()):
            return text

        def report(m: re.Match[str]) -> str:
            value = next(m[g] for g in self.groups if m[g])
            if self.keep(value) and digits(value) not in allowed.numbers:
                found.append(_message(self.name, mask_number(value, self.first, self.last), self.allowable))
            return " "

        return self.pattern.sub(report, text)


def _province(value: str) -> bool:
    """Whether a 12-digit ID number begins with a province code (001–096)."""
    return 1 <= int(digits(value)[:3]) <= 96


_ACCOUNT = _Kind("số tài khoản ngân hàng", ACCOUNT, allowable=True, words=ACCOUNT_WORDS)
_CCCD = _Kind("số căn cước, định danh cá nhân (12 chữ số)", CCCD, keep=_province)
_CMND = _Kind("số chứng minh nhân dân (9 chữ số)", CMND)
_NAMED_CMND = _Kind(_CMND.name, NAMED_CMND, words=re.compile("cmnd|cmt|chứng minh"))
_PASSPORT = _Kind("số hộ chiếu", PASSPORT, first=0)
_NAMED_PASSPORT = _Kind(_PASSPORT.name, NAMED_PASSPORT, first=0, words=re.compile("hộ chiếu"))
_PLATE = _Kind("biển số xe", PLATE, last=2, groups=(0,))
NAME = "họ tên người"
ADDRESS = "địa chỉ nhà riêng"
HINTS = {NAME: " hoặc chỉ ghi «công dân», «tổ chức»", ADDRESS: " hoặc chỉ ghi xã, phường"}
"""What staff may write instead of a name or an address."""


def _message(kind: str, shown: str, allowed: bool = False) -> str:
    text = f"có {kind} ({shown}): thông tin cá nhân không được công bố, hãy xoá" + HINTS.get(kind, "")
    if allowed:
        text += f"; nếu là {kind} đã công bố của cơ quan, thêm vào {ALLOWED_FILE_NAME}"
    return text
