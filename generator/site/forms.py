"""Form files kept with the content: ``content/mau/<file>``, published under ``mau/`` as downloads.

A procedure's form (``mau[].tep``) names either an http(s) address or one of these files; the pages
link a file with its format and size (``DOCX, 24 KB``), an address with its format when its extension
tells it (``DOCX``), so citizens know what they download.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.core.contentfiles import content_files, read_content, refusal
from generator.core.errors import DataError
from generator.core.fields import FORM_FILE_PATTERN

FORMS_DIR = "mau"
FORMATS = {
    "pdf": "PDF",
    "docx": "DOCX",
    "doc": "DOC",
    "odt": "ODT",
    "xlsx": "XLSX",
    "xls": "XLS",
    "ods": "ODS",
    "rtf": "RTF",
}
"""The formats a form file may have, by extension, as citizens read them."""
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class FormFile:
    """One form file of the content folder."""

    name: str
    """Its file name, which a procedure's ``tep`` names and its address ends with (``mau/<name>``)."""
    size: int
    """Its size in bytes."""
    source: str
    """Its path in the content folder."""

    def read(self) -> bytes:
        """The file's bytes, to publish; :class:`DataError` if it is no longer the file checked (replaced
        by a link or a folder, or by a file of another size: its label would be wrong, its size unchecked)."""
        data = read_content(Path(self.source))
        if len(data) != self.size:
            raise DataError(
                self.source,
                1,
                "",
                f"tệp mẫu đã thay đổi trong khi dựng trang ({human_size(self.size)} thành "
                f"{human_size(len(data))}); hãy chạy lại khi không còn ai sửa thư mục content/mau/",
            )
        return data

    @property
    def format(self) -> str:
        """``DOCX``, ``PDF``…"""
        return FORMATS[self.name.rsplit(".", 1)[1]]

    @property
    def label(self) -> str:
        """``DOCX, 24 KB``."""
        return f"{self.format}, {human_size(self.size)}"


def address_format(address: str) -> str | None:
    """The format of the file an http(s) ``address`` names, by its extension (``DOCX`` for
    ``https://…/mau-01.docx?v=2``), or ``None`` when its path ends in no form extension (a web page)."""
    name = unquote(urlsplit(address).path).rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return FORMATS.get(extension)


def human_size(size: int) -> str:
    """A size as citizens read it, the Vietnamese way: ``812 byte``, ``24 KB``, ``1,2 MB``."""
    if size < 1024:
        return f"{size} byte"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def load_forms(folder: Path) -> tuple[list[FormFile], list[DataError]]:
    """Every form file of ``folder``: regular files with a form's name and extension, at most 20 MB."""
    forms: list[FormFile] = []
    errors: list[DataError] = []
    for path in content_files(folder, "*"):
        reason = refusal(path)
        if reason is None and not re.match(FORM_FILE_PATTERN, path.name):
            reason = (
                "tên tệp mẫu chỉ dùng chữ thường không dấu, chữ số, dấu chấm hoặc gạch, đuôi "
                + ", ".join(FORMATS)
                + " (ví dụ: tp-cc-05.docx)"
            )
        if reason is None and (size := path.stat().st_size) > MAX_BYTES:
            reason = f"tệp mẫu lớn {human_size(size)}, quá giới hạn {human_size(MAX_BYTES)}"
        if reason is not None:
            errors.append(DataError(str(path), 1, "", reason))
            continue
        forms.append(FormFile(path.name, path.stat().st_size, str(path)))
    return forms, errors
