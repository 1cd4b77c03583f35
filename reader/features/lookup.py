"""Look up any word: a word cursor over jieba's words and a CC-CEDICT popup.

`d` puts a cursor on the first word on screen; ←/→ move it by word, ↑/↓ by line, a click puts
it on the clicked word, escape takes it away. Words are jieba's, found on the t2s form of one
paragraph at a time (t2s keeps the character count, so a word's offsets are places in the
original text) and remembered. enter opens the popup: like Zhongwen, every dictionary
headword starting at the cursor, longest first, after any glossary term starting there.

CC-CEDICT loads in a worker after the first paint (about 1.5 s and 26 MB); a lookup then
takes a fraction of a millisecond. CC-CEDICT's words that jieba does not know (about 34k)
are deliberately *not* added to jieba: that takes seconds under the segmenter's lock and
would change the segmentation the glossary's term finder relies on. The popup's headwords
starting at the cursor cover the difference.
"""

from __future__ import annotations

import re
import threading
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from functools import cache, partial
from typing import TYPE_CHECKING, Any, Protocol, cast

from textual import work

from reader.errors import ReaderError
from reader.features import FeatureHost
from reader.script import simplified_in_place
from reader.typeset import cell_width, display

# The dictionary, the vocabulary and the popup are imported when first used, not at start-up:
# the first paint should not wait for them.
if TYPE_CHECKING:
    from reader.dictionary import Dictionary
    from reader.document import Document
    from reader.glossary import Glossary
    from reader.layout import Line
    from reader.vocab import Vocabulary
    from reader.widgets.word_popup import Sense
    from reader.words import Segmenter

#: The cursor keys' actions (bound in ArticleView); enabled only while the cursor is on.
WORD_ACTIONS = frozenset({"word_left", "word_right", "word_up", "word_down"})
MAX_LINE_SKIP = 50  # lines ↑/↓ look through for one with a word on it
LOADING = "Dictionary is loading…"


# A token of jieba's that is a word: it has a letter, digit or character (not punctuation).
_WORD_CHAR = re.compile(r"[^\W_]")
_SENTENCE_END = "。！？!?"
_CLOSERS = "”’」』）)》〉】\"'"


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


Span = tuple[int, int]


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


