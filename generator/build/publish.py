"""Publishing a built site: one build at a time, an atomic switch, and the previous version kept.

For the output ``site`` congkhai keeps, beside it, a folder ``site.versions``::

    site -> site.versions/20250301-101500-3fa9c2      the live site: a symlink to a complete version
    site.versions/
        .congkhai                                     the marker (see :mod:`generator.build.paths`)
        .congkhai.lock                                held by the build (or rollback) using this output
        20250301-101500-3fa9c2/                       the live version
        20250228-170200-91b0de/                       the previous version
        previous -> 20250228-170200-91b0de            what ``congkhai rollback`` switches back to
        .staging-4242-8d1e0f3a/                       a build in progress (its site is built inside)

A build holds the lock, builds into a staging folder of its own, moves the finished site to a new version
and switches ``site`` to it with one ``os.replace`` of a new symlink: a web server serving ``site`` sees the
old site or the new one, never a mix or nothing. Versions older than the previous one are removed; so are
staging folders left by a killed build (the lock proves that no build is using them). Only folders carrying
congkhai's marker are ever removed.

An ``out`` that is a real folder left by an older congkhai (``index.html`` and ``du-lieu/``, no marker) is
taken over only when asked (:data:`~generator.build.paths.TAKE_OVER`): it is moved whole beside ``out``
(``site.ban-cu``) when the first new build is switched live, and never deleted. An empty one is
replaced; any other existing folder, file or symlink is refused, and so is an ``out`` that is, holds or
lies inside another output's versions folder, or lies inside another folder congkhai made.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.build import paths
from generator.build.paths import Places
from generator.core.errors import CongkhaiError

VERSIONS = paths.VERSIONS
"""The suffix of the folder beside the output that holds its versions."""
PREVIOUS = "previous"
"""The symlink, in the versions folder, to the version :func:`Output.rollback` switches back to."""
STAGING = ".staging-"
"""The prefix of a build's staging folder in the versions folder."""
SWITCH = ".switch-"
"""The prefix of a new symlink before it replaces the live one."""
ROLE = "thư mục xuất bản (--out)"


class PublishError(CongkhaiError):
    """The output cannot be switched as asked (nothing to roll back to, or not a congkhai output)."""


