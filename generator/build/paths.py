"""Which folders a build may write into and delete from.

A build writes into two folders: the output (``--out``, published as a symlink to a version of the site,
see :mod:`generator.build.publish`) and the work folder (``--work``, the generated Markdown). Both are
checked before anything is written, and so is the MkDocs configuration (it must exist): neither folder
may be the content folder or lie inside it, contain it, be the project folder (the folder of the MkDocs
configuration) or the current folder or one of their parents; neither may be, hold or lie inside an
output's versions folder (which holds its live version), nor lie inside any other folder congkhai made;
an existing non-empty folder must carry the :data:`MARKER` that congkhai writes into every folder it
makes. congkhai deletes only folders that carry it.

A folder an older congkhai left (it wrote no marker) is taken over only when asked
(:data:`TAKE_OVER`): it is then moved whole beside itself (:func:`set_aside`), never deleted.
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
CONFIG_ROLE = "tệp cấu hình (--config)"
VERSIONS = ".versions"
"""The suffix of the folder beside an output that holds its versions (see :mod:`generator.build.publish`)."""
ASIDE = ".ban-cu"
"""The suffix of the folder an older congkhai's folder is moved to when taken over (:func:`set_aside`)."""
TAKE_OVER = "--take-over-old"
"""The ``congkhai build`` option that takes over the folders an older congkhai left."""
NOT_OURS = f"thư mục đã có, không trống và không do congkhai tạo (thiếu tệp {MARKER})"


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
        """The places of a command reading ``content`` with the MkDocs configuration ``config_file``
        (checked first, see :func:`check_config`)."""
        check_config(config_file)
        return cls(
            content=content.resolve(),
            project=config_file.resolve().parent,
            current=Path.cwd().resolve(),
            config_name=config_file.name,
        )


def check_config(config_file: Path) -> None:
    """Raise :class:`PathError` when the MkDocs configuration ``config_file`` or its folder is missing:
    the work folder is made beside it, so nothing may be made before this is known."""
    path = Path(os.path.abspath(config_file))
    if not path.parent.is_dir():
        raise refuse(path, CONFIG_ROLE, f"thư mục «{path.parent}» không tồn tại")
    if not path.is_file():
        raise refuse(path, CONFIG_ROLE, "tệp không tồn tại")


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


def check_apart_from_others(path: Path, role: str, itself: bool = True) -> None:
    """Raise :class:`PathError` when ``path`` (already :func:`located`) is an output's versions folder
    (unless ``itself`` is False: an output's own), or lies inside one or inside any folder congkhai made
    (a work folder, a version): writing or deleting there would break what that folder serves."""
    if itself and versions_folder(path):
        raise refuse(path, role, f"đó là {_versions_of(path)}")
    for parent in path.parents:
        if versions_folder(parent):
            raise refuse(path, role, f"nó nằm trong «{parent}», {_versions_of(parent)}")
    for parent in path.parents:
        if marked(parent):
            raise refuse(path, role, f"nó nằm trong «{parent}», một thư mục congkhai tạo cho việc khác")


def check_holds_no_versions(folder: Path, role: str) -> None:
    """Raise :class:`PathError` when the folder ``folder`` holds an output's versions folder (at any
    depth): replacing or deleting it would take that output's live version with it."""
    found = versions_within(folder)
    if found is not None:
        raise refuse(folder, role, f"nó chứa «{found}», {_versions_of(found)}")


def versions_folder(folder: Path) -> bool:
    """Whether ``folder`` is an output's versions folder: a marked folder named ``<output>.versions``."""
    return folder.name.endswith(VERSIONS) and marked(folder)


def versions_within(folder: Path) -> Path | None:
    """The first versions folder found inside ``folder`` (symlinks not followed), if any; only names
    ending in :data:`VERSIONS` are looked at closer."""
    for root, folders, _ in os.walk(folder):
        for name in folders:
            if versions_folder(Path(root, name)):
                return Path(root, name)
    return None


def _versions_of(versions: Path) -> str:
    """What the versions folder ``versions`` is, for a message: whose versions it holds."""
    return f"nơi congkhai giữ các phiên bản của «{versions.with_name(versions.name.removesuffix(VERSIONS))}»"


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


def check_claimable(folder: Path, role: str, taken_over: bool = False, hint: str = "") -> None:
    """Raise :class:`PathError` unless congkhai may write into and delete from ``folder``: it is missing,
    empty or marked; ``taken_over``: an unmarked folder an older congkhai left, which the command moves
    aside (:func:`set_aside`). ``hint`` ends the message of a refused unmarked folder.

    Files, symlinks and non-empty folders congkhai did not make are refused.
    """
    if folder.is_symlink():
        raise refuse(folder, role, "đó là một liên kết tượng trưng (symlink)")
    if folder.exists() and not folder.is_dir():
        raise refuse(folder, role, "đó là một tệp, không phải thư mục")
    if folder.is_dir() and not marked(folder) and not taken_over and not is_empty(folder):
        raise refuse(folder, role, NOT_OURS + hint)


def take_over_hint(folder: Path, what: str, how: str) -> str:
    """The end of the message refusing ``folder``, which looks like ``what`` (a folder an older congkhai
    left): ``how`` (the command and :data:`TAKE_OVER`) moves it aside."""
    return f"; nếu đó là {what}, {how} để chuyển nguyên nó sang «{aside(folder)}»"


def aside(folder: Path) -> Path:
    """Where :func:`set_aside` moves ``folder``: ``<name>.ban-cu`` beside it, or ``<name>.ban-cu-2`` …
    when taken."""
    target = folder.with_name(f"{folder.name}{ASIDE}")
    number = 1
    while os.path.lexists(target):
        number += 1
        target = folder.with_name(f"{folder.name}{ASIDE}-{number}")
    return target


def set_aside(folder: Path) -> Path:
    """Move the folder ``folder`` (taken over from an older congkhai) whole to :func:`aside`; the path it
    now has. Its files are the user's: congkhai never deletes them (the new folder carries no marker)."""
    target = aside(folder)
    folder.rename(target)
    return target


def old_work(folder: Path) -> bool:
    """Whether ``folder`` is a work folder left by a congkhai without markers: only the generated docs."""
    try:
        names = {entry.name for entry in os.scandir(folder)}
    except OSError:
        return False
    docs = folder / "docs"
    return names == {"docs"} and (docs / "index.md").is_file() and (docs / "du-lieu").is_dir()


def check_work(work: Path, places: Places, take_over: bool = False) -> Path:
    """Check the work folder (see :func:`check_place`, :func:`check_apart_from_others` and
    :func:`check_claimable`); return it resolved.

    A work folder left by an older congkhai (only ``docs/``, as it made it) is accepted with
    ``take_over`` (:func:`take_over_work` then moves it aside); without, the message names the option.
    """
    work = work.resolve()
    check_place(work, WORK_ROLE, places)
    check_apart_from_others(work, WORK_ROLE)
    if work.is_dir():
        check_holds_no_versions(work, WORK_ROLE)
    old = work.is_dir() and not marked(work) and old_work(work)
    how = f"chạy congkhai build {TAKE_OVER}"
    hint = take_over_hint(work, "thư mục làm việc của congkhai cũ", how) if old else ""
    check_claimable(work, WORK_ROLE, taken_over=take_over and old, hint=hint)
    return work


def take_over_work(work: Path) -> Path | None:
    """Move aside the (checked, taken over) work folder when an older congkhai left it unmarked; where
    it went, if it was moved."""
    if work.is_dir() and not marked(work) and not is_empty(work):
        return set_aside(work)
    return None


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
