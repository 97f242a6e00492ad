"""The one layout of content files (generator/core/yamllayout.py) and the editor's writer of it
(cms/congkhai-yaml.js): every file of ``content/`` and of the tests is in layout, formatting keeps the data
and is idempotent, the quick check agrees with ruamel.yaml, and the editor's script writes the same text."""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.build.fmt import content_orders
from generator.cli import main
from generator.core.yamllayout import form_order, in_layout, layout, quick_layout
from generator.datasets import DATASETS

REPO = Path(__file__).resolve().parents[1]
FOLDERS = [
    REPO / "content",
    *(REPO / "tests" / "data" / name for name in ("feedback", "minimal", "plan", "import-hard")),
    REPO / "tests" / "golden" / "import",
    REPO / "tests" / "golden" / "import-hard",
]
FILES = [(path, order) for folder in FOLDERS for path, order in content_orders(folder, DATASETS).items()]
YAML_BROWSER = REPO / "cms" / "node_modules" / "yaml" / "browser"


def _id(path: Path) -> str:
    return str(path.relative_to(REPO))


@pytest.mark.parametrize(("path", "order"), FILES, ids=[_id(p) for p, _ in FILES])
def test_every_file_is_in_layout_and_formatting_keeps_its_data(path: Path, order: dict | None) -> None:
    text = path.read_text(encoding="utf-8")
    formatted = layout(text, order)
    assert formatted == text, f"{_id(path)}: run «congkhai fmt»"
    assert layout(formatted, order) == formatted  # idempotent
    assert yaml.safe_load(formatted) == yaml.safe_load(text)
    assert in_layout(text, order)


def test_formatting_changes_only_the_writing_and_keeps_comments() -> None:
    text = (
        "# yaml-language-server: $schema=../schema/thu-tuc.schema.json\n"
        "ten_thu_tuc: >-\n  Cấp thẻ\n  công chứng viên\n"
        "ma_thu_tuc: 1.013859x  # the code\n"
        "cap_thuc_hien:\n- tinh\n"
        "tra_loi: 'yes'\ntiep_nhan: {a: 1, b: no}\n"
        'mo_ta: "dòng một\\ndòng hai"\n'
    )
    order = {"keys": ["ma_thu_tuc", "ten_thu_tuc", "cap_thuc_hien"], "fields": {}}
    assert layout(text, order) == (
        "# yaml-language-server: $schema=../schema/thu-tuc.schema.json\n"
        "ma_thu_tuc: 1.013859x  # the code\n"
        "ten_thu_tuc: Cấp thẻ công chứng viên\n"
        "cap_thuc_hien:\n  - tinh\n"
        "tra_loi: 'yes'\ntiep_nhan:\n  a: 1\n  b: false\n"
        "mo_ta: |-\n  dòng một\n  dòng hai\n"
    )
    assert not in_layout(text, order)


@pytest.mark.parametrize(
    "text",
    [
        "a: 'on'\n",
        "a: '0777'\n",
        "a: '1:20'\n",
        "a: '1.5'\n",
        "a: ''\n",
        "a: 'x: y'\n",
        "a: .00.00.G15\n",
        "a: (trừ ngày lễ)\n",
        "a:\n  - |-\n    một\n    hai\n",
        "a: []\nb: 2024-01-31\nc: true\n",
    ],
)
def test_the_quick_check_answers_as_ruamel_yaml(text: str) -> None:
    quick = quick_layout(text)
    assert quick is None or quick == layout(text)
    assert layout(text) == text


def _node(*args: str, stdin: str) -> str:
    node = shutil.which("node")
    if node is None or not YAML_BROWSER.is_dir():
        pytest.skip("node or cms/node_modules (npm ci --prefix cms) missing")
    done = subprocess.run([node, *args], input=stdin, capture_output=True, text=True, check=True, timeout=300)
    return done.stdout


def run_editor_writer(tmp_path: Path, cases: list[dict]) -> list[dict]:
    """The editor's writer (cms/congkhai-yaml.js with npm yaml's browser build, as admin/ serves them)
    on ``cases``: each text saved unchanged, its data written from scratch, and ``change`` saved."""
    shutil.copytree(YAML_BROWSER, tmp_path / "yaml")
    shutil.copyfile(REPO / "cms" / "congkhai-yaml.js", tmp_path / "congkhai-yaml.mjs")
    script = str(REPO / "tests" / "yamllayout.mjs")
    return list(
        json.loads(_node(script, str(tmp_path / "congkhai-yaml.mjs"), stdin=json.dumps(cases, default=str)))
    )


RECORDS = [
    (path, order)
    for folder in FOLDERS
    for path, order in content_orders(folder, DATASETS, form_order).items()
    if order is not None
]
"""The files the editor writes: a dataset's records and settings, with the editor's orders."""


def test_the_editor_writes_the_same_layout(tmp_path: Path) -> None:
    cases = [{"text": path.read_text(encoding="utf-8"), "order": order} for path, order in RECORDS]
    results = run_editor_writer(tmp_path, cases)
    for (path, _), case, result in zip(RECORDS, cases, results, strict=True):
        text = case["text"]
        assert result["same"] == text, f"{_id(path)}: saved unchanged, the editor rewrote it"
        first, _, rest = text.partition("\n")
        body = rest if first.startswith("#") else text
        if "#" not in body and "\n\n" not in body:  # no comment but the first line: the same text
            assert result["scratch"] == body, f"{_id(path)}: the editor writes another layout"


