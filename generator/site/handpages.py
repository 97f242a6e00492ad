"""Hand-written pages: ``content/trang/*.md``, published under ``trang/`` — checked, and sanitised.

``check`` finds here everything about a hand page that would fail the build or publish something
unsafe:

- the file: only regular files named ``<slug>.md`` (:mod:`generator.core.contentfiles`);
- the front matter (YAML between ``---`` lines, as MkDocs reads it): only the keys of
  :data:`FRONT_MATTER` (the theme prints ``title`` and ``description`` unescaped, so they hold plain
  text without ``< > & "``; ``template`` and the rest are refused);
- the links and images of Markdown syntax, which MkDocs checks: relative, to a file the site has
  (:func:`check_links`; raw HTML links are not checked, as MkDocs does not);
- personal data (:mod:`generator.core.privacy`), in the front matter and the body alike;
- raw HTML, attribute lists and link schemes: whatever the sanitiser (:mod:`generator.core.sanitise`)
  will remove is reported as a warning with its line, and the page is published with the rest of its
  text (the build cleans its HTML: :mod:`generator.core.handsafe`).
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml
from mkdocs.utils.meta import YAML_RE

from generator.core.contentfiles import content_files, read_content
from generator.core.errors import DataError
from generator.core.fields import SLUG_PATTERN
from generator.core.handsafe import MARKER, Rendered, render
from generator.core.mdbounds import MAX_PAGE_BYTES, TooComplex, block_problem
from generator.core.notices import warn
from generator.core.privacy import AllowList, scan_lines, scan_text
from generator.core.sanitise import clean_html, removals
from generator.core.yamlfull import parse

FRONT_MATTER = {
    "title": 'tiêu đề trang (chữ thường, không có < > & ")',
    "description": 'mô tả ngắn cho máy tìm kiếm (chữ thường, không có < > & ")',
    "hide": "danh sách phần được ẩn: navigation, toc, footer",
}
"""The front matter keys a hand page may have, and what each holds."""
HIDE = ("navigation", "toc", "footer")
FIXED_TARGETS = frozenset(
    {
        "index.md",
        "tim-kiem.md",
        "kha-nang-tiep-can.md",
        "du-lieu/index.md",
        "du-lieu/datapackage.json",
        "du-lieu/schema/linh-vuc.schema.json",
        "du-lieu/schema/site.schema.json",
    }
)
"""The files of every site a hand page may link to, besides the datasets' own
(:meth:`~generator.site.dataset.Dataset.link_targets`)."""
_SCANNER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's scanner where PyYAML has it: the pure-Python one took 15 s over 10,000 nested ``[``."""
_UNSAFE_TEXT = re.compile(r'[<>&"\x00-\x1f\x7f]')


@dataclass(frozen=True)
class Link:
    """A relative link or image of a hand page, to check once the whole catalogue is known."""

    target: str
    line: int
    key: str


@dataclass(frozen=True)
class HandPage:
    """A Markdown page written by staff; ``text`` is what is published (marked for the sanitiser)."""

    slug: str
    title: str
    text: str
    source: str
    links: tuple[Link, ...] = ()
    anchors: frozenset[str] = field(default_factory=frozenset)
    """The ``id`` values of the page's HTML, which links may name after ``#``."""


def load_hand_pages(directory: Path, allowed: AllowList) -> tuple[list[HandPage], list[DataError]]:
    """Every ``*.md`` page in ``directory``; each needs a slug-like name, a ``# Title`` line, allowed
    front matter and no personal data (:mod:`generator.core.privacy`; ``allowed`` passes). What the
    sanitiser will remove is recorded as warnings (:mod:`generator.core.notices`).
    """
    pages: list[HandPage] = []
    errors: list[DataError] = []
    for path in content_files(directory, "*.md"):
        try:
            page, problems = _load(path, allowed)
        except DataError as exc:
            page, problems = None, [exc]
        errors += problems
        if page:
            pages.append(page)
    return pages, errors


