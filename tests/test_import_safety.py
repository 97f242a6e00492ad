"""Import never aborts on a record it cannot read, and never writes a file that ``check`` refuses.

A record that cannot be read (a huge number, a field of the wrong type, not an object, not UTF-8) is
skipped with its Vietnamese reason while the others are written; the contacts the national records print
themselves are recorded, with the procedures that print them, in the privacy scan's allow-list, so that
``check`` accepts what import wrote.
"""

from __future__ import annotations

import errno
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from generator.build.pipeline import check
from generator.cli import main
from generator.core.errors import DataErrors
from generator.importer import ImportReport, import_records
from generator.importer.contacts import HEADER
from generator.importer.report import ImportErrors
from generator.importer.review import review
from generator.procedures.lookup import summaries

from .conftest import MINIMAL, REPO, MakeContent
from .test_import_merge import RECORD, write_record

HUGE = "9" * 5000
"""More digits than Python turns into an int from text (4,300): what aborted the whole import."""
ALLOWED = "cong-khai-duoc-phep.yml"
CONTACTS = "Liên hệ Cục Hàng không: vanthu@caa.gov.vn, điện thoại 024 3825 3536."


def write_raw(folder: Path, name: str, raw: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(raw)
    return path


def with_good_record(tmp_path: Path, raw: bytes) -> tuple[Path, Path]:
    """A source folder with the good record 1.013859 and a bad one, ``2.000001.json`` holding ``raw``."""
    good = write_record(tmp_path / "src")
    return good, write_raw(tmp_path / "src", "2.000001.json", raw)


def imported(tmp_path: Path) -> ImportReport:
    """Import ``tmp_path/src`` into a content folder made from the minimal one."""
    content = tmp_path / "content"
    if not content.is_dir():
        content.mkdir()
        for name in ("site.yml", "linh-vuc.yml"):
            (content / name).write_bytes((MINIMAL / name).read_bytes())
    return import_records([tmp_path / "src"], content / "thu-tuc")


def reasons(report: ImportReport) -> list[str]:
    return [str(s) for s in report.rejected]


def record_bytes(**changes: object) -> bytes:
    return json.dumps({**RECORD, "ma_thu_tuc": "2.000001", **changes}, ensure_ascii=False).encode()


def test_a_huge_json_number_skips_its_record_only(tmp_path: Path) -> None:
    raw = record_bytes().replace(b'"ten_thu_tuc"', b'"so_luot_xem": ' + HUGE.encode() + b', "ten_thu_tuc"')
    _, bad = with_good_record(tmp_path, raw)
    report = imported(tmp_path)
    assert reasons(report) == [f"{bad}: có số quá dài: 5.000 chữ số (tối đa 4.300)"]
    assert report.written == ["1.013859"]


@pytest.mark.parametrize(
    ("cell", "huge"),
    [("100,000 Việt Nam Đồng", f"{HUGE} Việt Nam Đồng"), ("5 Ngày làm việc", f"{HUGE} Ngày làm việc")],
    ids=["fee", "time"],
)
def test_a_huge_number_the_converter_reads_skips_its_record_only(
    tmp_path: Path, cell: str, huge: str
) -> None:
    methods = RECORD["cach_thuc_thuc_hien"].replace(cell, huge)
    _, bad = with_good_record(tmp_path, record_bytes(cach_thuc_thuc_hien=methods))
    report = imported(tmp_path)
    assert reasons(report) == [
        f"{bad}: 2.000001: cach_thuc_thuc_hien: số «99999…99999» quá dài: 5.000 chữ số "
        "(một số tiền, thời hạn có tối đa 15 chữ số)"
    ]
    assert report.written == ["1.013859"]


def test_the_cli_lists_the_record_and_goes_on(tmp_path: Path) -> None:
    raw = record_bytes().replace(b'"ten_thu_tuc"', b'"x": ' + HUGE.encode() + b', "ten_thu_tuc"')
    _, bad = with_good_record(tmp_path, raw)
    out = tmp_path / "content" / "thu-tuc"
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "linh-vuc.yml").write_bytes((MINIMAL / "linh-vuc.yml").read_bytes())
    result = CliRunner().invoke(main, ["import", "dvcqg", str(tmp_path / "src"), "--out", str(out)])
    assert result.exit_code == 3, result.output
    assert result.stderr == f"bỏ qua: {bad}: có số quá dài: 5.000 chữ số (tối đa 4.300)\n"
    assert sorted(p.name for p in out.iterdir()) == ["1.013859.yml"]


