"""Whole-site builds: strict MkDocs, deterministic bytes, escaping, and nothing lost on bad input."""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.build import docsfolder, mkdocsrun, sharedbuild
from generator.build import pipeline as site
from generator.cli import main
from generator.core.errors import DataErrors
from generator.core.records import load_one
from generator.site.agency import Agency, contacts

from .conftest import MINIMAL, REPO, MakeContent, build_site

HOSTILE = """\
ma_thu_tuc: "1.000666"
ten_thu_tuc: "<script>alert('x')</script> {: onclick=\\"alert(1)\\" } </title><b>"
linh_vuc: cong-chung
cap_thuc_hien: [tinh]
trinh_tu:
  - mo_ta: "# Không phải tiêu đề"
  - mo_ta: "2024. Năm kế hoạch"
cach_thuc:
  - hinh_thuc: truc_tiep
    mo_ta: "a | b | c"
    phi_le_phi:
      - so_tien: 0
        mo_ta: "[bấm](javascript:alert(1))"
thanh_phan_ho_so:
  - truong_hop: "Trường hợp {: onclick=alert(3) }"
    giay_to:
      - ten: "Giấy | có | ống"
yeu_cau_dieu_kien: "<img src=x onerror=alert(1)>"
ghi_chu: "--8<-- \\"/etc/passwd\\""
"""


