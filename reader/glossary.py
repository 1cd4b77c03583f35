"""Term glossaries: TOML files of headwords with pinyin and Chinese and English explanations.

A glossary file is a list of ``[[term]]`` tables::

    [[term]]
    term = "社會主義和諧社會"      # headword, either script
    aliases = ["..."]              # optional other written forms
    pinyin = "shèhuì zhǔyì ..."    # optional; made with pypinyin when left out
    zh = "……"                      # Chinese explanation
    en = "…"                       # English gloss
    category = "politics"          # optional

Entries are identified by the simplified form of their headword (their *key*), so a
traditional and a simplified file can override each other. Loading never raises for a bad
file: each problem becomes one ``"{path}:{line}: {reason}"`` line and everything else loads.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

from reader.assets import bundled_glossary_dir
from reader.errors import ReaderError
from reader.paths import config_dir
from reader.script import to_simplified
from reader.storage import MB, read_limited

#: A glossary of 100,000 explained terms is about 30 MB; beyond this it is refused, not read.
GLOSSARY_LIMIT = 64 * MB
_REQUIRED = ("term", "zh", "en")
_OPTIONAL = ("aliases", "pinyin", "category")
_KNOWN_KEYS = frozenset(_REQUIRED + _OPTIONAL)
_TERM_HEADER = re.compile(r"""^\s*\[\[\s*(?:term|"term"|'term')\s*\]\]\s*(?:#.*)?$""")
_TOML_LOCATION = re.compile(r"\s*\(at (?:line (\d+), column \d+|end of document)\)\s*$")


def make_pinyin(text: str) -> str:
    """Tone-marked pinyin, one space between syllables, punctuation kept attached.

    pypinyin takes ~0.2 s to import (its phrase dictionary), so it is only imported
    when an entry without pinyin is actually looked at.
    """
    from pypinyin import Style, lazy_pinyin

    out: list[str] = []
    for piece in lazy_pinyin(to_simplified(text), style=Style.TONE):
        if out and piece.isalpha() and out[-1][-1:].isalpha():
            out.append(" ")
        out.append(piece)
    return "".join(out)


@dataclass(frozen=True)
class Entry:
    """One glossary entry; ``pinyin`` is empty only until a Glossary hands the entry out."""

    term: str
    aliases: tuple[str, ...]
    pinyin: str
    zh: str
    en: str
    category: str | None
    source: Path

    @cached_property
    def key(self) -> str:
        """The simplified headword: the identity used for overrides and matching."""
        return to_simplified(self.term)


class Glossary:
    """Entries by key; a later entry with the same key replaces the earlier one."""

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self._entries: dict[str, Entry] = {}
        for entry in entries:
            self._entries[entry.key] = entry
        self._forms = MappingProxyType(self._build_forms())

    def _build_forms(self) -> dict[str, str]:
        # A headword always names its own entry; among aliases the later entry wins.
        forms: dict[str, str] = {}
        for key, entry in self._entries.items():
            for alias in entry.aliases:
                form = to_simplified(alias)
                if form and form not in self._entries:
                    forms[form] = key
        for key in self._entries:
            forms[key] = key
        return forms

    def forms(self) -> Mapping[str, str]:
        """Every simplified written form (headword and aliases) -> the key of its entry."""
        return self._forms

    def get(self, key: str) -> Entry | None:
        """The entry for ``key``, its pinyin made now if the file left it out."""
        entry = self._entries.get(key)
        if entry is not None and not entry.pinyin:
            entry = replace(entry, pinyin=make_pinyin(entry.key))
            self._entries[key] = entry  # same key, so safe to race: both threads agree
        return entry

    def keys(self) -> list[str]:
        return list(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        for key in list(self._entries):
            entry = self.get(key)
            if entry is not None:
                yield entry


def default_glossary_paths(extra: Sequence[Path] = ()) -> list[Path]:
    """The glossary files to load, lowest priority first.

    Bundled ``assets/glossary/*.toml``, then ``config_dir()/glossary/*.toml`` (each sorted
    by name), then the ``--glossary`` files in the order given. A missing bundled or user
    directory is simply empty, but a ``--glossary`` file that does not exist is a
    ReaderError: the user named it explicitly, so a typo must not pass silently. Its
    *contents* being bad is only a reported problem, like any other glossary file.
    """
    paths = _toml_files(bundled_glossary_dir()) + _toml_files(config_dir() / "glossary")
    for path in extra:
        if not path.exists():
            raise ReaderError(f"{path}: glossary file not found")
        if not path.is_file():
            raise ReaderError(f"{path}: glossary is not a file")
        paths.append(path)
    return paths


def _toml_files(directory: Path) -> list[Path]:
    try:
        return sorted(p for p in directory.glob("*.toml") if p.is_file())
    except OSError:
        return []


def load_glossaries(paths: Sequence[Path]) -> tuple[Glossary, list[str]]:
    """Load the files in order (later entries override earlier ones with the same key).

    Returns the merged glossary and one line per problem; never raises for a bad file.
    A file that is unreadable or not valid TOML is skipped whole; an entry that does not
    fit the schema is skipped alone.
    """
    entries: list[Entry] = []
    problems: list[str] = []
    for path in paths:
        file_entries, file_problems = _load_file(path)
        entries.extend(file_entries)
        problems.extend(file_problems)
    return Glossary(entries), problems


def _load_file(path: Path) -> tuple[list[Entry], list[str]]:
    try:
        raw = read_limited(path, GLOSSARY_LIMIT)
    except OSError as error:
        return [], [f"{path}: cannot read: {error.strerror or error}"]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return [], [f"{path}:{line}: not UTF-8 text"]
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return [], [_syntax_problem(path, text, error)]

    lines = _Lines(text)
    problems: list[str] = []
    for name in data:
        if name != "term":
            hint = " (expected [[term]] tables)" if name.startswith("term") else ""
            problems.append(f"{path}:{lines.of_key(name)}: unknown key {name!r}{hint}")
    tables = data.get("term", [])
    if not isinstance(tables, list):
        problems.append(f"{path}:{lines.of_key('term')}: 'term' must be [[term]] tables")
        return [], problems

    entries: list[Entry] = []
    seen: dict[str, int] = {}
    repeats: list[tuple[int, str, int]] = []  # (line, term, line of the earlier entry)
    for index, table in enumerate(tables):
        line = lines.of_term(index)
        entry, reason = _entry(table, path)
        if entry is None:
            problems.append(f"{path}:{line}: {reason}")
            continue
        if entry.key in seen:
            repeats.append((line, entry.term, seen[entry.key]))
        seen[entry.key] = line
        entries.append(entry)
    if repeats:  # one line for them all: a merged file may repeat a hundred terms
        line, term, earlier = repeats[0]
        more = (
            f" and {len(repeats) - 1} more terms repeat earlier entries" if len(repeats) > 1 else ""
        )
        problems.append(
            f"{path}:{line}: {term!r} repeats the entry at line {earlier}{more};"
            " the later entry is used"
        )
    return entries, problems


def _syntax_problem(path: Path, text: str, error: tomllib.TOMLDecodeError) -> str:
    # Python 3.11's TOMLDecodeError has no line attribute; the message ends in its place.
    message = str(error)
    match = _TOML_LOCATION.search(message)
    if match is None:
        return f"{path}:1: {message}"
    line = int(match.group(1)) if match.group(1) else max(1, len(text.splitlines()))
    return f"{path}:{line}: {message[: match.start()]}"


def _entry(table: object, path: Path) -> tuple[Entry | None, str]:
    """Build an entry, or return why the table cannot be one (a single line)."""
    if not isinstance(table, dict):
        return None, "each 'term' must be a [[term]] table"
    headword = table.get("term")
    label = f"[[term]] {headword!r}" if isinstance(headword, str) and headword else "[[term]]"
    unknown = sorted(set(table) - _KNOWN_KEYS)
    if unknown:
        return None, f"{label}: unknown key {unknown[0]!r}"
    for name in _REQUIRED:
        value = table.get(name)
        if value is None:
            return None, f"{label}: missing {name!r}"
        if not isinstance(value, str):
            return None, f"{label}: {name!r} must be a string, not {_type_name(value)}"
        if not value.strip():
            return None, f"{label}: {name!r} is empty"
    for name in ("pinyin", "category"):
        value = table.get(name)
        if value is not None and not isinstance(value, str):
            return None, f"{label}: {name!r} must be a string, not {_type_name(value)}"
    aliases = table.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        return None, f"{label}: 'aliases' must be a list of non-empty strings"
    category = table.get("category")
    return (
        Entry(
            term=table["term"].strip(),
            aliases=tuple(a.strip() for a in aliases if a.strip()),
            pinyin=(table.get("pinyin") or "").strip(),
            zh=table["zh"].strip(),
            en=table["en"].strip(),
            category=(category.strip() or None) if category is not None else None,
            source=path,
        ),
        "",
    )


def _type_name(value: object) -> str:
    return {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        list: "an array",
        dict: "a table",
    }.get(type(value), type(value).__name__)


class _Lines:
    """Line numbers for schema problems, found by scanning the raw text (tomllib has none).

    Only header lines outside multi-line strings count; this is a heuristic that is
    exact for ordinary files and falls back to line 1.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._headers: list[int] | None = None

    def of_term(self, index: int) -> int:
        if self._headers is None:
            self._headers = []
            inside: str | None = None  # the open multi-line string delimiter, if any
            for number, line in enumerate(self._text.splitlines(), 1):
                if inside is None and _TERM_HEADER.match(line):
                    self._headers.append(number)
                for delimiter in ('"""', "'''"):
                    if inside in (None, delimiter) and line.count(delimiter) % 2:
                        inside = None if inside else delimiter
        if index < len(self._headers):
            return self._headers[index]
        return self.of_key("term")

    def of_key(self, name: str) -> int:
        pattern = re.compile(rf"""^\s*(?:\[+\s*)?["']?{re.escape(name)}["']?\s*(?:=|\]|\.)""")
        for number, line in enumerate(self._text.splitlines(), 1):
            if pattern.match(line):
                return number
        return 1