class LookupHost(FeatureHost, Protocol):
    """What the word cursor and its popup use of the app."""

    segmenter: Segmenter
    load_dictionary: Callable[[], Dictionary]
    glossary: Glossary | None  # the glossary feature's, once loaded

    def call_from_thread(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any: ...

    def refresh_bindings(self) -> None: ...

    def update_status(self) -> None: ...


def _app(feature: LookupFeature) -> LookupHost:
    """The app the feature is mixed into (ReaderApp; app.py checks that it is a LookupHost)."""
    return cast("LookupHost", feature)


class LookupFeature:
    """The word cursor, the dictionary popup and adding words to the vocabulary."""

    _lookup_dictionary: Dictionary | None = None
    _lookup_problem: str = ""  # why the dictionary could not be loaded
    _word_index: WordIndex | None = None
    _word_span: Span | None = None
    _word_goal_column: int = 0  # ↑/↓ keep to this column, like a text editor
    _lookup_vocabulary: Vocabulary | None = None
    #: Seconds the worker took to load CC-CEDICT (None until it has).
    lookup_load_seconds: float | None = None

    @property
    def word_cursor_active(self) -> bool:
        return self._word_span is not None

    @property
    def word_cursor(self) -> Span | None:
        """The places ``(start, end)`` of the word under the cursor, None when it is off."""
        return self._word_span

    @property
    def cedict(self) -> Dictionary | None:
        """CC-CEDICT once the worker has loaded it."""
        return self._lookup_dictionary

    def lookup_help_note(self) -> str:
        """CC-CEDICT's attribution for the help screen, as its licence asks."""
        from reader.dictionary import CEDICT_DATE

        return (
            f"Word look-up: CC-CEDICT ({CEDICT_DATE}), published by MDBG, "
            "licensed CC BY-SA 4.0 — https://cc-cedict.org/wiki/"
        )

    def lookup_glossary(self) -> Glossary | None:
        """The glossary feature's glossary, once it is loaded."""
        return _app(self).glossary

    # -- loading -----------------------------------------------------------------------------

    def start_lookup(self) -> None:
        """Called once after the first paint: load the dictionary in a worker."""
        self._lookup_load()

    @work(thread=True, group="lookup", exit_on_error=False)
    def _lookup_load(self) -> None:
        app = _app(self)
        started = time.perf_counter()
        try:
            dictionary = app.load_dictionary()
        except ReaderError as error:
            self._lookup_problem = f"Dictionary unavailable: {error}"
            app.call_from_thread(app.notify, self._lookup_problem, severity="error")
            return
        self.lookup_load_seconds = time.perf_counter() - started
        self._lookup_dictionary = dictionary
        app.segmenter.ensure_loaded()  # the cursor's words (shared with the glossary)
        dictionary.prepare_usage()  # the order of a character's readings

    def _lookup_words(self) -> WordIndex:
        app = _app(self)
        if self._word_index is None or self._word_index.document is not app.document:
            self._word_index = WordIndex(app.document, app.segmenter)
        return self._word_index

    # -- the cursor --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The cursor keys are off while the cursor is: ↑/↓ then scroll as before."""
        if action in WORD_ACTIONS:
            return self._word_span is not None
        return super().check_action(action, parameters)  # type: ignore[misc]

    def action_word_cursor(self) -> None:
        """`d`: turn the word cursor on at the first word of the screen (off if it is on)."""
        if not self.leave_word_cursor():
            self._word_cursor_to_screen()

    def leave_word_cursor(self) -> bool:
        """escape: turn the cursor off; False when it was not on."""
        if self._word_span is None:
            return False
        self._word_span = None
        app = _app(self)
        app.article.set_marks("word", [])
        app.refresh_bindings()
        app.update_status()
        return True

    def click_word(self, place: int) -> bool:
        """A click: put the cursor on the word at ``place``; False to let others handle it.

        A click on the word already under the cursor opens its popup.
        """
        if self._word_span is not None and self._word_span[0] <= place < self._word_span[1]:
            self.open_word_popup()
            return True
        return self.move_word_cursor_to(place)

    def move_word_cursor_to(self, place: int) -> bool:
        """Turn the cursor on at the word at ``place`` (or the nearest in its paragraph)."""
        app = _app(self)
        index = self._lookup_words()
        paragraph = app.document.paragraphs[app.document.paragraph_index_at(place)]
        word = index.word_at(place)
        if word is None:
            following = index.next_word(place)
            if following is not None and following[0] < paragraph.end:
                word = following
            else:
                preceding = index.previous_word(place)
                if preceding is not None and preceding[0] >= paragraph.start:
                    word = preceding
        if word is None:
            return False
        app.article.focus()
        self._word_move_to(word)
        return True

    def _word_cursor_to_screen(self) -> bool:
        app = _app(self)
        first, last = app.article.visible_places()
        word = self._lookup_words().next_word(first)
        if word is None or word[0] >= last:
            app.notify("No word on screen to look up")
            return False
        app.article.focus()
        self._word_move_to(word)
        return True

    def _word_on_screen(self, span: Span) -> bool:
        first, last = _app(self).article.visible_places()
        return first <= span[0] < last

    def _word_move_to(self, span: Span, *, keep_column: bool = False) -> None:
        app = _app(self)
        article = app.article
        was_on = self._word_span is not None
        self._word_span = span
        article.set_marks("word", [span])
        article.reveal(span[0])
        if not keep_column:
            self._word_goal_column = self._word_column(span[0])
        if not was_on:
            app.refresh_bindings()
        app.update_status()  # a link's address shows while the cursor is on it

    def action_word_right(self) -> None:
        self._word_step(1)

    def action_word_left(self) -> None:
        self._word_step(-1)

    def action_word_down(self) -> None:
        if self._word_span is None:  # only if check_action was bypassed: scroll as before
            _app(self).article.action_line_down()
        else:
            self._word_vertical(1)

    def action_word_up(self) -> None:
        if self._word_span is None:
            _app(self).article.action_line_up()
        else:
            self._word_vertical(-1)

    def _word_step(self, direction: int) -> None:
        span = self._word_span
        if span is None:
            return
        if not self._word_on_screen(span):  # scrolled away from it: start again on screen
            self._word_cursor_to_screen()
            return
        index = self._lookup_words()
        word = index.next_word(span[1]) if direction > 0 else index.previous_word(span[0])
        if word is not None:
            self._word_move_to(word)

    def _word_vertical(self, direction: int) -> None:
        """To the word on the next line with one (up or down) nearest the goal column."""
        span = self._word_span
        assert span is not None
        if not self._word_on_screen(span):
            self._word_cursor_to_screen()
            return
        layout = _app(self).article.layout_model
        y = layout.y_of_place(span[1] - 1 if direction > 0 else span[0])
        for _ in range(MAX_LINE_SKIP):
            y += direction
            if not 0 <= y < layout.total_lines:
                return
            line = layout.line_at(y)
            if line is None:  # the gap between paragraphs
                continue
            word = self._word_nearest_on_line(line, self._word_goal_column, span)
            if word is not None:
                self._word_move_to(word, keep_column=True)
                return

    def _word_nearest_on_line(self, line: Line, goal: int, current: Span) -> Span | None:
        app = _app(self)
        article = app.article
        layout = article.layout_model
        paragraph = line.paragraph
        text, _ = app.shown.paragraph(article.script, paragraph)
        left = article.line_left(line)
        first = layout.place_of(paragraph, line.start)
        last = layout.place_of(paragraph, line.end)
        best: tuple[int, Span] | None = None
        for word in self._lookup_words().words_between(paragraph, first, max(last, first + 1)):
            if word == current:
                continue
            start = max(line.start, layout.shown_offset(paragraph, word[0]))
            end = min(line.end, layout.shown_offset(paragraph, word[1] - 1) + 1)
            if start >= end:
                continue
            column_in_line = layout.column_in_line(line, start)
            if column_in_line is None:  # in another cell of a table's row
                continue
            column = left + column_in_line
            width = cell_width(display(text, start, end))
            if column <= goal < column + width:
                return word
            distance = min(abs(goal - column), abs(goal - (column + width - 1)))
            if best is None or distance < best[0]:
                best = (distance, word)
        return best[1] if best is not None else None

    def _word_column(self, place: int) -> int:
        """The widget column where ``place`` is drawn."""
        return _app(self).article.column_of_place(place)

    def lookup_senses(self, place: int, end: int | None = None) -> list[Sense]:
        """Glossary terms starting at ``place``, then CC-CEDICT's headwords that the word
        ``[place, end)`` covers, longest first, then each of its characters.

        Every entry of each headword is a sense (homographs: 行 xíng and háng), the most
        common first. Needs the dictionary; answers in well under a millisecond.
        """
        from reader.widgets.word_popup import Sense

        dictionary = self._lookup_dictionary
        if dictionary is None:
            return []
        app = _app(self)
        paragraph = app.document.paragraph_index_at(place)
        text = self._lookup_words().simplified(paragraph)
        # the text's own forms choose among a traditional headword's entries (幹 or 乾)
        original = (
            app.document.paragraph_text(paragraph) if app.shown.own_script == "traditional" else ""
        )
        base = app.document.paragraphs[paragraph].start
        position = place - base
        stop = position + 1 if end is None else max(position + 1, min(end - base, len(text)))
        senses: list[Sense] = []
        glossary = self.lookup_glossary()
        if glossary is not None:
            senses.extend(self._lookup_glossary_senses(glossary, text, position))
        segmenter = app.segmenter
        frequency = segmenter.frequency if segmenter.loaded else None
        for word in dictionary.words_covering(text, position, stop):
            at = text.find(word, position)
            written = original[at : at + len(word)] if original and at >= 0 else ""
            for entry in dictionary.entries_by_use(word, frequency, written):
                senses.append(
                    Sense(
                        simplified=entry.simplified,
                        traditional=entry.traditional,
                        pinyin=entry.pinyin_marks,
                        pinyin_numbered=entry.pinyin,
                        definitions=entry.definitions,
                    )
                )
        return senses

    def _lookup_glossary_senses(self, glossary: Glossary, text: str, position: int) -> list[Sense]:
        from reader.document_terms import term_in_script
        from reader.widgets.word_popup import Sense

        forms: Mapping[str, str] = glossary.forms()
        longest = min(max(map(len, forms), default=0), len(text) - position)
        variant = _app(self).shown.variant
        senses: list[Sense] = []
        seen: set[str] = set()
        for length in range(longest, 0, -1):
            key = forms.get(text[position : position + length])
            if key is None or key in seen:
                continue
            seen.add(key)
            entry = glossary.get(key)
            if entry is None:
                continue
            traditional = term_in_script(entry, "traditional", variant)
            senses.append(
                Sense(
                    simplified=key,
                    traditional=traditional,
                    pinyin=entry.pinyin,
                    pinyin_numbered="",
                    definitions=(entry.en,),
                    note=entry.zh,
                    source="glossary",
                )
            )
        return senses

    def open_word_popup(self) -> None:
        """enter with the cursor on: the dictionary popup for the word under it."""
        span = self._word_span
        if span is None:
            return
        app = _app(self)
        if self._lookup_dictionary is None:
            app.notify(
                self._lookup_problem or LOADING,
                severity="warning" if self._lookup_problem else "information",
            )
            return
        senses = self.lookup_senses(span[0], span[1])
        if not senses:
            word = app.shown_title(app.document.text[span[0] : span[1]])
            app.notify(f"No dictionary entry for {word}")
            return
        article = app.article
        article.reveal(span[0])
        _, first_row = article.screen_offset_of(span[0])
        _, last_row = article.screen_offset_of(span[1] - 1)
        column = article.content_region.x + self._word_column(span[0])
        paragraph = app.document.paragraph_index_at(span[0])
        base = app.document.paragraphs[paragraph].start
        simplified = self._lookup_words().simplified(paragraph)
        simplified_word = simplified[span[0] - base : span[1] - base]
        selected = next(
            (i for i, sense in enumerate(senses) if sense.simplified == simplified_word), 0
        )
        text = app.document.paragraph_text(paragraph)
        sentence = sentence_around(text, span[0] - base, span[1] - base)
        from reader.widgets.word_popup import WordPopup

        app.push_screen(
            WordPopup(
                senses,
                script=app.shown_script,
                anchor=(column, first_row, last_row),
                selected=selected,
                on_add=partial(self._lookup_add_to_vocabulary, sentence),
            )
        )

    def _lookup_add_to_vocabulary(self, sentence: str, sense: Sense) -> None:
        from reader.vocab import VocabItem, Vocabulary

        app = _app(self)
        vocabulary = self._lookup_vocabulary
        if vocabulary is None:
            vocabulary = self._lookup_vocabulary = Vocabulary.load()
            if vocabulary.notice:
                app.notify(vocabulary.notice, title="Vocabulary", severity="warning")
        item = VocabItem(
            simplified=sense.simplified,
            traditional=sense.traditional,
            pinyin=sense.pinyin,
            definition=sense.readable_definition(app.shown_script),
            sentence=sentence,
            document_title=app.document.title,
        )
        word = sense.headword(app.shown_script)
        try:
            added = vocabulary.add(item)
        except OSError as error:
            app.notify(f"Could not save {word}: {error}", title="Vocabulary", severity="error")
            return
        if added:
            app.notify(f"Added {word} to your vocabulary")
        else:
            app.notify(f"{word} is already in your vocabulary")
