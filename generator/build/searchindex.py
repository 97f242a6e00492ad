"""The search index: Pagefind run over the built site, its bundle made byte-identical across builds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from generator.build.searchbundle import stabilise
from generator.build.toolmessages import pagefind_message
from generator.core.errors import BuildError

ROOT_SELECTOR = "article"
"""Where Pagefind looks in a page: Material's article, which holds every ``data-pagefind-body``.

Pagefind parses every element under its root, indexed or not; leaving the header, navigation,
footer and scripts out saves about a quarter of its CPU time on a large catalogue and changes
nothing in the bundle. Not ``[data-pagefind-body]`` itself: a catalogue without procedures has no
such element, and Pagefind then indexes whole pages (here: their articles) instead of failing.
"""


def pagefind_command(site: Path) -> list[str]:
    """The Pagefind run: the binary shipped by the ``pagefind[bin]`` package, never a download.

    Pagefind reads only inside :data:`ROOT_SELECTOR`, which gives the same bundle with less work.
    """
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--root-selector",
        ROOT_SELECTOR,
        "--force-language",
        "vi",
        "--silent",
    ]


def index_site(site: Path) -> int:
    """Index the built site in place (``site/pagefind/``), reproducibly; return the pages indexed."""
    try:
        run = subprocess.run(pagefind_command(site), capture_output=True, text=True, check=False)
    except OSError as exc:
        raise BuildError(f"không chạy được Pagefind (chỉ mục tìm kiếm): {exc.strerror or exc}") from exc
    entry = site / "pagefind" / "pagefind-entry.json"
    if run.returncode != 0 or not entry.is_file():
        told = pagefind_message(run.stderr or run.stdout)
        raise BuildError(f"Pagefind không tạo được chỉ mục tìm kiếm (mã thoát {run.returncode}): {told}")
    stabilise(site / "pagefind")
    languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
    return sum(int(language["page_count"]) for language in languages.values())
