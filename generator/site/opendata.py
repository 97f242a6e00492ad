"""Open data written next to the pages, for every dataset: each record's JSON and one file with every
record, the JSON Schemas, the data package and the page that lists them."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

from pydantic import BaseModel

from generator.core.render import Memo, Page, front_matter, no_memo, render
from generator.site.agency import Agency
from generator.site.catalog import Catalog
from generator.site.dataset import AnyDataset
from generator.site.sectors import SectorRegistry

SITE_SCHEMAS: dict[str, type[BaseModel]] = {
    "linh-vuc": SectorRegistry,
    "site": Agency,
}
"""The JSON Schemas of the site's own files; each dataset adds its own (:meth:`Dataset.schemas`)."""


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
    """The JSON Schema of each record type, by file stem."""
    return {name: to_json(model.model_json_schema()) for name, model in schemas(datasets).items()}


def all_records_json(agency: str, key: str, parts: list[bytes]) -> bytes:
    """``to_json({"co_quan": agency, key: [...]})`` in UTF-8, assembled from :func:`records_part` of
    consecutive runs of the records, in order. Bytes, not text: joining the parts of 5,000 records
    (55 MB) as text and encoding the result took 0.18 s, joining them as bytes 0.01 s."""
    items = b",\n".join(part for part in parts if part)
    if not items:
        return to_json({"co_quan": agency, key: []}).encode("utf-8")
    head = f'{{\n  "co_quan": {json.dumps(agency, ensure_ascii=False)},\n  {json.dumps(key)}: [\n'
    return head.encode("utf-8") + items + b"\n  ]\n}\n"


def records_part(texts: Iterable[str]) -> bytes:
    """The records' own JSON texts as the items of the all-records file's list: indented,
    comma-separated, in UTF-8."""
    return ",\n".join("    " + text.rstrip("\n").replace("\n", "\n    ") for text in texts).encode("utf-8")


class RecordTexts:
    """Each record's published JSON text, made once in this process: both its own file and the
    all-records file are made of it."""

    def __init__(self, dataset: AnyDataset, memo: Memo = no_memo) -> None:
        self._dataset = dataset
        self._memo = memo
        self._texts: dict[str, str] = {}

    def text(self, record: Any) -> str:
        """The JSON text of ``record``."""
        key = self._dataset.key(record)
        text = self._texts.get(key)
        if text is None:
            path = self._dataset.record_json_path(key)
            make = partial(self._dataset.record_json, record)
            text = self._texts[key] = self._memo(path, (record,), make)
        return text

    def part(self, records: Iterable[Any]) -> bytes:
        """:func:`records_part` of ``records``."""
        return records_part(map(self.text, records))

    def pages(self, records: Iterable[Any]) -> list[Page]:
        """The JSON file of each of ``records``."""
        return [Page(self._dataset.record_json_path(self._dataset.key(r)), partial(self.text, r)) for r in records]


def all_records_page(catalog: Catalog, dataset: AnyDataset, parts: Callable[[], list[bytes]]) -> Page:
    """The file with every record of ``dataset``: made of ``parts()``, the :func:`records_part` of
    consecutive runs of its records, which together hold them all in order."""
    return Page(dataset.all_json_path(), partial(_all_records, catalog, dataset, parts))


def _all_records(catalog: Catalog, dataset: AnyDataset, parts: Callable[[], list[bytes]]) -> bytes:
    return all_records_json(catalog.agency.ten_co_quan, dataset.json_key, parts())


def datapackage(catalog: Catalog) -> dict[str, Any]:
    """A Frictionless Data Package descriptor for the published files."""
    return {
        "name": "thu-tuc-hanh-chinh",
        "title": f"Thủ tục hành chính — {catalog.agency.ten_co_quan}",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}],
        "resources": [resource for d in catalog.datasets for resource in d.data_resources(catalog)],
    }


def open_data_pages(catalog: Catalog) -> list[Page]:
    """The data package, the JSON Schemas and the page that explains the open data."""
    models = schemas(catalog.datasets)
    return [
        Page("du-lieu/datapackage.json", partial(_datapackage_json, catalog)),
        *(Page(f"du-lieu/schema/{name}.schema.json", partial(_schema_json, m)) for name, m in models.items()),
        Page("du-lieu/index.md", partial(_open_data_index, catalog)),
    ]


def _schema_json(model: type[BaseModel]) -> str:
    return to_json(model.model_json_schema())


def _datapackage_json(catalog: Catalog) -> str:
    return to_json(datapackage(catalog))


def _open_data_index(catalog: Catalog) -> str:
    return render(
        "site/open-data.md.j2",
        front_matter=front_matter("Dữ liệu mở", "Tải danh mục thủ tục hành chính ở dạng JSON, CSV và Atom"),
        sections=[section for d in catalog.datasets if (section := d.open_data_section(catalog))],
    )
