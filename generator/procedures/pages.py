"""Pages of the procedure catalogue: one per procedure, one per sector, and the catalogue index."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from markupsafe import Markup

from generator.core.render import Memo, Page, front_matter, no_memo, relative_link, render, root_link
from generator.procedures import facts, lookup
from generator.procedures.model import (
    CHANNELS,
    DECISION_KINDS,
    KINDS,
    LEVELS,
    STATUSES,
    SUBJECTS,
    Case,
    Document,
    Procedure,
)
from generator.procedures.notice import notice
from generator.procedures.search import procedure_fields
from generator.procedures.summary import Summary
from generator.site.agency import contacts
from generator.site.catalog import Catalog
from generator.site.dataset import related_links
from generator.site.forms import address_format
from generator.site.history import Change
from generator.site.paging import Pager, paged, pager_html
from generator.site.search import fields_html
from generator.site.sectors import Sector

LABELS: dict[str, Any] = {
    "channels": CHANNELS,
    "decision_kinds": DECISION_KINDS,
    "kinds": KINDS,
    "levels": LEVELS,
    "statuses": STATUSES,
    "subjects": SUBJECTS,
}
NATIONAL_RECORD = re.compile(
    r"^https?://(www\.)?dichvucong\.gov\.vn/(thu-tuc-hanh-chinh/|p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet)"
)
"""A procedure's information page on the national portal: where citizens read about it, not apply."""
SECTIONS = (
    ("trinh-tu", "Trình tự thực hiện"),
    ("cach-thuc", "Cách thức, thời hạn, phí"),
    ("ho-so", "Thành phần hồ sơ, mẫu đơn"),
    ("dieu-kien", "Yêu cầu, điều kiện"),
    ("can-cu", "Căn cứ pháp lý"),
    ("ket-qua", "Kết quả thực hiện"),
    ("noi-nop", "Nơi nộp hồ sơ, liên hệ"),
)
"""The sections of a procedure page that the on-page contents lists, with their anchors, in page order."""
INDEX_PAGE_SIZE = 100
"""Sectors per page of the catalogue index."""
SECTOR_PAGE_SIZE = 100
"""Procedures per page of a sector's list."""
AGENCY_LABELS = (
    ("thuc_hien", "Cơ quan thực hiện"),
    ("tham_quyen", "Cơ quan có thẩm quyền"),
    ("duoc_uy_quyen", "Cơ quan được ủy quyền"),
    ("phoi_hop", "Cơ quan phối hợp"),
)


def catalogue_pages(catalog: Catalog, memo: Memo = no_memo) -> list[Page]:
    """The lists of the catalogue: the index and one page per sector."""
    pages = [
        Page(pager.path, partial(catalogue_index, catalog, pager, part))
        for pager, part in paged("thu-tuc/index.md", _every_index_row(catalog), INDEX_PAGE_SIZE)
    ]
    for s in catalog.sectors:
        procedures = lookup.in_sector(catalog, s.ma)
        if not procedures:
            continue  # a sector with no procedure is not published
        current = [p for p in procedures if p.trang_thai == "hieu_luc"]
        retired = tuple(p for p in procedures if p.trang_thai != "hieu_luc")
        for pager, part in paged(f"linh-vuc/{s.ma}.md", current, SECTOR_PAGE_SIZE):
            shown = retired if pager.next is None else ()  # the retired ones after the last page
            inputs = (s, tuple(part), pager, shown)
            make = partial(sector_page, catalog, s, pager, part, shown)
            pages.append(Page(pager.path, partial(memo, pager.path, inputs, make)))
    return pages


Changes = Callable[[Procedure], list[Change]]
"""A procedure's change history, newest first (:func:`generator.site.history.record_changes`)."""


def procedure_pages(
    catalog: Catalog, records: Sequence[Procedure], memo: Memo = no_memo, changes: Changes = lambda p: []
) -> list[Page]:
    """The page of each of ``records``, with its ``changes``."""
    pages = []
    for p in records:
        path = f"thu-tuc/{p.ma_thu_tuc}.md"
        history = tuple(changes(p))
        make = partial(procedure_page, catalog, p, history)
        pages.append(Page(path, partial(memo, path, (*page_inputs(catalog, p), history), make)))
    return pages


