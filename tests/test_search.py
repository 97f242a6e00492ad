"""Search: folding and queries, index fields, the synonym file's messages, the theme, the build."""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from generator.build.pipeline import check as build_catalog
from generator.build.searchbundle import stabilise, unpack
from generator.build.searchindex import ROOT_SELECTOR, index_site, pagefind_command
from generator.core.errors import BuildError, DataErrors
from generator.core.fields import fold
from generator.procedures import lookup
from generator.procedures.model import Procedure
from generator.procedures.search import folded_keywords, folded_pairs, procedure_fields, search_examples
from generator.site.catalog import Catalog
from generator.site.search import (
    code_forms,
    expansions,
    fields_html,
    joined,
    normalise,
    pairs,
    settings_json,
)
from generator.site.synonyms import SynonymFile, words

from .browser import chromium, serve_directory
from .conftest import MINIMAL, REPO, MakeContent, build_site

SYNONYMS = SynonymFile(nhom=[["CCV", "công chứng viên"], ["TGPL", "trợ giúp pháp lý"]])


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đăng ký khai sinh", "dang ky khai sinh"),
        ("ĐĂNG KÝ", "dang ky"),
        (unicodedata.normalize("NFD", "đất đai"), "dat dai"),
        ("Hòa giải, hoà giải", "hoa giai, hoa giai"),
        ("Lý lịch tư pháp", "ly lich tu phap"),
    ],
)
def test_fold_lowers_strips_tone_marks_and_d(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_normalise_gives_nfc_and_single_spaces() -> None:
    nfd = unicodedata.normalize("NFD", "  Đăng   ký\tkết hôn ")
    assert normalise(nfd) == "Đăng ký kết hôn"
    assert normalise(nfd) == unicodedata.normalize("NFC", "Đăng ký kết hôn")


def test_words_pairs_and_joined_names() -> None:
    assert words("Cấp thẻ (CCV) 1.013859") == ["cap", "the", "ccv", "1", "013859"]
    assert pairs("Đăng ký khai tử") == ["dangky", "kykhai", "khaitu"]
    assert joined("Thủ tục đăng ký khai sinh") == "dangkykhaisinh"
    assert joined("Đăng ký khai sinh") == "dangkykhaisinh"
    assert joined("Một hai ba bốn năm sáu bảy tám chín mười") == "mothaibabonnamsaubaytam"


def test_codes_are_indexed_with_and_without_dots() -> None:
    assert code_forms("1.013859") == ("1.013859", "1013859")
    assert code_forms("2.000815.01") == ("2.000815.01", "200081501")


def test_the_search_hint_suggests_queries_from_the_content() -> None:
    # The shortest current name, the next one folded, the first one's code, an abbreviation in use.
    assert search_examples(build_catalog(REPO / "content")) == [
        "Chứng thực di chúc",
        "dang ky lai khai tu",
        "2.001019",
        "TTHC",
    ]
    minimal = build_catalog(MINIMAL)  # no synonym file: no abbreviation to suggest
    assert search_examples(minimal) == [
        "Cấp thẻ công chứng viên",
        "thu tuc yeu cau tro giup phap ly",
        "1.013859",
    ]
    part = minimal.parts["thu-tuc"]
    summaries = tuple(p._replace(trang_thai="bai_bo") for p in part.summaries)
    retired = replace(minimal, parts={"thu-tuc": replace(part, summaries=summaries)}, _indexes={})
    assert search_examples(retired) == []


def test_synonym_expansions_need_whole_words() -> None:
    assert expansions(["Cấp thẻ công chứng viên"], SYNONYMS) == ["ccv", "cong chung vien"]
    assert expansions(["Thẻ CCV"], SYNONYMS) == ["ccv", "cong chung vien"]
    assert expansions(["Công chứng viên chức"], SynonymFile(nhom=[["VC", "viên chức"]])) == [
        "vc",
        "vien chuc",
    ]
    assert expansions(["Công chứng"], SYNONYMS) == []


def test_procedure_fields_of_the_minimal_content() -> None:
    catalog = build_catalog(MINIMAL)
    fields = procedure_fields(catalog, _record(catalog, "1.013859"))
    assert dict(fields.meta) == {
        "ma": "1.013859",
        "ma_so": "1013859",
        "linh_vuc": "Công chứng",
        "khong_dau": "cap the cong chung vien",
        "cum_tu": "capthe thecong congchung chungvien",
        "ten_lien": "capthecongchungvien thecongchungvien ccv",
        "tu_khoa": "the cong chung vien ccv cong chung",
    }
    assert fields.filters == (
        ("loai_trang", "Thủ tục hành chính"),
        ("linh_vuc", "Công chứng"),
        ("cap_thuc_hien", "Cấp tỉnh"),
        ("doi_tuong", "Tổ chức (không bao gồm doanh nghiệp, HTX)"),
        ("dvc_truc_tuyen", "Dịch vụ công trực tuyến một phần"),
        ("phi", "Có thu phí, lệ phí"),
    )


def test_index_time_synonyms_reach_keywords_and_pairs() -> None:
    catalog = build_catalog(MINIMAL)
    procedure = _record(catalog, "2.000829")
    assert folded_keywords(procedure, "Trợ giúp pháp lý", SYNONYMS) == "tro giup phap ly tgpl"
    assert "trogiup" in folded_pairs(procedure, "Trợ giúp pháp lý", SYNONYMS).split()


def test_hidden_fields_are_inert_text(make_content: MakeContent) -> None:
    evil = '<script>alert(1)</script> "x" {: onclick=y } [a](javascript:b) & đ'
    content = make_content({})
    path = content / "thu-tuc" / "1.013859.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "tu_khoa:\n  - thẻ công chứng viên\n  - CCV\n", f"tu_khoa: ['{evil}']\n"
        ),
        encoding="utf-8",
    )
    catalog = build_catalog(content)
    html = fields_html(procedure_fields(catalog, _record(catalog, "1.013859")))
    spans = [line for line in html.splitlines() if line.startswith("<span")]
    assert len(spans) == 14  # 7 meta, 1 sort, 6 filters
    for line in spans:
        inner = line.split(">", 1)[1].removesuffix("</span>")
        assert not set(inner) & set("<>\"'`")
        assert inner.count("&") == inner.count("&#")
    assert 'tu_khoa">script alert 1 script x onclick y a javascript b d cong chung<' in html


