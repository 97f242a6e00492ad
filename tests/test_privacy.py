"""The privacy scan (issue 29): the spellings of personal data it refuses, with whole messages; what it
lets through; and every published text it reads, not the records alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build.pipeline import check
from generator.build.sharedbuild import prepare_shared
from generator.core.errors import DataErrors
from generator.core.privacy import AllowList, scan_text
from generator.datasets import DATASETS
from generator.site.dataset import published

from .feedback_data import feedback_content

DELETE = "thông tin cá nhân không được công bố, hãy xoá"
ALLOWED_FILE = "content/cong-khai-duoc-phep.yml"
MOBILE = "số điện thoại di động"
HINT = f"nếu là {MOBILE} đã công bố của cơ quan, thêm vào {ALLOWED_FILE}"
PHONE = f"có {MOBILE} (09xx xxx 678): {DELETE}; {HINT}"


def errors_of(tmp_path: Path, files: dict[str, str]) -> list[str]:
    """The errors ``check`` reports on the feedback test content with ``files`` written over it."""
    content = feedback_content(tmp_path)
    for name, text in files.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text, encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        check(content)
    return [str(e).replace(str(content), "content") for e in caught.value.errors]


def replaced(path: Path, old: str, new: str) -> str:
    """The text of the minimal content's file at ``path`` with ``old`` replaced by ``new`` once."""
    text = (Path(__file__).parent / "data" / path).read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


# --- every published text, not the records alone ------------------------------------------------

SECTOR = "    mo_ta: Cấp thẻ, bổ nhiệm"
SITE_FILES = [
    (
        "linh-vuc.yml",
        replaced(Path("minimal/linh-vuc.yml"), SECTOR, "    mo_ta: Gọi 0912 345 678. Cấp thẻ, bổ nhiệm"),
        f"content/linh-vuc.yml:4: linh_vuc[0].mo_ta: {PHONE}",
    ),
    (
        "site.yml",
        replaced(
            Path("minimal/site.yml"), "gioi_thieu: 'Trang này", "gioi_thieu: 'Gọi 0912 345 678. Trang này"
        ),
        f"content/site.yml:6: gioi_thieu: {PHONE}",
    ),
    (
        "site.yml",
        replaced(Path("minimal/site.yml"), "ten: Cổng Dịch vụ công quốc gia", "ten: Bà Lan 0912 345 678"),
        f"content/site.yml:17: lien_ket[0].ten: {PHONE}",
    ),
    (
        "don-vi.yml",
        "don_vi:\n  - ma: van-phong\n    ten: Văn phòng Sở (0912 345 678)\n",
        f"content/don-vi.yml:3: don_vi[0].ten: {PHONE}",
    ),
    (
        "trang/gioi-thieu.md",
        "# Giới thiệu\n\nTrang này do Văn phòng Sở quản lý.\nGọi 0912 345 678.\n",
        f"content/trang/gioi-thieu.md:4: {PHONE}",
    ),
    (
        "trang/gioi-thieu.md",
        "---\ntitle: Giới thiệu\ndescription: Gọi 0912 345 678\n---\n# Giới thiệu\n",
        f"content/trang/gioi-thieu.md:3: description: {PHONE}",
    ),
    (
        "pakn/cau-hinh.yml",
        replaced(Path("feedback/pakn/cau-hinh.yml"), "    ten: Phản ánh", "    ten: Gọi 0912 345 678"),
        f"content/pakn/cau-hinh.yml:10: thoi_han[0].ten: {PHONE}",
    ),
    (
        "tu-dien.yml",
        "tu_bo_qua: [làm]\nnhom:\n  - tu: [sổ đỏ, giấy chứng nhận]\n    nguon: hỏi 0912 345 678\n",
        f"content/tu-dien.yml:4: nhom[0].nguon: {PHONE}",
    ),
    (
        "ngoai-tham-quyen.yml",
        "chu_de:\n  - chu_de: Hộ chiếu\n    tu: [hộ chiếu]\n    co_quan: Công an, gọi 0912 345 678\n"
        "    lien_ket: https://dichvucong.bocongan.gov.vn\n    nguon: Luật 49/2019/QH14\n",
        f"content/ngoai-tham-quyen.yml:4: chu_de[0].co_quan: {PHONE}",
    ),
    (
        "tu-dong-nghia.yml",
        "nhom:\n  - [LLTP, lý lịch tư pháp, gọi 0912 345 678]\n",
        f"content/tu-dong-nghia.yml:2: nhom[0][2]: {PHONE}",
    ),
    (
        "ngay-nghi.yml",
        "nghi:\n  - ngay: 2025-05-07\n    ly_do: hỏi 0912 345 678\n",
        f"content/ngay-nghi.yml:3: nghi[0].ly_do: {PHONE}",
    ),
]


