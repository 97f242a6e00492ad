"""The plan's open data beside its pages: CSV of the tasks and of the reports, an Atom feed of the
quarterly reports, their part of the data package and of the open-data page."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

from feedgen.feed import FeedGenerator

from generator.core.csvcells import csv_text
from generator.plan.model import STATUSES, TIMING_KINDS
from generator.plan.timing import ROMAN
from generator.plan.views import plan_views
from generator.site.agency import address_description, page_address
from generator.site.catalog import Catalog
from generator.site.feeds import base_url

TASKS_CSV = "du-lieu/ke-hoach.csv"
REPORTS_CSV = "du-lieu/ke-hoach-bao-cao.csv"
FEED = "du-lieu/ke-hoach-bao-cao.xml"
TASK_COLUMNS = [
    "nam",
    "ma_nhiem_vu",
    "nhom",
    "noi_dung",
    "chu_tri",
    "phoi_hop",
    "loai_thoi_gian",
    "thoi_gian",
    "den_ngay",
    "trang_thai",
    "phan_tram",
    "qua_han",
    "thieu_bao_cao_quy",
    "tinh_den_ngay",
    "dia_chi_trang",
]
REPORT_COLUMNS = [
    "nam",
    "quy",
    "ma_nhiem_vu",
    "ngay",
    "trang_thai",
    "phan_tram",
    "ket_qua",
    "minh_chung",
    "nop_muon",
]


def tasks_csv(catalog: Catalog) -> str:
    """One row per task of every plan, with where it stands at the build date."""
    rows = []
    for v in plan_views(catalog):
        for t in v.tasks:
            timing = t.item.task.thoi_gian
            rows.append(
                [
                    v.plan.nam,
                    t.item.id,
                    t.item.section,
                    t.item.task.noi_dung,
                    t.lead,
                    t.partners,
                    TIMING_KINDS[timing.loai],
                    timing.nguyen_van,
                    timing.den_ngay.isoformat() if timing.den_ngay else "",
                    STATUSES[t.state.status],
                    "" if t.state.percent is None else t.state.percent,
                    "có" if t.state.overdue else "không",
                    " ".join(ROMAN[q] for q in t.state.missing),
                    v.today.isoformat(),
                    page_address(catalog.agency.url_trang, f"ke-hoach/{v.plan.nam}/{t.item.slug}.md"),
                ]
            )
    return csv_text(TASK_COLUMNS, rows)


def reports_csv(catalog: Catalog) -> str:
    """One row per task per quarterly report."""
    rows = [
        [
            r.year,
            r.quarter,
            t.item.id,
            r.day.isoformat(),
            STATUSES[r.status],
            "" if r.percent is None else r.percent,
            r.done or "",
            " ".join(r.evidence),
            "có" if r.late else "không",
        ]
        for v in plan_views(catalog)
        for t in v.tasks
        for r in t.state.history
    ]
    rows.sort(key=lambda row: (row[0], row[1], row[3]))
    return csv_text(REPORT_COLUMNS, rows)


def feed(catalog: Catalog) -> str:
    """The quarterly reports, newest last in the file, each dated by its own day."""
    base = base_url(catalog.agency.url_trang)
    out = FeedGenerator()
    out.id(f"{base}{FEED}")
    out.title(f"Báo cáo tiến độ kế hoạch kiểm soát TTHC — {catalog.agency.ten_co_quan}")
    out.author({"name": catalog.agency.ten_co_quan})
    out.link(href=f"{base}{FEED}", rel="self")
    out.link(href=base, rel="alternate")
    out.language("vi")
    out.generator("congkhai")
    reports = sorted(
        (r for v in plan_views(catalog) for r in v.reports), key=lambda r: (r.ngay, r.nam, r.quy)
    )
    out.updated(_stamp(reports[-1].ngay) if reports else datetime(1970, 1, 1, tzinfo=UTC))
    for r in reports:
        entry = out.add_entry()
        address = f"{base}ke-hoach/{r.nam}/quy-{r.quy}/"
        entry.id(address)
        entry.title(f"Tình hình thực hiện kế hoạch kiểm soát TTHC quý {ROMAN[r.quy]} năm {r.nam}")
        entry.link(href=address)
        entry.updated(_stamp(r.ngay))
        done = sum(e.trang_thai == "hoan_thanh" for e in r.ket_qua)
        sample = " Dữ liệu mẫu." if r.du_lieu_mau else ""
        entry.summary(f"{len(r.ket_qua)} nhiệm vụ được báo cáo, {done} nhiệm vụ hoàn thành.{sample}")
    return str(out.atom_str(pretty=True).decode("utf-8"))


def _stamp(day: Any) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def data_resources(site_url: str | None) -> list[dict[str, Any]]:
    """The plan's CSV tables in the data package (the site describes the JSON files of the plans, the
    reports and the units, as every dataset's), for a site at ``site_url``."""
    tasks = _csv("ke-hoach", "Nhiệm vụ kiểm soát TTHC (CSV)", TASK_COLUMNS, ["nam", "ma_nhiem_vu"])
    tasks["schema"]["fields"][-1]["description"] = address_description(site_url, "nhiệm vụ")
    reports = _csv("ke-hoach-bao-cao", "Báo cáo tiến độ hằng quý của kế hoạch (CSV)", REPORT_COLUMNS, None)
    return [tasks, reports]


def _csv(stem: str, title: str, columns: list[str], key: list[str] | None) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [{"name": c, "type": "string"} for c in columns]}
    if key:
        schema["primaryKey"] = key
    resource = {"name": f"{stem}-csv", "title": title, "path": f"{stem}.csv", "format": "csv"}
    return resource | {"mediatype": "text/csv", "schema": schema}