def _load(path: Path, allowed: AllowList) -> tuple[HandPage | None, list[DataError]]:
    name = str(path)
    try:
        text = read_content(path, MAX_PAGE_BYTES, "một trang viết tay").decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None, [DataError(name, 1, "", "tệp không phải UTF-8")]
    if not re.fullmatch(SLUG_PATTERN, path.stem):
        return None, [
            DataError(name, 1, "", "tên tệp chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang")
        ]
    # MkDocs reads the page with universal newlines, so its front matter is found in a CRLF file too.
    head, body, first = _split(text.replace("\r\n", "\n").replace("\r", "\n"))
    errors = _front_matter_errors(name, head, allowed) if head else []
    errors += [DataError(name, line, "", message) for line, message in scan_lines(body, allowed, first)]
    heading = re.search(r"^# .", body, flags=re.MULTILINE)
    if heading is None:
        errors.append(DataError(name, first, "", "trang cần một dòng tiêu đề bắt đầu bằng «# »"))
    if errors or heading is None:
        return None, errors
    lines = _Lines(body, first)
    rendered = _bounded_render(name, body, lines)
    for removal in removals(rendered.html):
        warn(name, lines.find(*removal.needles), removal.key, removal.message)
    links = tuple(
        Link(target, lines.find(f"]({target}", f"]: {target}", target), tag) for tag, target in rendered.links
    )
    published = clean_html(rendered.html)
    anchors = frozenset(html.unescape(a) for a in re.findall(r'\sid="([^"]*)"', published))
    title = _title(published) or path.stem
    return HandPage(path.stem, title, f"{head}{MARKER}\n{body}", name, links, anchors), []


def _bounded_render(name: str, body: str, lines: _Lines) -> Rendered:
    """``body`` rendered (:func:`~generator.core.handsafe.render`); :class:`DataError` at the line to
    blame if it passes a bound of :mod:`generator.core.mdbounds` (its lines are checked first)."""
    problem = block_problem(body)
    if problem:
        raise DataError(name, lines.first + problem[0], "", problem[1])
    try:
        return render(body)
    except TooComplex as exc:
        raise DataError(name, lines.find(*_needles(exc.text)), "", exc.message) from None


def _needles(text: str) -> list[str]:
    """Pieces of the first line of a text of the page (raw HTML placeholders left out), to find its
    line in the Markdown by."""
    pieces = re.sub("\x02[^\x03]*\x03", "\n", text.strip()).split("\n")
    return [piece.strip()[:40] for piece in pieces if piece.strip()][:1]


def _title(published: str) -> str:
    """The text of the page's first level-1 heading as published (no attribute list, no markup)."""
    heading = re.search(r"<h1\b[^>]*>(.*?)</h1>", published, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]*>", "", heading[1])).strip() if heading else ""


def _split(text: str) -> tuple[str, str, int]:
    """The front matter block (empty if none), the rest, and the rest's first line number."""
    match = YAML_RE.match(text)
    if match is None:
        return "", text, 1
    head = text[: match.end()]
    return head, text[match.end() :], head.count("\n") + 1


def _front_matter_errors(name: str, head: str, allowed: AllowList) -> list[DataError]:
    """What is wrong with a front matter block: not YAML, not a mapping, what the full YAML parser refuses
    in content files (tags such as ``!!python/…``, nesting past its depth, numbers too long to read,
    control characters), keys and values not allowed, or personal data in a value."""
    block = YAML_RE.match(head)
    assert block is not None
    try:
        tokens = list(yaml.scan(block[1], Loader=_SCANNER))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        return [DataError(name, line, "", "phần đầu trang (front matter) không phải YAML hợp lệ")]
    if any(isinstance(t, yaml.AnchorToken | yaml.AliasToken) for t in tokens):
        return [DataError(name, 2, "", "phần đầu trang không được dùng neo (&) và bí danh (*) của YAML")]
    if all(isinstance(t, yaml.StreamStartToken | yaml.StreamEndToken) for t in tokens):
        return [DataError(name, 1, "", "phần đầu trang (front matter) phải là các cặp «khóa: giá trị»")]
    try:
        parsed = parse(block[1], name)
    except DataError as exc:  # its line counted in the block, which starts on the page's second line
        return [replace(exc, line=exc.line + 1)]
    if not isinstance(parsed.data, dict):
        return [DataError(name, 1, "", "phần đầu trang (front matter) phải là các cặp «khóa: giá trị»")]
    errors = []
    for key, value in parsed.data.items():
        line = parsed.lines[(key,)] + 1
        problem = _front_matter_problem(key, value)
        if problem:
            errors.append(DataError(name, line, key, problem))
        elif isinstance(value, str):
            errors += [DataError(name, line, key, message) for message in scan_text(value, allowed)]
    return errors