class _Inspector(HTMLParser):
    """Collects attributes, script bodies and visible text of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.attributes: list[tuple[str, str]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [(name, value or "") for name, value in attrs]
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


def inspect(path: Path) -> _Inspector:
    inspector = _Inspector()
    inspector.feed(path.read_text(encoding="utf-8"))
    return inspector


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_minimal_site_has_every_page(minimal_site: Path) -> None:
    for page in [
        "index.html",
        "tim-kiem/index.html",
        "thu-tuc/index.html",
        "linh-vuc/cong-chung/index.html",
        "thu-tuc/1.013859/index.html",
        "trang/gioi-thieu/index.html",
        "du-lieu/index.html",
        "du-lieu/thu-tuc.csv",
        "du-lieu/thay-doi.xml",
        "du-lieu/thu-tuc/1.013859.json",
    ]:
        assert (minimal_site / page).is_file(), page


def test_two_builds_are_byte_identical(minimal_site: Path, tmp_path: Path) -> None:
    assert tree_digest(build_site(MINIMAL, tmp_path)) == tree_digest(minimal_site)


@pytest.mark.parametrize("content", [MINIMAL, REPO / "content"], ids=["minimal", "default"])
def test_a_build_shared_by_processes_is_byte_identical(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = site.build(content, tmp_path / "one", REPO / "mkdocs.yml", tmp_path / "w1", jobs=1)
    monkeypatch.setattr(mkdocsrun, "PAGES_PER_JOB", 1)  # share even these few pages
    monkeypatch.setattr(sharedbuild, "FILES_PER_JOB", 1)  # and load the records and make the docs so
    three = site.build(content, tmp_path / "three", REPO / "mkdocs.yml", tmp_path / "w3", jobs=3)
    assert one.pages == three.pages
    assert one.written == three.written
    assert tree_digest(tmp_path / "three") == tree_digest(tmp_path / "one")
    assert not list(tmp_path.glob("*.part*"))  # the processes' folders are gone
    # The docs too, made by the processes in folders of their own (now gone) and moved into place.
    assert tree_digest(tmp_path / "w3" / "docs") == tree_digest(tmp_path / "w1" / "docs")
    assert not (tmp_path / "w3" / "docs" / docsfolder.SCRATCH).exists()


@pytest.mark.parametrize("content", [MINIMAL, REPO / "content"], ids=["minimal", "default"])
def test_layout_shared_by_the_pages_of_a_folder_is_byte_identical(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders: list[str | None] = []
    folder = mkdocsrun._SharedLayout.folder

    def spy(self: mkdocsrun._SharedLayout, page: Any) -> str | None:
        folders.append(folder(self, page))
        return folders[-1]

    monkeypatch.setattr(mkdocsrun._SharedLayout, "folder", spy)
    site.build(content, tmp_path / "shared", REPO / "mkdocs.yml", tmp_path / "w1", jobs=1)
    assert folders.count("thu-tuc") >= 3 * 7  # three procedure pages or more, seven shared parts each
    assert None in folders  # the navigation's pages are rendered in full
    monkeypatch.setattr(mkdocsrun._SharedLayout, "folder", lambda self, page: None)
    site.build(content, tmp_path / "full", REPO / "mkdocs.yml", tmp_path / "w2", jobs=1)
    assert tree_digest(tmp_path / "shared") == tree_digest(tmp_path / "full")


def test_open_data_is_linked_and_a_site_keeps_what_it_was_built_with(
    make_content: MakeContent, tmp_path: Path
) -> None:
    content = make_content({})
    out = build_site(content, tmp_path)
    published = out / "du-lieu" / "thu-tuc" / "1.013859.json"
    docs_copy = tmp_path / "work" / "docs" / "du-lieu" / "thu-tuc" / "1.013859.json"
    assert published.stat().st_ino == docs_copy.stat().st_ino  # a hard link, not a copy
    before = published.read_bytes()
    record = content / "thu-tuc" / "1.013859.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("Cấp thẻ", "Cấp lại thẻ"), encoding="utf-8")
    site.prepare(content, tmp_path / "work")  # the next build's docs, before its site replaces this one
    assert b"C\xe1\xba\xa5p l\xe1\xba\xa1i th\xe1\xba\xbb" in docs_copy.read_bytes()
    assert published.read_bytes() == before
    build_site(content, tmp_path)
    assert published.read_bytes() == docs_copy.read_bytes() != before


@pytest.mark.parametrize("jobs", [1, 3])
def test_regenerating_writes_what_changed_and_removes_what_is_gone(
    make_content: MakeContent, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setattr(sharedbuild, "FILES_PER_JOB", 1)  # with jobs=3: a build shared by processes
    content, work = make_content({}), tmp_path / "work"
    _, first = site.prepare(content, work, jobs=jobs)
    assert (len(first.written), first.removed) == (first.pages, [])
    _, again = site.prepare(content, work, jobs=jobs)
    assert (again.written, again.removed) == ([], [])
    (content / "thu-tuc" / "2.000829.yml").unlink()
    record = content / "thu-tuc" / "1.013859.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("Cấp thẻ", "Cấp lại thẻ"), encoding="utf-8")
    schema = work / "docs" / "du-lieu" / "schema" / "thu-tuc.schema.json"
    schema.write_text("{}", encoding="utf-8")  # changed by hand: put back
    _, changed = site.prepare(content, work, jobs=jobs)
    # 2.000829 was its sector's only procedure: the sector page goes with it
    assert changed.removed == [
        "du-lieu/thu-tuc/2.000829.json",
        "linh-vuc/tro-giup-phap-ly.md",
        "thu-tuc/2.000829.md",
    ]
    assert changed.written == [
        "du-lieu/datapackage.json",  # the files' sizes
        "du-lieu/index.md",
        "du-lieu/linh-vuc/cong-chung.xml",
        "du-lieu/linh-vuc/tro-giup-phap-ly.xml",
        "du-lieu/schema/thu-tuc.schema.json",
        "du-lieu/thay-doi.xml",
        "du-lieu/thu-tuc.csv",
        "du-lieu/thu-tuc.json",
        "du-lieu/thu-tuc.xml",
        "du-lieu/thu-tuc/1.013859.json",
        "index.md",
        "linh-vuc/cong-chung.md",
        "thay-doi.md",
        "thu-tuc/1.002010.md",  # replaced by 1.013859, it names it
        "thu-tuc/1.013859.md",
        "thu-tuc/index.md",
        "tim-kiem.md",
        "tim-kiem/cau-hinh.json",  # the vocabulary of the names for the browser's typo correction
        "tim-kiem/ten.json.gz",  # the names the header ranks as you type
        "tim-kiem/tu/0.json.gz",  # the term index: the renamed procedure's words
    ]
    site.prepare(content, tmp_path / "fresh", jobs=1)
    assert tree_digest(work / "docs") == tree_digest(tmp_path / "fresh" / "docs")


def _internal_links(root: Path) -> Iterator[tuple[str, str]]:
    for page in sorted(root.rglob("*.html")):
        if "pagefind" in page.parts:
            continue
        for name, value in inspect(page).attributes:
            if name in ("href", "src") and value and not re.match(r"^([a-z]+:|#|/)", value):
                yield page.relative_to(root).as_posix(), value


def test_every_internal_link_resolves(minimal_site: Path) -> None:
    broken = []
    for page, link in _internal_links(minimal_site):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), link.split("#")[0]))
        path = minimal_site / target
        if not (path / "index.html" if path.is_dir() else path).is_file():
            broken.append(f"{page}: {link}")
    assert broken == []
    assert sum(1 for _ in _internal_links(minimal_site)) > 100


def test_page_size_does_not_list_every_procedure(minimal_site: Path) -> None:
    page = (minimal_site / "thu-tuc" / "1.013859" / "index.html").read_text(encoding="utf-8")
    assert "2.000829" not in page  # another procedure is not in this page's navigation


def test_hostile_text_renders_literally(make_content: MakeContent, tmp_path: Path) -> None:
    out = build_site(make_content({"thu-tuc/1.000666.yml": HOSTILE}), tmp_path)
    page = inspect(out / "thu-tuc" / "1.000666" / "index.html")
    assert not [name for name, _ in page.attributes if name.startswith("on")]
    assert not [value for name, value in page.attributes if value.strip().lower().startswith("javascript:")]
    assert not [s for s in page.scripts if "alert" in s]
    text = " ".join(" ".join(page.text).split())
    for literal in [
        "a | b | c",
        "Giấy | có | ống",
        "# Không phải tiêu đề",
        "2024. Năm kế hoạch",
        "<img src=x onerror=alert(1)>",
        "[bấm](javascript:alert(1))",
        "Trường hợp {: onclick=alert(3) }",
        '--8<-- "/etc/passwd"',
        "<script>alert('x')</script> {: onclick=\"alert(1)\" } </title><b>",
    ]:
        assert literal in text, literal
    listing = inspect(out / "linh-vuc" / "cong-chung" / "index.html")
    assert not [name for name, _ in listing.attributes if name.startswith("on")]


def test_bad_input_keeps_previous_site(make_content: MakeContent, tmp_path: Path) -> None:
    out = build_site(MINIMAL, tmp_path)
    before = tree_digest(out)
    bad = make_content({"thu-tuc/1.000001.yml": "ma_thu_tuc: 1.000001\n"})
    with pytest.raises(DataErrors):
        build_site(bad, tmp_path)
    assert tree_digest(out) == before


def test_bad_input_in_a_shared_build_keeps_previous_site(
    make_content: MakeContent, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sharedbuild, "FILES_PER_JOB", 1)  # a build in a forked process (in_child)
    out = tmp_path / "site"
    site.build(MINIMAL, out, REPO / "mkdocs.yml", tmp_path / "work", jobs=3)
    before = tree_digest(out)
    bad = make_content({"thu-tuc/1.000001.yml": "ma_thu_tuc: 1.000001\n"})
    with pytest.raises(DataErrors) as caught:
        site.build(bad, out, REPO / "mkdocs.yml", tmp_path / "work", jobs=3)
    assert caught.value.errors
    assert all(error.path.endswith("1.000001.yml") for error in caught.value.errors)
    assert tree_digest(out) == before


def test_cli_reports_all_errors_and_exits_1(make_content: MakeContent) -> None:
    content = make_content(
        {
            "thu-tuc/1.000001.yml": "ma_thu_tuc: 1.000001\n",
            "thu-tuc/1.000002.yml": "ma_thu_tuc: '1.000002'\nten: x\n",
        }
    )
    result = CliRunner().invoke(main, ["check", "--content", str(content)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert (
        f"{content}/thu-tuc/1.000001.yml:1: cach_thuc (Cách thức thực hiện): thiếu trường bắt buộc" in lines
    )
    assert any(
        line.startswith(f"{content}/thu-tuc/1.000001.yml:1: ma_thu_tuc (Mã thủ tục): giá trị 1.000001")
        for line in lines
    )
    assert lines[-1] == f"{len(lines) - 1} lỗi; chưa xuất bản gì, trang hiện có được giữ nguyên."
    assert any("1.000002.yml:2: ten: trường «ten» không có trong mẫu hồ sơ" in line for line in lines)


def test_cli_check_passes_on_minimal_content() -> None:
    result = CliRunner().invoke(main, ["check", "--content", str(MINIMAL)])
    assert result.exit_code == 0
    assert result.stdout == "Dữ liệu hợp lệ: 3 thủ tục, 3 lĩnh vực.\n"


def test_schemas_in_repo_are_current() -> None:
    from generator.datasets import DATASETS
    from generator.site.opendata import schema_files

    for name, text in schema_files(DATASETS).items():
        assert (REPO / "content" / "schema" / f"{name}.schema.json").read_text(encoding="utf-8") == text, (
            "run `congkhai schema` to refresh content/schema/"
        )


@pytest.mark.parametrize(
    ("official", "text", "href"),
    [
        (True, "vi-du@tinh.gov.vn", "mailto:vi-du@tinh.gov.vn"),
        (False, "vi-du@tinh.gov.vn (địa chỉ minh họa)", None),
    ],
)
def test_a_sample_sites_email_is_an_illustration_not_a_link(
    official: bool, text: str, href: str | None
) -> None:
    loaded, errors = load_one(REPO / "content" / "site.yml", Agency)
    assert loaded is not None, errors
    agency = loaded.record.model_copy(update={"chinh_thuc": official})
    email = next(c for c in contacts(agency) if c.label == "Thư điện tử")
    assert (email.text, email.href) == (text, href)
