"""Vietnamese working days: weekends and public holidays off, the year's announced swaps applied.

The public holidays come from the ``holidays`` package's Vietnam calendar (Tết by the lunar calendar,
Giỗ Tổ Hùng Vương, 30/4, 1/5, 2/9 and the days the government added to them, with the make-up working
Saturdays it knows of). Each year the government also announces day swaps of its own: staff add them to
``content/ngay-nghi.yml`` (:class:`DaySwaps`): ``nghi`` are extra days off, ``lam_bu`` are make-up
working days on a weekend. Any deadline or lateness in working days is counted with one
:class:`Workdays` of the content folder.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

import holidays

from generator.core.errors import DataError
from generator.core.fields import Record, Text, no_items
from generator.core.records import Loaded

SWAPS_FILE = "ngay-nghi.yml"
"""The content file with the year's announced day swaps."""
WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


class SwapDay(Record):
    """Một ngày nghỉ bù hoặc ngày làm bù do Chính phủ, Ủy ban nhân dân tỉnh thông báo."""

    ngay: date
    """Ngày: ngày nghỉ hoặc làm bù."""
    ly_do: Text | None = None
    """Căn cứ, lý do: ví dụ «Hoán đổi ngày làm việc dịp 2/9/2026, Thông báo số …»."""


class DaySwaps(Record):
    """Ngày nghỉ và ngày làm bù trong năm, bổ sung cho lịch nghỉ lễ, Tết (``content/ngay-nghi.yml``)."""

    nghi: list[SwapDay] = no_items()
    """Ngày nghỉ thêm: ngày nghỉ rơi vào ngày làm việc, từ thứ Hai đến thứ Sáu."""
    lam_bu: list[SwapDay] = no_items()
    """Ngày làm bù: ngày làm bù rơi vào thứ Bảy hoặc Chủ nhật."""


@cache
def _vietnam(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("VN", years=year))


@cache
def _known_workdays(year: int) -> frozenset[date]:
    return frozenset(
        d for d in holidays.country_holidays("VN", years=year).weekend_workdays if d.year == year
    )


@dataclass(frozen=True)
class Workdays:
    """The working-day calendar: Monday to Friday, less the holidays, with the content's swaps."""

    days_off: frozenset[date] = field(default_factory=frozenset)
    """Extra days off (``nghi``)."""
    make_up: frozenset[date] = field(default_factory=frozenset)
    """Extra working days (``lam_bu``)."""

    @classmethod
    def of(cls, swaps: DaySwaps | None) -> Workdays:
        """The calendar with ``swaps`` (none: the holidays alone)."""
        if swaps is None:
            return cls()
        return cls(frozenset(d.ngay for d in swaps.nghi), frozenset(d.ngay for d in swaps.lam_bu))

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day."""
        if day in self.make_up or day in _known_workdays(day.year):
            return True
        if day.weekday() >= 5 or day in self.days_off:
            return False
        return day not in _vietnam(day.year)

    def add(self, start: date, count: int) -> date:
        """The ``count``-th working day after ``start`` (``start`` itself not counted): the last day of
        a time limit of ``count`` working days from ``start``."""
        return _add(self, start, count)

    def between(self, start: date, end: date) -> int:
        """The working days after ``start`` up to and including ``end`` (0 when ``end`` is not after).

        Counted from each year's running totals (:func:`_running_count`): counting day by day took most
        of the time of the feedback pages' deadlines, made again at every rebuild of the live preview."""
        if end <= start:
            return 0
        first, last = _running_count(self, start.year), _running_count(self, end.year)
        if start.year == end.year:
            return last[_day_of_year(end)] - first[_day_of_year(start)]
        between_years = sum(_running_count(self, year)[-1] for year in range(start.year + 1, end.year))
        return first[-1] - first[_day_of_year(start)] + between_years + last[_day_of_year(end)]


@cache
def _add(workdays: Workdays, start: date, count: int) -> date:
    """:meth:`Workdays.add`, kept: the same few dates and time limits recur in thousands of records,
    and the live preview counts them again at every rebuild."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        if workdays.is_working_day(day):
            count -= 1
    return day


@cache
def _running_count(workdays: Workdays, year: int) -> tuple[int, ...]:
    """For each ``k`` from 0 to the year's length, the working days among its first ``k`` days."""
    counts = [0]
    day = date(year, 1, 1)
    while day.year == year:
        counts.append(counts[-1] + workdays.is_working_day(day))
        day += timedelta(days=1)
    return tuple(counts)


def _day_of_year(day: date) -> int:
    return day.toordinal() - date(day.year, 1, 1).toordinal() + 1


def check_swaps(loaded: Loaded[DaySwaps]) -> list[DataError]:
    """Each day off must be a weekday that is not already a holiday; each make-up day a weekend day; no
    day both."""
    errors: list[DataError] = []
    plain = Workdays()
    swaps = loaded.record
    for i, day in enumerate(swaps.nghi):
        if day.ngay.weekday() >= 5:
            message = f"ngày {_show(day.ngay)} là {WEEKDAYS[day.ngay.weekday()]}, vốn đã nghỉ: bỏ dòng này"
            errors.append(loaded.doc.error(("nghi", i, "ngay"), message))
        elif not plain.is_working_day(day.ngay):
            message = f"ngày {_show(day.ngay)} đã là ngày nghỉ lễ, Tết theo lịch chung: bỏ dòng này"
            errors.append(loaded.doc.error(("nghi", i, "ngay"), message))
    for i, day in enumerate(swaps.lam_bu):
        if day.ngay.weekday() < 5:
            message = (
                f"ngày {_show(day.ngay)} là {WEEKDAYS[day.ngay.weekday()]}, vốn là ngày làm việc: "
                "ngày làm bù phải là thứ Bảy hoặc Chủ nhật"
            )
            errors.append(loaded.doc.error(("lam_bu", i, "ngay"), message))
    errors += _repeated(loaded, swaps)
    return errors


def _repeated(loaded: Loaded[DaySwaps], swaps: DaySwaps) -> Iterable[DataError]:
    off = {d.ngay for d in swaps.nghi}
    for i, day in enumerate(swaps.lam_bu):
        if day.ngay in off:
            message = f"ngày {_show(day.ngay)} vừa là ngày nghỉ (nghi) vừa là ngày làm bù: giữ một"
            yield loaded.doc.error(("lam_bu", i, "ngay"), message)


def _show(day: date) -> str:
    return day.strftime("%d/%m/%Y")
