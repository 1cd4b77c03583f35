"""The status line's text: title │ script │ progress │ … │ section, cut to the screen's width.

The section's name gives way first, cut with an ellipsis (never dropped for a bare "│"); on a
very narrow screen the title is cut too; the parts between (the script, the progress, the
learner's counts) always stay whole.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.typeset import cell_width

SEPARATOR = " │ "
ELLIPSIS = "…"
MIN_SECTION_CELLS = 4  # a cut section name shorter than this says nothing: leave it out


def cut(text: str, cells: int) -> str:
    """``text`` in at most ``cells`` cells, ending in "…" when something was cut."""
    if cell_width(text) <= cells:
        return text
    if cells <= 0:
        return ""
    kept = ""
    used = 0
    for char in text:
        width = cell_width(char)
        if used + width > cells - 1:
            break
        kept += char
        used += width
    return kept.rstrip() + ELLIPSIS


def status_line(title: str, middle: Sequence[str], section: str | None, width: int) -> str:
    """The parts joined by " │ ", in ``width`` cells at most."""
    fixed = "".join(SEPARATOR + part for part in middle)
    room_for_title = width - cell_width(fixed)
    title = cut(title, max(1, room_for_title))
    line = title + fixed
    if section:
        room = width - cell_width(line) - cell_width(SEPARATOR)
        if room >= min(MIN_SECTION_CELLS, cell_width(section)):
            line += SEPARATOR + cut(section, room)
    return line
