"""Content for the search tests and ``bench/search.py``: the real national records in ``../shared``, imported
with the importer, alone or with synthetic variants; and the citizens' query set."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.importer.run import import_records

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"


def make_content(sources: Path, out: Path) -> Path:
    """A content folder at ``out``: the project's site, sectors and synonyms, plus every national record."""
    shutil.rmtree(out, ignore_errors=True)
    (out / "thu-tuc").mkdir(parents=True)
    for name in ("site.yml", "linh-vuc.yml", "tu-dong-nghia.yml", "tu-dien.yml", "ngoai-tham-quyen.yml"):
        shutil.copy(CONTENT / name, out / name)
    import_records([sources], out / "thu-tuc", register=True)  # every record, sectors added as needed
    return out


SYNTHETIC = 830
"""Synthetic procedures added to the 271 real ones for the citizens' query set: 1,101 in all."""


def make_mixed_content(sources: Path, out: Path, synthetic: int = SYNTHETIC) -> Path:
    """A content folder of the real records (real codes) plus ``synthetic`` variants of them from
    ``bench/synth.py``, every synthetic name qualified so that none repeats a real name, with the
    project's sectors, synonyms and lexicon."""
    import yaml

    from bench import synth

    shutil.rmtree(out, ignore_errors=True)
    synth.synthesize(synthetic, out, real_dir=sources, qualify_all=True)
    made = yaml.safe_load((out / "linh-vuc.yml").read_text(encoding="utf-8"))["linh_vuc"]
    ours = yaml.safe_load((CONTENT / "linh-vuc.yml").read_text(encoding="utf-8"))["linh_vuc"]
    names, slugs = {s["ten"] for s in made}, {s["ma"] for s in made}
    registry = made + [s for s in ours if s["ten"] not in names and s["ma"] not in slugs]
    (out / "linh-vuc.yml").write_text(
        yaml.safe_dump({"linh_vuc": registry}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    for name in ("tu-dong-nghia.yml", "tu-dien.yml", "ngoai-tham-quyen.yml"):
        shutil.copy(CONTENT / name, out / name)
    import_records([sources], out / "thu-tuc")
    return out


# How citizens ask, over the justice catalogue: (class, query, expected codes: any one in the top 3).
# Written from the ways people type on a phone: questions with filler words, everyday names of papers,
# abbreviations, typos and spelling pairs, no tone marks, and exact titles.
KHAI_SINH = ["1.001193"]
KET_HON = ["1.000894"]
KHAI_TU = ["1.000656", "1.001766", "1.000419", "1.005461"]
TINH_TRANG = ["1.004873"]
BAN_SAO = ["2.000635"]
SAO_Y = ["2.000815"]
CHU_KY = ["2.000884", "2.000988", "2.000992", "2.001008", "2.000975"]
CHA_ME_CON = ["1.001022", "2.000779", "1.000689"]
CAI_CHINH = ["1.004859", "2.000748"]
TGPL = ["2.000829", "2.000596", "2.000587", "2.000518", "2.000840", "2.000954", "1.001233", "2.000592"]
CON_NUOI = ["2.001263", "2.001255"]
LUAT_SU_CC = ["1.000688", "1.000828", "1.008624", "1.008628"]
THE_CHAP_DAT = ["1.011441", "1.011442", "1.011443", "1.011444"]
XOA_THE_CHAP = ["1.011443", "1.011437", "1.011426", "1.011431"]
DONG_SAN = ["1.011435", "1.011436", "1.011437", "1.011438", "1.011439", "1.011440"]
TPL = [f"1.0089{n}" for n in range(21, 38)]
BOI_THUONG = ["2.002165", "2.002192", "2.002195", "2.002193", "2.002196"]
DANH_DU = ["2.002191", "2.002194"]
QUOC_TICH_NHAP = ["2.002039", "2.002797"]
QUOC_TICH_THOI = ["2.002036", "1.005141"]
QUOC_TICH_TRO_LAI = ["2.002038", "1.004757"]
DAU_GIA_CC = ["1.003915", "1.000802"]
GIAM_DINH = ["2.000581", "1.001122"]
VPCC = ["1.013834", "1.013835"]
GIAM_HO = ["1.004837", "1.001669"]
CCV = ["1.013859", "1.013830", "1.013832"]
THA = ["1.003091"]

CITIZEN_QUERIES: list[tuple[str, str, list[str]]] = [
    # questions and filler words
    ("filler", "làm giấy khai sinh cho con ở đâu", KHAI_SINH),
    ("filler", "muốn đăng ký kết hôn thì làm thế nào", KET_HON),
    ("filler", "tôi muốn làm giấy xác nhận tình trạng hôn nhân", TINH_TRANG),
    ("filler", "con tôi bị mất giấy khai sinh thì làm sao", ["1.004884", *BAN_SAO]),
    ("filler", "thủ tục đăng ký khai tử cần những giấy tờ gì", KHAI_TU),
    ("filler", "cho hỏi nhận con nuôi ở đâu", CON_NUOI),
    ("filler", "muốn xin quốc tịch việt nam thì làm sao", QUOC_TICH_NHAP),
    ("filler", "làm sao để được trợ giúp pháp lý miễn phí", ["2.000829"]),
    ("filler", "đăng ký giám hộ cho cháu ở đâu", GIAM_HO),
    ("filler", "hồ sơ chứng thực di chúc gồm những gì", ["2.001019"]),
    ("filler", "xin cấp bản sao giấy khai sinh mất bao lâu", BAN_SAO),
    ("filler", "tôi muốn bổ nhiệm công chứng viên", ["1.013803"]),
    ("filler", "thành lập văn phòng công chứng cần gì", VPCC),
    ("filler", "làm thế nào để thôi quốc tịch", QUOC_TICH_THOI),
    ("filler", "đăng ký khai sinh cho con bao nhiêu tiền", KHAI_SINH),
    ("filler", "làm giấy đăng ký kết hôn với người nước ngoài ở đâu", ["2.000806"]),
    ("filler", "cho hỏi yêu cầu thi hành án dân sự thế nào", THA),
    ("filler", "muốn sửa tên trong giấy khai sinh thì làm sao", CAI_CHINH),
    ("filler", "nhà tôi muốn thế chấp sổ đỏ thì đăng ký ở đâu", THE_CHAP_DAT),
    ("filler", "bố tôi mất rồi làm giấy chứng tử ở đâu", KHAI_TU),
    # everyday words
    ("everyday", "giấy khai sinh", KHAI_SINH),
    ("everyday", "giấy chứng tử", KHAI_TU),
    ("everyday", "giấy báo tử", KHAI_TU),
    ("everyday", "giấy độc thân", TINH_TRANG),
    ("everyday", "xác nhận độc thân", TINH_TRANG),
    ("everyday", "giấy hôn thú", KET_HON),
    ("everyday", "sao y bản chính", SAO_Y),
    ("everyday", "công chứng chữ ký", CHU_KY),
    ("everyday", "thế chấp sổ đỏ", THE_CHAP_DAT),
    ("everyday", "xóa thế chấp", XOA_THE_CHAP),
    ("everyday", "giải chấp sổ đỏ", XOA_THE_CHAP),
    ("everyday", "thế chấp ô tô", DONG_SAN),
    ("everyday", "nhận con", CHA_ME_CON),
    ("everyday", "nhận bố cho con", CHA_ME_CON),
    ("everyday", "đổi tên", CAI_CHINH),
    ("everyday", "sửa ngày sinh", CAI_CHINH),
    ("everyday", "xin con nuôi", CON_NUOI),
    ("everyday", "bỏ quốc tịch", QUOC_TICH_THOI),
    ("everyday", "lấy lại quốc tịch việt nam", QUOC_TICH_TRO_LAI),
    ("everyday", "luật sư miễn phí", ["2.000829"]),
    ("everyday", "bồi thường oan sai", BOI_THUONG),
    ("everyday", "minh oan", DANH_DU),
    ("everyday", "lập vi bằng", TPL),
    ("everyday", "thẻ luật sư", LUAT_SU_CC),
    ("everyday", "mở văn phòng luật", ["1.002010"]),
    ("everyday", "từ chối nhận thừa kế", ["2.001016"]),
    ("everyday", "chia thừa kế", ["2.001406"]),
    ("everyday", "ghi chú ly hôn", ["2.000554"]),
    ("everyday", "làm lại giấy khai sinh", ["1.004884"]),
    ("everyday", "khai tử tại nhà", ["1.000419"]),
    # abbreviations
    ("abbreviation", "TGPL", TGPL),
    ("abbreviation", "yêu cầu TGPL", ["2.000829"]),
    ("abbreviation", "thẻ CCV", CCV),
    ("abbreviation", "thanh lap VPCC", ["1.013834"]),
    ("abbreviation", "THADS", THA),
    ("abbreviation", "cấp thẻ GĐV", GIAM_DINH),
    ("abbreviation", "cấp CCHN luật sư", LUAT_SU_CC),
    ("abbreviation", "ĐGV", DAU_GIA_CC),
    ("abbreviation", "thẻ TVVPL", ["1.000426", "1.000390", "1.000404"]),
    ("abbreviation", "hỗ trợ pháp lý DNNVV", ["1.005464"]),
    ("abbreviation", "văn phòng TPL", ["1.008929", "1.008930", "1.008931"]),
    ("abbreviation", "QTV", ["1.002681", "2.001130", "1.014965", "1.014966", "2.001117", "1.001600"]),
    # typos and spelling pairs
    ("typo", "dang ki khai sinh", KHAI_SINH),
    ("typo", "đăng kí kết hôn", KET_HON),
    ("typo", "chứng thực chữ kí", CHU_KY),
    ("typo", "bổ nhiệm giám định viên tư pháb", GIAM_DINH),
    ("typo", "dang ky khai sinhh", KHAI_SINH),
    ("typo", "dang ky ket honn", KET_HON),
    ("typo", "xac nhan tinh trang hon nhn", TINH_TRANG),
    ("typo", "chung thuc di chucc", ["2.001019"]),
    ("typo", "cong chung vienn", [*CCV, "1.013803"]),
    ("typo", "thua phat lai bo nhiemm", ["1.008922"]),
    (
        "typo",
        "quoc tick viet nam",
        QUOC_TICH_NHAP + QUOC_TICH_THOI + QUOC_TICH_TRO_LAI + ["1.005136", "1.005137"],
    ),
    ("typo", "giám hộ có iếu tố nước ngoài", ["1.001669"]),
    # no tone marks
    ("unaccented", "dang ky khai tu", KHAI_TU),
    ("unaccented", "trich luc ho tich", BAN_SAO),
    ("unaccented", "nhap quoc tich", QUOC_TICH_NHAP),
    ("unaccented", "dang ky nuoi con nuoi trong nuoc", ["2.001263"]),
    ("unaccented", "cap the cong chung vien", ["1.013859"]),
    ("unaccented", "bo nhiem thua phat lai", ["1.008922"]),
    ("unaccented", "phuc hoi danh du", DANH_DU),
    ("unaccented", "chung thuc ban sao tu ban chinh", SAO_Y),
    ("unaccented", "so do the chap", THE_CHAP_DAT),
    ("unaccented", "giay chung tu", KHAI_TU),
    # exact titles, which must come first
    ("exact", "Thủ tục đăng ký khai sinh", KHAI_SINH),
    ("exact", "Đăng ký kết hôn", KET_HON),
    ("exact", "Chứng thực di chúc", ["2.001019"]),
    ("exact", "Bổ nhiệm công chứng viên", ["1.013803"]),
    ("exact", "Thành lập Văn phòng công chứng", ["1.013834"]),
    ("exact", "Cấp thẻ công chứng viên", ["1.013859"]),
    ("exact", "Đăng ký giám hộ", ["1.004837"]),
    ("exact", "Thủ tục đăng ký lại kết hôn", ["1.004746"]),
    ("exact", "Nhập quốc tịch Việt Nam ở trong nước", ["2.002039"]),
    ("exact", "Phục hồi danh dự (cấp tỉnh)", ["2.002191"]),
]
