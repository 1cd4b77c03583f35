"""HSK levels by word, in either script; beyond HSK ranked by jieba's counts."""

from __future__ import annotations

import pytest

from reader import levels
from reader.levels import BAND, BEYOND, FrequencyRanks, level, level_name, parse_level
from reader.words import Segmenter


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("我", 1),
        ("学习", 1),
        ("學習", 1),  # traditional: looked up by its simplified form
        ("银行", 3),
        ("銀行", 3),
        ("熟练", 5),
        ("熟練", 5),
        ("琢磨", BAND),
        ("画蛇添足", BAND),
        ("畫蛇添足", BAND),
    ],
)
def test_listed_words_in_both_scripts(word: str, expected: int) -> None:
    assert level(word) == expected


def test_an_unlisted_word_made_of_listed_words_takes_its_hardest_part() -> None:
    assert level("我们的") == 1  # 我们 + 的
    assert level("银行的") == 3  # 银行 (3) + 的 (1)
    assert level("銀行的") == 3


def test_anything_else_is_beyond_hsk() -> None:
    assert level("饕餮") == BEYOND
    assert level("OK") == BEYOND
    assert level("对牛弹琴了") == BEYOND  # five characters: not split into parts


def test_level_names_and_what_a_reader_may_write() -> None:
    assert [level_name(n) for n in levels.LEVELS] == [
        "HSK 1",
        "HSK 2",
        "HSK 3",
        "HSK 4",
        "HSK 5",
        "HSK 6",
        "HSK 7-9",
        "beyond",
    ]
    assert parse_level("3") == 3
    assert parse_level("HSK 6") == 6
    assert parse_level("7-9") == BAND
    assert parse_level("8") == BAND
    assert parse_level("10") is None
    assert parse_level("three") is None


def test_frequency_rank_orders_by_jieba_counts(segmenter: Segmenter) -> None:
    ranks = FrequencyRanks(segmenter)
    common, rare = ranks.rank("的"), ranks.rank("饕餮")
    assert common is not None and rare is not None
    assert common < 20 < rare
    assert ranks.rank("饕餮") == ranks.rank("饕餮")
    assert ranks.rank("不是一个词语吧") is None
    assert levels.describe("饕餮", rare) == f"beyond HSK · no. {rare:,} by frequency"
    assert levels.describe("銀行") == "HSK 3"
