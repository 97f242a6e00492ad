"""Independent tasks on every core: forked processes inherit the tasks, so nothing big is pickled.

The build is CPU-bound Python (rendering thousands of pages, then MkDocs), and one process uses one core.
:func:`fork_map` runs a list of tasks in ``jobs`` processes: the calling process takes part itself,
forked children run the others, and only the results travel back. The tasks are closures over the
catalog; children see them because they are forked after the list is set.
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
_batches: list[tuple[int, int]] = []
"""The running :func:`fork_map`'s batches of tasks (start, stop), for processes that take them in turn."""
_next: Any = None
"""The index of the next batch to take (a counter in memory shared by the forked processes)."""


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def jobs_for(items: int, per_job: int, jobs: int = 0) -> int:
    """How many processes are worth starting for ``items`` items, each process needing ``per_job`` of
    them to pay for its start; at most ``jobs`` (0: one per core), at least 1."""
    return max(1, min(jobs or cores(), items // per_job))


def fork_map(tasks: Sequence[Callable[[], R]], jobs: int, batch: int = 0) -> list[R]:
    """Every task's result, in order; run by ``jobs`` processes (this one included) when ``jobs`` > 1.

    With ``batch`` 0, the tasks are cut into ``jobs`` contiguous shares, this process taking the first.
    With ``batch`` > 0, every process takes the next ``batch`` tasks whenever it is free, so tasks of very
    different costs still keep every process busy to the end. An exception in any task is raised here.
    """
    global _tasks, _batches, _next
    jobs = max(1, min(jobs, len(tasks)))
    if jobs == 1:
        return [task() for task in tasks]
    context = multiprocessing.get_context("fork")
    _tasks = tasks
    if batch > 0:
        _batches = [(start, min(start + batch, len(tasks))) for start in range(0, len(tasks), batch)]
        _next = context.Value("q", 0)
    else:
        bounds = [len(tasks) * k // jobs for k in range(jobs + 1)]
        _batches = [(bounds[k], bounds[k + 1]) for k in range(jobs)]
    try:
        with ProcessPoolExecutor(jobs - 1, mp_context=context) as pool:
            others = [pool.submit(_run, k) for k in range(1, jobs)]
            done = _run(0)
            for future in others:
                done.update(future.result())
    finally:
        _tasks, _batches, _next = (), [], None
    return [result for k in sorted(done) for result in done[k]]


def _run(job: int) -> dict[int, list[Any]]:
    """The results of the batches process ``job`` ran, by batch: its own share, or those it took."""
    if _next is None:
        start, stop = _batches[job]
        return {job: [task() for task in _tasks[start:stop]]}
    done: dict[int, list[Any]] = {}
    while True:
        with _next.get_lock():
            k = _next.value
            _next.value += 1
        if k >= len(_batches):
            return done
        start, stop = _batches[k]
        done[k] = [task() for task in _tasks[start:stop]]
