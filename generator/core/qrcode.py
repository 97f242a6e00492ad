"""QR codes as inline SVG, byte for byte those of ``segno``, made with tables and whole-integer
operations.

``segno.make(text, error="m").svg_inline(...)`` (segno pinned in ``constraints.txt``) works one module
at a time in Python. A procedure page's code (an address of 45–60 bytes, version 4 or 5) took 1.77 ms
with segno doing everything but the choice of mask (already ours): 8.8 s of CPU for 5,000 procedure
pages, the largest single cost of the generation. It now takes 0.25–0.26 ms instead of 1.17–1.18 ms
(CPU time per code over 5,000 addresses ``https://stp.example.gov.vn/thu-tuc/1.NNNNNN/``, three runs
of each alternating, 2026-12-05, quiet machine; ``bench/README.md`` has the whole build). The work
is split:

- :mod:`generator.core.qrencode`: the version, the error level, the codewords with their error
  correction and their placement in the matrix (segno's rules, computed with tables built once per
  version from segno's own functions and constants);
- here: the data mask (ISO/IEC 18004 §7.8.3: the mask whose matrix scores the lowest penalty; segno
  applies and scores each of the eight one module at a time), the format and version information
  (from segno's ``add_format_info``/``add_version_info``, once per version, level and mask) and the
  SVG path (segno's ``write_svg`` for the options the site uses).

The penalty (:func:`penalty`) is segno's ``evaluate_mask`` on whole lines: each mask is one XOR of big
integers on the rows and columns laid end to end; runs (N1) and 2×2 blocks (N2) are counted with bit
operations, finder-like patterns (N3) with one regular expression on bytes. Codes outside the fast
path (Micro QR, numeric/alphanumeric/kanji data, other SVG options) are made by segno, with the same
mask choice. ``tests/test_qrcode.py`` checks every step and the SVG against segno.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any, NamedTuple
from xml.sax.saxutils import escape, quoteattr

import segno
from segno import encoder

from generator.core.qrencode import Modules, modules

_ORIGINAL: Callable[..., tuple[int, Sequence[bytearray]]] = encoder.find_and_apply_best_mask
_UNTYPED: Any = encoder
"""segno's encoder, whose helpers have no type annotations."""
_BITS = bytes.maketrans(b"\x00\x01", b"01")
_PATTERN = rb"\x01\x00\x01\x01\x01\x00\x01"
_LIGHT_BEFORE = (rb"\x00\x00\x00\x00", rb"\x02", rb"\x02\x00", rb"\x02\x00\x00", rb"\x02\x00\x00\x00")
_FINDER_LIKE = re.compile(
    _PATTERN
    + rb"(?:"
    + b"|".join(rb"(?<=" + light + _PATTERN + rb")" for light in _LIGHT_BEFORE)
    + rb"|(?=\x00{4}|\x00{0,3}\x02))"
)
"""A 1:1:3:1:1 pattern in lines that start and end with ``\\x02``, with four light modules (or all
those up to the line's end) before or after it: the patterns segno's N3 counts (segno searches again
after a counted pattern, or 4 modules into one that did not count; no pattern starts 1–3 modules into
another, so the regular expression's search finds the same)."""
_RUNS = re.compile(rb"\x01+|[\x00\x02]+")
_SVG_OPTIONS = frozenset(("svgclass", "lineclass", "omitsize", "border", "title"))


def qr_svg(text: str, **svg: Any) -> str:
    """The QR code of ``text`` (error correction level M), as ``segno``'s inline SVG with the ``svg``
    options of :meth:`segno.QRCode.svg_inline`."""
    code = modules(text) if _fast_options(svg) else None
    if code is None:
        with _quick_masks():
            return str(segno.make(text, error="m").svg_inline(**svg))
    mask, cells = best_mask(code.cells, code.size)
    return svg_inline(finished(code, mask, cells), code.size, **svg)


def _fast_options(svg: dict[str, Any]) -> bool:
    """Whether :func:`svg_inline` writes what segno does with these options."""
    border = svg.get("border")
    return (
        svg.keys() <= _SVG_OPTIONS
        and "lineclass" in svg
        and svg["lineclass"] is None
        and svg.get("omitsize") is True
        and type(border) is int
        and border >= 0
        and isinstance(svg.get("svgclass", "segno"), str | None)
        and isinstance(svg.get("title"), str | None)
    )