def test_a_json_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    with_good_record(tmp_path, b"\xef\xbb\xbf" + record_bytes())
    report = imported(tmp_path)
    assert reasons(report) == []
    assert report.written == ["1.013859", "2.000001"]


def test_a_file_that_is_not_utf8_is_skipped_with_a_vietnamese_reason(tmp_path: Path) -> None:
    raw = record_bytes()
    at = raw.index("Sở".encode())
    _, bad = with_good_record(tmp_path, raw[:at] + b"\xff" + raw[at + 1 :])
    report = imported(tmp_path)
    assert reasons(report) == [f"{bad}: tệp không phải UTF-8 (byte lỗi ở vị trí {at})"]
    assert report.written == ["1.013859"]


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"[1, 2]", "cần một đối tượng JSON cho mỗi thủ tục, tệp chứa một mảng"),
        (b'"1.013859"', "cần một đối tượng JSON cho mỗi thủ tục, tệp chứa một chuỗi văn bản"),
        (record_bytes(ten_thu_tuc=5), "trường «ten_thu_tuc» phải là chuỗi văn bản, không phải số"),
        (record_bytes(ma_thu_tuc=2.000001), "trường «ma_thu_tuc» phải là chuỗi văn bản, không phải số"),
        (record_bytes(linh_vuc=["Công chứng"]), "trường «linh_vuc» phải là chuỗi văn bản, không phải mảng"),
        (
            record_bytes(cach_thuc_thuc_hien={"a": 1}),
            "trường «cach_thuc_thuc_hien» phải là chuỗi văn bản, không phải đối tượng",
        ),
        (record_bytes(raw_text=True), "trường «raw_text» phải là chuỗi văn bản, không phải true/false"),
    ],
    ids=["array", "string", "number-name", "number-code", "list", "object", "boolean"],
)
def test_a_record_of_the_wrong_shape_is_skipped_with_its_reason(
    tmp_path: Path, raw: bytes, reason: str
) -> None:
    _, bad = with_good_record(tmp_path, raw)
    report = imported(tmp_path)
    assert reasons(report) == [f"{bad}: {reason}"]
    assert report.written == ["1.013859"]


def test_a_null_field_is_an_empty_one(tmp_path: Path) -> None:
    with_good_record(tmp_path, record_bytes(yeu_cau_dieu_kien=None))
    assert imported(tmp_path).written == ["1.013859", "2.000001"]


def test_a_list_with_a_huge_number_is_read_up_to_that_row(tmp_path: Path) -> None:
    listing = tmp_path / "src" / "danh-sach.xlsx"
    write_record(tmp_path / "src")
    book = Workbook()
    book.active.append(["Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực"])
    book.active.append(
        ["1.013859", RECORD["ten_thu_tuc"], "", RECORD["co_quan_thuc_hien"], RECORD["linh_vuc"]]
    )
    book.active.append(["1.000080", "Một thủ tục khác", "", "Sở Tư pháp", "Công chứng"])
    book.active.append([1, "Ô số quá dài", "", "", ""])
    book.save(listing)
    _huge_cell(listing, "A4")
    report = imported(tmp_path)
    assert report.source_warnings == [
        f"{listing}: không đọc được dòng 4 (có ô không đọc được: số quá dài); đã đọc các dòng trước đó"
    ]
    assert report.listed_only == ["1.000080"]
    assert report.written == ["1.013859"]


def _huge_cell(listing: Path, cell: str) -> None:
    """Put a 5,000-digit number in ``cell`` of the first sheet (openpyxl itself cannot write one)."""
    with zipfile.ZipFile(listing) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    start = parts[sheet].index(f'<c r="{cell}"'.encode())
    end = parts[sheet].index(b"</c>", start) + len(b"</c>")
    parts[sheet] = (
        parts[sheet][:start] + f'<c r="{cell}" t="n"><v>{HUGE}</v></c>'.encode() + parts[sheet][end:]
    )
    with zipfile.ZipFile(listing, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)


