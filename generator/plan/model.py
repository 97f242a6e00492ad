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
    Quarter,
    Record,
    Refers,
    Slug,
    Text,
    first_broken,
    no_items,
)
from generator.core.labels import Choices

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

TimingKind = Annotated[
    Literal["han", "dinh_ky", "thuong_xuyen", "khi_co_yeu_cau", "theo_trieu_tap", "theo_quy_dinh"],
    Choices(TIMING_KINDS),
]
Period = Annotated[
    Literal["quy", "sau_thang", "nam"], Choices({k: v.capitalize() for k, v in PERIODS.items()})
]
Status = Annotated[
    Literal["chua_bat_dau", "dang_thuc_hien", "hoan_thanh", "khong_ap_dung"], Choices(STATUSES)
]
GROUPS_OR_TASKS = "mỗi phần có hoặc «nhom», hoặc «nhiem_vu» (một trong hai)"
"""A part with both groups and tasks, or neither (also refused by the web editor before saving)."""
UnitCode = Annotated[Slug, Refers("ma", "ten", collection="don-vi", items="don_vi")]
"""The code of a unit in ``content/don-vi.yml``."""


class Unit(Record):
    """Một đơn vị thực hiện kế hoạch."""

    ma: Slug
    """Mã đơn vị: dùng trong kế hoạch và trong địa chỉ trang, ví dụ «van-phong»."""
    ten: Text
    """Tên đơn vị: như viết trong kế hoạch, ví dụ «Văn phòng Sở»."""


class UnitRegistry(Record):
    """Danh sách các đơn vị chủ trì, phối hợp thực hiện kế hoạch."""

    don_vi: list[Unit] = Field(min_length=1)
    """Đơn vị: các đơn vị chủ trì, phối hợp thực hiện kế hoạch."""


class Timing(Record):
    """Thời gian thực hiện một nhiệm vụ: loại (để tính quá hạn) và nguyên văn trong kế hoạch."""

    loai: TimingKind
    """Loại thời gian: có hạn hoàn thành, định kỳ, thường xuyên (báo cáo hằng quý), hay không có hạn riêng
    (khi có yêu cầu, theo văn bản triệu tập, theo quy định)."""
    nguyen_van: Text
    """Nguyên văn: chép đúng cột «Thời gian thực hiện» của kế hoạch, ví dụ «Quý III»."""
    den_ngay: date | None = None
    """Hạn hoàn thành: chỉ ghi khi loại thời gian là «Hoàn thành trước một hạn», ví dụ «Quý III» là ngày
    30/09/2023."""
    chu_ky: Period | None = None
    """Chu kỳ báo cáo: chỉ ghi khi loại thời gian là «Định kỳ»."""

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
    """Số thứ tự: như trong kế hoạch, ví dụ «01»."""
    noi_dung: Text
    """Nội dung công việc: như viết trong kế hoạch."""
    chu_tri: list[UnitCode] = Field(min_length=1)
    """Đơn vị chủ trì: các đơn vị chủ trì, chọn trong danh sách đơn vị."""
    chu_tri_nguyen_van: Text | None = None
    """Đơn vị chủ trì như kế hoạch ghi: nguyên văn, khi khác tên các đơn vị nối bằng dấu phẩy."""
    phoi_hop: list[UnitCode] = no_items()
    """Đơn vị phối hợp: các đơn vị phối hợp, chọn trong danh sách đơn vị."""
    phoi_hop_nguyen_van: Text | None = None
    """Đơn vị phối hợp như kế hoạch ghi: nguyên văn, khi khác tên các đơn vị nối bằng dấu phẩy."""
    thoi_gian: Timing
    """Thời gian thực hiện: loại thời gian và nguyên văn trong kế hoạch."""


