"""A text's profile: shares per level adding to 100, known share, estimated level, cache."""

from __future__ import annotations

import tracemalloc
import zlib
from pathlib import Path

from reader import difficulty
from reader.difficulty import (
    cached_segments,
    format_profile,
    percentages,
    profile,
    profile_json,
    word_counts,
)
from reader.levels import BAND, BEYOND
from reader.words import Segmenter

# 我 (HSK 1) x6, 学习 (1) x2, 银行 (3) x1, 画蛇添足 (7-9) x1: ten running words, four distinct
COUNTS = {"我": 6, "学习": 2, "银行": 1, "画蛇添足": 1}


def test_shares_of_running_and_distinct_words() -> None:
    result = profile(COUNTS, lambda word: word == "我")
    assert (result.characters, result.words, result.distinct) == (16, 10, 4)
    assert result.running_shares() == [80.0, 0.0, 10.0, 0.0, 0.0, 0.0, 10.0, 0.0]
    assert result.distinct_shares() == [50.0, 0.0, 25.0, 0.0, 0.0, 0.0, 25.0, 0.0]
    assert result.known_share() == 60.0
    assert result.known_distinct == 1
    assert result.estimated_level == BAND  # 80% by HSK 1, 90% by HSK 3, 100% by 7-9


def test_estimated_level_is_the_lowest_covering_95_percent() -> None:
    assert profile({"我": 19, "银行": 1}, bool).estimated_level == 1  # exactly 95%
    assert profile({"我": 18, "银行": 2}, bool).estimated_level == 3
    assert profile({"我": 1, "饕餮": 1}, bool).estimated_level == BEYOND
    assert profile({}, bool).estimated_level is None


def test_percentages_always_add_to_100() -> None:
    assert percentages([1, 1, 1]) == [33.4, 33.3, 33.3]
    assert percentages([2, 1]) == [66.7, 33.3]
    assert percentages([0, 0]) == [0.0, 0.0]
    assert round(sum(percentages([7, 13, 1, 1, 1, 977])), 6) == 100.0


def test_word_counts_leave_out_punctuation_and_numbers(segmenter: Segmenter) -> None:
    text = "我学习，我学习。2026年"
    assert word_counts(text, segmenter.segment(text)) == {"我": 2, "学习": 2, "年": 1}


def test_the_printed_table() -> None:
    table = format_profile(profile(COUNTS, lambda word: word == "我"), title="t.txt")
    assert table == (
        "t.txt\n"
        "characters          16\n"
        "words               10\n"
        "distinct             4\n"
        "\n"
        "level     running  distinct   known\n"
        "HSK 1       80.0%     50.0%   75.0%\n"
        "HSK 2        0.0%      0.0%       -\n"
        "HSK 3       10.0%     25.0%    0.0%\n"
        "HSK 4        0.0%      0.0%       -\n"
        "HSK 5        0.0%      0.0%       -\n"
        "HSK 6        0.0%      0.0%       -\n"
        "HSK 7-9     10.0%     25.0%    0.0%\n"
        "beyond       0.0%      0.0%       -\n"
        "\n"
        "known       60.0% of running words, 1 of 4 distinct\n"
        "estimated level  HSK 7-9 (covers 95% of running words)\n"
    )


def test_json_form() -> None:
    data = profile_json(profile(COUNTS, bool))
    assert data["estimated_level"] == "HSK 7-9"
    assert data["levels"][0] == {  # type: ignore[index]
        "level": "HSK 1",
        "running": 80.0,
        "distinct": 50.0,
        "running_words": 8,
        "distinct_words": 2,
        "known": 100.0,
    }


def test_segmentation_is_cached_by_content(
    segmenter: Segmenter, tmp_path: Path, monkeypatch
) -> None:
    text = "银行行长说他长大了。" * 3
    first = cached_segments(text, segmenter, tmp_path)
    assert first == segmenter.segment(text)
    [cached] = tmp_path.glob("*.words")

    def must_not_segment(_text: str) -> list[tuple[int, int]]:
        raise AssertionError("segmented again")

    monkeypatch.setattr(segmenter, "segment", must_not_segment)
    assert cached_segments(text, segmenter, tmp_path) == first
    cached.write_bytes(b"garbage")  # a damaged cache is segmented again, never trusted
    monkeypatch.undo()
    assert cached_segments(text, segmenter, tmp_path) == first


def test_the_cache_keeps_only_the_recent_texts(
    segmenter: Segmenter, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(difficulty, "KEEP_CACHED", 2)
    for text in ("我。", "你。", "他。"):
        cached_segments(text, segmenter, tmp_path)
    assert len(list(tmp_path.glob("*.words"))) == 2


def test_a_cache_file_larger_than_its_text_is_not_read(
    segmenter: Segmenter, tmp_path: Path
) -> None:
    text = "银行行长说他长大了。"
    first = cached_segments(text, segmenter, tmp_path)
    [cached] = tmp_path.glob("*.words")
    # a zip bomb: 64 KB that inflate to 64 MB of word ends
    cached.write_bytes(zlib.compress(b"\0" * (64 << 20), 9))
    tracemalloc.start()
    try:
        assert cached_segments(text, segmenter, tmp_path) == first  # segmented again
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20  # never inflated whole
