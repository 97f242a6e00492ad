"""A fast reader for the plain block YAML that content files are written in.

It reads a strict subset of YAML: block mappings with simple keys, block sequences, plain, quoted and
``|`` scalars, ``[]`` and ``{}``, and full-line comments. For anything else (flow collections, anchors,
tags, tabs, duplicate keys, doubtful indentation, …) it gives up and answers ``None``, and the caller
reads the file with the full parser, which also words every error. For each text it accepts it returns
exactly the data the full parser returns. It keeps no line numbers: the full parser finds those only
for a file that has an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

Resolvers = Mapping[str, Sequence[tuple[str, re.Pattern[str]]]]
"""The full parser's implicit resolvers: by first character, the tag and pattern of each plain scalar kind."""
Construct = Callable[[str, str], Any]
"""Builds the value of a plain scalar from its tag and text (only for tags other than ``str``)."""

# One row per line: its indentation, the rest of it, and the "- " and "key: " it starts with, if any
# (the text after them is the last group). A line with a character the subset leaves to the full parser
# has no row: control characters (tab and carriage return too), and the characters YAML reads as line
# breaks or byte-order marks (U+0085, U+2028, U+2029, U+FEFF), or rejects (U+FFFE, U+FFFF).
_ROW = re.compile(
    r"^( *)((-(?: +|$))?(?:([A-Za-z_][A-Za-z0-9_]*):(?: +|$))?"
    r"([^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]*))$",
    re.MULTILINE,
)
Row = tuple[str, str, str, str, str]
_NONE, _PLAIN, _EXPECT = 0, 1, 2  # what the next line may continue: nothing, a plain scalar, "key:"

_NOT_PLAIN = frozenset("?:,[]{}#&*!|>'\"%@`")
_SPECIAL = _NOT_PLAIN | {"-"}  # first characters the loop leaves to _Document.scalar
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_ESCAPES = {
    "0": "\0",
    "a": "\x07",
    "b": "\x08",
    "t": "\t",
    "n": "\n",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}


class Unsupported(Exception):
    """The text is outside the subset: the full parser reads it. A :data:`Resolve` function may raise it."""


def _check_plain(text: str) -> None:
    """A plain scalar line the subset reads as YAML does: no ``: ``, no trailing ``:``, no comment."""
    if ": " in text or " #" in text or text[-1] == ":":
        raise Unsupported


def _closing_quote(text: str, double: bool) -> int:
    """The index of the quote that closes a quoted scalar in ``text``, or -1."""
    start = 0
    while True:
        end = text.find('"' if double else "'", start)
        if end < 0:
            return -1
        if double:
            if (len(text[:end]) - len(text[:end].rstrip("\\"))) % 2 == 0:
                return end
        elif not text.startswith("'", end + 1):
            return end
        start = end + (1 if double else 2)


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if len(code) == 1:
        if code not in _ESCAPES:
            raise Unsupported
        return _ESCAPES[code]
    value = int(code[1:], 16)
    if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
        raise Unsupported
    return chr(value)


class Reader:
    """Reads texts of the subset, resolving plain scalars as the full parser does.

    ``resolvers`` are the full parser's implicit resolvers; ``construct`` builds the value of a plain
    scalar a resolver claims, and may raise :class:`Unsupported` for a tag it leaves to the full parser.
    """

    def __init__(self, resolvers: Resolvers, construct: Construct) -> None:
        self.resolvers = resolvers
        self.construct = construct
        self.plain_keys: set[str] = set()  # keys seen to be read as text (bounded)
        self.short: dict[str, Any] = {}  # the values of short plain scalars (bounded)

    def read(self, text: str) -> dict[str, Any] | None:
        """The data of ``text`` (a mapping at its top), or ``None`` when the full parser must read it."""
        try:
            return _Document(self, text).read()
        except Unsupported:
            return None

    def resolve(self, text: str) -> Any:
        """The value of the plain scalar ``text``: ``text`` itself unless a resolver claims it."""
        short = len(text) <= 16  # numbers, dates, codes: the same few again and again
        if short and text in self.short:
            return self.short[text]
        value: Any = text
        for tag, pattern in self.resolvers.get(text[:1], ()):
            if pattern.match(text):
                value = self.construct(tag, text)
                break
        if short and len(self.short) < 50_000:
            self.short[text] = value
        return value

    def plain_key(self, key: str) -> bool:
        """Whether the plain key ``key`` is read as text (not as true, false or null)."""
        if key in self.plain_keys:
            return True
        if not isinstance(self.resolve(key), str):
            return False
        if len(self.plain_keys) < 10_000:
            self.plain_keys.add(key)
        return True


