"""Open data written next to the pages: JSON, CSV, an Atom feed of changes and the JSON Schemas."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, time
from functools import partial
from typing import Any

from feedgen.feed import FeedGenerator
from pydantic import BaseModel

from generator.site.agency import Agency
from generator.site.catalog import Catalog
from generator.procedures.model import LEVELS, ONLINE_LEVELS, STATUSES, Procedure
from generator.procedures.pages import front_matter
from generator.procedures.summary import Summary
from generator.core.csvcells import formula_safe
from generator.core.render import Memo, Page, no_memo, render
from generator.site.sectors import SectorRegistry

SCHEMAS: dict[str, type[BaseModel]] = {
    "thu-tuc": Procedure,
    "linh-vuc": SectorRegistry,
    "site": Agency,
}
CSV_COLUMNS = [
    "ma_thu_tuc",
    "ten_thu_tuc",
    "linh_vuc",
    "cap_thuc_hien",
    "thoi_han_giai_quyet",
    "phi_le_phi",
    "dvc_truc_tuyen",
    "trang_thai",
    "ngay_cap_nhat",
    "dia_chi_trang",
]
FEED_SIZE = 50


def to_json(value: Any) -> str:
    """Stable, readable JSON."""
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def schema_json(name: str) -> str:
    """The JSON Schema of the record type ``name`` (a key of :data:`SCHEMAS`)."""
    return to_json(SCHEMAS[name].model_json_schema())


def schema_files() -> dict[str, str]:
    """The JSON Schema of each record type, by file stem."""
    return {name: schema_json(name) for name in SCHEMAS}


def record_json(p: Procedure) -> Any:
    """One procedure as published data."""
    return p.model_dump(mode="json", exclude_none=True)


def record_json_text(p: Procedure) -> str:
    """``to_json(record_json(p))``, written by pydantic's serializer: the same bytes, several times faster."""
    return p.model_dump_json(indent=2, exclude_none=True) + "\n"


def catalogue_json(agency: str, parts: list[bytes]) -> bytes:
    """``to_json({"co_quan": agency, "thu_tuc": [...]})`` in UTF-8, assembled from :func:`catalogue_part`
    of consecutive runs of the records, in order. Bytes, not text: joining the parts of 5,000 records
    (55 MB) as text and encoding the result took 0.18 s, joining them as bytes 0.01 s."""
    items = b",\n".join(part for part in parts if part)
    if not items:
        return to_json({"co_quan": agency, "thu_tuc": []}).encode("utf-8")
    head = f'{{\n  "co_quan": {json.dumps(agency, ensure_ascii=False)},\n  "thu_tuc": [\n'
    return head.encode("utf-8") + items + b"\n  ]\n}\n"


def catalogue_part(records: Iterable[str]) -> bytes:
    """The records' own JSON texts as the items of ``thu-tuc.json``'s list: indented, comma-separated,
    in UTF-8."""
    return ",\n".join("    " + text.rstrip("\n").replace("\n", "\n    ") for text in records).encode("utf-8")


def csv_text(catalog: Catalog) -> str:
    """The catalogue as one CSV row per procedure."""
    out = io.StringIO()
    writer = formula_safe(csv.writer(out, lineterminator="\n"))
    writer.writerow(CSV_COLUMNS)
    for p in catalog.procedures:
        writer.writerow(
            [
                p.ma_thu_tuc,
                p.ten_thu_tuc,
                catalog.sector(p.linh_vuc).ten,
                "; ".join(LEVELS[level] for level in p.cap_thuc_hien),
                p.thoi_han,
                p.phi,
                ONLINE_LEVELS[p.dvc_truc_tuyen] if p.dvc_truc_tuyen else "",
                STATUSES[p.trang_thai],
                p.ngay_cap_nhat.isoformat() if p.ngay_cap_nhat else "",
                f"thu-tuc/{p.ma_thu_tuc}/",
            ]
        )
    return out.getvalue()


