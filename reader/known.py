"""The words the reader knows, and the reader's HSK level, kept in the state directory.

Each word carries its mark (known or not) and when it was set. Saving reads the file again
under a lock and keeps, word by word, the newer mark, so two open readers marking words at
once both keep everything; the write itself is atomic. A word not marked either way is known
when its level is at or below the reader's level. Words are kept in simplified script and
matched in either.

Word lists come in as one word a line, or as an Anki or Pleco export (tab-separated, the word
first; Pleco writes 简体[繁體]), in any script or encoding the reader opens.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reader import paths
from reader.levels import HAN, level
from reader.script import simplified_in_place
from reader.storage import (
    FileIdentity,
    atomic_write_json,
    file_identity,
    locked,
    read_json,
    set_aside,
)

KNOWN_FILE = "known-words.json"
_FORMAT_VERSION = 1
_LEADING_WORD = re.compile(f"[{HAN}〇]+")
_TAG = re.compile(r"<[^>]*>")


def default_path() -> Path:
    return paths.state_dir() / KNOWN_FILE


Mark = tuple[bool, int]  # known?, when (ns since the epoch)


class KnownWords:
    """Known words and the reader's level; thread-safe. Build it with ``KnownWords.load()``."""

    def __init__(self, path: Path, notice: str | None = None) -> None:
        self.path = path
        self._marks: dict[str, Mark] = {}
        self._level: tuple[int | None, int] = (None, 0)  # (level, when chosen; 0: never)
        #: The level from the settings file, used until one is chosen in the reader.
        self.default_level: int | None = None
        self._lock = threading.Lock()
        #: Counts every change, so views of the marks know when to redraw.
        self.generation = 0
        #: One line for the user when the file was corrupt and set aside, else None.
        self.notice = notice
        self._seen: FileIdentity = None  # the file as this reader last read or wrote it

    @classmethod
    def load(cls, path: Path | None = None) -> KnownWords:
        path = default_path() if path is None else path
        seen = file_identity(path)  # before reading: a write after it is found by changed_on_disk
        data, notice = read_json(path)
        known = cls(path, notice)
        known._seen = seen
        if data is not None:
            marks, chosen, bad = _parse(data)
            if bad:
                with contextlib.suppress(OSError):
                    moved = set_aside(path)
                    known.notice = f"{path}: {bad}; moved aside to {moved.name}"
            known._marks, known._level = marks, chosen
        return known

    # -- reading -----------------------------------------------------------------------------

    @property
    def level(self) -> int | None:
        """The reader's level (1-6, 7 for 7-9), or None when not set."""
        chosen, when = self._level
        return chosen if when else self.default_level

    def mark(self, word: str) -> bool | None:
        """True or False when the reader marked the word so; None when not marked."""
        found = self._marks.get(simplified_in_place(word))
        return None if found is None else found[0]

    def is_known(self, word: str) -> bool:
        """Marked known, or not marked and at or below the reader's level."""
        found = self._marks.get(simplified_in_place(word))
        if found is not None:
            return found[0]
        reader_level = self.level
        return reader_level is not None and level(word) <= reader_level

    def known_words(self) -> list[str]:
        """Every word marked known, in the order they were marked."""
        marked = [(stamp, word) for word, (known, stamp) in self._marks.items() if known]
        return [word for _, word in sorted(marked, key=lambda item: item[0])]

    def __len__(self) -> int:
        return sum(1 for known, _ in self._marks.values() if known)

    def changed_on_disk(self) -> bool:
        """Whether the file was written since this reader last read or wrote it (by another
        reader, or ``reader --import-known``): one stat, cheap enough for a timer."""
        return file_identity(self.path) != self._seen

    def reload(self) -> bool:
        """Take in what others wrote since: each word's newer mark, the newer level choice.

        True when a word's mark or the level changed. An unreadable file changes nothing
        here (it is set aside when this reader next saves).
        """
        with self._lock:
            seen = file_identity(self.path)
            data, _ = read_json(self.path)
            if data is None:
                self._seen = seen
                return False
            on_disk, on_disk_level, _ = _parse(data)
            marks = dict(self._marks)
            for word, mark in on_disk.items():
                if mark[1] > marks.get(word, (False, -1))[1]:
                    marks[word] = mark
            level_choice = max(self._level, on_disk_level, key=lambda item: item[1])
            self._seen = seen
            if marks == self._marks and level_choice == self._level:
                return False
            self._marks, self._level = marks, level_choice
            self.generation += 1
            return True

    # -- changing (each change is saved at once) ---------------------------------------------

    def set_mark(self, word: str, known: bool) -> None:
        self.set_marks([word], known)

    def set_marks(self, words: Iterable[str], known: bool) -> int:
        """Mark words known (or not); returns how many changed. Raises OSError if unsaved."""
        stamp = time.time_ns()
        with self._lock:
            changed = {}
            for word in words:
                key = simplified_in_place(word)
                if key and self._marks.get(key, (None, 0))[0] is not known:
                    changed[key] = (known, stamp)
            if changed:
                self._save(changed, None)
        return len(changed)

    def set_level(self, reader_level: int | None) -> None:
        with self._lock:
            self._save({}, (reader_level, time.time_ns()))

    def _save(self, changed: dict[str, Mark], chosen: tuple[int | None, int] | None) -> None:
        """Merge our changes into what is on disk now (the newer mark wins), then write."""
        with locked(self.path.with_name(f".{self.path.name}.lock")):
            data, _ = read_json(self.path)
            marks, on_disk_level, _ = _parse(data) if data is not None else ({}, (None, 0), "")
            for word, mark in self._marks.items():
                if mark[1] > marks.get(word, (False, -1))[1]:
                    marks[word] = mark
            marks.update(changed)
            level_choice = max(self._level, on_disk_level, key=lambda item: item[1])
            if chosen is not None:
                level_choice = chosen
            atomic_write_json(self.path, _to_json(marks, level_choice))
            self._seen = file_identity(self.path)  # under the lock: no other write came between
        self._marks, self._level = marks, level_choice
        self.generation += 1


