"""The documentation folder MkDocs reads: every generated file written only when its text changed.

A changed file is replaced, not rewritten: MkDocs hard-links the files it would copy as they are.
Kept by hand because the libraries that generate MkDocs pages (``mkdocs-gen-files``) keep them in
memory through the plugin API, which neither writes only what changed for the next build and the
preview, nor shares the writing between processes.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from generator.core.render import Page

T = TypeVar("T")

SCRATCH = ".congkhai-new"
"""The docs folder's folder in which processes writing into a new docs folder make their files, each in
a folder of its own (see :func:`_replace`); MkDocs ignores names that start with a dot, and it is removed
once the files are in place."""


@dataclass(frozen=True)
class BuildReport:
    """What a build produced."""

    pages: int
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    """Time spent per stage of a full build: ``generate``, ``mkdocs``, ``search``."""
    version: str = ""
    """The name of the published version (see :mod:`generator.build.publish`)."""
    moved_aside: list[str] = field(default_factory=list)
    """Where the folders an older congkhai left, taken over, were moved
    (:func:`~generator.build.paths.set_aside`)."""


Known = dict[str, str | bytes]
"""What a process knows the docs folder holds: each file's text (or bytes), by path."""


def write_docs(
    pages: list[Page], docs: Path, known: Known | None = None, later: Sequence[Page] = ()
) -> BuildReport:
    """Make ``docs`` hold exactly ``pages`` and ``later``: write only what changed, remove what is gone.

    ``known`` holds the texts the folder is known to hold (and is updated): those files are not read again.
    ``later`` are kept but not written: the caller writes them afterwards (:func:`write_pages`).
    """
    existed = docs.exists()  # a new folder holds nothing to remove afterwards
    written = write_pages(pages, docs, known)
    wanted = {page.path for page in [*pages, *later]}
    removed = remove_others(docs, wanted, known) if existed else []
    return BuildReport(len(pages) + len(later), written, removed)


def write_pages(
    pages: Iterable[Page],
    docs: Path,
    known: Known | None = None,
    apart: bool = False,
    sizes: dict[str, int] | None = None,
) -> list[str]:
    """Make and write each of ``pages`` unless ``docs`` holds it already; the paths written, sorted.

    ``apart``: ``docs`` is a new folder that other processes write into too; this one makes its files
    in a folder of its own and moves them in (see :func:`_replace`). ``sizes`` is given the size in
    bytes of each file made.
    """
    scratch = os.path.join(docs, SCRATCH, str(os.getpid())) if apart else None
    try:
        return sorted(page.path for page in pages if _write(page, docs, known, scratch, sizes))
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


def finish_apart(docs: Path) -> None:
    """Remove what the processes that wrote ``docs`` apart (:func:`write_pages`) made their files in."""
    shutil.rmtree(docs / SCRATCH, ignore_errors=True)


def remove_others(docs: Path, wanted: set[str], known: Known | None = None) -> list[str]:
    """Remove every file of ``docs`` not in ``wanted``; the paths removed, sorted.

    What the folder holds is listed, unless ``known`` says it (this process filled the folder before).
    """
    present = list(known) if known else _files(docs)
    removed = sorted(path for path in present if path not in wanted)
    for rel in removed:
        (docs / rel).unlink(missing_ok=True)
        if known is not None:
            known.pop(rel, None)
    return removed


def _write(
    page: Page, docs: Path, known: Known | None, scratch: str | None, sizes: dict[str, int] | None = None
) -> bool:
    """Make ``page`` and write it unless ``docs`` holds it already; whether it was written.

    ``scratch``: the folder was new, and this process makes its files in ``scratch`` (see :func:`_replace`).
    ``sizes``: given the file's size in bytes (unless ``known`` says the folder holds it already).
    """
    content = page.content
    if known is not None:
        if known.get(page.path) == content and os.path.isfile(os.path.join(docs, page.path)):
            return False
        known[page.path] = content
    target = os.path.join(docs, page.path)
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    if sizes is not None:
        sizes[page.path] = len(data)
    if scratch:
        _replace(target, data, scratch)
        return True
    try:
        _create(target, data)
    except FileExistsError:
        with open(target, "rb") as old:
            if old.read() == data:
                return False
        _replace(target, data)
    return True


def _create(target: str, data: bytes) -> None:
    """Write ``data`` to the new file ``target`` (and its folders); raise FileExistsError if it exists.

    One system call finds out whether the file exists and creates it: most files of a build are new, and
    asking first (and for each file's folder) took 40% of the time of writing them."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    fd = _in_folder(os.path.dirname(target), partial(os.open, target, flags, 0o666))
    with open(fd, "wb") as file:
        file.write(data)


def _in_folder(folder: str, action: Callable[[], T]) -> T:
    """``action()``, which makes a file in ``folder``; the folder (and its parents) is made only when
    missing, after ``action`` failed for that reason: asking first costs a system call for every file."""
    try:
        return action()
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
        return action()


def _replace(target: str, data: bytes, scratch: str | None = None) -> None:
    """Give ``target`` new contents as a new file, made in the folder ``scratch`` (by default next to
    ``target``) and renamed into place: a built site may hold a hard link to the old one.

    Making a file locks its folder while the kernel finds the file an inode, which on this machine's disk
    (ext4 without a journal: ``find_inode_bit``, ``recently_deleted``) takes 0.3 to 1 ms a file after many
    files were deleted. Two processes making new files in ``thu-tuc/`` then took as long as one. Each
    making them in a folder of its own and renaming them, which holds the lock only briefly, took half as
    long; on a quiet disk (0.04 ms a file) the renames cost 0.1 to 0.7 s at 5,000 procedures.
    """
    folder = scratch or os.path.dirname(target)
    temporary = os.path.join(folder, f".{os.path.basename(target)}.new")
    _in_folder(folder, partial(Path(temporary).write_bytes, data))
    _in_folder(os.path.dirname(target), partial(os.replace, temporary, target))


def _files(folder: Path) -> list[str]:
    """The files under ``folder``, relative to it; ``os.walk`` with one path operation per folder lists
    2,055 files 19 times faster than ``rglob``."""
    files = []
    for root, _, names in os.walk(folder):
        prefix = Path(root).relative_to(folder).as_posix() + "/"
        files += [(prefix + name).removeprefix("./") for name in names]
    return files
