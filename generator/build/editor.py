"""What the web editor checks before it saves, exported from the rules ``congkhai check`` applies.

``admin/congkhai-rules.js`` (generated, :func:`editor_rules`) holds, for ``admin/congkhai.js`` (the
script beside Decap CMS, ``cms/congkhai.js``):

- each collection's file name, from the dataset's own :meth:`~generator.site.dataset.Dataset.file_stem`
  (``{ngay_tiep_nhan|year}/{ma_pakn}``), which Decap's slugs cannot write (they are lower case, dots
  turned to dashes, a year folder from today's date);
- the optional groups whose fields are required once the group is filled, with the message of
  :mod:`generator.core.validation`;
- the datasets' cross-field messages (:meth:`~generator.site.dataset.Dataset.form_messages`);
- the privacy scan (:mod:`generator.core.privacy`, :mod:`generator.core.persons`): its patterns
  translated to JavaScript, its word lists, kinds and messages, and the agency's allow-list. Phone
  numbers are found in the browser by ``libphonenumber-js`` (the JavaScript port of the
  ``phonenumbers`` the scan uses), at the same leniency (a valid number) and with the same kinds.
"""

from __future__ import annotations

import json
import re
import types
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel

from generator.core import persons, privacy
from generator.core.fields import AnyOf, FieldRule, Money, Refers
from generator.core.labels import path_labels
from generator.core.privacy import AllowList
from generator.core.validation import _FIXED, CODE_USED
from generator.core.yamllayout import schema_options
from generator.site.dataset import AnyDataset

Path_ = tuple[str, ...]
T = TypeVar("T")


class _Probe(str):
    """A field's placeholder in a file name template: ``{name}``; a date's year is ``{name|year}``."""

    @property
    def year(self) -> _Probe:
        return _Probe(self[:-1] + "|year}")


def file_template(dataset: AnyDataset) -> str:
    """A new record's file name (in the dataset's folder, without extension) as a template over its
    fields: the dataset's :meth:`file_stem` of a record whose every field holds ``{field}``; empty when
    the rule computes more than it reads (the editor then keeps Decap's own name)."""
    try:
        return str(dataset.file_stem(placeholder_record(dataset, lambda name: _Probe("{" + name + "}"))))
    except Exception:  # a rule that computes (int(), arithmetic …) cannot be written as a template
        return ""


def marked(model: type[BaseModel], kind: type[T], prefix: Path_ = ()) -> Iterator[tuple[Path_, T]]:
    """Every field of ``model`` (nested models walked) whose type carries a marker of type ``kind``
    (:class:`~generator.core.fields.Refers`, :class:`~generator.core.fields.Money`), with its path of
    field names and the marker."""
    for name, field in model.model_fields.items():
        path = (*prefix, name)
        found = next((m for m in field.metadata if isinstance(m, kind)), None) or _marker(
            field.annotation, kind
        )
        if found is not None:
            yield path, found
        for nested in _models(field.annotation):
            yield from marked(nested, kind, path)


def placeholder_record(dataset: AnyDataset, placeholder: Callable[[str], str]) -> Any:
    """A record of ``dataset`` whose every field holds ``placeholder(field name)`` (not validated): what
    a dataset's naming rules make of it is a template over the fields."""
    names = dataset.model.model_fields
    return dataset.model.model_construct(None, **{name: placeholder(name) for name in names})


def references(model: type[BaseModel]) -> Iterator[tuple[Path_, Refers]]:
    """Every field of ``model`` whose type names a registry item or another dataset's record."""
    return marked(model, Refers)


def money_fields(model: type[BaseModel]) -> Iterator[Path_]:
    """Every field of ``model`` that is a sum of money, by its path of field names."""
    return (path for path, _ in marked(model, Money))


def dependencies(model: type[BaseModel], prefix: Path_ = ()) -> Iterator[tuple[Path_, FieldRule]]:
    """The rules of fields that make sense only with some values of another
    (:class:`~generator.core.fields.Depends`) of ``model`` and its nested models, with the path of field
    names of the object they apply to (lists crossed)."""
    for rule in getattr(model, "depends", ()):
        yield prefix, rule
    for name, field in model.model_fields.items():
        for nested in _models(field.annotation):
            yield from dependencies(nested, (*prefix, name))


def rule_json(path: Path_, rule: FieldRule) -> dict[str, Any]:
    """A field rule for the editor's script: where it applies and what it says."""
    base = {"path": list(path), "field": rule.field, "message": rule.message}
    if isinstance(rule, AnyOf):
        return {**base, "anyOf": list(rule.fields)}
    return {**base, "on": rule.on, "values": list(rule.values), "needed": rule.needed}


