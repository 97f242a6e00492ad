"""The rules of feedback records, checked in the catalog step before anything is written: file names and
year folders, unique codes, the order of statuses and dates, the answer and its document, and the
references to sectors, procedures and deadline rules."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date

from generator.core.errors import DataError
from generator.core.labels import path_labels
from generator.core.records import Loaded
from generator.core.validation import CODE_USED, one_of_message
from generator.feedback.model import NEXT, STATUSES, Feedback, Settings
from generator.feedback.summary import Summary

Items = list[Loaded[Summary]]
SETTINGS_PATH = "content/pakn/cau-hinh.yml"

NEEDS_ANSWER = "«da_xu_ly» cần câu trả lời: thiếu {missing}"
ANSWER_DAY = "{answered} phải trùng ngày của bước «da_xu_ly» ({day})"
ANSWER_TOO_EARLY = "có câu trả lời nhưng trạng thái là «{status}»: thêm bước «da_xu_ly» vào trang_thai"
ANSWER_WITHOUT_DOCUMENT = "có câu trả lời nhưng thiếu van_ban_tra_loi (so, ngay, url của văn bản trả lời)"
NEEDS_PUBLISH_FORM = (
    "«da_cong_khai» cần hinh_thuc_cong_khai: "
    "cong_thong_tin, phuong_tien_thong_tin, van_ban_gui_nguoi_phan_anh, hinh_thuc_khac"
)
FUTURE_DAY = "ngày {day} chưa đến (hôm nay là {today}): chỉ ghi việc đã xảy ra"
FORM_MESSAGES = {
    "future_day": FUTURE_DAY,
    "needs_answer": NEEDS_ANSWER,
    "answer_day": ANSWER_DAY,
    "answer_too_early": ANSWER_TOO_EARLY,
    "answer_without_document": ANSWER_WITHOUT_DOCUMENT,
    "needs_publish_form": NEEDS_PUBLISH_FORM,
}
"""The answer's rules, as the web editor also applies them before saving (``{…}``: filled in)."""


def file_stem(item: Feedback | Summary) -> str:
    """Where an item's file is, in the dataset's folder, without its extension: ``<năm>/<mã>``."""
    return f"{item.ngay_tiep_nhan.year}/{item.ma_pakn}"


def check_feedback(
    items: Items,
    sectors: list[str] | None,
    procedures: set[str],
    settings: Settings | None,
    today: date | None = None,
) -> list[DataError]:
    """Every rule, all errors together; a rule whose reference file is broken is left to its own errors.
    ``today``: the day no date may be after (the clock's: a rule of validation alone, the pages are
    dated by the build's stated date)."""
    errors = [*_file_names(items), *_unique_codes(items), *_references(items, procedures)]
    today = today or date.today()
    for item in items:
        errors += _history(item)
        errors += _answer(item)
        errors += _future(item, today)
    if sectors is not None:
        errors += _sectors(items, sectors)
    if settings is not None:
        errors += _rules(items, [r.ma for r in settings.thoi_han])
    return errors


def _file_names(items: Items) -> Iterable[DataError]:
    for item in items:
        year, code = file_stem(item.record).split("/")
        name = os.path.basename(item.path)
        if os.path.splitext(name)[0] != code:
            yield item.doc.error(("ma_pakn",), f"tên tệp «{name}» phải trùng mã: đổi tên thành «{code}.yml»")
        if os.path.basename(os.path.dirname(item.path)) != year:
            message = f"tiếp nhận năm {year}: đặt tệp trong thư mục content/pakn/{year}/"
            yield item.doc.error(("ngay_tiep_nhan",), message)


def _unique_codes(items: Items) -> Iterable[DataError]:
    first: dict[str, str] = {}
    for item in items:
        code = item.record.ma_pakn
        if code in first:
            yield item.doc.error(("ma_pakn",), CODE_USED.format(code=code, file=first[code]))
        first.setdefault(code, item.path)


def _references(items: Items, procedures: set[str]) -> Iterable[DataError]:
    for item in items:
        for i, code in enumerate(item.record.thu_tuc):
            if code not in procedures:
                yield item.doc.error(
                    ("thu_tuc", i), f"không có thủ tục mã «{code}» trong danh mục (content/thu-tuc/)"
                )


def _sectors(items: Items, sectors: list[str]) -> Iterable[DataError]:
    for item in items:
        if item.record.linh_vuc not in sectors:
            message = one_of_message(item.record.linh_vuc, sectors) + " (danh sách ở content/linh-vuc.yml)"
            yield item.doc.error(("linh_vuc",), message)


