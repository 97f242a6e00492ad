"""``import_records``: read the national data, convert, validate each record, merge, then write.

An import never blocks on one record: every record that can be made valid is written, and a record that
cannot (no code, no name, a file staff must fix first) is skipped and listed with its reason.
Each file is checked as ``congkhai check`` reads it before it is written, privacy scan included (the same
function, with the allow-list ``check`` will read), so a run never leaves a record on disk that fails
``check``; the contacts the national records print are added to that allow-list with their procedures
(:mod:`generator.importer.contacts`). Only a problem with the run itself (a source path that does not
exist, a broken ``linh-vuc.yml`` or allow-list, a bad ``--linh-vuc``) stops it before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from generator.core.contentfiles import write_atomic
from generator.core.fields import CODE_PATTERN, SLUG_PATTERN, slugify
from generator.core.records import load_bytes, load_one
from generator.core.yamlio import dump_yaml
from generator.importer.contacts import ContactBook
from generator.importer.convert import Converted, convert
from generator.importer.dvcqg import NationalRecord, Sources, read_sources
from generator.importer.merge import merge
from generator.importer.report import (
    ImportErrors,
    ImportReport,
    Notice,
    RecordProblem,
    Skipped,
    field_kind,
)
from generator.importer.text import sector_key
from generator.importer.write import render, render_data
from generator.procedures.model import Procedure
from generator.site.sectors import SectorRegistry

REGISTRY = "linh-vuc.yml"
REGISTER_OPTION = "--them-linh-vuc"


@dataclass(frozen=True)
class Planned:
    """One file to write (or leave as it is)."""

    path: Path
    text: str
    changed: bool


@dataclass
class Sectors:
    """National sector names (by :func:`sector_key`) → slugs, and the sectors this run adds."""

    slugs: dict[str, str]
    taken: set[str]
    """Every slug in use, to keep new ones unique."""
    register: bool = False
    added: list[tuple[str, str]] = field(default_factory=list)

    def slug(self, name: str) -> str | None:
        """The slug of the national sector ``name``; a new one when registering, else ``None``."""
        key = sector_key(name)
        if key in self.slugs:
            return self.slugs[key]
        if not self.register or not key:
            return None
        slug = self.free_slug(name)
        self.slugs[key] = slug
        self.taken.add(slug)
        self.added.append((slug, name))
        return slug

    def free_slug(self, name: str) -> str:
        """A slug made from ``name`` that no sector uses yet (``quoc-tich-2`` when ``quoc-tich`` is taken)."""
        slug = base = slugify(name) or "linh-vuc"
        n = 2
        while slug in self.taken:
            slug, n = f"{base}-{n}", n + 1
        return slug


def import_records(
    sources: Iterable[Path],
    out_dir: Path,
    cap: str | Iterable[str] | None = None,
    sectors: Mapping[str, str] | None = None,
    registry: Path | None = None,
    register: bool = False,
) -> ImportReport:
    """Import every national record in ``sources`` into ``out_dir/<ma_thu_tuc>.yml``.

    ``cap`` keeps only procedures of one of these levels (for example ``tinh`` or ``("tinh", "xa")``), and
    those whose level is not known (the source gives none, or only levels the model does not have).
    National sector names map to slugs through ``registry`` (default: ``linh-vuc.yml`` beside ``out_dir``)
    and ``sectors`` (name → slug), both matched on :func:`sector_key`. With ``register``, a sector not
    found is added to the registry with its national name and a unique slug. Raises :class:`ImportErrors`
    before writing anything only for a problem of the run itself; a record that cannot be made valid is
    skipped and listed in the report.
    """
    read = read_sources(sources)
    registry = registry or out_dir.parent / REGISTRY
    problems: list[str] = []
    known = sector_slugs(registry, sectors or {}, problems)
    if problems:
        raise ImportErrors(problems)
    book = ContactBook.open(out_dir.parent)
    levels = {cap} if isinstance(cap, str) else set(cap or ())
    table = Sectors(known, _registry_slugs(registry) | set(known.values()), register)
    report = ImportReport(
        listed_only=sorted(set(read.rows) - {record.code for record in read.records}),
        rejected=list(read.skipped),
        source_warnings=list(read.warnings),
    )
    for skipped in read.skipped:
        report.folder(skipped.path).skipped += 1
    planned = [p for p in _plan(read, out_dir, levels, table, registry, report, book) if p]
    if table.added:
        _register(registry, table.added)
        report.added_sectors = list(table.added)
    book.write()  # before the files that need it
    report.contacts = sorted(book.added)
    report.contacts_file = book.path
    for item in planned:
        if item.changed:
            write_atomic(item.path, item.text)
    report.warnings.sort()
    report.rejected.sort()
    return report


def sector_slugs(registry: Path, overrides: Mapping[str, str], problems: list[str]) -> dict[str, str]:
    """National sector name (as :func:`sector_key`) → slug, from the registry file then ``overrides``."""
    slugs: dict[str, str] = {}
    if registry.is_file():
        loaded, errors = load_one(registry, SectorRegistry)
        problems += [str(e) for e in errors]
        if loaded:
            slugs = {sector_key(s.ten): s.ma for s in loaded.record.linh_vuc}
    for name, slug in overrides.items():
        if not re.match(SLUG_PATTERN, slug):
            problems.append(
                f"--linh-vuc «{name}={slug}»: mã lĩnh vực chỉ gồm chữ thường không dấu, số và dấu gạch ngang"
            )
        slugs[sector_key(name)] = slug
    return slugs


def _registry_slugs(registry: Path) -> set[str]:
    if not registry.is_file():
        return set()
    loaded, _ = load_one(registry, SectorRegistry)
    return {s.ma for s in loaded.record.linh_vuc} if loaded else set()


def _plan(
    read: Sources,
    out_dir: Path,
    levels: set[str],
    sectors: Sectors,
    registry: Path,
    report: ImportReport,
    book: ContactBook,
) -> Iterable[Planned | None]:
    for record in read.records:
        folder = report.folder(record.path)
        try:
            converted = convert(record, read.rows.get(record.code), {})
        except RecordProblem as exc:
            _reject(report, Skipped(record.path, record.code, str(exc)))
            continue
        except Exception as exc:  # a parser's bug on one record must not stop the others
            _reject(
                report,
                Skipped(
                    record.path, record.code, f"lỗi không mong đợi khi đọc bản ghi ({type(exc).__name__})"
                ),
            )
            continue
        if levels and converted.data["cap_thuc_hien"] and not levels & set(converted.data["cap_thuc_hien"]):
            report.skipped.append(record.code)
            folder.filtered += 1
            continue
        problem = _unusable(record, converted, sectors, registry)
        if problem:
            _reject(report, Skipped(record.path, record.code, problem))
            continue
        planned = _planned(record, converted, out_dir, report, book)
        if planned is None:
            continue
        notices = [Notice(record.code, i.field, i.message) for i in converted.issues]
        report.warnings += notices
        report.tally.add(converted.tally)
        folder.tally.add(converted.tally)
        folder.warnings.update(field_kind(n.field) for n in notices)
        folder.imported += 1
        yield planned


def _reject(report: ImportReport, skipped: Skipped) -> None:
    report.rejected.append(skipped)
    report.folder(skipped.path).skipped += 1


def _unusable(record: NationalRecord, converted: Converted, sectors: Sectors, registry: Path) -> str | None:
    """Why the record cannot be made valid, or ``None``; sets its sector slug."""
    if not re.match(CODE_PATTERN, record.code):
        return f"mã thủ tục «{record.code}» không đúng dạng 1.234567"
    if not converted.data.get("ten_thu_tuc"):
        return "bản ghi không có tên thủ tục («ten_thu_tuc» trống)"
    if not converted.sector:
        return "bản ghi không ghi lĩnh vực («linh_vuc» trống)"
    slug = sectors.slug(converted.sector)
    if slug is None:
        name, new = converted.sector, sectors.free_slug(converted.sector)
        return (
            f"lĩnh vực «{name}» chưa có trong {registry}; chạy lại với {REGISTER_OPTION} để thêm, hoặc thêm "
            f'(ma: {new}, ten: {name}) vào {registry}, hoặc dùng --linh-vuc "{name}=<mã lĩnh vực>"'
        )
    converted.data["linh_vuc"] = slug
    return None


def _planned(
    record: NationalRecord, converted: Converted, out_dir: Path, report: ImportReport, book: ContactBook
) -> Planned | None:
    """The file of ``record``, or ``None`` when it cannot be made one that ``check`` accepts (listed);
    the contacts its national text prints are allowed in ``book``."""
    try:
        national = Procedure.model_validate(converted.data)
    except ValidationError as exc:  # the messages ``check`` would give, else pydantic's
        _, errors = load_bytes(Path(record.path), render_data(converted.data).encode("utf-8"), Procedure)
        reasons = [f"{e.key}: {e.message}" for e in errors] or [
            f"{_loc(e['loc'])}: {e['msg']}" for e in exc.errors()
        ]
        _reject(report, Skipped(record.path, record.code, "; ".join(reasons)))
        return None
    path = out_dir / f"{record.code}.yml"
    contacts = book.printed(national)
    found = _existing(path, book, contacts)
    if isinstance(found, str):
        _reject(report, Skipped(record.path, record.code, f"{found} (sửa tệp này rồi nhập lại)"))
        return None
    merged, issues = merge(national, found, levels_given=converted.levels_given)
    text = render(merged)
    refused = _checked(path, text, book, contacts)
    if refused:
        _reject(report, Skipped(record.path, record.code, refused))
        return None
    book.add(contacts, record.code)
    report.warnings += [Notice(record.code, i.field, i.message) for i in issues]
    changed = found is None or merged != found
    (report.written if changed else report.unchanged).append(record.code)
    return Planned(path, text, changed)


def _existing(path: Path, book: ContactBook, contacts: list[str]) -> Procedure | str | None:
    """The staff's file of the procedure (``None`` when there is none), or what ``check`` says of it: the
    national record's ``contacts`` allowed, a file it refuses is left for staff to fix."""
    if not path.is_file():
        return None
    loaded, errors = load_one(path, Procedure)
    if loaded is not None and not errors:
        errors = book.scan(loaded, contacts)
    if errors or loaded is None:
        return "; ".join(str(e) for e in errors)
    return loaded.record


def _checked(path: Path, text: str, book: ContactBook, contacts: list[str]) -> str:
    """What ``check`` says of ``text`` as the file ``path``, the national record's ``contacts`` allowed
    ("" when it accepts it): the file read and validated, then scanned for personal data."""
    loaded, errors = load_bytes(path, text.encode("utf-8"), Procedure)
    if loaded is not None and not errors:
        errors = book.scan(loaded, contacts)
    return "; ".join(str(e) for e in errors)


def _register(registry: Path, added: list[tuple[str, str]]) -> None:
    """Append the new sectors to the registry file, keeping its comments; checked before it is written."""
    text = registry.read_text(encoding="utf-8") if registry.is_file() else "linh_vuc:\n"
    if not text.endswith("\n"):
        text += "\n"
    for slug, name in added:
        text += f"  - ma: {slug}\n    {dump_yaml({'ten': name})}"
    _, errors = load_bytes(registry, text.encode("utf-8"), SectorRegistry)
    if errors:
        raise ImportErrors([f"không thêm được lĩnh vực vào {registry}: {e}" for e in errors])
    write_atomic(registry, text)


def _loc(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
