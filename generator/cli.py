"""The ``congkhai`` command: the only place that prints errors and chooses exit codes."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from generator.build import pipeline as site
from generator.core.errors import CongkhaiError, DataErrors
from generator.core.notices import take_warnings
from generator.options import path_option
from generator.site.opendata import schema_files

F = TypeVar("F", bound=Callable[..., Any])

content_option = path_option(
    "--content", "content", "Thư mục nội dung (site.yml, linh-vuc.yml, thu-tuc/, trang/)."
)
config_option = path_option("--config", "mkdocs.yml", "Tệp cấu hình MkDocs.", directory=False)
work_option = path_option("--work", "build", "Thư mục làm việc (các trang Markdown được sinh ra).")


def reports_errors(command: F) -> F:
    """Print a :class:`CongkhaiError` for people and exit 1."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DataErrors as exc:
            for error in exc.errors:
                click.echo(str(error), err=True)
            click.echo(f"{len(exc.errors)} lỗi; chưa xuất bản gì, trang hiện có được giữ nguyên.", err=True)
        except CongkhaiError as exc:
            click.echo(f"Lỗi: {exc}", err=True)
        finally:  # what the run left out or changed (generator.core.notices), after its own messages
            for warning in take_warnings():
                click.echo(str(warning), err=True)
        sys.exit(1)

    return wrapper  # type: ignore[return-value]


@click.group()
@click.version_option(package_name="congkhai")
def main() -> None:
    """Công khai thủ tục hành chính: kiểm tra dữ liệu YAML và xuất bản trang tĩnh."""


STAGES = {"generate": "dữ liệu", "mkdocs": "MkDocs", "search": "chỉ mục tìm kiếm"}
"""How the build message names the stages of :attr:`~generator.site.BuildReport.seconds`."""


@main.command()
@content_option
@reports_errors
def check(content: Path) -> None:
    """Kiểm tra toàn bộ dữ liệu; in mọi lỗi cùng lúc."""
    catalog = site.check(content)
    click.echo(f"Dữ liệu hợp lệ: {len(catalog.procedures)} thủ tục, {len(catalog.sectors)} lĩnh vực.")


@main.command()
@content_option
@path_option("--out", "site", "Thư mục xuất bản.")
@config_option
@work_option
@click.option(
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Số tiến trình dựng trang (0: theo số nhân CPU; chỉ dùng nhiều tiến trình khi có nhiều trang).",
)
@reports_errors
def build(content: Path, out: Path, config: Path, work: Path, jobs: int) -> None:
    """Kiểm tra dữ liệu và xây dựng trang vào thư mục xuất bản."""
    report = site.build(content, out, config, work, jobs)
    stages = ", ".join(f"{STAGES[name]} {seconds:.1f} s" for name, seconds in report.seconds.items())
    click.echo(f"Đã xuất bản {report.pages} tệp vào {out}/ ({len(report.written)} tệp thay đổi; {stages}).")


@main.command()
@content_option
@config_option
@work_option
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Địa chỉ máy chủ xem trước.")
@reports_errors
def serve(content: Path, config: Path, work: Path, dev_addr: str) -> None:
    """Xem trước trang; sửa một tệp YAML là trình duyệt tự cập nhật."""
    from generator.build.preview import serve as preview

    preview(content, config, work, dev_addr)


@main.command()
@path_option("--out", "content/schema", "Thư mục ghi các tệp JSON Schema.")
def schema(out: Path) -> None:
    """Ghi JSON Schema của từng loại hồ sơ (để trình soạn thảo kiểm tra khi nhập)."""
    out.mkdir(parents=True, exist_ok=True)
    for name, text in schema_files().items():
        (out / f"{name}.schema.json").write_text(text, encoding="utf-8")
        click.echo(f"{out / name}.schema.json")


from generator.importer.commands import import_command, review_command  # noqa: E402

main.add_command(import_command, "import")
main.add_command(review_command, "review")
