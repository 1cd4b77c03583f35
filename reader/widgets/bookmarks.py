"""The `'` screen: the document's bookmarks; enter jumps, d or delete removes, esc or q closes."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.widgets.list_keys import KeyedOptionList
from reader.widgets.literal import literal


class BookmarksScreen(ModalScreen[int | None]):
    """Dismisses with the index of the bookmark to jump to, or None.

    ``labels`` are in place order (as ReadingState keeps them); ``delete(index)`` is called
    at once when one is removed, so the list on screen and the saved one never differ.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", key_display="esc"),
        Binding("apostrophe", "close", "Close", show=False, id="bookmarks"),
        Binding("d,delete", "delete", "Delete"),
    ]

    def __init__(self, labels: list[str], delete: Callable[[int], None]) -> None:
        super().__init__()
        self._labels = list(labels)
        self._delete = delete

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmarks-box"):
            yield Static("Bookmarks", id="bookmarks-title")
            yield KeyedOptionList(*self._options(), id="bookmarks-list")
            yield Static("enter jumps · d deletes · esc q closes", id="bookmarks-help")

    def _options(self) -> list[Option]:
        return [Option(literal(label)) for label in self._labels]

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#bookmarks-list", OptionList)

    @property
    def labels(self) -> list[str]:
        """The labels still listed, in order."""
        return list(self._labels)

    def on_mount(self) -> None:
        options = self.option_list
        options.focus()
        if self._labels:
            options.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_index)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_delete(self) -> None:
        options = self.option_list
        index = options.highlighted
        if index is None or not 0 <= index < len(self._labels):
            return
        self._delete(index)
        del self._labels[index]
        options.remove_option_at_index(index)
        if self._labels:
            options.highlighted = min(index, len(self._labels) - 1)
        else:
            self.query_one("#bookmarks-help", Static).update("No bookmarks left · esc closes")
