"""Pages about the site as a whole: the home page and the staff's hand-written pages."""

from __future__ import annotations

from functools import partial

from generator.site.catalog import Catalog
from generator.procedures.pages import front_matter
from generator.core.render import Page, render
from generator.site.search import search_examples


def key_figures(catalog: Catalog) -> dict[str, int]:
    """The figures the home page shows."""
    current = [p for p in catalog.procedures if p.trang_thai == "hieu_luc"]
    return {
        "current": len(current),
        "sectors": len({p.linh_vuc for p in current}),
        "full_online": sum(p.dvc_truc_tuyen == "toan_trinh" for p in current),
        "partial_online": sum(p.dvc_truc_tuyen == "mot_phan" for p in current),
        "free": sum(p.mien_phi for p in current),
    }


def home_page(catalog: Catalog) -> Page:
    """The home page: the agency, key figures, sectors and contacts."""
    return Page("index.md", partial(home_text, catalog))


def home_text(catalog: Catalog) -> str:
    """The text of :func:`home_page`."""
    counts = [
        (s, len([p for p in catalog.in_sector(s.ma) if p.trang_thai == "hieu_luc"])) for s in catalog.sectors
    ]
    return render(
        "site/home.md.j2",
        front_matter=front_matter(
            catalog.agency.ten_trang, catalog.agency.gioi_thieu or catalog.agency.ten_trang
        ),
        agency=catalog.agency,
        figures=key_figures(catalog),
        sectors=[(s, n) for s, n in counts if n],
        pages=catalog.hand_pages,
    )


def search_page(catalog: Catalog) -> Page:
    """The search page; without JavaScript it links to the sector lists instead."""
    return Page("tim-kiem.md", partial(search_text, catalog))


def search_text(catalog: Catalog) -> str:
    """The text of :func:`search_page`."""
    return render(
        "site/search.md.j2",
        front_matter=front_matter(
            "Tìm kiếm", "Tìm thủ tục hành chính theo tên, mã hoặc từ khóa", search_page=True
        ),
        sectors=[s for s in catalog.sectors if catalog.in_sector(s.ma)],
        examples=search_examples(catalog),
    )


def hand_pages(catalog: Catalog) -> list[Page]:
    """The staff's Markdown pages, published as written."""
    return [Page.of(f"trang/{p.slug}.md", p.text) for p in catalog.hand_pages]
