"""The records of the plan: the unit registry, a year's plan and a quarter's progress report.

* ``content/don-vi.yml``: the units (phòng, tổ, văn phòng) that lead or help carry out tasks.
* ``content/ke-hoach/<năm>.yml``: the plan's appendix, part by part (A, B), group by group (A.I–A.X) and
  task by task, with the lead and cooperating units and the timing as a kind plus the original words.
* ``content/ke-hoach/bao-cao/<năm>-q<n>.yml``: what the units reported for one quarter: one file per
  quarterly report, because that is what the units send and the office (Văn phòng) compiles, and what
  the notice of section IX.03 publishes; a task's history is read across these files.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar, Literal

from pydantic import Field, StrictInt, model_validator

from generator.core.fields import (
    Depends,
    DocNumber,
    FieldProblem,
    FieldRule,
    HttpUrl,
    Record,
    Refers,
    Slug,
    Text,
    first_broken,
    no_items,
)

TIMING_KINDS = {
    "han": "Hoàn thành trước một hạn",
    "dinh_ky": "Định kỳ",
    "thuong_xuyen": "Thường xuyên",
    "khi_co_yeu_cau": "Khi có yêu cầu",
    "theo_trieu_tap": "Theo văn bản triệu tập",
    "theo_quy_dinh": "Theo quy định",
}
"""The kinds of timing and how the site names them."""

PERIODS = {"quy": "hằng quý", "sau_thang": "06 tháng", "nam": "hằng năm"}
"""How often a recurring task is reported."""

STATUSES = {
    "chua_bat_dau": "Chưa bắt đầu",
    "dang_thuc_hien": "Đang thực hiện",
    "hoan_thanh": "Hoàn thành",
    "khong_ap_dung": "Không áp dụng",
}
"""A task's status in a report."""

TimingKind = Literal["han", "dinh_ky", "thuong_xuyen", "khi_co_yeu_cau", "theo_trieu_tap", "theo_quy_dinh"]
Status = Literal["chua_bat_dau", "dang_thuc_hien", "hoan_thanh", "khong_ap_dung"]
Quarter = Literal[1, 2, 3, 4]
GROUPS_OR_TASKS = "mỗi phần có hoặc «nhom», hoặc «nhiem_vu» (một trong hai)"
"""A part with both groups and tasks, or neither (also refused by the web editor before saving)."""
UnitCode = Annotated[Slug, Refers("ma", "ten", collection="don-vi", items="don_vi")]
"""The code of a unit in ``content/don-vi.yml``."""


class Unit(Record):
    """Một đơn vị thực hiện kế hoạch."""

    ma: Slug
    """Mã đơn vị, dùng trong kế hoạch và trong địa chỉ trang (ví dụ «van-phong»)."""
    ten: Text
    """Tên đơn vị như viết trong kế hoạch (ví dụ «Văn phòng Sở»)."""


class UnitRegistry(Record):
    """Danh sách các đơn vị chủ trì, phối hợp thực hiện kế hoạch."""

    don_vi: list[Unit] = Field(min_length=1)
    """Các đơn vị."""


class Timing(Record):
    """Thời gian thực hiện một nhiệm vụ: loại (để tính quá hạn) và nguyên văn trong kế hoạch."""

    loai: TimingKind
    """han (xong trước den_ngay), dinh_ky (báo cáo theo chu_ky), thuong_xuyen (báo cáo hằng quý),
    khi_co_yeu_cau, theo_trieu_tap, theo_quy_dinh (không có hạn riêng)."""
    nguyen_van: Text
    """Nguyên văn cột «Thời gian thực hiện» của kế hoạch (ví dụ «Quý III»)."""
    den_ngay: date | None = None
    """Hạn hoàn thành, chỉ với loai: han (ví dụ «Quý III» là 2023-09-30)."""
    chu_ky: Literal["quy", "sau_thang", "nam"] | None = None
    """Chu kỳ báo cáo, chỉ với loai: dinh_ky: quy, sau_thang hoặc nam."""

    depends: ClassVar[tuple[FieldRule, ...]] = (
        Depends("den_ngay", "loai", ("han",), True, "loại «han» cần ngày hạn «den_ngay»"),
        Depends("den_ngay", "loai", ("han",), False, "chỉ loại «han» mới có «den_ngay»"),
        Depends("chu_ky", "loai", ("dinh_ky",), True, "loại «dinh_ky» cần «chu_ky»: quy, sau_thang hoặc nam"),
        Depends("chu_ky", "loai", ("dinh_ky",), False, "chỉ loại «dinh_ky» mới có «chu_ky»"),
    )

    @model_validator(mode="after")
    def _fields_of_kind(self) -> Timing:
        first_broken(self, self.depends)
        return self


