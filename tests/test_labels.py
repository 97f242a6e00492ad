"""Every field of every content model has a Vietnamese label and hint, and every closed list Vietnamese
labels for its values: found by walking the models (:func:`tests.schema_walk.every_model`), not listed."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any, Literal, get_args, get_origin

import pytest
from pydantic import BaseModel

from generator.build.admin import cms_config
from generator.core import labels
from generator.datasets import DATASETS

from .schema_walk import every_model

ALLOWED_TERMS = frozenset(
    {
        "DVCQG",
        "QR",
        "URL",
        "CSV",
        "JSON",
        "YAML",
        "HTML",
        "TTHC",
        "PAKN",
        "HTX",
        "UBND",
        "VND",
        "USD",
        "ID",
        "OpenStreetMap",
        "Google",
        "Maps",
    }
)
"""Proper terms a Vietnamese label or hint may hold as they are."""
ENGLISH = frozenset(
    [
        "the",
        "on",
        "at",
        "it",
        "by",
        "be",
        "we",
        "he",
        "up",
        "if",
        "of",
        "and",
        "or",
        "for",
        "with",
        "when",
        "any",
        "is",
        "are",
        "this",
        "that",
        "from",
        "to",
        "not",
        "only",
        "each",
        "its",
        "which",
        "what",
        "where",
        "who",
        "empty",
        "free",
        "text",
        "number",
        "amount",
        "name",
        "date",
        "code",
        "list",
        "true",
        "false",
        "none",
        "null",
        "yes",
        "no",
        "see",
        "per",
        "set",
        "must",
        "may",
        "can",
        "will",
        "should",
    ]
)
"""English words that a Vietnamese syllable check alone would let through, and the commonest others."""
_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnpt])?$"
)
"""A Vietnamese syllable with its marks removed."""
_NUMBERING = re.compile(r"^([A-Z]|[IVX]+)$")
"""A part letter or a Roman numeral («phần B», «Quý IV»)."""
_WORD = re.compile(r"[^\s«»“”\"'(),;:!?]+")

MODELS = labels.models(every_model())


def english_words(text: str) -> list[str]:
    """The words of ``text`` that are not Vietnamese: neither a Vietnamese syllable nor a proper term.

    A word with a path, address, number or code in it (``content/linh-vuc.yml``, ``1.013859``,
    ``125/STP-VP``) is not a word of the sentence and is skipped."""
    found = []
    for token in _WORD.findall(re.sub(r"\S*://\S*", " ", text)):
        word = token.strip(".…-–—")
        if not word or re.search(r"[\d/._@=-]", word) or word in ALLOWED_TERMS or _NUMBERING.match(word):
            continue
        bare = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
        bare = "".join(c for c in bare if not unicodedata.combining(c))
        english = bare in ENGLISH or not _SYLLABLE.match(bare)
        foreign = not _SYLLABLE.match(bare) and not word.isupper()
        if english if word.isascii() else foreign:
            found.append(word)
    return found


def raw_names(text: str) -> list[str]:
    """Field names and codes written as they are in YAML (``trang_thai``, ``cong_dvcqg``)."""
    return re.findall(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b", text)


def mechanical(name: str, label: str) -> bool:
    """``label`` is ``name`` with its case or underscores changed («MA_THU_TUC», «Ma thu tuc»)."""
    return re.sub(r"[\s_]+", "_", label.strip().lower()) == name.lower()


def test_the_checks_can_fail() -> None:
    assert english_words("Cơ quan được ủy quyền, if any") == ["if", "any"]
    assert english_words("Short title of the step (optional).") == [
        "Short",
        "title",
        "of",
        "the",
        "step",
        "optional",
    ]
    assert english_words("Mã thủ tục trên Cổng DVCQG, ví dụ 1.013859 (content/linh-vuc.yml)") == []
    assert raw_names("Chỉ ghi khi trang_thai là thay_the") == ["trang_thai", "thay_the"]
    assert mechanical("ma_thu_tuc", "MA_THU_TUC")
    assert mechanical("ma_thu_tuc", "Ma thu tuc")
    assert not mechanical("nam", "Năm")


def field_problems(model: type[BaseModel]) -> list[str]:
    problems = []
    for name, info in model.model_fields.items():
        where = f"{model.__name__}.{name}"
        label, hint = labels.split(info.description)
        if not label:
            problems.append(f"{where}: no label («Nhãn: gợi ý»): {info.description!r}")
            continue
        if mechanical(name, label):
            problems.append(f"{where}: label made from the field name: {label!r}")
        if len(label) > 48:
            problems.append(f"{where}: label too long: {label!r}")
        if not hint:
            problems.append(f"{where}: no hint")
        if files := re.findall(r"\S+\.yml\b", hint):  # registry items are chosen by name, not file
            problems.append(f"{where}: hint names content files {files}: {hint!r}")
        for part, text in (("label", label), ("hint", hint)):
            if english := english_words(text):
                problems.append(f"{where}: {part} has English words {english}: {text!r}")
            if raw := raw_names(text):
                problems.append(f"{where}: {part} has raw names {raw}: {text!r}")
    return problems


def literal_values(annotation: Any) -> list[tuple[Any, ...]]:
    """The values of every ``Literal`` inside ``annotation``."""
    if get_origin(annotation) is Literal:
        return [get_args(annotation)]
    return [values for arg in get_args(annotation) for values in literal_values(arg)]


def choice_problems(model: type[BaseModel]) -> list[str]:
    problems = []
    for name, info in model.model_fields.items():
        where = f"{model.__name__}.{name}"
        for values in literal_values(info.annotation):
            table = labels.field_choices(info)
            if table is None:
                problems.append(f"{where}: closed list {values} has no Choices table")
                continue
            if set(table) != set(values):
                problems.append(f"{where}: Choices table keys {sorted(table)} are not the values {values}")
            for value, text in table.items():
                if not text or mechanical(str(value), text) or english_words(text) or raw_names(text):
                    problems.append(f"{where}: value {value!r} label {text!r}")
    return problems


def test_the_walk_finds_the_nested_models() -> None:
    names = {m.__name__ for m in MODELS}
    assert {"Procedure", "Fee", "Duration", "Feedback", "Transition", "Agency", "SectorRegistry"} <= names


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_has_a_vietnamese_label_and_hint(model: type[BaseModel]) -> None:
    assert field_problems(model) == []


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_closed_list_has_vietnamese_value_labels(model: type[BaseModel]) -> None:
    assert choice_problems(model) == []


def config_texts(fields: list[dict[str, Any]], path: str) -> Iterator[tuple[str, str]]:
    """Every label, hint and option label of the editor's form fields, with where it is."""
    for field in fields:
        where = f"{path}/{field['name']}"
        for key in ("label", "hint"):
            if key in field:
                yield f"{where} {key}", str(field[key])
        for option in field.get("options", []):
            yield f"{where} option", str(option["label"])
        yield from config_texts(field.get("fields", []), where)
        if "field" in field:
            yield from config_texts([field["field"]], where)


