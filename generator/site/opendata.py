"""Open data written next to the pages, for every dataset: each record's JSON and one file with every
record, the JSON Schemas, each dataset's CSV tables and Atom feeds, the «Thay đổi gần đây» page and feed,
the data package, ``robots.txt`` and the «Dữ liệu mở» page with its data dictionary.

Every JSON file names the content version it was made from (``phien_ban``), and each dataset's published
JSON Schema allows it; the schemas in ``content/schema/`` (for editors) are the models' own. The data
package and the «Dữ liệu mở» page give each file's size, so they are made after the others
(:func:`late_pages`).
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import partial
from typing import Any

from pydantic import BaseModel

from generator.core.labels import ENUM_LABELS
from generator.core.render import Memo, Page, front_matter, no_memo, render
from generator.site.agency import ADDRESS_KEY, Agency, address_description, page_address
from generator.site.catalog import AllowedFile, Catalog
from generator.site.dataset import AnyDataset
from generator.site.feeds import Feed, FeedEntry, atom_text, base_url
from generator.site.history import recent_changes
from generator.site.sectors import SectorRegistry
from generator.site.tables import (
    LIST_SEPARATOR,
    TYPE_NAMES,
    VERSION_COLUMN,
    Table,
    csv_text,
    table_resource,
)
from generator.site.version import ContentVersion

SITE_SCHEMAS: dict[str, type[BaseModel]] = {
    "linh-vuc": SectorRegistry,
    "site": Agency,
}
"""The JSON Schemas of the site's own files; each dataset adds its own (:meth:`Dataset.schemas`)."""
EDITOR_SCHEMAS: dict[str, type[BaseModel]] = {"cong-khai-duoc-phep": AllowedFile}
"""Content files whose JSON Schema helps editors (``content/schema/``) but is not published with the
open data: the privacy scan's allow-list is no record of the site."""
LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}
"""The licence of every published file."""
VERSION_KEY = "phien_ban"
"""The key of the content version in every JSON file."""
RECENT_PAGE = "thay-doi.md"
RECENT_FEED = "du-lieu/thay-doi.xml"
RECENT_SIZE = 50
"""The most changes the «Thay đổi gần đây» page and feed list."""


def to_json(value: Any) -> str:
    """Stable, readable JSON."""
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def schemas(datasets: Sequence[AnyDataset]) -> dict[str, type[BaseModel]]:
    """The model of every published JSON Schema, by file stem: the datasets' first, then the site's."""
    found: dict[str, type[BaseModel]] = {}
    for dataset in datasets:
        found.update(dataset.schemas())
    return {**found, **SITE_SCHEMAS}


def schema_files(datasets: Sequence[AnyDataset]) -> dict[str, str]:
    """The JSON Schema of each content file type (``congkhai schema``, for editors), by file stem: the
    published ones and :data:`EDITOR_SCHEMAS`."""
    models = {**schemas(datasets), **EDITOR_SCHEMAS}
    return {name: to_json(model.model_json_schema()) for name, model in models.items()}


def published_schema(model: type[BaseModel], address: str | None = None) -> dict[str, Any]:
    """A dataset's JSON Schema as published with its records: the model's, which also allows the
    content version (:data:`VERSION_KEY`) every published record carries and, when ``address`` describes
    it, the address of the record's page (:data:`~generator.site.agency.ADDRESS_KEY`)."""
    schema = model.model_json_schema()
    if address:
        schema["properties"][ADDRESS_KEY] = {"description": address, "type": "string"}
    schema["properties"][VERSION_KEY] = {
        "description": "Phiên bản nội dung mà tệp được tạo từ đó: mã phiên bản và ngày của nó (không có khi "
        "trang không lưu lịch sử chỉnh sửa).",
        "type": "object",
        "properties": {"commit": {"type": "string"}, "ngay": {"type": "string", "format": "date"}},
    }
    return schema


