"""The statistics pages: the overview, each year and each quarter, with rates, formulas, SVG charts and
a data table beside each chart; and the CSV of each table."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

from markupsafe import Markup

from generator.core.csvcells import csv_text
from generator.core.render import Page, front_matter, number, render, root_link, vdate
from generator.site.catalog import Catalog
from generator.statistics.chart import Bar, bar_chart
from generator.statistics.figures import COLUMN_NAMES, Figures, on_time_rate, online_rate, overdue_rate
from generator.statistics.views import QuarterView, Table, YearView, quarter_views, year_views

INDEX = "thong-ke/index.md"
ALL_CSV = "du-lieu/thong-ke.csv"
RATES_CSV = "du-lieu/thong-ke-ty-le.csv"
RATE_COLUMNS = [
    "ky",
    "tu_ngay",
    "den_ngay",
    "tiep_nhan",
    "ty_le_dung_han",
    "ty_le_qua_han",
    "ty_le_truc_tuyen",
]


def quarter_path(q: QuarterView) -> str:
    """The page of a quarter."""
    return f"thong-ke/{q.key}.md"


def year_path(y: YearView) -> str:
    """The page of a year."""
    return f"thong-ke/{y.year}.md"


def table_csv_path(key: str) -> str:
    """The CSV of one period's table."""
    return f"du-lieu/thong-ke/{key}.csv"


def statistics_pages(catalog: Catalog) -> list[Page]:
    """Every page and CSV (none without a quarter)."""
    quarters = quarter_views(catalog)
    if not quarters:
        return []
    pages = [
        Page(INDEX, partial(index_page, catalog)),
        Page(ALL_CSV, partial(all_csv, catalog)),
        Page(RATES_CSV, partial(rates_csv, catalog)),
    ]
    for i, q in enumerate(quarters):
        pages.append(Page(quarter_path(q), partial(quarter_page, catalog, i)))
        pages.append(Page(table_csv_path(q.key), partial(table_csv, q.table)))
    for i, y in enumerate(year_views(catalog)):
        pages.append(Page(year_path(y), partial(year_page, catalog, i)))
        pages.append(Page(table_csv_path(str(y.year)), partial(table_csv, y.table)))
    return pages


def _common(catalog: Catalog, page: str) -> dict[str, object]:
    return {
        "agency": catalog.agency,
        "link": partial(root_link, page),
        "vdate": vdate,
        "number": number,
        "on_time": on_time_rate,
        "overdue": overdue_rate,
        "online": online_rate,
        "quarter_path": quarter_path,
        "year_path": year_path,
        "csv_path": table_csv_path,
    }


def rate_value(rate: object) -> Decimal:
    """A rate's percent for a chart (0 when undefined)."""
    value = getattr(rate, "percent", None)
    return value if isinstance(value, Decimal) else Decimal(0)


def received_chart(chart_id: str, title: str, table: Table) -> Markup:
    """Dossiers received per sector."""
    bars = [Bar(name, Decimal(f.received), number(f.received)) for _, name, f in table.rows]
    return bar_chart(chart_id, title, "Biểu đồ thanh ngang, mỗi lĩnh vực một thanh.", bars)


def on_time_chart(chart_id: str, title: str, quarters: list[QuarterView]) -> Markup:
    """The on-time rate of each quarter."""
    bars = [
        Bar(q.name, rate_value(on_time_rate(q.table.total)), on_time_rate(q.table.total).text)
        for q in quarters
    ]
    return bar_chart(chart_id, title, "Biểu đồ thanh ngang, mỗi quý một thanh, tính theo phần trăm.", bars)


def index_page(catalog: Catalog) -> str:
    """Every year and quarter with its rates."""
    quarters = quarter_views(catalog)
    years = year_views(catalog)
    title = "Tỷ lệ giải quyết đúng hạn theo quý"
    return render(
        "thong-ke/index.md.j2",
        front_matter=front_matter(
            "Kết quả giải quyết thủ tục hành chính", "Số liệu hằng quý và hằng năm theo Biểu 06"
        ),
        quarters=quarters,
        years=years,
        sample=any(q.period.du_lieu_mau for q in quarters),
        chart=on_time_chart("ty-le-dung-han", title, quarters),
        chart_title=title,
        **_common(catalog, INDEX),
    )


