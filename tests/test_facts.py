"""What citizens read of time and fees, from the structured record."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.core.records import load_one
from generator.core.render import md, number, url
from generator.procedures import facts
from generator.procedures.model import ONLINE_LEVELS, Agencies, Duration, Fee, Method, Procedure

from .conftest import REPO


def procedure(*methods: Method) -> Procedure:
    return Procedure(
        ma_thu_tuc="1.000001",
        ten_thu_tuc="Thử",
        linh_vuc="x",
        cap_thuc_hien=["tinh"],
        cach_thuc=list(methods),
    )


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal(100000), "100.000"), (Decimal("2.5"), "2,5"), (0, "0"), (Decimal("1000000.00"), "1.000.000")],
)
def test_numbers_read_the_vietnamese_way(value: Decimal, text: str) -> None:
    assert number(value) == text


@pytest.mark.parametrize(
    ("duration", "text"),
    [
        (Duration(so=Decimal(5), don_vi="ngay_lam_viec"), "5 ngày làm việc"),
        (Duration(so=Decimal(1)), "1 (nguồn không ghi đơn vị)"),
        (Duration(mo_ta="Trong ngày"), "Trong ngày"),
        (
            Duration(so=Decimal(105), don_vi="ngay", mo_ta="kể từ ngày nhận đủ hồ sơ"),
            "105 ngày; kể từ ngày nhận đủ hồ sơ",
        ),
        (None, ""),
        (Duration(mo_ta="Không có thông tin"), ""),
    ],
)
def test_duration_text(duration: Duration | None, text: str) -> None:
    assert facts.duration_text(duration) == text


def test_fee_with_window_and_place() -> None:
    fee = Fee(
        so_tien=Decimal(25000),
        don_vi_tinh="hồ sơ",
        hieu_luc_tu="2025-07-01",
        hieu_luc_den="2026-12-31",
        ap_dung_tai="Trung tâm Phục vụ hành chính công",
    )
    assert facts.fee_text(fee) == (
        "25.000 đồng/hồ sơ (áp dụng từ 01/07/2025 đến hết 31/12/2026) (tại Trung tâm Phục vụ hành chính công)"
    )


def test_a_note_never_runs_into_the_amount() -> None:
    assert facts.fee_text(Fee(so_tien=Decimal(0), mo_ta="Không quy định")) == "Miễn phí (Không quy định)"
    assert facts.fee_text(Fee(ten="Lệ phí", so_tien=Decimal(8000))) == "Lệ phí: 8.000 đồng"
    assert facts.fee_text(Fee(mo_ta="Theo mức do HĐND tỉnh quy định")) == "Theo mức do HĐND tỉnh quy định"
    assert facts.fee_text(Fee(mo_ta="Không có thông tin")) == ""


def test_no_channel_is_neither_free_nor_timed() -> None:
    p = procedure()
    assert (facts.is_free(p), facts.fee_summary(p), facts.time_summary(p), facts.how_to_apply(p)) == (
        False,
        "",
        "",
        "",
    )


def test_unknown_fees_are_left_out_of_the_summary() -> None:
    p = procedure(Method(hinh_thuc="truc_tiep", phi_le_phi=[Fee(mo_ta="Không có thông tin")]))
    assert (facts.is_free(p), facts.fee_summary(p), facts.method_fees(p.cach_thuc[0])) == (False, "", [])


def test_where_and_how_to_apply() -> None:
    agency = "Sở Tư pháp tỉnh Bình Phước"
    provincial = procedure(Method(hinh_thuc="truc_tiep"), Method(hinh_thuc="truc_tuyen")).model_copy(
        update={"co_quan": Agencies(thuc_hien=["Sở Tư pháp", "Giám đốc Sở Tư pháp"])}
    )
    assert facts.where_to_apply(provincial, agency) == [
        "Trung tâm Phục vụ hành chính công tỉnh (tiếp nhận hồ sơ của Sở Tư pháp tỉnh Bình Phước)"
    ]
    assert facts.how_to_apply(provincial) == "Trực tiếp hoặc trực tuyến"
    both = provincial.model_copy(
        update={"cap_thuc_hien": ["tinh", "xa"], "co_quan": Agencies(thuc_hien=["Văn phòng Đăng ký đất đai"])}
    )
    assert facts.where_to_apply(both, agency) == ["Văn phòng Đăng ký đất đai", facts.COMMUNE]


def test_usd_fee() -> None:
    assert facts.amount_text(Fee(so_tien=Decimal(10), tien_te="USD", don_vi_tinh="bản")) == "10 USD/bản"


def test_free_and_paid_summaries() -> None:
    free = procedure(Method(hinh_thuc="truc_tiep", phi_le_phi=[Fee(so_tien=Decimal(0))]))
    assert facts.is_free(free)
    assert facts.fee_summary(free) == "Miễn phí"
    paid = procedure(
        Method(hinh_thuc="truc_tiep", phi_le_phi=[Fee(so_tien=Decimal(100000), don_vi_tinh="hồ sơ")]),
        Method(hinh_thuc="truc_tuyen", phi_le_phi=[Fee(so_tien=Decimal(50000), don_vi_tinh="hồ sơ")]),
    )
    assert not facts.is_free(paid)
    assert facts.fee_summary(paid) == "100.000 đồng/hồ sơ; 50.000 đồng/hồ sơ"


def test_time_summary_per_channel_when_channels_differ() -> None:
    p = procedure(
        Method(hinh_thuc="truc_tiep", thoi_han=Duration(so=Decimal(5), don_vi="ngay_lam_viec")),
        Method(hinh_thuc="truc_tuyen", thoi_han=Duration(so=Decimal(3), don_vi="ngay_lam_viec")),
    )
    assert facts.time_summary(p) == "Trực tiếp: 5 ngày làm việc; Trực tuyến: 3 ngày làm việc"


def test_escaping_and_urls() -> None:
    assert md("a | b\n  c") == "a &#124; b c"
    assert md("<b>") == "&#60;b&#62;"
    assert url("https://x.vn/a(b)") == "https://x.vn/a%28b%29"
    with pytest.raises(ValueError, match="not an http"):
        url("javascript:alert(1)")


@pytest.mark.parametrize(
    ("level", "channels", "files", "text", "how"),
    [
        (None, ["truc_tiep", "truc_tuyen"], True, facts.ONLINE_NOT_DECLARED, "Trực tiếp hoặc trực tuyến"),
        (None, ["truc_tiep"], False, facts.ONLINE_NOT_LISTED, "Trực tiếp"),
        (None, [], False, facts.ONLINE_UNKNOWN, ""),
        (
            "mot_phan",
            ["truc_tiep", "truc_tuyen"],
            True,
            ONLINE_LEVELS["mot_phan"],
            "Trực tiếp hoặc trực tuyến",
        ),
        ("khong", ["truc_tiep", "truc_tuyen"], False, ONLINE_LEVELS["khong"], "Trực tiếp"),
    ],
)
def test_the_online_fact_has_one_source(
    level: str | None, channels: list[str], files: bool, text: str, how: str
) -> None:
    p = procedure(*(Method(hinh_thuc=c) for c in channels)).model_copy(update={"dvc_truc_tuyen": level})
    assert (facts.files_online(p), facts.online_text(p), facts.how_to_apply(p)) == (files, text, how)


def test_no_default_procedure_says_it_files_online_and_that_it_does_not() -> None:
    """Walks every default procedure: «Cách nộp hồ sơ» names «trực tuyến» exactly when the online fact
    says citizens can file online, and then the online fact never reads «not published» or «not offered»."""
    paths = sorted((REPO / "content" / "thu-tuc").glob("*.yml"))
    assert len(paths) > 200
    online = 0
    for path in paths:
        loaded, errors = load_one(path, Procedure)
        assert loaded is not None, errors
        p = loaded.record
        text = facts.online_text(p)
        assert ("trực tuyến" in facts.how_to_apply(p).lower()) == facts.files_online(p), path.name
        if facts.files_online(p):
            online += 1
            assert text not in (facts.ONLINE_UNKNOWN, facts.ONLINE_NOT_LISTED, ONLINE_LEVELS["khong"]), (
                path.name
            )
    assert online > len(paths) // 2
