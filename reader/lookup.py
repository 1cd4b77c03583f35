"""Looking a word up: jieba's words of a paragraph as places, and the senses at a place.

Words are jieba's, found on the t2s form of one paragraph at a time (t2s keeps the
character count, so a word's offsets are places in the original text) and remembered. The
senses at a place are, like Zhongwen's, every glossary term starting there, then every
CC-CEDICT headword starting there, longest first (homographs: 行 xíng and háng).

CC-CEDICT's words that jieba does not know (about 34k) are deliberately *not* added to jieba:
that takes seconds under the segmenter's lock and would change the segmentation the
glossary's term finder relies on. The longest-first candidates cover the difference.

Pure: no Textual. The word cursor (widgets/article.py) and the look-up feature use it.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from reader.script import Script, Variant, simplified_in_place
from reader.spans import Span

if TYPE_CHECKING:
    from reader.dictionary import DictEntry, Dictionary, Frequency
    from reader.document import Document
    from reader.glossary import Glossary
    from reader.words import Segmenter

# A token of jieba's that is a word: it has a letter, digit or character (not punctuation).
_WORD_CHAR = re.compile(r"[^\W_]")
_SENTENCE_END = "。！？!?"
_CLOSERS = "”’」』）)》〉】\"'"
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


@cache
def _fallback_word() -> re.Pattern[str]:
    """Before jieba is loaded: one character per CJK word, runs of anything else word-like.

    Compiled on first use: classes spanning the CJK blocks take milliseconds to compile.
    """
    han = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    return re.compile(rf"[{han}]|[^\W_{han}]+")


_dictionary_lock = threading.Lock()
_dictionary: Dictionary | None = None


def shared_dictionary() -> Dictionary:
    """The bundled CC-CEDICT, loaded once per process (slow: call it from a worker)."""
    global _dictionary
    with _dictionary_lock:
        if _dictionary is None:
            from reader.dictionary import Dictionary

            _dictionary = Dictionary.load()
        return _dictionary


class WordIndex:
    """jieba's words of each paragraph, as spans of places, found on demand and remembered.

    Until the segmenter is loaded every CJK character is a word (not remembered); once words
    are added to the segmenter (the glossary's terms) the remembered words are found again.
    """

    def __init__(self, document: Document, segmenter: Segmenter) -> None:
        self.document = document
        self.segmenter = segmenter
        self._simplified: dict[int, str] = {}
        self._words: dict[int, tuple[list[Span], list[int]]] = {}
        self._generation: tuple[bool, int] = (False, -1)

    def simplified(self, paragraph: int) -> str:
        """The paragraph in simplified script, the same length as the original."""
        text = self._simplified.get(paragraph)
        if text is None:
            text = simplified_in_place(self.document.paragraph_text(paragraph))
            self._simplified[paragraph] = text
        return text

    def words(self, paragraph: int) -> list[Span]:
        """The paragraph's words (punctuation and spaces left out), in order."""
        return self._entry(paragraph)[0]

    def _entry(self, paragraph: int) -> tuple[list[Span], list[int]]:
        segmenter = self.segmenter
        generation = (segmenter.loaded, segmenter.added_words)
        if generation != self._generation:
            self._words.clear()
            self._generation = generation
        entry = self._words.get(paragraph)
        if entry is not None:
            return entry
        text = self.simplified(paragraph)
        base = self.document.paragraphs[paragraph].start
        if segmenter.loaded:
            spans = [
                (base + start, base + end)
                for start, end in segmenter.segment(text)
                if _WORD_CHAR.search(text, start, end)
            ]
        else:
            spans = [(base + m.start(), base + m.end()) for m in _fallback_word().finditer(text)]
        entry = (spans, [start for start, _ in spans])
        if segmenter.loaded:
            self._words[paragraph] = entry
        return entry

    def word_at(self, place: int) -> Span | None:
        """The word covering ``place``, or None (punctuation, a space, a gap)."""
        spans, starts = self._entry(self.document.paragraph_index_at(place))
        index = bisect_right(starts, place) - 1
        if index >= 0 and place < spans[index][1]:
            return spans[index]
        return None

    def next_word(self, place: int) -> Span | None:
        """The first word starting at or after ``place``."""
        paragraph = self.document.paragraph_index_at(place)
        while paragraph < len(self.document.paragraphs):
            spans, starts = self._entry(paragraph)
            index = bisect_left(starts, place)
            if index < len(spans):
                return spans[index]
            paragraph += 1
        return None

    def previous_word(self, place: int) -> Span | None:
        """The last word starting before ``place``."""
        paragraph = self.document.paragraph_index_at(place)
        while paragraph >= 0:
            spans, starts = self._entry(paragraph)
            index = bisect_left(starts, place) - 1
            if index >= 0:
                return spans[index]
            paragraph -= 1
        return None

    def words_between(self, paragraph: int, start: int, end: int) -> list[Span]:
        """The paragraph's words that overlap the places ``[start, end)``."""
        spans, starts = self._entry(paragraph)
        return [span for span in spans[: bisect_left(starts, end)] if span[1] > start]


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding ``[start, end)``: from after the last 。！？ before it
    (and any closing quote) to the next one (and its closing quote), at most a line."""
    left = start
    while left > 0 and text[left - 1] not in _SENTENCE_END and text[left - 1] != "\n":
        left -= 1
    while left < start and (text[left] in _CLOSERS or text[left].isspace()):
        left += 1
    right = end
    while right < len(text) and text[right] not in _SENTENCE_END and text[right] != "\n":
        right += 1
    while right < len(text) and text[right] in _SENTENCE_END:
        right += 1
    while right < len(text) and text[right] in _CLOSERS:
        right += 1
    return text[left:right].strip()


@dataclass(frozen=True, slots=True)
class Sense:
    """One entry as the dictionary popup shows it: a CC-CEDICT line or a glossary entry."""

    simplified: str
    traditional: str
    pinyin: str  # with tone marks
    pinyin_numbered: str  # CC-CEDICT's numbered reading, for colouring; "" shows it plainly
    definitions: tuple[str, ...]
    note: str = ""  # a glossary entry's Chinese explanation, in traditional script
    source: str = ""  # "glossary" for a glossary entry; "" for CC-CEDICT
    note_simplified: str = ""  # the explanation in simplified script

    def headword(self, script: Script) -> str:
        return self.traditional if script == "traditional" else self.simplified

    @property
    def definition(self) -> str:
        return "; ".join(self.definitions)

    def readable_definition(self, script: Script) -> str:
        """The definitions as shown: CC-CEDICT's notation written out in ``script``."""
        if self.source:
            return self.definition
        from reader.dictionary import readable_definition

        return "; ".join(readable_definition(definition, script) for definition in self.definitions)

    def readable_note(self, script: Script) -> str:
        """The glossary's Chinese explanation in ``script``, as the term popup shows it."""
        return self.note_simplified if script == "simplified" else self.note


def senses_at(
    simplified: str,
    position: int,
    dictionary: Dictionary,
    glossary: Glossary | None = None,
    variant: Variant = "tw",
    *,
    stop: int | None = None,
    original: str = "",
    frequency: Frequency | None = None,
) -> list[Sense]:
    """Glossary terms starting at ``position`` of a paragraph's simplified text, then
    CC-CEDICT's headwords that ``[position, stop)`` covers, longest first, then each of its
    characters; every entry of each headword is a sense, the most common first.

    ``original`` (the paragraph as written, when traditional) chooses among a traditional
    headword's entries (幹 or 乾); ``frequency`` is jieba's, once loaded. Answers in well
    under a millisecond (a row of tests/benchmark.py).
    """
    if stop is None:
        stop = position + 1
    senses = [] if glossary is None else glossary_senses(glossary, simplified, position, variant)
    for word in dictionary.words_covering(simplified, position, stop):
        at = simplified.find(word, position)
        written = original[at : at + len(word)] if original and at >= 0 else ""
        senses.extend(map(entry_sense, dictionary.entries_by_use(word, frequency, written)))
    return senses


def entry_sense(entry: DictEntry) -> Sense:
    """A CC-CEDICT entry as the popup shows it."""
    return Sense(
        simplified=entry.simplified,
        traditional=entry.traditional,
        pinyin=entry.pinyin_marks,
        pinyin_numbered=entry.pinyin,
        definitions=entry.definitions,
    )


TYPED_LIMIT = 60  # senses a typed reading offers at most (shi alone reads ~500 lines)


def typed_senses(
    typed: str, dictionary: Dictionary, frequency: Frequency | None = None
) -> list[Sense]:
    """The entries for a word the reader typed: Chinese in either script (交流, 交流 as
    traditional), or its pinyin with tone marks, tone numbers or none (jiāoliú, jiao1liu2,
    jiaoliu). A reading's words come the commonest first (jieba's ``frequency``, once
    loaded), ordinary entries before names, surnames and pointers, at most TYPED_LIMIT.
    """
    typed = typed.strip()
    if not typed:
        return []
    if _fallback_word().search(typed) and any(not char.isascii() for char in typed):
        simplified = simplified_in_place(typed)
        if simplified in dictionary:
            original = typed if simplified != typed else ""
            return [
                entry_sense(e) for e in dictionary.entries_by_use(simplified, frequency, original)
            ]
    entries = dictionary.by_reading(typed)
    count = frequency or (lambda word: 0)
    ranked = sorted(
        enumerate(entries), key=lambda item: (item[1].minor, -count(item[1].simplified), item[0])
    )
    return [entry_sense(entry) for _, entry in ranked[:TYPED_LIMIT]]


def glossary_senses(
    glossary: Glossary, simplified: str, position: int, variant: Variant = "tw"
) -> list[Sense]:
    """The glossary's terms starting at ``position``, longest first, each once."""
    from reader.document_terms import term_in_script, text_in_script

    forms: Mapping[str, str] = glossary.forms()
    longest = min(max(map(len, forms), default=0), len(simplified) - position)
    senses: list[Sense] = []
    seen: set[str] = set()
    for length in range(longest, 0, -1):
        key = forms.get(simplified[position : position + length])
        if key is None or key in seen:
            continue
        seen.add(key)
        entry = glossary.get(key)
        if entry is None:
            continue
        senses.append(
            Sense(
                simplified=key,
                traditional=term_in_script(entry, "traditional", variant),
                pinyin=entry.pinyin,
                pinyin_numbered="",
                definitions=(entry.en,),
                note=text_in_script(entry.zh, "traditional", variant),
                source="glossary",
                note_simplified=text_in_script(entry.zh, "simplified", variant),
            )
        )
    return senses