class _Document:
    """One pass over the rows of one text.

    :meth:`read` reads the common lines (keys, ``-`` entries, one-line plain scalars and their
    continuation lines) in one loop without a call per line, which is what makes this reader fast;
    quoted and ``|`` scalars, which are rarer and may span lines, have their own methods.
    """

    def __init__(self, reader: Reader, text: str) -> None:
        self.rows: list[Row] = _ROW.findall(text)
        if len(self.rows) != text.count("\n") + 1:
            raise Unsupported  # a line with a character outside the subset
        self.resolve = reader.resolve
        self.plain_key = reader.plain_key
        self.plain_keys = reader.plain_keys
        self.resolved = reader.resolvers

    def read(self) -> dict[str, Any]:
        """The top-level mapping of the text.

        One loop over the rows, with the common cases inline: a call per line would double the time.
        """
        rows, resolve, resolved = self.rows, self.resolve, self.resolved
        plain_key, plain_keys = self.plain_key, self.plain_keys
        root: dict[str, Any] = {}
        stack: list[tuple[int, Any]] = [(0, root)]  # every open collection and its indentation
        indent, in_list = 0, False  # of the innermost one, `cur`
        cur: Any = root
        mode, skip, blank = _NONE, 0, 0
        owner: Any = root  # with `at`, where the scalar in _PLAIN or the value in _EXPECT goes
        at: Any = ""
        first, parts = "", None  # a plain scalar's first line, and all its lines once it continues
        for i, (spaces, body, dash, key, rest) in enumerate(rows):
            if i < skip:
                continue  # a line of a quoted or block scalar
            if not body or body[0] == "#":  # a blank line or a comment
                if mode == _PLAIN and body:
                    if len(spaces) > indent:
                        raise Unsupported
                    if parts is not None:
                        owner[at] = resolve("".join(parts))
                    mode, parts = _NONE, None
                blank += 1
                continue
            column = len(spaces)
            if mode == _PLAIN:
                if column > indent:  # the plain scalar goes on
                    text = body.rstrip(" ") if body[-1] == " " else body
                    if ": " in text or " #" in text or text[-1] == ":":
                        raise Unsupported
                    parts = parts or [first]
                    parts += ("\n" * blank if blank else " ", text)
                    blank = 0
                    continue
                if parts is not None:
                    owner[at] = resolve("".join(parts))
                mode, parts = _NONE, None
            elif mode == _EXPECT:  # after "key:" or "-" with nothing after it
                mode = _NONE
                if column > indent or (dash and column == indent and not in_list):
                    if not dash and not key:  # a scalar on its own line
                        value, skip, plain = self.scalar(rest, i, indent)
                        owner[at] = value
                        if plain:
                            mode, first, blank = _PLAIN, rest.rstrip(" "), 0
                        continue
                    cur = owner[at] = [] if dash else {}
                    indent, in_list = column, bool(dash)
                    stack.append((indent, cur))
            if column != indent or (in_list and not dash):
                while column < indent or (column == indent and in_list and not dash):
                    stack.pop()
                    indent, cur = stack[-1]
                    in_list = type(cur) is list
                if column != indent:
                    raise Unsupported
            if dash and not key:  # "- value", or "-" with the value on the next lines
                if not in_list:
                    raise Unsupported
                owner, at = cur, len(cur)
                cur.append(None)
            else:
                if dash:  # "- key: value" opens a mapping at the key's column
                    if not in_list:
                        raise Unsupported
                    cur.append({})
                    indent, cur, in_list = column + len(dash), cur[-1], False
                    stack.append((indent, cur))
                elif not key:
                    raise Unsupported  # a scalar where a key should be
                if key in cur or (key not in plain_keys and not plain_key(key)):
                    raise Unsupported  # a duplicate key, or a key such as «yes» or «null»
                owner, at = cur, key
                cur[key] = None
            if not rest:
                mode = _EXPECT
                continue
            c = rest[0]
            if c in _SPECIAL:
                value, skip, plain = self.scalar(rest, i, indent)
                owner[at] = value
                if plain:
                    mode, first, blank = _PLAIN, rest.rstrip(" "), 0
                continue
            if rest[-1] == " ":
                rest = rest.rstrip(" ")
            if ": " in rest or " #" in rest or rest[-1] == ":":
                raise Unsupported
            owner[at] = resolve(rest) if c in resolved else rest
            mode, first, blank = _PLAIN, rest, 0
        if mode == _PLAIN and parts is not None:
            owner[at] = resolve("".join(parts))
        if not root:
            raise Unsupported  # an empty file: the full parser says so
        return root

    def scalar(self, text: str, i: int, parent: int) -> tuple[Any, int, bool]:
        """A scalar that starts with ``text`` on row ``i``, in a collection indented ``parent``.

        Returns the value, the first row after it and whether it is a plain scalar (which may go on
        on the next lines).
        """
        text = text.rstrip(" ")
        first = text[0]
        one_line = first in "'\"" and len(text) > 1 and text[-1] == first and first not in text[1:-1]
        if one_line and (first == "'" or "\\" not in text):
            return text[1:-1], i + 1, False  # quoted on one line, with nothing to unescape
        if first == "'" or first == '"':
            value, end = self.quoted(text, i, parent)
            return value, end, False
        if first == "|":
            value, end = self.literal(text, i, parent)
            return value, end, False
        if text == "[]" or text == "{}":
            return ([] if text == "[]" else {}), i + 1, False
        if first in _NOT_PLAIN or (first == "-" and (len(text) == 1 or text[1] == " ")):
            raise Unsupported
        _check_plain(text)
        return self.resolve(text), i + 1, True

    def quoted(self, text: str, i: int, parent: int) -> tuple[str, int]:
        """A single- or double-quoted scalar, folded over its lines (indented deeper than ``parent``)."""
        double = text[0] == '"'
        segment, parts = text[1:], []
        while True:
            end = _closing_quote(segment, double)
            if end >= 0:
                if segment[end + 1 :].strip(" "):
                    raise Unsupported  # a comment or more text after the closing quote
                parts.append(segment[:end])
                break
            segment = segment.rstrip(" ")
            if double and segment.endswith("\\"):
                raise Unsupported  # an escaped line break
            parts.append(segment)
            segment, blank, i = self.next_line(i + 1, parent)
            parts.append("\n" * blank if blank else " ")
        value = "".join(parts)
        if double:
            return (_ESCAPE.sub(_unescape, value) if "\\" in value else value), i + 1
        return value.replace("''", "'"), i + 1

    def next_line(self, i: int, parent: int) -> tuple[str, int, int]:
        """The text of the first non-blank row from ``i`` on, the blank rows before it and its index."""
        for j in range(i, len(self.rows)):
            spaces, body = self.rows[j][:2]
            if body:
                if len(spaces) <= parent:
                    raise Unsupported
                return body, j - i, j
        raise Unsupported  # no closing quote

    def literal(self, header: str, i: int, parent: int) -> tuple[str, int]:
        """A ``|`` or ``|-`` block scalar from row ``i + 1`` on: its lines less their indentation."""
        if header not in ("|", "|-"):
            raise Unsupported
        rows = self.rows
        indent = len(rows[i + 1][0]) if i + 1 < len(rows) else 0
        if indent <= parent or not rows[i + 1][1]:
            raise Unsupported  # leading blank lines, or an empty block
        lines, end = [], i + 1
        for j in range(i + 1, len(rows)):
            spaces, body = rows[j][:2]
            if not body:
                if len(spaces) > indent:
                    raise Unsupported  # a line of spaces only, longer than the indentation
                lines.append("")
            elif len(spaces) < indent:
                break
            else:
                lines.append(spaces[indent:] + body)
                end = j + 1
        if end == len(rows):
            raise Unsupported  # no line break after the last line
        value = "\n".join(lines[: end - i - 1])
        return (value if header == "|-" else value + "\n"), end
