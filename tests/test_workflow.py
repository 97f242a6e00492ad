"""The GitHub Actions workflow passes zizmor (every audit, offline) and the workflow schema; data errors
become annotations on the offending file and line."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml
from click.testing import CliRunner

from generator.cli import annotation, main
from generator.core.errors import DataError

from .conftest import REPO, MakeContent

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def test_there_is_a_workflow() -> None:
    assert [w.name for w in WORKFLOWS] == ["site.yml"]


def test_zizmor_finds_nothing_even_pedantic() -> None:
    command = [str(BIN / "zizmor"), "--offline", "--persona", "pedantic", *map(str, WORKFLOWS)]
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No findings to report." in run.stdout


def test_the_workflow_follows_the_github_schema() -> None:
    command = [
        str(BIN / "check-jsonschema"),
        "--builtin-schema",
        "vendor.github-workflows",
        *map(str, WORKFLOWS),
    ]
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_action_is_pinned_by_commit() -> None:
    for workflow in WORKFLOWS:
        for line in workflow.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                ref = line.split("uses:", 1)[1].split("#", 1)[0].strip()
                assert len(ref.split("@", 1)[1]) == 40, line


def test_data_errors_are_annotations_in_github_actions(
    make_content: MakeContent, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = make_content({"thu-tuc/1.002010.yml": "ma_thu_tuc: '1.002010'\nten_thu_tuc: A, b: c\n"})
    monkeypatch.chdir(content.parent)
    result = CliRunner().invoke(main, ["check", "--content", "content"], env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        "content/thu-tuc/1.002010.yml:2: YAML không hợp lệ: có dấu «: » ở chỗ không được: "
        "giá trị có «: » phải viết trong dấu nháy",
        "::error file=content/thu-tuc/1.002010.yml,line=2,title=dữ liệu::YAML không hợp lệ: "
        "có dấu «: » ở chỗ không được: giá trị có «: » phải viết trong dấu nháy",
    ]


def test_annotation_properties_are_escaped() -> None:
    error = DataError("/elsewhere/a,b:c.yml", 3, "ten", "50% sai\ndòng hai")
    assert annotation(error) == "::error file=/elsewhere/a%2Cb%3Ac.yml,line=3,title=ten::50%25 sai%0Adòng hai"


def test_no_annotations_outside_github_actions(make_content: MakeContent) -> None:
    content = make_content({"thu-tuc/1.002010.yml": "ma_thu_tuc: '1.002010'\n"})
    result = CliRunner().invoke(main, ["check", "--content", str(content)], env={"GITHUB_ACTIONS": ""})
    assert result.exit_code == 1
    assert "::error" not in result.output


# The deploy job's own steps, run here on a fresh clone.

PAGES = "https://so-tu-phap.github.io/congkhai"
"""The address the emulated ``actions/configure-pages`` gives (its output ``base_url``)."""
ACTION_OUTPUTS = {"actions/configure-pages": {"base_url": PAGES}}
"""What each GitHub action the test does not run gives its later steps (``steps.<id>.outputs``)."""
EXPRESSION = re.compile(r"\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}")


def _git(cwd: Path, *args: str) -> str:
    run = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return run.stdout.strip()


def _expand(text: str, outputs: dict[str, dict[str, str]]) -> str:
    """``text`` with the outputs of the steps run before; any other expression fails the test."""
    expanded = EXPRESSION.sub(lambda m: outputs[m[1]][m[2]], text)
    assert "${{" not in expanded, f"an expression the test cannot give: {text}"
    return expanded


def _check_out(clone: Path, step: dict[str, Any]) -> None:
    """``actions/checkout`` as the job configures it: a clone of depth one (its default), deepened to the
    ``fetch-depth`` the step asks for (0: the whole history)."""
    assert step["uses"].startswith("actions/checkout@")
    _git(REPO.parent, "clone", "-q", "--depth", "1", f"file://{REPO}", str(clone))
    assert _git(clone, "rev-parse", "--is-shallow-repository") == "true"
    depth = int(step.get("with", {}).get("fetch-depth", 1))
    if depth == 0:
        _git(clone, "fetch", "-q", "--unshallow", "origin")
    elif depth > 1:
        _git(clone, "fetch", "-q", f"--depth={depth}", "origin")


def _with_tools(clone: Path) -> dict[str, str]:
    """The environment of the job's commands, with what ``make`` would install already there: a Python
    environment of the clone's own ``generator`` and this test's packages, Decap CMS's packages. Git's
    global configuration is the test's own, never the user's."""
    venv = clone / ".venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    packages = next(Path(p) for p in sys.path if p.endswith("site-packages"))
    (site_packages,) = venv.glob("lib/python*/site-packages")
    (site_packages / "tools.pth").write_text(f"{clone}\n{packages}\n", encoding="utf-8")
    congkhai = venv / "bin" / "congkhai"
    congkhai.write_text(f"#!{venv}/bin/python\nfrom generator.cli import main\n\nmain()\n", encoding="utf-8")
    congkhai.chmod(0o755)
    (venv / ".installed").touch()
    (clone / "cms" / "node_modules").symlink_to(REPO / "cms" / "node_modules", target_is_directory=True)
    for source in ("pyproject.toml", "constraints.txt", "cms/package.json", "cms/package-lock.json"):
        os.utime(clone / source, (0, 0))  # older than the installed markers: make installs nothing
    env = {k: v for k, v in os.environ.items() if k not in ("CONGKHAI_HISTORY", "SOURCE_DATE_EPOCH")}
    return {
        **env,
        "HOME": str(clone.parent),
        "GIT_CONFIG_GLOBAL": str(clone.parent / "gitconfig"),
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(clone),
        "GITHUB_REPOSITORY": "so-tu-phap/congkhai",
    }


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The deploy job's steps, in order, on a fresh clone of this repository's last commit: its checkout
    emulated, each ``run:`` run as the job runs it (``bash -e``) with its ``env:``, the other actions
    skipped but for the outputs later steps read. Returns the clone, with the built ``site/``."""
    if not (REPO / "cms" / "node_modules" / ".installed").exists() or shutil.which("npm") is None:
        pytest.skip("needs Decap CMS's packages (make cms/node_modules/.installed) and npm")
    workflow = yaml.safe_load(WORKFLOWS[0].read_text(encoding="utf-8"))
    steps: list[dict[str, Any]] = workflow["jobs"]["deploy"]["steps"]
    clone = tmp_path_factory.mktemp("workflow") / "repo"
    _check_out(clone, steps[0])
    env = _with_tools(clone)
    where = [str(clone / ".venv" / "bin" / "python"), "-c", "import generator; print(generator.__file__)"]
    found = subprocess.run(where, cwd=clone.parent, env=env, capture_output=True, text=True, check=True)
    assert found.stdout.startswith(str(clone))
    outputs: dict[str, dict[str, str]] = {}
    for step in steps[1:]:
        if "uses" in step:
            action = step["uses"].split("@", 1)[0]
            outputs[step.get("id", action)] = ACTION_OUTPUTS.get(action, {})
            continue
        step_env = {name: _expand(str(value), outputs) for name, value in step.get("env", {}).items()}
        command = ["bash", "-e", "-c", _expand(step["run"], outputs)]
        run = subprocess.run(command, cwd=clone, env={**env, **step_env}, capture_output=True, text=True)
        assert run.returncode == 0, (step.get("name"), run.stdout[-2000:], run.stderr[-2000:])
    return clone


