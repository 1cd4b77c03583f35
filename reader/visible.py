"""Control characters made visible, so that a document's text never drives the terminal.

A document, a glossary or a file name may hold ESC sequences (a window title, a clipboard
write, a cursor move), C1 controls or any other C0 control. Written raw to a terminal they are
obeyed, not shown. Here each one becomes a single visible symbol (ESC ␛, NUL ␀, DEL ␡, a C1
control ␦), one character for one, so a place in the text is the same place in what is shown.
Both the TUI and the command line use this; neither imports the other.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["CONTROL_PICTURES", "control_runs", "marked", "visible"]

#: C0 controls as Unicode's control pictures (U+2400-U+241F), DEL as ␡, and every C1 control
#: (U+0080-U+009F, which have no pictures) as ␦, the symbol for a substituted character.
CONTROL_PICTURES: dict[int, str] = (
    {code: chr(0x2400 + code) for code in range(0x20)}
    | {0x7F: "\u2421"}
    | {code: "\u2426" for code in range(0x80, 0xA0)}
)

_CONTROLS = "".join(map(chr, CONTROL_PICTURES))


@cache
def _pattern(keep: str) -> re.Pattern[str]:
    """Runs of control characters, less those in ``keep``."""
    wanted = "".join(char for char in _CONTROLS if char not in keep)
    return re.compile(f"[{re.escape(wanted)}]+")


@cache
def _table(keep: str) -> dict[int, str]:
    return {code: picture for code, picture in CONTROL_PICTURES.items() if chr(code) not in keep}


def visible(text: str, keep: str = "") -> str:
    """``text`` with every control character (except those in ``keep``) as its symbol.

    Same length as ``text``: offsets into one are offsets into the other.
    """
    if _pattern(keep).search(text) is None:  # the usual case: no copy
        return text
    return text.translate(_table(keep))


def control_runs(text: str, keep: str = "") -> list[tuple[int, int]]:
    """(start, end) of each run of control characters (except ``keep``), to style them apart."""
    return [match.span() for match in _pattern(keep).finditer(text)]


def marked(text: str, before: str, after: str, keep: str = "") -> str:
    """:func:`visible`, with ``before`` and ``after`` around each run of symbols.

    For a terminal, ``before``/``after`` are the codes that set a symbol apart (reverse video),
    so that a ␛ the document wrote itself is told from an ESC it held.
    """
    pattern = _pattern(keep)
    if pattern.search(text) is None:
        return text
    table = _table(keep)
    return pattern.sub(lambda match: before + match.group().translate(table) + after, text)
