"""Open data is machine-readable and valid: the data package passes ``frictionless validate``, every CSV
has one row per record, every JSON file validates against its published JSON Schema, every feed parses
without error and says what the data says, the sitemap dates pages by their data; and the change history
of a procedure is read from a git repository made here (golden page)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import feedparser
import jsonschema
import pytest

from generator.build import pipeline
from generator.build.allpages import generate_pages
from generator.datasets import DATASETS
from generator.site.opendata import datapackage

from .browser import chromium, serve_directory
from .conftest import MINIMAL, REPO, MakeContent
from .test_labels import english_words, mechanical, raw_names
from .toy.dataset import QUESTIONS

WITH_TOY = (*DATASETS, QUESTIONS)
BIN = Path(sys.executable).parent
GOLDEN = REPO / "tests" / "golden" / "history"
QUESTION = """\
ma: {ma}
cau_hoi: Hỏi {ma}?
tra_loi: Đáp.
chu_de: Công chứng
thu_tuc: ["1.013859"]
ngay_tra_loi: {day}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The minimal content with the toy dataset and the site's address, built once: (content, site)."""
    root = tmp_path_factory.mktemp("opendata")
    content = root / "content"
    import shutil

    shutil.copytree(MINIMAL, content)
    site_yml = content / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + "url_trang: https://tthc.example.gov.vn/\n")
    (content / "hoi-dap").mkdir()
    for ma, day in (("mot", "2026-05-01"), ("hai", "2026-06-02")):
        (content / "hoi-dap" / f"{ma}.yml").write_text(QUESTION.format(ma=ma, day=day), encoding="utf-8")
    out = root / "site"
    pipeline.build(content, out, REPO / "mkdocs.yml", root / "work", datasets=WITH_TOY)
    return content, out


