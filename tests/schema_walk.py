"""Every text field of every content file, found from the models: a value planted in each.

The safety tests (markup, personal data) must cover a field the day it is added, without anyone listing it.
So they do not name fields: :func:`content_models` says which model reads each file of a content folder (every
dataset of :data:`~generator.datasets.DATASETS`, its settings file, and every registry of the site), and
:func:`plant` walks each file's data beside its model. Every text the file holds gets a planted value, and so
does every optional text field the file leaves out (an absent optional group is filled from the model's own
fields), so a field counts whether the sample data uses it or not. A planted value the model refuses (a code,
a slug, an address pattern) is taken back: a field that cannot hold the value cannot publish it either. What
stays is valid data that reaches every page, feed and open-data file of a whole-site build.

:func:`text_fields` lists every text field of a model by its path (``phi_le_phi[].mo_ta``); :class:`Planted`
says which were planted and which refused the value, so a test can prove that every one was tried.
"""

from __future__ import annotations

import copy
import datetime
import decimal
import enum
import functools
import re
import shutil
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from generator.build.pipeline import check
from generator.core.errors import DataError, DataErrors
from generator.core.workdays import SWAPS_FILE, DaySwaps
from generator.datasets import DATASETS
from generator.site import catalog
from generator.site.agency import Agency
from generator.site.catalog import AllowedFile
from generator.site.elsewhere import Elsewhere
from generator.site.lexicon import Lexicon
from generator.site.sectors import SectorRegistry
from generator.site.synonyms import SynonymFile

REPO = Path(__file__).resolve().parent.parent
SWAPPED_DAYS = (
    "nghi:\n  - ngay: 2025-03-14\n    ly_do: Nghỉ\nlam_bu:\n  - ngay: 2025-05-17\n    ly_do: Làm bù\n"
)
"""One swapped day of each kind (the default calendar lists none), so that their texts are planted too."""

Path_ = tuple[str | int, ...]
"""A key path inside a file's data; list items by index."""
Make = Callable[[str], str]
"""Makes the value planted at a field, from the field's path (``phi_le_phi[].mo_ta``)."""

REGISTRIES: dict[str, type[BaseModel]] = {
    catalog.SITE_FILE: Agency,
    catalog.SECTORS_FILE: SectorRegistry,
    catalog.SYNONYMS_FILE: SynonymFile,
    catalog.ALLOWED_FILE: AllowedFile,
    catalog.LEXICON_FILE: Lexicon,
    catalog.ELSEWHERE_FILE: Elsewhere,
    SWAPS_FILE: DaySwaps,
}
"""The site's own files, each with its model."""


def sample_content(folder: Path) -> Path:
    """A copy of the default content in ``folder``/content, with every kind of file the models read."""
    content = folder / "content"
    shutil.copytree(REPO / "content", content)
    (content / SWAPS_FILE).write_text(SWAPPED_DAYS, encoding="utf-8")
    return content


def content_models(content: Path) -> list[tuple[Path, type[BaseModel]]]:
    """Every YAML file of ``content`` that a model reads, with that model: registries, then each dataset's
    settings file and records."""
    found = [(content / name, model) for name, model in REGISTRIES.items() if (content / name).is_file()]
    for dataset in DATASETS:
        if dataset.settings_file and dataset.settings_model:
            settings = content / dataset.name / dataset.settings_file
            if settings.is_file():
                found.append((settings, dataset.settings_model))
        found += [(path, dataset.model) for path in dataset.files(content)]
    return found


def every_model() -> list[type[BaseModel]]:
    """Every model that reads a content file, whether the content at hand has such a file or not."""
    models: list[type[BaseModel]] = list(REGISTRIES.values())
    for dataset in DATASETS:
        models += [m for m in (dataset.settings_model, dataset.model) if m is not None and m not in models]
    return models