@pytest.mark.parametrize(("name", "text", "message"), SITE_FILES)
def test_personal_data_in_every_published_file_is_refused(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    assert errors_of(tmp_path, {name: text}) == [message]


def test_the_agencys_own_contacts_in_site_yml_stay_allowed_everywhere(tmp_path: Path) -> None:
    page = "# Giới thiệu\n\nGọi 0271 3 000 001, thư vi-du@tinh.gov.vn.\n"
    sector = replaced(Path("minimal/linh-vuc.yml"), SECTOR, "    mo_ta: Gọi 0271.3000.002. Cấp thẻ, bổ nhiệm")
    content = feedback_content(tmp_path)
    (content / "trang" / "gioi-thieu.md").write_text(page, encoding="utf-8")
    (content / "linh-vuc.yml").write_text(sector, encoding="utf-8")
    assert check(content).agency.dien_thoai == "0271 3 000 001"


# --- the spellings refused ----------------------------------------------------------------------


def refused(kind: str, shown: str, allowable: bool = False) -> str:
    """The whole message for ``kind`` shown as ``shown``."""
    hint = f"; nếu là {kind} đã công bố của cơ quan, thêm vào {ALLOWED_FILE}" if allowable else ""
    return f"có {kind} ({shown}): {DELETE}{hint}"


CCCD = "số căn cước, định danh cá nhân (12 chữ số)"
CMND = "số chứng minh nhân dân (9 chữ số)"
EMAIL = "địa chỉ thư điện tử"
ACCOUNT = "số tài khoản ngân hàng"
PASSPORT = "số hộ chiếu"
PLATE = "biển số xe"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("CCCD 079-203-001-234", refused(CCCD, "07x-xxx-xxx-234")),
        ("CCCD 0792-0300-1234", refused(CCCD, "07xx-xxxx-x234")),
        ("CMND 025 123 456", refused(CMND, "02x xxx 456")),
        ("CMND 025.123.456", refused(CMND, "02x.xxx.456")),
        ("số 025-123-456", refused(CMND, "02x-xxx-456")),
        ("CMND số 285 123 456", refused(CMND, "28x xxx 456")),
        ("chứng minh nhân dân: 285.123.456", refused(CMND, "28x.xxx.456")),
        ("thư a [at] b [dot] vn", refused(EMAIL, "a***@b.vn", allowable=True)),
        ("thư an.nguyen (at) gmail (dot) com", refused(EMAIL, "a***@gmail.com", allowable=True)),
        ("thư a(at)b.vn", refused(EMAIL, "a***@b.vn", allowable=True)),
        ("thư an{a còng}b.vn", refused(EMAIL, "a***@b.vn", allowable=True)),
        ("thư a＠b.vn", refused(EMAIL, "a***@b.vn", allowable=True)),
        ("gọi 0912/345/678", refused(MOBILE, "09xx/xxx/678", allowable=True)),
        ("gọi ０９１２ ３４５ ６７８", refused(MOBILE, "09xx xxx 678", allowable=True)),
        ("gọi (0912 345 678)", refused(MOBILE, "09xx xxx 678", allowable=True)),
        ("STK 0123456789012", refused(ACCOUNT, "01xxxxxxxx012", allowable=True)),
        ("số tài khoản 1903 5678 9012 34", refused(ACCOUNT, "19xx xxxx xxx2 34", allowable=True)),
        ("số TK: 12345678", refused(ACCOUNT, "12xxx678", allowable=True)),
        ("chuyển khoản Vietcombank số 0071-0012-34567", refused(ACCOUNT, "00xx-xxxx-xx567", allowable=True)),
        ("tài khoản 079203001234 tại Agribank", refused(ACCOUNT, "07xxxxxxx234", allowable=True)),
        ("hộ chiếu B1234567", refused(PASSPORT, "Bxxxx567")),
        ("hộ chiếu số C 1234567", refused(PASSPORT, "C xxxx567")),
        ("mang theo N1234567", refused(PASSPORT, "Nxxxx567")),
        ("xe 51F-123.45", refused(PLATE, "51F-xxx.45")),
        ("xe 29A 12345", refused(PLATE, "29A xxx45")),
        ("xe 30E-678.90", refused(PLATE, "30E-xxx.90")),
        ("xe máy 59X1-234.56", refused(PLATE, "59Xx-xxx.56")),
        ("xe 30A-1234", refused(PLATE, "30A-xx34")),
        ("thư nguyenvana @ gmail . com", refused(EMAIL, "n***@gmail.com", allowable=True)),
        ("thư nguyenvana@ gmail.com", refused(EMAIL, "n***@gmail.com", allowable=True)),
        ("thư nguyenvana at gmail dot com", refused(EMAIL, "n***@gmail.com", allowable=True)),
        ("thư nguyenvana a còng gmail chấm com", refused(EMAIL, "n***@gmail.com", allowable=True)),
        ("xe máy 59-X1 123.45", refused(PLATE, "59-Xx xxx.45")),
        ("CCCD 079 2030 01234", refused(CCCD, "07x xxxx xx234")),
        ("hộ chiếu C12345678", refused(PASSPORT, "Cxxxxx678")),
        ("https://x.gov.vn/?sdt=0913111014", refused(MOBILE, "09xxxxx014", allowable=True)),
        ("https://x.gov.vn/trang#e=a15@gmail.com", refused(EMAIL, "a***@gmail.com", allowable=True)),
    ],
)
def test_more_spellings_of_personal_data(text: str, message: str) -> None:
    assert scan_text(text, AllowList()) == [message]