def stamped(text: str, version: dict[str, str], address: str | None = None) -> str:
    """A record's JSON text (an object, indented by two) with the address of its page (when it has one)
    and the content version as its last keys."""
    extra: dict[str, Any] = {ADDRESS_KEY: address} if address else {}
    if version:
        extra[VERSION_KEY] = version
    if not extra:
        return text
    body = text.rstrip().removesuffix("}").rstrip()
    added = json.dumps(extra, ensure_ascii=False, indent=2).removeprefix("{").removesuffix("}").strip()
    return f"{body},\n  {added}\n}}\n"


def all_records_json(
    agency: str, key: str, parts: list[bytes], version: dict[str, str] | None = None
) -> bytes:
    """``to_json({"co_quan": agency, "phien_ban": version, key: [...]})`` in UTF-8, assembled from
    :func:`records_part` of consecutive runs of the records, in order. Bytes, not text: joining the parts
    of 5,000 records (55 MB) as text and encoding the result took 0.18 s, joining them as bytes 0.01 s."""
    items = b",\n".join(part for part in parts if part)
    envelope: dict[str, Any] = {"co_quan": agency}
    if version:
        envelope[VERSION_KEY] = version
    if not items:
        return to_json({**envelope, key: []}).encode("utf-8")
    head = to_json(envelope).rstrip().removesuffix("}").rstrip() + f",\n  {json.dumps(key)}: [\n"
    return head.encode("utf-8") + items + b"\n  ]\n}\n"


def records_part(texts: Iterable[str]) -> bytes:
    """The records' own JSON texts as the items of the all-records file's list: indented,
    comma-separated, in UTF-8."""
    return _joined(map(_as_item, texts))


def _as_item(text: str) -> str:
    """A record's JSON text indented as an item of the all-records file's list."""
    return "    " + text.rstrip("\n").replace("\n", "\n    ")


def _joined(items: Iterable[str]) -> bytes:
    return ",\n".join(items).encode("utf-8")


class RecordTexts:
    """Each record's published JSON text, made once in this process: both its own file and the
    all-records file are made of it."""

    def __init__(
        self,
        dataset: AnyDataset,
        memo: Memo = no_memo,
        version: ContentVersion | None = None,
        site_url: str | None = None,
    ) -> None:
        self._dataset = dataset
        self._memo = memo
        self._version = version.as_json() if version else {}
        self._site_url = site_url
        self._texts: dict[str, str] = {}

    def text(self, record: Any) -> str:
        """The JSON text of ``record``."""
        key = self._dataset.key(record)
        text = self._texts.get(key)
        if text is None:
            path = self._dataset.record_json_path(key)
            page = self._dataset.page_of(key)
            address = page_address(self._site_url, page) if page else None
            make = partial(_stamped_record, self._dataset, record, self._version, address)
            inputs = (record, tuple(self._version.items()), address)
            text = self._texts[key] = self._memo(path, inputs, make)
        return text

    def part(self, records: Iterable[Any]) -> bytes:
        """:func:`records_part` of ``records`` (each record's item kept by the memo: indenting every
        record again took a third of the live preview's rebuild of the 55 MB file of 5,000 records)."""
        return _joined(map(self._item, records))

    def _item(self, record: Any) -> str:
        text = self.text(record)
        path = f"{self._dataset.record_json_path(self._dataset.key(record))}#item"
        return self._memo(path, (text,), partial(_as_item, text))

    def pages(self, records: Iterable[Any]) -> list[Page]:
        """The JSON file of each of ``records``."""
        return [
            Page(self._dataset.record_json_path(self._dataset.key(r)), partial(self.text, r)) for r in records
        ]


def _stamped_record(dataset: AnyDataset, record: Any, version: dict[str, str], address: str | None) -> str:
    return stamped(dataset.record_json(record), version, address)


def all_records_page(catalog: Catalog, dataset: AnyDataset, parts: Callable[[], list[bytes]]) -> Page:
    """The file with every record of ``dataset``: made of ``parts()``, the :func:`records_part` of
    consecutive runs of its records, which together hold them all in order."""
    return Page(dataset.all_json_path(), partial(_all_records, catalog, dataset, parts))


def _all_records(catalog: Catalog, dataset: AnyDataset, parts: Callable[[], list[bytes]]) -> bytes:
    version = catalog.version.as_json()
    return all_records_json(catalog.agency.ten_co_quan, dataset.json_key, parts(), version)


