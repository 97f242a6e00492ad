"""Search fields every dataset's pages share: folding, word pairs, joined names, synonym expansions, the
hidden block a page carries for Pagefind and the browser's settings.

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

The search page answers a query about procedures without Pagefind: from the names file
(:func:`names_json`, which also carries each record's filter values, so the page counts and applies the
filters itself) and the term index (:mod:`generator.site.termindex`), like the header box. Pagefind is
asked afterwards, below that answer, for the kinds of page that are not in the names file
(:func:`other_kinds`: feedback items), and for the whole answer when the records answer weakly or not at
all. For those searches the browser (``theme/assets/ck-search.js``) runs a few Pagefind searches for one
query and fuses their rankings:
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

import gzip
import itertools
import json
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from generator.core.render import Page, render
from generator.site.catalog import Catalog
from generator.site.dataset import Dataset, SearchName
from generator.site.synonyms import SynonymFile, words
from generator.site.termindex import SearchTexts, shard_files

PAGE_TYPE = "loai_trang"
"""The filter every page of every dataset carries: which kind of record it is."""
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
PORTAL_SEARCH = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh"
"""The national portal's procedure search, offered when this site finds nothing."""
NAME_LENGTH = "do_dai_ten"
"""The sort key of every page: how many words its name has (zero-padded). The browser also runs the
query sorted by it, so that among the pages holding every word, the closest names (fewest other
words) are among the candidates it ranks, however many longer names contain the same words."""
SETTINGS_PATH = "tim-kiem/cau-hinh.json"
"""Where the browser finds the facet titles and the synonym groups (next to the search page)."""
NAMES_PATH = "tim-kiem/ten.json.gz"
"""Where the browser finds every record's name, code and group (:func:`names_json`), gzipped by the
build (:func:`names_file`)."""


@dataclass(frozen=True)
class SearchFields:
    """What one page tells the search index: metadata shown or searched, and filter values."""

    meta: tuple[tuple[str, str], ...]
    filters: tuple[tuple[str, str], ...]
    sorts: tuple[tuple[str, str], ...] = ()


def normalise(text: str) -> str:
    """A query as the browser searches it: NFC, whitespace collapsed (case and marks left to Pagefind)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def code_forms(code: str) -> tuple[str, str]:
    """A procedure code as written and without dots: ``1.013859`` and ``1013859``."""
    return code, code.replace(".", "")


def expansions(phrases: list[str], synonyms: SynonymFile) -> list[str]:
    """The folded terms of every synonym group one of whose terms occurs, as whole words, in ``phrases``."""
    text = padded(phrases)
    found: list[str] = []
    for group in synonyms.nhom:
        if any(occurs(term, text) for term in group):
            found += [term for term in map(folded, group) if term not in found]
    return found


def padded(phrases: Iterable[str]) -> str:
    """``phrases`` folded, joined and padded with spaces, for :func:`occurs`."""
    return f" {' '.join(map(folded, phrases))} "


def occurs(term: str, padded: str) -> bool:
    """Whether ``term`` occurs as whole words in the text :func:`padded` made."""
    return f" {folded(term)} " in padded


def folded(phrase: str) -> str:
    return " ".join(words(phrase))


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


def name_length(phrase: str) -> str:
    """The :data:`NAME_LENGTH` sort value of a name: its words without «Thủ tục», as three digits."""
    folded = words(phrase)
    if folded[:2] == ["thu", "tuc"]:
        folded = folded[2:]
    return f"{min(len(folded), 999):03d}"


def fields_html(fields: SearchFields) -> str:
    """The hidden block a page carries for Pagefind; every value entity-escaped by :func:`md`."""
    return render("site/search-fields.md.j2", fields=fields).rstrip("\n")


def filters(catalog: Catalog) -> dict[str, str]:
    """Filter keys in the index and the facet titles the search page shows, in display order: the page
    type, then each dataset's own."""
    found = {PAGE_TYPE: "Loại trang"}
    for dataset in catalog.datasets:
        found.update(dataset.search_filters())
    return found


def vocabulary(catalog: Catalog) -> str:
    """Every folded word of the records' names, the sectors, the synonyms and the lexicon, the most
    frequent first, space-separated: the browser corrects a query word only when it is not one of them
    (see :data:`SETTINGS_PATH`), and prefers the most frequent of several corrections."""
    counts: Counter[str] = Counter()
    phrases = [p for dataset in catalog.datasets for p in dataset.search_phrases(catalog)]
    phrases += [s.ten for s in catalog.sectors]
    phrases += [term for group in catalog.synonyms.nhom for term in group]
    phrases += [term for group in catalog.lexicon.nhom for term in group.tu]
    for phrase in phrases:
        counts.update(set(words(phrase)))
    return " ".join(sorted(counts, key=lambda word: (-counts[word], word)))


