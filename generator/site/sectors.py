"""Lĩnh vực (sectors): the registry file ``content/linh-vuc.yml`` that every procedure refers to."""

from __future__ import annotations

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
    errors: list[DataError] = []
    for attr in ("ma", "ten"):
        seen: dict[str, int] = {}
        for i, sector in enumerate(loaded.record.linh_vuc):
            value = getattr(sector, attr)
            if value in seen:
                errors.append(
                    loaded.doc.error(("linh_vuc", i, attr), f"«{value}» đã có ở linh_vuc[{seen[value]}]")
                )
            seen.setdefault(value, i)
    return errors
