"""Numbered pinyin to tone marks, and tone numbers for colouring syllables."""

from __future__ import annotations

import gzip
import re
import string

import pytest

from reader.dictionary import bundled_path
from reader.pinyin import NO_TONE, Syllable, numbered_to_marks, syllables, tones


@pytest.mark.parametrize(
    ("numbered", "marked"),
    [
        ("lu:4", "lǜ"),
        ("nu:3", "nǚ"),
        ("lu:e4", "lüè"),
        ("lv4", "lǜ"),
        ("xing2", "xíng"),
        ("hang2", "háng"),
        ("er5", "er"),
        ("r5", "r"),
        ("lu:5", "lü"),
        ("Zhong1 guo2", "Zhōng guó"),
        ("Lu:3 Xun4", "Lǚ Xùn"),
        ("Ou1 zhou1", "Ōu zhōu"),
        ("E4 guo2", "È guó"),
        ("hao3", "hǎo"),  # a before o
        ("xie4", "xiè"),  # e wins
        ("dou1", "dōu"),  # o of ou
        ("liu2", "liú"),  # last vowel
        ("gui4", "guì"),  # last vowel
        ("m2", "ḿ"),
        ("ng3", "ňg"),
        ("wanr2", "wánr"),
        ("ni3hao3", "nǐhǎo"),
    ],
)
def test_numbered_to_marks(numbered: str, marked: str) -> None:
    assert numbered_to_marks(numbered) == marked


@pytest.mark.parametrize("token", ["A", "xx5", "，", "·", "K", "", "3C"])
def test_tokens_that_are_not_syllables_pass_through(token: str) -> None:
    assert numbered_to_marks(token) == token


def test_a_mixed_reading_keeps_spacing_letters_and_punctuation() -> None:
    assert numbered_to_marks("A A zhi4") == "A A zhì"
    assert numbered_to_marks("Ka3 la1 O K") == "Kǎ lā O K"
    assert numbered_to_marks("yi1 yan2 ji4 chu1 ， si4 ma3 nan2 zhui1") == (
        "yī yán jì chū ， sì mǎ nán zhuī"
    )
    assert numbered_to_marks("Ka3 er3 · Ma3 ke4 si1") == "Kǎ ěr · Mǎ kè sī"
    assert numbered_to_marks("yi1 dian3 r5") == "yī diǎn r"


def test_syllables_pair_marked_text_with_tone_numbers() -> None:
    assert syllables("Zhong1 guo2 ren2 xx5 A ， ma5") == [
        Syllable("Zhōng", 1),
        Syllable("guó", 2),
        Syllable("rén", 2),
        Syllable("xx5", NO_TONE),
        Syllable("A", NO_TONE),
        Syllable("，", NO_TONE),
        Syllable("ma", 5),
    ]
    assert syllables("ni3hao3") == [Syllable("nǐ", 3), Syllable("hǎo", 3)]
    assert syllables("") == []


def test_tones() -> None:
    assert tones("lu:4 nu:3 xing2 Zhong1 er5 A") == [4, 3, 2, 1, 5, NO_TONE]
    assert tones("yi1 dian3 r5") == [1, 3, 5]


def test_every_reading_in_the_bundled_dictionary_converts() -> None:
    """Only Latin letters, the two separators and the "xx5" placeholder are not syllables."""
    text = gzip.decompress(bundled_path().read_bytes()).decode("utf-8")
    readings = re.findall(r"^[^#\s]\S* \S+ \[([^\]]*)\]", text, re.MULTILINE)
    assert len(readings) > 100_000
    tokens = {token for reading in readings for token in reading.split()}
    not_syllables: set[str] = set()
    for token in tokens:
        pairs = syllables(token)
        assert numbered_to_marks(token) == "".join(pair.text for pair in pairs)
        not_syllables.update(pair.text for pair in pairs if pair.tone == NO_TONE)
    assert not_syllables - {"xx5", ",", "·"} <= set(string.ascii_letters)
    assert {"xx5", ",", "·"} <= not_syllables
