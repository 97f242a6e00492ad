"""The offline copy (``congkhai build --offline``): the built site as a zip that works from ``file://``.

A browser opening files from disk does not turn a folder address into its ``index.html``, does not load
ES modules (``ck-search.js``) and cannot fetch files (Pagefind's index, the names, a feedback item's
JSON). So the copy is the published site with:

* every relative link, form action and script or style address that names a folder (``thu-tuc/``,
  ``../``, ``./#x``) rewritten to the folder's ``index.html``;
* the site's own search (``ck-search.js``: the same analysis of the query, the same names, the same
  ranking as the header box of the site) as a classic script, ``assets/ck-offline.js``, with the
  files it reads (the names, the settings) inside it: it answers by names and codes, in the header box
  and on the search page, and says that the pages' text is searched on the site;
* the feedback lookup by code, which reads a file, replaced by how to look an item up instead (the
  lists by year, the site's own lookup page, the hotline), and the feedback filters (Pagefind) left out;
* without what ``file://`` cannot use: the web editor (``admin/``), Pagefind's index (``pagefind/``),
  the names file (inside the script now).

The zip is byte-identical for the same site: entries sorted, dates fixed.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import zipfile
from pathlib import Path
from typing import Any

from markupsafe import escape

from generator.site.agency import Agency, contacts
from generator.site.search import NAMES_PATH, SETTINGS_PATH
from generator.site.termindex import TERMS_DIR

OFFLINE_SCRIPT = "assets/ck-offline.js"
SEARCH_SCRIPT = "assets/ck-search.js"
LEFT_OUT = ("admin/", "pagefind/", NAMES_PATH, f"{TERMS_DIR}/")
"""What the copy leaves out (paths from the site's root; a folder ends with ``/``)."""
_ADDRESS = re.compile(r'\b(href|src|action)="([^"]*)"')
_MODULE = re.compile(r'<script type="module" src="[^"]*ck-search\.js"></script>')
_FEEDBACK_SCRIPT = re.compile(r'<script src="[^"]*ck-pakn\.js" defer></script>\n?')
_LOOKUP = re.compile(r'<form class="ck-pakn-lookup".*?</form>\s*<p id="ck-pakn-result"[^>]*></p>', re.S)
_EXPORT = re.compile(r"^export ", re.M)
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def offline_zip(site: Path, out: Path, agency: Agency) -> int:
    """Write the offline copy of ``site`` (published by ``agency``) to the zip ``out`` (replaced
    atomically); return its number of files."""
    files = sorted(
        p for p in site.rglob("*") if p.is_file() and not _left_out(p.relative_to(site).as_posix())
    )
    lookup = lookup_note(agency)
    partial = out.with_name(f".{out.name}.partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            name = path.relative_to(site).as_posix()
            body = path.read_bytes()
            if name.endswith(".html"):
                body = offline_page(body.decode("utf-8"), name, lookup).encode("utf-8")
            archive.writestr(_entry(name), body)
        archive.writestr(_entry(OFFLINE_SCRIPT), offline_script(site).encode("utf-8"))
    os.replace(partial, out)
    return len(files) + 1


def _left_out(name: str) -> bool:
    return any(name == part or (part.endswith("/") and name.startswith(part)) for part in LEFT_OUT)


def offline_script(site: Path) -> str:
    """``ck-search.js`` as a classic script, preceded by the files it reads (``window.CK_OFFLINE``: the
    names, the settings, the term index's shards), their page addresses made ``…/index.html``."""
    files: dict[str, Any] = {}
    names_file = site / NAMES_PATH
    if names_file.is_file():
        names = json.loads(gzip.decompress(names_file.read_bytes()))
        for part in names["sets"]:
            part["page"] = to_file(part["page"])
        files[NAMES_PATH] = names
    settings_file = site / SETTINGS_PATH
    if settings_file.is_file():
        settings = json.loads(settings_file.read_text(encoding="utf-8"))
        for link in settings.get("fallback", []):
            link["url"] = to_file(link["url"])
        files[SETTINGS_PATH] = settings
    for shard in sorted((site / TERMS_DIR).glob("*.json.gz")):
        files[f"{TERMS_DIR}/{shard.name}"] = json.loads(gzip.decompress(shard.read_bytes()))
    data = json.dumps({"files": files}, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    engine = _EXPORT.sub("", (site / SEARCH_SCRIPT).read_text(encoding="utf-8"))
    return f'window.CK_OFFLINE={data};\n(function () {{\n"use strict";\n{engine}}})();\n'


def lookup_note(agency: Agency) -> str:
    """What the copy says in place of the feedback lookup: where an item is looked up instead."""
    online = ""
    if agency.url_trang:
        address = f"{str(agency.url_trang).rstrip('/')}/pakn/tra-cuu/"
        online = f', hoặc tra cứu trên mạng tại <a href="{escape(address)}">{escape(address)}</a>'
    hotline = contacts(agency)[0]
    return (
        '<p class="ck-offline-note"><strong>Bản ngoại tuyến không tra cứu theo mã được.</strong> '
        "Tìm phản ánh, kiến nghị theo năm tiếp nhận trong danh sách phản ánh, kiến nghị"
        f"{online}, hoặc gọi {escape(hotline.label.lower())} {escape(hotline.text)}.</p>"
    )


def made_offline(path: Path) -> bool:
    """Whether ``path`` is an offline copy :func:`offline_zip` wrote: a zip file (not a symlink) holding
    :data:`OFFLINE_SCRIPT`."""
    if path.is_symlink() or not path.is_file() or not zipfile.is_zipfile(path):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            return OFFLINE_SCRIPT in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, _FIXED_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def offline_page(html: str, name: str, lookup: str = "") -> str:
    """The page ``name`` (its path in the site) for ``file://``: folder links to ``index.html``, the
    offline search in place of the module script, ``lookup`` in place of the feedback lookup's form and
    no feedback filters."""
    root = "../" * name.count("/")
    tag = f'<script src="{root}{OFFLINE_SCRIPT}"></script>'
    html = _ADDRESS.sub(lambda m: f'{m.group(1)}="{to_file(m.group(2))}"', html)
    html = _LOOKUP.sub(lambda m: lookup, _FEEDBACK_SCRIPT.sub("", html))
    html, found = _MODULE.subn(tag, html)
    return html if found else html.replace("</body>", tag + "</body>", 1)


def to_file(address: str) -> str:
    """``address`` with a folder (``a/``, ``.``, ``..``, ``a/#x``) made ``…/index.html``; any other
    address (another site, ``mailto:``, a file, a fragment) unchanged."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^/|^#|^$", address):
        return address
    path, rest = re.match(r"([^?#]*)(.*)", address, re.S).groups()  # type: ignore[union-attr]
    last = path.rsplit("/", 1)[-1]
    if path and (path.endswith("/") or last in (".", "..")):
        path = path.rstrip("/") + "/index.html"
    return path + rest
