"""What each procedure page tells the search index (see :mod:`generator.site.search` for why each
field is there), and the search page's examples."""

from __future__ import annotations

from collections.abc import Iterable

from generator.procedures import lookup
from generator.procedures.facts import is_free, level_labels, online_text
from generator.procedures.model import SUBJECTS, Procedure
from generator.procedures.summary import Summary
from generator.site.catalog import Catalog
from generator.site.search import (
    NAME_LENGTH,
    PAGE_TYPE,
    SearchFields,
    code_forms,
    expansions,
    folded,
    joined,
    name_length,
    occurs,
    padded,
    pairs,
)
from generator.site.synonyms import SynonymFile

PROCEDURE_TYPE = "Thủ tục hành chính"
"""The page-type filter value of procedure pages."""

FILTERS: dict[str, str] = {
    "linh_vuc": "Lĩnh vực",
    "cap_thuc_hien": "Cấp thực hiện",
    "doi_tuong": "Đối tượng thực hiện",
    "dvc_truc_tuyen": "Dịch vụ công trực tuyến",
    "phi": "Phí, lệ phí",
}
"""The procedures' filter keys in the index and their facet titles, in display order."""

FREE, PAID = "Miễn phí", "Có thu phí, lệ phí"


def search_examples(catalog: Catalog) -> list[str]:
    """What the search hint suggests typing, all of which find procedures of this site: the shortest
    current name with its tone marks, the next one without, the first one's code, and the first
    abbreviation whose other terms occur in a current name."""
    current = sorted(
        (p for p in lookup.summaries(catalog) if p.trang_thai == "hieu_luc"),
        key=lambda p: (len(p.ten_thu_tuc), p.ma_thu_tuc),
    )
    if not current:
        return []
    examples = [current[0].ten_thu_tuc, *(folded_title(p) for p in current[1:2]), current[0].ma_thu_tuc]
    names = padded(p.ten_thu_tuc for p in current)
    for group in catalog.synonyms.nhom:
        if any(occurs(term, names) for term in group[1:]):
            return [*examples, group[0]]
    return examples


def folded_title(procedure: Procedure | Summary) -> str:
    """The name folded (``đ`` → ``d``): a short field, so a query that names the procedure covers it."""
    return folded(procedure.ten_thu_tuc)


def folded_pairs(procedure: Procedure, sector: str, synonyms: SynonymFile) -> str:
    """The word pairs of the name, keywords, sector and synonym expansions; each pair once."""
    phrases = [procedure.ten_thu_tuc, *procedure.tu_khoa, sector]
    found = [pair for p in [*phrases, *expansions(phrases, synonyms)] for pair in pairs(p)]
    return " ".join(dict.fromkeys(found))


def folded_keywords(procedure: Procedure, sector: str, synonyms: SynonymFile) -> str:
    """Keywords and sector folded, plus synonym expansions of the name, keywords and sector; each once."""
    phrases = [procedure.ten_thu_tuc, *procedure.tu_khoa, sector]
    folded_phrases = [folded(p) for p in phrases[1:]]
    unique = list(dict.fromkeys(p for p in [*folded_phrases, *expansions(phrases, synonyms)] if p))
    return " ".join(unique)


def joined_names(procedure: Procedure) -> str:
    """The joined forms of the name and of each keyword; each once."""
    return " ".join(dict.fromkeys(j for j in map(joined, [procedure.ten_thu_tuc, *procedure.tu_khoa]) if j))


def filter_values(
    sector: str, levels: list[str], subjects: Iterable[str], online: str, free: bool
) -> tuple[tuple[str, str], ...]:
    """A procedure's value of each filter (:data:`FILTERS`), from the labels its page shows: the search
    index's (:func:`procedure_fields`) and the names file's (:func:`summary_filters`) alike."""
    return (
        (PAGE_TYPE, PROCEDURE_TYPE),
        ("linh_vuc", sector),
        *(("cap_thuc_hien", level) for level in levels),
        *(("doi_tuong", SUBJECTS[subject]) for subject in subjects),
        ("dvc_truc_tuyen", online),
        ("phi", FREE if free else PAID),
    )


def summary_filters(catalog: Catalog, summary: Summary) -> tuple[tuple[str, str], ...]:
    """:func:`filter_values` of a procedure's summary."""
    sector = catalog.sector(summary.linh_vuc).ten
    return filter_values(
        sector, level_labels(summary), summary.doi_tuong, summary.truc_tuyen, summary.mien_phi
    )


def procedure_fields(catalog: Catalog, procedure: Procedure) -> SearchFields:
    """The search metadata and filter values of one procedure, from the labels the page shows."""
    sector = catalog.sector(procedure.linh_vuc).ten
    code, digits = code_forms(procedure.ma_thu_tuc)
    filters = filter_values(
        sector, level_labels(procedure), procedure.doi_tuong, online_text(procedure), is_free(procedure)
    )
    meta = [
        ("ma", code),
        ("ma_so", digits),
        ("linh_vuc", sector),
        ("khong_dau", folded_title(procedure)),
        ("cum_tu", folded_pairs(procedure, sector, catalog.synonyms)),
        ("ten_lien", joined_names(procedure)),
        ("tu_khoa", folded_keywords(procedure, sector, catalog.synonyms)),
    ]
    sorts = [(NAME_LENGTH, name_length(procedure.ten_thu_tuc))]
    return SearchFields(tuple(meta), filters, tuple(sorts))
