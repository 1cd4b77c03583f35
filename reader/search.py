"""Search that ignores the script: 构建 finds 構建 and 構建 finds 构建.

Text and query are both compared in their simplified form (OpenCC t2s), with letters in
lower case and full-width forms folded to their ordinary width (an IME's ，and １ find , and
1, and the other way round). Every transformation keeps each character in its position, so a
match in the compared form is a match at the same places in the original text. Because t2s
converts some words as a whole (乾隆 stays 乾隆 while a lone 乾 becomes 干), a literal,
case-insensitive match of the query also counts.

Converting a whole novel to simplified takes a while, so the index converts paragraphs only
when a search first reaches them, a batch of neighbours at a time in the order the search
goes, and keeps the result: a search that starts at the reader's place shows its first match
after converting only what lies before it.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from functools import cache

from reader.converter import translator
from reader.document import Document
from reader.script import keep_length

Match = tuple[int, int]  # (start, end) places in the original text
_BATCH_CHARS = 20_000  # characters converted in one call: few calls, and quick to cancel


@cache
def _width_table() -> Callable[[str], str]:
    """Full-width and half-width forms (U+FF00-FFEF) and the ideographic space, each as the
    one character NFKC makes of it: ，-> , and Ａ -> A and ｶ -> カ."""
    table: dict[int, str] = {0x3000: " "}
    for code in range(0xFF01, 0xFFEF):
        folded = unicodedata.normalize("NFKC", chr(code))
        if len(folded) == 1 and folded != chr(code):
            table[code] = folded
    return translator(table)


def _folded(text: str) -> str:
    """Width folded and lower case, keeping the length ("İ".lower() is two characters: such a
    one stays as it is)."""
    text = _width_table()(text)
    lowered = text.lower()
    if len(lowered) == len(text):  # no character lowers to nothing, so each maps to one
        return lowered
    return "".join(char if len(low := char.lower()) != 1 else low for char in text)


class SearchIndex:
    """The searchable form of a text, split into spans (paragraphs) that matches stay inside."""

    def __init__(
        self,
        text: str,
        to_simplified: Callable[[str], str],
        spans: Sequence[tuple[int, int]] | None = None,
    ) -> None:
        """``spans`` are ``(start, end)`` places in order; by default, the text's lines."""
        self.text = text
        self._to_simplified = to_simplified
        self._spans: list[tuple[int, int]] = list(spans) if spans is not None else _lines(text)
        self._starts = [start for start, _ in self._spans]
        # Per span: (simplified-lowered form, lowered form); None until first searched.
        self._forms: list[tuple[str, str] | None] = [None] * len(self._spans)

    @classmethod
    def from_document(cls, document: Document, to_simplified: Callable[[str], str]) -> SearchIndex:
        return cls(document.text, to_simplified, [(p.start, p.end) for p in document.paragraphs])

    @classmethod
    def from_paragraphs(
        cls, paragraphs: Sequence[str], to_simplified: Callable[[str], str]
    ) -> SearchIndex:
        """Paragraphs joined by one newline: places count in that joined text."""
        spans: list[tuple[int, int]] = []
        position = 0
        for paragraph in paragraphs:
            spans.append((position, position + len(paragraph)))
            position += len(paragraph) + 1
        return cls("\n".join(paragraphs), to_simplified, spans)

    @property
    def converted_count(self) -> int:
        """How many spans have been converted so far (for tests and progress)."""
        return sum(form is not None for form in self._forms)

    def warm(self, should_stop: Callable[[], bool] | None = None) -> bool:
        """Convert every span ahead of time (in an idle worker) so later searches are instant.

        Returns True when all is converted, False when ``should_stop`` cut it short.
        """
        order = range(len(self._spans))
        for turn in order:
            if should_stop is not None and should_stop():
                return False
            self._ensure(order, turn)
        return True

    def _ensure(self, order: Sequence[int], turn: int) -> None:
        """Have ``order[turn]`` converted, with the unconverted spans that follow it in
        ``order``, up to a batch's worth of characters."""
        if self._forms[order[turn]] is not None:
            return
        batch: list[int] = []
        size = 0
        for index in order[turn:]:
            if self._forms[index] is None:
                start, end = self._spans[index]
                batch.append(index)
                size += end - start + 1
                if size >= _BATCH_CHARS:
                    break
        self._convert(batch)

    def _convert(self, batch: Sequence[int]) -> None:
        """Forms of a batch of spans, converted as one text: joined by line breaks (no
        conversion reaches across one), and cut apart again by place."""
        originals = [self.text[start:end] for start, end in (self._spans[i] for i in batch)]
        joined = "\n".join(originals)
        lowered = _folded(joined)
        simplified = _folded(keep_length(joined, self._to_simplified))
        position = 0
        for index, original in zip(batch, originals, strict=True):
            end = position + len(original)
            span_lowered = lowered[position:end]
            span_simplified = simplified[position:end]
            # A simplified text needs no second copy: both forms share one string.
            if span_simplified == span_lowered:
                span_simplified = span_lowered
            self._forms[index] = (span_simplified, span_lowered)
            position = end + 1

    def _form(self, index: int) -> tuple[str, str]:
        form = self._forms[index]
        if form is None:
            self._convert([index])
            form = self._forms[index]
            assert form is not None
        return form

    def _query_forms(self, query: str) -> tuple[str, str] | None:
        if not query.strip():
            return None
        lowered = _folded(query)
        return _folded(keep_length(query, self._to_simplified)), lowered

    def _span_matches(self, index: int, queries: tuple[str, str]) -> list[Match]:
        """Matches in one span, in order and not overlapping."""
        simplified, lowered = self._form(index)
        query_simplified, query_lowered = queries
        span_start = self._spans[index][0]
        size = len(query_simplified)  # both query forms have the original query's length
        starts = set(_find_every(simplified, query_simplified))
        if simplified is not lowered or query_simplified != query_lowered:
            starts.update(_find_every(lowered, query_lowered))
        matches: list[Match] = []
        end = -1
        for start in sorted(starts):
            if start >= end:
                end = start + size
                matches.append((span_start + start, span_start + end))
        return matches

    def find_all(self, query: str) -> list[Match]:
        """Every match in the text, in order; converts all that was not converted yet."""
        queries = self._query_forms(query)
        if queries is None:
            return []
        matches: list[Match] = []
        for index in range(len(self._spans)):
            matches.extend(self._span_matches(index, queries))
        return matches

    def iter_matches(
        self,
        query: str,
        start_place: int = 0,
        should_stop: Callable[[], bool] | None = None,
    ) -> Iterator[Match]:
        """Matches from ``start_place`` to the end, then from the start up to it: each once.

        Spans are converted only as the search reaches them, so the first match arrives as
        soon as its span is converted. ``should_stop`` is asked before each span, so a worker
        can be cancelled even while a long stretch without matches is converted.
        """
        queries = self._query_forms(query)
        if queries is None or not self._spans:
            return
        first = max(0, bisect_right(self._starts, start_place) - 1)
        order = [*range(first, len(self._spans)), *range(first + 1)]
        for turn, index in enumerate(order):
            if should_stop is not None and should_stop():
                return
            self._ensure(order, turn)
            for match in self._span_matches(index, queries):
                wrapped = turn == len(order) - 1
                # The first span is searched twice: its tail first, its head after wrapping.
                if index == first and (match[0] < start_place) != wrapped:
                    continue
                yield match