def test_settings_list_facets_ranking_and_synonyms() -> None:
    catalog = build_catalog(MINIMAL)
    settings = json.loads(settings_json(catalog))
    assert [f["key"] for f in settings["filters"]] == [
        "loai_trang",
        "linh_vuc",
        "cap_thuc_hien",
        "doi_tuong",
        "dvc_truc_tuyen",
        "phi",
    ]
    assert settings["synonyms"] == []
    assert settings["ranking"]["metaWeights"]["ma_so"] == 10.0


# --- the synonym file ---------------------------------------------------------------------------------

SYNONYM_ERRORS = {
    "group of one": (
        "nhom:\n  - [CCCD, căn cước công dân]\n  - [LLTP]\n",
        "tu-dong-nghia.yml:3: nhom[1] (Nhóm từ đồng nghĩa): cần ít nhất 2 mục",
    ),
    "same term twice, folded": (
        "nhom:\n  - [CCV, công chứng viên]\n  - [Cong chung vien, công chứng viên hợp danh]\n",
        "tu-dong-nghia.yml:3: nhom[1][0]: «Cong chung vien» đã có ở nhom[0][1] "
        "(không phân biệt hoa thường, dấu và đ/d)",
    ),
    "no letters": (
        "nhom:\n  - [DN, doanh nghiệp, '---']\n",
        "tu-dong-nghia.yml:2: nhom[0][2]: «---» không có chữ hay số nào",
    ),
    "unknown key": (
        "nhomm:\n  - [DN, doanh nghiệp]\n",
        "tu-dong-nghia.yml:1: nhomm: trường «nhomm» không có trong mẫu hồ sơ. Có phải ý bạn là «nhom»?",
    ),
    "not a list": (
        "nhom: DN, doanh nghiệp\n",
        "tu-dong-nghia.yml:1: nhom (Nhóm từ đồng nghĩa): phải là danh sách (mỗi mục một dòng bắt đầu bằng "
        "«- »), không phải «DN, doanh nghiệp»",
    ),
    "empty term": (
        "nhom:\n  - [DN, '']\n",
        "tu-dong-nghia.yml:2: nhom[0][1] (Nhóm từ đồng nghĩa): không được để trống",
    ),
}


@pytest.mark.parametrize("case", sorted(SYNONYM_ERRORS))
def test_synonym_file_errors_name_file_line_and_key(case: str, make_content: MakeContent) -> None:
    text, expected = SYNONYM_ERRORS[case]
    content = make_content({"tu-dong-nghia.yml": text})
    with pytest.raises(DataErrors) as caught:
        build_catalog(content)
    assert [str(e).removeprefix(f"{content}/") for e in caught.value.errors] == [expected]


