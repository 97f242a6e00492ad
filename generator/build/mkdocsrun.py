"""The glue to MkDocs: one strict build, optionally split over several processes.

MkDocs renders pages one after another in one process, about 3 ms a page here, so a site of
thousands of records keeps one core busy while the other waits. With ``jobs`` > 1 the build is cut
by files: the files outside the navigation (the record pages, which the theme never links to each
other, the open data and the theme's assets) are dealt round-robin to ``jobs`` processes forked after the
content is generated. Each process runs the same MkDocs build in "dirty" mode and renders or copies only
its own files, MkDocs' own way of skipping unchanged files; the first process also renders the pages of
the navigation and writes the theme's own templates (404 page, sitemap). All write into the site's
folder, each its own files (moving the other processes' files from folders of their own took 1.8 s at
the end, with one core idle). ``tests/test_site.py`` checks that the result is byte-identical to a
build in one process.

Every build converts its pages with one Markdown converter (:mod:`generator.build.onemarkdown`) and
gets five plugins of ours: :class:`_SharedLayout` (the theme renders the layout around the pages outside
the navigation once per folder), :class:`_ExternalLinks` (links to other sites marked
``rel="noopener"``), :class:`_EscapedTitles` (titles escaped once wherever the theme prints them),
:class:`_WholeCodes` (codes and dates in tables never cut at a line's end) and
:class:`_LinkedCopies` (open data hard-linked into the site, not copied). Build
with ``congkhai build``: ``theme/`` needs them.

Every MkDocs warning fails the build (``--strict``), except the notice that a dirty build is dirty.
"""

from __future__ import annotations

import logging
import os
import posixpath
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import BytecodeCache, Environment, pass_context
from jinja2.bccache import Bucket
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.build.onemarkdown import one_markdown
from generator.build.security import mark_external_links
from generator.build.tablecards import label_tables
from generator.build.toolmessages import mkdocs_message
from generator.build.wholecodes import keep_codes_whole
from generator.core.errors import BuildError
from generator.core.parallel import fork_map, jobs_for

PAGES_PER_JOB = 400
"""Pages outside the navigation below which another process costs more (its start-up) than it saves."""
_DIRTY_NOTICE = "A 'dirty' build is being performed"
T = TypeVar("T")


def run_mkdocs(config_file: Path, options: dict[str, Any], *, jobs: int = 1) -> Any:
    """``mkdocs build --strict`` with ``options``; return MkDocs' config.

    A build with enough pages is shared by up to ``jobs`` processes (0: one per core; see the module).
    The live preview builds what an edit changed with :mod:`generator.build.livemkdocs`.
    """
    jobs = jobs_for(_markdown_pages(Path(options["docs_dir"])), PAGES_PER_JOB, jobs)
    if jobs == 1:
        return _build(config_file, options, dirty=False)
    return _build_shared(config_file, options, jobs)


def _build(config_file: Path, options: dict[str, Any], *, dirty: bool, share: _Share | None = None) -> Any:
    def run() -> Any:
        # A dirty build always warns that it is dirty: MkDocs' strict mode would abort on that alone,
        # so strictness is ours: any other warning fails the build (:func:`strictly`).
        config = configured(config_file, options, strict=not dirty)
        if share is not None:
            config.plugins["congkhai-share"] = share
        with one_markdown():
            build(config, dirty=dirty)
        return config

    return strictly(run)


def configured(config_file: Path, options: dict[str, Any], *, strict: bool) -> Any:
    """MkDocs' configuration from ``config_file`` and ``options``, with our plugins (see the module)."""
    config = load_config(config_file=str(config_file), **{**options, "strict": strict})
    config.plugins["congkhai-shared-layout"] = _SharedLayout()
    config.plugins["congkhai-links"] = _LinkedCopies()
    config.plugins["congkhai-external"] = _ExternalLinks()
    config.plugins["congkhai-escaped-titles"] = _EscapedTitles()
    config.plugins["congkhai-whole-codes"] = _WholeCodes()
    return config


def strictly(run: Callable[[], T]) -> T:
    """``run()``, which runs MkDocs: a :class:`BuildError` (in Vietnamese) if MkDocs fails or warns."""
    with _warnings() as messages:
        try:
            result = run()
        except OSError:
            raise  # a disk condition, told with its path by the command line
        except MkDocsException as exc:
            raise BuildError(_told("MkDocs không dựng được trang", messages or [str(exc)])) from exc
        except Exception as exc:
            if not messages:  # not MkDocs' error about a page: a fault of the program
                raise
            raise BuildError(_told("MkDocs không dựng được trang", messages)) from exc
    if messages:
        raise BuildError(_told("MkDocs báo lỗi khi dựng trang (chế độ nghiêm ngặt)", messages))
    return result


