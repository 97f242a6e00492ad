"""The sitemap with each page's real last-modified date, replacing MkDocs' (which dates every page by the
build).

Each page is dated by its data (:meth:`Dataset.page_dates <generator.site.dataset.Dataset.page_dates>`:
a procedure by its update, a sector list by its latest procedure); the home page by the latest of them;
any other page by the content version. The file is the same for the same content: sorted addresses, no
build time, and its gzip copy without a timestamp. Without the site's address (``url_trang``) a sitemap
cannot hold absolute addresses, and MkDocs' empty one is kept.
"""

from __future__ import annotations

import gzip
import os
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

from generator.core.render import page_url
from generator.site.catalog import Catalog
from generator.site.feeds import base_url

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def page_dates(catalog: Catalog) -> dict[str, date]:
    """The date of each page whose data says one, by docs path."""
    dates: dict[str, date] = {}
    for dataset in catalog.datasets:
        dates.update(dataset.page_dates(catalog))
    if dates:
        dates["index.md"] = max(dates.values())
    return dates


def sitemap_xml(pages: list[str], dates: dict[str, date], fallback: date | None, site_url: str) -> bytes:
    """The sitemap of the docs ``pages``."""
    base = base_url(site_url)
    ElementTree.register_namespace("", NAMESPACE)
    root = ElementTree.Element(f"{{{NAMESPACE}}}urlset")
    for path in sorted(pages, key=page_url):
        url = ElementTree.SubElement(root, f"{{{NAMESPACE}}}url")
        ElementTree.SubElement(url, f"{{{NAMESPACE}}}loc").text = base + page_url(path)
        day = dates.get(path, fallback)
        if day is not None:
            ElementTree.SubElement(url, f"{{{NAMESPACE}}}lastmod").text = day.isoformat()
    ElementTree.indent(root)
    data: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def write_sitemap(site: Path, docs: Path, catalog: Catalog) -> None:
    """Write ``sitemap.xml`` and ``sitemap.xml.gz`` into the built ``site`` for every page of ``docs``."""
    if not catalog.agency.url_trang:
        return
    pages = [
        Path(root, name).relative_to(docs).as_posix()
        for root, _, names in os.walk(docs)
        for name in names
        if name.endswith(".md") and not name.startswith(".")
    ]
    data = sitemap_xml(pages, page_dates(catalog), catalog.version.day, catalog.agency.url_trang)
    (site / "sitemap.xml").write_bytes(data)
    with (
        open(site / "sitemap.xml.gz", "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out,
    ):
        out.write(data)
