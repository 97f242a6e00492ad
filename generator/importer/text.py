"""Small text helpers shared by the parsers of the national portal's flattened tables."""

from __future__ import annotations

import re
from decimal import Decimal

from generator.core.fields import fold
from generator.importer.report import RecordProblem

NO_INFO = "Không có thông tin"
"""What the national portal shows for an empty field."""

MAX_DIGITS = 15
"""The most digits of a number the parsers read, an amount of money or a time (the largest real one has 9:
a fee of 500,000,000 đồng). Longer is no fee or time, and past 4,300 digits Python refuses to write it
as text, which stopped the whole import."""
_SHOWN = 5
"""Digits shown at each end of a number too long to read."""

_SPACES = re.compile(r"[ \t\u00a0\u200b]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def one_line(text: str) -> str:
    """Collapse every run of white space (newlines included) into one space and trim."""
    return " ".join(text.replace("\u00a0", " ").split())


def block(text: str) -> str:
    """Multi-line text as published: spaces collapsed inside lines, lines trimmed, at most one blank line."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def value(text: str | None) -> str | None:
    """A single-line field value, or ``None`` when empty or «Không có thông tin»."""
    cleaned = one_line(text or "")
    return None if cleaned in ("", NO_INFO) else cleaned


def block_value(text: str | None) -> str | None:
    """A multi-line field value, or ``None`` when empty or «Không có thông tin»."""
    cleaned = block(text or "")
    return None if cleaned in ("", NO_INFO) else cleaned


def split_names(text: str | None) -> list[str]:
    """Split a comma-joined list of agency names: a new item starts only where a capital letter follows.

    «Thi hành án dân sự tỉnh, thành phố, Phòng thi hành án cấp quân khu» gives two items.
    """
    cleaned = value(text)
    if cleaned is None:
        return []
    items: list[str] = []
    for part in re.split(r",\s+", cleaned):
        if items and not part[:1].isupper():
            items[-1] = f"{items[-1]}, {part}"
        else:
            items.append(part)
    return [item.strip() for item in items if item.strip()]


def sector_key(name: str) -> str:
    """A sector name folded for matching: case, tone marks, punctuation and the word «và» ignored.

    «Thi đua, khen thưởng», «Thi đua khen thưởng» and «THI ĐUA – KHEN THƯỞNG» give the same key.
    """
    words = re.sub(r"[^a-z0-9]+", " ", fold(name)).split()
    return " ".join(word for word in words if word != "va")


def unwrap(text: str) -> str:
    """Remove parentheses that wrap the whole of ``text`` (repeatedly): ``((hồ sơ))`` → ``hồ sơ``."""
    text = text.strip()
    while text.startswith("(") and closing(text, 0) == len(text) - 1:
        text = text[1:-1].strip()
    return text


def closing(text: str, start: int) -> int:
    """Index of the parenthesis that closes the one at ``start``, or -1 when it is never closed."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


def number(digits: str) -> Decimal:
    """``digits`` (``100000``) as a number; a :class:`RecordProblem` beyond :data:`MAX_DIGITS` digits."""
    count = len(digits)
    if count <= MAX_DIGITS:
        return Decimal(digits)
    shown = f"{digits[:_SHOWN]}…{digits[-_SHOWN:]}"
    raise RecordProblem(
        f"số «{shown}» quá dài: {count:,} chữ số".replace(",", ".")
        + f" (một số tiền, thời hạn có tối đa {MAX_DIGITS} chữ số)"
    )