class Group(Record):
    """Một nhóm nhiệm vụ (I, II, … của phần A)."""

    ma: Text
    """Số hiệu nhóm: số La Mã của nhóm, ví dụ «I»."""
    ten: Text
    """Tên nhóm: như viết trong kế hoạch."""
    nhiem_vu: list[Task] = Field(min_length=1)
    """Nhiệm vụ: các nhiệm vụ của nhóm."""


class Part(Record):
    """Một phần của phụ lục (A, B): có các nhóm, hoặc trực tiếp các nhiệm vụ."""

    ma: Text
    """Số hiệu phần: chữ cái của phần, ví dụ «A»."""
    ten: Text
    """Tên phần: như viết trong kế hoạch."""
    nhom: list[Group] = no_items()
    """Nhóm nhiệm vụ: các nhóm của phần (như phần A); một phần có nhóm hoặc có nhiệm vụ, không có cả hai."""
    nhiem_vu: list[Task] = no_items()
    """Nhiệm vụ không chia nhóm: các nhiệm vụ của phần không chia nhóm (như phần B)."""

    @model_validator(mode="after")
    def _groups_or_tasks(self) -> Part:
        if bool(self.nhom) == bool(self.nhiem_vu):
            raise FieldProblem("nhom", GROUPS_OR_TASKS)
        return self


class Plan(Record):
    """Kế hoạch một năm: phụ lục các nhiệm vụ."""

    nam: StrictInt = Field(ge=2000)
    """Năm: năm của kế hoạch, trùng tên tệp."""
    ten: Text
    """Tên kế hoạch: như viết trên văn bản."""
    so_hieu: DocNumber | None = None
    """Số, ký hiệu: số, ký hiệu văn bản kế hoạch, ví dụ «12/KH-STP»."""
    ngay_ban_hanh: date | None = None
    """Ngày ban hành: ngày ký ban hành kế hoạch."""
    url_van_ban: HttpUrl | None = None
    """Địa chỉ văn bản: địa chỉ tệp văn bản kế hoạch."""
    han_bao_cao: StrictInt = Field(default=10, ge=1, le=28)
    """Hạn báo cáo trong tháng: các đơn vị báo cáo trước ngày này của tháng cuối quý (kế hoạch ghi «trước ngày
    10»)."""
    phan: list[Part] = Field(min_length=1)
    """Các phần: các phần của phụ lục, ví dụ A, B."""
    du_lieu_mau: bool = False
    """Dữ liệu mẫu: bật khi đây là dữ liệu mẫu, trang ghi rõ «Dữ liệu mẫu»; xóa dòng này khi là kế hoạch
    thật."""


class Entry(Record):
    """Kết quả thực hiện một nhiệm vụ trong quý."""

    nhiem_vu: Text
    """Mã nhiệm vụ: phần, nhóm, số thứ tự nối bằng dấu chấm, ví dụ «A.I.01», «B.05»."""
    trang_thai: Status
    """Tình trạng: tình trạng thực hiện nhiệm vụ trong quý."""
    phan_tram: StrictInt | None = Field(default=None, ge=0, le=100)
    """Phần trăm: phần trăm khối lượng đã làm, từ 0 đến 100; hoàn thành là 100."""
    ket_qua: Text | None = None
    """Kết quả: những việc đã làm."""
    minh_chung: list[HttpUrl] = no_items()
    """Minh chứng: địa chỉ văn bản, trang làm minh chứng."""
    ngay: date | None = None
    """Ngày báo cáo: ngày đơn vị báo cáo, nếu khác ngày tổng hợp."""

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
    """Năm: năm của kế hoạch."""
    quy: Quarter
    """Quý: quý báo cáo, từ 1 đến 4."""
    ngay: date
    """Ngày tổng hợp: ngày tổng hợp báo cáo."""
    ket_qua: list[Entry] = Field(min_length=1)
    """Kết quả từng nhiệm vụ: mỗi nhiệm vụ một mục."""
    du_lieu_mau: bool = False
    """Dữ liệu mẫu: bật khi đây là dữ liệu mẫu; xóa dòng này khi là báo cáo thật."""
