"""The reader's HSK level, chosen from a short list (from the palette: "HSK level")."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.levels import HSK_LEVELS, level_name
from reader.widgets.list_keys import KeyedOptionList

#: What the list offers, in order: each level, then none.
CHOICES: tuple[int | None, ...] = (*HSK_LEVELS, None)


class LevelPicker(ModalScreen[tuple[int | None] | None]):
    """Dismisses with ``(level,)`` (``(None,)`` for no level), or None when closed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", key_display="esc")
    ]

    def __init__(self, current: int | None) -> None:
        super().__init__()
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="level-box"):
            yield Static("Your HSK level", id="level-title")
            yield KeyedOptionList(
                *(Option(level_name(c) if c else "No level") for c in CHOICES), id="level-list"
            )
            yield Static("Words above it count as new · enter chooses · esc closes")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.call_after_refresh(self._highlight_current)  # once the list has its options

    def _highlight_current(self) -> None:
        current = CHOICES.index(self._current) if self._current in CHOICES else 0
        self.query_one(OptionList).highlighted = current

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss((CHOICES[event.option_index],))

    def action_close(self) -> None:
        self.dismiss(None)
