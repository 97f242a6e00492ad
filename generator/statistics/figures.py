"""Totals, the four identities of Biểu 06 (domain §4.1) and the rates, computed from the parts.

Identities (each checked with the row's numbers in the message):

1. received = online + direct or post + carried over (against a copied ``tong_so``);
2. resolved = early + on time + late (against a copied ``tong_so``);
3. pending = within time + overdue (against a copied ``tong_so``);
4. received = resolved + pending (always: the parts must balance).

Rates (domain §4.2): on time = (early + on time + pending within time) / received; overdue = (resolved
late + pending overdue) / received; online share = online / (online + direct or post).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal

from generator.statistics.model import Period, Row


@dataclass(frozen=True)
class Figures:
    """The columns of one row of Biểu 06 (or a sum of rows), totals included."""

    truc_tuyen: int = 0
    truc_tiep: int = 0
    ky_truoc: int = 0
    truoc_han: int = 0
    dung_han: int = 0
    da_qua_han: int = 0
    trong_han: int = 0
    dang_qua_han: int = 0
    xin_loi: int = 0

    @property
    def received(self) -> int:
        """Tổng số nhận giải quyết."""
        return self.truc_tuyen + self.truc_tiep + self.ky_truoc

    @property
    def resolved(self) -> int:
        """Tổng số đã giải quyết."""
        return self.truoc_han + self.dung_han + self.da_qua_han

    @property
    def pending(self) -> int:
        """Tổng số đang giải quyết."""
        return self.trong_han + self.dang_qua_han

    @property
    def on_time(self) -> int:
        """Numerator of the on-time rate."""
        return self.truoc_han + self.dung_han + self.trong_han

    @property
    def overdue(self) -> int:
        """Numerator of the overdue rate."""
        return self.da_qua_han + self.dang_qua_han

    @property
    def new(self) -> int:
        """Received in the period (online + direct or post)."""
        return self.truc_tuyen + self.truc_tiep

    def __add__(self, other: Figures) -> Figures:
        return Figures(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def columns(self) -> list[int]:
        """The 13 number columns of the table, in Biểu 06's order (plus apologies)."""
        return [
            self.received,
            self.truc_tuyen,
            self.truc_tiep,
            self.ky_truoc,
            self.resolved,
            self.truoc_han,
            self.dung_han,
            self.da_qua_han,
            self.pending,
            self.trong_han,
            self.dang_qua_han,
            self.xin_loi,
        ]


COLUMN_NAMES = [
    "tiep_nhan_tong_so",
    "tiep_nhan_truc_tuyen",
    "tiep_nhan_truc_tiep_buu_chinh",
    "tiep_nhan_ky_truoc",
    "da_giai_quyet_tong_so",
    "da_giai_quyet_truoc_han",
    "da_giai_quyet_dung_han",
    "da_giai_quyet_qua_han",
    "dang_giai_quyet_tong_so",
    "dang_giai_quyet_trong_han",
    "dang_giai_quyet_qua_han",
    "phieu_xin_loi",
]
"""The CSV names of :meth:`Figures.columns`."""


def of_row(row: Row) -> Figures:
    """The figures of one row."""
    r, d, p = row.tiep_nhan, row.da_giai_quyet, row.dang_giai_quyet
    return Figures(
        r.truc_tuyen,
        r.truc_tiep,
        r.ky_truoc,
        d.truoc_han,
        d.dung_han,
        d.qua_han,
        p.trong_han,
        p.qua_han,
        row.xin_loi,
    )


def total(items: Iterable[Figures]) -> Figures:
    """The sum of ``items``."""
    result = Figures()
    for item in items:
        result = result + item
    return result


def of_period(period: Period) -> Figures:
    """The total row of a quarter."""
    return total(of_row(r) for r in period.so_lieu)


def of_year(quarters: list[Figures]) -> Figures:
    """A year from its quarters (oldest first): what was received in each, the first quarter's carried
    over, what was resolved in each, and what the last quarter left pending."""
    summed = total(quarters)
    first, last = quarters[0], quarters[-1]
    return Figures(
        summed.truc_tuyen,
        summed.truc_tiep,
        first.ky_truoc,
        summed.truoc_han,
        summed.dung_han,
        summed.da_qua_han,
        last.trong_han,
        last.dang_qua_han,
        summed.xin_loi,
    )


def identity_problems(row: Row) -> list[tuple[tuple[str, ...], str]]:
    """Each identity ``row`` breaks: its key path (below the row) and the message, with the numbers."""
    f = of_row(row)
    found: list[tuple[tuple[str, ...], str]] = []
    r, d, p = row.tiep_nhan, row.da_giai_quyet, row.dang_giai_quyet
    if r.tong_so is not None and r.tong_so != f.received:
        found.append(
            (
                ("tiep_nhan", "tong_so"),
                "sai đẳng thức (tổng số nhận = trực tuyến + trực tiếp, bưu chính + từ kỳ trước): "
                f"{r.tong_so} ≠ {f.truc_tuyen} + {f.truc_tiep} + {f.ky_truoc} = {f.received}",
            )
        )
    if d.tong_so is not None and d.tong_so != f.resolved:
        found.append(
            (
                ("da_giai_quyet", "tong_so"),
                "sai đẳng thức (tổng số đã giải quyết = trước hạn + đúng hạn + quá hạn): "
                f"{d.tong_so} ≠ {f.truoc_han} + {f.dung_han} + {f.da_qua_han} = {f.resolved}",
            )
        )
    if p.tong_so is not None and p.tong_so != f.pending:
        found.append(
            (
                ("dang_giai_quyet", "tong_so"),
                "sai đẳng thức (tổng số đang giải quyết = trong hạn + quá hạn): "
                f"{p.tong_so} ≠ {f.trong_han} + {f.dang_qua_han} = {f.pending}",
            )
        )
    if f.received != f.resolved + f.pending:
        found.append(
            (
                (),
                "sai đẳng thức (nhận giải quyết = đã giải quyết + đang giải quyết): "
                f"{f.received} ≠ {f.resolved} + {f.pending} = {f.resolved + f.pending}",
            )
        )
    return found


@dataclass(frozen=True)
class Rate:
    """A rate with its formula's numbers."""

    numerator: int
    denominator: int

    @property
    def percent(self) -> Decimal | None:
        """The rate in percent, one decimal (``None`` when nothing was received)."""
        if not self.denominator:
            return None
        return (Decimal(100 * self.numerator) / self.denominator).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def text(self) -> str:
        """``85,7%``, or ``—``."""
        value = self.percent
        return "—" if value is None else f"{value}%".replace(".", ",")


def on_time_rate(f: Figures) -> Rate:
    """(Trước hạn + Đúng hạn + Đang giải quyết trong hạn) ÷ Tổng số nhận."""
    return Rate(f.on_time, f.received)


def overdue_rate(f: Figures) -> Rate:
    """(Đã giải quyết quá hạn + Đang giải quyết quá hạn) ÷ Tổng số nhận."""
    return Rate(f.overdue, f.received)


def online_rate(f: Figures) -> Rate:
    """Trực tuyến ÷ (Trực tuyến + Trực tiếp, bưu chính)."""
    return Rate(f.truc_tuyen, f.new)
