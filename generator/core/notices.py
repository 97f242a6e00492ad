"""The warnings of a run: what the content holds that the tool leaves out or changes without failing.

Warnings are collected here rather than returned through every loader: whoever finds one calls
:func:`warn`, and the command line prints :func:`take_warnings` after ``check`` or ``build``.

The collector is **process-local**. A warning found in a forked process (the shared build loads the
procedure files in several) never reaches the parent, but for :func:`~generator.core.parallel.in_child`'s
process, which sends its warnings back with its result; so everything else that warns runs there or in the
main process:
listing content folders (:mod:`generator.core.contentfiles`) and loading the hand-written pages
(:mod:`generator.site.handpages`). The same warning found twice (a folder listed twice in one run) is
reported once.
"""

from __future__ import annotations

from pathlib import Path

from generator.core.errors import DataWarning

_found: set[DataWarning] = set()


def warn(path: str | Path, line: int, key: str, message: str) -> None:
    """Record a warning about ``path`` (once, however often it is found)."""
    _found.add(DataWarning(str(path), line, key, message))


def record(warning: DataWarning) -> None:
    """Record ``warning``, found by another process (:func:`generator.core.parallel.in_child`)."""
    _found.add(warning)


def take_warnings() -> list[DataWarning]:
    """Every warning recorded since the last call, sorted; the collector is then empty."""
    found = sorted(_found)
    _found.clear()
    return found
