"""``generator.core.qrcode`` and ``qrencode`` only save time: their versions, codewords, placement,
penalty scores, masks and SVG are segno's own."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager

import segno
from hypothesis import given, settings
from hypothesis import strategies as st
from segno import consts, encoder

from generator.core import qrcode, qrencode
from generator.core.qrcode import best_mask, penalty, qr_svg

SVG = {"svgclass": "ck-qr", "lineclass": None, "omitsize": True, "border": 2, "title": "Mã QR"}


def test_penalty_is_segnos_on_random_matrices() -> None:
    rng = random.Random(16)
    for size in (21, 25, 29, 33, 45, 57, 177):
        for dark in (0.1, 0.5, 0.9):
            rows = [bytearray(int(rng.random() < dark) for _ in range(size)) for _ in range(size)]
            assert penalty(b"".join(rows), size) == encoder.evaluate_mask(rows, size, size), (size, dark)


def test_penalty_counts_patterns_at_the_edges() -> None:
    """1:1:3:1:1 patterns at the start, near the start, at the end of rows and columns, and runs."""
    size = 21
    for start in (0, 1, 2, 3, 4, 7, size - 8, size - 7):
        rows = [bytearray(size) for _ in range(size)]
        for i, bit in enumerate((1, 0, 1, 1, 1, 0, 1)):
            rows[3][start + i] = bit
            rows[start + i][5] = bit
        rows[10][0:2] = b"\x01\x01"
        assert penalty(b"".join(rows), size) == encoder.evaluate_mask(rows, size, size), start


def test_codes_are_segnos() -> None:
    rng = random.Random(2026)
    texts = [f"https://stp.example.gov.vn/thu-tuc/1.{i:06d}/" for i in range(120)]
    texts += ["/thu-tuc/2.000123/", "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html"]
    letters = "abcdefghijklmnopqrstuvwxyz0123456789/:.-ăđêơư"
    texts += ["".join(rng.choice(letters) for _ in range(rng.randrange(1, 400))) for _ in range(300)]
    masks, versions = set(), set()
    for text in texts:
        code = segno.make(text, error="m")
        assert qr_svg(text, **SVG) == code.svg_inline(**SVG), text
        masks.add(code.mask)
        versions.add(code.version)
    assert masks == set(range(8))
    assert {1, 2, 5, 10} <= versions
    assert encoder.find_and_apply_best_mask.__module__ == "segno.encoder"  # put back after each code


ADDRESSES = [f"https://stp.example.gov.vn/thu-tuc/1.{i:06d}/" for i in range(0, 5000, 97)]
URL_LIKE = st.builds(
    "{}://{}/{}".format,
    st.sampled_from(["https", "http"]),
    st.from_regex(r"[a-z0-9.-]{1,40}", fullmatch=True),
    st.from_regex(r"[a-zA-Z0-9._~/?=&%-]{0,350}", fullmatch=True),
)


@contextmanager
def _before_masking() -> Iterator[list[bytes]]:
    """The matrices segno's encoder hands to its mask choice while inside (one byte per module)."""
    seen: list[bytes] = []
    original = encoder.find_and_apply_best_mask

    def capture(matrix, width, height, proposed_mask=None):  # type: ignore[no-untyped-def]
        seen.append(b"".join(bytes(row) for row in matrix))
        return original(matrix, width, height, proposed_mask)

    encoder.find_and_apply_best_mask = capture
    try:
        yield seen
    finally:
        encoder.find_and_apply_best_mask = original


def _segno_buffer(text: str) -> tuple[encoder.Segments, int, int, encoder.Buffer | None]:
    """segno's segments, version, error level and, for a QR code (not Micro QR), its data bits
    (``_encode`` up to the final message)."""
    segments = encoder.prepare_data(text, None, None)
    version = encoder.find_version(segments, consts.ERROR_LEVEL_M, eci=False, micro=None)
    error = encoder.boost_error_level(version, consts.ERROR_LEVEL_M, segments, False)
    if version < 1:
        return segments, version, error, None
    buff = encoder.Buffer()
    for segment in segments:
        encoder.write_segment(buff, segment, None, encoder.version_range(version))
    capacity = consts.SYMBOL_CAPACITY[version][error]
    encoder.write_terminator(buff, capacity, None, len(buff))
    encoder.write_padding_bits(buff, version, len(buff))
    encoder.write_pad_codewords(buff, version, capacity, len(buff))
    return segments, version, error, buff


