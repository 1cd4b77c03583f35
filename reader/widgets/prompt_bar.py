"""A one-line bar above the keys: a prompt, an input, and messages for what was typed."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.message import Message
from textual.widgets import Input, Label


class PromptBar(HorizontalGroup):
    """The search and go-to bars' shared part. A subclass names its ``PROMPT``, its
    ``PLACEHOLDER`` and the ``PREFIX`` of its widget ids, and declares its own ``Submitted``
    and ``Closed`` messages, so that each bar's messages have handlers of their own."""

    PROMPT: ClassVar[str]
    PLACEHOLDER: ClassVar[str]
    PREFIX: ClassVar[str]

    class Submitted(Message):
        """enter in the input."""

        def __init__(self, query: str) -> None:
            self.query = query
            super().__init__()

    class Closed(Message):
        """escape in the input (escape elsewhere is the app's binding)."""

    def compose(self) -> ComposeResult:
        yield Label(self.PROMPT, id=f"{self.PREFIX}-prompt")
        yield Input(placeholder=self.PLACEHOLDER, id=f"{self.PREFIX}-input")

    @property
    def input(self) -> Input:
        return self.query_one(f"#{self.PREFIX}-input", Input)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    def action_close(self) -> None:
        self.post_message(self.Closed())
