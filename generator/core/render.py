"""The one Jinja environment that turns records into Markdown, and the filters that keep data inert.

Every value that comes from YAML is data, never markup. The environment autoescapes every template, the
included ones too (an ``{% autoescape %}`` block in a parent does not reach into an ``{% include %}``, which
once published feedback titles as live HTML): a value is HTML-escaped unless a filter here made it
:class:`~markupsafe.Markup`. In Markdown, text passes through :func:`md` (inline) or :func:`md_text` (several
lines), which entity-escape every ASCII punctuation character that Markdown, HTML or attribute lists could
read as syntax. The per-record pages are one HTML block instead, written inside :func:`raw`: Jinja escapes
every value there, and the ``generator.build.rawhtml`` Markdown extension passes the block through untouched
except its heading lines (parsing the pages as Markdown was most of the build time). Only validated
``http(s)`` addresses become links.
"""

from __future__ import annotations

import gzip
import html
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import BaseLoader, Environment, FileSystemLoader, PrefixLoader, StrictUndefined
from markupsafe import Markup, escape

from generator.core.fields import URL_PATTERN
from generator.core.htmlblock import wrap
from generator.core.yamlio import dump_front_matter

GZIP_MAGIC = b"\x1f\x8b"
"""The first bytes of a gzip file."""
_MARKUP = frozenset("\\`*_{}[]()#+-.!|<>&\"'~:=^$%@")
_MARKUP_RE = re.compile("[" + re.escape("".join(sorted(_MARKUP))) + "]")


SCROLL_CUE = (
    '<p class="ck-scroll-cue" aria-hidden="true">'
    "Bảng rộng: kéo ngang trong bảng để xem các cột bên phải →</p>"
)
"""Said above a table that scrolls sideways on a phone (hidden on a wider screen and on paper): by Biểu 06
(``scroll_cue`` in its template) and by :mod:`generator.build.tablecards` for other wide tables."""


Memo = Callable[[str, tuple[object, ...], Callable[[], str]], str]
"""``memo(path, inputs, make)``: the text of the file ``path``, made by ``make()`` from ``inputs`` (every
object it reads). The live preview passes one that reuses the previous text while the inputs are equal."""


def no_memo(path: str, inputs: tuple[object, ...], make: Callable[[], str]) -> str:
    """Always make the text (``congkhai build``)."""
    return make()


@dataclass(frozen=True)
class Page:
    """One generated file of the documentation folder: its path there and how to make its text (or its
    UTF-8 bytes, for a file assembled from parts made as bytes).

    The text is made when asked for, by the process that writes the file: pages are made and written in
    several processes, and their texts never travel between processes (nor stay in memory).
    """

    path: str
    make: Callable[[], str | bytes]

    @property
    def content(self) -> str | bytes:
        """The file's text or bytes (made again at every call)."""
        return self.make()

    @property
    def text(self) -> str:
        """The file's text (made again at every call); a gzipped file's, inflated (the goldens hold it)."""
        content = self.make()
        if isinstance(content, bytes):
            return (gzip.decompress(content) if content[:2] == GZIP_MAGIC else content).decode("utf-8")
        return content

    @classmethod
    def of(cls, path: str, text: str) -> Page:
        """A page whose text is already made."""
        return cls(path, partial(str, text))


def md(value: object) -> Markup:
    """Inline text that renders literally: whitespace collapsed, Markdown/HTML punctuation escaped."""
    return Markup(_MARKUP_RE.sub(_entity, inline(value)))


def _entity(match: re.Match[str]) -> str:
    return f"&#{ord(match[0])};"


def md_text(value: object, indent: int = 0) -> Markup:
    """Several lines of text: each non-empty line escaped and kept as its own paragraph."""
    return Markup("\n\n" + " " * indent).join(md(line) for line in lines(value))


def inline(value: object) -> str:
    """Inline text for an HTML block: whitespace collapsed (autoescape escapes it)."""
    return " ".join(str(value).split())


