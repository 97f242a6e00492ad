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
    MoneyAmount,
    ProcedureCode,
    ProcedureRef,
    Record,
    SectorSlug,
    Text,
    first_broken,
    no_items,
)
from generator.core.labels import Choices, describe

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
CURRENCIES: dict[str, str] = {"VND": "Đồng Việt Nam (VND)", "USD": "Đô la Mỹ (USD)"}

Level = Annotated[Literal["bo", "tinh", "huyen", "xa", "co_quan_khac"], Choices(LEVELS)]
Kind = Annotated[Literal["giao_luat", "khong_giao_luat", "loai_khac"], Choices(KINDS)]
Subject = Annotated[
    Literal[
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
    ],
    Choices(SUBJECTS),
]
Channel = Annotated[Literal["truc_tiep", "truc_tuyen", "buu_chinh"], Choices(CHANNELS)]
TimeUnit = Annotated[Literal["ngay_lam_viec", "ngay", "gio_lam_viec", "gio", "thang"], Choices(TIME_UNITS)]
Currency = Annotated[Literal["VND", "USD"], Choices(CURRENCIES)]
DecisionKind = Annotated[Literal["moi", "sua_doi", "thay_the", "bai_bo"], Choices(DECISION_KINDS)]
OnlineLevel = Annotated[Literal["toan_trinh", "mot_phan", "khong"], Choices(ONLINE_LEVELS)]
Status = Annotated[Literal["hieu_luc", "bai_bo", "thay_the"], Choices(STATUSES)]


LEVEL_GIVEN: list[JsonValue] = [
    {"required": ["cap_thuc_hien"], "properties": {"cap_thuc_hien": {"minItems": 1}}},
    {"required": ["cap_thuc_hien_mo_ta"]},
]
"""The published schema's form of ``Procedure._level``: a level, or the level as the source writes it."""


NEEDS_LEVEL = (
    "cần ít nhất một cấp thực hiện; nếu nguồn không ghi cấp, ghi «cap_thuc_hien_mo_ta: Không có thông tin»"
)
"""A procedure with no level and no word about it (also refused by the web editor before saving)."""


def _level_given(schema: dict[str, JsonValue], model: type[Record]) -> None:
    """The procedure's schema: its fields described, and :data:`LEVEL_GIVEN`."""
    describe(schema, model)
    schema["anyOf"] = LEVEL_GIVEN


class Agencies(Record):
    """The agencies involved in a procedure."""

    thuc_hien: list[Text] = no_items()
    """Cơ quan thực hiện: cơ quan tiếp nhận và giải quyết hồ sơ, ví dụ «Sở Tư pháp»."""
    tham_quyen: list[Text] = no_items()
    """Cơ quan có thẩm quyền: cơ quan có thẩm quyền quyết định."""
    duoc_uy_quyen: list[Text] = no_items()
    """Cơ quan được ủy quyền: cơ quan được ủy quyền giải quyết, nếu có."""
    phoi_hop: list[Text] = no_items()
    """Cơ quan phối hợp: cơ quan phối hợp giải quyết, nếu có."""


class ReceivingPlace(Record):
    """Một nơi tiếp nhận hồ sơ và trả kết quả."""

    ten: Text
    """Tên nơi tiếp nhận: ví dụ «Trung tâm Phục vụ hành chính công tỉnh»."""
    dia_chi: Text | None = None
    """Địa chỉ: số nhà, đường, phường hoặc xã của nơi tiếp nhận."""
    thoi_gian_lam_viec: Text | None = None
    """Thời gian tiếp nhận: các ngày và giờ tiếp nhận hồ sơ."""
    dien_thoai: Text | None = None
    """Điện thoại: số điện thoại đã công bố của nơi tiếp nhận."""


class Step(Record):
    """Một bước trong trình tự thực hiện."""

    ten: Text | None = None
    """Tên bước: tên ngắn của bước, có thể để trống."""
    mo_ta: Text
    """Nội dung bước: việc thực hiện ở bước này; được viết nhiều dòng."""


