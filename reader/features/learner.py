"""The learner's keys: pinyin over the text (`p`), known words (`K`), the HSK level.

`p` goes round: off, a reading over every word, a reading over only the words the reader
does not know (above their level, or marked not known), off. The readings are part of the
article's layout (reader/ruby.py): the screen is set at once, the rest as it comes near.
jieba is needed for the words; when `p` (or `L`, `K`) comes before it has loaded, it loads
in a worker and the key waits for it. Known words and the level are kept by reader/known.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from reader.features import FeatureHost
from reader.features.waiting import SCREEN
from reader.levels import BEYOND, is_chinese_word, level, level_name
from reader.pending import Need
from reader.ruby import RUBY_MODES, WIDENING, RubyMode, RubyReadings
from reader.spans import Span, Spans

if TYPE_CHECKING:
    from collections import Counter

    from textual.timer import Timer

    from reader.difficulty import Profile, UnknownShare
    from reader.document import Document
    from reader.known import KnownWords
    from reader.readings import RubyStyle
    from reader.settings import Settings
    from reader.vocab import Vocabulary
    from reader.widgets.outline_tree import OutlineTree
    from reader.words import Segmenter

MODE_LABELS = {"all": "pinyin", "unknown": "pinyin: new words"}
KNOWN_CHECK_EVERY = 3.0  # seconds between looks at the known-words file (one stat)


class SegmenterLoaded(Message):
    """A worker has loaded jieba: the keys that wait for its words can go on."""


class DocumentWords(Message):
    """The worker's answer: every word of the document (places) on its simplified text."""

    def __init__(self, document: Document, simplified: str, spans: list[Span]) -> None:
        self.document = document
        self.simplified = simplified
        self.spans = spans
        #: each Chinese word's count and the place of its first use, most frequent first
        self.first_use: dict[str, int] = {}
        self.counts: dict[str, int] = {}
        counts: dict[str, int] = {}
        first_use = self.first_use
        for start, end in spans:
            word = simplified[start:end]
            if word in counts:
                counts[word] += 1
            elif is_chinese_word(word):
                counts[word] = 1
                first_use[word] = start
        self.counts = dict(sorted(counts.items(), key=lambda item: -item[1]))
        super().__init__()


class SectionShares(Message):
    """The worker's answer: the share of unknown words of the document and of each section."""

    def __init__(
        self, document: Document, generation: int, whole: UnknownShare, sections: list[UnknownShare]
    ) -> None:
        self.document = document
        self.generation = generation
        self.whole = whole
        self.sections = sections
        super().__init__()


class KnownWordsReloaded(Message):
    """Another reader, or ``--import-known``, changed the known words: they are read again."""


class LearnerHost(FeatureHost, Protocol):
    segmenter: Segmenter
    settings: Settings

    @property
    def vocabulary(self) -> Vocabulary: ...

    @property
    def outline(self) -> OutlineTree: ...

    def post_message(self, message: Message) -> bool: ...

    def refresh_status(self) -> None: ...

    def set_interval(
        self, interval: float, callback: Callable[[], object] | None = None, *, name: str | None
    ) -> Timer: ...


def _app(feature: LearnerFeature) -> LearnerHost:
    return cast("LearnerHost", feature)