def content_with(make_content: MakeContent, tmp_path: Path, **changes: str) -> tuple[Path, Path]:
    """The minimal content and a national record (1.013859, with ``changes``) in ``tmp_path/src``."""
    return make_content({}), write_record(tmp_path / "src", **changes)


def test_contacts_the_national_record_prints_are_allowed_with_their_procedure(
    make_content: MakeContent, tmp_path: Path
) -> None:
    content, source = content_with(make_content, tmp_path, yeu_cau_dieu_kien=CONTACTS)
    report = import_records([source], content / "thu-tuc")
    assert reasons(report) == []
    assert len(summaries(check(content))) == 3
    assert (content / ALLOWED).read_text(encoding="utf-8") == (
        f"{HEADER}duoc_cong_khai:\n"
        "  - gia_tri: 024 3825 3536\n"
        "    nguon:\n"
        "      - '1.013859'\n"
        "  - gia_tri: vanthu@caa.gov.vn\n"
        "    nguon:\n"
        "      - '1.013859'\n"
    )
    assert report.contacts == [("024 3825 3536", "1.013859"), ("vanthu@caa.gov.vn", "1.013859")]


def test_a_persons_mobile_or_free_mail_address_is_never_allowed(
    make_content: MakeContent, tmp_path: Path
) -> None:
    """A mobile number or a free mailbox is a person's, whoever printed it: the record is skipped with the
    scan's reason, the allow-list stays without them, and what import wrote still passes check."""
    person = "Liên hệ cán bộ tiếp nhận: 0912 345 678, nguyenvana@gmail.com"
    content, source = content_with(make_content, tmp_path, yeu_cau_dieu_kien=person)
    report = import_records([source], content / "thu-tuc")
    [reason] = reasons(report)
    assert [part.split(" (")[0] for part in reason.split(": có ")[1:]] == [
        "địa chỉ thư điện tử",
        "số điện thoại di động",
    ]
    assert (report.written, report.contacts) == ([], [])
    assert not (content / ALLOWED).exists()
    assert len(summaries(check(content))) == 3  # the minimal site's own, 1.013859 left as it was


def test_without_the_allow_list_check_refuses_what_import_wrote(
    make_content: MakeContent, tmp_path: Path
) -> None:
    content, source = content_with(make_content, tmp_path, yeu_cau_dieu_kien=CONTACTS)
    import_records([source], content / "thu-tuc")
    (content / ALLOWED).unlink()
    with pytest.raises(DataErrors) as caught:
        check(content)
    assert [e.message.split(":")[0] for e in caught.value.errors] == [
        "có số điện thoại cố định (02x xxxx x536)",
        "có địa chỉ thư điện tử (v***@caa.gov.vn)",
    ]


def test_a_contact_printed_by_several_procedures_names_each_once(
    make_content: MakeContent, tmp_path: Path
) -> None:
    content, source = content_with(make_content, tmp_path, yeu_cau_dieu_kien=CONTACTS)
    other = source.parent / "2.000001.json"
    other.write_bytes(record_bytes(yeu_cau_dieu_kien="Hỏi đáp: VANTHU@caa.gov.vn"))
    import_records([source.parent], content / "thu-tuc")
    text = (content / ALLOWED).read_text(encoding="utf-8")
    assert text.endswith(
        "  - gia_tri: vanthu@caa.gov.vn\n    nguon:\n      - '1.013859'\n      - '2.000001'\n"
    )
    assert len(summaries(check(content))) == 4


def test_importing_again_leaves_the_allow_list_as_it_is(make_content: MakeContent, tmp_path: Path) -> None:
    content, source = content_with(make_content, tmp_path, yeu_cau_dieu_kien=CONTACTS)
    import_records([source], content / "thu-tuc")
    first = (content / ALLOWED).read_bytes()
    again = import_records([source], content / "thu-tuc")
    assert (content / ALLOWED).read_bytes() == first
    assert again.contacts == []


