"""The level (cấp thực hiện) of a national record that gives none, from the names of its agencies.

Only a name whose first words say the level is read: «Bộ …», «Cục …» → bo; «Sở …», «UBND tỉnh» → tinh;
«UBND huyện/quận» → huyen; «UBND xã/phường» → xa. When one agency's name says nothing, or names say
different levels, nothing is inferred: the record keeps the source's «Không có thông tin».
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.core.fields import fold

_PEOPLES_COMMITTEE = ("uy ban nhan dan ", "ubnd ", "chu tich uy ban nhan dan ", "chu tich ubnd ")
LEVEL_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("bo", ("bo ", "cuc ", "tong cuc ", "bo truong ", "thu tuong chinh phu", "chinh phu")),
    (
        "tinh",
        (
            "so ",
            "giam doc so ",
            "cong an tinh",
            "cong an cap tinh",
            *(c + w for c in _PEOPLES_COMMITTEE for w in ("tinh", "cap tinh")),
        ),
    ),
    ("huyen", tuple(c + w for c in _PEOPLES_COMMITTEE for w in ("huyen", "quan", "cap huyen", "thi xa"))),
    ("xa", tuple(c + w for c in _PEOPLES_COMMITTEE for w in ("xa", "phuong", "cap xa", "thi tran"))),
)
"""Each level and the folded starts of the agency names that say it (longer starts are tried first)."""
NO_LEVEL_WORDS = ("bo phan ",)
"""Starts that look like a level's and are not: «Bộ phận một cửa» is not a ministry."""
_STARTS: list[tuple[str, str | None]] = sorted(
    [(start, level) for level, starts in LEVEL_WORDS for start in starts]
    + [(start, None) for start in NO_LEVEL_WORDS],
    key=lambda item: -len(item[0]),
)


def level_of(agency: str) -> str | None:
    """The level an agency's name says («Sở Tài chính» → ``tinh``), or ``None``."""
    key = fold(agency).strip(" .") + " "
    return next((level for start, level in _STARTS if key.startswith(start)), None)


def infer_level(agencies: Iterable[str]) -> str | None:
    """The one level every name of ``agencies`` says, or ``None`` when a name says none or they differ."""
    levels = {level_of(name) for name in agencies}
    if len(levels) != 1 or None in levels:
        return None
    return levels.pop()
