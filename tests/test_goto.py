"""`:` go to: the parsing of what was typed, by hand-written cases."""

from __future__ import annotations

from reader.document import Section
from reader.goto import go_to_place

SECTIONS = [
    Section("前言", 1, 0),
    Section("第一章 雪夜", 1, 10),
    Section("一、總則", 2, 20),
    Section("第十二章 風雪", 1, 50),
    Section("12、小結", 2, 60),
    Section("Appendix", 1, 90),
]


def go(query: str, length: int = 200) -> int | None:
    return go_to_place(query, length, SECTIONS)


def test_a_percentage_is_that_share_of_the_text() -> None:
    assert go("50%") == 100
    assert go(" 25 % ") == 50
    assert go("12.5%") == 25
    assert go("0%") == 0
    assert go("５０％") == 100  # as an IME types it


def test_100_percent_is_the_last_character_and_more_is_nothing() -> None:
    assert go("100%") == 199
    assert go("101%") is None
    assert go_to_place("100%", 0, SECTIONS) == 0


def test_a_number_in_either_numeral_goes_to_the_shallowest_section_so_numbered() -> None:
    assert go("12") == 50  # 第十二章 (depth 1) before 12、 (depth 2)
    assert go("十二") == 50
    assert go("１２") == 50
    assert go("1") == 10  # 第一章 before 一、
    assert go("一") == 10


def test_a_unit_heading_goes_to_that_unit_only() -> None:
    assert go("第十二章") == 50
    assert go("第12章") == 50
    assert go("第十二回") is None  # chapters are 章 here
    assert go("第十三章") is None


def test_the_start_of_a_title_in_either_script() -> None:
    assert go("前") == 0
    assert go("第十二章 风") == 50  # simplified finds traditional
    assert go("12、小结") == 60
    assert go("appendix") == 90  # letters in any case
    assert go("風雪") is None  # the start of a title, not a word inside it


def test_nothing_typed_or_nothing_matching_is_none() -> None:
    assert go("") is None
    assert go("   ") is None
    assert go("xyz") is None
    assert go_to_place("3", 100, []) is None
