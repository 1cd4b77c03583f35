"""Keys kept while what they need loads: reader.pending's queue, a spinner, escape.

A feature whose key needs something not ready yet asks ``when_ready(act, *needs)``
instead of saying "loading…": the key is carried out at once if it may, else kept (by
reader.pending's rules) and carried out when its needs are met. Each message that makes
something ready (the whole book parsed, the dictionary, jieba, the glossary, a batch of
terms, the document's words counted) ends with ``flush_waiting()``. While a key waits, the
status line shows a spinner and what it waits for; escape cancels what waits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

from reader.features import FeatureHost
from reader.pending import Intent, Need, Waiting

if TYPE_CHECKING:
    from textual.timer import Timer

WHOLE_BOOK = "opening the whole book"  # what a key kept on a long book's opening waits for
SCREEN = "screen"  # the kind of every popup and list: the last one asked for opens
SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
SPIN_EVERY = 0.1  # seconds between two frames of the spinner


class WaitingHost(FeatureHost, Protocol):
    """What the waiting keys use of the app."""

    def set_interval(
        self, interval: float, callback: Callable[[], object] | None = None, *, name: str | None
    ) -> Timer: ...

    def refresh_status(self) -> None: ...


def _app(feature: WaitingFeature) -> WaitingHost:
    """The app the feature is mixed into (ReaderApp; app.py checks that it is a WaitingHost)."""
    return cast("WaitingHost", feature)


class WaitingFeature:
    """The keys that wait, the spinner that says so, and escape that cancels them."""

    _waiting_queue: Waiting | None = None
    _waiting_timer: Timer | None = None
    _waiting_frame: int = 0

    @property
    def _waiting(self) -> Waiting:
        if self._waiting_queue is None:
            self._waiting_queue = Waiting()
        return self._waiting_queue

    def when_ready(
        self,
        act: Callable[[], object],
        *needs: Need,
        move: bool = False,
        kind: str | None = None,
    ) -> None:
        """Carry ``act`` out once ``needs`` are met (at once if they are and nothing it
        waits behind is waiting); ``move`` and ``kind`` as reader.pending describes."""
        self._waiting.ask(Intent(act, needs, move=move, kind=kind))
        self._waiting_changed()

    def flush_waiting(self) -> None:
        """Something may have become ready: carry out the keys that waited for it."""
        if self._waiting_queue is not None and len(self._waiting_queue):
            self._waiting_queue.flush()
            self._waiting_changed()

    def cancel_waiting(self) -> bool:
        """escape: forget the keys that wait; False when none did."""
        waiting = self._waiting
        label = waiting.label()
        if not waiting.cancel():
            return False
        _app(self).notify(f"Cancelled what was waiting ({label})", timeout=2)
        self._waiting_changed()
        return True

    @property
    def moves_waiting(self) -> bool:
        """Whether a move waits (the reader's place is where it will lead)."""
        return self._waiting_queue is not None and self._waiting_queue.moves

    @property
    def waiting_status(self) -> str:
        """The status line's spinner and what the first waiting key waits for ("" if none)."""
        label = self._waiting.label() if self._waiting_queue is not None else ""
        if not label:
            return ""
        return f"{SPINNER[self._waiting_frame % len(SPINNER)]} {label}…"

    def _waiting_changed(self) -> None:
        app = _app(self)
        waiting = self._waiting
        app.article.set_waiting(bool(len(waiting)), waiting.moves)
        spinning = self._waiting_timer is not None
        if len(waiting) and not spinning:
            self._waiting_timer = app.set_interval(SPIN_EVERY, self._waiting_spin, name="spinner")
        elif not len(waiting) and spinning:
            assert self._waiting_timer is not None
            self._waiting_timer.stop()
            self._waiting_timer = None
        if len(waiting) or spinning:
            app.refresh_status()

    def _waiting_spin(self) -> None:
        self._waiting_frame += 1
        _app(self).refresh_status()