NAMES = "hoặc chỉ ghi «công dân», «tổ chức»"
HOUSE = "hoặc chỉ ghi xã, phường"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ĐƠN CỦA NGUYỄN VĂN AN", f"có họ tên người (N. V. A.): {DELETE} {NAMES}"),
        ("ÔNG TRẦN BÌNH PHẢN ÁNH", f"có họ tên người (T. B. P. Á.): {DELETE} {NAMES}"),
        ("NGUYỄN MINH TUẤN gửi", f"có họ tên người (N. M. T.): {DELETE} {NAMES}"),
        ("do Nguyen Van An gui", f"có họ tên người (N. V. A.): {DELETE} {NAMES}"),
        ("ong Tran Binh phan anh", f"có họ tên người (T. B.): {DELETE} {NAMES}"),
        ("nguoi gui: Le Thi Hoa", f"có họ tên người (L. T. H.): {DELETE} {NAMES}"),
        ("phản ánh của ông nguyễn văn an", f"có họ tên người (n. v. a.): {DELETE} {NAMES}"),
        ("người gửi nguyen van binh", f"có họ tên người (n. v. b.): {DELETE} {NAMES}"),
        ("ở số nhà 12 ngõ 34 phố Huế", f"có địa chỉ nhà riêng (số nhà xx ngõ xx): {DELETE} {HOUSE}"),
        ("ở 12/3 đường Lê Lợi", f"có địa chỉ nhà riêng (xx/x): {DELETE} {HOUSE}"),
        ("ở số 45 hẻm 6 đường Lê Lợi", f"có địa chỉ nhà riêng (số xx hẻm x): {DELETE} {HOUSE}"),
        ("ở ngõ 34 ngách 5/2 phố Huế", f"có địa chỉ nhà riêng (ngõ xx ngách x/x): {DELETE} {HOUSE}"),
        ("nhà số 7B, kiệt 12 Hùng Vương", f"có địa chỉ nhà riêng (nhà số xB, kiệt xx): {DELETE} {HOUSE}"),
    ],
)
def test_names_and_house_addresses_in_every_spelling_where_none_is_expected(text: str, message: str) -> None:
    assert scan_text(text, AllowList().with_names()) == [message]


@pytest.mark.parametrize("text", ["ở số nhà 12 ngõ 34 phố Huế", "ĐƠN CỦA NGUYỄN VĂN AN", "ong Tran Binh"])
def test_names_and_house_addresses_pass_where_records_name_people(text: str) -> None:
    assert scan_text(text, AllowList()) == []