def md_link(page: str, target: str) -> str:
    """A Markdown link from the docs page ``page`` to the docs file ``target`` (MkDocs writes the address)."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


FILES_LISTED = 10
"""How many files of one kind in one folder «Dữ liệu mở» lists one by one (see :func:`grouped`)."""


def all_feeds(catalog: Catalog) -> list[Feed]:
    """Every dataset's feeds, then the site's feed of recent changes."""
    feeds = [feed for d in catalog.datasets for feed in d.feeds(catalog)]
    recent = Feed(
        RECENT_FEED,
        f"Thay đổi gần đây — {catalog.agency.ten_co_quan}",
        partial(_recent_entries, catalog),
        pages=(RECENT_PAGE, "index.md"),
    )
    return [*feeds, recent]


def all_tables(catalog: Catalog) -> list[tuple[AnyDataset, Table]]:
    """Every dataset's CSV tables, with their dataset."""
    return [(d, table) for d in catalog.datasets for table in d.tables(catalog)]


def open_data_pages(catalog: Catalog) -> list[Page]:
    """The JSON Schemas, every dataset's CSV tables and feeds, the page of recent changes and
    ``robots.txt``; the data package and the open-data page come last (:func:`late_pages`)."""
    models = schemas(catalog.datasets)
    own = {name for d in catalog.datasets for name in d.schemas()}
    address = address_description(catalog.agency.url_trang, "bản ghi")
    paged = {d.name for d in catalog.datasets if d.page_of("{}") is not None}
    version = catalog.version
    return [
        *(
            Page(
                f"du-lieu/schema/{name}.schema.json",
                partial(_schema_json, m, name in own, address if name in paged else None),
            )
            for name, m in models.items()
        ),
        *(Page(table.path, partial(_csv, table, version)) for _, table in all_tables(catalog)),
        *(Page(feed.path, partial(_feed, catalog, feed)) for feed in all_feeds(catalog)),
        Page(RECENT_PAGE, partial(_recent_page, catalog)),
        Page("robots.txt", partial(robots_txt, catalog)),
    ]


def late_pages(catalog: Catalog, size_of: Callable[[str], int | None]) -> list[Page]:
    """The data package and the «Dữ liệu mở» page, which give the size of each file (``size_of(docs
    path)``, ``None`` when unknown): made once the other files are."""
    return [
        Page("du-lieu/datapackage.json", partial(_datapackage_json, catalog, size_of)),
        Page("du-lieu/index.md", partial(_open_data_index, catalog, size_of)),
    ]


def _schema_json(model: type[BaseModel], published: bool, address: str | None) -> str:
    return to_json(published_schema(model, address) if published else model.model_json_schema())


def _csv(table: Table, version: ContentVersion) -> str:
    return csv_text(table, version.label)


def _feed(catalog: Catalog, feed: Feed) -> str:
    return atom_text(feed, catalog.agency.url_trang, catalog.agency.ten_co_quan, catalog.version.day)


def robots_txt(catalog: Catalog) -> str:
    """Every page may be crawled; the sitemap's address when the site's is known."""
    lines = ["User-agent: *", "Allow: /"]
    if catalog.agency.url_trang:
        lines.append(f"Sitemap: {base_url(catalog.agency.url_trang)}sitemap.xml")
    return "\n".join(lines) + "\n"


