"""Pages about the site as a whole: the home page, the search page, the staff's hand-written pages
and the navigation; each dataset adds its part through :class:`~generator.site.dataset.Dataset`."""

from __future__ import annotations

import html
from functools import partial

from generator.core.render import Page, front_matter, render
from generator.site.agency import contacts
from generator.site.catalog import Catalog
from generator.site.dataset import NavEntry
from generator.site.forms import FORMS_DIR
from generator.site.search import other_kinds

ACCESSIBILITY_PAGE = "kha-nang-tiep-can.md"


def nav(catalog: Catalog) -> list[NavEntry]:
    """The small, explicit navigation: home, each dataset's entries, search, open data and hand-written
    pages."""
    return [
        {"Trang chủ": "index.md"},
        *(entry for dataset in catalog.datasets for entry in dataset.nav(catalog)),
        {"Tìm kiếm": "tim-kiem.md"},
        {"Dữ liệu mở": "du-lieu/index.md"},
        *({html.escape(p.title): f"trang/{p.slug}.md"} for p in catalog.hand_pages),
    ]


def home_page(catalog: Catalog) -> Page:
    """The home page: the agency, each dataset's figures and lists, and contacts."""
    return Page("index.md", partial(home_text, catalog))


def home_text(catalog: Catalog) -> str:
    """The text of :func:`home_page`."""
    agency = catalog.agency
    return render(
        "site/home.md.j2",
        front_matter=front_matter(agency.ten_trang, agency.gioi_thieu or agency.ten_trang),
        agency=agency,
        contacts=contacts(agency),
        links=[link for dataset in catalog.datasets for link in dataset.home_links(catalog)],
        sections=[section for d in catalog.datasets if (section := d.home_section(catalog))],
        pages=catalog.hand_pages,
    )


def search_page(catalog: Catalog) -> Page:
    """The search page; without JavaScript it links to the datasets' lists instead."""
    return Page("tim-kiem.md", partial(search_text, catalog))


def search_text(catalog: Catalog) -> str:
    """The text of :func:`search_page`."""
    return render(
        "site/search.md.j2",
        front_matter=front_matter(
            "Tìm kiếm", "Tìm thủ tục hành chính theo tên, mã hoặc từ khóa", search_page=True
        ),
        fallback=[link for dataset in catalog.datasets for link in dataset.search_fallback(catalog)],
        examples=[example for dataset in catalog.datasets for example in dataset.search_examples(catalog)],
        others=other_kinds(catalog),
    )


def hand_pages(catalog: Catalog) -> list[Page]:
    """The staff's Markdown pages, published as written."""
    return [Page.of(f"trang/{p.slug}.md", p.text) for p in catalog.hand_pages]


def form_pages(catalog: Catalog) -> list[Page]:
    """The form files of ``content/mau/``, published as they are under ``mau/``."""
    return [Page(f"{FORMS_DIR}/{f.name}", f.read) for f in catalog.forms.values()]


def accessibility_page(catalog: Catalog) -> Page:
    """The accessibility statement («Tuyên bố về khả năng tiếp cận»), linked from every page's footer."""
    return Page(ACCESSIBILITY_PAGE, partial(accessibility_text, catalog))


def accessibility_text(catalog: Catalog) -> str:
    """The text of :func:`accessibility_page`; its keyboard walk ends at a form's download only when the
    site publishes form files (``content/mau/``), else at where the page says a form is obtained."""
    agency = catalog.agency
    return render(
        "site/accessibility.md.j2",
        front_matter=front_matter(
            "Tuyên bố về khả năng tiếp cận",
            f"Mức độ tiếp cận của trang công khai thủ tục hành chính của {agency.ten_co_quan}",
        ),
        agency=agency,
        contacts=contacts(agency),
        form_files=bool(catalog.forms),
    )
