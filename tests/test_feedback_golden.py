"""Golden files of the feedback content: every generated file, byte for byte, with one item in each
status (``tests/data/feedback``), computed as of 2025-05-20.

Regenerate after an intended change with ``UPDATE_GOLDENS=1 pytest tests/test_feedback_golden.py``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from generator.build.allpages import generate_pages
from generator.build.pipeline import check

from .conftest import REPO, golden_files
from .feedback_data import AS_OF, feedback_content

GOLDEN = REPO / "tests" / "golden" / "feedback"


def _pages() -> dict[str, str]:
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = AS_OF
    try:
        with tempfile.TemporaryDirectory() as root:
            return {page.path: page.text for page in generate_pages(check(feedback_content(Path(root))))}
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


PAGES = _pages()


def test_golden_tree_lists_every_page() -> None:
    assert golden_files(GOLDEN, PAGES) == sorted(PAGES)


@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_matches_golden(path: str) -> None:
    assert PAGES[path] == (GOLDEN / path).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("code", "status", "badge"),
    [
        ("PAKN-2025-001", "Đã công khai kết quả", "Đúng hạn (9/10 ngày làm việc)"),
        ("PAKN-2025-002", "Đã xử lý", "Trễ hạn 2 ngày làm việc"),
        ("PAKN-2025-003", "Đang xử lý", "Trong hạn (hạn 11/06/2025)"),
        ("PAKN-2025-004", "Đã tiếp nhận", "Quá hạn 4 ngày làm việc"),
        ("PAKN-2025-005", "Không tiếp nhận", "Đúng hạn (2/5 ngày làm việc)"),
        ("PAKN-2025-006", "Đã chuyển cơ quan khác", "Đúng hạn (2/5 ngày làm việc)"),
    ],
)
def test_each_status_has_its_page_and_badge(code: str, status: str, badge: str) -> None:
    page = PAGES[f"pakn/{code}.md"]
    assert f"<strong>{status}</strong>" in page
    assert badge in page
    assert 'tính đến ngày <time datetime="2025-05-20">20/05/2025</time>' in page


def test_the_overdue_item_comes_first_and_the_procedure_lists_its_feedback() -> None:
    listing = PAGES["pakn/index.md"]
    assert listing.index("PAKN-2025-004") < listing.index("PAKN-2025-003") < listing.index("PAKN-2025-002")
    procedure = PAGES["thu-tuc/1.013859.md"]
    assert (
        '<a href="../../pakn/PAKN-2025-004/">PAKN-2025-004: Phí cấp thẻ công chứng viên chưa được niêm yết'
        in procedure
    )
