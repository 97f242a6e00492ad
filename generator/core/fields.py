"""Field types and vocabularies shared by every record type."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, StringConstraints

from generator.core.labels import Choices, describe

CODE_PATTERN = r"^[1-6]\.\d{6}(\.[0-9A-Za-z]+)*$"
URL_PATTERN = r"^https?://[^\s<>\"'`]+$"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
EMAIL_PATTERN = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$"
FORM_FILE_PATTERN = r"^[a-z0-9]+([._-][a-z0-9]+)*\.(pdf|docx|doc|odt|xlsx|xls|ods|rtf)$"
DOC_NUMBER_PATTERN = r"^[0-9][^/\s]*/\S(.*\S)?$"
FORM_PATTERN = r"^(https?://[^\s<>\"'`]+|[a-z0-9]+([._-][a-z0-9]+)*\.(pdf|docx|doc|odt|xlsx|xls|ods|rtf))$"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Non-empty text, trimmed."""

ProcedureCode = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
"""A national procedure code such as ``1.013859``, optionally with a local suffix (``2.000815.01``)."""


def _parsed_url(value: str) -> str:
    """``value`` if it parses as an address with a host (and a valid port, if any), as MkDocs, the feed
    and browsers will parse it; ``https://[x`` matches the pattern but not this."""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (reading it checks it)
    except ValueError:
        raise ValueError(f"«{value}»: địa chỉ không hợp lệ (kiểm tra phần tên máy chủ và cổng)") from None
    if not parts.hostname:
        raise ValueError(f"«{value}»: địa chỉ thiếu tên máy chủ (ví dụ https://example.gov.vn/…)")
    return value


HttpUrl = Annotated[str, StringConstraints(pattern=URL_PATTERN), AfterValidator(_parsed_url)]
"""An absolute ``http://`` or ``https://`` address that parses, with a host."""

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
"""Lower-case ASCII words joined by hyphens, used in addresses."""


@dataclass(frozen=True)
class Refers:
    """What a code field names: an item of a list in a content file (``linh-vuc.yml``: ``linh_vuc``, by
    ``ma``, named ``ten``) or a record of another dataset (``collection``). Validation ignores it; the
    web editor makes the field a picker that shows the name and stores the code."""

    value: str
    """The key of the code in each item (``ma``; a record's code field, ``ma_thu_tuc``)."""
    label: str
    """The key of the name shown beside it."""
    file: str = ""
    """The content file holding the list (relative to the content folder), for a registry or settings."""
    items: str = ""
    """The key of the list in that file (``linh_vuc``)."""
    collection: str = ""
    """The dataset whose records are named (``thu-tuc``, ``don-vi``)."""


SECTOR = Refers("ma", "ten", file="linh-vuc.yml", items="linh_vuc")
SectorSlug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN), SECTOR]
"""The code of a sector in ``content/linh-vuc.yml``."""
ProcedureRef = Annotated[
    str, StringConstraints(pattern=CODE_PATTERN), Refers("ma_thu_tuc", "ten_thu_tuc", collection="thu-tuc")
]
"""The code of a procedure in ``content/thu-tuc/``."""


Email = Annotated[str, StringConstraints(strip_whitespace=True, pattern=EMAIL_PATTERN)]
"""An e-mail address."""

DocNumber = Annotated[str, StringConstraints(strip_whitespace=True, pattern=DOC_NUMBER_PATTERN)]
"""A document's number and symbol, such as ``12/KH-STP``: never the symbol alone (``/KH-STP``)."""

FormRef = Annotated[str, StringConstraints(strip_whitespace=True, pattern=FORM_PATTERN)]
"""Where a form is: an http(s) address, or the name of a file in the content's ``mau/`` folder
(lower-case ASCII, a document extension: ``tp-cc-05.docx``)."""


QUARTERS = {1: "Quý I", 2: "Quý II", 3: "Quý III", 4: "Quý IV"}
"""How the site names the quarters."""
Quarter = Annotated[Literal[1, 2, 3, 4], Choices(QUARTERS)]
"""A quarter of the year, 1 to 4."""


def _plain_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


Amount = Annotated[
    Decimal, Field(ge=0), PlainSerializer(_plain_number, return_type=int | float, when_used="json")
]
"""A non-negative exact number (days, money), published in JSON as a plain number."""


@dataclass(frozen=True)
class Money:
    """Marks an :data:`Amount` that is a sum of money. Validation ignores it; the web editor's field reads
    and shows it as staff write money, thousands separated by dots (``1.200.000 đồng``)."""


MoneyAmount = Annotated[Amount, Money()]
"""A sum of money: a non-negative exact number (in the form, a whole number of đồng or dollars)."""

