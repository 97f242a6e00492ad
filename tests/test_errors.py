"""The exact message staff read for each class of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import pipeline as site
from generator.build import sharedbuild
from generator.build.pipeline import check as build_catalog
from generator.core.errors import DataErrors

from .conftest import MINIMAL, MakeContent

HEAD = 'ma_thu_tuc: "1.000001"\nten_thu_tuc: Thủ tục thử\nlinh_vuc: cong-chung\ncap_thuc_hien: [tinh]\n'
CHANNEL = "cach_thuc:\n  - hinh_thuc: truc_tiep\n"

CASES = {
    "wrong type": (
        HEAD + "cach_thuc:\n  - hinh_thuc: truc_tiep\n    thoi_han:\n      so: năm\n",
        "thu-tuc/1.000001.yml:8: cach_thuc[0].thoi_han.so (Số): phải là số, không phải «năm»",
    ),
    "unknown key with suggestion": (
        HEAD + CHANNEL + "    phi_le_phi:\n      - so_tien: 0\n        tien_tee: VND\n",
        "thu-tuc/1.000001.yml:9: cach_thuc[0].phi_le_phi[0].tien_tee: "
        "trường «tien_tee» không có trong mẫu hồ sơ. Có phải ý bạn là «tien_te»?",
    ),
    "duplicate key": (
        HEAD + "ten_thu_tuc: Lặp lại\n" + CHANNEL,
        "thu-tuc/1.000001.yml:5: ten_thu_tuc: khóa bị lặp: đã khai báo ở dòng 2, khai báo lại ở dòng 5",
    ),
    "unquoted code": (
        HEAD.replace('"1.000001"', "1.000001") + CHANNEL,
        "thu-tuc/1.000001.yml:1: ma_thu_tuc (Mã thủ tục): giá trị 1.000001 phải viết trong dấu nháy kép: "
        '"1.000001" (không có dấu nháy, YAML đọc nó thành số 1.000001)',
    ),
    "bad enum with suggestion": (
        HEAD + "cach_thuc:\n  - hinh_thuc: truc_tuyenn\n",
        "thu-tuc/1.000001.yml:6: cach_thuc[0].hinh_thuc (Hình thức nộp): «truc_tuyenn» không thuộc danh "
        "sách cho phép: "
        "truc_tiep, truc_tuyen, buu_chinh. Có phải ý bạn là «truc_tuyen»?",
    ),
    "unknown sector with suggestion": (
        HEAD.replace("cong-chung", "cong-chungg") + CHANNEL,
        "thu-tuc/1.000001.yml:3: linh_vuc: «cong-chungg» không thuộc danh sách cho phép: cong-chung, "
        "tro-giup-phap-ly, luat-su. Có phải ý bạn là «cong-chung»? (danh sách ở content/linh-vuc.yml)",
    ),
    "dangling replacement": (
        HEAD + CHANNEL + 'trang_thai: thay_the\nma_thay_the: "1.999999"\n',
        "thu-tuc/1.000001.yml:8: ma_thay_the: không có thủ tục mã «1.999999» trong danh mục",
    ),
    "replacement without code": (
        HEAD + CHANNEL + "trang_thai: thay_the\n",
        "thu-tuc/1.000001.yml:1: ma_thay_the (Mã thủ tục thay thế): thủ tục đã được thay thế phải ghi mã "
        "thủ tục thay thế",
    ),
    "file name differs from code": (
        HEAD.replace('"1.000001"', '"1.000009"') + CHANNEL,
        "thu-tuc/1.000001.yml:1: ma_thu_tuc: tên tệp «1.000001.yml» phải trùng mã thủ tục: "
        "đổi tên thành «1.000009.yml»",
    ),
    "bad code pattern": (
        HEAD.replace('"1.000001"', '"1.0001"') + CHANNEL,
        "thu-tuc/1.000001.yml:1: ma_thu_tuc (Mã thủ tục): «1.0001»: mã thủ tục phải có dạng 1.234567 (một "
        "chữ số từ 1 "
        "đến 6, dấu chấm, sáu chữ số; có thể thêm hậu tố địa phương như 2.000815.01)",
    ),
    "javascript link": (
        HEAD + CHANNEL + "url_nop_truc_tuyen: javascript:alert(1)\n",
        "thu-tuc/1.000001.yml:7: url_nop_truc_tuyen (Địa chỉ nộp trực tuyến): «javascript:alert(1)»: phải "
        "là địa chỉ bắt đầu bằng "
        "http:// hoặc https://, không có dấu cách",
    ),
    "missing field": (
        HEAD,
        "thu-tuc/1.000001.yml:1: cach_thuc (Cách thức thực hiện): thiếu trường bắt buộc",
    ),
    "no level, and not said that the source gives none": (
        HEAD.replace("cap_thuc_hien: [tinh]", "cap_thuc_hien: []") + CHANNEL,
        "thu-tuc/1.000001.yml:4: cap_thuc_hien (Cấp thực hiện): cần ít nhất một cấp thực hiện; nếu nguồn "
        "không ghi cấp, ghi "
        "«cap_thuc_hien_mo_ta: Không có thông tin»",
    ),
    "no level key at all": (
        HEAD.replace("cap_thuc_hien: [tinh]\n", "") + CHANNEL,
        "thu-tuc/1.000001.yml:1: cap_thuc_hien (Cấp thực hiện): cần ít nhất một cấp thực hiện; nếu nguồn "
        "không ghi cấp, ghi "
        "«cap_thuc_hien_mo_ta: Không có thông tin»",
    ),
    "bad date": (
        HEAD + CHANNEL + "ngay_cap_nhat: 2024-13-45\n",
        "thu-tuc/1.000001.yml:7: ngay_cap_nhat (Ngày cập nhật): phải là ngày dạng YYYY-MM-DD, không phải "
        "«2024-13-45»",
    ),
    "control character in a name": (
        HEAD.replace("Thủ tục thử", '"Thủ tục\\e[31m thử"') + CHANNEL,
        "thu-tuc/1.000001.yml:2: ten_thu_tuc: có ký tự điều khiển \\x1b (không nhìn thấy, thường lẫn vào "
        "khi sao chép): hãy xóa nó",
    ),
    "raw control character": (
        HEAD + CHANNEL + "ghi_chu: x\x00\n",
        "thu-tuc/1.000001.yml:7: có ký tự điều khiển \\x00 (không nhìn thấy, thường lẫn vào khi sao chép): "
        "hãy xóa nó",
    ),
    "long value shortened": (
        HEAD + "cach_thuc:\n  - hinh_thuc: " + "x" * 5000 + "\n",
        "thu-tuc/1.000001.yml:6: cach_thuc[0].hinh_thuc (Hình thức nộp): «"
        + "x" * 59
        + "…» không thuộc danh sách cho phép: "
        "truc_tiep, truc_tuyen, buu_chinh",
    ),
    "newline in a value escaped": (
        HEAD.replace("cong-chung", '"cong\\nchung"') + CHANNEL,
        "thu-tuc/1.000001.yml:3: linh_vuc (Lĩnh vực): «cong\\nchung»: chỉ dùng chữ thường không dấu, chữ số "
        "và dấu gạch ngang (ví dụ: cong-chung)",
    ),
    "yaml syntax": (
        HEAD + "cach_thuc: [truc_tiep\n",
        "thu-tuc/1.000001.yml:6: YAML không hợp lệ: "
        "danh sách trong ngoặc «[ ]» thiếu dấu phẩy hoặc chưa đóng",
    ),
}


def errors_for(content: Path) -> list[str]:
    """Every error message of a content folder, with the folder prefix removed."""
    with pytest.raises(DataErrors) as caught:
        build_catalog(content)
    return [str(e).removeprefix(f"{content}/") for e in caught.value.errors]


@pytest.mark.parametrize("case", list(CASES))
def test_exact_message(case: str, make_content: MakeContent) -> None:
    text, expected = CASES[case]
    assert errors_for(make_content({"thu-tuc/1.000001.yml": text})) == [expected]


def test_all_errors_of_a_run_are_reported_together(make_content: MakeContent) -> None:
    files = {
        f"thu-tuc/1.00000{i}.yml": CASES[name][0].replace("1.000001", f"1.00000{i}")
        for i, name in enumerate(["wrong type", "duplicate key", "bad enum with suggestion"], start=1)
    }
    assert len(errors_for(make_content(files))) == 3


def test_empty_and_non_utf8_files(make_content: MakeContent) -> None:
    content = make_content({"thu-tuc/1.000001.yml": ""})
    (content / "thu-tuc" / "1.000002.yml").write_bytes("ten: Th\xfa".encode("latin-1"))
    assert errors_for(content) == [
        "thu-tuc/1.000001.yml:1: tệp rỗng",
        "thu-tuc/1.000002.yml:1: tệp không phải UTF-8 (byte lỗi ở vị trí 7)",
    ]


def test_duplicate_sector_in_registry(make_content: MakeContent) -> None:
    registry = "linh_vuc:\n  - ma: cong-chung\n    ten: Công chứng\n  - ma: cong-chung\n    ten: Khác\n"
    content = make_content({"linh-vuc.yml": registry})
    assert "linh-vuc.yml:4: linh_vuc[1].ma: «cong-chung» đã có ở linh_vuc[0]" in errors_for(content)


def test_a_url_that_does_not_parse(make_content: MakeContent) -> None:
    site_yml = (MINIMAL / "site.yml").read_text(encoding="utf-8")
    content = make_content({"site.yml": site_yml.replace("url_pakn: https://", 'url_pakn: "https://[x" #')})
    line = next(i for i, text in enumerate(site_yml.splitlines(), 1) if text.startswith("url_pakn:"))
    assert errors_for(content) == [
        f"site.yml:{line}: url_pakn (Địa chỉ gửi phản ánh, kiến nghị): «https://[x»: địa chỉ không hợp lệ "
        "(kiểm tra phần tên máy chủ và cổng)"
    ]


def test_missing_site_file(make_content: MakeContent) -> None:
    content = make_content({})
    (content / "site.yml").unlink()
    assert errors_for(content) == ["site.yml:1: thiếu tệp bắt buộc"]


def test_missing_contact_facts_say_what_they_are_for(make_content: MakeContent) -> None:
    site = (MINIMAL / "site.yml").read_text(encoding="utf-8")
    site = "".join(
        line for line in site.splitlines(keepends=True) if not line.startswith(("duong_day_nong", "email"))
    )
    assert errors_for(make_content({"site.yml": site + "email: stp tinh\n"})) == [
        "site.yml:3: duong_day_nong (Đường dây nóng): thiếu trường bắt buộc: số đường dây nóng về thủ tục "
        "hành chính, hiện "
        "ở chân mỗi trang và trên trang mỗi thủ tục",
        "site.yml:23: email (Thư điện tử): «stp tinh»: phải là một địa chỉ thư điện tử (ví dụ: "
        "stp@tinh.gov.vn)",
    ]


def test_form_files_are_checked(make_content: MakeContent) -> None:
    form = "thanh_phan_ho_so:\n  - giay_to:\n      - ten: Tờ khai\n        mau:\n          - ten: Mẫu 01\n"
    content = make_content(
        {
            "thu-tuc/1.000001.yml": HEAD + CHANNEL + form + "            tep: mau-01.docx\n",
            "thu-tuc/1.000002.yml": HEAD.replace("1.000001", "1.000002")
            + CHANNEL
            + form
            + "            tep: Mẫu 01.docx\n",
            "mau/Mau 02.docx": "x",
        }
    )
    assert errors_for(content) == [
        "mau/Mau 02.docx:1: tên tệp mẫu chỉ dùng chữ thường không dấu, chữ số, dấu chấm hoặc gạch, đuôi "
        "pdf, docx, doc, odt, xlsx, xls, ods, rtf (ví dụ: tp-cc-05.docx)",
        "thu-tuc/1.000001.yml:12: thanh_phan_ho_so[0].giay_to[0].mau[0].tep: không có tệp «mau-01.docx» "
        "trong thư mục content/mau/: đặt tệp mẫu vào đó, hoặc ghi địa chỉ http(s)://",
        "thu-tuc/1.000002.yml:12: thanh_phan_ho_so[0].giay_to[0].mau[0].tep (Tệp mẫu): «Mẫu 01.docx»: phải "
        "là địa "
        "chỉ http(s):// hoặc tên một tệp trong thư mục content/mau/: chữ thường không dấu, chữ số, dấu "
        "chấm hoặc gạch, đuôi pdf, docx, doc, odt, xlsx, xls, ods hoặc rtf (ví dụ: tp-cc-05.docx)",
    ]


def test_a_build_shared_by_processes_reports_the_same_errors_and_writes_nothing(
    make_content: MakeContent, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {
        f"thu-tuc/1.{i:06d}.yml": text.replace("1.000001", f"1.{i:06d}")
        for i, (text, _) in enumerate(CASES.values(), start=10)
    }
    files["thu-tuc/1.000099.yml"] = HEAD + CHANNEL  # code 1.000001, also the code of the next file
    files["thu-tuc/1.000001.yml"] = HEAD + CHANNEL
    content = make_content(files)
    expected = errors_for(content)
    assert len(expected) >= len(CASES) + 1
    monkeypatch.setattr(sharedbuild, "FILES_PER_JOB", 1)
    with pytest.raises(DataErrors) as caught:
        site.prepare(content, tmp_path / "work", jobs=3)
    assert [str(e).removeprefix(f"{content}/") for e in caught.value.errors] == expected
    assert not (tmp_path / "work").exists()
