"""What changed in a record, and when: from the record's own milestones and from the git history of its
file, for every dataset alike.

A dataset says which facts of a record are worth comparing, each with its Vietnamese label
(:meth:`Dataset.history_fields <generator.site.dataset.Dataset.history_fields>`: the fee, the time, the
documents …), and which dated milestones the record itself holds
(:meth:`Dataset.milestones <generator.site.dataset.Dataset.milestones>`: the publication decisions).
Each committed version of the record's file (``content/<dataset>/<id>.yml``) is read from git and
compared with the one before; a change that comes with a new milestone is dated by it and names it,
else it is dated by its commit. The first version is listed as the record's publication on the site
(dated by its commit), after the milestones it already held (listed without details).
Without git, only the milestones are listed. A version that no longer validates (an older format) is
skipped.

The history is read once per build (:func:`generator.core.gitlog.read_history`); the versions of a file
are parsed only for that record's page (in the process that makes it), each blob once per process.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.core.gitlog import Commit, FolderHistory
from generator.core.records import load_bytes

if TYPE_CHECKING:
    from generator.site.catalog import Catalog
    from generator.site.dataset import AnyDataset

Value = str | tuple[str, ...]
"""A compared fact: one text, or a list of texts (documents, legal bases …)."""

MAX_VERSIONS = 30
"""The most versions of one file compared (the newest): older ones are summed up in one line."""

_PARSED: dict[tuple[str, type[Any]], Any] = {}
"""Records parsed from blobs, by blob and model: a blob's record never changes (kept across rebuilds)."""


@dataclass(frozen=True)
class Milestone:
    """A dated event the record itself holds (a publication decision)."""

    day: date | None
    title: str
    """What it did («Sửa đổi, bổ sung»)."""
    reference: str
    """What it is («Quyết định 1859/QĐ-BTP»)."""


@dataclass(frozen=True)
class FieldChange:
    """One fact that changed: its label and its old and new values."""

    label: str
    old: Value
    new: Value

    @property
    def removed(self) -> tuple[str, ...]:
        """For a list: the items no longer there."""
        old, new = _items(self.old), _items(self.new)
        return tuple(item for item in old if item not in new)

    @property
    def added(self) -> tuple[str, ...]:
        """For a list: the new items."""
        old, new = _items(self.old), _items(self.new)
        return tuple(item for item in new if item not in old)

    @property
    def is_list(self) -> bool:
        """The fact is a list (documents …): shown as items added and removed."""
        return isinstance(self.old, tuple) or isinstance(self.new, tuple)


def _items(value: Value) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else ((value,) if value else ())


@dataclass(frozen=True)
class Change:
    """One change of a record."""

    day: date | None
    title: str
    """What happened («Công bố mới», «Sửa đổi, bổ sung», «Cập nhật»)."""
    reference: str = ""
    """The milestone behind it («Quyết định 1859/QĐ-BTP»), if any."""
    commit: str = ""
    """The commit's short hash; empty for a milestone older than the history, or an uncommitted change."""
    fields: tuple[FieldChange, ...] = ()
    """What changed, when the versions before and after are known."""
    first: bool = False
    """The record's first version on the site."""


def record_path(history: FolderHistory, dataset: AnyDataset, key: str) -> str | None:
    """The path (relative to the content folder) of the file of the record ``key``: the dataset's file
    whose name is the record's id."""
    return history.by_stem(f"{dataset.name}/").get(key)


def record_day(catalog: Catalog, dataset: AnyDataset, summary: Any) -> date | None:
    """The date of a record: its own (:meth:`Dataset.updated`), else the day of the last commit that
    changed its file; ``None`` without either."""
    day = dataset.updated(summary)
    history = catalog.site.history
    if day is not None or history is None:
        return day
    path = record_path(history, dataset, dataset.key(summary))
    revisions = history.revisions(path) if path else []
    return revisions[0].commit.when.astimezone(UTC).date() if revisions else None


def latest_change(catalog: Catalog, dataset: AnyDataset, key: str) -> Change | None:
    """The newest change of the record ``key``, from its committed versions; ``None`` without git or
    when its file was never committed (or was deleted). Any process can tell: the record is read from
    git, not from the records this process holds."""
    history = catalog.site.history
    path = record_path(history, dataset, key) if history else None
    revisions = history.revisions(path) if history and path else []
    if not revisions or not revisions[0].blob:
        return None
    assert history is not None
    assert path is not None
    record = _parse(dataset, history, path, revisions[0].blob)
    changes = record_changes(dataset, record, history) if record is not None else []
    return changes[0] if changes else None


