"""The git history of a content folder, read once per build: which commits changed which record file,
and the file's bytes at any of them.

One ``git log --raw`` over the whole folder lists every commit and the blob of every file it changed
(renames followed with ``-M``); blobs are then read on demand through one ``git cat-file --batch``
process per build process. Running ``git log --follow`` once per file instead would start thousands of
processes at 5,000 records. Without git (no repository, git missing, a shallow clone with no history)
every function answers "nothing known", and the build says less. A shallow clone's history is read
but marked (:attr:`FolderHistory.shallow`): the site then tells its content version only.

Dulwich and GitPython were not used: GitPython runs the same git commands, and reading the log and the
blobs this way costs one process each whatever the number of files.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

_NULL_BLOB = "0" * 40
_RECORD = "\x1e"
_UNIT = "\x1f"


@dataclass(frozen=True)
class Commit:
    """One commit: its hash, date (the committer's) and subject."""

    sha: str
    when: datetime
    subject: str


@dataclass(frozen=True)
class Revision:
    """One version of a file: the commit that made it and the file's blob then (``None``: deleted)."""

    commit: Commit
    blob: str | None


@dataclass
class FolderHistory:
    """Every committed version of every file under a folder, newest first, by path relative to it."""

    folder: Path
    files: Mapping[str, list[Revision]] = field(default_factory=dict)
    last: Commit | None = None
    """The last commit that changed the folder."""
    dirty: bool = False
    """The folder holds changes not committed."""
    shallow: bool = False
    """The repository is a shallow clone: the history stops at its boundary commit, which would look like
    every file's first version."""
    _reader: _BlobReader | None = field(default=None, repr=False, compare=False)
    _stems: dict[str, dict[str, str]] = field(default_factory=dict, repr=False, compare=False)

    def revisions(self, path: str) -> list[Revision]:
        """The versions of the file ``path`` (relative to the folder), newest first; empty if unknown."""
        return self.files.get(path, [])

    def blob(self, sha: str) -> bytes | None:
        """The bytes of the blob ``sha``, or ``None`` when git cannot give them."""
        if self._reader is None or self._reader.pid != os.getpid():
            self._reader = _BlobReader(self.folder)
        return self._reader.read(sha)

    def by_stem(self, prefix: str) -> dict[str, str]:
        """The files under ``prefix`` (a folder of the folder, ending with ``/``) by name without suffix;
        the first in order where two share a name."""
        if prefix not in self._stems:
            found: dict[str, str] = {}
            for path in sorted(self.files):
                if path.startswith(prefix):
                    found.setdefault(os.path.splitext(os.path.basename(path))[0], path)
            self._stems[prefix] = found
        return self._stems[prefix]

    def __getstate__(self) -> dict[str, object]:
        """Everything but the blob reader (a process of this process's own)."""
        return {**self.__dict__, "_reader": None}


def read_history(folder: Path) -> FolderHistory:
    """The history of ``folder``: empty when it is not in a git repository with history."""
    history = FolderHistory(folder)
    log_format = f"--format={_RECORD}%H{_UNIT}%cI{_UNIT}%s"
    out = _git(folder, "log", "-M", "--raw", "--no-abbrev", "--relative", log_format, "--", ".")
    if out is None:
        return history
    files: dict[str, list[Revision]] = {}
    renamed: dict[str, str] = {}  # a later path by its earlier one, while reading back in time
    for chunk in out.split(_RECORD)[1:]:
        head, _, raw = chunk.partition("\n")
        sha, when, subject = head.split(_UNIT, 2)
        commit = Commit(sha, datetime.fromisoformat(when), subject)
        history.last = history.last or commit
        for line in raw.splitlines():
            if not line.startswith(":"):
                continue
            meta, *paths = line.split("\t")
            new_blob, status = meta.split()[3], meta.split()[4]
            path = paths[-1]
            current = renamed.get(path, path)
            blob = None if status.startswith("D") or new_blob == _NULL_BLOB else new_blob
            files.setdefault(current, []).append(Revision(commit, blob))
            if status.startswith("R"):
                renamed[paths[0]] = current
    history.files = files
    history.dirty = bool(_git(folder, "status", "--porcelain", "--untracked-files=normal", "--", "."))
    history.shallow = (_git(folder, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    return history


def _git(folder: Path, *args: str) -> str | None:
    """The output of ``git args`` run in ``folder``; ``None`` when git fails or is missing."""
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=false", *args],
            cwd=folder,
            capture_output=True,
            check=False,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"},
        )
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", errors="replace")


class _BlobReader:
    """One ``git cat-file --batch`` process of this build process, reading blobs by hash."""

    def __init__(self, folder: Path) -> None:
        self.pid = os.getpid()
        try:
            self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
                ["git", "cat-file", "--batch"],
                cwd=folder,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            self._process = None

    def read(self, sha: str) -> bytes | None:
        process = self._process
        if process is None or process.stdin is None or process.stdout is None:
            return None
        process.stdin.write(sha.encode("ascii") + b"\n")
        process.stdin.flush()
        header = process.stdout.readline().split()
        if len(header) != 3:
            return None
        data = process.stdout.read(int(header[2]) + 1)
        return data[:-1]

    def close(self) -> None:
        """End the process (in the process that started it) and close its pipes."""
        process, self._process = self._process, None
        if process is None:
            return
        for pipe in (process.stdin, process.stdout):
            if pipe is not None:
                pipe.close()
        if self.pid == os.getpid():
            process.wait()

    def __del__(self) -> None:
        self.close()