def _parts(annotation: Any) -> Iterator[Any]:
    """The types inside an annotation (through ``Annotated``, lists and unions), itself first."""
    yield annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _parts(typing.get_args(annotation)[0])
    elif origin is not None or isinstance(annotation, types.UnionType):
        for arg in typing.get_args(annotation):
            yield from _parts(arg)


def _marker(annotation: Any, kind: type[T]) -> T | None:
    """The first metadata of type ``kind`` inside an annotation (through lists and unions)."""
    for part in _parts(annotation):
        if typing.get_origin(part) is typing.Annotated:
            found = [m for m in part.__metadata__ if isinstance(m, kind)]
            if found:
                return found[0]
    return None


def _models(annotation: Any) -> Iterator[type[BaseModel]]:
    for part in _parts(annotation):
        if isinstance(part, type) and issubclass(part, BaseModel):
            yield part


def choices(content: Path, datasets: Sequence[AnyDataset]) -> dict[str, list[tuple[str, str]]]:
    """The items the pickers over content files offer, by file (``linh-vuc.yml``): ``(code, name)``
    pairs read from the (already checked) content folder."""
    found: dict[str, list[tuple[str, str]]] = {}
    for dataset in datasets:
        for _, ref in references(dataset.model):
            if not ref.file or ref.file in found or not (content / ref.file).is_file():
                continue
            data = yaml.safe_load((content / ref.file).read_text(encoding="utf-8")) or {}
            items = data.get(ref.items, []) if isinstance(data, dict) else []
            found[ref.file] = [
                (str(i[ref.value]), str(i.get(ref.label, i[ref.value])))
                for i in items
                if isinstance(i, dict) and ref.value in i
            ]
    return found


# The privacy scan in JavaScript --------------------------------------------------------------------

_LETTER = r"[\p{L}\p{M}]"
_WORDCHAR = r"[\p{L}\p{M}\p{N}_]"


def js_pattern(pattern: re.Pattern[str] | str) -> str:
    """A Python pattern's source as a JavaScript one (used with the ``u`` flag): Python's Unicode
    ``\\w`` and letter class spelt with Unicode properties; escaped punctuation JavaScript refuses in
    that mode (``\\ ``, ``\\#``, ``\\-`` outside a class) written plain."""
    source = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    source = source.replace(r"[^\W\d_]", _LETTER)
    out: list[str] = []
    i, in_class = 0, False
    while i < len(source):
        c = source[i]
        if c == "\\" and i + 1 < len(source):
            nxt = source[i + 1]
            if nxt == "w":
                out.append(_WORDCHAR[1:-1] if in_class else _WORDCHAR)
            elif nxt.isalnum() or nxt in _SYNTAX or (in_class and nxt == "-"):
                out.append(c + nxt)
            else:
                out.append(nxt)
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
        elif c == "]" and in_class:
            in_class = False
        out.append(c)
        i += 1
    return "".join(out)


_SYNTAX = set("^$\\.*+?()[]{}|/")
"""The characters JavaScript lets a pattern escape in ``u`` mode."""


_PATTERNS: dict[str, re.Pattern[str] | str] = {
    "url": privacy.URL,
    "email": privacy.EMAIL,
    "looseEmail": privacy.LOOSE_EMAIL,
    "dot": privacy._DOT,
    "longRun": privacy.LONG_RUN,
    "slashed": privacy.SLASHED,
    "speltAt": privacy.SPELT_AT,
    "candidate": privacy.CANDIDATE,
    "houseList": privacy.HOUSE_LIST,
    "capitalised": persons.CAPITALISED,
    "lowerName": persons.LOWER_NAME,
    "houseWords": persons.HOUSE_WORDS,
    "house": persons.HOUSE,
    "slashedHouse": persons.SLASHED_HOUSE,
    "houseNumber": persons.HOUSE_NUMBER,
}
"""The scan's patterns by the name the script uses."""

_KINDS = {
    "account": privacy._ACCOUNT,
    "cccd": privacy._CCCD,
    "namedCmnd": privacy._NAMED_CMND,
    "namedPassport": privacy._NAMED_PASSPORT,
    "cmnd": privacy._CMND,
    "passport": privacy._PASSPORT,
    "plate": privacy._PLATE,
}
"""The numbers found by a pattern, in the scan's order (:func:`generator.core.privacy._numbers`)."""


