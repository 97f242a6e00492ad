"""When a task is due and what is missing, computed from its timing, its reports and the build date.

Nothing here is typed by staff: the plan gives each task a kind of timing, the quarterly reports give
dated statuses, and the build date (the site's one stated date, ``Catalog.as_of``) says how far
the year has gone. The rules, by kind of timing:

* ``han`` (due by ``den_ngay``): overdue from the day after ``den_ngay`` while its status is neither
  done nor not applicable; done after ``den_ngay`` is shown as done late.
* ``dinh_ky`` (recurring: quarterly, half-yearly or yearly) and ``thuong_xuyen`` (continuous, reported
  every quarter as section III.2 of the plan asks): each due quarter's report is expected before day
  ``han_bao_cao`` (10) of the quarter's last month; from that day on, a quarter with no report is shown
  as missing, and a task with a missing report is overdue.
* ``khi_co_yeu_cau``, ``theo_trieu_tap``, ``theo_quy_dinh``: no date of their own, never overdue.

A task whose latest status is ``khong_ap_dung`` is never overdue and misses nothing. Reports dated after
the build date are not counted yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from generator.plan.model import Timing

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
"""Quarters as the plan writes them."""

CLOSED = ("hoan_thanh", "khong_ap_dung")
"""Statuses after which a task is no longer due."""


def quarter_end(year: int, quarter: int) -> date:
    """The last day of a calendar quarter."""
    return date(year + quarter // 4, quarter * 3 % 12 + 1, 1) - timedelta(days=1)


def report_due(year: int, quarter: int, day: int) -> date:
    """The first day a quarter's report is late: day ``day`` of the quarter's last month (the plan:
    reports «trước ngày 10 của tháng cuối quý»)."""
    return date(year, quarter * 3, day)


def due_quarters(timing: Timing) -> tuple[int, ...]:
    """The quarters whose report a task owes."""
    if timing.loai == "thuong_xuyen" or (timing.loai == "dinh_ky" and timing.chu_ky == "quy"):
        return (1, 2, 3, 4)
    if timing.loai == "dinh_ky":
        return (2, 4) if timing.chu_ky == "sau_thang" else (4,)
    return ()


@dataclass(frozen=True)
class Dated:
    """One report of one task: the quarter of the report file, the day and what it says."""

    year: int
    quarter: int
    day: date
    status: str
    percent: int | None
    done: str | None
    evidence: tuple[str, ...]
    late: bool
    """Dated on or after the day the quarter's report was due."""


@dataclass(frozen=True)
class State:
    """Where a task stands at the build date."""

    status: str
    """The latest report's status (``chua_bat_dau`` without a report)."""
    percent: int | None
    """The latest report's percent (100 when done; ``None`` when not applicable)."""
    overdue: bool
    missing: tuple[int, ...]
    """The quarters whose report is due and absent."""
    done_late: bool
    history: tuple[Dated, ...]
    """The reports counted, oldest first."""

    @property
    def closed(self) -> bool:
        """Done or not applicable."""
        return self.status in CLOSED


def state(timing: Timing, year: int, reports: list[Dated], today: date, day: int = 10) -> State:
    """Where a task of the plan of ``year`` stands on ``today``, given its reports."""
    history = tuple(sorted((r for r in reports if r.day <= today), key=lambda r: (r.day, r.quarter)))
    latest = history[-1] if history else None
    status = latest.status if latest else "chua_bat_dau"
    percent = (
        None
        if status == "khong_ap_dung"
        else 100
        if status == "hoan_thanh"
        else (latest and latest.percent) or 0
    )
    if status == "khong_ap_dung":
        return State(status, percent, False, (), False, history)
    reported = {r.quarter for r in history if r.year == year}
    missing = tuple(
        q for q in due_quarters(timing) if today >= report_due(year, q, day) and q not in reported
    )
    done_late = False
    if timing.loai == "han":
        assert timing.den_ngay is not None
        overdue = today > timing.den_ngay and status not in CLOSED
        finished = [r.day for r in history if r.status == "hoan_thanh"]
        done_late = status == "hoan_thanh" and bool(finished) and finished[0] > timing.den_ngay
    else:
        overdue = bool(missing)
    return State(status, percent, overdue, missing, done_late, history)