def text_fields(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    """The path of every text field of ``model`` and of the models inside it (``a.b[].c``)."""
    for name, info in model.model_fields.items():
        for kind, inner in _kinds(info.annotation):
            path = f"{prefix}{name}{'[]' if kind == 'list' else ''}"
            if inner is str:
                yield path
            elif _is_model(inner):
                yield from text_fields(inner, path + ".")


@dataclass
class Planted:
    """What :func:`plant` did: the field paths (by model name) that hold a planted value, and those whose
    model refused it."""

    held: dict[str, set[str]] = field(default_factory=dict)
    refused: dict[str, set[str]] = field(default_factory=dict)

    def held_by(self, model: type[BaseModel]) -> set[str]:
        """The field paths of ``model`` that hold a planted value in some file."""
        return self.held.get(model.__name__, set())

    def refused_by(self, model: type[BaseModel]) -> set[str]:
        """The field paths of ``model`` whose planted value was refused in every file that tried it."""
        return self.refused.get(model.__name__, set()) - self.held_by(model)

    def tried(self, model: type[BaseModel]) -> set[str]:
        """Every field path of ``model`` that was tried in some file."""
        return self.held.get(model.__name__, set()) | self.refused.get(model.__name__, set())


@dataclass
class _Change:
    path: Path_
    value: Any
    field: str
    """The model field path, for :class:`Planted`."""
    marks: tuple[str, ...]
    """The planted texts the change holds."""
    fields: tuple[str, ...]
    """The text fields they were planted in."""
    filled: bool = False
    """Whether the change fills an absent field (rather than adding to a text the file holds)."""


def plant(content: Path, make: Make) -> Planted:
    """Plant ``make(field)`` in every text field of every content file of ``content`` (see the module).

    Each file first takes what its model accepts; then the whole folder is checked as ``congkhai check``
    does, and a change that a rule across fields or records refuses is taken back, until the folder is
    valid. An absent field is filled in the first file of its model only, and only when no file holds it.
    """
    files = [(path, model, _data(path)) for path, model in content_models(content)]
    changes = {path: list(_changes(model, data, (), "", make)) for path, model, data in files}
    _fill_once(files, changes)
    refused: dict[Path, list[_Change]] = {path: [] for path, _, _ in files}
    for path, model, data in files:
        changes[path], refused[path] = _valid_changes(model, data, changes[path])
    while errors := _write(files, changes, content):
        quotes = _Quotes(changes)
        guilty = {
            (path, id(change)): (path, change) for e in errors for path, change in _guilty(e, changes, quotes)
        }
        for path, change in guilty.values():
            changes[path].remove(change)
            refused[path].append(change)
    planted = Planted()
    for path, model, _ in files:
        planted.held.setdefault(model.__name__, set()).update(f for c in changes[path] for f in c.fields)
        planted.refused.setdefault(model.__name__, set()).update(f for c in refused[path] for f in c.fields)
    return planted


class _Quotes:
    """Finds the changes whose planted text an error message quotes, in time proportional to the
    message's length (not to the number of changes: a whole-content check refuses thousands).

    Each planted text is filed under its rarest window of ``WIDTH`` characters (texts shorter than that
    are tried one by one); a message is looked up at each of its windows and each text found is then
    checked whole."""

    WIDTH = 8

    def __init__(self, changes: dict[Path, list[_Change]]) -> None:
        self.owners: dict[str, list[tuple[Path, _Change]]] = {}
        for path, listed in changes.items():
            for change in listed:
                for mark in change.marks:
                    self.owners.setdefault(mark, []).append((path, change))
        windows: dict[str, int] = {}
        for mark in self.owners:
            for window in self._windows(mark):
                windows[window] = windows.get(window, 0) + 1
        self.short = [mark for mark in self.owners if len(mark) < self.WIDTH]
        self.by_window: dict[str, list[str]] = {}
        for mark in self.owners:
            if len(mark) >= self.WIDTH:
                rarest = min(self._windows(mark), key=lambda w: (windows[w], w))
                self.by_window.setdefault(rarest, []).append(mark)

    def _windows(self, text: str) -> set[str]:
        return {text[i : i + self.WIDTH] for i in range(len(text) - self.WIDTH + 1)}

    def quoted_by(self, message: str) -> list[tuple[Path, _Change]]:
        """The changes (with their files) holding a text that ``message`` contains."""
        candidates = {m for w in self._windows(message) for m in self.by_window.get(w, ())}
        found = [m for m in sorted(candidates | set(self.short)) if m in message]
        unique = {(path, id(change)): (path, change) for m in found for path, change in self.owners[m]}
        return list(unique.values())


def _guilty(
    error: DataError, changes: dict[Path, list[_Change]], quotes: _Quotes
) -> list[tuple[Path, _Change]]:
    """The changes an error of the check comes from: those whose planted value it quotes (a code used
    in another file), else those at its key in its file, else every change of its file."""
    quoted = quotes.quoted_by(error.message)
    own = changes.get(Path(error.path), [])
    loc = _loc(error.key)
    at_key = [(Path(error.path), c) for c in own if _related(c.path, loc)]
    guilty = quoted or at_key or [(Path(error.path), c) for c in own]
    if not guilty:
        raise AssertionError(f"the sample data itself fails the check: {error}")
    return guilty


def _data(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def _fill_once(
    files: list[tuple[Path, type[BaseModel], dict[str, Any]]], changes: dict[Path, list[_Change]]
) -> None:
    """Keep each fill of an absent field in the first file of its model only, and only where no file
    holds the field already (filling every record would break the rules across its fields)."""
    present = {(model, c.field) for path, model, _ in files for c in changes[path] if not c.filled}
    groups = {(model, f[: i.start()]) for model, f in present for i in re.finditer(r"\.", f)}
    seen: set[tuple[type[BaseModel], str]] = set()
    for path, model, _ in files:
        kept = []
        for change in changes[path]:
            key = (model, change.field)
            if change.filled and (key in present or key in groups or key in seen):
                continue
            seen.add(key)
            kept.append(change)
        changes[path] = kept


def _write(
    files: list[tuple[Path, type[BaseModel], dict[str, Any]]],
    changes: dict[Path, list[_Change]],
    content: Path,
) -> list[DataError]:
    """Write every file with its changes and check the folder; the errors of the check."""
    for path, _, data in files:
        text = yaml.safe_dump(
            _applied(data, changes[path]), allow_unicode=True, sort_keys=False, width=10_000
        )
        path.write_text(text, encoding="utf-8")
    try:
        check(content)
    except DataErrors as exc:
        return list(exc.errors)
    return []


def _loc(key: str) -> tuple[str | int, ...]:
    """``a[0].b`` as a path: ``("a", 0, "b")``."""
    parts: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", key):
        parts.append(int(index) if index else name)
    return tuple(parts)


def _valid_changes(
    model: type[BaseModel], data: dict[str, Any], changes: list[_Change]
) -> tuple[list[_Change], list[_Change]]:
    """The changes the model accepts together, and those it refused (taken back one error at a time)."""
    kept, refused = list(changes), []
    while True:
        try:
            model.model_validate(_applied(data, kept))
            return kept, refused
        except ValidationError as exc:
            locs = [tuple(err["loc"]) for err in exc.errors()]
        guilty = [c for c in kept if any(_related(c.path, loc) for loc in locs)]
        if not guilty:
            raise AssertionError(f"{model.__name__}: the sample data itself is invalid: {locs}")
        # The deepest changes first: a refused text inside a filled group must not take the group back.
        deepest = max(len(c.path) for c in guilty)
        for change in [c for c in guilty if len(c.path) == deepest]:
            kept.remove(change)
            refused.append(change)


def _related(path: Path_, loc: tuple[Any, ...]) -> bool:
    """Whether the error at ``loc`` may come from the change at ``path`` (at it, inside it, or from a
    rule of a group that holds it). pydantic adds union tags to a location; they are skipped."""
    plain = _plain(loc)
    return plain[: len(path)] == path or path[: len(plain)] == plain


@functools.cache
def _plain(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(p for p in loc if isinstance(p, int) or not _is_tag(p))


def _is_tag(part: str) -> bool:
    return not part.isidentifier() or part[0].isupper() or part.startswith(("str", "list", "dict"))


def _applied(data: dict[str, Any], changes: list[_Change]) -> dict[str, Any]:
    result = copy.deepcopy(data)
    for change in sorted(changes, key=lambda c: len(c.path)):
        target: Any = result
        for part in change.path[:-1]:
            target = target[part]
        last = change.path[-1]
        if isinstance(target, list) and last == len(target):
            target.append(copy.deepcopy(change.value))
        else:
            target[last] = copy.deepcopy(change.value)
    return result


def _changes(
    model: type[BaseModel], data: dict[str, Any], at: Path_, prefix: str, make: Make
) -> Iterator[_Change]:
    """The changes that plant a value in each text of ``data`` (read by ``model``) and fill its absent
    optional fields (a list of text or groups with one item of each)."""
    for name, info in model.model_fields.items():
        key = info.alias or name
        kinds = [(kind, inner) for kind, inner in _kinds(info.annotation) if inner is str or _is_model(inner)]
        if not kinds:
            continue
        many = kinds[0][0] == "list"
        path = f"{prefix}{name}{'[]' if many else ''}"
        value = data.get(key)
        if value is None or value == []:
            recorded = _Recorded(make)
            filled = [_filled(inner, path, recorded) for _, inner in (kinds if many else kinds[:1])]
            yield _Change(
                (*at, key), filled if many else filled[0], path, recorded.marks, recorded.fields, True
            )
        elif many and isinstance(value, list):
            for i, item in enumerate(value):
                yield from _item_changes(_kind_of(kinds, item), item, (*at, key, i), path, make)
        else:
            yield from _item_changes(_kind_of(kinds, value), value, (*at, key), path, make)


def _kind_of(kinds: list[tuple[str, Any]], value: Any) -> Any:
    """The member of a union that ``value`` is: text for a string, the (first) group for a mapping."""
    wanted = str if isinstance(value, str) else dict
    return next((inner for _, inner in kinds if (inner is str) == (wanted is str)), kinds[0][1])


class _Recorded:
    """``make``, remembering what it made and for which fields."""

    def __init__(self, make: Make) -> None:
        self.make = make
        self.made: list[tuple[str, str]] = []

    def __call__(self, path: str) -> str:
        self.made.append((path, self.make(path)))
        return self.made[-1][1]

    @property
    def marks(self) -> tuple[str, ...]:
        """The texts made."""
        return tuple(text for _, text in self.made)

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields they were made for."""
        return tuple(path for path, _ in self.made)


def _item_changes(inner: Any, value: Any, at: Path_, path: str, make: Make) -> Iterator[_Change]:
    if isinstance(value, list):  # a list of lists (synonym groups)
        for i, item in enumerate(value):
            yield from _item_changes(inner, item, (*at, i), path, make)
    elif inner is str and isinstance(value, str):
        mark = make(path)
        yield _Change(at, f"{value} {mark}", path, (mark,), (path,))
    elif _is_model(inner) and isinstance(value, dict):
        yield from _changes(inner, value, at, path + ".", make)


def _filled(inner: Any, path: str, make: Make) -> Any:
    """A value for an absent field: the planted text, or a group with every field of the model filled."""
    if inner is str:
        return make(path)
    group: dict[str, Any] = {}
    for name, info in inner.model_fields.items():
        kind, kind_inner = _kinds(info.annotation)[0]
        sub = f"{path}.{name}{'[]' if kind == 'list' else ''}"
        value = (
            _filled(kind_inner, sub, make)
            if (kind_inner is str or _is_model(kind_inner))
            else _scalar(kind_inner)
        )
        if value is not None:
            group[info.alias or name] = [value] if kind == "list" else value
    return group


def _scalar(kind: Any) -> Any:
    """A plausible value of a non-text type, or ``None`` to leave the field out."""
    if typing.get_origin(kind) is typing.Literal:
        return typing.get_args(kind)[0]
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return next(iter(kind)).value
    if kind is bool:
        return False
    if kind in (int, float, decimal.Decimal):
        return 1
    if kind is datetime.date:
        return "2025-03-14"
    return None


def _kinds(annotation: Any) -> list[tuple[str, Any]]:
    """What a field holds, unwrapped from ``Optional`` and ``Annotated``: ``[("one" | "list", type)]``, one
    entry per member of a union (text first)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _kinds(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        members = [k for a in typing.get_args(annotation) if a is not type(None) for k in _kinds(a)]
        return sorted(members, key=lambda k: k[1] is not str)
    if origin in (list, tuple, frozenset, set):
        return [("list", k) for _, k in _kinds(typing.get_args(annotation)[0])]
    if isinstance(annotation, type) and issubclass(annotation, str) and not issubclass(annotation, enum.Enum):
        return [("one", str)]
    return [("one", annotation)]


def _is_model(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, BaseModel)
