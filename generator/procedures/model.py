"""The procedure (TTHC) record: one YAML file per procedure, ``content/thu-tuc/<ma_thu_tuc>.yml``.

Fields follow NĐ 63/2010 Điều 8 and the national portal (Cổng Dịch vụ công quốc gia), in its page order.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar, Literal

from pydantic import ConfigDict, Field, JsonValue, model_validator

from generator.core.fields import (
    Amount,
    AnyOf,
    Depends,
    FieldProblem,
    FieldRule,
    FormRef,
    HttpUrl,
    ProcedureCode,
    ProcedureRef,
    Record,
    SectorSlug,
    Text,
    first_broken,
    no_items,
)

Level = Literal["bo", "tinh", "huyen", "xa", "co_quan_khac"]
Kind = Literal["giao_luat", "khong_giao_luat", "loai_khac"]
Subject = Literal[
    "cong_dan_viet_nam",
    "nguoi_viet_nam_dinh_cu_o_nuoc_ngoai",
    "nguoi_nuoc_ngoai",
    "can_bo_cong_chuc_vien_chuc",
    "doanh_nghiep",
    "doanh_nghiep_viet_nam",
    "doanh_nghiep_co_von_dau_tu_nuoc_ngoai",
    "hop_tac_xa",
    "to_chuc",
    "to_chuc_nuoc_ngoai",
    "dang_vien",
    "to_chuc_dang",
]
Channel = Literal["truc_tiep", "truc_tuyen", "buu_chinh"]
TimeUnit = Literal["ngay_lam_viec", "ngay", "gio_lam_viec", "gio", "thang"]
Currency = Literal["VND", "USD"]
DecisionKind = Literal["moi", "sua_doi", "thay_the", "bai_bo"]
OnlineLevel = Literal["toan_trinh", "mot_phan", "khong"]
Status = Literal["hieu_luc", "bai_bo", "thay_the"]

LEVELS: dict[str, str] = {
    "bo": "Cấp bộ",
    "tinh": "Cấp tỉnh",
    "huyen": "Cấp huyện",
    "xa": "Cấp xã",
    "co_quan_khac": "Cơ quan khác",
}
KINDS: dict[str, str] = {
    "giao_luat": "TTHC được giao luật quy định chi tiết",
    "khong_giao_luat": "TTHC không được luật giao cho địa phương quy định",
    "loai_khac": "Loại khác",
}
SUBJECTS: dict[str, str] = {
    "cong_dan_viet_nam": "Công dân Việt Nam",
    "nguoi_viet_nam_dinh_cu_o_nuoc_ngoai": "Người Việt Nam định cư ở nước ngoài",
    "nguoi_nuoc_ngoai": "Người nước ngoài",
    "can_bo_cong_chuc_vien_chuc": "Cán bộ, công chức, viên chức",
    "doanh_nghiep": "Doanh nghiệp",
    "doanh_nghiep_viet_nam": "Doanh nghiệp Việt Nam",
    "doanh_nghiep_co_von_dau_tu_nuoc_ngoai": "Doanh nghiệp có vốn đầu tư nước ngoài",
    "hop_tac_xa": "Hợp tác xã",
    "to_chuc": "Tổ chức (không bao gồm doanh nghiệp, HTX)",
    "to_chuc_nuoc_ngoai": "Tổ chức nước ngoài",
    "dang_vien": "Đảng viên",
    "to_chuc_dang": "Tổ chức Đảng",
}
CHANNELS: dict[str, str] = {
    "truc_tiep": "Trực tiếp",
    "truc_tuyen": "Trực tuyến",
    "buu_chinh": "Dịch vụ bưu chính",
}
TIME_UNITS: dict[str, str] = {
    "ngay_lam_viec": "ngày làm việc",
    "ngay": "ngày",
    "gio_lam_viec": "giờ làm việc",
    "gio": "giờ",
    "thang": "tháng",
}
DECISION_KINDS: dict[str, str] = {
    "moi": "Công bố mới",
    "sua_doi": "Sửa đổi, bổ sung",
    "thay_the": "Thay thế",
    "bai_bo": "Bãi bỏ",
}
ONLINE_LEVELS: dict[str, str] = {
    "toan_trinh": "Dịch vụ công trực tuyến toàn trình",
    "mot_phan": "Dịch vụ công trực tuyến một phần",
    "khong": "Chưa cung cấp dịch vụ công trực tuyến",
}
STATUSES: dict[str, str] = {
    "hieu_luc": "Đang có hiệu lực",
    "bai_bo": "Đã bãi bỏ",
    "thay_the": "Đã được thay thế",
}


LEVEL_GIVEN: list[JsonValue] = [
    {"required": ["cap_thuc_hien"], "properties": {"cap_thuc_hien": {"minItems": 1}}},
    {"required": ["cap_thuc_hien_mo_ta"]},
]
"""The published schema's form of ``Procedure._level``: a level, or the level as the source writes it."""


