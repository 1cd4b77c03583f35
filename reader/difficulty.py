"""How hard a text is: its words by HSK level, what share the reader knows, its level.

A text's profile counts its running words (every occurrence) and its distinct words per
level; the estimated level is the lowest that covers 95% of the running words, the share at
which a reader follows a text and guesses the rest. Segmenting a book is the slow part
(jieba, seconds for a novel), so a text's word boundaries are cached on disk by a hash of its
content and found again at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import zlib
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader import paths
from reader.levels import BEYOND, LEVELS, is_chinese_word, level, level_name
from reader.words import Segmenter

COVERAGE = 0.95  # the share of running words a reader must know to read on
CACHE_FORMAT = 1
KEEP_CACHED = 32  # segmented texts kept in the cache; the least recently used go first


@dataclass(frozen=True, slots=True)
class LevelRow:
    level: int
    running: int  # occurrences of this level's words
    distinct: int
    known: int  # occurrences of this level's words that the reader knows


@dataclass(frozen=True)
class Profile:
    characters: int  # Chinese characters
    words: int  # running Chinese words
    distinct: int
    known: int  # running words the reader knows
    known_distinct: int
    rows: tuple[LevelRow, ...]  # one per level in LEVELS, in order

    @property
    def estimated_level(self) -> int | None:
        """The lowest level whose words (and all easier ones) are 95% of the running words;
        ``BEYOND`` when even HSK 7-9 does not reach it, None for a text without words."""
        if not self.words:
            return None
        covered = 0
        for row in self.rows:
            covered += row.running
            if row.level != BEYOND and covered >= COVERAGE * self.words:
                return row.level
        return BEYOND

    def running_shares(self) -> list[float]:
        """Each level's share of the running words, in percent to 0.1, adding up to 100."""
        return percentages([row.running for row in self.rows])

    def distinct_shares(self) -> list[float]:
        return percentages([row.distinct for row in self.rows])

    def known_share(self) -> float:
        return round(100 * self.known / self.words, 1) if self.words else 0.0


def percentages(counts: list[int]) -> list[float]:
    """Counts as percentages to one decimal that add up to exactly 100 (largest remainder).

    All zero gives all zero.
    """
    total = sum(counts)
    if not total:
        return [0.0] * len(counts)
    tenths = [1000 * count / total for count in counts]
    floors = [int(value) for value in tenths]
    short = 1000 - sum(floors)
    by_remainder = sorted(range(len(counts)), key=lambda i: floors[i] - tenths[i])
    for index in by_remainder[:short]:
        floors[index] += 1
    return [value / 10 for value in floors]


def word_counts(text: str, spans: Iterable[tuple[int, int]]) -> Counter[str]:
    """How often each Chinese word occurs among ``spans`` of ``text`` (pass simplified)."""
    counts: Counter[str] = Counter(text[start:end] for start, end in spans)
    for word in [word for word in counts if not is_chinese_word(word)]:
        del counts[word]
    return counts


def profile(counts: Mapping[str, int], is_known: Callable[[str], bool]) -> Profile:
    """The profile of a text from its words' counts (simplified words)."""
    running = dict.fromkeys(LEVELS, 0)
    distinct = dict.fromkeys(LEVELS, 0)
    known = dict.fromkeys(LEVELS, 0)
    characters = known_distinct = 0
    for word, count in counts.items():
        found = level(word)
        running[found] += count
        distinct[found] += 1
        characters += count * len(word)
        if is_known(word):
            known[found] += count
            known_distinct += 1
    rows = tuple(LevelRow(lv, running[lv], distinct[lv], known[lv]) for lv in LEVELS)
    return Profile(
        characters=characters,
        words=sum(running.values()),
        distinct=len(counts),
        known=sum(known.values()),
        known_distinct=known_distinct,
        rows=rows,
    )


def format_profile(result: Profile, *, title: str = "", reader_level: int | None = None) -> str:
    """The profile as an aligned plain-text table, as ``reader --stats`` prints it."""
    lines = [title] if title else []
    lines += [
        f"characters  {result.characters:>10,}",
        f"words       {result.words:>10,}",
        f"distinct    {result.distinct:>10,}",
        "",
        f"{'level':<8} {'running':>8} {'distinct':>9} {'known':>7}",
    ]
    running, distinct = result.running_shares(), result.distinct_shares()
    for row, run_share, distinct_share in zip(result.rows, running, distinct, strict=True):
        known = f"{100 * row.known / row.running:.1f}%" if row.running else "-"
        lines.append(
            f"{level_name(row.level):<8} {run_share:>7.1f}% {distinct_share:>8.1f}% {known:>7}"
        )
    lines.append("")
    lines.append(
        f"known       {result.known_share():.1f}% of running words, "
        f"{result.known_distinct:,} of {result.distinct:,} distinct"
    )
    if reader_level is not None:
        lines.append(f"your level  {level_name(reader_level)}")
    estimate = result.estimated_level
    lines.append(
        f"estimated level  {level_name(estimate) if estimate is not None else '-'}"
        f" (covers {int(COVERAGE * 100)}% of running words)"
    )
    return "\n".join(lines) + "\n"


def profile_json(result: Profile) -> dict[str, object]:
    """The profile as plain data for ``--json``."""
    estimate = result.estimated_level
    return {
        "characters": result.characters,
        "words": result.words,
        "distinct": result.distinct,
        "known": result.known_share(),
        "known_distinct": result.known_distinct,
        "estimated_level": level_name(estimate) if estimate is not None else None,
        "levels": [
            {
                "level": level_name(row.level),
                "running": run_share,
                "distinct": distinct_share,
                "running_words": row.running,
                "distinct_words": row.distinct,
                "known": round(100 * row.known / row.running, 1) if row.running else None,
            }
            for row, run_share, distinct_share in zip(
                result.rows, result.running_shares(), result.distinct_shares(), strict=True
            )
        ],
    }