class Task(Record):
    """Một nhiệm vụ (một dòng của phụ lục kế hoạch)."""

    stt: Text
    """Số thứ tự như trong kế hoạch («01», «1»)."""
    noi_dung: Text
    """Nội dung công việc."""
    chu_tri: list[UnitCode] = Field(min_length=1)
    """Mã các đơn vị chủ trì (trong content/don-vi.yml)."""
    chu_tri_nguyen_van: Text | None = None
    """Nguyên văn cột «Đơn vị chủ trì» khi khác tên các đơn vị nối bằng dấu phẩy."""
    phoi_hop: list[UnitCode] = no_items()
    """Mã các đơn vị phối hợp."""
    phoi_hop_nguyen_van: Text | None = None
    """Nguyên văn cột «Đơn vị phối hợp» khi khác tên các đơn vị nối bằng dấu phẩy."""
    thoi_gian: Timing
    """Thời gian thực hiện."""


class Group(Record):
    """Một nhóm nhiệm vụ (I, II, … của phần A)."""

    ma: Text
    """Số La Mã của nhóm («I»)."""
    ten: Text
    """Tên nhóm."""
    nhiem_vu: list[Task] = Field(min_length=1)
    """Các nhiệm vụ của nhóm."""


class Part(Record):
    """Một phần của phụ lục (A, B): có các nhóm, hoặc trực tiếp các nhiệm vụ."""

    ma: Text
    """Chữ cái của phần («A»)."""
    ten: Text
    """Tên phần."""
    nhom: list[Group] = no_items()
    """Các nhóm nhiệm vụ (phần A)."""
    nhiem_vu: list[Task] = no_items()
    """Các nhiệm vụ không chia nhóm (phần B)."""

    @model_validator(mode="after")
    def _groups_or_tasks(self) -> Part:
        if bool(self.nhom) == bool(self.nhiem_vu):
            raise FieldProblem("nhom", GROUPS_OR_TASKS)
        return self


class Plan(Record):
    """Kế hoạch một năm: phụ lục các nhiệm vụ."""

    nam: StrictInt = Field(ge=2000)
    """Năm của kế hoạch, trùng tên tệp."""
    ten: Text
    """Tên kế hoạch."""
    so_hieu: DocNumber | None = None
    """Số, ký hiệu văn bản (ví dụ «12/KH-STP»)."""
    ngay_ban_hanh: date | None = None
    """Ngày ban hành."""
    url_van_ban: HttpUrl | None = None
    """Địa chỉ văn bản kế hoạch (PDF)."""
    han_bao_cao: StrictInt = Field(default=10, ge=1, le=28)
    """Các đơn vị báo cáo trước ngày này của tháng cuối quý (kế hoạch: «trước ngày 10»)."""
    phan: list[Part] = Field(min_length=1)
    """Các phần của phụ lục (A, B)."""
    du_lieu_mau: bool = False
    """true: dữ liệu mẫu, trang ghi rõ «Dữ liệu mẫu». Xóa dòng này khi là kế hoạch thật."""


class Entry(Record):
    """Kết quả thực hiện một nhiệm vụ trong quý."""

    nhiem_vu: Text
    """Mã nhiệm vụ: phần, nhóm, số thứ tự nối bằng dấu chấm (ví dụ «A.I.01», «B.05»)."""
    trang_thai: Status
    """chua_bat_dau, dang_thuc_hien, hoan_thanh hoặc khong_ap_dung."""
    phan_tram: StrictInt | None = Field(default=None, ge=0, le=100)
    """Phần trăm khối lượng đã làm (0–100); hoàn thành là 100."""
    ket_qua: Text | None = None
    """Những việc đã làm."""
    minh_chung: list[HttpUrl] = no_items()
    """Địa chỉ văn bản, trang làm minh chứng."""
    ngay: date | None = None
    """Ngày đơn vị báo cáo, nếu khác ngày của cả báo cáo."""

    @model_validator(mode="after")
    def _done_is_whole(self) -> Entry:
        if self.trang_thai == "hoan_thanh" and self.phan_tram not in (None, 100):
            raise FieldProblem(
                "phan_tram", f"nhiệm vụ hoàn thành thì phan_tram là 100, không phải {self.phan_tram}"
            )
        return self


class Report(Record):
    """Báo cáo tiến độ thực hiện kế hoạch một quý."""

    nam: StrictInt = Field(ge=2000)
    """Năm của kế hoạch."""
    quy: Quarter
    """Quý (1–4)."""
    ngay: date
    """Ngày tổng hợp báo cáo."""
    ket_qua: list[Entry] = Field(min_length=1)
    """Kết quả từng nhiệm vụ."""
    du_lieu_mau: bool = False
    """true: dữ liệu mẫu. Xóa dòng này khi là báo cáo thật."""
