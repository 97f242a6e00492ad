"""MkDocs hook used only by ``congkhai serve``: regenerate the Markdown before each rebuild."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from generator import site
from generator.errors import CongkhaiError

CONTENT_VAR = "CONGKHAI_CONTENT"
WORK_VAR = "CONGKHAI_WORK"


def on_pre_build(config: Any) -> None:
    """Bring the documentation folder up to date with the YAML; show data errors in the server log."""
    from mkdocs.exceptions import PluginError

    try:
        catalog, _ = site.prepare(Path(os.environ[CONTENT_VAR]), Path(os.environ[WORK_VAR]))
    except CongkhaiError as exc:
        raise PluginError(str(exc)) from exc
    config["nav"] = site.nav(catalog)
