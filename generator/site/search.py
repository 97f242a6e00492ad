"""Search: what each procedure page tells Pagefind, the browser's search settings, and the indexing run.

Pagefind 1.5 folds tone marks on both sides, but not ``đ`` (it has no Unicode decomposition), so
"dang ky" would not find "đăng ký". Worse for Vietnamese, it weighs a folded word by how many pages
contain *any* of its accented forms: «hộ», «hồ» (hồ sơ) and «họ» are one word "ho" found on every
page, so in "giám hộ" only "giám" counts and «giám định» pages win. Each procedure page therefore
carries, in a hidden block Pagefind reads but does not show:

* ``khong_dau``: the name folded (lower case, no tone marks, ``đ`` → ``d``), so "dang ky" matches;
* ``cum_tu``: the pairs of neighbouring folded words of the name, keywords and sector, each pair as
  one word ("dangky kykhai khaitu"). A pair is rare where its syllables are not, so the browser's
  pair query ranks the pages *named* by what was typed first, with or without tone marks;
* ``ten_lien``: the name's words joined into one ("dangkykhaisinh", :func:`joined`), which the
  browser's quoted joined query matches only when what was typed is the whole name;
* ``tu_khoa``: keywords, sector and synonym expansions, folded; ``ma`` and ``ma_so``: the code with
  and without dots; and one filter per facet (:data:`FILTERS`).

The browser (``theme/assets/ck-search.js``) runs a few searches for one query and fuses their rankings:
the query as typed (with exact tone marks when it has any, which also restores the weight of «hộ»),
its word pairs, and synonym swaps. Synonyms are applied on both sides, because each side alone ranks
badly:

* **At index time** a page whose name, keywords or sector contain a term of a synonym group gets the
  other terms of the group in ``tu_khoa`` and ``cum_tu``. Pagefind ANDs the words of a query, so this
  is what lets a mixed query such as "cấp phiếu lltp" match: "lltp" is then a word of the page.
* **At query time** the query is also searched with the term replaced by the other terms of its group
  (from the JSON written by :func:`search_pages`). A metadata-only match of "lltp" ranks every page
  that carries the expansion about equally; the rewritten "lý lịch tư pháp" orders them by how much
  they are about it.

What a procedure page gives Pagefind as *text* is kept small on purpose: its status notice (replaced,
abolished) and the section «Kết quả thực hiện» (the result names, without their codes). The name is
the page's ``title`` meta (read from the ``<h1>``, which is itself left out of the text); steps,
channels, documents, conditions, legal bases, agencies and publication details are
``data-pagefind-ignore`` in ``procedures/procedure.md.j2``. Pagefind holds every indexed word of every
page in memory, more than once, while it indexes: with the whole page (≈1,500 words) a 5,000-page
catalogue took 2.1 GB and 26 s, with the results only (≈20 words) 0.34 GB. Ranking on the real
catalogue did not suffer (the name and keyword fields carry it), and the excerpt under each result
now says what the citizen receives instead of repeating the title.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from generator.site.catalog import Catalog
from generator.core.errors import BuildError
from generator.procedures.facts import is_free
from generator.procedures.model import LEVELS, ONLINE_LEVELS, SUBJECTS, Procedure
from generator.procedures.summary import Summary
from generator.core.render import Page, render
from generator.build.searchbundle import stabilise
from generator.site.synonyms import SynonymFile, words

PROCEDURE_TYPE = "Thủ tục hành chính"
"""The page-type filter value of procedure pages (petitions and plan tasks will add their own)."""

FILTERS: dict[str, str] = {
    "loai_trang": "Loại trang",
    "linh_vuc": "Lĩnh vực",
    "cap_thuc_hien": "Cấp thực hiện",
    "doi_tuong": "Đối tượng thực hiện",
    "dvc_truc_tuyen": "Dịch vụ công trực tuyến",
    "phi": "Phí, lệ phí",
}
"""Filter keys in the index and the facet titles the search page shows, in display order."""

FREE, PAID = "Miễn phí", "Có thu phí, lệ phí"
NOT_PUBLISHED = "Chưa công bố"
RANKING: dict[str, object] = {
    "metaWeights": {
        "title": 5.0,
        "khong_dau": 5.0,
        "cum_tu": 5.0,
        "ten_lien": 5.0,
        "tu_khoa": 2.0,
        "ma": 10.0,
        "ma_so": 10.0,
    },
}
"""Pagefind ranking options: the folded name and its word pairs weigh as much as the title (Pagefind's
default 5), and a code as much as two titles."""
JOINED_WORDS = 8
"""How many words of a name :func:`joined` keeps: enough to tell names apart, short enough to index."""
ROOT_SELECTOR = "article"
"""Where Pagefind looks in a page: Material's article, which holds every ``data-pagefind-body``.

