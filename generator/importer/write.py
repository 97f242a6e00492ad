"""Render a procedure as its YAML file and write it atomically, only when its content changed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from generator.core.yamlio import dump_yaml
from generator.procedures.model import Procedure

SCHEMA = "../schema/thu-tuc.schema.json"
"""The JSON Schema modeline of ``content/thu-tuc/*.yml``, relative to the file."""


def render(procedure: Procedure) -> str:
    """The YAML text of ``procedure``: model field order, defaults and empty values left out."""
    data = procedure.model_dump(exclude_defaults=True)
    plain = _plain(data)
    if not procedure.cach_thuc:  # required, so written even when empty: «cach_thuc: []»
        plain = {k: plain.get(k, []) for k in data if k in plain or k == "cach_thuc"}
    return dump_yaml(plain, schema=SCHEMA)


def render_data(data: dict[str, Any]) -> str:
    """YAML text of record data that may not be valid (to report it the way ``check`` does)."""
    return dump_yaml(_plain(data), schema=SCHEMA)


def _plain(value: Any) -> Any:
    """Numbers as YAML numbers (``5``, not ``'5'``); dates stay dates; empty values dropped."""
    if isinstance(value, dict):
        items = ((k, _plain(v)) for k, v in value.items())
        return {k: v for k, v in items if v not in (None, [], {})}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
