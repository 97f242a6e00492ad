"""The plan as datasets of the pipeline: the unit registry, the yearly plans and the quarterly reports.

The three are small (a few files a year), so each summary is the record itself, and every page is made
from the summaries (:meth:`listing_pages`): a task's page reads its plan and every quarter's report.
The plan's pages, feed and CSV are made by :data:`PLAN`; the other two add only their checks and JSON.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from generator.core.contentfiles import content_files
from generator.core.errors import DataError
from generator.core.records import Loaded
from generator.core.render import Memo, Page, no_memo, render
from generator.core.validation import one_of_message
from generator.plan import lookup, opendata
from generator.plan.model import GROUPS_OR_TASKS, Plan, Report, UnitRegistry
from generator.plan.pages import INDEX, plan_pages
from generator.plan.views import plan_views
from generator.site.catalog import Catalog
from generator.site.dataset import CheckContext, Dataset, Link, NavEntry
from generator.site.sectors import unique_entries

UNITS_FILE = "don-vi.yml"


class Units(Dataset[UnitRegistry, UnitRegistry]):
    """Đơn vị: the one file ``content/don-vi.yml``."""

    name = lookup.UNITS_NAME
    title = "Đơn vị thực hiện kế hoạch kiểm soát TTHC"
    model = UnitRegistry
    json_key = "danh_sach_don_vi"
    noun = "danh sách đơn vị"

    optional = True

    def files(self, content: Path) -> list[Path]:
        """``content/don-vi.yml``, if present (a link or a special file there is refused when read)."""
        path = content / UNITS_FILE
        return [path] if os.path.lexists(path) else []

    def present(self, content: Path) -> bool:
        """Whether ``content/don-vi.yml`` exists."""
        return os.path.lexists(content / UNITS_FILE)

    def key(self, item: UnitRegistry) -> str:
        """There is one registry."""
        return "don-vi"

    def summarise(self, record: UnitRegistry) -> UnitRegistry:
        """The registry itself (a few lines)."""
        return record

    def check(self, items: list[Loaded[UnitRegistry]], context: CheckContext) -> list[DataError]:
        """Each code and each name once."""
        return [error for item in items for error in unique_entries(item, "don_vi", item.record.don_vi)]

    def record_pages(
        self, catalog: Catalog, records: Sequence[UnitRegistry], memo: Memo = no_memo
    ) -> list[Page]:
        """None: the plan's pages name the units."""
        return []

    def listing_pages(self, catalog: Catalog, memo: Memo = no_memo) -> list[Page]:
        """None."""
        return []


class Plans(Dataset[Plan, Plan]):
    """Kế hoạch: one file per year, ``content/ke-hoach/<năm>.yml``; makes every page of the plan."""

    name = lookup.PLAN_NAME
    title = "Kế hoạch kiểm soát TTHC"
    optional = True

    model = Plan
    templates = Path(__file__).parent / "templates"
    json_key = "ke_hoach"
    noun = "kế hoạch"

    def form_messages(self) -> dict[str, str]:
        """Each part has groups or tasks."""
        return {"groups_or_tasks": GROUPS_OR_TASKS}

    def other_entries(self) -> set[str]:
        """The reports' folder, ``bao-cao/``."""
        return {"bao-cao"}

    def key(self, item: Plan) -> str:
        """The year."""
        return str(item.nam)

    def page_of(self, key: str) -> str | None:
        """``ke-hoach/<năm>/index.md``: the plan's overview."""
        return f"{lookup.PLAN_NAME}/{key}/index.md"

    def summarise(self, record: Plan) -> Plan:
        """The plan itself (its pages read every task)."""
        return record

    def updated(self, summary: Plan) -> date | None:
        """The day the plan was issued."""
        return summary.ngay_ban_hanh

    def check(self, items: list[Loaded[Plan]], context: CheckContext) -> list[DataError]:
        """The file is named by the year; units are in the registry; task ids are unique."""
        registries = context.summaries.get(lookup.UNITS_NAME, [])
        codes = list(lookup.unit_names(registries))
        errors: list[DataError] = []
        for item in items:
            plan = item.record
            if Path(item.path).stem != self.file_stem(plan):
                errors.append(
                    item.doc.error(("nam",), f"tệp kế hoạch năm {plan.nam} phải tên là {plan.nam}.yml")
                )
            seen: set[str] = set()
            for loc, task_id, task in _located(plan):
                if task_id in seen:
                    errors.append(item.doc.error((*loc, "stt"), f"nhiệm vụ {task_id} đã có ở trên"))
                seen.add(task_id)
                for field in ("chu_tri", "phoi_hop"):
                    for i, code in enumerate(getattr(task, field)):
                        if code not in codes:
                            message = (
                                one_of_message(code, codes)
                                if codes
                                else f"«{code}»: chưa có danh sách đơn vị (tệp {UNITS_FILE})"
                            )
                            errors.append(item.doc.error((*loc, field, i), message))
        return errors

    def record_pages(self, catalog: Catalog, records: Sequence[Plan], memo: Memo = no_memo) -> list[Page]:
        """None: every page is made from the summaries (:meth:`listing_pages`)."""
        return []

    def listing_pages(self, catalog: Catalog, memo: Memo = no_memo) -> list[Page]:
        """Every plan's pages, its CSVs and the feed of reports (nothing without a plan)."""
        if not self.summaries(catalog):
            return []
        return [
            *plan_pages(catalog),
            Page(opendata.TASKS_CSV, partial(opendata.tasks_csv, catalog)),
            Page(opendata.REPORTS_CSV, partial(opendata.reports_csv, catalog)),
            Page(opendata.FEED, partial(opendata.feed, catalog)),
        ]

    def nav(self, catalog: Catalog) -> list[NavEntry]:
        """The list of plans and each year's plan."""
        plans = self.summaries(catalog)
        if not plans:
            return []
        years = [{f"Năm {p.nam}": f"ke-hoach/{p.nam}/index.md"} for p in reversed(plans)]
        return [{"Kế hoạch kiểm soát TTHC": [{"Các kế hoạch": INDEX}, *years]}]

    def home_links(self, catalog: Catalog) -> list[Link]:
        """The plan."""
        return [Link("Tiến độ kế hoạch kiểm soát TTHC", INDEX)] if self.summaries(catalog) else []

    def home_section(self, catalog: Catalog) -> str:
        """Each plan's counts."""
        views = plan_views(catalog)
        return render("ke-hoach/home.md.j2", views=views) if views else ""

    def open_data_section(self, catalog: Catalog) -> str:
        """The plan's files."""
        if not self.summaries(catalog):
            return ""
        return render(
            "ke-hoach/open-data.md.j2",
            task_columns=opendata.TASK_COLUMNS,
            report_columns=opendata.REPORT_COLUMNS,
        )

    def data_resources(self, catalog: Catalog) -> list[dict[str, Any]]:
        """The CSVs and JSON files of the plan, its reports and its units."""
        return opendata.data_resources(catalog.agency.url_trang) if self.summaries(catalog) else []

    def search_fallback(self, catalog: Catalog) -> list[Link]:
        """The list of plans."""
        return [Link("Kế hoạch kiểm soát thủ tục hành chính", INDEX)] if self.summaries(catalog) else []


