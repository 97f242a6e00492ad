"""The GitHub Actions workflow passes zizmor (every audit, offline) and the workflow schema; data errors
become annotations on the offending file and line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import annotation, main
from generator.core.errors import DataError

from .conftest import REPO, MakeContent

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def test_there_is_a_workflow() -> None:
    assert [w.name for w in WORKFLOWS] == ["site.yml"]


def test_zizmor_finds_nothing_even_pedantic() -> None:
    command = [str(BIN / "zizmor"), "--offline", "--persona", "pedantic", *map(str, WORKFLOWS)]
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No findings to report." in run.stdout


def test_the_workflow_follows_the_github_schema() -> None:
    command = [
        str(BIN / "check-jsonschema"),
        "--builtin-schema",
        "vendor.github-workflows",
        *map(str, WORKFLOWS),
    ]
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_action_is_pinned_by_commit() -> None:
    for workflow in WORKFLOWS:
        for line in workflow.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                ref = line.split("uses:", 1)[1].split("#", 1)[0].strip()
                assert len(ref.split("@", 1)[1]) == 40, line


def test_data_errors_are_annotations_in_github_actions(
    make_content: MakeContent, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = make_content({"thu-tuc/1.002010.yml": "ma_thu_tuc: '1.002010'\nten_thu_tuc: A, b: c\n"})
    monkeypatch.chdir(content.parent)
    result = CliRunner().invoke(main, ["check", "--content", "content"], env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        "content/thu-tuc/1.002010.yml:2: YAML không hợp lệ: có dấu «: » ở chỗ không được: "
        "giá trị có «: » phải viết trong dấu nháy",
        "::error file=content/thu-tuc/1.002010.yml,line=2,title=dữ liệu::YAML không hợp lệ: "
        "có dấu «: » ở chỗ không được: giá trị có «: » phải viết trong dấu nháy",
    ]


def test_annotation_properties_are_escaped() -> None:
    error = DataError("/elsewhere/a,b:c.yml", 3, "ten", "50% sai\ndòng hai")
    assert annotation(error) == "::error file=/elsewhere/a%2Cb%3Ac.yml,line=3,title=ten::50%25 sai%0Adòng hai"


def test_no_annotations_outside_github_actions(make_content: MakeContent) -> None:
    content = make_content({"thu-tuc/1.002010.yml": "ma_thu_tuc: '1.002010'\n"})
    result = CliRunner().invoke(main, ["check", "--content", str(content)], env={"GITHUB_ACTIONS": ""})
    assert result.exit_code == 1
    assert "::error" not in result.output
