"""The user's settings file, ``settings.toml`` in the reader's config directory.

``reader --config-path`` prints where it lives. Every setting is optional; a missing file
means all defaults. A mistake in the file never stops the reader: the setting in question
keeps its default and the reader names the file, the line and what is wrong, e.g.
``settings.toml:3: 'reading_width' must be a whole number from 20 to 400``. A line TOML
cannot parse is left out, and the rest of the file applies.

Example::

    # Which regional standard conversions use: tw (Taiwan), hk (Hong Kong),
    # cn (OpenCC's standard forms), twp (Taiwan, with Taiwanese words: 软件 -> 軟體).
    variant = "tw"

    # The widest a line of text gets, in terminal columns (20 to 400).
    reading_width = 80

    # A Textual theme name; leave it out for the default theme. A theme picked in the
    # command palette wins until this line changes.
    theme = "nord"

    # Your HSK level (1 to 6, or "7-9"), until you choose one in the reader: words above it
    # get pinyin in the hard-words pinyin mode and count as unknown unless you mark them.
    level = 3

    # What the reading line above the text shows: "pinyin" or "zhuyin" (ㄅㄆㄇ).
    ruby = "pinyin"

    # Whether the reading over the text gives 一 and 不 their tones as spoken (一样 yíyàng,
    # 不是 búshì, 一年 yìnián) or the dictionary's (yīyàng, bùshì). The popups always show
    # the dictionary's.
    tone_sandhi = false

    # Whether the outline shows, at the end of each section's row, the share of its running
    # words you do not know (O in the reader shows or hides it).
    outline_unknown = true

    # Change keys: binding id = key(s), several keys separated by commas.
    [keymap]
    script = "x"
    quit = "ctrl+q,f10"

Defaults: ``variant = "tw"``, ``reading_width = 80``, no theme, no level, pinyin, tones
as spoken, no figures in the outline, no key changes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader import paths
from reader.levels import parse_level
from reader.readings import RUBY_STYLES
from reader.script import VARIANTS, Variant
from reader.storage import MB, TooLarge, read_limited

if TYPE_CHECKING:
    import tomllib

#: The one range of the reading width: the settings file, the saved state and `-`/`+`.
MIN_READING_WIDTH = 20
SETTINGS_LIMIT = 1 * MB  # a settings file is a few lines: a larger one is a mistake
MAX_READING_WIDTH = 400

_KNOWN = (
    *("variant", "reading_width", "theme", "level", "ruby", "tone_sandhi", "outline_unknown"),
    "keymap",
)
MAX_SKIPPED_LINES = 10  # syntax errors left out before the whole file is given up
_MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
# Textual's names for keys that are not characters (textual.keys.Keys), and their aliases
_NAMED_KEYS = frozenset(
    {
        "escape", "enter", "return", "tab", "space", "backspace", "delete", "insert", "home",
        "end", "pageup", "pagedown", "up", "down", "left", "right", "backtab", "ctrl",
        "shift", "alt", "meta", "super", "hyper", "caps_lock", "num_lock", "scroll_lock",
        "print_screen", "pause", "menu", "esc", "newline",
        "slash", "backslash", "at", "minus", "plus", "underscore",
    }
)  # fmt: skip
# Unicode names Textual replaces with the ones above: a binding to them never fires
_REPLACED_NAMES = frozenset(
    {"solidus", "reverse_solidus", "commercial_at", "hyphen_minus", "plus_sign", "low_line"}
)
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
    tone_sandhi: bool = True  # 一 and 不 over the text as spoken (一样 yíyàng), not yī and bù
    outline_unknown: bool = False  # the outline shows each section's share of unknown words
    # binding id -> keys in Textual's keymap format, e.g. {"quit": "ctrl+q,f10"}
    keymap: dict[str, str] = field(default_factory=dict, hash=False)


def load_settings(path: Path | None = None) -> tuple[Settings, list[str]]:
    """The settings and a list of one-line problems; never raises, whatever the file holds."""
    path = path if path is not None else settings_path()
    try:
        # Notepad starts files with a BOM
        raw = read_limited(path, SETTINGS_LIMIT).decode("utf-8-sig")
    except FileNotFoundError:
        return Settings(), []
    except TooLarge as error:
        return Settings(), [f"{path}: {error.strerror}; using the defaults"]
    except (OSError, UnicodeDecodeError) as error:
        return Settings(), [f"{path}: cannot read the settings ({error}); using the defaults"]
    data, problems = _parse_skipping_bad_lines(path, raw)
    if data is None:
        return Settings(), problems

    lines = raw.splitlines()

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
        elif key in ("outline_unknown", "tone_sandhi"):
            if isinstance(value, bool):
                values[key] = value
            else:
                problem((key,), f"'{key}' must be true or false")
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
        if not isinstance(keys, str) or not _keys_written_right(keys):
            problem(
                ("keymap", binding),
                f'\'keymap.{binding}\' must be keys in quotes, such as "ctrl+q" or "q,f10"',
            )
            continue
        unknown = [key for key in keys.replace(" ", "").split(",") if not is_key_name(key)]
        if unknown:
            names = ", ".join(repr(key) for key in unknown)
            problem(
                ("keymap", binding),
                f"'keymap.{binding}': {names} is not a key name (keys are written like q, "
                "f10, ctrl+q, escape, question_mark)",
            )
            continue
        keymap[binding] = keys.replace(" ", "")
    return keymap


def _keys_written_right(keys: str) -> bool:
    """Comma-separated key names, none empty and none with spaces inside."""
    parts = [part.strip() for part in keys.split(",")]
    return all(part and not any(char.isspace() for char in part) for part in parts)


def is_key_name(key: str) -> bool:
    """Whether Textual has a key of this name: one character, a named key (escape, f10,
    pageup), a character's Unicode name in lower case with underscores (question_mark),
    each optionally after modifiers (ctrl+shift+q)."""
    *modifiers, name = key.split("+")
    if any(modifier not in _MODIFIERS for modifier in modifiers):
        return False
    if len(name) == 1 or name in _NAMED_KEYS or re.fullmatch(r"f(?:[1-9]|1\d|2[0-4])", name):
        return True
    if not name or name != name.lower() or name in _REPLACED_NAMES:
        return False
    try:
        unicodedata.lookup(name.replace("_", " "))
    except KeyError:
        return False
    return True


def _parse_skipping_bad_lines(path: Path, raw: str) -> tuple[dict[str, Any] | None, list[str]]:
    """Parse the file; at a syntax error, leave that line out and try again, so that one typo
    costs one setting, not all of them. None (with the reason) when that does not help."""
    import tomllib  # only when there is a file to read: most readers never write one

    lines = raw.split("\n")
    problems: list[str] = []
    for _ in range(MAX_SKIPPED_LINES + 1):
        try:
            return tomllib.loads("\n".join(lines)), problems
        except tomllib.TOMLDecodeError as error:
            line, reason = _syntax_position(error, len(lines))
            if line is None or not lines[line - 1].strip() or len(problems) == MAX_SKIPPED_LINES:
                where = f"{path}:{line}" if line else f"{path}"
                return None, [*problems, f"{where}: {reason}; using the defaults"]
            problems.append(f"{path}:{line}: {reason}; that line is left out, the rest applies")
            lines[line - 1] = ""
    return None, problems  # not reached: the loop returns


def _syntax_position(error: tomllib.TOMLDecodeError, line_count: int) -> tuple[int | None, str]:
    """The 1-based line of a syntax error and its reason (tomllib puts both in the message)."""
    message = str(error)
    match = _TOML_POSITION.match(message)
    if match is None:
        return None, message
    line = int(match["line"]) if match["line"] else max(1, line_count)
    return min(line, max(1, line_count)), match["reason"]


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
