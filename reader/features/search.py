"""Search across scripts: `/` opens the bar, matches light up as you type, n / N move.

The search itself runs in a thread worker (SearchIndex converts a novel paragraph by
paragraph, which takes seconds the first time): it starts at the reader's place, so the
matches on screen and the next one arrive first, and sends what it found in batches. Every
search has a generation number; results of an older generation are dropped.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, Protocol, cast

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from reader.features import FeatureHost
from reader.script import to_simplified
from reader.search import Match, SearchIndex, match_label, next_match, previous_match

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.widget import Widget
    from textual.worker import Worker

    from reader.document import Document
    from reader.widgets.search_bar import SearchBar

DEBOUNCE = 0.12  # seconds of quiet typing before the search starts
REPORT_EVERY = 0.2  # seconds between two batches of results sent by the worker
WAIT: Final = "wait"  # a move that needs results not found yet


@dataclass
class SearchRun:
    """One search: matches arrive in wrap-around order, from ``origin`` on, then before it."""

    query: str
    origin: int
    generation: int
    found: list[Match] = field(default_factory=list)
    positions: dict[Match, int] = field(default_factory=dict)  # match -> index in found
    done: bool = False
    matches: list[Match] = field(default_factory=list)  # every match in order, once done
    current: Match | None = None
    # a move waiting for more results: (direction, from this match, or else from this place)
    pending: tuple[int, Match | None, int] | None = None
    ahead: int = 0  # how many of found lie at or after the origin (the first ones found)

    def add(self, batch: list[Match]) -> None:
        for match in batch:
            self.positions[match] = len(self.found)
            self.found.append(match)
            if match[0] >= self.origin and self.ahead == len(self.found) - 1:
                self.ahead += 1

    def finish(self) -> None:
        self.matches = self.known()
        self.done = True

    def known(self) -> list[Match]:
        """The matches found so far, in order of place."""
        if self.done:
            return self.matches
        return self.found[self.ahead :] + self.found[: self.ahead]

    def target(self, direction: int, current: Match | None, place: int) -> Match | str | None:
        """Where n (+1) or N (-1) goes from ``current`` (or from ``place`` when None).

        None when there is no match at all; WAIT when the answer is not found yet.
        """
        if self.done:
            matches = self.matches
            if not matches:
                return None
            if current is not None:
                place, inclusive = current[0], False
            else:
                inclusive = True
            if direction > 0:
                index = next_match(matches, place, inclusive=inclusive)
            else:
                index = previous_match(matches, place)
            assert index is not None
            return matches[index]
        # Still searching: only neighbours in the order found are sure.
        if current is not None and current in self.positions:
            neighbour = self.positions[current] + direction
            return self.found[neighbour] if 0 <= neighbour < len(self.found) else WAIT
        if current is None and direction > 0 and place == self.origin and self.found:
            return self.found[0]
        return WAIT

    def label(self) -> str:
        """The bar's count: "match 3 / 17", "17 matches", "match 1 / …" while counting."""
        if self.done:
            total = len(self.matches)
            if self.current is not None:
                return match_label(bisect_left(self.matches, self.current), total)
            return "no matches" if total == 0 else f"{total} match{'es' if total > 1 else ''}"
        if self.current is not None:
            # Until the search wraps around, the matches before the origin are unknown.
            position = self.positions.get(self.current)
            if self.origin == 0 and position is not None:
                return f"match {position + 1} / …"
            return "match ? / …"
        return f"searching… {len(self.found)} so far" if self.found else "searching…"


class SearchFound(Message):
    """A batch of matches of search ``generation``; ``done`` with the last."""

    def __init__(self, generation: int, batch: list[Match], done: bool) -> None:
        self.generation = generation
        self.batch = batch
        self.done = done
        super().__init__()


class SearchHost(FeatureHost, Protocol):
    """What search uses of the app."""

    def query_one(self, selector: str) -> Widget: ...

    def set_timer(self, delay: float, callback: Callable[[], object] | None = None) -> Timer: ...

    def post_message(self, message: Message) -> bool: ...


def _app(feature: SearchFeature) -> SearchHost:
    """The app search is mixed into (ReaderApp; app.py checks that it is a SearchHost)."""
    return cast("SearchHost", feature)


