"""Keys pressed before what they need is ready: kept, in order, and carried out once it is.

A key that needs something still loading (the whole of a long book, the dictionary, the
glossary, jieba's words) becomes an ``Intent``: what to do, and the ``Need``s it waits for.
``Waiting`` keeps them and carries each out as soon as it may, by these rules:

- Nothing waits that need not: an intent whose needs are met, with nothing ahead of it that
  it keeps behind, is carried out at once.
- Order is kept. A *move* (G, }, a page past the opening, a search's next match, a jump)
  waits behind every move pressed before it, so that they happen in the order pressed, each
  from where the last one left the reader. Anything else (a popup, a list, a look-up, a
  mark) waits behind everything pressed before it, moves included: a popup asked for after G
  opens at the end. A move never waits for an earlier popup: the reader keeps reading while
  the dictionary loads.
- The latest of a *kind* wins: an intent with a ``kind`` (the popups and lists are one kind:
  one screen opens, the last asked for) replaces a waiting one of that kind pressed before
  it. Intents without a kind (moves, ] and [, K, p) all wait and are all carried out: three
  presses of } go three sections on.
- An intent carried out may ask for another (the profile, once the book is whole, waits for
  its words to be counted): that one takes its place in the order, ahead of what was
  pressed later.
- ``cancel`` (escape) forgets everything that waits.

Pure: no Textual; a ``Need`` is asked whether it is met each time the queue is flushed,
which its owner does whenever something it waits for may have become ready.
"""

from __future__ import annotations

from collections.abc import Callable

# Plain classes, not dataclasses: the app imports this before its first paint, and making a
# frozen dataclass costs about half a millisecond.


class Need:
    """What an intent waits for: its name on the status line, and whether it is ready."""

    __slots__ = ("label", "met")

    def __init__(self, label: str, met: Callable[[], bool]) -> None:
        self.label = label  # "loading the dictionary"
        self.met = met


class Intent:
    """A key kept until its needs are met."""

    __slots__ = ("act", "kind", "move", "needs")

    def __init__(
        self,
        act: Callable[[], object],
        needs: tuple[Need, ...] = (),
        *,
        move: bool = False,
        kind: str | None = None,
    ) -> None:
        self.act = act
        self.needs = needs
        self.move = move  # it changes the reader's place (see the module's rules)
        self.kind = kind  # the latest intent of a kind replaces a waiting one

    def unmet(self) -> Need | None:
        """The first need not met yet; None when the intent can be carried out."""
        return next((need for need in self.needs if not need.met()), None)


class Waiting:
    """The intents that wait, in the order pressed (see the module's rules)."""

    def __init__(self) -> None:
        self._queue: list[Intent] = []
        self._flushing = False
        self._front = 0  # where an intent asked for while flushing goes

    def __len__(self) -> int:
        return len(self._queue)

    @property
    def moves(self) -> bool:
        """Whether a move waits: a move pressed now must wait behind it."""
        return any(intent.move for intent in self._queue)

    def label(self) -> str:
        """What the first waiting intent waits for ("" when nothing waits)."""
        for intent in self._queue:
            need = intent.unmet()
            if need is not None:
                return need.label
        return ""

    def ask(self, intent: Intent) -> None:
        """Carry ``intent`` out now if it may, else keep it until it may."""
        self.add(intent)
        self.flush()

    def add(self, intent: Intent) -> None:
        """Keep ``intent`` (after the others, or, asked for while flushing, in the place of
        the intent that asked for it)."""
        queue = self._queue
        at = self._front if self._flushing else len(queue)
        if intent.kind is not None:
            if any(other.kind == intent.kind for other in queue[at:]):
                return  # one of its kind was pressed after the intent that asked for it
            earlier = [i for i, other in enumerate(queue[:at]) if other.kind == intent.kind]
            for index in reversed(earlier):
                del queue[index]
            at -= len(earlier)
        queue.insert(at, intent)
        if self._flushing:
            self._front = at + 1

    def flush(self) -> None:
        """Carry out, in order, every intent that may be carried out now."""
        if self._flushing:
            return  # asked from an intent being carried out: the loop below goes on
        self._flushing = True
        try:
            while (index := self._due()) is not None:
                intent = self._queue.pop(index)
                self._front = index
                intent.act()
        finally:
            self._flushing = False

    def cancel(self) -> int:
        """Forget every waiting intent; how many there were."""
        count = len(self._queue)
        self._queue.clear()
        return count

    def _due(self) -> int | None:
        """The first intent whose needs are met and that nothing before it holds back."""
        move_waits = anything_waits = False
        for index, intent in enumerate(self._queue):
            held = move_waits if intent.move else anything_waits
            if not held and intent.unmet() is None:
                return index
            anything_waits = True
            move_waits = move_waits or intent.move
        return None
