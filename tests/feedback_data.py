"""The feedback test content: the minimal content with ``tests/data/feedback`` laid over it."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import MINIMAL, REPO

FEEDBACK = REPO / "tests" / "data" / "feedback"
AS_OF = "1747699200"
"""2025-05-20, the build date the feedback goldens are computed at (``SOURCE_DATE_EPOCH``)."""


def feedback_content(root: Path) -> Path:
    """A content folder at ``root/content``: the minimal content and the feedback test data."""
    content = root / "content"
    shutil.copytree(MINIMAL, content)
    shutil.copytree(FEEDBACK, content, dirs_exist_ok=True)
    return content
