"""Feedback (phản ánh, kiến nghị): working days, the record's rules and the privacy scan, with whole
messages; and a build that refuses personal data, leaving the live site as it was."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from generator.build import pipeline
from generator.build.pipeline import check
from generator.core.errors import DataErrors
from generator.core.privacy import AllowList, scan_text
from generator.core.workdays import DaySwaps, SwapDay, Workdays
from generator.feedback.opendata import cell

from .conftest import REPO
from .feedback_data import feedback_content

PLAIN = Workdays()

# --- working days -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "count", "end"),
    [
        # Tết Ất Tỵ: 27/1–31/1/2025 off (and the weekend around it).
        (date(2025, 1, 24), 1, date(2025, 2, 3)),
        (date(2025, 1, 20), 10, date(2025, 2, 10)),
        # 30/4–1/5/2025 with 2/5 off, made up on Saturday 26/4 (the holidays package knows this swap).
        (date(2025, 4, 25), 1, date(2025, 4, 26)),
        (date(2025, 4, 29), 1, date(2025, 5, 5)),
        # Quốc khánh 2025: Monday 1/9 and Tuesday 2/9 off.
        (date(2025, 8, 29), 1, date(2025, 9, 3)),
        # Tết Bính Ngọ: 16/2–20/2/2026 off.
        (date(2026, 2, 13), 1, date(2026, 2, 23)),
    ],
)
def test_working_days_skip_the_holidays(start: date, count: int, end: date) -> None:
    assert PLAIN.add(start, count) == end


def test_working_days_between_count_after_the_start_up_to_the_end() -> None:
    assert PLAIN.between(date(2025, 1, 24), date(2025, 2, 3)) == 1
    assert PLAIN.between(date(2025, 4, 22), date(2025, 5, 12)) == 12
    assert PLAIN.between(date(2025, 5, 12), date(2025, 5, 12)) == 0


def test_a_make_up_saturday_and_a_day_off_from_ngay_nghi() -> None:
    swaps = DaySwaps(lam_bu=[SwapDay(ngay=date(2026, 3, 14))], nghi=[SwapDay(ngay=date(2026, 3, 16))])
    calendar = Workdays.of(swaps)
    assert calendar.is_working_day(date(2026, 3, 14))
    assert not calendar.is_working_day(date(2026, 3, 16))
    assert calendar.add(date(2026, 3, 13), 1) == date(2026, 3, 14)
    assert calendar.add(date(2026, 3, 13), 2) == date(2026, 3, 17)
    assert PLAIN.add(date(2026, 3, 13), 2) == date(2026, 3, 17)
    assert PLAIN.add(date(2026, 3, 13), 1) == date(2026, 3, 16)


# --- errors, whole messages -------------------------------------------------------------------------

ITEM = """ma_pakn: "PAKN-2025-009"
tieu_de: "Thử"
ngay_tiep_nhan: 2025-03-03
kenh_tiep_nhan: van_ban
phan_loai: ve_quy_dinh
linh_vuc: cong-chung
thu_tuc:
  - "1.013859"
