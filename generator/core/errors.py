"""The one exception hierarchy of congkhai. Only the CLI prints these."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


class CongkhaiError(Exception):
    """Base class of every error congkhai reports to a user."""


@dataclass(frozen=True, order=True)
class DataError(CongkhaiError):
    """One problem in one content file, located by line and key path."""

    path: str
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        key = f" {self.key}:" if self.key else ""
        return f"{self.path}:{self.line}:{key} {self.message}"

    def __reduce__(self) -> tuple[type[DataError], tuple[str, int, str, str]]:
        """Pickle by the four fields (a frozen dataclass exception cannot be pickled otherwise), so that
        errors found in a forked process travel back as they are."""
        return DataError, (self.path, self.line, self.key, self.message)


@dataclass(frozen=True, order=True)
class DataWarning:
    """Something in the content that is left out or changed, but does not stop publishing: a file the
    tool ignores, or what the sanitiser removed from a hand-written page. Printed after the run as
    ``path:line: cảnh báo: key: message``."""

    path: str
    line: int
    key: str
    message: str

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


class BuildError(CongkhaiError):
    """The site could not be built (MkDocs or Pagefind failed)."""


class SourceError(CongkhaiError):
    """An import source is missing, unreadable or has an unexpected shape."""


def raise_if_any(errors: list[DataError]) -> None:
    """Raise :class:`DataErrors` when ``errors`` is not empty."""
    if errors:
        raise DataErrors(errors)
