"""Every message staff read is one Vietnamese line: data the YAML readers refuse (front matter included),
the command line click refuses, a full disk, MkDocs and Pagefind failing; never «Lỗi không mong đợi»."""

from __future__ import annotations

import errno
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import pipeline
from generator.build.searchindex import pagefind_command
from generator.build.toolmessages import mkdocs_message, pagefind_message
from generator.cli import main
from generator.core.errors import DataError
from generator.site import catalog as catalog_module

from .conftest import MINIMAL, REPO, MakeContent

SUMMARY = "1 lỗi; chưa xuất bản gì, trang hiện có được giữ nguyên."
HEAD = 'ma_thu_tuc: "1.000001"\nten_thu_tuc: Thủ tục thử\nlinh_vuc: cong-chung\ncap_thuc_hien: [tinh]\n'
BIG = "1" + "0" * 5000
LONG_NUMBER = (
    f"«1{'0' * 58}…» là số quá dài (5001 chữ số; tối đa 4300): nếu là văn bản, hãy viết trong dấu nháy kép"
)
DEEP = "lồng quá sâu: quá 50 cấp danh sách, nhóm trường"


def run(*args: str) -> Result:
    """``congkhai`` in this process, its standard error apart."""
    return CliRunner().invoke(main, list(args))


def check(content: Path) -> Result:
    return run("check", "--content", str(content))


def page(front: str) -> str:
    """A hand page with the front matter ``front``."""
    return f"---\n{front}\n---\n# Trang\n"


FRONT_MATTER = {
    "python tag": (
        page('title: !!python/object/apply:os.system ["echo x"]'),
        "2: title: không dùng thẻ kiểu «!!python/object/apply:os.system» của YAML: hãy bỏ thẻ",
    ),
    "list nested 10,000 deep": (
        page("title: " + "[" * 10_000 + "]" * 10_000),
        "2: title" + "[0]" * 38 + "…: " + DEEP,
    ),
    "mapping nested 10,000 deep": (
        page("title: " + "{a: " * 10_000 + "1" + "}" * 10_000),
        "2: title" + ".a" * 49 + ": " + DEEP,
    ),
    "huge integer": (page(f"title: {BIG}"), f"2: title: {LONG_NUMBER}"),
    "huge integer on line 3": (page(f"hide: [toc]\ndescription: {BIG}"), f"3: description: {LONG_NUMBER}"),
}


@pytest.mark.parametrize("case", list(FRONT_MATTER))
def test_front_matter_refused_in_one_line(case: str, make_content: MakeContent) -> None:
    text, expected = FRONT_MATTER[case]
    content = make_content({"trang/gioi-thieu.md": text})
    result = check(content)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"{content}/trang/gioi-thieu.md:{expected}\n{SUMMARY}\n"


def test_a_huge_integer_in_a_record_says_so(make_content: MakeContent) -> None:
    record = HEAD + f"cach_thuc:\n  - hinh_thuc: truc_tiep\n    thoi_han:\n      so: {BIG}\n"
    content = make_content({"thu-tuc/1.000001.yml": record})
    result = check(content)
    assert result.stderr == (
        f"{content}/thu-tuc/1.000001.yml:8: cach_thuc[0].thoi_han.so: {LONG_NUMBER}\n{SUMMARY}\n"
    )


def build(content: Path, root: Path) -> Result:
    return run(
        "build",
        *("--content", str(content), "--out", str(root / "site")),
        *("--config", str(REPO / "mkdocs.yml"), "--work", str(root / "work")),
    )


