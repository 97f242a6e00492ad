"""Listing and reading content files: only regular files inside the content folder are ever read.

Git stores symbolic links, so a pull request can add ``content/trang/x.md → /etc/passwd``; a FIFO named
``x.yml`` would make a plain ``open`` wait for ever. So every content file is first looked at with
``lstat`` (which neither follows a link nor opens anything), and only a regular file is opened, with
``O_NOFOLLOW | O_NONBLOCK`` and checked again once open, should it have been swapped meanwhile. A link,
a folder or a special file where a file is expected is an error naming it; what it points to is never
read or shown.

:func:`content_files` lists a folder by pattern. An entry that matches but is not a regular file is
listed all the same: reading it (:func:`read_content`) is what refuses it, so its error joins the
loader's other errors, in whichever process loads it. Entries that do not match are left out with a
warning (:mod:`generator.core.notices`); names starting with a dot (``.gitkeep``, editors' swap files)
are left out silently.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Collection, Sequence
from fnmatch import fnmatchcase
from pathlib import Path

from generator.core.errors import DataError
from generator.core.notices import warn

NOT_REGULAR = "chỉ đọc tệp thường"
KINDS = {
    stat.S_IFLNK: "là liên kết tượng trưng (symlink); không theo liên kết, " + NOT_REGULAR,
    stat.S_IFDIR: "là thư mục, không phải tệp; " + NOT_REGULAR,
    stat.S_IFIFO: "là tệp đặc biệt (FIFO); " + NOT_REGULAR,
    stat.S_IFSOCK: "là tệp đặc biệt (socket); " + NOT_REGULAR,
    stat.S_IFCHR: "là tệp thiết bị; " + NOT_REGULAR,
    stat.S_IFBLK: "là tệp thiết bị; " + NOT_REGULAR,
}
"""What an entry that is not a regular file is said to be, by its file type."""


def content_files(folder: Path, patterns: str | Sequence[str], others: Collection[str] = ()) -> list[Path]:
    """The entries of ``folder`` matching one of ``patterns``, sorted.

    A pattern is relative to ``folder`` and may name subfolders, one ``fnmatch`` pattern per level:
    ``"*.yml"``, ``"*/*.yml"``. Every pattern has as many levels. Only real folders are entered; a
    matching entry that is not a regular file (a link, a folder at the last level, a FIFO…) is listed
    so that :func:`read_content` refuses it. ``folder`` itself, when it is a link or a special file, is
    listed alone (and refused likewise); a missing ``folder`` lists nothing, a regular file in its place
    nothing but a warning. Entries of ``folder`` named in ``others`` (read by something else) are
    neither listed nor warned about.
    """
    levels = [
        tuple(pattern.split("/")) for pattern in ([patterns] if isinstance(patterns, str) else patterns)
    ]
    if len({len(level) for level in levels}) != 1:
        raise ValueError(f"patterns with different depths: {patterns}")
    try:
        mode = os.lstat(folder).st_mode
    except FileNotFoundError:
        return []
    if stat.S_ISREG(mode):
        warn(folder, 1, "", "là tệp, không phải thư mục; bị bỏ qua")
        return []
    if not stat.S_ISDIR(mode):
        return [folder]
    found: list[Path] = []
    _list(folder, levels, 0, found, ", ".join("/".join(level) for level in levels), frozenset(others))
    return sorted(found)


def _list(
    folder: Path,
    levels: list[tuple[str, ...]],
    depth: int,
    found: list[Path],
    wanted: str,
    others: frozenset[str] = frozenset(),
) -> None:
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name.startswith(".") or (depth == 0 and entry.name in others):
                continue
            path = folder / entry.name
            alive = [level for level in levels if fnmatchcase(entry.name, level[depth])]
            is_dir = entry.is_dir(follow_symlinks=False)
            last = depth == len(levels[0]) - 1
            if alive and not last and is_dir:
                _list(path, alive, depth + 1, found, wanted)
            elif alive and (last or not entry.is_file(follow_symlinks=False)):
                found.append(path)
            else:
                kind = "thư mục" if is_dir else "liên kết tượng trưng" if entry.is_symlink() else "tệp"
                warn(path, 1, "", f"{kind} không được đọc (chỉ đọc {wanted}); bị bỏ qua")


def refusal(path: Path) -> str | None:
    """Why ``path`` is not read (it is not a regular file), or ``None``; never follows or opens it."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as exc:
        return _os_message(exc)
    return (
        None if stat.S_ISREG(mode) else KINDS.get(stat.S_IFMT(mode), "không phải tệp thường; " + NOT_REGULAR)
    )


def read_content(path: Path) -> bytes:
    """The bytes of the content file ``path``; :class:`DataError` if it is not a regular file (a link,
    a folder, a FIFO…) or cannot be read. Never follows a link and never waits on a FIFO."""
    reason = refusal(path)
    if reason is None:
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError as exc:
            reason = KINDS[stat.S_IFLNK] if exc.errno == errno.ELOOP else _os_message(exc)
        else:
            with open(fd, "rb") as file:
                kind = stat.S_IFMT(os.fstat(fd).st_mode)
                if kind == stat.S_IFREG:
                    return file.read()
                reason = KINDS.get(kind, "không phải tệp thường; " + NOT_REGULAR)
    raise DataError(str(path), 1, "", reason)


def _os_message(exc: OSError) -> str:
    """An operating-system error in Vietnamese (its English text never reaches the user)."""
    if exc.errno == errno.ENOENT:
        return "không tìm thấy tệp"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "không có quyền đọc tệp"
    return f"không đọc được tệp (lỗi hệ thống số {exc.errno})"
