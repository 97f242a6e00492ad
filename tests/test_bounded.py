"""Hostile or careless input is refused fast, in bounded memory, in one Vietnamese line naming the place."""

from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.core.errors import DataError, shortened
from generator.core.yamlio import MAX_FILE_BYTES, read_fast, read_yaml
from generator.importer import import_records

from .conftest import REPO

ALIAS = "không dùng tham chiếu «*{}» của YAML: hãy viết đầy đủ giá trị"
ANCHOR = "không dùng neo «&{}» của YAML: hãy viết đầy đủ giá trị"


def refusal(text: str) -> str:
    """The one error reading ``text`` as the file ``x.yml`` gives."""
    with pytest.raises(DataError) as caught:
        read_yaml(text.encode("utf-8"), "x.yml")
    return str(caught.value)


def billion_laughs(levels: int = 9) -> str:
    """The classic alias bomb: each level repeats the previous one nine times (9**9 «lol» in the end)."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_in_under_a_second_and_100_mb() -> None:
    tracemalloc.start()
    started = time.perf_counter()
    message = refusal(billion_laughs())
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert message == "x.yml:1: l0: " + ANCHOR.format("l0")
    assert seconds < 1
    assert peak < 100_000_000


def test_an_alias_bomb_fails_check_in_one_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "thu-tuc").mkdir(parents=True)
    for name in ("site.yml", "linh-vuc.yml"):
        (content / name).write_text((REPO / "tests/data/minimal" / name).read_text(encoding="utf-8"))
    (content / "thu-tuc" / "1.000001.yml").write_text(billion_laughs(), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--content", str(content)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines()[0] == f"{content}/thu-tuc/1.000001.yml:1: l0: " + ANCHOR.format("l0")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &a [*a]\n", "x.yml:1: a: " + ANCHOR.format("a")),
        ("a: 1\nb: *a\n", "x.yml:2: b: " + ALIAS.format("a")),
        (
            "a: !!python/object:os.system x\n",
            "x.yml:1: a: không dùng thẻ kiểu «!!python/object:os.system» của YAML: hãy bỏ thẻ",
        ),
        (
            "a:\n  [b, c]: 1\n",
            "x.yml:2: a: khóa phải là một tên trường, không phải một danh sách hay nhóm trường",
        ),
        ("? {b: 1}\n: 1\n", "x.yml:1: khóa phải là một tên trường, không phải một danh sách hay nhóm trường"),
        ("a: 1\n2: x\n", "x.yml:2: 2: khóa «2» phải là tên trường bằng chữ, không phải số"),
        ("yes: x\n", "x.yml:1: yes: khóa «yes» phải là tên trường bằng chữ, không phải giá trị đúng/sai"),
        ("<<: {a: 1}\n", "x.yml:1: <<: không dùng khóa gộp «<<» của YAML: hãy viết đầy đủ các trường"),
        (
            "a: 0x_\n",
            "x.yml:1: a: «0x_» không đọc được thành số: nếu là văn bản, hãy viết trong dấu nháy kép",
        ),
        ("a: 1\n---\nb: 2\n", "x.yml:2: tệp chỉ được chứa một tài liệu YAML: bỏ dòng «---» và phần sau nó"),
        ("a:\n\tb: 1\n", "x.yml:2: YAML không hợp lệ: có ký tự tab: YAML chỉ cho thụt lề bằng dấu cách"),
        ('a: "x\n', "x.yml:2: YAML không hợp lệ: thiếu dấu nháy đóng: một giá trị mở dấu nháy mà không đóng"),
    ],
)
def test_exact_refusal(text: str, expected: str) -> None:
    assert refusal(text) == expected


def test_duplicate_keys_are_refused_where_the_fast_reader_would_read_the_file() -> None:
    text = "a: 1\nb:\n  c: x\n  c: y\n"
    assert read_fast(text) is None
    assert refusal(text) == "x.yml:4: b.c: khóa bị lặp: đã khai báo ở dòng 3, khai báo lại ở dòng 4"


def test_nesting_is_capped_at_50_levels() -> None:
    assert read_yaml(("a: " + "[" * 49 + "]" * 49 + "\n").encode(), "x.yml").data
    deep = refusal("a: " + "[" * 50 + "]" * 50 + "\n")
    assert deep.startswith("x.yml:1: a[0][0]")
    assert deep.endswith(": lồng quá sâu: quá 50 cấp danh sách, nhóm trường")
    block = "".join(f"{'  ' * i}k{i}:\n" for i in range(60)) + "  " * 60 + "x\n"
    assert refusal(block).endswith(": lồng quá sâu: quá 50 cấp danh sách, nhóm trường")


def test_a_line_of_100000_list_marks_is_refused_not_crashed() -> None:
    started = time.perf_counter()
    assert refusal("- " * 100_000 + "x\n").endswith(": lồng quá sâu: quá 50 cấp danh sách, nhóm trường")
    assert time.perf_counter() - started < 1


def test_files_over_a_megabyte_are_refused_unread() -> None:
    raw = b"a: " + b"x" * MAX_FILE_BYTES + b"\n"
    with pytest.raises(DataError) as caught:
        read_yaml(raw, "x.yml")
    assert str(caught.value) == (
        "x.yml:1: tệp quá lớn: 1.000.004 byte (tối đa 1.000.000 byte cho một tệp dữ liệu); "
        "hãy tách thành nhiều tệp hoặc rút gọn"
    )


def test_a_data_error_is_one_line_whatever_it_holds() -> None:
    error = DataError("thu-tuc/x\n.yml", 3, "a\x1b[2J", "«" + "é\n" * 1000 + "» sai\x07")
    shown = "é\\n" * 29 + "é…"
    assert str(error) == f"thu-tuc/x\\n.yml:3: a\\x1b[2J: «{shown}» sai\\x07"
    assert shortened("x" * 61) == "x" * 59 + "…"


def import_problems(source: Path, tmp_path: Path) -> list[str]:
    """What a partial import skips, with its reason (it writes the rest and never stops on one file)."""
    report = import_records([source], tmp_path / "thu-tuc", registry=REPO / "content" / "linh-vuc.yml")
    return [str(skipped) for skipped in report.rejected]


@pytest.mark.parametrize("depth", [51, 100_000])
def test_json_nested_too_deep_is_refused(depth: int, tmp_path: Path) -> None:
    source = tmp_path / "1.000001.json"
    source.write_text("[" * depth + "]" * depth, encoding="utf-8")
    assert import_problems(source, tmp_path) == [f"{source}: JSON lồng quá sâu: quá 50 cấp mảng, đối tượng"]


def test_json_too_large_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "1.000001.json"
    source.write_text(json.dumps({"ma_thu_tuc": "1.000001", "ten": "x" * 5_000_000}), encoding="utf-8")
    assert import_problems(source, tmp_path) == [
        f"{source}: tệp quá lớn: 5.000.037 byte (tối đa 5.000.000 byte cho một bản ghi JSON)"
    ]


def test_deep_json_given_to_review_ends_in_one_line(tmp_path: Path) -> None:
    source = tmp_path / "1.000001.json"
    source.write_text("{" + '"a": {' * 100_000 + "}" * 100_001, encoding="utf-8")
    result = CliRunner().invoke(main, ["review", str(source), "--content", str(REPO / "tests/data/minimal")])
    assert result.exit_code == 1
    assert f"{source}: JSON lồng quá sâu: quá 50 cấp mảng, đối tượng" in result.stderr
    assert "Traceback" not in result.output + result.stderr
