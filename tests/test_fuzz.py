"""Random YAML and random values for every field, fed to ``congkhai check``: a clean exit (0 or 1), every
error one ``file:line: …`` line, never a traceback."""

from __future__ import annotations

import re
import shutil
import types
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from generator.cli import main
from generator.procedures.model import Procedure
from generator.site.agency import Agency
from generator.site.sectors import SectorRegistry

from .conftest import MINIMAL

ERROR_LINE = re.compile(r"^[^:]+:\d+: ")
SUMMARY = re.compile(r"^\d+ lỗi; chưa xuất bản gì, trang hiện có được giữ nguyên\.$")
RECORD = "thu-tuc/1.013859.yml"
FILES = {RECORD: Procedure, "site.yml": Agency, "linh-vuc.yml": SectorRegistry}
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


def field_paths(model: type[BaseModel], prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """The key path of every field of ``model`` and of the models inside it (a list's first item)."""
    paths: list[tuple[str | int, ...]] = []
    for name, info in model.model_fields.items():
        path = (*prefix, name)
        paths.append(path)
        inner, listed = _inner(info.annotation)
        if inner is not None:
            paths += field_paths(inner, (*path, 0) if listed else path)
    return paths


def _inner(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model an annotation holds (``Fee``, ``list[Fee]``, ``Fee | None``) and whether in a list."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    origin = typing.get_origin(annotation)
    for arg in typing.get_args(annotation):
        model, listed = _inner(arg)
        if model is not None:
            return model, listed or origin is list
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        return None, False
    return None, False


ODD_CHARS = st.sampled_from("\x00\x1b\x85\n\t:#-'\"")
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)) | ODD_CHARS, max_size=80)
ODD_VALUES = ["https://[x", "https://x:99999", "javascript:alert(1)", "2024-02-30", "1.000001", "yes"]
SCALARS = (
    TEXT
    | st.text(min_size=200, max_size=2000)
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.booleans()
    | st.none()
    | st.sampled_from(ODD_VALUES)
    | st.dates().map(str)
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT | st.integers(), inner, max_size=3),
    max_leaves=8,
)


def _put(data: Any, path: tuple[str | int, ...], value: Any) -> None:
    """Set ``value`` at ``path`` in ``data``, making the groups and lists on the way as needed."""
    for i, part in enumerate(path[:-1]):
        following = path[i + 1]
        empty: Any = [] if isinstance(following, int) else {}
        if isinstance(part, int):
            if not isinstance(data, list):
                return
            while len(data) <= part:
                data.append(empty)
            if not isinstance(data[part], list | dict):
                data[part] = empty
            data = data[part]
        else:
            if not isinstance(data, dict):
                return
            if not isinstance(data.get(part), list | dict):
                data[part] = empty
            data = data[part]
    last = path[-1]
    if isinstance(last, int) and isinstance(data, list):
        data[last:] = [value]
    elif isinstance(last, str) and isinstance(data, dict):
        data[last] = value


def run_check(tmp_path: Path, files: dict[str, str | bytes]) -> None:
    """``congkhai check`` on the minimal content with ``files`` replaced: clean exit, one line per error."""
    content = tmp_path / "content"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(MINIMAL, content)
    for name, text in files.items():
        raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
        (content / name).write_bytes(raw)
    result = CliRunner().invoke(main, ["check", "--content", str(content)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.output + result.stderr
    if result.exit_code == 1:
        lines = result.stderr.splitlines()
        assert lines, result.stderr
        assert SUMMARY.match(lines[-1]), result.stderr
        for line in lines[:-1]:
            assert ERROR_LINE.match(line), line
            assert len(line) < 1500, line[:200]


@pytest.mark.parametrize("name", list(FILES))
@SETTINGS
@given(data=st.data())
def test_random_values_for_every_field(name: str, tmp_path: Path, data: st.DataObject) -> None:
    record = yaml.safe_load((MINIMAL / name).read_text(encoding="utf-8"))
    for path in data.draw(st.lists(st.sampled_from(field_paths(FILES[name])), min_size=1, max_size=3)):
        _put(record, path, data.draw(VALUES))
    run_check(tmp_path, {name: yaml.safe_dump(record, allow_unicode=True, sort_keys=False)})


PIECES = st.sampled_from(
    [": ", "- ", "\n", "\n  ", "  ", "#", "'", '"', "\\", "|", ">", "[", "]", "{", "}", ",", "&a ", "*a",
     "!!str ", "!x ", "? ", "---\n", "~", "yes", "017", "1e3", "1:30", "<<: ", "\t", "\x00", "\x1b", "\x85",
     "\u2028", "\ufeff", "\ud800", "- " * 60, "[" * 60, "é" * 100]
)  # fmt: skip


@pytest.mark.parametrize("name", list(FILES))
@SETTINGS
@given(data=st.data())
def test_random_yaml_text(name: str, tmp_path: Path, data: st.DataObject) -> None:
    text = (MINIMAL / name).read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 3))
        text = text[:at] + data.draw(PIECES | TEXT) + text[at + cut :]
    run_check(tmp_path, {name: text})


@SETTINGS
@given(raw=st.binary(max_size=200))
def test_random_bytes(tmp_path: Path, raw: bytes) -> None:
    run_check(tmp_path, {RECORD: raw})
