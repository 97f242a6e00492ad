"""The feedback record: one YAML file per item, ``content/pakn/<năm>/<ma_pakn>.yml``, and the dataset's
settings, ``content/pakn/cau-hinh.yml``.

The vocabulary follows NĐ 20/2008/NĐ-CP (amended by NĐ 48/2013 and NĐ 92/2017): the channels of
Điều 6–7, the two kinds of Điều 9 (về hành vi, về quy định), the steps of Điều 9 and 14 as statuses, the
outcomes of Điều 15 and the forms of publication of Điều 19. The record has no field for the sender:
no name, phone, e-mail, address or ID number, and its texts are scanned for them
(:mod:`generator.core.privacy`).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, StrictInt, StringConstraints

from generator.core.fields import HttpUrl, ProcedureRef, Record, Refers, SectorSlug, Slug, Text, no_items
from generator.core.labels import Choices

FEEDBACK_CODE = r"^[A-Z0-9]+(?:[.-][A-Z0-9]+)*$"
RuleCode = Annotated[Slug, Refers("ma", "ten", file="pakn/cau-hinh.yml", items="thoi_han")]
"""The code of a deadline rule in ``content/pakn/cau-hinh.yml``."""
FeedbackCode = Annotated[str, StringConstraints(pattern=FEEDBACK_CODE)]
"""A feedback code such as ``PAKN-2025-001``: capitals, digits, dots and hyphens."""

CHANNELS: dict[str, str] = {
    "cong_dvcqg": "Cổng Dịch vụ công quốc gia",
    "cong_tinh": "Hệ thống thông tin giải quyết TTHC của tỉnh",
    "van_ban": "Văn bản (trực tiếp hoặc qua bưu chính)",
    "thu_dien_tu": "Văn bản điện tử (thư điện tử)",
    "dien_thoai": "Điện thoại (số chuyên dùng đã công bố)",
    "truc_tiep": "Trực tiếp tại cơ quan",
    "phieu_y_kien": "Phiếu lấy ý kiến",
}
CLASSIFICATIONS: dict[str, str] = {
    "ve_hanh_vi": "Về hành vi",
    "ve_quy_dinh": "Về quy định hành chính",
}
STATUSES: dict[str, str] = {
    "da_tiep_nhan": "Đã tiếp nhận",
    "khong_tiep_nhan": "Không tiếp nhận",
    "da_chuyen_co_quan_khac": "Đã chuyển cơ quan khác",
    "dang_xu_ly": "Đang xử lý",
    "da_xu_ly": "Đã xử lý",
    "da_cong_khai": "Đã công khai kết quả",
}
NEXT: dict[str, tuple[str, ...]] = {
    "da_tiep_nhan": ("khong_tiep_nhan", "da_chuyen_co_quan_khac", "dang_xu_ly"),
    "dang_xu_ly": ("da_xu_ly",),
    "da_xu_ly": ("da_cong_khai",),
    "khong_tiep_nhan": (),
    "da_chuyen_co_quan_khac": (),
    "da_cong_khai": (),
}
"""The statuses that may follow each status (Điều 9: receive, then refuse, forward or handle; Điều 14:
handle, answer, publish the result)."""
CLOSING = frozenset({"khong_tiep_nhan", "da_chuyen_co_quan_khac", "da_xu_ly"})
"""The statuses that end the agency's handling within the deadline (the answer, a refusal, forwarding)."""
OUTCOMES: dict[str, str] = {
    "sua_doi_bai_bo": "Sửa đổi, bổ sung, thay thế, bãi bỏ quy định (Điều 15)",
    "kien_nghi_sua_doi": "Kiến nghị cơ quan có thẩm quyền sửa đổi, bãi bỏ quy định (Điều 15)",
    "ban_hanh_moi": "Ban hành hoặc kiến nghị ban hành quy định mới (Điều 15)",
    "giu_nguyen": "Giải thích, hướng dẫn; giữ nguyên quy định (chưa đủ cơ sở sửa đổi)",
    "chan_chinh_hanh_vi": "Chấn chỉnh, xử lý hành vi của cán bộ, công chức",
}
PUBLISH_FORMS: dict[str, str] = {
    "cong_thong_tin": "Cổng, trang thông tin điện tử của cơ quan",
    "phuong_tien_thong_tin": "Phương tiện thông tin đại chúng",
    "van_ban_gui_nguoi_phan_anh": "Văn bản gửi người phản ánh, kiến nghị",
    "hinh_thuc_khac": "Hình thức khác",
}

