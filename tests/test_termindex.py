"""The term index (generator/site/termindex.py): what records say, weighted by part, sharded by hash."""

from __future__ import annotations

import gzip
import json

from generator.site.termindex import FIELD_WEIGHTS, SearchTexts, fnv1a, postings, shard_files

RECORDS = [
    SearchTexts(
        "1", (("ten", "Đăng ký khai tử"), ("ket_qua", "Trích lục khai tử"), ("giay_to", "Giấy báo tử"))
    ),
    SearchTexts("2", (("ten", "Đăng ký khai sinh"), ("ket_qua", "Giấy khai sinh"), ("co_quan", "UBND xã"))),
    SearchTexts("3", (("ten", "Chứng thực chữ ký"), ("can_cu", "Nghị định 23/2015/NĐ-CP"))),
]


def test_fnv1a_is_the_32_bit_hash_the_browser_computes() -> None:
    # Reference values of FNV-1a 32 (offset basis 0x811c9dc5, prime 0x01000193).
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    assert fnv1a("foobar") == 0xBF9CF968


def test_each_term_keeps_its_best_part_and_pairs_come_from_names_and_results() -> None:
    index = postings(RECORDS)
    assert index["khai"] == {0: FIELD_WEIGHTS["ten"], 1: FIELD_WEIGHTS["ten"]}
    assert index["trich luc"] == {0: FIELD_WEIGHTS["ket_qua"]}
    assert index["bao tu"] == {0: FIELD_WEIGHTS["giay_to"]}
    assert index["ubnd"] == {1: FIELD_WEIGHTS["co_quan"]}
    assert "ubnd xa" not in index  # an agency's words are not indexed as pairs
    assert index["23"] == {2: FIELD_WEIGHTS["can_cu"]}


def test_shards_hold_every_term_with_its_record_count_and_are_deterministic() -> None:
    settings, files = shard_files(RECORDS)
    assert settings == {"path": "tim-kiem/tu/{}.json.gz", "shards": 1, "records": 3}
    shard = json.loads(gzip.decompress(files["tim-kiem/tu/0.json.gz"]))
    assert shard["khai"] == [2, 0, 10, 1, 10]
    assert shard["khai tu"] == [1, 0, 10]
    assert shard_files(RECORDS)[1] == files


def test_a_common_term_keeps_only_the_records_that_name_it() -> None:
    many = [SearchTexts(str(i), (("ten", f"Thủ tục {i}"), ("giay_to", "Tờ khai"))) for i in range(20)]
    many.append(SearchTexts("x", (("ten", "Tờ khai thuế"),)))
    _, files = shard_files(many)
    terms: dict[str, list[int]] = {}
    for data in files.values():
        terms |= json.loads(gzip.decompress(data))
    assert terms["to khai"] == [21, 20, 10]  # held by all 21, kept only where it is in the name
