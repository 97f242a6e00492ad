"""No personal data is published from any field: a phone number and an e-mail address planted in every text
field of every model (found from the models, :mod:`tests.schema_walk`), and in a hand page, are refused by
``check``. Only the fields that are the agency's own published contacts (the allow-list) keep them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build.pipeline import check
from generator.core.errors import DataErrors
from generator.core.notices import take_warnings

from .conftest import REPO
from .schema_walk import Planted, every_model, plant, sample_content, text_fields

PUBLISHED_CONTACTS = {
    "Agency": {"dien_thoai", "duong_day_nong", "email"},
    "AllowedFile": {"duoc_cong_khai[]"},
}
"""The fields that say which numbers and addresses are the agency's own: the scan lets them through (the
model may still refuse a whole sentence there, as ``email`` does)."""


class PersonalData:
    """A different mobile number and e-mail address for each planted field."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, field: str) -> str:
        self.count += 1
        n = self.count
        return f"gọi 091{n:07d} hoặc viết nguoidan{n}@gmail.com"


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Planted:
    result = plant(sample_content(tmp_path_factory.mktemp("privacy")), PersonalData())
    take_warnings()
    return result


def test_every_text_field_was_tried(planted: Planted) -> None:
    untried = {
        model.__name__: missing
        for model in every_model()
        if (missing := sorted(set(text_fields(model)) - planted.tried(model)))
    }
    assert untried == {}


def test_no_field_but_the_published_contacts_keeps_personal_data(planted: Planted) -> None:
    kept = {
        model.__name__: sorted(fields)
        for model in every_model()
        if (fields := planted.held_by(model) - PUBLISHED_CONTACTS.get(model.__name__, set()))
    }
    assert kept == {}


@pytest.mark.parametrize(
    ("page", "line", "key"),
    [
        ("# Liên hệ\n\nGọi 0912 345 678.\n", 3, ""),
        ('---\ntitle: "Gọi 0912 345 678"\n---\n# Liên hệ\n', 2, "title"),
        ('---\ndescription: "viết cho a.b@gmail.com"\n---\n# Liên hệ\n', 2, "description"),
    ],
)
def test_a_hand_page_with_personal_data_is_refused(tmp_path: Path, page: str, line: int, key: str) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "tests/data/minimal", content)
    (content / "trang/lien-he.md").write_text(page, encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        check(content)
    take_warnings()
    assert [(e.path.rsplit("/", 1)[-1], e.line, e.key) for e in caught.value.errors] == [
        ("lien-he.md", line, key)
    ]


def test_a_form_file_named_with_personal_data_is_refused(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "tests/data/minimal", content)
    shutil.copy(content / "mau/tp-cc-05.pdf", content / "mau/goi-0912345678.pdf")
    with pytest.raises(DataErrors) as caught:
        check(content)
    assert [str(e) for e in caught.value.errors] == [
        f"{content / 'mau/goi-0912345678.pdf'}:1: tên tệp có số điện thoại di động (09xxxxx678): thông tin "
        "cá nhân không được công bố, hãy xoá; nếu là số điện thoại di động đã công bố của cơ quan, thêm vào "
        "content/cong-khai-duoc-phep.yml"
    ]
