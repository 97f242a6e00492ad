"""The web editor at ``/admin/``: its configuration covers every model field, and Decap CMS edits a record
end to end in Chromium against ``decap-server`` (a local backend, in a temporary copy of the content)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import types
import typing
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from pydantic import BaseModel

from generator.build.admin import (
    CMS_DIST,
    LOCAL_API,
    MONEY_WIDGET,
    SCRIPT,
    cms_config,
    config_names,
    write_admin,
)
from generator.build.editor import money_fields
from generator.build.pipeline import check as check_content
from generator.build.pipeline import next_keys
from generator.build.security import admin_csp
from generator.cli import main
from generator.core.fields import CODE_PATTERN, PATTERN_MESSAGES
from generator.datasets import DATASETS
from tests.browser import chromium, serve_directory
from tests.conftest import MINIMAL
from tests.feedback_data import feedback_content
from tests.test_labels import english_words

ROOT = Path(__file__).resolve().parents[1]
DECAP_SERVER = ROOT / "cms" / "node_modules" / ".bin" / "decap-server"
MONEY_REFUSED = (
    "phải là số tiền viết bằng chữ số, các nhóm nghìn cách nhau bằng dấu chấm (ví dụ 1.200.000 đồng)"
)
"""What the money widget (cms/vi.js) says of a text that is not a sum of money, as check words it."""


def model_paths(model: type[BaseModel], prefix: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """Every field path of a model, nested models walked (through lists and ``| None``)."""
    for name, field in model.model_fields.items():
        path = (*prefix, name)
        yield path
        for nested in _models(field.annotation):
            yield from model_paths(nested, path)


def _models(annotation: Any) -> Iterator[type[BaseModel]]:
    """The pydantic models inside a type annotation."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _models(typing.get_args(annotation)[0])
        return
    if origin is not None or isinstance(annotation, types.UnionType):
        for arg in typing.get_args(annotation):
            yield from _models(arg)


def test_every_model_field_is_in_the_configuration() -> None:
    config = cms_config(DATASETS)
    names = set(config_names(config))
    expected = {path for d in DATASETS for path in model_paths(d.model, (d.name,))}
    assert len(expected) > 150
    assert sorted(expected - names) == []
    assert [c["name"] for c in config["collections"]] == [d.name for d in DATASETS]


def _field(config: dict[str, Any], *path: str) -> dict[str, Any]:
    """The configuration of one field, by collection and field names."""
    item = next(c for c in config["collections"] if c["name"] == path[0])
    fields = item["fields"] if "fields" in item else item["files"][0]["fields"]
    found: dict[str, Any] = {}
    for name in path[1:]:
        found = next(f for f in fields if f["name"] == name)
        fields = found.get("fields", [])
    return found


def test_widgets_follow_the_models() -> None:
    config = cms_config(DATASETS, repo="so-tu-phap/cong-khai")
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {**config["backend"], "name": "github", "repo": "so-tu-phap/cong-khai"}
    assert "local_backend" not in config  # published to every visitor: no local server named
    code = _field(config, "thu-tuc", "ma_thu_tuc")
    assert code["widget"] == "string"
    assert code["pattern"] == [CODE_PATTERN, f"Không hợp lệ: {PATTERN_MESSAGES[CODE_PATTERN]}"]
    assert "required" not in code
    channel = _field(config, "thu-tuc", "cach_thuc", "hinh_thuc")
    assert channel == {
        **channel,
        "label": "Hình thức nộp",
        "widget": "select",
        "options": [
            {"label": "Trực tiếp", "value": "truc_tiep"},
            {"label": "Trực tuyến", "value": "truc_tuyen"},
            {"label": "Dịch vụ bưu chính", "value": "buu_chinh"},
        ],
    }
    fee = _field(config, "thu-tuc", "cach_thuc", "phi_le_phi", "so_tien")
    assert fee == {**fee, "widget": MONEY_WIDGET, "required": False}
    # every sum of money, found in the models (core/fields.Money), has the money widget; nothing else
    money = {(d.name, *path) for d in DATASETS for path in money_fields(d.model)}
    assert ("thu-tuc", "cach_thuc", "phi_le_phi", "so_tien") in money
    widgets = {path: _field(config, *path)["widget"] for path in config_names(config)}
    assert {path for path, widget in widgets.items() if widget == MONEY_WIDGET} == money
    assert _field(config, "thu-tuc", "cach_thuc", "thoi_han", "so")["widget"] == "number"  # days
    assert _field(config, "thu-tuc", "cach_thuc", "phi_le_phi")["widget"] == "list"
    day = _field(config, "thu-tuc", "cach_thuc", "phi_le_phi", "hieu_luc_tu")
    assert day == {**day, "widget": "ngay", "required": False}
    assert _field(config, "thu-tuc", "ten_thu_tuc") == {
        "name": "ten_thu_tuc",
        "label": "Tên thủ tục",
        "hint": "Tên đầy đủ như đã công bố.",
        "widget": "text",
    }
    pakn = next(c for c in config["collections"] if c["name"] == "pakn")
    assert (pakn["folder"], pakn["path"], pakn["slug"]) == (
        "content/pakn",
        "{{year}}/{{slug}}",
        "{{ma_pakn}}",
    )
    units = next(c for c in config["collections"] if c["name"] == "don-vi")
    assert units["files"][0]["file"] == "content/don-vi.yml"
    reports = next(c for c in config["collections"] if c["name"] == "ke-hoach-bao-cao")
    assert (reports["folder"], reports["slug"]) == ("content/ke-hoach/bao-cao", "{{nam}}-q{{quy}}")