def doc_url(path: str) -> str:
    """The site-relative URL of a docs path: ``linh-vuc/ho-tich.md`` → ``linh-vuc/ho-tich/``."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def search_records(catalog: Catalog) -> list[tuple[Dataset[Any, Any], list[SearchName]]]:
    """Each dataset with names and a page, its names in the names file's order: the current records
    first, each part sorted by name then key (the term index numbers records in this order)."""
    out = []
    for dataset in catalog.datasets:
        names = dataset.search_names(catalog)
        if names and dataset.page_of("{}") is not None:
            out.append((dataset, sorted(names, key=lambda n: (not n.current, n.name, n.key))))
    return out


def other_kinds(catalog: Catalog) -> list[str]:
    """The kinds of page (``loai_trang``) the search index holds besides the records of the names file:
    the search page answers from the names and the term index, and asks Pagefind for these below."""
    named = {dataset.name for dataset, _ in search_records(catalog)}
    kinds = (dataset.search_kind(catalog) for dataset in catalog.datasets if dataset.name not in named)
    return [kind for kind in kinds if kind]


def term_files(catalog: Catalog) -> tuple[dict[str, object], dict[str, bytes]]:
    """The term index of every record with a name (:mod:`generator.site.termindex`)."""
    records: list[SearchTexts] = []
    for dataset, names in search_records(catalog):
        texts = {t.key: t for t in dataset.search_texts(catalog)}
        records += [texts.get(n.key) or SearchTexts(n.key, (("ten", n.name),)) for n in names]
    return shard_files(records)


def hint_terms(catalog: Catalog) -> list[str]:
    """The terms of the lexicon's hint groups (places, levels, agencies), which the browser weighs as
    filler words."""
    return [term for group in catalog.lexicon.nhom if group.goi_y for term in group.tu]


def browser_synonyms(catalog: Catalog) -> list[list[str]]:
    """The synonym groups the browser reads a query with: without the lexicon's hint terms («UBND» is
    a place to apply, weighed as a filler word, even where a synonym group also names it); a group left
    with fewer than two terms is dropped. The pages keep every synonym (their keywords)."""
    hints = {tuple(words(term)) for term in hint_terms(catalog)}
    groups = ([term for term in group if tuple(words(term)) not in hints] for group in catalog.synonyms.nhom)
    return [group for group in groups if len(group) > 1]


def settings_json(catalog: Catalog, terms: dict[str, object] | None = None) -> str:
    """The browser's search settings: facet titles, ranking, synonym groups (as staff wrote them), the
    lexicon's groups and filler words, the vocabulary, where to look when nothing is found, and the
    kinds of page Pagefind answers for below the records (:func:`other_kinds`)."""
    settings = {
        "filters": [{"key": key, "label": label} for key, label in filters(catalog).items()],
        "ranking": RANKING,
        "synonyms": browser_synonyms(catalog),
        "lexicon": [list(group.tu) for group in catalog.lexicon.nhom if not group.goi_y],
        "stop": list(catalog.lexicon.tu_bo_qua) + hint_terms(catalog),
        "vocabulary": vocabulary(catalog),
        "fallback": [
            {"text": link.text, "url": doc_url(link.path)}
            for dataset in catalog.datasets
            for link in dataset.search_fallback(catalog)
        ],
        "portal": PORTAL_SEARCH,
        "others": other_kinds(catalog),
        "terms": terms if terms is not None else term_files(catalog)[0],
        "elsewhere": [topic.model_dump(exclude_none=True) for topic in catalog.elsewhere],
    }
    return json.dumps(settings, ensure_ascii=False, indent=1) + "\n"


def names_json(catalog: Catalog) -> str:
    """The names the browser ranks before Pagefind answers (``Names`` in ``theme/assets/ck-search.js``):
    per dataset with :meth:`~generator.site.dataset.Dataset.search_names`, the page address with ``{}``
    for the key, the groups (sectors) once each, the filter values (``[key, value]``,
    :attr:`SearchName.filters`) once each, and one line ``[key, name, group index, [filter value
    indexes]]`` per record, the current records first, each part sorted by name then key: the row
    order breaks ties between equal names, and sorted names share their beginnings, which gzip
    compresses well."""
    compact = partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
    parts = []
    for dataset, ordered in search_records(catalog):
        page = dataset.page_of("{}")
        assert page is not None
        groups = sorted({n.group for n in ordered})
        index = {group: i for i, group in enumerate(groups)}
        values = sorted({pair for n in ordered for pair in n.filters})
        at = {pair: i for i, pair in enumerate(values)}
        rows = ",\n".join(
            compact([n.key, n.name, index[n.group], *([[at[pair] for pair in n.filters]] if values else [])])
            for n in ordered
        )
        head = f'"page":{compact(doc_url(page))},"groups":{compact(groups)},"filters":{compact(values)}'
        parts.append(f'{{{head},"rows":[\n{rows}]}}')
    return f'{{"sets":[{",".join(parts)}]}}\n'


def names_file(catalog: Catalog) -> bytes:
    """:func:`names_json` gzipped (no date in the header, so the same names give the same bytes). The
    site sends it compressed whatever the web server does: about 60 KB for 5,000 procedures instead of
    750 KB from a server that does not compress (as Pagefind's own files). A server that adds
    ``Content-Encoding: gzip`` for ``.gz`` makes the browser inflate it: ck-search.js reads both."""
    return gzip.compress(names_json(catalog).encode(), compresslevel=9, mtime=0)


def search_pages(catalog: Catalog) -> list[Page]:
    """The files of the documentation folder that search needs besides the pages themselves."""
    terms, shards = term_files(catalog)
    return [
        Page(SETTINGS_PATH, partial(settings_json, catalog, terms)),
        Page(NAMES_PATH, partial(names_file, catalog)),
        *(Page(path, partial(bytes, data)) for path, data in shards.items()),
    ]
