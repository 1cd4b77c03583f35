"""The reader's vocabulary list: words saved while reading, kept in the state directory.

Every change (a word added, its sense or note edited, an entry deleted or brought back) is
saved at once, atomically, so a crash never loses a saved word. Saving reads the file again
under a lock and merges entry by entry, as known.py does: each entry carries when it last
changed, a deleted one leaves a tombstone with that time, and the newer side wins. Two open
readers thus keep each other's additions and edits, and a deleted entry stays deleted. A
corrupt file is moved aside, never fatal, and the notice is kept for the UI to show. The list
exports to a tab-separated file that Anki imports.

The file is versioned: a version 1 file (no notes, places or change times) reads as it is, an
optional field of the wrong type falls back to its default, and what a newer version wrote
(its version, keys and fields this one does not know) is kept and written back.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple, TypeGuard

from reader import paths
from reader.storage import (
    MB,
    FileIdentity,
    atomic_write_text,
    file_identity,
    locked,
    read_json,
    set_aside,
)

VOCABULARY_FILE = "vocabulary.json"
VOCABULARY_LIMIT = 32 * MB  # 100,000 saved words with their sentences: about 30 MB
_FORMAT_VERSION = 2  # 2: notes, places, change times and tombstones; 1 is read the same way

#: Header lines Anki (2.1.55+) reads to preset the import dialog; older versions skip
#: lines starting with "#". ``#columns`` names the columns so a note type whose fields
#: carry these names is mapped automatically; the last column is the note's tags.
ANKI_COLUMNS = ("Simplified", "Traditional", "Pinyin", "Definition", "Sentence", "Level", "Tags")
ANKI_HEADER = (
    "#separator:tab\n#html:true\n#columns:"
    + "\t".join(ANKI_COLUMNS)
    + f"\n#tags column:{len(ANKI_COLUMNS)}\n"
)

_TAG_BREAKS = re.compile(r"\s+")
# Anything that would end a field or a record in a tab-separated file.
_FIELD_BREAKS = re.compile("[\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")


def default_path() -> Path:
    return paths.state_dir() / VOCABULARY_FILE


Key = tuple[str, str, str]


@dataclass(frozen=True)
class VocabItem:
    """A word as the reader met it: the dictionary entry chosen plus the sentence it was in."""

    simplified: str
    traditional: str
    pinyin: str  # with tone marks, as shown
    definition: str
    sentence: str
    document_title: str
    added: str = field(default_factory=lambda: date.today().isoformat())  # ISO date
    section_title: str = ""  # the section the sentence was in ("" when none)
    note: str = ""  # the reader's own note
    place: int | None = None  # where in the document the word was (None: typed, or older)
    document_key: str = ""  # the document's content key (reader.state.document_key)

    @property
    def key(self) -> Key:
        """Same word, same reading, same sentence: saving it twice adds nothing."""
        return (self.simplified, self.pinyin, self.sentence)


_FIELD_NAMES = tuple(f.name for f in fields(VocabItem))
#: Every version has written these, as text; an entry without one of them is unreadable.
_REQUIRED_FIELDS = (
    "simplified",
    "traditional",
    "pinyin",
    "definition",
    "sentence",
    "document_title",
    "added",
)
_OPTIONAL_TEXT = ("section_title", "note", "document_key")  # added later: "" when missing
_ENTRY_KEYS = frozenset({*_FIELD_NAMES, "changed"})
_FILE_KEYS = frozenset({"version", "items", "deleted"})


@dataclass(frozen=True, slots=True)
class _Record:
    """One entry as kept: its item (None once deleted), when it last changed (ns since the
    epoch; 0 in a version 1 file) and the fields a newer version wrote, kept as they were."""

    item: VocabItem | None
    changed: int
    extra: Mapping[str, Any] = field(default_factory=dict)


class Deleted(NamedTuple):
    """A deleted entry, as ``Vocabulary.restore`` brings it back."""

    item: VocabItem
    before: Key | None  # the entry that followed it (None: it was the newest)
    extra: Mapping[str, Any]


class _Parsed(NamedTuple):
    records: dict[Key, _Record]
    version: int
    extra: dict[str, Any]  # top-level keys a newer version wrote
    problem: str | None  # why some of it was unusable, for the notice


class Vocabulary:
    """The saved words in the order they were added; build it with ``Vocabulary.load()``.

    Thread-safe. Each change merges with the file and saves it at once; when the save fails
    the OSError propagates and the list is left as it was.
    """

    def __init__(
        self, path: Path, items: Iterable[VocabItem] = (), notice: str | None = None
    ) -> None:
        self.path = path
        self._records: dict[Key, _Record] = {}
        for item in items:
            self._records.setdefault(item.key, _Record(item, 0))
        self._version = _FORMAT_VERSION
        self._extra: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._locked = False  # whether the change being saved holds the file's lock
        #: The file as this list last read or wrote it (inode, size, mtime), or None.
        self._seen: FileIdentity = None
        self._last_stamp = 0
        #: One line for the user when the file was corrupt and set aside, else None.
        self.notice = notice

    @classmethod
    def load(cls, path: Path | None = None) -> Vocabulary:
        """Read the list (empty if there is none); a damaged file is set aside with a notice.

        When only some entries are damaged, the file is set aside and the good entries are
        written back, so nothing is lost either way.
        """
        path = default_path() if path is None else path
        signature = file_identity(path)
        data, notice = read_json(path, VOCABULARY_LIMIT)
        vocabulary = cls(path, (), notice)
        vocabulary._seen = signature
        if data is None:
            return vocabulary
        parsed = _parse(data)
        vocabulary._take(parsed)
        if parsed.problem is None:
            return vocabulary
        try:
            moved = set_aside(path)
        except OSError:
            vocabulary.notice = f"{path}: {parsed.problem}; left as it is"
            return vocabulary
        vocabulary.notice = f"{path}: {parsed.problem}; moved aside to {moved.name}"
        if parsed.records:
            try:
                vocabulary.save()
            except OSError as error:
                vocabulary.notice += f"; the rest could not be saved ({error})"
        return vocabulary

    # -- reading -----------------------------------------------------------------------------

    @property
    def items(self) -> tuple[VocabItem, ...]:
        """The entries in the order they were added (deleted ones left out)."""
        return tuple(record.item for record in self._records.values() if record.item)

    def __len__(self) -> int:
        return sum(1 for record in self._records.values() if record.item)

    def __contains__(self, item: object) -> bool:
        if not isinstance(item, VocabItem):
            return False
        found = self._records.get(item.key)
        return found is not None and found.item is not None

    def get(self, key: Key) -> VocabItem | None:
        """The entry with this key as it is now (None: deleted, or never there)."""
        found = self._records.get(key)
        return None if found is None else found.item

    def refresh(self) -> None:
        """Take in what other readers saved since (the newer side of each entry wins)."""
        with self._lock:
            self._records = self._merged_with_disk()

    # -- changing (each change is merged and saved at once) ----------------------------------

    def add(self, item: VocabItem) -> bool:
        """Add as the newest entry; False (nothing written) if the same item is there.

        A word deleted before is added again, as new.
        """
        with self._merging() as records:
            found = records.get(item.key)
            if found is not None and found.item is not None:
                return False
            records.pop(item.key, None)  # a tombstone: the word comes back as the newest
            records[item.key] = _Record(item, self._stamp(found))
            self._write(records)
        return True

    def edit(
        self, key: Key, *, definition: str | None = None, note: str | None = None
    ) -> VocabItem | None:
        """Change the saved sense and/or the note (the fields not given stay as they are on
        disk now); the entry as it is afterwards, or None when it has been deleted."""
        with self._merging() as records:
            found = records.get(key)
            if found is None or found.item is None:
                return None
            item = found.item
            if definition is not None:
                item = replace(item, definition=definition)
            if note is not None:
                item = replace(item, note=note)
            if item != found.item:
                records[key] = _Record(item, self._stamp(found), found.extra)
                self._write(records)
        return item

    def delete(self, key: Key) -> Deleted | None:
        """Delete the entry (a tombstone keeps it deleted in every reader); what ``restore``
        needs to bring it back, or None when it was not there."""
        with self._merging() as records:
            found = records.get(key)
            if found is None or found.item is None:
                return None
            keys = list(records)
            following = (k for k in keys[keys.index(key) + 1 :] if records[k].item is not None)
            records[key] = _Record(None, self._stamp(found))
            self._write(records)
        return Deleted(found.item, next(following, None), found.extra)

    def restore(self, deleted: Deleted) -> bool:
        """Undo a deletion: the entry comes back where it was (before the entry that followed
        it, if that is still there); False if it is back already."""
        item = deleted.item
        with self._merging() as records:
            found = records.get(item.key)
            if found is not None and found.item is not None:
                return False
            records.pop(item.key, None)
            restored = (item.key, _Record(item, self._stamp(found), deleted.extra))
            pairs = list(records.items())
            at = next((i for i, (key, _) in enumerate(pairs) if key == deleted.before), len(pairs))
            records.clear()
            records.update([*pairs[:at], restored, *pairs[at:]])
            self._write(records)
        return True

    def save(self) -> None:
        """Merge with the file on disk and write it (nothing of ours changed since)."""
        with self._merging() as records:
            self._write(records)

    @contextlib.contextmanager
    def _merging(self) -> Iterator[dict[Key, _Record]]:
        """Under both locks, the entries merged with the file's, to change and ``_write``;
        they are ours afterwards, written or not (not when writing failed)."""
        with self._lock, self._file_lock() as taken:
            self._locked = taken
            records = self._merged_with_disk()
            yield records
            self._records = records

    # -- the file ----------------------------------------------------------------------------

    def _file_lock(self) -> Any:
        return locked(self.path.with_name(f".{self.path.name}.lock"))

    def _stamp(self, replacing: _Record | None) -> int:
        """Now, in ns; strictly later than this list's last change and than the record it
        replaces (a clock set back must not let the older side win the next merge)."""
        before = replacing.changed if replacing is not None else 0
        self._last_stamp = max(time.time_ns(), self._last_stamp + 1, before + 1)
        return self._last_stamp

    def _take(self, parsed: _Parsed) -> None:
        self._records = parsed.records
        self._version = max(self._version, parsed.version)
        self._extra = parsed.extra

    def _merged_with_disk(self) -> dict[Key, _Record]:
        """The file's entries, each replaced by ours where ours changed later; ours that the
        file lacks come after, in our order. A damaged file is set aside (kept), not lost.

        A file just as this list last read or wrote it is not read again.
        """
        seen, self._seen = self._seen, file_identity(self.path)  # (taken before it is read)
        if seen is not None and seen == self._seen:
            return dict(self._records)
        data, _notice = read_json(self.path, VOCABULARY_LIMIT)
        if data is None:
            return dict(self._records)
        disk = _parse(data)
        if disk.problem is not None:
            with contextlib.suppress(OSError):
                set_aside(self.path)
        records = dict(disk.records)
        for key, mine in self._records.items():
            theirs = records.get(key)
            if theirs is None or mine.changed > theirs.changed:
                records[key] = mine
        self._version = max(self._version, disk.version)
        self._extra = {**self._extra, **disk.extra}
        return records

    def _write(self, records: dict[Key, _Record]) -> None:
        atomic_write_text(self.path, _dumps(_to_json(records, self._version, self._extra)))
        self._records = records
        # the file as this list wrote it (without the lock, another may have written since)
        self._seen = file_identity(self.path) if self._locked else None


def place_in_document(item: VocabItem, text: str, key: str, title: str) -> int | None:
    """Where the entry's word is in the document being read, or None when it is not from it.

    The place saved with it, when the text is the one it was saved from (the same content
    ``key``); else, in a document of the same title (the file was edited since, or the entry
    was saved before places were), the sentence it was saved with, found again: the
    occurrence nearest the saved place, at the word within it.
    """
    ours = bool(item.document_key) and item.document_key == key
    if ours and item.place is not None and item.place < len(text):
        return item.place
    if not (ours or (item.document_title and item.document_title == title)) or not item.sentence:
        return None
    found: list[int] = []
    at = text.find(item.sentence)
    while at >= 0 and len(found) < _OCCURRENCES_LOOKED_AT:
        found.append(at)
        at = text.find(item.sentence, at + 1)
    if not found:
        return None
    near = item.place or 0
    start = min(found, key=lambda candidate: abs(candidate - near))
    return start + max(0, _word_offset(item.sentence, item.simplified, item.traditional))


_OCCURRENCES_LOOKED_AT = 1000  # a short sentence ("是。") repeated through a whole book


def _word_offset(sentence: str, simplified: str, traditional: str) -> int:
    """Where the word's first use starts in the sentence, in whichever script it has (-1: not)."""
    from reader.script import simplified_in_place

    start = simplified_in_place(sentence).find(simplified) if simplified else -1
    if start < 0 and traditional:
        start = sentence.find(traditional)
    return start


