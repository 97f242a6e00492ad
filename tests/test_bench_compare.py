"""``bench/run.py --baseline``: the stages are read from the build command's own last line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from bench import run
from generator.cli import main

from .conftest import MINIMAL, REPO


def test_the_stages_are_read_from_the_last_line_of_congkhai_build(tmp_path: Path) -> None:
    command = ["build", "--content", str(MINIMAL), "--out", str(tmp_path / "site")]
    command += ["--work", str(tmp_path / "work"), "--config", str(REPO / "mkdocs.yml")]
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 0, result.output
    timings = run.stage_seconds(result.stdout.splitlines()[-1])
    assert timings is not None
    assert sorted(timings) == ["generate", "mkdocs", "search"]
    assert all(isinstance(seconds, float) and seconds >= 0 for seconds in timings.values())
    assert run.stage_seconds("Dữ liệu hợp lệ: 2 thủ tục, 1 lĩnh vực.") is None
