"""One Python-Markdown converter for every page of a MkDocs build, reset between pages.

MkDocs (pinned: ``mkdocs==1.6.1``, ``Page.render``) makes a new ``markdown.Markdown`` for each page, and
with it every extension, processor and inline pattern: at 5,000 procedures + 5,000 feedback items that
was an eighth of the MkDocs stage. Python-Markdown documents the other way, one instance ``reset()``
between documents, which clears the HTML stash, the references and each extension's state (the table of
contents). MkDocs' own per-page processors (anchors, relative links, title) are registered again by
name on each page, replacing the previous page's. Inside :func:`one_markdown`, a converter asked for with
the same extensions and settings as the first one is that first one, reset; any other is a new one.
The one converter is a :class:`~generator.build.blockpage.BlockPageMarkdown`, which converts a page
made of one generator block without Python-Markdown's parsing stages.
``tests/test_site.py`` compares the built site with its goldens and a one-process build.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import markdown

from generator.build.blockpage import BlockPageMarkdown

_NEW = markdown.Markdown


class _Converters:
    """Hands out the converter made for the first extensions and settings asked for, reset."""

    def __init__(self) -> None:
        self._made: tuple[Sequence[Any], Mapping[str, Any], markdown.Markdown] | None = None

    def __call__(self, **options: Any) -> markdown.Markdown:
        extensions = options.get("extensions", ())
        configs = options.get("extension_configs", {})
        if self._made is None:
            self._made = (extensions, configs, BlockPageMarkdown(**options))
        made_extensions, made_configs, converter = self._made
        if set(options) <= {"extensions", "extension_configs"} and (
            extensions is made_extensions and configs == made_configs
        ):
            return converter.reset()
        return _NEW(**options)


@contextmanager
def one_markdown() -> Iterator[None]:
    """Within: ``markdown.Markdown(...)`` with the first call's extensions gives one converter, reset."""
    markdown.Markdown = _Converters()  # type: ignore[assignment,misc]
    try:
        yield
    finally:
        markdown.Markdown = _NEW  # type: ignore[misc]