def anki_file(items: Iterable[VocabItem]) -> tuple[str, int]:
    """A UTF-8, tab-separated file for Anki's "Import File", and its number of rows.

    Columns: simplified, traditional, pinyin as one word (jiāoliú), definition, the sentence
    with the word in bold, the HSK level, and a tag naming the document and section.
    """
    rows = ["\t".join(_anki_field(value) for value in anki_row(item)) + "\n" for item in items]
    return ANKI_HEADER + "".join(rows), len(rows)


def anki_row(item: VocabItem) -> tuple[str, ...]:
    """The note's fields as HTML (the file says ``#html:true``), tags last."""
    from reader.levels import level, level_name
    from reader.pinyin import as_one_word

    return (
        html.escape(item.simplified, quote=False),
        html.escape(item.traditional, quote=False),
        html.escape(as_one_word(item.pinyin), quote=False),
        html.escape(item.definition, quote=False),
        marked_sentence(item.sentence, item.simplified, item.traditional),
        level_name(level(item.simplified)),
        anki_tag(item.document_title, item.section_title),
    )


def marked_sentence(sentence: str, simplified: str, traditional: str) -> str:
    """The sentence as HTML with the word's first use in bold, in whichever script it has."""
    start = _word_offset(sentence, simplified, traditional)
    length = len(simplified) if simplified else len(traditional)
    if start < 0:
        return html.escape(sentence, quote=False)
    end = start + length
    return (
        html.escape(sentence[:start], quote=False)
        + f"<b>{html.escape(sentence[start:end], quote=False)}</b>"
        + html.escape(sentence[end:], quote=False)
    )