def test_the_editor_speaks_vietnamese() -> None:
    """Every label, hint and choice of the generated Decap CMS form: no English, no raw name."""
    config = cms_config(DATASETS)
    texts = []
    for collection in config["collections"]:
        texts.append((f"{collection['name']} label", collection["label"]))
        for fields in [collection.get("fields", [])] + [f["fields"] for f in collection.get("files", [])]:
            texts += config_texts(fields, collection["name"])
    assert len(texts) > 400
    problems = [(where, text) for where, text in texts if english_words(text) or raw_names(text)]
    assert problems == []
    for collection in config["collections"]:
        for where, text in config_texts(collection.get("fields", []), collection["name"]):
            if where.endswith(" label"):
                assert not mechanical(where.split()[0].rsplit("/", 1)[-1], text), where
    options = [o for f in _walk(config) for o in f.get("options", [])]
    assert options
    assert all(set(o) == {"label", "value"} for o in options)
    # a list's «Thêm …» button names one item: «Thêm bước xử lý», not «Thêm các bước xử lý»
    lists = [f for f in _walk(config) if f.get("widget") == "list"]
    assert lists
    plural = [f["label_singular"] for f in lists if f["label_singular"].split(" ")[0] in ("các", "những")]
    assert plural == []


def _walk(config: dict[str, Any]) -> Iterator[dict[str, Any]]:
    def inner(fields: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for field in fields:
            yield field
            yield from inner(field.get("fields", []) + ([field["field"]] if "field" in field else []))

    for collection in config["collections"]:
        for fields in [collection.get("fields", [])] + [f["fields"] for f in collection.get("files", [])]:
            yield from inner(fields)
