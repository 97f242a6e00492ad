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
import tempfile
from collections.abc import Collection, Sequence
from fnmatch import fnmatchcase
from pathlib import Path
from typing import BinaryIO

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


def read_content(path: Path, max_bytes: int | None = None, what: str = "một tệp") -> bytes:
    """The bytes of the content file ``path``; :class:`DataError` if it is not a regular file (a link,
    a folder, a FIFO…) or cannot be read. Never follows a link and never waits on a FIFO. A file over
    ``max_bytes`` (``what`` says what the limit is for) is refused by its size, before it is read, and
    at most one byte more is read should it grow meanwhile."""
    reason = refusal(path)
    if reason is None:
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError as exc:
            reason = KINDS[stat.S_IFLNK] if exc.errno == errno.ELOOP else _os_message(exc)
        else:
            with open(fd, "rb") as file:
                read = _read_regular(file, max_bytes, what)
            if isinstance(read, bytes):
                return read
            reason = read
    raise DataError(str(path), 1, "", reason)


def _read_regular(file: BinaryIO, max_bytes: int | None, what: str) -> bytes | str:
    """The bytes of the open ``file``, or why they are not read: it is not a regular file, or it holds
    more than ``max_bytes`` (known from its size, or from reading one byte more should it grow)."""
    status = os.fstat(file.fileno())
    kind = stat.S_IFMT(status.st_mode)
    if kind != stat.S_IFREG:
        return KINDS.get(kind, "không phải tệp thường; " + NOT_REGULAR)
    if max_bytes is None:
        return file.read()
    data = file.read(max_bytes + 1) if status.st_size <= max_bytes else b""
    if status.st_size > max_bytes or len(data) > max_bytes:
        return too_large(max(status.st_size, len(data)), max_bytes, what)
    return data


def too_large(size: int, max_bytes: int, what: str) -> str:
    """The message for a file of ``size`` bytes over the limit ``max_bytes`` of ``what``."""
    return (
        f"tệp quá lớn: {byte_count(size)} (tối đa {byte_count(max_bytes)} cho {what}); "
        "hãy tách thành nhiều tệp hoặc rút gọn"
    )


def byte_count(count: int) -> str:
    """``1.000.000 byte``: a size in bytes the Vietnamese way."""
    return f"{count:,} byte".replace(",", ".")


def _os_message(exc: OSError) -> str:
    """An operating-system error in Vietnamese (its English text never reaches the user)."""
    if exc.errno == errno.ENOENT:
        return "không tìm thấy tệp"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "không có quyền đọc tệp"
    return f"không đọc được tệp (lỗi hệ thống số {exc.errno})"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, then rename it: a reader
    sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