def test_admin_page_is_self_hosted(tmp_path: Path) -> None:
    if not CMS_DIST.is_dir():
        pytest.skip("Decap CMS is not installed (npm ci --prefix cms)")
    folder = write_admin(tmp_path, DATASETS, "Trang <thử>")
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert f'<script src="{SCRIPT}"></script>' in page
    assert "Trang &lt;thử&gt;" in page
    policy = f'<meta http-equiv="Content-Security-Policy" content="{admin_csp()}">'
    assert policy in page
    assert "http" not in page.replace(policy, "")  # nothing loaded from another host
    assert (folder / SCRIPT).stat().st_size > 1_000_000
    assert not list(folder.glob("*.map"))
    assert yaml.safe_load((folder / "config.yml").read_text(encoding="utf-8")) == cms_config(DATASETS)
    again = write_admin(tmp_path / "again", DATASETS, "Trang <thử>")
    assert {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()} == {
        p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()
    }


def _admin_config(site: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))
    return loaded


def test_only_a_local_build_names_the_local_server(tmp_path: Path) -> None:
    """``congkhai build`` publishes no ``local_backend``; ``--cms-local`` (``make cms``) names the
    ``decap-server`` on this machine."""
    for name, flags in (("published", []), ("local", ["--cms-local"])):
        root = tmp_path / name
        args = ["build", "--content", str(MINIMAL), "--out", str(root / "site"), "--work", str(root / "work")]
        result = CliRunner().invoke(main, [*args, "--config", str(ROOT / "mkdocs.yml"), *flags])
        assert result.exit_code == 0, result.output
    assert "local_backend" not in _admin_config(tmp_path / "published" / "site")
    assert "local_backend" not in (tmp_path / "published" / "site" / "admin" / "config.yml").read_text()
    assert _admin_config(tmp_path / "local" / "site")["local_backend"] == {"url": LOCAL_API}


def _epoch(day: date) -> str:
    return str(int(datetime.combine(day, datetime.min.time(), tzinfo=UTC).timestamp()))


