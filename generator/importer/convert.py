"""Turn one national record (plus its row of the list export) into the data of a procedure YAML file.

Nothing is invented: a value that cannot be read goes verbatim into the nearest free-text field and an
:class:`Issue` says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.core.fields import fold, slugify
from generator.importer.dvcqg import ListRow, NationalRecord
from generator.importer.levels import infer_level
from generator.importer.parse_documents import parse_documents
from generator.importer.parse_legal import parse_legal
from generator.importer.parse_methods import parse_methods
from generator.importer.parse_results import parse_results
from generator.importer.parse_steps import parse_steps
from generator.importer.report import Issue, RecordProblem, Tally
from generator.importer.text import NO_INFO, block_value, one_line, sector_key, split_names, value
from generator.procedures.model import KINDS, LEVELS, SUBJECTS

LEVEL_CODES = {label: code for code, label in LEVELS.items()}
KIND_CODES = {label: code for code, label in KINDS.items()}
SUBJECT_LABELS = sorted(SUBJECTS.items(), key=lambda item: -len(item[1]))
ISSUERS_BY_SUFFIX = {"BTP": "Bộ Tư pháp"}
"""Who issued a national decision, from the end of its number, when the list export does not say."""
_KEPT = "dùng bản ghi chi tiết"
_VERBATIM = "ghi nguyên văn vào "


@dataclass
class Converted:
    """The record data (model field names), the problems found, and the parse counts."""

    data: dict[str, Any]
    issues: list[Issue] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)
    sector: str = ""
    """The national sector name, as published."""
    levels_given: bool = True
    """The source gives the levels (not inferred from the agencies, not missing)."""


def convert(record: NationalRecord, row: ListRow | None, sectors: dict[str, str]) -> Converted:
    """Build the procedure data; ``sectors`` maps national sector names (as :func:`sector_key`) to slugs.

    Raises :class:`RecordProblem` for a record that cannot be read at all (a number of thousands of digits).
    """
    out = Converted({"ma_thu_tuc": record.code})
    _header(record, row, sectors, out)
    _agencies(record, row, out)
    _levels(record.get("cap_thuc_hien"), out)
    _tables(record, out)
    _tail(record, row, out)
    return out


def _header(record: NationalRecord, row: ListRow | None, sectors: dict[str, str], out: Converted) -> None:
    name = value(record.get("ten_thu_tuc"))
    out.data["ten_thu_tuc"] = _cross_check("ten_thu_tuc", name, row.name if row else None, out)
    sector = value(record.get("linh_vuc"))
    out.sector = _cross_check("linh_vuc", sector, row.sector if row else None, out) or ""
    out.data["linh_vuc"] = sectors.get(sector_key(out.sector), slugify(out.sector))
    kind = value(record.get("loai_thu_tuc"))
    if kind in KIND_CODES:
        out.data["loai_thu_tuc"] = KIND_CODES[kind]
    elif kind:
        out.issues.append(Issue("loai_thu_tuc", f"không biết loại thủ tục «{kind}»; bỏ trống"))
    out.data["doi_tuong"] = _subjects(record.get("doi_tuong_thuc_hien"), out)


def _cross_check(key: str, ours: str | None, listed: str | None, out: Converted) -> str | None:
    """Our value, filled from the list export when empty; a warning when both are given and differ."""
    if not ours:
        return listed or None
    if listed and fold(one_line(listed)) != fold(ours):
        out.issues.append(
            Issue(key, f"danh sách XLSX ghi «{listed}», bản ghi chi tiết ghi «{ours}»; {_KEPT}")
        )
    return ours


def _levels(text: str, out: Converted) -> None:
    """The known levels; the others verbatim in «cap_thuc_hien_mo_ta»; when the source gives none, the
    level the agencies' names say, else «Không có thông tin»."""
    found: list[str] = []
    unknown: list[str] = []
    for label in (one_line(part) for part in text.split(",")):
        if label in LEVEL_CODES:
            found += [LEVEL_CODES[label]] if LEVEL_CODES[label] not in found else []
        elif label and label != NO_INFO:
            unknown.append(label)
            out.issues.append(
                Issue("cap_thuc_hien", f"không biết cấp «{label}»; {_VERBATIM}«cap_thuc_hien_mo_ta»")
            )
    if unknown:
        out.data["cap_thuc_hien_mo_ta"] = ", ".join(unknown)
    elif not found:
        out.levels_given = False
        found = _inferred_level(out)
    out.data["cap_thuc_hien"] = found


def _inferred_level(out: Converted) -> list[str]:
    agencies = out.data["co_quan"].get("thuc_hien") or out.data["co_quan"].get("tham_quyen") or []
    level = infer_level(agencies)
    if level is None:
        out.data["cap_thuc_hien_mo_ta"] = NO_INFO
        out.issues.append(
            Issue(
                "cap_thuc_hien",
                f"nguồn không ghi cấp thực hiện, tên cơ quan không cho biết cấp; ghi «{NO_INFO}»",
            )
        )
        return []
    named = "; ".join(agencies)
    out.issues.append(
        Issue(
            "cap_thuc_hien", f"nguồn không ghi cấp thực hiện; suy ra «{LEVELS[level]}» từ cơ quan «{named}»"
        )
    )
    return [level]