Pagefind parses every element under its root, indexed or not; leaving the header, navigation,
footer and scripts out saves about a quarter of its CPU time on a large catalogue and changes
nothing in the bundle. Not ``[data-pagefind-body]`` itself: a catalogue without procedures has no
such element, and Pagefind then indexes whole pages (here: their articles) instead of failing.
"""
SETTINGS_PATH = "tim-kiem/cau-hinh.json"
"""Where the browser finds the facet titles and the synonym groups (next to the search page)."""


@dataclass(frozen=True)
class SearchFields:
    """What one page tells the search index: metadata shown or searched, and filter values."""

    meta: tuple[tuple[str, str], ...]
    filters: tuple[tuple[str, str], ...]


def normalise(text: str) -> str:
    """A query as the browser searches it: NFC, whitespace collapsed (case and marks left to Pagefind)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def code_forms(code: str) -> tuple[str, str]:
    """A procedure code as written and without dots: ``1.013859`` and ``1013859``."""
    return code, code.replace(".", "")


def expansions(phrases: list[str], synonyms: SynonymFile) -> list[str]:
    """The folded terms of every synonym group one of whose terms occurs, as whole words, in ``phrases``."""
    text = _padded(phrases)
    found: list[str] = []
    for group in synonyms.nhom:
        if any(_occurs(term, text) for term in group):
            found += [term for term in map(_folded, group) if term not in found]
    return found


def _padded(phrases: Iterable[str]) -> str:
    """``phrases`` folded, joined and padded with spaces, for :func:`_occurs`."""
    return f" {' '.join(map(_folded, phrases))} "


def _occurs(term: str, padded: str) -> bool:
    """Whether ``term`` occurs as whole words in the text :func:`_padded` made."""
    return f" {_folded(term)} " in padded


def _folded(phrase: str) -> str:
    return " ".join(words(phrase))


def search_examples(catalog: Catalog) -> list[str]:
    """What the search hint suggests typing, all of which find procedures of this site: the shortest
    current name with its tone marks, the next one without, the first one's code, and the first
    abbreviation whose other terms occur in a current name."""
    current = sorted(
        (p for p in catalog.procedures if p.trang_thai == "hieu_luc"),
        key=lambda p: (len(p.ten_thu_tuc), p.ma_thu_tuc),
    )
    if not current:
        return []
    examples = [current[0].ten_thu_tuc, *(folded_title(p) for p in current[1:2]), current[0].ma_thu_tuc]
    names = _padded(p.ten_thu_tuc for p in current)
    for group in catalog.synonyms.nhom:
        if any(_occurs(term, names) for term in group[1:]):
            return [*examples, group[0]]
    return examples


def folded_title(procedure: Procedure | Summary) -> str:
    """The name folded (``đ`` → ``d``): a short field, so a query that names the procedure covers it."""
    return _folded(procedure.ten_thu_tuc)


def pairs(phrase: str) -> list[str]:
    """Neighbouring folded words joined into one: ``Đăng ký khai tử`` → ``dangky kykhai khaitu``."""
    folded = words(phrase)
    return [a + b for a, b in itertools.pairwise(folded)]


def joined(phrase: str) -> str:
    """The first words of a name folded and joined into one word, without a leading «Thủ tục».

    The browser searches the query joined the same way and quoted (no prefix matching), which finds
    exactly the procedure named «Đăng ký khai sinh» and not the many names that begin with it.
    """
    folded = words(phrase)
    if folded[:2] == ["thu", "tuc"]:
        folded = folded[2:]
    return "".join(folded[:JOINED_WORDS])


