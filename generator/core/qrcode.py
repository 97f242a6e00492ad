"""QR codes as inline SVG, made by ``segno`` with its choice of data mask computed quickly.

A QR code's data is XORed with one of eight mask patterns; ISO/IEC 18004 §7.8.3 picks the one whose
matrix scores the lowest penalty (runs, 2×2 blocks, finder-like patterns, dark share). ``segno``
(pinned in ``constraints.txt``) applies and scores each mask one module at a time in Python: 3.3 ms of
the 4.0 ms a procedure page's code took, 20 s of CPU for 5,000 procedure pages (about three quarters of
making them). :func:`_best_mask` picks the same mask with the same scores, computed on whole rows:
each mask is one XOR of big integers, runs and finder-like patterns are found in ``bytes`` by ``re`` and
``bytes.find``, 2×2 blocks by bit operations; segno does everything else (segments, error correction,
placement, format and version information, the SVG). ``tests/test_qrcode.py`` checks that the codes
are those segno makes by itself, for every mask and several versions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any

import segno
from segno import encoder

_ORIGINAL: Callable[..., tuple[int, Sequence[bytearray]]] = encoder.find_and_apply_best_mask
_UNTYPED: Any = encoder
"""segno's encoder, whose helpers have no type annotations."""
_RUN = re.compile(rb"\x00{5,}|\x01{5,}")
_FINDER_LIKE = bytes((1, 0, 1, 1, 1, 0, 1))
_BITS = bytes.maketrans(b"\x00\x01", b"01")
_LIGHT = bytes(4)


def qr_svg(text: str, **svg: Any) -> str:
    """The QR code of ``text`` (error correction level M), as ``segno``'s inline SVG with the ``svg``
    options of :meth:`segno.QRCode.svg_inline`."""
    with _quick_masks():
        code = segno.make(text, error="m")
    return str(code.svg_inline(**svg))


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
    cells = int.from_bytes(b"".join(matrix), "big")
    best: tuple[int, int, bytes] | None = None
    for number, flips in enumerate(_flips(size)):
        masked = (cells ^ flips).to_bytes(size * size, "big")
        score = penalty(masked, size)
        if best is None or score < best[0]:
            best = (score, number, masked)
    assert best is not None
    _, number, masked = best
    return number, tuple(bytearray(masked[i * size : (i + 1) * size]) for i in range(size))


@cache
def _flips(size: int) -> tuple[int, ...]:
    """For each of the eight masks, the modules it inverts (the encoding region where its pattern is
    1), as one integer of one byte per module, row after row: what XORing the matrix's bytes with it
    does segno's ``apply_mask``."""
    function = _UNTYPED.make_matrix(size, size)
    _UNTYPED.add_finder_patterns(function, size, size)
    _UNTYPED.add_alignment_patterns(function, size, size)
    function[-8][8] = 0x1  # the dark module, as segno marks it
    masks = _UNTYPED.get_data_mask_functions(False)
    return tuple(
        int.from_bytes(
            bytes(function[i][j] > 0x1 and bool(mask(i, j)) for i in range(size) for j in range(size)),
            "big",
        )
        for mask in masks
    )


def penalty(cells: bytes, size: int) -> int:
    """The penalty score of a QR code's matrix (``cells``: one byte 0 or 1 per module, row after row),
    exactly as segno's ``evaluate_mask`` computes it."""
    rows = [cells[i : i + size] for i in range(0, size * size, size)]
    columns = [cells[j::size] for j in range(size)]
    lines = b"\x02".join(rows + columns)
    runs = _RUN.findall(lines)
    n1 = sum(map(len, runs)) - 2 * len(runs)
    n3 = _finder_like(_LIGHT + lines.replace(b"\x02", _LIGHT) + _LIGHT)
    bits = int(cells.translate(_BITS), 2)
    alike = ~(bits ^ (bits >> 1))  # bit of module (i, j): it is like (i, j - 1)
    n2 = 3 * (alike & (alike >> size) & ~(bits ^ (bits >> size)) & _inner(size)).bit_count()
    percent = float(cells.count(1)) / (size**2)
    n4 = 10 * int(abs(percent * 100 - 50) / 5)
    return n1 + n2 + n3 + n4


@cache
def _inner(size: int) -> int:
    """The bits of the modules (i, j) with i >= 1 and j >= 1 (a module's bit: ``size * size - 1 - (i *
    size + j)``): those that close a 2×2 block with the modules above and to their left."""
    row = (1 << (size - 1)) - 1  # j >= 1: every bit of a row but its highest
    return sum(row << (size * (size - 1 - i)) for i in range(1, size))


def _finder_like(lines: bytes) -> int:
    """segno's score N3 over rows and columns, each between four light modules (so that a pattern
    at either end of a line, or near it, counts as segno's bounds make it count): 40 for each 1:1:3:1:1
    pattern with four light modules before or after it; the search goes on after the pattern, or
    within it when it did not count, as segno's does."""
    count = 0
    idx = lines.find(_FINDER_LIKE)
    while idx != -1:
        offset = idx + 7
        if not any(lines[idx - 4 : idx]) or not any(lines[offset : offset + 4]):
            count += 40
        else:
            offset = idx + 4
        idx = lines.find(_FINDER_LIKE, offset)
    return count
