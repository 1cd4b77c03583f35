"""Word segmentation with jieba, loaded lazily, once, quietly, and cached in our cache dir.

jieba's prefix dictionary takes ~0.5 s and ~90 MB to build, so nothing here touches it until
``Segmenter.ensure_loaded()`` (meant to run in a worker thread). Each Segmenter owns its own
``jieba.Tokenizer`` so the words we add never leak into jieba's global tokenizer.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
import warnings
from collections.abc import Container, Iterable
from functools import cache
from pathlib import Path
from typing import Any

from reader.paths import cache_dir
from reader.storage import MB

_ASCII_WORD_CHAR = re.compile("[a-zA-Z0-9]")
CACHE_LIMIT = 64 * MB  # jieba 0.42's own cache is 9 MB

_import_lock = threading.Lock()
_jieba: Any = None
_base_lock = threading.Lock()
_base: tuple[dict[str, int], int, dict[str, int]] | None = None


def _import_jieba() -> Any:
    """Import jieba with its stderr logging (and any import-time warnings) silenced."""
    global _jieba
    with _import_lock:
        if _jieba is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # e.g. setuptools' pkg_resources deprecation
                import jieba
            logger = jieba.default_logger
            for handler in list(logger.handlers):
                logger.removeHandler(handler)
            logger.addHandler(logging.NullHandler())
            logger.propagate = False  # not even logging's last-resort handler may print
            logger.setLevel(logging.CRITICAL)
            _jieba = jieba
        return _jieba


def _base_dictionary() -> tuple[dict[str, int], int, dict[str, int]]:
    """jieba's dictionary, built once per process: (FREQ, total, longest word per first char).

    Every Segmenter starts from a copy, so opening a second document (or running a test
    suite) costs a dictionary copy, not another 0.5-1.5 s build.
    """
    global _base
    with _base_lock:
        if _base is None:
            jieba = _import_jieba()
            tokenizer = jieba.Tokenizer()
            directory = cache_dir()
            with contextlib.suppress(OSError):  # then jieba quietly works without a cache
                directory.mkdir(parents=True, exist_ok=True)
            # Never the shared temp dir: other users could plant a cache there.
            tokenizer.tmp_dir = str(directory)
            tokenizer.cache_file = f"jieba-{jieba.__version__}.cache"
            cache = directory / tokenizer.cache_file
            _remove_if_too_large(cache)
            tokenizer.initialize()
            if not _valid_dictionary(tokenizer.FREQ, tokenizer.total):
                # a cache of the wrong shape (another program's, or damaged): build it again
                with contextlib.suppress(OSError):
                    cache.unlink()
                tokenizer.initialized = False
                tokenizer.initialize()
            longest: dict[str, int] = {}
            for word, freq in tokenizer.FREQ.items():
                if freq and len(word) > longest.get(word[0], 0):
                    longest[word[0]] = len(word)
            _base = (tokenizer.FREQ, tokenizer.total, longest)
        return _base


def _remove_if_too_large(cache: Path) -> None:
    """jieba reads its cache whole: one far larger than its 9 MB is not jieba's, and goes."""
    with contextlib.suppress(OSError):
        if cache.stat().st_size > CACHE_LIMIT:
            cache.unlink()


def _valid_dictionary(frequencies: object, total: object) -> bool:
    """What jieba's cache must hold: words (text) to counts (whole numbers, none negative)
    and their positive total. jieba itself takes any marshal data it can unpack."""
    if not isinstance(frequencies, dict) or type(total) is not int or total <= 0:
        return False
    return all(
        type(word) is str and type(count) is int and count >= 0
        for word, count in frequencies.items()
    )


@cache
def jieba_block() -> re.Pattern[str]:
    """The stretches jieba segments independently: jieba's own ``re_han_default``.

    A word never crosses their edges, so a position outside one, or at its edge, is always a
    word boundary. Compiled on first use: a class spanning the CJK block takes milliseconds.
    """
    return re.compile("[\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-]+")


def block_at(text: str, position: int) -> tuple[int, int] | None:
    """The jieba block that ``position`` lies strictly inside, or None (a sure boundary)."""
    if not 0 < position < len(text):
        return None
    block = jieba_block()
    if not block.fullmatch(text, position - 1, position + 1):
        return None
    start = position - 1
    while start > 0 and block.fullmatch(text, start - 1, start):
        start -= 1
    end = block.match(text, position)
    assert end is not None  # text[position] is a block character
    return start, end.end()


