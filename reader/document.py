"""The document model: the original text and where its parts are.

Every position is a *place*: a character offset into the original text. Script conversion
changes what is shown, never where things are, so every layer can speak in places.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

ParagraphKind = Literal["title", "meta", "heading", "body", "contents", "verse"]
"""``verse``: one line of a block typed as lines (a poem), set without gap or indent."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A run of text shown as one block; ``text[start:end]`` (may contain inner newlines)."""

    start: int
    end: int
    kind: ParagraphKind = "body"
    depth: int = 0  # for headings: the section depth (1 = top level)
    runs_on: bool = False  # the rest of a very long paragraph: no gap and no indent before it


@dataclass(frozen=True, slots=True)
class Section:
    """A node of the outline; ``text[start:start + len(title)] == title`` always holds."""

    title: str
    depth: int  # 1 = top level; the document title is the root and not a Section
    start: int


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    name: str  # file name, or "<stdin>"
    title: str
    paragraphs: tuple[Paragraph, ...]
    sections: tuple[Section, ...]  # in document order
    metadata: tuple[tuple[str, str], ...] = ()
    is_markdown: bool = False
    _paragraph_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _section_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_paragraph_starts", tuple(p.start for p in self.paragraphs))
        object.__setattr__(self, "_section_starts", tuple(s.start for s in self.sections))

    def paragraph_text(self, index: int) -> str:
        paragraph = self.paragraphs[index]
        return self.text[paragraph.start : paragraph.end]

    def paragraph_index_at(self, place: int) -> int:
        """The paragraph holding ``place``, or the last one starting before it."""
        return max(0, bisect_right(self._paragraph_starts, place) - 1)

    def section_index_at(self, place: int) -> int | None:
        """The section being read at ``place``: the last one starting at or before it."""
        index = bisect_right(self._section_starts, place) - 1
        return index if index >= 0 else None
