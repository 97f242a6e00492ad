"""Work on every core: forked processes inherit what this one holds, so nothing big is pickled.

The build is CPU-bound Python (loading records, rendering thousands of pages, then MkDocs), and one
process uses one core. Two ways to share work, both with the calling process taking part itself
(and :func:`in_child`, which runs one piece of work in a process of its own to free its memory after):

* :func:`fork_map` runs a list of independent tasks in ``jobs`` processes; only the results travel back.
* :class:`Team` runs shares of one piece of work in rounds: each forked process keeps what it made
  (the records it loaded) from one round to the next, and only the answers and messages of each round
  travel between processes.

Kept by hand because ``multiprocessing.Pool`` and ``concurrent.futures`` pickle every task and cannot
send a second round to the worker that holds a share's records: sending the records of 5,000
procedures back instead cost 0.66–0.80 s (pickling and unpickling, ``generator.build.sharedbuild``).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import pairwise
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import Any, TypeVar

from generator.core.notices import record, take_warnings

R = TypeVar("R")

Steps = Generator[Any, Any, None]
"""One share of a :class:`Team`'s work: it runs to its first ``yield``, whose value is its answer to the
first round; each later round sends it a message and takes its next answer."""

_tasks: Sequence[Callable[[], Any]] = ()
"""The tasks of the running :func:`fork_map`, inherited by its forked children."""


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def jobs_for(items: int, per_job: int, jobs: int = 0) -> int:
    """How many processes are worth starting for ``items`` items, each process needing ``per_job`` of
    them to pay for its start; at most ``jobs`` (0: one per core), at least 1."""
    return max(1, min(jobs or cores(), items // per_job))


def equal_shares(count: int, jobs: int) -> list[tuple[int, int]]:
    """The (start, stop) of ``jobs`` consecutive shares of ``count`` items, as equal as they can be."""
    bounds = [count * k // jobs for k in range(jobs + 1)]
    return list(pairwise(bounds))


def fork_map(tasks: Sequence[Callable[[], R]], jobs: int) -> list[R]:
    """Every task's result, in order; run by ``jobs`` processes (this one included) when ``jobs`` > 1.

    The tasks are cut into ``jobs`` contiguous shares, this process taking the first. An exception in
    any task is raised here.
    """
    global _tasks
    jobs = max(1, min(jobs, len(tasks)))
    if jobs == 1:
        return [task() for task in tasks]
    _tasks = tasks
    own, *shares = equal_shares(len(tasks), jobs)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(jobs - 1, mp_context=context) as pool:
            others = [pool.submit(_run, start, stop) for start, stop in shares]
            done = [_run(*own), *(future.result() for future in others)]
    finally:
        _tasks = ()
    return [result for share in done for result in share]


def _run(start: int, stop: int) -> list[Any]:
    return [task() for task in _tasks[start:stop]]


class _Stop:
    """Tells a forked share that there is no further round."""


class _Failed:
    """A forked share's answer when it raised ``error``."""

    def __init__(self, error: BaseException) -> None:
        self.error = error


class Team:
    """Shares of one piece of work, run in rounds: the first share in this process, each other one in a
    process forked for it, which inherits everything this process holds and keeps what its share makes
    between rounds. Use it as a context manager: forked processes are told to stop when it exits, and
    killed if it exits with an exception. An exception in any share is raised here.
    """

    def __init__(self, shares: Sequence[Callable[[], Steps]]) -> None:
        self._shares = shares
        self._own: Steps | None = None
        self._others: list[tuple[BaseProcess, Connection]] = []

    def __enter__(self) -> Team:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        """Tell each forked process to stop, or kill it if this process gave up (``kind``).

        A process told to stop ends on its own: ``multiprocessing`` reaps it when this process starts
        another or exits. Waiting for the end of a process that held thousands of records (the kernel
        freeing its memory) took 0.13 s, which this process spends on its next step instead.
        """
        for process, connection in self._others:
            if kind is None:
                _send(connection, _Stop())
            else:
                process.kill()
                process.join()
            connection.close()

    def start(self) -> list[Any]:
        """Start every share; their answers to the first round, in order."""
        context = multiprocessing.get_context("fork")
        for share in self._shares[1:]:
            ours, theirs = context.Pipe()
            process = context.Process(target=_serve, args=(share, theirs), daemon=True)
            process.start()
            theirs.close()
            self._others.append((process, ours))
        self._own = self._shares[0]()
        return [next(self._own), *self._answers()]

    def next(self, message: Any) -> list[Any]:
        """Tell every share ``message``; their answers to this round, in order."""
        assert self._own is not None, "start() first"
        for _, connection in self._others:
            connection.send(message)
        return [self._own.send(message), *self._answers()]

    def _answers(self) -> list[Any]:
        answers = []
        for _, connection in self._others:
            answer = connection.recv()
            if isinstance(answer, _Failed):
                raise answer.error
            answers.append(answer)
        return answers


def _serve(share: Callable[[], Steps], connection: Connection) -> None:
    """A forked process's part of a :class:`Team`: answer each round until told to stop."""
    try:
        steps = share()
        answer = next(steps)
        while True:
            connection.send(answer)
            message = connection.recv()
            if isinstance(message, _Stop):
                return
            answer = steps.send(message)
    except EOFError:  # this process's team is gone
        return
    except BaseException as error:  # every failure is raised in the team's process
        _send_failure(connection, error)


def in_child(task: Callable[[], R]) -> R:
    """``task()``, run in a process forked for it, which ends before this returns; its result (or its
    exception) travels back pickled.

    For work that leaves much memory behind in the process that did it: Python rarely gives freed
    memory back to the system, so the next step (a program of its own, such as Pagefind) would run
    beside all of it. The child is not a daemon, so that it may fork processes of its own. The warnings
    it found (:mod:`generator.core.notices`) are recorded here too.
    """
    ours, theirs = multiprocessing.get_context("fork").Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(target=_answer, args=(task, theirs))
    process.start()
    theirs.close()
    try:
        answer = ours.recv()
    except EOFError:
        answer = _Failed(RuntimeError("a forked process ended without an answer"))
    finally:
        ours.close()
        process.join()  # its memory is freed before the next step starts
    if isinstance(answer, _Failed):
        raise answer.error
    result, warnings = answer
    for warning in warnings:
        record(warning)
    return result  # type: ignore[no-any-return]


def _answer(task: Callable[[], Any], connection: Connection) -> None:
    """A forked process's part of :func:`in_child`: send ``task()``'s result or its failure."""
    try:
        result = task()
    except BaseException as error:
        _send_failure(connection, error)
    else:
        connection.send((result, take_warnings()))
    finally:
        connection.close()


def _send_failure(connection: Connection, error: BaseException) -> None:
    """Send ``error`` to the process that raises it; an error that cannot be pickled travels as its
    text."""
    try:
        connection.send(_Failed(error))
    except Exception:
        connection.send(_Failed(RuntimeError(f"{type(error).__name__}: {error}")))


def _send(connection: Connection, message: Any) -> None:
    """Send ``message`` unless the other end is gone already."""
    with contextlib.suppress(OSError):
        connection.send(message)
