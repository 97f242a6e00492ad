"""The feedback pages: the list with its filters, the overdue list, the lookup by code, the statistics and
one page per item with its timeline and answer."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import Any

from markupsafe import Markup

from generator.core.render import Memo, Page, front_matter, no_memo, render, root_link
from generator.feedback.codes import code_shape
from generator.feedback.model import CHANNELS, CLASSIFICATIONS, OUTCOMES, PUBLISH_FORMS, STATUSES, Feedback
from generator.feedback.summary import NAME, Summary, Timing, as_of, settings, summaries, summarise, timings
from generator.site.catalog import Catalog
from generator.site.paging import Pager, paged, pager_html
from generator.site.search import PAGE_TYPE, SearchFields, code_forms, fields_html, folded

FEEDBACK_TYPE = "Phản ánh, kiến nghị"
"""The page-type filter value of feedback pages."""
FILTERS: dict[str, str] = {
    "tinh_trang_pakn": "Tình trạng xử lý",
    "phan_loai_pakn": "Phân loại phản ánh, kiến nghị",
    "nam_tiep_nhan": "Năm tiếp nhận",
    "thoi_han_pakn": "Thời hạn xử lý",
}
"""The feedback's own filter keys in the search index (the sector is the procedures' ``linh_vuc``)."""
LIST_PATH = f"{NAME}/index.md"
OVERDUE_PATH = f"{NAME}/qua-han.md"
LOOKUP_PATH = f"{NAME}/tra-cuu.md"
STATS_PATH = f"{NAME}/thong-ke.md"
PAGE_SIZE = 50
"""Items per page of the lists."""
ORDER = "thu_tu_pakn"
"""The sort key of item pages in the search index: :func:`order_key`, the lists' order."""

LABELS: dict[str, Any] = {
    "channels": CHANNELS,
    "classifications": CLASSIFICATIONS,
    "outcomes": OUTCOMES,
    "publish_forms": PUBLISH_FORMS,
    "statuses": STATUSES,
}


def item_path(code: str) -> str:
    """The docs path of one item's page."""
    return f"{NAME}/{code}.md"


def badge(t: Timing) -> tuple[str, str]:
    """The CSS class and text of an item's deadline badge."""
    if t.closed_on is None:
        if t.overdue:
            return "ck-late", f"Quá hạn {t.late_by} ngày làm việc"
        return "ck-open", f"Trong hạn (hạn {t.deadline:%d/%m/%Y})"
    if t.late:
        return "ck-late", f"Trễ hạn {t.late_by} ngày làm việc"
    return "ck-ontime", f"Đúng hạn ({t.taken}/{t.limit} ngày làm việc)"


def deadline_kind(t: Timing) -> str:
    """The ``thoi_han_pakn`` filter value of an item: «Quá hạn», «Trong hạn», «Trễ hạn» or «Đúng hạn»."""
    if t.closed_on is None:
        return "Quá hạn" if t.overdue else "Trong hạn"
    return "Trễ hạn" if t.late else "Đúng hạn"


def ordered(catalog: Catalog) -> list[Summary]:
    """Every item in :func:`order_key` order (made once per catalog)."""
    return catalog.index((NAME, "ordered"), lambda: sorted(summaries(catalog), key=order_key))


def order_key(s: Summary) -> str:
    """Where an item stands in the lists: the open ones first, oldest first (the longest waiting on top,
    as petition sites order those awaiting a response), then the handled ones, latest handled first,
    by code within a day. A text that sorts in that order, from the item alone (never from the build
    date or the other items), so that Pagefind sorts filtered items the same way (:data:`ORDER`)."""
    closed = s.closed_on
    if closed is None:
        return f"0{s.ngay_tiep_nhan:%Y%m%d}{s.ma_pakn}"
    return f"1{99999999 - int(f'{closed:%Y%m%d}'):08d}{s.ma_pakn}"


def year_path(year: int) -> str:
    """The docs path of the first page of one year's list."""
    return f"{NAME}/nam-{year}.md"


