"""Cross-record rules for procedures, checked in the catalog step before anything is written."""

from __future__ import annotations

import os
from collections.abc import Iterable

from generator.core.errors import DataError
from generator.core.records import Loaded
from generator.core.validation import one_of_message
from generator.procedures.summary import Summary

Items = list[Loaded[Summary]]


def check_procedures(
    items: Items, sector_slugs: list[str], forms: frozenset[str] | None = None
) -> list[DataError]:
    """Every cross-record rule, all errors together; ``forms``: the files of content/mau/ (``None``:
    not known, not checked)."""
    codes = {item.record.ma_thu_tuc for item in items}
    return [
        *_file_names(items),
        *_unique_codes(items),
        *_known_sectors(items, sector_slugs),
        *_references(items, codes),
        *(_form_files(items, forms) if forms is not None else ()),
    ]


def _file_names(items: Items) -> Iterable[DataError]:
    for item in items:
        code, name = item.record.ma_thu_tuc, os.path.basename(item.path)
        if os.path.splitext(name)[0] != code:  # as Path.stem for a *.yml file, without making a Path
            yield item.doc.error(
                ("ma_thu_tuc",), f"tên tệp «{name}» phải trùng mã thủ tục: đổi tên thành «{code}.yml»"
            )


def _unique_codes(items: Items) -> Iterable[DataError]:
    first: dict[str, Loaded[Summary]] = {}
    for item in items:
        code = item.record.ma_thu_tuc
        if code in first:
            yield item.doc.error(("ma_thu_tuc",), f"mã «{code}» đã dùng trong {first[code].path}")
        first.setdefault(code, item)


def _known_sectors(items: Items, slugs: list[str]) -> Iterable[DataError]:
    for item in items:
        if item.record.linh_vuc not in slugs:
            message = one_of_message(item.record.linh_vuc, slugs) + " (danh sách ở content/linh-vuc.yml)"
            yield item.doc.error(("linh_vuc",), message)


def _references(items: Items, codes: set[str]) -> Iterable[DataError]:
    for item in items:
        target = item.record.ma_thay_the
        if target is not None and target not in codes:
            yield item.doc.error(("ma_thay_the",), f"không có thủ tục mã «{target}» trong danh mục")
        for i, related in enumerate(item.record.thu_tuc_lien_quan):
            if related not in codes:
                yield item.doc.error(
                    ("thu_tuc_lien_quan", i), f"không có thủ tục mã «{related}» trong danh mục"
                )


def _form_files(items: Items, forms: frozenset[str]) -> Iterable[DataError]:
    for item in items:
        for loc, name in item.record.tep_mau:
            if name not in forms:
                yield item.doc.error(
                    loc,
                    f"không có tệp «{name}» trong thư mục content/mau/: đặt tệp mẫu vào đó, hoặc ghi địa chỉ http(s)://",
                )
