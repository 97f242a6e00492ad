"""The one exception hierarchy of congkhai, and how its messages show values. Only the CLI prints these."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import FrozenInstanceError, dataclass, field
from typing import Any

SHOWN_CHARS = 60
"""How much of a value a message echoes; the rest is cut and marked «…»."""
KEY_CHARS = 120
"""How much of a key path a message shows."""
MESSAGE_CHARS = 1000
"""The longest message printed (a list of allowed values fits; a pasted document does not)."""

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
"""Control characters, line and paragraph separators, surrogates, byte-order marks and non-characters."""
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
_QUOTED = re.compile("«([^«»]*)»")


def escaped(text: str) -> str:
    """``text`` on one line that cannot drive a terminal: line breaks and control characters written as
    escapes (``\\n``, ``\\t``, ``\\x1b``, ``\\u2028``)."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def shortened(text: str, limit: int = SHOWN_CHARS) -> str:
    """``text`` cut to ``limit`` characters (the cut marked with «…») and :func:`escaped`: how a message
    echoes a value of any length or content."""
    return escaped(text if len(text) <= limit else text[: limit - 1] + "…")


def _message_text(message: str) -> str:
    """A message as printed: each «quoted» value shortened, the whole on one line and bounded."""
    return shortened(_QUOTED.sub(lambda m: f"«{shortened(m[1])}»", message), MESSAGE_CHARS)


class CongkhaiError(Exception):
    """Base class of every error congkhai reports to a user."""


@dataclass(order=True, unsafe_hash=True)
class DataError(CongkhaiError):
    """One problem in one content file, located by line and key path; a value (sorted, hashed, compared)
    whose fields are set once."""

    path: str
    line: int
    key: str
    message: str
    label: str = field(default="", compare=False)
    """The Vietnamese label of the field at ``key`` (:mod:`generator.core.labels`), shown beside it."""

    def __setattr__(self, name: str, value: Any) -> None:
        """Refuse to change a field; the exception's own attributes (``__traceback__``, ``__notes__`` …)
        stay writable: :mod:`contextlib` sets ``__traceback__`` on an error leaving a ``with`` block, which
        a frozen dataclass refused (``FrozenInstanceError`` instead of the error)."""
        if name in _FIELDS and name in self.__dict__:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super().__setattr__(name, value)

    def __str__(self) -> str:
        """``path:line: key: message`` on one line, whatever the file held: the last guard for a value
        echoed in full or a control character in a key or a file name."""
        label = f" ({shortened(self.label)})" if self.label and self.key else ""
        key = f" {shortened(self.key, KEY_CHARS)}{label}:" if self.key else ""
        return f"{escaped(self.path)}:{self.line}:{key} {_message_text(self.message)}"

    def __reduce__(self) -> tuple[type[DataError], tuple[str, int, str, str, str]]:
        """Pickle by the fields (a frozen dataclass exception cannot be pickled otherwise), so that
        errors found in a forked process travel back as they are."""
        return DataError, (self.path, self.line, self.key, self.message, self.label)


_FIELDS = frozenset({"path", "line", "key", "message", "label"})


@dataclass(frozen=True, order=True)
class DataWarning:
    """Something in the content that is left out or changed, but does not stop publishing: a file the
    tool ignores, or what the sanitiser removed from a hand-written page. Printed after the run as
    ``path:line: cảnh báo: key: message``."""

    path: str
    line: int
    key: str
    message: str
    label: str = field(default="", compare=False)
    """The Vietnamese label of the field at ``key`` (:mod:`generator.core.labels`), shown beside it."""

    def __str__(self) -> str:
        key = f" {self.key}:" if self.key else ""
        return _one_line(f"{self.path}:{self.line}: cảnh báo:{key} {self.message}")


def _one_line(text: str) -> str:
    """``text`` with control characters escaped (a file name may hold a line break or an escape
    sequence), so that a warning is one line and cannot drive the terminal."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class DataErrors(CongkhaiError):
    """All the data errors of a run, sorted, reported together."""

    def __init__(self, errors: Iterable[DataError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__("\n".join(str(e) for e in self.errors))

    def __reduce__(self) -> tuple[type[DataErrors], tuple[list[DataError]]]:
        """Pickle by the errors themselves (not the joined message), so that they can be raised in
        another process (:func:`generator.core.parallel.in_child`)."""
        return (DataErrors, (self.errors,))


class BuildError(CongkhaiError):
    """The site could not be built (MkDocs or Pagefind failed)."""


class SourceError(CongkhaiError):
    """An import source is missing, unreadable or has an unexpected shape."""


def raise_if_any(errors: list[DataError]) -> None:
    """Raise :class:`DataErrors` when ``errors`` is not empty."""
    if errors:
        raise DataErrors(errors)
