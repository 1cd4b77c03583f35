"""A text's profile: shares per level adding to 100, known share, estimated level, cache."""

from __future__ import annotations

import tracemalloc
import zlib
from pathlib import Path

from reader import difficulty
from reader.difficulty import (
    UnknownShare,
    cached_segments,
    format_profile,
    percentages,
    profile,
    profile_json,
    stretch_counts,
    unknown_shares,
    word_counts,
)
from reader.document import Section, section_parents
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


# -- each section's share of unknown words (the outline's figures) ---------------------------


def words_and_spans(*pieces: str) -> tuple[str, list[tuple[int, int]]]:
    """A text made of words given one by one, and their spans."""
    spans = []
    place = 0
    for piece in pieces:
        spans.append((place, place + len(piece)))
        place += len(piece)
    return "".join(pieces), spans


def test_each_sections_share_counts_its_subsections() -> None:
    # 我们 | part 1: 银行 学习 。 | its chapter 1: 我 我 银行 画蛇添足 | its chapter 2: 学习 学习
    # 学习 银行 | part 2: 我. Known: 我, 我们, 学习.
    text, spans = words_and_spans(
        *("我们", "银行", "学习", "。", "我", "我", "银行", "画蛇添足"),
        *("学习", "学习", "学习", "银行", "我"),
    )
    sections = [
        Section("第一部", 1, 2),
        Section("第一章", 2, 7),
        Section("第二章", 2, 15),
        Section("第二部", 1, 23),
    ]
    assert [text[s.start : s.start + 2] for s in sections] == ["银行", "我我", "学习", "我"]
    stretches = stretch_counts(text, spans, [s.start for s in sections])
    assert stretches == [
        {"我们": 1},
        {"银行": 1, "学习": 1},
        {"我": 2, "银行": 1, "画蛇添足": 1},
        {"学习": 3, "银行": 1},
        {"我": 1},
    ]
    whole, shares = unknown_shares(
        stretches, section_parents(sections), {"我", "我们", "学习"}.__contains__
    )
    # chapter 1: 2 of 4 unknown; chapter 2: 1 of 4; part 1: its own 1 of 2 and its chapters',
    # 4 of 10; part 2: 0 of 1; the whole: 4 of 12
    assert shares == [
        UnknownShare(10, 4),
        UnknownShare(4, 2),
        UnknownShare(4, 1),
        UnknownShare(1, 0),
    ]
    assert [share.label() for share in shares] == ["40%", "50%", "25%", "0%"]
    assert whole == UnknownShare(12, 4)
    assert whole.label() == "33%"


def test_a_word_belongs_to_the_stretch_it_begins_in() -> None:
    text, spans = words_and_spans("学习", "银行")
    assert stretch_counts(text, spans, [1]) == [{"学习": 1}, {"银行": 1}]


def test_share_labels_say_none_and_all_only_when_so() -> None:
    assert UnknownShare(0, 0).label() == "-"  # no Chinese words
    assert UnknownShare(5, 0).label() == "0%"
    assert UnknownShare(1000, 1).label() == "<1%"
    assert UnknownShare(200, 1).label() == "1%"  # 0.5% goes up
    assert UnknownShare(8, 1).label() == "13%"  # 12.5%
    assert UnknownShare(1000, 999).label() == "99%"
    assert UnknownShare(3, 3).label() == "100%"


def test_section_parents_follow_the_outline() -> None:
    depths = [1, 3, 2, 1, 2, 2]  # a 3 right under a 1 hangs under the 1, as the tree shows it
    sections = [Section(f"s{index}", depth, index) for index, depth in enumerate(depths)]
    assert section_parents(sections) == [-1, 0, 0, -1, 3, 3]
