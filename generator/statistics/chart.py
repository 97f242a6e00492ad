"""Horizontal bar charts as static SVG, made at build time from a Jinja template.

No charting library is used. pygal writes a ``<script>`` and per-chart random ids unless tuned, matplotlib
is tens of megabytes and writes every glyph as a path (its SVG ids and hashes need extra settings to be
stable), and leather gives no ``<title>``/``<desc>`` for screen readers. A bar chart is a dozen lines of
SVG: each bar's length is ``value / largest × width``, its label above it and its value written after it,
so the chart reads without colour, and the page shows the same numbers in a table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup

from generator.core.render import render

WIDTH = 400
"""The chart's width in SVG units (it scales to the page)."""
BAR_AREA = 320
"""The longest bar; the rest of the width holds its value."""
ROW = 40
"""Height of one bar with its label."""


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value and how the value is written."""

    label: str
    value: Decimal
    text: str


def bar_chart(chart_id: str, title: str, description: str, bars: list[Bar]) -> Markup:
    """An accessible SVG bar chart (``role="img"``, ``<title>`` and ``<desc>`` naming every value)."""
    largest = max((b.value for b in bars), default=Decimal(0))
    rows = [
        (b, (b.value / largest * BAR_AREA).quantize(Decimal("0.1")) if largest else Decimal(0), i * ROW)
        for i, b in enumerate(bars)
    ]
    text = render(
        "thong-ke/chart.svg.j2",
        id=chart_id,
        title=title,
        description=description + " " + "; ".join(f"{b.label}: {b.text}" for b in bars) + ".",
        rows=rows,
        width=WIDTH,
        height=max(len(bars), 1) * ROW,
    )
    return Markup(" ".join(line.strip() for line in text.splitlines() if line.strip()))