def anki_tag(document_title: str, section_title: str) -> str:
    """One hierarchical Anki tag: reader::document::section (spaces, which split tags, as _)."""
    parts = ["reader"]
    for title in (document_title, section_title):
        cleaned = _TAG_BREAKS.sub("_", title.strip()).replace("::", "_")
        if not cleaned:
            break
        parts.append(cleaned)
    return "::".join(parts)


def _anki_field(value: str) -> str:
    """One field, safe for Anki's CSV reader.

    A field holding '"' is quoted (Anki would otherwise take a leading quote as the start
    of a quoted field), and so is one starting with '#', which would make the row a comment.
    """
    text = _FIELD_BREAKS.sub(" ", value).strip()
    if '"' in text or text.startswith("#"):
        return '"' + text.replace('"', '""') + '"'
    return text


def _to_json(records: Mapping[Key, _Record], version: int, extra: Mapping[str, Any]) -> Any:
    items: list[dict[str, Any]] = []
    deleted: list[dict[str, Any]] = []
    for (simplified, pinyin, sentence), record in records.items():
        if record.item is None:
            tombstone = {"simplified": simplified, "pinyin": pinyin, "sentence": sentence}
            deleted.append({**tombstone, "changed": record.changed})
        else:
            fields_ = {name: getattr(record.item, name) for name in _FIELD_NAMES}
            items.append({**record.extra, **fields_, "changed": record.changed})
    return {**extra, "version": max(version, _FORMAT_VERSION), "items": items, "deleted": deleted}


