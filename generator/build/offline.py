"""The offline copy (``congkhai build --offline``): the built site as a zip that works from ``file://``.

A browser opening files from disk does not turn a folder address into its ``index.html``, does not load
ES modules (``ck-search.js``) and cannot fetch Pagefind's index. So the copy is the published site with:

* every relative link, form action and script or style address that names a folder (``thu-tuc/``,
  ``../``, ``./#x``) rewritten to the folder's ``index.html``;
* the module script of the search replaced by ``assets/ck-offline.js``: a classic script holding the
  names and codes of the procedures, which searches them (accents, case and ``đ`` folded, every word
  required, codes with or without dots) in the header box as you type and on the search page.

The rest of Pagefind's search (synonyms, typo correction, results text) needs a web server. The zip is
byte-identical for the same site: entries sorted, dates fixed.
"""

from __future__ import annotations

import json
import os
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

OFFLINE_SCRIPT = "assets/ck-offline.js"
_ADDRESS = re.compile(r'\b(href|src|action)="([^"]*)"')
_MODULE = re.compile(r'<script type="module" src="[^"]*ck-search\.js"></script>')
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)
_JS = Path(__file__).with_name("offline.js")


def offline_zip(site: Path, out: Path, entries: Iterable[tuple[str, str, str]]) -> int:
    """Write the offline copy of ``site`` to the zip ``out`` (replaced atomically); return its files.

    ``entries``: (code, name, page path from the site's root) of each procedure, for the search.
    """
    data = json.dumps(sorted(entries), ensure_ascii=False, separators=(",", ":"))
    script = f"window.CK_OFFLINE={data};\n{_JS.read_text(encoding='utf-8')}"
    files = sorted(p for p in site.rglob("*") if p.is_file())
    partial = out.with_name(f".{out.name}.partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            name = path.relative_to(site).as_posix()
            body = path.read_bytes()
            if name.endswith(".html"):
                body = offline_page(body.decode("utf-8"), name).encode("utf-8")
            archive.writestr(_entry(name), body)
        archive.writestr(_entry(OFFLINE_SCRIPT), script.encode("utf-8"))
    os.replace(partial, out)
    return len(files) + 1


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


def offline_page(html: str, name: str) -> str:
    """The page ``name`` (its path in the site) for ``file://``: folder links to ``index.html``, and
    the offline search in place of the module script."""
    root = "../" * name.count("/")
    tag = f'<script src="{root}{OFFLINE_SCRIPT}" data-ck-root="{root or "./"}"></script>'
    html = _ADDRESS.sub(lambda m: f'{m.group(1)}="{to_file(m.group(2))}"', html)
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
