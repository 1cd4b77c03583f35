"""reader.lookup, without a screen: the word index, the sentence around a word, the senses."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.dictionary import Dictionary
from reader.glossary import Entry, Glossary
from reader.lookup import (
    TYPED_LIMIT,
    Sense,
    WordIndex,
    senses_at,
    sentence_around,
    typed_senses,
)
from reader.words import Segmenter

SMALL_CEDICT = (
    "中國 中国 [Zhong1 guo2] /China/\n"
    "中國人 中国人 [Zhong1 guo2 ren2] /Chinese person/\n"
    "人 人 [ren2] /person/\n"
    "國 国 [guo2] /country/\n"
)


@pytest.fixture
def small(tmp_path: Path) -> Dictionary:
    path = tmp_path / "small.u8"
    path.write_text(SMALL_CEDICT, encoding="utf-8")
    return Dictionary.load(path)


def test_senses_are_glossary_terms_then_the_covered_headwords_longest_first(
    small: Dictionary,
) -> None:
    people = Entry(
        term="中國人民",
        aliases=(),
        pinyin="Zhōngguó rénmín",
        zh="中國的人民",
        en="the Chinese people",
        category=None,
        source=Path("test.toml"),
    )
    senses = senses_at("中国人民很好", 0, small, Glossary([people]), stop=3)
    assert [sense.simplified for sense in senses] == ["中国人民", "中国人", "中国", "国", "人"]
    term = senses[0]
    assert (term.traditional, term.source) == ("中國人民", "glossary")
    # the explanation follows the script on screen, as the term popup's does
    assert term.readable_note("traditional") == "中國的人民"
    assert term.readable_note("simplified") == "中国的人民"
    assert term.definition == "the Chinese people"
    word = senses[1]
    assert word.headword("traditional") == "中國人"
    assert (word.pinyin, word.pinyin_numbered) == ("Zhōng guó rén", "Zhong1 guo2 ren2")
    assert word.definitions == ("Chinese person",)
    assert word.source == ""


def test_no_senses_where_no_headword_starts(small: Dictionary) -> None:
    assert senses_at("很好", 0, small) == []


def test_words_leave_out_punctuation_and_are_places_of_the_original(
    segmenter: Segmenter,
) -> None:
    from reader.parse import parse_document

    document = parse_document("題目\n\n我們學習漢語，很好。\n", "t.txt")
    index = WordIndex(document, segmenter)
    body = document.paragraph_index_at(document.text.index("我們"))
    spans = index.words(body)
    assert [document.text[s:e] for s, e in spans] == ["我們", "學習", "漢語", "很", "好"]
    comma = document.text.index("，")
    assert index.word_at(comma) is None
    assert index.next_word(comma) == spans[3]
    assert index.previous_word(comma) == spans[2]
    assert index.simplified(body) == "我们学习汉语，很好。"


def test_the_sentence_is_cut_at_sentence_ends_and_keeps_closing_quotes() -> None:
    text = "他說：「好。」我們學習漢語，很好！再見"
    start = text.index("學習")
    assert sentence_around(text, start, start + 2) == "我們學習漢語，很好！"
    assert sentence_around(text, 4, 5) == "他說：「好。」"
    assert sentence_around(text, len(text) - 1, len(text)) == "再見"


# -- a typed word (`D`) ----------------------------------------------------------------------

TYPED_CEDICT = (
    "幹部 干部 [gan4 bu4] /cadre/\n"
    "世 世 [shi4] /life/\n"
    "事 事 [shi4] /matter/\n"
    "是 是 [Shi4] /surname Shi/\n"
    "是 是 [shi4] /is/\n"
)


@pytest.fixture
def typed(tmp_path: Path) -> Dictionary:
    path = tmp_path / "typed.u8"
    path.write_text(TYPED_CEDICT, encoding="utf-8")
    return Dictionary.load(path)


def _words(senses: list[Sense]) -> list[tuple[str, str, str]]:
    return [(sense.traditional, sense.simplified, sense.pinyin) for sense in senses]


def test_a_typed_word_in_either_script_finds_its_entry(typed: Dictionary) -> None:
    assert _words(typed_senses("幹部", typed)) == [("幹部", "干部", "gàn bù")]
    assert _words(typed_senses(" 干部 ", typed)) == [("幹部", "干部", "gàn bù")]
    assert typed_senses("干涉", typed) == []
    assert typed_senses("   ", typed) == []


def test_a_typed_reading_puts_common_words_first_and_names_last(typed: Dictionary) -> None:
    counts = {"是": 800, "事": 300}
    found = typed_senses("shì", typed, lambda word: counts.get(word, 0))
    assert _words(found) == [
        ("是", "是", "shì"),
        ("事", "事", "shì"),
        ("世", "世", "shì"),
        ("是", "是", "Shì"),  # the surname: a name, after the ordinary words
    ]
    # before jieba is loaded: the file's order, names still last
    assert [s.definition for s in typed_senses("shi4", typed)] == [
        "life",
        "matter",
        "is",
        "surname Shi",
    ]


def test_a_reading_of_hundreds_of_lines_offers_a_bounded_list() -> None:
    found = typed_senses("shi", Dictionary.load())
    assert len(found) == TYPED_LIMIT == 60
    assert all(sense.pinyin_numbered.lower().startswith("shi") for sense in found)
