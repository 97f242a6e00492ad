"""Safe publishing (issue 23): dangerous --out/--work values are refused, one build at a time, an atomic
switch with rollback, stale staging removed, disk conditions and unexpected errors told in one line.

Every test works on a temporary copy of a project (mkdocs.yml, theme/, the minimal content)."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.build import pipeline, publish
from generator.build.paths import MARKER
from generator.cli import main
from generator.core.errors import BuildError
from tests.conftest import MINIMAL, REPO

KEPT = "; không có gì bị xoá hay thay đổi."


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder (mkdocs.yml, theme/, content/) in a temporary folder, the current folder."""
    root = tmp_path / "du-an"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "theme", root / "theme")
    shutil.copytree(MINIMAL, root / "content")
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return root


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def digest(root: Path) -> dict[str, str]:
    """Every file and symlink under ``root`` (followed at the top only) with its bytes' or target's hash."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink():
            found[path.relative_to(root).as_posix()] = "-> " + os.readlink(path)
        elif path.is_file():
            found[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def assert_refused(result: Result, message: str) -> None:
    assert result.exit_code == 1
    assert result.stderr == f"Lỗi: {message}\n"
    assert result.stdout == ""


def assert_published(out: Path) -> str:
    """``out`` is a symlink to a complete version; return the version's name."""
    assert out.is_symlink()
    target = os.readlink(out)
    assert target.startswith(f"{out.name}.versions/")
    for page in ("index.html", "thu-tuc/1.013859/index.html", "pagefind/pagefind-entry.json", MARKER):
        assert (out / page).is_file(), page
    return target.rsplit("/", 1)[1]


# --- dangerous paths --------------------------------------------------------------------------------


def out_refused(path: Path, reason: str) -> str:
    return f"không dùng được «{path}» làm thư mục xuất bản (--out): {reason}{KEPT}"


def work_refused(path: Path, reason: str) -> str:
    return f"không dùng được «{path}» làm thư mục làm việc (--work): {reason}{KEPT}"


def dangerous(project: Path) -> list[tuple[str, str]]:
    """Each dangerous folder (as given) and why it is refused."""
    content = project / "content"
    unrelated = project.parent / "khac"
    return [
        (".", "đó là thư mục dự án (nơi có mkdocs.yml)"),
        (str(project), "đó là thư mục dự án (nơi có mkdocs.yml)"),
        ("content", "đó là thư mục nội dung"),
        ("content/thu-tuc", f"nó nằm trong thư mục nội dung «{content}»"),
        ("..", f"nó chứa thư mục dự án «{project}»"),
        ("/", f"nó chứa thư mục dự án «{project}»"),
        (str(unrelated), f"thư mục đã có, không trống và không do congkhai tạo (thiếu tệp {MARKER})"),
        ("theme", f"thư mục đã có, không trống và không do congkhai tạo (thiếu tệp {MARKER})"),
    ]


def absolute(project: Path, given: str) -> Path:
    return Path(os.path.normpath(project / given))


@pytest.mark.parametrize(
    "case", range(8), ids=[".", "project", "content", "in-content", "..", "/", "unrelated", "theme"]
)
@pytest.mark.parametrize("option", ["--out", "--work"])
def test_a_dangerous_folder_is_refused_and_nothing_is_touched(project: Path, option: str, case: int) -> None:
    unrelated = project.parent / "khac"
    unrelated.mkdir()
    (unrelated / "ghi-chu.txt").write_text("của người dùng", encoding="utf-8")
    given, reason = dangerous(project)[case]
    before = digest(project.parent)
    result = run("build", option, given)
    message = out_refused if option == "--out" else work_refused
    assert_refused(result, message(absolute(project, given), reason))
    assert digest(project.parent) == before


