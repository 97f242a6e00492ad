"""Content read only from regular files, hand-written pages checked and sanitised, CSV formula cells.

Every test works on a temporary copy of the minimal content (``make_content``), never on the repository.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from generator.build.pipeline import check as build_catalog
from generator.core.csvcells import safe_cell
from generator.core.handsafe import EXTENSIONS, MARKER
from generator.core.notices import take_warnings
from generator.procedures.opendata import csv_text

from .conftest import REPO, MakeContent, build_site
from .test_errors import CHANNEL, HEAD, errors_for

SECRET = "BÍ-MẬT-CỦA-MÁY-CHỦ"
"""Text of a file outside the content folder that must never appear anywhere."""
SYMLINK = "là liên kết tượng trưng (symlink); không theo liên kết, chỉ đọc tệp thường"
HINT = "hãy dùng liên kết tương đối tới tệp .md, ví dụ ../thu-tuc/index.md"


@pytest.fixture(autouse=True)
def no_leftover_warnings() -> Iterator[None]:
    """Each test sees only its own warnings, and leaves none to the next (the collector is global)."""
    take_warnings()
    yield
    take_warnings()


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the content folder, holding :data:`SECRET`."""
    path = tmp_path / "outside" / "secret.yml"
    path.parent.mkdir()
    path.write_text(f"ten_thu_tuc: {SECRET}\n# {SECRET}\n", encoding="utf-8")
    return path


def warnings_for(content: Path) -> list[str]:
    """The warnings the last run recorded, with the folder prefix removed."""
    return [str(w).removeprefix(f"{content}/") for w in take_warnings()]


