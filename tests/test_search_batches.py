"""Every query batch of ``bench/batches/`` parses and carries its first score (issue 30)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bench.batches import BATCHES, read_batch

FILES = sorted(BATCHES.glob("*.yml"))


def test_there_is_a_batch() -> None:
    assert FILES


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_batch_parses_and_has_its_first_score(path: Path) -> None:
    batch = read_batch(path)
    assert batch.lo == path.stem
    assert len(batch.cau_hoi) >= 60
    first = batch.diem_dau
    assert {"commit", "trang", "hop_tim_kiem"} <= set(first), f"{path.name}: diem_dau lacks a first score"
    for key in ("trang", "hop_tim_kiem"):
        hits, total = (int(n) for n in str(first[key]).split("/"))
        assert 0 <= hits <= total


def test_a_batch_without_codes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text(yaml.safe_dump({"lo": "x", "cau_hoi": [{"hoi": "khai sinh", "bo": "bo-tu-phap"}]}))
    with pytest.raises(ValueError, match=r"cau_hoi\[0\]\.ma_dung: no code and not ngoai_tham_quyen"):
        read_batch(path)
