"""CSV tables of every dataset, each with its Table Schema: one contract, three outputs.

A dataset describes its flat tables once (:meth:`Dataset.tables <generator.site.dataset.Dataset.tables>`):
the columns, their Table Schema types and descriptions (taken from the pydantic model's field
descriptions, so that they cannot drift from the code), and the rows. From that description the site
writes the CSV file (:func:`csv_text`), its resource in ``datapackage.json`` with a Table Schema
(:func:`table_resource`) and its part of the data dictionary on the open-data page.

Cells are written the same way for every table: a list is joined with :data:`LIST_SEPARATOR`, a date in
ISO 8601, a boolean as ``true``/``false``, a missing value as an empty cell; every text cell passes
:func:`~generator.core.csvcells.safe_cell`. The last column of every table, :data:`VERSION_COLUMN`,
names the content version the file was made from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from generator.core import labels
from generator.core.csvcells import csv_text as csv_cells

LIST_SEPARATOR = "; "
"""How a list is written in one CSV cell (a value that itself holds ``; `` stays readable in the JSON)."""
VERSION_COLUMN = "phien_ban"
"""The column every CSV ends with: the content version (see :mod:`generator.site.version`)."""
TYPES = ("string", "integer", "number", "boolean", "date")
"""The Table Schema types a column may declare."""
TYPE_NAMES = {
    "string": "văn bản",
    "integer": "số nguyên",
    "number": "số",
    "boolean": "đúng/sai",
    "date": "ngày",
    "object": "nhóm trường",
    "array": "danh sách",
}
"""How the data dictionary names the Table Schema and JSON Schema types."""


@dataclass(frozen=True)
class Column:
    """One column of a CSV table."""

    name: str
    """The header, as in the record (``ma_thu_tuc``)."""
    description: str
    """What the column holds (for the Table Schema and the data dictionary)."""
    type: str = "string"
    """Its Table Schema type: one of :data:`TYPES`."""
    is_list: bool = False
    """Several values joined by :data:`LIST_SEPARATOR`."""
    required: bool = False
    """Never empty."""
    title: str = ""
    """Its Vietnamese label (the data dictionary's «Tên», the Table Schema's ``title``)."""


def column(
    model: type[BaseModel],
    name: str,
    type: str = "string",
    *,
    header: str | None = None,
    note: str = "",
    is_list: bool = False,
    required: bool = False,
    title: str = "",
) -> Column:
    """The column ``header`` (by default ``name``) holding ``model``'s field ``name``, named by the field's
    label (or ``title``, when the column holds a part of it) and described by the field's hint (and
    ``note``, what the CSV shows of it when that differs): :mod:`generator.core.labels`."""
    label, hint = labels.split(model.model_fields[name].description)
    text = " ".join(part for part in (hint, note) if part)
    return Column(header or name, text, type, is_list, required, title or label)


@dataclass(frozen=True)
class Table:
    """One flat table of a dataset, published as ``du-lieu/<name>.csv``: one row per record."""

    name: str
    """Its file stem and its resource name in the data package (``thu-tuc``)."""
    title: str
    """Its title, in Vietnamese."""
    columns: tuple[Column, ...]
    """The columns, in order (the version column is added after them)."""
    rows: Callable[[], Iterable[Sequence[Any]]]
    """Each row's values, in the columns' order: text, numbers, dates, booleans, lists or ``None``."""
    primary_key: tuple[str, ...] = ()
    """The columns that identify a row."""

    @property
    def path(self) -> str:
        """Its docs path."""
        return f"du-lieu/{self.name}.csv"


def cell(value: Any) -> Any:
    """One value as its CSV cell (see the module)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(cell(item)) for item in value)
    return value


def csv_text(table: Table, version: str) -> str:
    """The CSV file of ``table``, made from the content version ``version``: UTF-8, a header, one row
    per record, ``\\n`` line ends, every cell safe for spreadsheets."""
    header = [c.name for c in table.columns] + [VERSION_COLUMN]
    return csv_cells(header, ([*map(cell, row), version] for row in table.rows()))


def table_schema(table: Table) -> dict[str, Any]:
    """The Table Schema of ``table``'s CSV file."""
    fields = [_field(c) for c in table.columns]
    fields.append(
        {
            "name": VERSION_COLUMN,
            "type": "string",
            "description": "Phiên bản nội dung của tệp: mã phiên bản và ngày, hoặc ngày dựng trang.",
            "constraints": {"required": True},
        }
    )
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    return schema


def _field(column: Column) -> dict[str, Any]:
    if column.type not in TYPES:
        raise ValueError(f"column {column.name}: unknown Table Schema type {column.type!r}")
    field: dict[str, Any] = {"name": column.name, "type": column.type, "description": column.description}
    if column.title:
        field["title"] = column.title
    if column.is_list:
        field["description"] += f" Nhiều giá trị được nối bằng «{LIST_SEPARATOR.strip()} »."
    if column.required:
        field["constraints"] = {"required": True}
    return field


def table_resource(table: Table) -> dict[str, Any]:
    """The data-package resource of ``table``'s CSV file (its path relative to ``du-lieu/``)."""
    return {
        "name": f"{table.name}-csv",
        "type": "table",
        "title": table.title,
        "path": f"{table.name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": table_schema(table),
    }