def lines(value: object) -> list[str]:
    """The non-empty lines of a text, each collapsed (autoescape escapes them)."""
    return [inline(line) for line in str(value).splitlines() if line.strip()]


def paragraphs(value: object) -> Markup:
    """Several lines of text for an HTML block: one escaped ``<p>`` per non-empty line."""
    return Markup("\n").join(Markup("<p>%s</p>") % line for line in lines(value))


def join_lines(values: Iterable[object]) -> Markup:
    """Values on lines of their own in one table cell, each escaped."""
    return Markup("<br>").join(escape(inline(value)) for value in values)


def raw(caller: Callable[[], str]) -> Markup:
    """``{% call raw() %}…{% endcall %}``: the HTML inside, marked for the ``generator.build.rawhtml``
    extension (its heading lines become the page's headings)."""
    html = caller().strip()
    return Markup(wrap(html)) if html else Markup("")


def page_url(path: str) -> str:
    """The address MkDocs gives the docs file ``path`` (``use_directory_urls: true``)."""
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative_link(page: str, target: str) -> str:
    """The link from the docs page ``page`` to ``target`` (relative to ``page``, as Markdown links are),
    as MkDocs writes it. Pages are folders: from ``thu-tuc/a.md``, ``../linh-vuc/b.md`` is
    ``../../linh-vuc/b/``."""
    here = page_url(page).split("/")[:-1]
    there = page_url(posixpath.normpath(posixpath.join(posixpath.dirname(page), target))).split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:]) or "./"


def root_link(page: str, target: str) -> str:
    """The link from the docs page ``page`` to the docs path ``target`` (from the docs root)."""
    return relative_link(page, posixpath.relpath(target, posixpath.dirname(page) or "."))


def url(value: str) -> Markup:
    """A link target for a validated http(s) address, with characters Markdown or HTML read
    percent-encoded (``&`` stays: Markdown and HTML attributes read it as itself)."""
    if not re.match(URL_PATTERN, value):
        raise ValueError(f"not an http(s) address: {value!r}")
    return Markup(quote(value, safe=":/?#[]@!$&*+,;=%~-._"))


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


_FOLDERS: dict[str, BaseLoader] = {}
_TEMPLATES = PrefixLoader(_FOLDERS)
"""Each template folder under its prefix: ``site/home.md.j2`` is ``home.md.j2`` of the folder ``site``."""


def add_templates(prefix: str, folder: Path) -> None:
    """Make the templates of ``folder`` available as ``<prefix>/<name>`` (each dataset adds its own)."""
    known = _FOLDERS.get(prefix)
    if isinstance(known, FileSystemLoader) and known.searchpath == [str(folder)]:
        return
    if known is not None:
        raise ValueError(f"template prefix {prefix!r} is already taken")
    _FOLDERS[prefix] = FileSystemLoader(folder)


def _environment() -> Environment:
    env = Environment(
        loader=_TEMPLATES,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=True,
        auto_reload=False,  # the templates are the package's: no need to look at their files every time
    )
    env.filters.update(md=md, md_text=md_text, url=url, number=number, vdate=vdate, labels=labels)
    env.filters.update(inline=inline, lines=lines, paragraphs=paragraphs, join_lines=join_lines)
    env.globals.update(raw=raw, scroll_cue=Markup(SCROLL_CUE))
    return env


_ENV = _environment()


def render(template: str, **context: Any) -> Markup:
    """Render one template with ``context``; a missing value fails loudly. Every template renders with
    autoescape on, included ones too: a value is escaped unless a filter made it :class:`Markup` (``md``,
    ``md_text``, ``url``, ``paragraphs``, ``join_lines``) or it is the rendering of another template."""
    return Markup(_ENV.get_template(template).render(**context))


def front_matter(title: str, description: str, **extra: bool) -> Markup:
    """YAML front matter, HTML-escaped: the theme prints ``title`` and ``description`` unescaped."""
    matter: dict[str, str | bool] = {
        "title": html.escape(title),
        "description": html.escape(description),
        **extra,
    }
    return Markup(dump_front_matter(matter))
