"""The user's settings file, ``settings.toml`` in the reader's config directory.

``reader --config-path`` prints where it lives. Every setting is optional; a missing file
means all defaults. A mistake in the file never stops the reader: the setting in question
keeps its default and the reader names the file, the line and what is wrong, e.g.
``settings.toml:3: 'reading_width' must be a whole number from 20 to 400``.

Example::

    # Which regional standard conversions use: tw (Taiwan), hk (Hong Kong),
    # cn (OpenCC's standard forms), twp (Taiwan, with Taiwanese words: 软件 -> 軟體).
    variant = "tw"

    # The widest a line of text gets, in terminal columns (20 to 400).
    reading_width = 80

    # A Textual theme name; leave it out for the default theme.
    theme = "nord"

    # Your HSK level (1 to 6, or "7-9"), until you choose one in the reader: words above it
    # get pinyin in the hard-words pinyin mode and count as unknown unless you mark them.
    level = 3

    # What the reading line above the text shows: "pinyin" or "zhuyin" (ㄅㄆㄇ).
    ruby = "pinyin"

    # Change keys: binding id = key(s), several keys separated by commas.
    [keymap]
    script = "x"
    quit = "ctrl+q,f10"

Defaults: ``variant = "tw"``, ``reading_width = 80``, no theme, no level, pinyin, no key
changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader import paths
from reader.levels import parse_level
from reader.readings import RUBY_STYLES
from reader.script import VARIANTS, Variant

if TYPE_CHECKING:
    import tomllib

MIN_READING_WIDTH = 20
MAX_READING_WIDTH = 400

_KNOWN = ("variant", "reading_width", "theme", "level", "ruby", "keymap")
_TOML_POSITION = re.compile(
    r"^(?P<reason>.*) \(at (?:line (?P<line>\d+), column \d+|end of document)\)$"
)
_TABLE_HEADER = re.compile(r"^\s*\[\[?\s*(?P<name>[^\]]*?)\s*\]\]?\s*(?:#.*)?$")
_KEY_LINE = re.compile(r"^\s*(?P<key>[^=#\[]+?)\s*=")


def settings_path() -> Path:
    return paths.config_dir() / "settings.toml"


@dataclass(frozen=True)
class Settings:
    variant: Variant = "tw"
    reading_width: int = 80
    theme: str | None = None
    level: int | None = None  # the reader's HSK level, 1-6 or 7 (the 7-9 band)
    ruby: str = "pinyin"  # or "zhuyin"
    # binding id -> keys in Textual's keymap format, e.g. {"quit": "ctrl+q,f10"}
    keymap: dict[str, str] = field(default_factory=dict, hash=False)


def load_settings(path: Path | None = None) -> tuple[Settings, list[str]]:
    """The settings and a list of one-line problems; never raises, whatever the file holds."""
    path = path if path is not None else settings_path()
    try:
        raw = path.read_text(encoding="utf-8-sig")  # Notepad starts files with a BOM
    except FileNotFoundError:
        return Settings(), []
    except (OSError, UnicodeDecodeError) as error:
        return Settings(), [f"{path}: cannot read the settings ({error}); using the defaults"]
    import tomllib  # only when there is a file to read: most readers never write one

    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        return Settings(), [_syntax_problem(path, raw, error)]

    lines = raw.splitlines()
    problems: list[str] = []

    def problem(key_path: tuple[str, ...], message: str) -> None:
        line = _find_line(lines, key_path)
        problems.append(f"{path}:{line}: {message}" if line else f"{path}: {message}")

    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _KNOWN:
            problem((key,), f"unknown setting {key!r}")
        elif key == "variant":
            if isinstance(value, str) and value.strip().lower() in VARIANTS:
                values["variant"] = value.strip().lower()
            else:
                problem((key,), "'variant' must be one of " + ", ".join(VARIANTS))
        elif key == "reading_width":
            if (
                isinstance(value, int)
                and not isinstance(value, bool)
                and MIN_READING_WIDTH <= value <= MAX_READING_WIDTH
            ):
                values["reading_width"] = value
            else:
                problem(
                    (key,),
                    f"'reading_width' must be a whole number from {MIN_READING_WIDTH}"
                    f" to {MAX_READING_WIDTH}",
                )
        elif key == "theme":
            if isinstance(value, str) and value.strip():
                values["theme"] = value.strip()
            else:
                problem((key,), "'theme' must be a theme name in quotes")
        elif key == "level":
            chosen = parse_level(str(value)) if isinstance(value, (int, str)) else None
            if chosen is not None and not isinstance(value, bool):
                values["level"] = chosen
            else:
                problem((key,), "'level' must be an HSK level: 1 to 6, or \"7-9\"")
        elif key == "ruby":
            if isinstance(value, str) and value.strip().lower() in RUBY_STYLES:
                values["ruby"] = value.strip().lower()
            else:
                problem((key,), "'ruby' must be one of " + ", ".join(RUBY_STYLES))
        else:
            values["keymap"] = _keymap(value, problem)
    return Settings(**values), problems


_Report = Callable[[tuple[str, ...], str], None]


def _keymap(value: Any, problem: _Report) -> dict[str, str]:
    """Keep each valid binding; a bad one is reported and dropped on its own."""
    if not isinstance(value, dict):
        problem(
            ("keymap",), "'keymap' must be a table: [keymap] followed by lines like quit = \"q\""
        )
        return {}
    keymap: dict[str, str] = {}
    for binding, keys in value.items():
        if isinstance(keys, str) and _valid_keys(keys):
            keymap[binding] = keys.replace(" ", "")
        else:
            problem(
                ("keymap", binding),
                f'\'keymap.{binding}\' must be keys in quotes, such as "ctrl+q" or "q,f10"',
            )
    return keymap


def _valid_keys(keys: str) -> bool:
    """Comma-separated key names, none empty and none with spaces inside."""
    parts = [part.strip() for part in keys.split(",")]
    return all(part and not any(char.isspace() for char in part) for part in parts)


def _syntax_problem(path: Path, raw: str, error: tomllib.TOMLDecodeError) -> str:
    message = str(error)
    match = _TOML_POSITION.match(message)
    if match is None:
        return f"{path}: {message}"
    line = match["line"] or str(max(1, len(raw.splitlines())))
    return f"{path}:{line}: {match['reason']}"


def _find_line(lines: list[str], key_path: tuple[str, ...]) -> int | None:
    """The 1-based line where a key (or its table) is written, found by reading the raw text.

    tomllib does not report positions, so this follows table headers and dotted keys; a key
    inside an inline table is reported at the line of that table.
    """
    table: tuple[str, ...] = ()
    best: int | None = None
    for number, line in enumerate(lines, start=1):
        header = _TABLE_HEADER.match(line)
        if header is not None:
            table = _split_key(header["name"])
            if table == key_path:
                return number
            continue
        key_line = _KEY_LINE.match(line)
        if key_line is None:
            continue
        full = table + _split_key(key_line["key"])
        if full == key_path:
            return number
        if best is None and full and key_path[: len(full)] == full:
            best = number  # the key's parent, e.g. an inline table
        elif best is None and len(full) > len(key_path) and full[: len(key_path)] == key_path:
            best = number  # a dotted key below it, e.g. ``keymap.quit`` for 'keymap'
    return best


def _split_key(text: str) -> tuple[str, ...]:
    """``a."b.c" . d`` -> ("a", "b.c", "d"): a TOML key as its parts, quotes removed."""
    parts: list[str] = []
    for match in re.finditer(r'\s*("(?:[^"\\]|\\.)*"|\'[^\']*\'|[^.\s]+)\s*(?:\.|$)', text):
        part = match.group(1)
        if part[0] in "\"'":
            part = part[1:-1]
        parts.append(part)
    return tuple(parts)