def test_a_list_of_house_numbers_is_no_phone_number() -> None:
    assert scan_text("Số 333-335-337 đường Nguyễn Trãi, phường 2", AllowList().with_names()) == []
    phone = refused(MOBILE, "91x-xxx-678", allowable=True)
    assert scan_text("Số 333-335-337 (gọi 912-345-678)", AllowList()) == [phone]
    phone = refused(MOBILE, "03xx-xxx-337", allowable=True)
    assert scan_text("Số 333-335-337 đường Nguyễn Trãi, gọi 0333-335-337", AllowList()) == [phone]


NOT_PERSONAL = [
    "ngày 30/04/2025, 12.05.2025, 2025-05-12, lúc 8h00, ngày 12/3 đường bị ngập",
    "phí 1.500.000 đồng, lệ phí 500.000.000 đồng, 125.000.000 đ, 100000 đồng, 15.000.000 VNĐ",
    "nộp vào tài khoản số tiền 15.000.000 đồng",
    "mã thủ tục 1.013859, 2.000829 và 2.000488.000.00.00.H12",
    "Quyết định số 1234/QĐ-UBND, Nghị định 52/2024/NĐ-CP ngày 15/5/2024, Thông tư 39/2025/TT-NHNN",
    "theo Điều 12, khoản 3 Luật Hộ tịch năm 2014; Mẫu số 03; mã KQ.G19.000283",
    "tài khoản thanh toán của khách hàng theo Mẫu số 03 Nghị định 52/2024/NĐ-CP ngày 15/5/2024",
    "tài khoản định danh điện tử mức độ 2",
    "Số 333-335-337 đường Nguyễn Trãi; số 12-14 phố Huế; số 1, 3, 5 đường Lê Lợi",
    "số 14 đường Trần Hưng Đạo, TP. Hồ Chí Minh, tỉnh Bà Rịa - Vũng Tàu",
    "đường dây nóng 1900 1234, tổng đài 1800 1096, 1900.5555.99",
    "giai đoạn 2020-2025, năm 2021 - 2030, 2023–2024",
    "mã bưu chính 67000, 830000",
    "ĐỀ NGHỊ CẤP PHIẾU LÝ LỊCH TƯ PHÁP; HỒ SƠ ĐĂNG KÝ; CAO ĐẲNG NGHỀ; MAI TÁNG PHÍ",
    "công dân Việt Nam; người phản ánh N.V.A.",
    "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=285123456",
    "Phòng 301, tầng 3, nhà A2; ký hiệu B12; biểu mẫu 02A-2017",
]


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_what_is_not_personal_data_passes_every_scan(text: str) -> None:
    assert scan_text(text, AllowList().with_names()) == []


def test_the_agencys_allowed_account_and_spelt_out_address_pass() -> None:
    allow = AllowList.of(["3761.0.1056789", "stp@binhphuoc.gov.vn", "0271 3879 456"])
    text = "nộp vào tài khoản số 3761.0.1056789 tại Kho bạc; thư stp (at) binhphuoc (dot) gov (dot) vn"
    assert scan_text(text + "; gọi 0271/3879/456", allow) == []


def test_a_shared_build_scans_the_site_files_and_every_share(tmp_path: Path) -> None:
    content = feedback_content(tmp_path)
    sector = replaced(Path("minimal/linh-vuc.yml"), SECTOR, "    mo_ta: Gọi 0912 345 678. Cấp thẻ, bổ nhiệm")
    (content / "linh-vuc.yml").write_text(sector, encoding="utf-8")
    item = content / "pakn" / "2025" / "PAKN-2025-001.yml"
    item.write_text(
        item.read_text(encoding="utf-8").replace("tom_tat: Người", "tom_tat: Ông Lê Văn Ba. Người")
    )
    datasets = published(DATASETS, content)
    files = {d.name: d.files(content) for d in datasets}
    with pytest.raises(DataErrors) as caught:
        prepare_shared(content, datasets, files, tmp_path / "docs", 2)
    errors = sorted(str(e).replace(str(content), "content") for e in caught.value.errors)
    assert errors == [
        f"content/linh-vuc.yml:4: linh_vuc[0].mo_ta: {PHONE}",
        f"content/pakn/2025/PAKN-2025-001.yml:9: tom_tat: có họ tên người (L. V. B.): {DELETE} {NAMES}",
    ]
