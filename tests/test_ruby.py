"""Prose with a reading row: readings centred over their words, never touching, never split."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.pinyin import Syllable
from reader.readings import WordReading, joined
from reader.ruby import RubyReadings, ruby_lines
from reader.typeset import cell_width
from reader.words import Segmenter


def reading(start: int, end: int, *parts: tuple[str, int]) -> WordReading:
    return WordReading(start, end, tuple(Syllable(text, tone) for text, tone in parts))


# 我们在银行。: 我们 wǒmen, 在 zài, 银行 yínháng
WORDS = [
    reading(0, 2, ("wǒ", 3), ("men", 5)),
    reading(2, 3, ("zài", 4)),
    reading(3, 5, ("yín", 2), ("háng", 2)),
]


def test_each_line_is_a_reading_row_then_its_text_row() -> None:
    ruby, text = ruby_lines(0, "我们在银行。", WORDS, 40, 0, 0, ())
    assert (ruby.index, text.index) == (0, 1)
    assert ruby.ruby is not None and text.ruby is None
    # boxes: 我们 5 cells (wǒmen), gap, 在 3 (zài), gap, 银行 7 (yínháng), 。
    assert [(group.column, joined(group.syllables)) for group in ruby.ruby] == [
        (0, "wǒmen"),
        (6, "zài"),
        (10, "yínháng"),
    ]
    assert [(p.start, p.end, p.column) for p in text.pieces] == [
        (0, 2, 0),
        (2, 3, 6),
        (3, 5, 11),
        (5, 6, 17),
    ]


def test_a_word_never_leaves_its_reading_and_no_line_starts_with_a_comma() -> None:
    lines = ruby_lines(0, "我们在银行。", WORDS, 16, 0, 0, ())
    texts = [line for line in lines if line.ruby is None]
    # 我们 + 在 take 9 cells; 银行 (7) does not fit beside them, and 。 goes with 银行
    assert [(line.start, line.end) for line in texts] == [(0, 3), (3, 6)]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 3), st.booleans()), min_size=1, max_size=30),
    st.integers(6, 40),
)
def test_readings_never_overlap_and_every_character_is_shown_once(
    words: list[tuple[int, bool]], room: int
) -> None:
    text, readings, position = "", [], 0
    for length, has_reading in words:
        text += "字" * length + ("，" if not has_reading else "")
        if has_reading:
            readings.append(reading(position, position + length, *[("zhuàng", 4)] * length))
        position = len(text)
    lines = ruby_lines(0, text, readings, room, 0, 0, ())
    shown = []
    for line in lines:
        if line.ruby is not None:
            edges = [(g.column, g.column + cell_width(joined(g.syllables))) for g in line.ruby]
            assert all(a[1] < b[0] for a, b in itertools.pairwise(edges))  # a cell apart
        else:
            shown.extend(range(line.start, line.end))
            columns = [
                (p.column, p.column + cell_width(text[p.start : p.end])) for p in line.pieces
            ]
            assert all(a[1] <= b[0] for a, b in itertools.pairwise(columns))
            assert line.start == len(text) or text[line.start] != "，" or line.index == 1
    assert shown == list(range(len(text)))


def test_a_glossary_term_gets_its_words_readings_not_one_across_it(jieba_cache) -> None:
    segmenter = Segmenter(["社会主义和谐社会"])
    segmenter.ensure_loaded()
    text = "构建社会主义和谐社会。"
    assert (2, 10) in segmenter.segment(text)  # one word for the glossary's finder
    found = RubyReadings(segmenter)(text)
    # jieba's own dictionary has 社会主义 and 和谐社会
    assert [joined(r.syllables) for r in found] == ["gòujiàn", "shèhuìzhǔyì", "héxiéshèhuì"]
    new_words = RubyReadings(segmenter, mode="unknown", is_known=lambda w: w == "社会主义")
    assert new_words(text)[1] == WordReading(
        6, 10, (Syllable("hé", 2), Syllable("xié", 2), Syllable("shè", 4), Syllable("huì", 4))
    )
