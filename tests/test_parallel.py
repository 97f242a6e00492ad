"""fork_map: the results of forked processes, in order, with their errors."""

from __future__ import annotations

import os
import time
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


@pytest.mark.parametrize("batch", [1, 3, 100])
def test_tasks_taken_in_batches_come_back_in_order(batch: int) -> None:
    results = fork_map([partial(_square_and_pid, n) for n in range(10)], 2, batch)
    assert [square for square, _ in results] == [n * n for n in range(10)]


def test_a_free_process_takes_the_next_batch() -> None:
    # The first task is slow: while one process runs it, the other takes every other batch.
    tasks = [partial(_sleep_then_pid, 1.0 if n == 0 else 0) for n in range(8)]
    pids = fork_map(tasks, 2, batch=1)
    assert pids[1:] == [pids[1]] * 7
    assert pids[0] != pids[1]


def test_an_error_in_a_batch_is_raised_here() -> None:
    with pytest.raises(ValueError, match="task 5 failed"):
        fork_map([partial(_fail_on, 5, n) for n in range(10)], 2, batch=2)


def _sleep_then_pid(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()
