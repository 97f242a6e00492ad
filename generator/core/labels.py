"""Vietnamese labels and hints of every record field, read from the models: the one source of the words
the editor, the JSON Schemas, the data dictionary on «Dữ liệu mở» and the messages to staff use.

Each field's attribute docstring is written ``Nhãn: gợi ý.``: the label (the words before the first
``": "``), then a one-line hint. A closed list carries its values' labels in a table next to the model,
attached to its type: ``Level = Annotated[Literal["bo", …], Choices(LEVELS)]``.

The JSON Schema of every :class:`~generator.core.fields.Record` gets the label as each property's
``title``, the hint as its ``description`` (:func:`describe`) and, for a closed list, the values' labels
as ``enumDescriptions`` beside ``enum`` (in the same order; VS Code shows them).
"""

from __future__ import annotations

import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, GetJsonSchemaHandler
from pydantic.fields import FieldInfo
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

SEPARATOR = ": "
"""Between a field docstring's label and its hint."""
ENUM_LABELS = "enumDescriptions"
"""The JSON Schema key of a closed list's value labels, parallel to ``enum``."""


@dataclass(frozen=True, eq=False)
class Choices:
    """The Vietnamese label of each value of a closed list, attached to its ``Literal`` type."""

    labels: Mapping[Any, str]
    """Each value's label, by value (compared and hashed by identity: typing hashes annotations)."""

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        result = dict(handler(schema))
        if "enum" in result:
            result[ENUM_LABELS] = [self.labels.get(value, str(value)) for value in result["enum"]]
        return result


def split(description: str | None) -> tuple[str, str]:
    """``("Nhãn", "Gợi ý.")`` of a field docstring ``Nhãn: gợi ý.`` (``("", text)`` without a label); the
    hint, a sentence of its own, starts with a capital."""
    text = " ".join((description or "").split())
    label, found, hint = text.partition(SEPARATOR)
    hint = hint.strip()
    return (label.strip(), hint[:1].upper() + hint[1:]) if found else ("", text)


def label(info: FieldInfo) -> str:
    """The field's Vietnamese label."""
    return split(info.description)[0]


def hint(info: FieldInfo) -> str:
    """The field's one-line Vietnamese hint."""
    return split(info.description)[1]


def field_label(model: type[BaseModel], name: str) -> str:
    """The label of ``model``'s field ``name``, or ``""`` when it has none (not a field)."""
    info = model.model_fields.get(name)
    return label(info) if info is not None else ""


def choices(annotation: Any) -> Mapping[Any, str] | None:
    """The value labels of the closed list inside ``annotation`` (``X | None``, ``list[X]``), if any."""
    for meta in _metadata(annotation):
        if isinstance(meta, Choices):
            return meta.labels
    return None


def _metadata(annotation: Any) -> Iterator[Any]:
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *metadata = get_args(annotation)
        yield from metadata
        yield from _metadata(inner)
    elif origin in (list, tuple, set, frozenset, Union, types.UnionType):
        for arg in get_args(annotation):
            yield from _metadata(arg)


def field_choices(info: FieldInfo) -> Mapping[Any, str] | None:
    """The value labels of a field's closed list (its own metadata or its type's)."""
    for meta in info.metadata:
        if isinstance(meta, Choices):
            return meta.labels
    return choices(info.annotation)


def describe(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Give the JSON Schema of ``model`` each field's label as ``title`` and hint as ``description``
    (pydantic's ``json_schema_extra`` of every record)."""
    properties = schema.get("properties", {})
    for name, info in model.model_fields.items():
        node = properties.get(info.alias or name)
        if node is None:
            continue
        title, text = split(info.description)
        if title:
            node["title"] = title
        if text:
            node["description"] = text
        else:
            node.pop("description", None)


def models(roots: Any) -> list[type[BaseModel]]:
    """Every model reachable from ``roots`` through their fields, each once, in the order met."""
    found: list[type[BaseModel]] = []

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in found:
                found.append(annotation)
                for info in annotation.model_fields.values():
                    visit(info.annotation)
            return
        for arg in get_args(annotation):
            visit(arg)

    for root in roots:
        visit(root)
    return found


def path_labels(model: type[BaseModel], prefix: str = "") -> dict[str, str]:
    """The label of every field of ``model`` and of the models inside it, by dotted path
    (``van_ban_tra_loi.ngay``; a list item's fields under its list's name)."""
    found: dict[str, str] = {}
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        found[path] = label(info)
        for inner in _inner_models(info.annotation):
            found.update(path_labels(inner, f"{path}."))
    return found


def _inner_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _inner_models(arg)]