def privacy_rules(allowed: AllowList) -> dict[str, Any]:
    """The scan's rules for the script: patterns, kinds, word lists, messages and the allow-list."""
    return {
        "patterns": {name: js_pattern(p) for name, p in _PATTERNS.items()},
        "kinds": {
            name: {
                "name": k.name,
                "pattern": js_pattern(k.pattern),
                "first": k.first,
                "last": k.last,
                "allowable": k.allowable,
                "groups": list(k.groups),
                "words": js_pattern(k.words) if k.words else None,
                "province": k.keep is privacy._province,
            }
            for name, k in _KINDS.items()
        },
        "numbersBefore": ["account", "cccd", "namedCmnd", "namedPassport"],
        "numbersAfter": ["cmnd", "passport", "plate"],
        "accountWords": js_pattern(privacy.ACCOUNT_WORDS),
        "houseStep": privacy.HOUSE_STEP,
        "phoneKinds": {_PHONE_TYPE_NAMES[int(kind)]: name for kind, name in privacy.PHONE_KINDS.items()},
        "message": privacy._message("{kind}", "{shown}"),
        "allowedSuffix": privacy._message("{kind}", "{shown}", allowed=True)[
            len(privacy._message("{kind}", "{shown}")) :
        ],
        "hints": privacy.HINTS,
        "name": privacy.NAME,
        "address": privacy.ADDRESS,
        "email": "địa chỉ thư điện tử",
        "persons": {
            "familyNames": sorted(persons.FAMILY_NAMES),
            "rareWords": sorted(persons.RARE_WORDS),
            "middleNames": sorted(persons.MIDDLE_NAMES),
            "plainMiddleNames": sorted(persons.PLAIN_MIDDLE_NAMES),
            "titles": sorted(persons.TITLES),
            "foldedTitles": sorted(persons.FOLDED_TITLES),
            "titlePhrases": list(persons.TITLE_PHRASES),
            "placeWords": sorted(persons.PLACE_WORDS),
            "publicNames": list(persons.PUBLIC_NAMES),
        },
        "allowed": {"numbers": sorted(allowed.numbers), "emails": sorted(allowed.emails)},
    }


_PHONE_TYPE_NAMES = {
    0: "FIXED_LINE",
    1: "MOBILE",
    2: "FIXED_LINE_OR_MOBILE",
    6: "VOIP",
    7: "PERSONAL_NUMBER",
}
"""``phonenumbers``' type numbers as ``libphonenumber-js`` names them."""


# The whole -----------------------------------------------------------------------------------------


def optional_groups(schema: dict[str, Any]) -> Iterator[tuple[Path_, list[str]]]:
    """The optional objects of a model's schema (``van_ban_tra_loi``) with their required fields: the
    form leaves them optional and the script requires those fields once the group has any value."""
    defs = schema.get("$defs", {})

    def walk(node: dict[str, Any], path: Path_) -> Iterator[tuple[Path_, list[str]]]:
        required = set(node.get("required", []))
        for name, child in node.get("properties", {}).items():
            target = _object_of(child, defs)
            if target is None:
                continue
            if name not in required:
                yield (*path, name), list(target.get("required", []))
            yield from walk(target, (*path, name))

    yield from walk(schema, ())


def _object_of(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any] | None:
    """The object schema a field holds (its ``$ref`` followed, ``X | None`` read as ``X``), if any."""
    return next(
        (o for o in schema_options(node, defs) if o.get("type") == "object" or "properties" in o), None
    )


def editor_rules(datasets: Sequence[AnyDataset], content_dir: str, allowed: AllowList) -> dict[str, Any]:
    """Everything ``admin/congkhai.js`` applies, by collection, and the privacy scan."""
    return {
        "collections": {
            d.name: {
                "folder": f"{content_dir}/{getattr(d, 'folder', d.name)}",
                "file": file_template(d),
                "groups": [
                    {"path": list(path), "required": fields}
                    for path, fields in optional_groups(d.model.model_json_schema())
                ],
                "messages": d.form_messages(),
                "depends": [rule_json(path, rule) for path, rule in dependencies(d.model)],
                "scanNames": d.scan_names,
                "labels": path_labels(d.model),
                "noun": d.noun,
            }
            for d in datasets
        },
        "missing": _FIXED["missing"],
        "codeUsed": CODE_USED,
        "privacy": privacy_rules(allowed),
    }


def rules_script(rules: Mapping[str, Any]) -> str:
    """``admin/congkhai-rules.js``: the rules as a global the editor's script reads."""
    text = json.dumps(rules, ensure_ascii=False, sort_keys=True, indent=1)
    return (
        "// Tạo tự động từ quy tắc của congkhai check (generator/build/editor.py): đừng sửa tay.\n"
        f"window.CONGKHAI_RULES = {text};\n"
        "window.CMS_MANUAL_INIT = true; // congkhai.js starts the editor once its rules are in place\n"
    )
