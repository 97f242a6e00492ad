"""The parsers of the national portal's flattened tables, on small real-shaped strings."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from generator.importer.convert import convert
from generator.importer.dvcqg import ListRow, NationalRecord
from generator.importer.levels import infer_level, level_of
from generator.importer.parse_documents import parse_documents
from generator.importer.parse_legal import parse_legal
from generator.importer.parse_methods import HEADER as METHODS
from generator.importer.parse_methods import parse_methods
from generator.importer.parse_results import parse_results
from generator.importer.parse_steps import parse_steps
from generator.importer.text import split_names

DOCS = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
LAWS = "Tên văn bản pháp lýMã văn bản"


def test_channels_with_unit_bare_number_and_no_information() -> None:
    rows = parse_methods(
        f"{METHODS}Trực tuyến5 Ngày làm việcMiễn phíTrực tiếp1Miễn phí"
        "Dịch vụ bưu chínhKhông có thông tinKhông có thông tin"
    )
    assert rows.methods == [
        {
            "hinh_thuc": "truc_tuyen",
            "thoi_han": {"so": 5, "don_vi": "ngay_lam_viec"},
            "phi_le_phi": [{"so_tien": 0}],
        },
        {"hinh_thuc": "truc_tiep", "thoi_han": {"so": 1}, "phi_le_phi": [{"so_tien": 0}]},
        {"hinh_thuc": "buu_chinh", "phi_le_phi": [{"mo_ta": "Không có thông tin"}]},
    ]
    assert (rows.parsed, rows.no_info, rows.issues) == (3, 1, [])


def test_a_channel_name_inside_a_description_does_not_start_a_row() -> None:
    rows = parse_methods(f"{METHODS}Trực tuyến5 NgàyMiễn phíNgười yêu cầu Trực tiếp thực hiện")
    assert len(rows.methods) == 1
    assert rows.methods[0]["mo_ta"] == "Người yêu cầu Trực tiếp thực hiện"


def test_fee_per_unit_with_a_note_and_the_description_after_it() -> None:
    rows = parse_methods(
        f"{METHODS}Trực tiếp3 Ngày làm việc30,000 Việt Nam Đồng(/hồ sơ (Thông tư số 61/2023/TT-BTC))- Cơ quan"
    )
    assert rows.methods[0]["phi_le_phi"] == [
        {"so_tien": Decimal(30000), "don_vi_tinh": "hồ sơ", "mo_ta": "Thông tư số 61/2023/TT-BTC"}
    ]
    assert rows.methods[0]["mo_ta"] == "- Cơ quan"


def test_usd_fee_without_time() -> None:
    rows = parse_methods(f"{METHODS}Trực tiếpKhông có thông tin10 USD(/bản)Tại cơ quan đại diện: 10 USD/bản.")
    assert rows.methods[0] == {
        "hinh_thuc": "truc_tiep",
        "phi_le_phi": [{"so_tien": Decimal(10), "tien_te": "USD", "don_vi_tinh": "bản"}],
        "mo_ta": "Tại cơ quan đại diện: 10 USD/bản.",
    }


def test_typo_amount_and_temporary_window_become_two_items_and_a_warning() -> None:
    rows = parse_methods(
        f"{METHODS}Trực tuyến7 Ngày làm việc50 VNĐ((áp dụng mức phí 25.000 đồng/hồ sơ kể từ ngày 01/7/2025 "
        "đến hết ngày 31/12/2026 theo Thông tư số 64/2025/TT-BTC))"
    )
    assert rows.methods[0]["phi_le_phi"] == [
        {"so_tien": Decimal(50)},
        {
            "so_tien": Decimal(25000),
            "don_vi_tinh": "hồ sơ",
            "mo_ta": "áp dụng mức phí 25.000 đồng/hồ sơ kể từ ngày 01/7/2025 đến hết ngày 31/12/2026 "
            "theo Thông tư số 64/2025/TT-BTC",
            "hieu_luc_tu": date(2025, 7, 1),
            "hieu_luc_den": date(2026, 12, 31),
        },
    ]
    assert [i.message for i in rows.issues] == [
        "số tiền 50 đồng nhỏ bất thường; giữ nguyên như nguồn, cần kiểm tra",
        "mức phí tạm thời 25.000 đồng cao hơn mức thường; giữ nguyên như nguồn, cần kiểm tra",
    ]


def test_bare_number_glued_to_an_amount_is_not_guessed() -> None:
    rows = parse_methods(f"{METHODS}Trực tuyến1200 VNĐDịch vụ bưu chính1Miễn phí")
    assert rows.methods[0] == {"hinh_thuc": "truc_tuyen", "phi_le_phi": [{"mo_ta": "1200 VNĐ"}]}
    assert rows.parsed == 1
    assert [(i.field, i.message) for i in rows.issues] == [
        (
            "cach_thuc[0].thoi_han",
            "không tách được thời hạn và phí trong «1200 VNĐ»; ghi nguyên văn vào «phi_le_phi[0].mo_ta»",
        )
    ]


def test_cases_documents_quantities_and_forms() -> None:
    text = (
        f"* Giấy tờ phải nộp:{DOCS}- Tờ khai theo mẫu.Mẫu TP-CC-05.docx1 bản chính"
        "Bản sao giấy phép (01 bản chính hoặc bản sao)0 bản chính,1 bản sao"
        f"* Giấy tờ phải xuất trình:{DOCS}Giấy đề nghị theo Mẫu TP-TSCC-01a."
        "Mẫu TP-TSCC-01a.docxMẫu TP-TSCC-01b.docx2 bản chính"
    )
    cases = parse_documents(text)
    assert cases.cases == [
        {
            "truong_hop": "Giấy tờ phải nộp",
            "giay_to": [
                {"ten": "Tờ khai theo mẫu.", "mau": [{"ten": "Mẫu TP-CC-05.docx"}], "ban_chinh": 1},
                {"ten": "Bản sao giấy phép (01 bản chính hoặc bản sao)", "ban_sao": 1},
            ],
        },
        {
            "truong_hop": "Giấy tờ phải xuất trình",
            "giay_to": [
                {
                    "ten": "Giấy đề nghị theo Mẫu TP-TSCC-01a.",
                    "mau": [{"ten": "Mẫu TP-TSCC-01a.docx"}, {"ten": "Mẫu TP-TSCC-01b.docx"}],
                    "ban_chinh": 2,
                }
            ],
        },
    ]
    assert (cases.tables, cases.parsed) == (2, 2)


@pytest.mark.parametrize(
    ("segment", "name", "form"),
    [
        ("Đơn xin nhận con nuôi;1.nxinnhnconnui.doc", "Đơn xin nhận con nuôi;", "1.nxinnhnconnui.doc"),
        (
            "Giấy đề nghị của tổ chức.6. TP-LS-06. De nghi.doc",
            "Giấy đề nghị của tổ chức.",
            "6. TP-LS-06. De nghi.doc",
        ),
        (
            "Giấy đề nghị đăng ký tài sảnMau TP DGTS 03.doc",
            "Giấy đề nghị đăng ký tài sản",
            "Mau TP DGTS 03.doc",
        ),
        (
            "Phiếu (khoản 1 Điều 46 Nghị định số 99/2022/NĐ-CP).Mau so 01d_BPBĐ.docx",
            "Phiếu (khoản 1 Điều 46 Nghị định số 99/2022/NĐ-CP).",
            "Mau so 01d_BPBĐ.docx",
        ),
    ],
)
def test_form_file_names_are_split_from_the_document_name(segment: str, name: str, form: str) -> None:
    document = parse_documents(f"--{DOCS}{segment}1 bản chính").cases[0]["giay_to"][0]
    assert (document["ten"], document["mau"]) == (name, [{"ten": form}])


def test_leftover_at_the_end_of_the_last_table_is_kept_and_reported() -> None:
    cases = parse_documents(f"--{DOCS}Tờ khai1 bản chínhTrường hợp nộp trực tuyến thì gửi bản điện tử")
    assert cases.cases[0]["giay_to"][-1] == {"ten": "Trường hợp nộp trực tuyến thì gửi bản điện tử"}
    assert (cases.tables, cases.parsed, len(cases.issues)) == (1, 0, 1)


def test_legal_basis_rows_end_at_glued_numbers() -> None:
    text = (
        f"{LAWS}Luật 60/2014/QH1360/2014/QH13Luật Công chứng năm 202446/2024/QH15Nghị định số 123/2015/NĐ-CP "
        "ngày 15/11/2015 của Chính phủ123/2015/NĐ-CPtư vấn pháp luậtNghị định số 77/2008/NĐ-CP"
        "Nghị quyết số 66.7/2025/NQ-CP66.7/2025/NQ-CPLUẬT QUỐC TỊCH VIỆT NAM24/2008/QH12"
    )
    assert parse_legal(text).rows == [
        {"so_hieu": "60/2014/QH13", "ten": "Luật 60/2014/QH13"},
        {"so_hieu": "46/2024/QH15", "ten": "Luật Công chứng năm 2024"},
        {"so_hieu": "123/2015/NĐ-CP", "ten": "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ"},
        {"so_hieu": "77/2008/NĐ-CP", "ten": "tư vấn pháp luật"},
        {"so_hieu": "66.7/2025/NQ-CP", "ten": "Nghị quyết số 66.7/2025/NQ-CP"},
        {"so_hieu": "24/2008/QH12", "ten": "LUẬT QUỐC TỊCH VIỆT NAM"},
    ]


def test_results_keep_kq_codes_and_drop_junk_codes_with_a_warning() -> None:
    results = parse_results(
        "Thẻ công chứng viênMã: KQ.G15.000178Quyết địnhMã: hgvg6Từ khóaKhông có thông tinMô tả"
        "Không có thông tinChọn cơ quan thực hiệnTỉnh/ Thành phốNộp hồ sơ"
    )
    assert results.results == [{"ten": "Thẻ công chứng viên", "ma": "KQ.G15.000178"}, {"ten": "Quyết định"}]
    assert (results.keywords, results.description, results.coded, results.coded_parsed) == ([], None, 1, 1)
    assert [i.message for i in results.issues] == ["mã «hgvg6» không có dạng KQ.Gxx.xxxxxx; bỏ qua"]


def test_steps_split_at_top_level_bullets() -> None:
    assert parse_steps("- Nộp hồ sơ.\n+ Trực tiếp.\n\n- Giải quyết trong 05 ngày.") == [
        {"mo_ta": "Nộp hồ sơ.\n+ Trực tiếp."},
        {"mo_ta": "Giải quyết trong 05 ngày."},
    ]
    assert parse_steps("Bước một.\nBước hai.") == [{"mo_ta": "Bước một."}, {"mo_ta": "Bước hai."}]


def test_agency_lists_split_only_before_a_capital() -> None:
    assert split_names("Thi hành án dân sự tỉnh, thành phố, Phòng thi hành án cấp quân khu") == [
        "Thi hành án dân sự tỉnh, thành phố",
        "Phòng thi hành án cấp quân khu",
    ]
    assert split_names("Ủy ban Nhân dân\xa0xã,\xa0phường,\xa0thị trấn.") == [
        "Ủy ban Nhân dân xã, phường, thị trấn."
    ]
    assert split_names("Không có thông tin") == []


def test_subjects_match_labels_that_contain_commas() -> None:
    record = NationalRecord(
        "x.json",
        {
            "ma_thu_tuc": "1.000001",
            "ten_thu_tuc": "Thử",
            "linh_vuc": "Công chứng",
            "cap_thuc_hien": "Cấp bộ, Cấp tỉnh",
            "doi_tuong_thuc_hien": "Công dân Việt Nam, Cán bộ, công chức, viên chức, "
            "Tổ chức (không bao gồm doanh nghiệp, HTX), Doanh nghiệp Việt Nam, Doanh nghiệp",
            "co_quan_thuc_hien": "Không có thông tin",
            "so_quyet_dinh": "1/QĐ-BTP",
        },
    )
    row = ListRow("l.xlsx", "1.000001", "Thử", "Bộ Tư pháp", ("Sở Tư Pháp",), "Công chứng")
    data = convert(record, row, {"cong chung": "cong-chung"}).data
    assert data["doi_tuong"] == [
        "cong_dan_viet_nam",
        "can_bo_cong_chuc_vien_chuc",
        "to_chuc",
        "doanh_nghiep_viet_nam",
        "doanh_nghiep",
    ]
    assert data["cap_thuc_hien"] == ["bo", "tinh"]
    assert data["co_quan"] == {"thuc_hien": ["Sở Tư Pháp"]}
    assert data["quyet_dinh_cong_bo"] == [{"so": "1/QĐ-BTP", "co_quan": "Bộ Tư pháp"}]


@pytest.mark.parametrize(
    ("agency", "level"),
    [
        ("Bộ Tư pháp", "bo"),
        ("Cục Thuế", "bo"),
        ("Sở Tài chính", "tinh"),
        ("Giám đốc Sở Tư pháp", "tinh"),
        ("UBND tỉnh", "tinh"),
        ("Chủ tịch Ủy ban nhân dân cấp tỉnh", "tinh"),
        ("Ủy ban nhân dân huyện", "huyen"),
        ("UBND quận", "huyen"),
        ("Ủy ban Nhân dân xã, phường, thị trấn.", "xa"),
        ("UBND phường", "xa"),
        ("Bộ phận một cửa", None),
        ("Ủy ban nhân dân thành phố", None),
        ("Văn phòng đăng ký đất đai", None),
    ],
)
def test_the_level_an_agency_name_says(agency: str, level: str | None) -> None:
    assert level_of(agency) == level


def test_a_level_is_inferred_only_when_every_agency_says_the_same() -> None:
    assert infer_level(["Sở Tư pháp", "UBND tỉnh"]) == "tinh"
    assert infer_level(["Sở Tư pháp", "Bộ Tư pháp"]) is None
    assert infer_level(["Sở Tư pháp", "Văn phòng công chứng"]) is None
    assert infer_level([]) is None


def _levels(**fields: str) -> tuple[dict[str, object], list[str]]:
    record = NationalRecord("x.json", {"ma_thu_tuc": "1.000001", "ten_thu_tuc": "Thử", **fields})
    converted = convert(record, None, {})
    keys = ("cap_thuc_hien", "cap_thuc_hien_mo_ta", "doi_tuong", "doi_tuong_mo_ta")
    return {k: converted.data[k] for k in keys if k in converted.data}, [
        f"{i.field}: {i.message}" for i in converted.issues
    ]


def test_a_level_or_subject_the_model_lacks_is_kept_verbatim() -> None:
    data, issues = _levels(cap_thuc_hien="Cấp thôn, Cấp xã", doi_tuong_thuc_hien="Hộ kinh doanh, Hợp tác xã")
    assert data == {
        "cap_thuc_hien": ["xa"],
        "cap_thuc_hien_mo_ta": "Cấp thôn",
        "doi_tuong": ["hop_tac_xa"],
        "doi_tuong_mo_ta": "Hộ kinh doanh",
    }
    assert issues == [
        "doi_tuong: không biết đối tượng «Hộ kinh doanh»; ghi nguyên văn vào «doi_tuong_mo_ta»",
        "cap_thuc_hien: không biết cấp «Cấp thôn»; ghi nguyên văn vào «cap_thuc_hien_mo_ta»",
    ]


def test_a_missing_level_comes_from_the_agency_name_or_stays_not_given() -> None:
    data, issues = _levels(cap_thuc_hien="Không có thông tin", co_quan_thuc_hien="Sở Tư pháp")
    assert data == {"cap_thuc_hien": ["tinh"], "doi_tuong": []}
    assert issues == [
        "cap_thuc_hien: nguồn không ghi cấp thực hiện; suy ra «Cấp tỉnh» từ cơ quan «Sở Tư pháp»"
    ]
    data, issues = _levels(co_quan_co_tham_quyen="Bộ trưởng Bộ Tư pháp")
    assert data["cap_thuc_hien"] == ["bo"]
    data, issues = _levels(cap_thuc_hien="", co_quan_thuc_hien="Sở Tư pháp, Bộ Tư pháp")
    assert data == {"cap_thuc_hien": [], "cap_thuc_hien_mo_ta": "Không có thông tin", "doi_tuong": []}
    assert issues == [
        "cap_thuc_hien: nguồn không ghi cấp thực hiện, tên cơ quan không cho biết cấp; "
        "ghi «Không có thông tin»"
    ]


BASEL = "http://www.basel.int/Portals/4/Basel%20Convention/docs/techmatters/forms-notif-mov/vCOP8.doc"


def test_a_form_files_address_in_the_text_is_a_form_with_that_address() -> None:
    segment = (
        "- Thông báo vận chuyển thực hiện theo mẫu quy định của Công ước Basel tại địa chỉ: "
        f"{BASEL}Mẫu to khai van chuyen CTNH sua.docx"
    )
    document = parse_documents(f"--{DOCS}{segment}1 bản chính").cases[0]["giay_to"][0]
    assert document == {
        "ten": f"Thông báo vận chuyển thực hiện theo mẫu quy định của Công ước Basel tại địa chỉ: {BASEL}",
        "mau": [{"ten": "vCOP8.doc", "tep": BASEL}, {"ten": "Mẫu to khai van chuyen CTNH sua.docx"}],
        "ban_chinh": 1,
    }


def test_a_form_files_address_at_the_end_of_the_text_is_not_split_as_a_file_name() -> None:
    address = "https://example.gov.vn/tai-lieu/2025/TP-LS-05.pdf"
    document = parse_documents(f"--{DOCS}Đơn theo mẫu tại {address}1 bản chính").cases[0]["giay_to"][0]
    assert document == {
        "ten": f"Đơn theo mẫu tại {address}",
        "mau": [{"ten": "TP-LS-05.pdf", "tep": address}],
        "ban_chinh": 1,
    }


def test_a_line_broken_in_mid_sentence_is_joined_but_list_items_stay() -> None:
    assert parse_steps(
        "- Ủy ban\nỦy ban\n- Nộp phí, hoàn tất việc\nnộp hồ sơ.\n- Xét:\na) hồ sơ đủ;\nb) hồ sơ thiếu."
    ) == [
        {"mo_ta": "Ủy ban\nỦy ban"},
        {"mo_ta": "Nộp phí, hoàn tất việc nộp hồ sơ."},
        {"mo_ta": "Xét:\na) hồ sơ đủ;\nb) hồ sơ thiếu."},
    ]


def test_real_record_steps_read_in_order_with_no_paragraph_cut_mid_sentence(dvcqg: Path) -> None:
    record = json.loads((dvcqg / "bo-tu-phap" / "1.001193.json").read_text(encoding="utf-8"))
    steps = [step["mo_ta"] for step in parse_steps(record["trinh_tu_thuc_hien"])]
    assert "nộp hồ sơ đăng ký khai sinh tại Trung tâm Phục vụ hành chính công có thẩm quyền;" in steps[0]
    assert steps[1].endswith("theo quy định pháp luật, hoàn tất việc nộp hồ sơ.")


@pytest.mark.parametrize(
    ("code", "name"),
    [("2.000954", "Giấy đăng ký tham gia trợ giúp pháp lý được cấp lại."), ("1.002198", None)],
)
def test_real_record_results_keep_an_older_shaped_code_whole(
    dvcqg: Path, code: str, name: str | None
) -> None:
    record = json.loads((dvcqg / "bo-tu-phap" / f"{code}.json").read_text(encoding="utf-8"))
    results = parse_results(record["ket_qua_xu_ly"])
    assert all(not r["ten"].startswith(".") for r in results.results), results.results
    assert results.issues == []
    if name:
        assert results.results == [{"ten": name, "ma": "000.00.00.G15-KQ0108"}]


def test_words_move_back_only_to_a_single_sure_place() -> None:
    moved = "- Nộp tại Sở Tư pháp.\n- Nộp hồ sơ tại Ủy ban xã.\n- Lãnh đạo Ủy ban Tư pháp \nký."
    assert parse_steps(moved)[0] == {"mo_ta": "Nộp tại Sở Tư pháp."}
    plain = "- Nộp hồ sơ.\n- Cán bộ kiểm tra hồ sơ \nrồi trả kết quả."
    assert parse_steps(plain)[1] == {"mo_ta": "Cán bộ kiểm tra hồ sơ rồi trả kết quả."}
    scrambled = (
        "- Nộp hồ sơ đăng ký khai tâm Phục vụ.\n"
        "- Cán bộ tại Trung tâm Phục vụ đăng ký khai sinh và hoàn tất việc sinh tại Trung \nnộp hồ sơ."
    )
    assert parse_steps(scrambled) == [
        {"mo_ta": "Nộp hồ sơ đăng ký khai sinh tại Trung tâm Phục vụ."},
        {"mo_ta": "Cán bộ tại Trung tâm Phục vụ đăng ký khai sinh và hoàn tất việc nộp hồ sơ."},
    ]
