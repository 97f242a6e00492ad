"""The procedures' open data: their CSV table, their Atom feeds (the catalogue and each sector), the facts
their change history compares, and their part of the open-data page. The site writes them
(:mod:`generator.site.tables`, :mod:`generator.site.feeds`, :mod:`generator.site.history`)."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from generator.core.render import render, vdate
from generator.procedures import facts, lookup
from generator.procedures.model import CHANNELS, ONLINE_LEVELS, STATUSES, Procedure
from generator.procedures.summary import Summary, decision_milestone
from generator.site import tables
from generator.site.agency import ADDRESS_KEY, address_description, page_address
from generator.site.catalog import Catalog
from generator.site.dataset import AnyDataset
from generator.site.feeds import FEED_SIZE, Feed, FeedEntry
from generator.site.history import Change, Milestone, Value, latest_change, record_day
from generator.site.tables import Column, Table, column

CSV_NAME = "thu-tuc"
CSV_PATH = f"du-lieu/{CSV_NAME}.csv"
FEED_PATH = "du-lieu/thu-tuc.xml"
"""The feed of new and changed procedures of the whole catalogue."""


def sector_feed_path(slug: str) -> str:
    """The feed of new and changed procedures of one sector."""
    return f"du-lieu/linh-vuc/{slug}.xml"


def csv_columns(site_url: str | None = None) -> tuple[Column, ...]:
    """The CSV's columns, described by the model's fields (and what the CSV shows of them), of a site at
    ``site_url`` (the page address is absolute only with one)."""
    return (
        column(Procedure, "ma_thu_tuc", required=True),
        column(Procedure, "ten_thu_tuc", required=True),
        column(Procedure, "linh_vuc", required=True, note="Trong CSV: tên lĩnh vực."),
        column(
            Procedure,
            "linh_vuc",
            header="ma_linh_vuc",
            required=True,
            note="Trong CSV: mã lĩnh vực.",
            title="Mã lĩnh vực",
        ),
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
            title="Thời hạn giải quyết",
            note="Trong CSV: thời hạn giải quyết, một giá trị nếu mọi cách nộp như nhau, nếu không thì theo "
            "từng cách nộp.",
        ),
        column(
            Procedure,
            "cach_thuc",
            header="phi_le_phi",
            note="Trong CSV: các mức phí, lệ phí khác nhau.",
            title="Phí, lệ phí",
        ),
        Column("mien_phi", "Không cách nộp nào thu phí, lệ phí.", "boolean", required=True, title="Miễn phí"),
        column(Procedure, "dvc_truc_tuyen", note="Trong CSV: tên mức."),
        column(Procedure, "trang_thai", required=True, note="Trong CSV: tên tình trạng."),
        column(Procedure, "ngay_cap_nhat", "date"),
        Column(ADDRESS_KEY, address_description(site_url, "thủ tục"), required=True, title="Địa chỉ trang"),
    )


def table(catalog: Catalog) -> Table:
    """The catalogue as one CSV row per procedure."""
    return Table(
        CSV_NAME,
        "Danh mục thủ tục hành chính",
        csv_columns(catalog.agency.url_trang),
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
            page_address(catalog.agency.url_trang, f"thu-tuc/{p.ma_thu_tuc}.md"),
        ]
        for p in lookup.summaries(catalog)
    ]


def feeds(catalog: Catalog, dataset: AnyDataset) -> list[Feed]:
    """New and changed procedures: the whole catalogue (linked from the home page and the catalogue) and
    each sector (linked from its page)."""
    agency = catalog.agency.ten_co_quan
    every = Feed(
        FEED_PATH,
        f"Thủ tục hành chính mới và thay đổi — {agency}",
        partial(_entries, catalog, dataset, None),
        pages=("index.md", "thu-tuc/index.md"),
    )
    sectors = [
        Feed(
            sector_feed_path(s.ma),
            f"Thủ tục hành chính lĩnh vực {s.ten} mới và thay đổi — {agency}",
            partial(_entries, catalog, dataset, s.ma),
            pages=(f"linh-vuc/{s.ma}.md",),
        )
        for s in catalog.sectors  # every sector, so that a feed's address stays while it is empty
    ]
    return [every, *sectors]


def _entries(catalog: Catalog, dataset: AnyDataset, sector: str | None) -> list[FeedEntry]:
    """The :data:`~generator.site.feeds.FEED_SIZE` newest procedures, each dated by its update, its
    latest decision or the last commit of its file (:func:`~generator.site.history.record_day`) and told
    as news: what changed, read from git for these alone (a new version is a new entry)."""
    procedures = lookup.summaries(catalog) if sector is None else lookup.in_sector(catalog, sector)
    dated = [(day, p) for p in procedures if (day := record_day(catalog, dataset, p))]
    dated.sort(key=lambda item: (item[0], item[1].ma_thu_tuc), reverse=True)
    return [
        _entry(catalog, p, day, latest_change(catalog, dataset, p.ma_thu_tuc)) for day, p in dated[:FEED_SIZE]
    ]


def _entry(catalog: Catalog, p: Summary, day: date, change: Change | None) -> FeedEntry:
    """A procedure's entry: a headline of what happened to it and a few lines of how (no dump of the
    record: its page has it)."""
    decision = p.quyet_dinh_cuoi
    if change is None and decision and decision.day == day and not p.ngay_cap_nhat:  # dated by it
        change = Change(day, decision.title, decision.reference)
    named = p.ten_thu_tuc.lower().startswith("thủ tục")
    name = f"{p.ten_thu_tuc if named else f'Thủ tục {p.ten_thu_tuc}'} ({p.ma_thu_tuc})"
    lines = [f"Lĩnh vực {catalog.sector(p.linh_vuc).ten}.", *_what_changed(change)]
    if p.trang_thai != "hieu_luc":
        lines.append(f"Tình trạng: {STATUSES[p.trang_thai].lower()}.")
    lines.append(f"Ngày {vdate(day)}.")
    return FeedEntry(
        f"thu-tuc/{p.ma_thu_tuc}.md",
        headline(name, change),
        day,
        " ".join(lines),
        tag=change.commit if change else "",
    )


def headline(name: str, change: Change | None) -> str:
    """What happened to the procedure ``name``, in a line: «Thủ tục … được cập nhật: phí, lệ phí,
    thời hạn giải quyết», «… được đăng lên trang», «…: sửa đổi, bổ sung theo Quyết định …»."""
    if change is None:
        return f"{name} được cập nhật"
    reference = f" theo {change.reference}" if change.reference else ""
    if change.fields:
        return f"{name} được cập nhật{reference}: {', '.join(_lower(f.label) for f in change.fields)}"
    if change.first:
        return f"{name} được đăng lên trang"
    return f"{name}: {_lower(change.title)}{reference}"


def _what_changed(change: Change | None) -> list[str]:
    """How each fact changed, briefly: a value from old to new, a list by the items added and removed."""
    lines = []
    for f in change.fields if change else ():
        if f.is_list and len(f.added) == len(f.removed) == 1:  # one item changed: the fee of a channel …
            lines.append(f"{f.label}: {f.removed[0]} → {f.added[0]}.")
        elif f.is_list:
            counts = [f"thêm {len(f.added)}" if f.added else "", f"bỏ {len(f.removed)}" if f.removed else ""]
            lines.append(f"{f.label}: {', '.join(filter(None, counts)) or 'đổi thứ tự'}.")
        else:
            lines.append(f"{f.label}: {f.old or '(không có)'} → {f.new or '(không có)'}.")
    return lines


def _lower(label: str) -> str:
    return label[:1].lower() + label[1:]


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
    return [decision_milestone(d) for d in p.quyet_dinh_cong_bo]


def page_dates(catalog: Catalog, dataset: AnyDataset) -> dict[str, date]:
    """Each procedure's page by its date (:func:`~generator.site.history.record_day`, as its feed entry),
    each sector's list and the catalogue by the newest of the procedures they list."""
    days = {p.ma_thu_tuc: day for p in lookup.summaries(catalog) if (day := record_day(catalog, dataset, p))}
    dates = {f"thu-tuc/{code}.md": day for code, day in days.items()}
    for s in catalog.sectors:
        listed = [days[p.ma_thu_tuc] for p in lookup.in_sector(catalog, s.ma) if p.ma_thu_tuc in days]
        if listed:
            dates[f"linh-vuc/{s.ma}.md"] = max(listed)
    if days:
        dates["thu-tuc/index.md"] = max(days.values())
    return dates


def open_data_section(catalog: Catalog) -> str:
    """What the open-data page says of the procedures' files."""
    return render(
        "thu-tuc/open-data.md.j2",
        agency=catalog.agency,
        count=len(lookup.summaries(catalog)),
    )
