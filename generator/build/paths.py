"""Which folders a build may write into and delete from.

A build writes into two folders: the output (``--out``, published as a symlink to a version of the site,
see :mod:`generator.build.publish`) and the work folder (``--work``, the generated Markdown). Both are
checked before anything is written: neither may be the content folder or lie inside it, contain it, be
the project folder (the folder of the MkDocs configuration) or the current folder or one of their
parents, and an existing non-empty folder must carry the :data:`MARKER` that congkhai writes into every
folder it makes. congkhai deletes only folders that carry it.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.core.errors import CongkhaiError

MARKER = ".congkhai"
"""The file congkhai writes into every folder it makes; it deletes no folder without one."""
MARKER_TEXT = "Thư mục này do congkhai tạo ra; congkhai chỉ xoá những thư mục có tệp này.\n"
"""The marker's text: the same in every folder, so that two builds of the same content stay identical."""
LOCK = ".congkhai.lock"
"""The lock file of a folder in use by a congkhai command (see :func:`hold`)."""
WORK = "build"
"""The default work folder, inside the project folder (never relative to the current folder)."""
WORK_ROLE = "thư mục làm việc (--work)"


class PathError(CongkhaiError):
    """A folder given to a command could destroy or overwrite what congkhai did not make."""


class BusyError(CongkhaiError):
    """Another congkhai command is using the folder."""


@dataclass(frozen=True)
class Places:
    """The folders a command must never write into or delete, resolved (symlinks followed)."""

    content: Path
    project: Path
    current: Path
    config_name: str

    @classmethod
    def of(cls, content: Path, config_file: Path) -> Places:
        """The places of a command reading ``content`` with the MkDocs configuration ``config_file``."""
        return cls(
            content=content.resolve(),
            project=config_file.resolve().parent,
            current=Path.cwd().resolve(),
            config_name=config_file.name,
        )


def default_work(config_file: Path) -> Path:
    """The default work folder: ``build`` in the project folder (the folder of ``config_file``)."""
    return config_file.resolve().parent / WORK


def located(path: Path) -> Path:
    """``path`` absolute, with the symlinks of its parents resolved but not a symlink at its end."""
    absolute = Path(os.path.abspath(path))
    if absolute.parent == absolute:  # the root folder
        return absolute
    return absolute.parent.resolve() / absolute.name


def refuse(path: Path, role: str, reason: str) -> PathError:
    """The one-line error for a folder that cannot serve as ``role``."""
    return PathError(f"không dùng được «{path}» làm {role}: {reason}; không có gì bị xoá hay thay đổi.")


def check_place(path: Path, role: str, places: Places) -> None:
    """Raise :class:`PathError` when ``path`` (already :func:`located`) is, holds or lies in a folder
    congkhai must not write into: the content, the project, the current folder or their parents."""
    content, project, current = places.content, places.project, places.current
    reasons = [
        (path == content, "đó là thư mục nội dung"),
        (content in path.parents, f"nó nằm trong thư mục nội dung «{content}»"),
        (path == project, f"đó là thư mục dự án (nơi có {places.config_name})"),
        (path == current, "đó là thư mục hiện hành"),
        (path in project.parents, f"nó chứa thư mục dự án «{project}»"),
        (path in current.parents, f"nó chứa thư mục hiện hành «{current}»"),
        (path in content.parents, f"nó chứa thư mục nội dung «{content}»"),
    ]
    for refused, reason in reasons:
        if refused:
            raise refuse(path, role, reason)


def check_apart(out: Path, work: Path) -> None:
    """Raise :class:`PathError` when the output and the work folder are the same or one holds the other."""
    for one, other in ((out, work), (work, out)):
        if one == other or one in other.parents:
            raise refuse(work, WORK_ROLE, f"nó trùng hoặc lồng với thư mục xuất bản «{out}»")


def marked(folder: Path) -> bool:
    """Whether ``folder`` is a real folder (not a symlink) carrying congkhai's marker."""
    return not folder.is_symlink() and (folder / MARKER).is_file()


def mark(folder: Path) -> None:
    """Make ``folder`` (and its parents) if missing and write congkhai's marker into it."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / MARKER
    if not marker.is_file():
        marker.write_text(MARKER_TEXT, encoding="utf-8")


def is_empty(folder: Path) -> bool:
    """Whether ``folder`` is a folder holding nothing."""
    with os.scandir(folder) as entries:
        return next(entries, None) is None


def check_claimable(folder: Path, role: str, adoptable: bool = False) -> None:
    """Raise :class:`PathError` unless congkhai may write into and delete from ``folder``: it is missing,
    empty or marked; ``adoptable``: an unmarked folder an older congkhai left (it is marked when used).

    Files, symlinks and non-empty folders congkhai did not make are refused.
    """
    if folder.is_symlink():
        raise refuse(folder, role, "đó là một liên kết tượng trưng (symlink)")
    if folder.exists() and not folder.is_dir():
        raise refuse(folder, role, "đó là một tệp, không phải thư mục")
    if folder.is_dir() and not marked(folder) and not adoptable and not is_empty(folder):
        raise refuse(
            folder, role, f"thư mục đã có, không trống và không do congkhai tạo (thiếu tệp {MARKER})"
        )


def old_work(folder: Path) -> bool:
    """Whether ``folder`` is a work folder left by a congkhai without markers: only the generated docs."""
    try:
        names = {entry.name for entry in os.scandir(folder)}
    except OSError:
        return False
    docs = folder / "docs"
    return names == {"docs"} and (docs / "index.md").is_file() and (docs / "du-lieu").is_dir()


def check_work(work: Path, places: Places) -> Path:
    """Check the work folder (see :func:`check_place` and :func:`check_claimable`); return it resolved.

    A work folder left by an older congkhai (only ``docs/``, as it made it) is accepted.
    """
    work = work.resolve()
    check_place(work, WORK_ROLE, places)
    check_claimable(work, WORK_ROLE, adoptable=work.is_dir() and old_work(work))
    return work


@contextmanager
def using_work(work: Path) -> Iterator[Path]:
    """Mark the (checked) work folder and hold its lock while the block runs: one command at a time."""
    mark(work)
    busy = (
        f"thư mục làm việc «{work}» đang được một lệnh congkhai khác dùng; "
        "chờ lệnh đó xong hoặc chọn --work khác."
    )
    with hold(work, busy):
        yield work


def remove_marked(folder: Path) -> bool:
    """Delete ``folder`` if it carries congkhai's marker (never through a symlink); whether it did."""
    if not marked(folder):
        return False
    shutil.rmtree(folder)
    return True


@contextmanager
def hold(folder: Path, busy: str) -> Iterator[None]:
    """Hold ``folder``'s lock (``flock`` on :data:`LOCK`, released when the process ends, however it
    ends) for the duration; raise :class:`BusyError` with ``busy`` when another process holds it."""
    fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BusyError(busy) from None
        yield
    finally:
        os.close(fd)