class Segmenter:
    """Splits simplified Chinese into words (jieba, HMM off); thread-safe, loads once."""

    def __init__(self, user_words: Iterable[str] = ()) -> None:
        self._lock = threading.RLock()
        self._tokenizer: Any = None
        self._pending: list[str] = [w for w in user_words if w]
        self._added: set[str] = set()
        self._longest: dict[str, int] = {}  # first character -> longest word length
        self._longest_word = 1

    @property
    def loaded(self) -> bool:
        return self._tokenizer is not None

    @property
    def added_words(self) -> int:
        """How many words were added: it changes whenever segmentation may have changed."""
        return len(self._added) + len(self._pending)

    def user_words(self) -> frozenset[str]:
        """The words added to jieba's dictionary (they change how a text is segmented)."""
        with self._lock:
            return frozenset(self._added) | frozenset(self._pending)

    def ensure_loaded(self) -> None:
        """Build (or read from our cache) the dictionary; slow the first time, call off-UI."""
        with self._lock:
            if self._tokenizer is not None:
                return
            frequencies, total, longest = _base_dictionary()
            tokenizer = _import_jieba().Tokenizer()
            tokenizer.FREQ = dict(frequencies)  # our words are added to this copy only
            tokenizer.total = total
            tokenizer.initialized = True
            self._longest = dict(longest)
            self._longest_word = max(longest.values(), default=1)
            self._tokenizer = tokenizer
            pending, self._pending = self._pending, []
            self._add(pending)

    def add_words(self, words: Iterable[str]) -> None:
        """Make each word a dictionary word; adding a word again does nothing.

        A word gets the frequency jieba suggests: just enough to stay whole against its own
        pieces. Any higher and jieba glues it together out of its neighbours' halves
        (紧抓|手中 would become 紧|抓手|中), which is exactly what the term finder must see.
        """
        with self._lock:
            if self._tokenizer is None:
                self._pending.extend(w for w in words if w)
            else:
                self._add(words)

    def _add(self, words: Iterable[str]) -> None:
        tokenizer = self._tokenizer
        for word in words:
            if word and word not in self._added:
                self._added.add(word)
                tokenizer.add_word(word, tokenizer.suggest_freq(word))
                self._longest[word[0]] = max(self._longest.get(word[0], 0), len(word))
                self._longest_word = max(self._longest_word, len(word))

    def frequency(self, word: str) -> int:
        """The word's count in the dictionary (0 if it is not a word); loads it if needed."""
        self.ensure_loaded()
        return int(self._tokenizer.FREQ.get(word) or 0)

    def dictionary_words(self, text: str) -> list[tuple[int, int]]:
        """``text`` cut into as few of jieba's own dictionary words (added ones left out) as
        possible, a character where none fits: the parts of an added term (社会主义|和谐社会)."""
        frequencies, _, _ = _base_dictionary()
        fewest: list[tuple[int, int]] = [(0, 0)] + [(len(text) + 1, 0)] * len(text)
        for end in range(1, len(text) + 1):
            for start in range(max(0, end - 12), end):
                if end - start == 1 or frequencies.get(text[start:end]):
                    count = fewest[start][0] + 1
                    if count < fewest[end][0]:
                        fewest[end] = (count, start)
        spans = []
        end = len(text)
        while end:
            start = fewest[end][1]
            spans.append((start, end))
            end = start
        return spans[::-1]

    def frequencies(self) -> dict[str, int]:
        """Every dictionary word and its count (a prefix of a word has count 0); read only."""
        self.ensure_loaded()
        frequencies: dict[str, int] = self._tokenizer.FREQ
        return frequencies

    @property
    def total(self) -> int:
        """The sum of all counts: a word's probability is ``frequency(word) / total``."""
        self.ensure_loaded()
        return int(self._tokenizer.total)

    def spanned(self, text: str, place: int, *, ignore: Container[str] = ()) -> bool:
        """Whether jieba *could* put a word across ``place`` (one word with chars on both sides).

        Some dictionary word not in ``ignore`` must cover ``text[place - 1 : place + 1]``
        (or both characters are ASCII letters or digits, which jieba runs together). When
        none does, every segmentation has a word edge there, so segmenting can be skipped.
        """
        if not 0 < place < len(text):
            return False
        if _ASCII_WORD_CHAR.match(text, place - 1) and _ASCII_WORD_CHAR.match(text, place):
            return True
        self.ensure_loaded()
        with self._lock:
            freq = self._tokenizer.FREQ
            longest = self._longest
            for start in range(place - 1, max(0, place - self._longest_word) - 1, -1):
                if longest.get(text[start], 0) <= place - start:
                    continue  # no word starting with this character is that long
                # Words starting here that reach past ``place`` all begin with this prefix.
                end = place + 1
                fragment = text[start:end]
                while fragment in freq:
                    if freq[fragment] and fragment not in ignore:
                        return True
                    end += 1
                    if end > len(text):
                        break
                    fragment = text[start:end]
        return False

    def segment(self, simplified_text: str) -> list[tuple[int, int]]:
        """Spans ``(start, end)`` of the words, covering the whole text in order.

        Pass simplified text: jieba's dictionary is simplified, and t2s keeps the character
        count, so the spans are also places in the original text.
        """
        self.ensure_loaded()
        spans: list[tuple[int, int]] = []
        start = 0
        with self._lock:
            for word in self._tokenizer.cut(simplified_text, HMM=False):
                end = start + len(word)
                spans.append((start, end))
                start = end
        return spans
