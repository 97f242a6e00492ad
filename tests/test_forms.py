"""A procedure's forms as citizens get them: a file published with the site is a download with its format
and size, an http(s) address a link with the format its extension tells, and a form with neither says where
it is obtained (the desk where one applies, the procedure's page on the national portal) instead of showing
a name that leads nowhere. The accessibility statement's keyboard walk says what the site offers."""

from __future__ import annotations

import re

import pytest

from generator.build.allpages import generate_pages
from generator.build.pipeline import check as build_catalog
from generator.procedures import lookup
from generator.procedures.model import Procedure
from generator.procedures.pages import procedure_page
from generator.site.forms import address_format

from .conftest import MINIMAL, REPO

CATALOG = build_catalog(MINIMAL)
PORTAL = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-863b-7023-b6f1-5bd5f0b52d89"
DESK = 'Nhận mẫu tại <a href="#noi-nop">nơi nộp hồ sơ</a>'


def procedure(code: str) -> Procedure:
    """The minimal content's record ``code``."""
    return next(p for p in lookup.records(CATALOG) if p.ma_thu_tuc == code)


def with_form(form: dict[str, str], url_dvcqg: str | None = PORTAL) -> Procedure:
    """Procedure 1.013859 whose first document has only ``form``, and the national page ``url_dvcqg``."""
    data = procedure("1.013859").model_dump(mode="json", exclude_none=True)
    data["thanh_phan_ho_so"][0]["giay_to"][0]["mau"] = [form]
    data.pop("url_dvcqg", None)
    if url_dvcqg:
        data["url_dvcqg"] = url_dvcqg
    return Procedure.model_validate(data)


def form_cells(page: str) -> list[str]:
    """The content of every «Mẫu đơn, tờ khai» cell of a procedure page."""
    return re.findall(r'<td data-label="Mẫu đơn, tờ khai">(.*?)</td>', page)


def test_a_form_published_with_the_site_is_a_download_with_its_format_and_size() -> None:
    page = procedure_page(CATALOG, with_form({"ten": "Mẫu TP-CC-05", "tep": "tp-cc-05.pdf"}))
    assert form_cells(page)[0] == (
        '<a class="ck-download" href="../../mau/tp-cc-05.pdf" download>Mẫu TP-CC-05</a> '
        '<span class="ck-file">(PDF, 702 byte)</span>'
    )


def test_a_form_at_an_address_is_a_link_with_the_format_of_its_extension() -> None:
    address = "https://example.gov.vn/mau/TP-CC-05%20moi.DOCX?v=2"
    page = procedure_page(CATALOG, with_form({"ten": "Mẫu TP-CC-05", "tep": address}))
    assert form_cells(page)[0] == (
        f'<a href="{address}">Mẫu TP-CC-05</a> <span class="ck-file">(DOCX)</span>'
    )


def test_an_address_that_names_no_file_is_a_link_without_a_format() -> None:
    page = procedure_page(CATALOG, with_form({"ten": "Mẫu TP-CC-05", "tep": "https://example.gov.vn/mau/"}))
    assert form_cells(page)[0] == '<a href="https://example.gov.vn/mau/">Mẫu TP-CC-05</a>'


@pytest.mark.parametrize(
    ("address", "label"),
    [
        ("https://a.gov.vn/m/01.pdf", "PDF"),
        ("https://a.gov.vn/m/01.Doc#trang-2", "DOC"),
        ("http://www.basel.int/Portals/4/Basel%20Convention/docs/forms-notif-mov/vCOP8.doc", "DOC"),
        ("https://a.gov.vn/m/01.xlsx/", None),
        ("https://a.gov.vn/tai?tep=01.docx", None),
        ("https://a.gov.vn/m/docx", None),
    ],
)
def test_the_format_of_an_address_is_its_paths_extension(address: str, label: str | None) -> None:
    assert address_format(address) == label


def test_a_form_with_no_file_says_to_get_it_at_the_desk_or_on_the_national_portal() -> None:
    page = procedure_page(CATALOG, with_form({"ten": "Mẫu TP-CC-05.docx"}))
    assert form_cells(page)[0] == (
        f'Mẫu TP-CC-05.docx<br><span class="ck-form-where">{DESK} hoặc tải từ '
        f'<a href="{PORTAL}">trang thủ tục trên Cổng Dịch vụ công quốc gia</a></span>'
    )
    assert 'id="noi-nop"' in page


def test_a_form_with_no_file_and_no_national_page_says_to_get_it_at_the_desk() -> None:
    page = procedure_page(CATALOG, with_form({"ten": "Mẫu TP-CC-05.docx"}, url_dvcqg=None))
    assert form_cells(page)[0] == f'Mẫu TP-CC-05.docx<br><span class="ck-form-where">{DESK}</span>'


@pytest.fixture(scope="module")
def default_pages() -> dict[str, str]:
    """The default site's generated pages, by path."""
    return {page.path: page.text for page in generate_pages(build_catalog(REPO / "content"))}


def test_every_form_of_the_default_site_says_how_to_get_it(default_pages: dict[str, str]) -> None:
    cells = [cell for text in default_pages.values() for cell in form_cells(text) if cell]
    assert len(cells) >= 100
    assert [cell for cell in cells if "<a " not in cell] == []
    unlinked = [form for cell in cells for form in re.split(r"<br>(?!<span)", cell) if "<a " not in form]
    assert unlinked == []


def statement(text: str) -> str:
    """The sentence of the accessibility statement that tells how the site is checked, on one line."""
    one_line = " ".join(text.split())
    return one_line[one_line.index("Mỗi lần thay đổi") :].split(".")[0] + "."


def test_the_keyboard_walk_ends_at_a_download_only_where_the_site_has_form_files(
    default_pages: dict[str, str],
) -> None:
    walk = "cùng một bài kiểm tra chỉ dùng bàn phím từ trang chủ"
    minimal = next(page.text for page in generate_pages(CATALOG) if page.path == "kha-nang-tiep-can.md")
    assert statement(minimal).endswith(f"{walk} đến khi tải được mẫu đơn của một thủ tục.")
    assert statement(default_pages["kha-nang-tiep-can.md"]).endswith(
        f"{walk} đến phần mẫu đơn, tờ khai của một thủ tục, nơi trang ghi chỗ nhận mẫu (nơi nộp hồ sơ hoặc "
        "Cổng Dịch vụ công quốc gia)."
    )
