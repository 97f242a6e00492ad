"""Compare the local records with the national data: what differs, what is missing, what is gone.

Compared per procedure: name, each channel's time and fees (the national ones, not ``dia_phuong`` fees),
documents, legal basis and the national publishing decision.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pydantic import ValidationError

from generator.core.errors import raise_if_any
from generator.core.records import load_all, yaml_files
from generator.core.render import vdate
from generator.importer.convert import convert
from generator.importer.dvcqg import read_sources
from generator.importer.report import ImportErrors, RecordProblem, Skipped
from generator.importer.run import REGISTRY, sector_slugs
from generator.procedures.facts import amount_text, duration_text
from generator.procedures.model import CHANNELS, Case, Fee, Method, Procedure

FIELD_LABELS = {
    "ten_thu_tuc": "Tên thủ tục",
    "cach_thuc": "Cách thức thực hiện",
    "thoi_han": "Thời hạn giải quyết",
    "phi_le_phi": "Phí, lệ phí",
    "thanh_phan_ho_so": "Thành phần hồ sơ",
    "can_cu_phap_ly": "Căn cứ pháp lý",
    "quyet_dinh_cong_bo": "Quyết định công bố",
}
NOTHING = "(không có)"


@dataclass(frozen=True)
class Difference:
    """One way a local record differs from the national one."""

    code: str
    field: str
    channel: str | None
    local: str
    national: str


@dataclass(frozen=True)
class Listed:
    """A procedure present on one side only."""

    code: str
    name: str
    path: str | None = None


@dataclass
class Review:
    """The outcome of a review."""

    differences: list[Difference] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    """Code → name and file of every procedure with a difference, for display."""
    missing_locally: list[Listed] = field(default_factory=list)
    gone_nationally: list[Listed] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """Nothing differs, nothing is missing, nothing is gone."""
        return not (self.differences or self.missing_locally or self.gone_nationally)


def review(sources: Iterable[Path], content: Path, cap: str | None = None) -> Review:
    """Compare ``content/thu-tuc/*.yml`` with the national records in ``sources``.

    ``cap`` limits «missing locally» to national procedures of that level (or of no known level).
    """
    national = _national(sources, content)
    loaded, errors = load_all(yaml_files(content / "thu-tuc"), Procedure)
    raise_if_any(errors)
    local = {item.record.ma_thu_tuc: (item.record, item.path) for item in loaded}
    out = Review()
    for code, (record, path) in sorted(local.items()):
        if code in national:
            found = compare(record, national[code])
            out.differences += found
            if found:
                out.names[code] = f"{record.ten_thu_tuc} ({path})"
        elif record.trang_thai == "hieu_luc":
            out.gone_nationally.append(Listed(code, record.ten_thu_tuc, path))
    for code, record in sorted(national.items()):
        if code not in local and (cap is None or cap in record.cap_thuc_hien or not record.cap_thuc_hien):
            out.missing_locally.append(Listed(code, record.ten_thu_tuc))
    return out


def _national(sources: Iterable[Path], content: Path) -> dict[str, Procedure]:
    read = read_sources(sources)
    problems = [str(skipped) for skipped in read.skipped]  # never compare against half the sources
    sectors = sector_slugs(content / REGISTRY, {}, problems)
    national = {}
    for record in read.records:
        try:
            national[record.code] = Procedure.model_validate(
                convert(record, read.rows.get(record.code), sectors).data
            )
        except RecordProblem as exc:
            problems.append(str(Skipped(record.path, record.code, str(exc))))
        except ValidationError as exc:
            problems += [f"{record.path}: {record.code}: {e['msg']}" for e in exc.errors()]
    if problems:
        raise ImportErrors(problems)
    return national


def compare(local: Procedure, national: Procedure) -> list[Difference]:
    """Every difference between a local record and the national one, in page order."""
    code = local.ma_thu_tuc
    found: list[Difference] = []
    if local.ten_thu_tuc != national.ten_thu_tuc:
        found.append(Difference(code, "ten_thu_tuc", None, local.ten_thu_tuc, national.ten_thu_tuc))
    found += _methods(code, local.cach_thuc, national.cach_thuc)
    found += _added_removed(code, "thanh_phan_ho_so", _documents(local), _documents(national))
    found += _added_removed(code, "can_cu_phap_ly", _laws(local), _laws(national))
    ours = [d.so for d in local.quyet_dinh_cong_bo]
    for decision in national.quyet_dinh_cong_bo:
        if decision.so not in ours:
            found.append(Difference(code, "quyet_dinh_cong_bo", None, ", ".join(ours), decision.so))
    return found


def _methods(code: str, local: list[Method], national: list[Method]) -> list[Difference]:
    ours, theirs = _keyed(local), _keyed(national)
    found = []
    for key in sorted(set(ours) | set(theirs), key=lambda k: (list(CHANNELS).index(k[0]), k[1])):
        channel = CHANNELS[key[0]] + (f" ({key[1] + 1})" if key[1] else "")
        if key not in ours or key not in theirs:
            here, there = ("", channel) if key not in ours else (channel, "")
            found.append(Difference(code, "cach_thuc", channel, here, there))
            continue
        mine, other = ours[key], theirs[key]
        if _duration_key(mine) != _duration_key(other):
            found.append(Difference(code, "thoi_han", channel, _duration(mine), _duration(other)))
        if _fees_key(mine) != _fees_key(other):
            found.append(Difference(code, "phi_le_phi", channel, _fees(mine), _fees(other)))
    return found


def _keyed(methods: list[Method]) -> dict[tuple[str, int], Method]:
    seen: dict[str, int] = {}
    keyed: dict[tuple[str, int], Method] = {}
    for method in methods:
        n = seen.get(method.hinh_thuc, 0)
        seen[method.hinh_thuc] = n + 1
        keyed[(method.hinh_thuc, n)] = method
    return keyed


def _duration_key(method: Method) -> object:
    return method.thoi_han.model_dump() if method.thoi_han else None


def _duration(method: Method) -> str:
    return duration_text(method.thoi_han)


def _national_fees(method: Method) -> list[Fee]:
    return [fee for fee in method.phi_le_phi if not fee.dia_phuong]


def _fees_key(method: Method) -> object:
    return [fee.model_dump() for fee in _national_fees(method)]


def _fees(method: Method) -> str:
    return "; ".join(_fee(fee) for fee in _national_fees(method)) or "Không thu phí, lệ phí"


def _fee(fee: Fee) -> str:
    text = amount_text(fee) or _clip(fee.mo_ta or "")
    if fee.tien_te != "VND" and fee.so_tien == 0:
        text = f"{text} ({fee.tien_te})"
    if fee.hieu_luc_tu or fee.hieu_luc_den:
        start = vdate(fee.hieu_luc_tu) if fee.hieu_luc_tu else "…"
        end = vdate(fee.hieu_luc_den) if fee.hieu_luc_den else "…"
        text = f"{text} (từ {start} đến {end})"
    return text


def _documents(record: Procedure) -> list[str]:
    return [line for case in record.thanh_phan_ho_so for line in _case_lines(case)]


def _case_lines(case: Case) -> list[str]:
    prefix = f"{case.truong_hop}: " if case.truong_hop else ""
    lines = []
    for doc in case.giay_to:
        counts = [f"{doc.ban_chinh} bản chính"] + ([f"{doc.ban_sao} bản sao"] if doc.ban_sao else [])
        forms = f" [{', '.join(f.ten for f in doc.mau)}]" if doc.mau else ""
        lines.append(f"{prefix}{_clip(doc.ten)} ({', '.join(counts)}){forms}")
    return lines


def _laws(record: Procedure) -> list[str]:
    return [law.so_hieu or _clip(law.ten) for law in record.can_cu_phap_ly]


def _added_removed(code: str, key: str, local: list[str], national: list[str]) -> list[Difference]:
    removed = [Difference(code, key, None, item, "") for item in local if item not in national]
    added = [Difference(code, key, None, "", item) for item in national if item not in local]
    return removed + added


def _clip(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def review_text(result: Review) -> str:
    """The review for people, in Vietnamese."""
    lines: list[str] = []
    codes = list(dict.fromkeys(d.code for d in result.differences))
    for code in codes:
        lines.append(f"{code} {result.names.get(code, '')}".rstrip())
        lines += [f"  - {_difference_text(d)}" for d in result.differences if d.code == code]
    if result.missing_locally:
        lines.append(f"Có trên CSDL quốc gia, chưa có trên trang ({len(result.missing_locally)}):")
        lines += [f"  - {item.code} {item.name}" for item in result.missing_locally]
    if result.gone_nationally:
        lines.append(f"Có trên trang, CSDL quốc gia không còn ({len(result.gone_nationally)}):")
        lines += [f"  - {item.code} {item.name} ({item.path})" for item in result.gone_nationally]
    lines.append(_summary(result, len(codes)))
    return "\n".join(lines)


def _difference_text(d: Difference) -> str:
    label = FIELD_LABELS[d.field] + (f" ({d.channel})" if d.channel and d.field != "cach_thuc" else "")
    if d.field in ("thanh_phan_ho_so", "can_cu_phap_ly", "cach_thuc"):
        if not d.local:
            return f"{label}: CSDL quốc gia có thêm «{d.national}»"
        if not d.national:
            return f"{label}: CSDL quốc gia không còn «{d.local}»"
    return f"{label}: trên trang «{d.local or NOTHING}», CSDL quốc gia «{d.national or NOTHING}»"


def _summary(result: Review, differing: int) -> str:
    if result.clean:
        return "Không có khác biệt với CSDL quốc gia."
    return (
        f"Tóm tắt: {differing} thủ tục khác CSDL quốc gia, {len(result.missing_locally)} thủ tục chưa có, "
        f"{len(result.gone_nationally)} thủ tục CSDL quốc gia không còn."
    )


def review_json(result: Review) -> str:
    """The review for machines (CI)."""
    data = {
        "clean": result.clean,
        "differences": [asdict(d) for d in result.differences],
        "missing_locally": [asdict(item) for item in result.missing_locally],
        "gone_nationally": [asdict(item) for item in result.gone_nationally],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
