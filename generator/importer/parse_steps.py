"""«Trình tự thực hiện»: free text, split into steps at its bullets.

Steps start at lines beginning with «-» (or «+» when no line begins with «-»); lines in between stay with the
step before them. Text without bullets is split at blank lines, else line by line. Nothing is dropped.
"""

from __future__ import annotations

from typing import Any

from generator.importer.text import block_value


def parse_steps(text: str) -> list[dict[str, Any]]:
    """The steps of ``text``, each ``{"mo_ta": …}``, in order."""
    cleaned = block_value(text)
    if cleaned is None:
        return []
    lines = cleaned.split("\n")
    for bullet in ("-", "+"):
        if any(line.startswith(bullet) for line in lines):
            return [{"mo_ta": step} for step in _group(lines, bullet)]
    chunks = cleaned.split("\n\n") if "\n\n" in cleaned else lines
    return [{"mo_ta": chunk.strip()} for chunk in chunks if chunk.strip()]


def _group(lines: list[str], bullet: str) -> list[str]:
    steps: list[list[str]] = []
    for line in lines:
        if line.startswith(bullet) or not steps:
            steps.append([line.removeprefix(bullet).strip()] if line.startswith(bullet) else [line])
        else:
            steps[-1].append(line)
    return [text for text in ("\n".join(step).strip() for step in steps) if text]
