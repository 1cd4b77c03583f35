"""CJK-aware line wrapping by terminal cells.

Rich and Textual break lines only at spaces, which turns a Chinese paragraph into one endless
word. Here a paragraph is broken into screen lines the way Chinese typesetting expects: between
any two CJK characters, at spaces and after hyphens in Latin text (never inside a word or a
number), and never so that a line starts with closing punctuation or ends with opening
punctuation (kinsoku). Lines are ``(start, end)`` offsets into the paragraph text, so every
layer above can map a screen line back to its place in the original text.

Widths come from rich's cell table (what the terminal shows); they are cached per character,
and a line break is found by bisecting prefix sums, so the cost per line is a short backward
scan rather than a walk over every character in Python.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from rich.cells import cell_len, get_character_cell_size

from reader.visible import CONTROL_PICTURES

__all__ = ["NO_LINE_END", "NO_LINE_START", "cell_width", "display", "estimate_lines", "wrap"]

# Characters that must not begin a line: closing brackets and quotes, sentence and clause
# punctuation, ellipses and dashes (which also keeps "……" and "——" from being split).
NO_LINE_START = frozenset("，。、．；：？！…‥⋯—―·・､｡%％,.;:?!)]}）］｝〕〗〙〛」』》〉】｣’”〞")
# Characters that must not end a line: opening brackets and quotes.
_NO_END = frozenset("（［｛〔〖〘〚「『《〈【｢‘“([{")
NO_LINE_END = _NO_END

_WHITESPACE = frozenset(" \t\n")  # dropped at a line break; full-width spaces are content
_IDEOGRAPHIC_SPACE = "\u3000"
_ZWJ = "\u200d"
_VS16 = "\ufe0f"
# Punctuation shared by Chinese and English text: on its own it says nothing about which
# script surrounds it, so the characters next to it decide.
_AMBIGUOUS = frozenset("“”‘’…‥⋯—―·")
_HYPHENS = frozenset("-\u2010\u2013\u2014")  # a Latin word may break after these

# How a character takes part in line breaking.
_WORD = 0  # Latin letters, digits and their punctuation: no break between two of these
_WIDE = 1  # CJK characters, full-width forms, emoji: a break is allowed on either side
_AMBIG = 2  # see _AMBIGUOUS
_GLUE = 3  # zero-width marks (combining, ZWJ, VS16): stay with the character before
_SPACE = 4  # see _WHITESPACE
_ZWSP = 5  # zero-width space: an explicit break opportunity


class _CellTable(dict[str, int]):
    """Cell width per character, filled on first use; rich's table is the truth."""

    def __missing__(self, char: str) -> int:
        if "\u4e00" <= char <= "\u9fff":
            width = 2
        elif ord(char) in CONTROL_PICTURES:  # shown as its one-cell symbol
            width = 1
        else:
            width = get_character_cell_size(char)
        self[char] = width
        return width


class _KindTable(dict[str, int]):
    """Line-breaking kind per character, filled on first use."""

    def __missing__(self, char: str) -> int:
        kind = _classify(char)
        self[char] = kind
        return kind


def _classify(char: str) -> int:
    if char in _WHITESPACE:
        return _SPACE
    if char == "\u200b":
        return _ZWSP
    code = ord(char)
    if _CELLS[char] == 2 or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF:
        return _WIDE
    if char in _AMBIGUOUS:
        return _AMBIG
    if _CELLS[char] == 0:
        return _GLUE
    return _WORD


# "\n" is 0 here and becomes 1 where it is shown as a space; a tab is shown as one space.
_CELLS = _CellTable({chr(code): 1 for code in range(0x20, 0x7F)} | {"\t": 1, "\n": 0})
_KIND = _KindTable()


def _near_wide(text: str, index: int, step: int) -> bool:
    """Whether the character at ``index`` is CJK, looking past ambiguous punctuation."""
    end = len(text)
    while 0 <= index < end and text[index] in _AMBIGUOUS:
        index += step
    return 0 <= index < end and _KIND[text[index]] == _WIDE


