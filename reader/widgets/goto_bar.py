"""The go-to bar: `:` then a share (50%), a section number (12, 第十二章) or a title's start."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import HorizontalGroup
from textual.message import Message
from textual.widgets import Input, Label


class GoToBar(HorizontalGroup):
    """One line above the keys; it only reports what was typed, the app goes there."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close go to")]

    class Submitted(Message):
        """enter: go to the place ``query`` names."""

        def __init__(self, query: str) -> None:
            self.query = query
            super().__init__()

    class Closed(Message):
        """escape in the input."""

    def compose(self) -> ComposeResult:
        yield Label(":", id="goto-prompt")
        yield Input(placeholder="50%, 12, 第十二章 or a section title", id="goto-input")

    @property
    def input(self) -> Input:
        return self.query_one("#goto-input", Input)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    def action_close(self) -> None:
        self.post_message(self.Closed())
