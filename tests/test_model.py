"""The record schemas document themselves: every field has a description staff can read."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from generator.datasets import DATASETS
from generator.site.opendata import schemas

SCHEMAS = schemas(DATASETS)


def models(root: type[BaseModel]) -> list[type[BaseModel]]:
    """``root`` and every model nested in its fields."""
    found: list[type[BaseModel]] = []

    def visit(annotation: Any) -> None:
        is_model = isinstance(annotation, type) and issubclass(annotation, BaseModel)
        if is_model and annotation not in found:
            found.append(annotation)
            for info in annotation.model_fields.values():
                visit(info.annotation)
        for arg in getattr(annotation, "__args__", ()):
            visit(arg)

    visit(root)
    return found


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_field_has_a_description(name: str) -> None:
    undocumented = [
        f"{model.__name__}.{field}"
        for model in models(SCHEMAS[name])
        for field, info in model.model_fields.items()
        if not info.description
    ]
    assert undocumented == []
