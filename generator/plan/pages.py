"""The plan's pages: the list of plans, each plan's overview, each task with its history, each lead
unit's tasks and each quarter's report, written as the notice the agency posts (section IX.03)."""

from __future__ import annotations

from functools import partial

from generator.core.render import Page, front_matter, render, root_link, vdate
from generator.plan.model import PERIODS, STATUSES, TIMING_KINDS, Report
from generator.plan.timing import ROMAN, report_due
from generator.plan.views import PlanView, plan_views
from generator.site import printed
from generator.site.catalog import Catalog

INDEX = "ke-hoach/index.md"


def linker(page: str) -> partial[str]:
    """``link(target)``: the address of the docs file ``target`` (from the docs root) from ``page``."""
    return partial(root_link, page)


def plan_dir(view: PlanView) -> str:
    """The folder of a plan's pages."""
    return f"ke-hoach/{view.plan.nam}"


def task_path(view: PlanView, slug: str) -> str:
    """The page of one task."""
    return f"{plan_dir(view)}/{slug}.md"


def unit_path(view: PlanView, code: str) -> str:
    """The page of one lead unit."""
    return f"{plan_dir(view)}/don-vi/{code}.md"


def quarter_path(view: PlanView, quarter: int) -> str:
    """The notice of one quarter."""
    return f"{plan_dir(view)}/quy-{quarter}.md"


def plan_pages(catalog: Catalog) -> list[Page]:
    """Every page of every plan (none without a plan)."""
    views = plan_views(catalog)
    if not views:
        return []
    pages = [Page(INDEX, partial(index_page, catalog))]
    for number, view in enumerate(views):
        pages.append(Page(f"{plan_dir(view)}/index.md", partial(overview_page, catalog, number)))
        pages += [
            Page(task_path(view, t.item.slug), partial(task_page, catalog, number, t.item.id))
            for t in view.tasks
        ]
        pages += [
            Page(unit_path(view, code), partial(unit_page, catalog, number, code)) for code in leads(view)
        ]
        pages += [
            Page(quarter_path(view, r.quy), partial(quarter_page, catalog, number, r.quy))
            for r in view.reports
        ]
    return pages


def leads(view: PlanView) -> list[str]:
    """The codes of the units that lead a task, in the registry's order."""
    used = {code for t in view.tasks for code in t.item.task.chu_tri}
    return [code for code in view.units if code in used]


def _common(catalog: Catalog, page: str) -> dict[str, object]:
    return {
        "agency": catalog.agency,
        "link": linker(page),
        "statuses": STATUSES,
        "kinds": TIMING_KINDS,
        "periods": PERIODS,
        "roman": ROMAN,
        "vdate": vdate,
        "task_path": task_path,
        "unit_path": unit_path,
        "quarter_path": quarter_path,
    }


def index_page(catalog: Catalog) -> str:
    """The list of plans."""
    views = plan_views(catalog)
    matter = front_matter("Kế hoạch kiểm soát thủ tục hành chính", "Các kế hoạch và tiến độ thực hiện")
    return render("ke-hoach/index.md.j2", front_matter=matter, views=views, **_common(catalog, INDEX))


def overview_page(catalog: Catalog, number: int) -> str:
    """A plan's overview: counts by status, a progress bar per group, every task."""
    view = plan_views(catalog)[number]
    path = f"{plan_dir(view)}/index.md"
    matter = front_matter(f"Kế hoạch kiểm soát TTHC năm {view.plan.nam}", view.plan.ten)
    return render(
        "ke-hoach/plan.md.j2", front_matter=matter, v=view, leads=leads(view), **_common(catalog, path)
    )


def task_page(catalog: Catalog, number: int, task_id: str) -> str:
    """One task: what, who, when, where it stands and its history."""
    view = plan_views(catalog)[number]
    t = view.task(task_id)
    path = task_path(view, t.item.slug)
    matter = front_matter(f"Nhiệm vụ {t.item.id} — kế hoạch năm {view.plan.nam}", t.item.task.noi_dung)
    return render("ke-hoach/task.md.j2", front_matter=matter, v=view, t=t, **_common(catalog, path))


def unit_page(catalog: Catalog, number: int, code: str) -> str:
    """The tasks one unit leads, and those it helps with."""
    view = plan_views(catalog)[number]
    unit = view.units[code]
    led = [t for t in view.tasks if code in t.item.task.chu_tri]
    helped = [t for t in view.tasks if code in t.item.task.phoi_hop and code not in t.item.task.chu_tri]
    matter = front_matter(f"{unit.ten} — kế hoạch năm {view.plan.nam}", f"Nhiệm vụ do {unit.ten} chủ trì")
    return render(
        "ke-hoach/unit.md.j2",
        front_matter=matter,
        v=view,
        unit=unit,
        led=led,
        helped=helped,
        **_common(catalog, unit_path(view, code)),
    )


def quarter_page(catalog: Catalog, number: int, quarter: int) -> str:
    """A quarter's report, as the notice the agency posts: what each task reported, the tasks whose
    report is missing, and the figures."""
    view = plan_views(catalog)[number]
    report: Report = next(r for r in view.reports if r.quy == quarter)
    reported = {e.nhiem_vu for e in report.ket_qua}
    rows = [(view.task(e.nhiem_vu), e) for e in report.ket_qua]
    rows.sort(key=lambda pair: [t.item.id for t in view.tasks].index(pair[0].item.id))
    missing = [t for t in view.tasks if quarter in t.state.missing and t.item.id not in reported]
    counts = {s: sum(e.trang_thai == s for e in report.ket_qua) for s in STATUSES}
    title = f"Tình hình thực hiện Kế hoạch kiểm soát TTHC quý {ROMAN[quarter]} năm {view.plan.nam}"
    address = printed.page_address(catalog, quarter_path(view, quarter).removesuffix(".md") + "/")
    return render(
        "ke-hoach/quarter.md.j2",
        front_matter=front_matter(title, view.plan.ten),
        title=title,
        v=view,
        report=report,
        rows=rows,
        missing=missing,
        counts=counts,
        due=report_due(view.plan.nam, quarter, view.plan.han_bao_cao),
        address=address,
        qr=printed.qr_code(address),
        **_common(catalog, quarter_path(view, quarter)),
    )
