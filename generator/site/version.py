"""The content version every page, JSON and CSV file names, so that a citizen can cite what they read.

In a git repository it is the last commit that changed the content folder (its short hash and date),
marked when the folder holds changes not yet committed; without git it is the latest update date of the
records (what ``SOURCE_DATE_EPOCH`` defaults to). Each record's own JSON names the commit only: without
git it names nothing, as its file is made before every record's date is known in a shared build.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date

from generator.core.gitlog import Commit


@dataclass(frozen=True)
class ContentVersion:
    """Which content a build was made from."""

    commit: str | None
    """The full hash of the last commit that changed the content folder; ``None`` without git."""
    day: date | None
    """That commit's date, or the build's date without git."""
    dirty: bool = False
    """The content folder holds changes not yet committed."""

    @property
    def short(self) -> str:
        """The commit's short hash (empty without git)."""
        return self.commit[:7] if self.commit else ""

    @property
    def label(self) -> str:
        """The version as the CSV files and the JSON name it: ``c9f573c 2026-11-25``, ``2026-11-25``."""
        parts = [self.short, self.day.isoformat() if self.day else ""]
        label = " ".join(p for p in parts if p) or "không rõ"
        return label + (" (có thay đổi chưa commit)" if self.dirty else "")

    @property
    def text(self) -> str:
        """The version as a page's footer says it, in Vietnamese."""
        day = f"{self.day.day:02d}/{self.day.month:02d}/{self.day.year}" if self.day else ""
        if self.commit:
            text = f"Phiên bản nội dung {self.short}, ngày {day}"
        else:
            text = f"Phiên bản nội dung ngày {day}" if day else "Phiên bản nội dung không rõ"
        return text + (" (có thay đổi chưa commit)" if self.dirty else "")

    def as_json(self) -> dict[str, str]:
        """The version in the JSON files: ``{"commit": …, "ngay": …}``."""
        found = {"commit": self.commit or "", "ngay": self.day.isoformat() if self.day else ""}
        return {key: value for key, value in found.items() if value} | (
            {"chua_commit": "có"} if self.dirty else {}
        )

    def dated(self, day: date) -> ContentVersion:
        """This version as stated on ``day`` (the build's one date, which a commit's date defaults to)."""
        return ContentVersion(self.commit, day, self.dirty)


def of_commit(commit: Commit | None, dirty: bool = False) -> ContentVersion:
    """The version of the content at ``commit`` (``None``: no git)."""
    if commit is None:
        return ContentVersion(None, None)
    return ContentVersion(commit.sha, commit.when.astimezone(UTC).date(), dirty)
