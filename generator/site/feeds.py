"""Atom feeds of every dataset, written by feedgen from entries the datasets give.

A dataset declares its feeds (:meth:`Dataset.feeds <generator.site.dataset.Dataset.feeds>`): where
each is published, its title, the pages whose ``<head>`` links to it, and its entries, each dated by
the data (a record's update or a change's date), never by the build. An entry's id is its page's
address with the date and an optional tag, so that it stays the same from one build to the next and a
new version of a record is a new entry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from feedgen.feed import FeedGenerator

from generator.core.render import page_url

FEED_SIZE = 50
"""The most entries a feed holds, newest first."""
NO_URL = "https://example.invalid/"
"""The base address of feeds of a site whose ``url_trang`` is not set."""


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed."""

    page: str
    """The docs path of the page the entry is about (``thu-tuc/1.013859.md``)."""
    title: str
    updated: date
    """The date of the data the entry is about (never the build's)."""
    summary: str
    tag: str = ""
    """Tells apart entries about one page on one date (a commit's short hash, a change's number)."""

    def id(self, base: str) -> str:
        """The entry's stable id: its page's address, the date and the tag."""
        fragment = self.updated.isoformat() + (f"-{self.tag}" if self.tag else "")
        return f"{base}{page_url(self.page)}#{fragment}"


@dataclass(frozen=True)
class Feed:
    """One Atom feed of a dataset."""

    path: str
    """Its docs path (``du-lieu/thu-tuc.xml``)."""
    title: str
    entries: Callable[[], Sequence[FeedEntry]]
    """Its entries, in any order: the feed keeps the :data:`FEED_SIZE` newest."""
    pages: tuple[str, ...] = ()
    """The docs paths of the pages whose ``<head>`` links to the feed."""


def base_url(url: str | None) -> str:
    """The site's address, ending with ``/``."""
    return (url or NO_URL).rstrip("/") + "/"


def atom_text(feed: Feed, site_url: str | None, author: str, fallback: date | None) -> str:
    """The Atom XML of ``feed``; ``fallback`` dates a feed without entries (the content version)."""
    base = base_url(site_url)
    newest = sorted(feed.entries(), key=lambda e: (e.updated, e.page, e.tag), reverse=True)[:FEED_SIZE]
    generator = FeedGenerator()
    generator.id(f"{base}{feed.path}")
    generator.title(feed.title)
    generator.author({"name": author})
    generator.link(href=f"{base}{feed.path}", rel="self")
    generator.link(href=base, rel="alternate")
    generator.language("vi")
    generator.generator("congkhai")
    generator.updated(_stamp(newest[0].updated if newest else fallback or date(1970, 1, 1)))
    for entry in reversed(newest):  # feedgen writes the last entry added first
        item = generator.add_entry()
        item.id(entry.id(base))
        item.title(entry.title)
        item.link(href=f"{base}{page_url(entry.page)}")
        item.updated(_stamp(entry.updated))
        item.summary(entry.summary)
    return str(generator.atom_str(pretty=True).decode("utf-8"))


def _stamp(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def head_links(feeds: Sequence[Feed]) -> dict[str, list[dict[str, str]]]:
    """For each page that links to feeds, the feeds' titles and docs paths (the theme writes the
    ``<link rel="alternate">``)."""
    links: dict[str, list[dict[str, str]]] = {}
    for feed in feeds:
        for page in feed.pages:
            links.setdefault(page, []).append({"title": feed.title, "href": feed.path})
    return links
