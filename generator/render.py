"""The one Jinja environment that turns records into Markdown, and the filters that keep data inert.

Every value that comes from YAML is data, never markup: it passes through :func:`md` (inline) or
:func:`md_text` (several lines), which entity-escape every ASCII punctuation character that Markdown,
HTML or attribute lists could read as syntax. Only validated ``http(s)`` addresses become links.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator.fields import URL_PATTERN

_MARKUP = frozenset("\\`*_{}[]()#+-.!|<>&\"'~:=^$%@")
_MARKUP_RE = re.compile("[" + re.escape("".join(sorted(_MARKUP))) + "]")


Memo = Callable[[str, tuple[object, ...], Callable[[], str]], str]
"""``memo(path, inputs, make)``: the text of the file ``path``, made by ``make()`` from ``inputs`` (every
object it reads). The live preview passes one that reuses the previous text while the inputs are equal."""


def no_memo(path: str, inputs: tuple[object, ...], make: Callable[[], str]) -> str:
    """Always make the text (``congkhai build``)."""
    return make()


@dataclass(frozen=True)
class Page:
    """One generated file of the documentation folder: its path there and its text."""

    path: str
    text: str


def md(value: object) -> str:
    """Inline text that renders literally: whitespace collapsed, Markdown/HTML punctuation escaped."""
    text = " ".join(str(value).split())
    return _MARKUP_RE.sub(_entity, text)


def _entity(match: re.Match[str]) -> str:
    return f"&#{ord(match[0])};"


def md_text(value: object, indent: int = 0) -> str:
    """Several lines of text: each non-empty line escaped and kept as its own paragraph."""
    lines = [md(line) for line in str(value).splitlines() if line.strip()]
    return ("\n\n" + " " * indent).join(lines)


def url(value: str) -> str:
    """A link target for a validated http(s) address, with characters Markdown reads percent-encoded."""
    if not re.match(URL_PATTERN, value):
        raise ValueError(f"not an http(s) address: {value!r}")
    return quote(value, safe=":/?#[]@!$&*+,;=%~-._")


def number(value: Decimal | int) -> str:
    """A number the Vietnamese way: ``100.000``, ``2,5``."""
    amount = Decimal(value).normalize()
    whole, _, fraction = f"{amount:f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{fraction}" if fraction else grouped


def vdate(value: date) -> str:
    """A date the Vietnamese way: ``05/07/2025``."""
    return value.strftime("%d/%m/%Y")


def labels(values: list[str], names: dict[str, str]) -> list[str]:
    """The display names of vocabulary values."""
    return [names[v] for v in values]


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(md=md, md_text=md_text, url=url, number=number, vdate=vdate, labels=labels)
    return env


_ENV = _environment()


def render(template: str, **context: Any) -> str:
    """Render one template with ``context``; a missing value fails loudly."""
    return _ENV.get_template(template).render(**context)