def test_a_form_file_swapped_during_a_build_is_a_data_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Replaced by a link between the check and the copy: the file's own error, not a
    ``FrozenInstanceError`` (a frozen dataclass exception leaving a ``with`` block)."""
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    load_forms = catalog_module.load_forms

    def swapped(folder: Path) -> object:
        found = load_forms(folder)
        for form in found[0]:
            Path(form.source).unlink()
            Path(form.source).symlink_to("/etc/hostname")
        return found

    monkeypatch.setattr(catalog_module, "load_forms", swapped)
    result = build(content, tmp_path)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{content}/mau/tp-cc-05.pdf:1: là liên kết tượng trưng (symlink); không theo liên kết, chỉ đọc tệp "
        f"thường\n{SUMMARY}\n"
    )
    assert not (tmp_path / "site").exists()


def test_a_data_error_leaves_a_with_block_as_itself() -> None:
    """:mod:`contextlib` sets ``__traceback__`` on the error; its fields stay fixed."""

    @contextmanager
    def block() -> Iterator[None]:
        yield

    with pytest.raises(DataError) as caught, block():
        raise DataError("a.yml", 1, "", "sai")
    with pytest.raises(FrozenInstanceError):
        caught.value.line = 2
    assert str(caught.value) == "a.yml:1: sai"


def test_a_form_file_of_another_size_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    load_forms = catalog_module.load_forms

    def grown(folder: Path) -> object:
        found = load_forms(folder)
        for form in found[0]:
            Path(form.source).write_bytes(b"x" * 5000)
        return found

    monkeypatch.setattr(catalog_module, "load_forms", grown)
    before = (MINIMAL / "mau" / "tp-cc-05.pdf").stat().st_size
    result = build(content, tmp_path)
    assert result.stderr == (
        f"{content}/mau/tp-cc-05.pdf:1: tệp mẫu đã thay đổi trong khi dựng trang ({before} byte thành 5 KB); "
        f"hãy chạy lại khi không còn ai sửa thư mục content/mau/\n{SUMMARY}\n"
    )


def test_a_full_disk_names_the_work_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pipeline, "write_docs", full)
    result = build(MINIMAL, tmp_path)
    assert (result.exit_code, result.stderr) == (
        1,
        f"Lỗi: ổ đĩa đầy, không ghi được «{tmp_path / 'work'}»; hãy giải phóng chỗ trống rồi chạy lại.\n",
    )


USAGE = {
    (
        "build",
        "--jobs",
        "-1",
    ): "Lỗi: giá trị không hợp lệ cho --jobs: «-1» (phải ≥ 0); xem congkhai build --help",
    ("build", "--jobs", "abc"): (
        "Lỗi: giá trị không hợp lệ cho --jobs: «abc» không phải số nguyên; xem congkhai build --help"
    ),
    ("build", "--foo"): "Lỗi: không có tuỳ chọn --foo (có phải ý bạn là --out?); xem congkhai build --help",
    ("check", "--bar"): "Lỗi: không có tuỳ chọn --bar; xem congkhai check --help",
    ("build", "--out"): "Lỗi: tuỳ chọn --out cần một giá trị; xem congkhai build --help",
    ("build", "--offline=yes"): "Lỗi: tuỳ chọn --offline không nhận giá trị; xem congkhai build --help",
    ("build", "thêm"): (
        "Lỗi: thừa đối số «thêm»: lệnh này không nhận thêm đối số đó; xem congkhai build --help"
    ),
    ("buil",): "Lỗi: không có lệnh «buil» (có phải ý bạn là build?); xem congkhai --help",
    ("import", "dvcqg"): "Lỗi: thiếu đối số SOURCES; xem congkhai import dvcqg --help",
    ("import", "dvcqg", "--cap", "phuong", "x"): (
        "Lỗi: giá trị không hợp lệ cho --cap: «phuong» không thuộc danh sách: bo, co_quan_khac, huyen, tinh, "
        "xa; xem congkhai import dvcqg --help"
    ),
    ("build", "--out", "README.md"): (
        "Lỗi: giá trị không hợp lệ cho --out: «README.md» là một tệp, cần một thư mục; xem congkhai build "
        "--help"
    ),
    ("build", "--config", "."): (
        "Lỗi: giá trị không hợp lệ cho --config: «.» là một thư mục, cần một tệp; xem congkhai build --help"
    ),
    ("rollback", "--out\x1b[31m"): (
        "Lỗi: không có tuỳ chọn --out\\x1b[31m (có phải ý bạn là --out?); xem congkhai rollback --help"
    ),
}


@pytest.mark.parametrize("args", list(USAGE), ids=[" ".join(a) for a in USAGE])
def test_usage_errors_are_one_vietnamese_line(args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", USAGE[args] + "\n")


def test_help_is_in_vietnamese() -> None:
    result = run("build", "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Cách dùng: congkhai build [TUỲ CHỌN]\n")
    assert "\nTuỳ chọn:\n" in result.stdout
    assert "Hiện hướng dẫn này rồi thoát." in result.stdout
    assert "[mặc định: 0; ≥ 0]" in " ".join(result.stdout.split())
    top = run("--help").stdout
    assert "Hiện phiên bản rồi thoát." in top
    assert "\nLệnh:\n" in top
    for english in ("Usage", "Options", "Show", "default", "DIRECTORY", "INTEGER", "Commands"):
        assert english not in result.stdout + top


def test_mkdocs_messages_in_vietnamese() -> None:
    link = (
        "Doc file 'trang/a.md' contains a link 'b.md', but the target 'trang/b.md' is not found among "
        "documentation files."
    )
    assert mkdocs_message(link) == (
        "trang «trang/a.md» có liên kết «b.md» tới một tệp không có; sửa liên kết thành đường dẫn tương đối "
        "tới một tệp .md có trong trang web"
    )
    assert mkdocs_message("Config value 'theme': Unrecognised theme name: 'x'.") == (
        "mục «theme» của tệp cấu hình MkDocs (mkdocs.yml) không hợp lệ (Unrecognised theme name: 'x'.); hãy "
        "sửa mục đó"
    )
    assert mkdocs_message("Something\nnew") == (
        "MkDocs báo lỗi: «Something new»; kiểm tra mkdocs.yml và thư mục theme/, chạy lại; nếu vẫn lỗi, gửi "
        "dòng này cho người bảo trì"
    )


def test_a_missing_mkdocs_configuration(tmp_path: Path) -> None:
    result = run(
        "build",
        *("--content", str(MINIMAL), "--config", str(tmp_path / "mkdocs.yml")),
        *("--out", str(tmp_path / "site"), "--work", str(tmp_path / "work")),
    )
    assert (result.exit_code, result.stderr) == (
        1,
        f"Lỗi: không dùng được «{tmp_path / 'mkdocs.yml'}» làm tệp cấu hình (--config): tệp không tồn tại; "
        "không có gì bị xoá hay thay đổi.\n",
    )


def test_pagefind_messages_in_vietnamese(tmp_path: Path) -> None:
    empty = subprocess.run(pagefind_command(tmp_path), capture_output=True, text=True, check=False)
    assert pagefind_message(empty.stderr) == (
        "Pagefind không tìm thấy trang HTML nào để lập chỉ mục (thư mục trang dựng ra rỗng?)"
    )
    assert pagefind_message("Error: disk\nbroken") == (
        "Pagefind báo lỗi: «disk broken»; chạy lại; nếu vẫn lỗi, cài lại môi trường (make) rồi gửi dòng này "
        "cho người bảo trì"
    )


# Random input: always a clean exit, one Vietnamese line, no English, never «Lỗi không mong đợi».

ENGLISH = re.compile(
    r"\b(Error|Invalid|Usage|Traceback|No such|Missing|Got unexpected|Try|requires|does not|is not|Aborted)\b"
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


def assert_told(result: Result) -> None:
    """Exit 1 or 2 (or 0), standard error all Vietnamese lines, no traceback, nothing unexpected."""
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    for line in result.stderr.splitlines():
        assert not ENGLISH.search(line.replace(str(REPO), "")), line
        assert "Lỗi không mong đợi" not in line


YAMLISH = st.one_of(
    st.text(st.sampled_from("ab: -[]{}!&*|>'\"#%@`\n\t\x00\x85\u2028é1.0e~?,<"), max_size=60),
    st.builds(lambda n, c: c[0] * n + c[1] * n, st.integers(1, 3000), st.sampled_from(["[]", "{}"])),
    st.builds(lambda n: "title: 1" + "0" * n, st.integers(4000, 6000)),
    st.sampled_from(
        ["!!python/object/apply:os.system [x]", "title: !!binary aGk=", "a: &x 1\nb: *x", "<<: {}"]
    ),
    st.text(max_size=40),
)


@SETTINGS
@given(front=YAMLISH)
def test_any_front_matter_is_told_in_vietnamese(front: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    content = tmp_path_factory.mktemp("fm") / "content"
    shutil.copytree(MINIMAL, content)
    (content / "trang" / "gioi-thieu.md").write_text(f"---\n{front}\n---\n# Trang\n", encoding="utf-8")
    result = check(content)
    assert result.exit_code in (0, 1)
    assert_told(result)


OPTION_NAMES = st.one_of(
    st.sampled_from(
        ["--content", "--out", "--config", "--work", "--jobs", "--offline", "--cms-repo", "--help"]
    ),
    st.text(st.sampled_from("-abcxyz=\x1b é"), min_size=1, max_size=12),
)
VALUES = st.one_of(
    st.sampled_from(
        ["-1", "abc", "", ".", "README.md", "/nonexistent/x", "1e9", "0", "99999999999999999999"]
    ),
    st.text(max_size=12),
)


@SETTINGS
@given(
    command=st.sampled_from(["build", "check", "rollback", "buid", ""]),
    args=st.lists(st.tuples(OPTION_NAMES, VALUES), max_size=3),
)
def test_any_command_line_is_told_in_vietnamese(
    command: str, args: list[tuple[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Random options and values: the content folder is one that does not exist, so a command that starts
    stops at the check; relative paths land in a temporary folder."""
    monkeypatch.chdir(tmp_path)
    words = [command] if command else []
    for name, value in args:
        words += [name, value]
    if command in ("build", "check"):
        words += ["--content", "/nonexistent/content"]
    result = run(*words)
    assert_told(result)
