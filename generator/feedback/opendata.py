"""The feedback's open data beside the pages: the CSV, the Atom feed of answered items, their part of the
data package and of the open-data page."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, time
from typing import Any

from feedgen.feed import FeedGenerator

from generator.core.render import render
from generator.feedback.model import CHANNELS, CLASSIFICATIONS, OUTCOMES, STATUSES
from generator.feedback.summary import Summary, summaries, timings
from generator.site.agency import address_description, page_address
from generator.site.catalog import Catalog
from generator.site.feeds import base_url

CSV_COLUMNS = [
    "ma_pakn",
    "tieu_de",
    "ngay_tiep_nhan",
    "kenh_tiep_nhan",
    "phan_loai",
    "linh_vuc",
    "thu_tuc",
    "trang_thai",
    "han_xu_ly",
    "ngay_ket_thuc",
    "so_ngay_lam_viec",
    "dung_han",
    "ket_qua",
    "van_ban_tra_loi",
    "dia_chi_trang",
]
CSV_PATH = "du-lieu/pakn.csv"
FEED_PATH = "du-lieu/pakn.xml"
FEED_SIZE = 50
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may read as the start of a formula (OWASP's CSV injection advice)."""


def cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text: one that could start a formula gets a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_START) else value


def csv_text(catalog: Catalog) -> str:
    """Every item, one row each, by code."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    found = timings(catalog)
    for s in summaries(catalog):
        t = found[s.ma_pakn]
        row = [
            s.ma_pakn,
            s.tieu_de,
            s.ngay_tiep_nhan.isoformat(),
            CHANNELS[s.kenh_tiep_nhan],
            CLASSIFICATIONS[s.phan_loai],
            catalog.sector(s.linh_vuc).ten,
            "; ".join(s.thu_tuc),
            STATUSES[s.status],
            t.deadline.isoformat(),
            t.closed_on.isoformat() if t.closed_on else "",
            str(t.taken),
            ("có" if t.on_time else "không") if t.closed_on else ("không" if t.overdue else ""),
            OUTCOMES[s.ket_qua] if s.ket_qua else "",
            s.van_ban_tra_loi or "",
            page_address(catalog.agency.url_trang, f"pakn/{s.ma_pakn}.md"),
        ]
        writer.writerow([cell(value) for value in row])
    return out.getvalue()


def atom_feed(catalog: Catalog) -> str:
    """The latest answered items, newest first, dated by their answers."""
    answered = sorted(
        (s for s in summaries(catalog) if s.ngay_tra_loi),
        key=lambda s: (s.ngay_tra_loi, s.ma_pakn),
        reverse=True,
    )[:FEED_SIZE]
    base = base_url(catalog.agency.url_trang)
    feed = FeedGenerator()
    feed.id(f"{base}{FEED_PATH}")
    feed.title(f"Phản ánh, kiến nghị đã trả lời — {catalog.agency.ten_co_quan}")
    feed.author({"name": catalog.agency.ten_co_quan})
    feed.link(href=f"{base}{FEED_PATH}", rel="self")
    feed.link(href=f"{base}pakn/", rel="alternate")
    feed.language("vi")
    feed.generator("congkhai")
    feed.updated(_stamp(answered[0]) if answered else datetime(1970, 1, 1, tzinfo=UTC))
    for s in reversed(answered):
        entry = feed.add_entry()
        entry.id(f"{base}pakn/{s.ma_pakn}/#tra-loi")
        entry.title(f"{s.tieu_de} ({s.ma_pakn})")
        entry.link(href=f"{base}pakn/{s.ma_pakn}/")
        entry.updated(_stamp(s))
        outcome = OUTCOMES[s.ket_qua] if s.ket_qua else ""
        entry.summary(f"{CLASSIFICATIONS[s.phan_loai]}. {STATUSES[s.status]}. {outcome}".strip())
    return str(feed.atom_str(pretty=True).decode("utf-8"))


def _stamp(s: Summary) -> datetime:
    assert s.ngay_tra_loi is not None
    return datetime.combine(s.ngay_tra_loi, time(), tzinfo=UTC)


def data_resources(site_url: str | None) -> list[dict[str, Any]]:
    """The feedback's CSV in the Frictionless Data Package (the site describes its JSON file, as every
    dataset's), for a site at ``site_url``."""
    fields: list[dict[str, Any]] = [{"name": c, "type": "string"} for c in CSV_COLUMNS]
    fields[-1]["description"] = address_description(site_url, "phản ánh, kiến nghị")
    return [
        {
            "name": "pakn-csv",
            "title": "Phản ánh, kiến nghị (CSV)",
            "path": "pakn.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "schema": {"fields": fields, "primaryKey": ["ma_pakn"]},
        },
    ]


def open_data_section(catalog: Catalog) -> str:
    """What the open-data page says of the feedback's files."""
    return render("pakn/open-data.md.j2", count=len(summaries(catalog)), columns=CSV_COLUMNS)
