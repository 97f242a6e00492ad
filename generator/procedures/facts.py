"""Facts derived from a procedure for citizens: readable time and fee, free or paid, channel labels."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from generator.core.fields import fold
from generator.core.render import number, vdate
from generator.procedures.model import (
    CHANNELS,
    LEVELS,
    ONLINE_LEVELS,
    SUBJECTS,
    TIME_UNITS,
    Duration,
    Fee,
    Method,
    Procedure,
)

NO_INFO = "Không có thông tin"
"""What the national portal writes for an empty cell; kept in the data, never shown."""
NO_LEVEL = "Nguồn không ghi cấp thực hiện"
"""What the page, the filters and the CSV say of a procedure whose source gives no level."""
NO_UNIT = "(nguồn không ghi đơn vị)"
"""After a time the source gives as a bare number («1»): the number as written, and that no unit is given."""
PROVINCE_CENTRE = "Trung tâm Phục vụ hành chính công tỉnh"
COMMUNE = (
    "Ủy ban nhân dân cấp xã (bộ phận tiếp nhận và trả kết quả của Trung tâm Phục vụ hành chính công cấp xã)"
)
PROVINCE_BODIES = ("uy ban nhan dan cap tinh", "chu tich uy ban nhan dan cap tinh", "ubnd cap tinh")
"""Executing agencies whose dossiers the province's one-stop centre receives, besides the site's agency."""
NOT_PLACES = ("giam doc", "nguoi dung dau", "chu tich", "bo ", "cuc ")
"""Executing «agencies» that are a person who decides or a central body: not where citizens apply."""
CHANNEL_WORDS = {"truc_tiep": "trực tiếp", "buu_chinh": "qua dịch vụ bưu chính", "truc_tuyen": "trực tuyến"}


def said(text: str | None) -> str:
    """``text``, or "" when it is empty or says «Không có thông tin»."""
    return "" if text is None or text.strip().rstrip(".") == NO_INFO else text


def duration_text(duration: Duration | None) -> str:
    """``5 ngày làm việc``; a bare number says it has no unit; the free text follows."""
    if duration is None:
        return ""
    parts = []
    if duration.so is not None:
        unit = TIME_UNITS[duration.don_vi] if duration.don_vi else NO_UNIT
        parts.append(f"{number(duration.so)} {unit}")
    if said(duration.mo_ta):
        parts.append(duration.mo_ta or "")
    return "; ".join(parts)


class Levels(Protocol):
    """A procedure or its summary: what :func:`level_labels` reads."""

    @property
    def cap_thuc_hien(self) -> Sequence[str]: ...

    @property
    def cap_thuc_hien_mo_ta(self) -> str | None: ...


def level_labels(procedure: Levels) -> list[str]:
    """The levels as citizens read them: the names of the known ones, then the source's own words for
    the others; :data:`NO_LEVEL` when the source gives none."""
    names = [LEVELS[level] for level in procedure.cap_thuc_hien]
    names += [said(procedure.cap_thuc_hien_mo_ta)] if said(procedure.cap_thuc_hien_mo_ta) else []
    return names or [NO_LEVEL]


def subject_labels(procedure: Procedure) -> list[str]:
    """The subjects as citizens read them: the names of the known ones, then the source's own words."""
    names = [SUBJECTS[subject] for subject in procedure.doi_tuong]
    return names + ([said(procedure.doi_tuong_mo_ta)] if said(procedure.doi_tuong_mo_ta) else [])


def amount_text(fee: Fee) -> str:
    """The amount of one fee: ``100.000 đồng/hồ sơ``, ``10 USD/bản``, ``Miễn phí``."""
    if fee.so_tien is None:
        return ""
    if fee.so_tien == 0:
        return "Miễn phí"
    currency = "đồng" if fee.tien_te == "VND" else fee.tien_te
    per = f"/{fee.don_vi_tinh}" if fee.don_vi_tinh else ""
    return f"{number(fee.so_tien)} {currency}{per}"


def fee_text(fee: Fee) -> str:
    """One fee in full: name, amount, validity window, place and note (in parentheses after an amount)."""
    amount = amount_text(fee)
    parts = (
        [f"{fee.ten}: {amount}" if fee.ten and amount else (fee.ten or amount)] if fee.ten or amount else []
    )
    if fee.hieu_luc_tu or fee.hieu_luc_den:
        start = f"từ {vdate(fee.hieu_luc_tu)}" if fee.hieu_luc_tu else ""
        end = f"đến hết {vdate(fee.hieu_luc_den)}" if fee.hieu_luc_den else ""
        parts.append(f"(áp dụng {' '.join(p for p in (start, end) if p)})")
    if fee.ap_dung_tai:
        parts.append(f"(tại {fee.ap_dung_tai})")
    note = said(fee.mo_ta)
    if note:
        parts.append(f"({note})" if parts else note)
    return " ".join(parts)


def method_fees(method: Method) -> list[str]:
    """Every fee of one channel, in full; ``Không thu phí, lệ phí`` when there is none."""
    if not method.phi_le_phi:
        return ["Không thu phí, lệ phí"]
    return [text for text in (fee_text(f) for f in method.phi_le_phi) if text]


