"""Readings by word: polyphones from their words, the commonest lone ones from neighbours."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from reader.pinyin import Syllable, as_one_word
from reader.readings import _numbered, joined, numbered_words, read_words, word_reading
from reader.words import Segmenter

POLYPHONES = Path(__file__).parent / "data" / "polyphones.tsv"
SANDHI = Path(__file__).parent / "data" / "sandhi.tsv"


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


def hand_read(path: Path, segmenter: Segmenter) -> Iterator[tuple[str, list[str], list[str]]]:
    """Each sentence of a hand-read list, its readings as written there, and its words."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            text, expected = line.split("\t")
            yield text, expected.split(), [text[a:b] for a, b in segmenter.segment(text)]


def polyphone_accuracy(segmenter: Segmenter) -> tuple[int, int, list[str]]:
    """(right, all, misses) over the starred syllables of the 50 hand-read sentences."""
    right = total = 0
    misses: list[str] = []
    for text, expected, words in hand_read(POLYPHONES, segmenter):
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


# -- 一 and 不 as spoken -----------------------------------------------------------------------


def test_yi_and_bu_as_spoken(segmenter: Segmenter) -> None:
    assert readings(segmenter, "一年") == ["yìnián"]
    assert readings(segmenter, "一样") == ["yíyàng"]
    assert readings(segmenter, "不是") == ["búshì"]
    assert readings(segmenter, "第一") == ["dìyī"]
    assert readings(segmenter, "一") == ["yī"]
    assert readings(segmenter, "十一") == ["shíyī"]
    assert readings(segmenter, "一个人") == ["yígè", "rén"]  # 个 keeps its tone, as pypinyin
    assert readings(segmenter, "他不一定来。") == ["tā", "bù", "yídìng", "lái"]
    assert readings(segmenter, "是不是") == ["shìbushì"]
    assert readings(segmenter, "看一看") == ["kànyikàn"]


def test_yi_and_bu_in_their_citation_tones(segmenter: Segmenter) -> None:
    def citation(text: str) -> list[str]:
        return [r.text for r in read_words(text, segmenter.segment(text), spoken=False)]

    # pypinyin's own list has 一个 yígè and 不是 búshì but 一样 yīyàng: all citation here
    assert citation("一个不是一样") == ["yīgè", "bùshì", "yīyàng"]
    assert citation("差不多") == ["chàbuduō"]  # light stays light


def test_zhuyin_as_spoken(segmenter: Segmenter) -> None:
    assert readings(segmenter, "一样", "zhuyin") == ["ㄧˊㄧㄤˋ"]


def yi_bu_readings(words: list[str], numbered: list[tuple[str, ...] | None]) -> list[str]:
    """The syllables of each 一 and 不, in order."""
    found = []
    for word, syllables in zip(words, numbered, strict=True):
        for char, syllable in zip(word, syllables or (), strict=False):
            if char in "一不":
                found.append(syllable)
    return found


def sandhi_accuracy(segmenter: Segmenter, spoken: bool | None) -> tuple[int, int, list[str]]:
    """(right, all, misses) over the 一 and 不 of tests/data/sandhi.tsv: spoken, in citation
    tones (False), or as pypinyin's phrase list has them, as before sandhi (None)."""
    right = total = 0
    misses: list[str] = []
    for text, expected, words in hand_read(SANDHI, segmenter):
        if spoken is None:
            numbered: list[tuple[str, ...] | None] = [
                _numbered(word, "", "") if "\u4e00" <= word[0] <= "\u9fff" else None
                for word in words
            ]
        else:
            numbered = numbered_words(words, spoken=spoken)
        got = yi_bu_readings(words, numbered)
        assert len(got) == len(expected), text
        total += len(expected)
        for reading, wanted in zip(got, expected, strict=True):
            right += reading == wanted
            if reading != wanted:
                misses.append(f"{text} {reading} (not {wanted})")
    return right, total, misses


def test_sandhi_accuracy_on_sixty_five_sentences(segmenter: Segmenter) -> None:
    right, total, misses = sandhi_accuracy(segmenter, True)
    assert total == 79
    assert right == total, misses
    # pypinyin's phrase list alone, as the reader read them before: 44 of 79
    before, _, _ = sandhi_accuracy(segmenter, None)
    assert before < 50
