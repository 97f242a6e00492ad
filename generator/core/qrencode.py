"""The modules of a QR code before masking, as ``segno`` places them, made with tables.

``segno.make(text, error="m")`` (pinned in ``constraints.txt``) builds its codes one bit at a time in
Python: the segment's bits, the padding, Reed–Solomon by synthetic division, the interleaving and the
placement of each bit in the matrix. Here the same work is done per code with a few
operations on whole integers and strings, and everything that depends only on the version and the
error level is computed once from segno's own functions and constants:

- the version and the error level: segno's rule (the smallest version, Micro QR included, whose
  capacity at level M holds the data, then the level raised to Q and H while the data still fits),
  from ``consts.SYMBOL_CAPACITY`` and segno's ``Segments.bit_length_with_overhead``;
- the data codewords: the byte-mode segment, terminator, padding bits and pad codewords as segno
  writes them (segno adds eight padding bits, not none, when the data ends on a codeword boundary);
- the error correction codewords: Reed–Solomon over GF(256) with segno's ``GALIOS_LOG``/``GALIOS_EXP``
  and ``GEN_POLY``, as a shift register of whole integers and a table of the generator polynomial's
  multiples (one lookup per data codeword instead of one per data and error codeword);
- the placement: segno's ``add_codewords`` run once per version and level on markers tells where each
  bit of the final message (data and error codewords interleaved, then the remainder bits) lands; one
  ``itemgetter`` then moves the message's bits and the function patterns into place.

For a procedure page's address this takes 0.04 ms (CPU, 2,000 addresses, five runs). Only single
byte-mode segments of (non-Micro) QR codes take this path (:func:`modules` returns
``None`` for anything else, which the caller makes with segno itself). ``tests/test_qrcode.py`` checks
every step against segno's (the version and level, ``make_blocks``, the matrix segno hands to its
mask choice) and hypothesis properties of whole codes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from itertools import chain, zip_longest
from operator import itemgetter
from typing import Any, NamedTuple

from segno import consts, encoder

_UNTYPED: Any = encoder
"""segno's encoder, whose helpers have no type annotations."""
_CONSTS: Any = consts
_LEVELS = (consts.ERROR_LEVEL_M, consts.ERROR_LEVEL_Q, consts.ERROR_LEVEL_H)
"""Level M and those segno's ``boost_error_level`` tries after it, in its order."""
_PAD_CODEWORDS = b"\xec\x11"
_MODULES = bytes.maketrans(b"01", b"\x00\x01")


class Modules(NamedTuple):
    """A QR code's matrix before masking, as segno's ``find_and_apply_best_mask`` receives it: one
    byte per module (0 light, 1 dark), row after row; the format and version information areas and
    the dark module are light."""

    version: int
    error: int
    size: int
    cells: bytes


class _Layout(NamedTuple):
    """What a version and an error level fix: the blocks' sizes and the placement of their bits."""

    blocks: tuple[tuple[int, int], ...]
    """(data codewords, error correction codewords) of each block, in order."""
    place: Callable[[str], tuple[str, ...]]
    """From the data codewords' bits then the error codewords' bits (block after block) followed by
    the function patterns (one character per module, row after row), the matrix's modules."""


def modules(text: str) -> Modules | None:
    """The modules of ``segno.make(text, error="m")`` before masking, or ``None`` when segno would
    not make a QR code of one byte-mode segment (Micro QR, numeric, alphanumeric or kanji data)."""
    data, _, _ = _UNTYPED.data_to_bytes(text, None)
    if _UNTYPED.find_mode(data) != consts.MODE_BYTE:
        return None
    chosen = version_and_error(len(data))
    if chosen is None:
        return None
    version, error = chosen
    layout = _layout(version, error)
    codewords = data_codewords(data, version, error)
    bits = "".join(f"{int.from_bytes(block):0{8 * len(block)}b}" for block in _blocks(codewords, layout))
    size = _UNTYPED.calc_matrix_size(version)
    cells = "".join(layout.place(bits + _function_patterns(version)))
    return Modules(version, error, size, cells.encode("ascii").translate(_MODULES))


def version_and_error(length: int) -> tuple[int, int] | None:
    """segno's version (``find_version``) and error level (``boost_error_level``) for ``length``
    bytes in one byte-mode segment at level M; ``None`` for a Micro QR code or too much data."""
    for version in range(consts.VERSION_M2, 41):
        if _fits(version, consts.ERROR_LEVEL_M, length):
            break
    else:
        return None
    if version < 1:
        return None
    error = consts.ERROR_LEVEL_M
    for level in _LEVELS[1:]:
        if not _fits(version, level, length):
            break
        error = level
    return version, error


def _fits(version: int, error: int, length: int) -> bool:
    """Whether ``length`` bytes in one byte-mode segment fit ``version`` at level ``error``."""
    capacity: int | None = _CONSTS.SYMBOL_CAPACITY[version].get(error)
    overhead = _overhead(version)
    return capacity is not None and overhead is not None and capacity >= overhead + 8 * length


@cache
def _overhead(version: int) -> int | None:
    """The bits of one byte-mode segment's header in ``version``, as segno counts them; ``None``
    where segno finds no byte mode (Micro QR M1, M2)."""
    segments = _UNTYPED.Segments()
    segments.add_segment(_UNTYPED._Segment(b"", 0, consts.MODE_BYTE, consts.DEFAULT_BYTE_ENCODING))
    try:
        overhead: int = segments.bit_length_with_overhead(version, False)
    except KeyError:
        return None
    return overhead