def test_synonym_file_is_optional_and_loaded_when_present(make_content: MakeContent) -> None:
    assert build_catalog(MINIMAL).synonyms == SynonymFile()
    content = make_content({"tu-dong-nghia.yml": "nhom:\n  - [CCV, công chứng viên]\n"})
    assert build_catalog(content).synonyms.nhom == [["CCV", "công chứng viên"]]


def test_project_synonym_file_is_valid() -> None:
    assert len(build_catalog(REPO / "content").synonyms.nhom) >= 8


# --- theme --------------------------------------------------------------------------------------------


def test_header_partial_is_materials_with_only_the_search_box_added() -> None:
    """The search box, the agency's name as the title on a phone and the drawer button's mark for the
    keyboard (assets/ck-a11y.js) are the changes; the parts around the page title are marked as shared."""
    import material

    upstream = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text()
    ours = (REPO / "theme" / "partials" / "header.html").read_text()
    body = upstream.split("-#}\n", 1)[1]
    search_end = "      {% endif %}\n    {% endif %}\n    {% if config.repo_url %}"
    expected = body.replace(
        search_end,
        '      {% endif %}\n    {% else %}\n      {% include "partials/ck-search-box.html" %}\n'
        "    {% endif %}\n    {% if config.repo_url %}",
    )
    drawer = '<label class="md-header__button md-icon" for="__drawer"'
    expected = expected.replace(
        drawer + ">", drawer + ' title="Danh mục trang" data-ck-drawer-button>'
    ).replace(
        "            {{ config.site_name }}\n          </span>",
        '            <span class="ck-title--long">{{ config.site_name }}</span>\n'
        '            <span class="ck-title--short">{{ config.extra.agency.ten_co_quan | e }}</span>\n'
        "          </span>",
        1,
    )
    assert expected != body
    shared = ('{% call ck_shared("header-start") %}', '{% call ck_shared("header-end") %}', "{% endcall %}")
    lines = ours.split("-#}\n", 1)[1].splitlines(keepends=True)
    assert [line.strip() for line in lines if line.strip() in shared] == [
        shared[0],
        shared[2],
        shared[1],
        shared[2],
    ]
    assert "".join(line for line in lines if line.strip() not in shared) == expected


# --- the build ----------------------------------------------------------------------------------------


