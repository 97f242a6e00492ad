"""Bounds on a hand page's Markdown, so that converting it takes a bounded time whatever it holds.

Python-Markdown's cost is not linear in every input (measured on 2 shared cores with Python-Markdown
3.11 and Python 3.11's ``html.parser``):

- every ``[`` makes the link patterns scan to the matching ``]``, and every ``](`` to the matching
  ``)``, or to the end of the text when there is none: 5,000 ``[`` in a paragraph took 8 s, 20 KB of
  ``[a](`` 27 s;
- every inline match rebuilds the paragraph's text: 100 KB of ``*a`` took 17 s, of ```a`` 4 s;
- the raw HTML reader scans each tag started with ``<`` to its ``>``: 20 KB of ``<a `` took 16 s;
- every level of block quote or indented list parses its lines again: 20,000 ``>`` took 14 s.

So, before the page is converted, :func:`block_problem` refuses a line nested deeper than
:data:`MAX_NESTING` levels and raw HTML whose tags, taken together, are open for more than
:data:`TAG_SCAN_BUDGET` characters; and while it is converted, :class:`InlineBound` (run just before
Python-Markdown's inline patterns, on the very texts they will read) refuses a page whose texts, taken
together, make the link patterns scan more than :data:`BRACKET_SCAN_BUDGET` characters or hold more
than :data:`MARKUP_BUDGET` in markup characters times the length of the text that holds them. Each
bound is a count of the work Python-Markdown does, so the time is bounded whatever the input; each is
far above what a written page needs (the measurements are in ``tests/test_handpage_bounds.py``).
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from generator.core.errors import CongkhaiError

MAX_PAGE_BYTES = 262_144
"""The largest hand page read (256 KB, about 40,000 words): the largest real page is 1.6 KB, and 256 KB
of ordinary Markdown converts in about a second; a longer text is a document to link, not a page."""
MAX_NESTING = 12
"""The deepest block nesting of a line: ``>`` marks, or indentation in steps of 4 columns."""
TAG_SCAN_BUDGET = 2_000_000
"""Characters between each ``<`` that starts an HTML tag and the next ``>``, summed over the page."""
BRACKET_SCAN_BUDGET = 1_000_000
"""Characters between each ``[`` and its ``]`` and each ``](`` and its ``)`` (or the end of the text
when it has none), summed over the page's texts."""
MARKUP_BUDGET = 100_000_000
"""Markup characters of each text times that text's length, summed over the page's texts."""
MAX_TEXTS = 10_000
"""The most texts (paragraphs, list items, table cells, headings…) a page holds: each costs about
0.4 ms through the inline patterns and the sanitiser, whatever its length."""
MAX_SPACES = 100
"""The longest run of spaces in a line (attribute lists look for ``{`` after every space of a heading or
a table cell: a heading of 60,000 spaces took 135 s)."""
MAX_LINES = 10_000
"""The most lines with text a page holds (each block costs about 0.1 ms to parse, each cell 0.4 ms)."""
MAX_HTML_DEPTH = 100
"""The deepest nesting of raw HTML elements (the sanitiser's parser takes the square of it: 20,000
unclosed ``<div>`` took 1.8 s); elements whose end tag HTML lets out (``<p>``, ``<li>``, ``<td>``…)
and void ones (``<br>``) are not counted."""

NESTING_MESSAGE = (
    f"dòng lồng quá sâu (quá {MAX_NESTING} mức trích dẫn «>» hoặc thụt lề quá {4 * MAX_NESTING} "
    "dấu cách); hãy bớt mức lồng"
)
TAG_MESSAGE = (
    "có quá nhiều dấu «<» mở thẻ HTML không có dấu «>» đóng (từ dòng này); hãy đóng thẻ, hoặc viết "
    "&lt; khi muốn hiện dấu nhỏ hơn"
)
BRACKET_MESSAGE = (
    "có quá nhiều dấu «[» hoặc «](» không có dấu đóng «]», «)» đi kèm, hoặc lồng nhau quá sâu "
    "(đoạn bắt đầu từ dòng này); hãy đóng các dấu ngoặc, hoặc viết \\[ khi muốn hiện dấu ngoặc"
)
HTML_DEPTH_MESSAGE = (
    f"thẻ HTML lồng nhau quá sâu (quá {MAX_HTML_DEPTH} mức, từ dòng này); hãy đóng các thẻ đã mở"
)
TEXTS_MESSAGE = (
    "trang có quá nhiều đoạn văn, mục danh sách hay ô bảng (quá 10.000, từ dòng này); "
    "hãy tách thành nhiều trang"
)
SPACES_MESSAGE = f"dòng có quá {MAX_SPACES} dấu cách liền nhau; hãy bớt dấu cách"
LINES_MESSAGE = "trang có quá nhiều dòng có chữ (quá 10.000, từ dòng này); hãy tách thành nhiều trang"
MARKUP_MESSAGE = (
    "đoạn văn quá dài và có quá nhiều ký hiệu định dạng (* _ ` [ < & \\) (đoạn bắt đầu từ dòng này); "
    "hãy chia thành nhiều đoạn ngắn hơn"
)

