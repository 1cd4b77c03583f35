"""Glossary terms: found with jieba in a worker, marked, selected with ] and [, explained.

After the first paint a thread worker loads the glossaries (bundled, the user's
``glossary/*.toml``, then --glossary files; a bad file is a warning, the rest still loads),
adds every written form to the shared segmenter, loads jieba and searches the document in
chunks, the one on screen first, sending what it found in batches: terms appear marked as
they are found. ``]`` / ``[`` select the next / previous term from the top of the screen
(pressed before the terms there are found, they wait for them), enter or a click opens the
term's popup, ``t`` the document's term index (once the glossary is loaded).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.features import FeatureHost
from reader.features.waiting import SCREEN
from reader.pending import Need
from reader.spans import Span, merged
from reader.widgets.popup_box import Anchor

# The glossary, jieba and term matching are imported by the worker, not at start-up.
if TYPE_CHECKING:
    from reader.document_terms import DocumentTerms
    from reader.glossary import Glossary
    from reader.terms import TermHit
    from reader.widgets.term_index import IndexRow, TermIndex
    from reader.widgets.term_popup import TermPopup
    from reader.words import Segmenter

REPORT_EVERY = 0.2  # seconds between two batches of terms sent by the worker
NOTICE_TIMEOUT = 10  # seconds a warning about a glossary file stays on screen


class GlossaryProblem(Message):
    """The worker's news of a glossary file that could not be read, or not all of it."""

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__()