NEEDS_LEVEL = (
    "cần ít nhất một cấp thực hiện; nếu nguồn không ghi cấp, ghi «cap_thuc_hien_mo_ta: Không có thông tin»"
)
"""A procedure with no level and no word about it (also refused by the web editor before saving)."""


class Agencies(Record):
    """The agencies involved in a procedure."""

    thuc_hien: list[Text] = no_items()
    """Cơ quan thực hiện: who receives and handles the dossier (for example «Sở Tư pháp»)."""
    tham_quyen: list[Text] = no_items()
    """Cơ quan có thẩm quyền quyết định."""
    duoc_uy_quyen: list[Text] = no_items()
    """Cơ quan được ủy quyền, if any."""
    phoi_hop: list[Text] = no_items()
    """Cơ quan phối hợp, if any."""


class ReceivingPlace(Record):
    """Một nơi tiếp nhận hồ sơ và trả kết quả."""

    ten: Text
    """Tên nơi tiếp nhận (for example «Trung tâm Phục vụ hành chính công tỉnh»)."""
    dia_chi: Text | None = None
    """Địa chỉ."""
    thoi_gian_lam_viec: Text | None = None
    """Thời gian tiếp nhận (days and hours)."""
    dien_thoai: Text | None = None
    """The place's published telephone number."""


class Step(Record):
    """Một bước trong trình tự thực hiện."""

    ten: Text | None = None
    """Short title of the step (optional)."""
    mo_ta: Text
    """What happens in this step; several lines allowed."""


class Duration(Record):
    """Thời hạn giải quyết of one channel: a number and a unit, with free text."""

    so: Amount | None = None
    """The number (for example 5). Leave empty when the source states none."""
    don_vi: TimeUnit | None = None
    """Đơn vị: ngay_lam_viec, ngay, gio_lam_viec, gio or thang. Empty when the source gives a bare number."""
    mo_ta: Text | None = None
    """Free text as published (for example «kể từ ngày nhận đủ hồ sơ hợp lệ»)."""

    depends: ClassVar[tuple[FieldRule, ...]] = (
        AnyOf(("so", "mo_ta"), "cần «so» (số) hoặc «mo_ta» (mô tả thời hạn)"),
    )

    @model_validator(mode="after")
    def _says_something(self) -> Duration:
        first_broken(self, self.depends)
        if self.don_vi is not None and self.so is None:
            raise FieldProblem("so", "có «don_vi» thì phải có «so»")
        return self


class Fee(Record):
    """Một khoản phí hoặc lệ phí. An amount of 0 means free of charge."""

    ten: Text | None = None
    """Tên khoản thu (for example «Lệ phí cấp thẻ»)."""
    so_tien: Amount | None = None
    """Amount; 0 = miễn phí. Empty only when the amount is not fixed (then explain in «mo_ta»)."""
    don_vi_tinh: Text | None = None
    """What the amount is charged per (for example «hồ sơ», «trang», «bản»)."""
    tien_te: Currency = "VND"
    """Currency: VND or USD."""
    mo_ta: Text | None = None
    """Free text: exemptions, reductions, how it is computed."""
    hieu_luc_tu: date | None = None
    """First day this amount applies (for temporary rates)."""
    hieu_luc_den: date | None = None
    """Last day this amount applies (for temporary rates)."""
    ap_dung_tai: Text | None = None
    """Where this amount applies, when it differs by place."""
    dia_phuong: bool = False
    """The province set this amount; kept on re-import."""

    depends: ClassVar[tuple[FieldRule, ...]] = (
        AnyOf(("so_tien", "mo_ta"), "cần «so_tien» (số tiền, 0 nếu miễn phí) hoặc «mo_ta»"),
    )

    @model_validator(mode="after")
    def _consistent(self) -> Fee:
        first_broken(self, self.depends)
        if self.hieu_luc_tu and self.hieu_luc_den and self.hieu_luc_den < self.hieu_luc_tu:
            raise FieldProblem("hieu_luc_den", "phải sau hoặc bằng «hieu_luc_tu»")
        return self


