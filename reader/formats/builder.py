"""Building a Document from a format's blocks: the rendered text, its paragraphs and styles.

A format reader walks its own structure (Markdown tokens, XHTML elements) and hands over one
block at a time, its inline text collected in an :class:`Inline` with its styles. The text
of the Document is the blocks joined by blank lines, markup removed: every place indexes it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from reader.document import (
    Document,
    InlineStyle,
    Paragraph,
    ParagraphKind,
    Section,
    StyleKind,
)
from reader.typeset import display

PARAGRAPH_BREAK = "\n\n"
_SPACE_RUN = re.compile(r"[ \t\r\f\v\n]+")


@dataclass
class Inline:
    """A block's inline text as it is collected: the characters and the styles open on them."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    styles: list[InlineStyle] = field(default_factory=list)
    _open: list[tuple[StyleKind, int, str]] = field(default_factory=list)

    def append(self, text: str) -> None:
        if text:
            self.parts.append(text)
            self.length += len(text)

    def open(self, kind: StyleKind, url: str = "") -> None:
        self._open.append((kind, self.length, url))

    def close(self, kind: StyleKind) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == kind:
                _, start, url = self._open.pop(index)
                if self.length > start:
                    self.styles.append(InlineStyle(start, self.length, kind, url))
                return

    def is_empty(self) -> bool:
        return not "".join(self.parts).strip()

    def finish(self, *, collapse: bool, single_line: bool = False) -> tuple[str, list[InlineStyle]]:
        """The text with its ends trimmed, and styles moved with it.

        ``collapse`` folds runs of white space as HTML does: into one space, or into a newline
        when the run holds one (shown as nothing between CJK, as a space between words).
        ``single_line`` resolves the newlines too (a heading, a table cell).
        """
        while self._open:
            self.close(self._open[-1][0])
        raw = "".join(self.parts)
        pieces: list[str] = []
        mapping = [0] * (len(raw) + 1)  # raw offset -> finished offset
        position = 0
        if collapse:
            last = 0
            for match in _SPACE_RUN.finditer(raw):
                pieces.append(raw[last : match.start()])
                for offset in range(last, match.start()):
                    mapping[offset] = position + offset - last
                position += match.start() - last
                for offset in range(match.start(), match.end()):
                    mapping[offset] = position
                pieces.append("\n" if "\n" in match.group() else " ")
                position += 1
                last = match.end()
            pieces.append(raw[last:])
            for offset in range(last, len(raw) + 1):
                mapping[offset] = position + offset - last
            text = "".join(pieces)
        else:
            text = raw
            mapping = list(range(len(raw) + 1))
        if single_line and "\n" in text:
            resolved = [display(text, index, index + 1) for index in range(len(text))]
            remap = list(accumulate_lengths(resolved))
            mapping = [remap[offset] for offset in mapping]
            text = "".join(resolved)
        lead = len(text) - len(text.lstrip())
        text = text.strip()
        styles = []
        for style in self.styles:
            start = min(max(mapping[style.start] - lead, 0), len(text))
            end = min(max(mapping[style.end] - lead, 0), len(text))
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                styles.append(InlineStyle(start, end, style.kind, style.url))
        return text, styles


def accumulate_lengths(parts: list[str]) -> list[int]:
    """Offsets where each part starts once joined, and the total at the end."""
    offsets = [0]
    for part in parts:
        offsets.append(offsets[-1] + len(part))
    return offsets


BULLETS = ("•", "◦", "▪")  # by list depth


