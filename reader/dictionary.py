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
import threading
import unicodedata
import zlib
from collections.abc import Callable, KeysView
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.assets import assets_dir
from reader.errors import ReaderError
from reader.pinyin import numbered_to_marks

if TYPE_CHECKING:
    from reader.script import Script

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
# A definition that only points elsewhere: a surname, or another form of a character.
_SURNAME = re.compile(r"^surname [A-Z]")
_POINTER = re.compile(
    r"^(?:(?:old|archaic|ancient|unofficial|erroneous|Japanese|Korean|obsolete|dialect)\s+)*"
    r"(?:variant|form) of |^(?:used in|see|see also|abbr\. for) "
)
# CC-CEDICT's cross-reference: 乾|干[gan1] (traditional|simplified[reading]), 跤[jiao1],
# 乾|干 without a reading, or a bare [xing4].
_HAN = r"[^\x00-\xff\s\[\]|,，;；:：/()（）]+"
_REFERENCE = re.compile(
    rf"(?P<first>{_HAN})(?:\|(?P<second>{_HAN}))?\[(?P<reading>[^\]]*)\]"
    rf"|(?P<pair_first>{_HAN})\|(?P<pair_second>{_HAN})"
    r"|\[(?P<bare>[A-Za-z:]+[1-5](?: [A-Za-z:]+[1-5])*)\]"
)
# A well-formed line's reading, for the pinyin index (the same lines _LINE_BYTES indexes).
_READING_BYTES = re.compile(
    rb"^[^ \t\r\n#][^ \t\r\n]* [^ \t\r\n]+ \[([^\]\r\n]*)\] /[^\r\n]+/[ \t]*\r?$",
    re.MULTILINE,
)
_CLASSIFIERS = re.compile(r"^CL:\s*(?P<list>.+)$")
MAX_COMPOUND_LENGTH = 4  # the compounds a character's readings are counted in

Frequency = Callable[[str], int]


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

    @property
    def minor(self) -> int:
        """0 for an ordinary entry; 1 a name (capital reading), 2 a surname, 3 only a pointer
        to another form ("variant of 乾|干[gan1]", "used in 自個兒"): shown after the rest."""
        if all(_POINTER.match(definition) for definition in self.definitions):
            return 3
        if all(_SURNAME.match(definition) for definition in self.definitions):
            return 2
        return 1 if self.pinyin[:1].isupper() else 0


class Dictionary:
    """CC-CEDICT indexed by simplified headword; build it with ``Dictionary.load()``."""

    def __init__(self, data: bytes, index: dict[str, int | tuple[int, ...]]) -> None:
        self._data = data
        # One int for the usual single line; a tuple only for the ~3k homographs.
        self._index = index
        self.max_word_length = max(map(len, index), default=0)
        self.entry_count = sum(1 if isinstance(v, int) else len(v) for v in index.values())
        self._compounds: dict[str, list[str]] | None = None
        self._compounds_lock = threading.Lock()
        self._usage: dict[tuple[str, str, str], int] = {}
        self._readings: dict[str, int | tuple[int, ...]] | None = None
        self._readings_lock = threading.Lock()
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

    def words_covering(
        self, simplified_text: str, start: int, end: int, *, words: int = 6, characters: int = 8
    ) -> list[str]:
        """The headwords a word cursor on ``[start, end)`` covers: the longest first, then
        each of its characters.

        Words starting at ``start`` may run past ``end`` (the segmenter may have cut a word
        short); other words lie inside the span. For 干部队伍 this offers 干部, 部队, 队伍,
        then 干, 部, 队, 伍: at most ``words`` words and ``characters`` characters.
        """
        if not 0 <= start < end <= len(simplified_text):
            return []
        found: dict[str, int] = {}  # word -> its position, kept unique
        for word in self.candidates(simplified_text, start, limit=words + 1):
            found.setdefault(word, start)
        longest = min(self.max_word_length, end - start)
        for position in range(start + 1, end):
            for length in range(min(longest, end - position), 1, -1):
                word = simplified_text[position : position + length]
                if word in self._index:
                    found.setdefault(word, position)
        ordered = sorted(found, key=lambda word: (-len(word), found[word]))
        longer = [word for word in ordered if len(word) > 1][:words]
        single = [char for char in simplified_text[start:end] if char in self._index]
        return [*longer, *dict.fromkeys(single[:characters])]

    def entries_by_use(
        self, simplified_word: str, frequency: Frequency | None, original: str = ""
    ) -> list[DictEntry]:
        """The word's entries, the most useful first.

        Ordinary entries before surnames and pointers to other forms; among them, in a
        traditional text, those written as the text writes the word (``original``: 幹 for
        幹部, 干 for 干涉); then names after common words, and a character's readings by how
        common the compounds are that use it in that form and reading (jieba's
        ``frequency``, None while it is not loaded): 幹 gàn of 干部 before 乾 gān, 行 xíng
        before háng. Ties keep the file's order.
        """
        entries = self.lookup(simplified_word)
        if len(entries) < 2:
            return entries
        single = len(simplified_word) == 1

        def key(item: tuple[int, DictEntry]) -> tuple[bool, bool, int, int, int]:
            index, entry = item
            minor = entry.minor
            usage = self._usage_of(entry, frequency) if single and frequency else 0
            mismatch = bool(original) and entry.traditional != original
            return (minor >= 2, mismatch, minor, -usage, index)

        return [entry for _, entry in sorted(enumerate(entries), key=key)]

    def prepare_usage(self) -> None:
        """Index the compounds by character (about 50 ms), for ``entries_by_use``; a worker
        calls it after loading so that the first look-up does not pay for it."""
        with self._compounds_lock:
            if self._compounds is not None:
                return
            compounds: dict[str, list[str]] = {}
            for word in self._index:
                if 1 < len(word) <= MAX_COMPOUND_LENGTH:
                    for char in set(word):
                        compounds.setdefault(char, []).append(word)
            self._compounds = compounds

    def _usage_of(self, entry: DictEntry, frequency: Frequency) -> int:
        """How often compounds use this character in this form and reading (jieba's counts)."""
        key = (entry.simplified, entry.traditional, entry.pinyin.lower())
        cached = self._usage.get(key)
        if cached is not None:
            return cached
        self.prepare_usage()
        assert self._compounds is not None
        char, form, reading = key
        total = 0
        for word in self._compounds.get(char, ()):
            count = frequency(word)
            if not count:
                continue
            for compound in self.lookup(word):
                syllables = compound.pinyin.lower().split()
                if len(syllables) != len(word) or len(compound.traditional) != len(word):
                    continue
                if any(
                    simplified == char
                    and compound.traditional[i] == form
                    and syllables[i] == reading
                    for i, simplified in enumerate(word)
                ):
                    total += count
                    break
        self._usage[key] = total
        return total

    def prepare_readings(self) -> None:
        """Index every line by its toneless reading (about 0.2 s), for ``by_reading``; the
        loading worker calls it so that the first typed look-up does not pay for it."""
        with self._readings_lock:
            if self._readings is not None:
                return
            readings: dict[str, int | tuple[int, ...]] = {}
            for match in _READING_BYTES.finditer(self._data):
                key = reading_key(match.group(1).decode("ascii", "replace"))[0]
                start = match.start()
                previous = readings.get(key)
                if previous is None:
                    readings[key] = start
                elif isinstance(previous, int):
                    readings[key] = (previous, start)
                else:
                    readings[key] = (*previous, start)
            self._readings = readings

    @property
    def readings_ready(self) -> bool:
        """Whether ``by_reading`` answers at once (``prepare_readings`` has run)."""
        return self._readings is not None

    def by_reading(self, typed: str) -> list[DictEntry]:
        """Every entry read as ``typed``, in file order: pinyin with tone marks (jiāoliú),
        tone numbers (jiao1liu2) or no tones (jiaoliu), any case, spaces and apostrophes
        ignored. Tones that are typed must match; a syllable typed without one matches any.
        """
        key, tones = reading_key(typed)
        if not key:
            return []
        self.prepare_readings()
        assert self._readings is not None
        offsets = self._readings.get(key)
        if offsets is None:
            return []
        entries = (
            [self._entry_at(offsets)]
            if isinstance(offsets, int)
            else [self._entry_at(offset) for offset in offsets]
        )
        if not any(tones):
            return entries
        return [entry for entry in entries if _tones_agree(tones, reading_key(entry.pinyin)[1])]

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