def test_a_new_feedback_item_starts_with_the_next_free_code_of_its_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The code field of a new record starts with the next free code of the year of the build's stated
    date (``Catalog.as_of``), computed from the content by the dataset: PAKN-2026-047 after 046; the first
    of a year without any; none for a dataset whose codes are not numbered (procedures)."""
    content = feedback_content(tmp_path)
    given = (content / "pakn/2025/PAKN-2025-006.yml").read_text(encoding="utf-8")
    (content / "pakn/2026").mkdir()
    moved = given.replace("PAKN-2025-006", "PAKN-2026-046").replace("2025-03-", "2026-03-")
    (content / "pakn/2026/PAKN-2026-046.yml").write_text(moved, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(date(2026, 5, 20)))
    out = tmp_path / "out"
    args = ["build", "--content", str(content), "--out", str(out / "site"), "--work", str(out / "work")]
    result = CliRunner().invoke(main, [*args, "--config", str(ROOT / "mkdocs.yml"), "--cms-local"])
    assert result.exit_code == 0, result.output
    config = _admin_config(out / "site")
    assert _field(config, "pakn", "ma_pakn")["default"] == "PAKN-2026-047"
    assert "default" not in _field(config, "thu-tuc", "ma_thu_tuc")
    numbers = [int(p.stem[-3:]) for p in (content / "pakn/2025").glob("PAKN-2025-*.yml")]
    for day, expected in (
        (date(2027, 1, 2), "PAKN-2027-001"),
        (date(2025, 5, 20), f"PAKN-2025-{max(numbers) + 1:03d}"),
    ):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(day))
        assert next_keys(check_content(content)) == {"pakn": expected}


def _listening(port: int) -> set[str]:
    """The addresses a TCP socket listens on at ``port`` on this machine (from ``/proc/net/tcp*``)."""
    found = set()
    for table, size in (("tcp", 8), ("tcp6", 32)):
        path = Path("/proc/net") / table
        for line in path.read_text().splitlines()[1:] if path.exists() else []:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                raw = bytes.fromhex(address)
                words = b"".join(raw[i : i + 4][::-1] for i in range(0, size // 2, 4))
                found.add(socket.inet_ntop(socket.AF_INET if size == 8 else socket.AF_INET6, words))
    return found


def test_make_cms_binds_decap_server_to_this_machine(tmp_path: Path) -> None:
    """The ``decap-server`` command line of ``make cms`` listens on 127.0.0.1 alone: not on every
    interface, where anyone on the network could write to the working copy."""
    if not DECAP_SERVER.exists():
        pytest.skip("decap-server is not installed (npm ci --prefix cms)")
    if not Path("/proc/net/tcp").exists():
        pytest.skip("no /proc/net/tcp to read the listening sockets from")
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ncms:", 1)[1]
    command = re.search(r"^\t(.*decap-server)", recipe, flags=re.MULTILINE)
    assert command is not None
    _git(tmp_path, "init", "-q", "-b", "main", str(tmp_path / "repo"))
    port = _free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "GIT_REPO_DIRECTORY": str(tmp_path / "repo"),
        "LOG_LEVEL": "error",
    }
    shell = command[1].replace("$$", "$")
    process = subprocess.Popen(["sh", "-c", f"exec env {shell}"], cwd=ROOT, env=env, start_new_session=True)
    try:
        _wait_for(lambda: _listening(port))
        assert _listening(port) == {"127.0.0.1"}
    finally:
        process.terminate()
        process.wait(timeout=10)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def decap_server(repo: Path) -> Iterator[str]:
    """``decap-server`` in git mode (drafts on branches, as the editorial workflow needs) editing the
    git repository ``repo`` on a free port; yields its API address."""
    if not DECAP_SERVER.exists():
        pytest.skip("decap-server is not installed (npm ci --prefix cms)")
    port = _free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "GIT_REPO_DIRECTORY": str(repo),
        "LOG_LEVEL": "error",
        "MODE": "git",
        "BIND_HOST": "127.0.0.1",
    }
    process = subprocess.Popen([str(DECAP_SERVER)], env=env, cwd=repo, start_new_session=True)
    url = f"http://127.0.0.1:{port}/api/v1"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except OSError as exc:
                if getattr(exc, "code", None):  # an HTTP answer: the server is up
                    break
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for(condition: Any, seconds: float = 20) -> None:
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("timed out")
        time.sleep(0.2)


def _git(repo: Path, *args: str) -> str:
    """Run git in ``repo``; its output."""
    command = ["git", "-C", str(repo), "-c", "user.name=Thử", "-c", "user.email=thu@example.invalid", *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def test_edit_a_fee_in_the_browser(tmp_path: Path) -> None:
    """Open a procedure in the editor, change a fee, save a draft, mark it ready, publish: the draft is a
    branch until published, then the YAML file on disk has the new fee and the content checks.

    The generated configuration is used as built (editorial workflow), only pointed at a
    ``decap-server`` in git mode on a temporary repository (a draft is a ``cms/…`` branch, as it is a
    pull request on GitHub). A code the schema refuses is refused in the form first.
    """
    if not CMS_DIST.is_dir():
        pytest.skip("Decap CMS is not installed (npm ci --prefix cms)")
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "content", repo / "content")
    _git(tmp_path, "init", "-q", "-b", "main", str(repo))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "Nội dung")
    record = "content/thu-tuc/1.000080.yml"
    before = _published(repo, record)
    assert yaml.safe_load(before)["cach_thuc"][0]["phi_le_phi"][0]["so_tien"] == 0
    site = tmp_path / "site"
    folder = write_admin(site, DATASETS, "Thử", local=True)
    violations: list[str] = []
    with decap_server(repo) as api:
        config = yaml.safe_load((folder / "config.yml").read_text(encoding="utf-8"))
        assert config["publish_mode"] == "editorial_workflow"
        config["local_backend"] = {"url": api}
        (folder / "config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        with serve_directory(site) as base, chromium() as browser:
            page = browser.new_page()
            page.on("dialog", lambda dialog: dialog.accept())  # «Công bố?» asks for confirmation
            page.on(
                "console",
                lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
            )
            page.goto(base + "admin/")
            page.get_by_role("button").first.click()  # «Đăng nhập»: the local backend needs no account
            page.wait_for_url("**/#/collections/**")
            page.goto(base + "admin/#/collections/thu-tuc/entries/1.000080")
            fee = page.locator("input[id^='so_tien-field-']").first
            fee.wait_for()
            assert fee.input_value() == "0"
            _assert_vietnamese(page)
            code = page.locator("input[id^='ma_thu_tuc-field-']")

            # An address typed while a record is open opens the record it names (Decap alone kept the
            # open record's form under the new address).
            for other in ("1.000688", "1.000080"):
                page.evaluate(f"location.hash = '#/collections/thu-tuc/entries/{other}'")
                _wait_for(lambda other=other: code.count() == 1 and code.input_value() == other)
            fee.wait_for()

            # A code the schema refuses is refused in the form: nothing is saved.
            _replace(page, code, "1.23")
            page.get_by_role("button", name="Lưu").click()
            page.get_by_text(PATTERN_MESSAGES[CODE_PATTERN], exact=False).first.wait_for()
            assert "cms/" not in _git(repo, "branch", "--list")
            _replace(page, code, "1.000080")

            # A date is typed DD/MM/YYYY; a day that does not exist is refused in the form.
            day = page.locator("input[id^='ngay_cap_nhat-field-']")
            _replace(page, day, "31/02/2026")
            page.get_by_role("button", name="Lưu").click()
            page.get_by_text("Ngày viết theo dạng ngày/tháng/năm", exact=False).first.wait_for()
            assert "cms/" not in _git(repo, "branch", "--list")
            _replace(page, day, "7/12/2026")

            # A sum of money is typed as staff write it; what is not one is refused in the form.
            _replace(page, fee, "1,5")
            page.get_by_role("button", name="Lưu").click()
            page.get_by_text(MONEY_REFUSED + ", không phải «1,5»", exact=False).first.wait_for()
            assert "cms/" not in _git(repo, "branch", "--list")
            _replace(page, fee, "1.200.000 đồng")
            code.click()  # left: shown with dots between thousands
            assert fee.input_value() == "1.200.000"

            # Saved: a draft on its own branch; the published file is unchanged.
            page.get_by_role("button", name="Lưu").click()
            page.get_by_text("Mục đã được lưu").first.wait_for()
            assert "cms/thu-tuc/1.000080" in _git(repo, "branch", "--list")
            assert _published(repo, record) == before

            # The draft on the workflow board, dated DD/MM/YYYY (not «7 December»).
            page.goto(base + "admin/#/workflow")
            page.get_by_text(re.compile(r"^\d\d/\d\d/\d{4}")).first.wait_for()
            page.goto(base + "admin/#/collections/thu-tuc/entries/1.000080")
            _wait_for(lambda: code.count() == 1 and code.input_value() == "1.000080")

            # Reviewed and published: merged into main.
            status = page.get_by_role("button", name="Trạng thái: Bản nháp")
            assert status.evaluate("e => e.scrollWidth <= e.clientWidth")  # not cut short
            status.click()
            page.get_by_text("Sẵn sàng", exact=True).first.click()
            page.get_by_role("button", name="Trạng thái: Sẵn sàng").wait_for()
            page.get_by_role("button", name="Công bố", exact=True).click()
            page.get_by_role("menuitem", name="Công bố ngay").click()
            _wait_for(lambda: _published(repo, record) != before)
    assert violations == []  # the editor works under its Content-Security-Policy (admin_csp)
    assert f'<meta http-equiv="Content-Security-Policy" content="{admin_csp(local=True)}">' in (
        folder / "index.html"
    ).read_text(encoding="utf-8")
    assert _git(repo, "log", "-1", "--format=%s", "main").strip() == "Sửa thủ tục «1.000080»"
    saved = yaml.safe_load(_published(repo, record))
    expected = yaml.safe_load(before)
    expected["cach_thuc"][0]["phi_le_phi"][0]["so_tien"] = 1200000  # typed «1.200.000 đồng»
    expected["ngay_cap_nhat"] = date(2026, 12, 7)  # typed 7/12/2026
    assert saved == expected  # every other value as it was
    assert list(saved) == list(expected)
    # Saved in the content layout (admin/congkhai-yaml.js): only the lines of the two values typed
    # changed (the fee's, and the date added), comments kept.
    diff = _git(repo, "diff", "--unified=0", "HEAD~1", "main", "--", record).splitlines()
    changed = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert sorted(changed) == [
        "+      - so_tien: 1200000",
        "+ngay_cap_nhat: 2026-12-07",
        "-      - so_tien: 0",
    ], diff
    modeline = "# yaml-language-server: $schema=../schema/thu-tuc.schema.json\n"
    assert _published(repo, record).startswith(modeline)
    fmt = CliRunner().invoke(main, ["fmt", "--check", "--content", str(repo / "content")])
    assert fmt.exit_code == 0, fmt.output
    result = CliRunner().invoke(main, ["check", "--content", str(repo / "content")])
    assert result.exit_code == 0, result.output


LOCALE_KEYS = r"""() => {
  const keys = (o, p) => Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === "object" ? keys(v, p + k + ".") : [[p + k, v]]);
  const vi = Object.fromEntries(keys(CMS.getLocale("vi"), ""));
  const english = (v) => /[a-z]{3}/.test(v.replace(/%\{\w+\}/g, ""));
  return keys(CMS.getLocale("en"), "").filter(([k, v]) => !(k in vi) || (vi[k] === v && english(v)))
    .map(([k]) => k);
}"""
"""The interface strings of Decap CMS's English locale that its «vi» one lacks or leaves in English."""