tom_tat: Nội dung.
quy_tac_thoi_han: thong-thuong
"""
PATH = "content/pakn/2025/PAKN-2025-009.yml"


def errors_of(tmp_path: Path, files: dict[str, str]) -> list[str]:
    content = feedback_content(tmp_path)
    for name, text in files.items():
        (content / name).write_text(text, encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        check(content)
    return [str(e).replace(str(content), "content") for e in caught.value.errors]


def test_a_transition_that_is_not_allowed(tmp_path: Path) -> None:
    text = ITEM + "trang_thai:\n  - trang_thai: dang_xu_ly\n    ngay: 2025-03-04\n"
    text += "  - trang_thai: khong_tiep_nhan\n    ngay: 2025-03-05\n"
    assert errors_of(tmp_path, {"pakn/2025/PAKN-2025-009.yml": text}) == [
        f"{PATH}:14: trang_thai[1].trang_thai: không thể chuyển từ «dang_xu_ly» (Đang xử lý) sang "
        "«khong_tiep_nhan» (Không tiếp nhận); sau «dang_xu_ly» chỉ được: da_xu_ly"
    ]


def test_nothing_follows_a_final_status(tmp_path: Path) -> None:
    text = ITEM + "trang_thai:\n  - trang_thai: khong_tiep_nhan\n    ngay: 2025-03-04\n"
    text += "  - trang_thai: dang_xu_ly\n    ngay: 2025-03-05\n"
    assert errors_of(tmp_path, {"pakn/2025/PAKN-2025-009.yml": text}) == [
        f"{PATH}:14: trang_thai[1].trang_thai: không thể chuyển từ «khong_tiep_nhan» (Không tiếp nhận) sang "
        "«dang_xu_ly» (Đang xử lý): «khong_tiep_nhan» là trạng thái cuối cùng"
    ]


def test_a_date_before_the_previous_one(tmp_path: Path) -> None:
    text = ITEM + "trang_thai:\n  - trang_thai: dang_xu_ly\n    ngay: 2025-03-10\n"
    text += "  - trang_thai: da_xu_ly\n    ngay: 2025-03-07\n"
    text += "ngay_tra_loi: 2025-03-07\ntra_loi: Đã trả lời.\nket_qua: giu_nguyen\n"
    text += 'van_ban_tra_loi:\n  so: "1/STP"\n'
    text += "  ngay: 2025-03-07\n"
    assert errors_of(tmp_path, {"pakn/2025/PAKN-2025-009.yml": text}) == [
        f"{PATH}:15: trang_thai[1].ngay: ngày 07/03/2025 trước ngày của bước trước («dang_xu_ly»), "
        "10/03/2025: các bước phải theo thứ tự thời gian"
    ]


def test_a_day_after_today_is_refused(tmp_path: Path) -> None:
    """An item received, moved on or answered after today (the clock's day: check's rule alone, the pages
    stay dated by the build's stated date), each date named with its label."""
    day = date.today() + timedelta(days=1)
    year, iso, shown, today = (
        day.year,
        day.isoformat(),
        day.strftime("%d/%m/%Y"),
        date.today().strftime("%d/%m/%Y"),
    )
    text = ITEM.replace("PAKN-2025-009", f"PAKN-{year}-009").replace("2025-03-03", iso)
    text += f"trang_thai:\n  - trang_thai: dang_xu_ly\n    ngay: {iso}\n"
    text += f"  - trang_thai: da_xu_ly\n    ngay: {iso}\n"
    text += f"ngay_tra_loi: {iso}\ntra_loi: Đã trả lời.\nket_qua: giu_nguyen\n"
    text += f'van_ban_tra_loi:\n  so: "1/STP"\n  ngay: {iso}\n'
    (tmp_path / "c").mkdir()
    path = f"pakn/{year}/PAKN-{year}-009.yml"
    said = f"ngày {shown} chưa đến (hôm nay là {today}): chỉ ghi việc đã xảy ra"
    content = feedback_content(tmp_path / "c")
    (content / f"pakn/{year}").mkdir(exist_ok=True)
    (content / path).write_text(text, encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        check(content)
    assert [str(e).replace(str(content), "content") for e in caught.value.errors] == [
        f"content/{path}:3: ngay_tiep_nhan (Ngày tiếp nhận): {said}",
        f"content/{path}:13: trang_thai[0].ngay (Ngày chuyển): {said}",
        f"content/{path}:15: trang_thai[1].ngay (Ngày chuyển): {said}",
        f"content/{path}:16: ngay_tra_loi (Ngày trả lời): {said}",
    ]


def test_an_answer_without_its_document(tmp_path: Path) -> None:
    text = ITEM + "trang_thai:\n  - trang_thai: dang_xu_ly\n    ngay: 2025-03-04\n"
    text += "  - trang_thai: da_xu_ly\n    ngay: 2025-03-07\n"
    text += "ngay_tra_loi: 2025-03-07\ntra_loi: Đã trả lời.\nket_qua: giu_nguyen\n"
    assert errors_of(tmp_path, {"pakn/2025/PAKN-2025-009.yml": text}) == [
        f"{PATH}:17: tra_loi: có câu trả lời nhưng thiếu van_ban_tra_loi (so, ngay, url của văn bản trả lời)"
    ]


def test_an_unknown_procedure_code_and_an_unknown_sector(tmp_path: Path) -> None:
    text = ITEM.replace('"1.013859"', '"1.999999"').replace("cong-chung", "cong-chungg")
    assert errors_of(tmp_path, {"pakn/2025/PAKN-2025-009.yml": text}) == [
        f"{PATH}:6: linh_vuc: «cong-chungg» không thuộc danh sách cho phép: cong-chung, tro-giup-phap-ly, "
        "luat-su. Có phải ý bạn là «cong-chung»? (danh sách ở content/linh-vuc.yml)",
        f"{PATH}:8: thu_tuc[0]: không có thủ tục mã «1.999999» trong danh mục (content/thu-tuc/)",
    ]


def test_the_file_is_named_by_its_code_in_its_year(tmp_path: Path) -> None:
    assert errors_of(tmp_path, {"pakn/2025/PAKN-2026-001.yml": ITEM.replace("2025-03-03", "2026-03-03")}) == [
        "content/pakn/2025/PAKN-2026-001.yml:1: ma_pakn: tên tệp «PAKN-2026-001.yml» phải trùng mã: "
        "đổi tên thành «PAKN-2025-009.yml»",
        "content/pakn/2025/PAKN-2026-001.yml:3: ngay_tiep_nhan: tiếp nhận năm 2026: đặt tệp trong thư mục "
        "content/pakn/2026/",
    ]


def test_the_schema_has_no_field_for_the_sender(tmp_path: Path) -> None:
    assert errors_of(tmp_path, {"pakn/2025/PAKN-2025-009.yml": ITEM + "so_dien_thoai: x\n"}) == [
        f"{PATH}:11: so_dien_thoai: trường «so_dien_thoai» không có trong mẫu hồ sơ; các trường hợp lệ: "
        "ma_pakn, tieu_de, ngay_tiep_nhan, kenh_tiep_nhan, phan_loai, linh_vuc, thu_tuc, tom_tat, "
        "trang_thai, quy_tac_thoi_han, ngay_tra_loi, tra_loi, ket_qua, van_ban_tra_loi, hinh_thuc_cong_khai"
    ]


def test_day_swaps_are_checked(tmp_path: Path) -> None:
    text = "nghi:\n  - ngay: 2025-05-17\n  - ngay: 2025-04-30\nlam_bu:\n  - ngay: 2025-05-14\n"
    assert errors_of(tmp_path, {"ngay-nghi.yml": text}) == [
        "content/ngay-nghi.yml:2: nghi[0].ngay: ngày 17/05/2025 là thứ Bảy, vốn đã nghỉ: bỏ dòng này",
        "content/ngay-nghi.yml:3: nghi[1].ngay: ngày 30/04/2025 đã là ngày nghỉ lễ, Tết theo lịch chung: "
        "bỏ dòng này",
        "content/ngay-nghi.yml:5: lam_bu[0].ngay: ngày 14/05/2025 là thứ Tư, vốn là ngày làm việc: "
        "ngày làm bù phải là thứ Bảy hoặc Chủ nhật",
    ]


# --- personal data ----------------------------------------------------------------------------------

DELETE = "thông tin cá nhân không được công bố, hãy xoá"
ALLOW = "nếu là {} đã công bố của cơ quan, thêm vào content/cong-khai-duoc-phep.yml"
MOBILE, LANDLINE = "số điện thoại di động", "số điện thoại cố định"
EMAIL = "địa chỉ thư điện tử"


def allowed(kind: str, shown: str) -> str:
    return f"có {kind} ({shown}): {DELETE}; {ALLOW.format(kind)}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("gọi 0912345678", allowed(MOBILE, "09xxxxx678")),
        ("gọi 0912 345 678", allowed(MOBILE, "09xx xxx 678")),
        ("gọi 0912.345.678", allowed(MOBILE, "09xx.xxx.678")),
        ("gọi 0912-345-678", allowed(MOBILE, "09xx-xxx-678")),
        ("gọi +84 912 345 678", allowed(MOBILE, "+84 xxx xxx 678")),
        ("gọi +84912345678", allowed(MOBILE, "+84xxxxxx678")),
        ("gọi 0389 123 456", allowed(MOBILE, "03xx xxx 456")),
        ("số 0271 3879 456", allowed(LANDLINE, "02xx xxxx 456")),
        ("số (0271) 3 879 456", allowed(LANDLINE, "(02xx) x xxx 456")),
        ("số 0271.3879456", allowed(LANDLINE, "02xx.xxxx456")),
        ("số +84-271-3879-456", allowed(LANDLINE, "+84-xxx-xxxx-456")),
        ("CCCD 079203004567", f"có số căn cước, định danh cá nhân (12 chữ số) (07xxxxxxx567): {DELETE}"),
        (
            "CCCD 079 203 004 567",
            f"có số căn cước, định danh cá nhân (12 chữ số) (07x xxx xxx 567): {DELETE}",
        ),
        ("CCCD 0792.0300.4567", f"có số căn cước, định danh cá nhân (12 chữ số) (07xx.xxxx.x567): {DELETE}"),
        ("CMND 285123456", f"có số chứng minh nhân dân (9 chữ số) (28xxxx456): {DELETE}"),
        ("thư an.nguyen@gmail.com", allowed(EMAIL, "a***@gmail.com")),
        ("thư AN_99@Yahoo.com.vn", allowed(EMAIL, "A***@Yahoo.com.vn")),
    ],
)
def test_each_kind_of_personal_data_in_several_spellings(text: str, message: str) -> None:
    assert scan_text(text, AllowList()) == [message]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Ông Nguyễn Văn An phản ánh", "N. V. A."),
        ("theo phản ánh của bà Trần Thị Bình", "T. T. B."),
        ("công dân Lê Minh Tuấn gửi", "L. M. T."),
        ("người gửi: Phạm Hùng", "P. H."),
    ],
)
def test_personal_names_where_none_is_expected(text: str, shown: str) -> None:
    hint = "hoặc chỉ ghi «công dân», «tổ chức»"
    assert scan_text(text, AllowList().with_names()) == [f"có họ tên người ({shown}): {DELETE} {hint}"]


