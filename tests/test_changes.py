"""``congkhai changes --base REF``: a reviewer's summary of a draft, on a temporary git repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

DATA = Path(__file__).parent / "data" / "minimal"


def _git(repo: Path, *args: str) -> str:
    command = ["git", "-C", str(repo), "-c", "user.name=Thử", "-c", "user.email=thu@example.invalid", *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(DATA, repo / "content")
    _git(tmp_path, "init", "-q", "-b", "main", str(repo))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "Nội dung")
    _git(repo, "switch", "-q", "-c", "cms/thu-tuc/1.002010")
    return repo


def _changes(repo: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["changes", "--base", "main", "--content", str(repo / "content")])
    return result.exit_code, result.output


def test_a_valid_draft_lists_its_records_pages_and_check(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    record = repo / "content" / "thu-tuc" / "1.002010.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("so_tien: 50000", "so_tien: 60000"), "utf-8")
    _git(repo, "commit", "-qam", "Sửa thủ tục «1.002010»")
    (repo / "content" / "thu-tuc" / "2.000829.yml").unlink()  # not committed: a change all the same
    code, output = _changes(repo)
    assert code == 0
    assert output == (
        "## Thay đổi so với `main`\n"
        "\n"
        "| Tệp | Thay đổi | Hồ sơ | Trang công khai bị ảnh hưởng |\n"
        "| --- | --- | --- | --- |\n"
        "| `content/thu-tuc/1.002010.yml` | sửa | thủ tục «1.002010» "
        "| `/thu-tuc/1.002010/`, `/du-lieu/thu-tuc/1.002010.json` |\n"
        "| `content/thu-tuc/2.000829.yml` | xoá | thủ tục «2.000829» "
        "| `/thu-tuc/2.000829/`, `/du-lieu/thu-tuc/2.000829.json` |\n"
        "\n"
        "## Kiểm tra dữ liệu (`congkhai check`)\n"
        "\n"
        "Dữ liệu hợp lệ: 2 thủ tục.\n"
        "\n"
        "## Bố cục tệp (`congkhai fmt --check`)\n"
        "\n"
        "Mọi tệp đã viết theo bố cục chuẩn.\n"
    )


def test_a_draft_with_errors_shows_them_and_the_files_out_of_layout(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    record = repo / "content" / "thu-tuc" / "1.002010.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("linh_vuc: luat-su", 'linh_vuc: "luat-suu"'), encoding="utf-8")
    site = repo / "content" / "site.yml"
    site.write_text(
        site.read_text(encoding="utf-8")
        .replace("ten: Cổng", 'ten: "Cổng', 1)
        .replace("Dịch vụ công quốc gia\n", 'Dịch vụ công quốc gia"\n', 1),
        encoding="utf-8",
    )
    code, output = _changes(repo)
    assert code == 0
    table, check, layout = output.split("\n## ")
    assert table.splitlines()[4:] == [
        "| `content/site.yml` | sửa | tệp chung của trang | mọi trang |",
        "| `content/thu-tuc/1.002010.yml` | sửa | thủ tục «1.002010» "
        "| `/thu-tuc/1.002010/`, `/du-lieu/thu-tuc/1.002010.json` |",
    ]
    lines = check.splitlines()
    assert lines[:4] == ["Kiểm tra dữ liệu (`congkhai check`)", "", "**1 lỗi** — sửa trước khi công bố:", ""]
    assert lines[4] == "```text"
    assert lines[5].startswith(f"{record}:3: linh_vuc: «luat-suu» không thuộc danh sách cho phép")
    assert layout == (
        "Bố cục tệp (`congkhai fmt --check`)\n\n"
        "2 tệp chưa viết theo bố cục chuẩn (chạy `congkhai fmt`):\n"
        "- `content/site.yml`\n"
        "- `content/thu-tuc/1.002010.yml`\n"
    )


def test_an_unknown_base_is_one_vietnamese_line(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    result = CliRunner().invoke(main, ["changes", "--base", "khong-co", "--content", str(repo / "content")])
    assert result.exit_code == 1
    assert result.output.startswith("Lỗi: git merge-base khong-co HEAD: ")
    assert len(result.output.splitlines()) == 1