def test_one_changed_fee_is_one_changed_line(tmp_path: Path) -> None:
    path = REPO / "content" / "thu-tuc" / "1.013859.yml"
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["cach_thuc"][0]["phi_le_phi"][0]["so_tien"] = 150000
    data["cach_thuc"][0]["phi_le_phi"][0]["mo_ta"] = "Nộp khi nhận: kết quả"  # a new key, quoted
    order = content_orders(REPO / "content", DATASETS)[path]
    (result,) = run_editor_writer(tmp_path, [{"text": text, "order": order, "change": data}])
    new = result["changed"].splitlines()
    assert new[0] == "# yaml-language-server: $schema=../schema/thu-tuc.schema.json"
    diff = list(difflib.unified_diff(text.splitlines(), new, lineterm="", n=0))[2:]
    removed = [line[1:] for line in diff if line.startswith("-")]
    added = [line[1:] for line in diff if line.startswith("+")]
    assert removed == ["      - so_tien: 100000"]
    assert added == ["      - so_tien: 150000", "        mo_ta: 'Nộp khi nhận: kết quả'"]
    assert layout(result["changed"], order) == result["changed"]


def test_a_new_record_from_the_form_is_written_as_by_hand(tmp_path: Path) -> None:
    """What the form sends of every field it shows (empty optional values, defaults) is left out of a new
    record, as a hand-written file leaves it out; a list saved empty, then filled, is a block list: both
    exactly as ``congkhai fmt`` writes them."""
    feedback = next(d for d in DATASETS if d.name == "pakn")
    order = form_order(feedback.model)
    form = {
        "ma_pakn": "PAKN-2026-047",
        "tieu_de": "Thủ tục rườm rà",
        "ngay_tiep_nhan": "2026-03-02",
        "kenh_tiep_nhan": "phieu_y_kien",
        "phan_loai": "ve_hanh_vi",
        "linh_vuc": "cong-chung",
        "tom_tat": "Công dân phản ánh thủ tục còn rườm rà.",
        "thu_tuc": [],
        "trang_thai": [],
        "ngay_tra_loi": None,
        "tra_loi": "",
        "van_ban_tra_loi": {"so": "", "ngay": None},
        "quy_tac_thoi_han": "thong-thuong",
        "hinh_thuc_cong_khai": [],
    }
    plan = next(d for d in DATASETS if d.name == "ke-hoach")
    plan_form = {"nam": 2030, "ten": "Kế hoạch", "han_bao_cao": 10, "du_lieu_mau": False, "phan": []}
    held = "ma_pakn: PAKN-2026-047\ntrang_thai: []\n"
    step = {"ma_pakn": "PAKN-2026-047", "trang_thai": [{"trang_thai": "da_tiep_nhan", "ngay": "2026-03-02"}]}
    cases = [
        {"text": "ma_pakn: PAKN-2026-047\n", "order": order, "change": form},
        {"text": "nam: 2030\n", "order": form_order(plan.model), "change": plan_form},
        {"text": held, "order": order, "change": step},
    ]
    new, planned, filled = (r["changed"] for r in run_editor_writer(tmp_path, cases))
    assert new == (
        "ma_pakn: PAKN-2026-047\n"
        "tieu_de: Thủ tục rườm rà\n"
        "ngay_tiep_nhan: 2026-03-02\n"
        "kenh_tiep_nhan: phieu_y_kien\n"
        "phan_loai: ve_hanh_vi\n"
        "linh_vuc: cong-chung\n"
        "tom_tat: Công dân phản ánh thủ tục còn rườm rà.\n"
        "quy_tac_thoi_han: thong-thuong\n"
    )
    assert planned == "nam: 2030\nten: Kế hoạch\nphan: []\n"  # a required list stays, even empty
    steps = "trang_thai:\n  - trang_thai: da_tiep_nhan\n    ngay: 2026-03-02\n"
    assert filled == f"ma_pakn: PAKN-2026-047\n{steps}"
    for text, model in ((new, feedback.model), (planned, plan.model), (filled, feedback.model)):
        assert layout(text, form_order(model)) == text


def test_fmt_check_lists_the_files_and_fmt_rewrites_them(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "tests" / "data" / "minimal", content)
    record = content / "thu-tuc" / "1.002010.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("ma_thu_tuc: '1.002010'", 'ma_thu_tuc: "1.002010"'), encoding="utf-8")
    runner = CliRunner()
    checked = runner.invoke(main, ["fmt", "--check", "--content", str(content)])
    assert checked.exit_code == 1
    total = len(content_orders(content, DATASETS))
    assert checked.output == (
        f"{record}:1: chưa viết theo bố cục chuẩn\n"
        f"1/{total} tệp chưa đúng bố cục; chạy «congkhai fmt» để sửa.\n"
    )
    warned = runner.invoke(main, ["check", "--content", str(content)])
    assert warned.exit_code == 0
    assert (
        f"{record}:1: cảnh báo: chưa viết theo bố cục chuẩn; chạy «congkhai fmt» để sửa (chỉ đổi cách viết, "
        "không đổi dữ liệu)\n"
    ) in warned.output
    fixed = runner.invoke(main, ["fmt", "--content", str(content)])
    assert fixed.output == f"Đã viết lại: {record}\nĐã viết lại 1/{total} tệp YAML theo bố cục chuẩn.\n"
    assert fixed.exit_code == 0
    again = runner.invoke(main, ["fmt", "--check", "--content", str(content)])
    assert (again.exit_code, again.output) == (0, f"Mọi tệp YAML ({total}) đã đúng bố cục chuẩn.\n")
