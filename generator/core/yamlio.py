"""Safe YAML loading that never guesses: line numbers for every key, duplicate keys rejected.

This is the only module that imports PyYAML.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.core import yamlfast
from generator.core.errors import DataError

Loc = tuple[str | int, ...]


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text, so the schema (not YAML) decides what a date is."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same loader on libyaml's parser (about 10× faster); errors are re-read with :class:`_Loader`."""


_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Scalar:
    """What the file literally says at one place: the raw text and whether it was quoted."""

    text: str
    quoted: bool


_UNREAD = object()
"""Stands for data let go or not pickled: read again from the text when asked for."""


class YamlDoc:
    """A loaded YAML file: its data, the line of every key and the raw text of every scalar.

    A file that the fast reader read keeps its text instead of lines and scalars: the full parser finds
    those the first time they are asked for, which happens only for a file with an error. Such a file
    is pickled as its path alone (``path`` is then the file's own): a process that receives it reads
    the file again if it must. Sending the texts of 2,000 files between processes took 0.2–0.3 s.
    """

    def __init__(self, path: str, data: Any, text: str | None = None) -> None:
        self.path = path
        self._data = data
        self._text = text
        self._lines: dict[Loc, int] | None = None if text is not None else {}
        self._scalars: dict[Loc, Scalar] = {}

    @property
    def data(self) -> Any:
        """What the file holds: mappings, lists, text, numbers, booleans and nulls."""
        if self._data is _UNREAD:
            self._data = _FAST.read(self._source())
        return self._data

    @data.setter
    def data(self, data: Any) -> None:
        self._data = data

    def release(self) -> None:
        """Let the data go if it can be read again from the text: a validated record keeps its file only
        to locate errors, and the data of thousands of files is a lot of memory."""
        if self._lines is None:
            self._data = _UNREAD

    def __getstate__(self) -> dict[str, Any]:
        """Pickled as the path alone when the fast reader can read the file again; else in full."""
        return {"path": self.path} if self._lines is None else self.__dict__

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update({"_data": _UNREAD, "_text": None, "_lines": None, "_scalars": {}, **state})

    def _source(self) -> str:
        """The text of a file the fast reader read: kept, or read again after travelling."""
        if self._text is None:
            self._text = Path(self.path).read_text(encoding="utf-8")
        return self._text

    @property
    def lines(self) -> dict[Loc, int]:
        """The line of every key path (the line of its key; of its first line for a sequence item)."""
        if self._lines is None:
            self._locate()
        assert self._lines is not None
        return self._lines

    @property
    def scalars(self) -> dict[Loc, Scalar]:
        """What the file literally says at every scalar, by key path."""
        if self._lines is None:
            self._locate()
        return self._scalars

    def _locate(self) -> None:
        try:
            full = _parse(self._source(), self.path, _FastLoader)
        except (DataError, yaml.YAMLError, OSError, UnicodeError):
            # Not for a text the fast reader accepted, nor a file unchanged since; be safe all the same:
            # every error is then located at the first line.
            self._lines, self._scalars = {}, {}
            return
        if self._data is _UNREAD:
            self._data = full.data
        self._lines, self._scalars, self._text = full.lines, full.scalars, None

    def line_of(self, loc: Loc) -> int:
        """The line of ``loc``, or of its nearest enclosing key that the file has."""
        lines = self.lines
        for end in range(len(loc), -1, -1):
            if loc[:end] in lines:
                return lines[loc[:end]]
        return 1

    def error(self, loc: Loc, message: str) -> DataError:
        """A :class:`DataError` about ``loc`` in this file, at its line and named by its key path."""
        return DataError(self.path, self.line_of(loc), format_loc(loc), message)


def load_yaml(path: Path, display: str) -> YamlDoc:
    """Load one YAML file; raise :class:`DataError` (named ``display``) on anything doubtful."""
    return read_yaml(path.read_bytes(), display)