def test_the_current_folder_and_its_parents_are_refused(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from a folder outside the project: neither it nor its parent may be the output."""
    here = project.parent / "noi-chay" / "con"
    here.mkdir(parents=True)
    monkeypatch.chdir(here)
    config = str(project / "mkdocs.yml")
    content = str(project / "content")
    before = digest(project.parent)
    for given, reason in [(".", "đó là thư mục hiện hành"), ("..", f"nó chứa thư mục hiện hành «{here}»")]:
        for option, message in [("--out", out_refused), ("--work", work_refused)]:
            result = run("build", "--config", config, "--content", content, option, given)
            assert_refused(result, message(absolute(here, given), reason))
    assert digest(project.parent) == before


def test_a_folder_holding_the_content_is_refused(project: Path) -> None:
    """Content kept outside the project: a folder holding it is refused."""
    elsewhere = project.parent / "du-lieu-chung"
    shutil.move(project / "content", elsewhere / "content")
    result = run("build", "--content", str(elsewhere / "content"), "--out", str(elsewhere))
    assert_refused(result, out_refused(elsewhere, f"nó chứa thư mục nội dung «{elsewhere / 'content'}»"))


def test_out_and_work_must_be_apart(project: Path) -> None:
    result = run("build", "--out", "ra", "--work", "ra")
    assert_refused(
        result, work_refused(project / "ra", f"nó trùng hoặc lồng với thư mục xuất bản «{project / 'ra'}»")
    )
    assert not (project / "ra").exists()


def test_a_symlink_out_not_made_by_congkhai_is_refused(project: Path) -> None:
    (project / "site").symlink_to(project / "theme")
    result = run("build")
    assert_refused(
        result, out_refused(project / "site", "đó là một liên kết tượng trưng không do congkhai tạo")
    )
    assert os.readlink(project / "site") == str(project / "theme")


# --- building and publishing ------------------------------------------------------------------------


def test_the_default_build_publishes_site_as_a_symlink_with_markers(project: Path) -> None:
    result = run("build")
    assert result.exit_code == 0, result.output
    version = assert_published(project / "site")
    assert result.stdout.startswith(f"Đã xuất bản 32 tệp vào site/ (phiên bản {version}; 32 tệp thay đổi; ")
    assert (project / "build" / MARKER).is_file()  # the work folder is in the project, not the current folder
    assert (project / "site.versions" / MARKER).is_file()
    assert sorted(p.name for p in (project / "site.versions").iterdir()) == [
        MARKER,
        ".congkhai.lock",
        version,
    ]


def test_the_default_work_folder_does_not_depend_on_the_current_folder(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "theme")
    result = run("build", "--config", "../mkdocs.yml", "--content", "../content", "--out", "../site")
    assert result.exit_code == 0, result.output
    assert (project / "build" / "docs" / "index.md").is_file()
    assert not (project / "theme" / "build").exists()


def test_a_failed_build_leaves_the_live_version_unchanged(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("build").exit_code == 0
    live = assert_published(project / "site")
    before = digest(project / "site")

    def broken(site: Path) -> None:
        raise BuildError("Pagefind failed")

    monkeypatch.setattr(pipeline, "_index_search", broken)  # fails after MkDocs built the staging site
    result = run("build")
    assert result.exit_code == 1
    assert result.stderr == "Lỗi: Pagefind failed\n"
    assert assert_published(project / "site") == live
    assert digest(project / "site") == before
    assert sorted(p.name for p in (project / "site.versions").iterdir()) == [MARKER, ".congkhai.lock", live]


def test_bad_data_leaves_the_live_version_unchanged(project: Path) -> None:
    assert run("build").exit_code == 0
    live = assert_published(project / "site")
    (project / "content" / "thu-tuc" / "1.000001.yml").write_text("ma_thu_tuc: 1.000001\n", encoding="utf-8")
    assert run("build").exit_code == 1
    assert assert_published(project / "site") == live


def test_rollback_switches_back_and_forth_and_older_versions_go(project: Path) -> None:
    versions = []
    for _ in range(3):
        assert run("build").exit_code == 0
        versions.append(assert_published(project / "site"))
    first, second, third = versions
    assert not (project / "site.versions" / first).exists()  # only the live and the previous are kept
    result = run("rollback")
    assert result.exit_code == 0
    assert result.stdout == (
        f"Đã quay lại phiên bản {second}: site → site.versions/{second}. "
        f"Phiên bản vừa thay ({third}) được giữ; chạy lại lệnh này để trở về nó.\n"
    )
    assert assert_published(project / "site") == second
    assert run("rollback").exit_code == 0
    assert assert_published(project / "site") == third


def test_rollback_without_a_previous_version(project: Path) -> None:
    assert_refused(
        run("rollback"),
        f"«{project / 'site'}» không phải trang do congkhai xuất bản; không có gì để quay lại.",
    )
    assert run("build").exit_code == 0
    live = assert_published(project / "site")
    assert_refused(
        run("rollback"),
        f"không có phiên bản trước để quay lại; «{project / 'site'}» vẫn là phiên bản {live}.",
    )


def test_an_unrelated_folder_at_out_is_refused(project: Path) -> None:
    (project / "site").mkdir()
    (project / "site" / "ghi-chu.txt").write_text("x", encoding="utf-8")
    reason = f"thư mục đã có, không trống và không do congkhai tạo (thiếu tệp {MARKER})"
    assert_refused(run("build"), out_refused(project / "site", reason))
    assert (project / "site" / "ghi-chu.txt").is_file()


def test_an_unmarked_versions_folder_is_refused(project: Path) -> None:
    (project / "site.versions").mkdir()
    (project / "site.versions" / "x").write_text("x", encoding="utf-8")
    reason = f"thư mục đã có, không trống và không do congkhai tạo (thiếu tệp {MARKER})"
    assert_refused(run("build"), out_refused(project / "site.versions", reason))


# --- two builds at once; a killed build ---------------------------------------------------------------

SLOW_BUILD = """
import sys, time
from pathlib import Path
from generator.build import pipeline
from generator.cli import main

started, go = Path(sys.argv[1]), Path(sys.argv[2])
index = pipeline._index_search

def slow(site):
    started.write_text("started")
    while not go.exists():
        time.sleep(0.05)
    index(site)

pipeline._index_search = slow
main(sys.argv[3:])
"""


def slow_build(project: Path, *args: str) -> tuple[subprocess.Popen[str], Path]:
    """A build in another process that waits, once MkDocs has built its staging site, for ``go``."""
    started, go = project.parent / "started", project.parent / "go"
    command = [sys.executable, "-c", SLOW_BUILD, str(started), str(go), "build", *args]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    while not started.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    return process, go


def test_two_builds_at_once_one_publishes_and_the_other_is_refused(project: Path) -> None:
    assert run("build").exit_code == 0
    live = assert_published(project / "site")
    before = digest(project / "site")
    first, go = slow_build(project)
    second = run("build")
    busy = (
        f"một lần xuất bản khác vào «{project / 'site'}» đang chạy; "
        "chờ nó xong rồi chạy lại (trang đang chạy giữ nguyên)."
    )
    assert_refused(second, busy)
    assert assert_published(project / "site") == live  # still the complete old version while the first builds
    assert digest(project / "site") == before
    go.touch()
    _out, err = first.communicate(timeout=60)
    assert first.returncode == 0, err
    new = assert_published(project / "site")
    assert new != live
    assert digest(project / "site").keys() == before.keys()


def test_two_builds_sharing_a_work_folder_are_one_at_a_time(project: Path) -> None:
    first, go = slow_build(project, "--out", "mot")
    result = run("build", "--out", "hai")
    busy = (
        f"thư mục làm việc «{project / 'build'}» đang được một lệnh congkhai khác dùng; "
        "chờ lệnh đó xong hoặc chọn --work khác."
    )
    assert_refused(result, busy)
    go.touch()
    first.communicate(timeout=60)
    assert first.returncode == 0


def test_a_killed_build_leaves_staging_that_the_next_build_removes(project: Path) -> None:
    assert run("build").exit_code == 0
    live = assert_published(project / "site")
    process, _ = slow_build(project)
    process.kill()
    process.communicate()
    staging = [p for p in (project / "site.versions").iterdir() if p.name.startswith(publish.STAGING)]
    assert len(staging) == 1
    assert (staging[0] / MARKER).is_file()
    assert assert_published(project / "site") == live
    unmarked = project / "site.versions" / f"{publish.STAGING}khong-phai-cua-congkhai"
    unmarked.mkdir()
    assert run("build").exit_code == 0
    assert not staging[0].exists()
    assert unmarked.is_dir()  # no marker: not congkhai's, never deleted


# --- disk conditions and unexpected errors -------------------------------------------------------------


def test_a_read_only_output_folder_is_one_line(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests run as root, which may write anywhere: the read-only disk is simulated at ``mkdir``."""
    parent = project / "chi-doc"
    parent.mkdir()
    real_mkdir = os.mkdir

    def read_only(path: str | os.PathLike[str], mode: int = 0o777, *, dir_fd: int | None = None) -> None:
        if Path(path).parent == parent:
            raise OSError(errno.EROFS, "Read-only file system", os.fspath(path))
        real_mkdir(path, mode)

    monkeypatch.setattr(os, "mkdir", read_only)
    result = run("build", "--out", "chi-doc/site")
    assert result.exit_code == 1
    assert result.stderr == f"Lỗi: ổ đĩa chỉ cho phép đọc, không ghi được vào «{parent / 'site.versions'}».\n"


def test_a_full_disk_is_one_line_naming_the_folder(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pipeline, "run_mkdocs", full)
    result = run("build")
    assert result.exit_code == 1
    staging = re.escape(str(project / "site.versions" / publish.STAGING)) + r"\d+-[0-9a-f]{8}/site"
    expected = f"Lỗi: ổ đĩa đầy, không ghi được «{staging}»; hãy giải phóng chỗ trống rồi chạy lại.\n"
    assert re.fullmatch(expected, result.stderr)
    assert not (project / "site").exists()


def test_a_permission_error_is_one_line(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", "/srv/www/site")

    monkeypatch.setattr(pipeline, "build", denied)
    result = run("build")
    assert result.exit_code == 1
    assert result.stderr == "Lỗi: không đủ quyền ghi hoặc đọc «/srv/www/site».\n"


def test_an_unexpected_error_is_one_line_and_a_log(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    logs = tmp_path / "nhat-ky"
    logs.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(logs))

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("hỏng ở đâu đó")

    monkeypatch.setattr(pipeline, "build", broken)
    result = run("build")
    assert result.exit_code == 1
    (log,) = logs.iterdir()
    assert re.fullmatch(r"congkhai-\d{8}-\d{6}-\d+\.log", log.name)
    assert result.stderr == f"Lỗi không mong đợi: ValueError; chi tiết ghi ở {log}\n"
    details = log.read_text(encoding="utf-8")
    assert "Traceback" in details
    assert "ValueError: hỏng ở đâu đó" in details
    assert "Traceback" not in result.output


def test_an_interrupted_build_says_so(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "build", interrupted)
    result = run("build")
    assert result.exit_code == 130
    assert result.stderr == "Đã dừng theo yêu cầu; trang đang chạy được giữ nguyên.\n"


def test_serve_refuses_a_dangerous_work_folder_before_serving(project: Path) -> None:
    assert_refused(
        run("serve", "--work", "content"), work_refused(project / "content", "đó là thư mục nội dung")
    )


def test_a_build_leaves_the_process_build_date_as_it_found_it(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build sets ``SOURCE_DATE_EPOCH`` for MkDocs while it runs, then puts it back: a later build in the
    same process (the preview server, a test) dates its site by its own content, not by this one's."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert run("build").exit_code == 0
    assert "SOURCE_DATE_EPOCH" not in os.environ
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    assert run("build").exit_code == 0
    assert os.environ["SOURCE_DATE_EPOCH"] == "1600000000"
