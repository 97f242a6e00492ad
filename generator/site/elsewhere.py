"""Việc của cơ quan khác (topics other agencies handle): the optional file ``content/ngoai-tham-quyen.yml``.

A citizen asks the agency's site for what another agency does (the criminal-record certificate is the
police's since 1 July 2025; the land-use certificate, «sổ đỏ», is the land registration office's). When
a query names one of these topics, the search says which agency handles it and links to it, instead of
listing unrelated procedures. Each topic gives the words that name it, the agency, a link and the legal
source that says so. Matching ignores case, tone marks and ``đ``/``d`` and needs the whole phrase.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints

from generator.core.errors import DataError
from generator.core.fields import Record, no_items
from generator.core.privacy import AllowList, scan_file
from generator.core.records import load_one
from generator.site.synonyms import Term

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=300)]
Url = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^https://\S+$", max_length=300)]


class Topic(Record):
    """One topic another agency handles."""

    chu_de: Text
    """Chủ đề: việc người dân hỏi, như trang gọi tên, ví dụ «Cấp Phiếu lý lịch tư pháp»."""
    tu: Annotated[list[Term], Field(min_length=1)]
    """Các cách gọi: các từ, cụm từ người dân gõ khi hỏi việc này."""
    co_quan: Text
    """Cơ quan giải quyết: cơ quan có thẩm quyền giải quyết việc này."""
    lien_ket: Url
    """Liên kết: địa chỉ trang người dân vào để làm việc này (trang của cơ quan đó hoặc của Cổng Dịch vụ
    công quốc gia), bắt đầu bằng «https://»."""
    nguon: Text
    """Nguồn: văn bản giao việc này cho cơ quan đó."""


class Elsewhere(Record):
    """The topics of ``ngoai-tham-quyen.yml``."""

    chu_de: list[Topic] = no_items()
    """Các việc của cơ quan khác: mỗi việc một mục, người dân hỏi thì trang chỉ tới cơ quan giải quyết."""


def load_elsewhere(path: Path, allowed: AllowList) -> tuple[tuple[Topic, ...], list[DataError]]:
    """The topics at ``path`` (none when the file does not exist), scanned for personal data."""
    if not path.is_file():
        return (), []
    loaded, errors = load_one(path, Elsewhere)
    if loaded is None:
        return (), errors
    return tuple(loaded.record.chu_de), errors + scan_file(loaded, allowed)
