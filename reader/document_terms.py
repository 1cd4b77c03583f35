"""The glossary terms of a whole document: loading the user's glossaries, finding every term
chunk by chunk, and showing a term in either script. Pure: shared by the CLI and the UI.

Terms are found on the simplified text (t2s keeps the character count, so every offset is a
place in the original). A long book is searched in chunks of paragraphs, cut only after a
newline: no term and no jieba block crosses a newline, so the chunks find exactly what the
whole text would, and the UI can search the part on screen first.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.document import Document
from reader.glossary import Entry, Glossary, default_glossary_paths, load_glossaries
from reader.script import (
    Script,
    ScriptConverter,
    Variant,
    detect_script,
    other,
    simplified_in_place,
    to_simplified,
)
from reader.spans import Span, nearest_first
from reader.terms import TermHit, count_terms, find_terms
from reader.words import Segmenter

CHUNK_CHARS = 20_000  # characters searched at a time (a chunk ends after a newline)


# -- loading ---------------------------------------------------------------------------------


def load_user_glossary(extra_files: Sequence[Path] = ()) -> tuple[Glossary, list[str]]:
    """The bundled glossaries, then the user's ``glossary/*.toml``, then ``extra_files``.

    Later entries override earlier ones with the same key. Returns the merged glossary and
    one ``"{path}:{line}: {reason}"`` line per problem; a bad file never stops the rest.
    Raises ReaderError only when one of ``extra_files`` does not exist (a typo must show).
    """
    return load_glossaries(default_glossary_paths(extra_files))


# -- finding ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentTerms:
    """The hits found in a document (or the part searched so far), in order of place."""

    hits: tuple[TermHit, ...] = ()
    counts: Mapping[str, int] = field(default_factory=dict)  # keys by first appearance
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def of(cls, hits: Iterable[TermHit]) -> DocumentTerms:
        ordered = tuple(sorted(hits, key=lambda hit: hit.start))
        return cls(ordered, count_terms(ordered), tuple(hit.start for hit in ordered))

    @property
    def order(self) -> list[str]:
        """The distinct keys in order of first appearance."""
        return list(self.counts)

    @property
    def total(self) -> int:
        return len(self.hits)

    def spans(self) -> list[Span]:
        return [(hit.start, hit.end) for hit in self.hits]

    def at(self, place: int) -> TermHit | None:
        """The hit covering ``place``, if any."""
        index = bisect_right(self._starts, place) - 1
        if index >= 0 and place < self.hits[index].end:
            return self.hits[index]
        return None

    def next_from(self, place: int, *, inclusive: bool = True) -> TermHit | None:
        """The first hit starting at ``place`` (if ``inclusive``) or after it."""
        find = bisect_left if inclusive else bisect_right
        index = find(self._starts, place)
        return self.hits[index] if index < len(self.hits) else None

    def previous_before(self, place: int) -> TermHit | None:
        """The last hit starting before ``place``."""
        index = bisect_left(self._starts, place) - 1
        return self.hits[index] if index >= 0 else None

    def first_of(self, key: str) -> TermHit | None:
        """The first occurrence of the term ``key``."""
        return next((hit for hit in self.hits if hit.key == key), None)


def chunks(document: Document, size: int = CHUNK_CHARS) -> list[Span]:
    """``[start, end)`` ranges covering the whole text, each ending just after a newline.

    A chunk is at least ``size`` characters unless it is the last one, or longer where the
    text has no newline to cut at.
    """
    text = document.text
    spans: list[Span] = []
    start = 0
    while start < len(text):
        cut = text.find("\n", start + max(1, size) - 1)
        end = len(text) if cut < 0 else cut + 1
        spans.append((start, end))
        start = end
    return spans


def find_chunk_terms(
    document: Document, glossary: Glossary, segmenter: Segmenter, span: Span
) -> list[TermHit]:
    """The hits in ``document.text[start:end]``, as places of the whole document.

    Slow the first time (jieba loads): call it from a worker.
    """
    start, end = span
    return find_terms(
        simplified_in_place(document.text[start:end]), glossary, segmenter, base=start
    )


def outward(spans: Sequence[Span], place: int) -> list[int]:
    """Indices of ``spans``: the one holding ``place`` first, then the next, the previous, …"""
    first = max(0, bisect_right([s for s, _ in spans], place) - 1)
    return nearest_first(first, len(spans))


def find_document_terms(
    document: Document, glossary: Glossary, segmenter: Segmenter
) -> DocumentTerms:
    """Every term in the document, with counts and order of first appearance."""
    segmenter.add_words(glossary.forms())
    hits: list[TermHit] = []
    for span in chunks(document):
        hits.extend(find_chunk_terms(document, glossary, segmenter, span))
    return DocumentTerms.of(hits)


# -- showing ---------------------------------------------------------------------------------


def text_in_script(text: str, script: Script, variant: Variant = "tw") -> str:
    """Glossary text (either script) in ``script``, converted at most once from its source.

    Simplified: t2s. Traditional: the text itself when it is traditional already, else the
    variant's conversion of its simplified form.
    """
    if script == "simplified":
        return to_simplified(text)
    if detect_script(text) == "traditional":
        return text
    return ScriptConverter("simplified", "traditional", variant).convert(to_simplified(text))


def term_in_script(entry: Entry, script: Script, variant: Variant = "tw") -> str:
    """The entry's headword as written in ``script``."""
    return text_in_script(entry.term, script, variant)