def is_free(procedure: Procedure) -> bool:
    """True when no channel charges anything (every amount is 0, or there are no fees at all); false when
    the record gives no channel."""
    fees = [f for m in procedure.cach_thuc for f in m.phi_le_phi]
    return bool(procedure.cach_thuc) and all(f.so_tien == 0 for f in fees)


def fee_summary(procedure: Procedure) -> str:
    """A short fee for listings: distinct amounts across channels, or ``Miễn phí``."""
    if is_free(procedure):
        return "Miễn phí"
    amounts: list[str] = []
    for method in procedure.cach_thuc:
        for fee in method.phi_le_phi:
            text = amount_text(fee) or said(fee.mo_ta)
            if text and text not in amounts:
                amounts.append(text)
    if amounts or not procedure.cach_thuc:
        return "; ".join(amounts)
    return "Không thu phí, lệ phí" if all(not m.phi_le_phi for m in procedure.cach_thuc) else ""


def time_summary(procedure: Procedure) -> str:
    """A short time for listings: one value when all channels agree, else one per channel."""
    texts = [(CHANNELS[m.hinh_thuc], duration_text(m.thoi_han)) for m in procedure.cach_thuc]
    texts = [(channel, text) for channel, text in texts if text]
    distinct = list(dict.fromkeys(text for _, text in texts))
    if len(distinct) <= 1:
        return distinct[0] if distinct else ""
    return "; ".join(f"{channel}: {text}" for channel, text in dict(texts).items())


def channels(procedure: Procedure) -> list[str]:
    """The distinct channel labels, in the record's order."""
    return list(dict.fromkeys(CHANNELS[m.hinh_thuc] for m in procedure.cach_thuc))


def where_to_apply(procedure: Procedure, agency: str) -> list[str]:
    """Where citizens hand in the dossier, from the level and the executing agencies.

    At province level, the province's one-stop centre receives the dossiers of ``agency`` (the site's agency,
    for example «Sở Tư pháp tỉnh Bình Phước») and of the provincial People's Committee; another executing
    agency (a court bailiff office, a land registry) is named as it is. At commune level, the commune
    People's Committee receives them.
    """
    executing = procedure.co_quan.thuc_hien
    ours = fold(agency)
    places: list[str] = []
    if "tinh" in procedure.cap_thuc_hien:
        centre = not executing
        others = []
        for name in executing:
            key = fold(name).rstrip(". ")
            if ours.startswith(key) or key.startswith(PROVINCE_BODIES) or key.startswith("giam doc so"):
                centre = True
            elif not key.startswith(NOT_PLACES) and "cap xa" not in key and "xa, phuong" not in key:
                others.append(name)
        if centre:
            places.append(f"{PROVINCE_CENTRE} (tiếp nhận hồ sơ của {agency})")
        places += others
    if "xa" in procedure.cap_thuc_hien:
        places.append(COMMUNE)
    if not places:
        places = list(executing)
    return places


ONLINE_NOT_DECLARED = "Nộp được trực tuyến (Sở chưa công bố mức dịch vụ công trực tuyến)"
"""The online fact of a procedure whose national record lists an online channel while the Sở has not
declared its level of online service."""
ONLINE_NOT_LISTED = "Không có cách nộp trực tuyến"
"""The online fact of a procedure whose national record lists channels, none online, and whose level the Sở
has not declared."""
ONLINE_UNKNOWN = "Chưa công bố"
"""The online fact of a procedure whose record lists no channel and whose level the Sở has not declared."""


def files_online(procedure: Procedure) -> bool:
    """Citizens can file online: the Sở declares a level of online service (toàn trình or một phần), or
    declares none and the national record lists an online channel. The one source of every online count
    and label (:func:`online_text`, :func:`how_to_apply`); «khong» declared by the Sở overrides the record."""
    level = procedure.dvc_truc_tuyen
    if level is not None:
        return level != "khong"
    return any(m.hinh_thuc == "truc_tuyen" for m in procedure.cach_thuc)


def online_text(procedure: Procedure) -> str:
    """The online fact as citizens read it, in agreement with :func:`files_online`."""
    level = procedure.dvc_truc_tuyen
    if level is not None:
        return ONLINE_LEVELS[level]
    if files_online(procedure):
        return ONLINE_NOT_DECLARED
    return ONLINE_NOT_LISTED if procedure.cach_thuc else ONLINE_UNKNOWN


def how_to_apply(procedure: Procedure) -> str:
    """The channels in words: «trực tiếp, qua dịch vụ bưu chính hoặc trực tuyến»."""
    online = files_online(procedure)
    words = list(
        dict.fromkeys(
            CHANNEL_WORDS[m.hinh_thuc] for m in procedure.cach_thuc if online or m.hinh_thuc != "truc_tuyen"
        )
    )
    if len(words) <= 1:
        return words[0].capitalize() if words else ""
    return f"{', '.join(words[:-1])} hoặc {words[-1]}".capitalize()
