"""One page of every kind a built site holds, derived from its folders, so that a new dataset's pages
are checked as soon as they are built."""

from __future__ import annotations

import re
from pathlib import Path

MANY = 3
"""A folder with at least this many pages named without digits (the sectors, the plan's units) holds
pages of one kind."""
NOT_PAGES = {"assets", "pagefind", "mau", "search", "admin"}


def _numbered(part: str) -> str:
    """A name with numbers, generalised: digits become ``N``, a run of letters or Roman numerals between
    dashes ``X`` (the plan's tasks ``a-vii-01`` and ``b-01`` are both ``X-N``)."""
    words = [re.sub(r"\d+", "N", w) for w in part.split("-")]
    words = ["X" if re.fullmatch(r"[a-z]|[ivx]+", w) else w for w in words]
    return re.sub(r"X(-X)+", "X", "-".join(words))


def _kind(parts: tuple[str, ...], many: set[tuple[str, ...]]) -> str:
    """The kind of the page at ``parts``: digits become ``N``; a page among many alike becomes ``*``."""
    kind = []
    for depth, part in enumerate(parts):
        if re.search(r"\d", part):
            kind.append(_numbered(part))
        elif depth and parts[:depth] in many:
            kind.append("*")
        else:
            kind.append(part)
    return "/".join(kind)


def page_kinds(site: Path) -> dict[str, str]:
    """``{kind: address}``: the first page (in path order) of each kind of page of ``site``; a kind is
    the page's folder path with its numbers and its names among many alike generalised (``thu-tuc/N.N``,
    ``linh-vuc/*``, ``ke-hoach/N/quy-N``)."""
    pages = sorted(
        p.parent.relative_to(site).parts
        for p in site.rglob("index.html")
        if not set(p.relative_to(site).parts) & NOT_PAGES
    )
    named: dict[tuple[str, ...], int] = {}
    for parts in pages:
        if parts and not re.search(r"\d", parts[-1]):
            named[parts[:-1]] = named.get(parts[:-1], 0) + 1
    many = {folder for folder, count in named.items() if count >= MANY and folder}
    kinds: dict[str, str] = {}
    for parts in pages:
        kinds.setdefault(_kind(parts, many) or "/", "".join(f"{part}/" for part in parts))
    return kinds
