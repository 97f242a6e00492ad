"""The full YAML parser: the line of every key, the raw text of every scalar, and every refusal in Vietnamese.

PyYAML's parser gives the events of a file; :class:`_Composer` builds the data from them itself, in one
pass, so that it can refuse, with the file's line and key, what content files must not hold: anchors and
aliases (a nine-level alias bomb grew past 18 GB), tags (``!!python/object``), keys that are not plain
text (``[a, b]: x``, ``1: x``, ``<<: x``), duplicate keys, nesting deeper than :data:`MAX_DEPTH` levels
and control characters in any text. Parser problems are worded in Vietnamese by :func:`syntax_message`.

This module and :mod:`generator.core.yamlio` are the only ones that import PyYAML.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any

import yaml

from generator.core.errors import DataError, shortened

Loc = tuple[str | int, ...]

MAX_DEPTH = 50
"""Lists and groups nested deeper than this are refused (a record nests 5 levels at most)."""

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters no text may hold: C0 and C1 controls except tab and line feed (ESC, NUL, …), surrogates and
non-characters. They break the Atom feed and the terminal, and arrive from copied text."""


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text, so the schema (not YAML) decides what a date is."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same loader on libyaml's parser (several times faster); problems are re-read with
    :class:`_Loader`, whose messages :func:`syntax_message` words."""


_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = _FastLoader.yaml_implicit_resolvers
"""The implicit resolvers of both loaders: by first character, the tag and pattern of each kind of plain
scalar."""


@dataclass(frozen=True)
class Scalar:
    """What the file literally says at one place: the raw text and whether it was quoted."""

    text: str
    quoted: bool


@dataclass
class Parsed:
    """A file read by the full parser: its data, the line of every key path and every scalar's text."""

    data: Any
    lines: dict[Loc, int]
    scalars: dict[Loc, Scalar]


def parse(text: str, display: str) -> Parsed:
    """Parse ``text`` as the file ``display``; raise a :class:`DataError` for anything refused."""
    try:
        return _parse(text, display, _FastLoader)
    except yaml.YAMLError:
        return _parse(text, display, _Loader)  # the pure-Python parser words syntax errors best


def _parse(text: str, display: str, loader_class: type[yaml.SafeLoader]) -> Parsed:
    parsed = Parsed(None, {}, {})
    loader = None
    try:
        loader = loader_class(text)  # the pure-Python reader refuses control characters here
        parsed.data = _Composer(loader, display, parsed).document()
    except yaml.MarkedYAMLError as exc:
        if loader_class is not _Loader:
            raise
        mark = exc.problem_mark or exc.context_mark
        raise DataError(display, mark.line + 1 if mark else 1, "", syntax_message(exc)) from exc
    except yaml.reader.ReaderError as exc:
        if loader_class is not _Loader:
            raise
        line = text.count("\n", 0, exc.position) + 1
        raise DataError(display, line, "", _control_message(chr(exc.character))) from exc
    finally:
        if loader is not None:
            loader.dispose()
    if parsed.data is None:
        raise DataError(display, 1, "", "tệp rỗng")
    return parsed


