"""Lĩnh vực (sectors): the registry file ``content/linh-vuc.yml`` that every procedure refers to."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from generator.core.errors import DataError
from generator.core.fields import Record, Slug, Text
from generator.core.records import Loaded


class Sector(Record):
    """Một lĩnh vực the site publishes procedures for."""

    ma: Slug
    """Mã lĩnh vực: dùng trong địa chỉ trang và ở trường «Lĩnh vực» của mỗi thủ tục, ví dụ «cong-chung»."""
    ten: Text
    """Tên lĩnh vực: tên người dân quen gọi, ví dụ «Công chứng»."""
    mo_ta: Text | None = None
    """Mô tả: một, hai câu giới thiệu lĩnh vực."""


class SectorRegistry(Record):
    """The list of sectors, in the order the site shows them."""

    linh_vuc: list[Sector]
    """Các lĩnh vực: theo thứ tự hiện trên trang."""


def check_registry(loaded: Loaded[SectorRegistry]) -> list[DataError]:
    """Each slug and each name appears once."""
    return unique_entries(loaded, "linh_vuc", loaded.record.linh_vuc)


def unique_entries(
    loaded: Loaded[Any], key: str, entries: Sequence[Any], attrs: tuple[str, ...] = ("ma", "ten")
) -> list[DataError]:
    """The entries of a registry file's list ``key`` whose ``attrs`` (code and name) repeat an earlier
    entry's, each naming the first (sectors in ``linh-vuc.yml``, units in ``don-vi.yml``)."""
    errors: list[DataError] = []
    for attr in attrs:
        seen: dict[str, int] = {}
        for i, entry in enumerate(entries):
            value = getattr(entry, attr)
            if value in seen:
                errors.append(loaded.doc.error((key, i, attr), f"«{value}» đã có ở {key}[{seen[value]}]"))
            seen.setdefault(value, i)
    return errors
