"""The term index: every word (and pair of neighbouring words) that a record says in the parts a citizen
names — its name, its results, its documents, its sector, its agency, its legal bases, its conditions —
with the weight of the part it was found in, sharded so that a query downloads only the shards of its own
words.

``ck-search.js`` (``Terms``) scores records by IDF-weighted coverage of the query's words: the share of
the query's weight a record holds, each word weighing ``log(1 + N / df)``, so that a long question finds
the record holding its rare words and words found in most records (family words, places, agencies,
question words) count little without a hand stop list. The records are numbered as the rows of the
names file (``tim-kiem/ten.json.gz``, :func:`generator.site.search.names_json`), which the browser
already holds for their names and pages.

Files: ``tim-kiem/tu/<n>.json.gz``, one JSON object per shard, ``{term: [records holding it, record,
weight, record, weight, …]}``; a term is folded (lower case, no tone marks, ``đ`` → ``d``) and a pair
is two words with one space. The shard of a term is its 32-bit FNV-1a hash modulo the shard count
(``settings.terms``).
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.site.synonyms import words

FIELD_WEIGHTS = {
    "ten": 10,
    "ket_qua": 8,
    "tu_khoa": 8,
    "linh_vuc": 4,
    "giay_to": 3,
    "can_cu": 3,
    "co_quan": 2,
    "yeu_cau": 2,
}
"""How much a word says about a record, by the part it was found in (the browser divides by 10)."""
PAIR_FIELDS = frozenset({"ten", "ket_qua", "tu_khoa", "giay_to", "linh_vuc"})
"""The parts whose neighbouring words are also indexed as pairs (a name's phrases)."""
COMMON_SHARE = 0.25
STRONG = 8
"""A term held by more than :data:`COMMON_SHARE` of the records keeps only the records that hold it in
a part weighing this much or more (name, results): the others would be most of a query's bytes for a
word that weighs almost nothing."""
SHARD_BYTES = 3_000
"""Aimed gzipped size of a shard: the shard count is the power of two that gives about this much."""
TERMS_DIR = "tim-kiem/tu"


@dataclass(frozen=True)
class SearchTexts:
    """What a record says in the parts a citizen names: ``(part, text)``, parts of
    :data:`FIELD_WEIGHTS`."""

    key: str
    texts: tuple[tuple[str, str], ...]


def fnv1a(term: str) -> int:
    """The 32-bit FNV-1a hash of a folded term's bytes (the browser computes the same)."""
    h = 0x811C9DC5
    for byte in term.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def postings(records: Sequence[SearchTexts]) -> dict[str, dict[int, int]]:
    """Each term → {record number: its best weight}."""
    index: dict[str, dict[int, int]] = defaultdict(dict)
    for number, record in enumerate(records):
        for part, text in record.texts:
            weight = FIELD_WEIGHTS[part]
            folded = words(text)
            terms: Iterable[str] = folded
            if part in PAIR_FIELDS:
                terms = [*folded, *(f"{a} {b}" for a, b in itertools.pairwise(folded))]
            for term in terms:
                held = index[term]
                if held.get(number, 0) < weight:
                    held[number] = weight
    return index


def shard_files(records: Sequence[SearchTexts]) -> tuple[dict[str, object], dict[str, bytes]]:
    """The settings the browser needs (``path``, ``shards``, ``records``) and every shard file
    (path → gzipped JSON), the same bytes for the same records."""
    index = postings(records)
    limit = max(4, int(len(records) * COMMON_SHARE))
    kept = {
        t: {n: w for n, w in held.items() if len(held) <= limit or w >= STRONG} for t, held in index.items()
    }
    raw = sum(len(t) + 6 * len(held) for t, held in kept.items())
    shards = 1 << max(0, math.ceil(math.log2(max(1, raw / (SHARD_BYTES * 3)))))
    grouped: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for term in sorted(kept):
        flat = [n for number, weight in sorted(kept[term].items()) for n in (number, weight)]
        grouped[fnv1a(term) % shards][term] = [len(index[term]), *flat]
    files = {
        f"{TERMS_DIR}/{i}.json.gz": gzip.compress(
            json.dumps(group, separators=(",", ":"), sort_keys=True).encode(), compresslevel=9, mtime=0
        )
        for i, group in enumerate(grouped)
    }
    settings: dict[str, object] = {
        "path": TERMS_DIR + "/{}.json.gz",
        "shards": shards,
        "records": len(records),
    }
    return settings, files