class LearnerFeature:
    """Pinyin mode, known words and the reader's level."""

    _learner_mode: RubyMode = "off"
    _learner_known: KnownWords | None = None
    _learner_readings: RubyReadings | None = None
    _learner_words: DocumentWords | None = None  # the whole document's words, once counted
    _learner_counting: Document | None = None  # the document whose words are being counted
    _learner_loading: bool = False  # jieba is being loaded for the learner's keys

    @property
    def ruby_mode(self) -> RubyMode:
        return self._learner_mode

    @property
    def known_words(self) -> KnownWords:
        """The reader's known words and level, read the first time they are needed."""
        if self._learner_known is None:
            from reader.known import KnownWords

            app = _app(self)
            known = KnownWords.load()
            known.default_level = app.settings.level
            if known.notice:
                app.notify(known.notice, title="Known words", severity="warning")
            self._learner_known = known
        return self._learner_known

    def learner_status(self) -> str:
        """What the status line says of the learner's modes ("" when none is on)."""
        parts = [MODE_LABELS.get(self._learner_mode, "")]
        if self._learner_marking:
            parts.append("new words underlined")
        return " · ".join(part for part in parts if part)

    # -- pinyin ------------------------------------------------------------------------------

    def start_learner(self) -> None:
        """Called once, after the first paint with the whole document parsed: get pinyin
        ready so that `p` answers at once, count the words for the outline's figures, and
        look out for known words marked elsewhere."""
        self._learner_warm_up()
        _app(self).set_interval(KNOWN_CHECK_EVERY, self._learner_check_known, name="known words")
        self._outline_update()

    def _learner_check_known(self) -> None:
        known = self._learner_known
        if known is not None and known.changed_on_disk():
            self._learner_reload_known(known)

    @work(thread=True, exclusive=True, group="known-words", exit_on_error=False)
    def _learner_reload_known(self, known: KnownWords) -> None:
        if known.reload():
            _app(self).post_message(KnownWordsReloaded())

    def on_known_words_reloaded(self, message: KnownWordsReloaded) -> None:
        self._learner_known_changed()

    @work(thread=True, group="learner", exit_on_error=False)
    def _learner_warm_up(self) -> None:
        from reader.readings import word_reading

        word_reading("银行")  # pypinyin's import and phrase list: a tenth of a second
        level("银行")  # the HSK lists

    def _learner_words_loading(self) -> Need:
        """What a key needing jieba's words waits for; they start loading now if no worker
        has started on them yet (on a long book's opening, none has)."""
        app = _app(self)
        if not app.segmenter.loaded and not self._learner_loading:
            self._learner_loading = True
            self._learner_load()
        return app.words_loaded

    def action_pinyin(self) -> None:
        """`p`: off → over every word → over the words not known → off (once jieba's words
        are loaded: each press counts)."""
        _app(self).when_ready(self._learner_next_mode, self._learner_words_loading())

    def _learner_next_mode(self) -> None:
        modes = RUBY_MODES
        self._learner_mode = modes[(modes.index(self._learner_mode) + 1) % len(modes)]
        self._learner_apply()
        if self._learner_mode == "unknown":
            self._learner_hint_level("Pinyin over the words you do not know:")

    def _learner_hint_level(self, lead: str) -> None:
        """With no level chosen and no word marked, say how to tell the reader what you know."""
        known = self.known_words
        if known.level is None and not len(known):
            _app(self).notify(
                f"{lead} choose your HSK level (ctrl+p → HSK level) or mark words known "
                "(K on the word cursor)",
                title="No level chosen",
            )

    @work(thread=True, group="learner", exit_on_error=False)
    def _learner_load(self) -> None:
        app = _app(self)
        app.segmenter.ensure_loaded()
        app.post_message(SegmenterLoaded())

    def _learner_apply(self) -> None:
        app = _app(self)
        mode = self._learner_mode
        if mode == "off":
            self._learner_readings = None
            app.article.set_readings(None)
        else:
            style: RubyStyle = "zhuyin" if app.settings.ruby == "zhuyin" else "pinyin"
            self._learner_readings = RubyReadings(
                app.segmenter,
                style,
                mode,
                self.known_words.is_known,
                spoken=app.settings.tone_sandhi,
            )
            app.article.set_readings(self._learner_readings, WIDENING[mode])
        app.refresh_status()

    def _learner_known_changed(self) -> None:
        """Marks or the level changed: the new-words readings, the underlined new words and
        the outline's figures are found again."""
        if self._learner_readings is not None and self._learner_mode == "unknown":
            self._learner_apply()
        if self._learner_marking:
            self._learner_marks = {}
            _app(self).article.set_new_words(self._new_words_of)
        self._outline_update()

    # -- new words marked in the text ------------------------------------------------------

    _learner_marking: bool = False
    _learner_marks: dict[int, Spans] | None = None

    def action_mark_new_words(self) -> None:
        """`L`: underline the words above the reader's level they do not know (or stop)."""
        _app(self).when_ready(self._learner_toggle_marking, self._learner_words_loading())

    def _learner_toggle_marking(self) -> None:
        app = _app(self)
        self._learner_marking = not self._learner_marking
        self._learner_marks = {}
        app.article.set_new_words(self._new_words_of if self._learner_marking else None)
        if self._learner_marking and self.known_words.level is None and not len(self.known_words):
            app.notify("Every word is new until you choose your level (ctrl+p → HSK level)")
        app.refresh_status()

    def _new_words_of(self, paragraph: int) -> Spans:
        """The places of a paragraph's words that the reader does not know (remembered)."""
        marks = self._learner_marks
        if marks is None:
            marks = self._learner_marks = {}
        found = marks.get(paragraph)
        if found is None:
            app = _app(self)
            words = app.article.words
            simplified = words.simplified(paragraph)
            base = app.document.paragraphs[paragraph].start
            is_known = self.known_words.is_known
            new = [
                (start, end)
                for start, end in words.words(paragraph)
                if is_chinese_word(word := simplified[start - base : end - base])
                and not is_known(word)
            ]
            found = marks[paragraph] = Spans.of(new)
        return found

    # -- known words and the level -----------------------------------------------------------

    def action_mark_known(self) -> None:
        """`K` on the word cursor: the word is known, or (again) not known (the whole word:
        it waits for jieba's words, the cursor is on one character until they load)."""
        app = _app(self)
        span = app.article.word_cursor
        if span is None:
            app.notify("Put the word cursor on a word first (d), then K marks it known")
            return
        app.when_ready(lambda: self._learner_toggle_known(span), self._learner_words_loading())

    def _learner_toggle_known(self, chosen: Span) -> None:
        app = _app(self)
        span = app.article.words.word_at(chosen[0]) or chosen
        paragraph = app.document.paragraph_index_at(span[0])
        base = app.document.paragraphs[paragraph].start
        simplified = app.article.words.simplified(paragraph)[span[0] - base : span[1] - base]
        shown = app.shown_title(app.document.text[span[0] : span[1]])
        known = self.known_words
        now_known = not known.is_known(simplified)
        try:
            known.set_mark(simplified, now_known)
        except OSError as error:
            app.notify(f"Could not save {shown}: {error}", severity="error")
            return
        app.notify(f"{shown}: {'known' if now_known else 'not known'}")
        self._learner_known_changed()

    def choose_reader_level(self) -> None:
        """The palette's "HSK level": a list of the levels."""
        from reader.widgets.level_picker import LevelPicker

        def chosen(answer: tuple[int | None] | None) -> None:
            if answer is not None:
                self.set_reader_level(answer[0])

        _app(self).push_screen(LevelPicker(self.known_words.level), chosen)

    def set_reader_level(self, chosen: int | None) -> None:
        """Keep the reader's level (None: none) and find the new words again."""
        app = _app(self)
        try:
            self.known_words.set_level(chosen)
        except OSError as error:
            app.notify(f"Could not save the level: {error}", severity="error")
            return
        app.notify(f"Your level: {level_name(chosen)}" if chosen else "No HSK level")
        self._learner_known_changed()

    def word_note(self, simplified: str) -> str:
        """A popup's line about a word: its level and whether the reader knows it."""
        found = level(simplified)
        mark = self.known_words.mark(simplified)
        known = self.known_words.is_known(simplified)
        parts = [level_name(found) if found != BEYOND else "beyond HSK"]
        if mark is not None or known:
            parts.append("known" if known else "not known")
        return " · ".join(parts)

    # -- the document's words: the profile -------------------------------------------------

    def action_profile(self) -> None:
        """`P`: the difficulty of the document and of the section being read, as bars."""
        self._with_document_words(self._show_profile)

    def action_word_list(self) -> None:
        """`w`: the document's words by frequency; filter, mark known, jump to a first use."""
        self._with_document_words(self._show_word_list)

    def _with_document_words(self, show: Callable[[DocumentWords], None]) -> None:
        """Show a screen of the whole document's words, once it is parsed and they are
        counted (in a worker, the first time)."""
        app = _app(self)
        app.when_ready(lambda: self._count_then(show), app.whole_book, kind=SCREEN)

    def _count_then(self, show: Callable[[DocumentWords], None]) -> None:
        app = _app(self)
        if not self._learner_counted():
            self._start_counting()

        def shown() -> None:
            assert self._learner_words is not None
            show(self._learner_words)

        counted = Need("counting the document's words", self._learner_counted)
        app.when_ready(shown, counted, kind=SCREEN)

    def _learner_counted(self) -> bool:
        words = self._learner_words
        return words is not None and words.document is _app(self).document

    def _start_counting(self) -> None:
        """Count the document's words in a worker, unless that is already under way."""
        document = _app(self).document
        if self._learner_counting is not document:
            self._learner_counting = document
            self._count_words(document)

    @work(thread=True, exclusive=True, group="learner-words", exit_on_error=False)
    def _count_words(self, document: Document) -> None:
        from reader.difficulty import cached_segments
        from reader.script import detect_script, simplified_in_place

        app = _app(self)
        text = document.text
        simplified = text if detect_script(text) == "simplified" else simplified_in_place(text)
        spans = cached_segments(simplified, app.segmenter)
        app.post_message(DocumentWords(document, simplified, spans))

    def on_document_words(self, message: DocumentWords) -> None:
        if message.document is not _app(self).document:
            return  # counted on the opening of a book now parsed whole: count again
        self._learner_counting = None
        self._learner_words = message
        self._outline_update()
        _app(self).flush_waiting()

    def _profile_between(self, words: DocumentWords, start: int, end: int) -> Profile:
        from bisect import bisect_left

        from reader.difficulty import profile, word_counts

        spans = words.spans
        first = bisect_left(spans, (start, -1))
        last = bisect_left(spans, (end, -1))
        return profile(word_counts(words.simplified, spans[first:last]), self.known_words.is_known)

    def _show_profile(self, words: DocumentWords) -> None:
        from reader.widgets.profile import ProfileScreen

        app = _app(self)
        document = app.document
        profiles = [
            (app.shown_title(document.title), self._profile_between(words, 0, len(document.text)))
        ]
        index = document.section_index_at(app.article.top_place)
        if index is not None:
            section = document.sections[index]
            following = document.sections[index + 1 :]
            end = following[0].start if following else len(document.text)
            title = app.shown_title(section.title)
            profiles.append(
                (f"This section: {title}", self._profile_between(words, section.start, end))
            )
        app.push_screen(ProfileScreen(profiles))

    def _show_word_list(self, words: DocumentWords) -> None:
        from reader.widgets.word_list import WordListScreen, WordRow

        app = _app(self)
        text = app.document.text
        rows = [
            WordRow(
                word,
                app.shown_title(text[words.first_use[word] : words.first_use[word] + len(word)]),
                count,
                level_name(level(word)),
                words.first_use[word],
            )
            for word, count in words.counts.items()
        ]
        saved = app.vocabulary
        saved.refresh()  # with what another reader saved since
        vocabulary = {item.simplified for item in saved.items}

        def set_known(word: str, known: bool) -> bool:
            try:
                self.known_words.set_mark(word, known)
            except OSError as error:
                app.notify(f"Could not save {word}: {error}", severity="error")
                return False
            self._learner_known_changed()
            return True

        def jump(place: int | None) -> None:
            if place is not None:
                app.article.scroll_to_place(place)
                app.article.move_word_cursor_to(place)

        app.push_screen(
            WordListScreen(rows, self.known_words.is_known, set_known, vocabulary.__contains__),
            jump,
        )

    # -- the outline's figures: each section's share of unknown words ----------------------

    _outline_shares_chosen: bool | None = None  # by `O`; until then, by the settings
    _outline_generation: int = 0  # counts each request, so that a late answer is dropped
    _outline_stretches: tuple[Document, list[Counter[str]]] | None = None

    @property
    def _outline_shares_on(self) -> bool:
        chosen = self._outline_shares_chosen
        return _app(self).settings.outline_unknown if chosen is None else chosen

    def action_outline_shares(self) -> None:
        """`O`: show (or hide) each section's share of unknown words at the end of its row."""
        self._outline_shares_chosen = not self._outline_shares_on
        if self._outline_shares_on:
            app = _app(self)
            self._learner_hint_level("Every word counts as unknown until you")
            words = self._learner_words
            if words is None or words.document is not app.document:
                app.notify("Outline: counting each section's words…")
            self._outline_update()
        else:
            self._outline_generation += 1
            _app(self).outline.set_shares(None)

    def _outline_update(self) -> None:
        """Find the figures again (in a worker) if they are shown; count the words first."""
        if not self._outline_shares_on:
            return
        app = _app(self)
        if app.outline.shares is None:
            app.outline.set_shares({})  # the column is there at once, its figures to come
        words = self._learner_words
        if words is None or words.document is not app.document:
            self._start_counting()
            return
        self._outline_generation += 1
        self._outline_measure(words, self.known_words.is_known, self._outline_generation)

    @work(thread=True, exclusive=True, group="outline-shares", exit_on_error=False)
    def _outline_measure(
        self, words: DocumentWords, is_known: Callable[[str], bool], generation: int
    ) -> None:
        from reader.difficulty import stretch_counts, unknown_shares
        from reader.document import section_parents

        document = words.document
        sections = document.sections
        cached = self._outline_stretches
        if cached is not None and cached[0] is document:
            stretches = cached[1]
        else:
            starts = [section.start for section in sections]
            stretches = stretch_counts(words.simplified, words.spans, starts)
            self._outline_stretches = (document, stretches)
        whole, shares = unknown_shares(stretches, section_parents(sections), is_known)
        if not get_current_worker().is_cancelled:
            _app(self).post_message(SectionShares(document, generation, whole, shares))

    def on_section_shares(self, message: SectionShares) -> None:
        app = _app(self)
        if (
            not self._outline_shares_on
            or message.generation != self._outline_generation
            or message.document is not app.document
        ):
            return  # hidden, or a newer count is coming
        figures = {index: share.label() for index, share in enumerate(message.sections)}
        figures[-1] = message.whole.label()
        app.outline.set_shares(figures)
