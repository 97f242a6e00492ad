"""The fast reader (yaml-rs) gives exactly the full parser's data, or leaves the text to it."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from generator.core.errors import DataError
from generator.core.yamlfull import parse
from generator.core.yamlio import dump_front_matter, dump_yaml, load_yaml, parse_yaml, read_fast

from .conftest import REPO

# Texts at the edges: each is read as the full parser reads it, or left to it.
EDGES = [
    "a: 1\n---\nb: 2\n",
    "a: -.5\n",
    "a: +.5\n",
    "a: 1.5e3\n",
    "a: 09\n",
    "a: 0b1_0\n",
    "a: 0x_\n",
    "a: 1:2:3:4:5\n",
    'a: "\\e"\n',
    'a: "yes"\n',
    "a: 'on'\n",
    'a: "017"\n',
    'a: "1_000"\n',
    "on: 1\n",
    "1: x\n",
    "~: x\n",
    "? a\n: 1\n",
    "? [a]\n: 1\n",
    "[a, b]: 1\n",
    "a: &x [*x]\n",
    "a: *x\n",
    "a: x *) y\n",
    "- - - - - - - - x\n",
    "a: [[[[1]]]]\n",
    "a: {b: [1, {c: 2}]}\n",
    "a: x\n# 017\n",
    "a: 'x\n  017'\n",
    "a: x\n  017\n",
    'a: "b\\x85c"\n',
    'a: "\\L"\n',
    "<<: {a: 1}\n",
    "a: !x 1\n",
    "a: ! 1\n",
    "%YAML 1.1\n---\na: 1\n",
    "a: x\n  # c\nb: y\n",
    "a: |\n  x\n\n  y\n\nb: 1\n",
    "a: |-\n  x\n   \n  y\n",
    "a: |\n    x\n  y\n",
    "a:\n- x\n- y\nb: 1\n",
    "a:\n  - x\n  -\n  - y\n",
    "- x\n",
    "a: 'x\n\n  y'\n",
    "a: 'x\ny'\n",
    'a: "x\\ty"\n',
    "a: x\n\n\n  y\n",
    "a: x\n  - y\n",
    "a:\n  b: 1\n c: 2\n",
    "a: b\n---\n",
    "a: 1\n...\n",
    "a: x",
    "a: |\n  x",
    "a:    \n  b: 1\n",
    "a: -1\n",
    "a: -\n",
    "a: - x\n",
    "a: [ ]\n",
    "a: 'it''s'\n",
    "a: ''\n",
    'a: ""\n',
    "a: ~\n",
    "a: null\n",
    "a: NULL\n",
    "a: yes\n",
    "a: Off\n",
    "a: 0o17\n",
    "a: 017\n",
    "a: 0x1F\n",
    "a: 1_000\n",
    "a: 1:30\n",
    "a: .5\n",
    "a: 1e3\n",
    "a: 1.5e+3\n",
    "a: .inf\n",
    "a: 2024-01-02\n",
    "a: =\n",
    "a: <<\n",
    "<<: x\n",
    "a: x\n  y: z\n",
    "a:\n  |\n  x\n",
    "a: !!str x\n",
    "a: &x 1\nb: *x\n",
    "a:\n\n  - x\n",
    "a:\n# c\n  b: 1\n",
    "a: x\n\n",
    "a: 'x'   \n",
    "a: 'x'  # c\n",
    "a: 'x' y\n",
    "a: 'x\n",
    "- a: 1\n",
    "a:\n  - b: 1\n    c: 2\n  - d\n",
    "a:\n  -   b: 1\n      c: 2\n",
    "a:\n  -\n    b: 1\n",
    "a:\n  - - x\n",
    'a: "\\u00e9\\x41\\U0001F600\\N\\_\\L\\P\\0\\e\\/"\n',
    'a: "\\q"\n',
    'a: "\\ud800"\n',
    'a: "x\n  y"\n',
    'a: "x \\\n  y"\n',
    'a: "\\"\\\\" \n',
    "a: 'x\n  \n  y'\n",
    "a: '\n  x'\n",
    "a: 'x  \n  y'\n",
    "a: b:c\n",
    "a: http://x.y/#z\n",
    "a: x #y\n",
    "a: x#y\n",
    "a:x\n",
    "a : x\n",
    "a: x:\n",
    "a: x: y\n",
    "a: x\n b: y\n",
    "a:\n b: 1\n",
    "a: |+\n  x\n",
    "a: |2\n  x\n",
    "a: >\n  x\n",
    "a: |\n  x\n  \n",
    "a: |-\n  x\n\n  y\n",
    "a: |\n  #x\n",
    "a: |\n  x\n  b: 1\n",
    "a: |\n\n  x\n",
    "a: |\n  x\n# c\nb: 1\n",
    "a:\n  - |\n    x\n  - y\n",
    "Tên: x\n",
    "yes: 1\n",
    "True_x: 1\n",
    "a: 1\na: 2\n",
    "a:\n  b: 1\n  b: 2\n",
    "a:\n  -\n  - x\n",
    "a: -x\n",
    "a: --- x\n",
    "a: x\nb:\n",
    "a: x\nb:\n  # only\n",
    "a:\n  b:\n  - 1\n  c: 2\n",
    "a:\n- b: 1\n  c:\n  - x\n- y\n",
    "a:\n  x\n  y\n",
    "a:\n  x: 1\n  y\n",
    "a: 1\n  # c\n",
    "a:\n  - x\n  # c\n  - y\n",
    "# c\na: 1\n",
    "# only\n",
    "",
    "a: x\n   \n  y\n",
    "a: x\n  y\n\nb: 1\n",
    "a:\n  - 'x\n    y'\n  - z\n",
    "a:\n  - x\n   y\n",
    "a:\n  - x\n  y\n",
    "a:\n  b: x\n   c\n",
    "a: '...\n  x'\n",
    'a: "x\n---\ny"\n',
    "a: x\ty\n",
    "a: x\r\nb: y\r\n",
    "a: |\n  x\ty\n",
    "a: x\x01\n",
    "a: \x85\n",
    "a: \x9f\n",
    "a: \u2028\n",
    "\ufeffa: 1\n",
    "a: x\ufeff\n",
    "a: \xa0x\n",
]

READ_FAST = {
    "ma_thu_tuc: '1.000001'\nso: 5\nmo_ta: x\n": {"ma_thu_tuc": "1.000001", "so": 5, "mo_ta": "x"},
    "a:\n- x\n- 'y'\n": {"a": ["x", "y"]},
    "a:\n  - b: 1\n    c:\n    - d\n  - e: []\n": {"a": [{"b": 1, "c": ["d"]}, {"e": []}]},
    "a: một dòng\n  dòng hai\n\n  đoạn mới\n": {"a": "một dòng dòng hai\nđoạn mới"},
    "a: 'x: «y»\n  z'\n": {"a": "x: «y» z"},
    'a: "x\\ny"\n': {"a": "x\ny"},
    "a: |-\n  x\n\n  y\nb: 2024-01-02\n": {"a": "x\n\ny", "b": "2024-01-02"},
    "# yaml-language-server: $schema=x\na: ~\nb:\nc: 2.000850\n": {"a": None, "b": None, "c": 2.00085},
}


def same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (``1 == True`` is not enough; NaN equals NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b) or (a != a and b != b)


def assert_faithful(text: str) -> bool:
    """The fast reader leaves ``text`` to the full parser or reads what it reads; whether it read it."""
    got = read_fast(text)
    if got is None:
        return False
    try:
        want = parse(text, "x.yml").data
    except DataError as exc:
        raise AssertionError(f"{text!r}: read fast as {got!r}, refused in full: {exc}") from None
    assert same(got, want), f"{text!r}: {got!r} != {want!r}"
    return True


@pytest.mark.parametrize("text", EDGES)
def test_edges_are_read_as_the_full_parser_reads_them(text: str) -> None:
    assert_faithful(text)


@pytest.mark.parametrize(("text", "data"), READ_FAST.items())
def test_content_shapes_are_read_fast(text: str, data: Any) -> None:
    assert assert_faithful(text)
    assert same(read_fast(text), data)


def test_every_record_in_the_repository() -> None:
    paths = [*REPO.glob("content/**/*.yml"), *REPO.glob("tests/**/*.yml")]
    read = {path for path in paths if assert_faithful(path.read_text(encoding="utf-8"))}
    records = set(REPO.glob("content/thu-tuc/*.yml"))
    assert records <= read, "the records as staff and the importer write them are read fast"


def _value(rng: random.Random, depth: int) -> Any:
    words = ["x", "Thủ tục", "yes", "~", "1", "007", "1.5", "-3", "a: b", "a #b", "- a", "'", '"', "|", "{x}"]
    words += ["2024-01-02", "x\ny", "x\n\ny\n", " lead", "trail ", "back\\slash", "«x»", "é" * 30]
    if depth > 3 or rng.random() < 0.5:
        kind = rng.random()
        if kind < 0.7:
            return " ".join(rng.choice(words) for _ in range(rng.randint(1, 20)))
        if kind < 0.85:
            return rng.choice([rng.randint(-5, 10**6), True, False, None, rng.random()])
        return rng.choice([[], {}])
    keys = ["a", "b", "ten", "so", "mo_ta", "yes", "k-1", "1"]
    if rng.random() < 0.6:
        return {rng.choice(keys): _value(rng, depth + 1) for _ in range(rng.randint(1, 5))}
    return [_value(rng, depth + 1) for _ in range(rng.randint(1, 4))]


def _mutated(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(lines))
        line, op = lines[i], rng.randrange(5)
        if op == 0:
            lines[i] = " " + line
        elif op == 1:
            lines[i] = line[1:]
        elif op == 2:
            lines.insert(i, rng.choice(["", "  ", "# c", "  # c", "-", "  -", "x", "a:", "  y: 1"]))
        elif op == 3:
            j = rng.randrange(len(line) + 1)
            lines[i] = line[:j] + rng.choice(" :#-'\"|\\[]&") + line[j:]
        else:
            lines[i] = line + rng.choice(["  ", " #x", ":", " x", "'"])
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(20))
def test_random_documents(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(40):
        data = {rng.choice(["a", "b", "ten", "so"]): _value(rng, 0) for _ in range(rng.randint(1, 5))}
        text = dump_yaml(data) if rng.random() < 0.5 else yaml.safe_dump(data, allow_unicode=True, width=40)
        assert_faithful(text)
        assert_faithful(_mutated(rng, text))


_PIECES = [
    "a",
    "b",
    "ten",
    ": ",
    ":",
    "- ",
    "-",
    "? ",
    "\n",
    "\n  ",
    "\n    ",
    " ",
    "#",
    "'",
    '"',
    "\\",
    "|",
    ">",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&x",
    "*x",
    "!",
    "!!str",
    "%",
    "---",
    "...",
    "~",
    "null",
    "yes",
    "On",
    "true",
    "0",
    "017",
    "0o17",
    "0x1F",
    "1_0",
    "1e3",
    "1.5",
    "-.5",
    ".inf",
    "1:30",
    "<<",
    "=",
    "\t",
    "\r",
    "\x1b",
    "\x85",
    "\u2028",
    "\ufeff",
    "«x»",
    "Thủ tục",
    "é",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_random_pieces(pieces: list[str]) -> None:
    assert_faithful("".join(pieces))


def test_lines_are_found_when_an_error_needs_them(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("a: 1\nb:\n  - x\n  - c: 'y\n      z'\n    d: 2\n", encoding="utf-8")
    assert read_fast(path.read_text(encoding="utf-8")) is not None
    fast, full = load_yaml(path, "x.yml"), parse_yaml(path.read_text(encoding="utf-8"), "x.yml")
    assert fast.data == full.data
    assert fast.lines == full.lines
    assert fast.scalars == full.scalars
    assert fast.error(("b", 1, "d"), "m") == full.error(("b", 1, "d"), "m")


@pytest.mark.parametrize(
    "text",
    [
        "Cấp thẻ công chứng viên",
        'say "yes" \\ no',
        "yes",
        "- a: b #c",
        "  leading and trailing  ",
        "tab\there, line\nbreak, return\rfeed",
        "next line \x85 separators \u2028 \u2029 bom \ufeff del \x7f c1 \x9f",
        "emoji 😀 and &lt;b&gt;",
        "",
    ],
)
def test_front_matter_reads_back_as_written(text: str) -> None:
    data = {"title": text, "description": text * 2, "pagefind": True, "search_page": False}
    written = dump_front_matter(data)
    assert written.count("\n") == 4  # one line a key, whatever the text
    assert yaml.safe_load(written) == data
    assert get_data(f"---\n{written}---\n\nBody")[1] == data  # as MkDocs reads it