def datapackage(catalog: Catalog, size_of: Callable[[str], int | None] = lambda path: None) -> dict[str, Any]:
    """A Frictionless Data Package descriptor of the published files (paths relative to ``du-lieu/``):
    every dataset's all-records JSON (described by its JSON Schema, as ``jsonSchema``) and CSV tables
    (each with a Table Schema), their sizes, the licence, the publisher, the period the records cover
    and the content version."""
    version = catalog.version
    days = sorted(day for d in catalog.datasets for s in catalog.summaries(d.name) if (day := d.updated(s)))
    resources: list[dict[str, Any]] = []
    for dataset in catalog.datasets:
        title = dataset.title or dataset.name
        resources.append(
            {
                "name": f"{dataset.name}-json",
                "title": f"{title} (JSON, toàn bộ)",
                "path": dataset.all_json_path().removeprefix("du-lieu/"),
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "description": f"Mọi bản ghi, trong khóa «{dataset.json_key}»; mỗi bản ghi theo JSON Schema "
                f"schema/{dataset.name}.schema.json, cũng có riêng ở {dataset.name}/<mã>.json.",
                "jsonSchema": f"schema/{dataset.name}.schema.json",
            }
        )
        for table in dataset.tables(catalog):
            resources.append(table_resource(table))
        resources += dataset.data_resources(catalog)
    for resource in resources:
        size = size_of(f"du-lieu/{resource['path']}")
        if size is not None:
            resource["bytes"] = size
    package: dict[str, Any] = {
        "name": "cong-khai",
        "title": f"Dữ liệu công khai — {catalog.agency.ten_co_quan}",
        "description": "Dữ liệu mở của trang: mỗi loại hồ sơ ở dạng JSON (kèm JSON Schema) và CSV (kèm Table "
        "Schema).",
        "version": version.label,
        "licenses": [LICENCE],
        "contributors": [{"title": catalog.agency.ten_co_quan, "roles": ["publisher"]}],
    }
    if catalog.agency.url_trang:
        package["homepage"] = base_url(catalog.agency.url_trang)
    if version.day:
        package["created"] = f"{version.day.isoformat()}T00:00:00Z"
        package["lastModified"] = version.day.isoformat()
    if days:
        package["temporal"] = {"start": days[0].isoformat(), "end": days[-1].isoformat()}
    package["resources"] = resources
    return package


def _datapackage_json(catalog: Catalog, size_of: Callable[[str], int | None]) -> str:
    return to_json(datapackage(catalog, size_of))


def _size(size: int | None) -> str:
    """``12,3 KB`` the Vietnamese way."""
    if size is None:
        return ""
    if size < 1024:
        return f"{size} B"
    for unit in ("KB", "MB", "GB"):
        size_in = size / 1024
        if size_in < 1024 or unit == "GB":
            return f"{size_in:.1f} {unit}".replace(".", ",")
        size = int(size_in)
    return ""


def _open_data_index(catalog: Catalog, size_of: Callable[[str], int | None]) -> str:
    link = partial(md_link, "du-lieu/index.md")
    downloads = []
    for dataset in catalog.datasets:
        title = dataset.title or dataset.name
        downloads.append((dataset.all_json_path(), f"{title}: toàn bộ", "JSON"))
        downloads += [(t.path, t.title, "CSV (UTF-8)") for t in dataset.tables(catalog)]
        downloads.append(
            (f"du-lieu/schema/{dataset.name}.schema.json", f"{title}: cấu trúc bản ghi", "JSON Schema")
        )
    downloads += [(f.path, f.title, "Atom") for f in all_feeds(catalog)]
    downloads.append(("du-lieu/datapackage.json", "Mô tả toàn bộ dữ liệu", "Frictionless Data Package"))
    rows = [
        (link(path), path.rsplit("/", 1)[-1], title, kind, _size(size_of(path)))
        for path, title, kind in grouped(downloads)
    ]
    return render(
        "site/open-data.md.j2",
        front_matter=front_matter("Dữ liệu mở", "Tải dữ liệu của trang ở dạng JSON, CSV và Atom"),
        sections=[section for d in catalog.datasets if (section := d.open_data_section(catalog))],
        downloads=rows,
        licence=LICENCE,
        version=catalog.version,
        tables=all_tables(catalog),
        separator=LIST_SEPARATOR.strip(),
        version_column=VERSION_COLUMN,
        type_names=TYPE_NAMES,
        records=[(d, _record_fields(d.model)) for d in catalog.datasets],
    )