def atom_feed(catalog: Catalog) -> str:
    """The most recently updated procedures, newest first, dated by their own update dates."""
    dated = sorted(
        (p for p in catalog.procedures if p.ngay_cap_nhat),
        key=lambda p: (p.ngay_cap_nhat, p.ma_thu_tuc),
        reverse=True,
    )[:FEED_SIZE]
    base = (catalog.agency.url_trang or "https://example.invalid/").rstrip("/") + "/"
    feed = FeedGenerator()
    feed.id(f"{base}du-lieu/thay-doi.xml")
    feed.title(f"Thủ tục hành chính mới cập nhật — {catalog.agency.ten_co_quan}")
    feed.author({"name": catalog.agency.ten_co_quan})
    feed.link(href=f"{base}du-lieu/thay-doi.xml", rel="self")
    feed.link(href=base, rel="alternate")
    feed.language("vi")
    feed.generator("congkhai")
    feed.updated(_stamp(dated[0]) if dated else datetime(1970, 1, 1, tzinfo=UTC))
    for p in reversed(dated):
        entry = feed.add_entry()
        entry.id(f"{base}thu-tuc/{p.ma_thu_tuc}/#{p.ngay_cap_nhat}")
        entry.title(f"{p.ten_thu_tuc} ({p.ma_thu_tuc})")
        entry.link(href=f"{base}thu-tuc/{p.ma_thu_tuc}/")
        entry.updated(_stamp(p))
        entry.summary(
            f"{catalog.sector(p.linh_vuc).ten}. {STATUSES[p.trang_thai]}. "
            f"Thời hạn: {p.thoi_han}. Phí, lệ phí: {p.phi}."
        )
    return str(feed.atom_str(pretty=True).decode("utf-8"))


def _stamp(p: Summary) -> datetime:
    assert p.ngay_cap_nhat is not None
    return datetime.combine(p.ngay_cap_nhat, time(), tzinfo=UTC)


def datapackage(catalog: Catalog) -> dict[str, Any]:
    """A Frictionless Data Package descriptor for the published files."""
    return {
        "name": "thu-tuc-hanh-chinh",
        "title": f"Thủ tục hành chính — {catalog.agency.ten_co_quan}",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}],
        "resources": [
            {
                "name": "thu-tuc-csv",
                "path": "thu-tuc.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "schema": {
                    "fields": [{"name": c, "type": "string"} for c in CSV_COLUMNS],
                    "primaryKey": ["ma_thu_tuc"],
                },
            },
            {
                "name": "thu-tuc-json",
                "path": "thu-tuc.json",
                "format": "json",
                "mediatype": "application/json",
                "schema": "schema/thu-tuc.schema.json",
            },
        ],
    }


class RecordTexts:
    """Each record's published JSON text, made once in this process: both its own file and
    ``thu-tuc.json`` are made of it."""

    def __init__(self, memo: Memo = no_memo) -> None:
        self._memo = memo
        self._texts: dict[str, str] = {}

    def text(self, p: Procedure) -> str:
        """The JSON text of ``p``."""
        text = self._texts.get(p.ma_thu_tuc)
        if text is None:
            path = record_path(p.ma_thu_tuc)
            text = self._texts[p.ma_thu_tuc] = self._memo(path, (p,), partial(record_json_text, p))
        return text

    def part(self, records: Iterable[Procedure]) -> bytes:
        """:func:`catalogue_part` of ``records``."""
        return catalogue_part(map(self.text, records))


def record_path(code: str) -> str:
    """The docs path of a procedure's own JSON file."""
    return f"du-lieu/thu-tuc/{code}.json"


def open_data_pages(catalog: Catalog) -> list[Page]:
    """Every open-data file and the page that explains them, except the files of each record and
    ``thu-tuc.json`` (:func:`record_data_pages`, :func:`catalogue_json_page`)."""
    return [
        Page("du-lieu/thu-tuc.csv", partial(csv_text, catalog)),
        Page("du-lieu/thay-doi.xml", partial(atom_feed, catalog)),
        Page("du-lieu/datapackage.json", partial(_datapackage_json, catalog)),
        *(Page(f"du-lieu/schema/{name}.schema.json", partial(schema_json, name)) for name in SCHEMAS),
        Page("du-lieu/index.md", partial(_open_data_index, catalog)),
    ]


def record_data_pages(catalog: Catalog, texts: RecordTexts) -> list[Page]:
    """The JSON file of each of the catalog's full records."""
    return [Page(record_path(p.ma_thu_tuc), partial(texts.text, p)) for p in catalog.records]


def catalogue_json_page(catalog: Catalog, parts: Callable[[], list[bytes]]) -> Page:
    """``thu-tuc.json``, every procedure in one file: made of ``parts()``, the :func:`catalogue_part` of
    consecutive runs of the procedures, which together hold them all in order."""
    return Page("du-lieu/thu-tuc.json", partial(_catalogue_json, catalog, parts))


def _catalogue_json(catalog: Catalog, parts: Callable[[], list[bytes]]) -> bytes:
    return catalogue_json(catalog.agency.ten_co_quan, parts())


def _datapackage_json(catalog: Catalog) -> str:
    return to_json(datapackage(catalog))


def _open_data_index(catalog: Catalog) -> str:
    return render(
        "site/open-data.md.j2",
        front_matter=front_matter("Dữ liệu mở", "Tải danh mục thủ tục hành chính ở dạng JSON, CSV và Atom"),
        agency=catalog.agency,
        count=len(catalog.procedures),
        columns=CSV_COLUMNS,
    )