class Method(Record):
    """Một cách thức thực hiện (kênh nộp hồ sơ) with its own time and fees."""

    hinh_thuc: Channel
    """Hình thức nộp: truc_tiep, truc_tuyen or buu_chinh."""
    thoi_han: Duration | None = None
    """Thời hạn giải quyết for this channel."""
    phi_le_phi: list[Fee] = no_items()
    """Phí, lệ phí. An empty list means the procedure charges nothing through this channel."""
    mo_ta: Text | None = None
    """Mô tả: anything else about this channel."""


class Form(Record):
    """Một mẫu đơn, tờ khai."""

    ten: Text
    """The form's name or file name (for example «Mẫu TP-CC-05.docx»)."""
    tep: FormRef | None = None
    """Where to download it: the name of a file in content/mau/ (for example «tp-cc-05.docx»), published
    with the site, or an http(s) address."""

    @property
    def local_file(self) -> str | None:
        """The name of the file in content/mau/ this form is, if it is one."""
        return self.tep if self.tep and not self.tep.startswith(("http://", "https://")) else None


class Document(Record):
    """Một giấy tờ trong thành phần hồ sơ."""

    ten: Text
    """Tên giấy tờ."""
    ban_chinh: Annotated[int, Field(ge=0)] = 0
    """Số bản chính."""
    ban_sao: Annotated[int, Field(ge=0)] = 0
    """Số bản sao."""
    mau: list[Form] = no_items()
    """Mẫu đơn, tờ khai for this document."""
    ghi_chu: Text | None = None
    """Ghi chú."""


class Case(Record):
    """Thành phần hồ sơ for one case («trường hợp»); a single unnamed case when there is only one."""

    truong_hop: Text | None = None
    """The case, as published (for example «Đối với công chứng viên của Phòng công chứng»)."""
    giay_to: list[Document] = no_items()
    """The documents to submit in this case."""


class LegalBasis(Record):
    """Một văn bản là căn cứ pháp lý."""

    so_hieu: Text | None = None
    """Số, ký hiệu (for example «46/2024/QH15»)."""
    ten: Text
    """Trích yếu (title) of the document."""
    ngay_ban_hanh: date | None = None
    """Ngày ban hành."""


class Result(Record):
    """Một kết quả thực hiện."""

    ten: Text
    """Tên kết quả (for example «Thẻ công chứng viên»)."""
    ma: Text | None = None
    """Mã kết quả on the national portal (for example «KQ.G15.000178»)."""


class Decision(Record):
    """Một quyết định công bố thủ tục."""

    so: Text
    """Số quyết định (for example «1859/QĐ-BTP»)."""
    ngay: date | None = None
    """Ngày ký."""
    loai: DecisionKind | None = None
    """What the decision did to this procedure: moi, sua_doi, thay_the or bai_bo (empty when not stated)."""
    co_quan: Text | None = None
    """The issuing authority (for example «Bộ Tư pháp», «UBND tỉnh»)."""


