"""Personal names and house addresses: what the privacy scan (:mod:`generator.core.privacy`) refuses
only in datasets whose records name no one (feedback), since procedures legitimately print officials'
titles, streets named after people and offices' street addresses.

A **name** is a common family name followed by more capitalised words, spelt as people type it: with
tone marks (``Nguyễn Văn An``), in capitals (``NGUYỄN VĂN AN``) or without tone marks (``Nguyen Van
An``). It is refused when

* a courtesy title or a phrase naming the sender comes before it (``ông Nguyễn An``, ``ong Tran Binh``,
  ``người gửi: Phạm Hùng``); or
* its second word is «Văn» or «Thị» (the middle names of most men and women: ``Lê Thị Hoa``); or
* it has three words or more, when written with tone marks in ordinary capitals (``Lê Minh Tuấn``), or,
  in capitals or without tone marks, when its family name is no ordinary word (``NGUYỄN MINH TUẤN``;
  but ``LÝ LỊCH TƯ PHÁP``, ``CAO ĐẲNG NGHỀ`` and ``Le Minh Tuan`` are not refused: in capitals or without
  tone marks, «Lý», «Cao» or «Lê» are as often ordinary words);

except after a word that makes it a place (``đường Trần Hưng Đạo``, ``TP. Hồ Chí Minh``). Initials
(``N.V.A.``) pass.

A **house address** is a house number spelt as addresses are (``số nhà 12``, ``12/3 đường …``, ``số 45
hẻm 6``, ``ngõ 34 ngách 5``); the street or ward alone passes, and so does a list of numbers
(``Số 333-335-337 đường Nguyễn Trãi``, an office's address).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.core.fields import fold

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
RARE_WORDS = frozenset(
    fold(name)
    for name in [
        "Nguyễn",
        "Trần",
        "Phạm",
        "Huỳnh",
        "Võ",
        "Đặng",
        "Bùi",
        "Trịnh",
        "Ngô",
        "Đinh",
        "Quách",
        "Trương",
        "Phùng",
        "Triệu",
        "Khổng",
    ]
)
"""Family names (folded) that are no ordinary word, even in capitals or without tone marks."""
MIDDLE_NAMES = frozenset(["Văn", "Thị", "VĂN", "THỊ"])
"""«Văn» and «Thị», as written with tone marks."""
PLAIN_MIDDLE_NAMES = frozenset(["van", "thi"])
"""«Văn» and «Thị» without tone marks, in a name written without them."""
TITLES = frozenset(["ông", "bà", "anh", "chị", "cô", "chú", "bác", "cháu", "em"])
"""Courtesy titles written in lower case before a name (capitalised, «Bà Rịa» is a place)."""
FOLDED_TITLES = frozenset(fold(title) for title in TITLES)
"""The titles without tone marks, before a name without them (``ong Tran Binh``)."""
TITLE_PHRASES = tuple(
    fold(p) for p in ("công dân", "người gửi", "người phản ánh", "người kiến nghị", "họ tên", "họ và tên")
)
HOUSE_NUMBER = re.compile(r"\d+[A-Za-z]?(?:/\d+[A-Za-z]?)*,?")
"""A house number (``201B``, ``12/3``): a name after it is its street (``số 201B Nguyễn Chí Thanh``)."""
PLACE_WORDS = frozenset(
    fold(word)
    for word in [
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
"""Words (folded) after which a capitalised name is a street, a place or an institution named after
someone."""
PUBLIC_NAMES = (fold("Hồ Chí Minh"),)
"""Names (folded) that are not a private person's wherever they occur."""
_WORD = r"[^\W\d_]"
_SPELLINGS = {
    s for name in FAMILY_NAMES for s in (name, name.upper(), fold(name).title(), fold(name).upper())
}


def _by_first_letter(spellings: set[str]) -> str:
    """An alternation of ``spellings`` grouped by their first letter, each group checking that no letter
    comes before it: a pattern that begins with a choice of letters is searched several times faster
    than one that begins with a condition on the character before."""
    groups: dict[str, list[str]] = {}
    for s in sorted(spellings, key=lambda s: (-len(s), s)):
        groups.setdefault(s[0], []).append(re.escape(s[1:]))
    return "|".join(f"{first}(?<!{_WORD}.)(?:{'|'.join(rests)})" for first, rests in sorted(groups.items()))


CAPITALISED = re.compile(rf"(?:{_by_first_letter(_SPELLINGS)})(?: {_WORD}+){{1,3}}(?!{_WORD})")
"""A family name in any of its spellings and up to three words after it, each after one space (checked
for capitals after)."""

