"""Command-line options shared by the ``congkhai`` commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click


def path_option(flag: str, default: str, help: str, *, directory: bool = True) -> Callable[[Any], Any]:
    """An option naming a folder (or, with ``directory=False``, a file), with its default shown."""
    kind = click.Path(file_okay=not directory, dir_okay=directory, path_type=Path)
    return click.option(flag, type=kind, default=Path(default), show_default=True, help=help)
