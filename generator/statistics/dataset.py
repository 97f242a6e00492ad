"""The one-stop-shop results as a dataset of the pipeline: ``content/thong-ke/<năm>-q<n>.yml``.

A quarter is a few dozen numbers, so its summary is the record itself and every page is made from the
summaries (:meth:`listing_pages`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from generator.core.errors import DataError
from generator.core.records import Loaded
from generator.core.render import Memo, Page, no_memo, number, render, vdate
from generator.core.validation import one_of_message
from generator.site.catalog import Catalog
from generator.site.dataset import CheckContext, Dataset, Link, NavEntry
from generator.statistics.figures import COLUMN_NAMES, identity_problems, of_row, on_time_rate, online_rate
from generator.statistics.model import Period
from generator.statistics.pages import ALL_CSV, INDEX, RATE_COLUMNS, RATES_CSV, statistics_pages
from generator.statistics.views import NAME, ROMAN, quarter_views


class Statistics(Dataset[Period, Period]):
    """Kết quả giải quyết TTHC: one file per quarter."""

    name = NAME
    title = "Kết quả giải quyết TTHC"
    optional = True
    model = Period
    templates = Path(__file__).parent / "templates"
    json_key = "thong_ke"
    noun = "quý thống kê"

    def key(self, item: Period) -> str:
        """``2024-q1``."""
        return f"{item.nam}-q{item.quy}"

    def page_of(self, key: str) -> str | None:
        """``thong-ke/<năm>-q<quý>.md``: the quarter's page."""
        return f"{NAME}/{key}.md"

    def summarise(self, record: Period) -> Period:
        """The quarter itself."""
        return record

    def updated(self, summary: Period) -> date | None:
        """The report's day, if given."""
        return summary.ngay_bao_cao

    def check(self, items: list[Loaded[Period]], context: CheckContext) -> list[DataError]:
        """File names, known sectors, one row per sector, the identities of Biểu 06, and each quarter's
        «từ kỳ trước» equal to what the quarter before left pending."""
        errors: list[DataError] = []
        for item in items:
            errors += _check_one(item, self.file_stem(item.record), context.sectors)
        errors += _check_carried_over(items)
        return errors

    def record_pages(self, catalog: Catalog, records: Sequence[Period], memo: Memo = no_memo) -> list[Page]:
        """None: every page is made from the summaries."""
        return []

    def listing_pages(self, catalog: Catalog, memo: Memo = no_memo) -> list[Page]:
        """The overview, each year and quarter, and the CSVs (nothing without a quarter)."""
        return statistics_pages(catalog)

    def nav(self, catalog: Catalog) -> list[NavEntry]:
        """The overview."""
        return [{"Kết quả giải quyết TTHC": INDEX}] if self.summaries(catalog) else []

    def home_links(self, catalog: Catalog) -> list[Link]:
        """The overview."""
        return [Link("Kết quả giải quyết TTHC", INDEX)] if self.summaries(catalog) else []

    def home_section(self, catalog: Catalog) -> str:
        """The latest quarter's figures."""
        quarters = quarter_views(catalog)
        if not quarters:
            return ""
        return render(
            "thong-ke/home.md.j2",
            q=quarters[-1],
            vdate=vdate,
            number=number,
            on_time=on_time_rate,
            online=online_rate,
        )

    def open_data_section(self, catalog: Catalog) -> str:
        """The statistics' files."""
        return render("thong-ke/open-data.md.j2", columns=COLUMN_NAMES) if self.summaries(catalog) else ""

    def data_resources(self, catalog: Catalog) -> list[dict[str, Any]]:
        """The CSVs (the site describes the JSON file, as every dataset's)."""
        if not self.summaries(catalog):
            return []
        columns = ["nam", "quy", "tu_ngay", "den_ngay", "linh_vuc", "ten_linh_vuc", *COLUMN_NAMES]
        return [
            _csv("thong-ke-csv", "Kết quả giải quyết TTHC theo quý và lĩnh vực (CSV)", ALL_CSV, columns),
            _csv(
                "thong-ke-ty-le-csv", "Tỷ lệ giải quyết đúng hạn và trực tuyến (CSV)", RATES_CSV, RATE_COLUMNS
            ),
        ]

    def search_fallback(self, catalog: Catalog) -> list[Link]:
        """The overview."""
        return [Link("Kết quả giải quyết thủ tục hành chính", INDEX)] if self.summaries(catalog) else []


def _csv(name: str, title: str, path: str, columns: list[str]) -> dict[str, Any]:
    return {
        "name": name,
        "title": title,
        "path": path.removeprefix("du-lieu/"),
        "format": "csv",
        "mediatype": "text/csv",
        "schema": {"fields": [{"name": c, "type": "string"} for c in columns]},
    }


def _check_one(item: Loaded[Period], key: str, sectors: list[str] | None) -> list[DataError]:
    period = item.record
    errors: list[DataError] = []
    if Path(item.path).stem != key:
        errors.append(
            item.doc.error(("quy",), f"tệp số liệu quý {period.quy}/{period.nam} phải tên là {key}.yml")
        )
    seen: dict[str, int] = {}
    for i, row in enumerate(period.so_lieu):
        if sectors is not None and row.linh_vuc not in sectors:
            errors.append(item.doc.error(("so_lieu", i, "linh_vuc"), one_of_message(row.linh_vuc, sectors)))
        if row.linh_vuc in seen:
            errors.append(
                item.doc.error(
                    ("so_lieu", i, "linh_vuc"),
                    f"lĩnh vực «{row.linh_vuc}» đã có ở so_lieu[{seen[row.linh_vuc]}]",
                )
            )
        seen.setdefault(row.linh_vuc, i)
        for loc, message in identity_problems(row):
            errors.append(item.doc.error(("so_lieu", i, *loc), f"lĩnh vực «{row.linh_vuc}»: {message}"))
    return errors


def _check_carried_over(items: list[Loaded[Period]]) -> list[DataError]:
    """«Từ kỳ trước» of each sector equals «đang giải quyết» of the same sector in the quarter before."""
    by_quarter: dict[tuple[int, int], Loaded[Period]] = {(i.record.nam, i.record.quy): i for i in items}
    errors: list[DataError] = []
    for (year, quarter), item in sorted(by_quarter.items()):
        before = by_quarter.get((year, quarter - 1) if quarter > 1 else (year - 1, 4))
        if before is None:
            continue
        left = {r.linh_vuc: of_row(r).pending for r in before.record.so_lieu}
        rows = {r.linh_vuc: (i, r) for i, r in enumerate(item.record.so_lieu)}
        name = f"quý {ROMAN[before.record.quy]}/{before.record.nam}"
        for slug, pending in left.items():
            if slug not in rows and pending:
                errors.append(
                    item.doc.error(
                        ("so_lieu",),
                        f"thiếu dòng lĩnh vực «{slug}»: cuối {name} còn {pending} hồ sơ đang giải quyết",
                    )
                )
        for slug, (i, row) in rows.items():
            carried = row.tiep_nhan.ky_truoc
            if carried != left.get(slug, 0):
                errors.append(
                    item.doc.error(
                        ("so_lieu", i, "tiep_nhan", "ky_truoc"),
                        f"lĩnh vực «{slug}»: từ kỳ trước {carried} ≠ "
                        f"đang giải quyết cuối {name} {left.get(slug, 0)}",
                    )
                )
    return errors


STATISTICS = Statistics()
"""The one-stop-shop results."""
