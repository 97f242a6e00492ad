"""What an import found: warnings per procedure and field, parse counts, files written, records skipped."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.errors import SourceError


@dataclass(frozen=True, order=True)
class Issue:
    """Something a parser could not read as structured data; the text went verbatim into free text."""

    field: str
    """Where in the record, for example ``cach_thuc[0].phi_le_phi``."""
    message: str
    """What happened, in Vietnamese for staff."""


@dataclass(frozen=True, order=True)
class Notice:
    """An :class:`Issue` of one procedure."""

    code: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.code}: {self.field}: {self.message}"


@dataclass
class Tally:
    """How many items of each table were read into structured fields."""

    rows: int = 0
    """Channel rows of «Cách thức thực hiện»."""
    rows_parsed: int = 0
    """… whose time cell was read (number and unit, bare number, or «Không có thông tin»)."""
    rows_no_info: int = 0
    """… whose time or fee cell says «Không có thông tin»."""
    fee_cells: int = 0
    """Fee cells of those rows."""
    fee_cells_parsed: int = 0
    """… read into amounts (or «Miễn phí», «Không có thông tin») and not kept as text only."""
    tables: int = 0
    """Tables of «Thành phần hồ sơ» (one per case)."""
    tables_parsed: int = 0
    """… read into documents with nothing left over."""
    legal: int = 0
    """Rows of «Căn cứ pháp lý»."""
    legal_numbered: int = 0
    """… with a document number (số hiệu)."""
    results_coded: int = 0
    """Results whose source text carries a «KQ.…» code."""
    results_coded_parsed: int = 0
    """… whose code was read into «ma»."""

    def add(self, other: Tally) -> None:
        """Add ``other``'s counts to these."""
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def rates(self) -> dict[str, float]:
        """The structured share of each table, 0–1 (1 when there is nothing to count)."""
        return {
            "cach_thuc": _rate(self.rows_parsed, self.rows),
            "phi_le_phi": _rate(self.fee_cells_parsed, self.fee_cells),
            "thanh_phan_ho_so": _rate(self.tables_parsed, self.tables),
            "can_cu_phap_ly": _rate(self.legal_numbered, self.legal),
            "ket_qua": _rate(self.results_coded_parsed, self.results_coded),
        }

    def counts(self) -> dict[str, tuple[int, int]]:
        """(structured, total) of each table, by the keys of :meth:`rates`."""
        return {
            "cach_thuc": (self.rows_parsed, self.rows),
            "phi_le_phi": (self.fee_cells_parsed, self.fee_cells),
            "thanh_phan_ho_so": (self.tables_parsed, self.tables),
            "can_cu_phap_ly": (self.legal_numbered, self.legal),
            "ket_qua": (self.results_coded_parsed, self.results_coded),
        }


def _rate(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


@dataclass(frozen=True, order=True)
class Skipped:
    """A record that could not be made valid: not written, listed with the reason."""

    path: str
    code: str
    """Its code, "" when it has none."""
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.code}: {self.reason}" if self.code else f"{self.path}: {self.reason}"


@dataclass
class FolderReport:
    """What one source folder gave: the fidelity report of that folder."""

    imported: int = 0
    skipped: int = 0
    filtered: int = 0
    """Left out by the level filter (``--cap``)."""
    warnings: Counter[str] = field(default_factory=Counter)
    """Warnings by field, list positions left out (``cach_thuc.thoi_han``)."""
    tally: Tally = field(default_factory=Tally)


_POSITION = re.compile(r"\[\d+\]")


def field_kind(where: str) -> str:
    """A warning's field without list positions: ``cach_thuc[2].thoi_han`` → ``cach_thuc.thoi_han``."""
    return _POSITION.sub("", where)


@dataclass
class ImportReport:
    """The outcome of one import."""

    written: list[str] = field(default_factory=list)
    """Codes whose file was created or changed."""
    unchanged: list[str] = field(default_factory=list)
    """Codes whose file already had this content."""
    skipped: list[str] = field(default_factory=list)
    """Codes left out by the level filter (``--cap``)."""
    rejected: list[Skipped] = field(default_factory=list)
    """Records that could not be made valid (no code, no name, …): not written."""
    listed_only: list[str] = field(default_factory=list)
    """Codes of the XLSX list that no JSON record has: not imported (sorted)."""
    warnings: list[Notice] = field(default_factory=list)
    source_warnings: list[str] = field(default_factory=list)
    """Problems of a source file that is not a record (an XLSX list that cannot be read)."""
    added_sectors: list[tuple[str, str]] = field(default_factory=list)
    """(slug, national name) of each sector registered in ``linh-vuc.yml`` by this run."""
    contacts: list[tuple[str, str]] = field(default_factory=list)
    """(contact, procedure code) of each contact printed in a national record that this run allowed in
    :attr:`contacts_file` (sorted)."""
    contacts_file: Path | None = None
    """The privacy scan's allow-list file (``content/cong-khai-duoc-phep.yml``)."""
    tally: Tally = field(default_factory=Tally)
    folders: dict[str, FolderReport] = field(default_factory=dict)
    """The fidelity report of each source folder, by folder path."""

    @property
    def imported(self) -> list[str]:
        """Every code that now has a file, sorted."""
        return sorted(self.written + self.unchanged)

    def folder(self, path: str) -> FolderReport:
        """The report of the folder holding the source file ``path``."""
        key = str(Path(path).parent)
        return self.folders.setdefault(key, FolderReport())


class RecordProblem(SourceError):
    """A national record that cannot be read at all (a number of thousands of digits): it is skipped and
    listed with this message, in Vietnamese; the import goes on."""


class ImportErrors(SourceError):
    """Problems that stop an import before any file is written; one line each, naming the file."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(self.problems))