_STREET = r"(?:ngõ|ngách|hẻm|kiệt)"
_NUMBER = r"\d+[a-zA-Z]?(?:/\d+[a-zA-Z]?)*"
HOUSE_WORDS = re.compile("số nhà|nhà số|ngõ|ngách|hẻm|kiệt")
"""What a text with a :data:`HOUSE` address has in lower case: found faster than the address, and
searched in lower case faster than with ``re.IGNORECASE``."""
HOUSE = re.compile(
    rf"(?i:(?<!{_WORD})(?:số nhà|nhà số)\s*{_NUMBER}"
    rf"|(?<![\w/.-])(?:số\s+)?{_NUMBER},?\s+{_STREET}\s+{_NUMBER}"
    rf"|(?<!{_WORD}){_STREET}\s+{_NUMBER}(?=,?\s+{_STREET}\s+\d))"
    rf"(?i:,?\s+{_STREET}\s+{_NUMBER})*"
)
"""A house number spelt as an address: «số nhà 12», a number before an alley («số 45 hẻm 6»), or an
alley before another («ngõ 34 ngách 5»); with the alleys that follow."""
SLASHED_HOUSE = re.compile(
    rf"\d(?<![\w/.-]\d)(?<!ngày \d)\d*[a-zA-Z]?(?:/\d+[a-zA-Z]?)+(?=\s+(?i:đường|phố|{_STREET})(?!{_WORD}))"
)
"""A house number with a slash before a street (``12/3 đường …``; not a date, ``ngày 12/3``)."""


def house_addresses(text: str) -> list[str]:
    """The house addresses in ``text`` (see the module's docstring)."""
    found: list[str] = []
    if HOUSE_WORDS.search(text.lower()):
        found = [m[0] for m in HOUSE.finditer(text)]
        text = HOUSE.sub(" ", text)
    return found + ([m[0] for m in SLASHED_HOUSE.finditer(text)] if "/" in text else [])


def _longest_first(words: Iterable[str]) -> list[str]:
    """``words`` longest first, then in alphabetical order: a pattern's alternatives in one fixed order,
    whatever the process's string hashing (the editor's rules file is the same bytes in every build)."""
    return sorted(words, key=lambda word: (-len(word), word))


_TITLED = _longest_first(
    TITLES | FOLDED_TITLES | set(TITLE_PHRASES) | {p.lower() for p in ("công dân", "người gửi", "họ tên")}
)
_LOWER_FAMILY = _longest_first({n.lower() for n in FAMILY_NAMES} | {fold(n) for n in FAMILY_NAMES})
LOWER_NAME = re.compile(
    rf"(?<!{_WORD})(?:{'|'.join(map(re.escape, _TITLED))}):?\s+"
    rf"((?:{'|'.join(map(re.escape, _LOWER_FAMILY))})\s+(?:văn|thị|van|thi)\s+{_WORD}+(?:\s+{_WORD}+)?)"
    rf"(?!{_WORD})"
)
"""A name written in lower case after a courtesy title or «người gửi» (``ông nguyễn văn an``, ``người gửi
nguyen van binh``): a family name, «văn» or «thị» and a given name."""


def names(text: str) -> list[str]:
    """The personal names in ``text`` (see the module's docstring for the rules)."""
    found = [m[1] for m in LOWER_NAME.finditer(text) if m[1] == m[1].lower()]
    for m in CAPITALISED.finditer(text):
        parts = _same_case(m[0].split(" "))
        if len(parts) < 2:
            continue
        before = text[: m.start()].rstrip(" :")
        previous = before.rsplit(None, 1)[-1].rstrip(".") if before.strip() else ""
        if _is_name(parts, previous, fold(before)):
            found.append(" ".join(parts))
    return found


def _is_name(parts: list[str], previous: str, before: str) -> bool:
    """Whether ``parts``, after the word ``previous`` and the folded text ``before``, name a person."""
    folded = fold(" ".join(parts))
    if fold(previous) in PLACE_WORDS or HOUSE_NUMBER.fullmatch(previous) or folded.startswith(PUBLIC_NAMES):
        return False
    accented = parts[0] in FAMILY_NAMES
    titled = previous.lower() in TITLES or (not _marked(parts) and fold(previous) in FOLDED_TITLES)
    middle = parts[1] in MIDDLE_NAMES or (not _marked(parts) and parts[1].lower() in PLAIN_MIDDLE_NAMES)
    if titled or middle or before.endswith(TITLE_PHRASES):
        return True
    return len(parts) >= 3 and (accented or fold(parts[0]) in RARE_WORDS)


def _marked(parts: list[str]) -> bool:
    """Whether a name is written with tone marks (or «đ»)."""
    return any(fold(p) != p.lower() for p in parts)


def _same_case(parts: list[str]) -> list[str]:
    """The words of ``parts`` up to the first not written like the first one: each capitalised
    (``Nguyễn Văn An``), or each in capitals (``NGUYỄN VĂN AN``)."""
    style = _capitals if parts[0].isupper() else _capitalised
    kept: list[str] = []
    for p in parts:
        if not style(p):
            break
        kept.append(p)
    return kept


def _capitals(word: str) -> bool:
    return word.isupper()


def _capitalised(word: str) -> bool:
    return word[0].isupper() and word[1:].islower()