PATTERN_MESSAGES = {
    CODE_PATTERN: "mã thủ tục phải có dạng 1.234567 (một chữ số từ 1 đến 6, dấu chấm, sáu chữ số; "
    "có thể thêm hậu tố địa phương như 2.000815.01)",
    URL_PATTERN: "phải là địa chỉ bắt đầu bằng http:// hoặc https://, không có dấu cách",
    SLUG_PATTERN: "chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ: cong-chung)",
    EMAIL_PATTERN: "phải là một địa chỉ thư điện tử (ví dụ: stp@tinh.gov.vn)",
    DOC_NUMBER_PATTERN: "số, ký hiệu văn bản phải bắt đầu bằng số (ví dụ: 12/KH-STP); văn bản chưa rõ số "
    "thì bỏ trường này",
    FORM_PATTERN: "phải là địa chỉ http(s):// hoặc tên một tệp trong thư mục content/mau/: chữ thường "
    "không dấu, chữ số, dấu chấm hoặc gạch, đuôi pdf, docx, doc, odt, xlsx, xls, ods hoặc rtf "
    "(ví dụ: tp-cc-05.docx)",
}
"""What staff are told when a value does not match one of the patterns above."""


def no_items() -> Any:
    """The default of a list field, ``[]``: a new list for each record, as ``= []`` would give.

    Pydantic deep-copies a ``= []`` default for every record that lacks the field (a tenth of the time
    taken to validate a procedure); a factory is called instead. The JSON Schema still says
    ``"default": []``.
    """
    return Field(default_factory=list, json_schema_extra={"default": []})


class Record(BaseModel):
    """Base of every YAML record: unknown keys rejected, immutable, every field documented by a
    docstring ``Nhãn: gợi ý.`` in Vietnamese (:mod:`generator.core.labels`)."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        use_attribute_docstrings=True,
        json_schema_extra=describe,
    )

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle the field values as they are: several times faster than pydantic's own way, for the
        records that forked processes send back."""
        state = (
            self.__dict__,
            self.__pydantic_fields_set__,
            self.__pydantic_extra__,
            self.__pydantic_private__,
        )
        return _restore, (type(self), *state)


def _restore(cls: type[Record], values: Any, fields_set: Any, extra: Any, private: Any) -> Record:
    """A record unpickled: the validated values put back as they were, not validated again."""
    record = _new(cls)
    _set(record, "__dict__", values)
    _set(record, "__pydantic_fields_set__", fields_set)
    _set(record, "__pydantic_extra__", extra)
    _set(record, "__pydantic_private__", private)
    return record


_new, _set = object.__new__, object.__setattr__


_MARKS = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in range(0x300, 0x10000) if unicodedata.combining(chr(c))) + "]"
)
"""Every combining mark of the Basic Multilingual Plane (tone marks are U+0300 to U+0323)."""


def fold(text: str) -> str:
    """Fold Vietnamese text for matching: lower case, no tone marks, ``đ`` → ``d``."""
    return _MARKS.sub("", unicodedata.normalize("NFD", text.lower().replace("đ", "d")))


def slugify(text: str) -> str:
    """An ASCII slug for file names and anchors: ``Đấu giá tài sản`` → ``dau-gia-tai-san``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


class FieldProblem(ValueError):
    """A rule that spans fields, reported at ``key`` (relative to the record that checks it)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class Depends:
    """A field that makes sense only with some values of another field of the same object: ``needed``,
    it must be there with them (``den_ngay`` with ``loai: han``); otherwise it must be absent without
    them. ``check`` (:func:`first_broken`, in the model's validator) and the web editor, before saving,
    apply the same rules, with the same message."""

    field: str
    on: str
    values: tuple[str, ...]
    needed: bool
    message: str

    def broken(self, record: BaseModel) -> bool:
        """Whether ``record`` breaks this rule."""
        present = getattr(record, self.field) is not None
        chosen = getattr(record, self.on) in self.values
        return chosen and not present if self.needed else present and not chosen


@dataclass(frozen=True)
class AnyOf:
    """An object that must say something in one of ``fields`` at least (a duration's number or its
    description), reported at the first; applied by ``check`` and the web editor alike."""

    fields: tuple[str, ...]
    message: str

    @property
    def field(self) -> str:
        """Where the problem is reported."""
        return self.fields[0]

    def broken(self, record: BaseModel) -> bool:
        """Whether ``record`` has none of the fields."""
        return all(getattr(record, name) is None for name in self.fields)


FieldRule = Depends | AnyOf
"""A rule between the fields of one object, declared in its model's ``depends``."""


def first_broken(record: BaseModel, rules: tuple[FieldRule, ...]) -> None:
    """Raise :class:`FieldProblem` for the first of ``rules`` that ``record`` breaks."""
    for rule in rules:
        if rule.broken(record):
            raise FieldProblem(rule.field, rule.message)
