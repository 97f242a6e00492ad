"""MkDocs' state kept by the live preview from one rebuild to the next.

``mkdocs build --dirty`` starts from nothing at every rebuild: it reads the configuration, lists the docs
folder, makes a ``File`` and a ``Page`` for each of its files and the navigation, then skips the files
that did not change. At 5,000 procedures + 5,000 feedback items that was about 1 s of a one-record
rebuild for 20,000 files. :class:`LiveMkDocs` makes them once after a full build and, while the
navigation and the configuration stay the same (the preview builds in full otherwise), updates them from
the docs files the generator wrote and removed, then runs MkDocs' own steps for those files alone:
read and render the changed pages, copy the changed static files, write the theme's templates (404 page,
sitemap) and the changed pages, check their anchors. Every other page's HTML depends on nothing that
changed, so the site equals a full build (``tests/test_preview.py``).

The steps are MkDocs' own private functions (``mkdocs.commands.build``, MkDocs 1.6.1 as pinned): the
order and the plugin events follow :func:`mkdocs.commands.build.build`, except ``on_config`` and
``on_pre_build``, run once when the state is made, and ``on_files`` and ``on_nav``, run for the new files
and once.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page
from mkdocs.structure.files import File, Files, _file_sort_key, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date

from generator.build.mkdocsrun import configured, strictly


@dataclass
class _State:
    config: Any
    """MkDocs' configuration with our plugins."""
    docs: dict[str, File]
    """The docs folder's files, by path."""
    theme: list[File]
    """The theme's files that the docs folder does not replace."""
    files: Files
    nav: Navigation
    env: Any
    date: str
    """The build date the pages carry (``SOURCE_DATE_EPOCH``)."""


class LiveMkDocs:
    """MkDocs' configuration, files and navigation of the last full build, updated by each one-record
    rebuild (see the module)."""

    def __init__(self) -> None:
        self._state: _State | None = None

    def reset(self, config_file: Path | None = None, options: dict[str, Any] | None = None) -> None:
        """Forget the state; with ``config_file`` and ``options``, make it for the docs folder as it is
        (after a full build of it)."""
        self._state = None
        if config_file is not None and options is not None:
            self._state = strictly(lambda: _start(config_file, options))

    def build(self, changed: Collection[str]) -> Any:
        """Build the docs files ``changed`` (written or removed) into the site; return MkDocs' config.
        The state must have been made (:meth:`reset`); it is forgotten if the build fails."""
        state = self._state
        assert state is not None, "a full build comes first"
        self._state = None
        strictly(lambda: _update(state, changed))
        self._state = state
        return state.config

    @property
    def ready(self) -> bool:
        """Whether a state is kept."""
        return self._state is not None


def _start(config_file: Path, options: dict[str, Any]) -> _State:
    """MkDocs' steps of a build up to the navigation, and the pages outside it, without rendering."""
    config = configured(config_file, options, strict=True)
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    docs = get_files(config)
    names = {file.src_uri for file in docs}
    env = config.theme.get_env()
    docs.add_files_from_theme(env, config)
    files = config.plugins.on_files(docs, config=config)
    set_exclusions(files, config)
    nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
    for file in files.documentation_pages():
        if file.page is None:
            Page(None, file, config)
    return _State(
        config=config,
        docs={file.src_uri: file for file in files if file.src_uri in names},
        theme=[file for file in files if file.src_uri not in names],
        files=files,
        nav=nav,
        env=env,
        date=get_build_date(),
    )


def _update(state: _State, changed: Collection[str]) -> None:
    """Bring the state up to date with the docs files ``changed`` and build them, as MkDocs would."""
    config = state.config
    new = [file for path in changed if (file := _refresh(state, path)) is not None]
    if new or any(path not in state.docs for path in changed):
        state.files = Files([*sorted(state.docs.values(), key=_walk_order), *state.theme])
    if new:
        set_exclusions(new, config)
        config.plugins.on_files(Files(new), config=config)
        for file in new:
            if file.is_documentation_page() and _included(file):
                Page(None, file, config)
    if (date := get_build_date()) != state.date:  # SOURCE_DATE_EPOCH moved: the sitemap's dates
        state.date = date
        for file in state.files.documentation_pages():
            if file.page is not None:
                file.page.update_date = date
    built = [file for path in sorted(changed) if (file := state.docs.get(path)) and _included(file)]
    pages = [file.page for file in built if file.page is not None]
    for page in pages:
        _populate_page(page, config, state.files)
    env = config.plugins.on_env(state.env, config=config, files=state.files)
    for file in built:
        if not file.is_documentation_page():
            file.copy_file()
    for template in config.theme.static_templates:
        _build_theme_template(template, env, state.files, config, state.nav)
    doc_files = state.files.documentation_pages()
    for page in pages:
        _build_page(page, config, doc_files, state.nav, env)
    for page in pages:
        page.validate_anchor_links(files=state.files, log_level=config.validation.links.anchors)
    config.plugins.on_post_build(config=config)


def _refresh(state: _State, path: str) -> File | None:
    """Note that the docs file ``path`` changed: a new ``File`` when it is new (returned), none when
    it is gone."""
    config = state.config
    exists = os.path.isfile(os.path.join(config.docs_dir, path))
    if not exists:
        state.docs.pop(path, None)
        return None
    if path in state.docs:
        return None
    file = File(path, config.docs_dir, config.site_dir, config.use_directory_urls)
    state.docs[path] = file
    return file


def _walk_order(file: File) -> tuple[list[str], Any]:
    """The place of ``file`` in :func:`mkdocs.structure.files.get_files`' list: folders depth first in
    name order, each folder's files before its subfolders'."""
    folder, name = posixpath.split(file.src_uri)
    return (folder.split("/") if folder else []), _file_sort_key(name)


def _included(file: File) -> bool:
    """Whether MkDocs builds ``file`` (neither excluded nor a draft)."""
    return bool(file.inclusion.is_included())  # type: ignore[no-untyped-call]