def read_yaml(raw: bytes, display: str) -> YamlDoc:
    """Load ``raw``, the bytes of the YAML file ``display``: with the fast reader if it can, else in full."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(display, 1, "", f"tệp không phải UTF-8 (byte lỗi ở vị trí {exc.start})") from exc
    data = _FAST.read(text)
    return YamlDoc(display, data, text) if data is not None else parse_yaml(text, display)


def parse_yaml(text: str, display: str) -> YamlDoc:
    """Parse YAML ``text`` as the file ``display`` with the full parser, lines and scalars found at once."""
    try:
        return _parse(text, display, _FastLoader)
    except yaml.YAMLError:
        return _parse(text, display, _Loader)  # the pure-Python parser words syntax errors best


_RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = _FastLoader.yaml_implicit_resolvers
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_SIMPLE_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float")}
_INT = "tag:yaml.org,2002:int"


def _construct(tag: str, value: str) -> Any:
    """A resolved plain scalar's value, built by the constructor the loaders above use."""
    if tag not in _SIMPLE_TAGS:
        raise yamlfast.Unsupported
    if tag == _INT and value.isdigit() and value.isascii() and (value[0] != "0" or value == "0"):
        return int(value)  # the common case, as construct_yaml_int reads it
    return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, value))


_FAST = yamlfast.Reader(_RESOLVERS, _construct)


def _parse(text: str, display: str, loader_class: type[yaml.SafeLoader]) -> YamlDoc:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        doc = YamlDoc(display, None)
        if node is not None:
            _index(node, (), doc, node.start_mark.line + 1)
            doc.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        if loader_class is not _Loader:
            raise
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise DataError(display, line, "", f"YAML không hợp lệ: {_problem(exc)}") from exc
    finally:
        loader.dispose()
    if doc.data is None:
        raise DataError(display, 1, "", "tệp rỗng")
    return doc


def _problem(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or exc.context or "lỗi cú pháp"
    return re.sub(r"\s+", " ", problem).strip()


def _index(node: yaml.Node, loc: Loc, doc: YamlDoc, line: int) -> None:
    doc.lines[loc] = line
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            key_line = key_node.start_mark.line + 1
            if key in seen:
                raise DataError(
                    doc.path,
                    key_line,
                    format_loc((*loc, key)),
                    f"khóa bị lặp: đã khai báo ở dòng {seen[key]}, khai báo lại ở dòng {key_line}",
                )
            seen[key] = key_line
            _index(value_node, (*loc, key), doc, key_line)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*loc, i), doc, item.start_mark.line + 1)
    elif isinstance(node, yaml.ScalarNode):
        doc.scalars[loc] = Scalar(node.value, node.style in ("'", '"', "|", ">"))


def format_loc(loc: Loc) -> str:
    """Render a key path the way staff read it: ``cach_thuc[0].thoi_han.so``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class _Dumper(yaml.SafeDumper):
    """Block style, multi-line text as ``|`` blocks, keys in the order given."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: Any, schema: str | None = None) -> str:
    """Deterministic YAML for a record; ``schema`` adds a yaml-language-server modeline."""
    text = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )
    return f"# yaml-language-server: $schema={schema}\n{text}" if schema else text


_NOT_PRINTABLE = re.compile(
    "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
"""What YAML reads as a line break or refuses in a double-quoted text, besides what JSON escapes."""


def dump_front_matter(data: dict[str, str | bool]) -> str:
    """Page front matter: one ``key: value`` line each, texts double-quoted (about 10× faster than
    :func:`dump_yaml`, which matters for thousands of pages). JSON's ``true``/``false`` are YAML's, and a
    JSON string is a YAML double-quoted scalar once the characters YAML reads differently are escaped too."""
    return "".join(
        f"{key}: {_NOT_PRINTABLE.sub(_escape_char, json.dumps(value, ensure_ascii=False))}\n"
        for key, value in data.items()
    )


def _escape_char(match: re.Match[str]) -> str:
    return f"\\u{ord(match[0]):04x}"
