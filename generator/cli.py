"""The ``congkhai`` command: the only place that prints errors and chooses exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import click
from pydantic import TypeAdapter, ValidationError

from generator.build import pipeline as site
from generator.build.changes import report as change_report
from generator.build.clean import clean as clean_project
from generator.build.fmt import format_content
from generator.build.paths import TAKE_OVER, default_work
from generator.build.publish import Output, roll_back
from generator.core.errors import CongkhaiError, DataError, DataErrors
from generator.core.failures import disk_message, unexpected_message
from generator.core.fields import HttpUrl
from generator.core.notices import take_warnings, warn
from generator.core.options import path_option
from generator.core.usage import VERSION_HELP, VERSION_MESSAGE, localise, usage_message
from generator.datasets import DATASETS
from generator.site.dataset import published
from generator.site.opendata import schema_files

F = TypeVar("F", bound=Callable[..., Any])

content_option = path_option(
    "--content", "content", "Thư mục nội dung (site.yml, linh-vuc.yml, thu-tuc/, trang/)."
)
config_option = path_option("--config", "mkdocs.yml", "Tệp cấu hình MkDocs.", directory=False)


def work_option(default: str) -> Callable[[Any], Any]:
    """The ``--work`` option: the folder of the generated Markdown pages, ``default`` described."""
    help = f"Thư mục làm việc (các trang Markdown được sinh ra). Mặc định: {default}."
    return click.option("--work", type=click.Path(file_okay=False, path_type=Path), default=None, help=help)


def reports_errors(command: F) -> F:
    """Print a :class:`CongkhaiError` for people and exit 1."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (DataErrors, DataError) as exc:
            errors = exc.errors if isinstance(exc, DataErrors) else [exc]
            annotate = os.environ.get("GITHUB_ACTIONS") == "true"
            for error in errors:
                click.echo(str(error), err=True)
                if annotate:
                    click.echo(annotation(error))
            click.echo(f"{len(errors)} lỗi; chưa xuất bản gì, trang hiện có được giữ nguyên.", err=True)
        except CongkhaiError as exc:
            click.echo(f"Lỗi: {exc}", err=True)
        finally:  # what the run left out or changed (generator.core.notices), after its own messages
            for warning in take_warnings():
                click.echo(str(warning), err=True)
        sys.exit(1)

    return wrapper  # type: ignore[return-value]


def annotation(error: DataError) -> str:
    """``error`` as a GitHub Actions workflow command, shown on the offending file and line of a pull
    request (printed besides the plain line when ``GITHUB_ACTIONS`` is ``true``)."""
    path = error.path
    if os.path.isabs(path):  # relative to the checkout, where GitHub finds the file
        relative = os.path.relpath(path)
        path = path if relative.startswith("..") else relative
    where = f"file={_property(path)},line={error.line},title={_property(error.key or 'dữ liệu')}"
    return f"::error {where}::{_data(error.message)}"


URL_VARIABLE = "CONGKHAI_URL"
"""The environment variable that gives ``congkhai build`` the site's address (``--url``)."""


def site_address(value: str | None) -> str | None:
    """``--url``: an absolute ``https://`` address with a host (``http://`` only for this machine), no
    query, fragment or file name, ending with ``/`` (added when missing); ``None`` when not given (or
    given empty)."""
    if not value:
        return None
    try:
        address = str(TypeAdapter(HttpUrl).validate_python(value))
    except ValidationError as exc:
        problem = exc.errors()[0]
        message = str(problem["msg"]).removeprefix("Value error, ")
        if problem["type"] == "string_pattern_mismatch":
            message = f"«{value}»: phải là địa chỉ đầy đủ, ví dụ https://tthc.example.gov.vn/"
        raise click.BadParameter(message) from None
    parts = urlsplit(address)
    if parts.query or parts.fragment or value.rstrip().endswith(("?", "#")):
        raise click.BadParameter(f"«{value}»: địa chỉ trang không được có phần «?…» hay «#…»")
    if "." in parts.path.rsplit("/", 1)[-1]:
        raise click.BadParameter(f"«{value}»: phải là địa chỉ thư mục của trang, không phải một tệp")
    if parts.scheme != "https" and parts.hostname not in LOCAL_HOSTS:
        raise click.BadParameter(f"«{value}»: trang xuất bản phải dùng https:// (http:// chỉ cho máy này)")
    return address if address.endswith("/") else address + "/"


LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
"""The hosts ``--url`` accepts over plain ``http://``: this machine's own previews."""


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class _Told(click.ClickException):
    """A click error already worded as one Vietnamese line (:func:`~generator.core.usage.usage_message`),
    shown as it is: no English «Usage:», «Try … for help.» or «Error:» around it. Exit code 2, click's
    for a command line it cannot use."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        """Print the line on standard error."""
        click.echo(self.message, err=True)


def _told(exc: click.ClickException, ctx: click.Context | None = None) -> click.ClickException:
    """``exc`` worded in Vietnamese, its help hint naming the command being run in ``ctx`` when click
    gave the error none; the help that click shows for a bare group, and a line already worded, as they
    are."""
    if isinstance(exc, _Told | click.exceptions.NoArgsIsHelpError):
        return exc
    command = None
    if ctx is not None:
        command = " ".join(filter(None, [ctx.command_path, ctx.invoked_subcommand]))
    return _Told(usage_message(exc, command))


class _Guarded(click.Group):
    """The command group: a usage error is one Vietnamese line (exit 2, as click's); a disk condition
    or an unexpected exception ends in one line, not a traceback (exit 1)."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        """The group's context; an error in the group's own options worded in Vietnamese."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as exc:
            raise _told(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            raise _told(exc, ctx) from None
        except click.exceptions.Abort:
            click.echo("Đã dừng theo yêu cầu; trang đang chạy được giữ nguyên.", err=True)
            raise click.exceptions.Exit(1) from None
        except click.exceptions.Exit:
            raise
        except KeyboardInterrupt:
            click.echo("Đã dừng theo yêu cầu; trang đang chạy được giữ nguyên.", err=True)
            raise click.exceptions.Exit(130) from None
        except OSError as exc:
            click.echo(disk_message(exc) or unexpected_message(exc), err=True)
        except Exception as exc:
            click.echo(unexpected_message(exc), err=True)
        raise click.exceptions.Exit(1)


@click.group(cls=_Guarded, name="congkhai")
@click.version_option(package_name="congkhai", message=VERSION_MESSAGE, help=VERSION_HELP)
def main() -> None:
    """Công khai thủ tục hành chính: kiểm tra dữ liệu YAML và xuất bản trang tĩnh."""


STAGES = {
    "generate": "dữ liệu",
    "mkdocs": "MkDocs",
    "search": "chỉ mục tìm kiếm",
    "offline": "bản ngoại tuyến",
}
"""How the build message names the stages of :attr:`~generator.site.BuildReport.seconds`."""


@main.command()
@content_option
@reports_errors
def check(content: Path) -> None:
    """Kiểm tra toàn bộ dữ liệu; in mọi lỗi cùng lúc."""
    catalog = site.check(content)
    for path in format_content(content, catalog.datasets, write=False).changed:
        warn(
            path, 1, "", f"{NOT_IN_LAYOUT}; chạy «congkhai fmt» để sửa (chỉ đổi cách viết, không đổi dữ liệu)"
        )
    sizes = [(len(catalog.summaries(d.name)), d.noun) for d in catalog.datasets]
    counts = [f"{n} {noun}" for i, (n, noun) in enumerate(sizes) if n or i == 0]  # datasets present
    click.echo(f"Dữ liệu hợp lệ: {', '.join(counts)}, {len(catalog.sectors)} lĩnh vực.")


NOT_IN_LAYOUT = "chưa viết theo bố cục chuẩn"
"""What ``check`` and ``fmt --check`` say of a file that ``congkhai fmt`` would rewrite."""


@main.command()
@content_option
@click.option(
    "--check", "only_check", is_flag=True, help="Chỉ liệt kê tệp chưa đúng bố cục (mã thoát 1), không sửa."
)
def fmt(content: Path, only_check: bool) -> None:
    """Viết lại mọi tệp YAML theo bố cục chuẩn (thứ tự trường, thụt lề, dấu nháy), giữ chú thích."""
    done = format_content(content, published(DATASETS, content), write=not only_check)
    for path in done.unreadable:
        click.echo(f"{path}:1: cảnh báo: không đọc được tệp YAML, bỏ qua (chạy «congkhai check» để xem lỗi)")
    if only_check:
        for path in done.changed:
            click.echo(f"{path}:1: {NOT_IN_LAYOUT}")
        if done.changed:
            click.echo(f"{len(done.changed)}/{done.total} tệp chưa đúng bố cục; chạy «congkhai fmt» để sửa.")
            sys.exit(1)
        click.echo(f"Mọi tệp YAML ({done.total}) đã đúng bố cục chuẩn.")
        return
    for path in done.changed:
        click.echo(f"Đã viết lại: {path}")
    click.echo(f"Đã viết lại {len(done.changed)}/{done.total} tệp YAML theo bố cục chuẩn.")


@main.command()
@content_option
@click.option(
    "--base",
    default="origin/main",
    show_default=True,
    metavar="NHÁNH",
    help="Nhánh hoặc commit để so sánh (bản nháp tách ra từ đó).",
)
@reports_errors
def changes(content: Path, base: str) -> None:
    """In (Markdown) các hồ sơ đã đổi so với NHÁNH, kết quả kiểm tra và các trang công khai bị ảnh hưởng."""
    click.echo(change_report(content, base, published(DATASETS, content)), nl=False)


@main.command()
@content_option
@path_option("--out", "site", "Thư mục xuất bản.")
@config_option
@work_option("build/ cạnh tệp cấu hình")
@click.option(
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Số tiến trình dựng trang (0: theo số nhân CPU; chỉ dùng nhiều tiến trình khi có nhiều trang).",
)
@click.option(
    "--cms-repo",
    default=None,
    metavar="CHỦ/TÊN-KHO",
    help="Kho GitHub mà trình soạn thảo /admin/ ghi vào (mặc định: biến GITHUB_REPOSITORY của GitHub "
    "Actions).",
)
@click.option(
    "--offline",
    is_flag=True,
    help="Ghi thêm bản ngoại tuyến <thư mục xuất bản>-offline.zip, mở được từ ổ đĩa (file://).",
)
@click.option(
    TAKE_OVER,
    "take_over",
    is_flag=True,
    help="Nhận thư mục xuất bản hoặc thư mục làm việc do congkhai cũ tạo (chưa có tệp .congkhai): chuyển "
    "nguyên thư mục đó sang <tên>.ban-cu bên cạnh, không xoá gì.",
)
@click.option(
    "--url",
    "site_url",
    envvar=URL_VARIABLE,
    callback=lambda ctx, param, value: site_address(value),
    metavar="ĐỊA-CHỈ",
    help="Địa chỉ công khai của trang (mã QR, nguồn tin, sơ đồ trang, liên kết chuẩn, dữ liệu mở), thay "
    f"url_trang của site.yml; mặc định: biến {URL_VARIABLE} (GitHub Actions lấy từ GitHub Pages).",
)
@click.option(
    "--cms-local",
    is_flag=True,
    help="Cho trình soạn thảo /admin/ ghi vào bản sao trên máy này qua decap-server (make cms); chỉ để "
    "thử trên máy, đừng xuất bản bản dựng này.",
)
@reports_errors
def build(
    content: Path,
    out: Path,
    config: Path,
    work: Path,
    jobs: int,
    cms_repo: str | None,
    offline: bool,
    take_over: bool,
    cms_local: bool,
    site_url: str | None,
) -> None:
    """Kiểm tra dữ liệu và xây dựng trang vào thư mục xuất bản."""
    work = work or default_work(config)
    report = site.build(
        content,
        out,
        config,
        work,
        jobs,
        cms_repo=cms_repo,
        offline=offline,
        take_over=take_over,
        cms_local=cms_local,
        site_url=site_url,
    )
    stages = ", ".join(f"{STAGES[name]} {seconds:.1f} s" for name, seconds in report.seconds.items())
    details = f"phiên bản {report.version}; {len(report.written)} tệp thay đổi; {stages}"
    click.echo(f"Đã xuất bản {report.pages} tệp vào {out}/ ({details}).")
    for moved in report.moved_aside:
        click.echo(f"Thư mục congkhai cũ được chuyển nguyên sang {moved} (không xoá gì; xoá khi không cần).")
    if offline:
        click.echo(f"Bản ngoại tuyến: {site.offline_path(out)} (giải nén, mở index.html).")


@main.command()
@path_option("--out", "site", "Thư mục xuất bản (liên kết tới phiên bản đang chạy).")
@reports_errors
def rollback(out: Path) -> None:
    """Quay lại phiên bản xuất bản trước (chạy lần nữa để trở lại)."""
    output = Output.at(out)
    now, was = roll_back(output)
    click.echo(
        f"Đã quay lại phiên bản {now}: {out} → {output.versions.name}/{now}. "
        f"Phiên bản vừa thay ({was}) được giữ; chạy lại lệnh này để trở về nó."
    )


@main.command()
@path_option("--out", "site", "Thư mục xuất bản (liên kết tới phiên bản đang chạy).")
@config_option
@work_option("build/ cạnh tệp cấu hình")
@reports_errors
def clean(out: Path, config: Path, work: Path | None) -> None:
    """Xoá những gì congkhai tạo ra (thư mục làm việc, trang xuất bản và các phiên bản, bản ngoại tuyến),
    chỉ khi có dấu của congkhai; giữ nguyên mọi thứ khác."""
    done = clean_project(out, config, work or default_work(config))
    removed = ", ".join(f"«{path}»" for path in done.removed)
    click.echo(f"Đã xoá {removed}." if removed else "Không có gì do congkhai tạo để xoá.")
    for path, reason in done.kept:
        click.echo(f"Giữ «{path}»: {reason}.")


@main.command()
@content_option
@config_option
@work_option("một thư mục tạm, xoá khi dừng")
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Địa chỉ máy chủ xem trước.")
@reports_errors
def serve(content: Path, config: Path, work: Path | None, dev_addr: str) -> None:
    """Xem trước trang; sửa một tệp YAML là trình duyệt tự cập nhật."""
    from generator.build.preview import serve as preview

    preview(content, config, work, dev_addr)


@main.command()
@path_option("--out", "content/schema", "Thư mục ghi các tệp JSON Schema.")
def schema(out: Path) -> None:
    """Ghi JSON Schema của từng loại hồ sơ (để trình soạn thảo kiểm tra khi nhập)."""
    out.mkdir(parents=True, exist_ok=True)
    for name, text in schema_files(DATASETS).items():
        (out / f"{name}.schema.json").write_text(text, encoding="utf-8")
        click.echo(f"{out / name}.schema.json")


from generator.importer.commands import import_command, review_command  # noqa: E402

main.add_command(import_command, "import")
main.add_command(review_command, "review")
localise(main)  # after every command is added: their help in Vietnamese
