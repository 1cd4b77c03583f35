"""Where a popup box goes: beside the text it explains, never off screen."""

from __future__ import annotations

from textual.widget import Widget

CHROME_WIDTH = 4  # border and padding, left and right
CHROME_HEIGHT = 2  # border, top and bottom

#: Text on screen that a popup explains: its first cell's column, its first row, its last row.
Anchor = tuple[int, int, int]


def box_width(preferred: int, screen_width: int) -> int:
    """The preferred width (border included), narrower on a narrow screen."""
    return max(CHROME_WIDTH + 10, min(preferred, screen_width))


def place_box(
    box: Widget, anchor: Anchor, width: int, needed: int, screen: tuple[int, int]
) -> None:
    """Below the anchor if the box fits there, else above if it fits, else the larger side."""
    screen_width, screen_height = screen
    column, first_row, last_row = anchor
    below = max(0, screen_height - (last_row + 1))
    above = max(0, first_row)
    if needed <= below or (needed > above and below >= above):
        top, height = last_row + 1, min(needed, below)
    else:
        height = min(needed, above)
        top = first_row - height
    box.styles.width = width
    box.styles.height = max(CHROME_HEIGHT + 1, height)
    box.styles.offset = (max(0, min(column, screen_width - width)), max(0, top))
