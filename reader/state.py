"""Where the reader left off in each document, and the reader's bookmarks there.

A document is known by a hash of its text, so a renamed or moved file resumes where it was
left; it is also found by its path, so a file edited since resumes too, each place found again
by the text around it (reader.anchor). Each document has one small JSON file, written
atomically; a file that cannot be understood never stops the reader: a corrupt file (or valid
JSON of another shape) is set aside with a notice, and a field with a wrong value falls back to
its default on its own.

Two readers may have the same document open. Saving merges with what is on disk, under a
lock: bookmarks the other added or deleted stay so, and the place is the last one moved to.

The format is meant to grow: ``version`` is written, keys this version does not know are kept
as they are (``ReadingState.extra``) and written back, and a newer file's version is never
lowered. A new field needs its JSON in ``to_json``/``from_json`` and its rule in ``merge``.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeGuard

from reader import paths, storage
from reader.anchor import Anchor, find_again
from reader.settings import MAX_READING_WIDTH, MIN_READING_WIDTH

SCRIPT_CHOICES: tuple[str, ...] = ("original", "traditional", "simplified")
STATE_VERSION = 2  # 2: anchors and the document's path; 1 is read the same way
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
    anchor: Anchor | None = None  # the text around the place, set when it is saved

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"place": self.place, "label": self.label, "created": self.created}
        if self.anchor is not None:
            data["anchor"] = self.anchor.to_json()
        return data


_VIEW_FIELDS = ("place", "script", "outline_visible", "reading_width")
_KNOWN_KEYS = frozenset(
    {"version", *_VIEW_FIELDS, "place_anchor", "bookmarks", "updated", "path", "length"}
)


@dataclass
class ReadingState:
    """Everything remembered about one document; defaults mean "never opened"."""

    place: int = 0
    script: str | None = None  # one of SCRIPT_CHOICES; None: not chosen for this document
    outline_visible: bool = True
    reading_width: int | None = None  # None: the width from the settings
    bookmarks: list[Bookmark] = field(default_factory=list)  # in place order, one per place
    updated: str = ""
    place_anchor: Anchor | None = None  # the text around ``place`` when it was saved
    path: str | None = None  # the document's file when it was saved (None: standard input)
    length: int | None = None  # the document's length in characters when it was saved
    version: int = STATE_VERSION  # the highest version that wrote this state
    extra: dict[str, Any] = field(default_factory=dict)  # keys of a newer version, kept

    def add_bookmark(self, bookmark: Bookmark) -> bool:
        """Add in place order; False (and nothing added) when that place is already marked."""
        index = bisect.bisect_left(self.bookmarks, bookmark.place, key=_place_of)
        if index < len(self.bookmarks) and self.bookmarks[index].place == bookmark.place:
            return False
        self.bookmarks.insert(index, bookmark)
        return True

    def delete_bookmark(self, index: int) -> Bookmark:
        """Remove and return the bookmark at ``index`` (as shown: sorted by place)."""
        return self.bookmarks.pop(index)

    def delete_bookmark_at(self, place: int) -> bool:
        """Remove the bookmark at ``place``; False when there is none (another reader's save
        deleted it)."""
        index = bisect.bisect_left(self.bookmarks, place, key=_place_of)
        if index < len(self.bookmarks) and self.bookmarks[index].place == place:
            del self.bookmarks[index]
            return True
        return False

    def copy(self) -> ReadingState:
        """A copy whose lists and dicts are its own (bookmarks themselves are never changed)."""
        return replace(self, bookmarks=list(self.bookmarks), extra=dict(self.extra))

    def same_as(self, other: ReadingState) -> bool:
        """Whether saving this state would change nothing the reader chose (the place, the
        view, the bookmarks) from ``other``; quick when the bookmarks are the same objects."""
        return (
            all(getattr(self, name) == getattr(other, name) for name in _VIEW_FIELDS)
            and self.bookmarks == other.bookmarks
            and self.extra == other.extra
        )

    def anchor_in(self, text: str) -> None:
        """Record the text around each place, so an edited document finds them again."""
        self.place_anchor = Anchor.at(text, self.place)
        self.length = len(text)
        self.bookmarks = [
            bookmark
            if bookmark.anchor is not None
            else replace(bookmark, anchor=Anchor.at(text, bookmark.place))
            for bookmark in self.bookmarks
        ]

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = dict(self.extra)
        data.update(
            {
                "version": max(self.version, STATE_VERSION),
                "place": self.place,
                "place_anchor": self.place_anchor.to_json() if self.place_anchor else None,
                "script": self.script,
                "outline_visible": self.outline_visible,
                "reading_width": self.reading_width,
                "bookmarks": [bookmark.to_json() for bookmark in self.bookmarks],
                "path": self.path,
                "length": self.length,
                "updated": self.updated,
            }
        )
        return data

    @classmethod
    def from_json(cls, data: Any) -> ReadingState:
        """Take what is valid, field by field; anything else keeps its default."""
        state = cls()
        if not isinstance(data, dict):
            return state
        state.extra = {key: value for key, value in data.items() if key not in _KNOWN_KEYS}
        version = data.get("version")
        if _is_int(version) and version > STATE_VERSION:
            state.version = version
        place = data.get("place")
        if _is_int(place) and place >= 0:
            state.place = place
            state.place_anchor = Anchor.from_json(data.get("place_anchor"))
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
        path = data.get("path")
        if isinstance(path, str):
            state.path = path
        length = data.get("length")
        if _is_int(length) and length >= 0:
            state.length = length
        bookmarks = data.get("bookmarks")
        if isinstance(bookmarks, list):
            by_place: dict[int, Bookmark] = {}
            for item in bookmarks:
                bookmark = _bookmark_from_json(item)
                if bookmark is not None:
                    by_place.setdefault(bookmark.place, bookmark)  # the first of duplicates
            state.bookmarks = [by_place[place] for place in sorted(by_place)]
        return state


def _place_of(bookmark: Bookmark) -> int:
    return bookmark.place


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
        anchor=Anchor.from_json(item.get("anchor")),
    )


def merge(base: ReadingState, mine: ReadingState, disk: ReadingState) -> ReadingState:
    """What to save when the file changed since this reader read it (``base``).

    Three-way, field by field: what this reader changed since ``base`` wins, everything else
    is taken from ``disk`` (another reader's save). Bookmarks merge one by one, by place: each
    one added or deleted on either side stays added or deleted. Keys only a newer version
    knows are taken from disk.
    """
    merged = disk.copy()
    for name in _VIEW_FIELDS:
        if getattr(mine, name) != getattr(base, name):
            setattr(merged, name, getattr(mine, name))
            if name == "place":
                merged.place_anchor = mine.place_anchor
    if mine.path is not None:
        merged.path, merged.length = mine.path, mine.length
    base_places = {bookmark.place for bookmark in base.bookmarks}
    mine_places = {bookmark.place for bookmark in mine.bookmarks}
    deleted = base_places - mine_places
    added = [bookmark for bookmark in mine.bookmarks if bookmark.place not in base_places]
    if deleted:
        merged.bookmarks = [b for b in merged.bookmarks if b.place not in deleted]
    for bookmark in added:
        merged.add_bookmark(bookmark)
    for key, value in mine.extra.items():
        if base.extra.get(key, _MISSING) != value:
            merged.extra[key] = value
    merged.version = max(disk.version, mine.version)
    return merged


_MISSING = object()


def _key_of_path(path: str) -> str:
    return hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()[:32]


class StateStore:
    """One JSON file per document under ``<state dir>/documents``, plus ``app.json``.

    ``paths/`` maps each document file's path to the key of its last saved text, so an
    edited file is found again.
    """

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else paths.state_dir()

    def document_path(self, key: str) -> Path:
        # The key becomes a file name: only a hex digest may, never a path.
        if not _KEY_PATTERN.fullmatch(key):
            raise ValueError(f"not a document key: {key!r}")
        return self.directory / "documents" / f"{key}.json"

    def path_index(self, document: str) -> Path:
        return self.directory / "paths" / f"{_key_of_path(document)}.json"

    @property
    def lock_path(self) -> Path:
        return self.directory / "documents" / ".lock"

    @property
    def app_path(self) -> Path:
        return self.directory / "app.json"

    def load(self, key: str) -> tuple[ReadingState, str | None]:
        """The saved state (defaults if none) and a notice when a bad file was set aside."""
        state, notice, _found = self._read(key)
        return state, notice

    def _read(self, key: str) -> tuple[ReadingState, str | None, bool]:
        """As ``load``, and whether a usable file was there."""
        path = self.document_path(key)
        data, notice = storage.read_json(path)
        if data is None:
            return ReadingState(), notice, False
        if not isinstance(data, dict):
            return ReadingState(), storage.set_aside_notice(path, "not a reading state"), False
        return ReadingState.from_json(data), None, True

    def save(self, key: str, state: ReadingState) -> None:
        """Write atomically, stamping ``state.updated`` with the current time."""
        state.updated = now_stamp()
        storage.atomic_write_json(self.document_path(key), state.to_json())

    def open(self, text: str, path: str | None = None) -> OpenDocument:
        """The document's state for one reader, who saves through it (merging with others)."""
        return OpenDocument(self, text, path)

    def key_for_path(self, document: str) -> str | None:
        """The key of the text last saved for the file at ``document``, if any."""
        data, _notice = storage.read_json(self.path_index(document), limit=64 * 1024)
        if isinstance(data, dict) and data.get("path") == document:
            key = data.get("key")
            if isinstance(key, str) and _KEY_PATTERN.fullmatch(key):
                return key
        return None

    def remember_path(self, document: str, key: str) -> None:
        storage.atomic_write_json(self.path_index(document), {"path": document, "key": key})

    def load_app(self) -> tuple[dict[str, Any], str | None]:
        """App-wide choices such as ``{"theme": "nord"}``; ``{}`` when none were saved."""
        data, notice = storage.read_json(self.app_path)
        if data is None:
            return {}, notice
        if not isinstance(data, dict):
            return {}, storage.set_aside_notice(self.app_path, "not a JSON object")
        return data, notice

    def save_app(self, data: dict[str, Any]) -> None:
        storage.atomic_write_json(self.app_path, data)


class OpenDocument:
    """One reader's hold on one document's state: loaded once, saved by merging.

    ``state`` is this reader's; ``save()`` merges it with whatever another reader saved
    meanwhile (see ``merge``) and takes in their bookmarks. ``notices`` are lines for the
    user from opening: a file set aside, or a document that changed since it was last read.
    """

    def __init__(self, store: StateStore, text: str, path: str | None) -> None:
        self.store = store
        self.text = text
        self.path = path
        self.key = document_key(text)
        self.notices: list[str] = []
        state, notice, found = store._read(self.key)
        if notice:
            self.notices.append(notice)
        if not found and path is not None:
            state = self._from_earlier_version(path) or state
        state.path = path
        self.state = state
        self._base = state.copy()
        self._path_remembered = False
        # the file as this reader last wrote it: its identity (None: unknown) and contents
        self._written: tuple[tuple[int, ...] | None, ReadingState] | None = None

    @property
    def file(self) -> Path:
        return self.store.document_path(self.key)

    def _on_disk(self) -> tuple[ReadingState, bool]:
        """What the file holds (under the lock), and whether it holds a state: read again only
        when it is no longer the file this reader wrote last (every save makes a new file, so
        another reader's save changes its inode, its time and most often its size)."""
        if self._written is not None:
            identity, written = self._written
            if identity is not None and identity == storage.file_identity(self.file):
                return written.copy(), True
        disk, _notice, found = self.store._read(self.key)
        return disk, found

    def _from_earlier_version(self, path: str) -> ReadingState | None:
        """The state of this file's text as last saved, its places found in the new text."""
        old_key = self.store.key_for_path(path)
        if old_key is None or old_key == self.key:
            return None
        old, notice, found = self.store._read(old_key)
        if notice:
            self.notices.append(notice)
        if not found:
            return None
        self.notices.append(reanchor(old, self.text))
        return old

    def save(self) -> None:
        """Merge with the file on disk and write it, now; raises OSError when it cannot be
        written. Afterwards ``state`` holds the merged bookmarks (another reader's among them).
        """
        snapshot = self.state.copy()
        self.took(snapshot, self.write(snapshot))

    def write(self, snapshot: ReadingState) -> ReadingState:
        """Merge ``snapshot`` (a copy of ``state``) with the file on disk and write it; return
        the state as saved, to hand to ``took``. Raises OSError when it cannot be written.

        It reads only the snapshot, so it may run in a worker thread while ``state`` changes;
        one write at a time (the caller sees to it: each write is the next one's base).
        """
        saved = snapshot.copy()
        saved.anchor_in(self.text)
        with storage.locked(self.store.lock_path):
            disk, found = self._on_disk()
            merged = merge(self._base, saved, disk) if found else saved.copy()
            self.store.save(self.key, merged)
            self._written = (storage.file_identity(self.file), merged.copy())
        saved.bookmarks, saved.extra, saved.version = merged.bookmarks, merged.extra, merged.version
        saved.updated = merged.updated
        self._base = saved.copy()
        if self.path is not None and not self._path_remembered:
            self.store.remember_path(self.path, self.key)
            self._path_remembered = True
        return saved

    def took(self, snapshot: ReadingState, saved: ReadingState) -> None:
        """Take in what ``write`` saved (another reader's bookmarks among them), keeping every
        change made to ``state`` since ``snapshot`` was taken: those go in the next save.

        Called where ``state`` is changed (the UI thread); with nothing changed meanwhile it
        only takes the saved lists, so it costs next to nothing with 10,000 bookmarks.
        """
        state = self.state
        if state.bookmarks == snapshot.bookmarks and state.extra == snapshot.extra:
            bookmarks, extra = saved.bookmarks, saved.extra  # the same objects: quick to compare
        else:
            rebased = merge(snapshot, state, saved)
            bookmarks, extra = rebased.bookmarks, rebased.extra
        state.bookmarks, state.extra = list(bookmarks), dict(extra)
        state.version, state.updated, state.length = saved.version, saved.updated, saved.length
        if state.place == saved.place:
            state.place_anchor = saved.place_anchor


def reanchor(state: ReadingState, text: str) -> str:
    """Move the state's places to where their text is in ``text``; return the notice to show.

    A place whose text is gone stays at its offset (within the text), and the notice says how
    many did.
    """
    length_change = len(text) - state.length if state.length is not None else 0
    places = [(state.place, state.place_anchor)] + [(b.place, b.anchor) for b in state.bookmarks]
    found = find_again(text, places, length_change)
    lost = 0
    moved: list[Bookmark] = []
    for index, where in enumerate(found):
        old = places[index][0]
        if where is None:
            lost += 1
            where = min(old, len(text))
        if index == 0:
            state.place = where
            state.place_anchor = None
        else:
            moved.append(replace(state.bookmarks[index - 1], place=where, anchor=None))
    state.bookmarks = []
    for bookmark in moved:
        state.add_bookmark(bookmark)
    marks = len(moved)
    what = "your place" + (f" and {marks} bookmark{'s' if marks != 1 else ''}" if marks else "")
    notice = (
        f"The document changed since you last read it: {what} found again by the text around it"
    )
    if lost:
        return f"{notice}; {lost} could not be found and kept their old offset"
    return notice
