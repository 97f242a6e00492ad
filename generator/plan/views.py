"""What the plan's pages show, computed from the plan, its reports, the units and the build date."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from generator.plan import lookup
from generator.plan.lookup import PlanTask
from generator.plan.model import STATUSES, Plan, Report, Unit
from generator.plan.timing import ROMAN, State, state
from generator.site.catalog import Catalog


@dataclass(frozen=True)
class TaskView:
    """One task as its pages show it."""

    item: PlanTask
    state: State
    lead: str
    partners: str

    @property
    def label(self) -> str:
        """The task's standing in words: overdue and missing reports first, else its status."""
        if self.state.missing:
            return "Thiếu báo cáo quý " + ", ".join(ROMAN[q] for q in self.state.missing)
        if self.state.overdue:
            return "Quá hạn"
        if self.state.done_late:
            return "Hoàn thành (trễ hạn)"
        return STATUSES[self.state.status]


@dataclass(frozen=True)
class GroupView:
    """A group of tasks (A.I … A.X, B) and its progress."""

    id: str
    title: str
    tasks: tuple[TaskView, ...]

    @property
    def done(self) -> int:
        """Tasks done."""
        return sum(t.state.status == "hoan_thanh" for t in self.tasks)

    @property
    def applicable(self) -> int:
        """Tasks not marked not applicable."""
        return sum(t.state.percent is not None for t in self.tasks)

    @property
    def percent(self) -> int:
        """The mean percent of the applicable tasks, rounded."""
        values = [t.state.percent for t in self.tasks if t.state.percent is not None]
        return round(sum(values) / len(values)) if values else 0


@dataclass(frozen=True)
class PlanView:
    """A plan at the build date."""

    plan: Plan
    today: date
    tasks: tuple[TaskView, ...]
    groups: tuple[GroupView, ...]
    reports: tuple[Report, ...]
    units: dict[str, Unit]
    sample: bool

    @property
    def counts(self) -> dict[str, int]:
        """Tasks by status (every status, in order)."""
        found = Counter(t.state.status for t in self.tasks)
        return {s: found[s] for s in STATUSES}

    @property
    def overdue(self) -> int:
        """Tasks overdue."""
        return sum(t.state.overdue for t in self.tasks)

    @property
    def missing(self) -> int:
        """Tasks with a missing quarterly report."""
        return sum(bool(t.state.missing) for t in self.tasks)

    def task(self, task_id: str) -> TaskView:
        """The task with id ``task_id``."""
        return next(t for t in self.tasks if t.item.id == task_id)


def today(catalog: Catalog) -> str:
    """The date the plan's state is told at (ISO): the site's one stated date (:attr:`Catalog.as_of`)."""
    return catalog.as_of.isoformat()


def plan_views(catalog: Catalog) -> list[PlanView]:
    """Every plan at the build date, oldest first (made once per catalog)."""
    return catalog.index(("plan", "views", today(catalog)), lambda: _views(catalog))


def _views(catalog: Catalog) -> list[PlanView]:
    day = date.fromisoformat(today(catalog))
    units = lookup.unit_names(catalog.summaries(lookup.UNITS_NAME))
    reports: tuple[Report, ...] = catalog.summaries(lookup.REPORTS_NAME)
    views = []
    for plan in catalog.summaries(lookup.PLAN_NAME):
        own = tuple(r for r in reports if r.nam == plan.nam)
        dated = lookup.dated_reports(plan, own)
        items = []
        for item in lookup.tasks(plan):
            reported = dated.get(item.id, [])
            st = state(item.task.thoi_gian, plan.nam, reported, day, plan.han_bao_cao)
            items.append(
                TaskView(item, st, lookup.lead_text(item.task, units), lookup.partner_text(item.task, units))
            )
        groups: dict[str, list[TaskView]] = {}
        titles: dict[str, str] = {}
        for view in items:
            groups.setdefault(view.item.section, []).append(view)
            titles[view.item.section] = (view.item.group or view.item.part).ten
        sample = plan.du_lieu_mau or any(r.du_lieu_mau for r in own)
        views.append(
            PlanView(
                plan,
                day,
                tuple(items),
                tuple(GroupView(k, titles[k], tuple(v)) for k, v in groups.items()),
                own,
                units,
                sample,
            )
        )
    return views