def grouped(downloads: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """``downloads`` (path, title, kind), with the files of a folder that holds more than
    :data:`FILES_LISTED` of one kind (the sectors' feeds of a large catalogue) in one row that links the
    first and names them all (``linh-vuc/*.xml``): the page stays the same size however many there are."""
    groups: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for path, title, kind in downloads:
        groups.setdefault((posixpath.dirname(path), kind), []).append((path, title, kind))
    rows = []
    for path, title, kind in downloads:
        folder = posixpath.dirname(path)
        group = groups[folder, kind]
        if len(group) <= FILES_LISTED:
            rows.append((path, title, kind))
        elif group[0][0] == path:
            extension = path.rsplit(".", 1)[-1]
            named = (
                f"{len(group)} tệp {folder}/*.{extension}, mỗi tệp liên kết ở trang của nó; ví dụ: {title}"
            )
            rows.append((path, named, kind))
    return rows


def _record_fields(model: type[BaseModel]) -> list[tuple[str, str, str, str]]:
    """Each top-level field of a record: its name, Vietnamese label, type and hint."""
    schema = model.model_json_schema()
    return [
        (name, prop.get("title", ""), _json_type(prop), _with_choices(prop.get("description", ""), prop))
        for name, prop in schema.get("properties", {}).items()
    ]


def _with_choices(hint: str, prop: dict[str, Any]) -> str:
    """``hint``, then the codes of a closed list with what each means (``truc_tiep`` (Trực tiếp) …)."""
    for node in (prop, prop.get("items", {}), *prop.get("anyOf", [])):
        if "enum" in node:
            names = node.get(ENUM_LABELS, node["enum"])
            codes = "; ".join(f"{code} ({name})" for code, name in zip(node["enum"], names, strict=True))
            return f"{hint} Mã: {codes}.".strip()
    return hint


def _json_type(prop: dict[str, Any]) -> str:
    """The type of a JSON Schema property, in Vietnamese (:data:`TYPE_NAMES`)."""
    if "enum" in prop or "const" in prop:
        return "mã chọn sẵn"
    if "type" in prop:
        kind = prop["type"]
        if kind == "array":
            return f"danh sách {_json_type(prop.get('items', {}))}".strip()
        return TYPE_NAMES.get(str(kind), str(kind))
    if "$ref" in prop:
        return TYPE_NAMES["object"]
    options = [_json_type(p) for p in prop.get("anyOf", []) if p.get("type") != "null"]
    return " hoặc ".join(dict.fromkeys(options)) or TYPE_NAMES["string"]


def _title(catalog: Catalog, dataset: AnyDataset, key: str) -> str:
    titles = catalog.index(
        ("titles", dataset.name),
        lambda: {dataset.key(s): dataset.title_of(s) for s in catalog.summaries(dataset.name)},
    )
    return str(titles.get(key, key))


def _slug(text: str) -> str:
    """``Quyết định 1859/QĐ-BTP`` → ``1859-qđ-btp``: a stable part of an entry's id."""
    return "-".join(re.findall(r"\w+", text.lower().removeprefix("quyết định"))).strip("-")


def _recent_entries(catalog: Catalog) -> list[FeedEntry]:
    entries = []
    for k, (dataset, key, change) in enumerate(recent_changes(catalog, RECENT_SIZE)):
        page = dataset.page_of(key) or RECENT_PAGE
        what = ", ".join(f.label for f in change.fields) or change.title
        reference = f" theo {change.reference}" if change.reference else ""
        entries.append(
            FeedEntry(
                page,
                f"{_title(catalog, dataset, key)}: {change.title.lower()}",
                change.day or catalog.version.day or date(1970, 1, 1),
                f"{change.title}{reference}. Thay đổi: {what}.",
                tag="-".join(filter(None, (change.commit, _slug(change.reference)))) or str(k),
            )
        )
    return entries


def _recent_page(catalog: Catalog) -> str:
    rows = []
    for dataset, key, change in recent_changes(catalog, RECENT_SIZE):
        page = dataset.page_of(key)
        rows.append((dataset, _title(catalog, dataset, key), page and md_link(RECENT_PAGE, page), change))
    return render(
        "site/recent.md.j2",
        front_matter=front_matter("Thay đổi gần đây", "Các thay đổi mới nhất của dữ liệu trên trang"),
        rows=rows,
        has_history=catalog.site.history is not None,
        feed=md_link(RECENT_PAGE, RECENT_FEED),
        version=catalog.version,
        size=RECENT_SIZE,
    )
