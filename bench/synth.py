"""Realistic synthetic content at any size, recombined from the 271 real Bộ Tư pháp records.

The real records (``../shared/data/dvcqg/bo-tu-phap/*.json``, flattened portal text) are converted roughly
into record dicts: steps, channels with times and fees, documents, legal bases and results. Synthetic
procedure ``i`` starts from one real record and, with a seeded random generator of its own, varies its name,
times and fees and mixes in steps, documents, legal bases and related procedures from other records of the
same sector. Codes are unique; sectors grow with the catalogue (about one per 25 procedures, named after the
real sectors and an area). The output is a complete content folder that ``congkhai check`` accepts.

This module deliberately does not use ``generator.importer``: the conversion here is rough and only has to
produce valid, realistic-looking records.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from generator.core.fields import slugify
from generator.procedures.model import SUBJECTS

REAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "dvcqg" / "bo-tu-phap"
PER_SECTOR = 25
NONE_TEXT = ("không có thông tin", "không", "không có", "")

LEVELS = {
    "Cấp bộ": "bo",
    "Cấp tỉnh": "tinh",
    "Cấp huyện": "huyen",
    "Cấp xã": "xa",
    "Cơ quan khác": "co_quan_khac",
}
KINDS = {
    "TTHC được giao luật quy định chi tiết": "giao_luat",
    "TTHC không được luật giao cho địa phương quy định": "khong_giao_luat",
}
CHANNELS = {"Trực tiếp": "truc_tiep", "Trực tuyến": "truc_tuyen", "Dịch vụ bưu chính": "buu_chinh"}
UNITS = {"ngày làm việc": "ngay_lam_viec", "ngày": "ngay", "giờ làm việc": "gio_lam_viec", "giờ": "gio"}
AREAS = (
    "Đồng Xoài",
    "Bình Long",
    "Phước Long",
    "Chơn Thành",
    "Lộc Ninh",
    "Bù Đốp",
    "Bù Đăng",
    "Bù Gia Mập",
    "Hớn Quản",
    "Đồng Phú",
    "Phú Riềng",
    "Tân Phú",
    "Tân Bình",
    "Tân Đồng",
    "Tiến Thành",
    "Hưng Long",
    "Minh Hưng",
    "Nha Bích",
    "Thành Tâm",
    "Lộc Thạnh",
    "Thiện Hưng",
    "Đức Liễu",
    "Nghĩa Trung",
    "Đa Kia",
    "Phước Bình",
    "Long Hà",
    "Bình Tân",
    "Long Bình",
    "Thuận Lợi",
    "Tân Lập",
    "Đồng Tâm",
    "Tân Hưng",
    "An Khương",
    "Thanh Lương",
    "Minh Long",
    "Thanh Phú",
    "Lộc Hiệp",
    "Lộc Tấn",
    "Hưng Phước",
    "Tân Tiến",
)
NAME_QUALIFIERS = (
    "tại {area}",
    "có yếu tố nước ngoài",
    "trong trường hợp đặc biệt",
    "đối với {subject}",
    "theo thủ tục rút gọn",
    "liên thông với cấp xã",
    "khi thay đổi nơi cư trú",
    "cho {subject} tại {area}",
)
SUBJECT_NAMES = ("người nước ngoài", "doanh nghiệp", "hợp tác xã", "tổ chức", "người dân tộc thiểu số")

_UPPER = r"(?:[A-ZĐ](?![a-zà-ỹđ]))+"
_CODE = re.compile(
    rf"(?:(?<=năm \d{{4}})|(?<!\d))\d{{1,4}}(?:\.\d+)?/(?:\d{{4}}/)?{_UPPER}(?:-{_UPPER})*(?:\d{{2}})?"
)
_DURATION = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(ngày làm việc|ngày|giờ làm việc|giờ)?", re.IGNORECASE)
_AMOUNT = re.compile(r"([\d.,]+)\s*(Việt Nam Đồng|Đồng|USD)")
_COPIES = re.compile(r"(\d+) bản (chính|sao)")
_FORM = re.compile(r"(.*?)\s*([A-Z][\w\-. ]{1,40}?\.(?:docx?|pdf|xlsx?))\s*$")


class MissingData(SystemExit):
    """The real records are not there; the bench cannot run."""


# --- converting the flattened portal text, roughly ----------------------------------------------------


def _clean(text: str) -> str:
    return re.sub(r"[ \t\xa0]+", " ", text).strip()


def _present(text: str) -> str | None:
    text = _clean(text)
    return None if text.lower().rstrip(".") in NONE_TEXT else text


def _list(text: str) -> list[str]:
    value = _present(text)
    return [part.strip() for part in re.split(r",\s*(?=[A-ZĐỦ])", value)] if value else []


def _steps(text: str) -> list[dict[str, Any]]:
    steps: list[str] = []
    for line in (_clean(line) for line in text.splitlines()):
        if not line:
            continue
        if steps and not re.match(r"^(-|Bước|\d+[.)])", line):
            steps[-1] += "\n" + line
        else:
            steps.append(line.lstrip("- ").strip() or line)
    return [{"mo_ta": step[:1200]} for step in steps[:10] if step]


def _fees(text: str) -> tuple[list[dict[str, Any]], str]:
    if text.startswith("Miễn phí"):
        return [{"so_tien": 0}], text.removeprefix("Miễn phí")
    match = _AMOUNT.match(text)
    if not match:
        return [], text
    amount = int(re.sub(r"[.,]", "", match.group(1)) or 0)
    fee: dict[str, Any] = {"ten": "Lệ phí", "so_tien": amount, "don_vi_tinh": "hồ sơ"}
    if match.group(2) == "USD":
        fee["tien_te"] = "USD"
    return [fee], text[match.end() :]


def _methods(text: str) -> list[dict[str, Any]]:
    body = text.split("Mô tả", 1)[-1]
    parts = re.split(r"(Trực tuyến|Trực tiếp|Dịch vụ bưu chính)", body)
    methods: list[dict[str, Any]] = []
    for channel, rest in zip(parts[1::2], parts[2::2], strict=True):
        method: dict[str, Any] = {"hinh_thuc": CHANNELS[channel]}
        duration = _DURATION.match(rest)
        if duration:
            method["thoi_han"] = {"so": int(float(duration.group(1).replace(",", ".")))}
            if duration.group(2):
                method["thoi_han"]["don_vi"] = UNITS[duration.group(2).lower()]
            rest = rest[duration.end() :]
        rest = rest.removeprefix("Không có thông tin")
        fees, rest = _fees(rest.strip())
        method["phi_le_phi"] = fees
        note = _present(rest.strip("() "))
        if note:
            method["mo_ta"] = note[:600]
        if all(m["hinh_thuc"] != method["hinh_thuc"] for m in methods):
            methods.append(method)
    return methods or [{"hinh_thuc": "truc_tiep", "mo_ta": "Nộp hồ sơ trực tiếp tại nơi tiếp nhận"}]


def _documents(text: str) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    rows = _COPIES.split(text)
    for name, count, kind in zip(rows[0::3], rows[1::3], rows[2::3], strict=False):
        name = _clean(name).lstrip("-+* ").strip()
        if not name or len(name) < 4:
            continue
        doc: dict[str, Any] = {"ten": name[:500]}
        form = _FORM.match(name)
        if form and form.group(1):
            doc["ten"], doc["mau"] = form.group(1)[:500], [{"ten": form.group(2)}]
        doc["ban_chinh" if kind == "chính" else "ban_sao"] = int(count)
        docs.append(doc)
    return docs


def _cases(text: str) -> list[dict[str, Any]]:
    header = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
    chunks = text.split(header)
    cases: list[dict[str, Any]] = []
    title = chunks[0]
    for chunk in chunks[1:]:
        # The next case's title is glued to the end of this chunk, after its last "N bản chính/sao".
        last = list(_COPIES.finditer(chunk))
        body, after = (chunk[: last[-1].end()], chunk[last[-1].end() :]) if last else (chunk, "")
        case: dict[str, Any] = {"giay_to": _documents(body)}
        title = _clean(title).strip("-*: ")
        if title:
            case["truong_hop"] = title
        if case["giay_to"]:
            cases.append(case)
        title = after
    return cases


def _legal(text: str) -> list[dict[str, Any]]:
    body = text.split("Mã văn bản", 1)[-1]
    laws: list[dict[str, Any]] = []
    start = 0
    for match in _CODE.finditer(body):
        name = _clean(body[start : match.start()]) or match.group(0)
        start = match.end()
        if len(name) >= 3 and all(law["so_hieu"] != match.group(0) for law in laws):
            laws.append({"so_hieu": match.group(0), "ten": name[:400]})
    return laws


def _results(text: str) -> list[dict[str, Any]]:
    head = text.split("Từ khóa", 1)[0]
    found = [
        {"ten": _clean(name), "ma": code}
        for name, code in re.findall(r"(.+?)Mã: (KQ\.[A-Z0-9]+\.\d+)", head)
        if _clean(name)
    ]
    name = _present(head)
    return found or ([{"ten": name[:300]}] if name else [])


def _subjects(text: str) -> list[str]:
    found: list[str] = []
    for key, label in sorted(SUBJECTS.items(), key=lambda item: -len(item[1])):
        if label in text:
            found.append(key)
            text = text.replace(label, "")
    return sorted(found, key=list(SUBJECTS).index)


def convert(raw: dict[str, str]) -> dict[str, Any]:
    """One portal record as a rough procedure dict (without code, sector slug or local facts)."""
    record: dict[str, Any] = {
        "ten_thu_tuc": _clean(raw["ten_thu_tuc"]),
        "sector_name": _clean(raw["linh_vuc"]),
        "cap_thuc_hien": sorted(
            {LEVELS[level] for level in _list(raw["cap_thuc_hien"]) if level in LEVELS},
            key=list(LEVELS.values()).index,
        )
        or ["tinh"],
        "loai_thu_tuc": KINDS.get(_clean(raw["loai_thu_tuc"]), "loai_khac"),
        "doi_tuong": _subjects(raw["doi_tuong_thuc_hien"]),
        "co_quan": {
            key: values
            for key, values in (
                ("thuc_hien", _list(raw["co_quan_thuc_hien"])),
                ("tham_quyen", _list(raw["co_quan_co_tham_quyen"])),
                ("phoi_hop", _list(raw["co_quan_phoi_hop"])),
            )
            if values
        },
        "trinh_tu": _steps(raw["trinh_tu_thuc_hien"]),
        "cach_thuc": _methods(raw["cach_thuc_thuc_hien"]),
        "thanh_phan_ho_so": _cases(raw["thanh_phan_ho_so"]),
        "can_cu_phap_ly": _legal(raw["can_cu_phap_ly"]),
        "ket_qua": _results(raw["ket_qua_xu_ly"]),
        "decision": _clean(raw["so_quyet_dinh"]),
    }
    condition = _present(raw["yeu_cau_dieu_kien"])
    if condition:
        record["yeu_cau_dieu_kien"] = condition[:2000]
    return record


def load_real(directory: Path = REAL_DIR) -> list[dict[str, Any]]:
    """The converted real records, sorted by code; exits with a clear message when they are absent."""
    files = sorted(directory.glob("*.json")) if directory.is_dir() else []
    if not files:
        raise MissingData(
            f"Không tìm thấy dữ liệu thật ở {directory} "
            "(cần các tệp bo-tu-phap/*.json của shared/data/dvcqg); "
            "bench cần dữ liệu này để sinh nội dung tổng hợp."
        )
    return [convert(json.loads(path.read_text(encoding="utf-8"))) for path in files]


# --- synthesis ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SyntheticSector:
    """A synthetic sector, derived from one real sector."""

    ma: str
    ten: str
    real: str


def _sectors(real: list[dict[str, Any]], n: int) -> list[SyntheticSector]:
    counts: dict[str, int] = {}
    for record in real:
        counts[record["sector_name"]] = counts.get(record["sector_name"], 0) + 1
    target = max(len(counts), n // PER_SECTOR)
    sectors: list[SyntheticSector] = []
    for name, count in sorted(counts.items()):
        derived = max(1, round(target * count / len(real)))
        for k in range(derived):
            area = AREAS[k % len(AREAS)] + (f" {k // len(AREAS) + 1}" if k >= len(AREAS) else "")
            ten = name if k == 0 else f"{name} — {area}"
            sectors.append(SyntheticSector(slugify(ten), ten, name))
    return sectors


def _codes(real_count: int, n: int) -> list[str]:
    # Prefixes 4–6 are not used by the real data, so synthetic codes never collide with real ones.
    return [f"{4 + i % 3}.{100000 + i:06d}" for i in range(n)]


def _vary_amount(rng: random.Random, amount: int) -> int:
    if amount == 0:
        return 0
    return max(1000, round(amount * rng.choice((1, 1, 1, 0.5, 1.5, 2)) / 1000) * 1000)


def _procedure(i: int, n: int, seed: int, ctx: _Context) -> dict[str, Any]:
    rng = random.Random(f"{seed}:{i}")
    base = ctx.real[ctx.order[i % len(ctx.order)]]
    pool = ctx.by_sector[base["sector_name"]]
    area, subject = rng.choice(AREAS), rng.choice(SUBJECT_NAMES)
    name = base["ten_thu_tuc"]
    if i >= len(ctx.real) or ctx.qualify_all:
        name = f"{name} {rng.choice(NAME_QUALIFIERS).format(area=area, subject=subject)}"
    steps = [dict(step) for step in base["trinh_tu"]]
    if steps and rng.random() < 0.3:
        other = rng.choice(pool)["trinh_tu"]
        if other:
            steps[rng.randrange(len(steps))] = dict(rng.choice(other))
    methods = []
    for method in base["cach_thuc"]:
        method = {**method, "phi_le_phi": [dict(fee) for fee in method["phi_le_phi"]]}
        if "thoi_han" in method:
            method["thoi_han"] = {
                **method["thoi_han"],
                "so": max(1, method["thoi_han"]["so"] + rng.randint(-2, 3)),
            }
        for fee in method["phi_le_phi"]:
            fee["so_tien"] = _vary_amount(rng, fee["so_tien"])
        methods.append(method)
    cases = [{**case, "giay_to": [dict(d) for d in case["giay_to"]]} for case in base["thanh_phan_ho_so"]]
    if cases and rng.random() < 0.4:
        extra = [
            d
            for other in rng.sample(pool, min(3, len(pool)))
            for c in other["thanh_phan_ho_so"]
            for d in c["giay_to"]
        ]
        if extra:
            cases[-1]["giay_to"].append(dict(rng.choice(extra)))
    laws = list(base["can_cu_phap_ly"])
    for other in rng.sample(pool, min(2, len(pool))):
        for law in other["can_cu_phap_ly"][: rng.randint(0, 2)]:
            if all(existing["so_hieu"] != law["so_hieu"] for existing in laws):
                laws.append(law)
    sector = rng.choice(ctx.derived[base["sector_name"]])
    code = ctx.codes[i]
    channels = {m["hinh_thuc"] for m in methods}
    online = rng.choice(("toan_trinh", "mot_phan")) if "truc_tuyen" in channels else "khong"
    updated = date(2023, 1, 1) + timedelta(days=rng.randrange(1000))
    record: dict[str, Any] = {
        "ma_thu_tuc": code,
        "ten_thu_tuc": name,
        "linh_vuc": sector.ma,
        "cap_thuc_hien": base["cap_thuc_hien"],
        "loai_thu_tuc": base["loai_thu_tuc"],
        "doi_tuong": base["doi_tuong"],
        "co_quan": base["co_quan"] or {"thuc_hien": ["Sở Tư pháp"]},
        "noi_tiep_nhan": [
            {
                "ten": "Trung tâm Phục vụ hành chính công tỉnh",
                "dia_chi": f"Đường Trần Hưng Đạo, phường {area}",
                "thoi_gian_lam_viec": "Từ thứ Hai đến thứ Sáu, sáng 7 giờ – 11 giờ 30, "
                "chiều 13 giờ 30 – 17 giờ",
            }
        ],
        "trinh_tu": steps,
        "cach_thuc": methods,
        "thanh_phan_ho_so": cases,
        "so_bo_ho_so": 1,
        "yeu_cau_dieu_kien": base.get("yeu_cau_dieu_kien"),
        "can_cu_phap_ly": laws,
        "ket_qua": base["ket_qua"],
        "quyet_dinh_cong_bo": [
            {
                "so": base["decision"],
                "ngay": updated - timedelta(days=rng.randrange(30, 400)),
                "co_quan": "Bộ Tư pháp",
            },
            {
                "so": f"{rng.randint(100, 2999)}/QĐ-UBND",
                "ngay": updated,
                "loai": "sua_doi",
                "co_quan": "UBND tỉnh",
            },
        ]
        if base["decision"]
        else [],
        "dvc_truc_tuyen": online,
        "url_nop_truc_tuyen": f"https://dichvucong.binhphuoc.gov.vn/thu-tuc/{code}"
        if online == "toan_trinh"
        else None,
        "url_dvcqg": f"https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}",
        "thu_tuc_lien_quan": sorted({ctx.codes[j] for j in rng.sample(range(n), min(n, 3)) if j != i})[
            : rng.randint(0, 3)
        ],
        "tu_khoa": [slugify(base["sector_name"]).replace("-", " ")],
        "ngay_cap_nhat": updated,
    }
    roll = rng.random()
    if roll < 0.02 and n > 1:
        record["trang_thai"], record["ma_thay_the"] = "thay_the", ctx.codes[(i + 1) % n]
    elif roll < 0.06:
        record["trang_thai"] = "bai_bo"
    return {key: value for key, value in record.items() if value not in (None, [], {})}


@dataclass(frozen=True)
class _Context:
    real: list[dict[str, Any]]
    order: list[int]
    by_sector: dict[str, list[dict[str, Any]]]
    derived: dict[str, list[SyntheticSector]]
    codes: list[str]
    qualify_all: bool = False


class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):  # type: ignore[misc]
    """Fast block-style YAML; multi-line text as ``|`` blocks; no anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_Dumper.add_representer(
    str,
    lambda dumper, value: dumper.represent_scalar(
        "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None
    ),
)


