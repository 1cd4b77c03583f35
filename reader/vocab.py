"""The reader's vocabulary list: words saved while reading, kept in the state directory.

The list is saved (atomically) on every addition, so a crash never loses a saved word; a
corrupt file is moved aside, never fatal, and the notice is kept for the UI to show. The
list exports to a tab-separated file that Anki imports.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

from reader import paths
from reader.storage import MB, atomic_write_json, read_json, set_aside

VOCABULARY_FILE = "vocabulary.json"
VOCABULARY_LIMIT = 32 * MB  # 100,000 saved words with their sentences: about 30 MB
_FORMAT_VERSION = 1

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

    @property
    def key(self) -> tuple[str, str, str]:
        """Same word, same reading, same sentence: saving it twice adds nothing."""
        return (self.simplified, self.pinyin, self.sentence)


_FIELD_NAMES = tuple(f.name for f in fields(VocabItem))
_OPTIONAL_FIELDS = frozenset({"section_title"})  # added later: older files lack them


class Vocabulary:
    """The saved words in the order they were added; build it with ``Vocabulary.load()``."""

    def __init__(
        self, path: Path, items: Iterable[VocabItem] = (), notice: str | None = None
    ) -> None:
        self.path = path
        self._items = list(items)
        self._keys = {item.key for item in self._items}
        #: One line for the user when the file was corrupt and set aside, else None.
        self.notice = notice

    @classmethod
    def load(cls, path: Path | None = None) -> Vocabulary:
        """Read the list (empty if there is none); a damaged file is set aside with a notice.

        When only some entries are damaged, the file is set aside and the good entries are
        written back, so nothing is lost either way.
        """
        path = default_path() if path is None else path
        data, notice = read_json(path, VOCABULARY_LIMIT)
        if data is None:
            return cls(path, (), notice)
        items, bad = _parse(data)
        if bad is None:
            return cls(path, items)
        try:
            moved = set_aside(path)
        except OSError:
            return cls(path, items, f"{path}: {bad}; left as it is")
        notice = f"{path}: {bad}; moved aside to {moved.name}"
        vocabulary = cls(path, items, notice)
        if items:
            try:
                vocabulary.save()
            except OSError as error:
                vocabulary.notice = f"{notice}; the rest could not be saved ({error})"
        return vocabulary

    @property
    def items(self) -> tuple[VocabItem, ...]:
        return tuple(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, item: object) -> bool:
        return isinstance(item, VocabItem) and item.key in self._keys

    def add(self, item: VocabItem) -> bool:
        """Add and save at once; False (nothing written) if the same item is already there.

        If saving fails the OSError propagates and the list is left as it was.
        """
        if item.key in self._keys:
            return False
        self._items.append(item)
        try:
            self.save()
        except BaseException:
            self._items.pop()
            raise
        self._keys.add(item.key)
        return True

    def save(self) -> None:
        atomic_write_json(
            self.path,
            {"version": _FORMAT_VERSION, "items": [asdict(item) for item in self._items]},
        )


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
    from reader.script import simplified_in_place

    start = simplified_in_place(sentence).find(simplified) if simplified else -1
    length = len(simplified)
    if start < 0 and traditional:
        start, length = sentence.find(traditional), len(traditional)
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


def _parse(data: Any) -> tuple[list[VocabItem], str | None]:
    """The valid items and, if anything was unusable, a reason for the notice."""
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        return [], "not a vocabulary list"
    items: list[VocabItem] = []
    bad = 0
    for raw in data["items"]:
        if isinstance(raw, dict) and all(
            isinstance(raw.get(k), str) or (k in _OPTIONAL_FIELDS and k not in raw)
            for k in _FIELD_NAMES
        ):
            items.append(VocabItem(**{k: raw[k] for k in _FIELD_NAMES if k in raw}))
        else:
            bad += 1
    if bad:
        return items, f"{bad} unreadable entr{'y' if bad == 1 else 'ies'}"
    return items, None
