"""The article: a virtual view that renders only the lines on screen (Textual's line API)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.actions import SkipAction
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.selection import Selection
from textual.strip import Strip

from reader.document import Document
from reader.layout import ArticleLayout, Line
from reader.lookup import WordIndex
from reader.pinyin import TONES, apostrophe_before
from reader.script import Script
from reader.settings import MAX_READING_WIDTH, MIN_READING_WIDTH
from reader.shown import ShownText
from reader.spans import Span, Spans, merged
from reader.typeset import cell_width, display
from reader.widgets.literal import append_literal, literal
from reader.widgets.popup_box import Anchor
from reader.widgets.textual_private import SteadyScrollView
from reader.words import Segmenter

if TYPE_CHECKING:
    from reader.layout import Readings

WIDTH_STEP = 4
EMPTY_NOTE = "This document is empty · q quits"
MARGIN = 2  # cells kept free on each side of the text
MAX_LINE_SKIP = 50  # lines the word cursor's ↑/↓ look through for one with a word on it
#: The word cursor's actions: enabled only while the cursor is on, so ↑/↓ fall through to
#: the line keys when it is off.
WORD_ACTIONS = frozenset(
    {"word_left", "word_right", "word_up", "word_down", "choose_word", "leave_word_cursor"}
)
#: The key bar names the mode, then its keys, while the word cursor is on.
WORD_CURSOR = Binding.Group("Word cursor")


class ArticleView(SteadyScrollView, can_focus=True):
    """Shows the document wrapped to the reading width, centred, in the script on screen."""

    READING_BINDINGS = [
        Binding("j,down", "line_down", "Line down", show=False),
        Binding("k,up", "line_up", "Line up", show=False),
        Binding("space,f,pagedown", "page_down", "Page down", show=False),
        Binding("b,pageup", "page_up", "Page up", show=False),
        Binding("g,home", "top", "Top", show=False),
        Binding("G,end", "bottom", "Bottom", show=False),
        Binding("right_curly_bracket", "next_section", "Next section", key_display="}"),
        Binding("left_curly_bracket", "previous_section", "Prev section", key_display="{"),
    ]
    BINDINGS = [
        # The word cursor's keys: check_action turns them off while the cursor is off, so
        # ↑/↓ fall through to the line keys and enter to the app's.
        # In the key bar, first and under the mode's name, while the cursor is on (a pair's
        # second key stands for both).
        Binding("h,left", "word_left", "Word", show=False, group=WORD_CURSOR),
        Binding("l,right", "word_right", "Word", key_display="h l ← →", group=WORD_CURSOR),
        Binding("k,up", "word_up", "Line", show=False, group=WORD_CURSOR),
        Binding("j,down", "word_down", "Line", key_display="j k ↑ ↓", group=WORD_CURSOR),
        Binding("enter", "choose_word", "Look up", key_display="⏎", group=WORD_CURSOR),
        Binding("escape", "leave_word_cursor", "Off", key_display="esc", group=WORD_CURSOR),
        *READING_BINDINGS,
    ]

    COMPONENT_CLASSES = {
        "article--selection",
        "article--title",
        "article--meta",
        "article--heading-1",
        "article--heading-2",
        "article--heading-3",
        "article--run-in",
        "article--code",
        "article--image",
        "article--decor",
        "article--style-strong",
        "article--style-em",
        "article--style-code",
        "article--style-link",
        "article--term",
        "article--term-selected",
        "article--match",
        "article--match-current",
        "article--word",
        "article--new-word",
        *(f"article--tone-{tone}" for tone in TONES),
    }

    reading_width: reactive[int] = reactive(80)

    class PlaceChanged(Message):
        """The place at the top of the screen changed (scrolling, jumping, resizing)."""

        def __init__(self, place: int) -> None:
            self.place = place
            super().__init__()

    class Clicked(Message):
        """A click on the text, at a place of the original text."""

        def __init__(self, place: int) -> None:
            self.place = place
            super().__init__()

    class WordMoved(Message):
        """The word cursor moved onto a word (``span``) or was turned off (None)."""

        def __init__(self, span: Span | None) -> None:
            self.span = span
            super().__init__()

    class MoveHeld(Message):
        """A move the article does not make now: it needs the whole of a long book, or moves
        pressed before it still wait. The app keeps it and calls ``move`` when it may."""

        def __init__(self, action: str) -> None:
            self.action = action  # "bottom", "next_section", "page_down"…
            super().__init__()

    class WordChosen(Message):
        """enter on the word cursor, or a click on its word: look the word up (the popup
        finds where the word is on screen when it opens: ``target_of``)."""

        def __init__(self, span: Span) -> None:
            self.span = span
            super().__init__()

    def __init__(
        self,
        document: Document,
        shown: ShownText,
        script: Script,
        *,
        reading_width: int = 80,
        segmenter: Segmenter | None = None,
        complete: bool = True,
        id: str | None = None,
    ) -> None:
        """``segmenter`` finds the word cursor's words (the app shares its jieba);
        ``complete`` is False while the document is a long book's opening."""
        super().__init__(id=id)
        self.complete = complete
        self._moves_held = False  # moves pressed earlier wait: the next ones wait behind them
        self._keys_wait = False  # escape is the app's: it cancels what waits
        self._segmenter = segmenter if segmenter is not None else Segmenter()
        self._words: WordIndex | None = None
        self._word: Span | None = None  # the word under the cursor; None: the cursor is off
        self._goal_column = 0  # ↑/↓ keep to this column, like a text editor
        self.document = document
        self.shown = shown
        self.script: Script = script
        self._layout = ArticleLayout(document, shown.shower(script), reading_width)
        self._strips: LRUCache[tuple[int, int, int], Strip] = LRUCache(1024)
        self._marks: dict[str, Spans] = self._style_marks()
        self._run_in = Spans.of(self._run_in_spans())
        self._top_place = 0
        self._new_words: Callable[[int], Spans] | None = None
        self._pass_style: tuple[int, Style] | None = None  # set while a render pass runs
        self._settling = False
        self.set_reactive(ArticleView.reading_width, self._clamp_width(reading_width))

    # -- geometry ----------------------------------------------------------------------------

    @property
    def text_width(self) -> int:
        """The width the text wraps to: the reading width, or less in a narrow pane."""
        available = self.scrollable_content_region.width - 2 * MARGIN
        if available <= 0:
            available = self.reading_width
        return max(4, min(self.reading_width, available))

    @property
    def left_padding(self) -> int:
        return max(MARGIN, (self.scrollable_content_region.width - self.text_width) // 2)

    @property
    def top_place(self) -> int:
        """The original-text offset of the first character on screen: the reader's place."""
        return self._top_place

    @property
    def layout_model(self) -> ArticleLayout:
        return self._layout

    def _clamp_width(self, width: int) -> int:
        return max(MIN_READING_WIDTH, min(MAX_READING_WIDTH, width))

    def validate_reading_width(self, width: int) -> int:
        return self._clamp_width(width)

    def watch_reading_width(self) -> None:
        self._relayout()

    def size_changed(self) -> None:
        """Rewrap as the screen lays out, before it paints: never the old wrap at a new size.

        (A Resize handler runs after that paint, and every line would be drawn twice.)
        """
        if self._layout.width != self.text_width:
            self._relayout()
        else:  # another height: a page more or less to ready, the same place on top
            self.scroll_to_place(self._top_place)

    def _relayout(self) -> None:
        """Rewrap for a new width, keeping the same place at the top."""
        place = self._top_place
        self._layout.invalidate(self.text_width)
        self._invalidate_strips()
        self.scroll_to_place(place)

    # -- script ------------------------------------------------------------------------------

    def set_script(self, script: Script) -> None:
        """Show another script; the same paragraph and character stay at the top."""
        if script == self.script:
            return
        place = self._top_place
        self.script = script
        self._layout.invalidate(self.text_width, self.shown.shower(script))
        self._invalidate_strips()
        self.scroll_to_place(place)

    def set_document(self, document: Document, shown: ShownText) -> None:
        """Show a fuller parse of the same text (the whole book after its opening)."""
        place = self._top_place
        self.complete = True
        self.document = document
        self.shown = shown
        old = self._layout
        self._layout = ArticleLayout(
            document, shown.shower(self.script), self.text_width, old.readings, old.widening
        )
        self._marks.update(self._style_marks())
        self._run_in = Spans.of(self._run_in_spans())
        self._invalidate_strips()
        self.scroll_to_place(place)

    # -- reading rows (pinyin) ---------------------------------------------------------------

    def set_readings(self, readings: Readings | None, widening: float = 1.0) -> None:
        """A reading row (pinyin, zhuyin) above each line of prose, or none; the same place
        stays at the top. Only the lines near the screen are set at once, the rest when
        they come near it."""
        place = self._top_place
        self._layout.set_readings(readings, widening)
        self._invalidate_strips()
        self.scroll_to_place(place)

    @property
    def readings(self) -> Readings | None:
        return self._layout.readings

    def set_new_words(self, new_words: Callable[[int], Spans] | None) -> None:
        """Mark the words a learner does not know: ``new_words(paragraph)`` gives their
        places (asked as a paragraph is drawn); None takes the marks away."""
        self._new_words = new_words
        self._invalidate_strips()
        self.refresh()

    # -- marks -------------------------------------------------------------------------------

    def set_marks(self, kind: str, spans: list[tuple[int, int]]) -> None:
        """Mark spans of places with a component style (terms, matches, the selection)."""
        self._marks[kind] = Spans.of(spans)
        self._invalidate_strips()
        self.refresh()

    def marked(self, kind: str) -> list[Span]:
        """The spans marked as ``kind``, in order of place."""
        return self._marks.get(kind, Spans()).as_list()

    def _run_in_spans(self) -> list[tuple[int, int]]:
        spans = []
        text = self.document.text
        for section in self.document.sections:
            paragraph = self.document.paragraphs[self.document.paragraph_index_at(section.start)]
            end = section.start + len(section.title)
            if paragraph.kind == "body" and text[section.start : end] == section.title:
                spans.append((section.start, end))
        return spans

    def _style_marks(self) -> dict[str, Spans]:
        """The document's own inline styles (strong, em, code, links), as marks per kind."""
        by_kind: dict[str, list[tuple[int, int]]] = {}
        for style in self.document.styles:
            by_kind.setdefault(f"style-{style.kind}", []).append((style.start, style.end))
        return {kind: Spans.of(merged(spans)) for kind, spans in by_kind.items()}

    def _invalidate_strips(self) -> None:
        self._strips.clear()

    def notify_style_update(self) -> None:
        self._invalidate_strips()
        super().notify_style_update()

    # -- moving ------------------------------------------------------------------------------

    def scroll_to_place(self, place: int) -> None:
        """Put the line holding ``place`` at the top of the screen."""
        if not self.scrollable_content_region.height:  # not laid out yet (a resume on mount)
            self._top_place = place  # the first layout scrolls there, at its true size
            return
        layout = self._layout
        y = layout.y_of_place(place, with_reading=True)
        anchor = layout.anchor_at(y)
        y = layout.prepare(y, self._page_height, anchor)
        self._apply(y, place)

    def _apply(self, y: int, place: int | None = None) -> None:
        self._settling = True
        try:
            self.virtual_size = self._virtual_size()
            self.scroll_to(y=y, animate=False, immediate=True, force=True)
        finally:
            self._settling = False
        if int(self.scroll_y) != y:
            place = None  # clamped: the place is whatever is at the top now
        self._after_scroll(place)
        self.refresh()

    def _virtual_size(self) -> Size:
        """Room below the last line, so that any line (the last heading too) can be on top.

        When everything fits on one screen the scrollbar's thumb is not drawn (-fits): there
        is nothing to scroll to that is not on screen already.
        """
        total = self._layout.total_lines
        self.set_class(total <= self._page_height, "-fits")
        return Size(self.scrollable_content_region.width, total + self._page_height - 1)

    @property
    def _page_height(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self._settling:
            return
        layout = self._layout
        y = int(new)
        anchor = layout.anchor_at(y)
        settled = layout.prepare(y, self._page_height, anchor)
        if settled != y or self.virtual_size != self._virtual_size():
            self._apply(settled)
        else:
            self._after_scroll()

    def _after_scroll(self, place: int | None = None) -> None:
        if place is None:
            place = self._layout.place_at_y(int(self.scroll_y))
        self._top_place = place
        self.post_message(self.PlaceChanged(place))  # also when only the screen's extent moved

    def _scroll_lines(self, lines: int) -> None:
        target = max(0, min(int(self.scroll_y) + lines, self.max_scroll_y))
        self.scroll_to(y=target, animate=False, immediate=True)

    # The keys' moves: each asks first whether it may be made now (``can_move``); one that
    # may not is held for the app, which makes it (``move``) once it may.

    def action_line_down(self) -> None:
        self._ask("line_down")

    def action_line_up(self) -> None:
        self._ask("line_up")

    def action_page_down(self) -> None:
        self._ask("page_down")

    def action_page_up(self) -> None:
        self._ask("page_up")

    def action_top(self) -> None:
        self._ask("top")

    def action_bottom(self) -> None:
        self._ask("bottom")

    def action_next_section(self) -> None:
        self._ask("next_section")

    def action_previous_section(self) -> None:
        self._ask("previous_section")

    def set_waiting(self, anything: bool, moves: bool) -> None:
        """The app's keys that wait: escape is then the app's (it cancels them), and while
        a move waits the next moves wait behind it, to be made in the order pressed."""
        self._keys_wait = anything
        self._moves_held = moves

    def can_move(self, action: str) -> bool:
        """Whether a move can be made now: on a long book's opening, going to the end or
        to a section, or paging past the opening's last screen, needs the whole book."""
        if self.complete:
            return True
        if action in ("bottom", "next_section", "previous_section"):
            return False  # the whole book's outline may differ from its opening's
        if action in ("line_down", "page_down"):
            last_screen = self._layout.total_lines - self._page_height
            return int(self.scroll_y) + self._move_lines(action) <= max(0, last_screen)
        return True

    def move(self, action: str) -> None:
        """Make a move now (``can_move`` said it may, or the app kept it until then)."""
        if action in ("line_down", "line_up", "page_down", "page_up"):
            lines = self._move_lines(action)
            self._scroll_lines(lines if action.endswith("down") else -lines)
        elif action == "top":
            self.scroll_to_place(0)
        elif action == "bottom":
            self._go_to_bottom()
        elif action == "next_section":
            current = self.document.section_index_at(self._top_place)
            following = 0 if current is None else current + 1
            if following < len(self.document.sections):
                self.scroll_to_place(self.document.sections[following].start)
        elif action == "previous_section":
            earlier = self.document.section_index_at(self._top_place - 1)
            self.scroll_to_place(0 if earlier is None else self.document.sections[earlier].start)

    def _ask(self, action: str) -> None:
        if self._moves_held or not self.can_move(action):
            self.post_message(self.MoveHeld(action))
        else:
            self.move(action)

    def _move_lines(self, action: str) -> int:
        return 1 if action.startswith("line") else self._page_height - 1

    def _go_to_bottom(self) -> None:
        layout = self._layout
        last = len(self.document.paragraphs) - 1
        if last < 0:
            return
        layout.make_exact(last - self._page_height, last)  # the last screenful, exactly
        layout.prepare(max(0, layout.total_lines - self._page_height), self._page_height)
        self._apply(max(0, layout.total_lines - self._page_height))

    def visible_places(self) -> tuple[int, int]:
        """The places of the first character on screen and just past the last one."""
        layout = self._layout
        top = int(self.scroll_y)
        first = layout.place_at_y(top)
        bottom = top + self._page_height
        if bottom >= layout.total_lines:
            return first, len(self.document.text)
        return first, layout.place_at_y(bottom)

    def reveal(self, place: int) -> None:
        """Scroll only if ``place`` is off screen; then put it a third of the way down."""
        row = self.line_of_place(place)
        if 0 <= row < self._page_height:
            return
        layout = self._layout
        y = max(0, layout.y_of_place(place) - self._page_height // 3)
        self.scroll_to_place(layout.place_at_y(y))

    def screen_offset_of(self, place: int) -> tuple[int, int]:
        """Where ``place`` is drawn, in screen cells (for placing a popup beside it)."""
        region = self.content_region
        return region.x + self.column_of_place(place), region.y + self.line_of_place(place)

    # -- the word cursor ---------------------------------------------------------------------

    @property
    def word_cursor(self) -> Span | None:
        """The places of the word under the cursor; None when the cursor is off."""
        return self._word

    @property
    def words(self) -> WordIndex:
        """jieba's words of the document, found a paragraph at a time as the cursor goes."""
        if self._words is None or self._words.document is not self.document:
            self._words = WordIndex(self.document, self._segmenter)
        return self._words

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The cursor's keys only while it is on: else ↑/↓ scroll and enter is the app's."""
        if action in WORD_ACTIONS:
            return self._word is not None
        return super().check_action(action, parameters)

    def toggle_word_cursor(self) -> None:
        """`d`: the cursor on the first word of the screen, or off if it is on."""
        if not self.leave_word_cursor():
            self._word_cursor_to_screen()

    def leave_word_cursor(self) -> bool:
        """Turn the cursor off; False when it was not on."""
        if self._word is None:
            return False
        self._word = None
        self.set_marks("word", [])
        self.refresh_bindings()
        self.post_message(self.WordMoved(None))
        return True

    def click_word(self, place: int) -> bool:
        """A click: the cursor to the word at ``place``; on the word under it, look it up.

        False when there is no word near ``place``.
        """
        word = self._word
        if word is not None and word[0] <= place < word[1]:
            self.action_choose_word()
            return True
        return self.move_word_cursor_to(place)

    def move_word_cursor_to(self, place: int) -> bool:
        """Turn the cursor on at the word at ``place`` (or the nearest in its paragraph)."""
        words = self.words
        paragraph = self.document.paragraphs[self.document.paragraph_index_at(place)]
        word = words.word_at(place)
        if word is None:
            following = words.next_word(place)
            if following is not None and following[0] < paragraph.end:
                word = following
            else:
                preceding = words.previous_word(place)
                if preceding is not None and preceding[0] >= paragraph.start:
                    word = preceding
        if word is None:
            return False
        self.focus()
        self._word_move_to(word)
        return True

    def words_changed(self) -> None:
        """jieba has loaded, or the glossary's terms were added to it: the cursor (on one
        character until then) covers the whole word at its place, where that is."""
        word = self._word
        if word is None:
            return
        found = self.words.word_at(word[0])
        if found is not None and found != word:
            self._word = found
            self.set_marks("word", [found])
            self.post_message(self.WordMoved(found))

    def action_leave_word_cursor(self) -> None:
        if self._keys_wait:
            raise SkipAction()  # the app's escape cancels what waits first
        self.leave_word_cursor()

    def action_word_right(self) -> None:
        self._word_step(1)

    def action_word_left(self) -> None:
        self._word_step(-1)

    def action_word_down(self) -> None:
        self._word_vertical(1)

    def action_word_up(self) -> None:
        self._word_vertical(-1)

    def action_choose_word(self) -> None:
        """enter: ask for the word under the cursor to be looked up."""
        word = self._word
        if word is not None:
            self.post_message(self.WordChosen(word))

    def _word_cursor_to_screen(self) -> bool:
        first, last = self.visible_places()
        word = self.words.next_word(first)
        if word is None or word[0] >= last:
            self.notify("No word on screen to look up")
            return False
        self.focus()
        self._word_move_to(word)
        return True

    def _word_on_screen(self, span: Span) -> bool:
        first, last = self.visible_places()
        return first <= span[0] < last

    def _word_move_to(self, span: Span, *, keep_column: bool = False) -> None:
        was_on = self._word is not None
        self._word = span
        self.set_marks("word", [span])
        self.reveal(span[0])
        if not keep_column:
            self._goal_column = self.column_of_place(span[0])
        if not was_on:
            self.refresh_bindings()
        self.post_message(self.WordMoved(span))

    def _word_step(self, direction: int) -> None:
        span = self._word
        if span is None:
            return
        if not self._word_on_screen(span):  # scrolled away from it: start again on screen
            self._word_cursor_to_screen()
            return
        words = self.words
        word = words.next_word(span[1]) if direction > 0 else words.previous_word(span[0])
        if word is not None:
            self._word_move_to(word)

    def _word_vertical(self, direction: int) -> None:
        """To the word on the next line with one (up or down) nearest the goal column."""
        span = self._word
        if span is None:
            return
        if not self._word_on_screen(span):
            self._word_cursor_to_screen()
            return
        layout = self._layout
        y = layout.y_of_place(span[1] - 1 if direction > 0 else span[0])
        for _ in range(MAX_LINE_SKIP):
            y += direction
            if not 0 <= y < layout.total_lines:
                return
            line = layout.line_at(y)
            if line is None or line.ruby is not None:  # a gap between paragraphs, or readings
                continue
            word = self._word_nearest_on_line(line, span)
            if word is not None:
                self._word_move_to(word, keep_column=True)
                return

    def _word_nearest_on_line(self, line: Line, current: Span) -> Span | None:
        layout = self._layout
        paragraph = line.paragraph
        text, _ = self.shown.paragraph(self.script, paragraph)
        goal = self._goal_column
        first = layout.place_of(paragraph, line.start)
        last = layout.place_of(paragraph, line.end)
        best: tuple[int, Span] | None = None
        for word in self.words.words_between(paragraph, first, max(last, first + 1)):
            if word == current:
                continue
            start = max(line.start, layout.shown_offset(paragraph, word[0]))
            end = min(line.end, layout.shown_offset(paragraph, word[1] - 1) + 1)
            if start >= end:
                continue
            column = self._column_in_view(line, start)
            if column is None:  # in another cell of a table's row
                continue
            width = cell_width(display(text, start, end))
            if column <= goal < column + width:
                return word
            distance = min(abs(goal - column), abs(goal - (column + width - 1)))
            if best is None or distance < best[0]:
                best = (distance, word)
        return best[1] if best is not None else None

    # -- clicks ------------------------------------------------------------------------------

    def place_at(self, x: int, y: int) -> int | None:
        """The place under a screen cell of this widget, or None outside the text."""
        line = self._layout.line_at(int(self.scroll_y) + y)
        if line is not None and line.ruby is not None:  # a word's reading: the word below it
            line = self._layout.line_at(int(self.scroll_y) + y + 1)
        if line is None:
            return None
        column = x - self.line_left(line)
        if column < 0 or line.start >= line.end:
            return None
        offset = self._layout.column_to_offset(line, column)
        return None if offset is None else self._layout.place_of(line.paragraph, offset)

    def on_click(self, event: events.Click) -> None:
        if self.text_selection is not None:  # the end of a drag: the text stays selected
            return
        place = self.place_at(event.x, event.y)
        if place is not None:
            self.post_message(self.Clicked(place))

    def line_of_place(self, place: int) -> int:
        """The screen row (0 = top of the view) showing ``place``; may be off screen."""
        return self._layout.y_of_place(place) - int(self.scroll_y)

    def column_of_place(self, place: int) -> int:
        """The cell column (in this widget) where ``place`` is drawn."""
        layout = self._layout
        paragraph = self.document.paragraph_index_at(place)
        offset = layout.shown_offset(paragraph, place)
        line = layout.line_holding(paragraph, offset)
        column = self._column_in_view(line, offset)
        return self.line_left(line) if column is None else column

    def _column_in_view(self, line: Line, offset: int) -> int | None:
        """The widget column where a shown offset of ``line`` is drawn; None when the line
        does not show it (another cell of a table's row)."""
        column = self._layout.column_in_line(line, offset)
        return None if column is None else self.line_left(line) + column

    def target_of(self, span: Span) -> Anchor:
        """Where a span is on screen, for a popup beside it: its first cell's column, its
        first row and its last row (a span may wrap onto the next line)."""
        start, end = span
        column, first_row = self.screen_offset_of(start)
        _, last_row = self.screen_offset_of(max(start, end - 1))
        return column, first_row, max(first_row, last_row)

    def line_left(self, line: Line) -> int:
        """The widget column where a line's text starts: padding, indent, a title centred."""
        return self._line_edge(line) + line.indent

    def _line_edge(self, line: Line) -> int:
        """The widget column of a line's left edge (its decor is drawn from here)."""
        left = self.left_padding
        if self.document.paragraphs[line.paragraph].kind == "title":
            shown = line.width  # with readings: the words' boxes, wider than the text
            if shown is None:
                text, _ = self.shown.paragraph(self.script, line.paragraph)
                shown = cell_width(display(text, line.start, line.end))
            left += max(0, (self.text_width - shown) // 2)
        return left

    # -- rendering ---------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # Every line of a pass has the same width and base style; each is a walk up the DOM.
        self._pass_style = (self.scrollable_content_region.width, self.rich_style)
        try:
            return super().render_lines(crop)
        finally:
            self._pass_style = None

    def render_line(self, y: int) -> Strip:
        width, base = self._pass_style or (self.scrollable_content_region.width, self.rich_style)
        line = self._layout.line_at(int(self.scroll_y) + y)
        if line is None:
            if y == 0 and not self.document.paragraphs:
                return self._empty_note(width, base)
            return Strip.blank(width, base)
        key = (line.paragraph, line.index, width)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_strip(line, width, base)
            self._strips[key] = strip
        return strip

    def _empty_note(self, width: int, base: Style) -> Strip:
        """What an empty document (an empty file, blank lines, nothing on stdin) shows."""
        note = Text(EMPTY_NOTE, style=self.get_component_rich_style("article--meta"), end="")
        note.stylize_before(base)
        pad = max(0, (width - note.cell_len) // 2)
        segments = [Segment(" " * pad, base), *note.render(self.app.console)]
        return Strip(segments, pad + note.cell_len).crop_extend(0, width, base)

    def _render_strip(self, line: Line, width: int, base: Style) -> Strip:
        if line.ruby is not None:
            return self._render_readings(line, width, base)
        paragraph = self.document.paragraphs[line.paragraph]
        text, _ = self.shown.paragraph(self.script, line.paragraph)
        block_style = self._block_style(paragraph.kind, paragraph.depth)
        decor_style = self.get_component_rich_style("article--decor", partial=True)
        # what the line draws, by its column from the left edge: decor, then each text piece
        drawn: list[tuple[int, Text]] = [
            (column, literal(shown, decor_style)) for column, shown in line.decor
        ]
        for piece in line.spans():
            styled = self._styled_span(line.paragraph, text, piece.start, piece.end)
            drawn.append((line.indent + piece.column, styled))
        drawn.sort(key=lambda item: item[0])
        result = Text(style=block_style, no_wrap=True, end="")
        for column, part in drawn:
            if column > result.cell_len:
                result.append(" " * (column - result.cell_len))
            result.append_text(part)
        result.stylize_before(base)
        pad = self._line_edge(line)
        segments = [Segment(" " * pad, base), *result.render(self.app.console)]
        strip = Strip(segments, pad + result.cell_len)
        return strip.crop_extend(0, width, base)

    def _render_readings(self, line: Line, width: int, base: Style) -> Strip:
        """A reading row: each word's syllables over it, coloured by tone."""
        assert line.ruby is not None
        tones = {
            tone: self.get_component_rich_style(f"article--tone-{tone}", partial=True)
            for tone in TONES
        }
        result = Text(no_wrap=True, end="")
        for group in line.ruby:
            column = line.indent + group.column
            if column > result.cell_len:
                result.append(" " * (column - result.cell_len))
            for index, syllable in enumerate(group.syllables):
                if index and apostrophe_before(syllable.text):
                    result.append("'", tones.get(syllable.tone, ""))
                append_literal(result, syllable.text, tones.get(syllable.tone, ""))
        result.stylize_before(base)
        pad = self._line_edge(line)
        segments = [Segment(" " * pad, base), *result.render(self.app.console)]
        return Strip(segments, pad + result.cell_len).crop_extend(0, width, base)

    def _styled_span(self, paragraph: int, text: str, first: int, last: int) -> Text:
        """Shown text ``first..last`` of a paragraph with every style and mark that touches it."""
        layout = self._layout
        start_place = layout.place_of(paragraph, first)
        end_place = layout.place_of(paragraph, last)
        styles: list[tuple[int, int, Style]] = []
        for kind_name in _MARK_ORDER:
            if kind_name == "new-word":
                spans = self._new_words(paragraph) if self._new_words is not None else None
            else:
                spans = self._run_in if kind_name == "run-in" else self._marks.get(kind_name)
            if not spans:
                continue
            style = self.get_component_rich_style(f"article--{kind_name}", partial=True)
            for index in spans.overlapping(start_place, max(end_place, start_place + 1)):
                start = max(first, layout.shown_offset(paragraph, spans.starts[index]))
                end = min(last, layout.shown_offset(paragraph, spans.ends[index] - 1) + 1)
                if start < end:
                    styles.append((start, end, style))
        # A newline inside the line may be drawn as nothing: cut there too, so that every part
        # drawn is its shown text one character for one (what a selection's offsets count).
        newlines = [i for i in range(first, last) if text[i] == "\n"] if "\n" in text else []
        cuts = sorted(
            {first, last, *newlines, *(i + 1 for i in newlines)}
            | {s for s, _, _ in styles}
            | {e for _, e, _ in styles}
        )
        result = Text(no_wrap=True, end="")
        for start, end in itertools.pairwise(cuts):
            covering = [st for s, e, st in styles if s <= start and end <= e]
            # where a mouse drag starts or ends: (shown offset, paragraph), see get_selection
            covering.append(Style.from_meta({"offset": (start, paragraph)}))
            append_literal(result, display(text, start, end), Style.combine(covering))
        return result

    # -- selection (a mouse drag) ------------------------------------------------------------

    def _selected_places(self, selection: Selection) -> Span:
        """The places a selection covers: its offsets are (shown offset, paragraph)."""
        start = 0 if selection.start is None else self._place_of_offset(selection.start)
        end = len(self.document.text)
        if selection.end is not None:
            end = self._place_of_offset(selection.end)
        return start, max(start, end)

    def _place_of_offset(self, offset: Offset) -> int:
        paragraph, shown_offset = offset.transpose
        if not 0 <= paragraph < len(self.document.paragraphs):
            return 0 if paragraph < 0 else len(self.document.text)
        return self._layout.place_of(paragraph, shown_offset)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text in the script on screen (ctrl+c copies it)."""
        start, end = self._selected_places(selection)
        return self.shown.converter(self.script).convert(self.document.text[start:end]), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self.set_marks("selection", [] if selection is None else [self._selected_places(selection)])

    def _block_style(self, kind: str, depth: int) -> Style:
        if kind in ("title", "meta", "code", "image"):
            return self.get_component_rich_style(f"article--{kind}", partial=True)
        if kind == "heading":
            level = min(max(depth, 1), 3)
            return self.get_component_rich_style(f"article--heading-{level}", partial=True)
        return Style()


# Marks drawn over the text, later ones over earlier ones: the document's own styles first.
_MARK_ORDER = (
    *(f"style-{kind}" for kind in ("strong", "em", "code", "link")),
    "new-word",
    "run-in",
    "term",
    "match",
    "word",
    "term-selected",
    "match-current",
    "selection",
)