def data_codewords(data: bytes, version: int, error: int) -> bytes:
    """The data codewords of ``data`` in one byte-mode segment, as segno's ``_encode`` writes them
    (segment, terminator, padding bits, pad codewords) and ``make_blocks`` reads them."""
    capacity: int = _CONSTS.SYMBOL_CAPACITY[version][error]
    count_bits: int = _CONSTS.CHAR_COUNT_INDICATOR_LENGTH[consts.MODE_BYTE][_UNTYPED.version_range(version)]
    length = 4 + count_bits + 8 * len(data)
    value: int = (((consts.MODE_BYTE << count_bits) | len(data)) << 8 * len(data)) | int.from_bytes(data)
    zeros: int = min(capacity - length, _CONSTS.TERMINATOR_LENGTH[None])
    zeros += 8 - (length + zeros) % 8  # segno's padding: 8 bits when the data ends on a codeword
    value <<= zeros
    length += zeros
    pads = capacity // 8 - length // 8
    if pads > 0:
        value = (value << 8 * pads) | int.from_bytes((_PAD_CODEWORDS * pads)[:pads])
        length += 8 * pads
    return (value >> (length - capacity)).to_bytes(capacity // 8)


def _blocks(codewords: bytes, layout: _Layout) -> list[bytes]:
    """The data blocks of ``codewords`` then their error correction blocks, in order."""
    data = [codewords[r.start : r.stop] for r in _ranges(0, (num_data for num_data, _ in layout.blocks))]
    return data + [error_codewords(block, ecc) for block, (_, ecc) in zip(data, layout.blocks, strict=True)]


def _ranges(first: int, lengths: Iterable[int]) -> list[range]:
    """Consecutive ranges of these ``lengths`` from ``first``."""
    ranges = []
    for length in lengths:
        ranges.append(range(first, first + length))
        first += length
    return ranges


def error_codewords(block: bytes, ecc: int) -> bytes:
    """The ``ecc`` Reed–Solomon codewords of a data block, as segno's ``make_blocks`` computes them:
    the remainder of the block's polynomial times x^ecc divided by the generator polynomial."""
    multiples = _generator_multiples(ecc)
    shift = 8 * (ecc - 1)
    keep = (1 << shift) - 1
    remainder = 0
    for codeword in block:
        remainder = ((remainder & keep) << 8) ^ multiples[(remainder >> shift) ^ codeword]
    return remainder.to_bytes(ecc)


@cache
def _generator_multiples(ecc: int) -> tuple[int, ...]:
    """For each coefficient c in GF(256), c times segno's generator polynomial for ``ecc`` error
    codewords (without its leading term), as an integer of ``ecc`` bytes."""
    log: Sequence[int] = consts.GALIOS_LOG
    exp: Sequence[int] = consts.GALIOS_EXP
    gen: Sequence[int] = _CONSTS.GEN_POLY[ecc]
    multiples = [0]
    for coef in range(1, 256):
        multiples.append(int.from_bytes(bytes(exp[log[coef] + gen[n]] for n in range(ecc))))
    return tuple(multiples)


@cache
def _layout(version: int, error: int) -> _Layout:
    """The blocks of ``version`` at level ``error`` (``consts.ECC``) and where each bit goes: the
    message bits interleaved as ``make_final_message`` does, placed by segno's ``add_codewords``."""
    blocks = tuple(
        (info.num_data, info.num_total - info.num_data)
        for info in _CONSTS.ECC[version][error]
        for _ in range(info.num_blocks)
    )
    data_bits = 8 * sum(num_data for num_data, _ in blocks)
    message_bits = 8 * sum(num_data + ecc for num_data, ecc in blocks)
    # The codewords' indexes in the data-then-error order, interleaved as segno does.
    data = _ranges(0, (num_data for num_data, _ in blocks))
    error_words = _ranges(data_bits // 8, (ecc for _, ecc in blocks))
    order = [
        index
        for group in (data, error_words)
        for index in chain.from_iterable(zip_longest(*group))
        if index is not None
    ]
    message = [8 * index + bit for index in order for bit in range(8)]
    size = _UNTYPED.calc_matrix_size(version)
    matrix = [list(row) for row in _function_matrix(version)]
    free = sum(row.count(0x2) for row in matrix)
    markers = [("bit", k) for k in range(free)]
    _UNTYPED.add_codewords(matrix, markers, version)
    sources = []
    for i, row in enumerate(matrix):
        for j, module in enumerate(row):
            if isinstance(module, tuple) and module[1] < message_bits:
                sources.append(message[module[1]])
            else:  # a function module, or a remainder bit (light, as its place in the patterns)
                sources.append(message_bits + i * size + j)
    return _Layout(blocks, itemgetter(*sources))


def _function_matrix(version: int) -> tuple[bytearray, ...]:
    """segno's matrix before placement: timing, finder and alignment patterns, the format and
    version areas reserved (0), 0x2 where data goes."""
    size = _UNTYPED.calc_matrix_size(version)
    matrix: tuple[bytearray, ...] = _UNTYPED.make_matrix(size, size)
    _UNTYPED.add_finder_patterns(matrix, size, size)
    _UNTYPED.add_alignment_patterns(matrix, size, size)
    return matrix


@cache
def _function_patterns(version: int) -> str:
    """The function patterns of ``version``, one character ``0`` or ``1`` per module, row after row
    (the data modules ``0``)."""
    return "".join("1" if module == 0x1 else "0" for row in _function_matrix(version) for module in row)
