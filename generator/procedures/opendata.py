"""The procedures' open data: their CSV table, their Atom feeds (the catalogue and each sector), the facts
their change history compares, and their part of the open-data page. The site writes them
(:mod:`generator.site.tables`, :mod:`generator.site.feeds`, :mod:`generator.site.history`)."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from generator.core.render import render, vdate
from generator.procedures import facts, lookup
from generator.procedures.model import CHANNELS, DECISION_KINDS, ONLINE_LEVELS, STATUSES, Procedure
from generator.site import tables
from generator.site.catalog import Catalog
from generator.site.feeds import Feed, FeedEntry
from generator.site.history import Milestone, Value
from generator.site.tables import Column, Table, column

CSV_NAME = "thu-tuc"
CSV_PATH = f"du-lieu/{CSV_NAME}.csv"
FEED_PATH = "du-lieu/thu-tuc.xml"
"""The feed of new and changed procedures of the whole catalogue."""


def sector_feed_path(slug: str) -> str:
    """The feed of new and changed procedures of one sector."""
    return f"du-lieu/linh-vuc/{slug}.xml"


def csv_columns() -> tuple[Column, ...]:
    """The CSV's columns, described by the model's fields (and what the CSV shows of them)."""
    return (
        column(Procedure, "ma_thu_tuc", required=True),
        column(Procedure, "ten_thu_tuc", required=True),
        column(Procedure, "linh_vuc", required=True, note="Trong CSV: tên lĩnh vực."),
        column(Procedure, "linh_vuc", header="ma_linh_vuc", required=True, note="Trong CSV: mã lĩnh vực."),
        column(
            Procedure,
            "cap_thuc_hien",
            is_list=True,
            note=f"Trong CSV: tên cấp, rồi cấp nguồn ghi khác, nguyên văn; «{facts.NO_LEVEL}» khi nguồn "
            "không ghi cấp.",
        ),
        column(
            Procedure,
            "cach_thuc",
            header="thoi_han_giai_quyet",
            note="Trong CSV: thời hạn giải quyết, một giá trị nếu mọi cách nộp như nhau, nếu không thì theo "
            "từng cách nộp.",
        ),
        column(Procedure, "cach_thuc", header="phi_le_phi", note="Trong CSV: các mức phí, lệ phí khác nhau."),
        Column("mien_phi", "Không cách nộp nào thu phí, lệ phí.", "boolean", required=True),
        column(Procedure, "dvc_truc_tuyen", note="Trong CSV: tên mức."),
        column(Procedure, "trang_thai", required=True, note="Trong CSV: tên tình trạng."),
        column(Procedure, "ngay_cap_nhat", "date"),
        Column("dia_chi_trang", "Đường dẫn tương đối tới trang của thủ tục.", required=True),
    )


def table(catalog: Catalog) -> Table:
    """The catalogue as one CSV row per procedure."""
    return Table(
        CSV_NAME,
        "Danh mục thủ tục hành chính",
        csv_columns(),
        partial(_rows, catalog),
        primary_key=("ma_thu_tuc",),
    )


def csv_text(catalog: Catalog) -> str:
    """The catalogue's CSV file, as the site writes it (:func:`generator.site.tables.csv_text`)."""
    return tables.csv_text(table(catalog), catalog.version.label)


def _rows(catalog: Catalog) -> list[list[Any]]:
    return [
        [
            p.ma_thu_tuc,
            p.ten_thu_tuc,
            catalog.sector(p.linh_vuc).ten,
            p.linh_vuc,
            facts.level_labels(p),
            p.thoi_han,
            p.phi,
            p.mien_phi,
            ONLINE_LEVELS[p.dvc_truc_tuyen] if p.dvc_truc_tuyen else None,
            STATUSES[p.trang_thai],
            p.ngay_cap_nhat,
            f"thu-tuc/{p.ma_thu_tuc}/",
        ]
        for p in lookup.summaries(catalog)
    ]


