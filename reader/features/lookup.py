"""The word cursor's answers: the dictionary popup, and adding words to the vocabulary.

The cursor itself (`d`, ←/→ by word, ↑/↓ by line, a click) is ArticleView's; it posts
WordChosen and this feature answers with a popup of reader.lookup's senses at the word.
CC-CEDICT loads in a worker after the first paint (about 1.5 s and 26 MB) and comes back as
a message; a look-up then takes a fraction of a millisecond. A look-up asked for before
then waits for it (and for jieba's words and the glossary, which the popup shows too).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Protocol, cast

from textual import work
from textual.message import Message

from reader.errors import ReaderError
from reader.features import FeatureHost
from reader.features.learner import SegmenterLoaded
from reader.features.waiting import SCREEN
from reader.lookup import Sense, senses_at, sentence_around, typed_senses
from reader.pending import Need
from reader.spans import Span

# The dictionary, the vocabulary and the popup are imported when first used, not at start-up:
# the first paint should not wait for them.
if TYPE_CHECKING:
    from reader.dictionary import Dictionary
    from reader.glossary import Glossary
    from reader.vocab import Vocabulary
    from reader.widgets.article import ArticleView
    from reader.words import Segmenter


class DictionaryLoaded(Message):
    """The worker's answer: CC-CEDICT, or why it could not be loaded."""

    def __init__(self, dictionary: Dictionary | None, problem: str = "") -> None:
        self.dictionary = dictionary
        self.problem = problem
        super().__init__()


class DictionaryIndexed(Message):
    """The worker has indexed CC-CEDICT by reading: a look-up of typed pinyin is quick."""


class LookupHost(FeatureHost, Protocol):
    """What the look-up uses of the app."""

    segmenter: Segmenter
    load_dictionary: Callable[[], Dictionary]
    glossary: Glossary | None  # the glossary feature's, once loaded

    @property
    def glossary_loaded(self) -> Need: ...

    @property
    def vocabulary(self) -> Vocabulary: ...

    @property
    def document_key(self) -> str: ...

    def word_note(self, simplified: str) -> str: ...

    def post_message(self, message: Message) -> bool: ...


def _app(feature: LookupFeature) -> LookupHost:
    """The app the feature is mixed into (ReaderApp; app.py checks that it is a LookupHost)."""
    return cast("LookupHost", feature)


