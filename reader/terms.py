"""Finding glossary terms in a text: every occurrence, whole words only, longest first.

Matching is done on simplified text against the simplified forms of the terms, so a
traditional, simplified or mixed (組工干部) text finds the same terms. Candidates come from
a direct scan for every written form, so a term jieba would split (立党为公、执政为民, terms
with punctuation, characters outside jieba's range) is still found. jieba, with every form
added as a word, then vetoes a candidate that cuts into a word that is not itself a form:
两委 is no term in 设立两委员会 (两|委员会), nor 抓手 in 紧抓手中 (紧抓|手中). A word that
merely compounds the term with other words keeps it (党委 in 乡党委, 各级党委), judged by
word frequencies. Where candidates overlap, the longer term wins.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from math import log

from reader.glossary import Glossary
from reader.words import Segmenter, block_at

# How common a term is taken to be when judging whether a longer word around it is a
# compound that merely contains it: 乡党委 (乡 + 党委) is, 黑社会 (not 黑 + 社会) and 委员会
# (not 委员 + 会) are not. Close to the count of jieba's most common words (的: 318825).
CONTAINED_TERM_FREQ = 300_000


@dataclass(frozen=True, slots=True)
class TermHit:
    """A found term: ``[start, end)`` places in the original text and the entry's key."""

    start: int
    end: int
    key: str


def find_terms(
    simplified_text: str, glossary: Glossary, segmenter: Segmenter, *, base: int = 0
) -> list[TermHit]:
    """Every occurrence of every glossary term in the text, in text order, not overlapping.

    ``simplified_text`` must have the same length as the original (t2s does); ``base`` is
    added to every offset so a paragraph's hits become places in the whole document.
    Loads the segmenter if needed (slow once), so call it from a worker.
    """
    forms = glossary.forms()
    candidates = _scan(simplified_text, forms)
    if not candidates:
        return []
    segmenter.add_words(forms)
    boundaries = _Boundaries(simplified_text, segmenter, forms)
    accepted = [c for c in candidates if boundaries.allows(c[0], c[1])]
    # Longest wins; between equal lengths the one jieba keeps whole, then the earlier one.
    accepted.sort()
    misaligned: set[int] = set()
    for i, (start, end, _) in enumerate(accepted):
        j = i + 1
        while j < len(accepted) and accepted[j][0] < end:
            other_start, other_end, _ = accepted[j]
            if other_end - other_start == end - start:
                for k in (i, j):
                    if not boundaries.whole_word(accepted[k][0], accepted[k][1]):
                        misaligned.add(k)
            j += 1
    ranked = sorted(
        range(len(accepted)),
        key=lambda k: (accepted[k][0] - accepted[k][1], k in misaligned, accepted[k][0]),
    )
    taken = bytearray(len(simplified_text))
    chosen: list[tuple[int, int, str]] = []
    for start, end, key in (accepted[k] for k in ranked):
        if taken.find(1, start, end) < 0:
            taken[start:end] = b"\x01" * (end - start)
            chosen.append((start, end, key))
    chosen.sort()
    return [TermHit(start + base, end + base, key) for start, end, key in chosen]


def count_terms(hits: Iterable[TermHit]) -> dict[str, int]:
    """How often each key was found, keys in order of first appearance."""
    counts: dict[str, int] = {}
    for hit in sorted(hits, key=lambda h: h.start):
        counts[hit.key] = counts.get(hit.key, 0) + 1
    return counts


def terms_in_order(hits: Iterable[TermHit]) -> list[str]:
    """The distinct keys in order of first appearance."""
    return list(count_terms(hits))


def _scan(text: str, forms: Mapping[str, str]) -> list[tuple[int, int, str]]:
    """All occurrences of all forms, overlapping ones included, by start."""
    lengths: dict[str, set[int]] = {}
    for form in forms:
        if form:
            lengths.setdefault(form[0], set()).add(len(form))
    if not lengths:
        return []
    by_first = {char: sorted(ls, reverse=True) for char, ls in lengths.items()}
    first = re.compile("[" + "".join(re.escape(c) for c in sorted(by_first)) + "]")
    found: list[tuple[int, int, str]] = []
    for match in first.finditer(text):
        start = match.start()
        for length in by_first[match.group()]:
            key = forms.get(text[start : start + length])
            if key is not None:
                found.append((start, start + length, key))
    return found


class _Boundaries:
    """Judges a candidate by jieba's words around its edges; segments only blocks it needs."""

    def __init__(self, text: str, segmenter: Segmenter, forms: Mapping[str, str]) -> None:
        self._text = text
        self._segmenter = segmenter
        self._forms = forms
        self._word_starts: dict[int, list[int]] = {}  # block start -> its words' starts
        self._block = (0, 0)  # the last block found

    def allows(self, start: int, end: int) -> bool:
        """False if an edge cuts into a word that is not a form, unless the word is a compound.

        An edge strictly inside a glossary form is fine: the overlap goes to the longer term.
        A term straddling two words (紧抓|手中 for 抓手) is refused. A term wholly inside a
        longer word (乡党委, 黑社会) is accepted only if that word is a compound of the term
        and dictionary words and jieba would split it so were the term very frequent.
        """
        around_start = self._word_around(start)
        around_end = self._word_around(end)
        if around_start is None and around_end is None:
            return True
        if around_start is not None and around_end is not None and around_start != around_end:
            return False
        word_start, word_end = around_start or around_end  # type: ignore[misc]
        if not (word_start <= start and end <= word_end):
            return False
        return self._splits_off(word_start, start, end, word_end)

    def whole_word(self, start: int, end: int) -> bool:
        """Whether neither edge falls inside any word jieba makes, glossary forms included."""
        around = self._word_around
        return around(start, forms_too=True) is None and around(end, forms_too=True) is None

    def _word_around(self, place: int, *, forms_too: bool = False) -> tuple[int, int] | None:
        """The word ``place`` is strictly inside, if any; a form counts only if ``forms_too``."""
        block = self._block
        if not block[0] < place < block[1]:  # candidates come in order: often the same block
            found = block_at(self._text, place)
            if found is None:
                return None  # jieba never puts a word across a block's edge
            block = self._block = found
        block_start, block_end = block
        starts = self._word_starts.get(block_start)
        if starts is None:
            ignore = () if forms_too else self._forms
            if not self._segmenter.spanned(self._text, place, ignore=ignore):
                return None  # no word could cross here: a sure edge, without segmenting
            words = self._segmenter.segment(self._text[block_start:block_end])
            starts = self._word_starts[block_start] = [block_start + s for s, _ in words]
        i = bisect_right(starts, place) - 1
        word_start = starts[i]
        word_end = starts[i + 1] if i + 1 < len(starts) else block_end
        if word_start == place:
            return None
        if not forms_too and self._text[word_start:word_end] in self._forms:
            return None
        return word_start, word_end

    def _splits_off(self, word_start: int, start: int, end: int, word_end: int) -> bool:
        """Whether jieba would cut the term out of the word were it as common as 的 (~3e5)."""
        text, segmenter = self._text, self._segmenter
        word_freq = segmenter.frequency(text[word_start:word_end])
        if word_freq <= 0:
            return False  # a run of ASCII letters or digits, which jieba keeps together
        pieces = [text[word_start:start], text[end:word_end]]
        log_p = log(max(CONTAINED_TERM_FREQ, segmenter.frequency(text[start:end])))
        for piece in filter(None, pieces):
            freq = segmenter.frequency(piece)
            if freq <= 0:
                return False
            log_p += log(freq) - log(segmenter.total)
        return log_p >= log(word_freq)
