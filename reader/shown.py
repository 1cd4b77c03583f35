"""What each paragraph looks like in the script on screen, converted once and remembered.

The original script is the original text itself. Other scripts are converted from the
original (never from another conversion), visible paragraphs first, the rest in a worker.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable

from reader.document import Document
from reader.script import Script, ScriptConverter, Variant, detect_script, keeps_length
from reader.spans import nearest_first

#: A paragraph as shown: its text, and each shown character's offset in the original
#: (None: the same offsets, as t2s, s2t, tw and hk keep the length).
Shown = tuple[str, list[int] | None]
_BATCH_CHARS = 20_000  # characters converted in one OpenCC call by the background worker


class ShownText:
    """Per-script caches of converted paragraphs for one document."""

    def __init__(self, document: Document, variant: Variant = "tw") -> None:
        self.document = document
        self.own_script: Script = detect_script(document.text)
        self.variant = variant
        self._caches: dict[Script, dict[int, Shown]] = {}
        self._short: dict[tuple[Script, str], str] = {}
        self._lock = threading.Lock()

    def converter(self, script: Script) -> ScriptConverter:
        return ScriptConverter(self.own_script, script, self.variant)

    def paragraph(self, script: Script, index: int) -> Shown:
        original = self.document.paragraph_text(index)
        if script == self.own_script:
            return original, None
        cache = self._caches.setdefault(script, {})
        shown = cache.get(index)
        if shown is None:
            shown = self.converter(script).convert_mapped(original)
            with self._lock:
                cache[index] = shown
        return shown

    def shower(self, script: Script) -> Callable[[int], Shown]:
        return lambda index: self.paragraph(script, index)

    def convert(self, script: Script, text: str) -> str:
        """Short strings (titles, labels), converted once per script."""
        if script == self.own_script:
            return text
        key = (script, text)
        shown = self._short.get(key)
        if shown is None:
            shown = self.converter(script).convert(text)
            with self._lock:
                self._short[key] = shown
        return shown

    def is_complete(self, script: Script) -> bool:
        if script == self.own_script:
            return True
        return len(self._caches.get(script, {})) >= len(self.document.paragraphs)

    def fill(
        self, script: Script, order: Iterable[int], cancelled: Callable[[], bool] = lambda: False
    ) -> int:
        """Convert paragraphs in the given order (for a worker); returns how many it did.

        Paragraphs are converted in batches joined by newlines (OpenCC never converts across
        a newline), which is much faster than one call each, and split back by length.
        """
        if script == self.own_script:
            return 0
        cache = self._caches.setdefault(script, {})
        converter = self.converter(script)
        done = 0
        batch: list[int] = []
        size = 0
        for index in order:
            if index in cache:
                continue
            batch.append(index)
            size += self.document.paragraphs[index].end - self.document.paragraphs[index].start
            if size >= _BATCH_CHARS:
                if cancelled():
                    return done
                done += self._convert_batch(converter, cache, batch)
                batch, size = [], 0
                time.sleep(0)  # hand the GIL back at once, so the screen never waits on this
        if batch and not cancelled():
            done += self._convert_batch(converter, cache, batch)
        return done

    def _convert_batch(
        self, converter: ScriptConverter, cache: dict[int, Shown], batch: list[int]
    ) -> int:
        originals = [self.document.paragraph_text(index) for index in batch]
        joined = "\n".join(originals)
        converted = converter.convert(joined) if keeps_length(converter.variant) else None
        if converted is None or len(converted) != len(joined):
            results = [converter.convert_mapped(text) for text in originals]
        else:
            results, position = [], 0
            for text in originals:
                results.append((converted[position : position + len(text)], None))
                position += len(text) + 1
        with self._lock:
            for index, shown in zip(batch, results, strict=True):
                cache[index] = shown
        return len(batch)

    def outward_from(self, index: int) -> list[int]:
        """Paragraph indices nearest ``index`` first, so what the reader sees next is ready."""
        return nearest_first(index, len(self.document.paragraphs))