def readable_definition(definition: str, script: Script) -> str:
    """A definition with CC-CEDICT's notation written out for a reader.

    Cross-references come in the script on screen with tone marks ("variant of 乾|干[gan1]"
    is "variant of 乾 gān" in traditional, "variant of 干 gān" in simplified), and the
    measure-word list "CL:個|个[ge4],位[wei4]" reads "measure words: 个 gè, 位 wèi".
    """

    def reference(match: re.Match[str]) -> str:
        if match["bare"] is not None:
            return numbered_to_marks(match["bare"])
        if match["pair_first"] is not None:
            return match["pair_first"] if script == "traditional" else match["pair_second"]
        first, second = match["first"], match["second"]
        word = first if script == "traditional" or second is None else second
        reading = numbered_to_marks(match["reading"].strip())
        return f"{word} {reading}" if reading else word

    classifiers = _CLASSIFIERS.match(definition)
    if classifiers is not None:
        words = [_REFERENCE.sub(reference, part.strip()) for part in classifiers["list"].split(",")]
        label = "measure word" if len(words) == 1 else "measure words"
        return f"{label}: {', '.join(words)}"
    return _REFERENCE.sub(reference, definition)


def reading_key(reading: str) -> tuple[str, tuple[int, ...]]:
    """A reading as its toneless letters and the tone typed after each letter (0: none).

    "Jiao1 liu2", "jiāoliú" and "jiao1liu2" are all ("jiaoliu", tones at the o and the u);
    ü, u: and v are one letter. Anything that is not pinyin gives ("", ()).
    """
    letters: list[str] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFD", reading.lower()):
        if "a" <= char <= "z":
            letters.append("v" if char == "v" else char)
            tones.append(0)
        elif char in "\u0308:":  # ü (u + diaeresis), CC-CEDICT's u:
            if letters and letters[-1] == "u":
                letters[-1] = "v"
        elif char in _MARK_TONES:
            if tones:
                tones[-1] = _MARK_TONES[char]
        elif char in "12345":
            if tones:
                tones[-1] = int(char)
        elif char in " '’-·":
            continue
        else:
            return "", ()
    return "".join(letters), tuple(tones)


_MARK_TONES = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}


def _tones_agree(typed: tuple[int, ...], entry: tuple[int, ...]) -> bool:
    """Whether each tone typed is the entry's tone of the syllable it falls in: the entry's
    tones sit on each syllable's last letter, a typed mark on a vowel inside it, a typed
    number after it (dōngxi fits dong1 xi5 and not dong4 xi1)."""
    ends = [index for index, tone in enumerate(entry) if tone]
    for index, tone in enumerate(typed):
        if tone:
            end = next((end for end in ends if end >= index), None)
            if end is None or entry[end] != tone:
                return False
    return True


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
