"""``congkhai import dvcqg`` and ``congkhai review``: the only importer code that prints or exits."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from generator.core.errors import CongkhaiError, DataErrors
from generator.core.options import path_option
from generator.importer.report import ImportErrors, ImportReport
from generator.importer.review import review, review_json, review_text
from generator.importer.run import import_records
from generator.procedures.model import LEVELS

sources_argument = click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
cap_option = click.option(
    "--cap",
    type=click.Choice(sorted(LEVELS)),
    help="Chỉ lấy thủ tục có cấp thực hiện này (ví dụ: tinh).",
)
RATE_LABELS = {
    "cach_thuc": "hàng cách thức thực hiện đọc được thời hạn và phí",
    "thanh_phan_ho_so": "bảng thành phần hồ sơ tách được giấy tờ",
    "can_cu_phap_ly": "căn cứ pháp lý có số hiệu",
    "ket_qua": "kết quả có mã KQ đọc được mã",
}


@click.group("import")
def import_command() -> None:
    """Nhập thủ tục hành chính từ nguồn bên ngoài."""


@import_command.command("dvcqg")
@sources_argument
@path_option("--out", "content/thu-tuc", "Thư mục ghi các tệp thủ tục.")
@cap_option
@click.option(
    "--linh-vuc",
    "sector_maps",
    multiple=True,
    metavar="TÊN=MÃ",
    help="Gán tên lĩnh vực trên CSDL quốc gia cho một mã lĩnh vực (dùng nhiều lần được).",
)
def dvcqg(sources: tuple[Path, ...], out: Path, cap: str | None, sector_maps: tuple[str, ...]) -> None:
    """Nhập bản ghi JSON và danh sách XLSX của Cổng Dịch vụ công quốc gia (SOURCES: tệp hoặc thư mục)."""
    try:
        report = import_records(list(sources), out, cap=cap, sectors=_sector_maps(sector_maps))
    except CongkhaiError as exc:
        _fail(exc, "chưa ghi tệp nào")
    for warning in report.warnings:
        click.echo(f"cảnh báo: {warning}", err=True)
    if report.listed_only:
        click.echo(
            f"cảnh báo: {len(report.listed_only)} thủ tục có trong danh sách XLSX nhưng không có bản ghi "
            f"chi tiết (JSON) nên chưa được nhập: {', '.join(report.listed_only)}",
            err=True,
        )
    click.echo(_summary(report, out))


def _sector_maps(values: tuple[str, ...]) -> dict[str, str]:
    maps = {}
    for value in values:
        name, sep, slug = value.partition("=")
        if not sep or not name.strip() or not slug.strip():
            raise click.BadParameter(f"«{value}»: cần dạng TÊN=MÃ, ví dụ «Nông nghiệp=nong-nghiep»")
        maps[name.strip()] = slug.strip()
    return maps


def _summary(report: ImportReport, out: Path) -> str:
    listed_only = len(report.listed_only)
    not_imported = f", {listed_only} thủ tục chỉ có trong danh sách XLSX (chưa nhập)" if listed_only else ""
    lines = [
        f"Đã nhập {len(report.imported)} thủ tục vào {out}/: {len(report.written)} tệp mới hoặc thay đổi, "
        f"{len(report.unchanged)} tệp không đổi, {len(report.skipped)} thủ tục bỏ qua (khác cấp), "
        f"{len(report.warnings)} cảnh báo{not_imported}."
    ]
    for key, rate in report.tally.rates().items():
        lines.append(f"  {RATE_LABELS[key]}: {rate:.1%}")
    return "\n".join(lines)


@click.command("review")
@sources_argument
@path_option("--content", "content", "Thư mục nội dung (có thu-tuc/ và linh-vuc.yml).")
@cap_option
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON (cho CI).")
def review_command(sources: tuple[Path, ...], content: Path, cap: str | None, as_json: bool) -> None:
    """So sánh thủ tục trên trang với CSDL quốc gia; thoát với mã 1 khi có khác biệt."""
    try:
        result = review(list(sources), content, cap=cap)
    except CongkhaiError as exc:
        _fail(exc, "chưa so sánh được")
    click.echo(review_json(result) if as_json else review_text(result))
    sys.exit(0 if result.clean else 1)


def _fail(exc: CongkhaiError, outcome: str) -> NoReturn:
    if isinstance(exc, ImportErrors):
        lines = exc.problems
    elif isinstance(exc, DataErrors):
        lines = [str(e) for e in exc.errors]
    else:
        lines = [str(exc)]
    for line in lines:
        click.echo(line, err=True)
    click.echo(f"{len(lines)} lỗi; {outcome}.", err=True)
    sys.exit(1)
