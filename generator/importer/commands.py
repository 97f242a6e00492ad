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
from generator.importer.run import REGISTER_OPTION, import_records
from generator.procedures.model import LEVELS

sources_argument = click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
cap_option = click.option(
    "--cap",
    type=click.Choice(sorted(LEVELS)),
    help="Chỉ lấy thủ tục có cấp thực hiện này (ví dụ: tinh).",
)
RATE_LABELS = {
    "cach_thuc": "cách thức thực hiện: hàng đọc được thời hạn",
    "phi_le_phi": "phí, lệ phí: ô đọc được số tiền",
    "thanh_phan_ho_so": "thành phần hồ sơ: bảng tách được giấy tờ",
    "can_cu_phap_ly": "căn cứ pháp lý: văn bản có số hiệu",
    "ket_qua": "kết quả: kết quả có mã KQ đọc được mã",
}
EXIT_SKIPPED = 3
"""Exit code of an import that wrote what it could but skipped some records."""
IMPORT_HELP = """Nhập bản ghi JSON và danh sách XLSX của Cổng Dịch vụ công quốc gia (SOURCES: tệp, thư mục).

\b
Mọi bản ghi hợp lệ được ghi; bản ghi không thể làm hợp lệ (không có mã, không có tên, lĩnh vực chưa có…)
bị bỏ qua và được liệt kê cùng lý do. Giá trị không đọc được được giữ nguyên văn và báo là cảnh báo. Bản
ghi không ghi cấp thực hiện lấy cấp từ tên cơ quan thực hiện khi tên cho biết cấp («Sở …» là cấp tỉnh),
nếu không thì vẫn được nhập với «Không có thông tin». Số điện thoại, thư điện tử in trong bản ghi quốc
gia được ghi vào cong-khai-duoc-phep.yml kèm mã thủ tục. Cuối cùng in báo cáo cho từng thư mục nguồn.

\b
Mã thoát:
  0  mọi bản ghi được chọn đã được nhập
  1  lỗi của lần chạy (nguồn không có, linh-vuc.yml hỏng…): chưa ghi tệp nào
  2  dòng lệnh sai (tùy chọn không hợp lệ)
  3  đã nhập các bản ghi hợp lệ, có bản ghi bị bỏ qua (xem danh sách)
"""


@click.group("import")
def import_command() -> None:
    """Nhập thủ tục hành chính từ nguồn bên ngoài."""


@import_command.command("dvcqg", help=IMPORT_HELP)
@sources_argument
@path_option("--out", "content/thu-tuc", "Thư mục ghi các tệp thủ tục.")
@click.option(
    "--cap",
    "caps",
    multiple=True,
    type=click.Choice(sorted(LEVELS)),
    help="Chỉ lấy thủ tục có cấp thực hiện này (và thủ tục chưa rõ cấp); dùng nhiều lần để lấy nhiều cấp "
    "(--cap tinh --cap xa).",
)
@click.option(
    "--linh-vuc",
    "sector_maps",
    multiple=True,
    metavar="TÊN=MÃ",
    help="Gán tên lĩnh vực trên CSDL quốc gia cho một mã lĩnh vực (dùng nhiều lần được).",
)
@click.option(
    REGISTER_OPTION,
    "register",
    is_flag=True,
    help="Thêm vào linh-vuc.yml các lĩnh vực chưa có (tên như trên CSDL quốc gia, mã tạo từ tên).",
)
def dvcqg(
    sources: tuple[Path, ...], out: Path, caps: tuple[str, ...], sector_maps: tuple[str, ...], register: bool
) -> None:
    try:
        report = import_records(
            list(sources), out, cap=caps, sectors=_sector_maps(sector_maps), register=register
        )
    except CongkhaiError as exc:
        _fail(exc, "chưa ghi tệp nào")
    for warning in [*report.source_warnings, *map(str, report.warnings)]:
        click.echo(f"cảnh báo: {warning}", err=True)
    if report.listed_only:
        click.echo(
            f"cảnh báo: {len(report.listed_only)} thủ tục có trong danh sách XLSX nhưng không có bản ghi "
            f"chi tiết (JSON) nên chưa được nhập: {', '.join(report.listed_only)}",
            err=True,
        )
    for skipped in report.rejected:
        click.echo(f"bỏ qua: {skipped}", err=True)
    click.echo(_summary(report, out))
    if report.rejected:
        sys.exit(EXIT_SKIPPED)


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
    lines = []
    for folder, part in sorted(report.folders.items()):
        lines.append(
            f"Nguồn {folder}: {part.imported} thủ tục nhập được, {part.skipped} bỏ qua (lỗi), "
            f"{part.filtered} khác cấp, {sum(part.warnings.values())} cảnh báo"
        )
        if part.warnings:
            by_field = ", ".join(
                f"{name} {n}" for name, n in sorted(part.warnings.items(), key=lambda i: (-i[1], i[0]))
            )
            lines.append(f"  cảnh báo theo trường: {by_field}")
        lines += _shares(part.tally.counts())
    for slug, name in report.added_sectors:
        lines.append(f"Đã thêm lĩnh vực vào linh-vuc.yml: {slug} ({name})")
    if report.contacts:
        lines.append(_contacts_line(report))
    lines.append(
        f"Đã nhập {len(report.imported)} thủ tục vào {out}/: {len(report.written)} tệp mới hoặc thay đổi, "
        f"{len(report.unchanged)} tệp không đổi, {len(report.rejected)} thủ tục bỏ qua vì lỗi, "
        f"{len(report.skipped)} thủ tục khác cấp, {len(report.warnings)} cảnh báo{not_imported}."
    )
    if len(report.folders) > 1:
        lines.append("  Tất cả các nguồn:")
        lines += _shares(report.tally.counts())
    return "\n".join(lines)


def _contacts_line(report: ImportReport) -> str:
    """How many contacts printed in the national records were allowed, and from which procedures."""
    contacts = {value for value, _ in report.contacts}
    codes = sorted({code for _, code in report.contacts})
    return (
        f"Đã ghi {len(contacts)} liên hệ in trong bản ghi quốc gia vào {report.contacts_file} (được phép "
        f"công khai), từ {len(codes)} thủ tục: {', '.join(codes)}"
    )


def _shares(counts: dict[str, tuple[int, int]]) -> list[str]:
    """The structured share of each table, one line each."""
    lines = []
    for key, (part, whole) in counts.items():
        rate = part / whole if whole else 1.0
        lines.append(f"  {RATE_LABELS[key]}: {rate:.1%} ({part}/{whole})")
    return lines


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