_STR, _MERGE = "tag:yaml.org,2002:str", "tag:yaml.org,2002:merge"
_BUILT = {f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float")}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_QUOTED_STYLES = ("'", '"', "|", ">")
_KEY_KINDS = {
    "tag:yaml.org,2002:null": "giá trị rỗng",
    "tag:yaml.org,2002:bool": "giá trị đúng/sai",
    "tag:yaml.org,2002:int": "số",
    "tag:yaml.org,2002:float": "số",
}


class _Composer:
    """The data of one document, built from the parser's events with lines and scalars noted."""

    def __init__(self, loader: yaml.SafeLoader, path: str, parsed: Parsed) -> None:
        self.loader: Any = loader  # PyYAML's parser methods carry no types
        self.path, self.parsed = path, parsed

    def document(self) -> Any:
        """The one document of the stream (``None`` for an empty stream)."""
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # document start
        value = self.node((), _line(loader.peek_event()), 0)
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            line = _line(loader.peek_event())
            raise DataError(
                self.path, line, "", "tệp chỉ được chứa một tài liệu YAML: bỏ dòng «---» và phần sau nó"
            )
        return value

    def error(self, loc: Loc, line: int, message: str) -> DataError:
        """A :class:`DataError` at ``line``, named by the key path ``loc``."""
        return DataError(self.path, line, format_loc(loc), message)

    def node(self, loc: Loc, line: int, depth: int) -> Any:
        """The value that starts with the next event, at key path ``loc`` (whose line is ``line``)."""
        event = self.loader.get_event()
        self.refuse_extras(event, loc)
        self.parsed.lines[loc] = line
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event, loc)
        if depth >= MAX_DEPTH:
            raise self.error(loc, _line(event), f"lồng quá sâu: quá {MAX_DEPTH} cấp danh sách, nhóm trường")
        if isinstance(event, yaml.SequenceStartEvent):
            return self.sequence(loc, depth)
        return self.mapping(loc, depth)

    def refuse_extras(self, event: yaml.Event, loc: Loc) -> None:
        """Refuse an alias, an anchor or a tag: content files write every value out as it is."""
        line = _line(event)
        if isinstance(event, yaml.AliasEvent):
            raise self.error(
                loc, line, f"không dùng tham chiếu «*{event.anchor}» của YAML: hãy viết đầy đủ giá trị"
            )
        anchor, tag = getattr(event, "anchor", None), getattr(event, "tag", None)
        if anchor is not None:
            raise self.error(loc, line, f"không dùng neo «&{anchor}» của YAML: hãy viết đầy đủ giá trị")
        if tag is not None:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise self.error(loc, line, f"không dùng thẻ kiểu «{shown}» của YAML: hãy bỏ thẻ")

    def sequence(self, loc: Loc, depth: int) -> list[Any]:
        """The items up to the sequence's end."""
        items: list[Any] = []
        while not self.loader.check_event(yaml.SequenceEndEvent):
            line = _line(self.loader.peek_event())
            items.append(self.node((*loc, len(items)), line, depth + 1))
        self.loader.get_event()
        return items

    def mapping(self, loc: Loc, depth: int) -> dict[str, Any]:
        """The keys and values up to the mapping's end; each key plain text, and once."""
        mapping: dict[str, Any] = {}
        seen: dict[str, int] = {}
        while not self.loader.check_event(yaml.MappingEndEvent):
            event = self.loader.get_event()
            line = _line(event)
            self.refuse_extras(event, loc)
            if not isinstance(event, yaml.ScalarEvent):
                raise self.error(
                    loc, line, "khóa phải là một tên trường, không phải một danh sách hay nhóm trường"
                )
            key = event.value
            key_loc = (*loc, key)
            self.refuse_key(event, key_loc, line)
            if key in seen:
                raise self.error(
                    key_loc, line, f"khóa bị lặp: đã khai báo ở dòng {seen[key]}, khai báo lại ở dòng {line}"
                )
            seen[key] = line
            mapping[key] = self.node(key_loc, line, depth + 1)
        self.loader.get_event()
        return mapping

    def refuse_key(self, event: yaml.ScalarEvent, loc: Loc, line: int) -> None:
        """Refuse a key that YAML reads as other than text, or that holds a control character."""
        tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _MERGE:
            raise self.error(loc, line, "không dùng khóa gộp «<<» của YAML: hãy viết đầy đủ các trường")
        if tag in _KEY_KINDS:
            raise self.error(
                loc, line, f"khóa «{event.value}» phải là tên trường bằng chữ, không phải {_KEY_KINDS[tag]}"
            )
        self.refuse_control(event.value, loc, line)

    def refuse_control(self, text: str, loc: Loc, line: int) -> None:
        """Refuse a text holding a control character."""
        found = CONTROL.search(text)
        if found:
            raise self.error(loc, line, _control_message(found[0]))

    def scalar(self, event: yaml.ScalarEvent, loc: Loc) -> Any:
        """A scalar's value: text, or what YAML reads a plain ``1``, ``true`` or ``~`` as."""
        text = event.value
        self.parsed.scalars[loc] = Scalar(text, event.style in _QUOTED_STYLES)
        tag = self.loader.resolve(yaml.ScalarNode, text, event.implicit)
        if tag not in _BUILT:  # text, and the plain «<<» and «=» too
            self.refuse_control(text, loc, self.parsed.lines[loc])
            return text
        try:
            return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, text))
        except ValueError:  # «0x_»: the pattern matches, the number does not parse (or is too long)
            raise self.error(loc, self.parsed.lines[loc], _number_message(text)) from None