@dataclass
class DocumentBuilder:
    """Blocks in reading order -> a Document.

    The walker tells it where lists, items and quotes open and close; a block added inside an
    item is that item's paragraph (the first shows the marker, later ones hang under it).
    """

    name: str
    format: str
    parts: list[str] = field(default_factory=list)
    length: int = 0
    paragraphs: list[Paragraph] = field(default_factory=list)
    styles: list[InlineStyle] = field(default_factory=list)
    headings: list[tuple[int, int, str]] = field(default_factory=list)  # start, level, title
    quote: int = 0  # block quotes open around what is added now
    _lists: list[tuple[bool, str, int]] = field(default_factory=list)  # ordered, delimiter, next
    _items: list[str] = field(default_factory=list)  # the marker of each open item
    _marker: str | None = None  # the open item's marker, until its first block takes it

    def open_list(self, *, ordered: bool, delimiter: str = ".", start: int = 1) -> None:
        self._lists.append((ordered, delimiter, start))

    def close_list(self) -> None:
        if self._lists:
            self._lists.pop()

    def open_item(self, number: int | None = None) -> None:
        """An item of the innermost list; ``number`` overrides an ordered list's count."""
        if not self._lists:
            self.open_list(ordered=False)
        ordered, delimiter, following = self._lists[-1]
        if ordered:
            number = following if number is None else number
            self._lists[-1] = (ordered, delimiter, number + 1)
            self._marker = f"{number}{delimiter}"
        else:
            self._marker = BULLETS[min(len(self._lists), len(BULLETS)) - 1]
        self._items.append(self._marker)

    def close_item(self) -> None:
        if self._marker is not None:  # an empty item still shows its marker
            self.block("item", " ")
        self._marker = None
        if self._items:
            self._items.pop()

    def block(
        self,
        kind: ParagraphKind,
        text: str,
        styles: Sequence[InlineStyle] = (),
        *,
        depth: int = 0,
    ) -> int:
        """Add a block where the walker is (inside its quotes and list items)."""
        marker = ""
        if self._items and kind not in ("heading", "title", "meta") and text:
            if self._marker is not None:
                marker, self._marker = self._marker, None
            else:  # an item's later blocks hang under its text, their marker blank
                marker = " " * len(self._items[-1])
            if kind == "body":
                kind, depth = "item", len(self._lists)
        return self.add(kind, text, styles, depth=depth, marker=marker)

    def add(
        self,
        kind: ParagraphKind,
        text: str,
        styles: Sequence[InlineStyle] = (),
        *,
        depth: int = 0,
        marker: str = "",
    ) -> int:
        """Append a block; returns its start place. An empty block (but a rule) is left out."""
        if not text and kind != "rule":
            return self.length
        if self.parts:
            self.parts.append(PARAGRAPH_BREAK)
            self.length += len(PARAGRAPH_BREAK)
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        self.paragraphs.append(
            Paragraph(start, self.length, kind, depth, marker=marker, quote=self.quote)
        )
        self.styles += [InlineStyle(start + s.start, start + s.end, s.kind, s.url) for s in styles]
        if kind == "heading":
            self.headings.append((start, depth, text))
        return start

    def table(self, rows: list[list[tuple[str, list[InlineStyle]]]]) -> None:
        """A table from its rows of cells (text and styles each): cells split by tabs."""
        parts: list[str] = []
        styles: list[InlineStyle] = []
        position = 0
        for row_number, row in enumerate(row for row in rows if row):
            if row_number:
                parts.append("\n")
                position += 1
            for cell_number, (text, cell_styles) in enumerate(row):
                if cell_number:
                    parts.append("\t")
                    position += 1
                cell = text.replace("\t", " ").replace("\n", " ")
                parts.append(cell)
                styles += [
                    InlineStyle(style.start + position, style.end + position, style.kind, style.url)
                    for style in cell_styles
                ]
                position += len(cell)
        self.block("table", "".join(parts), styles)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def heading_sections(self) -> tuple[Section, ...]:
        """Sections from the headings, nested by level: a level skipped is one step deeper.

        (## then #### nest as 1 and 2; a document of ### alone is all top level.)
        """
        sections: list[Section] = []
        open_levels: list[int] = []  # the levels of the sections still open, outermost first
        for start, level, title in self.headings:
            while open_levels and open_levels[-1] >= level:
                open_levels.pop()
            open_levels.append(level)
            sections.append(Section(title, len(open_levels), start))
        return tuple(sections)

    def build(
        self,
        title: str,
        *,
        sections: tuple[Section, ...] | None = None,
        metadata: tuple[tuple[str, str], ...] = (),
    ) -> Document:
        """The Document; its sections are the headings' unless the format has its own."""
        paragraphs = self.paragraphs
        if sections is None:
            sections = self.heading_sections()
            rank = {section.start: section.depth for section in sections}
            paragraphs = [
                replace(p, depth=rank[p.start]) if p.kind == "heading" else p for p in paragraphs
            ]
        return Document(
            text=self.text,
            name=self.name,
            title=title,
            paragraphs=tuple(paragraphs),
            sections=sections,
            metadata=metadata,
            styles=tuple(sorted(self.styles, key=lambda style: style.start)),
            format=self.format,
        )


def file_title(name: str) -> str:
    """The last component of a path: the title when the document names none."""
    return re.split(r"[\\/]", name)[-1] or name
