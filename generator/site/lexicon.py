"""Từ điển tìm kiếm (the search lexicon): the optional file ``content/tu-dien.yml``.

Citizens do not type the names of procedures. They type what they call the paper («sổ đỏ», «giấy chứng
tử»), an abbreviation («CMND», «GPLX») or a question full of filler words («muốn làm giấy khai sinh cho
con thì làm ở đâu»). The lexicon holds both sides of that gap:

* ``tu_bo_qua``: filler words and phrases the browser leaves out of a query's meaningful words (a
  stop list); they are still compared with the procedures' names, so «cho» in a name still counts;
* ``nhom``: groups of everyday terms, abbreviations and official terms that mean the same thing, each
  with ``nguon``, where the terms come from (the national portal's own terms, a law, the procedures'
  names), so that a reviewer can check them; ``goi_y`` marks a group of places, levels or agencies
  («tỉnh», «UBND»), hints rather than what a query asks for: the browser weighs them as filler words.

Unlike ``tu-dong-nghia.yml`` (see :mod:`generator.site.synonyms`), which is also written into every
matching page, the lexicon is applied only in the browser (``theme/assets/ck-search.js``): hundreds of
groups would otherwise grow every page's index entry. Matching ignores case, tone marks and ``đ``/``d``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints

from generator.core.errors import DataError
from generator.core.fields import Record, no_items
from generator.core.privacy import AllowList, scan_file
from generator.core.records import Loaded, load_one
from generator.site.synonyms import Term, words

Source = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=200)]
"""Where a group's terms come from: «Luật Hộ tịch 2014», «tên thủ tục trên Cổng DVCQG»…"""


class LexiconGroup(Record):
    """Terms that mean the same thing, and where they come from."""

    tu: Annotated[list[Term], Field(min_length=2)]
    """Các cách gọi: cách gọi thông dụng hoặc chữ viết tắt trước, tên chính thức dùng trong tên thủ tục đứng
    cuối."""
    nguon: Source
    """Nguồn: điều luật, tên trên Cổng DVCQG hoặc tên thủ tục mà nhóm này lấy từ đó."""
    goi_y: bool = False
    """Chỉ là gợi ý: nơi chốn, cấp hay cơ quan («tỉnh», «UBND», «bệnh viện»). Người dân hay nêu chúng
    trong câu hỏi, nhưng chúng không tự nói lên thủ tục nào: ô tìm kiếm tính chúng nhẹ như từ đệm."""


class Lexicon(Record):
    """The search lexicon of one site: a stop list and groups of equivalent terms."""

    tu_bo_qua: list[Term] = no_items()
    """Từ bỏ qua: từ đệm, cụm từ không nói gì về thủ tục cần tìm, ví dụ «làm», «ở đâu»."""
    nhom: list[LexiconGroup] = no_items()
    """Nhóm từ: cách gọi thông dụng, chữ viết tắt và tên chính thức cùng nghĩa."""


def check_lexicon(loaded: Loaded[Lexicon]) -> list[DataError]:
    """Each term has a letter or digit and appears once in the whole file (compared folded), so that a
    query's term belongs to one group at most and a filler word is never also a term."""
    errors: list[DataError] = []
    seen: dict[tuple[str, ...], str] = {}

    def see(term: str, key: tuple[str | int, ...], where: str) -> None:
        folded = tuple(words(term))
        if not folded:
            errors.append(loaded.doc.error(key, f"«{term}» không có chữ hay số nào"))
        elif folded in seen:
            message = f"«{term}» đã có ở {seen[folded]} (không phân biệt hoa thường, dấu và đ/d)"
            errors.append(loaded.doc.error(key, message))
        else:
            seen[folded] = where

    for i, term in enumerate(loaded.record.tu_bo_qua):
        see(term, ("tu_bo_qua", i), f"tu_bo_qua[{i}]")
    for i, group in enumerate(loaded.record.nhom):
        for j, term in enumerate(group.tu):
            see(term, ("nhom", i, "tu", j), f"nhom[{i}].tu[{j}]")
    return errors


def load_lexicon(path: Path, allowed: AllowList) -> tuple[Lexicon, list[DataError]]:
    """The lexicon at ``path``, its terms and sources scanned for personal data (``allowed`` passing);
    empty when the file does not exist."""
    if not path.is_file():
        return Lexicon(), []
    loaded, errors = load_one(path, Lexicon)
    if loaded is None:
        return Lexicon(), errors
    return loaded.record, errors + scan_file(loaded, allowed) + check_lexicon(loaded)
