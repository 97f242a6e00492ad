"""A procedure page prints as an A4 notice: few pages, no navigation, a QR code that opens the page."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from .browser import chromium, serve_directory
from .conftest import MINIMAL, build_site

pytestmark = pytest.mark.browser

PUBLIC = "https://thutuc.example.gov.vn/"
MAX_PAGES = 4
"""The longest procedure of the minimal content fits a counter-board notice of this many A4 sheets."""


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal content with the site's public address (``url_trang``) set."""
    root = tmp_path_factory.mktemp("print")
    content = root / "content"
    shutil.copytree(MINIMAL, content)
    with (content / "site.yml").open("a", encoding="utf-8") as f:
        f.write(f"url_trang: {PUBLIC}\n")
    return build_site(content, root)


def test_procedure_page_prints_a_notice_with_a_qr_code(public_site: Path) -> None:
    import pypdfium2
    import zxingcpp

    with serve_directory(public_site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + "thu-tuc/1.013859/")
        assert not page.locator(".ck-print").is_visible()  # on screen: no QR
        page.emulate_media(media="print")
        assert page.locator(".ck-print").is_visible()
        for hidden in (".md-header", ".md-sidebar", ".md-footer", ".ck-page-toc", ".ck-official"):
            assert not page.locator(hidden).first.is_visible(), hidden
        notice = page.locator(".ck-print").inner_text()
        assert "Phiên bản nội dung " in notice
        assert "cập nhật" in notice
        pdf = page.pdf(format="A4", print_background=True)

    document = pypdfium2.PdfDocument(io.BytesIO(pdf))
    assert 1 <= len(document) <= MAX_PAGES, len(document)
    first = document[0].render(scale=3, grayscale=True)
    width, height, stride = first.width, first.height, first.stride
    pixels = bytes(first.buffer)
    rows = b"".join(pixels[y * stride : y * stride + width] for y in range(height))
    codes = zxingcpp.read_barcodes(memoryview(rows).cast("B", (height, width)))
    assert [c.text for c in codes] == [PUBLIC + "thu-tuc/1.013859/"]
