"""Contacts national records print: the State's published numbers and addresses, allowed with their source.

The privacy scan (:mod:`generator.core.privacy`) refuses every phone number and e-mail address that its
allow-list lacks (``site.yml``'s and ``content/cong-khai-duoc-phep.yml``'s). A ministry's national record
prints its own (``…@caa.gov.vn``, a department's landline), so a catalogue imported as it is would fail
``check``. :class:`ContactBook` finds the contacts printed in the national record's own text (never in
what staff added: :func:`printed` reads the converted national record, before the merge), adds them to
the allow-list file with the codes of the procedures that print them (``gia_tri``, ``nguon``), and scans
each file with the function ``check`` runs (:func:`generator.site.catalog.scan_loaded`) and the
allow-list ``check`` will read (:func:`generator.site.catalog.allow_list`).

A contact is an office's: an address at a free mailbox provider (:data:`FREE_MAIL`) or a mobile number
is a person's, so it stays refused and the record is skipped with the scan's reason. A contact is what
the scan itself lets through once allowed: each e-mail address and phone number of a
text the scan refuses is tried, and kept only when allowing it silences a finding, so the patterns of
the scan are never written twice. Import only adds to the file (another file may rely on an entry), in
a fixed order: the file's own items as they are, then the new ones by value; a re-import that finds
nothing new leaves the file's bytes as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from phonenumbers import Leniency, PhoneNumberMatcher, PhoneNumberType, number_type
from pydantic import BaseModel

from generator.core.contentfiles import write_atomic
from generator.core.errors import DataError
from generator.core.privacy import EMAIL, AllowList, digits, scan_text, texts
from generator.core.records import Loaded, load_bytes, load_one
from generator.core.yamlio import dump_yaml
from generator.importer.report import ImportErrors
from generator.procedures.dataset import PROCEDURES
from generator.site.agency import Agency
from generator.site.catalog import (
    ALLOWED_FILE,
    SITE_FILE,
    AllowedFile,
    PublishedContact,
    allow_list,
    load_allowed,
    scan_loaded,
)

FREE_MAIL = frozenset(
    [
        *("gmail.com", "googlemail.com", "yahoo.com", "yahoo.com.vn", "hotmail.com", "outlook.com"),
        *("live.com", "msn.com", "icloud.com", "me.com", "aol.com", "ymail.com", "protonmail.com"),
        *("proton.me", "gmx.com", "mail.com", "zoho.com", "yandex.com", "qq.com", "163.com"),
    ]
)
"""Free mailbox providers: an address there is a person's, never an office's published contact."""

SCHEMA = "schema/cong-khai-duoc-phep.schema.json"
"""The JSON Schema modeline of ``content/cong-khai-duoc-phep.yml``, relative to the file."""
HEADER = f"""# yaml-language-server: $schema={SCHEMA}
# Số điện thoại, địa chỉ thư điện tử đã công bố, được phép xuất hiện trong dữ liệu. Mọi số điện thoại, số
# căn cước, chứng minh nhân dân, địa chỉ thư điện tử khác bị từ chối khi kiểm tra.
# Điện thoại, đường dây nóng, thư điện tử ghi trong site.yml luôn được phép.
# Mỗi mục là một dòng (Sở tự ghi: «- 0271 3879 456»), hoặc «gia_tri» và «nguon»: liên hệ của cơ quan nhà
# nước in trong bản ghi thủ tục trên CSDL quốc gia, do «congkhai import dvcqg» ghi kèm mã các thủ tục in
# nó. Xoá mục nào không còn đúng.
"""
"""The comment at the top of a new allow-list file (an existing file keeps its own)."""


@dataclass
class ContactBook:
    """A content folder's allow-list file, the contacts import adds to it, and the scan ``check`` runs."""

    path: Path
    agency: Agency | None
    header: str
    items: list[str | PublishedContact]
    """The file's items, in its order (an entry's sources grown by this run)."""
    base: AllowList
    """What staff allowed: ``site.yml`` and the file's plain items (a contact they allow is not added)."""
    allowed: AllowList
    """What ``check`` will allow once the file is written: ``base`` and every entry, new ones too."""
    added: list[tuple[str, str]] = field(default_factory=list)
    """Each (contact, procedure code) this run added, in the order found."""
    _entries: dict[str, int] = field(default_factory=dict)
    """The position in :attr:`items` of each entry, by :func:`contact_key`."""
    _new: set[str] = field(default_factory=set)
    """The keys of the entries this run made."""

    @classmethod
    def open(cls, content: Path) -> ContactBook:
        """The allow-list of ``content`` as ``check`` reads it; :class:`ImportErrors` for an invalid file."""
        path = content / ALLOWED_FILE
        allowed, problems = load_allowed(path)
        if problems:
            raise ImportErrors([str(e) for e in problems])
        agency = _agency(content / SITE_FILE)
        items: list[str | PublishedContact] = list(allowed.duoc_cong_khai) if allowed else []
        book = cls(
            path,
            agency,
            _header(path),
            items,
            base=allow_list(agency, AllowedFile(duoc_cong_khai=[i for i in items if isinstance(i, str)])),
            allowed=allow_list(agency, allowed),
        )
        book._entries = {contact_key(i.gia_tri): n for n, i in enumerate(items) if not isinstance(i, str)}
        return book

    def printed(self, national: BaseModel) -> list[str]:
        """The contacts printed in the texts of ``national`` that staff have not allowed, as printed."""
        found: dict[str, str] = {}
        for _, text in texts(national):
            for contact in refused_contacts(text, self.base):
                found.setdefault(contact_key(contact), contact)
        return list(found.values())

    def scan(self, loaded: Loaded[Any], contacts: Sequence[str]) -> list[DataError]:
        """What ``check`` finds in the procedure file ``loaded`` once ``contacts`` are allowed too."""
        return scan_loaded(PROCEDURES, [loaded], _union(self.allowed, AllowList.of(contacts)))

    def add(self, contacts: Iterable[str], code: str) -> None:
        """Allow ``contacts``, printed in the national record of procedure ``code``."""
        for contact in contacts:
            key = contact_key(contact)
            if key not in self._entries:
                self._entries[key] = len(self.items)
                self._new.add(key)
                self.items.append(PublishedContact(gia_tri=contact, nguon=[code]))
                self.allowed = _union(self.allowed, AllowList.of([contact]))
                self.added.append((contact, code))
                continue
            entry = self.items[self._entries[key]]
            assert isinstance(entry, PublishedContact)
            if code not in entry.nguon:
                sources = sorted([*entry.nguon, code])
                self.items[self._entries[key]] = entry.model_copy(update={"nguon": sources})
                self.added.append((entry.gia_tri, code))

    def write(self) -> None:
        """Write the file when this run added to it, checked as ``check`` reads it; else leave it as it is."""
        if not self.added:
            return
        text = self.text()
        _, errors = load_bytes(self.path, text.encode("utf-8"), AllowedFile)
        if errors:
            raise ImportErrors([f"không ghi được {self.path}: {e}" for e in errors])
        write_atomic(self.path, text)

    def text(self) -> str:
        """The file: its comment, its own items in their order, then the new entries by value."""
        new = {self._entries[key] for key in self._new}
        items = [i for n, i in enumerate(self.items) if n not in new]
        items += sorted((self.items[n] for n in new), key=lambda i: _value(i).lower())
        plain = [i if isinstance(i, str) else i.model_dump() for i in items]
        return self.header + dump_yaml({"duoc_cong_khai": plain})


