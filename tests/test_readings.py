"""Readings by word: polyphones from their words, the commonest lone ones from neighbours."""

from __future__ import annotations

from pathlib import Path

from reader.pinyin import Syllable, as_one_word
from reader.readings import _numbered, joined, read_words, word_reading
from reader.words import Segmenter

POLYPHONES = Path(__file__).parent / "data" / "polyphones.tsv"


def readings(segmenter: Segmenter, text: str, style: str = "pinyin") -> list[str]:
    return [r.text for r in read_words(text, segmenter.segment(text), style)]  # type: ignore[arg-type]


def test_the_issues_examples(segmenter: Segmenter) -> None:
    assert joined(word_reading("行长")) == "hángzhǎng"
    assert joined(word_reading("银行")) == "yínháng"
    assert joined(word_reading("长大")) == "zhǎngdà"
    assert joined(word_reading("银行行长")) == "yínhánghángzhǎng"  # not yínxíngxíngzhǎng
    assert readings(segmenter, "银行行长说他长大了。") == [
        "yínhánghángzhǎng",
        "shuō",
        "tā",
        "zhǎngdà",
        "le",
    ]


def test_syllables_carry_their_tones_for_colouring() -> None:
    assert word_reading("我们") == (Syllable("wǒ", 3), Syllable("men", 5))


def test_spans_are_places_and_punctuation_gets_no_reading(segmenter: Segmenter) -> None:
    text = "我得走了，2026年。"
    found = read_words(text, segmenter.segment(text))
    assert [(r.start, r.end, r.text) for r in found] == [
        (0, 1, "wǒ"),
        (1, 2, "děi"),
        (2, 3, "zǒu"),
        (3, 4, "le"),
        (9, 10, "nián"),
    ]


def test_lone_characters_read_from_their_neighbours(segmenter: Segmenter) -> None:
    assert readings(segmenter, "他跑得很快。")[2] == "de"
    assert readings(segmenter, "她慢慢地走。")[2] == "de"
    assert readings(segmenter, "地上有水。")[0] == "dìshàng"
    assert readings(segmenter, "这条河很长。")[-1] == "cháng"
    assert readings(segmenter, "请把书还给我。")[3:] == ["huángěi", "wǒ"]


def test_erhua_and_apostrophes() -> None:
    assert joined(word_reading("哪儿")) == "nǎr"
    assert joined(word_reading("西安")) == "xī'ān"
    assert as_one_word("jiāo liú") == "jiāoliú"
    assert as_one_word("nǚ ér") == "nǚ'ér"


def test_zhuyin(segmenter: Segmenter) -> None:
    assert readings(segmenter, "行长说了", "zhuyin") == ["ㄏㄤˊㄓㄤˇ", "ㄕㄨㄛ", "˙ㄌㄜ"]
    assert joined(word_reading("哪儿", "zhuyin")) == "ㄋㄚˇㄦ"


def polyphone_accuracy(segmenter: Segmenter) -> tuple[int, int, list[str]]:
    """(right, all, misses) over the starred syllables of the 50 hand-read sentences."""
    right = total = 0
    misses: list[str] = []
    for line in POLYPHONES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        text, expected_line = line.split("\t")
        expected = expected_line.split()
        words = [text[a:b] for a, b in segmenter.segment(text)]
        got: list[str] = []
        for index, word in enumerate(words):
            if "\u4e00" <= word[0] <= "\u9fff":
                before = words[index - 1] if index else ""
                after = words[index + 1] if index + 1 < len(words) else ""
                got.extend(_numbered(word, before, after))
        assert len(got) == len(expected), text
        for reading, wanted in zip(got, expected, strict=True):
            if wanted.endswith("*"):
                total += 1
                right += reading == wanted[:-1]
                if reading != wanted[:-1]:
                    misses.append(f"{text} {reading} (not {wanted[:-1]})")
    return right, total, misses


def test_polyphone_accuracy_on_fifty_sentences(segmenter: Segmenter) -> None:
    lines = [ln for ln in POLYPHONES.read_text(encoding="utf-8").splitlines() if ln[:1] != "#"]
    assert len(lines) == 50
    right, total, misses = polyphone_accuracy(segmenter)
    assert total == 78
    # measured 75/78 (96%): 干了 (dry), 答应 (neutral ying) and 结果子 (jiē) are missed
    assert right >= 74, misses
