"""The shape of the agency's feedback codes, so that the lookup accepts a code however it is typed.

A citizen copies the code from a receipt: «pakn2026022», «PAKN-2026-22», «pakn 2026 22» all mean
``PAKN-2026-022``. The lookup page carries the shape most codes share (``PAKN-0000-000``: the letters
every such code begins with, each number's width in zeros, the separators), and ``ck-pakn.js`` rewrites
what was typed into it: capitals, the separators put back, a missing prefix added, a number that runs
two together split at the first one's width, missing leading zeros restored.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_PARTS = re.compile(r"[A-Z]+|[0-9]+|[.-]")


def _signature(code: str) -> tuple[str, ...]:
    """A code's parts: its letters as written, each number as zeros of its width, its separators."""
    return tuple("0" * len(p) if p.isdigit() else p for p in _PARTS.findall(code))


def code_shape(codes: Iterable[str]) -> str:
    """The shape most of ``codes`` share (``PAKN-0000-000``); empty without codes."""
    counts = Counter(_signature(code) for code in codes)
    if not counts:
        return ""
    shape, _ = min(counts.items(), key=lambda item: (-item[1], item[0]))
    return "".join(shape)