def _dump(data: Any) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110, default_flow_style=False
    )


SITE = {
    "ten_co_quan": "Sở Tư pháp tỉnh Bình Phước",
    "co_quan_chu_quan": "Ủy ban nhân dân tỉnh Bình Phước",
    "ten_trang": "Công khai thủ tục hành chính — Sở Tư pháp tỉnh Bình Phước",
    "gioi_thieu": "Dữ liệu tổng hợp để đo hiệu năng: ghép lại từ các thủ tục thật của Bộ Tư pháp.",
    "dia_chi": "Trung tâm Hành chính tỉnh, phường Tân Phú, thành phố Đồng Xoài, tỉnh Bình Phước",
    "gio_lam_viec": "Sáng 7 giờ 00 – 11 giờ 30, chiều 13 giờ 30 – 17 giờ 00, từ thứ Hai đến thứ Sáu",
    "ban_do": "https://www.openstreetmap.org/search?query=%C4%90%E1%BB%93ng%20Xo%C3%A0i",
    "dien_thoai": "0271 3 000 001",
    "duong_day_nong": "0271 3 000 002",
    "email": "vi-du@tinh.gov.vn",
    "website": "https://stp.binhphuoc.gov.vn",
    "url_dich_vu_cong": "https://dichvucong.binhphuoc.gov.vn",
    "url_trang": "https://thutuc.stp.binhphuoc.gov.vn/",
    "lien_ket": [{"ten": "Cổng Dịch vụ công quốc gia", "url": "https://dichvucong.gov.vn"}],
}
ABOUT = (
    "# Giới thiệu\n\n"
    "Trang này công khai thủ tục hành chính của Sở Tư pháp (dữ liệu tổng hợp để đo hiệu năng).\n"
)


