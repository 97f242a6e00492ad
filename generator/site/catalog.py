"""The catalog: every validated record of a content folder, checked across records.

The content folder holds the site's own files (agency, sectors, hand-written pages, synonyms) and one
folder per dataset (:mod:`generator.site.dataset`). Nothing is written until the whole catalog is valid.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import Discriminator, Field, Tag

from generator.core.errors import DataError, raise_if_any
from generator.core.fields import ProcedureCode, Record, Text, no_items
from generator.core.gitlog import FolderHistory, read_history
from generator.core.notices import warn
from generator.core.privacy import AllowList, scan_file, scan_text
from generator.core.records import LoadCache, Loaded, load_all, load_one
from generator.core.workdays import SWAPS_FILE, DaySwaps, Workdays, check_swaps
from generator.site.agency import Agency
from generator.site.dataset import AnyDataset, CheckContext, published
from generator.site.elsewhere import Topic, load_elsewhere
from generator.site.forms import FORMS_DIR, FormFile, load_forms
from generator.site.handpages import HandPage, check_links, load_hand_pages
from generator.site.lexicon import Lexicon, load_lexicon
from generator.site.sectors import Sector, SectorRegistry, check_registry
from generator.site.synonyms import SynonymFile, load_synonyms
from generator.site.version import ContentVersion, of_commit

SITE_FILE = "site.yml"
SECTORS_FILE = "linh-vuc.yml"
PAGES_DIR = "trang"
SYNONYMS_FILE = "tu-dong-nghia.yml"
ALLOWED_FILE = "cong-khai-duoc-phep.yml"
LEXICON_FILE = "tu-dien.yml"
ELSEWHERE_FILE = "ngoai-tham-quyen.yml"
HISTORY_SWITCH = "CONGKHAI_HISTORY"
"""Set to ``0`` to build without reading git (the tests' default: their content lives in this repository)."""

M = TypeVar("M", Agency, SectorRegistry)


class PublishedContact(Record):
    """Một số điện thoại hoặc địa chỉ thư điện tử in trong bản ghi thủ tục của CSDL quốc gia: liên hệ
    của cơ quan nhà nước đã công bố. Lệnh ``congkhai import dvcqg`` ghi mục này."""

    gia_tri: Text
    """Số điện thoại hoặc thư điện tử: đúng như bản ghi quốc gia in."""
    nguon: Annotated[list[ProcedureCode], Field(min_length=1)]
    """Thủ tục in liên hệ này: mã các thủ tục mà bản ghi trên Cơ sở dữ liệu quốc gia in liên hệ này."""


def _item_kind(value: Any) -> str:
    return "dict" if isinstance(value, dict | PublishedContact) else "str"


AllowedItem = Annotated[
    Annotated[Text, Tag("str")] | Annotated[PublishedContact, Tag("dict")], Discriminator(_item_kind)
]
"""An item of the allow-list: a text, or a contact with its source (a mapping); its errors are those of
the one it is, not of both."""


class AllowedFile(Record):
    """Số điện thoại, địa chỉ thư điện tử mà cơ quan đã công bố, được phép xuất hiện trong dữ liệu
    (``content/cong-khai-duoc-phep.yml``). Điện thoại, đường dây nóng và thư điện tử ghi trong
    ``site.yml`` luôn được phép."""

    duoc_cong_khai: list[AllowedItem] = no_items()
    """Liên hệ được công khai: mỗi mục một số điện thoại hoặc thư điện tử công khai, là một dòng chữ (Sở tự
    ghi) hoặc một liên hệ in trong bản ghi quốc gia cùng mã các thủ tục in nó (do lệnh nhập ghi)."""

    def values(self) -> list[str]:
        """Every number or address of the file, as written."""
        return [item if isinstance(item, str) else item.gia_tri for item in self.duoc_cong_khai]


T = TypeVar("T")


@dataclass(frozen=True)
class Site:
    """Everything of a content folder but its datasets: the agency, sectors, pages and synonyms."""

    agency: Agency
    sectors: tuple[Sector, ...]
    hand_pages: tuple[HandPage, ...] = ()
    synonyms: SynonymFile = field(default_factory=SynonymFile)
    workdays: Workdays = field(default_factory=Workdays)
    """The working-day calendar (holidays and ``ngay-nghi.yml``)."""
    settings: Mapping[str, Any] = field(default_factory=dict)
    """Each dataset's settings (:attr:`~generator.site.dataset.Dataset.settings_file`), by dataset name."""
    allowed: AllowList = field(default_factory=AllowList)
    """The agency's own published numbers and addresses, which the privacy scan lets through."""
    forms: tuple[FormFile, ...] = ()
    """The form files of ``content/mau/``."""
    lexicon: Lexicon = field(default_factory=Lexicon)
    """The search lexicon (filler words and everyday terms)."""
    elsewhere: tuple[Topic, ...] = ()
    """The topics other agencies handle (``ngoai-tham-quyen.yml``)."""
    version: ContentVersion = field(default_factory=lambda: ContentVersion(None, None))
    """The content version the site is built from (see :mod:`generator.site.version`)."""
    history: FolderHistory | None = field(default=None, compare=False, hash=False)
    """The content folder's git history; ``None`` without git."""


@dataclass(frozen=True)
class Part:
    """One dataset's share of the catalog: every record's summary, and the full records whose own pages
    this process makes (all of them, except in a build shared by several processes); both by id."""

    summaries: tuple[Any, ...]
    records: tuple[Any, ...]


@dataclass(frozen=True)
class Catalog:
    """All the content of one site, valid and cross-checked."""

    site: Site
    datasets: tuple[AnyDataset, ...]
    parts: Mapping[str, Part]
    _indexes: dict[object, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def agency(self) -> Agency:
        """The publishing agency."""
        return self.site.agency

    @property
    def as_of(self) -> date:
        """The one date the site states («tính đến ngày», the footer's version, lateness, the plan's
        state): ``SOURCE_DATE_EPOCH`` when set, else the content version's date (the last commit of the
        content folder; without git, the latest update of the records); never the clock, so that the same
        content builds the same site, with ``make site`` or ``congkhai build`` alike."""
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch:
            return datetime.fromtimestamp(int(epoch), UTC).date()
        day: date | None = self.site.version.day or self.index("version-day", self._latest_update)
        return day or date(1970, 1, 1)

    @property
    def version(self) -> ContentVersion:
        """The content version, dated by :attr:`as_of` (the date it is stated at)."""
        return self.site.version.dated(self.as_of)

    def _latest_update(self) -> Any:
        days = [day for d in self.datasets for s in self.summaries(d.name) if (day := d.updated(s))]
        return max(days) if days else None

    @property
    def sectors(self) -> tuple[Sector, ...]:
        """The sectors, in the registry's order."""
        return self.site.sectors

    @property
    def hand_pages(self) -> tuple[HandPage, ...]:
        """The staff's hand-written pages."""
        return self.site.hand_pages

    @property
    def forms(self) -> dict[str, FormFile]:
        """The form files of ``content/mau/``, by name."""
        return self.index("forms", lambda: {f.name: f for f in self.site.forms})

    @property
    def synonyms(self) -> SynonymFile:
        """The search synonyms."""
        return self.site.synonyms

    @property
    def workdays(self) -> Workdays:
        """The working-day calendar."""
        return self.site.workdays

    def settings(self, dataset: str) -> Any:
        """The settings of the dataset named ``dataset`` (``None`` when it has none)."""
        return self.site.settings.get(dataset)

    @property
    def lexicon(self) -> Lexicon:
        """The search lexicon (filler words and everyday terms), applied in the browser only."""
        return self.site.lexicon

    @property
    def elsewhere(self) -> tuple[Topic, ...]:
        """The topics other agencies handle, which search answers with the agency."""
        return self.site.elsewhere

    def sector(self, slug: str) -> Sector:
        """The sector with slug ``slug``."""
        return self.index("sectors", lambda: {s.ma: s for s in reversed(self.sectors)})[slug]

    def summaries(self, dataset: str) -> tuple[Any, ...]:
        """Every record's summary of the dataset named ``dataset``, by id."""
        return self.parts[dataset].summaries

    def records(self, dataset: str) -> tuple[Any, ...]:
        """The full records of the dataset named ``dataset`` that this process makes pages for, by id."""
        return self.parts[dataset].records

    def index(self, key: object, make: Callable[[], T]) -> T:
        """``make()``, made once per catalog: lookups built on first use, so that per-page lookups do
        not scan the whole catalogue."""
        if key not in self._indexes:
            self._indexes[key] = make()
        return self._indexes[key]  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Partial:
    """A content folder's :class:`Site` (``None`` when a required file is missing or invalid), its sector
    slugs (``None`` when the sector registry is), to check the records against, the datasets'
    settings and the privacy scan's allow-list."""

    site: Site | None
    slugs: list[str] | None
    settings: Mapping[str, Any] = field(default_factory=dict)
    allowed: AllowList = field(default_factory=AllowList)


Summarised = dict[str, list[Loaded[Any]]]
"""Each dataset's loaded summaries (with their files, to locate errors), by dataset name."""


def build_catalog(
    content: Path, datasets: Sequence[AnyDataset], cache: LoadCache | None = None, jobs: int = 0
) -> Catalog:
    """Load, validate and cross-check everything under ``content``; raise every error at once.

    Many records are loaded in ``jobs`` processes (0: one per core). Every text of every record is
    scanned for personal data (:mod:`generator.core.privacy`) before anything else is made of it.
    """
    datasets = published(datasets, content)
    base, errors = load_site(content, datasets)
    summarised: Summarised = {}
    records: dict[str, list[Any]] = {}
    for dataset in datasets:
        loaded, problems = load_all(dataset.files(content), dataset.model, cache, jobs)
        errors += problems
        errors += scan_loaded(dataset, loaded, base.allowed, cache)
        summarised[dataset.name] = [summarised_item(dataset, item, cache) for item in loaded]
        records[dataset.name] = [item.record for item in loaded]
    site = raise_if_invalid(base, datasets, summarised, errors)
    summaries = {name: [item.record for item in items] for name, items in summarised.items()}
    return catalog_of(site, datasets, summaries, records)


def _form_name_errors(forms: Sequence[FormFile], allowed: AllowList) -> list[DataError]:
    """Personal data in the name of a form file (the name is published with the link to it)."""
    return [
        DataError(form.source, 1, "", f"tên tệp {message}")
        for form in forms
        for message in scan_text(form.name, allowed)
    ]


def load_site(content: Path, datasets: Sequence[AnyDataset] = ()) -> tuple[Partial, list[DataError]]:
    """Everything of ``content`` but its datasets, and the errors found; makes the datasets' templates
    available for rendering."""
    for dataset in datasets:
        dataset.register_templates()
    errors: list[DataError] = []
    agency = _required(content / SITE_FILE, Agency, errors)
    allowed = _allowed(content / ALLOWED_FILE, agency.record if agency else None, errors)
    registry = _required(content / SECTORS_FILE, SectorRegistry, errors)
    errors += [e for loaded in (agency, registry) if loaded for e in scan_file(loaded, allowed)]
    if registry:
        errors += check_registry(registry)
    hand_pages, problems = load_hand_pages(content / PAGES_DIR, allowed)
    errors += problems
    synonyms, problems = load_synonyms(content / SYNONYMS_FILE, allowed)
    errors += problems
    workdays = _workdays(content / SWAPS_FILE, allowed, errors)
    settings = {d.name: _settings(content, d, allowed, errors) for d in datasets if d.settings_file}
    forms, problems = load_forms(content / FORMS_DIR)
    errors += problems + _form_name_errors(forms, allowed)
    lexicon, problems = load_lexicon(content / LEXICON_FILE, allowed)
    errors += problems
    elsewhere, problems = load_elsewhere(content / ELSEWHERE_FILE, allowed)
    errors += problems
    if registry is None:
        return Partial(None, None, settings, allowed), errors
    sectors = tuple(registry.record.linh_vuc)
    history = read_history(content) if os.environ.get(HISTORY_SWITCH, "1") != "0" else None
    history = history if history and history.last else None
    version = of_commit(history.last, history.dirty) if history else of_commit(None)
    if history and history.shallow:
        warn(content, 1, "git", SHALLOW_WARNING)
        history = None
    site = (
        Site(
            agency.record,
            sectors,
            tuple(hand_pages),
            synonyms,
            workdays=workdays,
            settings=settings,
            allowed=allowed,
            forms=tuple(forms),
            lexicon=lexicon,
            elsewhere=elsewhere,
            version=version,
            history=history,
        )
        if agency
        else None
    )
    return Partial(site, [s.ma for s in sectors], settings, allowed), errors


SHALLOW_WARNING = (
    "bản sao git chỉ có một phần lịch sử (shallow clone), nên trang chỉ ghi các mốc trong hồ sơ, không có "
    "«Lịch sử thay đổi» từ git; lấy đủ lịch sử bằng «git fetch --unshallow» (GitHub Actions: "
    "«fetch-depth: 0» ở bước actions/checkout) rồi dựng lại"
)
"""The warning of a build from a shallow clone, whose history would date every record by its boundary."""


def scan_loaded(
    dataset: AnyDataset, loaded: Sequence[Loaded[Any]], allowed: AllowList, cache: LoadCache | None = None
) -> list[DataError]:
    """The personal data found in the texts of ``dataset``'s ``loaded`` records (each record scanned once
    in ``cache`` while the allow-list is the same)."""
    scan = _scanner(allowed.with_names() if dataset.scan_names else allowed)
    errors: list[DataError] = []
    for item in loaded:
        found = cache.derived(item, scan) if cache else scan(item.record)
        errors += [item.doc.error(loc, message) for loc, message in found]
    return errors


_SCANNERS: dict[AllowList, Callable[[Any], Any]] = {}


def _scanner(allowed: AllowList) -> Callable[[Any], Any]:
    """``allowed.scan``, the same object for equal allow-lists: the live preview's cache of derived
    values is keyed by it, and a bound method made anew each rebuild never matched (every record was
    scanned again after each edit: 1.0 s of a 3.5 s rebuild at 1,000 + 1,000 records)."""
    return _SCANNERS.setdefault(allowed, allowed.scan)


def _workdays(path: Path, allowed: AllowList, errors: list[DataError]) -> Workdays:
    if not path.is_file():
        return Workdays()
    loaded, problems = load_one(path, DaySwaps)
    errors += problems
    if loaded is None:
        return Workdays()
    errors += scan_file(loaded, allowed)
    problems = check_swaps(loaded)
    errors += problems
    return Workdays.of(loaded.record) if not problems else Workdays()


def _settings(content: Path, dataset: AnyDataset, allowed: AllowList, errors: list[DataError]) -> Any:
    assert dataset.settings_file is not None
    assert dataset.settings_model is not None
    path = content / dataset.name / dataset.settings_file
    if not path.is_file():
        errors.append(DataError(str(path), 1, "", "thiếu tệp bắt buộc"))
        return None
    loaded, problems = load_one(path, dataset.settings_model)
    errors += problems
    if loaded is None:
        return None
    errors += scan_file(loaded, allowed.with_names() if dataset.scan_names else allowed)
    problems = dataset.check_settings(loaded)
    errors += problems
    return None if problems else loaded.record


def _allowed(path: Path, agency: Agency | None, errors: list[DataError]) -> AllowList:
    allowed, problems = load_allowed(path)
    errors += problems
    return allow_list(agency, allowed)


def load_allowed(path: Path) -> tuple[AllowedFile | None, list[DataError]]:
    """The allow-list file (``None`` when there is none or it is invalid) and its errors."""
    if not path.is_file():
        return None, []
    loaded, problems = load_one(path, AllowedFile)
    return (loaded.record if loaded else None), problems


def allow_list(agency: Agency | None, allowed: AllowedFile | None, extra: Sequence[str] = ()) -> AllowList:
    """The privacy scan's allow-list: the agency's phone numbers and address in ``site.yml``, every value
    of the allow-list file, and ``extra`` values."""
    own = [v for v in (agency.dien_thoai, agency.duong_day_nong, agency.email) if v] if agency else []
    return AllowList.of([*own, *(allowed.values() if allowed else []), *extra])


def summarised_item(dataset: AnyDataset, item: Loaded[Any], cache: LoadCache | None = None) -> Loaded[Any]:
    """A loaded record's summary with its file (made once per record in ``cache``)."""
    summary = cache.derived(item, dataset.summarise) if cache else dataset.summarise(item.record)
    return Loaded(summary, item.doc)


def raise_if_invalid(
    base: Partial, datasets: Sequence[AnyDataset], summarised: Summarised, errors: list[DataError]
) -> Site:
    """The site, once the cross-record checks of every dataset found no error and neither had loading
    (``errors``); else raise every error."""
    site, slugs = base.site, base.slugs
    summaries = {name: [item.record for item in items] for name, items in summarised.items()}
    forms = frozenset(f.name for f in site.forms) if site else None
    context = CheckContext(slugs, summaries, base.settings, forms)
    for dataset in datasets:
        errors = errors + dataset.check(summarised[dataset.name], context)
    if site is not None:  # hand pages' links, once every page of the site is known
        targets = {path for d in datasets for path in d.link_targets(summarised[d.name], context)}
        errors = errors + check_links(site.hand_pages, targets)
    raise_if_any(errors)
    assert site is not None
    return site


def catalog_of(
    site: Site,
    datasets: Sequence[AnyDataset],
    summaries: Mapping[str, Sequence[Any]],
    records: Mapping[str, Sequence[Any]],
) -> Catalog:
    """The catalog of a valid ``site``: every record's summary, and the full ``records`` this process
    makes pages for; both sorted by id."""
    parts = {
        d.name: Part(
            tuple(sorted(summaries[d.name], key=d.key)),
            tuple(sorted(records[d.name], key=d.key)),
        )
        for d in datasets
    }
    return Catalog(site, tuple(datasets), parts)


def _required(path: Path, model: type[M], errors: list[DataError]) -> Loaded[M] | None:
    if not path.is_file():
        errors.append(DataError(str(path), 1, "", "thiếu tệp bắt buộc"))
        return None
    loaded, problems = load_one(path, model)
    errors.extend(problems)
    return loaded