def record_changes(dataset: AnyDataset, record: Any, history: FolderHistory | None) -> list[Change]:
    """The changes of ``record``, newest first (see the module)."""
    milestones = sorted(dataset.milestones(record), key=_milestone_order)
    path = record_path(history, dataset, dataset.key(record)) if history else None
    revisions = history.revisions(path) if history and path else []
    if not revisions:
        return [_of_milestone(m) for m in reversed(milestones)]
    assert history is not None
    assert path is not None
    versions = _versions(dataset, record, history, path, revisions)
    changes: list[Change] = []
    seen: set[Milestone] = set()
    before: Any = None
    for commit, version in versions:
        now = set(dataset.milestones(version))
        new = sorted(now - seen if before is not None else now, key=_milestone_order)
        if before is None:  # the record's milestones until then, and its first publication here
            changes += [_of_milestone(m) for m in new]
            changes.append(_change(commit, None, (), first=True))
        else:
            fields = diff(dataset.history_fields(before), dataset.history_fields(version))
            if fields or new:
                changes.append(_change(commit, new[-1] if new else None, fields))
        seen |= now
        before = version
    order = sorted(range(len(changes)), key=lambda k: (changes[k].day or date.min, k), reverse=True)
    return [changes[k] for k in order]


def _versions(
    dataset: AnyDataset, record: Any, history: FolderHistory, path: str, revisions: list[Any]
) -> list[tuple[Commit | None, Any]]:
    """The record's versions, oldest first: each commit's that still validates, then the file as it is
    now when it differs from the last commit's (``None`` for its commit)."""
    versions: list[tuple[Commit | None, Any]] = []
    for k, revision in enumerate(reversed(revisions[:MAX_VERSIONS])):
        if revision.blob is None:
            versions = []  # deleted, then made again: its history starts anew
            continue
        newest = k == min(len(revisions), MAX_VERSIONS) - 1
        if newest and not history.dirty:
            versions.append((revision.commit, record))  # the file is as committed: no need to parse it
            continue
        version = _parse(dataset, history, path, revision.blob)
        if version is not None:
            versions.append((revision.commit, version))
    if versions and versions[-1][1] != record:
        versions.append((None, record))
    return versions


def _parse(dataset: AnyDataset, history: FolderHistory, path: str, blob: str) -> Any:
    key = (blob, dataset.model)
    if key not in _PARSED:
        raw = history.blob(blob)
        record = None
        if raw is not None:
            loaded, errors = load_bytes(Path(path), raw, dataset.model)
            record = loaded.record if loaded is not None and not errors else None
        _PARSED[key] = record
    return _PARSED[key]


def diff(old: dict[str, Value], new: dict[str, Value]) -> tuple[FieldChange, ...]:
    """The facts that differ between two versions, in the order of ``new`` (then those only in ``old``)."""
    labels = list(dict.fromkeys([*new, *old]))
    empty: Value = ""
    return tuple(
        FieldChange(label, old.get(label, empty), new.get(label, empty))
        for label in labels
        if old.get(label, empty) != new.get(label, empty)
    )


def _change(
    commit: Commit | None, milestone: Milestone | None, fields: Sequence[FieldChange], first: bool = False
) -> Change:
    if milestone is not None and milestone.day is not None:
        day: date | None = milestone.day
    else:
        day = commit.when.astimezone(UTC).date() if commit else None
    title = milestone.title if milestone else ("Đăng lên trang" if first else "Cập nhật")
    return Change(
        day,
        title,
        milestone.reference if milestone else "",
        commit.sha[:7] if commit else "",
        tuple(fields),
        first,
    )


def _of_milestone(milestone: Milestone) -> Change:
    return Change(milestone.day, milestone.title, milestone.reference)


def _milestone_order(m: Milestone) -> tuple[date, str]:
    return (m.day or date.min, m.reference)


def recent_changes(catalog: Catalog, limit: int) -> list[tuple[AnyDataset, str, Change]]:
    """The ``limit`` newest changes of every dataset's records, newest first, with their dataset and
    record id. With git: the changes of the records whose files were committed last (each record's
    versions read from git); without: each record's last update (:meth:`Dataset.updated`)."""
    history = catalog.site.history
    found: list[tuple[AnyDataset, str, Change]] = []
    if history is None:
        for dataset in catalog.datasets:
            for summary in catalog.summaries(dataset.name):
                if day := dataset.updated(summary):
                    found.append((dataset, dataset.key(summary), Change(day, "Cập nhật")))
    else:
        files = []
        for dataset in catalog.datasets:
            keys = {dataset.key(s) for s in catalog.summaries(dataset.name)}
            for key, path in history.by_stem(f"{dataset.name}/").items():
                revisions = history.revisions(path)
                if key in keys and revisions and revisions[0].blob:
                    files.append(
                        (revisions[0].commit.when, dataset.name, key, dataset, path, revisions[0].blob)
                    )
        files.sort(key=lambda f: f[:3], reverse=True)
        for _, _, key, dataset, path, blob in files[:limit]:
            record = _parse(dataset, history, path, blob)
            if record is not None:
                found += [(dataset, key, change) for change in record_changes(dataset, record, history)]
    found.sort(key=lambda f: (f[2].day or date.min, f[0].name, f[1]), reverse=True)
    return found[:limit]