def listing_pages(catalog: Catalog, memo: Memo = no_memo) -> list[Page]:
    """The lists (every item, each year, the overdue items; each in pages of :data:`PAGE_SIZE`), the
    lookup and the statistics."""
    items = ordered(catalog)
    years, _ = _list_facts(catalog)
    lists = [
        (LIST_PATH, "Phản ánh, kiến nghị", None, items),
        *((year_path(y), f"Phản ánh, kiến nghị năm {y}", y, _of_year(items, y)) for y in years),
    ]
    pages = [
        _list_part(memo, catalog, pager, part, partial(list_page, catalog, title, year), title, year)
        for first, title, year, of_list in lists
        for pager, part in paged(first, of_list, PAGE_SIZE)
    ]
    _, overdue = _list_facts(catalog)
    pages += [
        _list_part(memo, catalog, pager, part, partial(overdue_page, catalog))
        for pager, part in paged(OVERDUE_PATH, overdue, PAGE_SIZE)
    ]
    return [*pages, *_other_pages(catalog)]


def _list_part(
    memo: Memo,
    catalog: Catalog,
    pager: Pager,
    items: Sequence[Summary],
    make: Callable[[Pager, Sequence[Summary]], str],
    *inputs: object,
) -> Page:
    """One page of a list, made by ``make(pager, items)``, whose text is the same while everything it reads
    is: ``inputs``, the items and their timings and sectors, the years, the overdue count, the settings
    and the build date (rendering the 200 pages of the lists at 5,000 items was a third of a one-item
    rebuild of the live preview)."""
    found = timings(catalog)
    years, overdue = _list_facts(catalog)
    read = (
        *inputs,
        pager,
        tuple(items),
        tuple(found[s.ma_pakn] for s in items),
        tuple(catalog.sector(s.linh_vuc) for s in items),
        tuple(years),
        len(overdue),
        settings(catalog),
        as_of(catalog),
    )
    return Page(pager.path, partial(memo, pager.path, read, partial(make, pager, items)))


def _other_pages(catalog: Catalog) -> list[Page]:
    return [Page(LOOKUP_PATH, partial(lookup_page, catalog)), Page(STATS_PATH, partial(stats_page, catalog))]


def _list_facts(catalog: Catalog) -> tuple[list[int], list[Summary]]:
    """The years items were received in, newest first, and the overdue items in the lists' order (made
    once per catalog, not once per list page)."""

    def make() -> tuple[list[int], list[Summary]]:
        items = ordered(catalog)
        return _years(items), [s for s in items if timings(catalog)[s.ma_pakn].overdue]

    return catalog.index((NAME, "list facts"), make)


def _years(items: Sequence[Summary]) -> list[int]:
    return sorted({s.ngay_tiep_nhan.year for s in items}, reverse=True)


def _of_year(items: Sequence[Summary], year: int) -> list[Summary]:
    return [s for s in items if s.ngay_tiep_nhan.year == year]


def _rows(catalog: Catalog, items: Sequence[Summary], page: str) -> list[dict[str, Any]]:
    found = timings(catalog)
    rows = []
    for s in items:
        t = found[s.ma_pakn]
        css, text = badge(t)
        rows.append(
            {
                "s": s,
                "badge": css,
                "badge_text": text,
                "sector": catalog.sector(s.linh_vuc).ten,
                "href": root_link(page, item_path(s.ma_pakn)),
            }
        )
    return rows


def _common(catalog: Catalog, page: str) -> dict[str, Any]:
    return {
        "sample": settings(catalog).du_lieu_mau,
        "as_of": as_of(catalog),
        "link": partial(root_link, page),
        **LABELS,
    }


def list_page(catalog: Catalog, title: str, year: int | None, pager: Pager, items: Sequence[Summary]) -> str:
    """One page of the list of every item (or of one ``year``'s), with the pager and the filters (year,
    status, classification, sector, overdue) that ``ck-pakn.js`` applies to the whole set."""
    years, overdue = _list_facts(catalog)
    description = "Phản ánh, kiến nghị về quy định, về hành vi của cơ quan, cán bộ và kết quả xử lý"
    return render(
        "pakn/list.md.j2",
        front_matter=front_matter(pager.title(title), description),
        title=title,
        year=year,
        rows=_rows(catalog, items, pager.path),
        pager=pager,
        pager_html=pager_html(pager),
        years=[(y, year_path(y)) for y in years],
        overdue=len(overdue),
        page_type=FEEDBACK_TYPE,
        page_size=PAGE_SIZE,
        **_common(catalog, pager.path),
    )


