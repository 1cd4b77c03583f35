"""The reading of each word (pinyin or zhuyin), by word so that polyphones come out right.

pypinyin reads a word from its phrase list when it has one (银行 yínháng, 行长 hángzhǎng,
长大 zhǎngdà); the words are the segmenter's, found on the simplified form (pypinyin reads
銀行 as yínxíng but 银行 right). A word pypinyin does not list is read piece by piece inside
the word, never across its edges. A character that is a word on its own has no phrase to
tell its reading, so the commonest polyphones alone (得, 地, 长, 教, 觉, 还 …) are read from
their neighbours by a few rules. 一 and 不 are read as spoken over the text, or in their
citation tones (reader/sandhi.py); a word on its own (a popup, an export) is as pypinyin reads it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from reader.levels import is_chinese_word
from reader.pinyin import NO_TONE, Syllable, as_one_word, syllables
from reader.sandhi import apply_sandhi

RubyStyle = Literal["pinyin", "zhuyin"]
RUBY_STYLES: tuple[RubyStyle, ...] = ("pinyin", "zhuyin")

# A character alone, read as it is most often read alone (pypinyin's first reading is the
# most common inside words): 得 the particle, 长 long, 教 to teach, 似 like, 切 to cut.
_ALONE = {"得": "de5", "长": "chang2", "教": "jiao1", "似": "si4", "切": "qie1", "曲": "qu3"}
# 得 is děi (must) after a subject or an adverb and before a verb: 我得走了, 还得去.
_DEI_AFTER = frozenset("我你他她它们咱谁就还也都可总又真")
_DEI_BEFORE = frozenset("去走做写买看说学找等回来吃用赶马")
_HUAN_BEFORE = frozenset({"给", "钱", "书", "债", "清", "回"})  # 还给, 还钱: give back
_JIAO_AFTER = frozenset({"一", "个", "午", "睡", "好"})  # 睡一觉, 午觉: a sleep
_ERHUA = frozenset({"哪儿", "这儿", "那儿", "点儿", "一点儿", "玩儿", "事儿", "会儿"})
_pypinyin_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class WordReading:
    """A word's span in its text and its syllables (marked text and tone each)."""

    start: int
    end: int
    syllables: tuple[Syllable, ...]

    @property
    def text(self) -> str:
        return joined(self.syllables)


def joined(parts: Sequence[Syllable]) -> str:
    """Syllables written as one word, with an apostrophe before a/o/e (Xī'ān, nǚ'ér)."""
    return as_one_word(" ".join(part.text for part in parts))


def read_words(
    simplified: str,
    spans: Sequence[tuple[int, int]],
    style: RubyStyle = "pinyin",
    *,
    spoken: bool = True,
) -> list[WordReading]:
    """The reading of every Chinese word among ``spans`` (words of ``simplified``, in order).

    Pass every word of the text, punctuation included: the neighbours choose a lone
    character's reading and the tones of 一 and 不 (as spoken, or with ``spoken=False`` as
    the dictionary writes them: reader/sandhi.py). Spans without a Chinese character get no
    reading.
    """
    words = [simplified[start:end] for start, end in spans]
    return [
        WordReading(start, end, _styled(numbered, style))
        for (start, end), numbered in zip(spans, numbered_words(words, spoken=spoken), strict=True)
        if numbered is not None
    ]


def numbered_words(words: Sequence[str], *, spoken: bool = True) -> list[tuple[str, ...] | None]:
    """Each word's syllables with tone numbers (5: light), read in context; None for a word
    without a Chinese character."""
    found: list[tuple[str, ...] | None] = []
    for index, word in enumerate(words):
        if not is_chinese_word(word):
            found.append(None)
            continue
        before = words[index - 1] if index else ""
        after = words[index + 1] if index + 1 < len(words) else ""
        found.append(_numbered(word, before, after))
    return apply_sandhi(words, found, _citation_tone, spoken=spoken)


def _citation_tone(char: str) -> int | None:
    """A character's own tone, as pypinyin reads it alone (个 gè, though light in 这个)."""
    reading = _dictionary_reading(char)[0]
    return int(reading[-1]) if reading[-1:].isdigit() else None


def word_reading(word: str, style: RubyStyle = "pinyin") -> tuple[Syllable, ...]:
    """One simplified word's reading on its own (a popup, an export): 交流 -> jiāo, liú."""
    return _styled(_numbered(word, "", ""), style)


