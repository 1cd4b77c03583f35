"""Prose set with a reading line (pinyin or zhuyin) above each line of text.

Each word with a reading is a box as wide as the wider of its characters and its reading;
the reading is centred over the box and the characters in it, and two boxes with readings
keep a cell between them, so readings never touch or overlap. Lines break only between
boxes, so a word is never split from its reading, and with the CJK rules: no closing
punctuation at the start of a line, no opening bracket at its end. A line of text is two
screen rows: its reading row (``Line.ruby``, possibly empty) and the text row below it.

Pure: no Textual. ``RubyReadings`` chooses which words get a reading (all, or the ones the
reader does not know) and remembers them per paragraph text.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from reader.lines import Line, Piece, RubyGroup
from reader.pinyin import Syllable
from reader.readings import RubyStyle, WordReading, joined, read_words
from reader.script import simplified_in_place
from reader.typeset import NO_LINE_END, NO_LINE_START, cell_width, display
from reader.words import Segmenter

RubyMode = Literal["off", "all", "unknown"]
#: `p` goes round these: off, a reading over every word, only over the words not known.
RUBY_MODES: tuple[RubyMode, ...] = ("off", "all", "unknown")
WIDENING = {"all": 1.5, "unknown": 1.15}  # estimated extra width of a line with readings
_SPACES = frozenset(" \t\n")


@dataclass(frozen=True, slots=True)
class _Unit:
    start: int
    end: int
    width: int  # cells of the box
    text_width: int
    reading: str  # "" for none
    syllables: tuple[Syllable, ...]


def ruby_lines(
    number: int,
    text: str,
    readings: Sequence[WordReading],
    room: int,
    indent: int,
    hang: int,
    first_decor: tuple[tuple[int, str], ...],
) -> list[Line]:
    """Prose lines with a reading row above each: the first line ``indent`` cells in, every
    line ``hang`` cells in; ``readings`` are words of ``text`` (shown offsets) in order."""
    units = _units(text, readings)
    rows = _break(units, max(1, room), indent, text)
    lines: list[Line] = []
    for row_number, row in enumerate(rows):
        lead = indent if row_number == 0 else 0
        pieces: list[Piece] = []
        groups: list[RubyGroup] = []
        column = lead
        previous_read = False
        for unit in row:
            if unit.reading and previous_read:
                column += 1
            pieces.append(Piece(unit.start, unit.end, column + (unit.width - unit.text_width) // 2))
            if unit.reading:
                shift = (unit.width - cell_width(unit.reading)) // 2
                groups.append(RubyGroup(column + shift, unit.syllables))
            previous_read = bool(unit.reading)
            column += unit.width
        start = row[0].start if row else 0
        end = row[-1].end if row else 0
        decor = first_decor if row_number == 0 else ()
        width = column  # both rows are the boxes' width: a centred title centres them as one
        lines.append(
            Line(number, 2 * row_number, start, end, hang, ruby=tuple(groups), width=width)
        )
        lines.append(
            Line(number, 2 * row_number + 1, start, end, hang, tuple(pieces), decor, width=width)
        )
    return lines or [
        Line(number, 0, 0, 0, hang, ruby=()),
        Line(number, 1, 0, 0, hang, decor=first_decor),
    ]


def _units(text: str, readings: Sequence[WordReading]) -> list[_Unit]:
    """The boxes: a word with its reading, else a character (a run of Latin letters whole)."""
    units: list[_Unit] = []
    position = 0

    def plain(start: int, end: int) -> None:
        index = start
        while index < end:
            stop = index + 1
            if text[index].isascii() and text[index].isalnum():
                while stop < end and text[stop].isascii() and text[stop].isalnum():
                    stop += 1
            width = cell_width(display(text, index, stop))
            units.append(_Unit(index, stop, width, width, "", ()))
            index = stop

    for word in readings:
        if word.start < position:
            continue
        plain(position, word.start)
        reading = joined(word.syllables)
        text_width = cell_width(display(text, word.start, word.end))
        width = max(text_width, cell_width(reading))
        units.append(_Unit(word.start, word.end, width, text_width, reading, word.syllables))
        position = word.end
    plain(position, len(text))
    return units


def _break(units: list[_Unit], room: int, indent: int, text: str) -> list[list[_Unit]]:
    """Greedy lines of whole boxes, closing punctuation kept off a line's start and opening
    brackets off its end; spaces at a break are dropped."""
    rows: list[list[_Unit]] = [[]]
    column = indent
    for unit in units:
        row = rows[-1]
        is_space = text[unit.start] in _SPACES
        if is_space and not row:
            continue
        gap = 1 if unit.reading and row and row[-1].reading else 0
        if row and column + gap + unit.width > room and not is_space:
            carried: list[_Unit] = []
            if text[unit.start] in NO_LINE_START and len(row) > 1:
                carried.append(row.pop())  # the word before a closing mark goes down with it
            while len(row) > 1 and text[row[-1].end - 1] in NO_LINE_END:
                carried.insert(0, row.pop())
            while row and text[row[-1].start] in _SPACES:
                row.pop()
            rows.append(carried)
            column = _row_width(carried)
            gap = 1 if unit.reading and carried and carried[-1].reading else 0
        rows[-1].append(unit)
        column += gap + unit.width
    while rows[-1] and text[rows[-1][-1].start] in _SPACES:
        rows[-1].pop()
    return [row for row in rows if row] or [[]]


def _row_width(row: list[_Unit]) -> int:
    width = 0
    for index, unit in enumerate(row):
        width += unit.width + (1 if index and unit.reading and row[index - 1].reading else 0)
    return width


class RubyReadings:
    """Which words of a paragraph get a reading, found once per shown text and mode.

    Words are jieba's, on the simplified form of the text on screen (so the offsets are the
    shown text's, in any script). ``is_known`` decides the "unknown" mode.
    """

    def __init__(
        self,
        segmenter: Segmenter,
        style: RubyStyle = "pinyin",
        mode: RubyMode = "all",
        is_known: Callable[[str], bool] = lambda word: False,
        *,
        spoken: bool = True,
    ) -> None:
        """``spoken``: 一 and 不 in their tones as spoken (reader/sandhi.py)."""
        self.segmenter = segmenter
        self.style: RubyStyle = style
        self.mode: RubyMode = mode
        self.is_known = is_known
        self.spoken = spoken
        self._cache: dict[str, list[WordReading]] = {}
        self._lock = threading.Lock()

    def forget(self) -> None:
        """The known words or the style changed: find the readings again."""
        with self._lock:
            self._cache.clear()

    def _words(self, simplified: str) -> list[tuple[int, int]]:
        """jieba's words, a glossary's terms (added to jieba) cut into dictionary words: a
        reader wants 社会主义 héxié shèhuì over its parts, not one reading across the term."""
        segmenter = self.segmenter
        added = segmenter.user_words()
        spans: list[tuple[int, int]] = []
        for start, end in segmenter.segment(simplified):
            if end - start > 2 and simplified[start:end] in added:
                parts = segmenter.dictionary_words(simplified[start:end])
                spans.extend((start + a, start + b) for a, b in parts)
            else:
                spans.append((start, end))
        return spans

    def __call__(self, text: str) -> list[WordReading]:
        found = self._cache.get(text)
        if found is not None:
            return found
        simplified = simplified_in_place(text)
        readings = read_words(simplified, self._words(simplified), self.style, spoken=self.spoken)
        if self.mode == "unknown":
            is_known = self.is_known
            readings = [r for r in readings if not is_known(simplified[r.start : r.end])]
        with self._lock:
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[text] = readings
        return readings
