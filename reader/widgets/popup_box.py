"""Popups beside the text they explain: where the box goes (never off screen), and the
screen that holds it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import events
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget

from reader.widgets.help import key_label

ResultT = TypeVar("ResultT")

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


class _KeyOrName(dict[str, str]):
    """For str.format_map: an action without a key here shows as its name."""

    def __missing__(self, action: str) -> str:
        return action


class PopupScreen(ModalScreen[ResultT]):
    """A box over the article beside the text it explains; a click beside the box closes it.

    The screen's background is transparent (reader.tcss), so the article stays visible; the
    box (the one ``.popup-box`` the subclass composes) is placed with ``styles.offset`` below
    ``target``, or above it when it fits there and not below.
    """

    BOX_WIDTH: ClassVar[int] = 60  # cells, border included; narrower on a narrow screen
    #: The keys, on the box's last line; ``{next_term}`` stands for the key that runs the
    #: action ``next_term`` (or ``app.next_term``) here, after the settings' [keymap].
    HINT: ClassVar[str] = ""

    def __init__(self, target: Anchor) -> None:
        super().__init__()
        self.target = target

    @property
    def box(self) -> VerticalScroll:
        return self.query_one(".popup-box", VerticalScroll)

    def inner_width(self) -> int:
        """The width the box's text wraps to."""
        return box_width(self.BOX_WIDTH, self.app.size.width) - CHROME_WIDTH

    def place_box(self, texts: Iterable[Text]) -> None:
        """Size the box for ``texts`` and the hint, and put it beside the target."""
        inner = self.inner_width()
        console = self.app.console
        wrapped = [*texts, Text(self.hint())]
        needed = CHROME_HEIGHT + sum(len(text.wrap(console, inner)) for text in wrapped)
        place_box(self.box, self.target, inner + CHROME_WIDTH, needed, self.app.size)

    def hint(self) -> str:
        """The hint with the keys bound here now: a remapped key shows as remapped."""
        keys: dict[str, str] = {}
        for key, active in self.active_bindings.items():
            action = active.binding.action.removeprefix("app.").split("(")[0]
            keys.setdefault(action, key_label(key))
        return self.HINT.format_map(_KeyOrName(keys))

    def on_click(self, event: events.Click) -> None:
        """A click beside the box closes it."""
        if event.widget is self:
            self.dismiss()
