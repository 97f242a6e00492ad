"""What the catalogue-wide pages and files show of each procedure, beside its own page.

A build in several processes keeps each full record in the process that loaded it, which makes that
record's own pages; the others receive only its :class:`Summary`, which is small and quick to send.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from generator.procedures import facts
from generator.procedures.model import DECISION_KINDS, Decision, Procedure
from generator.site.history import Milestone


class Summary(NamedTuple):
    """One procedure as listings, open data, feeds, links and cross-record checks show it; the names
    are the record's own (``ma_thu_tuc``, …), so code and templates read either alike."""

    ma_thu_tuc: str
    ten_thu_tuc: str
    linh_vuc: str
    trang_thai: str
    cap_thuc_hien: tuple[str, ...]
    cap_thuc_hien_mo_ta: str | None
    dvc_truc_tuyen: str | None
    ngay_cap_nhat: date | None
    ma_thay_the: str | None
    thu_tuc_lien_quan: tuple[str, ...]
    thoi_han: str
    """The time for listings (:func:`~generator.procedures.facts.time_summary`)."""
    phi: str
    """The fee for listings (:func:`~generator.procedures.facts.fee_summary`)."""
    mien_phi: bool
    """No channel charges anything (:func:`~generator.procedures.facts.is_free`)."""
    tep_mau: tuple[tuple[tuple[str | int, ...], str], ...] = ()
    """The form files of content/mau/ the record names, each with its place in the record."""
    quyet_dinh_cuoi: Milestone | None = None
    """The latest publication decision (:func:`latest_decision`)."""
    tu_tim: tuple[tuple[str, str], ...] = ()
    """What the record says in the parts a citizen names, for the term index (:func:`search_texts`)."""
    truc_tuyen: str = ""
    """The online fact (:func:`~generator.procedures.facts.online_text`)."""
    nop_truc_tuyen: bool = False
    """Citizens can file online (:func:`~generator.procedures.facts.files_online`)."""
    doi_tuong: tuple[str, ...] = ()
    """Who may apply (the keys of :data:`~generator.procedures.model.SUBJECTS`)."""


def summarise(p: Procedure) -> Summary:
    """The summary of one procedure."""
    return Summary(
        ma_thu_tuc=p.ma_thu_tuc,
        ten_thu_tuc=p.ten_thu_tuc,
        linh_vuc=p.linh_vuc,
        trang_thai=p.trang_thai,
        cap_thuc_hien=tuple(p.cap_thuc_hien),
        cap_thuc_hien_mo_ta=p.cap_thuc_hien_mo_ta,
        dvc_truc_tuyen=p.dvc_truc_tuyen,
        ngay_cap_nhat=p.ngay_cap_nhat,
        ma_thay_the=p.ma_thay_the,
        thu_tuc_lien_quan=tuple(p.thu_tuc_lien_quan),
        thoi_han=facts.time_summary(p),
        phi=facts.fee_summary(p),
        mien_phi=facts.is_free(p),
        tep_mau=tuple(
            (("thanh_phan_ho_so", i, "giay_to", j, "mau", k, "tep"), f.local_file)
            for i, case in enumerate(p.thanh_phan_ho_so)
            for j, d in enumerate(case.giay_to)
            for k, f in enumerate(d.mau)
            if f.local_file
        ),
        quyet_dinh_cuoi=latest_decision(p),
        tu_tim=search_texts(p),
        truc_tuyen=facts.online_text(p),
        nop_truc_tuyen=facts.files_online(p),
        doi_tuong=tuple(p.doi_tuong),
    )


DOCUMENT_CHARS = 160
"""A document's name is indexed up to this many characters: its opening names the paper, the rest of a
long one explains cases."""


CONDITION_CHARS = 800
"""The conditions are indexed up to this many characters: they describe cases in everyday words («tờ tiền bị
cháy, rách») that no name or document says."""


def search_texts(p: Procedure) -> tuple[tuple[str, str], ...]:
    """The results, staff's keywords, documents, agencies, legal bases and conditions a procedure
    names, each with its part (:data:`generator.site.termindex.FIELD_WEIGHTS`); the name and sector
    are added by the dataset."""
    texts = [("ket_qua", r.ten) for r in p.ket_qua]
    texts += [("tu_khoa", keyword) for keyword in p.tu_khoa]
    texts += [("giay_to", d.ten[:DOCUMENT_CHARS]) for case in p.thanh_phan_ho_so for d in case.giay_to]
    texts += [("co_quan", name) for name in p.co_quan.thuc_hien]
    texts += [("can_cu", b.ten) for b in p.can_cu_phap_ly]
    if p.yeu_cau_dieu_kien:
        texts.append(("yeu_cau", p.yeu_cau_dieu_kien[:CONDITION_CHARS]))
    return tuple(texts)


def latest_decision(p: Procedure) -> Milestone | None:
    """The procedure's latest publication decision: the newest dated one, else the last listed."""
    decisions = [decision_milestone(d) for d in p.quyet_dinh_cong_bo]
    return max(reversed(decisions), key=lambda m: m.day or date.min, default=None)


def decision_milestone(d: Decision) -> Milestone:
    """A publication decision as a milestone of the procedure's history."""
    return Milestone(d.ngay, DECISION_KINDS[d.loai] if d.loai else "Quyết định công bố", f"Quyết định {d.so}")