@contextmanager
def _quick_masks() -> Iterator[None]:
    """segno's encoder choosing masks with :func:`_find_and_apply_best_mask` while inside."""
    encoder.find_and_apply_best_mask = _find_and_apply_best_mask
    try:
        yield
    finally:
        encoder.find_and_apply_best_mask = _ORIGINAL


def _find_and_apply_best_mask(
    matrix: Sequence[bytearray], width: int, height: int, proposed_mask: int | None = None
) -> tuple[int, Sequence[bytearray]]:
    """segno's ``find_and_apply_best_mask`` for a QR code (not Micro QR) whose modules are all set:
    the best mask and the matrix with it applied. Anything else goes to segno's own."""
    if proposed_mask is not None or width != height or width < 21 or any(max(row) > 1 for row in matrix):
        return _ORIGINAL(matrix, width, height, proposed_mask)
    size = width
    number, masked = best_mask(b"".join(matrix), size)
    return number, tuple(bytearray(masked[i * size : (i + 1) * size]) for i in range(size))


class _Masks(NamedTuple):
    """The eight masks of a size, each as what XORing it does to a matrix in three layouts."""

    cells: tuple[int, ...]
    """One byte per module, row after row (as ``int.from_bytes``)."""
    lines: tuple[int, ...]
    """The same bytes in the rows then the columns, see :func:`_lines`."""
    bits: tuple[int, ...]
    """One bit per module, row after row, the first module the highest bit."""


def best_mask(cells: bytes, size: int) -> tuple[int, bytes]:
    """segno's choice of mask for a QR code's matrix before masking (one byte 0 or 1 per module, row
    after row): the first of the lowest penalty, and the matrix with it applied."""
    masks = _masks(size)
    lines = int.from_bytes(_lines(cells, size))
    length = 2 * size * (size + 1) + 1
    bits = int(cells.translate(_BITS), 2)
    scores = [
        _penalty((lines ^ flips).to_bytes(length), bits ^ flip_bits, size)
        for flips, flip_bits in zip(masks.lines, masks.bits, strict=True)
    ]
    number = scores.index(min(scores))
    return number, (int.from_bytes(cells) ^ masks.cells[number]).to_bytes(size * size)


def penalty(cells: bytes, size: int) -> int:
    """The penalty score of a QR code's matrix (``cells``: one byte 0 or 1 per module, row after row),
    exactly as segno's ``evaluate_mask`` computes it."""
    return _penalty(_lines(cells, size), int(cells.translate(_BITS), 2), size)


def _lines(cells: bytes, size: int) -> bytes:
    """The rows then the columns of a matrix, each between ``\\x02`` bytes."""
    rows = [cells[i : i + size] for i in range(0, size * size, size)]
    columns = [cells[j::size] for j in range(size)]
    return b"\x02" + b"\x02".join(rows + columns) + b"\x02"


def _penalty(lines: bytes, bits: int, size: int) -> int:
    """segno's penalty score (N1 + N2 + N3 + N4) of a matrix given as its :func:`_lines` and as one
    bit per module (row after row, the first module the highest bit)."""
    edges = _edges(size)
    n3 = 40 * len(_FINDER_LIKE.findall(lines))
    n1 = 0
    for step, (from_fifth, not_last) in ((1, edges.row), (size, edges.column)):
        alike = ~(bits ^ (bits >> step))  # module like the one before it in the row (column)
        fives = alike & (alike >> step) & (alike >> 2 * step) & (alike >> 3 * step) & from_fifth
        ends = fives & ~((alike << step) & not_last)  # the last module of a run of five or more
        n1 += fives.bit_count() + 2 * ends.bit_count()  # a run of n: n - 4 fives, one end
    alike = ~(bits ^ (bits >> 1))
    n2 = 3 * (alike & (alike >> size) & ~(bits ^ (bits >> size)) & edges.inner).bit_count()
    percent = float(bits.bit_count()) / (size**2)
    n4 = 10 * int(abs(percent * 100 - 50) / 5)
    return n1 + n2 + n3 + n4


class _Edges(NamedTuple):
    """Masks of module bits (module (i, j): bit ``size * size - 1 - (i * size + j)``)."""

    row: tuple[int, int]
    """The modules with j >= 4 (the fifth of a row and after), and those with j <= size - 2."""
    column: tuple[int, int]
    """The same for i."""
    inner: int
    """The modules with i >= 1 and j >= 1: those that close a 2×2 block with the modules above and
    to their left."""