def _to_json(marks: dict[str, Mark], chosen: tuple[int | None, int]) -> dict[str, Any]:
    return {
        "version": _FORMAT_VERSION,
        "level": {"level": chosen[0], "changed": chosen[1]},
        "words": {
            word: {"known": known, "changed": stamp} for word, (known, stamp) in marks.items()
        },
    }


def _parse(data: Any) -> tuple[dict[str, Mark], tuple[int | None, int], str]:
    """The marks, the level and, when something was unusable, why (else "")."""
    if not isinstance(data, dict) or not isinstance(data.get("words"), dict):
        return {}, (None, 0), "not a list of known words"
    marks: dict[str, Mark] = {}
    bad = 0
    for word, raw in data["words"].items():
        if (
            isinstance(word, str)
            and word
            and isinstance(raw, dict)
            and isinstance(raw.get("known"), bool)
            and _is_int(raw.get("changed"))
        ):
            marks[word] = (raw["known"], raw["changed"])
        else:
            bad += 1
    chosen: tuple[int | None, int] = (None, 0)
    raw_level = data.get("level")
    if isinstance(raw_level, dict) and _is_int(raw_level.get("changed")):
        value = raw_level.get("level")
        if value is None or (_is_int(value) and 1 <= value <= 7):
            chosen = (value, raw_level["changed"])
    return marks, chosen, f"{bad} unreadable entr{'y' if bad == 1 else 'ies'}" if bad else ""


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# -- word lists -----------------------------------------------------------------------------


def read_word_list(text: str) -> tuple[list[str], int]:
    """The words of a list (simplified, each once, in order) and how many lines had none.

    A line is a word, or a tab-separated record whose first field is the word (Anki's and
    Pleco's exports); ``#`` lines (Anki's header) and ``//`` lines (Pleco's categories) are
    skipped, as are HTML tags and quotes around a field. Pleco's ``学习[學習]`` gives 学习.
    """
    words: dict[str, None] = {}
    skipped = 0
    for raw_line in text.splitlines():
        line = raw_line.strip().lstrip("\ufeff")
        if not line or line.startswith(("#", "//")):
            continue
        field = _TAG.sub("", line.split("\t", 1)[0]).strip().strip('"').strip()
        found = _LEADING_WORD.match(field)
        if found is None:
            skipped += 1
            continue
        words[simplified_in_place(found.group())] = None
    return list(words), skipped


def format_word_list(words: Iterable[str]) -> str:
    return "".join(f"{word}\n" for word in words)
