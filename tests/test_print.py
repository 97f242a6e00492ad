"""A procedure page prints as a one-page A4 notice (the key facts, the agency, the date, the version and a
QR code that opens the page), then its full details; the plan's quarterly notice prints the same way."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from .browser import chromium, serve_directory
from .conftest import MINIMAL, REPO, build_site

pytestmark = pytest.mark.browser

PUBLIC = "https://thutuc.example.gov.vn/"
TYPICAL = "1.001193"
"""«Thủ tục đăng ký khai sinh» of the default content: long steps, three cases of documents, notes."""
NOTICE_FACTS = (
    "Sở Tư pháp tỉnh Bình Phước",
    "Thủ tục đăng ký khai sinh",
    "Mã thủ tục",
    "1.001193",
    "Nơi nộp hồ sơ",
    "Cách nộp hồ sơ",
    "Thời hạn giải quyết",
    "Phí, lệ phí",
    "Thành phần hồ sơ",
    "Giấy chứng sinh",
    "Mẫu đơn, tờ khai Tờ khai đăng ký khai sinh theo mẫu",
    "Trang mẫu, dữ liệu minh họa",
    "Phiên bản nội dung ngày",
    PUBLIC + f"thu-tuc/{TYPICAL}/",
)
"""What the first printed sheet of the typical procedure says, as text a reader finds on it."""


A4_CONTENT = {"width": 688, "height": 1000}
"""The width of an A4 sheet inside the print margins (210 mm - 2 x 14 mm), in CSS pixels."""


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal content, the default content's «Thủ tục đăng ký khai sinh», its plan and the site's
    public address (``url_trang``)."""
    root = tmp_path_factory.mktemp("print")
    content = root / "content"
    shutil.copytree(MINIMAL, content)
    shutil.copy(REPO / "content" / "thu-tuc" / f"{TYPICAL}.yml", content / "thu-tuc")
    with (content / "linh-vuc.yml").open("a", encoding="utf-8") as f:
        f.write("  - ma: ho-tich\n    ten: Hộ tịch\n")
    with (content / "site.yml").open("a", encoding="utf-8") as f:
        f.write(f"url_trang: {PUBLIC}\n")
    shutil.copytree(REPO / "content" / "ke-hoach", content / "ke-hoach")
    for name in ("don-vi.yml", "ngay-nghi.yml"):
        shutil.copy(REPO / "content" / name, content)
    return build_site(content, root)


def _pdf(site: Path, path: str) -> bytes:
    """The page ``path`` of ``site`` printed to A4 by Chromium; on screen, the notice is hidden."""
    with serve_directory(site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + path)
        assert not page.locator(".ck-qr").first.is_visible()  # on screen: no QR
        page.emulate_media(media="print")
        for hidden in (".md-header", ".md-sidebar", ".md-footer", ".ck-page-toc", "p.ck-version"):
            assert not page.locator(hidden).first.is_visible(), hidden
        assert page.locator(".ck-official--sample").is_visible()  # a sample site says so on paper
        return bytes(page.pdf(format="A4", print_background=True))


def _sheets(pdf: bytes) -> Any:
    import pypdfium2

    return pypdfium2.PdfDocument(io.BytesIO(pdf))


def _sheet_text(document: Any, index: int) -> str:
    """The text of one printed sheet, its lines joined by spaces (a word may wrap)."""
    return " ".join(str(document[index].get_textpage().get_text_bounded()).split())


def _qr_codes(document: Any, index: int) -> list[str]:
    import zxingcpp

    sheet = document[index].render(scale=3, grayscale=True)
    width, height, stride = sheet.width, sheet.height, sheet.stride
    pixels = bytes(sheet.buffer)
    rows = b"".join(pixels[y * stride : y * stride + width] for y in range(height))
    return [c.text for c in zxingcpp.read_barcodes(memoryview(rows).cast("B", (height, width)))]


