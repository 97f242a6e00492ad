"""The live preview's incremental builds give exactly the bytes of a fresh full build."""

from __future__ import annotations

import re
import shutil
import threading
from pathlib import Path

import pytest

from generator.build import mkdocsrun, preview, searchindex
from generator.build.preview import Preview
from generator.core import parallel

from .conftest import REPO, MakeContent, build_site
from .feedback_data import feedback_content

CONFIG = REPO / "mkdocs.yml"

NEW_RECORD = """\
ma_thu_tuc: "1.000999"
ten_thu_tuc: Cấp bản sao thẻ công chứng viên
linh_vuc: cong-chung
cap_thuc_hien: [tinh]
thu_tuc_lien_quan: ["1.013859"]
cach_thuc:
  - hinh_thuc: truc_tiep
    thoi_han: {so: 3, don_vi: ngay_lam_viec}
    phi_le_phi: [{so_tien: 0}]
ngay_cap_nhat: 2026-03-01
"""


def tree(root: Path) -> dict[str, bytes | None]:
    """Every file (with its bytes) and every folder (None) under ``root``."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes() if path.is_file() else None
        for path in sorted(root.rglob("*"))
    }


def fresh_build(content: Path, root: Path) -> dict[str, bytes | None]:
    """A full build of ``content`` from nothing, through the preview's own full path."""
    shutil.rmtree(root, ignore_errors=True)
    preview = Preview(content, CONFIG, root / "work", root / "site")
    assert preview.build() == "full"
    return tree(root / "site")


def edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert changed != text, f"{pattern!r} not found in {path}"
    path.write_text(changed, encoding="utf-8")


def assert_same(preview: Preview, content: Path, tmp_path: Path, kind: str) -> None:
    """The build is of ``kind``; once the files left for later are built, the site is a fresh build's."""
    assert preview.build() == kind
    assert preview.finish() is not None
    expected = fresh_build(content, tmp_path / "fresh")
    actual = tree(preview.site_dir)
    assert sorted(actual) == sorted(expected)
    assert [path for path in expected if actual[path] != expected[path]] == []


@pytest.mark.parametrize(
    ("epoch", "shared"),
    [("1700000000", False), (None, False), ("1700000000", True)],
    ids=["SOURCE_DATE_EPOCH", "epoch-from-content", "full-builds-shared-by-processes"],
)
def test_incremental_builds_equal_a_full_build(
    tmp_path: Path,
    make_content: MakeContent,
    monkeypatch: pytest.MonkeyPatch,
    epoch: str | None,
    shared: bool,
) -> None:
    shares: list[int] = []
    if shared:  # full builds in three processes, as with thousands of pages; incremental ones in one
        monkeypatch.setattr(mkdocsrun, "PAGES_PER_JOB", 1)
        monkeypatch.setattr(parallel, "cores", lambda: 3)
        build_shared = mkdocsrun._build_shared
        monkeypatch.setattr(
            mkdocsrun, "_build_shared", lambda *args: shares.append(args[2]) or build_shared(*args)
        )
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    content = make_content({})
    records = content / "thu-tuc"
    preview = Preview(content, CONFIG, tmp_path / "work", tmp_path / "site")
    assert preview.build() == "full"
    assert preview.build() == "unchanged"

    # One record's name: its page, its sector's list, the pages that link to it, the open data.
    edit(records / "1.013859.yml", r"^ten_thu_tuc: .*$", "ten_thu_tuc: Cấp lại thẻ công chứng viên (sửa)")
    assert_same(preview, content, tmp_path, "incremental")

    # A later update date moves the sitemap's dates when SOURCE_DATE_EPOCH is not set.
    edit(records / "2.000829.yml", r"^ngay_cap_nhat: .*$", "ngay_cap_nhat: 2026-06-30")
    assert_same(preview, content, tmp_path, "incremental")

    # A new record, then its removal: pages appear and disappear without touching the navigation.
    (records / "1.000999.yml").write_text(NEW_RECORD, encoding="utf-8")
    assert_same(preview, content, tmp_path, "incremental")
    (records / "1.000999.yml").unlink()
    assert_same(preview, content, tmp_path, "incremental")

    # A sector's name is in the navigation, the agency in every page's header: full builds.
    edit(content / "linh-vuc.yml", r"ten: Luật sư$", "ten: Luật sư và tổ chức hành nghề")
    assert_same(preview, content, tmp_path, "full")
    edit(content / "site.yml", r"^dia_chi: .*$", "dia_chi: Số 1 Trần Hưng Đạo, phường Tân Phú")
    assert_same(preview, content, tmp_path, "full")
    assert shares == ([3] * 9 if shared else [])  # the preview's 3 full builds and the 6 fresh ones