# -- each section's share of unknown words: the outline's column ---------------------------


@dataclass(frozen=True, slots=True)
class UnknownShare:
    """How many of a stretch of text's running Chinese words the reader does not know.

    Known is what the profile (`P`, ``--stats``) counts as known: a word marked known, or
    not marked either way and at or below the reader's level; every other word is unknown.
    """

    words: int
    unknown: int

    def label(self) -> str:
        """The share in at most four cells, as the outline shows it: "12%"; "0%" only when
        every word is known and "100%" only when none is ("<1%" and "99%" between); "-" for
        a stretch without Chinese words."""
        if not self.words:
            return "-"
        percent = (200 * self.unknown + self.words) // (2 * self.words)  # halves go up
        if percent == 0 and self.unknown:
            return "<1%"
        if percent == 100 and self.unknown < self.words:
            return "99%"
        return f"{percent}%"


def stretch_counts(
    simplified: str, spans: Sequence[tuple[int, int]], starts: Sequence[int]
) -> list[Counter[str]]:
    """The Chinese words of each stretch of the text that ``starts`` (places, in order) cut:
    first the text before ``starts[0]``, then each start's own to the next (the last to the
    end). A word belongs where it begins; ``spans`` are the text's words in order."""
    bounds = [0, *starts, len(simplified)]
    stretches: list[Counter[str]] = []
    for start, end in itertools.pairwise(bounds):
        first = bisect_left(spans, (start, -1))
        last = bisect_left(spans, (end, -1))
        stretches.append(word_counts(simplified, spans[first:last]))
    return stretches


def unknown_shares(
    stretches: Sequence[Mapping[str, int]], parents: Sequence[int], is_known: Callable[[str], bool]
) -> tuple[UnknownShare, list[UnknownShare]]:
    """The whole text's share of unknown words and each section's.

    ``stretches`` are ``stretch_counts`` over the sections' starts (the text before the
    first section, then each section's own text), ``parents`` each section's parent
    (``document.section_parents``). A section's share counts its subsections' words too, so
    a part's figure is its chapters' weighted by their running words.
    """
    known: dict[str, bool] = {}
    own: list[list[int]] = []
    for counts in stretches:
        words = unknown = 0
        for word, count in counts.items():
            found = known.get(word)
            if found is None:
                found = known[word] = is_known(word)
            words += count
            if not found:
                unknown += count
        own.append([words, unknown])
    whole = UnknownShare(sum(words for words, _ in own), sum(unknown for _, unknown in own))
    totals = own[1:]
    for index in reversed(range(len(totals))):  # a subsection comes after its parent
        parent = parents[index]
        if parent >= 0:
            totals[parent][0] += totals[index][0]
            totals[parent][1] += totals[index][1]
    return whole, [UnknownShare(words, unknown) for words, unknown in totals]


# -- segmentation, cached by content -------------------------------------------------------


def cached_segments(
    simplified: str, segmenter: Segmenter, directory: Path | None = None
) -> list[tuple[int, int]]:
    """jieba's words of a whole text as spans, from the cache when this text was seen.

    The cache key covers the text, jieba's version and the words added to the segmenter, so
    a change to any of them segments again. A cache that cannot be read or written is
    ignored: the text is segmented as if it were not there.
    """
    directory = directory if directory is not None else paths.cache_dir() / "segments"
    path = directory / f"{_cache_key(simplified, segmenter)}.words"
    ends = _read_ends(path, len(simplified))
    if ends is None:
        spans = segmenter.segment(simplified)
        _write_ends(path, array("I", (end for _, end in spans)))
        _prune(directory)
        return spans
    with contextlib.suppress(OSError):
        path.touch()  # recently used: pruned last
    starts = [0, *ends[:-1]]
    return list(zip(starts, ends, strict=True))


def _cache_key(simplified: str, segmenter: Segmenter) -> str:
    import jieba

    digest = hashlib.sha256()
    digest.update(f"{CACHE_FORMAT}\0{jieba.__version__}\0".encode())
    for word in sorted(segmenter.user_words()):
        digest.update(word.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(b"\1")
    digest.update(simplified.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:40]


def _read_ends(path: Path, length: int) -> array[int] | None:
    """The cached word ends of a text ``length`` characters long, or None to segment again.

    A text has at most one word per character, so neither the file nor what it inflates to
    may be larger than that many ends: a damaged or planted file costs no more than the text.
    """
    from reader.storage import read_limited

    ends = array("I")
    most = (length + 1) * ends.itemsize
    try:
        inflater = zlib.decompressobj()
        raw = inflater.decompress(read_limited(path, most + 1024), most)
    except (OSError, zlib.error):
        return None
    if inflater.unconsumed_tail or not inflater.eof or len(raw) % ends.itemsize:
        return None
    ends.frombytes(raw)
    if length == 0:
        return ends if not ends else None
    if not ends or ends[-1] != length or any(b <= a for a, b in itertools.pairwise(ends)):
        return None  # not this text's words: segment again
    return ends


def _write_ends(path: Path, ends: array[int]) -> None:
    from reader.storage import atomic_write_bytes

    with contextlib.suppress(OSError):
        atomic_write_bytes(path, zlib.compress(ends.tobytes(), 1))


def _prune(directory: Path) -> None:
    with contextlib.suppress(OSError):
        files = sorted(directory.glob("*.words"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in files[KEEP_CACHED:]:
            stale.unlink(missing_ok=True)