def test_the_staffs_own_values_and_the_header_are_kept(make_content: MakeContent, tmp_path: Path) -> None:
    header = "# Liên hệ đã công bố.\n"
    content = make_content({ALLOWED: f"{header}duoc_cong_khai:\n  - 024 3825 3536\n"})
    source = write_record(tmp_path / "src", yeu_cau_dieu_kien=CONTACTS)
    import_records([source], content / "thu-tuc")
    assert (content / ALLOWED).read_text(encoding="utf-8") == (
        f"{header}duoc_cong_khai:\n  - 024 3825 3536\n  - gia_tri: vanthu@caa.gov.vn\n    nguon:\n"
        "      - '1.013859'\n"
    )
    assert len(summaries(check(content))) == 3


def test_a_contact_staff_typed_is_never_allowed(make_content: MakeContent, tmp_path: Path) -> None:
    content, source = content_with(make_content, tmp_path)
    import_records([source], content / "thu-tuc")
    path = content / "thu-tuc" / "1.013859.yml"
    path.write_text(
        path.read_text(encoding="utf-8") + "ghi_chu: Gọi ông Ba 0912 345 678.\n", encoding="utf-8"
    )
    report = import_records([source], content / "thu-tuc")
    line = len(path.read_text(encoding="utf-8").splitlines())
    assert reasons(report) == [
        f"{source}: 1.013859: {path}:{line}: ghi_chu: có số điện thoại di động (09xx xxx 678): thông tin cá "
        "nhân không được công bố, hãy xoá; nếu là số điện thoại di động đã công bố của cơ quan, thêm vào "
        "content/cong-khai-duoc-phep.yml (sửa tệp này rồi nhập lại)"
    ]
    assert not (content / ALLOWED).exists() or "0912" not in (content / ALLOWED).read_text(encoding="utf-8")


def test_a_broken_allow_list_stops_the_run_before_writing(make_content: MakeContent, tmp_path: Path) -> None:
    content = make_content({ALLOWED: "duoc_cong_khai: 5\n"})
    source = write_record(tmp_path / "src", yeu_cau_dieu_kien=CONTACTS)
    before = (content / "thu-tuc" / "1.013859.yml").read_bytes()
    with pytest.raises(ImportErrors) as caught:
        import_records([source], content / "thu-tuc")
    assert caught.value.problems == [
        f"{content / ALLOWED}:1: duoc_cong_khai (Liên hệ được công khai): phải là danh sách (mỗi mục một "
        "dòng bắt đầu bằng «- »), "
        "không phải «5»"
    ]
    assert (content / "thu-tuc" / "1.013859.yml").read_bytes() == before


def test_the_cli_reports_the_contacts_it_allowed(make_content: MakeContent, tmp_path: Path) -> None:
    content, source = content_with(make_content, tmp_path, yeu_cau_dieu_kien=CONTACTS)
    result = CliRunner().invoke(main, ["import", "dvcqg", str(source), "--out", str(content / "thu-tuc")])
    assert result.exit_code == 0, result.output
    assert (
        f"Đã ghi 2 liên hệ in trong bản ghi quốc gia vào {content / ALLOWED} (được phép công khai), từ 1 "
        "thủ tục: 1.013859"
    ) in result.stdout.splitlines()


def test_an_allow_list_item_is_a_text_or_a_contact_with_its_procedures(make_content: MakeContent) -> None:
    items = "- 024 3825 3536\n- gia_tri: vanthu@caa.gov.vn\n  nguon: ['1.013859']\n"
    content = make_content({ALLOWED: f"duoc_cong_khai:\n{items}"})
    assert len(summaries(check(content))) == 3


def test_a_contact_without_its_procedures_is_refused_by_check(make_content: MakeContent) -> None:
    content = make_content({ALLOWED: "duoc_cong_khai:\n- x@caa.gov.vn\n- gia_tri: vanthu@caa.gov.vn\n"})
    with pytest.raises(DataErrors) as caught:
        check(content)
    assert [str(e) for e in caught.value.errors] == [
        f"{content / ALLOWED}:3: duoc_cong_khai[1].nguon (Thủ tục in liên hệ này): thiếu trường bắt buộc"
    ]


def test_the_default_allow_list_says_what_import_writes() -> None:
    text = (REPO / "content" / ALLOWED).read_text(encoding="utf-8")
    assert text == f"{HEADER}duoc_cong_khai: []\n"


