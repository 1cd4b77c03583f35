"""Finding a place again after its document was edited, by the text on either side of it.

A place is an offset into the text, so an edit above it moves what it points at. Each saved
place also keeps a few characters before and after it (its anchor); in the edited text the
place is where those characters are found again, nearest to where it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

ANCHOR_CHARS = 16  # characters kept on each side: unique in any real text, small to save
#: How far from its old offset (beyond the change in length) a place is looked for.
SEARCH_WINDOW = 20_000


@dataclass(frozen=True, slots=True)
class Anchor:
    before: str
    after: str

    @classmethod
    def at(cls, text: str, place: int) -> Anchor:
        return cls(text[max(0, place - ANCHOR_CHARS) : place], text[place : place + ANCHOR_CHARS])

    def to_json(self) -> list[str]:
        return [self.before, self.after]

    @classmethod
    def from_json(cls, data: Any) -> Anchor | None:
        """``[before, after]``; None for anything else."""
        if (
            isinstance(data, list)
            and len(data) == 2
            and all(isinstance(part, str) and len(part) <= ANCHOR_CHARS for part in data)
        ):
            return cls(data[0], data[1])
        return None


def find_again(
    text: str, anchored: Iterable[tuple[int, Anchor | None]], length_change: int = 0
) -> list[int | None]:
    """Each place's offset in the edited ``text`` (None where its anchor is not found).

    Pass the places in order: each starts looking where the one before it moved to, so a
    thousand bookmarks below one edited line each cost a comparison, not a search.
    """
    window = SEARCH_WINDOW + abs(length_change)
    shift = 0
    found: list[int | None] = []
    for place, anchor in anchored:
        if anchor is None or not (anchor.before or anchor.after):
            found.append(None)
            continue
        where = _find_one(text, place + shift, anchor, window)
        if where is not None:
            shift = where - place
        found.append(where)
    return found


def _find_one(text: str, guess: int, anchor: Anchor, window: int) -> int | None:
    before, after = anchor.before, anchor.after
    if (
        len(before) <= guess <= len(text)
        and text.startswith(before, guess - len(before))
        and text.startswith(after, guess)
    ):
        return guess
    low, high = max(0, guess - window), min(len(text), guess + window)
    whole = _nearest(text, before + after, guess - len(before), low, high)
    if whole is not None:
        return whole + len(before)
    if len(after) == ANCHOR_CHARS:  # a short side (at either end of the text) proves little
        where = _nearest(text, after, guess, low, high)
        if where is not None:
            return where
    if len(before) == ANCHOR_CHARS:
        where = _nearest(text, before, guess - len(before), low, high)
        if where is not None:
            return where + len(before)
    return None


def _nearest(text: str, piece: str, guess: int, low: int, high: int) -> int | None:
    """The start of the occurrence of ``piece`` within ``text[low:high]`` nearest ``guess``."""
    guess = min(max(guess, low), high)
    forward = text.find(piece, guess, high)
    backward = text.rfind(piece, low, min(high, guess + len(piece)))
    candidates = [where for where in (forward, backward) if where >= 0]
    if not candidates:
        return None
    return min(candidates, key=lambda where: abs(where - guess))
