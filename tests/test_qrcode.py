"""``generator.core.qrcode`` only saves time: its penalty scores, masks and SVG are segno's own."""

from __future__ import annotations

import random

import segno
from segno import encoder

from generator.core.qrcode import penalty, qr_svg

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