def refused_contacts(text: str, allowed: AllowList) -> list[str]:
    """The e-mail addresses and phone numbers of ``text``, as written, that the privacy scan refuses under
    ``allowed`` and lets through once allowed: each one tried, so that the scan alone decides."""
    refused = len(scan_text(text, allowed))
    if not refused:
        return []
    candidates = [
        *(address for address in EMAIL.findall(text) if address.rsplit("@", 1)[1].lower() not in FREE_MAIL),
        *(
            m.raw_string
            for m in PhoneNumberMatcher(text, "VN", Leniency.VALID)
            if number_type(m.number) != PhoneNumberType.MOBILE
        ),
    ]
    return [c for c in candidates if len(scan_text(text, _union(allowed, AllowList.of([c])))) < refused]


def contact_key(contact: str) -> str:
    """What makes two spellings one contact: an address in lower case, a number's digits."""
    return contact.lower() if "@" in contact else digits(contact)


def _union(one: AllowList, other: AllowList) -> AllowList:
    """Both allow-lists' numbers and addresses (``AllowList.of`` reads each value alone, so the union of
    two is the list of all their values)."""
    return AllowList(one.numbers | other.numbers, one.emails | other.emails, one.names)


def _value(item: str | PublishedContact) -> str:
    return item if isinstance(item, str) else item.gia_tri


def _agency(path: Path) -> Agency | None:
    """The agency of ``site.yml``, whose contacts are always allowed (``None`` when missing or invalid:
    ``check`` reports that file)."""
    if not path.is_file():
        return None
    loaded, _ = load_one(path, Agency)
    return loaded.record if loaded else None


def _header(path: Path) -> str:
    """The comment lines at the top of the file, or :data:`HEADER` for a new one."""
    if not path.is_file():
        return HEADER
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = []
    for line in lines:
        if line.strip() and not line.lstrip().startswith("#"):
            break
        kept.append(line)
    return "".join(kept)
