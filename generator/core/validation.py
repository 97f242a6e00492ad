"""Turn schema violations into messages staff can act on: ``file:line: key: what is wrong``."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.core.errors import DataError
from generator.core.fields import PATTERN_MESSAGES, FieldProblem
from generator.core.yamlio import Loc, YamlDoc

M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES = {
    "string_type": "văn bản",
    "int_type": "số nguyên",
    "int_parsing": "số nguyên",
    "int_from_float": "số nguyên",
    "float_type": "số",
    "float_parsing": "số",
    "decimal_type": "số",
    "decimal_parsing": "số",
    "bool_type": "true hoặc false",
    "bool_parsing": "true hoặc false",
    "list_type": "danh sách (mỗi mục một dòng bắt đầu bằng «- »)",
    "dict_type": "nhóm trường dạng «khóa: giá trị»",
    "model_type": "nhóm trường dạng «khóa: giá trị»",
    "model_attributes_type": "nhóm trường dạng «khóa: giá trị»",
    "date_type": "ngày dạng YYYY-MM-DD",
    "date_parsing": "ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "ngày dạng YYYY-MM-DD",
    "date_from_datetime_inexact": "ngày dạng YYYY-MM-DD",
}


def validate(model: type[M], doc: YamlDoc) -> tuple[M | None, list[DataError]]:
    """Validate ``doc`` against ``model``; return the record or every error found in it."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, [to_data_error(doc, model, err) for err in exc.errors()]


def to_data_error(doc: YamlDoc, model: type[BaseModel], err: ErrorDetails) -> DataError:
    """Locate one pydantic error in the file and word it for staff."""
    loc: Loc = tuple(p for p in err["loc"] if not _is_union_tag(p))
    problem = err.get("ctx", {}).get("error")
    if isinstance(problem, FieldProblem):
        loc = (*loc, problem.key)
    return doc.error(loc, _message(doc, model, loc, err))


def _is_union_tag(part: Any) -> bool:
    return isinstance(part, str) and (
        part.startswith(("function-", "constrained-")) or part in ("str", "int")
    )


def _message(doc: YamlDoc, model: type[BaseModel], loc: Loc, err: ErrorDetails) -> str:
    kind, ctx, value = err["type"], err.get("ctx", {}), err.get("input")
    scalar = doc.scalars.get(loc)
    if kind == "missing":
        hint = _missing_hint(model, loc)
        return f"thiếu trường bắt buộc: {hint}" if hint else "thiếu trường bắt buộc"
    if kind == "extra_forbidden":
        return _unknown_key(model, loc)
    if kind == "string_type" and scalar is not None and not scalar.quoted:
        return (
            f'giá trị {scalar.text} phải viết trong dấu nháy kép: "{scalar.text}" '
            f"(không có dấu nháy, YAML đọc nó thành {_yaml_reading(value)})"
        )
    if kind in _TYPE_NAMES:
        return f"phải là {_TYPE_NAMES[kind]}, không phải {_show(value)}"
    if kind in ("literal_error", "enum"):
        return one_of_message(str(value), _allowed(ctx))
    if kind == "string_pattern_mismatch":
        return f"{_show(value)}: {PATTERN_MESSAGES.get(ctx.get('pattern', ''), 'không đúng định dạng')}"
    if kind == "string_too_short":
        return "không được để trống"
    if kind == "too_short":
        return f"cần ít nhất {ctx.get('min_length')} mục"
    if kind in ("greater_than_equal", "greater_than"):
        sign = "≥" if kind == "greater_than_equal" else ">"
        return f"phải {sign} {ctx.get('ge', ctx.get('gt'))}, không phải {_show(value)}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    return str(err["msg"])


def one_of_message(value: str, allowed: list[str]) -> str:
    """``'x' không thuộc danh sách cho phép: …`` plus the nearest allowed value, if any is near."""
    text = f"«{value}» không thuộc danh sách cho phép: {', '.join(allowed)}"
    near = difflib.get_close_matches(value, allowed, n=1, cutoff=0.5)
    return f"{text}. Có phải ý bạn là «{near[0]}»?" if near else text


def _allowed(ctx: dict[str, Any]) -> list[str]:
    expected = str(ctx.get("expected", ""))
    return [part.strip().strip("'") for part in expected.replace(" or ", ", ").split(",") if part.strip()]


def _unknown_key(model: type[BaseModel], loc: Loc) -> str:
    fields = _fields_at(model, loc[:-1])
    text = f"trường «{loc[-1]}» không có trong mẫu hồ sơ"
    near = difflib.get_close_matches(str(loc[-1]), fields, n=1, cutoff=0.6)
    if near:
        return f"{text}. Có phải ý bạn là «{near[0]}»?"
    return f"{text}; các trường hợp lệ: {', '.join(fields)}" if fields else text


def _missing_hint(model: type[BaseModel], loc: Loc) -> str | None:
    """What a model says a missing field is for (its ``MISSING_HINTS``), at the top level."""
    hints = getattr(model, "MISSING_HINTS", None)
    return hints.get(str(loc[-1])) if isinstance(hints, dict) and len(loc) == 1 else None


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names a (nested) model accepts at ``loc``."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if _is_model(current) else None
        if info is None:
            return []
        current = _inner_model(info.annotation)
    return list(current.model_fields) if _is_model(current) else []


def _is_model(obj: Any) -> bool:
    return isinstance(obj, type) and issubclass(obj, BaseModel)


def _inner_model(annotation: Any) -> Any:
    if _is_model(annotation):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _yaml_reading(value: Any) -> str:
    if isinstance(value, bool):
        return f"giá trị đúng/sai {str(value).lower()}"
    if isinstance(value, int | float):
        return f"số {value}"
    return _show(value)


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "một nhóm trường"
    if isinstance(value, list):
        return "một danh sách"
    if value is None:
        return "để trống"
    return f"«{value}»"
