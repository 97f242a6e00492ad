"""``congkhai changes --base REF``: what a draft changes, for its reviewer, as Markdown.

The records whose files changed since the draft left ``REF`` (``git merge-base``; uncommitted changes
included), the public pages each one makes (the record's page, its JSON), the result of ``check`` on the
whole content and the files not in the content layout. GitHub Actions writes it into a pull request's
run summary (``$GITHUB_STEP_SUMMARY``).
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.build.fmt import content_orders, format_content
from generator.core.errors import CongkhaiError, DataError, DataErrors
from generator.site.catalog import build_catalog
from generator.site.dataset import AnyDataset

STATUS = {"A": "thêm", "M": "sửa", "D": "xoá", "R": "đổi tên", "C": "chép", "T": "sửa"}
"""How git's change letters are told."""


@dataclass(frozen=True)
class Change:
    """One changed content file: how, what record of which dataset, and the public pages it makes."""

    path: str
    status: str
    record: str
    pages: tuple[str, ...]


def git(folder: Path, *args: str) -> str:
    """git's output in ``folder``; a failure is a :class:`CongkhaiError` worded for staff."""
    try:
        done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = (getattr(exc, "stderr", "") or str(exc)).strip().splitlines()
        raise CongkhaiError(f"git {' '.join(args)}: {detail[-1] if detail else 'lỗi'}") from exc
    return done.stdout


def public_address(docs_path: str) -> str:
    """The address of the page made from ``docs_path`` (``thu-tuc/1.000080.md`` → ``/thu-tuc/1.000080/``)."""
    stem = docs_path.removesuffix(".md")
    stem = stem.removesuffix("index").rstrip("/")
    return f"/{stem}/" if stem else "/"


def changed_files(content: Path, base: str) -> list[tuple[str, Path]]:
    """``(status letter, path)`` of every file under ``content`` changed since it left ``base``."""
    root = Path(git(content, "rev-parse", "--show-toplevel").strip())
    fork = git(content, "merge-base", base, "HEAD").strip()
    out = git(root, "diff", "--name-status", "-M", fork, "--", str(content.resolve().relative_to(root)))
    found: list[tuple[str, Path]] = []
    for line in out.splitlines():
        status, *paths = line.split("\t")
        found.append((status[:1], root / paths[-1]))
    untracked = git(root, "ls-files", "--others", "--exclude-standard", "--", str(content.resolve()))
    found += [("A", root / name) for name in untracked.splitlines()]
    return sorted(found, key=lambda item: str(item[1]))


def describe(content: Path, base: str, datasets: Sequence[AnyDataset]) -> list[Change]:
    """Each changed file under ``content``: its record and the pages it makes."""
    owners = {path.resolve(): d for d in datasets for path in d.files(content)}
    orders = content_orders(content, datasets)
    known = {p.resolve() for p in orders}
    changes: list[Change] = []
    for status, path in changed_files(content, base):
        shown = _shown(path, content)
        dataset: AnyDataset | None = owners.get(path.resolve()) or _owner_of_deleted(path, content, datasets)
        if dataset is not None:
            key = path.stem
            page = dataset.page_of(key)
            pages = ((public_address(page),) if page else ()) + (f"/{dataset.record_json_path(key)}",)
            record = f"{dataset.noun} «{key}»"
        elif path.suffix in (".yml", ".yaml") and (path.resolve() in known or status == "D"):
            record, pages = "tệp chung của trang", ("mọi trang",)
        elif path.suffix == ".md" and path.parent.name == "trang":
            record, pages = "trang viết tay", (public_address(path.name),)
        else:
            record, pages = "tệp khác", ()
        changes.append(Change(shown, STATUS.get(status, status), record, pages))
    return changes


def _owner_of_deleted(path: Path, content: Path, datasets: Sequence[AnyDataset]) -> AnyDataset | None:
    """The dataset whose folder held ``path`` (a record deleted has no file to be listed)."""
    if path.exists() or path.suffix not in (".yml", ".yaml"):
        return None
    try:
        parts = path.resolve().relative_to(content.resolve()).parts
    except ValueError:
        return None
    return next((d for d in datasets if len(parts) > 1 and parts[0] == d.name), None)


def _shown(path: Path, content: Path) -> str:
    try:
        return str(Path(content.name) / path.resolve().relative_to(content.resolve()))
    except ValueError:
        return str(path)


def report(content: Path, base: str, datasets: Sequence[AnyDataset]) -> str:
    """The Markdown review of the changes of ``content`` since ``base``."""
    changes = describe(content, base, datasets)
    lines = [f"## Thay đổi so với `{base}`", ""]
    if changes:
        lines += ["| Tệp | Thay đổi | Hồ sơ | Trang công khai bị ảnh hưởng |", "| --- | --- | --- | --- |"]
        for change in changes:
            pages = ", ".join(f"`{p}`" if p.startswith("/") else p for p in change.pages) or "—"
            cells = [f"`{change.path}`", change.status, change.record, pages]
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    else:
        lines.append("Không có tệp nội dung nào thay đổi.")
    lines += ["", "## Kiểm tra dữ liệu (`congkhai check`)", ""]
    errors: list[DataError] = []
    try:
        catalog = build_catalog(content, datasets)
        counts = ", ".join(f"{len(catalog.summaries(d.name))} {d.noun}" for d in catalog.datasets)
        lines.append(f"Dữ liệu hợp lệ: {counts}.")
    except DataErrors as exc:
        errors = exc.errors
    except DataError as exc:
        errors = [exc]
    if errors:
        lines += [f"**{len(errors)} lỗi** — sửa trước khi công bố:", "", "```text"]
        lines += [str(error).replace("```", "'''") for error in errors]
        lines.append("```")
    unformatted = format_content(content, datasets, write=False).changed
    lines += ["", "## Bố cục tệp (`congkhai fmt --check`)", ""]
    if unformatted:
        lines.append(f"{len(unformatted)} tệp chưa viết theo bố cục chuẩn (chạy `congkhai fmt`):")
        lines += [f"- `{_shown(path, content)}`" for path in unformatted]
    else:
        lines.append("Mọi tệp đã viết theo bố cục chuẩn.")
    return "\n".join(lines) + "\n"