class GlossaryLoaded(Message):
    """The worker has merged the glossaries (it goes on to find their terms)."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        super().__init__()


class TermsFound(Message):
    """A batch of terms and the ranges of places searched for them; ``done`` with the last."""

    def __init__(self, batch: list[TermHit], covered: list[Span], done: bool) -> None:
        self.batch = batch
        self.covered = covered
        self.done = done
        super().__init__()


class TermsHost(FeatureHost, Protocol):
    """What the glossary feature uses of the app."""

    glossary_files: list[Path]
    segmenter: Segmenter

    def post_message(self, message: Message) -> bool: ...

    def bell(self) -> None: ...

    def word_note(self, simplified: str) -> str: ...

    def segmentation_changed(self) -> None: ...


def _app(feature: TermsFeature) -> TermsHost:
    """The app the feature is mixed into (ReaderApp; app.py checks that it is a TermsHost)."""
    return cast("TermsHost", feature)


class TermsFeature:
    """The glossary worker, the term marks and selection, the popup and the index."""

    #: The merged glossary once loaded (the dictionary popup looks terms up in it too).
    glossary: Glossary | None = None
    _document_terms: DocumentTerms | None = None
    terms_complete: bool = False
    _term_hits: tuple[TermHit, ...] = ()
    _terms_covered: tuple[Span, ...] = ()  # merged ranges of places already searched
    _term_selected: TermHit | None = None
    _term_popup: TermPopup | None = None
    _term_index: TermIndex | None = None

    @property
    def selected_term(self) -> TermHit | None:
        return self._term_selected

    @property
    def document_terms(self) -> DocumentTerms:
        """The terms found so far (all of them once ``terms_complete``)."""
        if self._document_terms is None:
            from reader.document_terms import DocumentTerms

            self._document_terms = DocumentTerms()
        return self._document_terms

    # -- finding -----------------------------------------------------------------------------

    def start_terms(self) -> None:
        """Called once after the first paint: load the glossary and find terms in a worker."""
        self._find_terms(_app(self).article.top_place)

    @work(thread=True, exclusive=True, group="terms")
    def _find_terms(self, origin: int) -> None:
        from reader.document_terms import chunks, find_chunk_terms, load_user_glossary, outward

        app = _app(self)
        worker = get_current_worker()
        try:
            glossary, problems = load_user_glossary(app.glossary_files)
        except ReaderError as error:  # a --glossary file that does not exist
            existing = [path for path in app.glossary_files if path.is_file()]
            glossary, problems = load_user_glossary(existing)
            problems.insert(0, str(error))
        for problem in problems:
            app.post_message(GlossaryProblem(problem))
        segmenter = app.segmenter
        segmenter.add_words(glossary.forms())  # the word cursor sees terms as words too
        segmenter.ensure_loaded()  # slow once (jieba): never on the UI thread
        if worker.is_cancelled:
            return
        app.post_message(GlossaryLoaded(glossary))

        spans = chunks(app.document)
        batch: list[TermHit] = []
        covered: list[Span] = []
        sent_at: float | None = None  # None until the first batch is sent
        for index in outward(spans, origin):
            if worker.is_cancelled:
                return
            batch.extend(find_chunk_terms(app.document, glossary, segmenter, spans[index]))
            covered.append(spans[index])
            now = time.monotonic()
            if sent_at is None or now - sent_at >= REPORT_EVERY:
                app.post_message(TermsFound(batch, covered, False))
                batch, covered, sent_at = [], [], now
        if not worker.is_cancelled:
            app.post_message(TermsFound(batch, covered, True))

    def on_glossary_problem(self, message: GlossaryProblem) -> None:
        _app(self).notify(
            message.problem, title="Glossary", severity="warning", timeout=NOTICE_TIMEOUT
        )

    def on_glossary_loaded(self, message: GlossaryLoaded) -> None:
        self.glossary = message.glossary
        _app(self).segmentation_changed()  # jieba is loaded, with the terms as words

    @property
    def glossary_loaded(self) -> Need:
        return Need("loading the glossary", lambda: self.glossary is not None)

    def on_terms_found(self, message: TermsFound) -> None:
        self._terms_found(message.batch, message.covered, message.done)
        _app(self).flush_waiting()

    def _terms_found(self, batch: list[TermHit], covered: list[Span], done: bool) -> None:
        """Mark the new terms and bring the popup and index up to date."""
        self._term_hits += tuple(batch)
        self._terms_covered = tuple(merged([*self._terms_covered, *covered]))
        from reader.document_terms import DocumentTerms

        self._document_terms = DocumentTerms.of(self._term_hits)
        self.terms_complete = done
        if batch:
            _app(self).article.set_marks("term", self.document_terms.spans())
        if self._term_index is not None:
            self._term_index.set_rows(self._term_index_rows(), complete=done)
        popup, selected = self._term_popup, self._term_selected
        if popup is not None and selected is not None:
            count = self.document_terms.counts.get(selected.key, 0)
            if count != popup.count:  # counted further while it is open
                popup.show(popup.entry, count, popup.target)

    def _terms_searched(self, start: int, end: int) -> bool:
        """Whether every place in ``[start, end)`` has been searched for terms."""
        if self.terms_complete:
            return True
        return any(s <= start and end <= e for s, e in self._terms_covered)

    # -- selecting ---------------------------------------------------------------------------

    def action_next_term(self) -> None:
        """`]`: select the next term from the top of the screen."""
        self._term_step(+1)

    def action_previous_term(self) -> None:
        """`[`: select the previous term."""
        self._term_step(-1)

    def _term_step(self, direction: int) -> None:
        """Step once the terms between here and the next one are all found (every press
        counts: `]` three times goes three terms on)."""
        need = Need("finding terms", lambda: self._term_target(direction)[1])
        _app(self).when_ready(lambda: self._term_step_now(direction), need)

    def _term_target(self, direction: int) -> tuple[TermHit | None, bool]:
        """The term `]` (+1) or `[` (-1) goes to, and whether that is sure (every place
        between here and it searched)."""
        app = _app(self)
        terms = self.document_terms
        first, end = app.article.visible_places()
        current = self._term_selected
        if current is not None and not first <= current.start < end:
            current = None  # scrolled away: start again from the top of the screen
        origin = first if current is None else current.start
        if direction > 0:
            target = terms.next_from(origin, inclusive=current is None)
            searched = self._terms_searched(
                origin, target.end if target else len(app.document.text)
            )
        else:
            target = terms.previous_before(origin)
            searched = self._terms_searched(target.start if target else 0, origin)
        return target, searched

    def _term_step_now(self, direction: int) -> None:
        app = _app(self)
        terms = self.document_terms
        target, _searched = self._term_target(direction)
        if target is None:
            if not terms.hits:
                app.notify("No glossary terms in this document", timeout=2)
            else:
                app.bell()
            return
        self.select_term(target)

    def select_term(self, hit: TermHit) -> None:
        """Select ``hit``: highlight it, bring it on screen, and move the popup there if open."""
        app = _app(self)
        article = app.article
        self._term_selected = hit
        article.set_marks("term-selected", [(hit.start, hit.end)])
        article.reveal(hit.end - 1)  # the end too, when the term wraps onto the next line
        article.reveal(hit.start)
        popup = self._term_popup
        if popup is not None:
            entry = self._term_entry(hit)
            if entry is not None:
                popup.show(
                    entry, self.document_terms.counts.get(hit.key, 0), self._term_anchor(hit)
                )

    def clear_term_selection(self) -> bool:
        """escape: drop the selection; False when nothing was selected."""
        if self._term_selected is None:
            return False
        self._term_selected = None
        _app(self).article.set_marks("term-selected", [])
        return True

    # -- the popup ---------------------------------------------------------------------------

    def open_selected_term(self) -> bool:
        """enter: open the popup of the selected term; False when none is selected."""
        hit = self._term_selected
        if hit is None:
            return False
        self.select_term(hit)  # back on screen if it was scrolled away
        return self._term_open_popup(hit)

    def open_term_at(self, place: int) -> bool:
        """A click: open the popup of the term at ``place``; False when there is none."""
        hit = self.document_terms.at(place)
        if hit is None or self._term_entry(hit) is None:
            return False
        self.select_term(hit)
        return self._term_open_popup(hit)

    def _term_open_popup(self, hit: TermHit) -> bool:
        app = _app(self)
        entry = self._term_entry(hit)
        if entry is None:
            return False
        if self._term_popup is not None:
            self._term_popup.show(
                entry, self.document_terms.counts.get(hit.key, 0), self._term_anchor(hit)
            )
            return True
        from reader.widgets.term_popup import TermPopup

        popup = TermPopup(
            entry,
            self.document_terms.counts.get(hit.key, 0),
            script=app.shown_script,
            variant=app.shown.variant,
            target=self._term_anchor(hit),
            locate=self._term_selected_anchor,
            word_note=app.word_note,
        )
        self._term_popup = popup
        app.push_screen(popup, callback=self._term_popup_closed)
        return True

    def _term_popup_closed(self, _: None) -> None:
        self._term_popup = None

    def _term_entry(self, hit: TermHit):  # type: ignore[no-untyped-def]
        glossary = self.glossary
        return glossary.get(hit.key) if glossary is not None else None

    def _term_selected_anchor(self) -> Anchor | None:
        hit = self._term_selected
        return self._term_anchor(hit) if hit is not None else None

    def _term_anchor(self, hit: TermHit) -> Anchor:
        """Where the term is on the screen, for its popup."""
        return _app(self).article.target_of((hit.start, hit.end))

    # -- the index ---------------------------------------------------------------------------

    def action_term_index(self) -> None:
        """`t`: the document's term index (it fills in as the terms are found)."""
        app = _app(self)
        if self._term_index is not None or app.screen is not app.article.screen:
            return
        app.when_ready(self._term_index_open, self.glossary_loaded, kind=SCREEN)

    def _term_index_open(self) -> None:
        app = _app(self)
        if self._term_index is not None:
            return
        from reader.widgets.term_index import TermIndex

        index = TermIndex(
            self._term_index_rows(),
            complete=self.terms_complete,
            script=app.shown_script,
            variant=app.shown.variant,
        )
        self._term_index = index
        app.push_screen(index, callback=self._term_index_closed)

    def _term_index_rows(self) -> list[IndexRow]:
        from reader.widgets.term_index import IndexRow

        glossary = self.glossary
        if glossary is None:
            return []
        rows = []
        for key, count in self.document_terms.counts.items():
            entry = glossary.get(key)
            if entry is not None:
                rows.append(IndexRow(key, entry, count))
        return rows

    def _term_index_closed(self, key: str | None) -> None:
        self._term_index = None
        if key is None:
            return
        hit = self.document_terms.first_of(key)
        if hit is not None:
            self.select_term(hit)
        _app(self).article.focus()
