"""Turn schema violations into messages staff can act on: ``file:line: key: what is wrong``."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.core import labels
from generator.core.errors import DataError, shortened
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
    "datetime_type": "ngày giờ",
    "datetime_parsing": "ngày giờ",
    "datetime_from_date_parsing": "ngày giờ",
    "string_sub_type": "văn bản",
    "string_unicode": "văn bản",
    "bytes_type": "văn bản",
    "tuple_type": "danh sách (mỗi mục một dòng bắt đầu bằng «- »)",
    "set_type": "danh sách (mỗi mục một dòng bắt đầu bằng «- »)",
    "frozen_set_type": "danh sách (mỗi mục một dòng bắt đầu bằng «- »)",
    "iterable_type": "danh sách (mỗi mục một dòng bắt đầu bằng «- »)",
    "mapping_type": "nhóm trường dạng «khóa: giá trị»",
    "dataclass_type": "nhóm trường dạng «khóa: giá trị»",
    "none_required": "để trống",
}
"""Error types that mean «a value of another kind was expected», and the kind staff should write."""

CODE_USED = "mã «{code}» đã dùng trong {file}"
"""A record's code that another record already has (``check``; the editor, for a new record)."""

_FIXED = {
    "missing": "thiếu trường bắt buộc",
    "string_too_short": "không được để trống",
    "int_parsing_size": "số quá lớn",
    "finite_number": "phải là một số hữu hạn",
    "decimal_max_digits": "số có quá nhiều chữ số",
    "decimal_max_places": "số có quá nhiều chữ số sau dấu chấm",
    "decimal_whole_digits": "số có quá nhiều chữ số trước dấu chấm",
    "union_tag_invalid": "không đúng loại nào được phép",
    "union_tag_not_found": "không đúng loại nào được phép",
    "frozen_field": "không được sửa trường này",
    "frozen_instance": "không được sửa trường này",
    "recursion_loop": "dữ liệu tự lặp lại vô tận",
}
"""Error types whose message needs no value or limit."""


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
    return doc.error(loc, _message(doc, model, loc, err), _label_at(model, loc))


def _is_union_tag(part: Any) -> bool:
    return isinstance(part, str) and (
        part.startswith(("function-", "constrained-")) or part in ("str", "int", "dict")
    )


def _message(doc: YamlDoc, model: type[BaseModel], loc: Loc, err: ErrorDetails) -> str:
    """What staff read for one pydantic error: every type that can occur worded in Vietnamese."""
    kind, ctx, value = err["type"], err.get("ctx", {}), err.get("input")
    scalar = doc.scalars.get(loc)
    if kind == "missing":
        hint = _missing_hint(model, loc)
        return f"thiếu trường bắt buộc: {hint}" if hint else "thiếu trường bắt buộc"
    if kind == "extra_forbidden":
        return _unknown_key(model, loc)
    if kind == "string_type" and scalar is not None and not scalar.quoted:
        text = shortened(scalar.text)
        return (
            f'giá trị {text} phải viết trong dấu nháy kép: "{text}" '
            f"(không có dấu nháy, YAML đọc nó thành {_yaml_reading(value)})"
        )
    if kind in _FIXED:
        return _FIXED[kind]
    if kind in _TYPE_NAMES:
        return f"phải là {_TYPE_NAMES[kind]}, không phải {_show(value)}"
    if kind in ("literal_error", "enum"):
        return one_of_message(str(value), _allowed(ctx))
    if kind == "string_pattern_mismatch":
        return f"{_show(value)}: {PATTERN_MESSAGES.get(ctx.get('pattern', ''), 'không đúng định dạng')}"
    if kind in _LIMITS:
        sign, limit = _LIMITS[kind]
        return f"phải {sign} {ctx.get(limit)}, không phải {_show(value)}"
    if kind in _COUNTS:
        return _COUNTS[kind].format(ctx.get("min_length", ctx.get("max_length")))
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", "giá trị không hợp lệ"))
    return f"giá trị {_show(value)} không hợp lệ (lỗi kiểm tra «{kind}»)"


_LIMITS = {
    "greater_than_equal": ("≥", "ge"),
    "greater_than": (">", "gt"),
    "less_than_equal": ("≤", "le"),
    "less_than": ("<", "lt"),
    "multiple_of": ("là bội số của", "multiple_of"),
}
_COUNTS = {
    "too_short": "cần ít nhất {} mục",
    "too_long": "chỉ được tối đa {} mục",
    "string_too_long": "dài quá {} ký tự",
}


def one_of_message(value: str, allowed: list[str]) -> str:
    """``'x' không thuộc danh sách cho phép: …`` plus the nearest allowed value, if any is near."""
    text = f"«{shortened(value)}» không thuộc danh sách cho phép: {', '.join(allowed)}"
    near = difflib.get_close_matches(value, allowed, n=1, cutoff=0.5)
    return f"{text}. Có phải ý bạn là «{near[0]}»?" if near else text


def _allowed(ctx: dict[str, Any]) -> list[str]:
    expected = str(ctx.get("expected", ""))
    return [part.strip().strip("'") for part in expected.replace(" or ", ", ").split(",") if part.strip()]


def _unknown_key(model: type[BaseModel], loc: Loc) -> str:
    fields = _fields_at(model, loc[:-1])
    text = f"trường «{shortened(str(loc[-1]))}» không có trong mẫu hồ sơ"
    near = difflib.get_close_matches(str(loc[-1]), fields, n=1, cutoff=0.6)
    if near:
        return f"{text}. Có phải ý bạn là «{near[0]}»?"
    return f"{text}; các trường hợp lệ: {', '.join(fields)}" if fields else text


def _missing_hint(model: type[BaseModel], loc: Loc) -> str | None:
    """What a model says a missing field is for (its ``MISSING_HINTS``), at the top level."""
    hints = getattr(model, "MISSING_HINTS", None)
    return hints.get(str(loc[-1])) if isinstance(hints, dict) and len(loc) == 1 else None


def _label_at(model: type[BaseModel], loc: Loc) -> str:
    """The Vietnamese label of the field at ``loc`` (a list item: its list's), ``""`` when it is none."""
    current: Any = model
    found = ""
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if _is_model(current) else None
        if info is None:
            return ""
        found = labels.label(info)
        current = _inner_model(info.annotation)
    return found


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
        return f"số {shortened(str(value))}"
    return _show(value)


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "một nhóm trường"
    if isinstance(value, list):
        return "một danh sách"
    if value is None:
        return "để trống"
    return f"«{shortened(str(value))}»"
