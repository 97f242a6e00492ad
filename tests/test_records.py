"""Loading many records: the same records and errors whether in one process or several, cached or not."""

from __future__ import annotations

import gc
import pickle
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.build.pipeline import check as build_catalog
from generator.core import records
from generator.core.errors import DataError
from generator.core.records import LoadCache, load_all, load_one, yaml_files
from generator.core.yamlio import parse_yaml
from generator.procedures.model import Procedure

from .conftest import MINIMAL, REPO, MakeContent

FAST_READ = REPO / "content" / "thu-tuc" / "1.000426.yml"
"""A record in the plain block style that the fast reader reads itself."""

BAD = {
    "thu-tuc/1.000001.yml": 'ma_thu_tuc: "1.000001"\nten_thu_tuc: Thiếu cách thức\nlinh_vuc: cong-chung\n',
    "thu-tuc/1.000002.yml": "ma_thu_tuc: [\n",
    "thu-tuc/1.000003.yml": "ma_thu_tuc: 1.000003\nma_thu_tuc: 2\n",
}


FORKED: list[int] = []
"""The ``jobs`` of every fork_map call made while loading."""


def _counted(fork_map: Callable[..., Any]) -> Callable[..., Any]:
    def counted(tasks: Any, jobs: int) -> Any:
        FORKED.append(jobs)
        return fork_map(tasks, jobs)

    return counted


@pytest.fixture
def valid(make_content: MakeContent, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Content with nine valid records, and few enough files per process to load them in three."""
    content = make_content({})
    for path in yaml_files(MINIMAL / "thu-tuc"):
        text = path.read_text(encoding="utf-8")
        for last in "78":
            code = path.stem[:-1] + last
            (content / "thu-tuc" / f"{code}.yml").write_text(text.replace(path.stem, code), encoding="utf-8")
    monkeypatch.setattr(records, "FILES_PER_JOB", 4)
    monkeypatch.setattr(records, "fork_map", _counted(records.fork_map))
    FORKED.clear()
    yield content
    gc.unfreeze()  # a one-off load of "many" files froze the objects of this test session


@pytest.fixture
def many(valid: Path) -> list[Path]:
    """Nine valid and three invalid records."""
    for name, text in BAD.items():
        (valid / name).write_text(text, encoding="utf-8")
    return yaml_files(valid / "thu-tuc")


def summary(loaded: list[records.Loaded[Procedure]]) -> list[tuple[str, Procedure]]:
    return [(item.path, item.record) for item in loaded]


def test_several_processes_load_what_one_does(many: list[Path]) -> None:
    one = load_all(many, Procedure, jobs=1)
    several = load_all(many, Procedure, jobs=3)
    assert summary(several[0]) == summary(one[0])
    assert len(one[0]) == 9
    assert several[1] == one[1]
    assert {error.path.rsplit("/", 1)[-1] for error in one[1]} == {
        "1.000001.yml",
        "1.000002.yml",
        "1.000003.yml",
    }
    assert FORKED == [3]
    assert gc.isenabled()


def test_the_cache_loads_in_several_processes_and_remembers(many: list[Path]) -> None:
    cache = LoadCache()
    first = load_all(many, Procedure, cache, jobs=3)
    assert summary(first[0]) == summary(load_all(many, Procedure, jobs=1)[0])
    again = load_all(many, Procedure, cache, jobs=3)
    assert [a.record for a in again[0]] == [f.record for f in first[0]]
    assert all(a is f for a, f in zip(again[0], first[0], strict=True))  # not loaded again
    assert again[1] == first[1]
    assert FORKED == [3]  # the second time, every file was remembered


def test_errors_found_after_loading_name_the_right_lines(many: list[Path]) -> None:
    loaded, _ = load_all(many, Procedure, jobs=3)
    for item in loaded:
        fresh = load_one(Path(item.path), Procedure)[0]
        assert fresh is not None
        assert item.doc.lines == fresh.doc.lines
        assert item.doc.error(("cach_thuc", 0, "thoi_han"), "m") == fresh.doc.error(
            ("cach_thuc", 0, "thoi_han"), "m"
        )


@pytest.mark.parametrize("path", [MINIMAL / "thu-tuc" / "1.013859.yml", FAST_READ], ids=["full", "fast"])
def test_a_record_and_its_file_survive_pickling(path: Path) -> None:
    item = load_one(path, Procedure)[0]
    assert item is not None
    if path == FAST_READ:  # pickled as its path: the file's text does not travel
        assert item.record.ten_thu_tuc.encode("utf-8") not in pickle.dumps(item.doc)
    back = pickle.loads(pickle.dumps(item))
    assert back.record == item.record
    assert back.record.model_dump_json() == item.record.model_dump_json()
    assert back.record.model_fields_set == item.record.model_fields_set
    assert back.doc.data == item.doc.data  # read again from the file when only its path was pickled
    assert back.doc.lines == item.doc.lines
    with pytest.raises(ValueError, match="frozen"):
        back.record.ten_thu_tuc = "x"  # type: ignore[misc]


def test_a_file_gone_since_it_was_pickled_locates_errors_at_its_first_line(tmp_path: Path) -> None:
    path = tmp_path / FAST_READ.name
    shutil.copy(FAST_READ, path)
    item = load_one(path, Procedure)[0]
    assert item is not None
    back = pickle.loads(pickle.dumps(item.doc))
    assert item.doc.error(("linh_vuc",), "m").line > 1
    path.unlink()
    assert back.error(("linh_vuc",), "m") == DataError(str(path), 1, "linh_vuc", "m")


def test_the_catalog_is_the_same_in_several_processes(valid: Path) -> None:
    one, several = build_catalog(valid, jobs=1), build_catalog(valid, jobs=3)
    assert len(one.summaries("thu-tuc")) == 9
    assert one == several
    assert FORKED == [2]  # nine files, four a process at least


def test_a_loaded_file_reads_its_data_again_when_asked(tmp_path: Path) -> None:
    text = (MINIMAL / "thu-tuc" / "1.013859.yml").read_text(encoding="utf-8")
    block = yaml.safe_dump(yaml.safe_load(text), allow_unicode=True, sort_keys=False)
    path = tmp_path / "1.013859.yml"
    path.write_text(block, encoding="utf-8")
    for first in ("lines", "data"):
        item = load_one(path, Procedure)[0]
        assert item is not None
        assert item.doc.data if first == "data" else item.doc.lines  # the data was let go after validation
        assert item.doc.data == parse_yaml(block, "x").data
        assert item.doc.lines[("ten_thu_tuc",)] == 2


def test_a_value_derived_from_a_record_is_made_once_while_the_file_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / FAST_READ.name
    shutil.copy(FAST_READ, path)
    cache, made = LoadCache(), []

    def name(record: Procedure) -> str:
        made.append(record.ma_thu_tuc)
        return record.ten_thu_tuc

    first = cache.load(path, Procedure)[0]
    assert first is not None
    assert cache.derived(first, name) == cache.derived(first, name) == first.record.ten_thu_tuc
    again = cache.load(path, Procedure)[0]
    assert again is first  # same bytes: the same record, and its name is not made again
    assert cache.derived(again, name) == first.record.ten_thu_tuc
    assert made == [first.record.ma_thu_tuc]
    path.write_text(path.read_text(encoding="utf-8").replace(first.record.ten_thu_tuc, "Tên mới"), "utf-8")
    changed = cache.load(path, Procedure)[0]
    assert changed is not None
    assert cache.derived(changed, name) == "Tên mới"
    assert made == [first.record.ma_thu_tuc] * 2
