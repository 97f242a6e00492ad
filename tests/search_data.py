"""Content for the search tests: the real national records in ``../shared`` turned into a content folder.

Uses the importer (``generator.importer.import_records``) when it exists; until then a small converter
keeps the fields search needs (name, sector, levels, subjects, channels, fees, steps, documents, results).
It is deliberately rough: it only has to give the pages realistic names and text.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from generator.fields import fold
from generator.procedures.model import LEVELS, SUBJECTS

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
NO_INFO = "Không có thông tin"
CHANNELS = {"Trực tuyến": "truc_tuyen", "Trực tiếp": "truc_tiep", "Dịch vụ bưu chính": "buu_chinh"}


def make_content(sources: Path, out: Path) -> Path:
    """A content folder at ``out``: the project's site, sectors and synonyms, plus every record."""
    shutil.rmtree(out, ignore_errors=True)
    (out / "thu-tuc").mkdir(parents=True)
    for name in ("site.yml", "linh-vuc.yml", "tu-dong-nghia.yml"):
        shutil.copy(CONTENT / name, out / name)
    try:
        from generator.importer import import_records  # type: ignore[attr-defined]
    except ImportError:
        convert_all(sources, out)
    else:
        import_records([sources], out / "thu-tuc")
    return out


def convert_all(sources: Path, out: Path) -> None:
    """Write one YAML record per JSON file in ``sources``."""
    sectors = yaml.safe_load((out / "linh-vuc.yml").read_text(encoding="utf-8"))["linh_vuc"]
    slugs = {fold(s["ten"]): s["ma"] for s in sectors}
    for path in sorted(sources.glob("*.json")):
        record = convert(json.loads(path.read_text(encoding="utf-8")), slugs)
        text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
        (out / "thu-tuc" / f"{record['ma_thu_tuc']}.yml").write_text(text, encoding="utf-8")


def _value(text: str) -> str | None:
    text = " ".join(text.replace("\xa0", " ").split())
    return None if not text or text == NO_INFO else text


def _labels(text: str, names: dict[str, str]) -> list[str]:
    found, rest = [], text
    for key, label in sorted(names.items(), key=lambda item: -len(item[1])):
        if label in rest:
            found.append(key)
            rest = rest.replace(label, "")
    return [key for key in names if key in found]


def _methods(text: str) -> list[dict[str, Any]]:
    channels = [key for label, key in CHANNELS.items() if label in text] or ["truc_tiep"]
    amount = re.search(r"(\d[\d,.]*) Việt Nam Đồng", text)
    fees: list[dict[str, Any]] = []
    if amount:
        fees = [{"so_tien": int(re.sub(r"[,.]", "", amount.group(1)))}]
    elif "Miễn phí" in text or "Lệ phí" not in text:
        fees = [{"so_tien": 0}]
    return [{"hinh_thuc": channel, "phi_le_phi": fees} for channel in channels]


def convert(data: dict[str, str], slugs: dict[str, str]) -> dict[str, Any]:
    """One national record as a content record."""
    raw = data["raw_text"]
    record: dict[str, Any] = {
        "ma_thu_tuc": data["ma_thu_tuc"],
        "ten_thu_tuc": _value(data["ten_thu_tuc"]),
        "linh_vuc": slugs[fold(data["linh_vuc"])],
        "cap_thuc_hien": _labels(data["cap_thuc_hien"], LEVELS) or ["tinh"],
        "doi_tuong": _labels(data["doi_tuong_thuc_hien"], SUBJECTS),
        "trinh_tu": [{"mo_ta": line} for line in _lines(data["trinh_tu_thuc_hien"])],
        "cach_thuc": _methods(data["cach_thuc_thuc_hien"]),
    }
    documents = _value(data["thanh_phan_ho_so"].replace("Tên giấy tờMẫu đơn, tờ khaiSố lượng", " "))
    if documents:
        record["thanh_phan_ho_so"] = [{"giay_to": [{"ten": documents[:600]}]}]
    if _value(data["yeu_cau_dieu_kien"]):
        record["yeu_cau_dieu_kien"] = _value(data["yeu_cau_dieu_kien"])
    results = re.findall(r"(.+?)Mã: (KQ\.[A-Z0-9.]+)", data["ket_qua_xu_ly"].split("Từ khóa")[0])
    record["ket_qua"] = [{"ten": name.strip(), "ma": code} for name, code in results if name.strip()]
    if _value(data["co_quan_thuc_hien"]):
        record["co_quan"] = {"thuc_hien": [_value(data["co_quan_thuc_hien"])]}
    if "toàn trình" in raw:
        record["dvc_truc_tuyen"] = "toan_trinh"
    elif "một phần" in raw:
        record["dvc_truc_tuyen"] = "mot_phan"
    if data["detail_url"].startswith("https://"):
        record["url_dvcqg"] = data["detail_url"]
    return record


def _lines(text: str) -> list[str]:
    return [line for line in (_value(part) for part in text.splitlines()) if line][:30]