def page_inputs(catalog: Catalog, p: Procedure) -> tuple[object, ...]:
    """Everything :func:`procedure_page` reads: the page's text is the same while these are."""
    replacement = lookup.procedure(catalog, p.ma_thay_the) if p.ma_thay_the else None
    related = tuple(lookup.procedure(catalog, code) for code in p.thu_tuc_lien_quan)
    forms = tuple(
        catalog.forms[f.local_file]
        for c in p.thanh_phan_ho_so
        for d in c.giay_to
        for f in d.mau
        if f.local_file
    )
    others = related_links(catalog, lookup.NAME, p.ma_thu_tuc)
    return (
        p,
        catalog.agency,
        catalog.sector(p.linh_vuc),
        catalog.synonyms,
        replacement,
        related,
        others,
        forms,
    )


def apply_url(p: Procedure) -> str | None:
    """Where the «Nộp hồ sơ trực tuyến» button goes, or ``None`` for no button: only a procedure in
    force, offered online (an online channel, and a level other than «khong»), with an application
    link that is not the procedure's own information page on the national portal."""
    link = p.url_nop_truc_tuyen
    if link is None or p.trang_thai != "hieu_luc" or p.dvc_truc_tuyen == "khong":
        return None
    if link == p.url_dvcqg or NATIONAL_RECORD.match(link):
        return None
    return link if facts.files_online(p) else None


def page_sections(p: Procedure, related: bool) -> list[tuple[str, str]]:
    """The on-page contents of a procedure page: each section's anchor and title, in page order."""
    shown = {
        "trinh-tu": bool(p.trinh_tu),
        "cach-thuc": bool(p.cach_thuc or p.cach_thuc_mo_ta),
        "ho-so": bool(p.thanh_phan_ho_so),
        "dieu-kien": bool(facts.said(p.yeu_cau_dieu_kien)),
        "can-cu": bool(p.can_cu_phap_ly),
        "ket-qua": bool(p.ket_qua),
        "noi-nop": True,
    }
    sections = [(anchor, title) for anchor, title in SECTIONS if shown[anchor]]
    if related:
        sections.append(("lien-quan", "Thủ tục liên quan"))
    return [*sections, ("cong-bo", "Thông tin công bố")]


def online_label(procedure: Procedure) -> str:
    """The online-service level as citizens read it."""
    return facts.online_text(procedure)


def copies(document: Document) -> str:
    """``1 bản chính, 1 bản sao``."""
    parts = [f"{document.ban_chinh} bản chính"] if document.ban_chinh else []
    parts += [f"{document.ban_sao} bản sao"] if document.ban_sao else []
    return ", ".join(parts)


def procedure_page(catalog: Catalog, p: Procedure, changes: Sequence[Change] = ()) -> str:
    """The page of one procedure, in the national portal's order, ending with its ``changes``."""
    agencies = [(label, getattr(p.co_quan, key)) for key, label in AGENCY_LABELS if getattr(p.co_quan, key)]
    description = f"{p.ten_thu_tuc} — mã {p.ma_thu_tuc}, lĩnh vực {catalog.sector(p.linh_vuc).ten}"
    agency_contacts = contacts(catalog.agency)
    return render(
        "thu-tuc/procedure.md.j2",
        front_matter=front_matter(p.ten_thu_tuc, description, pagefind=True),
        p=p,
        sector=catalog.sector(p.linh_vuc),
        agency=catalog.agency,
        contacts=agency_contacts,
        hotline=agency_contacts[0],
        forms=catalog.forms,
        apply_url=apply_url(p),
        sections=page_sections(p, bool(p.thu_tuc_lien_quan)),
        agencies=agencies,
        replacement=lookup.procedure(catalog, p.ma_thay_the) if p.ma_thay_the else None,
        related=[lookup.procedure(catalog, code) for code in p.thu_tuc_lien_quan],
        others=related_links(catalog, lookup.NAME, p.ma_thu_tuc),
        address_format=address_format,
        where=facts.where_to_apply(p, catalog.agency.ten_co_quan),
        how=facts.how_to_apply(p),
        columns=_columns(p),
        case_columns=case_columns,
        said=facts.said,
        last_decision=p.quyet_dinh_cong_bo[-1] if p.quyet_dinh_cong_bo else None,
        time_summary=facts.time_summary(p),
        fee_summary=facts.fee_summary(p),
        online=online_label(p),
        level_labels=facts.level_labels(p),
        subject_labels=facts.subject_labels(p),
        duration=facts.duration_text,
        method_fees=facts.method_fees,
        copies=copies,
        search_fields=Markup(fields_html(procedure_fields(catalog, p))),  # escaped by its template
        changes=changes,
        has_history=catalog.site.history is not None,
        link=partial(relative_link, f"thu-tuc/{p.ma_thu_tuc}.md"),
        notice=notice(catalog, p),
        **LABELS,
    )


