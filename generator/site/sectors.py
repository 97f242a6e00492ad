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
    """The slug used in addresses and in each procedure's «linh_vuc» (for example «cong-chung»)."""
    ten: Text
    """The sector's name as citizens know it (for example «Công chứng»)."""
    mo_ta: Text | None = None
    """One or two sentences introducing the sector."""


class SectorRegistry(Record):
    """The list of sectors, in the order the site shows them."""

    linh_vuc: list[Sector]
    """Các lĩnh vực."""


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
