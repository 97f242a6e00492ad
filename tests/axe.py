"""axe-core, from the npm package pinned in tests/package-lock.json (``make test`` installs it), run in
a Playwright page: the WCAG 2.2 A and AA rules."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}


def axe_source() -> str:
    """The text of axe.min.js; skipped outside CI when ``npm ci --prefix tests`` has not run."""
    if not AXE.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{AXE} is missing: run «make test» (npm ci --prefix tests)")
        pytest.skip("axe-core is not installed: npm ci --prefix tests")
    return AXE.read_text(encoding="utf-8")


def violations(page: Any, source: str) -> list[dict[str, Any]]:
    """axe's violations of the WCAG 2.2 A/AA rules on ``page``, as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", TAGS
    )
    return list(result["violations"])


def describe(found: list[dict[str, Any]]) -> list[str]:
    """One line per violation and element: impact, rule, element and axe's summary."""
    lines = []
    for v in found:
        for node in v["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"{v['impact']}: {v['id']}: {target}: {node.get('failureSummary', '')[:160]}")
    return lines


def blocking(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The serious and critical ones."""
    return [v for v in found if v["impact"] in BLOCKING]