class LookupFeature:
    """`d`, the dictionary popup for the word cursor's word (`D`: for a typed one), adding
    it to the vocabulary."""

    _lookup_dictionary: Dictionary | None = None
    _lookup_problem: str = ""  # why the dictionary could not be loaded

    @property
    def word_cursor_active(self) -> bool:
        return _app(self).article.word_cursor is not None

    @property
    def word_cursor(self) -> Span | None:
        """The places ``(start, end)`` of the word under the cursor, None when it is off."""
        return _app(self).article.word_cursor

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
        try:
            dictionary = app.load_dictionary()
        except ReaderError as error:
            app.post_message(DictionaryLoaded(None, f"Dictionary unavailable: {error}"))
            return
        app.post_message(DictionaryLoaded(dictionary))
        dictionary.prepare_usage()  # the order of a character's readings
        dictionary.prepare_readings()  # `D`'s pinyin
        app.post_message(DictionaryIndexed())
        app.segmenter.ensure_loaded()  # the cursor's words (shared with the glossary)
        app.post_message(SegmenterLoaded())

    def on_dictionary_loaded(self, message: DictionaryLoaded) -> None:
        self._lookup_dictionary = message.dictionary
        self._lookup_problem = message.problem
        if message.problem:
            _app(self).notify(message.problem, severity="error")
        _app(self).flush_waiting()

    def on_dictionary_indexed(self, _message: DictionaryIndexed) -> None:
        _app(self).flush_waiting()

    @property
    def _lookup_loaded(self) -> Need:
        """CC-CEDICT, or the news that it cannot be loaded (the look-up then says why)."""
        return Need(
            "loading the dictionary",
            lambda: self._lookup_dictionary is not None or bool(self._lookup_problem),
        )

    @property
    def _lookup_indexed(self) -> Need:
        """CC-CEDICT's index by reading, for typed pinyin (built by the loading worker)."""

        def met() -> bool:
            dictionary = self._lookup_dictionary
            return bool(self._lookup_problem) or (
                dictionary is not None and dictionary.readings_ready
            )

        return Need("indexing the dictionary's pinyin", met)

    def _lookup_unavailable(self) -> bool:
        """Say why the dictionary could not be loaded; False when it is loaded."""
        if self._lookup_dictionary is not None:
            return False
        _app(self).notify(self._lookup_problem, severity="warning")
        return True

    # -- the cursor's word -------------------------------------------------------------------

    def action_word_cursor(self) -> None:
        """`d`: turn the word cursor on at the first word of the screen (off if it is on)."""
        _app(self).article.toggle_word_cursor()

    def move_word_cursor_to(self, place: int) -> bool:
        """Turn the cursor on at the word at ``place`` (or the nearest in its paragraph)."""
        return _app(self).article.move_word_cursor_to(place)

    def action_look_up_typed(self) -> None:
        """`D`: ask for a word (either script, or pinyin) and show its popup."""
        from reader.widgets.lookup_prompt import LookupPrompt

        _app(self).push_screen(LookupPrompt(), self._look_up_typed)

    def _look_up_typed(self, typed: str | None) -> None:
        """The typed word's popup, once the dictionary (and for pinyin, its index by
        reading) and jieba's word counts, which order the answers, are loaded."""
        if not typed:
            return
        from reader.dictionary import reading_key

        app = _app(self)
        needs = [self._lookup_loaded, app.words_loaded]
        if reading_key(typed)[0]:
            needs.append(self._lookup_indexed)
        app.when_ready(lambda: self._look_up_typed_now(typed), *needs, kind=SCREEN)

    def _look_up_typed_now(self, typed: str) -> None:
        app = _app(self)
        if self._lookup_unavailable():
            return
        dictionary = self._lookup_dictionary
        assert dictionary is not None
        segmenter = app.segmenter
        senses = typed_senses(typed, dictionary, segmenter.frequency if segmenter.loaded else None)
        if not senses:
            app.notify(f"No dictionary entry for {typed}")
            return
        from reader.widgets.word_popup import WordPopup

        region = app.article.content_region
        app.push_screen(
            WordPopup(
                senses,
                script=app.shown_script,
                target=(region.x, region.y, region.y),
                on_add=partial(self._lookup_add_to_vocabulary, "", None),
                word_note=app.word_note,
            )
        )

    def lookup_senses(self, place: int, end: int | None = None) -> list[Sense]:
        """Glossary terms starting at ``place``, then CC-CEDICT's headwords that the word
        ``[place, end)`` covers, longest first, then each of its characters.

        Every entry of each headword is a sense (homographs: 行 xíng and háng), the most
        common first. Needs the dictionary; answers in well under a millisecond.
        """
        dictionary = self._lookup_dictionary
        if dictionary is None:
            return []
        app = _app(self)
        paragraph = app.document.paragraph_index_at(place)
        simplified = app.article.words.simplified(paragraph)
        base = app.document.paragraphs[paragraph].start
        position = place - base
        stop = position + 1 if end is None else max(position + 1, min(end - base, len(simplified)))
        # the text's own forms choose among a traditional headword's entries (幹 or 乾)
        own = app.shown.own_script == "traditional"
        segmenter = app.segmenter
        return senses_at(
            simplified,
            position,
            dictionary,
            self.lookup_glossary(),
            app.shown.variant,
            stop=stop,
            original=app.document.paragraph_text(paragraph) if own else "",
            frequency=segmenter.frequency if segmenter.loaded else None,
        )

    def on_article_view_word_chosen(self, message: ArticleView.WordChosen) -> None:
        """enter on the cursor, or a click on its word: the dictionary popup for it, once
        the dictionary, jieba's words and the glossary (its terms come first) are loaded."""
        app = _app(self)
        span = message.span
        app.when_ready(
            lambda: self._open_word_popup(span),
            self._lookup_loaded,
            app.words_loaded,
            app.glossary_loaded,
            kind=SCREEN,
        )

    def _open_word_popup(self, chosen: Span) -> None:
        app = _app(self)
        if self._lookup_unavailable():
            return
        # the word at the chosen place now that jieba is loaded (before, one character)
        span = app.article.words.word_at(chosen[0]) or chosen
        app.article.reveal(span[0])
        target = app.article.target_of(span)
        senses = self.lookup_senses(span[0], span[1])
        if not senses:
            word = app.shown_title(app.document.text[span[0] : span[1]])
            app.notify(f"No dictionary entry for {word}")
            return
        document = app.document
        paragraph = document.paragraph_index_at(span[0])
        base = document.paragraphs[paragraph].start
        simplified = app.article.words.simplified(paragraph)
        simplified_word = simplified[span[0] - base : span[1] - base]
        selected = next(
            (i for i, sense in enumerate(senses) if sense.simplified == simplified_word), 0
        )
        sentence = sentence_around(
            document.paragraph_text(paragraph), span[0] - base, span[1] - base
        )
        from reader.widgets.word_popup import WordPopup

        app.push_screen(
            WordPopup(
                senses,
                script=app.shown_script,
                target=target,
                selected=selected,
                on_add=partial(self._lookup_add_to_vocabulary, sentence, span[0]),
                word_note=app.word_note,
            )
        )

    def _lookup_add_to_vocabulary(self, sentence: str, place: int | None, sense: Sense) -> None:
        """Add the sense, with the sentence and section it was read in (a typed word: none)."""
        from reader.vocab import VocabItem

        app = _app(self)
        vocabulary = app.vocabulary
        section_index = None if place is None else app.document.section_index_at(place)
        section = app.document.sections[section_index] if section_index is not None else None
        item = VocabItem(
            simplified=sense.simplified,
            traditional=sense.traditional,
            pinyin=sense.pinyin,
            definition=sense.readable_definition(app.shown_script),
            sentence=sentence,
            document_title=app.document.title,
            section_title=section.title if section is not None else "",
            place=place,
            document_key=app.document_key if place is not None else "",
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