_LEAD = re.compile(r"[ \t>]*")
_SPACES = re.compile(f"[ \\t]{{{MAX_SPACES + 1}}}")
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_ELEMENT = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*?(/?)>")
_VOID = ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr")
_END_OPTIONAL = ("p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup")
_UNCOUNTED = frozenset((*_VOID, *_END_OPTIONAL, "colgroup", "caption", "rt", "rp"))
"""Elements left out of the HTML depth: void, or with an end tag HTML lets out."""
_BRACKETS = re.compile(r"\\.|\]\(|[\[\]()]", re.DOTALL)
_MARKUP = re.compile(r"[*_`\[<&\\]")


def nesting(line: str) -> int:
    """How deeply ``line`` is nested: its ``>`` marks plus its indentation in steps of 4 columns."""
    lead = _LEAD.match(line)
    assert lead is not None
    marks = lead[0].count(">")
    indent = len(lead[0].split(">")[-1].expandtabs(4))
    return marks + indent // 4


def block_problem(body: str) -> tuple[int, str] | None:
    """The first thing in ``body`` that would make Python-Markdown's block and HTML parsing slow, as
    ``(index of its line in body, message)``; ``None`` when there is none."""
    lines = body.split("\n")
    written = 0
    for index, line in enumerate(lines):
        if nesting(line) > MAX_NESTING:
            return index, NESTING_MESSAGE
        if _SPACES.search(line):
            return index, SPACES_MESSAGE
        written += bool(line.strip())
        if written > MAX_LINES:
            return index, LINES_MESSAGE
    deep = _too_deep(body)
    if deep is not None:
        return body.count("\n", 0, deep), HTML_DEPTH_MESSAGE
    scanned, starts = 0, [m.start() for m in _TAG_START.finditer(body)]
    for start in starts:
        end = body.find(">", start)
        scanned += (len(body) if end < 0 else end) - start
        if scanned > TAG_SCAN_BUDGET:
            return body.count("\n", 0, _first_open_tag(body, starts)), TAG_MESSAGE
    return None


def _too_deep(body: str) -> int | None:
    """The position of the first HTML start tag nested deeper than :data:`MAX_HTML_DEPTH`, if any."""
    depth = 0
    for match in _ELEMENT.finditer(body):
        closing, name, selfclosing = match.groups()
        if name.lower() in _UNCOUNTED or selfclosing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        if depth > MAX_HTML_DEPTH:
            return match.start()
    return None


def _first_open_tag(body: str, starts: list[int]) -> int:
    """The position of the first tag start whose tag is still open at the next tag start."""
    for start, following in zip(starts, [*starts[1:], len(body)], strict=True):
        end = body.find(">", start, following)
        if end < 0:
            return start
    return starts[0]


def bracket_scan(text: str) -> int:
    """How many characters the link patterns scan in ``text``: from each ``[`` to its ``]`` and from
    each ``](`` to its ``)``, or to the end of ``text`` (backslash escapes are not brackets)."""
    total, squares, rounds = 0, list[int](), list[int]()
    for match in _BRACKETS.finditer(text):
        token, position = match[0], match.start()
        if token in ("[", "]("):
            if token == "](" and squares:
                total += position - squares.pop()
            (squares if token == "[" else rounds).append(position)
        elif token == "]" and squares:
            total += position - squares.pop()
        elif token == "(":
            rounds.append(-1)
        elif token == ")" and rounds:
            opened = rounds.pop()
            total += position - opened if opened >= 0 else 0
    return total + sum(len(text) - p for p in squares) + sum(len(text) - p for p in rounds if p >= 0)


def markup_cost(text: str) -> int:
    """``text``'s markup characters times its length: what its inline matches cost, at most."""
    return len(_MARKUP.findall(text)) * len(text)


class TooComplex(CongkhaiError):
    """A hand page whose Markdown exceeds a bound; ``text`` is the costliest text, whose first line
    names the place."""

    def __init__(self, text: str, message: str) -> None:
        super().__init__(message)
        self.text = text
        self.message = message


_MEASURES = (
    (bracket_scan, BRACKET_SCAN_BUDGET, BRACKET_MESSAGE),
    (markup_cost, MARKUP_BUDGET, MARKUP_MESSAGE),
)


class InlineBound(Treeprocessor):
    """Refuses the page (:class:`TooComplex`) when its texts, taken together, exceed
    :data:`BRACKET_SCAN_BUDGET` or :data:`MARKUP_BUDGET`; runs just before the inline patterns
    (:func:`register`)."""

    def run(self, root: Element) -> None:
        """Measure every text the inline patterns will read; refuse the page naming its costliest text."""
        texts = _texts(root)
        if len(texts) > MAX_TEXTS:
            raise TooComplex(texts[MAX_TEXTS], TEXTS_MESSAGE)
        for measure, budget, message in _MEASURES:
            costs = [measure(text) for text in texts]
            if sum(costs) > budget:
                raise TooComplex(texts[costs.index(max(costs))], message)


def _texts(root: Element) -> list[str]:
    """The texts of ``root`` that the inline patterns read (every text and tail not kept as it is)."""
    found = []
    for element in root.iter():
        for text in (element.text, element.tail):
            if text and not isinstance(text, AtomicString):
                found.append(text)
    return found


def register(md: Markdown) -> None:
    """Bound the inline patterns' work in conversions by ``md`` (:class:`InlineBound`)."""
    md.treeprocessors.register(InlineBound(md), "congkhai_inline_bound", 21)