def _rules(items: Items, rules: list[str]) -> Iterable[DataError]:
    for item in items:
        if item.record.quy_tac_thoi_han not in rules:
            message = one_of_message(item.record.quy_tac_thoi_han, rules) + f" (danh sách ở {SETTINGS_PATH})"
            yield item.doc.error(("quy_tac_thoi_han",), message)


def _history(item: Loaded[Summary]) -> Iterable[DataError]:
    """Each status follows one the previous may lead to, each on or after the previous date."""
    status, day = "da_tiep_nhan", item.record.ngay_tiep_nhan
    for i, (next_status, next_day) in enumerate(item.record.trang_thai):
        allowed = NEXT[status]
        if next_status not in allowed:
            yield item.doc.error(("trang_thai", i, "trang_thai"), _transition_message(status, next_status))
        if next_day < day:
            before = "ngày tiếp nhận" if i == 0 else f"ngày của bước trước («{status}»)"
            message = (
                f"ngày {_show(next_day)} trước {before}, {_show(day)}: các bước phải theo thứ tự thời gian"
            )
            yield item.doc.error(("trang_thai", i, "ngay"), message)
        status, day = next_status, max(day, next_day)


_LABELS = path_labels(Feedback)


def _future(item: Loaded[Summary], today: date) -> Iterable[DataError]:
    """No item received, answered or moved on after ``today``: a date to come is a typing mistake."""
    s = item.record
    days: list[tuple[tuple[str | int, ...], date | None]] = [
        (("ngay_tiep_nhan",), s.ngay_tiep_nhan),
        *((("trang_thai", i, "ngay"), day) for i, (_, day) in enumerate(s.trang_thai)),
        (("ngay_tra_loi",), s.ngay_tra_loi),
    ]
    for loc, day in days:
        if day is not None and day > today:
            label = _LABELS[".".join(str(p) for p in loc if isinstance(p, str))]
            yield item.doc.error(loc, FUTURE_DAY.format(day=_show(day), today=_show(today)), label)


def _transition_message(status: str, next_status: str) -> str:
    allowed = NEXT[status]
    text = (
        f"không thể chuyển từ «{status}» ({STATUSES[status]}) sang «{next_status}» ({STATUSES[next_status]})"
    )
    if not allowed:
        return f"{text}: «{status}» là trạng thái cuối cùng"
    return f"{text}; sau «{status}» chỉ được: {', '.join(allowed)}"


def _answer(item: Loaded[Summary]) -> Iterable[DataError]:
    """An answer exactly when the item was handled, with its date, outcome and document; a published
    result says how it was published."""
    s = item.record
    answered = [(i, day) for i, (status, day) in enumerate(s.trang_thai) if status == "da_xu_ly"]
    has_answer = s.tra_loi or s.ngay_tra_loi is not None or s.ket_qua is not None or s.van_ban_tra_loi
    if answered:
        i, day = answered[0]
        missing = [
            key
            for key, present in (
                ("ngay_tra_loi", s.ngay_tra_loi),
                ("tra_loi", s.tra_loi),
                ("ket_qua", s.ket_qua),
                ("van_ban_tra_loi", s.van_ban_tra_loi),
            )
            if not present and not (key == "van_ban_tra_loi" and s.tra_loi)
        ]
        if missing:
            message = NEEDS_ANSWER.format(missing=", ".join(missing))
            yield item.doc.error(("trang_thai", i, "trang_thai"), message)
        if s.ngay_tra_loi is not None and s.ngay_tra_loi != day:
            message = ANSWER_DAY.format(answered=_show(s.ngay_tra_loi), day=_show(day))
            yield item.doc.error(("ngay_tra_loi",), message)
    elif has_answer:
        message = ANSWER_TOO_EARLY.format(status=s.status)
        yield item.doc.error((_first_answer_key(s),), message)
    if s.tra_loi and not s.van_ban_tra_loi:
        yield item.doc.error(("tra_loi",), ANSWER_WITHOUT_DOCUMENT)
    published = [i for i, (status, _) in enumerate(s.trang_thai) if status == "da_cong_khai"]
    if published and not s.hinh_thuc_cong_khai:
        yield item.doc.error(("trang_thai", published[0], "trang_thai"), NEEDS_PUBLISH_FORM)


def _first_answer_key(s: Summary) -> str:
    if s.tra_loi:
        return "tra_loi"
    if s.ngay_tra_loi is not None:
        return "ngay_tra_loi"
    return "ket_qua" if s.ket_qua is not None else "van_ban_tra_loi"


def _show(day: date) -> str:
    return day.strftime("%d/%m/%Y")
