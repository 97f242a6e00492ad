"""The web editor makes valid, private records: for every collection of the generated configuration, a
new record made from an empty form in Chromium, saved, reviewed and published through ``decap-server``
passes ``congkhai check`` with no edit outside the editor; personal data and an answer before its status
are refused with ``check``'s own words, and nothing is committed. The privacy scan ported to the
editor's script finds what the Python scan finds, text for text."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

import tests.test_privacy as privacy_cases
from generator.build.admin import CMS_DIST, DATE_WIDGET, write_admin
from generator.build.editor import choices, file_template
from generator.cli import NOT_IN_LAYOUT, main
from generator.core.fields import CODE_PATTERN, SLUG_PATTERN, URL_PATTERN
from generator.core.labels import path_labels
from generator.core.privacy import AllowList, scan_text
from generator.core.validation import CODE_USED
from generator.datasets import DATASETS
from generator.feedback.checks import ANSWER_TOO_EARLY, FUTURE_DAY
from generator.feedback.model import FEEDBACK_CODE, Feedback
from generator.plan import lookup
from generator.plan.model import GROUPS_OR_TASKS, Plan, Timing
from generator.procedures.model import NEEDS_LEVEL
from tests.browser import chromium, serve_directory
from tests.test_cms import _git, _wait_for, decap_server

ROOT = Path(__file__).resolve().parents[1]
SAVED = "Mục đã được lưu"
MISSING = "thiếu trường bắt buộc"

YEAR = 2022
"""The year of the records the tests make: past (a feedback item's dates may not be after today), and
with no plan, statistics or feedback of it in the content."""

SAMPLES = {
    CODE_PATTERN: "1.999901",
    FEEDBACK_CODE: f"PAKN-{YEAR}-001",
    SLUG_PATTERN: "thu-nghiem",
    URL_PATTERN: "https://example.gov.vn/thu-nghiem",
}
"""A valid value of each pattern a required field may have."""


def _first_task() -> str:
    """A task of the 2023 plan, which a new report names (a report names tasks of its year's plan)."""
    plan = Plan.model_validate(
        yaml.safe_load((ROOT / "content/ke-hoach/2023.yml").read_text(encoding="utf-8"))
    )
    return next(t.id for t in lookup.tasks(plan))


OVERRIDES = {"ke-hoach-bao-cao": {"nam": 2023}}
"""Values a record must take from the content already there: a report is of a year with a plan (its
first quarter is taken out of the repository first, :func:`_repository`); its tasks are the plan's."""


FIXES = {
    "thu-tuc": [("cap_thuc_hien", NEEDS_LEVEL)],
    "ke-hoach": [
        ("phan.nhiem_vu", GROUPS_OR_TASKS),
        ("phan.nhiem_vu.thoi_gian.den_ngay", Timing.depends[0].message),  # a task «han» needs its day
    ],
}
"""What the form refuses once its required fields are filled, in ``check``'s words, and the field staff
then fill (a level; a part's tasks; the deadline of a task whose kind, the first offered, has one)."""


def _config_field(fields: list[dict[str, Any]], path: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name in path.split("."):
        found = next(f for f in fields if f["name"] == name)
        fields = found.get("fields", [])
    return found


def _repository(tmp_path: Path) -> Path:
    """A git repository holding the content, with the 2023 plan's first report taken out (so that the
    editor can make it anew)."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "content", repo / "content")
    (repo / "content/ke-hoach/bao-cao/2023-q1.yml").unlink()
    _git(tmp_path, "init", "-q", "-b", "main", str(repo))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "Nội dung")
    return repo


def _admin(repo: Path, site: Path, api: str) -> dict[str, Any]:
    """The editor as ``congkhai build --cms-local`` writes it for ``repo``'s content, pointed at ``api``;
    its configuration."""
    content = repo / "content"
    folder = write_admin(
        site, DATASETS, "Thử", local=True, choices=choices(content, DATASETS), allowed=AllowList.of([])
    )
    config: dict[str, Any] = yaml.safe_load((folder / "config.yml").read_text(encoding="utf-8"))
    config["local_backend"] = {"url": api}
    (folder / "config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return config


def _required(fields: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    return (f for f in fields if f.get("required", True) is not False)


class _Filler:
    """Fills a form's required fields as staff would, from the configuration's widgets."""

    def __init__(self, page: Any, overrides: dict[str, Any]) -> None:
        self.page, self.overrides, self.day = page, overrides, 14

    def fill(self, fields: list[dict[str, Any]], prefix: str = "") -> None:
        for field in _required(fields):
            self.field(field, prefix + field["name"])

    def control(self, name: str) -> Any:
        """The first control of that field still empty (names repeat: ``qua_han`` of two groups)."""
        found = self.page.evaluate(
            """name => {
                const all = [...document.querySelectorAll(`[id^='${name}-field-']`)];
                const empty = all.filter(e => {
                    const box = e.closest("[class*='-container']");
                    const chosen = "[class*='singleValue'], [class*='multiValue']";
                    if (box && box.querySelector(chosen)) return false;
                    return !e.value;
                });
                return (empty[0] || all[all.length - 1]).id;
            }""",
            name,
        )
        return self.page.locator(f"[id='{found}']")

    def field(self, field: dict[str, Any], path: str) -> None:
        kind, name = field["widget"], field["name"]
        if kind == "list":
            label = self.page.locator(f"label[for^='{name}-field-']").last
            label.locator("xpath=ancestor::*[.//button][1]").get_by_role(
                "button", name=re.compile("^(Add|Thêm)")
            ).first.click()
            if "fields" in field:
                self.fill(field["fields"], path + ".")
            else:
                self.field(field["field"], path)
            return
        if kind == "object":
            self.fill(field["fields"], path + ".")
            return
        value = self.overrides.get(path)
        control = self.control(name)
        if kind in ("select", "relation"):
            control.click()
            if value is not None:
                self.page.keyboard.type(str(value))
            try:
                self.page.locator("[class*='-option']").first.wait_for(timeout=10000)
            except Exception:
                self.page.screenshot(path="/tmp/ed/option.png")
                raise AssertionError(f"no option for {path}") from None
            self.page.keyboard.press("Enter")
            self.page.keyboard.press("Escape")
        elif kind == DATE_WIDGET:  # typed as staff do: day/month/year
            self.day += 1
            control.fill(value or f"{self.day}/01/{YEAR}")
        elif kind == "number":
            control.fill(str(value if value is not None else field.get("min", 0)))
        elif kind == "string" and "pattern" in field:
            control.fill(value or SAMPLES[field["pattern"][0]])
        else:
            control.fill(value or "Thử nghiệm biểu mẫu")


FILLED = """() => [...document.querySelectorAll("input[id*='-field-'], textarea[id*='-field-']")]
    .filter(e => e.value).length"""
"""How many of the form's text fields hold a value (none: the form is blank)."""


def _save(page: Any) -> None:
    page.get_by_role("button", name="Lưu").click()


def _saved(page: Any, name: str) -> None:
    """Wait for «Mục đã được lưu»; fail with what the editor says instead."""
    try:
        page.get_by_text(SAVED).first.wait_for(timeout=15000)
    except Exception:
        page.screenshot(path=f"/tmp/ed/{name}.png", full_page=True)
        shown = page.evaluate(
            "() => [...document.querySelectorAll('[class*=ControlErrorsList], [class*=toast], "
            "[class*=notif]')].map(e => e.textContent)"
        )
        raise AssertionError(f"{name}: {shown}") from None


def _publish(page: Any) -> None:
    """Reviewed and published: «Sẵn sàng», then «Công bố ngay»."""
    page.get_by_role("button", name=re.compile("^Trạng")).click()
    page.get_by_text("Sẵn sàng", exact=True).first.click()
    page.get_by_role("button", name=re.compile("Sẵn sàng")).wait_for()
    page.get_by_role("button", name="Công bố", exact=True).click()
    page.get_by_role("menuitem", name="Công bố ngay").click()


def _login(page: Any, base: str) -> None:
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(base + "admin/")
    page.get_by_role("button").first.click()  # «Đăng nhập»: the local backend needs no account
    page.wait_for_url("**/#/collections/**")


def _branches(repo: Path) -> str:
    return _git(repo, "for-each-ref", "--format=%(refname) %(objectname)")


def _need_editor() -> None:
    if not CMS_DIST.is_dir():
        pytest.skip("Decap CMS is not installed (npm ci --prefix cms)")


def test_a_new_record_of_every_collection_passes_check(tmp_path: Path) -> None:
    _need_editor()
    repo = _repository(tmp_path)
    made: list[str] = []
    dataset = {d.name: d for d in DATASETS}
    with decap_server(repo) as api:
        config = _admin(repo, tmp_path / "site", api)
        task = _first_task()
        with serve_directory(tmp_path / "site") as base, chromium() as browser:
            page = browser.new_page()
            _login(page, base)
            for collection in config["collections"]:
                name = collection["name"]
                overrides = {"nam": YEAR, **OVERRIDES.get(name, {}), "ket_qua.nhiem_vu": task}
                before = _git(repo, "rev-parse", "main").strip()
                if "folder" in collection:
                    _fresh(page, f"{base}admin/#/collections/{name}/new")
                    try:
                        page.locator("[id*='-field-']").first.wait_for()
                    except Exception:
                        page.screenshot(path=f"/tmp/ed/{name}-open.png")
                        raise
                    filler = _Filler(page, overrides)
                    filler.fill(collection["fields"])
                    for path, words in FIXES.get(name, []):  # refused with check's words; not saved
                        _save(page)
                        page.get_by_text(words, exact=False).first.wait_for()
                        assert "cms/" not in _git(repo, "branch", "--list")
                        filler.field(_config_field(collection["fields"], path), path)
                else:  # a registry kept in one file: one more item
                    entry = collection["files"][0]
                    _fresh(page, f"{base}admin/#/collections/{name}/entries/{entry['name']}")
                    page.locator("[id*='-field-']").first.wait_for()
                    listed = next(_required(entry["fields"]))
                    _Filler(page, overrides).field(listed, listed["name"])
                _save(page)
                _saved(page, name)
                _publish(page)
                _wait_for(lambda before=before: _git(repo, "rev-parse", "main").strip() != before)
                changed = _git(repo, "diff", "--name-only", before, "main").split()
                made += changed
                page.get_by_role("button", name=re.compile("Công bố|Sẵn sàng")).first.wait_for(
                    state="detached"
                )
                if "folder" in collection:  # published: the form shows the record, under its file's name
                    stem = _stem(file_template(dataset[name]), name)
                    page.wait_for_url(re.compile(re.escape(f"#/collections/{name}/entries/{stem}") + "$"))
                    _wait_for(lambda: page.evaluate(FILLED) > 0)
                    assert "Không thể tải mục" not in page.locator("body").inner_text()  # read at once
    folders = [c for c in config["collections"] if "folder" in c]
    expected = [f"{c['folder']}/{_stem(file_template(dataset[c['name']]), c['name'])}.yml" for c in folders]
    assert sorted(set(expected) - set(made)) == [], made
    result = CliRunner().invoke(main, ["check", "--content", str(repo / "content")])
    assert result.exit_code == 0, result.output
    # written as by hand: no optional value left empty, no new key at its default
    for path in sorted(set(made)):
        text = (repo / path).read_text(encoding="utf-8")
        assert not re.search(r": (\[\]|\{\}|''|null)$", text, flags=re.MULTILINE), _shown(repo / path)
        owner = next((d for d in DATASETS if repo / path in d.files(repo / "content")), None)
        if owner is not None and owner.name in {c["name"] for c in folders}:
            schema = owner.model.model_json_schema()
            held = yaml.safe_load(text)
            defaults = {k: v["default"] for k, v in schema["properties"].items() if "default" in v}
            assert [k for k in held if k in defaults and held[k] == defaults[k]] == [], _shown(repo / path)
    # saved exactly as «congkhai fmt» writes it: no file the editor made is out of the layout
    assert [line for line in result.output.splitlines() if NOT_IN_LAYOUT in line] == [], result.output
    fmt = CliRunner().invoke(main, ["fmt", "--check", "--content", str(repo / "content")])
    assert fmt.exit_code == 0, fmt.output + "".join(_shown(repo / path) for path in sorted(set(made)))


def _shown(path: Path) -> str:
    """A file the editor made, for a failure's message."""
    return f"\n--- {path.name}\n{path.read_text(encoding='utf-8')}"


def _fresh(page: Any, url: str) -> None:
    """Open ``url`` in a freshly loaded editor: none of the last record's draft left (a page left first,
    so that no change of address within the editor, which reloads it itself, races with this load)."""
    page.goto("about:blank")
    page.goto(url)


def _stem(template: str, collection: str) -> str:
    values = {
        "ma_thu_tuc": SAMPLES[CODE_PATTERN],
        "ma_pakn": SAMPLES[FEEDBACK_CODE],
        "nam": str(YEAR),
        "quy": "1",
    }
    values.update({k: str(v) for k, v in OVERRIDES.get(collection, {}).items()})
    values["ngay_tiep_nhan"] = f"{YEAR}-01-15"
    return re.sub(r"\{(\w+)(\|year)?\}", lambda m: values[m[1]][:4] if m[2] else values[m[1]], template)


@contextmanager
def _new_feedback_form(repo: Path, tmp_path: Path) -> Iterator[tuple[Any, list[dict[str, Any]], str]]:
    """The editor's blank «new feedback item» form, logged in: the page, the collection's fields and the
    repository's branches before anything is saved."""
    with decap_server(repo) as api:
        config = _admin(repo, tmp_path / "site", api)
        pakn = next(c for c in config["collections"] if c["name"] == "pakn")
        refs = _branches(repo)
        with serve_directory(tmp_path / "site") as base, chromium() as browser:
            page = browser.new_page()
            _login(page, base)
            _fresh(page, f"{base}admin/#/collections/pakn/new")
            page.locator("[id*='-field-']").first.wait_for()
            yield page, pakn["fields"], refs


def test_personal_data_and_an_early_answer_are_refused_and_nothing_is_committed(tmp_path: Path) -> None:
    """A summary with a name and a mobile number, then an answer while the item is only received: each
    refused with ``check``'s message (the number masked); no draft branch, no commit."""
    _need_editor()
    repo = _repository(tmp_path)
    personal = "Ông Nguyễn Văn An gọi 0912 345 678"
    named = path_labels(Feedback)  # each message names the field as check does: «key (Nhãn): …»
    expected = [f"tom_tat ({named['tom_tat']}): {m}" for m in scan_text(personal, AllowList().with_names())]
    assert len(expected) == 2
    assert "09xx xxx 678" in expected[0]
    with _new_feedback_form(repo, tmp_path) as (page, fields, refs):
        # the preview of an empty record is headed by what it is, in words, not «pakn»
        heading = page.frame_locator("iframe").first.locator("h1").first
        _wait_for(lambda: heading.inner_text() == "Phản ánh, kiến nghị mới")
        _Filler(page, {"tom_tat": personal}).fill(fields)
        _save(page)
        for message in expected:
            page.get_by_text(message, exact=False).first.wait_for()
        assert "Error:" not in page.locator("body").inner_text()
        assert SAVED not in page.locator("body").inner_text()
        assert _branches(repo) == refs

        page.locator("[id^='tom_tat-field-']").fill("Công dân phản ánh thủ tục còn rườm rà.")
        page.locator("[id^='tra_loi-field-']").fill("Đã hướng dẫn công dân.")
        _save(page)
        early = f"tra_loi ({named['tra_loi']}): " + ANSWER_TOO_EARLY.format(status="da_tiep_nhan")
        page.get_by_text(early, exact=False).first.wait_for()
        assert _branches(repo) == refs

        # A date after today is refused with check's words.
        received = page.locator("[id^='ngay_tiep_nhan-field-']")
        typed = received.input_value()
        tomorrow = date.today() + timedelta(days=1)
        received.fill(tomorrow.strftime("%d/%m/%Y"))
        _save(page)
        future = FUTURE_DAY.format(day=tomorrow.strftime("%d/%m/%Y"), today=date.today().strftime("%d/%m/%Y"))
        page.get_by_text(
            f"ngay_tiep_nhan ({named['ngay_tiep_nhan']}): {future}", exact=False
        ).first.wait_for()
        assert _branches(repo) == refs
        received.fill(typed)

        # An optional group is optional; once begun, it needs its required fields.
        page.locator("[id^='tra_loi-field-']").fill("")
        page.locator("[id^='so-field-']").fill("125/STP-VP")
        _save(page)
        answer_day = f"van_ban_tra_loi.ngay ({named['van_ban_tra_loi.ngay']})"
        page.get_by_text(f"{answer_day}: {MISSING}", exact=False).first.wait_for()
        assert _branches(repo) == refs
        page.locator("[id^='so-field-']").fill("")
        _save(page)
        _saved(page, "pakn")
    assert _branches(repo) != refs  # the clean item is a draft now
    branches = _git(repo, "branch", "--list", "--format=%(refname:short)").split()
    draft = next(b for b in branches if b.startswith("cms/"))
    saved = yaml.safe_load(_git(repo, "show", f"{draft}:content/pakn/{YEAR}/PAKN-{YEAR}-001.yml"))
    assert "van_ban_tra_loi" not in saved
    assert saved["tom_tat"] == "Công dân phản ánh thủ tục còn rườm rà."


def test_a_new_record_never_takes_the_file_of_a_published_one(tmp_path: Path) -> None:
    """A new feedback item given a code already published (offered twice after a publish, or typed) is
    refused with ``check``'s words for a code used twice; the published file and the branches stay."""
    _need_editor()
    repo = _repository(tmp_path)
    existing = "content/pakn/2026/PAKN-2026-001.yml"
    before = _git(repo, "show", f"main:{existing}")
    named = path_labels(Feedback)
    used = CODE_USED.format(code="PAKN-2026-001", file=existing)
    with _new_feedback_form(repo, tmp_path) as (page, fields, refs):
        overrides = {"ma_pakn": "PAKN-2026-001", "ngay_tiep_nhan": "05/01/2026"}
        _Filler(page, overrides).fill(fields)
        _save(page)
        page.get_by_text(f"ma_pakn ({named['ma_pakn']}): {used}", exact=False).first.wait_for()
        assert SAVED not in page.locator("body").inner_text()
    assert _branches(repo) == refs
    assert _git(repo, "show", f"main:{existing}") == before


def test_the_editors_scan_finds_what_check_finds(tmp_path: Path) -> None:
    """The privacy scan ported to the editor's script (rules exported from the Python source) gives the
    same messages as ``scan_text`` for every text of the scan's own tests, refused or not, with and without
    names, and lets the agency's own numbers and addresses pass."""
    _need_editor()
    texts: list[str] = []
    for test in (
        privacy_cases.test_more_spellings_of_personal_data,
        privacy_cases.test_names_and_house_addresses_in_every_spelling_where_none_is_expected,
    ):
        texts += [case[0] for case in test.pytestmark[0].args[1]]
    texts += privacy_cases.NOT_PERSONAL
    texts += ["Số 333-335-337 (gọi 912-345-678)", "gọi 0271 3879 456 hoặc 0912 345 678, stp@binhphuoc.gov.vn"]
    allowed = AllowList.of(["0271 3879 456", "stp@binhphuoc.gov.vn"])
    write_admin(tmp_path / "site", DATASETS, "Thử", allowed=allowed)
    with serve_directory(tmp_path / "site") as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + "admin/")
        page.wait_for_function("window.congkhaiScanText !== undefined")
        found = page.evaluate(
            "texts => texts.map(t => [window.congkhaiScanText(t, true), window.congkhaiScanText(t, false)])",
            texts,
        )
    expected = [[scan_text(t, allowed.with_names()), scan_text(t, allowed)] for t in texts]
    assert len(texts) > 60
    assert sum(bool(e[0]) for e in expected) > 40
    assert dict(zip(texts, found, strict=True)) == dict(zip(texts, expected, strict=True))


def test_pickers_groups_and_file_names_follow_the_models() -> None:
    """Every field whose type names a registry item or a record is a picker that shows names and stores
    codes; optional groups require nothing in the form; a new record's file is named by the dataset's
    own rule (the one ``check`` applies), with its year folder."""
    from generator.build.admin import cms_config
    from generator.build.editor import editor_rules, references

    picked = choices(ROOT / "content", DATASETS)
    config = cms_config(DATASETS, choices=picked)
    fields = {c["name"]: c.get("fields") or c["files"][0]["fields"] for c in config["collections"]}
    refs = [(d.name, ".".join(path)) for d in DATASETS for path, _ in references(d.model)]
    assert len(refs) >= 7
    for name, path in refs:
        field = _config_field(fields[name], path)
        assert field["widget"] in ("select", "relation"), (name, path)
    sector = _config_field(fields["pakn"], "linh_vuc")
    assert {"label": "Công chứng", "value": "cong-chung"} in sector["options"]
    for name, path in refs:  # a closed list shows names, not codes («Hộ tịch», not «Hộ tịch (ho-tich)»)
        options = _config_field(fields[name], path).get("options", [])
        assert [o for o in options if o["value"] in o["label"]] == [], (name, path)
    assert _config_field(fields["pakn"], "thu_tuc") == {
        **_config_field(fields["pakn"], "thu_tuc"),
        "widget": "relation",
        "collection": "thu-tuc",
        "value_field": "ma_thu_tuc",
        "multiple": True,
    }
    lead = _config_field(fields["ke-hoach"], "phan.nhiem_vu.chu_tri")
    assert (lead["collection"], lead["file"], lead["value_field"], lead["min"]) == (
        "don-vi",
        "don-vi",
        "don_vi.*.ma",
        1,
    )
    answer = _config_field(fields["pakn"], "van_ban_tra_loi")
    assert answer["required"] is False
    assert all(f.get("required") is False for f in answer["fields"])
    rules = editor_rules(DATASETS, "content", AllowList())
    assert rules["collections"]["pakn"]["groups"] == [
        {"path": ["van_ban_tra_loi"], "required": ["so", "ngay"]}
    ]
    assert {n: c["file"] for n, c in rules["collections"].items()} == {
        "thu-tuc": "{ma_thu_tuc}",
        "pakn": "{ngay_tiep_nhan|year}/{ma_pakn}",
        "don-vi": "don-vi",
        "ke-hoach": "{nam}",
        "ke-hoach-bao-cao": "{nam}-q{quy}",
        "thong-ke": "{nam}-q{quy}",
    }
    fee = {
        "path": ["cach_thuc", "phi_le_phi"],
        "field": "so_tien",
        "message": "cần «so_tien» (số tiền, 0 nếu miễn phí) hoặc «mo_ta»",
        "anyOf": ["so_tien", "mo_ta"],
    }
    assert fee in rules["collections"]["thu-tuc"]["depends"]
    kinds = [r for r in rules["collections"]["ke-hoach"]["depends"] if r["path"][-1] == "thoi_gian"]
    assert len(kinds) == 8  # deadline and cycle, needed and refused, for tasks in and out of groups


def test_every_collection_lists_its_records_by_name(tmp_path: Path) -> None:
    """Each folder collection lists every record its dataset reads, each row with its code (as the
    summary shows it), and no row for a file that is not a record (pakn/cau-hinh.yml)."""
    _need_editor()
    repo = _repository(tmp_path)
    with decap_server(repo) as api:
        config = _admin(repo, tmp_path / "site", api)
        folders = [c for c in config["collections"] if "folder" in c]
        with serve_directory(tmp_path / "site") as base, chromium() as browser:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            _login(page, base)
            # Decap's picker writes «Loading options…» in English whatever the locale: cms/vi.js says it
            # in Vietnamese wherever it appears
            page.evaluate(
                "() => { const d = document.createElement('div'); d.id = 'ck-probe';"
                " d.textContent = 'Loading options…'; document.body.append(d); }"
            )
            probe = page.locator("#ck-probe")
            _wait_for(lambda: probe.inner_text() == "Đang tải các lựa chọn…")
            for collection in folders:
                dataset = next(d for d in DATASETS if d.name == collection["name"])
                expected = len(list(dataset.files(repo / "content")))
                page.goto(f"{base}admin/#/collections/{collection['name']}")
                rows = page.locator("a[href*='/entries/']")
                _wait_for(lambda rows=rows: rows.count() > 0)
                if expected <= 50:  # longer lists are paged by the editor as it scrolls
                    _wait_for(lambda rows=rows, expected=expected: rows.count() == expected)
                texts = rows.all_inner_texts()
                assert all(text.strip() not in ("", "—") for text in texts), collection["name"]
