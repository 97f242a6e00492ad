"""Hand-written pages: ``content/trang/*.md``, published as they are under ``trang/``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.core.errors import DataError
from generator.core.fields import SLUG_PATTERN


@dataclass(frozen=True)
class HandPage:
    """A Markdown page written by staff."""

    slug: str
    title: str
    text: str
    source: str


def load_hand_pages(directory: Path) -> tuple[list[HandPage], list[DataError]]:
    """Every ``*.md`` page in ``directory``; each needs a slug-like name and a ``# Title`` line."""
    pages: list[HandPage] = []
    errors: list[DataError] = []
    if not directory.is_dir():
        return pages, errors
    for path in sorted(directory.glob("*.md")):
        page, error = _load(path)
        if error:
            errors.append(error)
        elif page:
            pages.append(page)
    return pages, errors


def _load(path: Path) -> tuple[HandPage | None, DataError | None]:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return None, DataError(str(path), 1, "", "tệp không phải UTF-8")
    if not re.match(SLUG_PATTERN, path.stem):
        return None, DataError(
            str(path), 1, "", "tên tệp chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang"
        )
    heading = re.search(r"^# +(.+?)\s*$", text, flags=re.MULTILINE)
    if heading is None:
        return None, DataError(str(path), 1, "", "trang cần một dòng tiêu đề bắt đầu bằng «# »")
    return HandPage(path.stem, heading.group(1), text, str(path)), None