def test_frictionless_validates_the_data_package(built: tuple[Path, Path]) -> None:
    _, out = built
    done = subprocess.run(
        [str(BIN / "frictionless"), "validate", "--json", "datapackage.json"],
        cwd=out / "du-lieu",
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(done.stdout)
    assert report["valid"], json.dumps(report, ensure_ascii=False, indent=2)[:4000]
    package = json.loads((out / "du-lieu" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["contributors"] == [{"title": "Sở Tư pháp tỉnh Bình Phước", "roles": ["publisher"]}]
    assert package["temporal"] == {"start": "2025-07-01", "end": "2026-07-20"}
    assert package["version"] == "2026-07-20"  # no git in the tests: the latest update
    names = [r["name"] for r in package["resources"]]
    assert names == ["thu-tuc-json", "thu-tuc-csv", "hoi-dap-json", "hoi-dap-csv"]


def test_the_default_sites_data_package_describes_each_file_once() -> None:
    """Every dataset of the default content at once: each resource named once, a JSON file described by
    its JSON Schema (``jsonSchema``), a CSV by a Table Schema (``frictionless validate`` of the built
    default site: ``tests/test_workflow.py``)."""
    package = datapackage(pipeline.check(REPO / "content"))
    names = [r["name"] for r in package["resources"]]
    assert len(names) == len(set(names)), names
    for resource in package["resources"]:
        kind = resource["format"]
        assert resource["path"] == f"{resource['name'].removesuffix(f'-{kind}')}.{kind}"
        if kind == "json":
            assert "schema" not in resource
            assert resource["jsonSchema"] == f"schema/{resource['path'].removesuffix('.json')}.schema.json"
        else:
            assert isinstance(resource["schema"]["fields"], list)


def test_every_csv_has_one_row_per_record(built: tuple[Path, Path]) -> None:
    content, out = built
    for name in ("thu-tuc", "hoi-dap"):
        with open(out / "du-lieu" / f"{name}.csv", encoding="utf-8", newline="") as file:
            rows = list(csv.DictReader(file))
        assert len(rows) == len(list((content / name).glob("*.yml")))
        assert {row["phien_ban"] for row in rows} == {"2026-07-20"}
    questions = (out / "du-lieu" / "hoi-dap.csv").read_text(encoding="utf-8").splitlines()
    assert questions[0] == "ma,cau_hoi,chu_de,thu_tuc,ngay_tra_loi,so_thu_tuc,phien_ban"
    assert questions[1] == "hai,Hỏi hai?,Công chứng,1.013859,2026-06-02,1,2026-07-20"


def test_every_json_validates_against_its_published_schema(built: tuple[Path, Path]) -> None:
    content, out = built
    for name, key in (("thu-tuc", "thu_tuc"), ("hoi-dap", "hoi_dap")):
        schema = json.loads((out / "du-lieu" / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(schema)
        files = sorted((out / "du-lieu" / name).glob("*.json"))
        assert len(files) == len(list((content / name).glob("*.yml")))
        for path in files:
            record = json.loads(path.read_text(encoding="utf-8"))
            assert "phien_ban" not in record  # no git: a record's own file names no version
            validator.validate(record)
        every = json.loads((out / "du-lieu" / f"{name}.json").read_text(encoding="utf-8"))
        assert every["phien_ban"] == {"ngay": "2026-07-20"}
        assert len(every[key]) == len(files)
        for record in every[key]:
            validator.validate(record)


def _feeds(out: Path) -> dict[str, feedparser.FeedParserDict]:
    return {
        path.relative_to(out).as_posix(): feedparser.parse(path.read_bytes())
        for path in sorted((out / "du-lieu").rglob("*.xml"))
    }


def test_every_feed_parses_and_says_what_the_data_says(built: tuple[Path, Path]) -> None:
    _, out = built
    feeds = _feeds(out)
    assert sorted(feeds) == [
        "du-lieu/hoi-dap.xml",
        "du-lieu/linh-vuc/cong-chung.xml",
        "du-lieu/linh-vuc/luat-su.xml",
        "du-lieu/linh-vuc/tro-giup-phap-ly.xml",
        "du-lieu/thay-doi.xml",
        "du-lieu/thu-tuc.xml",
    ]
    for path, feed in feeds.items():
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        ids = [entry.id for entry in feed.entries]
        assert len(ids) == len(set(ids)), path
    base = "https://tthc.example.gov.vn/"
    every = feeds["du-lieu/thu-tuc.xml"]
    assert [(e.link, e.updated[:10]) for e in every.entries] == [
        (f"{base}thu-tuc/1.013859/", "2026-07-20"),
        (f"{base}thu-tuc/2.000829/", "2026-07-01"),
        (f"{base}thu-tuc/1.002010/", "2025-07-01"),
    ]
    assert every.entries[0].id == f"{base}thu-tuc/1.013859/#2026-07-20"
    assert every.feed.updated[:10] == "2026-07-20"  # the data's date, not the build's
    sector = feeds["du-lieu/linh-vuc/cong-chung.xml"]
    assert [e.link for e in sector.entries] == [f"{base}thu-tuc/1.013859/"]
    recent = feeds["du-lieu/thay-doi.xml"]  # without git: each record's last update
    assert [e.link for e in recent.entries][:2] == [f"{base}thu-tuc/1.013859/", f"{base}thu-tuc/2.000829/"]
    assert f"{base}hoi-dap/hai/" in [e.link for e in recent.entries]


def test_pages_link_their_feeds_and_carry_the_version(built: tuple[Path, Path]) -> None:
    _, out = built
    link = '<link rel="feed alternate" type="application/atom+xml" title="{title}" href="{href}">'
    sector = (out / "linh-vuc" / "cong-chung" / "index.html").read_text(encoding="utf-8")
    title = "Thủ tục hành chính lĩnh vực Công chứng mới và thay đổi — Sở Tư pháp tỉnh Bình Phước"
    assert link.format(title=title, href="../../du-lieu/linh-vuc/cong-chung.xml") in sector
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="du-lieu/thu-tuc.xml"' in home
    assert 'href="du-lieu/thay-doi.xml"' in home
    catalogue = (out / "thu-tuc" / "index.html").read_text(encoding="utf-8")
    assert 'href="../du-lieu/thu-tuc.xml"' in catalogue
    page = (out / "thu-tuc" / "1.013859" / "index.html").read_text(encoding="utf-8")
    assert '<p class="ck-version md-typeset">Phiên bản nội dung ngày 20/07/2026</p>' in page
    assert "Lịch sử thay đổi" in page


def test_the_sitemap_dates_pages_by_their_data(built: tuple[Path, Path]) -> None:
    _, out = built
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert (
        "<loc>https://tthc.example.gov.vn/thu-tuc/1.002010/</loc>\n    <lastmod>2025-07-01</lastmod>"
        in sitemap
    )
    assert (
        "<loc>https://tthc.example.gov.vn/linh-vuc/luat-su/</loc>\n    <lastmod>2025-07-01</lastmod>"
        in sitemap
    )
    assert "<loc>https://tthc.example.gov.vn/</loc>\n    <lastmod>2026-07-20</lastmod>" in sitemap
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert robots == "User-agent: *\nAllow: /\nSitemap: https://tthc.example.gov.vn/sitemap.xml\n"


def test_the_open_data_page_lists_every_download_and_the_dictionary(built: tuple[Path, Path]) -> None:
    _, out = built
    page = (out / "du-lieu" / "index.html").read_text(encoding="utf-8")
    for name in ("thu-tuc.json", "thu-tuc.csv", "hoi-dap.csv", "thay-doi.xml", "datapackage.json"):
        assert f'href="{name}"' in page
    size = (out / "du-lieu" / "thu-tuc.csv").stat().st_size
    assert f'<td data-label="Dung lượng" style="text-align: right;">{size} B</td>' in page
    # the model's own label and hint
    assert (
        '<td data-label="Cột"><code>ma_thu_tuc</code></td>\n<td data-label="Tên">Mã thủ tục</td>\n'
        '<td data-label="Kiểu">văn bản</td>\n<td data-label="Ý nghĩa">Mã trên Cơ sở' in page
    )
    assert "Ngày trả lời" in page


# The change history, from a git repository made here.

V1_CHANGES = (
    ("so_tien: 100000", "so_tien: 50000"),
    ("      - ten: Quyết định bổ nhiệm công chứng viên kèm 02 ảnh 2cm x 3cm\n        ban_chinh: 1\n", ""),
    ("ngay_cap_nhat: 2026-07-20", "ngay_cap_nhat: 2025-07-01"),
)
SECOND_DECISION = """\
  - so: 2150/QĐ-BTP
    ngay: 2026-07-10
    loai: sua_doi
    co_quan: Bộ Tư pháp
dvc_truc_tuyen: mot_phan"""


def _git(repo: Path, *args: str, day: str = "2025-07-02T09:00:00+07:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Sở Tư pháp",
        "GIT_AUTHOR_EMAIL": "stp@example.gov.vn",
        "GIT_COMMITTER_NAME": "Sở Tư pháp",
        "GIT_COMMITTER_EMAIL": "stp@example.gov.vn",
        "GIT_AUTHOR_DATE": day,
        "GIT_COMMITTER_DATE": day,
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(
        ["git", "-c", "init.defaultBranch=main", *args], cwd=repo, env=env, check=True, capture_output=True
    )


@pytest.fixture
def two_decisions(make_content: MakeContent, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The minimal content in a git repository where 1.013859's fee and documents changed with a second
    decision: first committed as published by decision 1859/QĐ-BTP, then as amended by 2150/QĐ-BTP."""
    content = make_content({})
    record = content / "thu-tuc" / "1.013859.yml"
    now = record.read_text(encoding="utf-8")
    first = now
    for old, new in V1_CHANGES:
        assert old in first
        first = first.replace(old, new)
    record.write_text(first, encoding="utf-8")
    _git(content, "init", "-q")
    _git(content, "add", "-A")
    _git(content, "commit", "-q", "-m", "Công bố theo Quyết định 1859/QĐ-BTP")
    record.write_text(now.replace("dvc_truc_tuyen: mot_phan", SECOND_DECISION), encoding="utf-8")
    _git(
        content, "commit", "-q", "-am", "Sửa đổi theo Quyết định 2150/QĐ-BTP", day="2026-07-21T10:00:00+07:00"
    )
    monkeypatch.setenv("CONGKHAI_HISTORY", "1")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return content


def test_a_procedure_page_shows_what_changed_between_two_decisions(two_decisions: Path) -> None:
    pages = {page.path: page for page in generate_pages(pipeline.check(two_decisions))}
    text = pages["thu-tuc/1.013859.md"].text
    golden = GOLDEN / "1.013859.md"
    if os.environ.get("UPDATE_GOLDENS"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    recent = pages["thay-doi.md"].text
    assert "| 10/07/2026 | [Cấp thẻ công chứng viên &#40;1&#46;013859&#41;](thu-tuc/1.013859.md) |" in recent
    every = json.loads(pages["du-lieu/thu-tuc.json"].text)
    assert every["phien_ban"]["ngay"] == "2026-07-21"
    assert len(every["phien_ban"]["commit"]) == 40
    assert json.loads(pages["du-lieu/thu-tuc/1.013859.json"].text)["phien_ban"] == every["phien_ban"]
    assert (
        pages["du-lieu/thu-tuc.csv"]
        .text.splitlines()[1]
        .endswith(f",{every['phien_ban']['commit'][:7]} 2026-07-21")
    )


def test_without_git_the_history_lists_the_decisions_only(
    two_decisions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONGKHAI_HISTORY", "0")
    pages = {page.path: page for page in generate_pages(pipeline.check(two_decisions))}
    text = pages["thu-tuc/1.013859.md"].text
    history = text[text.index("Lịch sử thay đổi") : text.index('<div class="ck-search-fields"')]
    assert "<strong>10/07/2026</strong>: Sửa đổi, bổ sung, theo Quyết định 2150/QĐ-BTP</p>" in history
    assert "<strong>30/06/2025</strong>: Công bố mới, theo Quyết định 1859/QĐ-BTP</p>" in history
    assert "<table>" not in history
    assert "không lưu lại từng lần sửa nội dung" in history


def test_history_needs_one_git_log_for_the_whole_folder(two_decisions: Path) -> None:
    from generator.core.gitlog import read_history

    history = read_history(two_decisions)
    assert [r.commit.subject for r in history.revisions("thu-tuc/1.013859.yml")] == [
        "Sửa đổi theo Quyết định 2150/QĐ-BTP",
        "Công bố theo Quyết định 1859/QĐ-BTP",
    ]
    assert len(history.revisions("thu-tuc/2.000829.yml")) == 1
    assert not history.dirty
    assert read_history(two_decisions.parent / "nowhere").last is None
    assert date(2026, 7, 21) == history.last.when.date() if history.last else False


def test_feeds_date_every_procedure_and_tell_what_changed(
    two_decisions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A procedure without ``ngay_cap_nhat`` is dated by the last commit of its file; each entry says
    what changed, from git."""
    record = two_decisions / "thu-tuc" / "2.000829.yml"
    text = record.read_text(encoding="utf-8").replace("ngay_cap_nhat: 2026-07-01\n", "")
    record.write_text(text, encoding="utf-8")
    _git(two_decisions, "commit", "-q", "-am", "Bỏ ngày cập nhật", day="2026-08-01T10:00:00+07:00")
    record.write_text(text.replace("so_tien: 0", "so_tien: 20000", 1), encoding="utf-8")
    _git(two_decisions, "commit", "-q", "-am", "Sửa phí", day="2026-08-05T10:00:00+07:00")
    pages = {page.path: page for page in generate_pages(pipeline.check(two_decisions))}
    every = feedparser.parse(pages["du-lieu/thu-tuc.xml"].text)
    assert [(e.title, e.updated[:10]) for e in every.entries] == [
        ("Thủ tục yêu cầu trợ giúp pháp lý (2.000829) được cập nhật: phí, lệ phí", "2026-08-05"),
        (
            "Thủ tục Cấp thẻ công chứng viên (1.013859) được cập nhật theo Quyết định 2150/QĐ-BTP: "
            "phí, lệ phí, thành phần hồ sơ",
            "2026-07-20",
        ),
        (
            "Thủ tục Đăng ký hoạt động của tổ chức hành nghề luật sư (1.002010) được đăng lên trang",
            "2025-07-01",
        ),
    ]
    assert every.entries[0].summary == (
        "Lĩnh vực Trợ giúp pháp lý. Phí, lệ phí: Trực tiếp: Miễn phí → Trực tiếp: 20.000 đồng. "
        "Ngày 05/08/2026."
    )
    sector = feedparser.parse(pages["du-lieu/linh-vuc/tro-giup-phap-ly.xml"].text)
    assert [e.title for e in sector.entries] == [every.entries[0].title]


def _open_data(site_url: str | None) -> dict[str, str]:
    """The open data of the minimal content, published at ``site_url``, by docs path."""
    catalog = pipeline.addressed(pipeline.check(MINIMAL), site_url)
    return {p.path: p.text for p in generate_pages(catalog) if p.path.startswith("du-lieu/")}


def test_with_an_address_the_open_data_carries_each_pages_full_address() -> None:
    files = _open_data("https://tthc.example.gov.vn/")
    rows = list(csv.DictReader(files["du-lieu/thu-tuc.csv"].splitlines()))
    assert [r["dia_chi_trang"] for r in rows] == [
        f"https://tthc.example.gov.vn/thu-tuc/{r['ma_thu_tuc']}/" for r in rows
    ]
    record = json.loads(files["du-lieu/thu-tuc/1.013859.json"])
    assert record["dia_chi_trang"] == "https://tthc.example.gov.vn/thu-tuc/1.013859/"
    every = json.loads(files["du-lieu/thu-tuc.json"])
    assert [r["dia_chi_trang"] for r in every["thu_tuc"]] == [r["dia_chi_trang"] for r in rows]
    schema = json.loads(files["du-lieu/schema/thu-tuc.schema.json"])
    assert schema["properties"]["dia_chi_trang"]["description"] == "Địa chỉ đầy đủ của trang bản ghi."
    jsonschema.Draft202012Validator(schema).validate(record)
    catalog = pipeline.addressed(pipeline.check(MINIMAL), "https://tthc.example.gov.vn/")
    (table,) = [r for r in datapackage(catalog)["resources"] if r["name"] == "thu-tuc-csv"]
    assert table["schema"]["fields"][-2] == {
        "name": "dia_chi_trang",
        "type": "string",
        "description": "Địa chỉ đầy đủ của trang thủ tục.",
        "title": "Địa chỉ trang",
        "constraints": {"required": True},
    }


def test_without_an_address_the_open_data_says_its_page_paths_are_relative() -> None:
    files = _open_data(None)
    rows = list(csv.DictReader(files["du-lieu/thu-tuc.csv"].splitlines()))
    assert [r["dia_chi_trang"] for r in rows] == [f"thu-tuc/{r['ma_thu_tuc']}/" for r in rows]
    assert json.loads(files["du-lieu/thu-tuc/1.013859.json"])["dia_chi_trang"] == "thu-tuc/1.013859/"
    relative = (
        "Đường dẫn tới trang {}, tương đối với địa chỉ gốc của trang web (trang được dựng khi chưa ghi "
        "«Địa chỉ trang»)."
    )
    schema = json.loads(files["du-lieu/schema/thu-tuc.schema.json"])
    assert schema["properties"]["dia_chi_trang"]["description"] == relative.format("bản ghi")
    (table,) = [r for r in datapackage(pipeline.check(MINIMAL))["resources"] if r["name"] == "thu-tuc-csv"]
    assert table["schema"]["fields"][-2]["description"] == relative.format("thủ tục")


def test_feedback_and_plan_csv_give_full_page_addresses_and_titles() -> None:
    from generator.feedback import opendata as feedback
    from generator.plan import opendata as plan

    catalog = pipeline.addressed(pipeline.check(REPO / "content"), "https://tthc.example.gov.vn/")
    items = list(csv.DictReader(feedback.csv_text(catalog).splitlines()))
    assert items
    assert all(r["dia_chi_trang"] == f"https://tthc.example.gov.vn/pakn/{r['ma_pakn']}/" for r in items)
    tasks = list(csv.DictReader(plan.tasks_csv(catalog).splitlines()))
    assert tasks
    assert all(r["dia_chi_trang"].startswith("https://tthc.example.gov.vn/ke-hoach/") for r in tasks)
    resources = datapackage(catalog)["resources"]
    assert all(r.get("title") for r in resources), [r["name"] for r in resources if not r.get("title")]
    titles = {r["name"]: r["title"] for r in resources}
    assert titles["pakn-json"] == "Phản ánh, kiến nghị (JSON, toàn bộ)"
    assert titles["pakn-csv"] == "Phản ánh, kiến nghị (CSV)"


def test_a_shallow_clone_warns_and_keeps_to_the_milestones(two_decisions: Path, tmp_path: Path) -> None:
    """The boundary commit of a clone of depth one would look like every record's first version: the
    build says the history is cut and lists the records' own milestones, as without git."""
    from generator.core.notices import take_warnings

    clone = tmp_path / "nong"
    command = ["git", "clone", "-q", "--depth", "1", f"file://{two_decisions}", str(clone)]
    subprocess.run(command, check=True, capture_output=True)
    take_warnings()
    pages = {page.path: page for page in generate_pages(pipeline.check(clone))}
    assert [str(w) for w in take_warnings()] == [
        f"{clone}:1: cảnh báo: git: bản sao git chỉ có một phần lịch sử (shallow clone), nên trang chỉ ghi "
        "các mốc trong hồ sơ, không có «Lịch sử thay đổi» từ git; lấy đủ lịch sử bằng «git fetch "
        "--unshallow» (GitHub Actions: «fetch-depth: 0» ở bước actions/checkout) rồi dựng lại"
    ]
    text = pages["thu-tuc/1.013859.md"].text
    assert "Đăng lên trang" not in text
    assert "<strong>30/06/2025</strong>: Công bố mới, theo Quyết định 1859/QĐ-BTP</p>" in text
    assert "Đăng lên trang" not in pages["du-lieu/thu-tuc.xml"].text
    assert "được đăng lên trang" not in pages["du-lieu/thu-tuc.xml"].text


def test_a_build_without_an_address_says_what_is_missing(tmp_path: Path) -> None:
    from generator.core.notices import take_warnings

    take_warnings()
    pipeline.build(MINIMAL, tmp_path / "site", REPO / "mkdocs.yml", tmp_path / "work")
    assert [str(w) for w in take_warnings()] == [
        f"{MINIMAL}/site.yml:1: cảnh báo: url_trang: trang được dựng khi chưa có địa chỉ: mã QR chỉ ghi "
        "đường dẫn, sơ đồ trang (sitemap.xml) không có trang nào, nguồn tin và dữ liệu mở không có địa chỉ "
        "đầy đủ, các trang không có liên kết chuẩn; ghi url_trang vào site.yml hoặc dựng bằng congkhai "
        "build --url https://<địa chỉ trang>/ (biến CONGKHAI_URL); xem thử trên máy mình thì bỏ qua cảnh "
        "báo này"
    ]


def test_the_sitemap_dates_a_procedure_as_its_feed_does(
    two_decisions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A procedure without ``ngay_cap_nhat`` is dated by the last commit of its own file (not the folder's
    last commit), in the sitemap as in its feed; its sector's list and the catalogue by the newest listed."""
    from generator.build.sitemap import page_dates

    record = two_decisions / "thu-tuc" / "2.000829.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("ngay_cap_nhat: 2026-07-01\n", ""), "utf-8")
    _git(two_decisions, "commit", "-q", "-am", "Bỏ ngày cập nhật", day="2026-08-01T10:00:00+07:00")
    allowed = two_decisions / "cong-khai-duoc-phep.yml"
    allowed.write_text("duoc_cong_khai: []\n", encoding="utf-8")
    _git(two_decisions, "add", "-A")
    _git(two_decisions, "commit", "-q", "-m", "Danh sách liên hệ", day="2026-09-09T10:00:00+07:00")
    catalog = pipeline.check(two_decisions)
    dates = page_dates(catalog)
    pages = {page.path: page.text for page in generate_pages(catalog)}
    (entry,) = feedparser.parse(pages["du-lieu/linh-vuc/tro-giup-phap-ly.xml"]).entries
    assert entry.updated[:10] == dates["thu-tuc/2.000829.md"].isoformat() == "2026-08-01"
    assert dates["linh-vuc/tro-giup-phap-ly.md"] == date(2026, 8, 1)
    assert dates["thu-tuc/index.md"] == dates["index.md"] == date(2026, 8, 1)


def test_the_data_dictionary_names_fields_in_vietnamese(built: tuple[Path, Path]) -> None:
    """«Dữ liệu mở» as a citizen reads it in Chromium: every field of the data dictionary has a Vietnamese
    name (never its key) and a Vietnamese explanation, with no English word."""
    _, out = built
    with serve_directory(out) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + "du-lieu/")
        rows = page.locator("table").filter(has_text="Ý nghĩa").locator("tbody tr")
        cells = [row.locator("td").all_inner_texts() for row in rows.all()]
    assert len(cells) > 40
    assert all(len(row) == 4 for row in cells)
    problems = [
        (key, label, kind, hint)
        for key, label, kind, hint in cells
        if not label or mechanical(key, label) or raw_names(label) or english_words(f"{label} {kind} {hint}")
    ]
    assert problems == []