def test_build_indexes_only_procedure_articles(minimal_site: Path) -> None:
    entry = json.loads((minimal_site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["vi"]["page_count"] == 3
    page = (minimal_site / "thu-tuc" / "1.013859" / "index.html").read_text()
    assert page.count("data-pagefind-body") == 1
    assert "data-pagefind-body" not in (minimal_site / "index.html").read_text()
    assert (minimal_site / "tim-kiem" / "cau-hinh.json").is_file()
    assert not list(minimal_site.rglob("search_index.json"))


def test_two_builds_give_identical_sites_including_the_index(tmp_path: Path) -> None:
    first = build_site(MINIMAL, tmp_path / "a")
    second = build_site(MINIMAL, tmp_path / "b")
    files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    assert any(f.startswith("pagefind/index/") for f in files)
    _, mismatch, errors = filecmp.cmpfiles(first, second, files, shallow=False)
    assert (mismatch, errors) == ([], [])


def fragments(site: Path) -> dict[str, Any]:
    """Pagefind's record of each indexed page (text, metadata, filters), by URL."""
    records = [json.loads(unpack(p.read_bytes())) for p in (site / "pagefind" / "fragment").iterdir()]
    return {record["url"]: record for record in records}


def test_a_procedure_page_gives_pagefind_only_its_results_as_text(minimal_site: Path) -> None:
    """No label («Kết quả thực hiện») and no boilerplate (status notice, «Không có thông tin»): a query
    such as "ket hon" must not match every page through a label."""
    pages = fragments(minimal_site)
    assert pages["/thu-tuc/1.013859/"]["content"] == "Thẻ công chứng viên."
    assert pages["/thu-tuc/1.013859/"]["meta"]["title"] == "Cấp thẻ công chứng viên"
    assert pages["/thu-tuc/1.002010/"]["content"] == "1.002010."


def test_the_root_selector_changes_nothing_in_the_bundle(minimal_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(minimal_site, site)
    shutil.rmtree(site / "pagefind")
    command = pagefind_command(site)
    at = command.index("--root-selector")
    assert command[at + 1] == ROOT_SELECTOR
    subprocess.run(command[:at] + command[at + 2 :], check=True, capture_output=True)
    stabilise(site / "pagefind")
    files = sorted(p.relative_to(site).as_posix() for p in (site / "pagefind").rglob("*") if p.is_file())
    assert files == sorted(
        p.relative_to(minimal_site).as_posix() for p in (minimal_site / "pagefind").rglob("*") if p.is_file()
    )
    _, mismatch, errors = filecmp.cmpfiles(minimal_site, site, files, shallow=False)
    assert (mismatch, errors) == ([], [])


def test_pagefind_failure_is_a_build_error(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="Pagefind không tạo được chỉ mục tìm kiếm"):
        index_site(tmp_path)


# --- the browser's query handling, checked against the Python side ---------------------------------------

SAMPLES = [
    "Đăng ký khai sinh",
    unicodedata.normalize("NFD", "ĐẤT ĐAI"),
    "Thủ tục cấp thẻ công chứng viên (CCV)",
    "1.013859",
    "hoà giải  viên",
]


@pytest.mark.browser
def test_browser_folds_like_the_build(minimal_site: Path) -> None:
    with serve_directory(minimal_site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base)
        got = page.evaluate(
            """async (samples) => {
              const m = await import('./assets/ck-search.js');
              return samples.map((s) => [m.normalise(s), m.words(s), m.pairs(s), m.joined(s)]);
            }""",
            SAMPLES,
        )
        assert got == [[normalise(s), words(s), pairs(s), joined(s)] for s in SAMPLES]
        plan = page.evaluate(
            """async () => {
              const m = await import('./assets/ck-search.js');
              const lexicon = new m.Lexicon({
                synonyms: [["CCV", "công chứng viên"], ["DN", "doanh nghiệp"]],
                lexicon: [["giấy khai sinh", "đăng ký khai sinh"]],
                stop: ["làm", "cho con", "ở đâu"],
                vocabulary: "dang ky khai sinh ket hon chung thuc chan nuoi",
              });
              const shape = (a) => ({forms: a.forms.map((f) => f.map((t) => t.raw).join(" ")), stops: a.stops,
                                     corrected: a.corrected});
              return [m.variants(m.analyse("Đăng ký khai sinh", lexicon)),
                      shape(m.analyse("làm giấy khai sinh cho con ở đâu", lexicon)),
                      shape(m.analyse("thẻ CCV", lexicon)),
                      shape(m.analyse("dang ki ket honn chungg", lexicon)),
                      m.variants(m.analyse("   ", lexicon)),
                      shape(m.analyse("làm", lexicon)),
                      [m.oneEdit("chung", "chungg"), m.oneEdit("hon", "hno"), m.oneEdit("ab", "abcd")],
                      m.spellingKey("ky") === m.spellingKey("ki"),
                      // «kh» is its own consonant; short words only for two letters swapped
                      [lexicon.correct("khan"), lexicon.correct("ki"), lexicon.correct("sihn"),
                       lexicon.correct("snhi"), lexicon.correct("hno"), lexicon.correct("kto")],
                      // a one-word filler with marks, typed without them beside a word the names pair
                      // it with, is no filler («lan dau»: «lần đầu»)
                      (() => {
                        const fillers = new m.Lexicon({stop: ["đâu", "ở đâu"], vocabulary: "lan dau so do"});
                        const before = shape(m.analyse("so do lan dau", fillers));
                        const lanDau = (a, b) => a === "lan" && b === "dau";
                        fillers.pairs = (a, b, at) =>
                          new Set(lanDau(a, b) ? [["lần", "đầu"][at]] : a === "o" ? ["ở"] : []);
                        const read = (query) => shape(m.analyse(query, fillers));
                        return [before, read("so do lan dau"), read("so do o dau"), read("so do lần đâu")];
                      })()];
            }"""
        )
        assert plan[0][:4] == [
            {"query": "đăng ký khai sinh", "exact": True, "weight": 1, "all": True},
            {"query": "dang ky khai sinh", "exact": False, "weight": 1, "sort": "do_dai_ten"},
            {"query": '"dangkykhaisinh"', "exact": False, "weight": 2},
            {"query": "dangky kykhai khaisinh", "exact": False, "weight": 1},
        ]
        assert plan[1] == {
            "forms": ["giấy khai sinh", "đăng ký khai sinh"],
            "stops": ["làm", "cho con", "ở đâu"],
            "corrected": [],
        }
        assert plan[2]["forms"] == ["thẻ ccv", "thẻ công chứng viên"]
        assert plan[3]["corrected"] == [{"from": "ki", "to": "ky"}, {"from": "chungg", "to": "chung"}]
        assert plan[4] == []
        assert plan[5] == {"forms": ["làm"], "stops": [], "corrected": []}
        assert plan[6] == [True, True, False]
        assert plan[8] == [None, "ky", "sinh", None, None, None]
        assert [(shape["forms"], shape["stops"]) for shape in plan[9]] == [
            (["so do lan"], ["đâu"]),
            (["so do lan dau"], []),
            (["so do"], ["ở đâu"]),
            (["so do lần"], ["đâu"]),
        ]
        assert plan[7] is True


def _record(catalog: Catalog, code: str) -> Procedure:
    """The full record of the procedure ``code``."""
    return next(p for p in lookup.records(catalog) if p.ma_thu_tuc == code)


# --- the lexicon (content/tu-dien.yml) ----------------------------------------------------------------

LEXICON_ERRORS = {
    "term twice, folded, across the stop list": (
        "tu_bo_qua: [làm, ở đâu]\nnhom:\n  - tu: [O dau, nơi nộp]\n    nguon: cách gọi thông dụng\n",
        "tu-dien.yml:3: nhom[0].tu[0]: «O dau» đã có ở tu_bo_qua[1] (không phân biệt hoa thường, dấu và đ/d)",
    ),
    "no source": (
        "nhom:\n  - tu: [sổ đỏ, giấy chứng nhận quyền sử dụng đất]\n",
        "tu-dien.yml:2: nhom[0].nguon (Nguồn): thiếu trường bắt buộc",
    ),
    "group of one": (
        "nhom:\n  - tu: [sổ đỏ]\n    nguon: Luật Đất đai 2024\n",
        "tu-dien.yml:2: nhom[0].tu (Các cách gọi): cần ít nhất 2 mục",
    ),
}


@pytest.mark.parametrize("case", sorted(LEXICON_ERRORS))
def test_lexicon_errors_name_file_line_and_key(case: str, make_content: MakeContent) -> None:
    text, expected = LEXICON_ERRORS[case]
    content = make_content({"tu-dien.yml": text})
    with pytest.raises(DataErrors) as caught:
        build_catalog(content)
    assert [str(e).removeprefix(f"{content}/") for e in caught.value.errors] == [expected]


def test_project_lexicon_is_valid_and_large_enough() -> None:
    """At least 300 groups, each with its source, and a stop list; the browser receives both."""
    catalog = build_catalog(REPO / "content")
    assert len(catalog.lexicon.nhom) >= 300
    assert all(group.nguon for group in catalog.lexicon.nhom)
    assert {"làm", "cho", "bị", "thì", "muốn", "ở đâu", "con tôi"} <= set(catalog.lexicon.tu_bo_qua)
    settings = json.loads(settings_json(catalog))
    hints = [group for group in catalog.lexicon.nhom if group.goi_y]
    assert len(settings["lexicon"]) == len(catalog.lexicon.nhom) - len(hints)
    assert "ở đâu" in settings["stop"]
    # Places, levels and agencies are hints: the browser weighs them as filler words.
    assert {"tỉnh", "UBND", "bệnh viện"} <= {term for group in hints for term in group.tu}
    assert {term for group in hints for term in group.tu} <= set(settings["stop"])
    assert "tỉnh khác" not in settings["stop"]
    # a hint is a filler word in the browser even where a synonym group names it too
    assert any("UBND" in group for group in catalog.synonyms.nhom)
    assert not any("UBND" in group for group in settings["synonyms"])


# --- other agencies' topics (content/ngoai-tham-quyen.yml) ------------------------------------------

ELSEWHERE_TOPIC = (
    "chu_de:\n  - chu_de: Cấp hộ chiếu\n    tu: [làm hộ chiếu]\n    co_quan: Công an tỉnh\n"
    "    lien_ket: {link}\n    nguon: Luật 49/2019/QH14\n"
)


def test_an_elsewhere_link_must_be_https(make_content: MakeContent) -> None:
    content = make_content({"ngoai-tham-quyen.yml": ELSEWHERE_TOPIC.format(link="javascript:alert(1)")})
    with pytest.raises(DataErrors) as caught:
        build_catalog(content)
    [error] = [str(e).removeprefix(f"{content}/") for e in caught.value.errors]
    assert error.startswith("ngoai-tham-quyen.yml:5: chu_de[0].lien_ket (Liên kết): ")


def test_project_elsewhere_topics_reach_the_browser_with_their_sources() -> None:
    catalog = build_catalog(REPO / "content")
    settings = json.loads(settings_json(catalog))
    topics = {t["chu_de"]: t for t in settings["elsewhere"]}
    assert topics["Cấp Phiếu lý lịch tư pháp"]["lien_ket"] == "https://dichvucong.bocongan.gov.vn"
    assert all(t["nguon"] and t["tu"] and t["lien_ket"].startswith("https://") for t in settings["elsewhere"])
    assert settings["terms"]["records"] == len(catalog.summaries("thu-tuc"))
