"""What each paragraph looks like in the script on screen, converted once and remembered.

The original script is the original text itself. Other scripts are converted from the
original (never from another conversion), visible paragraphs first, the rest in a worker.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable

from reader.document import Document
from reader.script import Script, ScriptConverter, Variant, detect_script

Shown = tuple[str, list[int] | None]


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
            shown = self._short[key] = self.converter(script).convert(text)
        return shown

    def is_complete(self, script: Script) -> bool:
        if script == self.own_script:
            return True
        return len(self._caches.get(script, {})) >= len(self.document.paragraphs)

    def fill(
        self, script: Script, order: Iterable[int], cancelled: Callable[[], bool] = lambda: False
    ) -> int:
        """Convert paragraphs in the given order (for a worker); returns how many it did."""
        done = 0
        for index in order:
            if cancelled():
                break
            self.paragraph(script, index)
            done += 1
            time.sleep(0)  # hand the GIL back at once, so the screen never waits on this thread
        return done

    def outward_from(self, index: int) -> list[int]:
        """Paragraph indices nearest ``index`` first, so what the reader sees next is ready."""
        count = len(self.document.paragraphs)
        order = [index]
        for distance in range(1, count):
            if index + distance < count:
                order.append(index + distance)
            if index - distance >= 0:
                order.append(index - distance)
            if index + distance >= count and index - distance < 0:
                break
        return [i for i in order if 0 <= i < count]
