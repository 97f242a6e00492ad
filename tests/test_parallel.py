"""fork_map: the results of forked processes, in order, with their errors."""

from __future__ import annotations

import os
from functools import partial

import pytest

from generator.parallel import fork_map


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
