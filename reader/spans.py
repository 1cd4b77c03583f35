"""Spans of places: ``(start, end)`` offsets into the original text, and sets of them.

Terms, search matches, the word cursor, inline styles and the ranges a worker has searched
are all spans; this is their one definition, with the two things done to many of them:
finding those that overlap a line, and joining those that touch.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

#: ``(start, end)``: the places ``start`` up to, not including, ``end``.
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Spans:
    """Sorted, non-overlapping spans of places, searchable by position."""

    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()

    @classmethod
    def of(cls, spans: Iterable[Span]) -> Spans:
        ordered = sorted(spans)
        return cls(tuple(s for s, _ in ordered), tuple(e for _, e in ordered))

    def overlapping(self, start: int, end: int) -> range:
        """Indices of spans that overlap [start, end)."""
        first = bisect_right(self.ends, start)
        last = bisect_left(self.starts, end)
        return range(first, max(first, last))

    def as_list(self) -> list[Span]:
        return list(zip(self.starts, self.ends, strict=True))

    def __len__(self) -> int:
        return len(self.starts)


def merged(spans: Iterable[Span]) -> list[Span]:
    """Sorted spans with the touching and overlapping ones joined."""
    result: list[Span] = []
    for start, end in sorted(spans):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(end, result[-1][1]))
        else:
            result.append((start, end))
    return result


def nearest_first(index: int, count: int) -> list[int]:
    """``range(count)`` from ``index`` outward: index, index + 1, index - 1, index + 2, …

    Slow work in a long book goes this way from the reader's place, so what is on screen
    and next to it is ready first.
    """
    if count <= 0:
        return []
    index = max(0, min(index, count - 1))
    order = [index]
    for distance in range(1, max(index, count - 1 - index) + 1):
        if index + distance < count:
            order.append(index + distance)
        if index - distance >= 0:
            order.append(index - distance)
    return order
