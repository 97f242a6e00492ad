"""The one layout of content files, written by ``congkhai fmt``, the importer and the web editor.

A content file is in layout when it is what this module writes from it:

- keys in the order the model declares them (keys the model does not know keep their place after them);
- two spaces a level; a list indented under its key (``key:`` then ``  - item``);
- a text on one line, never folded, plain unless YAML needs quotes: then in single quotes (double only
  where a single-quoted text cannot say it); a text holding a line break is a literal block (``|-``);
- a text that the content reader (YAML 1.1, :mod:`generator.core.yamlfull`) would read as something else
  (``yes``, ``no``, ``on``, ``0777``, ``1:20``…) is quoted, though YAML 1.2 needs no quotes there;
- comments (the ``# yaml-language-server: $schema=…`` first line included) kept where they are.

The editor (``admin/congkhai-yaml.js``, npm ``yaml``'s Document API) writes the same layout with the same
rules, so that saving a record changes only the lines of the values that changed; a test formats every
file of ``content/`` with both and compares the texts. Python reads and writes through ruamel.yaml's
round-trip mode, which keeps comments.
"""

from __future__ import annotations

import datetime
import io
import re
import sys
from collections.abc import Iterator
from typing import Any

import yaml
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.compat import ordereddict
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import LiteralScalarString, SingleQuotedScalarString

from generator.core.yamlfull import RESOLVERS

Order = dict[str, Any]
"""The key order of a model: ``{"keys": [names…], "fields": {name: Order of its group or list items}}``."""

WIDTH = sys.maxsize
"""No text is folded across lines: a changed word changes one line, the same in Python and in the editor."""


def model_order(model: type[BaseModel]) -> Order:
    """The key order of ``model`` and of every group and list of groups it holds, from its JSON Schema
    (the same walk the editor's form is made by)."""
    schema = model.model_json_schema()
    return schema_order(schema, schema.get("$defs", {}))


def form_order(model: type[BaseModel]) -> Order:
    """:func:`model_order` with, at each level, the ``required`` keys and the optional keys' ``defaults``:
    what the editor's writer needs to leave out what a hand-written file leaves out (an optional value
    empty, or a new key holding its default, which a form sends for every field it shows)."""
    schema = model.model_json_schema()
    return schema_order(schema, schema.get("$defs", {}), details=True)


def schema_order(node: dict[str, Any], defs: dict[str, Any], details: bool = False) -> Order:
    """The key order of one object schema (its ``anyOf`` options' keys merged, first seen first); with
    ``details``, its required keys and its keys' defaults too (:func:`form_order`)."""
    keys: list[str] = []
    fields: dict[str, Order] = {}
    required: list[str] = []
    defaults: dict[str, Any] = {}
    for option in schema_options(node, defs):
        required += [name for name in option.get("required", []) if name not in required]
        for name, sub in option.get("properties", {}).items():
            if name not in keys:
                keys.append(name)
            if "default" in sub and name not in defaults:
                defaults[name] = sub["default"]
            child = _child_order(sub, defs, details)
            if child["keys"] and name not in fields:
                fields[name] = child
    if details:
        return {"keys": keys, "fields": fields, "required": required, "defaults": defaults}
    return {"keys": keys, "fields": fields}


def _child_order(node: dict[str, Any], defs: dict[str, Any], details: bool = False) -> Order:
    """The order of what a field holds: a group, or the items of a list."""
    for option in schema_options(node, defs):
        if option.get("type") == "array" and isinstance(option.get("items"), dict):
            found = _child_order(option["items"], defs, details)
        elif "properties" in option:
            found = schema_order(option, defs, details)
        else:
            continue
        if found["keys"]:
            return found
    return {"keys": [], "fields": {}}