def _dumps(data: Mapping[str, Any]) -> str:
    """The file's text, one entry a line: easy to read, and written by json's C encoder
    (an indented dump is Python's own, ten times slower on a long list)."""
    parts = []
    for key, value in data.items():
        if key in ("items", "deleted") and value:
            lines = ",\n".join("  " + json.dumps(entry, ensure_ascii=False) for entry in value)
            body = f"[\n{lines}\n ]"
        else:
            body = json.dumps(value, ensure_ascii=False)
        parts.append(f" {json.dumps(key, ensure_ascii=False)}: {body}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _parse(data: Any) -> _Parsed:
    """What is usable of a vocabulary file, field by field, and why the rest was not."""
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        return _Parsed({}, _FORMAT_VERSION, {}, "not a vocabulary list")
    version = data.get("version")
    extra = {key: value for key, value in data.items() if key not in _FILE_KEYS}
    records: dict[Key, _Record] = {}
    bad = 0
    for raw in data["items"]:
        record = _record_from_json(raw)
        if record is None or record.item is None:
            bad += 1
        else:
            _keep_newer(records, record.item.key, record)
    tombstones = data.get("deleted", [])
    for raw in tombstones if isinstance(tombstones, list) else [tombstones]:
        key = _tombstone_key(raw)
        if key is None:
            bad += 1
        else:
            _keep_newer(records, key, _Record(None, raw["changed"]))
    problem = f"{bad} unreadable entr{'y' if bad == 1 else 'ies'}" if bad else None
    return _Parsed(records, version if _is_int(version) else _FORMAT_VERSION, extra, problem)


def _keep_newer(records: dict[Key, _Record], key: Key, record: _Record) -> None:
    """Keep the later change of an entry written twice (the first, when they tie)."""
    found = records.get(key)
    if found is None or record.changed > found.changed:
        records[key] = record


def _record_from_json(raw: Any) -> _Record | None:
    if not isinstance(raw, dict) or not all(isinstance(raw.get(k), str) for k in _REQUIRED_FIELDS):
        return None
    values: dict[str, Any] = {k: raw[k] for k in _REQUIRED_FIELDS}
    for name in _OPTIONAL_TEXT:
        value = raw.get(name)
        values[name] = value if isinstance(value, str) else ""
    place = raw.get("place")
    values["place"] = place if _is_int(place) and place >= 0 else None
    changed = raw.get("changed")
    extra = {key: value for key, value in raw.items() if key not in _ENTRY_KEYS}
    return _Record(VocabItem(**values), changed if _is_int(changed) else 0, extra)


def _tombstone_key(raw: Any) -> Key | None:
    if not isinstance(raw, dict) or not _is_int(raw.get("changed")):
        return None
    parts = (raw.get("simplified"), raw.get("pinyin"), raw.get("sentence"))
    if not all(isinstance(part, str) for part in parts):
        return None
    return (raw["simplified"], raw["pinyin"], raw["sentence"])


def _is_int(value: Any) -> TypeGuard[int]:
    """JSON true/false are ints to Python; a place or a time is never a boolean."""
    return isinstance(value, int) and not isinstance(value, bool)
