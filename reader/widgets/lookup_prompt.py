"""`D`: a one-line box asking for a word to look up, in either script or in pinyin.

It only asks: enter dismisses it with what was typed, escape with "" (the look-up feature
answers with the word popup, or a notice when the dictionary has no such word).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

PLACEHOLDER = "交流, jiaoliu, jiao1liu2 or jiāoliú"
HINT = "enter look up · esc cancel"


class LookupPrompt(ModalScreen[str]):
    """Asks for a word; dismissed with the text typed ("" when cancelled)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="lookup-prompt-box"):
            yield Static("Look up a word", id="lookup-prompt-title")
            yield Input(placeholder=PLACEHOLDER, id="lookup-prompt-input")
            yield Static(HINT, id="lookup-prompt-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss("")