@pytest.mark.parametrize(
    "text",
    [
        "mã thủ tục 1.013859 và 2.000829",
        "Quyết định số 123/2023/QĐ-UBND ngày 30/04/2025",
        "phí 1.500.000 đồng, lệ phí 500.000.000 đồng, 100000 đồng",
        "ngày 12.05.2025, lúc 8h00",
        "đường dây nóng 1900 1234, tổng đài 1800 1096",
        "số 14 đường Trần Hưng Đạo, TP. Hồ Chí Minh, tỉnh Bà Rịa - Vũng Tàu",
        "công dân Việt Nam; người phản ánh N.V.A.",
        "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=285123456",
    ],
)
def test_what_is_not_personal_data_passes(text: str) -> None:
    assert scan_text(text, AllowList().with_names()) == []


def test_the_agencys_own_numbers_pass() -> None:
    allow = AllowList.of(["0271 3879 456", "stp@binhphuoc.gov.vn"])
    assert scan_text("Liên hệ 0271.3879.456 hoặc STP@binhphuoc.gov.vn", allow) == []


def test_the_default_content_and_its_allow_list_pass() -> None:
    check(REPO / "content")


FIELDS = ["tieu_de", "tom_tat", "tra_loi", "ghi_chu", "so"]


@pytest.mark.parametrize("field", FIELDS)
def test_a_build_refuses_personal_data_in_each_text_field(tmp_path: Path, field: str) -> None:
    content = feedback_content(tmp_path)
    out = tmp_path / "site"
    pipeline.build(content, out, REPO / "mkdocs.yml", tmp_path / "work")
    live = os.readlink(out)
    path = content / "pakn" / "2025" / "PAKN-2025-001.yml"
    text = path.read_text(encoding="utf-8")
    planted = {
        "tieu_de": text.replace("tieu_de: Đề nghị", "tieu_de: Gọi 0912 345 678, Đề nghị"),
        "tom_tat": text.replace("tom_tat: Người", "tom_tat: Liên hệ 0912 345 678. Người"),
        "tra_loi": text.replace("tra_loi: Sở", "tra_loi: Đã gọi 0912 345 678. Sở"),
        "ghi_chu": text.replace(
            "    ngay: 2025-01-21\n", "    ngay: 2025-01-21\n    ghi_chu: Gọi 0912 345 678\n"
        ),
        "so": text.replace("so: 25/STP-VP", "so: 25/STP-VP, 0912 345 678"),
    }[field]
    assert planted != text
    path.write_text(planted, encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        pipeline.build(content, out, REPO / "mkdocs.yml", tmp_path / "work")
    # The message without the files' paths (a temporary folder's name may hold any digits).
    message = str(caught.value).replace(str(tmp_path), "")
    assert "có số điện thoại di động (09xx xxx 678)" in message
    assert f".{field}:" in message or f" {field}:" in message
    assert "0912 345 678" not in message
    assert "345" not in message
    assert os.readlink(out) == live
    assert "0912" not in (out / "pakn" / "PAKN-2025-001" / "index.html").read_text(encoding="utf-8")


def test_csv_cells_that_could_be_formulas_are_neutralised() -> None:
    assert [cell(v) for v in ["=1+1", "+84", "-2", "@SUM(A1)", "\tx", "\rx", "a=b", ""]] == [
        "'=1+1",
        "'+84",
        "'-2",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "a=b",
        "",
    ]
