"""Hand-written pages through Python-Markdown: sanitised in the build, rendered ahead in ``check``.

Every hand page is published with :data:`MARKER` as the first line of its Markdown (after its front
matter, see :mod:`generator.site.handpages`). In the build, :func:`register` (called by the
``generator.build.rawhtml`` extension, which ``mkdocs.yml`` lists) adds a preprocessor that removes the
marker and a postprocessor that then cleans the page's whole HTML with
:func:`~generator.core.sanitise.clean_html`, after raw HTML is put back: whatever the Markdown made,
the published page holds only what the policy allows. Staff cannot remove the marker, and a generated
page cannot hold it (every value in one is escaped). The marker also keeps MkDocs from reading
MultiMarkdown-style ``key: value`` lines at the top of a page without front matter as metadata.

:func:`render` makes the same HTML at check time, with the extensions ``mkdocs.yml`` lists
(:data:`EXTENSIONS`; a test compares the lists), and collects the links MkDocs will check. This module
is in the core so that both the build (the extension) and the site (the hand pages) may import it; it
names ``generator.build.rawhtml`` only as a string, which Python-Markdown imports when rendering.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions.toc import TocExtension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from pymdownx.slugs import slugify

from generator.core import mdbounds
from generator.core.sanitise import clean_html

MARKER = "<!-- congkhai:trang -->"
"""The first line of a hand page's Markdown: the page is to be sanitised."""
EXTENSIONS = ("generator.build.rawhtml", "tables", "attr_list", "admonition", "md_in_html", "toc")
"""The Markdown extensions of ``mkdocs.yml``, by name, in order."""


class _Flag:
    """Whether the page being converted is a hand page (set by the preprocessor, for the postprocessor)."""

    on = False


class _FindMarker(Preprocessor):
    def __init__(self, md: Markdown, flag: _Flag) -> None:
        super().__init__(md)
        self.flag = flag

    def run(self, lines: list[str]) -> list[str]:
        self.flag.on = bool(lines) and lines[0].strip() == MARKER
        return lines[1:] if self.flag.on else lines


class _Clean(Postprocessor):
    def __init__(self, md: Markdown, flag: _Flag) -> None:
        super().__init__(md)
        self.flag = flag

    def run(self, text: str) -> str:
        return clean_html(text) if self.flag.on else text


def register(md: Markdown) -> None:
    """Sanitise hand pages converted by ``md``: find the marker first of all preprocessors, clean the
    HTML after every postprocessor (raw HTML is put back at 30)."""
    flag = _Flag()
    md.preprocessors.register(_FindMarker(md, flag), "congkhai_hand_marker", 100)
    md.postprocessors.register(_Clean(md, flag), "congkhai_hand_clean", -100)


@dataclass
class Rendered:
    """A hand page's HTML as the build makes it (before sanitising) and what MkDocs will check in it:
    the links and images of Markdown syntax (MkDocs does not check raw HTML) and the ``id`` values."""

    html: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)
    """``(tag, address)``: ``("a", href)`` or ``("img", src)``."""


class _Links(Treeprocessor):
    def __init__(self, md: Markdown, rendered: Rendered) -> None:
        super().__init__(md)
        self.rendered = rendered

    def run(self, root: Element) -> None:
        for element in root.iter():
            attribute = {"a": "href", "img": "src"}.get(str(element.tag))
            if attribute and element.get(attribute) is not None:
                self.rendered.links.append((str(element.tag), element.get(attribute, "")))


def render(markdown: str) -> Rendered:
    """The HTML the build makes of a hand page's Markdown (front matter and marker removed), not yet
    sanitised, with its links; :class:`~generator.core.mdbounds.TooComplex` if its texts would take the
    inline patterns too long (its lines are checked first: :func:`generator.core.mdbounds.block_problem`)."""
    rendered = Rendered()
    md = Markdown(extensions=[*EXTENSIONS[:-1], TocExtension(permalink=False, slugify=slugify(case="lower"))])
    mdbounds.register(md)
    # MkDocs checks links after attribute lists (8) and the table of contents (5), at priority 0.
    md.treeprocessors.register(_Links(md, rendered), "congkhai_links", 0)
    rendered.html = md.convert(markdown)
    return rendered
