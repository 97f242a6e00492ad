"""What the ``congkhai`` command says when the disk or the program fails: one line, never a traceback.

A disk condition (read-only, full, no permission) is told in Vietnamese with the path it concerns; any
other unexpected exception is told in one line naming a log file that holds the traceback.
"""

from __future__ import annotations

import errno
import os
import tempfile
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_DISK = {
    errno.EROFS: "ổ đĩa chỉ cho phép đọc, không ghi được vào «{path}»",
    errno.EACCES: "không đủ quyền ghi hoặc đọc «{path}»",
    errno.EPERM: "không được phép thao tác trên «{path}»",
    errno.ENOSPC: "ổ đĩa đầy, không ghi được «{path}»; hãy giải phóng chỗ trống rồi chạy lại",
    errno.EDQUOT: "đã hết hạn mức dung lượng, không ghi được «{path}»; hãy giải phóng chỗ trống rồi chạy lại",
    errno.ENOENT: "không tìm thấy «{path}»",
    errno.ENOTDIR: "một phần của đường dẫn «{path}» không phải thư mục",
    errno.EISDIR: "«{path}» là thư mục, không phải tệp",
    errno.ENAMETOOLONG: "đường dẫn «{path}» quá dài",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc (khi mở «{path}»)",
    errno.EIO: "lỗi đọc ghi ổ đĩa ở «{path}»",
}


def disk_message(exc: OSError) -> str | None:
    """One Vietnamese line for a disk condition, naming its path; None for other errors."""
    template = _DISK.get(exc.errno or 0)
    if template is None:
        return None
    path = exc.filename if exc.filename is not None else "(không rõ đường dẫn)"
    return "Lỗi: " + template.format(path=os.fsdecode(path)) + "."


@contextmanager
def naming(path: Path) -> Iterator[None]:
    """Give an :class:`OSError` raised in the block without a path (writing to an open file, for one:
    a full disk) the path of the folder being written, so that its message names it."""
    try:
        yield
    except OSError as exc:
        if exc.filename is None:
            exc.filename = str(path)
        raise


def log_folder() -> Path:
    """Where the details of an unexpected error are written: the system's temporary folder."""
    return Path(tempfile.gettempdir())


def write_log(exc: BaseException) -> Path | None:
    """Write ``exc``'s traceback to a new log file; its path, or None when it could not be written."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = log_folder() / f"congkhai-{stamp}-{os.getpid()}.log"
    try:
        with path.open("w", encoding="utf-8") as log:
            traceback.print_exception(exc, file=log)
    except OSError:
        return None
    return path


def unexpected_message(exc: BaseException) -> str:
    """The one line for an unexpected exception; its traceback goes to a log file (:func:`write_log`)."""
    log = write_log(exc)
    where = f"chi tiết ghi ở {log}" if log else "không ghi được tệp nhật ký chi tiết"
    return f"Lỗi không mong đợi: {type(exc).__name__}; {where}"
