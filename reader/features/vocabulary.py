"""Your vocabulary (`v`): the words you saved, to filter, edit, delete and go back to.

The list is reader/vocab.py's (every change saved at once and merged with other readers'
saves); the screen is reader/widgets/vocabulary.py. This feature keeps the one list the app
uses (the word popup's `a` adds to it), opens the screen and answers where an entry was met:
a place in the document being read, or a line naming the document it came from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from reader.features import FeatureHost
from reader.features.waiting import SCREEN

if TYPE_CHECKING:
    from reader.vocab import VocabItem, Vocabulary


class VocabularyHost(FeatureHost, Protocol):
    """What the vocabulary screen uses of the app."""

    @property
    def document_key(self) -> str: ...


def _app(feature: VocabularyFeature) -> VocabularyHost:
    """The app the feature is mixed into (app.py checks that it is a VocabularyHost)."""
    return cast("VocabularyHost", feature)


class VocabularyFeature:
    """`v`: the vocabulary screen, and the vocabulary list itself."""

    _vocabulary: Vocabulary | None = None

    @property
    def vocabulary(self) -> Vocabulary:
        """The reader's vocabulary, read the first time it is needed (a damaged file is set
        aside and said so)."""
        if self._vocabulary is None:
            from reader.vocab import Vocabulary

            vocabulary = self._vocabulary = Vocabulary.load()
            if vocabulary.notice:
                _app(self).notify(vocabulary.notice, title="Vocabulary", severity="warning")
        return self._vocabulary

    def action_vocabulary(self) -> None:
        """`v`: every saved word, newest first (with what other readers saved since); on a
        long book's opening, once the whole is parsed, so that every entry met in it is found."""
        app = _app(self)
        app.when_ready(self._vocabulary_open, app.whole_book, kind=SCREEN)

    def _vocabulary_open(self) -> None:
        from reader.widgets.vocabulary import VocabularyScreen

        app = _app(self)
        vocabulary = self.vocabulary
        vocabulary.refresh()
        app.push_screen(
            VocabularyScreen(
                vocabulary, script=app.shown_script, locate=self._locate, title=app.shown_title
            ),
            self._go_to_entry,
        )

    def _locate(self, item: VocabItem) -> int | str:
        """Where the entry's word is in this document, or a line saying where it is from."""
        from reader.vocab import place_in_document

        app = _app(self)
        document = app.document
        place = place_in_document(item, document.text, app.document_key, document.title)
        if place is not None:
            return place
        word = app.shown_title(
            item.traditional if app.shown_script == "traditional" else item.simplified
        )
        if item.place is None and not item.sentence:
            return f"{word} was looked up by typing it: it has no place in a document"
        where = " › ".join(
            app.shown_title(t) for t in (item.document_title, item.section_title) if t
        )
        if item.document_title == document.title:
            return f"{word}: its sentence is no longer in this text ({where})"
        return f"{word} is from {where}"

    def _go_to_entry(self, place: int | None) -> None:
        """The screen closed on an entry met here: to its place, the word cursor on it."""
        if place is not None:
            article = _app(self).article
            article.scroll_to_place(place)
            article.move_word_cursor_to(place)
