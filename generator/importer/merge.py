"""Re-import over an existing file: the national record owns most fields, staff own the rest.

Staff own: ``url_nop_truc_tuyen``, ``tu_khoa`` (national keywords are added), ``ghi_chu``, ``noi_tiep_nhan``,
``dvc_truc_tuyen``, ``ngay_cap_nhat``, ``thu_tuc_lien_quan``, ``trang_thai``/``ma_thay_the``, local decisions
in ``quyet_dinh_cong_bo`` (those not from the national record), fees marked ``dia_phuong: true``, the file
or address (``tep``) of a form the national record names without one (matched by the form's name), a
more specific agency name (``Sở Tư pháp tỉnh Bình Phước`` where the national record says ``Sở Tư pháp``),
and the levels when the national record gives none (the importer inferred them or wrote «Không có thông tin»).
"""

from __future__ import annotations

from typing import Any

from generator.core.fields import fold
from generator.importer.report import Issue
from generator.procedures.model import Agencies, Case, Decision, Form, Method, Procedure

STAFF_FIELDS = (
    "url_nop_truc_tuyen",
    "ghi_chu",
    "noi_tiep_nhan",
    "dvc_truc_tuyen",
    "ngay_cap_nhat",
    "thu_tuc_lien_quan",
    "trang_thai",
    "ma_thay_the",
)


def merge(
    national: Procedure, existing: Procedure | None, levels_given: bool = True
) -> tuple[Procedure, list[Issue]]:
    """The record to write: ``national`` with what staff added to ``existing`` kept; the levels too when
    the national record does not give them (``levels_given`` false: inferred or missing)."""
    if existing is None:
        return national, []
    issues: list[Issue] = []
    kept = STAFF_FIELDS if levels_given else (*STAFF_FIELDS, *LEVEL_FIELDS)
    update: dict[str, Any] = {name: getattr(existing, name) for name in kept}
    update["tu_khoa"] = _union(existing.tu_khoa, national.tu_khoa)
    update["co_quan"] = _agencies(national.co_quan, existing.co_quan)
    update["quyet_dinh_cong_bo"] = _decisions(national.quyet_dinh_cong_bo, existing.quyet_dinh_cong_bo)
    update["cach_thuc"] = _methods(national.cach_thuc, existing.cach_thuc, issues)
    update["thanh_phan_ho_so"] = _form_files(national.thanh_phan_ho_so, existing.thanh_phan_ho_so)
    merged = national.model_copy(update=update)
    return Procedure.model_validate(merged.model_dump()), issues


LEVEL_FIELDS = ("cap_thuc_hien", "cap_thuc_hien_mo_ta")
"""Kept from the existing file when the national record gives no level."""


def _form_files(national: list[Case], existing: list[Case]) -> list[Case]:
    """The national cases, each form the national record gives no file keeping the ``tep`` staff gave a
    form of the same name."""
    files = {fold(f.ten): f.tep for case in existing for d in case.giay_to for f in d.mau if f.tep}

    def filed(form: Form) -> Form:
        tep = form.tep or files.get(fold(form.ten))
        return form.model_copy(update={"tep": tep})

    return [
        case.model_copy(
            update={
                "giay_to": [d.model_copy(update={"mau": [filed(f) for f in d.mau]}) for d in case.giay_to]
            }
        )
        for case in national
    ]


def _union(first: list[str], second: list[str]) -> list[str]:
    return first + [item for item in second if item not in first]


def _agencies(national: Agencies, existing: Agencies) -> Agencies:
    merged = {}
    for name in Agencies.model_fields:
        ours: list[str] = getattr(national, name)
        theirs: list[str] = getattr(existing, name)
        merged[name] = [_specific(item, theirs, ours) for item in ours] if ours else theirs
    return Agencies(**merged)


def _specific(name: str, staff: list[str], national: list[str]) -> str:
    """Staff's more specific form of ``name`` («Sở Tư pháp tỉnh Bình Phước» for «Sở Tư pháp»), if any:
    whole words more, and not a name the national record gives itself («… vùng II» is no form of
    «… vùng I»)."""
    key = fold(name).rstrip(". ") + " "
    others = {fold(n) for n in national}
    return next((s for s in staff if fold(s).startswith(key) and fold(s) not in others), name)


def _decisions(national: list[Decision], existing: list[Decision]) -> list[Decision]:
    """National decisions first (replacing earlier national ones), then local ones in their order."""
    issuers = {d.co_quan for d in national if d.co_quan}
    numbers = {d.so for d in national}
    local = [d for d in existing if d.so not in numbers and (d.co_quan is None or d.co_quan not in issuers)]
    return [*national, *local]


def _methods(national: list[Method], existing: list[Method], issues: list[Issue]) -> list[Method]:
    """Append staff's local fees (``dia_phuong: true``) to the same channel (n-th of its kind)."""
    local = {key: [f for f in m.phi_le_phi if f.dia_phuong] for key, m in _keyed(existing)}
    merged = []
    for key, method in _keyed(national):
        fees = [f for f in method.phi_le_phi if not f.dia_phuong] + local.pop(key, [])
        merged.append(method.model_copy(update={"phi_le_phi": fees}))
    for (channel, n), fees in local.items():
        if fees:
            issues.append(
                Issue(
                    "cach_thuc",
                    f"kênh {channel} (thứ {n + 1}) không còn trên CSDL quốc gia; bỏ phí địa phương",
                )
            )
    return merged


def _keyed(methods: list[Method]) -> list[tuple[tuple[str, int], Method]]:
    seen: dict[str, int] = {}
    keyed: list[tuple[tuple[str, int], Method]] = []
    for method in methods:
        n = seen.get(method.hinh_thuc, 0)
        seen[method.hinh_thuc] = n + 1
        keyed.append(((method.hinh_thuc, n), method))
    return keyed
