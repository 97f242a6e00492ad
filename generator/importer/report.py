"""What an import found: warnings per procedure and field, parse counts, files written."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    """… whose time and fee cells were both recognised (number, unit, «Miễn phí», «Không có thông tin»)."""
    rows_no_info: int = 0
    """… whose time or fee cell says «Không có thông tin»."""
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
        """The four parse rates, 0–1 (1 when there is nothing to count)."""
        return {
            "cach_thuc": _rate(self.rows_parsed, self.rows),
            "thanh_phan_ho_so": _rate(self.tables_parsed, self.tables),
            "can_cu_phap_ly": _rate(self.legal_numbered, self.legal),
            "ket_qua": _rate(self.results_coded_parsed, self.results_coded),
        }


def _rate(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


@dataclass
class ImportReport:
    """The outcome of one import."""

    written: list[str] = field(default_factory=list)
    """Codes whose file was created or changed."""
    unchanged: list[str] = field(default_factory=list)
    """Codes whose file already had this content."""
    skipped: list[str] = field(default_factory=list)
    """Codes left out by the level filter (``--cap``)."""
    listed_only: list[str] = field(default_factory=list)
    """Codes of the XLSX list that no JSON record has: not imported (sorted)."""
    warnings: list[Notice] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)

    @property
    def imported(self) -> list[str]:
        """Every code that now has a file, sorted."""
        return sorted(self.written + self.unchanged)


class ImportErrors(SourceError):
    """Problems that stop an import before any file is written; one line each, naming the file."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(self.problems))
