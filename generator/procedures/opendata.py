"""The procedures' open data beside the pages: CSV, the Atom feed of changes, their part of the data
package and of the open-data page."""

from __future__ import annotations

from datetime import UTC, datetime, time
from functools import partial
from typing import Any

from feedgen.feed import FeedGenerator

from generator.core.csvcells import csv_text as csv_cells
from generator.core.render import render
from generator.procedures import lookup
from generator.procedures.model import LEVELS, ONLINE_LEVELS, STATUSES
from generator.procedures.summary import Summary
from generator.site.catalog import Catalog

CSV_COLUMNS = [
    "ma_thu_tuc",
    "ten_thu_tuc",
    "linh_vuc",
    "cap_thuc_hien",
    "thoi_han_giai_quyet",
    "phi_le_phi",
    "dvc_truc_tuyen",
    "trang_thai",
    "ngay_cap_nhat",
    "dia_chi_trang",
]
FEED_SIZE = 50
CSV_PATH = "du-lieu/thu-tuc.csv"
FEED_PATH = "du-lieu/thay-doi.xml"


def csv_text(catalog: Catalog) -> str:
    """The catalogue as one CSV row per procedure."""
    return csv_cells(CSV_COLUMNS, map(partial(_row, catalog), lookup.summaries(catalog)))


def _row(catalog: Catalog, p: Summary) -> list[str]:
    return [
        p.ma_thu_tuc,
        p.ten_thu_tuc,
        catalog.sector(p.linh_vuc).ten,
        "; ".join(LEVELS[level] for level in p.cap_thuc_hien),
        p.thoi_han,
        p.phi,
        ONLINE_LEVELS[p.dvc_truc_tuyen] if p.dvc_truc_tuyen else "",
        STATUSES[p.trang_thai],
        p.ngay_cap_nhat.isoformat() if p.ngay_cap_nhat else "",
        f"thu-tuc/{p.ma_thu_tuc}/",
    ]


def atom_feed(catalog: Catalog) -> str:
    """The most recently updated procedures, newest first, dated by their own update dates."""
    dated = sorted(
        (p for p in lookup.summaries(catalog) if p.ngay_cap_nhat),
        key=lambda p: (p.ngay_cap_nhat, p.ma_thu_tuc),
        reverse=True,
    )[:FEED_SIZE]
    base = (catalog.agency.url_trang or "https://example.invalid/").rstrip("/") + "/"
    feed = FeedGenerator()
    feed.id(f"{base}{FEED_PATH}")
    feed.title(f"Thủ tục hành chính mới cập nhật — {catalog.agency.ten_co_quan}")
    feed.author({"name": catalog.agency.ten_co_quan})
    feed.link(href=f"{base}{FEED_PATH}", rel="self")
    feed.link(href=base, rel="alternate")
    feed.language("vi")
    feed.generator("congkhai")
    feed.updated(_stamp(dated[0]) if dated else datetime(1970, 1, 1, tzinfo=UTC))
    for p in reversed(dated):
        entry = feed.add_entry()
        entry.id(f"{base}thu-tuc/{p.ma_thu_tuc}/#{p.ngay_cap_nhat}")
        entry.title(f"{p.ten_thu_tuc} ({p.ma_thu_tuc})")
        entry.link(href=f"{base}thu-tuc/{p.ma_thu_tuc}/")
        entry.updated(_stamp(p))
        entry.summary(
            f"{catalog.sector(p.linh_vuc).ten}. {STATUSES[p.trang_thai]}. "
            f"Thời hạn: {p.thoi_han}. Phí, lệ phí: {p.phi}."
        )
    return str(feed.atom_str(pretty=True).decode("utf-8"))


def _stamp(p: Summary) -> datetime:
    assert p.ngay_cap_nhat is not None
    return datetime.combine(p.ngay_cap_nhat, time(), tzinfo=UTC)


def data_resources() -> list[dict[str, Any]]:
    """The procedures' resources in the Frictionless Data Package."""
    return [
        {
            "name": "thu-tuc-csv",
            "path": "thu-tuc.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "schema": {
                "fields": [{"name": c, "type": "string"} for c in CSV_COLUMNS],
                "primaryKey": ["ma_thu_tuc"],
            },
        },
        {
            "name": "thu-tuc-json",
            "path": "thu-tuc.json",
            "format": "json",
            "mediatype": "application/json",
            "schema": "schema/thu-tuc.schema.json",
        },
    ]


def open_data_section(catalog: Catalog) -> str:
    """What the open-data page says of the procedures' files."""
    return render(
        "thu-tuc/open-data.md.j2",
        agency=catalog.agency,
        count=len(lookup.summaries(catalog)),
        columns=CSV_COLUMNS,
    )
