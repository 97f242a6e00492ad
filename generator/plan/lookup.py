"""The plan's tasks flattened, their ids and their reports, read from the catalog by dataset name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.core.fields import slugify
from generator.plan.model import Group, Part, Plan, Report, Task, Unit, UnitRegistry
from generator.plan.timing import Dated, report_due

UNITS_NAME = "don-vi"
PLAN_NAME = "ke-hoach"
REPORTS_NAME = "ke-hoach-bao-cao"


@dataclass(frozen=True)
class PlanTask:
    """One task of a plan with where it sits: its id (``A.I.01``), its part and its group."""

    id: str
    part: Part
    group: Group | None
    task: Task

    @property
    def slug(self) -> str:
        """The task's page name: ``a-i-01``."""
        return slugify(self.id)

    @property
    def section(self) -> str:
        """The group (or part, in B) the task belongs to, as the plan numbers it: ``A.I``."""
        return f"{self.part.ma}.{self.group.ma}" if self.group else self.part.ma


def tasks(plan: Plan) -> list[PlanTask]:
    """Every task of ``plan``, in the plan's order."""
    found: list[PlanTask] = []
    for part in plan.phan:
        for group in part.nhom:
            found += [PlanTask(f"{part.ma}.{group.ma}.{t.stt}", part, group, t) for t in group.nhiem_vu]
        found += [PlanTask(f"{part.ma}.{t.stt}", part, None, t) for t in part.nhiem_vu]
    return found


def unit_names(registries: Sequence[UnitRegistry]) -> dict[str, Unit]:
    """Every unit by code."""
    return {u.ma: u for registry in registries for u in registry.don_vi}


def lead_text(task: Task, units: dict[str, Unit]) -> str:
    """The «Đơn vị chủ trì» column as the plan writes it."""
    return task.chu_tri_nguyen_van or ", ".join(units[u].ten for u in task.chu_tri)


def partner_text(task: Task, units: dict[str, Unit]) -> str:
    """The «Đơn vị phối hợp» column as the plan writes it (empty when none)."""
    return task.phoi_hop_nguyen_van or ", ".join(units[u].ten for u in task.phoi_hop)


def dated_reports(plan: Plan, reports: tuple[Report, ...] | list[Report]) -> dict[str, list[Dated]]:
    """Each task's reports, by task id, from the quarterly reports of the plan's year."""
    found: dict[str, list[Dated]] = {}
    for report in reports:
        if report.nam != plan.nam:
            continue
        due = report_due(report.nam, report.quy, plan.han_bao_cao)
        for entry in report.ket_qua:
            day = entry.ngay or report.ngay
            found.setdefault(entry.nhiem_vu, []).append(
                Dated(
                    report.nam,
                    report.quy,
                    day,
                    entry.trang_thai,
                    entry.phan_tram,
                    entry.ket_qua,
                    tuple(entry.minh_chung),
                    day >= due,
                )
            )
    return found