def cli_check(content: Path) -> subprocess.CompletedProcess[str]:
    """``congkhai check`` in a new process, stopped after 60 s should it hang."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "check", "--content", str(content)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        check=False,
    )


# Symbolic links and special files


def test_a_symlinked_record_is_refused_without_its_content(make_content: MakeContent, secret: Path) -> None:
    content = make_content({})
    (content / "thu-tuc" / "1.999999.yml").symlink_to(secret)
    assert errors_for(content) == [f"thu-tuc/1.999999.yml:1: {SYMLINK}"]
    result = cli_check(content)
    assert result.returncode == 1
    assert f"{content}/thu-tuc/1.999999.yml:1: {SYMLINK}" in result.stderr.splitlines()
    assert SECRET not in result.stdout + result.stderr


def test_a_symlink_inside_content_is_refused_too(make_content: MakeContent) -> None:
    content = make_content({})
    (content / "thu-tuc" / "1.999999.yml").symlink_to(content / "thu-tuc" / "1.013859.yml")
    assert errors_for(content) == [f"thu-tuc/1.999999.yml:1: {SYMLINK}"]


def test_a_symlinked_site_file_is_refused(make_content: MakeContent, secret: Path) -> None:
    content = make_content({})
    (content / "site.yml").unlink()
    (content / "site.yml").symlink_to(secret)
    assert errors_for(content) == [f"site.yml:1: {SYMLINK}"]


def test_a_symlinked_hand_page_is_refused_and_not_published(
    make_content: MakeContent, secret: Path, tmp_path: Path
) -> None:
    content = make_content({})
    (content / "trang" / "x.md").symlink_to(secret)
    result = cli_check(content)
    assert result.stderr.splitlines()[0] == f"{content}/trang/x.md:1: {SYMLINK}"
    assert SECRET not in result.stdout + result.stderr


def test_symlinked_folders_are_refused(make_content: MakeContent, tmp_path: Path) -> None:
    content = make_content({})
    outside = tmp_path / "outside-pages"
    (outside / "x.md").parent.mkdir()
    (outside / "x.md").write_text(f"# {SECRET}\n", encoding="utf-8")
    (content / "trang").rename(tmp_path / "pages")
    (content / "trang").symlink_to(outside)
    (content / "thu-tuc" / "linked.yml").symlink_to(tmp_path / "pages", target_is_directory=True)
    assert errors_for(content) == [f"thu-tuc/linked.yml:1: {SYMLINK}", f"trang:1: {SYMLINK}"]
    assert SECRET not in cli_check(content).stderr


def test_a_fifo_is_refused_without_hanging(make_content: MakeContent) -> None:
    content = make_content({})
    os.mkfifo(content / "thu-tuc" / "1.999999.yml")
    os.mkfifo(content / "trang" / "x.md")
    result = cli_check(content)  # would wait for ever on a plain open()
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        f"{content}/thu-tuc/1.999999.yml:1: là tệp đặc biệt (FIFO); chỉ đọc tệp thường",
        f"{content}/trang/x.md:1: là tệp đặc biệt (FIFO); chỉ đọc tệp thường",
    ]


def test_a_folder_named_like_a_page_is_an_error(make_content: MakeContent) -> None:
    content = make_content({})
    (content / "trang" / "x.md").mkdir()
    (content / "thu-tuc" / "1.999999.yml").mkdir()
    assert errors_for(content) == [
        "thu-tuc/1.999999.yml:1: là thư mục, không phải tệp; chỉ đọc tệp thường",
        "trang/x.md:1: là thư mục, không phải tệp; chỉ đọc tệp thường",
    ]


# Files and folders left out: warnings


def test_other_files_and_subfolders_are_listed_as_warnings(make_content: MakeContent) -> None:
    content = make_content(
        {
            "thu-tuc/ghi-chu.txt": "x",
            "thu-tuc/cu/1.000001.yml": HEAD + CHANNEL,
            "trang/so-do.png": "x",
            "thu-tuc/.gitkeep": "",
        }
    )
    build_catalog(content)
    assert warnings_for(content) == [
        "thu-tuc/cu:1: cảnh báo: thư mục không được đọc (chỉ đọc *.yml, *.yaml); bị bỏ qua",
        "thu-tuc/ghi-chu.txt:1: cảnh báo: tệp không được đọc (chỉ đọc *.yml, *.yaml); bị bỏ qua",
        "trang/so-do.png:1: cảnh báo: tệp không được đọc (chỉ đọc *.md); bị bỏ qua",
    ]


def test_the_cli_prints_warnings_after_a_passing_check(make_content: MakeContent) -> None:
    content = make_content({"thu-tuc/ghi-chu.txt": "x"})
    result = cli_check(content)
    assert result.returncode == 0
    assert result.stdout == "Dữ liệu hợp lệ: 3 thủ tục, 3 lĩnh vực.\n"
    assert result.stderr == (
        f"{content}/thu-tuc/ghi-chu.txt:1: cảnh báo: tệp không được đọc (chỉ đọc *.yml, *.yaml); bị bỏ qua\n"
    )


# Hand-written pages: front matter and links


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        (
            "title: A\ntemplate: ../../etc/passwd\n",
            "trang/x.md:3: template: khóa không được phép trong phần đầu trang; chỉ dùng: title, "
            "description, hide",
        ),
        (
            'description: "\\"><script>alert(1)</script>"\n',
            'trang/x.md:2: description: phải là một dòng chữ, không có ký tự < > & " hay ký tự điều khiển '
            '(mô tả ngắn cho máy tìm kiếm (chữ thường, không có < > & "))',
        ),
        (
            "hide: [navigation, everything]\n",
            "trang/x.md:2: hide: phải là danh sách gồm các giá trị: navigation, toc, footer",
        ),
        ("- a\n", "trang/x.md:1: phần đầu trang (front matter) phải là các cặp «khóa: giá trị»"),
        (
            "a: &x [1]\nb: *x\n",
            "trang/x.md:2: phần đầu trang không được dùng neo (&) và bí danh (*) của YAML",
        ),
        (
            "a: [1\n",
            "trang/x.md:3: YAML không hợp lệ: danh sách trong ngoặc «[ ]» thiếu dấu phẩy hoặc chưa đóng",
        ),
    ],
    ids=["template", "markup in description", "hide value", "not a mapping", "alias", "syntax"],
)
def test_front_matter_is_checked(front: str, expected: str, make_content: MakeContent) -> None:
    content = make_content({"trang/x.md": f"---\n{front}---\n# X\n"})
    assert errors_for(content) == [expected]


def test_allowed_front_matter_passes_and_stays_before_the_marker(make_content: MakeContent) -> None:
    front = "---\ntitle: Giới thiệu\ndescription: Về Sở\nhide: [toc]\n---\n"
    content = make_content({"trang/x.md": f"{front}# X\n"})
    page = next(p for p in build_catalog(content).hand_pages if p.slug == "x")
    assert page.text == f"{front}{MARKER}\n# X\n"


def test_links_are_checked(make_content: MakeContent) -> None:
    page = (
        "# X\n\n## Mục một\n\n"
        "[ok](gioi-thieu.md) [tt](../thu-tuc/1.013859.md) [lv](../linh-vuc/cong-chung.md) [neo](#mục-một)\n"
        "[csv](../du-lieu/thu-tuc.csv) [web](https://example.org/) <a href='raw.md'>raw HTML</a>\n"
        "[đâu](khong-co.md)\n"
        "[abs](/thu-tuc/)\n"
        "![ảnh](so-do.png)\n"
        "[neo](gioi-thieu.md#khong-co)\n"
        "[ra ngoài](../../etc/passwd)\n"
    )
    content = make_content({"trang/x.md": page})
    assert errors_for(content) == [
        f"trang/x.md:7: liên kết: «khong-co.md» không trỏ tới trang hay tệp nào của trang web; {HINT}",
        f"trang/x.md:8: liên kết: «/thu-tuc/» là đường dẫn tuyệt đối; {HINT}",
        f"trang/x.md:9: ảnh: «so-do.png» không trỏ tới trang hay tệp nào của trang web; {HINT}",
        "trang/x.md:10: liên kết: «gioi-thieu.md#khong-co»: trang không có mục «#khong-co»",
        f"trang/x.md:11: liên kết: «../../etc/passwd» không trỏ tới trang hay tệp nào của trang web; {HINT}",
    ]


# Hand-written pages: sanitised

HOSTILE = """\
# Trang thử {onclick="alert(1)"}

