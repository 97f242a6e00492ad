"""The 2023 plan file reproduces every row of the seed plan's appendix, word for word."""

from __future__ import annotations

import re

import pytest

from generator.core.records import load_one
from generator.plan.lookup import lead_text, partner_text, tasks, unit_names
from generator.plan.model import Plan, UnitRegistry

from .conftest import REPO, SHARED

SEED = SHARED / "seed" / "ke-hoach-kstthc-2023.md"
CONTENT = REPO / "content"


def seed_rows() -> list[tuple[str, str, str, str, str]]:
    """The appendix's task rows as (id, content, lead, partners, timing); a line that starts with a tab
    continues the row above it (the table breaks across pages)."""
    if not SEED.is_file():
        pytest.skip(f"{SEED} is absent")
    text = SEED.read_text(encoding="utf-8")
    table = text[text.index("<b>Stt</b>") :].splitlines()[1:]
    rows: list[list[str]] = []
    part = group = ""
    for line in table:
        if not line.strip():
            continue
        cells = [re.sub(r"</?b>", "", c).strip() for c in line.split("\t")]
        if line.startswith("\t"):
            rows[-1] = [
                f"{a} {b}".strip() if b else a for a, b in zip(rows[-1], cells + [""] * 6, strict=False)
            ]
        elif re.fullmatch(r"[A-Z]", cells[0]) and cells[0] not in "IVX":
            part, group = cells[0], ""
        elif re.fullmatch(r"[IVX]+", cells[0]):
            group = cells[0]
        else:
            number = ".".join(x for x in (part, group, cells[0]) if x)
            rows.append([number, *cells[1:5], *[""] * (5 - len(cells[1:5]))])
    return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]


def plan_rows() -> list[tuple[str, str, str, str, str]]:
    plan = load_one(CONTENT / "ke-hoach" / "2023.yml", Plan)[0]
    registry = load_one(CONTENT / "don-vi.yml", UnitRegistry)[0]
    assert plan is not None
    assert registry is not None
    units = unit_names([registry.record])
    return [
        (
            t.id,
            t.task.noi_dung,
            lead_text(t.task, units),
            partner_text(t.task, units),
            t.task.thoi_gian.nguyen_van,
        )
        for t in tasks(plan.record)
    ]


def test_the_seed_has_every_part_and_group() -> None:
    ids = [row[0] for row in seed_rows()]
    assert len(ids) == 31
    assert {i.rsplit(".", 1)[0] for i in ids} == {
        f"A.{g}" for g in ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    } | {"B"}


def test_the_2023_plan_reproduces_every_row_of_the_seed() -> None:
    assert plan_rows() == seed_rows()


def test_the_2023_plan_names_the_groups_as_the_seed() -> None:
    text = SEED.read_text(encoding="utf-8") if SEED.is_file() else pytest.skip("no seed")
    titles = dict(re.findall(r"^<b>([A-Z]|[IVX]+)</b>\t<b>(.+?)</b>", text, re.MULTILINE))
    plan = load_one(CONTENT / "ke-hoach" / "2023.yml", Plan)[0]
    assert plan is not None
    for part in plan.record.phan:
        assert titles[part.ma] == part.ten
        for group in part.nhom:
            assert titles[group.ma] == group.ten