def _assert_pieces_are_segnos(text: str) -> int | None:
    """Each step of the fast path equals segno's: version and level, data codewords and blocks with
    their error correction, the matrix before masking, the mask, the final matrix. The version, or
    ``None`` when the text is not for the fast path (and segno makes a Micro QR code or another
    mode than byte)."""
    code = qrencode.modules(text)
    segments, version, error, buff = _segno_buffer(text)
    if code is None:
        assert version < 1 or segments.modes != [consts.MODE_BYTE], text
        return None
    assert buff is not None, text
    assert (code.version, code.error) == (version, error), text
    data = bytes(buff.toints())[: consts.SYMBOL_CAPACITY[version][error] // 8]
    assert qrencode.data_codewords(encoder.data_to_bytes(text, None)[0], version, error) == data, text
    data_blocks, error_blocks = encoder.make_blocks(consts.ECC[version][error], buff)
    layout = qrencode._layout(version, error)
    blocks = qrencode._blocks(b"".join(data_blocks), layout)
    assert blocks == [bytes(block) for block in data_blocks + error_blocks], text
    with _before_masking() as seen:
        segno_code = segno.make(text, error="m")
    assert code.cells == seen[0], text
    mask, masked = best_mask(code.cells, code.size)
    assert mask == segno_code.mask, text
    final = qrcode.finished(code, mask, masked)
    assert final == b"".join(bytes(row) for row in segno_code.matrix), text
    return code.version


def test_each_step_is_segnos() -> None:
    rng = random.Random(18004)
    letters = "abcdefghijklmnopqrstuvwxyz0123456789/:.-ăđêơư"
    texts = ADDRESSES + [
        "".join(rng.choice(letters) for _ in range(rng.randrange(5, 400))) for _ in range(60)
    ]
    versions = {_assert_pieces_are_segnos(text) for text in texts}
    assert {2, 4, 5, 10, 15} <= versions


def test_error_codewords_are_segnos_for_every_length() -> None:
    """Reed–Solomon for each number of error codewords segno has a generator polynomial for."""
    rng = random.Random(7)
    for ecc in sorted(consts.GEN_POLY):
        block = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 120)))
        buff = encoder.Buffer()
        for byte in block:
            buff.append_bits(byte, 8)
        _, (expected,) = encoder.make_blocks([consts.EC(1, len(block) + ecc, len(block))], buff)
        assert qrencode.error_codewords(block, ecc) == bytes(expected), ecc


def test_other_codes_and_options_go_to_segno() -> None:
    """Micro QR, numeric and alphanumeric data have no fast path, nor other SVG options; segno makes them."""
    for text in ("a", "12345", "HTTPS://EXAMPLE.VN/A", "0" * 300):
        assert qrencode.modules(text) is None, text
        assert qr_svg(text, **SVG) == segno.make(text, error="m").svg_inline(**SVG), text
    for options in ({"scale": 3}, {"lineclass": "x"}, {"dark": "red"}, {"border": None}, {"omitsize": False}):
        svg = {**SVG, **options}
        text = ADDRESSES[0]
        assert qr_svg(text, **svg) == segno.make(text, error="m").svg_inline(**svg), options


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(URL_LIKE, st.text(min_size=1, max_size=400)),
    st.integers(0, 6),
    st.sampled_from([None, "", "q"]),
)
def test_any_text_is_segnos(text: str, border: int, svgclass: str | None) -> None:
    """URL-like and arbitrary text, every border, with and without a class: segno's SVG."""
    svg = {**SVG, "border": border, "svgclass": svgclass, "title": text[:20]}
    assert qr_svg(text, **svg) == segno.make(text, error="m").svg_inline(**svg), text


@settings(max_examples=60, deadline=None)
@given(URL_LIKE)
def test_url_steps_are_segnos(text: str) -> None:
    """The steps for URL-like text (the fast path's all versions up to that of 400 bytes)."""
    _assert_pieces_are_segnos(text)
