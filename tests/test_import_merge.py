"""Re-import: byte-identical when nothing changed, national fields updated, staff fields kept."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.core.records import load_one
from generator.importer import import_records
from generator.importer.write import render
from generator.procedures.model import Decision, Fee, Procedure, ReceivingPlace

from .conftest import REPO

REGISTRY = REPO / "content" / "linh-vuc.yml"
RECORD = {
    "ma_thu_tuc": "1.013859",
    "detail_url": "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-863b-7023-b6f1-5bd5f0b52d89",
    "ten_thu_tuc": "Cấp thẻ công chứng viên",
    "so_quyet_dinh": "1859/QĐ-BTP",
    "cap_thuc_hien": "Cấp tỉnh",
    "loai_thu_tuc": "TTHC được giao luật quy định chi tiết",
    "linh_vuc": "Công chứng",
    "doi_tuong_thuc_hien": "Tổ chức (không bao gồm doanh nghiệp, HTX)",
    "co_quan_thuc_hien": "Sở Tư pháp",
    "trinh_tu_thuc_hien": "- Nộp hồ sơ.\n- Sở Tư pháp cấp thẻ trong 05 ngày làm việc.",
    "cach_thuc_thuc_hien": "Hình thức nộpThời gianPhí, lệ phíMô tả"
    "Trực tuyến5 Ngày làm việc100,000 Việt Nam Đồng(/hồ sơ)"
    "Trực tiếp5 Ngày làm việc100,000 Việt Nam Đồng(/hồ sơ)",
    "thanh_phan_ho_so": "--Tên giấy tờMẫu đơn, tờ khaiSố lượng"
    "Đơn đề nghị cấp thẻMẫu TP-CC-05.docx1 bản chính",
    "can_cu_phap_ly": "Tên văn bản pháp lýMã văn bảnLuật Công chứng năm 202446/2024/QH15",
    "yeu_cau_dieu_kien": "Không có thông tin",
    "ket_qua_xu_ly": "Thẻ công chứng viênMã: KQ.G15.000178Từ khóaKhông có thông tinMô tảKhông có thông tin",
}


def write_record(folder: Path, **changes: str) -> Path:
    """One national record as the crawler stores it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{RECORD['ma_thu_tuc']}.json"
    path.write_text(json.dumps({**RECORD, **changes}, ensure_ascii=False), encoding="utf-8")
    return path


def load(path: Path) -> Procedure:
    loaded, errors = load_one(path, Procedure)
    assert errors == []
    assert loaded is not None
    return loaded.record


def test_importing_twice_gives_identical_bytes(tmp_path: Path) -> None:
    source = write_record(tmp_path / "src")
    out = tmp_path / "thu-tuc"
    first = import_records([source], out, registry=REGISTRY)
    text = (out / "1.013859.yml").read_bytes()
    second = import_records([source], out, registry=REGISTRY)
    assert (first.written, second.written, second.unchanged) == (["1.013859"], [], ["1.013859"])
    assert (out / "1.013859.yml").read_bytes() == text
    assert text.startswith(b"# yaml-language-server: $schema=../schema/thu-tuc.schema.json\n")


def test_a_file_with_staff_comments_is_left_alone_when_nothing_changed(tmp_path: Path) -> None:
    source = write_record(tmp_path / "src")
    out = tmp_path / "thu-tuc"
    import_records([source], out, registry=REGISTRY)
    path = out / "1.013859.yml"
    path.write_text(path.read_text(encoding="utf-8") + "# Ghi chú của cán bộ\n", encoding="utf-8")
    before = path.read_bytes()
    assert import_records([source], out, registry=REGISTRY).unchanged == ["1.013859"]
    assert path.read_bytes() == before


STAFF: dict[str, Any] = {
    "url_nop_truc_tuyen": "https://dichvucong.binhphuoc.gov.vn/thu-tuc/1.013859",
    "tu_khoa": ["thẻ công chứng"],
    "ghi_chu": "Nhận hồ sơ cả sáng thứ Bảy.",
    "noi_tiep_nhan": [ReceivingPlace(ten="Trung tâm Phục vụ hành chính công tỉnh Bình Phước")],
    "dvc_truc_tuyen": "mot_phan",
    "ngay_cap_nhat": date(2026, 7, 20),
    "thu_tuc_lien_quan": ["1.013858"],
    "trang_thai": "thay_the",
    "ma_thay_the": "1.013860",
}