def _qr_text(page: str) -> str:
    """The text of the page's QR code, read from its SVG (a run of dark modules per ``h`` of the path)
    by zxing-cpp."""
    import zxingcpp

    svg = re.search(r'<svg viewBox="0 0 (\d+) \d+" class="ck-qr">.*?</svg>', page, re.S)
    assert svg is not None
    size, scale = int(svg[1]), 4
    dark = [[False] * size for _ in range(size)]
    x = y = 0.0
    for command, dx, dy in re.findall(r"([Mmh])(-?[\d.]+)(?: ?(-?[\d.]+))?", svg[0]):
        if command == "M":
            x, y = float(dx), float(dy)
        elif command == "m":
            x, y = x + float(dx), y + float(dy)
        else:
            for column in range(int(x), int(x + float(dx))):
                dark[int(y)][column] = True
            x += float(dx)
    pixels = bytes(
        0 if dark[row // scale][col // scale] else 255
        for row in range(size * scale)
        for col in range(size * scale)
    )
    codes = zxingcpp.read_barcodes(memoryview(pixels).cast("B", (size * scale, size * scale)))
    assert len(codes) == 1
    return str(codes[0].text)


def test_the_published_site_shows_the_git_history(deployed: Path) -> None:
    head = _git(deployed, "rev-parse", "HEAD")
    for record in sorted((deployed / "content" / "thu-tuc").glob("*.yml")):
        commits = _git(deployed, "log", "--format=%H", "--", str(record.relative_to(deployed))).split()
        if commits and commits[0] != head:  # a depth-one clone would date every record by the last commit
            break
    else:
        pytest.fail("every record's file was last changed by the last commit: the history is missing")
    page = (deployed / "site" / "thu-tuc" / record.stem / "index.html").read_text(encoding="utf-8")
    # a commit that only rewrote the layout (congkhai fmt) changed no value: not in the history
    assert any(f"(phiên bản {commit[:7]})" in page for commit in commits)
    assert "không lưu lại từng lần sửa nội dung" not in page


def test_the_published_site_gives_absolute_addresses(deployed: Path) -> None:
    site = deployed / "site"
    page = (site / "thu-tuc" / "1.013859" / "index.html").read_text(encoding="utf-8")
    assert _qr_text(page) == f"{PAGES}/thu-tuc/1.013859/"
    pages = [p for p in site.rglob("*.html") if p.name != "404.html" and "admin" not in p.parts]
    assert len(pages) > 250
    for path in pages:
        canonical = re.findall(r'<link rel="canonical" href="([^"]*)"', path.read_text(encoding="utf-8"))
        assert canonical, path
        assert canonical[0].startswith(f"{PAGES}/"), (path, canonical)
    locations = re.findall(r"<loc>([^<]*)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert len(locations) > 250
    assert all(loc.startswith(f"{PAGES}/") for loc in locations)
    package = json.loads((site / "du-lieu" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["homepage"] == f"{PAGES}/"
    assert f"Sitemap: {PAGES}/sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")


def test_every_feed_of_a_non_empty_list_has_entries(deployed: Path) -> None:
    site = deployed / "site"
    with open(site / "du-lieu" / "thu-tuc.csv", encoding="utf-8", newline="") as file:
        sectors = Counter(row["ma_linh_vuc"] for row in csv.DictReader(file))
    feeds = {p.relative_to(site).as_posix(): p for p in sorted((site / "du-lieu").rglob("*.xml"))}
    assert len(feeds) == len(sectors) + 4  # the catalogue, feedback, plan reports, recent changes
    for path, file in feeds.items():
        feed = feedparser.parse(file.read_bytes())
        assert not feed.bozo, path
        assert feed.entries, path
        assert all(e.link.startswith(f"{PAGES}/") and e.id.startswith(f"{PAGES}/") for e in feed.entries)
        if path.startswith("du-lieu/linh-vuc/"):
            assert len(feed.entries) == min(sectors[Path(path).stem], 50), path
    every = feedparser.parse(feeds["du-lieu/thu-tuc.xml"].read_bytes())
    assert len(every.entries) == 50
    assert all(" được " in e.title or ": " in e.title for e in every.entries)


def test_the_published_data_package_is_valid(deployed: Path) -> None:
    command = [str(BIN / "frictionless"), "validate", "--json", "datapackage.json"]
    done = subprocess.run(command, cwd=deployed / "site" / "du-lieu", capture_output=True, text=True)
    report = json.loads(done.stdout)
    assert report["valid"], json.dumps(report, ensure_ascii=False, indent=2)[:4000]


def test_a_wrong_address_is_refused_in_one_line() -> None:
    result = CliRunner().invoke(main, ["build", "--content", "content"], env={"CONGKHAI_URL": "so-tu-phap"})
    assert result.exit_code == 2
    assert result.output == (
        "Lỗi: giá trị không hợp lệ cho --url: «so-tu-phap»: phải là địa chỉ đầy đủ, ví dụ "
        "https://tthc.example.gov.vn/; xem congkhai build --help\n"
    )


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("https://tthc.example.gov.vn/?trang=1", "địa chỉ trang không được có phần «?…» hay «#…»"),
        ("https://tthc.example.gov.vn/#dau", "địa chỉ trang không được có phần «?…» hay «#…»"),
        ("https://tthc.example.gov.vn/index.html", "phải là địa chỉ thư mục của trang, không phải một tệp"),
        ("http://tthc.example.gov.vn/", "trang xuất bản phải dùng https:// (http:// chỉ cho máy này)"),
    ],
)
def test_an_address_with_a_query_a_file_or_plain_http_is_refused(address: str, problem: str) -> None:
    result = CliRunner().invoke(main, ["build", "--content", "content", "--url", address])
    assert result.exit_code == 2
    assert (
        result.output
        == f"Lỗi: giá trị không hợp lệ cho --url: «{address}»: {problem}; xem congkhai build --help\n"
    )


def test_an_address_gets_its_trailing_slash() -> None:
    from generator.cli import site_address

    assert site_address("https://tthc.example.gov.vn/so-tu-phap") == "https://tthc.example.gov.vn/so-tu-phap/"
    assert site_address("http://localhost:8000") == "http://localhost:8000/"
