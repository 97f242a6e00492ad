"""``congkhai fmt``: every YAML file of a content folder in the one layout (:mod:`generator.core.yamllayout`).

A dataset's records (and its settings file) take their key order from its model; the site's own files
(``site.yml``, ``linh-vuc.yml`` …) keep theirs. A file that is not YAML at all is left to ``check``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel
from ruamel.yaml.error import YAMLError

from generator.core.contentfiles import write_atomic
from generator.core.yamllayout import Order, in_layout, layout, model_order
from generator.site.dataset import AnyDataset


@dataclass
class Formatted:
    """What one run found: the files not in layout (rewritten unless only checked), those unreadable."""

    changed: list[Path] = field(default_factory=list)
    unreadable: list[Path] = field(default_factory=list)
    total: int = 0


def content_orders(
    content: Path,
    datasets: Sequence[AnyDataset],
    order_of: Callable[[type[BaseModel]], Order] = model_order,
) -> dict[Path, Order | None]:
    """Every regular ``*.yml``/``*.yaml`` file under ``content``, sorted, with its model's key order
    (``order_of`` its model; the editor's: :func:`~generator.core.yamllayout.form_order`)."""
    orders: dict[Path, Order | None] = {}
    for dataset in datasets:
        order = order_of(dataset.model)
        for path in dataset.files(content):
            orders[path] = order
        if dataset.settings_file and dataset.settings_model is not None:
            orders[content / dataset.name / dataset.settings_file] = order_of(dataset.settings_model)
    found: dict[Path, Order | None] = {}
    for folder, dirs, files in os.walk(content):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.suffix in (".yml", ".yaml") and stat.S_ISREG(os.lstat(path).st_mode):
                found[path] = orders.get(path)
    return found


def format_content(content: Path, datasets: Sequence[AnyDataset], write: bool) -> Formatted:
    """Find (``write``: and rewrite) every file under ``content`` that is not in layout."""
    result = Formatted()
    for path, order in content_orders(content, datasets).items():
        result.total += 1
        try:
            text = path.read_text(encoding="utf-8")
            if in_layout(text, order):
                continue
            formatted = layout(text, order)
        except (UnicodeError, YAMLError):
            result.unreadable.append(path)
            continue
        result.changed.append(path)
        if write:
            write_atomic(path, formatted)
    return result