def _subjects(text: str, out: Converted) -> list[str]:
    """Match the known labels, longest first: the labels themselves contain commas."""
    rest = one_line(text)
    found: list[str] = []
    unknown: list[str] = []
    while rest and rest != NO_INFO:
        code = next(
            (c for c, label in SUBJECT_LABELS if rest == label or rest.startswith(f"{label}, ")), None
        )
        if code is None:
            label, _, rest = rest.partition(", ")
            unknown.append(label)
            out.issues.append(
                Issue("doi_tuong", f"không biết đối tượng «{label}»; {_VERBATIM}«doi_tuong_mo_ta»")
            )
            continue
        if code not in found:
            found.append(code)
        rest = rest[len(SUBJECTS[code]) :].removeprefix(", ")
    if unknown:
        out.data["doi_tuong_mo_ta"] = ", ".join(unknown)
    return found


def _agencies(record: NationalRecord, row: ListRow | None, out: Converted) -> None:
    agencies = {
        "thuc_hien": _executing(record.get("co_quan_thuc_hien"), row, out),
        "tham_quyen": split_names(record.get("co_quan_co_tham_quyen")),
        "duoc_uy_quyen": split_names(record.get("co_quan_duoc_uy_quyen")),
        "phoi_hop": split_names(record.get("co_quan_phoi_hop")),
    }
    out.data["co_quan"] = {k: v for k, v in agencies.items() if v}
    place = value(record.get("dia_chi_tiep_nhan"))
    if place:
        out.data["noi_tiep_nhan"] = [{"ten": place}]


PLACE_BOUND = re.compile(r"^(Sở [^,]+?)\s+(?:tỉnh|Tỉnh|thành phố|Thành phố|TP\.?)\s+[A-ZĐ].*$")
"""«Sở Tư pháp Thành phố Hà Nội» in a national record: one province's name typed into a record for all."""


def _executing(text: str, row: ListRow | None, out: Converted) -> list[str]:
    ours = _general(split_names(text), out)
    listed = _general(list(row.agencies), out) if row else []
    if not ours or not listed:
        return ours or listed
    same_names = {fold(a) for a in listed} == {fold(a) for a in ours}
    if same_names or fold(", ".join(listed)) == fold(", ".join(ours)):
        return ours if len(ours) == len(listed) else listed
    out.issues.append(
        Issue(
            "co_quan.thuc_hien",
            f"danh sách XLSX ghi «{'; '.join(listed)}», bản ghi chi tiết ghi «{'; '.join(ours)}»; {_KEPT}",
        )
    )
    return ours


def _general(names: list[str], out: Converted) -> list[str]:
    """Agency names without the one province a national record names by mistake, each with a warning."""
    general = []
    for name in names:
        match = PLACE_BOUND.match(name)
        if match:
            issue = Issue(
                "co_quan.thuc_hien", f"«{name}» ghi tên một tỉnh trong bản ghi quốc gia; ghi «{match[1]}»"
            )
            if issue not in out.issues:
                out.issues.append(issue)
            name = match[1]
        general.append(name)
    return general


def _tables(record: NationalRecord, out: Converted) -> None:
    out.data["trinh_tu"] = parse_steps(record.get("trinh_tu_thuc_hien"))
    try:
        methods = parse_methods(record.get("cach_thuc_thuc_hien"))
    except RecordProblem as exc:
        raise RecordProblem(f"cach_thuc_thuc_hien: {exc}") from None
    out.data["cach_thuc"] = methods.methods
    if methods.preamble:
        out.data["cach_thuc_mo_ta"] = methods.preamble
    out.issues += methods.issues
    out.tally.rows += len(methods.methods)
    out.tally.rows_parsed += methods.parsed
    out.tally.fee_cells += len(methods.methods)
    out.tally.fee_cells_parsed += methods.fees_parsed
    out.tally.rows_no_info += methods.no_info
    cases = parse_documents(record.get("thanh_phan_ho_so"))
    out.data["thanh_phan_ho_so"] = cases.cases
    out.issues += cases.issues
    out.tally.tables += cases.tables
    out.tally.tables_parsed += cases.parsed
    conditions = block_value(record.get("yeu_cau_dieu_kien"))
    if conditions:
        out.data["yeu_cau_dieu_kien"] = conditions
    legal = parse_legal(record.get("can_cu_phap_ly"))
    out.data["can_cu_phap_ly"] = legal.rows
    out.issues += legal.issues
    out.tally.legal += len(legal.rows)
    out.tally.legal_numbered += legal.numbered


def _tail(record: NationalRecord, row: ListRow | None, out: Converted) -> None:
    results = parse_results(record.get("ket_qua_xu_ly"))
    out.data["ket_qua"] = results.results
    out.issues += results.issues
    out.tally.results_coded += results.coded
    out.tally.results_coded_parsed += results.coded_parsed
    number = value(record.get("so_quyet_dinh"))
    if number:
        out.data["quyet_dinh_cong_bo"] = [_decision(number, row)]
    url = value(record.get("detail_url"))
    if url:
        out.data["url_dvcqg"] = url
    if results.keywords:
        out.data["tu_khoa"] = results.keywords
    if results.description:
        out.data["ghi_chu"] = results.description


def _decision(number: str, row: ListRow | None) -> dict[str, Any]:
    decision: dict[str, Any] = {"so": number}
    issuer = row.issuer if row and row.issuer else None
    if issuer is None:
        issuer = next((name for suffix, name in ISSUERS_BY_SUFFIX.items() if number.endswith(suffix)), None)
    if issuer:
        decision["co_quan"] = issuer
    return decision
