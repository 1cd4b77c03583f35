"""The `?` screen: every key, generated from the BINDINGS of the app and its widgets."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.widgets.literal import literal

ONE_COLUMN_BELOW = 72  # terminal columns under which the keys are listed in one column

_KEY_NAMES = {
    "right_curly_bracket": "}",
    "left_curly_bracket": "{",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "question_mark": "?",
    "slash": "/",
    "apostrophe": "'",
    "minus": "-",
    "plus": "+",
    "equals_sign": "=",
    "space": "space",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "escape": "esc",
}


def key_label(keys: str) -> str:
    """Turn Textual's key names into what is printed on a keyboard."""
    return " ".join(_KEY_NAMES.get(key.strip(), key.strip()) for key in keys.split(","))


def binding_rows(
    bindings: Iterable[BindingType], keymap: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """(keys, description) for each described binding, showing the user's remapped keys."""
    rows = []
    for binding in bindings:
        if isinstance(binding, Binding):
            keys, description = binding.key, binding.description
            if keymap and binding.id is not None and binding.id in keymap:
                keys = keymap[binding.id]
            elif binding.key_display:
                keys = binding.key_display
        else:
            keys, _action, description = (*binding, "")[:3]
        if description:
            rows.append((key_label(keys), description))
    return rows


Group = tuple[str, list[tuple[str, str]]]


def _balanced(groups: list[Group]) -> tuple[list[Group], list[Group]]:
    """Split groups, in order, into two columns of about the same height."""
    heights = [len(rows) + 2 for _, rows in groups]
    total = sum(heights)
    split = min(range(len(groups) + 1), key=lambda index: abs(total - 2 * sum(heights[:index])))
    return groups[:split], groups[split:]


def _key_table(groups: list[Group]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold")
    table.add_column()
    for title, rows in groups:
        table.add_row("", Text(title, style="bold underline"))
        for keys, description in rows:  # keys may be the settings file's: never markup
            table.add_row(literal(keys), literal(description))
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    """Lists keys by where they work; any of escape, q or ? closes it, and the reading keys
    scroll it (a small screen does not hold it all)."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close", key_display="esc"),
        Binding("q", "dismiss", "Close", show=False, id="quit"),
        Binding("question_mark", "dismiss", "Close", show=False, id="help"),
        Binding("j,down", "scroll(1)", "Line down", show=False),
        Binding("k,up", "scroll(-1)", "Line up", show=False),
        Binding("space,f,pagedown", "page(1)", "Page down", show=False),
        Binding("b,pageup", "page(-1)", "Page up", show=False),
        Binding("g,home", "edge(0)", "Top", show=False),
        Binding("G,end", "edge(1)", "Bottom", show=False),
    ]

    def __init__(self, groups: list[Group], notes: str = "") -> None:
        super().__init__()
        self._groups = groups
        self._notes = notes

    def compose(self) -> ComposeResult:
        left, right = _balanced(self._groups)
        with VerticalScroll(id="help-box"):
            yield Static(Text("reader — keys", style="bold"), id="help-title")
            with Horizontal(id="help-columns"):
                yield Static(_key_table(left), classes="help-column")
                yield Static(_key_table(right), classes="help-column")
            if self._notes:
                yield Static(literal(self._notes), id="help-notes")
            yield Static(
                "esc, q or ? closes this screen; j k, space b, g G scroll it", id="help-close"
            )

    def on_resize(self, event: events.Resize) -> None:
        # two columns of keys need the room: on a narrow terminal one column, read by scrolling
        self.set_class(event.size.width < ONE_COLUMN_BELOW, "-one-column")

    @property
    def box(self) -> VerticalScroll:
        return self.query_one("#help-box", VerticalScroll)

    def action_scroll(self, lines: int) -> None:
        self.box.scroll_relative(y=lines, animate=False)

    def action_page(self, pages: int) -> None:
        box = self.box
        box.scroll_relative(
            y=pages * max(1, box.scrollable_content_region.height - 1), animate=False
        )

    def action_edge(self, end: int) -> None:
        box = self.box
        box.scroll_to(y=box.max_scroll_y if end else 0, animate=False)