def _newline_is_space(text: str, index: int) -> bool:
    """Whether the "\\n" at ``index`` is shown as a space (hard-wrapped Latin text).

    Next to CJK it is shown as nothing (hard-wrapped Chinese); next to a space or tab it is
    shown as nothing too, since that space already separates the words, and of a run of
    newlines only the first may become a space.
    """
    if index == 0 or text[index - 1] in _WHITESPACE:
        return False
    after = index + 1
    end = len(text)
    while after < end and text[after] == "\n":
        after += 1
    if after == end or text[after] in _WHITESPACE:
        return False
    return not _near_wide(text, index - 1, -1) and not _near_wide(text, after, 1)


def _widths(text: str) -> list[int]:
    """Cell width of every character of ``text``, as :func:`display` shows it."""
    widths = list(map(_CELLS.__getitem__, text))
    index = text.find("\n")
    while index >= 0:
        if _newline_is_space(text, index):
            widths[index] = 1
        index = text.find("\n", index + 1)
    index = text.find(_VS16)
    while index >= 0:  # VS16 widens some narrow characters (as rich.cells.cell_len counts)
        if index:
            widths[index] = max(0, cell_len(text[index - 1 : index + 1]) - widths[index - 1])
        index = text.find(_VS16, index + 1)
    return widths


def cell_width(text: str) -> int:
    """Width of ``text`` in cells, measuring "\\n" and tabs as :func:`display` shows them (and a
    control character as the one-cell symbol the screen shows for it)."""
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(_widths(text))


def display(text: str, start: int, end: int) -> str:
    """The string shown for ``text[start:end]``: inner newlines resolved, tabs as spaces.

    A newline between Latin text is a space (hard-wrapped English); next to CJK it is nothing
    (hard-wrapped Chinese). The whole ``text`` is passed so a newline can see its neighbours.
    Other control characters are left in: the widget shows each as a symbol (reader.visible).
    """
    shown = text[start:end]
    if "\n" in shown:
        parts: list[str] = []
        position = start
        index = text.find("\n", start, end)
        while index >= 0:
            parts.append(text[position:index])
            if _newline_is_space(text, index):
                parts.append(" ")
            position = index + 1
            index = text.find("\n", position, end)
        parts.append(text[position:end])
        shown = "".join(parts)
    if "\t" in shown:
        shown = shown.replace("\t", " ")
    return shown