@dataclass(frozen=True)
class Output:
    """The output ``link`` (the live site, a symlink) and the folder of its versions beside it."""

    link: Path
    versions: Path

    @classmethod
    def at(cls, out: Path) -> Output:
        """The output named ``out`` (symlinks of its parents resolved, not ``out`` itself)."""
        link = paths.located(out)
        return cls(link, link.parent / f"{link.name}{VERSIONS}")

    def check(self, places: Places, take_over: bool = False) -> None:
        """Raise :class:`~generator.build.paths.PathError` unless a build may publish here; with
        ``take_over``, a site an older congkhai left at ``link`` is accepted (:meth:`publish` moves it
        aside)."""
        paths.check_place(self.link, ROLE, places)
        paths.check_place(self.versions, ROLE, places)
        paths.check_apart_from_others(self.link, ROLE)
        paths.check_apart_from_others(self.versions, ROLE, itself=False)
        paths.check_claimable(self.versions, ROLE)
        if self.link.is_symlink():
            if self.live() is None:
                raise paths.refuse(self.link, ROLE, "đó là một liên kết tượng trưng không do congkhai tạo")
        elif self.link.exists() and not self.link.is_dir():
            raise paths.refuse(self.link, ROLE, "đó là một tệp, không phải thư mục")
        elif self.link.is_dir() and not paths.is_empty(self.link):
            self._check_old_site(take_over)

    def _check_old_site(self, take_over: bool) -> None:
        """Raise :class:`~generator.build.paths.PathError` unless the real, non-empty folder at ``link``
        is a site an older congkhai left, ``take_over`` is asked, and it holds no versions folder."""
        if paths.marked(self.link):
            reason = f"đó là một thư mục congkhai tạo cho việc khác (có tệp {paths.MARKER})"
            raise paths.refuse(self.link, ROLE, reason)
        if not _old_site(self.link):
            raise paths.refuse(self.link, ROLE, paths.NOT_OURS)
        if not take_over:
            how = f"chạy lại với {paths.TAKE_OVER}"
            hint = paths.take_over_hint(self.link, "trang do congkhai cũ xuất bản", how)
            raise paths.refuse(self.link, ROLE, paths.NOT_OURS + hint)
        paths.check_holds_no_versions(self.link, ROLE)

    def live(self) -> str | None:
        """The name of the live version, or None when ``link`` is not a congkhai symlink."""
        return _version(self.link, f"{self.versions.name}/")

    def previous(self) -> str | None:
        """The name of the version a rollback switches to, if any."""
        return _version(self.versions / PREVIOUS, "")

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the output's lock while the block runs (another build or rollback is refused), after
        removing what killed builds left."""
        paths.mark(self.versions)
        busy = (
            f"một lần xuất bản khác vào «{self.link}» đang chạy; "
            "chờ nó xong rồi chạy lại (trang đang chạy giữ nguyên)."
        )
        with paths.hold(self.versions, busy):
            self._remove_stale()
            yield

    @contextmanager
    def staging(self) -> Iterator[Path]:
        """A folder, new and unique to this build, to build the site in; removed afterwards."""
        folder = self.versions / f"{STAGING}{os.getpid()}-{secrets.token_hex(4)}"
        folder.mkdir()
        paths.mark(folder)
        try:
            yield folder / "site"
        finally:
            paths.remove_marked(folder)

    def publish(self, site: Path) -> tuple[str, Path | None]:
        """Make the complete ``site`` (built in :meth:`staging`) the live version; return its name, and
        where an older congkhai's site at ``link`` (taken over) was moved, if there was one.

        The live version becomes the previous one; older versions are removed.
        """
        paths.mark(site)
        name = _new_version()
        site.rename(self.versions / name)
        before = self.live()
        moved = self._clear_link()
        self._point(self.link, f"{self.versions.name}/{name}")
        if before is not None:
            self._point(self.versions / PREVIOUS, before)
        self._remove_versions(keep={name, before})
        return name, moved

    def rollback(self) -> tuple[str, str]:
        """Switch back to the previous version; return (the version now live, the one it replaced).

        The replaced version becomes the previous one, so that a second rollback undoes the first.
        """
        live, previous = self.live(), self.previous()
        if live is None:
            raise PublishError(
                f"«{self.link}» không phải trang do congkhai xuất bản; không có gì để quay lại."
            )
        if previous is None or not paths.marked(self.versions / previous):
            raise PublishError(
                f"không có phiên bản trước để quay lại; «{self.link}» vẫn là phiên bản {live}."
            )
        self._point(self.link, f"{self.versions.name}/{previous}")
        self._point(self.versions / PREVIOUS, live)
        return previous, live

    def _point(self, link: Path, target: str) -> None:
        """Make ``link`` a symlink to ``target`` in one rename: it never is missing or half made."""
        new = self.versions / f"{SWITCH}{secrets.token_hex(4)}"
        os.symlink(target, new)
        os.replace(new, link)

    def _clear_link(self) -> Path | None:
        """Make room for the symlink at ``link``: remove an empty folder, move aside (never delete) an
        older congkhai's site taken over (:meth:`check`); where that went, if anywhere."""
        if self.link.is_symlink() or not self.link.is_dir():
            return None
        if paths.is_empty(self.link):
            self.link.rmdir()
            return None
        return paths.set_aside(self.link)

    def _remove_stale(self) -> None:
        """Remove the staging folders and half-made symlinks of builds that were killed."""
        for entry in self.versions.iterdir():
            if entry.name.startswith(STAGING):
                paths.remove_marked(entry)
            elif entry.name.startswith(SWITCH) and entry.is_symlink():
                entry.unlink()

    def _remove_versions(self, keep: set[str | None]) -> None:
        for entry in self.versions.iterdir():
            if not entry.name.startswith(".") and entry.name != PREVIOUS and entry.name not in keep:
                paths.remove_marked(entry)


def roll_back(output: Output) -> tuple[str, str]:
    """Switch ``output`` back to its previous version, holding its lock (see :meth:`Output.rollback`)."""
    if output.live() is None or not paths.marked(output.versions):
        raise PublishError(f"«{output.link}» không phải trang do congkhai xuất bản; không có gì để quay lại.")
    with output.lock():
        return output.rollback()


def _version(link: Path, prefix: str) -> str | None:
    """The version ``link`` points to when it is a symlink to ``<prefix><version>``."""
    if not link.is_symlink():
        return None
    target = os.readlink(link)
    name = target.removeprefix(prefix)
    if not target.startswith(prefix) or not name or "/" in name or name.startswith("."):
        return None
    return name


def _old_site(folder: Path) -> bool:
    """Whether ``folder`` looks like a site published by an older congkhai (which wrote no marker)."""
    return (folder / "index.html").is_file() and (folder / "du-lieu").is_dir()


def _new_version() -> str:
    """A new version's name: when it was made, and a random part that makes it unique."""
    return f"{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(3)}"