class Duration(Record):
    """Thời hạn giải quyết of one channel: a number and a unit, with free text."""

    so: Amount | None = None
    """Số: số ngày, giờ hoặc tháng, ví dụ 5; để trống khi nguồn không ghi."""
    don_vi: TimeUnit | None = None
    """Đơn vị: đơn vị của số; để trống khi nguồn chỉ ghi một con số."""
    mo_ta: Text | None = None
    """Mô tả thời hạn: nguyên văn như nguồn ghi, ví dụ «kể từ ngày nhận đủ hồ sơ hợp lệ»."""

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
    """Tên khoản thu: ví dụ «Lệ phí cấp thẻ»."""
    so_tien: MoneyAmount | None = None
    """Số tiền: ghi 0 nếu miễn phí; chỉ để trống khi số tiền không cố định (khi đó giải thích ở phần
    mô tả)."""
    don_vi_tinh: Text | None = None
    """Đơn vị tính: số tiền tính theo gì, ví dụ «hồ sơ», «trang», «bản»."""
    tien_te: Currency = "VND"
    """Loại tiền: đồng Việt Nam hoặc đô la Mỹ."""
    mo_ta: Text | None = None
    """Mô tả: miễn, giảm, cách tính."""
    hieu_luc_tu: date | None = None
    """Áp dụng từ ngày: ngày đầu tiên áp dụng mức thu này (với mức thu tạm thời)."""
    hieu_luc_den: date | None = None
    """Áp dụng đến ngày: ngày cuối cùng áp dụng mức thu này (với mức thu tạm thời)."""
    ap_dung_tai: Text | None = None
    """Nơi áp dụng: nơi áp dụng mức thu này, khi mức thu khác nhau theo nơi."""
    dia_phuong: bool = False
    """Mức thu của tỉnh: mức thu do tỉnh quy định; được giữ nguyên khi nhập lại từ Cổng DVCQG."""

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
    """Hình thức nộp: trực tiếp, trực tuyến hoặc qua dịch vụ bưu chính."""
    thoi_han: Duration | None = None
    """Thời hạn giải quyết: thời hạn giải quyết khi nộp theo hình thức này."""
    phi_le_phi: list[Fee] = no_items()
    """Phí, lệ phí: các khoản thu; để trống nghĩa là không thu gì khi nộp theo hình thức này."""
    mo_ta: Text | None = None
    """Mô tả: điều khác về hình thức nộp này."""


class Form(Record):
    """Một mẫu đơn, tờ khai."""

    ten: Text
    """Tên mẫu: tên hoặc tên tệp của mẫu đơn, tờ khai, ví dụ «Mẫu TP-CC-05.docx»."""
    tep: FormRef | None = None
    """Tệp mẫu: tên một tệp trong thư mục content/mau/ (ví dụ tp-cc-05.docx), được xuất bản cùng trang, hoặc
    một địa chỉ bắt đầu bằng https://."""

    @property
    def local_file(self) -> str | None:
        """The name of the file in content/mau/ this form is, if it is one."""
        return self.tep if self.tep and not self.tep.startswith(("http://", "https://")) else None


class Document(Record):
    """Một giấy tờ trong thành phần hồ sơ."""

    ten: Text
    """Tên giấy tờ: tên giấy tờ phải nộp."""
    ban_chinh: Annotated[int, Field(ge=0)] = 0
    """Số bản chính: số bản chính phải nộp."""
    ban_sao: Annotated[int, Field(ge=0)] = 0
    """Số bản sao: số bản sao phải nộp."""
    mau: list[Form] = no_items()
    """Mẫu đơn, tờ khai: các mẫu của giấy tờ này."""
    ghi_chu: Text | None = None
    """Ghi chú: điều cần lưu ý về giấy tờ này."""


class Case(Record):
    """Thành phần hồ sơ for one case («trường hợp»); a single unnamed case when there is only one."""

    truong_hop: Text | None = None
    """Trường hợp: trường hợp áp dụng như nguồn ghi, ví dụ «Đối với công chứng viên của Phòng công chứng»."""
    giay_to: list[Document] = no_items()
    """Giấy tờ: các giấy tờ phải nộp trong trường hợp này."""


class LegalBasis(Record):
    """Một văn bản là căn cứ pháp lý."""

    so_hieu: Text | None = None
    """Số, ký hiệu: ví dụ «46/2024/QH15»."""
    ten: Text
    """Trích yếu: tên văn bản."""
    ngay_ban_hanh: date | None = None
    """Ngày ban hành: ngày ký ban hành văn bản."""


class Result(Record):
    """Một kết quả thực hiện."""

    ten: Text
    """Tên kết quả: ví dụ «Thẻ công chứng viên»."""
    ma: Text | None = None
    """Mã kết quả: mã trên Cổng DVCQG, ví dụ «KQ.G15.000178»."""


class Decision(Record):
    """Một quyết định công bố thủ tục."""

    so: Text
    """Số quyết định: ví dụ «1859/QĐ-BTP»."""
    ngay: date | None = None
    """Ngày ký: ngày ký quyết định."""
    loai: DecisionKind | None = None
    """Loại công bố: quyết định này công bố mới, sửa đổi, thay thế hay bãi bỏ thủ tục; để trống khi không ghi.
    Loại công bố: quyết định này công bố mới, sửa đổi, thay thế hay bãi bỏ thủ tục; để trống khi không ghi."""
    co_quan: Text | None = None
    """Cơ quan ban hành: ví dụ «Bộ Tư pháp», «UBND tỉnh»."""


