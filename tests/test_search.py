"""Search across scripts: places in the original text, lazily converted, wrapping around."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from reader.assets import sample_article
from reader.converter import OpenCC
from reader.document import Document, Paragraph
from reader.search import SearchIndex, match_label, next_match, previous_match

T2S: Callable[[str], str] = OpenCC("t2s").convert
SAMPLE = sample_article().read_text(encoding="utf-8")


def places(text: str, word: str) -> list[tuple[int, int]]:
    """The oracle: where ``word`` literally is in ``text``."""
    return [(m.start(), m.end()) for m in re.finditer(re.escape(word), text)]


def test_simplified_query_finds_traditional_text_and_back() -> None:
    traditional = SearchIndex("一、構建和諧社會\n構建社會主義", T2S)
    assert traditional.find_all("构建") == [(2, 4), (9, 11)]
    assert traditional.find_all("構建") == [(2, 4), (9, 11)]
    simplified = SearchIndex("构建和谐社会,构建", T2S)
    assert simplified.find_all("構建") == [(0, 2), (7, 9)]
    assert simplified.find_all("构建") == [(0, 2), (7, 9)]


def test_sample_article_counts_both_scripts() -> None:
    index = SearchIndex(SAMPLE, T2S)
    expected = places(SAMPLE, "構建")
    assert len(expected) == 32  # grep -o 構建 | wc -l
    assert expected[0] == (101, 103)
    assert index.find_all("构建") == expected
    assert index.find_all("構建") == expected
    assert index.find_all("构建社会主义和谐社会")[:2] == [(101, 111), (177, 187)]


def test_stray_simplified_gan_bu_is_found_by_both_forms() -> None:
    # the sample is traditional but writes 干部 (never 幹部); t2s maps 幹 to 干
    assert SAMPLE.count("幹部") == 0
    index = SearchIndex(SAMPLE, T2S)
    expected = places(SAMPLE, "干部")
    assert len(expected) == 35
    assert index.find_all("幹部") == expected
    assert index.find_all("干部") == expected
    mixed = SearchIndex("幹部和干部", T2S)
    assert mixed.find_all("幹部") == [(0, 2), (3, 5)]
    assert mixed.find_all("干部") == [(0, 2), (3, 5)]


def test_a_word_kept_whole_by_t2s_is_still_found_literally() -> None:
    # t2s keeps 乾隆 but turns a lone 乾 into 干: the literal match still counts
    index = SearchIndex("乾隆年間,餅乾", T2S)
    assert T2S("乾隆") == "乾隆"
    assert index.find_all("乾") == [(0, 1), (6, 7)]
    assert index.find_all("干") == [(6, 7)]


def test_latin_letters_ignore_case() -> None:
    index = SearchIndex("Hello WORLD, hello World\nHELLO", T2S)
    assert index.find_all("hello") == [(0, 5), (13, 18), (25, 30)]
    assert index.find_all("wOrLd") == [(6, 11), (19, 24)]


def test_case_folding_keeps_places_exact() -> None:
    # "İ".lower() has two characters and casefold() turns ß into ss: neither may shift places
    index = SearchIndex("İİ Straße STRASSE abc", T2S)
    assert index.find_all("ABC") == [(18, 21)]
    assert index.find_all("straße") == [(3, 9)]
    assert index.find_all("strasse") == [(10, 17)]


def test_full_width_and_half_width_forms_find_each_other() -> None:
    text = "第１章，Ｈello, 2024年：（注）"
    index = SearchIndex(text, T2S)
    assert index.find_all("，") == [(3, 4), (9, 10)]  # an IME's comma finds the ASCII one too
    assert index.find_all(",") == [(3, 4), (9, 10)]
    assert index.find_all("第1章") == [(0, 3)]
    assert index.find_all("ｈＥＬＬＯ") == [(4, 9)]
    assert index.find_all("２０２４") == [(11, 15)]
    assert index.find_all(":(") == [(16, 18)]


def test_empty_and_whitespace_queries_find_nothing() -> None:
    index = SearchIndex("a b  c", T2S)
    assert index.find_all("") == []
    assert index.find_all("  \t") == []
    assert list(index.iter_matches(" ", 0)) == []


def test_matches_stay_inside_paragraphs_and_do_not_overlap() -> None:
    text = "構建\n\n和諧 aaaa"
    document = Document(
        text=text,
        name="t.txt",
        title="構建",
        paragraphs=(Paragraph(0, 2, "title"), Paragraph(4, 11)),
        sections=(),
    )
    index = SearchIndex.from_document(document, T2S)
    assert index.find_all("建和") == []  # would cross the blank line between paragraphs
    assert index.find_all("aa") == [(7, 9), (9, 11)]
    assert index.find_all("和谐") == [(4, 6)]


def test_from_paragraphs_counts_places_in_the_joined_text() -> None:
    index = SearchIndex.from_paragraphs(["第一章", "構建和諧", "构建"], T2S)
    assert index.text == "第一章\n構建和諧\n构建"
    assert index.find_all("构建") == [(4, 6), (9, 11)]


def test_crlf_line_ends_are_not_part_of_a_line() -> None:
    index = SearchIndex("ab\r\ncd\r\n", T2S)
    assert index.find_all("b\r") == []
    assert index.find_all("cd") == [(4, 6)]


def test_iter_matches_from_a_middle_place_wraps_around() -> None:
    expected = places(SAMPLE, "構建")
    middle = expected[10][0]
    assert middle == 1022
    found = list(SearchIndex(SAMPLE, T2S).iter_matches("构建", middle))
    assert found == expected[10:] + expected[:10]


def test_iter_matches_from_inside_a_paragraph_splits_it() -> None:
    index = SearchIndex("構建 構建 構建\n構建", T2S)
    # the place is inside the first line, after its first match
    assert list(index.iter_matches("构建", 1)) == [(3, 5), (6, 8), (9, 11), (0, 2)]
    assert list(index.iter_matches("构建", 0)) == [(0, 2), (3, 5), (6, 8), (9, 11)]
    assert list(index.iter_matches("构建", 100)) == [(0, 2), (3, 5), (6, 8), (9, 11)]


def test_iter_matches_converts_only_as_far_as_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    converted: list[str] = []

    def counting(text: str) -> str:
        converted.append(text)
        return T2S(text)

    # batches of two lines (each six characters and its line break)
    monkeypatch.setattr("reader.search._BATCH_CHARS", 14)
    lines = ["組織工作水平" for _ in range(100)]
    lines[60] = "構建和諧社會"
    index = SearchIndex.from_paragraphs(lines, counting)
    start = sum(len(line) + 1 for line in lines[:50])
    first = next(index.iter_matches("构建", start))
    assert first == (start + 10 * 7, start + 10 * 7 + 2)
    assert index.converted_count == 12  # lines 50..61, in six batches, nothing else
    batches = ["組織工作水平\n組織工作水平"] * 5 + ["構建和諧社會\n組織工作水平"]
    assert converted == ["构建", *batches]  # the query, then the text
    assert index.find_all("构建") == [first]
    assert index.converted_count == 100


def test_iter_matches_can_be_stopped_between_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("reader.search._BATCH_CHARS", 1)  # one paragraph a batch
    index = SearchIndex.from_paragraphs(["甲"] * 10 + ["構建"], T2S)
    asked: list[int] = []

    def should_stop() -> bool:
        asked.append(1)
        return len(asked) > 3

    assert list(index.iter_matches("构建", 0, should_stop)) == []
    assert index.converted_count == 3


def test_warm_converts_everything_and_can_be_cut_short(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("reader.search._BATCH_CHARS", 1)  # one paragraph a batch
    index = SearchIndex.from_paragraphs(["甲", "乙", "丙"], T2S)
    assert index.warm(lambda: index.converted_count >= 2) is False
    assert index.converted_count == 2
    assert index.warm() is True
    assert index.converted_count == 3


def test_length_guard_converts_character_by_character() -> None:
    # A converter that rewrites a phrase with another length would shift every later place.
    def uneven(text: str) -> str:
        return text.replace("臺灣", "台湾省").replace("龍", "龙")

    index = SearchIndex("臺灣的龍,龍", uneven)
    assert index.find_all("龙") == [(3, 4), (5, 6)]
    assert index.find_all("龍") == [(3, 4), (5, 6)]
    assert index.find_all("的龍") == [(2, 4)]


def test_length_guard_keeps_a_character_that_converts_to_several() -> None:
    def expanding(text: str) -> str:
        return text.replace("A", "xy").replace("B", "b")

    index = SearchIndex("AAB zB", expanding)
    assert index.find_all("b") == [(2, 3), (5, 6)]
    assert index.find_all("AB") == [(1, 3)]
    assert index.find_all("zb") == [(4, 6)]


def test_length_guard_also_applies_to_the_query() -> None:
    def uneven(text: str) -> str:
        return text.replace("臺灣", "台湾省").replace("龍", "龙")

    index = SearchIndex("在臺灣養龍", uneven)
    assert index.find_all("臺灣") == [(1, 3)]
    assert index.find_all("養龍") == [(3, 5)]


MATCHES = [(2, 4), (10, 12), (20, 22)]


@pytest.mark.parametrize(
    ("place", "inclusive", "expected"),
    [(0, False, 0), (2, False, 1), (2, True, 0), (10, False, 2), (11, True, 2), (20, False, 0)],
)
def test_next_match_wraps_around(place: int, inclusive: bool, expected: int) -> None:
    assert next_match(MATCHES, place, inclusive=inclusive) == expected


@pytest.mark.parametrize(
    ("place", "expected"), [(25, 2), (20, 1), (11, 1), (10, 0), (2, 2), (0, 2)]
)
def test_previous_match_wraps_around(place: int, expected: int) -> None:
    assert previous_match(MATCHES, place) == expected


def test_no_matches_means_no_next_or_previous() -> None:
    assert next_match([], 5) is None
    assert previous_match([], 5) is None


def test_match_label() -> None:
    assert match_label(2, 17) == "match 3 / 17"
    assert match_label(0, 1) == "match 1 / 1"
    assert match_label(0, 0) == "no matches"
