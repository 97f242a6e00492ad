"""The notice a procedure page prints first: one A4 sheet for the one-stop desk's board (issue 32).

The sheet names the agency, the procedure and its code, where and how to apply, the time, the fees and
the documents to bring and the forms to fill in, the content's date (never a hash) and the record's, and a
QR code that opens the page. The full page
follows it on the next sheets. A long fact or a long list of documents is shortened on the sheet, and the
sheet says so and where the rest is (the details after it): a sheet that says everything would not fit.
The bounds are counted in characters (about seven lines of a fact, twenty of documents at the sheet's
type size), measured on the longest records of the national portal's justice sector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from generator.core.render import vdate
from generator.procedures import facts
from generator.procedures.model import Document, Procedure
from generator.site import printed
from generator.site.catalog import Catalog

FACT_CHARS = 360
"""The longest fact the sheet shows in full; a longer one is cut at a word and sends to the details."""
DOCUMENT_CHARS = 1200
"""The documents the sheet lists, in characters; the next ones are counted and sent to the details (room
is left for the sample site's banner and the forms' row)."""
MORE = " … (xem đầy đủ ở phần chi tiết)"
FORM_NAME = re.compile(r"^(Tờ khai|Đơn|Mẫu)\b|\btheo mẫu\b", re.IGNORECASE)
"""A document that is itself a form to fill in, when the record links none (``mau``): «Tờ khai đăng ký
khai sinh theo mẫu», «Đơn đề nghị…»."""


@dataclass(frozen=True)
class Notice:
    """What the printed sheet of one procedure shows, besides its name."""

    facts: list[tuple[str, str]]
    """(label, text) of the key facts, each at most :data:`FACT_CHARS` long."""
    documents: list[tuple[str | None, list[str]]]
    """(case, documents) of the documents shown, in the record's order."""
    documents_left: int
    """How many documents the sheet leaves to the details."""
    qr: Markup
    """The QR code of :attr:`address` (segno's inline SVG)."""
    address: str
    """The page's public address."""
    version: str
    """The content's version as a reader says it: its date (``ngày 05/12/2026``), never a hash."""
    updated: str
    """The record's date as printed (``05/12/2026``), or "" when the record gives none."""


def page_address(catalog: Catalog, p: Procedure) -> str:
    """The public address of ``p``'s page (:func:`generator.site.printed.page_address`)."""
    return printed.page_address(catalog, f"thu-tuc/{p.ma_thu_tuc}/")


def notice(catalog: Catalog, p: Procedure) -> Notice:
    """The printed sheet of ``p``."""
    address = page_address(catalog, p)
    documents, left = _documents(p)
    updated = p.ngay_cap_nhat or next((d.ngay for d in reversed(p.quyet_dinh_cong_bo) if d.ngay), None)
    return Notice(
        facts=[(label, clip(text, FACT_CHARS)) for label, text in _facts(catalog, p) if text],
        documents=documents,
        documents_left=left,
        qr=printed.qr_code(address),
        address=address,
        version=f"ngày {vdate(catalog.as_of)}",
        updated=vdate(updated) if updated else "",
    )


def _facts(catalog: Catalog, p: Procedure) -> list[tuple[str, str]]:
    agency = catalog.agency.ten_co_quan
    places = [
        ", ".join(part for part in (place.ten, place.dia_chi, place.thoi_gian_lam_viec) if part)
        for place in p.noi_tiep_nhan
    ]
    return [
        ("Mã thủ tục", p.ma_thu_tuc),
        ("Lĩnh vực", catalog.sector(p.linh_vuc).ten),
        ("Cơ quan thực hiện", "; ".join(p.co_quan.thuc_hien) or agency),
        ("Nơi nộp hồ sơ", "; ".join(places or facts.where_to_apply(p, agency))),
        ("Cách nộp hồ sơ", facts.how_to_apply(p)),
        ("Thời hạn giải quyết", facts.time_summary(p)),
        ("Phí, lệ phí", facts.fee_summary(p)),
        ("Mẫu đơn, tờ khai", "; ".join(forms(p))),
        ("Kết quả", "; ".join(r.ten for r in p.ket_qua)),
    ]


def forms(p: Procedure) -> list[str]:
    """The forms to fill in for ``p``, in the record's order: the forms its documents link (``mau``), and
    each document that is itself a form (:data:`FORM_NAME`); a name without its bracketed remark."""
    found: list[str] = []
    for case in p.thanh_phan_ho_so:
        for document in case.giay_to:
            itself = [document.ten] if FORM_NAME.search(document.ten) else []
            names = [f.ten for f in document.mau] or itself
            names = [re.sub(r"\s*\(.*", "", name, flags=re.S).rstrip(" ;,.:") or name for name in names]
            found += [name for name in names if name not in found]
    return found


def _documents(p: Procedure) -> tuple[list[tuple[str | None, list[str]]], int]:
    """The cases and documents that fit :data:`DOCUMENT_CHARS`, and how many documents do not."""
    shown: list[tuple[str | None, list[str]]] = []
    room = DOCUMENT_CHARS
    left = 0
    for case in p.thanh_phan_ho_so:
        names: list[str] = []
        for document in case.giay_to:
            text = document_text(document)
            if left or len(text) > room:
                left += 1
                continue
            room -= len(text)
            names.append(text)
        if names:
            shown.append((case.truong_hop, names))
    return shown, left


def document_text(document: Document) -> str:
    """A document as the sheet lists it: its name and how many copies (``…, 1 bản chính``)."""
    copies = [f"{document.ban_chinh} bản chính"] if document.ban_chinh else []
    copies += [f"{document.ban_sao} bản sao"] if document.ban_sao else []
    return f"{document.ten} ({', '.join(copies)})" if copies else document.ten


def clip(text: str, limit: int) -> str:
    """``text``, or its beginning up to a word within ``limit`` characters and :data:`MORE`."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(MORE)].rsplit(" ", 1)[0].rstrip(",;:. ")
    return cut + MORE
