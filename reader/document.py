"""The document model: the original text and where its parts are.

Every position is a *place*: a character offset into the original text. Script conversion
changes what is shown, never where things are, so every layer can speak in places.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

ParagraphKind = Literal[
    "title",  # the document's title line
    "meta",  # a key：value line under the title (時間：…, 作者：…)
    "heading",  # a section heading; ``depth`` is its level
    "body",  # prose
    "contents",  # a line of a table of contents
    "verse",  # one line of a block typed as lines (a poem): no gap or indent between them
    "item",  # a list item; ``depth`` is its nesting (1 = top), ``marker`` its bullet or number
    "code",  # verbatim lines: never re-wrapped or indented, no line-breaking rules
    "table",  # cells: rows split by "\n", cells by "\t" (neither occurs inside a cell)
    "rule",  # a thematic break; its text is empty
    "image",  # an image's placeholder; its text is the alt text (or the file's name)
]
StyleKind = Literal["strong", "em", "code", "link"]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A run of text shown as one block; ``text[start:end]`` (may contain inner newlines)."""

    start: int
    end: int
    kind: ParagraphKind = "body"
    depth: int = 0  # for headings: the section depth (1 = top level)
    runs_on: bool = False  # the rest of a very long paragraph: no gap and no indent before it
    marker: str = ""  # a list item's bullet or number ("•", "1."); "" for its later paragraphs
    quote: int = 0  # how deep inside block quotes (any kind can be quoted: a heading, a list)


@dataclass(frozen=True, slots=True)
class InlineStyle:
    """Emphasis, strong, code or a link over ``text[start:end]``: a style, not characters."""

    start: int
    end: int
    kind: StyleKind
    url: str = ""  # a link's target


@dataclass(frozen=True, slots=True)
class Section:
    """A node of the outline, starting at ``start``.

    Found in the text, ``text[start:start + len(title)] == title``; a book's own navigation
    may name a chapter otherwise than its first line does.
    """

    title: str
    depth: int  # 1 = top level; the document title is the root and not a Section
    start: int


def section_parents(sections: Sequence[Section]) -> list[int]:
    """Each section's parent in the outline: the index of the nearest open section less deep,
    -1 for the document itself. A section more than one level deeper than the one before
    it (a 1 then a 3) hangs under that one, as the outline draws it."""
    open_sections: list[int] = []  # the sections a new one may hang under, outermost first
    parents: list[int] = []
    for index, section in enumerate(sections):
        del open_sections[max(0, section.depth - 1) :]
        parents.append(open_sections[-1] if open_sections else -1)
        open_sections.append(index)
    return parents


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    name: str  # file name, or "<stdin>"
    title: str
    paragraphs: tuple[Paragraph, ...]
    sections: tuple[Section, ...]  # in document order
    metadata: tuple[tuple[str, str], ...] = ()
    styles: tuple[InlineStyle, ...] = ()  # in order of start
    format: str = "text"  # text, markdown, epub, html: what it was read from
    _links: tuple[InlineStyle, ...] = field(init=False, repr=False, compare=False)
    _link_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _paragraph_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _section_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_paragraph_starts", tuple(p.start for p in self.paragraphs))
        object.__setattr__(self, "_section_starts", tuple(s.start for s in self.sections))
        links = tuple(style for style in self.styles if style.kind == "link")
        object.__setattr__(self, "_links", links)
        object.__setattr__(self, "_link_starts", tuple(link.start for link in links))

    def paragraph_text(self, index: int) -> str:
        paragraph = self.paragraphs[index]
        return self.text[paragraph.start : paragraph.end]

    def paragraph_index_at(self, place: int) -> int:
        """The paragraph holding ``place``, or the last one starting before it."""
        return max(0, bisect_right(self._paragraph_starts, place) - 1)

    def link_at(self, place: int) -> str | None:
        """The URL of the link whose text holds ``place``, if any."""
        index = bisect_right(self._link_starts, place) - 1
        if index >= 0 and place < self._links[index].end:
            return self._links[index].url
        return None

    def section_index_at(self, place: int) -> int | None:
        """The section being read at ``place``: the last one starting at or before it."""
        index = bisect_right(self._section_starts, place) - 1
        return index if index >= 0 else None