def _number_message(text: str) -> str:
    """Why the plain scalar ``text``, which YAML reads as a number, is refused."""
    digits = sum(c.isdigit() for c in text)
    if digits > sys.get_int_max_str_digits():
        return (
            f"«{text}» là số quá dài ({digits} chữ số; tối đa {sys.get_int_max_str_digits()}): nếu là văn "
            "bản, hãy viết trong dấu nháy kép"
        )
    return f"«{text}» không đọc được thành số: nếu là văn bản, hãy viết trong dấu nháy kép"


def _line(event: yaml.Event) -> int:
    """The line an event starts on, counted from 1."""
    return event.start_mark.line + 1 if event.start_mark else 1


def _control_message(char: str) -> str:
    code = ord(char)
    shown = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return f"có ký tự điều khiển {shown} (không nhìn thấy, thường lẫn vào khi sao chép): hãy xóa nó"


def format_loc(loc: Loc) -> str:
    """Render a key path the way staff read it: ``cach_thuc[0].thoi_han.so``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


_SYNTAX = [
    (
        "mapping values are not allowed",
        "có dấu «: » ở chỗ không được: giá trị có «: » phải viết trong dấu nháy",
    ),
    ("sequence entries are not allowed", "có «- » (mục danh sách) ở chỗ không được: kiểm tra thụt lề"),
    ("could not find expected ':'", "thiếu dấu «:» sau tên trường, hoặc dòng thụt lề sai"),
    (r"character '\\t'|tab character", "có ký tự tab: YAML chỉ cho thụt lề bằng dấu cách"),
    (
        "found character '(.*)' that cannot start",
        "giá trị không được bắt đầu bằng «{}»: hãy viết nó trong dấu nháy",
    ),
    (
        "expected alphabetic or numeric",
        "sau «&», «*» hoặc «!» phải là một tên: văn bản bắt đầu như vậy phải ở trong dấu nháy",
    ),
    (
        "expected a comment or a line break",
        "có nội dung thừa sau giá trị (sau dấu nháy đóng?): kiểm tra dấu nháy",
    ),
    ("unexpected end of stream", "thiếu dấu nháy đóng: một giá trị mở dấu nháy mà không đóng"),
    (
        "unexpected document separator",
        "gặp dòng «---» hoặc «...» giữa một giá trị trong dấu nháy: thiếu dấu nháy đóng?",
    ),
    ("unknown escape character", "dấu «\\» trong dấu nháy kép phải viết là «\\\\» (hoặc dùng dấu nháy đơn)"),
    ("escape sequence of", "mã «\\x», «\\u» hoặc «\\U» trong dấu nháy kép thiếu chữ số thập lục phân"),
    ("indentation indicator", "sau «|» hoặc «>» chỉ được có «-», «+» hoặc một chữ số từ 1 đến 9"),
    (
        "expected <block end>|expected '<document start>'",
        "thụt lề không đúng: dòng này lệch với các trường cùng cấp",
    ),
    (r"expected ',' or '\]'", "danh sách trong ngoặc «[ ]» thiếu dấu phẩy hoặc chưa đóng"),
    ("expected ',' or '}'", "nhóm trong ngoặc «{ }» thiếu dấu phẩy hoặc chưa đóng"),
    ("expected the node content", "thiếu giá trị ở chỗ cần một giá trị"),
    ("tag|URI", "không dùng thẻ kiểu («!») của YAML: văn bản bắt đầu bằng «!» phải ở trong dấu nháy"),
    (
        "directive|expected a digit|expected ' '",
        "không dùng chỉ thị («%») của YAML: văn bản bắt đầu bằng «%» phải ở trong dấu nháy",
    ),
    ("single document|another document", "tệp chỉ được chứa một tài liệu YAML: bỏ dòng «---» và phần sau nó"),
]
"""PyYAML's problems, by a pattern of their English words, and what staff read instead (``{}``: the
character)."""
_SYNTAX_PATTERNS = [(re.compile(pattern), message) for pattern, message in _SYNTAX]


def syntax_message(exc: yaml.MarkedYAMLError) -> str:
    """PyYAML's problem, in Vietnamese: what is wrong at the line, and how to put it right."""
    problem = " ".join(f"{exc.problem or ''} {exc.context or ''}".split())
    for pattern, message in _SYNTAX_PATTERNS:
        found = pattern.search(problem)
        if found:
            shown = message.replace("{}", shortened(found[1], 10)) if pattern.groups else message
            return f"YAML không hợp lệ: {shown}"
    return "YAML không hợp lệ: kiểm tra thụt lề, dấu «:» sau tên trường và dấu nháy"
