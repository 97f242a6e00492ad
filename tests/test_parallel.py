"""fork_map, Team and in_child: the results of forked processes, in order, with their errors."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from functools import partial

import pytest

from generator.core.errors import DataError, DataErrors
from generator.core.parallel import Steps, Team, fork_map, in_child


def _square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def _fail_on(bad: int, n: int) -> int:
    if n == bad:
        raise ValueError(f"task {n} failed")
    return n


@pytest.mark.parametrize("jobs", [1, 2, 3, 50])
def test_results_come_back_in_order(jobs: int) -> None:
    results = fork_map([partial(_square_and_pid, n) for n in range(10)], jobs)
    assert [square for square, _ in results] == [n * n for n in range(10)]
    pids = {pid for _, pid in results}
    assert os.getpid() in pids  # this process runs the first share itself
    assert len(pids) == 1 if jobs == 1 else 2 <= len(pids) <= min(jobs, 10)


def test_an_error_in_a_forked_task_is_raised_here() -> None:
    with pytest.raises(ValueError, match="task 8 failed"):
        fork_map([partial(_fail_on, 8, n) for n in range(10)], 2)


def test_no_tasks() -> None:
    assert fork_map([], 4) == []


def _counter(start: int, fail_in_round: int = 0) -> Steps:
    """A share that keeps a total between rounds and answers it with its process id."""
    total = start
    for round_ in range(1, 4):
        if round_ == fail_in_round:
            raise ValueError(f"share {start} failed in round {round_}")
        total += yield total, os.getpid()


def test_a_team_keeps_each_share_apart_between_rounds() -> None:
    with Team([partial(_counter, start) for start in (0, 100, 200)]) as team:
        first = team.start()
        second = team.next(5)
        third = team.next(1)
    assert [total for total, _ in first] == [0, 100, 200]
    assert [total for total, _ in second] == [5, 105, 205]
    assert [total for total, _ in third] == [6, 106, 206]
    pids = [pid for _, pid in first]
    assert pids[0] == os.getpid()  # the first share runs here, the others each in a process of its own
    assert len(set(pids)) == 3
    assert [pid for _, pid in third] == pids


@pytest.mark.parametrize("round_", [1, 2])
def test_an_error_in_a_forked_share_is_raised_here(round_: int) -> None:
    with pytest.raises(ValueError, match=f"share 100 failed in round {round_}"):
        _two_rounds([partial(_counter, 0), partial(_counter, 100, round_)])


def test_an_error_that_cannot_travel_is_raised_as_its_text() -> None:
    with (
        pytest.raises(RuntimeError, match="Unpicklable: lambda inside"),
        Team([partial(_counter, 0), _unpicklable]) as team,
    ):
        team.start()


def test_an_error_here_stops_the_others_at_once() -> None:
    started = time.perf_counter()
    with pytest.raises(KeyError), Team([_give_up, _slow]) as team:
        team.start()
    assert time.perf_counter() - started < 5  # the forked share sleeping for a minute was killed


class Unpicklable(Exception):
    def __init__(self) -> None:
        super().__init__("lambda inside")
        self.make = lambda: None


def _unpicklable() -> Steps:
    raise Unpicklable()
    yield


def _two_rounds(shares: list[Callable[[], Steps]]) -> None:
    with Team(shares) as team:
        team.start()
        team.next(1)


def _give_up() -> Steps:
    raise KeyError("this share gave up")
    yield


def _slow() -> Steps:
    time.sleep(60)
    yield 0


def test_in_child_runs_apart_and_is_over_when_it_returns() -> None:
    before = set(multiprocessing.active_children())  # another test's daemon may still be running here
    square, pid = in_child(partial(_square_and_pid, 7))
    assert (square, pid != os.getpid()) == (49, True)
    assert set(multiprocessing.active_children()) - before == set()  # ours ended (and reaped) already


ERRORS = [DataError("b.yml", 3, "ten", "thiếu"), DataError("a.yml", 1, "ma", "sai")]


def _data_errors() -> None:
    raise DataErrors(ERRORS)


def test_data_errors_in_a_child_are_raised_here_as_they_were() -> None:
    with pytest.raises(DataErrors) as caught:
        in_child(_data_errors)
    assert caught.value.errors == sorted(ERRORS)
    assert str(caught.value) == "a.yml:1: ma: sai\nb.yml:3: ten: thiếu"


def _raise_unpicklable() -> None:
    raise Unpicklable()


def test_an_error_from_a_child_that_cannot_travel_is_raised_as_its_text() -> None:
    with pytest.raises(RuntimeError, match="Unpicklable: lambda inside"):
        in_child(_raise_unpicklable)