def _assert_vietnamese(page: Any) -> None:
    """The open entry speaks Vietnamese: every interface string translated, every visible field label
    and hint Vietnamese and never a YAML key."""
    assert page.evaluate(LOCALE_KEYS) == []
    texts = page.locator("label, p").all_inner_texts()
    names = {path[-1] for path in config_names(cms_config(DATASETS))}
    labels = [t.strip() for t in page.locator("label").all_inner_texts() if t.strip()]
    assert len(labels) > 40
    assert [t for t in labels if t in names or (t.upper() == t and "_" in t)] == []
    assert [(t, w) for t in texts if (w := english_words(t))] == []


def _published(repo: Path, path: str) -> str:
    """The file as it is on ``main``: decap-server checks a draft's branch out in the working tree while it
    reads or writes it, so the working tree may briefly hold a draft."""
    return _git(repo, "show", f"main:{path}")


def _replace(page: Any, field: Any, text: str) -> None:
    """Type ``text`` over a field's value, as staff do (React keeps the value it was given otherwise)."""
    field.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


RULES_SCRIPT = (
    "import sys; from generator.build.editor import editor_rules, rules_script; "
    "from generator.core.privacy import AllowList; from generator.datasets import DATASETS; "
    "sys.stdout.write(rules_script(editor_rules(DATASETS, 'content', AllowList())))"
)


def test_the_editors_rules_are_the_same_bytes_whatever_the_string_hashing() -> None:
    """``admin/congkhai-rules.js`` (the privacy scan's patterns among them) is written alike by processes
    whose string hashing differs: no pattern's alternatives follow a set's order."""
    made = {
        subprocess.run(
            [sys.executable, "-c", RULES_SCRIPT],
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(made) == 1
    assert "lowerName" in made.pop()