def test_feedback_edits_equal_a_full_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A feedback item is on its page, the lists, the statistics, its procedure's page and the open data."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1747699200")  # 2025-05-20, as the feedback tests
    content = feedback_content(tmp_path / "feedback")
    items = content / "pakn" / "2025"
    preview = Preview(content, CONFIG, tmp_path / "work", tmp_path / "site")
    assert preview.build() == "full"

    edit(items / "PAKN-2025-003.yml", r"^tieu_de: .*$", 'tieu_de: "Đề nghị công khai mẫu đơn (sửa)"')
    assert_same(preview, content, tmp_path, "incremental")

    # An earlier date received: the deadline, the lateness, the overdue list and the statistics move.
    edit(items / "PAKN-2025-003.yml", r"^ngay_tiep_nhan: .*$", "ngay_tiep_nhan: 2025-03-03")
    assert_same(preview, content, tmp_path, "incremental")

    # A new item, then its removal.
    new = (items / "PAKN-2025-003.yml").read_text(encoding="utf-8").replace("PAKN-2025-003", "PAKN-2025-099")
    (items / "PAKN-2025-099.yml").write_text(new, encoding="utf-8")
    assert_same(preview, content, tmp_path, "incremental")
    (items / "PAKN-2025-099.yml").unlink()
    assert_same(preview, content, tmp_path, "incremental")


def test_bad_data_keeps_the_site_and_the_next_build_catches_up(
    tmp_path: Path, make_content: MakeContent, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    content = make_content({})
    preview = Preview(content, CONFIG, tmp_path / "work", tmp_path / "site")
    preview.build()
    before = tree(preview.site_dir)
    record = content / "thu-tuc" / "1.002010.yml"
    good = record.read_text(encoding="utf-8")
    record.write_text(good.replace("linh_vuc: luat-su", "linh_vuc: khong-co"), encoding="utf-8")
    with pytest.raises(Exception, match="khong-co"):
        preview.build()
    assert tree(preview.site_dir) == before
    record.write_text(good.replace("Đăng ký hoạt động", "Đăng ký lại hoạt động"), encoding="utf-8")
    assert_same(preview, content, tmp_path, "incremental")


def test_the_preview_builds_what_congkhai_build_publishes(
    tmp_path: Path, make_content: MakeContent, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same pages as ``congkhai build``; only the search index is made later, in the background."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    content = make_content({})
    published = tree(build_site(content, tmp_path / "published"))
    preview = fresh_build(content, tmp_path / "preview")
    assert {path: data for path, data in published.items() if not path.startswith("pagefind")} == preview


def test_the_files_made_from_every_record_come_after_the_pages(
    tmp_path: Path, make_content: MakeContent, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit shows on the pages at once; the open data follows in :meth:`Preview.finish`, which a new
    build may cancel half-way without leaving a file behind."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    content = make_content({})
    record = content / "thu-tuc" / "1.013859.yml"
    preview = Preview(content, CONFIG, tmp_path / "work", tmp_path / "site")
    assert preview.build() == "full"
    assert preview.finish() == []  # a full build makes everything
    csv = preview.site_dir / "du-lieu" / "thu-tuc.csv"
    page = preview.site_dir / "thu-tuc" / "1.013859" / "index.html"

    edit(record, r"^ten_thu_tuc: .*$", "ten_thu_tuc: Tên mới thứ nhất")
    assert preview.build() == "incremental"
    assert "Tên mới thứ nhất" in page.read_text(encoding="utf-8")
    assert "Tên mới thứ nhất" not in csv.read_text(encoding="utf-8")  # not yet

    # A finish cancelled after two files, then another edit: the next finish builds both edits' files.
    asked: list[int] = []
    assert preview.finish(lambda: len(asked) > 2 or bool(asked.append(1))) is None
    edit(record, r"^ten_thu_tuc: .*$", "ten_thu_tuc: Tên mới thứ hai")
    assert preview.build() == "incremental"
    built = preview.finish()
    assert built is not None
    assert {"du-lieu/thu-tuc.csv", "du-lieu/thu-tuc.json", "du-lieu/index.md", "thay-doi.md"} <= set(built)
    assert "Tên mới thứ hai" in csv.read_text(encoding="utf-8")
    assert preview.finish() == []
    expected = fresh_build(content, tmp_path / "fresh")
    actual = tree(preview.site_dir)
    assert [path for path in expected if actual.get(path) != expected[path]] == []
    assert sorted(actual) == sorted(expected)


class _SlowFinish:
    """A preview whose files left for later take until cancelled the first time, and no time after."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.started = threading.Event()
        self.done = threading.Event()
        self.calls: list[str] = []

    def finish(self, cancelled: object) -> list[str] | None:
        assert callable(cancelled)
        if not self.calls:
            self.started.set()
            while not cancelled():
                threading.Event().wait(0.01)
            self.calls.append("cancelled")
            return None
        self.calls.append("done")
        self.done.set()
        return ["du-lieu/thu-tuc.csv"]


def test_what_waits_for_a_pause_stops_for_a_new_build_then_indexes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``congkhai serve``'s background work: the files left for later, cancelled by a new build and
    done again after it, then Pagefind."""
    monkeypatch.setattr(preview._Later, "QUIET", 0.01)
    indexed = tmp_path / "indexed"
    monkeypatch.setattr(searchindex, "pagefind_command", lambda site: ["touch", str(indexed)])
    slow = _SlowFinish(tmp_path)
    later = preview._Later(slow)  # type: ignore[arg-type]
    later.start_later(True)
    assert slow.started.wait(30)
    later.stop()  # as a new build does: returns once the work stopped
    assert slow.calls == ["cancelled"]
    assert not indexed.exists()
    later.start_later(False)
    assert slow.done.wait(30)
    for _ in range(3000):
        if indexed.exists():
            break
        threading.Event().wait(0.01)
    later.stop()
    assert slow.calls == ["cancelled", "done"]
    assert indexed.exists()