PLANTED = {
    "bo-tu-phap": ("yeu_cau_dieu_kien", " Liên hệ: hotro@xyz.gov.vn, điện thoại 024 3825 3536."),
    "bo-nong-nghiep-mt": ("trinh_tu_thuc_hien", "\n- Hỏi đáp: phapche@xyz.gov.vn hoặc (028) 3829 7100."),
    "ngan-hang-nha-nuoc": (
        "yeu_cau_dieu_kien",
        " Đường dây nóng 024 3825 3536, thư điện tử HOTRO@xyz.gov.vn.",
    ),
}
"""A contact of the State planted in a text field of the first record of each ministry's folder."""


def test_real_records_with_contacts_import_and_pass_check(dvcqg: Path, tmp_path: Path) -> None:
    sources = tmp_path / "src"
    planted: dict[str, str] = {}
    for folder, (key, contact) in PLANTED.items():
        paths = sorted((dvcqg / folder).glob("*.json"))[:3]
        for path in paths:
            (sources / folder).mkdir(parents=True, exist_ok=True)
            (sources / folder / path.name).write_bytes(path.read_bytes())
        record = json.loads(paths[0].read_text(encoding="utf-8"))
        record[key] = (record.get(key) or "") + contact
        (sources / folder / paths[0].name).write_text(
            json.dumps(record, ensure_ascii=False), encoding="utf-8"
        )
        planted[folder] = record["ma_thu_tuc"]
    content = tmp_path / "content"
    content.mkdir()
    for name in ("site.yml", "linh-vuc.yml"):
        (content / name).write_bytes((MINIMAL / name).read_bytes())
    args = ["import", "dvcqg", str(sources), "--out", str(content / "thu-tuc"), "--them-linh-vuc"]
    imported = CliRunner().invoke(main, args)
    assert imported.exit_code == 0, imported.output
    checked = CliRunner().invoke(main, ["check", "--content", str(content)])
    assert checked.exit_code == 0, checked.output
    justice, farming, bank = (planted[folder] for folder in PLANTED)
    assert (content / ALLOWED).read_text(encoding="utf-8") == (
        f"{HEADER}duoc_cong_khai:\n"
        f"  - gia_tri: (028) 3829 7100\n    nguon:\n      - '{farming}'\n"
        f"  - gia_tri: 024 3825 3536\n    nguon:\n      - '{justice}'\n      - '{bank}'\n"
        f"  - gia_tri: hotro@xyz.gov.vn\n    nguon:\n      - '{justice}'\n      - '{bank}'\n"
        f"  - gia_tri: phapche@xyz.gov.vn\n    nguon:\n      - '{farming}'\n"
    )


def test_agencies_whose_names_extend_each_other_import_twice_to_the_same_bytes(tmp_path: Path) -> None:
    agencies = ", ".join(f"Chi cục Kiểm dịch thực vật vùng {n}" for n in ("II", "I", "VII", "VI", "V"))
    source = write_record(tmp_path / "src", co_quan_thuc_hien=agencies)
    out = tmp_path / "content" / "thu-tuc"
    imported(tmp_path)
    first = (out / "1.013859.yml").read_bytes()
    again = import_records([source], out)
    assert (out / "1.013859.yml").read_bytes() == first
    assert again.unchanged == ["1.013859"]


def test_review_names_a_record_with_a_huge_number_instead_of_aborting(
    make_content: MakeContent, tmp_path: Path
) -> None:
    content = make_content({})
    methods = RECORD["cach_thuc_thuc_hien"].replace("100,000", HUGE)
    source = write_record(tmp_path / "src", cach_thuc_thuc_hien=methods)
    with pytest.raises(ImportErrors) as caught:
        review([source], content)
    assert caught.value.problems == [
        f"{source}: 1.013859: cach_thuc_thuc_hien: số «99999…99999» quá dài: 5.000 chữ số "
        "(một số tiền, thời hạn có tối đa 15 chữ số)"
    ]


def test_a_file_that_cannot_be_opened_is_skipped_with_a_vietnamese_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, bad = with_good_record(tmp_path, record_bytes())
    read_bytes = Path.read_bytes

    def refused(path: Path) -> bytes:
        if path == bad:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refused)
    assert reasons(imported(tmp_path)) == [f"{bad}: không có quyền đọc tệp"]