def schema_options(node: dict[str, Any], defs: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """``node`` with its ``$ref`` followed, then each of its ``anyOf``/``oneOf``/``allOf`` options."""
    ref = node.get("$ref")
    if isinstance(ref, str):
        node = defs.get(ref.rsplit("/", 1)[-1], {})
    yield node
    for option in [n for key in ("anyOf", "oneOf", "allOf") for n in node.get(key, [])]:
        yield from schema_options(option, defs)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = WIDTH
    yaml.allow_unicode = True
    yaml.preserve_quotes = True  # to tell a quoted «no» (text) from a plain one (false to the reader)
    return yaml


def load(text: str) -> Any:
    """The round-trip data of ``text`` (comments attached)."""
    return _yaml().load(text)


def dump(data: Any) -> str:
    """``data`` (round-trip or plain) in the layout: styles normalised, keys in the order they hold."""
    out = io.StringIO()
    _yaml().dump(_normalised(data, None, loaded=False), out)
    return out.getvalue()


def layout(text: str, order: Order | None = None) -> str:
    """``text`` in the layout (``order``: the model's key order; ``None`` keeps the file's)."""
    data = load(text)
    if data is None:
        return text
    out = io.StringIO()
    _yaml().dump(_normalised(data, order), out)
    return out.getvalue()


def in_layout(text: str, order: Order | None = None) -> bool:
    """Whether ``text`` is already in the layout: by :func:`quick_layout` when it can tell, else by
    formatting it (ruamel.yaml is slow: 50 ms a record)."""
    quick = quick_layout(text, order)
    if quick is not None and quick == text:
        return True
    return layout(text, order) == text


class _Unsure(Exception):
    """A value :func:`quick_layout` leaves to ruamel.yaml."""


_PLAIN = re.compile(r"[^\W_]|\(")
"""How a text written plain by the quick writer starts: a letter or digit (of any script), or «(»."""

_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
"""Characters ruamel.yaml may escape or write in double quotes: left to it."""

_KEY = re.compile(r"[a-z][a-z0-9_]*\Z")
_RESOLVER = VersionedResolver()
_LEADING_COMMENTS = re.compile(r"(?:#[^\n]*\n)*")


def quick_layout(text: str, order: Order | None = None) -> str | None:
    """The layout of ``text`` written without ruamel.yaml, or ``None`` when the file holds what only
    ruamel.yaml writes surely (comments after the first lines, floats, nulls, unusual texts or keys).

    Used only to tell that a file is already in layout (the texts are then equal): the test suite
    checks, on every file of ``content/`` and of the tests, that whenever it answers it answers as
    :func:`layout`.
    """
    head = _LEADING_COMMENTS.match(text)
    prefix = head.group(0) if head else ""
    if "#" in text[len(prefix) :]:
        return None  # a comment, or a «#» in a text: ruamel.yaml decides
    try:
        data = yaml.load(text, Loader=_QUICK_LOADER)
        if not isinstance(data, dict):
            return None
        lines: list[str] = []
        _quick(data, order, 0, lines)
    except (_Unsure, yaml.YAMLError):
        return None
    return prefix + "".join(lines)


_QUICK_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _quick(value: dict[str, Any], order: Order | None, indent: int, out: list[str]) -> None:
    """Append the lines of the mapping ``value`` at ``indent`` spaces."""
    keys = list(value)
    if order is not None:
        keys = [k for k in order["keys"] if k in value] + [k for k in keys if k not in order["keys"]]
    fields = order["fields"] if order is not None else {}
    pad = " " * indent
    for index, key in enumerate(keys):
        if not isinstance(key, str) or not _KEY.match(key):
            raise _Unsure
        lead = pad if index or not out or not out[-1].endswith("- ") else ""
        _quick_value(f"{lead}{key}:", value[key], fields.get(key), indent, out)


def _quick_block(value: str, indent: int) -> str:
    """A literal block ``|-`` of ``value``: only the plainest (no blank or space-edged line, no tab)."""
    lines = value.split("\n")
    if "\t" in value or any(not line or line != line.strip() for line in lines):
        raise _Unsure
    pad = " " * indent
    return "|-\n" + "\n".join(pad + line for line in lines)


def _quick_value(head: str, value: Any, order: Order | None, indent: int, out: list[str]) -> None:
    if isinstance(value, dict) and value:
        out.append(head + "\n")
        _quick(value, order, indent + 2, out)
    elif isinstance(value, list) and value:
        out.append(head + "\n")
        pad = " " * (indent + 2)
        for item in value:
            if isinstance(item, dict) and item:
                out.append(f"{pad}- ")
                _quick(item, order, indent + 4, out)
            elif isinstance(item, (dict, list)):
                raise _Unsure
            else:
                out.append(f"{pad}- {_quick_scalar(item, indent + 4)}\n")
    elif isinstance(value, (dict, list)):
        out.append(f"{head} {'{}' if isinstance(value, dict) else '[]'}\n")
    else:
        out.append(f"{head} {_quick_scalar(value, indent + 2)}\n")


def _quick_scalar(value: Any, indent: int) -> str:
    """A scalar as written after its key or dash; a literal block's lines at ``indent`` spaces."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    if not isinstance(value, str) or not value or _UNSAFE.search(value):
        raise _Unsure
    if "\n" in value:
        return _quick_block(value, indent)
    if "\t" in value or "'" in value:
        raise _Unsure
    if not _PLAIN.match(value) or value != value.strip():
        raise _Unsure
    quoted = (
        ": " in value
        or value.endswith(":")
        or needs_quotes_11(value)
        or str(_RESOLVER.resolve(ScalarNode, value, (True, False))) != "tag:yaml.org,2002:str"
    )
    return f"'{value}'" if quoted else value


def _normalised(value: Any, order: Order | None, loaded: bool = True) -> Any:
    """``value`` with its keys in ``order`` and every text in its layout style (round-trip containers are
    changed in place, so their comments stay with their keys and items); ``loaded``: ``value`` was read
    from a file, where a plain ``no`` is the content reader's ``false``."""
    if isinstance(value, dict):
        target = value if isinstance(value, CommentedMap) else CommentedMap(value)
        target.fa.set_block_style()
        if order is not None:
            known = [k for k in order["keys"] if k in target]
            rest = [k for k in target if k not in order["keys"]]
            for key in known + rest:
                target.move_to_end(key)
        fields = order["fields"] if order is not None else {}
        for key in list(target):  # not ``target[key] =``: that keeps a text's old style
            ordereddict.__setitem__(target, key, _normalised(target[key], fields.get(key), loaded))
        return target
    if isinstance(value, list):
        items = value if isinstance(value, CommentedSeq) else CommentedSeq(value)
        items.fa.set_block_style()
        for index, item in enumerate(items):
            list.__setitem__(items, index, _normalised(item, order, loaded))
        return items
    if isinstance(value, str):
        if loaded and type(value) is str and needs_quotes_11(value):  # plain in the file: as read
            return yaml.load(value, Loader=_QUICK_LOADER)
        return text_style(str(value))
    return value


def text_style(text: str) -> str:
    """A text as the layout writes it: a literal block when it holds a line break, quoted when the
    content reader would read it plain as something other than text, else as YAML decides."""
    if "\n" in text:
        styled: str = LiteralScalarString(text)
    elif needs_quotes_11(text):
        styled = SingleQuotedScalarString(text)
    else:
        styled = text
    return styled


def needs_quotes_11(text: str) -> bool:
    """Whether the content reader (YAML 1.1 resolvers, dates kept as text) reads ``text`` unquoted as a
    boolean, number or null."""
    resolvers = RESOLVERS.get(text[:1] if text else "", [])
    return any(tag != "tag:yaml.org,2002:str" and rx.match(text) for tag, rx in resolvers)
