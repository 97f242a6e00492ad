"""Independent tasks on every core: forked processes inherit the tasks, so nothing big is pickled.

The build is CPU-bound Python (rendering thousands of pages, then MkDocs), and one process uses one core.
:func:`fork_map` runs a list of tasks in ``jobs`` processes: the calling process runs the first share
itself, forked children run the others, and only the results travel back. The tasks are closures over
the catalog; children see them because they are forked after the list is set.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

R = TypeVar("R")

_tasks: Sequence[Callable[[], Any]] = ()
"""The tasks of the running :func:`fork_map`, inherited by its forked children."""


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def jobs_for(items: int, per_job: int, jobs: int = 0) -> int:
    """How many processes are worth starting for ``items`` items, each process needing ``per_job`` of
    them to pay for its start; at most ``jobs`` (0: one per core), at least 1."""
    return max(1, min(jobs or cores(), items // per_job))


def fork_map(tasks: Sequence[Callable[[], R]], jobs: int) -> list[R]:
    """Every task's result, in order; run by ``jobs`` processes (this one included) when ``jobs`` > 1.

    Tasks are cut into ``jobs`` contiguous shares. An exception in any task is raised here.
    """
    global _tasks
    jobs = max(1, min(jobs, len(tasks)))
    if jobs == 1:
        return [task() for task in tasks]
    bounds = [len(tasks) * k // jobs for k in range(jobs + 1)]
    _tasks = tasks
    try:
        with ProcessPoolExecutor(jobs - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            others = [pool.submit(_run, bounds[k], bounds[k + 1]) for k in range(1, jobs)]
            results: list[R] = _run(bounds[0], bounds[1])
            for future in others:
                results += future.result()
    finally:
        _tasks = ()
    return results


def _run(start: int, stop: int) -> list[Any]:
    return [task() for task in _tasks[start:stop]]