def overdue_page(catalog: Catalog, pager: Pager, items: Sequence[Summary]) -> str:
    """One page of the items still open after their deadline, the longest waiting first (works without
    JavaScript)."""
    title = "Phản ánh, kiến nghị quá hạn"
    return render(
        "pakn/overdue.md.j2",
        front_matter=front_matter(
            pager.title(title),
            "Phản ánh, kiến nghị chưa được xử lý đúng hạn",
        ),
        rows=_rows(catalog, items, pager.path),
        pager=pager,
        pager_html=pager_html(pager),
        **_common(catalog, pager.path),
    )


def lookup_page(catalog: Catalog) -> str:
    """The lookup by feedback code."""
    items = summaries(catalog)
    examples = [s.ma_pakn for s in items[-1:]]
    return render(
        "pakn/lookup.md.j2",
        front_matter=front_matter(
            "Tra cứu phản ánh, kiến nghị", "Tra cứu tình trạng xử lý theo mã phản ánh, kiến nghị"
        ),
        examples=examples,
        shape=code_shape(s.ma_pakn for s in items),
        **_common(catalog, LOOKUP_PATH),
    )


def stats_page(catalog: Catalog) -> str:
    """Counts by status and classification; per year and quarter: received, handled, the share handled on
    time, the median working days to handle, overdue."""
    items = summaries(catalog)
    found = timings(catalog)
    by_status = [(key, label, sum(s.status == key for s in items)) for key, label in STATUSES.items()]
    by_class = [(key, CLASSIFICATIONS[key], count) for key, _, count in by_classification(items)]
    periods = []
    for year in sorted({s.ngay_tiep_nhan.year for s in items}, reverse=True):
        of_year = [s for s in items if s.ngay_tiep_nhan.year == year]
        rows = [
            (f"Quý {q}", [s for s in of_year if (s.ngay_tiep_nhan.month - 1) // 3 + 1 == q])
            for q in range(1, 5)
        ]
        periods.append(
            (
                year,
                [(label, period_figures(part, found)) for label, part in rows if part],
                period_figures(of_year, found),
            )
        )
    return render(
        "pakn/stats.md.j2",
        front_matter=front_matter(
            "Thống kê phản ánh, kiến nghị", "Số phản ánh, kiến nghị theo tình trạng, phân loại, năm và quý"
        ),
        total=len(items),
        by_status=by_status,
        by_class=by_class,
        periods=periods,
        figures=period_figures(items, found),
        **_common(catalog, STATS_PATH),
    )


def by_classification(items: Sequence[Summary]) -> list[tuple[str, str, int]]:
    """How many of ``items`` are of each classification: (key, label as counted, count)."""
    return [(key, label, sum(s.phan_loai == key for s in items)) for key, label in COUNTED.items()]


COUNTED = {"ve_quy_dinh": "về quy định hành chính", "ve_hanh_vi": "về hành vi của cơ quan, cán bộ"}
"""Each classification (:data:`CLASSIFICATIONS`) as a count names it («12 về quy định hành chính»)."""


def period_figures(items: Sequence[Summary], found: dict[str, Timing]) -> dict[str, Any]:
    """The figures of a set of items: received, handled, handled on time and its share, median working
    days to handle, still open, overdue."""
    handled = [found[s.ma_pakn] for s in items if found[s.ma_pakn].closed_on is not None]
    on_time = sum(t.on_time for t in handled)
    return {
        "received": len(items),
        "handled": len(handled),
        "on_time": on_time,
        "share": f"{on_time * 100 / len(handled):.0f} %".replace(".", ",") if handled else "—",
        "median": _median([t.taken for t in handled]),
        "open": len(items) - len(handled),
        "overdue": sum(found[s.ma_pakn].overdue for s in items),
    }


def _median(values: list[int]) -> str:
    if not values:
        return "—"
    middle = statistics.median(values)
    return str(int(middle)) if middle == int(middle) else f"{middle:.1f}".replace(".", ",")


def record_pages(catalog: Catalog, records: Sequence[Feedback], memo: Memo = no_memo) -> list[Page]:
    """The page of each of ``records``."""
    pages = []
    for f in records:
        path = item_path(f.ma_pakn)
        inputs = _inputs(catalog, f)
        pages.append(Page(path, partial(memo, path, inputs, partial(item_page, catalog, f))))
    return pages


def _inputs(catalog: Catalog, f: Feedback) -> tuple[object, ...]:
    """Everything :func:`item_page` reads."""
    procedures = _procedures(catalog, f)
    return (
        f,
        timings(catalog)[f.ma_pakn],
        catalog.sector(f.linh_vuc),
        tuple(procedures),
        settings(catalog),
        as_of(catalog),
    )


def _procedures(catalog: Catalog, f: Feedback) -> list[tuple[str, str]]:
    names = catalog.index((NAME, "procedure names"), lambda: _procedure_names(catalog))
    return [(code, names.get(code, code)) for code in f.thu_tuc]


def _procedure_names(catalog: Catalog) -> dict[str, str]:
    found: dict[str, str] = {}
    for d in catalog.datasets:
        if d.name == "thu-tuc":
            found = {d.key(s): getattr(s, "ten_thu_tuc", d.key(s)) for s in catalog.summaries(d.name)}
    return found


def item_page(catalog: Catalog, f: Feedback) -> str:
    """One item: its facts, deadline badge, timeline (newest first), answer and procedures."""
    path = item_path(f.ma_pakn)
    t = timings(catalog)[f.ma_pakn]
    css, text = badge(t)
    rule = next(r for r in settings(catalog).thoi_han if r.ma == f.quy_tac_thoi_han)
    timeline: list[tuple[str, date, str | None]] = [
        ("da_tiep_nhan", f.ngay_tiep_nhan, CHANNELS[f.kenh_tiep_nhan])
    ]
    timeline += [(step.trang_thai, step.ngay, step.ghi_chu) for step in f.trang_thai]
    sector = catalog.sector(f.linh_vuc)
    description = f"{f.tieu_de} — mã {f.ma_pakn}, {STATUSES[_status(f)].lower()}"
    return render(
        "pakn/item.md.j2",
        front_matter=front_matter(f.tieu_de, description, pagefind=True),
        f=f,
        t=t,
        status=_status(f),
        badge=css,
        badge_text=text,
        rule=rule,
        sector=sector,
        procedures=_procedures(catalog, f),
        timeline=list(reversed(timeline)),
        search_fields=Markup(fields_html(item_fields(f, sector.ten, t))),  # escaped by its template
        **_common(catalog, path),
    )


def _status(f: Feedback) -> str:
    return f.trang_thai[-1].trang_thai if f.trang_thai else "da_tiep_nhan"


def item_fields(f: Feedback, sector: str, t: Timing) -> SearchFields:
    """The search metadata, filters and sort key of one item; the list's filters (``ck-pakn.js``) show
    an item found from its ``ngay_tiep_nhan`` and ``thoi_han`` metadata and its filters."""
    code, plain = code_forms(f.ma_pakn)
    return SearchFields(
        meta=(
            ("ma", code),
            ("ma_so", plain.replace("-", "")),
            ("linh_vuc", sector),
            ("khong_dau", folded(f.tieu_de)),
            ("tu_khoa", " ".join(dict.fromkeys([folded(sector), folded(CLASSIFICATIONS[f.phan_loai])]))),
            ("ngay_tiep_nhan", f"{f.ngay_tiep_nhan:%d/%m/%Y}"),
            ("thoi_han", badge(t)[1]),
        ),
        filters=(
            (PAGE_TYPE, FEEDBACK_TYPE),
            ("linh_vuc", sector),
            ("tinh_trang_pakn", STATUSES[_status(f)]),
            ("phan_loai_pakn", CLASSIFICATIONS[f.phan_loai]),
            ("nam_tiep_nhan", str(f.ngay_tiep_nhan.year)),
            ("thoi_han_pakn", deadline_kind(t)),
        ),
        sorts=((ORDER, order_key(summarise(f))),),
    )
