"""Từ đồng nghĩa (synonyms and abbreviations) for search: the optional file ``content/tu-dong-nghia.yml``.

Staff list groups of words the public uses for the same thing: ``[LLTP, lý lịch tư pháp]``. Matching
ignores case, tone marks and ``đ``/``d``, so each term is written once, the way people read it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints

from generator.core.errors import DataError
from generator.core.fields import Record, fold, no_items
from generator.core.privacy import AllowList, scan_file
from generator.core.records import Loaded, load_one

Term = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
"""One word or phrase of a synonym group (for example «CCCD» or «căn cước công dân»)."""


class SynonymFile(Record):
    """The synonym groups of one site."""

    nhom: list[Annotated[list[Term], Field(min_length=2)]] = no_items()
    """Nhóm từ đồng nghĩa: mỗi nhóm hai cách gọi trở lên cùng nghĩa, chữ viết tắt đứng đầu."""


def words(text: str) -> list[str]:
    """The folded words of ``text``: lower case, no tone marks, ``đ`` → ``d``, split on anything else."""
    return list(_words(text))


@lru_cache(maxsize=65_536)
def _words(text: str) -> tuple[str, ...]:
    """Cached: every page folds its sector's name and every synonym group again."""
    return tuple(re.findall(r"[0-9a-z]+", fold(text)))


def check_synonyms(loaded: Loaded[SynonymFile]) -> list[DataError]:
    """Each term has a letter or digit and appears once in the whole file (compared folded)."""
    errors: list[DataError] = []
    seen: dict[tuple[str, ...], str] = {}
    for i, group in enumerate(loaded.record.nhom):
        for j, term in enumerate(group):
            key, where = tuple(words(term)), f"nhom[{i}][{j}]"
            if not key:
                errors.append(loaded.doc.error(("nhom", i, j), f"«{term}» không có chữ hay số nào"))
            elif key in seen:
                message = f"«{term}» đã có ở {seen[key]} (không phân biệt hoa thường, dấu và đ/d)"
                errors.append(loaded.doc.error(("nhom", i, j), message))
            else:
                seen[key] = where
    return errors


def load_synonyms(path: Path, allowed: AllowList) -> tuple[SynonymFile, list[DataError]]:
    """The synonym file at ``path``, its terms scanned for personal data (``allowed`` passing); no
    groups when the file does not exist."""
    if not path.is_file():
        return SynonymFile(), []
    loaded, errors = load_one(path, SynonymFile)
    if loaded is None:
        return SynonymFile(), errors
    return loaded.record, errors + scan_file(loaded, allowed) + check_synonyms(loaded)