Đoạn đầu vẫn còn. <script>alert(2)</script>

<iframe src="javascript:alert(3)">khung</iframe>

Bấm [vào đây](javascript:alert(4)) hoặc <a href="https://example.org/" onmouseover="alert(5)">đây</a>.

<div style="color: red">Khối giữ chữ</div>

## Mục <img src="x.png" onerror="alert(6)">
"""


def test_what_the_sanitiser_removes_is_reported(make_content: MakeContent) -> None:
    content = make_content({"trang/x.md": HOSTILE})
    build_catalog(content)
    allowed = "(chỉ http, https, mailto hoặc liên kết tương đối); đã bỏ"
    assert warnings_for(content) == [
        "trang/x.md:1: cảnh báo: <h1 onclick>: thuộc tính không được phép; đã bỏ",
        "trang/x.md:3: cảnh báo: <script>: thẻ không được phép; đã bỏ thẻ cùng nội dung bên trong",
        "trang/x.md:5: cảnh báo: <iframe>: thẻ không được phép; đã bỏ thẻ cùng nội dung bên trong",
        f"trang/x.md:7: cảnh báo: <a href>: địa chỉ «javascript:alert(4)» không được phép {allowed}",
        "trang/x.md:7: cảnh báo: <a onmouseover>: thuộc tính không được phép; đã bỏ",
        "trang/x.md:9: cảnh báo: <div style>: thuộc tính không được phép; đã bỏ",
        "trang/x.md:11: cảnh báo: <img onerror>: thuộc tính không được phép; đã bỏ",
    ]


def test_a_published_hand_page_keeps_its_text_and_loses_its_script(
    make_content: MakeContent, tmp_path: Path
) -> None:
    content = make_content({"trang/x.md": HOSTILE})
    page = (build_site(content, tmp_path) / "trang" / "x" / "index.html").read_text(encoding="utf-8")
    for text in ("Trang thử", "Đoạn đầu vẫn còn.", "vào đây", "Khối giữ chữ", 'href="https://example.org/"'):
        assert text in page
    for unsafe in ("alert(", "javascript:", "onclick", "onmouseover", "onerror", "<iframe", "color: red"):
        assert unsafe not in page
    assert "<!-- congkhai:trang -->" not in page


def test_sanitising_leaves_generated_pages_alone(minimal_site: Path) -> None:
    """Only hand pages carry the marker: a procedure page keeps its forms and data attributes."""
    page = next((minimal_site / "thu-tuc").glob("*/index.html")).read_text(encoding="utf-8")
    assert "data-pagefind" in page


def test_the_check_renders_with_the_extensions_of_mkdocs_yml() -> None:
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert tuple(names) == EXTENSIONS


class _AnyTag(yaml.SafeLoader):
    """Reads ``mkdocs.yml``'s ``!!python/…`` tags as plain values."""


_AnyTag.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


# CSV formula cells


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Công chứng", "Công chứng"),
        ("5 ngày - làm việc", "5 ngày - làm việc"),
        ("", ""),
        (3, "3"),
        (None, ""),
    ],
)
def test_safe_cell(value: object, expected: object) -> None:
    assert safe_cell(value) == expected


def test_formula_cells_are_neutralised_in_the_csv(make_content: MakeContent) -> None:
    record = (REPO / "tests" / "data" / "minimal" / "thu-tuc" / "1.013859.yml").read_text(encoding="utf-8")
    name = next(line for line in record.splitlines() if line.startswith("ten_thu_tuc:"))
    hostile = record.replace(name, 'ten_thu_tuc: \'=HYPERLINK("http://x";"bấm")\'')
    content = make_content({"thu-tuc/1.013859.yml": hostile})
    rows = list(csv.reader(io.StringIO(csv_text(build_catalog(content)))))
    row = next(r for r in rows if r[0] == "1.013859")
    assert row[1] == '\'=HYPERLINK("http://x";"bấm")'


def test_aligned_tables_and_ordinary_markup_pass_without_warnings(make_content: MakeContent) -> None:
    page = (
        "# X\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n"
        '!!! note "Lưu ý"\n    Chữ *nghiêng* và **đậm**, [thư](mailto:vi-du@tinh.gov.vn).\n\n'
        "## Mục {: #muc .lop }\n\n<details><summary>Thêm</summary>Nội dung</details>\n"
    )
    content = make_content({"trang/x.md": page})
    build_catalog(content)
    assert warnings_for(content) == []


def test_a_file_where_a_folder_belongs_and_odd_names_are_warned_about(make_content: MakeContent) -> None:
    content = make_content({})
    shutil.rmtree(content / "trang")
    (content / "trang").write_text("x", encoding="utf-8")
    (content / "thu-tuc" / "a\nb\x1b[31m.txt").write_text("x", encoding="utf-8")
    build_catalog(content)
    assert warnings_for(content) == [
        "thu-tuc/a\\nb\\x1b[31m.txt:1: cảnh báo: tệp không được đọc (chỉ đọc *.yml, *.yaml); bị bỏ qua",
        "trang:1: cảnh báo: là tệp, không phải thư mục; bị bỏ qua",
    ]
