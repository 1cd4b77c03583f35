"""The article as screen lines, without wrapping a whole book up front.

Each paragraph's height is estimated from its length until it comes near the screen; then it
is wrapped exactly and the estimate corrected. Lines are addressed by ``y`` (the virtual line
number), and every line knows its place in the original text, so the reader's place survives
a change of width or script.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate
from typing import TYPE_CHECKING

from reader.blocks import PARAGRAPH_INDENT, RUBY_KINDS, typeset
from reader.document import Document, Paragraph
from reader.lines import Line
from reader.typeset import cell_width, display

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reader.readings import WordReading
    from reader.shown import Shown

    Readings = Callable[[str], Sequence[WordReading]]

__all__ = ["PARAGRAPH_INDENT", "ArticleLayout", "Line", "gap_after", "rough_cells"]


def rough_cells(text: str) -> int:
    """Cells a text takes, estimated from its UTF-8 size: CJK characters are 3 bytes, 2 cells.

    Much faster than measuring each character, and close enough for the lines not yet wrapped.
    """
    extra = len(text.encode("utf-8", "surrogatepass")) - len(text)
    return len(text) + extra // 2


def gap_after(paragraphs: tuple[Paragraph, ...], index: int) -> int:
    """Blank lines after a paragraph: none before the rest of a long one cut in pieces, none
    between metadata lines, the lines of a table of contents or of a poem, or the items of a
    list (unless an item's next paragraph follows), one elsewhere."""
    if index + 1 >= len(paragraphs) or paragraphs[index + 1].runs_on:
        return 0
    kind, following = paragraphs[index].kind, paragraphs[index + 1]
    if kind in ("meta", "contents", "verse") and following.kind == kind:
        return 0
    if kind == "item" and following.kind == "item" and following.marker.strip():
        return 0
    return 1


class ArticleLayout:
    """Maps virtual line numbers to paragraph lines for one width and one shown script."""

    def __init__(
        self,
        document: Document,
        show: Callable[[int], Shown],
        width: int,
        readings: Readings | None = None,
        widening: float = 1.0,
    ) -> None:
        """``readings``: the words of a text with their readings, to set prose with a reading
        row above each line (``widening``: how much wider that makes a line, for estimates)."""
        self.document = document
        self.width = max(4, width)
        self._show = show
        self.readings = readings
        self.widening = widening
        count = len(document.paragraphs)
        self._gaps = [gap_after(document.paragraphs, index) for index in range(count)]
        self._lines: dict[int, list[Line]] = {}
        self._cells_per_char = rough_cells(document.text) / max(1, len(document.text))
        self._heights = [self._estimate(index) for index in range(count)]
        self._tops: list[int] | None = None

    # -- sizes -------------------------------------------------------------------------------

    def _estimate(self, index: int) -> int:
        """A paragraph's height from its length alone: a book opens without wrapping it all."""
        paragraph = self.document.paragraphs[index]
        if paragraph.kind in ("code", "table"):  # a line per line of text, at least
            rows = self.document.text.count("\n", paragraph.start, paragraph.end) + 1
            return rows + (paragraph.kind == "table") + self._gaps[index]
        indent = PARAGRAPH_INDENT if paragraph.kind == "body" and not paragraph.runs_on else 0
        cells = int((paragraph.end - paragraph.start) * self._cells_per_char) + indent
        if self.readings is not None and paragraph.kind in RUBY_KINDS:
            rows = max(1, -(-int(cells * self.widening) // self.width))
            return 2 * rows + self._gaps[index]
        return max(1, -(-cells // self.width)) + self._gaps[index]

    @property
    def tops(self) -> list[int]:
        """The y of each paragraph's first line (recomputed only after a height changes)."""
        if self._tops is None:
            self._tops = [0, *accumulate(self._heights)][:-1] if self._heights else []
        return self._tops

    @property
    def total_lines(self) -> int:
        tops = self.tops
        return tops[-1] + self._heights[-1] if tops else 0

    def is_exact(self, paragraph: int) -> bool:
        return paragraph in self._lines

    # -- wrapping ----------------------------------------------------------------------------

    def lines_of(self, index: int) -> list[Line]:
        """The paragraph's lines, wrapping it now if needed (corrects its height)."""
        lines = self._lines.get(index)
        if lines is None:
            text, _ = self._show(index)
            paragraph = self.document.paragraphs[index]
            lines = typeset(paragraph, index, text, self.width, self.readings)
            self._lines[index] = lines
            height = len(lines) + self._gaps[index]
            if height != self._heights[index]:
                self._heights[index] = height
                self._tops = None
        return lines

    def make_exact(self, first: int, last: int) -> None:
        for index in range(max(0, first), min(last, len(self._heights) - 1) + 1):
            self.lines_of(index)

    def prepare(self, y: int, height: int, anchor: tuple[int, int] | None = None) -> int:
        """Wrap what the screen at ``y`` shows (and half a screen around it) exactly.

        Returns the y that keeps ``anchor`` (paragraph, line) at the top while estimates above
        it are corrected; without an anchor, ``y`` itself.
        """
        if not self._heights:  # an empty document: nothing to wrap, nothing to keep in place
            return 0
        for _ in range(4):  # corrections can move what is visible; settle in a few rounds
            first = self.paragraph_at_y(max(0, y - height // 2))
            last = self.paragraph_at_y(y + height + height // 2)
            missing = [i for i in range(first, last + 1) if not self.is_exact(i)]
            if not missing:
                break
            self.make_exact(first, last)
            if anchor is not None:
                y = self.y_of_line(*anchor)
        return y

    def invalidate(
        self, width: int | None = None, show: Callable[[int], Shown] | None = None
    ) -> None:
        """Forget the wrapping (width or script changed); keep heights as estimates."""
        if width is not None:
            self.width = max(4, width)
        if show is not None:
            self._show = show
        self._lines.clear()

    def set_readings(self, readings: Readings | None, widening: float = 1.0) -> None:
        """Reading rows on (or off, with None): every height is estimated again."""
        self.readings = readings
        self.widening = widening
        self._lines.clear()
        self._heights = [self._estimate(index) for index in range(len(self._heights))]
        self._tops = None

    # -- lookups -----------------------------------------------------------------------------

    def paragraph_at_y(self, y: int) -> int:
        tops = self.tops
        if not tops:
            return 0
        return max(0, min(len(tops) - 1, bisect_right(tops, y) - 1))

    def line_at(self, y: int) -> Line | None:
        """The line at ``y``, or None for a blank gap line or past the end."""
        if y < 0 or y >= self.total_lines:
            return None
        index = self.paragraph_at_y(y)
        lines = self.lines_of(index)
        row = y - self.tops[index]
        return lines[row] if row < len(lines) else None

    def y_of_line(self, paragraph: int, row: int) -> int:
        """The y of a row of a paragraph (rows past its lines are its gap lines)."""
        return self.tops[paragraph] + min(row, self._heights[paragraph] - 1)

    def anchor_at(self, y: int) -> tuple[int, int]:
        """(paragraph, row inside it) at ``y``: what must stay put while estimates change."""
        if not self._heights:
            return 0, 0
        index = self.paragraph_at_y(y)
        return index, max(0, y - self.tops[index])

    def place_at_y(self, y: int) -> int:
        """The original-text offset of the first character at line ``y``.

        A blank line between paragraphs belongs to the next paragraph's first character.
        """
        if not self._heights:
            return 0
        paragraph, row = self.anchor_at(min(y, self.total_lines - 1))
        lines = self.lines_of(paragraph)
        if row >= len(lines):
            if paragraph + 1 < len(self._heights):
                return self.document.paragraphs[paragraph + 1].start
            row = len(lines) - 1
        return self.place_of(paragraph, lines[row].start)

    def place_of(self, paragraph: int, shown_offset: int) -> int:
        start = self.document.paragraphs[paragraph].start
        _, offsets = self._show(paragraph)
        if offsets is None:
            return start + shown_offset
        if shown_offset >= len(offsets):
            return self.document.paragraphs[paragraph].end
        return start + offsets[shown_offset]

    def shown_offset(self, paragraph: int, place: int) -> int:
        """Inverse of place_of: the shown offset of an original place inside ``paragraph``."""
        relative = place - self.document.paragraphs[paragraph].start
        _, offsets = self._show(paragraph)
        if offsets is None:
            return relative
        return bisect_right(offsets, relative) - 1 if offsets else 0

    def y_of_place(self, place: int, *, with_reading: bool = False) -> int:
        """The line showing ``place`` (wrapping its paragraph exactly first); with
        ``with_reading``, the reading row above it when it has one (to put it on top)."""
        if not self._heights:
            return 0
        paragraph = self.document.paragraph_index_at(place)
        offset = self.shown_offset(paragraph, place)
        row = self.line_holding(paragraph, offset).index
        if with_reading and row and self.lines_of(paragraph)[row - 1].ruby is not None:
            row -= 1
        return self.tops[paragraph] + row

    def line_holding(self, paragraph: int, offset: int) -> Line:
        """The line of a paragraph that shows a shown offset (or the last one before it)."""
        lines = self.lines_of(paragraph)
        for line in lines:
            if any(piece.start <= offset < piece.end for piece in line.pieces):
                return line  # a table's cell: lines of other cells lie between its own
        holding = lines[0]
        for line in lines:
            if line.start <= offset and not line.pieces:
                holding = line
        return holding

    def column_in_line(self, line: Line, offset: int) -> int | None:
        """The cell column (from the line's text start) where a shown offset is drawn, or
        None when the line does not show it (another cell of a table's row)."""
        text, _ = self._show(line.paragraph)
        for piece in line.spans():
            if piece.start <= offset <= piece.end:
                return piece.column + cell_width(display(text, piece.start, offset))
        return None

    def column_to_offset(self, line: Line, column: int) -> int | None:
        """The shown offset under screen cell ``column`` (counted from the line's text start),
        or None between a table's cells."""
        text, _ = self._show(line.paragraph)
        for piece in line.spans():
            cells = piece.column
            if column < cells:
                return None
            for offset in range(piece.start, piece.end):
                cells += cell_width(display(text, offset, offset + 1))
                if cells > column:
                    return offset
        if line.pieces:
            return None
        return max(line.start, line.end - 1)