class Procedure(Record):
    """Một thủ tục hành chính, as the agency publishes it."""

    model_config = ConfigDict(json_schema_extra=lambda schema, model: _level_given(schema, model))

    ma_thu_tuc: ProcedureCode
    """Mã thủ tục: mã trên Cơ sở dữ liệu quốc gia về TTHC, ví dụ 1.013859 (viết tay trong tệp thì đặt
    trong dấu nháy kép: "1.013859")."""
    ten_thu_tuc: Text
    """Tên thủ tục: tên đầy đủ như đã công bố."""
    linh_vuc: SectorSlug
    """Lĩnh vực: lĩnh vực của thủ tục, chọn trong danh mục lĩnh vực, ví dụ «Công chứng»."""
    cap_thuc_hien: list[Level] = no_items()
    """Cấp thực hiện: một hoặc nhiều cấp; chỉ để trống khi có «Cấp thực hiện như nguồn ghi»."""
    cap_thuc_hien_mo_ta: Text | None = None
    """Cấp thực hiện như nguồn ghi: nguyên văn, khi không phải các cấp trên (ví dụ «Cấp thôn») hoặc khi nguồn
    không ghi cấp (trang ghi «Nguồn không ghi cấp thực hiện»)."""
    loai_thu_tuc: Kind | None = None
    """Loại thủ tục: theo cách phân loại của Cơ sở dữ liệu quốc gia về TTHC."""
    doi_tuong: list[Subject] = no_items()
    """Đối tượng thực hiện: người, tổ chức thực hiện thủ tục."""
    doi_tuong_mo_ta: Text | None = None
    """Đối tượng thực hiện như nguồn ghi: nguyên văn, khi không phải các đối tượng trên."""
    co_quan: Agencies = Field(
        default_factory=Agencies, json_schema_extra={"default": Agencies().model_dump(mode="json")}
    )
    """Cơ quan: cơ quan thực hiện, có thẩm quyền, được ủy quyền, phối hợp."""
    noi_tiep_nhan: list[ReceivingPlace] = no_items()
    """Nơi tiếp nhận: nơi tiếp nhận hồ sơ và trả kết quả."""
    trinh_tu: list[Step] = no_items()
    """Trình tự thực hiện: các bước, theo thứ tự."""
    cach_thuc: list[Method]
    """Cách thức thực hiện: mỗi hình thức nộp cùng thời hạn và phí, lệ phí; để trống khi nguồn không ghi."""
    cach_thuc_mo_ta: Text | None = None
    """Cách thức thực hiện như nguồn ghi: nguyên văn, phần không tách được thành từng hình thức nộp."""
    thanh_phan_ho_so: list[Case] = no_items()
    """Thành phần hồ sơ: các giấy tờ phải nộp, theo từng trường hợp."""
    so_bo_ho_so: Annotated[int, Field(ge=1)] | None = None
    """Số bộ hồ sơ: số bộ hồ sơ phải nộp."""
    yeu_cau_dieu_kien: Text | None = None
    """Yêu cầu, điều kiện: yêu cầu, điều kiện thực hiện thủ tục."""
    can_cu_phap_ly: list[LegalBasis] = no_items()
    """Căn cứ pháp lý: các văn bản quy định thủ tục."""
    ket_qua: list[Result] = no_items()
    """Kết quả thực hiện: giấy tờ người dân nhận được."""
    quyet_dinh_cong_bo: list[Decision] = no_items()
    """Quyết định công bố: các quyết định công bố thủ tục, cũ nhất trước."""
    dvc_truc_tuyen: OnlineLevel | None = None
    """Mức dịch vụ công trực tuyến: toàn trình, một phần hoặc chưa cung cấp."""
    url_nop_truc_tuyen: HttpUrl | None = None
    """Địa chỉ nộp trực tuyến: nơi người dân nộp hồ sơ trực tuyến; cần người kiểm tra."""
    url_dvcqg: HttpUrl | None = None
    """Trang trên Cổng DVCQG: địa chỉ trang của thủ tục này trên Cổng Dịch vụ công quốc gia."""
    thu_tuc_lien_quan: list[ProcedureCode] = no_items()
    """Thủ tục liên quan: mã các thủ tục liên quan có trên trang này."""
    trang_thai: Status = "hieu_luc"
    """Trạng thái: còn hiệu lực, đã bãi bỏ hay đã được thay thế."""
    ma_thay_the: ProcedureRef | None = None
    """Mã thủ tục thay thế: khi thủ tục đã được thay thế, mã thủ tục thay thế nó."""
    tu_khoa: list[Text] = no_items()
    """Từ khóa: các cách gọi khác mà người dân dùng cho thủ tục này."""
    ghi_chu: Text | None = None
    """Ghi chú: ghi chú của cơ quan, được công bố cùng thủ tục."""
    ngay_cap_nhat: date | None = None
    """Ngày cập nhật: ngày cơ quan sửa bản ghi này lần cuối."""

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