def _told(what: str, messages: list[str]) -> str:
    """One line: ``what``, then MkDocs' own first message in Vietnamese
    (:func:`~generator.build.toolmessages.mkdocs_message`) and how many more there were."""
    more = f" (và {len(messages) - 1} thông báo khác)" if len(messages) > 1 else ""
    return f"{what}: {mkdocs_message(messages[0])}{more}"


def _build_shared(config_file: Path, options: dict[str, Any], jobs: int) -> Any:
    shutil.rmtree(options["site_dir"], ignore_errors=True)
    tasks = [partial(_build_share, config_file, options, _Share(job, jobs)) for job in range(jobs)]
    return fork_map(tasks, jobs)[0]


def _build_share(config_file: Path, options: dict[str, Any], share: _Share) -> Any:
    """Build the files of ``share``; return MkDocs' config (share 0) or ``None``."""
    config = _build(config_file, options, dirty=True, share=share)
    return config if share.job == 0 else None


def _markdown_pages(docs: Path) -> int:
    """A cheap count for the decision: the Markdown pages (one folder listing each, no stat)."""
    return sum(name.endswith(".md") for _, _, names in os.walk(docs) for name in names)


class _Share(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Marks every file outside this process's share as unchanged, so the dirty build skips it.

    The files outside the navigation (procedure pages, open data, theme assets) are dealt round-robin to
    the shares; share 0 also keeps the pages of the navigation.
    """

    def __init__(self, job: int, jobs: int) -> None:
        self.job = job
        self.jobs = jobs

    def on_nav(self, nav: Navigation, /, *, config: Any, files: Files) -> Navigation:
        """Decide the share once MkDocs knows which pages the navigation lists; leave the theme's own
        templates (404 page, sitemap) to share 0. Not earlier: the theme's files MkDocs lists, the same
        in every share, leave those templates out."""
        if self.job != 0:
            config.theme.static_templates.clear()
        listed = {page.file.src_uri for page in nav.pages}
        shared = sorted(file.src_uri for file in files if file.src_uri not in listed)
        mine = set(shared[self.job :: self.jobs])
        for file in files:
            if file.src_uri not in mine and (self.job != 0 or file.src_uri not in listed):
                # MkDocs asks File.is_modified() in a dirty build whether to read, render and copy a file.
                setattr(file, "is_modified", _unchanged)  # noqa: B010
        return nav


def _unchanged() -> bool:
    return False


class _LinkedCopies(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Hard-links into the site the files of the docs folder that MkDocs copies as they are (the open
    data: one file a procedure) instead of copying them, which on a slow disk costs more than writing.

    A link is safe because the generator never rewrites a docs file in place (``site.write_docs``
    replaces it), so a site keeps what it was built with. Where a link cannot be made (another file
    system), MkDocs copies.
    """

    def on_files(self, files: Files, /, *, config: Any) -> Files:
        """Make the docs folder's static files link themselves."""
        docs = os.path.join(os.path.normpath(config["docs_dir"]), "")
        for file in files:
            ours = (file.abs_src_path or "").startswith(docs) and file.generated_by is None
            if ours and not file.is_documentation_page():
                setattr(file, "copy_file", partial(_link, file, file.copy_file))  # noqa: B010
        return files


def _link(file: File, copy: Callable[[bool], None], dirty: bool = False) -> None:
    """``File.copy_file`` by a hard link, or by ``copy`` where that fails."""
    if dirty and not file.is_modified():
        return
    target = file.abs_dest_path
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with suppress(FileNotFoundError):
        os.unlink(target)
    try:
        os.link(str(file.abs_src_path), target)
    except OSError:
        copy(dirty)


class _EscapedTitles(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Marks each page's title as the HTML it already is. The generator writes titles HTML-escaped into
    the front matter (:func:`generator.core.render.front_matter`), and the theme prints a title both as
    it is (``<title>``, the navigation) and through ``| e`` (the footer's links): as :class:`Markup`, a
    title is escaped once in both, never twice. Every page is read before any template is rendered."""

    def on_nav(self, nav: Navigation, /, *, config: Any, files: Files) -> Navigation:
        """Mark the titles the navigation gives (escaped by :func:`generator.site.pages.nav`)."""
        for item in _walk(nav.items):
            if isinstance(vars(item).get("title"), str):  # a title given by the navigation
                item.title = Markup(vars(item)["title"])
        return nav

    def on_page_content(self, html: str, /, *, page: Page, config: Any, files: Files) -> str:
        """The page's HTML, unchanged; its front matter's title marked."""
        if isinstance(page.meta.get("title"), str):
            page.meta["title"] = Markup(page.meta["title"])
        return html


class _WholeCodes(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Keeps each dashed code, date or file name of a table cell on one line
    (:func:`generator.build.wholecodes.keep_codes_whole`) and makes every unmarked table cards or a
    scrolling region on a phone (:func:`generator.build.tablecards.label_tables`)."""

    def on_page_content(self, html: str, /, *, page: Page, config: Any, files: Files) -> str:
        """The page's HTML with the codes of its tables kept whole and its tables fit for a phone."""
        return label_tables(keep_codes_whole(html))


def _walk(items: list[Any]) -> Iterator[Any]:
    """Every item of the navigation, sections' children included."""
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])


class _ExternalLinks(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Marks every link to another site ``rel="noopener"`` in each page's final HTML (content, theme,
    footer alike; :func:`generator.build.security.mark_external_links`)."""

    def on_post_page(self, output: str, /, *, page: Page, config: Any) -> str:
        """The page's HTML with its external links marked."""
        return mark_external_links(output)

    def on_post_template(self, output_content: str, /, *, template_name: str, config: Any) -> str:
        """A static template's HTML (``404.html``) with its external links marked."""
        return mark_external_links(output_content)


class _SharedLayout(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Gives the theme ``ck_shared``: HTML rendered once per folder for the pages outside the navigation.

    Around a part of the page layout that reads nothing of the page but its address (the navigation, the
    header around the title, the footer, the styles and scripts), ``{% call ck_shared(name) %}`` renders
    the part for the first page of a folder and reuses it for the folder's other pages. That is exact
    for a page outside the navigation: the navigation marks none of its items active for it and gives it
    no previous or next page, and links from pages of one folder to the same address outside their own
    folders are the same relative links. The procedure pages of a catalogue are one folder; the
    navigation's own pages are always rendered. ``tests/test_site.py`` checks a build against one
    without sharing, byte for byte. Kept by hand because neither MkDocs nor Material caches any part of
    the layout between pages (Material's ``privacy`` and ``optimize`` plugins work on the output).
    """

    def __init__(self) -> None:
        self._listed: set[str] = set()
        self._html: dict[tuple[str, str], str] = {}

    def on_nav(self, nav: Navigation, /, *, config: Any, files: Files) -> Navigation:
        """Note the addresses of the navigation's pages."""
        self._listed = {page.url for page in nav.pages}
        return nav

    def on_env(self, env: Environment, /, *, config: Any, files: Files) -> Environment:
        """Give the theme ``ck_shared`` (with nothing rendered yet), and keep its compiled templates for
        the next build."""
        self._html.clear()
        env.globals["ck_shared"] = self.shared
        env.bytecode_cache = _COMPILED
        return env

    @pass_context
    def shared(self, context: Context, name: str, caller: Callable[[], str]) -> str:
        """The HTML of ``caller`` for this page: rendered, or reused from a page of the same folder."""
        folder = self.folder(context.get("page"))
        if folder is None:
            return caller()
        key = (name, folder)
        if key not in self._html:
            self._html[key] = caller()
        return self._html[key]

    def folder(self, page: Page | None) -> str | None:
        """The folder whose pages share the layout with ``page``; ``None`` for a page to render fully."""
        if page is None or not page.url.endswith("/"):
            return None
        if any(url.startswith(page.url) for url in self._listed):
            return None  # the page is listed, or a page below it: links to it differ from page to page
        folder = posixpath.dirname(page.url.rstrip("/"))
        # Top-level pages (the accessibility statement, recent changes) are few, and the footer links to
        # some of them: from one of them that link is «./», from the others «../x/».
        return folder or None


class _CompiledTemplates(BytecodeCache):
    """The theme's compiled templates, kept in memory by this process: MkDocs makes a new Jinja
    environment at every build, which compiled them all again at each rebuild of the live preview (a
    tenth of it). Jinja checks each template's source against the checksum it was compiled from."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill ``bucket`` with the code kept for its template, if any."""
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the code of ``bucket``'s template."""
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(_DIRTY_NOTICE):
            self.messages.append(message)


@contextmanager
def _warnings() -> Iterator[list[str]]:
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