def test_a_procedure_prints_a_one_page_notice_then_its_details(public_site: Path) -> None:
    document = _sheets(_pdf(public_site, f"thu-tuc/{TYPICAL}/"))
    first = _sheet_text(document, 0)
    missing = [fact for fact in NOTICE_FACTS if fact not in first]
    assert missing == [], first
    assert _qr_codes(document, 0) == [PUBLIC + f"thu-tuc/{TYPICAL}/"]
    rest = " ".join(_sheet_text(document, i) for i in range(1, len(document)))
    assert rest.startswith("Thủ tục đăng ký khai sinh"), rest[:200]  # the details begin on a new sheet
    for section in ("Trình tự thực hiện", "Thành phần hồ sơ", "Căn cứ pháp lý", "Lịch sử thay đổi"):
        assert section in rest, section
    assert "(https://dichvucong.gov.vn/thu-tuc-hanh-chinh/" in rest  # a link prints its address
    printed = re.sub(r"\(https?://[^)]*\)", "", first + " " + rest)  # links' addresses aside
    assert HASH.findall(printed) == []
    assert set(re.findall(r"Phiên bản nội dung (\S+)", printed)) == {"ngày"}


HASH = re.compile(r"\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,40}\b")
"""A commit's or a fingerprint's hex digits, which mean nothing to a citizen on paper."""


def test_the_printed_version_is_a_date_never_a_hash(public_site: Path) -> None:
    assert HASH.findall("Phiên bản nội dung 5e8509cb, c9f573c") == ["5e8509cb", "c9f573c"]
    assert HASH.findall("1.001193 2025-11-06 12345678") == []


def test_a_short_procedure_prints_on_one_sheet_and_nothing_is_cut(public_site: Path) -> None:
    pdf = _pdf(public_site, "thu-tuc/1.013859/")
    document = _sheets(pdf)
    assert _qr_codes(document, 0) == [PUBLIC + "thu-tuc/1.013859/"]
    with serve_directory(public_site) as base, chromium() as browser:
        page = browser.new_page(viewport=A4_CONTENT)
        page.goto(base + "thu-tuc/1.013859/")
        page.emulate_media(media="print")
        cut = page.evaluate(
            """() => [...document.querySelectorAll('.md-content table')].filter((t) => {
                 const box = t.getBoundingClientRect();
                 const wrap = t.closest('.md-typeset__scrollwrap') || t.parentElement;
                 return box.width > 0 && (t.scrollWidth > t.clientWidth + 1
                   || box.right > wrap.getBoundingClientRect().right + 1
                   || wrap.scrollWidth > wrap.clientWidth + 1);
               }).map((t) => t.textContent.slice(0, 60))"""
        )
    assert cut == []


def _lowest_text(document: Any, index: int) -> float:
    """How far down the sheet its text reaches, as a share of the sheet's height (0 top, 1 bottom)."""
    sheet = document[index]
    text = sheet.get_textpage()
    bottoms = [text.get_rect(i)[1] for i in range(text.count_rects())]
    return 1 - min(bottoms) / sheet.get_height()


def test_the_quarterly_notice_prints_as_one_clean_notice_with_its_qr_code(public_site: Path) -> None:
    document = _sheets(_pdf(public_site, "ke-hoach/2023/quy-1/"))
    first = _sheet_text(document, 0)
    title = "Tình hình thực hiện Kế hoạch kiểm soát TTHC quý I"
    for fact in ("SỞ TƯ PHÁP TỈNH BÌNH PHƯỚC", "THÔNG BÁO", title):
        assert fact in first, first[:300]
    assert re.search(r"tổng hợp ngày \d\d/\d\d/\d{4}", first)
    assert first.count("SỞ TƯ PHÁP TỈNH BÌNH PHƯỚC") == 1  # the notice's own head, not the page's too
    last = len(document) - 1
    assert _qr_codes(document, last) == [PUBLIC + "ke-hoach/2023/quy-1/"]
    assert PUBLIC + "ke-hoach/2023/quy-1/" in _sheet_text(document, last)
    full = [i for i in range(last) if _lowest_text(document, i) < 0.85]
    assert full == []  # no sheet but the last ends with a blank third
