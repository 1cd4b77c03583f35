"""Traditional and simplified script: detect which a text is in, convert between them.

Conversion always starts from the original text (t2s then s2t is lossy), and a text shown in
its own script is the original, unchanged. Converters are built once and shared.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from reader.converter import OpenCC, dictionary_entries, load_config

Script = Literal["traditional", "simplified"]
ScriptChoice = Literal["original", "traditional", "simplified"]
Variant = Literal["tw", "hk", "cn", "twp"]

SCRIPTS: tuple[Script, ...] = ("traditional", "simplified")
VARIANTS: tuple[Variant, ...] = ("tw", "hk", "cn", "twp")
SCRIPT_LABELS: dict[Script, str] = {"traditional": "繁", "simplified": "简"}

# OpenCC configuration for (target script, variant)
_CONFIGS: dict[tuple[Script, Variant], str] = {
    ("traditional", "tw"): "s2tw",
    ("traditional", "hk"): "s2hk",
    ("traditional", "cn"): "s2t",
    ("traditional", "twp"): "s2twp",
    ("simplified", "tw"): "tw2s",
    ("simplified", "hk"): "hk2s",
    ("simplified", "cn"): "t2s",
    ("simplified", "twp"): "tw2sp",
}
_DETECT_SAMPLE = 4000  # characters read to decide a document's script

_build_lock = threading.Lock()


@cache
def _converter(config: str) -> OpenCC:
    with _build_lock:
        return OpenCC(config)  # its dictionaries load now, not on first use in a hot path


def to_simplified(text: str) -> str:
    """The form used for matching terms and searches: t2s keeps the character count.

    Text with no character that t2s could change (most of a simplified book) is returned as it
    is, without running OpenCC over it; in a text of many lines, only the lines with such a
    character are converted.
    """
    changes = _t2s_changes()
    if changes.isdisjoint(text):
        return text
    convert = _converter("t2s").convert
    if "\n" not in text:
        return convert(text)
    lines = text.split("\n")
    changing = [index for index, line in enumerate(lines) if not changes.isdisjoint(line)]
    if len(changing) == len(lines):
        return convert(text)
    # no conversion makes or takes a line break, so the lines come back one for one
    converted = convert("\n".join(lines[index] for index in changing)).split("\n")
    for index, line in zip(changing, converted, strict=True):
        lines[index] = line
    return "\n".join(lines)


def keep_length(text: str, convert: Callable[[str], str]) -> str:
    """``convert(text)``, or, where a phrase changed the length, each character on its own:
    offsets in the result must stay places in ``text``."""
    converted = convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(char if len(one := convert(char)) != 1 else one for char in text)


def simplified_in_place(text: str) -> str:
    """``text`` in simplified script, character for character (for matching by place)."""
    return keep_length(text, to_simplified)


@cache
def _t2s_changes() -> frozenset[str]:
    """Every character that t2s can change, alone or inside one of its phrases."""
    return load_config("t2s").changeable()


def other(script: Script) -> Script:
    return "simplified" if script == "traditional" else "traditional"


def detect_script(text: str) -> Script:
    """Mainly traditional or mainly simplified: stray 干/于 in a traditional text don't count.

    Counts characters that exist only in one script, from OpenCC's own character tables, so
    deciding costs milliseconds and builds no converter before the first paint.
    """
    traditional_only, simplified_only = _script_only_characters()
    sample = text[: _DETECT_SAMPLE * 4]
    traditional = sum(1 for char in sample if char in traditional_only)
    simplified = sum(1 for char in sample if char in simplified_only)
    return "traditional" if traditional > simplified else "simplified"


@cache
def _script_only_characters() -> tuple[frozenset[str], frozenset[str]]:
    """Characters that conversion to the other script always changes."""
    return _changed_keys("TSCharacters.txt"), _changed_keys("STCharacters.txt")


def _changed_keys(name: str) -> frozenset[str]:
    return frozenset(key for key, values in dictionary_entries(name) if key not in values)


def resolve(choice: ScriptChoice | None, document_script: Script) -> Script:
    """The script to show for a user's choice ("original" and None mean the document's own)."""
    if choice in SCRIPTS:
        return choice
    return document_script


def keeps_length(variant: Variant) -> bool:
    """Only Taiwan phrase conversion (twp) rewrites words with other lengths."""
    return variant != "twp"


@dataclass(frozen=True, slots=True)
class ScriptConverter:
    """Converts a document's text from its own script to the one shown."""

    source: Script
    target: Script
    variant: Variant = "tw"

    @property
    def is_identity(self) -> bool:
        return self.source == self.target

    def convert(self, text: str) -> str:
        if self.is_identity or not text:
            return text
        return _converter(_CONFIGS[(self.target, self.variant)]).convert(text)

    def convert_mapped(self, text: str) -> tuple[str, list[int] | None]:
        """Converted text and, when lengths differ, each shown character's original offset.

        None means offsets are the same in both (every variant but twp). For twp, a phrase
        that changed length spreads its characters evenly over the phrase it replaced.
        """
        if self.is_identity or not text:
            return text, None
        shown, offsets = _converter(_CONFIGS[(self.target, self.variant)]).convert_mapped(text)
        return shown, offsets


def warm_up(converter: ScriptConverter) -> None:
    """Build the OpenCC tables ahead of the first keypress (safe to call from a thread)."""
    if not converter.is_identity:
        _converter(_CONFIGS[(converter.target, converter.variant)])