class SearchFeature:
    """`/`, n, N and escape; the bar, the marks and the search worker."""

    _search_index: SearchIndex | None = None
    _search_document: Document | None = None
    _search_bar: SearchBar | None = None
    _search_run: SearchRun | None = None
    _search_history: list[str] | None = None  # queries gone to with enter, the last last
    _search_timer: Timer | None = None
    _search_generation: int = 0
    _search_closed: int = 0  # how many times escape cleared the search: a waiting step ends
    _search_job: Worker[None] | None = None
    _search_warming: Worker[None] | None = None  # converts the text while the reader types

    # -- the bar -----------------------------------------------------------------------------

    async def action_search(self) -> None:
        """`/`: open the search bar (or go back to it)."""
        article = _app(self).article
        if _app(self).screen is not article.screen:  # a popup or another screen is on top
            return
        bar = self._search_bar
        if bar is None:
            from reader.widgets.search_bar import SearchBar

            history = self._search_history = self._search_history or []
            bar = self._search_bar = SearchBar(history, id="search-bar")
            await _app(self).query_one("#bottom").mount(bar, before="#keys")
            self._search_warming = self._warm_search_index(self.search_index())
            if history and not bar.value:  # the last search again, ready to edit or replace
                bar.recall(len(history) - 1)
        bar.input.focus()

    def close_search(self) -> bool:
        """escape: close the bar and clear the marks; False when search was not active."""
        bar = self._search_bar
        if bar is None and self._search_run is None:
            return False
        self._stop_search()
        self._search_closed += 1
        self._search_run = None
        self._search_bar = None
        article = _app(self).article
        article.set_marks("match", [])
        article.set_marks("match-current", [])
        if bar is not None:
            bar.remove()
        article.focus()
        return True

    def refresh_search(self) -> None:
        """The document was reparsed (a long book's whole after its opening): search it again."""
        if self._search_run is not None:
            self._start_search(self._search_run.query)

    @property
    def search_label(self) -> str:
        """What the bar's count shows ("" when the bar is closed)."""
        return self._search_bar.label if self._search_bar is not None else ""

    def on_search_bar_changed(self, message: SearchBar.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        if message.query.strip():
            self._search_timer = _app(self).set_timer(
                DEBOUNCE, lambda: self._search_typed(message.query)
            )
        else:
            self._start_search("")

    def _search_typed(self, query: str) -> None:
        """The debounce timer fired: typing has settled."""
        self._search_timer = None
        self._start_search(query)

    @property
    def search_query(self) -> str:
        """The query searched for (typing still settling is not searched yet)."""
        return self._search_run.query if self._search_run is not None else ""

    @property
    def search_busy(self) -> bool:
        """True while typing has not settled yet or the search is still counting."""
        run = self._search_run
        return self._search_timer is not None or (run is not None and not run.done)

    def on_search_bar_submitted(self, message: SearchBar.Submitted) -> None:
        """enter: go to the next match from the reader's place and give the keys back."""
        query = message.query
        if not query.strip():
            self.close_search()
            return
        history = self._search_history = self._search_history or []
        if query in history:
            history.remove(query)
        history.append(query)
        run = self._search_run
        if run is None or run.query != query:
            self._start_search(query)
        _app(self).article.focus()
        self._search_step(+1)

    def on_search_bar_closed(self, message: SearchBar.Closed) -> None:
        self.close_search()

    # -- moving between matches --------------------------------------------------------------

    def action_next_match(self) -> None:
        """`n`"""
        self._search_step(+1)

    def action_previous_match(self) -> None:
        """`N`"""
        self._search_step(-1)

    def _search_step(self, direction: int) -> None:
        """A move to the next match: on a long book's opening it waits for the whole book
        (a match the opening lacks may come first), unless escape clears the search first."""
        app = _app(self)
        closed = self._search_closed

        def step() -> None:
            if self._search_closed == closed:
                self._search_step_now(direction)

        app.when_ready(step, app.whole_book, move=True)

    def _search_step_now(self, direction: int) -> None:
        """From the current match when it is on screen, else from the top of the screen."""
        run = self._search_run
        if run is None:
            if not self._search_history:
                return
            # n after escape: the last search again, from the reader's place
            self._start_search(self._search_history[-1], origin=_app(self).article.top_place)
            run = self._search_run
            assert run is not None
        current = run.current
        if current is not None and not self._search_on_screen(current):
            current = None
        self._search_go(direction, current, _app(self).article.top_place)

    def _search_go(self, direction: int, current: Match | None, place: int) -> None:
        run = self._search_run
        assert run is not None
        target = run.target(direction, current, place)
        if target == WAIT:
            if current is None and direction > 0 and place != run.origin:
                # search again from the reader's new place: its first match is the answer
                self._start_search(run.query, origin=place)
                run = self._search_run
                assert run is not None
            run.pending = (direction, current, place)
        elif target is None:
            run.pending = None
        else:
            assert isinstance(target, tuple)
            run.pending = None
            start = current[0] if current is not None else place
            if (direction > 0 and target[0] < start) or (direction < 0 and target[0] >= start):
                end = "top" if direction > 0 else "end"
                _app(self).notify(f"Search went on from the {end}", timeout=2)
            self._search_jump(target)
        self._search_show_count()

    def _search_jump(self, match: Match) -> None:
        run = self._search_run
        assert run is not None
        run.current = match
        article = _app(self).article
        article.set_marks("match-current", [match])
        article.reveal(match[1] - 1)  # the end too, when the match wraps onto the next line
        article.reveal(match[0])

    def _search_on_screen(self, match: Match) -> bool:
        first, end = _app(self).article.visible_places()
        return first <= match[0] < end

    def _search_show_count(self) -> None:
        if self._search_bar is not None:
            run = self._search_run
            self._search_bar.set_label(run.label() if run is not None else "")

    # -- searching ---------------------------------------------------------------------------

    def search_index(self) -> SearchIndex:
        """The document's index, built once (it converts paragraphs only when searched)."""
        if self._search_index is None or self._search_document is not _app(self).document:
            self._search_index = SearchIndex.from_document(_app(self).document, to_simplified)
            self._search_document = _app(self).document
        return self._search_index

    def _stop_search(self) -> None:
        """Forget the running search: its worker stops and its late results are dropped."""
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        self._search_generation += 1
        if self._search_job is not None:
            self._search_job.cancel()
            self._search_job = None

    def _start_search(self, query: str, origin: int | None = None) -> None:
        self._stop_search()
        article = _app(self).article
        article.set_marks("match", [])
        article.set_marks("match-current", [])
        if not query.strip():
            self._search_run = None
        else:
            # converting twice the same paragraphs would only slow the search down
            if self._search_warming is not None:
                self._search_warming.cancel()
            if origin is None:
                origin = article.top_place
            generation = self._search_generation
            self._search_run = SearchRun(query, origin, generation)
            self._search_job = self._search_worker(self.search_index(), query, origin, generation)
        self._search_show_count()

    @work(thread=True, exclusive=True, group="search")
    def _search_worker(self, index: SearchIndex, query: str, origin: int, generation: int) -> None:
        """Find every match from ``origin`` on, wrapping around; send them in batches."""
        worker = get_current_worker()
        batch: list[Match] = []
        sent_at: float | None = None  # None until the first batch is sent

        def stale() -> bool:
            return worker.is_cancelled or generation != self._search_generation

        def checkpoint() -> bool:
            """Asked before each paragraph: stop when stale, else send what is due."""
            nonlocal batch, sent_at
            if stale():
                return True
            now = time.monotonic()
            if batch and (sent_at is None or now - sent_at >= REPORT_EVERY):
                _app(self).post_message(SearchFound(generation, batch, False))
                batch, sent_at = [], now
            return False

        for match in index.iter_matches(query, origin, checkpoint):
            batch.append(match)
        if not stale():
            _app(self).post_message(SearchFound(generation, batch, True))

    def on_search_found(self, message: SearchFound) -> None:
        """Take a batch of results unless a newer search replaced it."""
        run = self._search_run
        if run is None or run.generation != message.generation:
            return
        batch, done = message.batch, message.done
        run.add(batch)
        if done:
            run.finish()
        if batch or done:
            _app(self).article.set_marks("match", run.known())
        if run.pending is not None:
            self._search_go(*run.pending)
        self._search_show_count()

    @work(thread=True, exclusive=True, group="search-warm")
    def _warm_search_index(self, index: SearchIndex) -> None:
        """Convert the whole text while the reader types, so the search is quick."""
        worker = get_current_worker()
        index.warm(lambda: worker.is_cancelled)
