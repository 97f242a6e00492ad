"""Load every YAML record of one type, collecting all errors instead of stopping at the first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from generator.errors import DataError
from generator.validation import validate
from generator.yamlio import YamlDoc, load_yaml

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A validated record with the file it came from (for error messages and edit links)."""

    record: M
    doc: YamlDoc

    @property
    def path(self) -> str:
        """The file as staff name it, for example ``content/thu-tuc/1.013859.yml``."""
        return self.doc.path


def load_one(path: Path, model: type[M]) -> tuple[Loaded[M] | None, list[DataError]]:
    """Load and validate one file."""
    try:
        doc = load_yaml(path, str(path))
    except DataError as exc:
        return None, [exc]
    record, errors = validate(model, doc)
    return (Loaded(record, doc) if record is not None else None), errors


class LoadCache:
    """Each file's load result by the file's bytes, for a process that loads the same folder after every
    edit (the live preview): files whose bytes did not change are not parsed or validated again."""

    def __init__(self) -> None:
        self._results: dict[tuple[Path, type[BaseModel]], tuple[bytes, Any]] = {}

    def load(self, path: Path, model: type[M]) -> tuple[Loaded[M] | None, list[DataError]]:
        """:func:`load_one`, or its remembered result when ``path`` holds the same bytes as then."""
        before = _read(path)
        remembered = self._results.get((path, model))
        if before is not None and remembered is not None and remembered[0] == before:
            return remembered[1]  # type: ignore[no-any-return]
        result = load_one(path, model)
        if before is not None and _read(path) == before:
            self._results[(path, model)] = (before, result)
        return result


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def load_all(
    paths: list[Path], model: type[M], cache: LoadCache | None = None
) -> tuple[list[Loaded[M]], list[DataError]]:
    """Load and validate every file in ``paths`` (in sorted order)."""
    loaded: list[Loaded[M]] = []
    errors: list[DataError] = []
    for path in sorted(paths):
        item, problems = cache.load(path, model) if cache else load_one(path, model)
        errors.extend(problems)
        if item is not None:
            loaded.append(item)
    return loaded, errors


def yaml_files(directory: Path) -> list[Path]:
    """The ``*.yml`` and ``*.yaml`` files directly inside ``directory``, sorted."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())