def _located(plan: Plan) -> list[tuple[tuple[str | int, ...], str, Any]]:
    """Every task with its key path in the file and its id."""
    found: list[tuple[tuple[str | int, ...], str, Any]] = []
    for p, part in enumerate(plan.phan):
        for g, group in enumerate(part.nhom):
            for t, task in enumerate(group.nhiem_vu):
                found.append(
                    (("phan", p, "nhom", g, "nhiem_vu", t), f"{part.ma}.{group.ma}.{task.stt}", task)
                )
        for t, task in enumerate(part.nhiem_vu):
            found.append((("phan", p, "nhiem_vu", t), f"{part.ma}.{task.stt}", task))
    return found


class Reports(Dataset[Report, Report]):
    """Báo cáo tiến độ: one file per quarter, ``content/ke-hoach/bao-cao/<năm>-q<n>.yml``."""

    name = lookup.REPORTS_NAME
    title = "Báo cáo tiến độ hằng quý của kế hoạch kiểm soát TTHC"
    model = Report
    json_key = "bao_cao"
    noun = "báo cáo"
    folder = "ke-hoach/bao-cao"

    optional = True

    def files(self, content: Path) -> list[Path]:
        """The report files in ``content/ke-hoach/bao-cao/``."""
        return content_files(content / self.folder, self.pattern)

    def present(self, content: Path) -> bool:
        """Whether ``content/ke-hoach/bao-cao/`` exists."""
        return os.path.lexists(content / self.folder)

    def key(self, item: Report) -> str:
        """``2023-q1``."""
        return f"{item.nam}-q{item.quy}"

    def summarise(self, record: Report) -> Report:
        """The report itself (the tasks' pages read every entry)."""
        return record

    def updated(self, summary: Report) -> date | None:
        """The day of the report, or of its latest entry."""
        return max([summary.ngay, *(e.ngay for e in summary.ket_qua if e.ngay)])

    def check(self, items: list[Loaded[Report]], context: CheckContext) -> list[DataError]:
        """The file is named by its quarter; the plan of its year exists; each task is in it, once."""
        plans = {p.nam: p for p in context.summaries.get(lookup.PLAN_NAME, [])}
        errors: list[DataError] = []
        for item in items:
            report = item.record
            if Path(item.path).stem != self.file_stem(report):
                errors.append(
                    item.doc.error(
                        ("quy",),
                        f"tệp báo cáo quý {report.quy}/{report.nam} phải tên là {self.key(report)}.yml",
                    )
                )
            plan = plans.get(report.nam)
            if plan is None:
                years = ", ".join(str(y) for y in sorted(plans)) or "chưa có"
                errors.append(
                    item.doc.error(
                        ("nam",),
                        f"không có kế hoạch năm {report.nam} (content/ke-hoach/{report.nam}.yml); "
                        f"các năm có kế hoạch: {years}",
                    )
                )
                continue
            ids = [t.id for t in lookup.tasks(plan)]
            seen: dict[str, int] = {}
            for i, entry in enumerate(report.ket_qua):
                if entry.nhiem_vu not in ids:
                    errors.append(
                        item.doc.error(("ket_qua", i, "nhiem_vu"), one_of_message(entry.nhiem_vu, ids))
                    )
                elif entry.nhiem_vu in seen:
                    errors.append(
                        item.doc.error(
                            ("ket_qua", i, "nhiem_vu"),
                            f"nhiệm vụ {entry.nhiem_vu} đã có ở ket_qua[{seen[entry.nhiem_vu]}]",
                        )
                    )
                seen.setdefault(entry.nhiem_vu, i)
        return errors

    def record_pages(self, catalog: Catalog, records: Sequence[Report], memo: Memo = no_memo) -> list[Page]:
        """None: the plan's pages show the reports."""
        return []

    def listing_pages(self, catalog: Catalog, memo: Memo = no_memo) -> list[Page]:
        """None: the plan makes the reports' pages, CSV and feed."""
        return []


UNITS = Units()
"""The unit registry."""
PLAN = Plans()
"""The yearly plans (and every page of the plan)."""
REPORTS = Reports()
"""The quarterly progress reports."""
