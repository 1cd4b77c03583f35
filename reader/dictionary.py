"""The bundled CC-CEDICT dictionary: lookups by simplified headword, Zhongwen-style candidates.

Memory is the constraint: ~122k entries as objects would cost hundreds of MB, so the
dictionary keeps the decompressed file as one ``bytes`` object plus a dict from each
simplified headword to the byte offset(s) of its line(s), and parses a line into a
``DictEntry`` only when it is looked up (microseconds). Once loaded it is never mutated, so
it can be built in a worker thread and read from any thread.

CC-CEDICT's traditional forms are Taiwan-style; showing a headword in the script the reader
is in is the UI's job (and a traditional document must be converted to simplified first,
since lookup is keyed by the simplified form).
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import KeysView
from dataclasses import dataclass
from pathlib import Path

from reader.assets import assets_dir
from reader.errors import ReaderError
from reader.pinyin import numbered_to_marks

#: Release date of the bundled CC-CEDICT (its header's ``#! date=``), for the help screen.
CEDICT_DATE = "2023-11-07"

# "TRAD SIMP [pin1 yin1] /definition/definition/" -- anything else is skipped.
# Both patterns spell out ASCII whitespace so that bytes and str agree on every line.
_LINE_BYTES = re.compile(
    rb"^[^ \t\r\n#][^ \t\r\n]* ([^ \t\r\n]+) \[[^\]\r\n]*\] /[^\r\n]+/[ \t]*\r?$",
    re.MULTILINE,
)
_LINE = re.compile(r"([^ \t\r\n#][^ \t\r\n]*) ([^ \t\r\n]+) \[([^\]\r\n]*)\] /([^\r\n]+)/[ \t]*\r?")
_DATE = re.compile(rb"^#! date=(\d{4}-\d{2}-\d{2})", re.MULTILINE)
_GZIP_MAGIC = b"\x1f\x8b"


def bundled_path() -> Path:
    """Where the gzip'ed CC-CEDICT ships (assets/cedict in a checkout or inside the wheel)."""
    return assets_dir() / "cedict" / "cedict_ts.u8.gz"


@dataclass(frozen=True)
class DictEntry:
    """One CC-CEDICT line; a headword with several readings has several entries."""

    traditional: str
    simplified: str
    pinyin: str  # numbered, as in CC-CEDICT: "Zhong1 guo2"
    definitions: tuple[str, ...]

    @property
    def pinyin_marks(self) -> str:
        """The reading with tone marks ("Zhōng guó") for display."""
        return numbered_to_marks(self.pinyin)


class Dictionary:
    """CC-CEDICT indexed by simplified headword; build it with ``Dictionary.load()``."""

    def __init__(self, data: bytes, index: dict[str, int | tuple[int, ...]]) -> None:
        self._data = data
        # One int for the usual single line; a tuple only for the ~3k homographs.
        self._index = index
        self.max_word_length = max(map(len, index), default=0)
        self.entry_count = sum(1 if isinstance(v, int) else len(v) for v in index.values())
        found = _DATE.search(data, 0, 4096)
        #: The data's date from its header ("2023-11-07"), None if the file has no header.
        self.date: str | None = found.group(1).decode("ascii") if found else None

    @classmethod
    def load(cls, path: Path | None = None) -> Dictionary:
        """Read a CC-CEDICT file (gzip'ed or plain; the bundled one by default).

        Raises ReaderError when the file cannot be read; malformed lines are skipped.
        """
        path = bundled_path() if path is None else path
        try:
            data = path.read_bytes()
            if data.startswith(_GZIP_MAGIC):
                data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as error:
            raise ReaderError(f"cannot read dictionary {path}: {error}") from error
        return cls(data, _build_index(data))

    def lookup(self, simplified_word: str) -> list[DictEntry]:
        """Every entry whose simplified form is exactly the word, in file order; [] if none."""
        offsets = self._index.get(simplified_word)
        if offsets is None:
            return []
        if isinstance(offsets, int):
            return [self._entry_at(offsets)]
        return [self._entry_at(offset) for offset in offsets]

    def candidates(self, simplified_text: str, position: int, limit: int = 5) -> list[str]:
        """Headwords starting at ``position`` in the text, longest first, at most ``limit``.

        For 社会主义和谐社会 at 0 this offers 社会主义, 社会, 社 -- the popup lets the
        reader pick the word they meant where word segmentation guessed wrong.
        """
        if limit <= 0 or not 0 <= position < len(simplified_text):
            return []
        found: list[str] = []
        longest = min(self.max_word_length, len(simplified_text) - position)
        for length in range(longest, 0, -1):
            word = simplified_text[position : position + length]
            if word in self._index:
                found.append(word)
                if len(found) == limit:
                    break
        return found

    def headwords(self) -> KeysView[str]:
        """All simplified headwords (e.g. to add to jieba's word list)."""
        return self._index.keys()

    def __contains__(self, simplified_word: object) -> bool:
        return simplified_word in self._index

    def _entry_at(self, offset: int) -> DictEntry:
        end = self._data.find(b"\n", offset)
        line = self._data[offset : end if end >= 0 else len(self._data)].decode("utf-8", "replace")
        match = _LINE.fullmatch(line)
        if match is None:  # cannot happen: the index only holds lines that matched
            raise ValueError(f"not a CC-CEDICT line: {line!r}")
        traditional, simplified, pinyin, definitions = match.groups()
        return DictEntry(
            traditional=traditional,
            simplified=simplified,
            pinyin=pinyin,
            definitions=tuple(d for d in definitions.split("/") if d),
        )


def _build_index(data: bytes) -> dict[str, int | tuple[int, ...]]:
    """Map each simplified headword to the offset(s) of its well-formed line(s)."""
    index: dict[str, int | tuple[int, ...]] = {}
    for match in _LINE_BYTES.finditer(data):
        try:
            key = match.group(1).decode("utf-8")
        except UnicodeDecodeError:
            continue  # a line that is not UTF-8 would fail again on lookup: skip it
        start = match.start()
        previous = index.get(key)
        if previous is None:
            index[key] = start
        elif isinstance(previous, int):
            index[key] = (previous, start)
        else:
            index[key] = (*previous, start)
    return index
