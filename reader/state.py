"""Where the reader left off in each document, and the reader's bookmarks there.

A document is known by a hash of its text, not by its file name, so a renamed or moved file
resumes where it was left. Each document has one small JSON file, written atomically; a file
that cannot be understood never stops the reader: a corrupt file is set aside (with a notice)
and a field with a wrong value falls back to its default on its own.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeGuard

from reader import paths, storage
from reader.settings import MAX_READING_WIDTH, MIN_READING_WIDTH

SCRIPT_CHOICES: tuple[str, ...] = ("original", "traditional", "simplified")
STATE_VERSION = 1
LABEL_WIDTH = 40  # characters in a bookmark label
TITLE_WIDTH = 16  # characters of the section title inside a label

_KEY_PATTERN = re.compile(r"[0-9a-f]{8,64}")
_WHITESPACE = re.compile(r"\s+")
_TRAILING = " ,.;:、，。；："  # not left dangling before an ellipsis


def document_key(text: str) -> str:
    """The content's identity: the same text under any name or location has the same key."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def now_stamp() -> str:
    """A timestamp that sorts as text and reads well in a JSON file."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _trim(text: str, width: int) -> str:
    """At most ``width`` characters, ending in "…" when something was cut."""
    if len(text) <= width:
        return text
    return text[: width - 1].rstrip(_TRAILING) + "…"


def bookmark_label(section_title: str | None, text_at_place: str) -> str:
    """What a bookmark list shows: the section and the first words at the place.

    For example ``"二、不斷提升組織工作整體… — 構建社會主義和諧社會,實現社會和諧穩定,…"``.
    Whitespace (line breaks included) is collapsed so the label stays on one line; an empty
    result means neither a title nor any text was given.
    """
    words = _WHITESPACE.sub(" ", text_at_place).strip()
    title = _WHITESPACE.sub(" ", section_title or "").strip()
    if not title:
        return _trim(words, LABEL_WIDTH)
    title = _trim(title, TITLE_WIDTH)
    if not words:
        return title
    separator = " — "
    return title + separator + _trim(words, LABEL_WIDTH - len(title) - len(separator))


@dataclass
class Bookmark:
    place: int
    label: str
    created: str = field(default_factory=now_stamp)


@dataclass
class ReadingState:
    """Everything remembered about one document; defaults mean "never opened"."""

    place: int = 0
    script: str | None = None  # one of SCRIPT_CHOICES; None: not chosen for this document
    outline_visible: bool = True
    reading_width: int | None = None  # None: the width from the settings
    bookmarks: list[Bookmark] = field(default_factory=list)
    updated: str = ""

    def add_bookmark(self, bookmark: Bookmark) -> bool:
        """Add in place order; False (and nothing added) when that place is already marked."""
        if any(existing.place == bookmark.place for existing in self.bookmarks):
            return False
        self.bookmarks.append(bookmark)
        self.bookmarks.sort(key=lambda item: item.place)
        return True

    def delete_bookmark(self, index: int) -> Bookmark:
        """Remove and return the bookmark at ``index`` (as shown: sorted by place)."""
        return self.bookmarks.pop(index)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "place": self.place,
            "script": self.script,
            "outline_visible": self.outline_visible,
            "reading_width": self.reading_width,
            "bookmarks": [
                {"place": b.place, "label": b.label, "created": b.created} for b in self.bookmarks
            ],
            "updated": self.updated,
        }

    @classmethod
    def from_json(cls, data: Any) -> ReadingState:
        """Take what is valid, field by field; anything else keeps its default."""
        state = cls()
        if not isinstance(data, dict):
            return state
        place = data.get("place")
        if _is_int(place) and place >= 0:
            state.place = place
        script = data.get("script")
        if script in SCRIPT_CHOICES:
            state.script = script
        outline_visible = data.get("outline_visible")
        if isinstance(outline_visible, bool):
            state.outline_visible = outline_visible
        width = data.get("reading_width")
        if _is_int(width) and MIN_READING_WIDTH <= width <= MAX_READING_WIDTH:
            state.reading_width = width
        updated = data.get("updated")
        if isinstance(updated, str):
            state.updated = updated
        bookmarks = data.get("bookmarks")
        if isinstance(bookmarks, list):
            for item in bookmarks:
                bookmark = _bookmark_from_json(item)
                if bookmark is not None:
                    state.add_bookmark(bookmark)
        return state


def _is_int(value: object) -> TypeGuard[int]:
    """JSON true/false are ints to Python; a place or a width is never a boolean."""
    return isinstance(value, int) and not isinstance(value, bool)


def _bookmark_from_json(item: Any) -> Bookmark | None:
    if not isinstance(item, dict):
        return None
    place = item.get("place")
    if not _is_int(place) or place < 0:
        return None
    label = item.get("label")
    created = item.get("created")
    return Bookmark(
        place=place,
        label=label if isinstance(label, str) else "",
        created=created if isinstance(created, str) else "",
    )


class StateStore:
    """One JSON file per document under ``<state dir>/documents``, plus ``app.json``."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else paths.state_dir()

    def document_path(self, key: str) -> Path:
        # The key becomes a file name: only a hex digest may, never a path.
        if not _KEY_PATTERN.fullmatch(key):
            raise ValueError(f"not a document key: {key!r}")
        return self.directory / "documents" / f"{key}.json"

    @property
    def app_path(self) -> Path:
        return self.directory / "app.json"

    def load(self, key: str) -> tuple[ReadingState, str | None]:
        """The saved state (defaults if none) and a notice when a corrupt file was set aside."""
        path = self.document_path(key)
        data, notice = storage.read_json(path)
        if data is not None and not isinstance(data, dict):
            return ReadingState(), f"{path}: not a reading state; ignored"
        return ReadingState.from_json(data), notice

    def save(self, key: str, state: ReadingState) -> None:
        """Write atomically, stamping ``state.updated`` with the current time."""
        state.updated = now_stamp()
        storage.atomic_write_json(self.document_path(key), state.to_json())

    def load_app(self) -> tuple[dict[str, Any], str | None]:
        """App-wide choices such as ``{"theme": "nord"}``; ``{}`` when none were saved."""
        data, notice = storage.read_json(self.app_path)
        if data is None:
            return {}, notice
        if not isinstance(data, dict):
            return {}, f"{self.app_path}: not a JSON object; ignored"
        return data, notice

    def save_app(self, data: dict[str, Any]) -> None:
        storage.atomic_write_json(self.app_path, data)
