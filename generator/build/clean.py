"""``congkhai clean``: remove what congkhai made for a project, and nothing else.

What a build makes: the work folder (``build/`` beside ``mkdocs.yml`` unless ``--work``), the output
(``site``, a symlink to a version) with its versions folder (``site.versions/``), and the offline copy
(``site-offline.zip``). Each is removed only when it is congkhai's by the same rules as a build's
(:mod:`generator.build.paths`): a folder carrying the marker, an output that is a symlink into its
marked versions folder, a zip holding the offline search. A folder that is, holds or lies inside
another output's versions folder is refused, as a build refuses it. Anything else with those names
(``site.backup-2024/``, an unmarked ``build/``) is kept and said so. Everything is checked, and the
folders' locks taken, before anything is removed: a build running there stops the clean.
"""

from __future__ import annotations

import os
import re
import shutil
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from generator.build import paths
from generator.build.offline import made_offline
from generator.build.paths import MARKER, WORK_ROLE
from generator.build.pipeline import offline_path
from generator.build.publish import PREVIOUS, ROLE, STAGING, SWITCH, Output


@dataclass(frozen=True)
class Cleaned:
    """What :func:`clean` removed, and what it kept (each with why)."""

    removed: list[Path] = field(default_factory=list)
    kept: list[tuple[Path, str]] = field(default_factory=list)


def clean(out: Path, config_file: Path, work: Path) -> Cleaned:
    """Remove the work folder ``work``, the output ``out`` with its versions and its offline copy, each
    only when congkhai made it; what was removed and kept."""
    paths.check_config(config_file)
    result = Cleaned()
    output = Output.at(out)
    if not output.link.name:
        raise paths.refuse(output.link, ROLE, "đó là thư mục gốc")
    doomed = _work(paths.located(work), result) + _output(output, result)
    _offline(offline_path(output.link), doomed, result)
    with ExitStack() as locks:
        for folder in doomed:
            if paths.marked(folder):
                locks.enter_context(paths.hold(folder, _busy(folder)))
        for path in doomed:
            _remove(path)
    result.removed.extend(doomed)
    return result


WORK_ENTRIES = re.compile(rf"{re.escape(MARKER)}|{re.escape(paths.LOCK)}|docs")
"""What congkhai makes at the top of a work folder."""
VERSIONS_ENTRIES = re.compile(
    rf"{re.escape(MARKER)}|{re.escape(paths.LOCK)}|{PREVIOUS}|\d{{8}}-\d{{6}}-[0-9a-f]+"
    rf"|{re.escape(STAGING)}.*|{re.escape(SWITCH)}.*"
)
"""What congkhai makes at the top of a versions folder: the marker, the lock, the versions, the link to
the previous one, a build's staging folder, a new link before it is switched."""


def _foreign(folder: Path, ours: re.Pattern[str], result: Cleaned) -> bool:
    """Whether ``folder`` holds, at its top, a file or folder congkhai does not make there (then it is kept,
    and the reason noted: a user's notes put beside the versions are not congkhai's to delete)."""
    others = sorted(entry.name for entry in folder.iterdir() if not ours.fullmatch(entry.name))
    if others:
        shown = ", ".join(f"«{name}»" for name in others[:3]) + (" …" if len(others) > 3 else "")
        _keep(folder, f"có {shown} không do congkhai tạo; chuyển đi rồi chạy lại", result)
    return bool(others)


def _work(work: Path, result: Cleaned) -> list[Path]:
    """The work folder, to remove when marked (and apart from every output's versions) and holding only
    what congkhai makes there."""
    if not paths.marked(work):
        _keep(work, f"không do congkhai tạo (thiếu tệp {MARKER})", result)
        return []
    paths.check_apart_from_others(work, WORK_ROLE)
    paths.check_holds_no_versions(work, WORK_ROLE)
    return [] if _foreign(work, WORK_ENTRIES, result) else [work]


def _output(output: Output, result: Cleaned) -> list[Path]:
    """The output and its versions folder, to remove when the output is a symlink into its marked
    versions folder (or missing, beside a marked versions folder)."""
    versions_ours = paths.marked(output.versions)
    if versions_ours:
        paths.check_apart_from_others(output.versions, ROLE, itself=False)
        if _foreign(output.versions, VERSIONS_ENTRIES, result):
            return []
    if versions_ours and output.live() is not None:
        return [output.link, output.versions]
    if versions_ours and not os.path.lexists(output.link):
        return [output.versions]
    _keep(
        output.link, f"không phải liên kết congkhai tạo tới một phiên bản trong «{output.versions}»", result
    )
    if versions_ours:
        _keep(output.versions, f"«{output.link}» không phải liên kết congkhai tạo tới nó", result)
    else:
        _keep(output.versions, f"không do congkhai tạo (thiếu tệp {MARKER})", result)
    return []


def _offline(zipped: Path, doomed: list[Path], result: Cleaned) -> None:
    """The offline copy, to remove when congkhai wrote it."""
    if made_offline(zipped):
        doomed.append(zipped)
    else:
        _keep(zipped, "không phải bản ngoại tuyến congkhai tạo", result)


def _keep(path: Path, reason: str, result: Cleaned) -> None:
    """Note that ``path``, when it exists, is kept for ``reason``."""
    if os.path.lexists(path):
        result.kept.append((path, reason))


def _busy(folder: Path) -> str:
    return f"một lệnh congkhai khác đang dùng «{folder}»; chờ nó xong rồi chạy lại (chưa xoá gì)."


def _remove(path: Path) -> None:
    """Remove the symlink or file ``path``, or the folder ``path`` with all it holds."""
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path)
