"""What listings, statistics, feeds and checks need of each feedback item, and the facts counted in
working days (deadline, lateness) from it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from generator.core.workdays import Workdays
from generator.feedback.model import CLOSING, Feedback, Settings
from generator.site.catalog import Catalog

NAME = "pakn"
"""The dataset's name: content in ``content/pakn/``, pages under ``pakn/``."""


class Summary(NamedTuple):
    """One feedback item as lists, statistics, the feed and the cross-record checks read it; the names
    are the record's own."""

    ma_pakn: str
    tieu_de: str
    ngay_tiep_nhan: date
    kenh_tiep_nhan: str
    phan_loai: str
    linh_vuc: str
    thu_tuc: tuple[str, ...]
    trang_thai: tuple[tuple[str, date], ...]
    """The transitions after reception: (status, date)."""
    quy_tac_thoi_han: str
    ngay_tra_loi: date | None
    tra_loi: bool
    """Whether the record has an answer text."""
    ket_qua: str | None
    van_ban_tra_loi: str | None
    """The answering document's number."""
    hinh_thuc_cong_khai: tuple[str, ...]

    @property
    def status(self) -> str:
        """The current status."""
        return self.trang_thai[-1][0] if self.trang_thai else "da_tiep_nhan"

    @property
    def closed_on(self) -> date | None:
        """The day the agency's handling ended (answer, refusal or forwarding), if it has."""
        return next((day for status, day in self.trang_thai if status in CLOSING), None)

    @property
    def updated(self) -> date:
        """The latest date the record gives."""
        return max([self.ngay_tiep_nhan, *(day for _, day in self.trang_thai)])


def summarise(f: Feedback) -> Summary:
    """The summary of one feedback item."""
    return Summary(
        ma_pakn=f.ma_pakn,
        tieu_de=f.tieu_de,
        ngay_tiep_nhan=f.ngay_tiep_nhan,
        kenh_tiep_nhan=f.kenh_tiep_nhan,
        phan_loai=f.phan_loai,
        linh_vuc=f.linh_vuc,
        thu_tuc=tuple(f.thu_tuc),
        trang_thai=tuple((t.trang_thai, t.ngay) for t in f.trang_thai),
        quy_tac_thoi_han=f.quy_tac_thoi_han,
        ngay_tra_loi=f.ngay_tra_loi,
        tra_loi=f.tra_loi is not None,
        ket_qua=f.ket_qua,
        van_ban_tra_loi=f.van_ban_tra_loi.so if f.van_ban_tra_loi else None,
        hinh_thuc_cong_khai=tuple(f.hinh_thuc_cong_khai),
    )


@dataclass(frozen=True)
class Timing:
    """An item's deadline and lateness in working days, as of the build date."""

    deadline: date
    """The last working day of the time limit."""
    limit: int
    """The time limit in working days."""
    closed_on: date | None
    taken: int
    """Working days from reception to the end of handling, or to the build date while open."""
    late: bool
    """Handled after the deadline, or still open after it."""
    overdue: bool
    """Still open after the deadline."""
    late_by: int
    """Working days past the deadline (0 when not late)."""

    @property
    def on_time(self) -> bool:
        """Handled by the deadline."""
        return self.closed_on is not None and not self.late


def timing(item: Summary | Feedback, settings: Settings, workdays: Workdays, as_of: date) -> Timing:
    """The deadline and lateness of ``item`` by its rule, counted in ``workdays`` as of ``as_of``."""
    limit = next(r.so_ngay_lam_viec for r in settings.thoi_han if r.ma == item.quy_tac_thoi_han)
    received = item.ngay_tiep_nhan
    deadline = workdays.add(received, limit)
    closed = item.closed_on if isinstance(item, Summary) else summarise(item).closed_on
    end = closed or as_of
    late = end > deadline
    return Timing(
        deadline=deadline,
        limit=limit,
        closed_on=closed,
        taken=workdays.between(received, end),
        late=late,
        overdue=late and closed is None,
        late_by=workdays.between(deadline, end) if late else 0,
    )


def as_of(catalog: Catalog) -> date:
    """The date lateness is counted to: the site's one stated date (:attr:`Catalog.as_of`)."""
    return catalog.as_of


def settings(catalog: Catalog) -> Settings:
    """The dataset's settings."""
    found: Settings = catalog.settings(NAME)
    return found


def summaries(catalog: Catalog) -> tuple[Summary, ...]:
    """Every item's summary, by code."""
    return catalog.summaries(NAME)


def timings(catalog: Catalog) -> dict[str, Timing]:
    """Every item's :class:`Timing` by code (made once per catalog)."""

    def make() -> dict[str, Timing]:
        day, rules, workdays = as_of(catalog), settings(catalog), catalog.workdays
        return {s.ma_pakn: timing(s, rules, workdays, day) for s in summaries(catalog)}

    return catalog.index((NAME, "timings"), make)
