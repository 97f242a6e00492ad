"""Pages of the procedure catalogue: one per procedure, one per sector, and the catalogue index."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from markupsafe import Markup

from generator.core.render import Memo, Page, front_matter, no_memo, relative_link, render
from generator.procedures import facts, lookup
from generator.procedures.model import (
    CHANNELS,
    DECISION_KINDS,
    KINDS,
    LEVELS,
    ONLINE_LEVELS,
    STATUSES,
    SUBJECTS,
    Document,
    Procedure,
)
from generator.procedures.search import procedure_fields
from generator.procedures.summary import Summary
from generator.site.catalog import Catalog
from generator.site.history import Change
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
AGENCY_LABELS = (
    ("thuc_hien", "Cơ quan thực hiện"),
    ("tham_quyen", "Cơ quan có thẩm quyền"),
    ("duoc_uy_quyen", "Cơ quan được ủy quyền"),
    ("phoi_hop", "Cơ quan phối hợp"),
)


def catalogue_pages(catalog: Catalog, memo: Memo = no_memo) -> list[Page]:
    """The lists of the catalogue: the index and one page per sector."""
    pages = [Page("thu-tuc/index.md", partial(catalogue_index, catalog))]
    for s in catalog.sectors:
        path, inputs = f"linh-vuc/{s.ma}.md", (s, tuple(lookup.in_sector(catalog, s.ma)))
        pages.append(Page(path, partial(memo, path, inputs, partial(sector_page, catalog, s))))
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
    return (p, catalog.agency, catalog.sector(p.linh_vuc), catalog.synonyms, replacement, related)


def online_label(procedure: Procedure) -> str:
    """The online-service level as citizens read it."""
    level = procedure.dvc_truc_tuyen
    return ONLINE_LEVELS[level] if level else "Chưa công bố"


def copies(document: Document) -> str:
    """``1 bản chính, 1 bản sao``."""
    parts = [f"{document.ban_chinh} bản chính"] if document.ban_chinh else []
    parts += [f"{document.ban_sao} bản sao"] if document.ban_sao else []
    return ", ".join(parts) or "Không quy định"


def procedure_page(catalog: Catalog, p: Procedure, changes: Sequence[Change] = ()) -> str:
    """The page of one procedure, in the national portal's order, ending with its ``changes``."""
    agencies = [(label, getattr(p.co_quan, key)) for key, label in AGENCY_LABELS if getattr(p.co_quan, key)]
    description = f"{p.ten_thu_tuc} — mã {p.ma_thu_tuc}, lĩnh vực {catalog.sector(p.linh_vuc).ten}"
    return render(
        "thu-tuc/procedure.md.j2",
        front_matter=front_matter(p.ten_thu_tuc, description, pagefind=True),
        p=p,
        sector=catalog.sector(p.linh_vuc),
        agency=catalog.agency,
        agencies=agencies,
        replacement=lookup.procedure(catalog, p.ma_thay_the) if p.ma_thay_the else None,
        related=[lookup.procedure(catalog, code) for code in p.thu_tuc_lien_quan],
        forms_elsewhere=bool(p.url_dvcqg) and _has_unlinked_forms(p),
        last_decision=p.quyet_dinh_cong_bo[-1] if p.quyet_dinh_cong_bo else None,
        time_summary=facts.time_summary(p),
        fee_summary=facts.fee_summary(p),
        online=online_label(p),
        duration=facts.duration_text,
        method_fees=facts.method_fees,
        copies=copies,
        search_fields=Markup(fields_html(procedure_fields(catalog, p))),  # escaped by its template
        changes=changes,
        has_history=catalog.site.history is not None,
        link=partial(relative_link, f"thu-tuc/{p.ma_thu_tuc}.md"),
        **LABELS,
    )


def _has_unlinked_forms(p: Procedure) -> bool:
    return any(f.tep is None for case in p.thanh_phan_ho_so for d in case.giay_to for f in d.mau)


def listing_row(p: Summary) -> dict[str, str]:
    """What a listing shows of one procedure."""
    return {
        "time": p.thoi_han,
        "fee": p.phi,
        "online": ONLINE_LEVELS[p.dvc_truc_tuyen].removeprefix("Dịch vụ công trực tuyến ")
        if p.dvc_truc_tuyen
        else "Chưa công bố",
    }


def sector_page(catalog: Catalog, sector: Sector) -> str:
    """The list of one sector's procedures with code, name, time, fee and online level."""
    procedures = lookup.in_sector(catalog, sector.ma)
    current = [p for p in procedures if p.trang_thai == "hieu_luc"]
    retired = [p for p in procedures if p.trang_thai != "hieu_luc"]
    return render(
        "thu-tuc/sector.md.j2",
        front_matter=front_matter(sector.ten, f"Thủ tục hành chính lĩnh vực {sector.ten}"),
        sector=sector,
        current=[(p, listing_row(p)) for p in current],
        retired=retired,
        statuses=STATUSES,
        link=partial(relative_link, f"linh-vuc/{sector.ma}.md"),
    )


def catalogue_index(catalog: Catalog) -> str:
    """The catalogue by sector, with counts."""
    rows = []
    for sector in catalog.sectors:
        procedures = lookup.in_sector(catalog, sector.ma)
        current = [p for p in procedures if p.trang_thai == "hieu_luc"]
        online = [p for p in current if p.dvc_truc_tuyen in ("toan_trinh", "mot_phan")]
        rows.append((sector, len(current), len(online)))
    current_total = sum(count for _, count, _ in rows)
    return render(
        "thu-tuc/index.md.j2",
        front_matter=front_matter("Danh mục thủ tục hành chính", "Thủ tục hành chính theo lĩnh vực"),
        agency=catalog.agency,
        rows=rows,
        total=current_total,
        retired=len(lookup.summaries(catalog)) - current_total,
    )
