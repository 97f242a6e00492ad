"""Facts derived from a procedure for citizens: readable time and fee, free or paid, channel labels."""

from __future__ import annotations

from generator.core.render import number, vdate
from generator.procedures.model import CHANNELS, TIME_UNITS, Duration, Fee, Method, Procedure


def duration_text(duration: Duration | None) -> str:
    """``5 ngày làm việc``; a bare number says it has no unit; the free text follows."""
    if duration is None:
        return "Không có thông tin"
    parts = []
    if duration.so is not None:
        unit = TIME_UNITS[duration.don_vi] if duration.don_vi else "(không ghi đơn vị)"
        parts.append(f"{number(duration.so)} {unit}")
    if duration.mo_ta:
        parts.append(duration.mo_ta)
    return "; ".join(parts)


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
    """One fee in full: name, amount, validity window, place and note."""
    parts = [p for p in (fee.ten, amount_text(fee)) if p]
    if fee.hieu_luc_tu or fee.hieu_luc_den:
        start = f"từ {vdate(fee.hieu_luc_tu)}" if fee.hieu_luc_tu else ""
        end = f"đến hết {vdate(fee.hieu_luc_den)}" if fee.hieu_luc_den else ""
        parts.append(f"(áp dụng {' '.join(p for p in (start, end) if p)})")
    if fee.ap_dung_tai:
        parts.append(f"(tại {fee.ap_dung_tai})")
    if fee.mo_ta:
        parts.append(fee.mo_ta)
    return " ".join(parts)


def method_fees(method: Method) -> list[str]:
    """Every fee of one channel, in full; ``Không thu phí, lệ phí`` when there is none."""
    return [fee_text(f) for f in method.phi_le_phi] or ["Không thu phí, lệ phí"]


def is_free(procedure: Procedure) -> bool:
    """True when no channel charges anything (every amount is 0, or there are no fees at all)."""
    fees = [f for m in procedure.cach_thuc for f in m.phi_le_phi]
    return all(f.so_tien == 0 for f in fees)


def fee_summary(procedure: Procedure) -> str:
    """A short fee for listings: distinct amounts across channels, or ``Miễn phí``."""
    if is_free(procedure):
        return "Miễn phí"
    amounts: list[str] = []
    for method in procedure.cach_thuc:
        for fee in method.phi_le_phi:
            text = amount_text(fee) or (fee.mo_ta or "")
            if text and text not in amounts:
                amounts.append(text)
    return "; ".join(amounts) if amounts else "Không thu phí, lệ phí"


def time_summary(procedure: Procedure) -> str:
    """A short time for listings: one value when all channels agree, else one per channel."""
    texts = [(CHANNELS[m.hinh_thuc], duration_text(m.thoi_han)) for m in procedure.cach_thuc]
    distinct = list(dict.fromkeys(text for _, text in texts))
    if len(distinct) == 1:
        return distinct[0]
    return "; ".join(f"{channel}: {text}" for channel, text in dict(texts).items())


def channels(procedure: Procedure) -> list[str]:
    """The distinct channel labels, in the record's order."""
    return list(dict.fromkeys(CHANNELS[m.hinh_thuc] for m in procedure.cach_thuc))
