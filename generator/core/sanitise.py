"""The HTML allowed in hand-written pages, enforced with ``nh3`` (the Ammonia sanitiser).

Staff write Markdown, which may hold raw HTML (``<script>``, ``<iframe>``, ``onclick=…``), attribute
lists (``{onclick="…"}``) and links of any scheme (``[x](javascript:…)``). Rather than guess which
parts of the Markdown become HTML, the HTML that Python-Markdown makes of a hand page is cleaned as a
whole: :func:`clean_html` runs in the build (``generator.core.handsafe``), on exactly what MkDocs
publishes, and :func:`removals` tells ``check`` beforehand what it will remove, to report it.

The policy: the tags of ordinary text (:data:`TAGS`), a few attributes (:data:`ATTRIBUTES`), links and
images that are relative or ``http``, ``https`` or ``mailto`` (:data:`URL_SCHEMES`), and of inline
styles only ``text-align`` (which the ``tables`` extension writes for aligned columns). The contents
of :data:`CONTENT_TAGS` go with them (a script's code is not shown as text); other tags removed keep
their text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

_TAG_NAMES = (
    "a abbr b blockquote br caption cite code col colgroup dd del details dfn div dl dt em figcaption "
    "figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strong sub "
    "summary sup table tbody td tfoot th thead tr u ul var"
)
TAGS = frozenset(_TAG_NAMES.split())
"""The tags a hand page may produce."""
CONTENT_TAGS = frozenset(
    ("script", "style", "iframe", "noscript", "template", "object", "embed", "svg", "math", "textarea")
)
"""Tags removed together with their contents."""
ATTRIBUTES = {
    "*": frozenset({"id", "class", "title", "lang", "dir"}),
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "th": frozenset({"style", "colspan", "rowspan", "align"}),
    "td": frozenset({"style", "colspan", "rowspan", "align"}),
    "ol": frozenset({"start", "type"}),
    "details": frozenset({"open"}),
}
"""The attributes allowed on each tag (``*``: on every tag)."""
URL_ATTRIBUTES = frozenset({"href", "src"})
URL_SCHEMES = frozenset({"http", "https", "mailto"})
"""The schemes a link or image may have; a relative address (no scheme) is allowed too."""
STYLE_PROPERTIES = frozenset({"text-align"})

_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")


def clean_html(html: str) -> str:
    """``html`` with everything :data:`TAGS`, :data:`ATTRIBUTES`, :data:`URL_SCHEMES` and
    :data:`STYLE_PROPERTIES` do not allow removed."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags=set(CONTENT_TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
        link_rel=None,
        strip_comments=True,
    )


def url_allowed(url: str) -> bool:
    """Whether ``url`` is relative or of an allowed scheme, read as a browser reads it (ignoring
    spaces, tabs and line breaks anywhere, and case)."""
    scheme = _SCHEME.match(_INVISIBLE.sub("", url).lower())
    return scheme is None or scheme[1] in URL_SCHEMES


@dataclass(frozen=True)
class Removal:
    """One thing :func:`clean_html` removes: a tag (``attribute`` empty), an attribute, or an address or
    a style that an attribute may not hold (``value``)."""

    tag: str
    attribute: str = ""
    value: str = ""

    @property
    def key(self) -> str:
        """``<tag>`` or ``<tag attribute>``, as the warning names it."""
        return f"<{self.tag} {self.attribute}>" if self.attribute else f"<{self.tag}>"

    @property
    def message(self) -> str:
        """What was removed and why, in Vietnamese."""
        if not self.attribute:
            kept = "cùng nội dung bên trong" if self.tag in CONTENT_TAGS else "nhưng giữ phần chữ bên trong"
            return f"thẻ không được phép; đã bỏ thẻ {kept}"
        if not self.value:
            return "thuộc tính không được phép; đã bỏ"
        if self.attribute == "style":
            return f"kiểu trình bày «{shown(self.value)}» không được phép (chỉ text-align); đã bỏ"
        return (
            f"địa chỉ «{shown(self.value)}» không được phép (chỉ http, https, mailto hoặc liên kết "
            "tương đối); đã bỏ"
        )

    @property
    def needles(self) -> tuple[str, ...]:
        """Texts to look for in the Markdown source to find the line, most telling first."""
        if self.value:
            return (self.value, f"{self.attribute}=", f"<{self.tag}")
        if self.attribute:
            return (f"{self.attribute}=", self.attribute, f"<{self.tag}")
        return (f"<{self.tag}",)


def shown(value: str, limit: int = 60) -> str:
    """``value`` for a message: control characters escaped, cut to ``limit`` characters with «…»."""
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 256 else "?" for c in value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def removals(html: str) -> list[Removal]:
    """What :func:`clean_html` removes from ``html``, in document order (found with the standard
    library's HTML parser and the same policy: for reporting, not for safety)."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Removal] = []
        self._inside: str | None = None  # a content tag being removed whole

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._inside:
            return
        if tag not in TAGS:
            self.found.append(Removal(tag))
            if tag in CONTENT_TAGS:
                self._inside = tag
            return
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            if name not in allowed:
                self.found.append(Removal(tag, name))
            elif name in URL_ATTRIBUTES and value is not None and not url_allowed(value):
                self.found.append(Removal(tag, name, value))
            elif name == "style" and value:
                for declaration in filter(None, (d.strip() for d in value.split(";"))):
                    if declaration.split(":")[0].strip().lower() not in STYLE_PROPERTIES:
                        self.found.append(Removal(tag, name, declaration))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        inside = self._inside
        self.handle_starttag(tag, attrs)
        self._inside = inside

    def handle_endtag(self, tag: str) -> None:
        if tag == self._inside:
            self._inside = None
