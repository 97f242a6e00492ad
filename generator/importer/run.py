"""``import_records``: read the national data, convert, validate everything, merge, then write.

No file is written unless every selected record converts into a valid procedure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from generator.core.fields import SLUG_PATTERN, fold, slugify
from generator.core.records import load_one
from generator.importer.convert import Converted, convert
from generator.importer.dvcqg import NationalRecord, Sources, read_sources
from generator.importer.merge import merge
from generator.importer.report import ImportErrors, ImportReport, Notice
from generator.importer.write import render, write_atomic
from generator.procedures.model import Procedure
from generator.site.sectors import SectorRegistry

REGISTRY = "linh-vuc.yml"


@dataclass(frozen=True)
class Planned:
    """One file to write (or leave as it is)."""

    path: Path
    text: str
    changed: bool


def import_records(
    sources: Iterable[Path],
    out_dir: Path,
    cap: str | None = None,
    sectors: Mapping[str, str] | None = None,
    registry: Path | None = None,
) -> ImportReport:
    """Import every national record in ``sources`` into ``out_dir/<ma_thu_tuc>.yml``.

    ``cap`` keeps only procedures of that level (for example ``tinh``). National sector names map to slugs
    through ``registry`` (default: ``linh-vuc.yml`` beside ``out_dir``) and ``sectors`` (name → slug).
    Raises :class:`ImportErrors` (one line per problem, naming the file) before writing anything.
    """
    read = read_sources(sources)
    registry = registry or out_dir.parent / REGISTRY
    problems: list[str] = []
    sector_map = sector_slugs(registry, sectors or {}, problems)
    report = ImportReport(listed_only=sorted(set(read.rows) - {record.code for record in read.records}))
    planned = [p for p in _plan(read, out_dir, cap, sector_map, registry, report, problems) if p]
    if problems:
        raise ImportErrors(problems)
    for item in planned:
        if item.changed:
            write_atomic(item.path, item.text)
    report.warnings.sort()
    return report


def sector_slugs(registry: Path, overrides: Mapping[str, str], problems: list[str]) -> dict[str, str]:
    """Folded national sector name → slug, from the registry file then ``overrides``."""
    slugs: dict[str, str] = {}
    if registry.is_file():
        loaded, errors = load_one(registry, SectorRegistry)
        problems += [str(e) for e in errors]
        if loaded:
            slugs = {fold(s.ten): s.ma for s in loaded.record.linh_vuc}
    for name, slug in overrides.items():
        if not re.match(SLUG_PATTERN, slug):
            problems.append(
                f"--linh-vuc «{name}={slug}»: mã lĩnh vực chỉ gồm chữ thường không dấu, số và dấu gạch ngang"
            )
        slugs[fold(name)] = slug
    return slugs


def _plan(
    read: Sources,
    out_dir: Path,
    cap: str | None,
    sectors: dict[str, str],
    registry: Path,
    report: ImportReport,
    problems: list[str],
) -> Iterable[Planned | None]:
    for record in read.records:
        converted = convert(record, read.rows.get(record.code), sectors)
        if cap and cap not in converted.data["cap_thuc_hien"]:
            report.skipped.append(record.code)
            continue
        report.tally.add(converted.tally)
        report.warnings += [Notice(record.code, i.field, i.message) for i in converted.issues]
        if fold(converted.sector) not in sectors:
            problems.append(_unknown_sector(record, converted, registry))
        yield _planned(record, converted, out_dir, report, problems)


def _unknown_sector(record: NationalRecord, converted: Converted, registry: Path) -> str:
    name, slug = converted.sector, slugify(converted.sector)
    return (
        f"{record.path}: {record.code}: lĩnh vực «{name}» chưa có trong {registry}; thêm lĩnh vực "
        f'(ma: {slug}, ten: {name}) vào {registry} hoặc dùng --linh-vuc "{name}=<mã lĩnh vực>"'
    )


def _planned(
    record: NationalRecord, converted: Converted, out_dir: Path, report: ImportReport, problems: list[str]
) -> Planned | None:
    try:
        national = Procedure.model_validate(converted.data)
    except ValidationError as exc:
        problems += [f"{record.path}: {record.code}: {_loc(e['loc'])}: {e['msg']}" for e in exc.errors()]
        return None
    path = out_dir / f"{record.code}.yml"
    existing: Procedure | None = None
    if path.is_file():
        loaded, errors = load_one(path, Procedure)
        if errors:
            problems += [f"{e} (sửa tệp này rồi nhập lại)" for e in errors]
            return None
        existing = loaded.record if loaded else None
    merged, issues = merge(national, existing)
    report.warnings += [Notice(record.code, i.field, i.message) for i in issues]
    changed = existing is None or merged != existing
    (report.written if changed else report.unchanged).append(record.code)
    return Planned(path, render(merged), changed)


def _loc(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