def count_label(count: int, script: Script) -> str:
    """How often a term occurs, in Chinese (in the script) and in English."""
    zh = "出現" if script == "traditional" else "出现"
    en = "once" if count == 1 else f"{count} times"
    return f"{zh} {count} 次 · {en} in this document"


@dataclass(frozen=True, slots=True)
class TermCard:
    """What the term popup shows, in one script."""

    term: str  # the headword in the script on screen
    other: str  # in the other script, "" when it is written the same
    pinyin: str
    explanation: str  # the Chinese explanation, in the script on screen
    gloss: str  # English
    category: str | None
    count: int
    count_line: str

    def lines(self) -> list[str]:
        """The card as plain text lines (one per part; long parts are one line)."""
        head = f"{self.term}  {self.other}" if self.other else self.term
        return [head, self.pinyin, self.explanation, self.gloss, self.count_line]


def term_card(entry: Entry, count: int, script: Script, variant: Variant = "tw") -> TermCard:
    term = term_in_script(entry, script, variant)
    other_form = term_in_script(entry, other(script), variant)
    return TermCard(
        term=term,
        other="" if other_form == term else other_form,
        pinyin=entry.pinyin,
        explanation=text_in_script(entry.zh, script, variant),
        gloss=entry.en,
        category=entry.category,
        count=count,
        count_line=count_label(count, script),
    )


# -- filtering -------------------------------------------------------------------------------


def folded_pinyin(text: str) -> str:
    """Lower case, no tone marks or numbers, no spaces or apostrophes: "Héxié shèhuì" and
    "he2xie2 she4hui4" -> "hexieshehui"."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    kept = (c for c in decomposed if not unicodedata.combining(c) and c not in " '’-012345")
    return unicodedata.normalize("NFC", "".join(kept)).replace("ü", "v")


@dataclass(frozen=True, slots=True)
class SearchKeys:
    """What the term index's filter is matched against, prepared once per entry."""

    forms: tuple[str, ...]  # headword and aliases, simplified
    pinyin: str  # folded: no tones, spaces or capitals
    english: str  # lower case


def search_keys(entry: Entry) -> SearchKeys:
    forms = tuple(to_simplified(form) for form in (entry.term, *entry.aliases))
    return SearchKeys(forms, folded_pinyin(entry.pinyin), entry.en.lower())


class TermQuery:
    """A filter typed in the term index, prepared once for matching many entries.

    Chinese in either script matches the headword and aliases; Latin letters match the
    pinyin (with or without tone marks and spaces) or the English gloss.
    """

    def __init__(self, query: str) -> None:
        query = query.strip()
        self.empty = not query
        self._chinese = to_simplified(query)
        self._pinyin = folded_pinyin(query)
        self._english = query.lower()

    def matches(self, keys: SearchKeys) -> bool:
        if self.empty:
            return True
        if any(self._chinese in form for form in keys.forms):
            return True
        if self._pinyin and self._pinyin in keys.pinyin:
            return True
        return self._english in keys.english


def term_matches(entry: Entry, query: str) -> bool:
    """Whether a filter typed in the term index matches the entry (see TermQuery)."""
    return TermQuery(query).matches(search_keys(entry))
