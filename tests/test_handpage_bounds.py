"""A hand page is checked in bounded time and memory whatever it holds: too large, too nested or too
dense for Python-Markdown is refused in one Vietnamese line naming the place.

Measured with ``congkhai check``'s reading of one page (2 shared cores): before these bounds 5,000 ``[``
in a paragraph took 8 s, 20 KB of ``[a](`` 27 s, 20 KB of ``<a `` 16 s, 100 KB of ``*a`` 17 s, 20,000
``>`` 14 s, 52,000 ``<div>`` 15 s, 256 KB of table rows 19 s, a heading line of 60,000 spaces 135 s; each
is now refused (or read) in under a second and a half, a page at the size limit included.
"""

from __future__ import annotations

import os
import re
import tracemalloc
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.core.mdbounds import (
    BRACKET_MESSAGE,
    HTML_DEPTH_MESSAGE,
    LINES_MESSAGE,
    MARKUP_MESSAGE,
    MAX_PAGE_BYTES,
    NESTING_MESSAGE,
    SPACES_MESSAGE,
    TAG_MESSAGE,
    TEXTS_MESSAGE,
)
from generator.core.notices import take_warnings
from generator.core.privacy import AllowList
from generator.site.handpages import load_hand_pages

from .conftest import MakeContent
from .test_errors import errors_for

TOO_LARGE = (
    "tệp quá lớn: {} byte (tối đa 262.144 byte cho một trang viết tay); hãy tách thành nhiều tệp hoặc rút gọn"
)
INTRO = "# Trang\n\nGiới thiệu.\n\n"
"""Four lines before the hostile text, so that a message naming line 5 names it."""


def page_errors(tmp_path: Path, text: str | bytes) -> list[str]:
    """The errors of reading the hand page ``x.md`` holding ``text``, named relative to its folder."""
    (tmp_path / "x.md").write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    _, errors = load_hand_pages(tmp_path, AllowList())
    take_warnings()
    return [str(e).removeprefix(f"{tmp_path}/") for e in errors]


def test_a_page_over_the_size_limit_is_refused_by_its_size_without_being_read(
    make_content: MakeContent,
) -> None:
    content = make_content({})
    page = content / "trang" / "x.md"
    with page.open("wb") as file:
        file.truncate(200_000_000)
    tracemalloc.start()
    errors = errors_for(content)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert errors == ["trang/x.md:1: " + TOO_LARGE.format("200.000.000")]
    assert peak < 20_000_000


def test_the_size_limit_is_exact(tmp_path: Path) -> None:
    text = "# Trang\n\n" + "a" * (MAX_PAGE_BYTES - 9)
    assert page_errors(tmp_path, text) == []
    assert page_errors(tmp_path, text + "a") == ["x.md:1: " + TOO_LARGE.format("262.145")]


@pytest.mark.parametrize(
    ("hostile", "line", "message"),
    [
        ("[" * 3_000, 5, BRACKET_MESSAGE),
        ("[a](" * 1_000, 5, BRACKET_MESSAGE),
        ("[\n" * 2_000, 5, BRACKET_MESSAGE),
        ("*a" * 8_000, 5, MARKUP_MESSAGE),
        ("<a " * 1_500, 5, TAG_MESSAGE),
        ("<div>" * 101, 5, HTML_DEPTH_MESSAGE),
        (">" * 13 + " a", 5, NESTING_MESSAGE),
        ("- a\n" + " " * 52 + "- b", 6, NESTING_MESSAGE),
        ("a\n\n" * 10_000, 20_001, LINES_MESSAGE),
        ("| a | b |\n| - | - |\n" + "| c | d |\n" * 5_001, 7, TEXTS_MESSAGE),
    ],
    ids=["nested [", "[a](", "lines of [", "*a", "<a", "<div>", ">", "indent", "lines", "cells"],
)
def test_markdown_too_costly_to_convert_is_refused_at_its_line(
    tmp_path: Path, hostile: str, line: int, message: str
) -> None:
    assert page_errors(tmp_path, INTRO + hostile) == [f"x.md:{line}: {message}"]


def test_a_heading_of_spaces_is_refused_at_once(tmp_path: Path) -> None:
    assert page_errors(tmp_path, "# a" + " " * 60_000 + "b\n") == ["x.md:1: " + SPACES_MESSAGE]


def test_a_written_page_at_the_limits_is_published(tmp_path: Path) -> None:
    paragraph = "Người dân nộp [hồ sơ](../thu-tuc/index.md) *trực tiếp* hoặc `trực tuyến` & nhận kết quả.\n\n"
    text = "# Trang\n\n" + paragraph * ((MAX_PAGE_BYTES - 20) // len(paragraph.encode("utf-8")))
    assert page_errors(tmp_path, text) == []


SOUP = st.text(alphabet="[]()*_`<>!\\&=\"'|#->:{} \n\taé", min_size=1, max_size=12)


@settings(
    max_examples=40,
    deadline=timedelta(seconds=20),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(chunks=st.lists(st.tuples(SOUP, st.integers(1, 20_000)), min_size=1, max_size=4))
def test_any_soup_up_to_64_kb_is_read_or_refused_at_a_line(
    tmp_path: Path, chunks: list[tuple[str, int]]
) -> None:
    text = INTRO + "".join(chunk * count for chunk, count in chunks)[:65_536]
    for error in page_errors(tmp_path, text):
        place, _, message = error.partition(" ")
        assert re.fullmatch(r"x\.md:[0-9]+:", place)
        assert message in (
            BRACKET_MESSAGE,
            MARKUP_MESSAGE,
            TAG_MESSAGE,
            HTML_DEPTH_MESSAGE,
            NESTING_MESSAGE,
            LINES_MESSAGE,
            SPACES_MESSAGE,
            TEXTS_MESSAGE,
        )
    os.remove(tmp_path / "x.md")
