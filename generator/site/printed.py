"""What a printed notice (a procedure's, the plan's quarter's) says about where to read it: the page's
public address and a QR code that opens it (issue 32)."""

from __future__ import annotations

from markupsafe import Markup

from generator.core.qrcode import qr_svg
from generator.site.catalog import Catalog


def page_address(catalog: Catalog, path: str) -> str:
    """The public address of the page at ``path`` (``thu-tuc/1.001193/``): ``url_trang`` of ``site.yml``
    (or ``congkhai build --url``) and the path; without it, the path from the site's root
    (``/thu-tuc/1.001193/``), which a reader can type after the site's address but a phone cannot open
    by itself."""
    base = catalog.agency.url_trang
    return f"{str(base).rstrip('/')}/{path}" if base else f"/{path}"


def qr_code(address: str) -> Markup:
    """The QR code of ``address`` as inline SVG (segno's, the address inside it escaped by segno), sized
    by the print style sheet (``.ck-qr``)."""
    svg = qr_svg(
        address, svgclass="ck-qr", lineclass=None, omitsize=True, border=2, title=f"Mã QR: {address}"
    )
    return Markup(svg)