def _front_matter_problem(key: str, value: Any) -> str | None:
    if key not in FRONT_MATTER:
        allowed = ", ".join(FRONT_MATTER)
        return f"khóa không được phép trong phần đầu trang; chỉ dùng: {allowed}"
    if key == "hide":
        if not isinstance(value, list) or not all(v in HIDE for v in value):
            return f"phải là danh sách gồm các giá trị: {', '.join(HIDE)}"
        return None
    if not isinstance(value, str) or _UNSAFE_TEXT.search(value):
        return f'phải là một dòng chữ, không có ký tự < > & " hay ký tự điều khiển ({FRONT_MATTER[key]})'
    return None


class _Lines:
    """Finds the line of a text in a page's Markdown: each search goes on after the line the same text
    was last found on, so that repeated texts are found on successive lines."""

    def __init__(self, body: str, first: int) -> None:
        self.lines = body.lower().split("\n")
        self.first = first
        self.after: dict[str, int] = {}

    def find(self, *needles: str) -> int:
        """The line number of the first of ``needles`` found (the body's first line if none is)."""
        for needle in needles:
            wanted = needle.lower()
            start = self.after.get(wanted, 0)
            for index in range(start, len(self.lines)):
                if wanted in self.lines[index]:
                    self.after[wanted] = index + 1
                    return self.first + index
        return self.first


def check_links(pages: Iterable[HandPage], targets: Iterable[str]) -> list[DataError]:
    """The links and images of hand pages that MkDocs would refuse: absolute, or to a file the site does
    not have (the site's pages are :data:`FIXED_TARGETS`, the hand ``pages`` and the datasets'
    ``targets``), or to an anchor a hand page does not have. Anchors in generated pages are not
    checked."""
    pages = list(pages)
    anchors = {f"trang/{page.slug}.md": page.anchors for page in pages}
    known = FIXED_TARGETS | set(anchors) | set(targets)
    errors = []
    for page in pages:
        for link in page.links:
            problem = _link_problem(link.target, f"trang/{page.slug}.md", known, anchors)
            if problem:
                errors.append(DataError(page.source, link.line, _LINK_KEYS[link.key], problem))
    return errors


_LINK_KEYS = {"a": "liên kết", "img": "ảnh"}
_HINT = "liên kết tương đối tới tệp .md, ví dụ ../thu-tuc/index.md"


def _link_problem(
    target: str, page: str, known: frozenset[str], anchors: dict[str, frozenset[str]]
) -> str | None:
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None  # an external link (the sanitiser removes unsafe schemes)
    shown = target if len(target) <= 60 else target[:59] + "…"
    if parts.path.startswith("/"):
        return f"«{shown}» là đường dẫn tuyệt đối; hãy dùng {_HINT}"
    path = (
        posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        if parts.path
        else page
    )
    if path not in known:
        return f"«{shown}» không trỏ tới trang hay tệp nào của trang web; hãy dùng {_HINT}"
    if parts.fragment and path in anchors and unquote(parts.fragment) not in anchors[path]:
        return f"«{shown}»: trang không có mục «#{unquote(parts.fragment)}»"
    return None