def _columns(p: Procedure) -> dict[str, bool]:
    """Which optional table columns have a value in at least one row: an empty column is left out."""
    methods = p.cach_thuc
    return {
        "time": any(facts.duration_text(m.thoi_han) for m in methods),
        "fees": any(facts.method_fees(m) for m in methods),
        "method_note": any(facts.said(m.mo_ta) for m in methods),
        "law_number": any(law.so_hieu for law in p.can_cu_phap_ly),
        "law_date": any(law.ngay_ban_hanh for law in p.can_cu_phap_ly),
        "decision_date": any(d.ngay for d in p.quyet_dinh_cong_bo),
        "decision_kind": any(d.loai for d in p.quyet_dinh_cong_bo),
        "decision_issuer": any(d.co_quan for d in p.quyet_dinh_cong_bo),
    }


def case_columns(case: Case) -> dict[str, bool]:
    """Which optional columns of one case's document table have a value in at least one row."""
    return {"forms": any(d.mau for d in case.giay_to), "copies": any(copies(d) for d in case.giay_to)}


def listing_row(p: Summary) -> dict[str, str]:
    """What a listing shows of one procedure."""
    return {
        "time": p.thoi_han,
        "fee": p.phi,
        "online": _first_upper(p.truc_tuyen.removeprefix("Dịch vụ công trực tuyến ")),
    }


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def sector_page(
    catalog: Catalog, sector: Sector, pager: Pager, current: Sequence[Summary], retired: Sequence[Summary]
) -> str:
    """One page of a sector's procedures in force (code, name, time, fee, online level), with the
    pager, and the ``retired`` ones."""
    rows = [(p, listing_row(p)) for p in current]
    return render(
        "thu-tuc/sector.md.j2",
        front_matter=front_matter(pager.title(sector.ten), f"Thủ tục hành chính lĩnh vực {sector.ten}"),
        sector=sector,
        current=rows,
        pager=pager,
        pager_html=pager_html(pager),
        columns={"time": any(row["time"] for _, row in rows), "fee": any(row["fee"] for _, row in rows)},
        retired=retired,
        statuses=STATUSES,
        link=partial(root_link, pager.path),
    )


def index_rows(catalog: Catalog) -> list[tuple[Sector, int, int]]:
    """Each sector that has procedures, with its numbers of procedures in force and of those online."""
    rows = []
    for sector in catalog.sectors:
        procedures = lookup.in_sector(catalog, sector.ma)
        if not procedures:
            continue
        current = [p for p in procedures if p.trang_thai == "hieu_luc"]
        online = [p for p in current if p.nop_truc_tuyen]
        rows.append((sector, len(current), len(online)))
    return lookup.by_size(rows)


def _every_index_row(catalog: Catalog) -> list[tuple[Sector, int, int]]:
    """:func:`index_rows`, made once per catalog (the pages and every page's totals read them)."""
    return catalog.index(("thu-tuc", "index rows"), lambda: index_rows(catalog))


def catalogue_index(catalog: Catalog, pager: Pager, rows: Sequence[tuple[Sector, int, int]]) -> str:
    """One page of the catalogue by sector, with counts and the totals."""
    every = _every_index_row(catalog)
    current_total = sum(count for _, count, _ in every)
    return render(
        "thu-tuc/index.md.j2",
        front_matter=front_matter(
            pager.title("Danh mục thủ tục hành chính"), "Thủ tục hành chính theo lĩnh vực"
        ),
        agency=catalog.agency,
        rows=rows,
        total=current_total,
        online_total=sum(online for _, _, online in every),
        retired=len(lookup.summaries(catalog)) - current_total,
        pager_html=pager_html(pager),
        sectors=len(every),
    )
