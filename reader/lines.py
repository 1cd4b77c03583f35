"""A screen line of the article: which text it shows and what is drawn around it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from reader.pinyin import Syllable


@dataclass(frozen=True, slots=True)
class Piece:
    """A span of the shown text drawn at ``column`` cells after its line's indent."""

    start: int
    end: int
    column: int


class RubyGroup(NamedTuple):
    """A word's reading on a reading row, ``column`` cells after the line's indent."""

    column: int
    syllables: tuple[Syllable, ...]


@dataclass(frozen=True, slots=True)
class Line:
    """One screen line: a span of a paragraph's shown text."""

    paragraph: int
    index: int  # line number inside the paragraph
    start: int  # offsets into the shown paragraph text
    end: int
    indent: int  # cells before the text (a first-line indent, a list's hang, a quote's bar)
    pieces: tuple[Piece, ...] = ()  # a table's line: each cell's span; () is start..end at 0
    decor: tuple[tuple[int, str], ...] = ()  # (column from the line's left edge, what is drawn)
    ruby: tuple[RubyGroup, ...] | None = None  # a reading row (above its text row), else None
    width: int | None = None  # cells after the indent when wider than its text (readings)

    def spans(self) -> tuple[Piece, ...]:
        """What the line shows of the text, piece by piece."""
        return self.pieces or (Piece(self.start, self.end, 0),)
