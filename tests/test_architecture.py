"""The layers of ``ARCHITECTURE.md``, enforced by import-linter's contracts in ``pyproject.toml``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import REPO


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """import-linter on the ``generator`` package found in ``root``, with ``root``'s contracts."""
    command = [
        sys.executable,
        "-c",
        "import sys; from importlinter.cli import lint_imports_command; lint_imports_command()",
    ]
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)


def test_every_import_respects_the_layers() -> None:
    run = lint_imports(REPO)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Contracts: 2 kept, 0 broken." in run.stdout


def test_a_dataset_importing_the_build_breaks_the_contracts(tmp_path: Path) -> None:
    shutil.copytree(REPO / "generator", tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    model = tmp_path / "generator" / "procedures" / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\nfrom generator.build import pipeline  # noqa\n")
    run = lint_imports(tmp_path)
    assert run.returncode == 1
    assert "Contracts: 0 kept, 2 broken." in run.stdout
    assert "generator.procedures.model -> generator.build.pipeline" in run.stdout