@cache
def _edges(size: int) -> _Edges:
    """The :class:`_Edges` of a matrix of ``size`` × ``size``."""

    def rows(first: int, last: int, columns: int) -> int:
        return sum(columns << (size * (size - 1 - i)) for i in range(first, last + 1))

    every = (1 << size) - 1
    return _Edges(
        row=(rows(0, size - 1, (1 << (size - 4)) - 1), rows(0, size - 1, every - 1)),
        column=(rows(4, size - 1, every), rows(0, size - 2, every)),
        inner=rows(1, size - 1, (1 << (size - 1)) - 1),
    )


@cache
def _masks(size: int) -> _Masks:
    """For each of the eight masks, the modules it inverts (the encoding region where its pattern is
    1): what XORing with it does segno's ``apply_mask``."""
    function = _UNTYPED.make_matrix(size, size)
    _UNTYPED.add_finder_patterns(function, size, size)
    _UNTYPED.add_alignment_patterns(function, size, size)
    function[-8][8] = 0x1  # the dark module, as segno marks it
    flips = [
        bytes(function[i][j] > 0x1 and bool(mask(i, j)) for i in range(size) for j in range(size))
        for mask in _UNTYPED.get_data_mask_functions(False)
    ]
    return _Masks(
        cells=tuple(int.from_bytes(flip) for flip in flips),
        lines=tuple(int.from_bytes(_lines(flip, size).replace(b"\x02", b"\x00")) for flip in flips),
        bits=tuple(int(flip.translate(_BITS), 2) for flip in flips),
    )


def finished(code: Modules, mask: int, cells: bytes) -> bytes:
    """The masked ``cells`` of ``code`` with the format information (and dark module) and the
    version information, as segno's ``add_format_info`` and ``add_version_info`` write them."""
    size = code.size
    return (int.from_bytes(cells) | _information(code.version, code.error, mask)).to_bytes(size * size)


@cache
def _information(version: int, error: int, mask: int) -> int:
    """The dark modules of the format and version information (one byte per module)."""
    size = _UNTYPED.calc_matrix_size(version)
    matrix = tuple(bytearray(size) for _ in range(size))
    _UNTYPED.add_format_info(matrix, version, error, mask)
    _UNTYPED.add_version_info(matrix, version)
    return int.from_bytes(b"".join(matrix))


def svg_inline(
    cells: bytes,
    size: int,
    *,
    border: int,
    svgclass: str | None = "segno",
    title: str | None = None,
    **_: Any,
) -> str:
    """segno's ``svg_inline`` of a QR code (``cells``: one byte per module, row after row, the first
    dark) with ``lineclass=None, omitsize=True`` and the other options given."""
    rows = b"\x02".join(cells[i : i + size] for i in range(0, size * size, size))
    steps = map(_steps(size).__getitem__, _RUNS.findall(rows.rstrip(b"\x00\x02")))
    width = size + 2 * border
    return "".join(
        (
            f'<svg viewBox="0 0 {width} {width}"',
            f" class={quoteattr(svgclass)}" if svgclass else "",
            ">",
            f"<title>{escape(title)}</title>" if title is not None else "",
            f'<path stroke="#000" d="M{border} {border + 0.5}',
            "".join(steps),
            '"/></svg>',
        )
    )


class _Steps(dict[bytes, str]):
    """The path's step for a run of modules of a matrix of ``size`` (rows between ``\\x02``), as
    segno's ``write_svg`` writes it: a line over a dark run, a move over a light run (to the next
    row, or further, when it crosses ``\\x02``), made once per run and size."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def __missing__(self, run: bytes) -> str:
        if run[0] == 1:
            step = f"h{len(run)}"
        elif (rows := run.count(2)) == 0:
            step = f"m{len(run)} 0"
        else:  # light modules ending a row, the rows' ends, light modules starting a row
            after = len(run) - 1 - run.rindex(2)
            step = f"m{after + run.index(2) - self.size} {rows}"
        self[run] = step
        return step


@cache
def _steps(size: int) -> _Steps:
    """The :class:`_Steps` of a size, shared by the codes of that size."""
    return _Steps(size)
