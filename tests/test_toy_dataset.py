"""A dataset defined only in ``tests/toy`` goes through the whole pipeline (load, check across
datasets, pages, open data, search, navigation, shared build, preview) with no change in ``generator/``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.build import mkdocsrun, pipeline, sharedbuild
from generator.build.preview import Preview
from generator.core.errors import DataErrors
from generator.datasets import DATASETS

from .conftest import REPO, MakeContent
from .test_preview import tree
from .test_site import tree_digest
from .toy.dataset import QUESTIONS

WITH_TOY = (*DATASETS, QUESTIONS)
CONFIG = REPO / "mkdocs.yml"
QUESTION = """\
ma: {ma}
cau_hoi: Công chứng hợp đồng mất bao lâu?
tra_loi: "Thường trong ngày; hợp đồng phức tạp không quá 10 ngày làm việc. <b>Không</b> phải HTML."
chu_de: Công chứng
thu_tuc: ["{code}"]
"""


@pytest.fixture
def content(make_content: MakeContent) -> Path:
    return make_content(
        {
            "hoi-dap/cong-chung-bao-lau.yml": QUESTION.format(ma="cong-chung-bao-lau", code="1.013859"),
            "hoi-dap/tro-giup.yml": QUESTION.format(ma="tro-giup", code="2.000829").replace(
                "chu_de: Công chứng", "chu_de: Trợ giúp pháp lý"
            ),
        }
    )


def test_a_toy_dataset_builds_a_whole_site(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    pipeline.build(content, out, CONFIG, tmp_path / "work", datasets=WITH_TOY)
    page = (out / "hoi-dap" / "cong-chung-bao-lau" / "index.html").read_text(encoding="utf-8")
    assert "Công chứng hợp đồng mất bao lâu?" in page
    assert "&#60;b&#62;Không&#60;/b&#62;" in page  # the record's text is data, never markup
    assert 'href="../../thu-tuc/1.013859/"' in page
    assert '<span data-pagefind-filter="chu_de">Công chứng</span>' in page
    index = (out / "hoi-dap" / "index.html").read_text(encoding="utf-8")
    assert 'href="tro-giup/"' in index
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "2 câu hỏi thường gặp." in home
    assert 'href="hoi-dap/"' in home  # the navigation and the home button
    one = json.loads((out / "du-lieu" / "hoi-dap" / "tro-giup.json").read_text(encoding="utf-8"))
    assert one["chu_de"] == "Trợ giúp pháp lý"
    every = json.loads((out / "du-lieu" / "hoi-dap.json").read_text(encoding="utf-8"))
    assert [q["ma"] for q in every["hoi_dap"]] == ["cong-chung-bao-lau", "tro-giup"]
    schema = json.loads((out / "du-lieu" / "schema" / "hoi-dap.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "Question"
    settings = json.loads((out / "tim-kiem" / "cau-hinh.json").read_text(encoding="utf-8"))
    assert {"key": "chu_de", "label": "Chủ đề"} in settings["filters"]
    assert (out / "pagefind" / "pagefind-entry.json").is_file()


def test_a_toy_record_is_checked_against_another_dataset(make_content: MakeContent) -> None:
    content = make_content({"hoi-dap/sai.yml": QUESTION.format(ma="sai", code="9.999999")})
    with pytest.raises(DataErrors) as caught:
        pipeline.check(content, WITH_TOY)
    assert [str(e) for e in caught.value.errors] == [
        f"{content}/hoi-dap/sai.yml:5: thu_tuc[0]: không có thủ tục mã «9.999999»"
    ]


def test_a_toy_record_is_validated_with_file_line_and_key(make_content: MakeContent) -> None:
    content = make_content({"hoi-dap/x.yml": "ma: x\ncau_hoi: Hỏi?\ntra_loi: Đáp.\nchu_de: A\nthua: 1\n"})
    with pytest.raises(DataErrors) as caught:
        pipeline.check(content, WITH_TOY)
    assert [str(e) for e in caught.value.errors] == [
        f"{content}/hoi-dap/x.yml:5: thua: trường «thua» không có trong mẫu hồ sơ; "
        "các trường hợp lệ: ma, cau_hoi, tra_loi, chu_de, thu_tuc, ngay_tra_loi"
    ]


def test_a_toy_dataset_shared_by_processes_is_byte_identical(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline.build(content, tmp_path / "one", CONFIG, tmp_path / "w1", jobs=1, datasets=WITH_TOY)
    monkeypatch.setattr(mkdocsrun, "PAGES_PER_JOB", 1)
    monkeypatch.setattr(sharedbuild, "FILES_PER_JOB", 1)
    pipeline.build(content, tmp_path / "three", CONFIG, tmp_path / "w3", jobs=3, datasets=WITH_TOY)
    assert tree_digest(tmp_path / "three") == tree_digest(tmp_path / "one")
    assert tree_digest(tmp_path / "w3" / "docs") == tree_digest(tmp_path / "w1" / "docs")


def test_a_toy_record_edited_in_the_preview_equals_a_full_build(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    preview = Preview(content, CONFIG, tmp_path / "work", tmp_path / "site", WITH_TOY)
    assert preview.build() == "full"
    record = content / "hoi-dap" / "tro-giup.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("Thường", "Luôn"), encoding="utf-8")
    assert preview.build() == "incremental"
    assert preview.finish() is not None  # the open data, left for when edits pause
    fresh = Preview(content, CONFIG, tmp_path / "fresh-work", tmp_path / "fresh", WITH_TOY)
    assert fresh.build() == "full"
    assert tree(preview.site_dir) == tree(fresh.site_dir)
