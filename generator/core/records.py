"""Load every YAML record of one type, collecting all errors instead of stopping at the first.

Many files are loaded in several processes (:func:`~generator.parallel.fork_map`): forked processes
send back the validated records, which this process then unpickles, so it takes a larger share itself.
That is the live preview's first load, which keeps every record for the next rebuild; a build shares
its work without sending records back (``generator.build.sharedbuild``).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from generator.core.contentfiles import content_files, read_content
from generator.core.errors import DataError
from generator.core.parallel import fork_map, jobs_for
from generator.core.validation import validate
from generator.core.yamlio import YamlDoc, read_yaml

M = TypeVar("M", bound=BaseModel)
R = TypeVar("R")
T = TypeVar("T")

FILES_PER_JOB = 250
"""Files each process must have to load for loading in several processes to pay off."""
OWN_SHARE = 1.4
"""This process's share of the files, relative to a forked process's share (measured best)."""

Source = tuple[Path, bytes | None]
"""A file and its bytes (``None``: read them from the file)."""


@dataclass(frozen=True)
class Loaded(Generic[R]):
    """A validated record (or what is kept of it) with the file it came from, for error messages."""

    record: R
    doc: YamlDoc

    @property
    def path(self) -> str:
        """The file as staff name it, for example ``content/thu-tuc/1.013859.yml``."""
        return self.doc.path


Result = tuple[Loaded[M] | None, list[DataError]]
"""What loading one file gives: the record, if valid, and the errors found."""


def load_one(path: Path, model: type[M]) -> Result[M]:
    """Load and validate one file (only a regular file is read: :func:`read_content`)."""
    try:
        raw = read_content(path)
    except DataError as exc:
        return None, [exc]
    return load_bytes(path, raw, model)


def load_bytes(path: Path, raw: bytes, model: type[M]) -> Result[M]:
    """Validate ``raw``, the bytes of the file ``path``."""
    try:
        doc = read_yaml(raw, str(path))
    except DataError as exc:
        return None, [exc]
    return _validated(doc, model)


def _validated(doc: YamlDoc, model: type[M]) -> Result[M]:
    record, errors = validate(model, doc)
    if record is None:
        return None, errors
    doc.release()
    return Loaded(record, doc), errors


class LoadCache:
    """Each file's load result by the file's bytes, for a process that loads the same folder after every
    edit (the live preview): files whose bytes did not change are not parsed or validated again."""

    def __init__(self) -> None:
        self._results: dict[tuple[Path, type[BaseModel]], tuple[bytes, Any]] = {}
        self._derived: dict[tuple[str, Callable[[Any], Any]], tuple[Loaded[Any], Any]] = {}

    def derived(self, item: Loaded[M], make: Callable[[M], T]) -> T:
        """``make(item.record)``, made once for each loaded record: a file's bytes unchanged, it is the
        same record, and the value made for it before is given again."""
        key = (item.path, make)
        kept = self._derived.get(key)
        if kept is None or kept[0] is not item:
            kept = self._derived[key] = (item, make(item.record))
        return kept[1]

    def load(self, path: Path, model: type[M]) -> Result[M]:
        """:func:`load_one`, or its remembered result when ``path`` holds the same bytes as then."""
        return self.load_many([path], model)[0]

    def load_many(self, paths: list[Path], model: type[M], jobs: int = 1) -> list[Result[M]]:
        """:meth:`load` for each of ``paths``; the files not remembered read in ``jobs`` processes."""
        raws = [_bytes(path) for path in paths]
        results: list[Result[M] | None] = [
            self._remembered(p, model, raw) for p, raw in zip(paths, raws, strict=True)
        ]
        missing = [i for i, result in enumerate(results) if result is None]
        loaded = _load_many([(paths[i], raws[i]) for i in missing], model, jobs)
        for i, result in zip(missing, loaded, strict=True):
            raw = raws[i]
            if raw is not None:  # the result is that of these very bytes
                self._results[(paths[i], model)] = (raw, result)
            results[i] = result
        return results  # type: ignore[return-value]

    def _remembered(self, path: Path, model: type[M], raw: bytes | None) -> Result[M] | None:
        remembered = self._results.get((path, model))
        if raw is not None and remembered is not None and remembered[0] == raw:
            return remembered[1]  # type: ignore[no-any-return]
        return None


def _bytes(path: Path) -> bytes | None:
    try:
        return read_content(path)
    except (OSError, DataError):
        return None


def load_all(
    paths: list[Path], model: type[M], cache: LoadCache | None = None, jobs: int = 0
) -> tuple[list[Loaded[M]], list[DataError]]:
    """Load and validate every file in ``paths`` (in sorted order).

    Many files are read in ``jobs`` processes (0: one per core).
    """
    paths = sorted(paths)
    # A one-off load of many records (no cache: not the live preview) keeps them to the end of the process.
    with _gc_paused(freeze=cache is None and len(paths) >= FILES_PER_JOB):
        if cache is not None:
            results = cache.load_many(paths, model, jobs)
        else:
            results = _load_many([(path, None) for path in paths], model, jobs)
    loaded: list[Loaded[M]] = []
    errors: list[DataError] = []
    for item, problems in results:
        errors.extend(problems)
        if item is not None:
            loaded.append(item)
    return loaded, errors


@contextmanager
def _gc_paused(freeze: bool) -> Iterator[None]:
    """No garbage collection meanwhile: loading makes millions of objects (and no reference cycles), and
    each collection would walk them all again; that took a quarter of the time of a large catalogue.

    With ``freeze``, every object alive then is left out of later collections too (:func:`gc.freeze`), for
    a process that keeps its records to the end: collections walking a large catalogue again and again
    made the rest of a build (rendering pages) up to twice as slow.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


def _load_many(sources: list[Source], model: type[M], jobs: int) -> list[Result[M]]:
    """:func:`load_bytes` for every source, in order; in up to ``jobs`` processes when there are many.

    This process loads a larger share (:data:`OWN_SHARE`): it also unpickles the others' records.
    """
    jobs = jobs_for(len(sources), FILES_PER_JOB, jobs)
    if jobs == 1:
        return _load_share(sources, model)
    own = round(len(sources) * OWN_SHARE / (OWN_SHARE + jobs - 1))
    bounds = [own + (len(sources) - own) * k // (jobs - 1) for k in range(jobs)]
    shares = [(0, own), *pairwise(bounds)]
    tasks = [partial(_load_share, sources[start:stop], model) for start, stop in shares]
    return [result for share in fork_map(tasks, jobs) for result in share]


def _load_share(sources: list[Source], model: type[M]) -> list[Result[M]]:
    return [_load(path, raw, model) for path, raw in sources]


def _load(path: Path, raw: bytes | None, model: type[M]) -> Result[M]:
    """:func:`load_bytes`, or :func:`load_one` (which raises the error) for a file that could not be read."""
    return load_one(path, model) if raw is None else load_bytes(path, raw, model)


def yaml_files(directory: Path) -> list[Path]:
    """The ``*.yml`` and ``*.yaml`` files directly inside ``directory``, sorted (see
    :func:`~generator.core.contentfiles.content_files`: entries that are not regular files are listed, to
    be refused when read; others are left out with a warning)."""
    return content_files(directory, ("*.yml", "*.yaml"))