def folded_pairs(procedure: Procedure, sector: str, synonyms: SynonymFile) -> str:
    """The word pairs of the name, keywords, sector and synonym expansions; each pair once."""
    phrases = [procedure.ten_thu_tuc, *procedure.tu_khoa, sector]
    found = [pair for p in [*phrases, *expansions(phrases, synonyms)] for pair in pairs(p)]
    return " ".join(dict.fromkeys(found))


def folded_keywords(procedure: Procedure, sector: str, synonyms: SynonymFile) -> str:
    """Keywords and sector folded, plus synonym expansions of the name, keywords and sector; each once."""
    phrases = [procedure.ten_thu_tuc, *procedure.tu_khoa, sector]
    folded = [_folded(p) for p in phrases[1:]]
    unique = list(dict.fromkeys(p for p in [*folded, *expansions(phrases, synonyms)] if p))
    return " ".join(unique)


def joined_names(procedure: Procedure) -> str:
    """The joined forms of the name and of each keyword; each once."""
    return " ".join(dict.fromkeys(j for j in map(joined, [procedure.ten_thu_tuc, *procedure.tu_khoa]) if j))


def procedure_fields(catalog: Catalog, procedure: Procedure) -> SearchFields:
    """The search metadata and filter values of one procedure, from the labels the page shows."""
    sector = catalog.sector(procedure.linh_vuc).ten
    code, digits = code_forms(procedure.ma_thu_tuc)
    online = procedure.dvc_truc_tuyen
    filters = [
        ("loai_trang", PROCEDURE_TYPE),
        ("linh_vuc", sector),
        *(("cap_thuc_hien", LEVELS[level]) for level in procedure.cap_thuc_hien),
        *(("doi_tuong", SUBJECTS[subject]) for subject in procedure.doi_tuong),
        ("dvc_truc_tuyen", ONLINE_LEVELS[online] if online else NOT_PUBLISHED),
        ("phi", FREE if is_free(procedure) else PAID),
    ]
    meta = [
        ("ma", code),
        ("ma_so", digits),
        ("linh_vuc", sector),
        ("khong_dau", folded_title(procedure)),
        ("cum_tu", folded_pairs(procedure, sector, catalog.synonyms)),
        ("ten_lien", joined_names(procedure)),
        ("tu_khoa", folded_keywords(procedure, sector, catalog.synonyms)),
    ]
    return SearchFields(tuple(meta), tuple(filters))


def fields_html(fields: SearchFields) -> str:
    """The hidden block a page carries for Pagefind; every value entity-escaped by :func:`md`."""
    return render("site/search-fields.md.j2", fields=fields).rstrip("\n")


def settings_json(catalog: Catalog) -> str:
    """The browser's search settings: facet titles and synonym groups (as staff wrote them)."""
    settings = {
        "filters": [{"key": key, "label": label} for key, label in FILTERS.items()],
        "ranking": RANKING,
        "synonyms": [list(group) for group in catalog.synonyms.nhom],
    }
    return json.dumps(settings, ensure_ascii=False, indent=1) + "\n"


def search_pages(catalog: Catalog) -> list[Page]:
    """The files of the documentation folder that search needs besides the pages themselves."""
    return [Page(SETTINGS_PATH, partial(settings_json, catalog))]


def pagefind_command(site: Path) -> list[str]:
    """The Pagefind run: the binary shipped by the ``pagefind[bin]`` package, never a download.

    Pagefind reads only inside :data:`ROOT_SELECTOR`, which gives the same bundle with less work.
    """
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--root-selector",
        ROOT_SELECTOR,
        "--force-language",
        "vi",
        "--silent",
    ]


def index_site(site: Path) -> int:
    """Index the built site in place (``site/pagefind/``), reproducibly; return the pages indexed."""
    try:
        run = subprocess.run(pagefind_command(site), capture_output=True, text=True, check=False)
    except OSError as exc:
        raise BuildError(f"Pagefind could not start: {exc}") from exc
    entry = site / "pagefind" / "pagefind-entry.json"
    if run.returncode != 0 or not entry.is_file():
        detail = (run.stderr or run.stdout).strip()
        raise BuildError(f"Pagefind failed (exit {run.returncode}):\n{detail}")
    stabilise(site / "pagefind")
    languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
    return sum(int(language["page_count"]) for language in languages.values())
