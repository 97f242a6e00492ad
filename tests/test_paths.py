"""Paths (issue 29): congkhai replaces or deletes only what it made. An output or work folder in, at or
around another output's versions is refused; an old site or work folder is taken over only when asked,
moved aside whole; ``make clean`` (``congkhai clean``) removes only congkhai's folders; a missing
``--config`` is refused before anything is made.

Every test works on a temporary copy of a project (see ``project`` in :mod:`tests.test_publish`)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from click.testing import Result

from generator.build.paths import MARKER
from tests.conftest import REPO
from tests.test_publish import (
    KEPT,
    assert_published,
    assert_refused,
    digest,
    out_refused,
    project,
    run,
    slow_build,
    work_refused,
)

__all__ = ["project"]  # the fixture, used by name

NOT_OURS = f"thư mục đã có, không trống và không do congkhai tạo (thiếu tệp {MARKER})"


def build_ok(*args: str) -> Result:
    result = run("build", *args)
    assert result.exit_code == 0, result.output
    return result


def moved_aside(folder: Path) -> str:
    return f"Thư mục congkhai cũ được chuyển nguyên sang {folder} (không xoá gì; xoá khi không cần)."


def versions_of(project: Path) -> str:
    return f"nơi congkhai giữ các phiên bản của «{project / 'site'}»"


# --- the versions folder and the live version are never an output or a work folder -----------------------


def test_out_at_the_versions_folder_is_refused_and_the_site_stays_up(project: Path) -> None:
    build_ok()
    live = assert_published(project / "site")
    before = digest(project)
    result = run("build", "--out", "site.versions")
    assert_refused(result, out_refused(project / "site.versions", f"đó là {versions_of(project)}"))
    assert digest(project) == before
    build_ok()  # the next build and a rollback still work
    assert run("rollback").exit_code == 0
    assert assert_published(project / "site") == live


def test_out_at_the_live_version_is_refused_and_the_next_build_keeps_it(project: Path) -> None:
    build_ok()
    live = assert_published(project / "site")
    versions = project / "site.versions"
    before = digest(versions / live)
    result = run("build", "--out", f"site.versions/{live}")
    assert_refused(result, out_refused(versions / live, f"nó nằm trong «{versions}», {versions_of(project)}"))
    build_ok()
    assert digest(versions / live) == before  # kept as the previous version
    assert run("rollback").exit_code == 0
    assert assert_published(project / "site") == live


def test_a_folder_inside_the_live_site_is_refused_through_the_symlink(project: Path) -> None:
    build_ok()
    live = assert_published(project / "site")
    versions = project / "site.versions"
    for option, refused in (("--out", out_refused), ("--work", work_refused)):
        result = run("build", option, "site/du-lieu")
        reason = f"nó nằm trong «{versions}», {versions_of(project)}"
        assert_refused(result, refused(versions / live / "du-lieu", reason))
    assert assert_published(project / "site") == live


def test_work_at_the_versions_folder_or_the_live_version_is_refused(project: Path) -> None:
    build_ok()
    live = assert_published(project / "site")
    versions = project / "site.versions"
    before = digest(project)
    result = run("build", "--out", "khac", "--work", "site.versions")
    assert_refused(result, work_refused(versions, f"đó là {versions_of(project)}"))
    result = run("build", "--out", "khac", "--work", f"site.versions/{live}")
    assert_refused(
        result, work_refused(versions / live, f"nó nằm trong «{versions}», {versions_of(project)}")
    )
    assert digest(project) == before


def test_out_holding_another_outputs_versions_is_refused_even_when_taken_over(project: Path) -> None:
    old = project / "vo"
    (old / "du-lieu").mkdir(parents=True)
    (old / "index.html").write_text("trang cũ", encoding="utf-8")
    build_ok("--out", "vo/site", "--work", "lam-viec")
    before = digest(old)
    result = run("build", "--out", "vo", "--take-over-old")
    reason = f"nó chứa «{old / 'site.versions'}», nơi congkhai giữ các phiên bản của «{old / 'site'}»"
    assert_refused(result, out_refused(old, reason))
    assert digest(old) == before


def test_out_inside_another_work_folder_is_refused(project: Path) -> None:
    build_ok()
    result = run("build", "--out", "build/site", "--work", "lam-viec")
    reason = f"nó nằm trong «{project / 'build'}», một thư mục congkhai tạo cho việc khác"
    assert_refused(result, out_refused(project / "build" / "site", reason))
    assert not (project / "build" / "site.versions").exists()


# --- an old site or work folder: taken over only when asked, moved aside whole ----------------------------


def old_site(folder: Path) -> dict[str, str]:
    """Make at ``folder`` what looks like an older congkhai's site, with a file of the user's; its digest."""
    (folder / "du-lieu").mkdir(parents=True)
    (folder / "index.html").write_text("trang cũ", encoding="utf-8")
    (folder / "ghi-chu-cua-toi.txt").write_text("của người dùng", encoding="utf-8")
    return digest(folder)


def test_an_old_site_is_refused_without_the_flag(project: Path) -> None:
    site = project / "site"
    before = old_site(site)
    result = run("build")
    reason = (
        f"{NOT_OURS}; nếu đó là trang do congkhai cũ xuất bản, chạy lại với --take-over-old "
        f"để chuyển nguyên nó sang «{project / 'site.ban-cu'}»"
    )
    assert_refused(result, out_refused(site, reason))
    assert digest(site) == before
    assert not (project / "site.versions").exists()


def test_an_old_site_taken_over_is_moved_aside_and_never_deleted(project: Path) -> None:
    before = old_site(project / "site")
    result = build_ok("--take-over-old")
    assert_published(project / "site")
    assert result.stdout.splitlines()[1] == moved_aside(project / "site.ban-cu")
    build_ok()
    build_ok()
    assert digest(project / "site.ban-cu") == before
    assert not (project / "site.ban-cu" / MARKER).exists()


def test_a_second_old_site_goes_beside_the_first(project: Path) -> None:
    first = old_site(project / "ra")
    build_ok("--out", "ra", "--take-over-old")
    second = old_site(project / "khac")
    (project / "khac.ban-cu").mkdir()
    build_ok("--out", "khac", "--take-over-old")
    assert digest(project / "ra.ban-cu") == first
    assert digest(project / "khac.ban-cu-2") == second


def old_work(folder: Path) -> dict[str, str]:
    """Make at ``folder`` what looks like an older congkhai's work folder, with a page of the user's."""
    docs = folder / "docs"
    (docs / "du-lieu").mkdir(parents=True)
    (docs / "index.md").write_text("cũ", encoding="utf-8")
    (docs / "ghi-chu-cua-toi.md").write_text("của người dùng", encoding="utf-8")
    return digest(folder)


def test_an_old_work_folder_is_refused_without_the_flag(project: Path) -> None:
    work = project / "tai-lieu"
    before = old_work(work)
    result = run("build", "--work", "tai-lieu")
    reason = (
        f"{NOT_OURS}; nếu đó là thư mục làm việc của congkhai cũ, chạy congkhai build --take-over-old "
        f"để chuyển nguyên nó sang «{project / 'tai-lieu.ban-cu'}»"
    )
    assert_refused(result, work_refused(work, reason))
    assert digest(work) == before
    assert not (project / "site").exists()


def test_an_old_work_folder_taken_over_is_moved_aside(project: Path) -> None:
    before = old_work(project / "build")
    result = build_ok("--take-over-old")
    assert result.stdout.splitlines()[1] == moved_aside(project / "build.ban-cu")
    assert (project / "build" / MARKER).is_file()
    assert (project / "build" / "docs" / "index.md").read_text(encoding="utf-8") != "cũ"
    assert digest(project / "build.ban-cu") == before


# --- congkhai clean and make clean -------------------------------------------------------------------


def users_files(project: Path) -> dict[str, str]:
    """Files beside the outputs that are the user's, whose names look like congkhai's; their digest."""
    (project / "site.backup-2024").mkdir()
    (project / "site.backup-2024" / "index.html").write_text("bản sao", encoding="utf-8")
    (project / "site.yml.orig").write_text("ten_trang: cũ", encoding="utf-8")
    (project / "khac-offline.zip").write_text("không phải zip", encoding="utf-8")
    return digest(project)


def test_make_clean_removes_only_what_congkhai_made(project: Path) -> None:
    before = users_files(project)
    build_ok("--offline")
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    command = ["make", "-s", "-f", str(REPO / "Makefile"), "clean", f"BIN={REPO / '.venv' / 'bin'}"]
    done = subprocess.run(command, cwd=project, env=environment, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert digest(project) == before  # site, site.versions/, site-offline.zip and build/ gone; the rest kept
    assert not os.path.lexists(project / "site")


# --- a missing --config ----------------------------------------------------------------------------------


def test_a_config_in_a_missing_folder_is_refused_before_anything_is_made(project: Path) -> None:
    missing = project.parent / "khong-co"
    result = run("build", "--config", str(missing / "mkdocs.yml"))
    reason = f"thư mục «{missing}» không tồn tại"
    assert_refused(
        result, f"không dùng được «{missing / 'mkdocs.yml'}» làm tệp cấu hình (--config): {reason}{KEPT}"
    )
    assert not missing.exists()
    assert not (project / "site.versions").exists()


def test_a_missing_config_file_is_refused_before_anything_is_made(project: Path) -> None:
    elsewhere = project.parent / "noi-khac"
    elsewhere.mkdir()
    result = run("build", "--config", str(elsewhere / "mkdocs.yml"))
    reason = "tệp không tồn tại"
    assert_refused(
        result, f"không dùng được «{elsewhere / 'mkdocs.yml'}» làm tệp cấu hình (--config): {reason}{KEPT}"
    )
    assert list(elsewhere.iterdir()) == []
    assert not (project / "site.versions").exists()


def test_clean_says_what_it_removed_and_what_it_kept(project: Path) -> None:
    build_ok()
    zipped = project / "site-offline.zip"
    zipped.write_text("của người dùng", encoding="utf-8")
    result = run("clean")
    assert result.exit_code == 0, result.output
    kept = f"Giữ «{zipped}»: không phải bản ngoại tuyến congkhai tạo.\n"
    assert result.stdout == (
        f"Đã xoá «{project / 'build'}», «{project / 'site'}», «{project / 'site.versions'}».\n{kept}"
    )
    assert run("clean").stdout == f"Không có gì do congkhai tạo để xoá.\n{kept}"
    assert zipped.read_text(encoding="utf-8") == "của người dùng"


def test_clean_keeps_folders_congkhai_did_not_make(project: Path) -> None:
    old_site(project / "site")
    old_work(project / "build")
    before = digest(project)
    result = run("clean")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Không có gì do congkhai tạo để xoá.\n"
        f"Giữ «{project / 'build'}»: không do congkhai tạo (thiếu tệp {MARKER}).\n"
        f"Giữ «{project / 'site'}»: không phải liên kết congkhai tạo tới một phiên bản trong "
        f"«{project / 'site.versions'}».\n"
    )
    assert digest(project) == before


def test_clean_refuses_a_work_folder_at_the_versions_and_removes_nothing(project: Path) -> None:
    build_ok()
    before = digest(project)
    result = run("clean", "--work", "site.versions", "--out", "khac")
    versions = project / "site.versions"
    assert_refused(result, work_refused(versions, f"đó là {versions_of(project)}"))
    assert digest(project) == before


def test_clean_refuses_a_work_folder_holding_an_outputs_versions(project: Path) -> None:
    """A work folder an earlier congkhai let hold another output: removing it would take that site down."""
    build_ok()
    (project / "build" / "site.versions").mkdir()
    (project / "build" / "site.versions" / MARKER).write_text("", encoding="utf-8")
    before = digest(project)
    result = run("clean")
    versions = project / "build" / "site.versions"
    reason = f"nó chứa «{versions}», nơi congkhai giữ các phiên bản của «{project / 'build' / 'site'}»"
    assert_refused(result, work_refused(project / "build", reason))
    assert digest(project) == before


def test_clean_waits_for_a_running_build(project: Path) -> None:
    build_ok()
    process, go = slow_build(project)
    result = run("clean")
    busy = f"một lệnh congkhai khác đang dùng «{project / 'build'}»; chờ nó xong rồi chạy lại (chưa xoá gì)."
    assert_refused(result, busy)
    go.touch()
    process.communicate(timeout=60)
    assert process.returncode == 0
    assert_published(project / "site")


def test_serve_with_a_missing_config_is_refused(project: Path) -> None:
    result = run("serve", "--config", "khong-co/mkdocs.yml")
    reason = f"thư mục «{project / 'khong-co'}» không tồn tại"
    config = project / "khong-co" / "mkdocs.yml"
    assert_refused(result, f"không dùng được «{config}» làm tệp cấu hình (--config): {reason}{KEPT}")


def test_clean_with_a_missing_config_is_refused(project: Path) -> None:
    build_ok()
    before = digest(project)
    result = run("clean", "--config", "khong-co.yml")
    reason = "tệp không tồn tại"
    assert_refused(
        result, f"không dùng được «{project / 'khong-co.yml'}» làm tệp cấu hình (--config): {reason}{KEPT}"
    )
    assert digest(project) == before


def test_an_offline_copy_does_not_replace_a_users_zip(project: Path) -> None:
    (project / "site-offline.zip").write_text("USER ZIP", encoding="utf-8")
    result = run("build", "--offline")
    zipped = project / "site-offline.zip"
    reason = "tệp đã có mà không phải bản ngoại tuyến congkhai tạo"
    assert_refused(result, f"không dùng được «{zipped}» làm bản ngoại tuyến (--offline): {reason}{KEPT}")
    assert zipped.read_text(encoding="utf-8") == "USER ZIP"
    assert not (project / "site").exists()


def test_clean_refuses_the_root_folder(project: Path) -> None:
    before = digest(project)
    result = run("clean", "--out", "/")
    assert_refused(result, f"không dùng được «/» làm thư mục xuất bản (--out): đó là thư mục gốc{KEPT}")
    assert digest(project) == before


def test_clean_keeps_congkhais_folders_that_hold_the_users_files(project: Path) -> None:
    build_ok()
    (project / "site.versions" / "ghi-chu.txt").write_text("của người dùng", encoding="utf-8")
    (project / "build" / "cua-toi").mkdir()
    (project / "build" / "cua-toi" / "giu.txt").write_text("của người dùng", encoding="utf-8")
    before = digest(project)
    result = run("clean")
    assert result.exit_code == 0, result.output
    again = "không do congkhai tạo; chuyển đi rồi chạy lại"
    assert result.stdout == (
        "Không có gì do congkhai tạo để xoá.\n"
        f"Giữ «{project / 'build'}»: có «cua-toi» {again}.\n"
        f"Giữ «{project / 'site.versions'}»: có «ghi-chu.txt» {again}.\n"
    )
    assert digest(project) == before