def test_reimport_updates_national_fields_and_keeps_what_staff_added(tmp_path: Path) -> None:
    out = tmp_path / "thu-tuc"
    import_records([write_record(tmp_path / "src")], out, registry=REGISTRY)
    path = out / "1.013859.yml"
    record = load(path)
    local_fee = Fee(so_tien=Decimal(20000), don_vi_tinh="hồ sơ", mo_ta="Phí in thẻ", dia_phuong=True)
    direct = record.cach_thuc[1]
    edited = record.model_copy(
        update={
            **STAFF,
            "ten_thu_tuc": "Tên cũ do cán bộ gõ",
            "co_quan": record.co_quan.model_copy(update={"thuc_hien": ["Sở Tư pháp tỉnh Bình Phước"]}),
            "quyet_dinh_cong_bo": [
                Decision(so="999/QĐ-BTP", co_quan="Bộ Tư pháp"),
                Decision(so="1234/QĐ-UBND", co_quan="UBND tỉnh Bình Phước"),
            ],
            "cach_thuc": [
                record.cach_thuc[0],
                direct.model_copy(update={"phi_le_phi": [*direct.phi_le_phi, local_fee]}),
            ],
        }
    )
    path.write_text(render(edited), encoding="utf-8")

    changed = (
        "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến5 Ngày làm việc200,000 Việt Nam Đồng(/hồ sơ)"
        + ("Trực tiếp5 Ngày làm việc200,000 Việt Nam Đồng(/hồ sơ)")
    )
    report = import_records(
        [write_record(tmp_path / "src", cach_thuc_thuc_hien=changed)], out, registry=REGISTRY
    )
    merged = load(path)

    assert report.written == ["1.013859"]
    assert {name: getattr(merged, name) for name in STAFF} == STAFF
    assert merged.ten_thu_tuc == "Cấp thẻ công chứng viên"
    assert merged.co_quan.thuc_hien == ["Sở Tư pháp tỉnh Bình Phước"]
    assert [d.so for d in merged.quyet_dinh_cong_bo] == ["1859/QĐ-BTP", "1234/QĐ-UBND"]
    assert [[f.so_tien for f in m.phi_le_phi] for m in merged.cach_thuc] == [[200000], [200000, 20000]]
    assert merged.cach_thuc[1].phi_le_phi[1] == local_fee
    again = import_records(
        [write_record(tmp_path / "src", cach_thuc_thuc_hien=changed)], out, registry=REGISTRY
    )
    assert again.unchanged == ["1.013859"]


def test_national_keywords_are_added_to_staff_keywords(tmp_path: Path) -> None:
    out = tmp_path / "thu-tuc"
    import_records([write_record(tmp_path / "src")], out, registry=REGISTRY)
    path = out / "1.013859.yml"
    path.write_text(render(load(path).model_copy(update={"tu_khoa": ["thẻ CCV"]})), encoding="utf-8")
    tail = "Thẻ công chứng viênMã: KQ.G15.000178Từ khóacông chứng viên, thẻ CCVMô tảKhông có thông tin"
    import_records([write_record(tmp_path / "src", ket_qua_xu_ly=tail)], out, registry=REGISTRY)
    assert load(path).tu_khoa == ["thẻ CCV", "công chứng viên"]


def test_levels_staff_gave_are_kept_while_the_national_record_gives_none(tmp_path: Path) -> None:
    out = tmp_path / "thu-tuc"
    path = out / "1.013859.yml"
    unknown = {"cap_thuc_hien": "Không có thông tin", "co_quan_thuc_hien": "Văn phòng công chứng"}
    import_records([write_record(tmp_path / "src", **unknown)], out, registry=REGISTRY)
    assert (load(path).cap_thuc_hien, load(path).cap_thuc_hien_mo_ta) == ([], "Không có thông tin")
    staff = {"cap_thuc_hien": ["tinh", "xa"], "cap_thuc_hien_mo_ta": None}
    path.write_text(render(load(path).model_copy(update=staff)), encoding="utf-8")
    import_records([write_record(tmp_path / "src", **unknown)], out, registry=REGISTRY)
    assert (load(path).cap_thuc_hien, load(path).cap_thuc_hien_mo_ta) == (["tinh", "xa"], None)
    inferred = {"cap_thuc_hien": "", "co_quan_thuc_hien": "Sở Tư pháp"}  # a guess does not replace staff's
    import_records([write_record(tmp_path / "src", **inferred)], out, registry=REGISTRY)
    assert load(path).cap_thuc_hien == ["tinh", "xa"]
    import_records([write_record(tmp_path / "src", cap_thuc_hien="Cấp bộ")], out, registry=REGISTRY)
    assert load(path).cap_thuc_hien == ["bo"]  # a level the national record gives replaces it


def test_level_filter_keeps_records_whose_level_is_not_known(tmp_path: Path) -> None:
    source = write_record(tmp_path / "src", cap_thuc_hien="Không có thông tin", co_quan_thuc_hien="Văn phòng")
    report = import_records([source], tmp_path / "thu-tuc", cap="xa", registry=REGISTRY)
    assert (report.written, report.skipped) == (["1.013859"], [])
    source = write_record(tmp_path / "src", cap_thuc_hien="Cấp bộ")
    report = import_records([source], tmp_path / "other", cap="xa", registry=REGISTRY)
    assert (report.written, report.skipped) == ([], ["1.013859"])


def test_a_form_file_staff_gave_is_kept_on_reimport(tmp_path: Path) -> None:
    out = tmp_path / "thu-tuc"
    import_records([write_record(tmp_path / "src")], out, registry=REGISTRY)
    path = out / "1.013859.yml"
    record = load(path)
    case = record.thanh_phan_ho_so[0]
    document = case.giay_to[0]
    form = document.mau[0].model_copy(update={"tep": "tp-cc-05.docx"})
    filed = case.model_copy(update={"giay_to": [document.model_copy(update={"mau": [form]})]})
    path.write_text(render(record.model_copy(update={"thanh_phan_ho_so": [filed]})), encoding="utf-8")

    renamed = "--Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn đề nghị cấp thẻ (sửa đổi)Mẫu TP-CC-05.docx1 bản chính"
    report = import_records(
        [write_record(tmp_path / "src", thanh_phan_ho_so=renamed)], out, registry=REGISTRY
    )
    merged = load(path).thanh_phan_ho_so[0].giay_to[0]

    assert report.written == ["1.013859"]
    assert merged.ten == "Đơn đề nghị cấp thẻ (sửa đổi)"
    assert [(f.ten, f.tep) for f in merged.mau] == [("Mẫu TP-CC-05.docx", "tp-cc-05.docx")]
