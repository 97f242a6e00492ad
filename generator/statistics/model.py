"""A quarter's one-stop-shop results, ``content/thong-ke/<năm>-q<n>.yml``: the period's dates, written
out (domain §4.3: the periods run 15/12 → 14/3 …, never derived), and one row per lĩnh vực.

Totals are computed from their parts and never need typing. A ``tong_so`` may still be copied from the
form the one-stop software prints; it is then checked against the parts (:mod:`.figures`), as the
three «Tổng số» columns of Biểu 06 are.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field, StrictInt, model_validator

from generator.core.fields import FieldProblem, Quarter, Record, SectorSlug, Text


class Received(Record):
    """Số hồ sơ nhận giải quyết."""

    truc_tuyen: StrictInt = Field(ge=0)
    """Trực tuyến: số hồ sơ tiếp nhận trực tuyến."""
    truc_tiep: StrictInt = Field(ge=0)
    """Trực tiếp, bưu chính: số hồ sơ tiếp nhận trực tiếp hoặc qua dịch vụ bưu chính."""
    ky_truoc: StrictInt = Field(ge=0)
    """Từ kỳ trước: số hồ sơ từ kỳ trước chuyển qua."""
    tong_so: StrictInt | None = Field(default=None, ge=0)
    """Tổng số: chỉ để đối chiếu khi chép từ biểu của phần mềm một cửa; trang tự tính tổng."""


class Resolved(Record):
    """Số hồ sơ đã giải quyết."""

    truoc_han: StrictInt = Field(ge=0)
    """Trước hạn: số hồ sơ giải quyết trước hạn."""
    dung_han: StrictInt = Field(ge=0)
    """Đúng hạn: số hồ sơ giải quyết đúng hạn."""
    qua_han: StrictInt = Field(ge=0)
    """Quá hạn: số hồ sơ giải quyết quá hạn."""
    tong_so: StrictInt | None = Field(default=None, ge=0)
    """Tổng số: chỉ để đối chiếu; trang tự tính tổng."""


class Pending(Record):
    """Số hồ sơ đang giải quyết."""

    trong_han: StrictInt = Field(ge=0)
    """Trong hạn: số hồ sơ đang giải quyết, còn trong hạn."""
    qua_han: StrictInt = Field(ge=0)
    """Quá hạn: số hồ sơ đang giải quyết, đã quá hạn."""
    tong_so: StrictInt | None = Field(default=None, ge=0)
    """Tổng số: chỉ để đối chiếu; trang tự tính tổng."""


class Row(Record):
    """Một dòng của biểu: một lĩnh vực."""

    linh_vuc: SectorSlug
    """Lĩnh vực: chọn trong danh mục lĩnh vực."""
    tiep_nhan: Received
    """Nhận giải quyết: số hồ sơ nhận giải quyết."""
    da_giai_quyet: Resolved
    """Đã giải quyết: số hồ sơ đã giải quyết."""
    dang_giai_quyet: Pending
    """Đang giải quyết: số hồ sơ đang giải quyết."""
    xin_loi: StrictInt = Field(default=0, ge=0)
    """Phiếu xin lỗi: số phiếu xin lỗi và hẹn lại ngày trả kết quả đã gửi (Mẫu 04, Thông tư 01/2018/TT-VPCP).
    Phiếu xin lỗi: số phiếu xin lỗi và hẹn lại ngày trả kết quả đã gửi (Mẫu 04, Thông tư 01/2018/TT-VPCP)."""


class Period(Record):
    """Kết quả giải quyết TTHC một quý (Biểu 06, Thông tư 01/2020/TT-VPCP)."""

    nam: StrictInt = Field(ge=2000)
    """Năm: năm của số liệu."""
    quy: Quarter
    """Quý: từ 1 đến 4."""
    tu_ngay: date
    """Từ ngày: quý I thường từ ngày 15/12 năm trước."""
    den_ngay: date
    """Đến ngày: quý I thường đến ngày 14/3."""
    ngay_bao_cao: date | None = None
    """Ngày lập báo cáo: ngày lập biểu."""
    ghi_chu: Text | None = None
    """Ghi chú: in dưới biểu."""
    so_lieu: list[Row] = Field(min_length=1)
    """Số liệu: mỗi lĩnh vực một dòng."""
    du_lieu_mau: bool = False
    """Dữ liệu mẫu: bật khi đây là dữ liệu mẫu, trang ghi rõ «Dữ liệu mẫu»; xóa dòng này khi là số liệu thật.
    Dữ liệu mẫu: bật khi đây là dữ liệu mẫu, trang ghi rõ «Dữ liệu mẫu»; xóa dòng này khi là số liệu thật."""

    @model_validator(mode="after")
    def _dates_in_order(self) -> Period:
        if self.den_ngay < self.tu_ngay:
            raise FieldProblem("den_ngay", f"đến ngày {self.den_ngay} trước từ ngày {self.tu_ngay}")
        return self
