"""Each kind of timing's overdue rule, at the quarter boundaries (generator/plan/timing.py)."""

from __future__ import annotations

from datetime import date

import pytest

from generator.plan.model import Timing
from generator.plan.timing import Dated, quarter_end, report_due, state

YEAR = 2023


def report(quarter: int, day: date, status: str = "dang_thuc_hien", percent: int | None = 50) -> Dated:
    return Dated(YEAR, quarter, day, status, percent, "Đã làm.", (), day >= report_due(YEAR, quarter, 10))


def test_quarters_end_and_reports_fall_due_as_the_plan_says() -> None:
    assert [quarter_end(YEAR, q) for q in (1, 2, 3, 4)] == [
        date(2023, 3, 31),
        date(2023, 6, 30),
        date(2023, 9, 30),
        date(2023, 12, 31),
    ]
    # «trước ngày 10 của tháng cuối quý»: the 10th is the first late day.
    assert [report_due(YEAR, q, 10) for q in (1, 2, 3, 4)] == [
        date(2023, 3, 10),
        date(2023, 6, 10),
        date(2023, 9, 10),
        date(2023, 12, 10),
    ]


DUE_Q3 = Timing(loai="han", nguyen_van="Quý III", den_ngay=date(2023, 9, 30))


@pytest.mark.parametrize(
    ("today", "reports", "overdue"),
    [
        (date(2023, 9, 30), [], False),  # the last day of the quarter is still on time
        (date(2023, 10, 1), [], True),  # the next quarter's first day: overdue
        (date(2023, 10, 1), [report(3, date(2023, 9, 5))], True),  # in progress is not done
        (date(2023, 10, 1), [report(3, date(2023, 9, 30), "hoan_thanh", None)], False),
        (date(2023, 10, 1), [report(3, date(2023, 9, 30), "khong_ap_dung", None)], False),
        (date(2023, 10, 1), [report(4, date(2023, 10, 2), "hoan_thanh", None)], True),  # not yet reported
    ],
)
def test_a_task_due_by_a_date_is_overdue_from_the_next_day_until_done(
    today: date, reports: list[Dated], overdue: bool
) -> None:
    assert state(DUE_Q3, YEAR, reports, today).overdue is overdue
    assert state(DUE_Q3, YEAR, reports, today).missing == ()


def test_a_task_done_after_its_date_is_done_late() -> None:
    done = state(DUE_Q3, YEAR, [report(4, date(2023, 10, 2), "hoan_thanh", None)], date(2023, 12, 31))
    assert (done.overdue, done.done_late, done.percent) == (False, True, 100)


QUARTERLY = Timing(loai="dinh_ky", chu_ky="quy", nguyen_van="Thực hiện hàng quý trong năm")
CONTINUOUS = Timing(loai="thuong_xuyen", nguyen_van="Thường xuyên")


@pytest.mark.parametrize("timing", [QUARTERLY, CONTINUOUS], ids=["dinh_ky", "thuong_xuyen"])
@pytest.mark.parametrize(
    ("today", "reports", "missing"),
    [
        (date(2023, 3, 9), [], ()),  # before the 10th of the quarter's last month
        (date(2023, 3, 10), [], (1,)),  # from the 10th, quarter I's report is missing
        (date(2023, 3, 10), [report(1, date(2023, 3, 9))], ()),
        (date(2023, 6, 10), [report(1, date(2023, 3, 9))], (2,)),
        (date(2023, 6, 10), [report(1, date(2023, 3, 9)), report(2, date(2023, 6, 12))], (2,)),  # not yet
        (
            date(2023, 6, 12),
            [report(1, date(2023, 3, 9)), report(2, date(2023, 6, 12))],
            (),
        ),  # late, not missing
        (date(2024, 1, 1), [report(1, date(2023, 3, 9)), report(3, date(2023, 9, 1))], (2, 4)),
    ],
)
def test_a_recurring_task_misses_each_quarterly_report_not_made_by_its_day(
    timing: Timing, today: date, reports: list[Dated], missing: tuple[int, ...]
) -> None:
    result = state(timing, YEAR, reports, today)
    assert result.missing == missing
    assert result.overdue is bool(missing)


def test_a_late_quarterly_report_is_marked_late() -> None:
    assert report(2, date(2023, 6, 10)).late
    assert not report(2, date(2023, 6, 9)).late


@pytest.mark.parametrize(
    ("period", "today", "missing"),
    [
        ("sau_thang", date(2023, 6, 9), ()),
        ("sau_thang", date(2023, 6, 10), (2,)),
        ("sau_thang", date(2023, 12, 10), (2, 4)),
        ("nam", date(2023, 9, 30), ()),
        ("nam", date(2023, 12, 9), ()),
        ("nam", date(2023, 12, 10), (4,)),
    ],
)
def test_half_yearly_and_yearly_tasks_owe_their_own_quarters(
    period: str, today: date, missing: tuple[int, ...]
) -> None:
    timing = Timing(loai="dinh_ky", chu_ky=period, nguyen_van="06 tháng, năm")  # type: ignore[arg-type]
    assert state(timing, YEAR, [], today).missing == missing


@pytest.mark.parametrize("kind", ["khi_co_yeu_cau", "theo_trieu_tap", "theo_quy_dinh"])
@pytest.mark.parametrize("today", [date(2023, 3, 31), date(2023, 4, 1), date(2023, 12, 31), date(2024, 1, 1)])
def test_tasks_without_a_date_of_their_own_are_never_overdue(kind: str, today: date) -> None:
    timing = Timing(loai=kind, nguyen_van="Khi có yêu cầu")  # type: ignore[arg-type]
    result = state(timing, YEAR, [], today)
    assert (result.overdue, result.missing, result.status, result.percent) == (False, (), "chua_bat_dau", 0)


def test_a_task_not_applicable_misses_nothing() -> None:
    result = state(QUARTERLY, YEAR, [report(1, date(2023, 3, 1), "khong_ap_dung", None)], date(2024, 1, 1))
    assert (result.overdue, result.missing, result.percent) == (False, (), None)


def test_reports_dated_after_the_build_date_do_not_count_yet() -> None:
    later = report(1, date(2023, 3, 20), "hoan_thanh", None)
    assert state(DUE_Q3, YEAR, [later], date(2023, 3, 19)).status == "chua_bat_dau"
    assert state(DUE_Q3, YEAR, [later], date(2023, 3, 20)).status == "hoan_thanh"