def _find_every(haystack: str, needle: str) -> Iterator[int]:
    position = haystack.find(needle)
    while position != -1:
        yield position
        position = haystack.find(needle, position + len(needle))


def _lines(text: str) -> list[tuple[int, int]]:
    """Each line's span without its line break (a trailing CR of CRLF too)."""
    spans: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        end = position + len(line)
        spans.append((position, end - 1 if line.endswith("\r") else end))
        position = end + 1
    return spans


def next_match(matches: Sequence[Match], place: int, *, inclusive: bool = False) -> int | None:
    """Index of the first match starting after ``place`` (at it too if ``inclusive``), wrapping
    around to the first; None when there are no matches."""
    if not matches:
        return None
    starts = [start for start, _ in matches]
    index = bisect_left(starts, place) if inclusive else bisect_right(starts, place)
    return index % len(matches)


def previous_match(matches: Sequence[Match], place: int) -> int | None:
    """Index of the last match starting before ``place``, wrapping around to the last."""
    if not matches:
        return None
    starts = [start for start, _ in matches]
    return (bisect_left(starts, place) - 1) % len(matches)


def match_label(index: int, total: int) -> str:
    """``index`` counts from 0; people count from 1: ``match_label(2, 17) == "match 3 / 17"``."""
    if total <= 0:
        return "no matches"
    return f"match {index + 1} / {total}"