def synthesize(
    n: int,
    out_content_dir: Path,
    seed: int = 2026,
    real_dir: Path = REAL_DIR,
    qualify_all: bool = False,
    feedback: bool = True,
) -> list[str]:
    """Write a complete content folder with ``n`` procedures to ``out_content_dir``; return the codes.

    ``qualify_all`` gives every name a qualifier, so that none repeats a real name exactly (for a site
    that also holds the real records, see ``bench/search.py``)."""
    real = load_real(real_dir)
    by_sector: dict[str, list[dict[str, Any]]] = {}
    for record in real:
        by_sector.setdefault(record["sector_name"], []).append(record)
    sectors = _sectors(real, n)
    derived: dict[str, list[SyntheticSector]] = {}
    for sector in sectors:
        derived.setdefault(sector.real, []).append(sector)
    order = list(range(len(real)))
    random.Random(seed).shuffle(order)
    ctx = _Context(real, order, by_sector, derived, _codes(len(real), n), qualify_all)
    records = [_procedure(i, n, seed, ctx) for i in range(n)]
    used = {r["linh_vuc"] for r in records}

    out = Path(out_content_dir)
    shutil.rmtree(out / "thu-tuc", ignore_errors=True)
    (out / "thu-tuc").mkdir(parents=True)
    (out / "trang").mkdir(exist_ok=True)
    (out / "site.yml").write_text(_dump(SITE), encoding="utf-8")
    registry = [{"ma": s.ma, "ten": s.ten} for s in sectors if s.ma in used]
    (out / "linh-vuc.yml").write_text(_dump({"linh_vuc": registry}), encoding="utf-8")
    (out / "trang" / "gioi-thieu.md").write_text(ABOUT, encoding="utf-8")
    for record in records:
        (out / "thu-tuc" / f"{record['ma_thu_tuc']}.yml").write_text(_dump(record), encoding="utf-8")
    shutil.rmtree(out / "pakn", ignore_errors=True)
    if feedback:
        write_feedback(records, out, seed)
    return [r["ma_thu_tuc"] for r in records]


