"""The benchmark's synthetic content: valid, varied and the same on every run."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import synth
from generator.build.pipeline import check as build_catalog
from generator.procedures.lookup import summaries


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_synthetic_content_passes_check_and_is_deterministic(tmp_path: Path, dvcqg: Path) -> None:
    codes = synth.synthesize(400, tmp_path / "a", seed=7, real_dir=dvcqg / "bo-tu-phap")
    catalog = build_catalog(tmp_path / "a")
    assert len(summaries(catalog)) == len(set(codes)) == 400
    assert len({p.ten_thu_tuc for p in summaries(catalog)}) > 350  # names vary beyond the 271 real ones
    assert len(catalog.sectors) >= 16
    synth.synthesize(400, tmp_path / "b", seed=7, real_dir=dvcqg / "bo-tu-phap")
    assert files(tmp_path / "a") == files(tmp_path / "b")


def test_missing_real_data_is_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(synth.MissingData, match="Không tìm thấy dữ liệu thật"):
        synth.synthesize(10, tmp_path / "content", real_dir=tmp_path / "absent")
