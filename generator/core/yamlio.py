"""Reading content files: YAML with the line of every key, nothing guessed, and bounded.

A file is read by ``yaml-rs``, a YAML parser written in Rust, when cheap checks of its text and data show
that it reads the file as the full parser (:mod:`generator.core.yamlfull`) does; else, and for the lines of
a file with an error, by the full parser, which also words every refusal. A file over
:data:`MAX_FILE_BYTES` is refused before it is parsed.

Measured on the 271 imported Bộ Tư pháp records (7.4 k characters each; best of 7 on 2 shared cores): yaml-rs
alone reads a file in 0.10 ms, this fast path with its checks in 0.28 ms, the hand-written reader it replaced
in 0.16 ms, PyYAML's libyaml loader in 0.55 ms and the full parser in 0.57 ms; the fast path read all 271
(and 500 synthetic records, and the 28 in ``content/``) with data equal to the full parser's.

This module and :mod:`generator.core.yamlfull` are the only ones that read content files;
:mod:`generator.core.yamllayout` writes them (ruamel.yaml, keeping comments).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml_rs

from generator.core import yamllayout
from generator.core.contentfiles import too_large
from generator.core.errors import DataError
from generator.core.yamlfull import CONTROL, MAX_DEPTH, RESOLVERS, Loc, Parsed, Scalar, format_loc, parse

__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "Loc", "Scalar", "YamlDoc", "format_loc"]

MAX_FILE_BYTES = 1_000_000
"""The largest content file read (the largest real record is 45 KB): 1 MB of YAML is read in a fraction
of a second, and a file that size is pasted or generated, not written."""


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

    @classmethod
    def parsed(cls, path: str, parsed: Parsed) -> YamlDoc:
        """A file the full parser read: its data, lines and scalars all known."""
        doc = cls(path, parsed.data)
        doc._lines, doc._scalars = parsed.lines, parsed.scalars
        return doc

    @property
    def data(self) -> Any:
        """What the file holds: mappings, lists, text, numbers, booleans and nulls."""
        if self._data is _UNREAD:
            text = self._source()
            data = read_fast(text)
            self._data = data if data is not None else parse(text, self.path).data
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
            self._text = _normalised(Path(self.path).read_text(encoding="utf-8"))
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
            full = parse(self._source(), self.path)
        except (DataError, OSError, UnicodeError):
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

    def error(self, loc: Loc, message: str, label: str = "") -> DataError:
        """A :class:`DataError` about ``loc`` in this file, at its line and named by its key path (and
        the field's Vietnamese ``label``)."""
        return DataError(self.path, self.line_of(loc), format_loc(loc), message, label)


def load_yaml(path: Path, display: str) -> YamlDoc:
    """Load one YAML file; raise :class:`DataError` (named ``display``) on anything doubtful."""
    return read_yaml(path.read_bytes(), display)


def read_yaml(raw: bytes, display: str) -> YamlDoc:
    """Load ``raw``, the bytes of the YAML file ``display``: with the fast reader if it can, else in full."""
    if len(raw) > MAX_FILE_BYTES:
        raise DataError(display, 1, "", too_large(len(raw), MAX_FILE_BYTES, "một tệp dữ liệu"))
    try:
        text = _normalised(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise DataError(display, 1, "", f"tệp không phải UTF-8 (byte lỗi ở vị trí {exc.start})") from exc
    data = read_fast(text)
    return YamlDoc(display, data, text) if data is not None else parse_yaml(text, display)


def parse_yaml(text: str, display: str) -> YamlDoc:
    """Parse YAML ``text`` as the file ``display`` with the full parser, lines and scalars found at once."""
    return YamlDoc.parsed(display, parse(text, display))


def _normalised(text: str) -> str:
    """``text`` with Windows line ends as ``\\n``: the same to YAML, and one kind less for the checks."""
    return text.replace("\r\n", "\n") if "\r" in text else text


# --- The fast reader --------------------------------------------------------------------------------
#
# yaml-rs reads YAML 1.2 and PyYAML YAML 1.1; they differ on some plain scalars (``yes``, ``017``,
# ``1:30``, ``1e3``, ``-.5``), line breaks (U+0085, U+2028), control characters, tabs, escapes and
# several documents; yaml-rs also resolves anchors and aliases, and its stack overflows on a line of
# 100,000 ``- ``. The text is left to the full parser when it holds any of these where a value starts;
# the data when a text or key could be one that PyYAML reads as other than text, or nests too deep.

_NO_ALIASES = yaml_rs.AliasLimits(0, 64, 0)
"""No alias expanded at all (the text check leaves every anchor to the full parser already)."""
_ODD = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff&!\[{]")
"""Characters the fast reader leaves to the full parser (``&``, ``!``, ``[`` and ``{`` where a value starts).
Control characters written as escapes (``"\\e"``) are looked for in the data."""
_TOKEN_END = r"[0-9A-Za-z_.:+-]*(?=[ ]*(?:$|#|:(?:[ ]|$)))"
_EXPONENT = re.compile(r"[eE](?<=[0-9.][eE])[-+]?[0-9]+" + _TOKEN_END, re.MULTILINE)
_WORD = re.compile(r"[^ \n]+(?=[ ]*(?:$|#|:(?:[ ]|$)))", re.MULTILINE)
_YAML12_NUMBER = re.compile(
    r"[-+]?(?:0[xob][0-9a-fA-F_]+|(?:\.[0-9_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?)"
)
"""Numbers as yaml-rs reads them (YAML 1.2, with the underscores and ``0b`` of YAML 1.1)."""
_AGREED_NUMBER = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?")
"""Numbers both parsers read alike."""
_NESTED = re.compile(r"(?:[-?:][ ]+){6}")
_RS_TYPED = re.compile(
    r"|[-+]?[0-9]+|[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|true|True|TRUE|false|False|FALSE"
    r"|null|Null|NULL|~|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
"""Plain scalars yaml-rs reads as other than text: one it gives as text was quoted."""
_PYYAML_TYPED = re.compile(
    "|".join(sorted({f"(?:{rx.pattern})" for resolvers in RESOLVERS.values() for _, rx in resolvers})),
    re.VERBOSE,
)
"""Plain scalars PyYAML reads as other than text."""


def read_fast(text: str) -> Any:
    """The data of ``text`` as the full parser reads it, read by yaml-rs; ``None`` when it may differ
    (the full parser reads the text then)."""
    if _doubtful_text(text):
        return None
    try:
        data = yaml_rs.loads(
            text,
            parse_datetime=False,
            alias_limits=_NO_ALIASES,
            duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error,  # the full parser words it
        )
    except (yaml_rs.YAMLDecodeError, ValueError, TypeError):
        return None
    if not isinstance(data, dict | list):
        return None  # not a record: the full parser words what is wrong
    floats = _floats_if_faithful(data, "\\" in text)
    if floats is None or _doubtful_numbers(text, floats):
        return None
    return data


def _doubtful_text(text: str) -> bool:
    """Whether ``text`` holds something yaml-rs may read otherwise than PyYAML, or not at all."""
    if not text.endswith("\n"):
        return True  # yaml-rs ends a last «|» block without a line break with one
    if text.startswith(("---", "...", "%")) or "\n---" in text or "\n..." in text or "\n%" in text:
        return True  # several documents, or directives
    if ("- -" in text or "? " in text or ": -" in text) and _NESTED.search(text):
        return True  # compact nesting: a line of 100,000 «- » overflows yaml-rs's stack
    for found in _ODD.finditer(text):
        start = found.start()
        char = text[start]
        if char in "[{" and text[start + 1 : start + 2] in "]}":
            continue  # the empty list or group
        if char not in "&![{" or _value_starts(text, start):
            return True
    return False


def _floats_if_faithful(data: dict[Any, Any] | list[Any], escapes: bool) -> bool | None:
    """Whether yaml-rs's ``data`` has floating-point numbers; ``None`` if it may not be what PyYAML reads:
    a text or key that PyYAML could read as a number, boolean or null, a key other than text, nesting
    deeper than :data:`MAX_DEPTH`, or (if the text has ``\\`` escapes) a control character."""
    floats = False
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return None
        if type(value) is dict:
            for key in value:
                if type(key) is not str or _doubtful_str(key, escapes):
                    return None
            items = value.values()
        else:
            items = value
        for item in items:
            kind = type(item)
            if kind is str:
                if _doubtful_str(item, escapes):
                    return None
            elif kind is dict or kind is list:
                stack.append((item, depth + 1))
            elif kind is float:
                floats = True
    return floats


def _doubtful_str(text: str, escapes: bool) -> bool:
    """Whether PyYAML may read ``text`` otherwise (as a number, boolean or null, when it is plain), or it
    holds a control character that an escape wrote."""
    if escapes and CONTROL.search(text):
        return True
    return " " not in text and _typed(text)


def _typed(text: str) -> bool:
    """Whether PyYAML reads ``text``, if plain, as other than text, and yaml-rs does not."""
    return _PYYAML_TYPED.match(text) is not None and _RS_TYPED.fullmatch(text) is None


def _doubtful_numbers(text: str, floats: bool) -> bool:
    """Whether a value in ``text`` is a number the two parsers may read differently: with a leading zero
    (``017``, ``0o17``), or, if there are floating-point numbers, ``-.5`` or with an exponent (``1e3``)."""
    starts = [*_after(text, " 0"), *_after(text, " -0"), *_after(text, " +0")]
    if floats:
        starts += [*_after(text, " -."), *_after(text, " +.")]
        starts += [_token_start(text, found.start()) for found in _EXPONENT.finditer(text)]
    return any(_doubtful_number(text, start) for start in starts)


def _after(text: str, sign: str) -> list[int]:
    """Where the word after each leading space of ``sign`` in ``text`` starts."""
    found, start = [], text.find(sign)
    while start >= 0:
        found.append(start + 1)
        start = text.find(sign, start + 1)
    return found


def _token_start(text: str, end: int) -> int:
    """Where the word that ``end`` is in starts."""
    return max(text.rfind(" ", 0, end), text.rfind("\n", 0, end)) + 1


def _doubtful_number(text: str, start: int) -> bool:
    """Whether the word at ``start``, up to the end of its line, is a value that one of the two parsers
    reads as a number (and the other maybe not, or as another number)."""
    word = _WORD.match(text, start)
    return (
        word is not None
        and _AGREED_NUMBER.fullmatch(word[0]) is None
        and (_PYYAML_TYPED.match(word[0]) is not None or _YAML12_NUMBER.fullmatch(word[0]) is not None)
        and _value_starts(text, start)
    )


def _value_starts(text: str, start: int) -> bool:
    """Whether a value may start at ``start``: at the start of a line, or after ``: ``, ``- ``, ``? ``."""
    before = text[text.rfind("\n", 0, start) + 1 : start].rstrip(" ")
    return not before or before[-1] in "-?:,[{"


def dump_yaml(data: Any, schema: str | None = None) -> str:
    """A record's YAML in the content layout (:mod:`generator.core.yamllayout`: keys in the order given,
    lists indented, texts unfolded); ``schema`` adds a yaml-language-server modeline."""
    text = yamllayout.dump(data)
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