class Procedure(Record):
    """Một thủ tục hành chính, as the agency publishes it."""

    model_config = ConfigDict(json_schema_extra={"anyOf": LEVEL_GIVEN})

    ma_thu_tuc: ProcedureCode
    """Mã thủ tục on the national database, always in quotes: "1.013859"."""
    ten_thu_tuc: Text
    """Tên thủ tục."""
    linh_vuc: SectorSlug
    """Lĩnh vực: the slug of a sector listed in content/linh-vuc.yml (for example «cong-chung»)."""
    cap_thuc_hien: list[Level] = no_items()
    """Cấp thực hiện: một hoặc nhiều cấp bo, tinh, huyen, xa, co_quan_khac. Chỉ để trống khi có
    «cap_thuc_hien_mo_ta»."""
    cap_thuc_hien_mo_ta: Text | None = None
    """Cấp thực hiện như nguồn ghi, giữ nguyên văn, khi không phải các cấp trên (ví dụ «Cấp thôn») hoặc khi
    nguồn không ghi cấp (trang ghi «Nguồn không ghi cấp thực hiện»)."""
    loai_thu_tuc: Kind | None = None
    """Loại thủ tục: giao_luat, khong_giao_luat or loai_khac."""
    doi_tuong: list[Subject] = no_items()
    """Đối tượng thực hiện."""
    doi_tuong_mo_ta: Text | None = None
    """Đối tượng thực hiện như nguồn ghi, giữ nguyên văn, khi không phải các đối tượng trên."""
    co_quan: Agencies = Field(
        default_factory=Agencies, json_schema_extra={"default": Agencies().model_dump(mode="json")}
    )
    """Cơ quan thực hiện, có thẩm quyền, được ủy quyền, phối hợp."""
    noi_tiep_nhan: list[ReceivingPlace] = no_items()
    """Where dossiers are received and results returned."""
    trinh_tu: list[Step] = no_items()
    """Trình tự thực hiện, step by step."""
    cach_thuc: list[Method]
    """Cách thức thực hiện: each channel with its time and fees; ``[]`` when the source gives none."""
    cach_thuc_mo_ta: Text | None = None
    """Cách thức thực hiện as published, where it could not be read into channels (kept verbatim)."""
    thanh_phan_ho_so: list[Case] = no_items()
    """Thành phần hồ sơ, grouped by case."""
    so_bo_ho_so: Annotated[int, Field(ge=1)] | None = None
    """Số lượng bộ hồ sơ."""
    yeu_cau_dieu_kien: Text | None = None
    """Yêu cầu, điều kiện thực hiện."""
    can_cu_phap_ly: list[LegalBasis] = no_items()
    """Căn cứ pháp lý."""
    ket_qua: list[Result] = no_items()
    """Kết quả thực hiện."""
    quyet_dinh_cong_bo: list[Decision] = no_items()
    """Quyết định công bố, oldest first."""
    dvc_truc_tuyen: OnlineLevel | None = None
    """Mức dịch vụ công trực tuyến: toan_trinh, mot_phan or khong."""
    url_nop_truc_tuyen: HttpUrl | None = None
    """Where citizens apply online; checked by a person."""
    url_dvcqg: HttpUrl | None = None
    """This procedure's page on the national portal."""
    thu_tuc_lien_quan: list[ProcedureCode] = no_items()
    """Codes of related procedures published on this site."""
    trang_thai: Status = "hieu_luc"
    """hieu_luc, bai_bo or thay_the."""
    ma_thay_the: ProcedureRef | None = None
    """With trang_thai: thay_the, the code of the procedure that replaces this one."""
    tu_khoa: list[Text] = no_items()
    """Từ khóa: other words citizens use for this procedure."""
    ghi_chu: Text | None = None
    """Local notes published with the procedure."""
    ngay_cap_nhat: date | None = None
    """Ngày cập nhật: when the agency last changed this record."""

    depends: ClassVar[tuple[FieldRule, ...]] = (
        Depends(
            "ma_thay_the",
            "trang_thai",
            ("thay_the",),
            True,
            "thủ tục đã được thay thế phải ghi mã thủ tục thay thế",
        ),
        Depends("ma_thay_the", "trang_thai", ("thay_the",), False, "chỉ ghi khi «trang_thai» là thay_the"),
    )

    @model_validator(mode="after")
    def _level(self) -> Procedure:
        if not self.cap_thuc_hien and self.cap_thuc_hien_mo_ta is None:
            raise FieldProblem("cap_thuc_hien", NEEDS_LEVEL)
        return self

    @model_validator(mode="after")
    def _replacement(self) -> Procedure:
        first_broken(self, self.depends)
        if self.ma_thay_the == self.ma_thu_tuc:
            raise FieldProblem("ma_thay_the", "không được trùng với chính mã thủ tục này")
        return self
