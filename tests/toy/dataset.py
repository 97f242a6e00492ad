"""The toy dataset: ``content/hoi-dap/<ma>.yml``, one question and its answer each."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import NamedTuple

from generator.core.errors import DataError
from generator.core.fields import Record, Slug, Text
from generator.core.records import Loaded
from generator.core.render import Memo, Page, front_matter, no_memo, render
from generator.site.catalog import Catalog
from generator.site.dataset import CheckContext, Dataset, Link, NavEntry
from generator.site.feeds import Feed, FeedEntry
from generator.site.history import Milestone, Value
from generator.site.search import PAGE_TYPE, SearchFields, fields_html, folded
from generator.site.tables import Column, Table, column


class Question(Record):
    """Một câu hỏi thường gặp."""

    ma: Slug
    """Mã câu hỏi: trùng tên tệp."""
    cau_hoi: Text
    """Câu hỏi: như người dân hỏi."""
    tra_loi: Text
    """Câu trả lời: trả lời của cơ quan."""
    chu_de: Text
    """Chủ đề: chủ đề của câu hỏi."""
    thu_tuc: list[str] = []
    """Thủ tục liên quan: mã các thủ tục liên quan."""
    ngay_tra_loi: date | None = None
    """Ngày trả lời: ngày cơ quan trả lời."""


class Brief(NamedTuple):
    """What the list page needs of a question."""

    ma: str
    cau_hoi: str
    chu_de: str
    thu_tuc: tuple[str, ...]
    ngay_tra_loi: date | None = None


class Questions(Dataset[Question, Brief]):
    """Hỏi đáp."""

    name = "hoi-dap"
    model = Question
    templates = Path(__file__).parent / "templates"
    json_key = "hoi_dap"
    noun = "câu hỏi"
    title = "Hỏi đáp"

    def key(self, item: Question | Brief) -> str:
        return item.ma

    def summarise(self, record: Question) -> Brief:
        return Brief(record.ma, record.cau_hoi, record.chu_de, tuple(record.thu_tuc), record.ngay_tra_loi)

    def check(self, items: list[Loaded[Brief]], context: CheckContext) -> list[DataError]:
        codes = {p.ma_thu_tuc for p in context.summaries["thu-tuc"]}
        errors = []
        for item in items:
            for i, code in enumerate(item.record.thu_tuc):
                if code not in codes:
                    errors.append(item.doc.error(("thu_tuc", i), f"không có thủ tục mã «{code}»"))
        return errors

    def record_pages(self, catalog: Catalog, records: Sequence[Question], memo: Memo = no_memo) -> list[Page]:
        return [Page(f"hoi-dap/{q.ma}.md", partial(_question_page, q)) for q in records]

    def listing_pages(self, catalog: Catalog, memo: Memo = no_memo) -> list[Page]:
        return [Page("hoi-dap/index.md", partial(_index_page, self.summaries(catalog)))]

    def nav(self, catalog: Catalog) -> list[NavEntry]:
        return [{"Hỏi đáp": "hoi-dap/index.md"}]

    def home_links(self, catalog: Catalog) -> list[Link]:
        return [Link("Hỏi đáp", "hoi-dap/index.md")]

    def home_section(self, catalog: Catalog) -> str:
        return f"## Hỏi đáp\n\n{len(self.summaries(catalog))} câu hỏi thường gặp.\n"

    def search_filters(self) -> dict[str, str]:
        return {"chu_de": "Chủ đề"}

    # Open data, feeds and history: described here, written by generator.site.

    def title_of(self, item: Question | Brief) -> str:
        return item.cau_hoi

    def page_of(self, key: str) -> str | None:
        return f"hoi-dap/{key}.md"

    def updated(self, summary: Brief) -> date | None:
        return summary.ngay_tra_loi

    def tables(self, catalog: Catalog) -> list[Table]:
        columns = (
            column(Question, "ma", required=True),
            column(Question, "cau_hoi", required=True),
            column(Question, "chu_de"),
            column(Question, "thu_tuc", is_list=True),
            column(Question, "ngay_tra_loi", "date"),
            Column("so_thu_tuc", "Số thủ tục liên quan.", "integer", required=True, title="Số thủ tục"),
        )
        rows = [
            (b.ma, b.cau_hoi, b.chu_de, b.thu_tuc, b.ngay_tra_loi, len(b.thu_tuc))
            for b in self.summaries(catalog)
        ]
        return [Table("hoi-dap", "Hỏi đáp", columns, partial(list, rows), primary_key=("ma",))]

    def feeds(self, catalog: Catalog) -> list[Feed]:
        entries = [
            FeedEntry(f"hoi-dap/{b.ma}.md", b.cau_hoi, b.ngay_tra_loi, b.chu_de)
            for b in self.summaries(catalog)
            if b.ngay_tra_loi
        ]
        return [
            Feed("du-lieu/hoi-dap.xml", "Hỏi đáp mới", partial(list, entries), pages=("hoi-dap/index.md",))
        ]

    def history_fields(self, record: Question) -> dict[str, Value]:
        return {"Câu trả lời": record.tra_loi, "Thủ tục liên quan": tuple(record.thu_tuc)}

    def milestones(self, record: Question) -> list[Milestone]:
        return [Milestone(record.ngay_tra_loi, "Trả lời", "")] if record.ngay_tra_loi else []


def _question_page(question: Question) -> str:
    fields = SearchFields(
        meta=(("ma", question.ma), ("khong_dau", folded(question.cau_hoi))),
        filters=((PAGE_TYPE, "Hỏi đáp"), ("chu_de", question.chu_de)),
    )
    return render(
        "hoi-dap/question.md.j2",
        front_matter=front_matter(question.cau_hoi, question.chu_de),
        q=question,
        search_fields=fields_html(fields),
    )


def _index_page(briefs: tuple[Brief, ...]) -> str:
    matter = front_matter("Hỏi đáp", "Câu hỏi thường gặp")
    return render("hoi-dap/index.md.j2", front_matter=matter, briefs=briefs)


QUESTIONS = Questions()