def feeds(catalog: Catalog) -> list[Feed]:
    """New and changed procedures: the whole catalogue (linked from the home page and the catalogue) and
    each sector (linked from its page)."""
    agency = catalog.agency.ten_co_quan
    every = Feed(
        FEED_PATH,
        f"Thủ tục hành chính mới và thay đổi — {agency}",
        partial(_entries, catalog, None),
        pages=("index.md", "thu-tuc/index.md"),
    )
    sectors = [
        Feed(
            sector_feed_path(s.ma),
            f"Thủ tục hành chính lĩnh vực {s.ten} mới và thay đổi — {agency}",
            partial(_entries, catalog, s.ma),
            pages=(f"linh-vuc/{s.ma}.md",),
        )
        for s in catalog.sectors  # every sector, so that a feed's address stays while it is empty
    ]
    return [every, *sectors]


def _entries(catalog: Catalog, sector: str | None) -> list[FeedEntry]:
    """One entry per procedure with an update date, dated by it: a new version is a new entry."""
    procedures = lookup.summaries(catalog) if sector is None else lookup.in_sector(catalog, sector)
    return [
        FeedEntry(
            f"thu-tuc/{p.ma_thu_tuc}.md",
            f"{p.ten_thu_tuc} ({p.ma_thu_tuc})",
            p.ngay_cap_nhat,
            f"{catalog.sector(p.linh_vuc).ten}. {STATUSES[p.trang_thai]}. "
            f"Cập nhật ngày {vdate(p.ngay_cap_nhat)}. Thời hạn: {p.thoi_han}. Phí, lệ phí: {p.phi}.",
        )
        for p in procedures
        if p.ngay_cap_nhat
    ]


def history_fields(p: Procedure) -> dict[str, Value]:
    """What a change of a procedure is described by: its name, fee, time, documents, legal basis …"""
    return {
        "Tên thủ tục": p.ten_thu_tuc,
        "Cấp thực hiện": tuple(facts.level_labels(p)),
        "Thời hạn giải quyết": facts.time_summary(p),
        "Phí, lệ phí": tuple(
            f"{CHANNELS[m.hinh_thuc]}: {fee}" for m in p.cach_thuc for fee in facts.method_fees(m)
        ),
        "Cách thức thực hiện": tuple(facts.channels(p)),
        "Thành phần hồ sơ": tuple(
            (f"{case.truong_hop}: " if case.truong_hop else "") + d.ten
            for case in p.thanh_phan_ho_so
            for d in case.giay_to
        ),
        "Yêu cầu, điều kiện": p.yeu_cau_dieu_kien or "",
        "Căn cứ pháp lý": tuple(" ".join(filter(None, (law.so_hieu, law.ten))) for law in p.can_cu_phap_ly),
        "Kết quả thực hiện": tuple(r.ten for r in p.ket_qua),
        "Dịch vụ công trực tuyến": ONLINE_LEVELS[p.dvc_truc_tuyen] if p.dvc_truc_tuyen else "",
        "Tình trạng": STATUSES[p.trang_thai],
    }


def milestones(p: Procedure) -> list[Milestone]:
    """The procedure's publication decisions."""
    return [
        Milestone(d.ngay, DECISION_KINDS[d.loai] if d.loai else "Quyết định công bố", f"Quyết định {d.so}")
        for d in p.quyet_dinh_cong_bo
    ]


def page_dates(catalog: Catalog) -> dict[str, date]:
    """Each procedure's page by its update date, each sector's list and the catalogue by their latest."""
    procedures = lookup.summaries(catalog)
    dates = {f"thu-tuc/{p.ma_thu_tuc}.md": p.ngay_cap_nhat for p in procedures if p.ngay_cap_nhat}
    for s in catalog.sectors:
        days = [p.ngay_cap_nhat for p in lookup.in_sector(catalog, s.ma) if p.ngay_cap_nhat]
        if days:
            dates[f"linh-vuc/{s.ma}.md"] = max(days)
    if dates:
        dates["thu-tuc/index.md"] = max(dates.values())
    return dates


def open_data_section(catalog: Catalog) -> str:
    """What the open-data page says of the procedures' files."""
    return render(
        "thu-tuc/open-data.md.j2",
        agency=catalog.agency,
        count=len(lookup.summaries(catalog)),
    )