def estimate_lines(text: str, width: int, first_indent: int = 0) -> int:
    """Roughly how many lines :func:`wrap` makes, without wrapping (kinsoku may add a few)."""
    if not text.strip(" \t\n"):
        return 0
    cells = cell_width(text) + max(first_indent, 0)
    return max(1, -(-cells // max(width, 1)))


def _class_allows(text: str, brk: int, start: int) -> bool:
    """Whether two adjacent characters (no space between) may be split at ``brk``."""
    after = _KIND[text[brk]]
    if after in (_GLUE, _ZWSP):
        return False
    prev = brk - 1
    before = _KIND[text[prev]]
    if before == _GLUE:
        if text[prev] == _ZWJ:
            return False
        while prev > start and _KIND[text[prev]] == _GLUE:  # judge by the base character
            prev -= 1
        before = _KIND[text[prev]]
    if before in (_WIDE, _ZWSP) or after == _WIDE:
        return True
    if before == _AMBIG and after == _AMBIG:  # e.g. ”“ or ……“ in Chinese text
        return True
    # after a hyphen or dash inside a word: "well-|known", but never "2022-|11" or "COVID-|19"
    return (
        text[brk - 1] in _HYPHENS
        and brk - 2 >= start
        and text[brk - 2].isalpha()
        and text[brk].isalpha()
    )


def _soft_break(
    text: str, start: int, last: int, lead: int, kinsoku: bool
) -> tuple[int, int] | None:
    """The last allowed break in ``(start, last]`` as (line end, next line start), if any.

    Scanning backwards from the last position that fits is what "pushing" means: characters
    move to the next line until the break is allowed, so the line only gets shorter.
    """
    size = len(text)
    for brk in range(last, max(start, lead), -1):
        before = text[brk - 1]
        if before in _WHITESPACE:
            continue  # the start of this run of whitespace is tried instead
        after = text[brk]
        if after in _WHITESPACE:
            resume = brk + 1
            while resume < size and text[resume] in _WHITESPACE:
                resume += 1
            if resume == size:
                return brk, size
            if kinsoku and (text[resume] in NO_LINE_START or before in _NO_END):
                continue
            return brk, resume
        if kinsoku and (after in NO_LINE_START or before in _NO_END):
            continue
        if _class_allows(text, brk, start):
            return brk, brk
    return None


def _hard_break(text: str, start: int, last: int) -> int:
    """Split a word that is wider than the line: as late as fits, keeping kinsoku if it can."""
    for kinsoku in (True, False):
        for brk in range(last, start, -1):
            if _KIND[text[brk]] == _GLUE:
                continue
            if kinsoku and (text[brk] in NO_LINE_START or text[brk - 1] in _NO_END):
                continue
            return brk
    if last > start:
        return last
    brk = start + 1  # not even one character fits: show it anyway, with its marks
    while brk < len(text) and _KIND[text[brk]] == _GLUE:
        brk += 1
    return brk


def _fits_unsplit(text: str, prefix: list[int], start: int, width: int) -> bool:
    """Whether a full line from ``start`` can end without splitting a word."""
    last = bisect_right(prefix, prefix[start] + width, start, len(text) + 1) - 1
    return last >= len(text) or _soft_break(text, start, last, start, False) is not None


def wrap(text: str, width: int, *, first_indent: int = 0) -> list[tuple[int, int]]:
    """Break one paragraph into lines of at most ``width`` cells, as (start, end) offsets.

    The first line has ``first_indent`` cells less room. Whitespace at a line break is left out
    of both lines; leading full-width spaces (the paragraph's own indent) stay with the first
    word, unless that word would then be split where it fits a line of its own. A line is
    wider than its room only when a single character does not fit at all (or when
    ``first_indent`` leaves no room): then it holds that character alone.
    """
    size = len(text)
    start = 0
    while start < size and text[start] in _WHITESPACE:
        start += 1
    if start == size:
        return []
    width = max(width, 1)
    room = max(width - first_indent, 1)
    prefix = list(accumulate(_widths(text), initial=0))
    lead = start  # no break inside or right after the full-width indent
    while lead < size and text[lead] == _IDEOGRAPHIC_SPACE:
        lead += 1
    lines: list[tuple[int, int]] = []
    while start < size:
        last = bisect_right(prefix, prefix[start] + room, start, size + 1) - 1
        if last >= size:
            end = size
            while text[end - 1] in _WHITESPACE:
                end -= 1
            lines.append((start, end))
            break
        found = _soft_break(text, start, last, lead, True) or _soft_break(
            text, start, last, lead, False
        )
        if found is None and start < lead <= last and _fits_unsplit(text, prefix, lead, width):
            found = lead, lead  # the indent alone, rather than split a word that fits a line
        if found is None:
            end = resume = _hard_break(text, start, last)
            while end > start + 1 and text[end - 1] in _WHITESPACE:
                end -= 1
            while resume < size and text[resume] in _WHITESPACE:
                resume += 1
        else:
            end, resume = found
        lines.append((start, end))
        start = resume
        room = width
    return lines


def fill(text: str, width: int) -> str:
    """A paragraph wrapped by the rules above, lines joined with newlines (for popups)."""
    return "\n".join(display(text, start, end) for start, end in wrap(text, width))