def quarter_page(catalog: Catalog, number_: int) -> str:
    """One quarter: Biểu 06, rates with formulas, a chart and its table."""
    q = quarter_views(catalog)[number_]
    title = f"Kết quả giải quyết TTHC quý {q.name.removeprefix('Quý ')}"
    chart_title = f"Số hồ sơ nhận giải quyết theo lĩnh vực, quý {q.name.removeprefix('Quý ')}"
    return render(
        "thong-ke/quarter.md.j2",
        front_matter=front_matter(
            title, f"Biểu 06 từ ngày {vdate(q.period.tu_ngay)} đến ngày {vdate(q.period.den_ngay)}"
        ),
        title=title,
        q=q,
        p=q.period,
        table=q.table,
        sample=q.period.du_lieu_mau,
        chart=received_chart("nhan-" + q.key, chart_title, q.table),
        chart_title=chart_title,
        csv=table_csv_path(q.key),
        **_common(catalog, quarter_path(q)),
    )


def year_page(catalog: Catalog, number_: int) -> str:
    """One year: Biểu 06 of the year, rates per quarter, charts and their tables."""
    y = year_views(catalog)[number_]
    title = f"Kết quả giải quyết TTHC năm {y.year}"
    on_time_title = f"Tỷ lệ giải quyết đúng hạn theo quý, năm {y.year}"
    received_title = f"Số hồ sơ nhận giải quyết theo lĩnh vực, năm {y.year}"
    return render(
        "thong-ke/year.md.j2",
        front_matter=front_matter(title, f"Biểu 06 năm {y.year} và tỷ lệ theo quý"),
        title=title,
        y=y,
        table=y.table,
        sample=y.sample,
        chart=on_time_chart(f"dung-han-{y.year}", on_time_title, list(y.quarters)),
        chart_title=on_time_title,
        received=received_chart(f"nhan-{y.year}", received_title, y.table),
        received_title=received_title,
        csv=table_csv_path(str(y.year)),
        **_common(catalog, year_path(y)),
    )


def _table_rows(table: Table) -> list[list[object]]:
    return [[slug, name, *f.columns()] for slug, name, f in table.rows] + [
        ["", "Tổng cộng", *table.total.columns()]
    ]


def table_csv(table: Table) -> str:
    """One period's Biểu 06 as CSV, the total last."""
    return csv_text(["linh_vuc", "ten_linh_vuc", *COLUMN_NAMES], _table_rows(table))


def all_csv(catalog: Catalog) -> str:
    """Every quarter's rows (no totals), for analysis."""
    rows = [
        [
            q.period.nam,
            q.period.quy,
            q.period.tu_ngay.isoformat(),
            q.period.den_ngay.isoformat(),
            slug,
            name,
            *f.columns(),
        ]
        for q in quarter_views(catalog)
        for slug, name, f in q.table.rows
    ]
    return csv_text(["nam", "quy", "tu_ngay", "den_ngay", "linh_vuc", "ten_linh_vuc", *COLUMN_NAMES], rows)


def rates_csv(catalog: Catalog) -> str:
    """The rates of every quarter and every year."""
    rows: list[list[object]] = []
    for q in quarter_views(catalog):
        rows.append(
            [q.key, q.period.tu_ngay.isoformat(), q.period.den_ngay.isoformat(), *_rates(q.table.total)]
        )
    for y in year_views(catalog):
        first, last = y.quarters[0].period, y.quarters[-1].period
        rows.append(
            [str(y.year), first.tu_ngay.isoformat(), last.den_ngay.isoformat(), *_rates(y.table.total)]
        )
    return csv_text(RATE_COLUMNS, rows)


def _rates(f: Figures) -> list[object]:
    return [
        f.received,
        *(
            r.percent if r.percent is not None else ""
            for r in (on_time_rate(f), overdue_rate(f), online_rate(f))
        ),
    ]
