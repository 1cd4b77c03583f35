"""The go-to bar: `:` then a share (50%), a section number (12, 第十二章) or a title's start."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from reader.widgets.prompt_bar import PromptBar


class GoToBar(PromptBar):
    """One line above the keys; it only reports what was typed, the app goes there."""

    PROMPT = ":"
    PLACEHOLDER = "50%, 12, 第十二章 or a section title"
    PREFIX = "goto"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close go to")]

    class Submitted(PromptBar.Submitted):
        """enter: go to the place ``query`` names."""

    class Closed(PromptBar.Closed):
        """escape in the input."""