Channel = Annotated[
    Literal["cong_dvcqg", "cong_tinh", "van_ban", "thu_dien_tu", "dien_thoai", "truc_tiep", "phieu_y_kien"],
    Choices(CHANNELS),
]
Classification = Annotated[Literal["ve_hanh_vi", "ve_quy_dinh"], Choices(CLASSIFICATIONS)]
Status = Annotated[
    Literal[
        "da_tiep_nhan", "khong_tiep_nhan", "da_chuyen_co_quan_khac", "dang_xu_ly", "da_xu_ly", "da_cong_khai"
    ],
    Choices(STATUSES),
]
Outcome = Annotated[
    Literal["sua_doi_bai_bo", "kien_nghi_sua_doi", "ban_hanh_moi", "giu_nguyen", "chan_chinh_hanh_vi"],
    Choices(OUTCOMES),
]
PublishForm = Annotated[
    Literal["cong_thong_tin", "phuong_tien_thong_tin", "van_ban_gui_nguoi_phan_anh", "hinh_thuc_khac"],
    Choices(PUBLISH_FORMS),
]


class Transition(Record):
    """Một bước chuyển trạng thái, sau khi tiếp nhận."""

    trang_thai: Status
    """Trạng thái mới: trạng thái sau bước này."""
    ngay: date
    """Ngày chuyển: ngày chuyển sang trạng thái này."""
    ghi_chu: Text | None = None
    """Ghi chú công khai: ví dụ lý do không tiếp nhận, cơ quan được chuyển đến; không ghi tên người."""


class AnswerDocument(Record):
    """Văn bản trả lời phản ánh, kiến nghị."""

    so: Text
    """Số, ký hiệu: ví dụ «125/STP-VP»."""
    ngay: date
    """Ngày ban hành: ngày ký văn bản trả lời."""
    url: HttpUrl | None = None
    """Đường dẫn: địa chỉ văn bản đã công bố."""


class Feedback(Record):
    """Một phản ánh, kiến nghị về quy định hành chính (không có thông tin cá nhân của người gửi)."""

    ma_pakn: FeedbackCode
    """Mã phản ánh, kiến nghị: chữ hoa, chữ số, dấu gạch ngang, trùng tên tệp, ví dụ «PAKN-2025-001»."""
    tieu_de: Text
    """Tiêu đề: tiêu đề ngắn."""
    ngay_tiep_nhan: date
    """Ngày tiếp nhận: tệp nằm trong thư mục năm của ngày này."""
    kenh_tiep_nhan: Channel
    """Kênh tiếp nhận: phản ánh, kiến nghị được gửi đến qua đâu."""
    phan_loai: Classification
    """Phân loại: về hành vi của cơ quan, cán bộ, hay về quy định hành chính."""
    linh_vuc: SectorSlug
    """Lĩnh vực: lĩnh vực của thủ tục được phản ánh, chọn trong danh mục lĩnh vực."""
    thu_tuc: list[ProcedureRef] = no_items()
    """Thủ tục liên quan: các thủ tục hành chính được phản ánh, chọn theo tên trong danh mục thủ tục."""
    tom_tat: Text
    """Tóm tắt: nội dung đã ẩn danh, không tên, điện thoại, thư điện tử, địa chỉ, số giấy tờ."""
    trang_thai: list[Transition] = no_items()
    """Các bước xử lý: các bước sau khi tiếp nhận, theo thứ tự thời gian; để trống là «Đã tiếp nhận»."""
    quy_tac_thoi_han: RuleCode
    """Quy tắc thời hạn: thời hạn xử lý áp dụng; phản ánh thông thường chọn «thuộc thẩm quyền»."""
    ngay_tra_loi: date | None = None
    """Ngày trả lời: trùng ngày của bước «Đã xử lý»."""
    tra_loi: Text | None = None
    """Nội dung trả lời: tóm tắt kết quả xử lý."""
    ket_qua: Outcome | None = None
    """Kết quả xử lý: theo Điều 15 Nghị định 20/2008/NĐ-CP."""
    van_ban_tra_loi: AnswerDocument | None = None
    """Văn bản trả lời: số, ngày, đường dẫn."""
    hinh_thuc_cong_khai: list[PublishForm] = no_items()
    """Hình thức công khai: hình thức công khai kết quả theo Điều 19; bắt buộc khi đã công khai kết quả."""


class DeadlineRule(Record):
    """Một quy tắc thời hạn xử lý."""

    ma: Slug
    """Mã quy tắc: ghi ở «Quy tắc thời hạn» của từng phản ánh, kiến nghị."""
    ten: Text
    """Tên quy tắc: hiện trên trang."""
    so_ngay_lam_viec: StrictInt = Field(ge=1)
    """Số ngày làm việc: kể từ ngày tiếp nhận."""
    can_cu: Text | None = None
    """Căn cứ: văn bản quy định thời hạn."""


class Settings(Record):
    """Cấu hình phản ánh, kiến nghị (``content/pakn/cau-hinh.yml``)."""

    du_lieu_mau: bool = False
    """Dữ liệu mẫu: bật khi các phản ánh, kiến nghị là dữ liệu mẫu, trang ghi rõ «Dữ liệu mẫu»; tắt khi đã
    thay bằng dữ liệu thật."""
    thoi_han: list[DeadlineRule] = Field(min_length=1)
    """Quy tắc thời hạn: các quy tắc thời hạn xử lý."""