FEEDBACK_SETTINGS = {
    "du_lieu_mau": True,
    "thoi_han": [
        {"ma": "thong-thuong", "ten": "Phản ánh, kiến nghị thuộc thẩm quyền", "so_ngay_lam_viec": 10},
        {"ma": "phuc-tap", "ten": "Phản ánh, kiến nghị phức tạp", "so_ngay_lam_viec": 20},
        {"ma": "chuyen-xu-ly", "ten": "Không tiếp nhận hoặc chuyển cơ quan khác", "so_ngay_lam_viec": 5},
    ],
}
FEEDBACK_ENDS = (
    "dang_xu_ly",
    "da_xu_ly",
    "da_cong_khai",
    "da_cong_khai",
    "khong_tiep_nhan",
    "da_chuyen_co_quan_khac",
)


def write_feedback(records: list[dict[str, Any]], out: Path, seed: int) -> None:
    """As many feedback items as procedures (``content/pakn/<năm>/<mã>.yml``), each about one of them,
    received over two years, in every status."""
    rng = random.Random(seed + 16)
    shutil.rmtree(out / "pakn", ignore_errors=True)
    (out / "pakn").mkdir()
    (out / "pakn" / "cau-hinh.yml").write_text(_dump(FEEDBACK_SETTINGS), encoding="utf-8")
    counts: dict[int, int] = {}
    for record in records:
        received = date(2025, 1, 6) + timedelta(days=rng.randrange(0, 600))
        while received.weekday() >= 5:
            received += timedelta(days=1)
        year = received.year
        counts[year] = counts.get(year, 0) + 1
        code = f"PAKN-{year}-{counts[year]:05d}"
        end = rng.choice(FEEDBACK_ENDS)
        item: dict[str, Any] = {
            "ma_pakn": code,
            "tieu_de": f"Kiến nghị về thủ tục {record['ten_thu_tuc'][:120]}",
            "ngay_tiep_nhan": received.isoformat(),
            "kenh_tiep_nhan": rng.choice(["cong_dvcqg", "cong_tinh", "van_ban", "dien_thoai", "truc_tiep"]),
            "phan_loai": rng.choice(["ve_hanh_vi", "ve_quy_dinh"]),
            "linh_vuc": record["linh_vuc"],
            "thu_tuc": [record["ma_thu_tuc"]],
            "tom_tat": "Người gửi đề nghị đơn giản hóa thành phần hồ sơ và rút ngắn thời hạn giải quyết "
            f"thủ tục {record['ten_thu_tuc'][:200]}.",
            "quy_tac_thoi_han": "chuyen-xu-ly"
            if end in ("khong_tiep_nhan", "da_chuyen_co_quan_khac")
            else "thong-thuong",
        }
        steps = [(end if end in ("khong_tiep_nhan", "da_chuyen_co_quan_khac") else "dang_xu_ly", 1)]
        answered = received + timedelta(days=rng.randrange(5, 25))
        if end in ("da_xu_ly", "da_cong_khai"):
            steps.append(("da_xu_ly", (answered - received).days))
            item.update(
                ngay_tra_loi=answered.isoformat(),
                tra_loi="Cơ quan đã trả lời bằng văn bản và tổng hợp kiến nghị gửi cơ quan có thẩm quyền.",
                ket_qua=rng.choice(["kien_nghi_sua_doi", "giu_nguyen", "sua_doi_bai_bo"]),
                van_ban_tra_loi={"so": f"{counts[year]}/STP-VP", "ngay": answered.isoformat()},
            )
        if end == "da_cong_khai":
            steps.append(("da_cong_khai", (answered - received).days + 2))
            item["hinh_thuc_cong_khai"] = ["cong_thong_tin"]
        item["trang_thai"] = [
            {"trang_thai": status, "ngay": (received + timedelta(days=days)).isoformat()}
            for status, days in steps
        ]
        folder = out / "pakn" / str(year)
        folder.mkdir(exist_ok=True)
        (folder / f"{code}.yml").write_text(_dump(item), encoding="utf-8")


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("bench/out/content")
    print(f"{len(synthesize(count, target))} thủ tục → {target}")