def _numbered(word: str, before: str, after: str) -> tuple[str, ...]:
    """The word's syllables with tone numbers (tone 5 for neutral), context applied.

    A character standing alone, as a word or as a piece of an unlisted word (说|得|对), is
    read from its neighbours; a phrase by pypinyin's list.
    """
    pieces = _phrase_pieces(word)
    parts: list[str] = []
    for index, piece in enumerate(pieces):
        alone = None
        if piece == "得" and index == 0 and len(pieces) > 1:  # 得到, 得分: to get
            alone = "de2"
        elif len(piece) == 1:
            left = pieces[index - 1] if index else before
            right = pieces[index + 1] if index + 1 < len(pieces) else after
            alone = _alone(piece, left, right)
        parts.extend((alone,) if alone is not None else _dictionary_reading(piece))
    if word.endswith("儿") and (word in _ERHUA or parts[-1:] == ["er5"]):
        return _erhua(tuple(parts))
    return tuple(parts)


def _alone(char: str, before: str, after: str) -> str | None:
    """A lone character's reading from the words beside it; None: pypinyin's first."""
    if char == "得":
        if before[-1:] in _DEI_AFTER and after[:1] in _DEI_BEFORE:
            return "dei3"
        return "de5"
    if char == "地":  # 慢慢地 / 认真地 (after a word) but 在地上 / 土地 (after a character)
        return "de5" if len(before) >= 2 and is_chinese_word(before) else "di4"
    if char == "还" and after in _HUAN_BEFORE:
        return "huan2"
    if char == "觉" and before in _JIAO_AFTER:
        return "jiao4"
    if char == "长" and after[:1] in "大高胖得":
        return "zhang3"
    if char == "数" and "一" in (before[-1:], after[:1]):  # 数一数: to count
        return "shu3"
    if char == "背" and after[:1] in "着起上包":  # 背着: to carry on the back
        return "bei1"
    return _ALONE.get(char)


@lru_cache(maxsize=65536)
def _dictionary_reading(piece: str) -> tuple[str, ...]:
    """pypinyin's reading of one of its phrases, or of one character (its first reading)."""
    from pypinyin import Style, pinyin

    with _pypinyin_lock:  # pypinyin's segmenter is not known to be thread-safe
        result = pinyin([piece], style=Style.TONE3, neutral_tone_with_five=True)
    return tuple(item[0] for item in result)


@lru_cache(maxsize=65536)
def _phrase_pieces(word: str) -> tuple[str, ...]:
    """The word as few of pypinyin's phrases (or single characters) as possible.

    pypinyin would cut an unlisted word its own way: 银行行长 as 银|行行|长 (yínxíngxíngzhǎng)
    where the fewest phrases, 银行|行长, read it right.
    """
    from pypinyin.constants import PHRASES_DICT

    if len(word) <= 1 or word in PHRASES_DICT:
        return (word,)
    # fewest[i]: (pieces, split point) of the best split of word[:i]
    fewest: list[tuple[int, int]] = [(0, 0)] + [(len(word) + 1, 0)] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 8), end):
            if end - start == 1 or word[start:end] in PHRASES_DICT:
                count = fewest[start][0] + 1
                if count < fewest[end][0]:
                    fewest[end] = (count, start)
    pieces = []
    end = len(word)
    while end:
        start = fewest[end][1]
        pieces.append(word[start:end])
        end = start
    return tuple(reversed(pieces))


def _erhua(parts: tuple[str, ...]) -> tuple[str, ...]:
    """哪儿 nǎr, 一会儿 yíhuìr: the final 儿 joins the syllable before it."""
    if len(parts) < 2 or not parts[-2][-1:].isdigit():
        return parts
    previous = parts[-2]
    return (*parts[:-2], previous[:-1] + "r" + previous[-1])


@lru_cache(maxsize=65536)
def _styled(numbered: tuple[str, ...], style: RubyStyle) -> tuple[Syllable, ...]:
    if style == "zhuyin":
        return tuple(_zhuyin(part) for part in numbered)
    result: list[Syllable] = []
    for part in numbered:
        found = syllables(part)
        result.extend(found if found else [Syllable(part, NO_TONE)])
    return tuple(result)


_ZHUYIN_TONES = {1: "", 2: "ˊ", 3: "ˇ", 4: "ˋ", 5: "˙"}


def _zhuyin(numbered: str) -> Syllable:
    """One syllable in zhuyin (ㄏㄤˊ), the light tone's dot in front as it is written (˙ㄉㄜ)."""
    from pypinyin.style.bopomofo import converter

    if not numbered[-1:].isdigit():
        return Syllable(numbered, NO_TONE)
    tone = int(numbered[-1])
    letters = numbered[:-1]
    erhua = letters.endswith("r") and letters != "er"
    body = converter.to_bopomofo(letters[:-1] if erhua else letters).rstrip("ˊˇˋ˙")
    if tone == 5:
        return Syllable("˙" + body + ("ㄦ" if erhua else ""), tone)
    return Syllable(body + _ZHUYIN_TONES[tone] + ("ㄦ" if erhua else ""), tone)
