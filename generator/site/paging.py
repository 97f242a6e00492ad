"""Long lists split into pages of a bounded size, with a pager that works without JavaScript.

A list whose first page is the docs path ``pakn/index.md`` (or ``pakn/qua-han.md``) continues on
``pakn/trang-2.md`` (``pakn/qua-han/trang-2.md``) and so on: the first page keeps its address, so links
to a list never change when it grows past one page. Each page carries the pager of :func:`pager_html`:
the previous and next pages (``rel="prev"``, ``rel="next"``), the first and last pages and the pages
around the current one, numbered. The pager is ``data-pagefind-ignore``: search never indexes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from markupsafe import Markup

from generator.core.render import render, root_link

T = TypeVar("T")

AROUND = 2
"""How many page numbers the pager shows on each side of the current page."""


def page_paths(first: str, count: int) -> list[str]:
    """The docs paths of the ``count`` pages of a list whose first page is ``first``."""
    folder = first.removesuffix("index.md").removesuffix(".md").rstrip("/")
    prefix = f"{folder}/" if folder else ""
    return [first, *(f"{prefix}trang-{n}.md" for n in range(2, count + 1))]


@dataclass(frozen=True)
class Pager:
    """Where one page sits in its list: its number (from 1), every page's docs path, the items shown."""

    number: int
    paths: tuple[str, ...]
    start: int
    """The position (from 1) of the page's first item in the whole list."""
    shown: int
    """How many items the page shows."""
    total: int
    """How many items the whole list has."""

    @property
    def path(self) -> str:
        """The page's own docs path."""
        return self.paths[self.number - 1]

    @property
    def previous(self) -> str | None:
        """The previous page's docs path, if any."""
        return self.paths[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        """The next page's docs path, if any."""
        return self.paths[self.number] if self.number < len(self.paths) else None

    def title(self, title: str) -> str:
        """The page's title: the list's ``title``, with the page number after the first page."""
        return title if self.number == 1 else f"{title} (trang {self.number})"

    def numbers(self) -> list[int | None]:
        """The page numbers the pager shows, ``None`` where it leaves some out: the first, the last and
        :data:`AROUND` on each side of the current page."""
        last = len(self.paths)
        near = set(range(max(1, self.number - AROUND), min(last, self.number + AROUND) + 1))
        wanted = sorted({1, last} | near)
        shown: list[int | None] = []
        for n in wanted:
            if shown and n - (shown[-1] or 0) > 1:
                shown.append(None)
            shown.append(n)
        return shown


def paged(first: str, items: Sequence[T], size: int) -> list[tuple[Pager, Sequence[T]]]:
    """``items`` split into pages of at most ``size``, each with its :class:`Pager`; one (empty) page
    when there are none."""
    count = max(1, -(-len(items) // size))
    paths = tuple(page_paths(first, count))
    parts = [items[n * size : (n + 1) * size] for n in range(count)]
    return [(Pager(n + 1, paths, n * size + 1, len(part), len(items)), part) for n, part in enumerate(parts)]


def pager_html(pager: Pager) -> Markup:
    """The pager of one page (nothing when the list fits on one page)."""
    if len(pager.paths) == 1:
        return Markup("")
    return Markup(render("site/pager.md.j2", pager=pager, link=partial(root_link, pager.path)))
