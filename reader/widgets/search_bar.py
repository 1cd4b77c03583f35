"""The search bar: a one-line input above the footer, with the match count beside it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input, Static

from reader.widgets.prompt_bar import PromptBar


class SearchBar(PromptBar):
    """`/` query `enter`; escape closes. It only reports: the search feature does the work."""

    PROMPT = "/"
    PLACEHOLDER = "search, in either script"
    PREFIX = "search"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close search"),
        Binding("up", "recall_step(-1)", "Earlier search", show=False),
        Binding("down", "recall_step(1)", "Later search", show=False),
    ]

    def __init__(self, history: list[str], *, id: str | None = None) -> None:
        """``history``: the queries searched before, the last last (shared, not copied)."""
        super().__init__(id=id)
        self._history = history
        self._recalled = len(history)

    class Changed(Message):
        """The query was edited."""

        def __init__(self, query: str) -> None:
            self.query = query
            super().__init__()

    class Submitted(PromptBar.Submitted):
        """enter in the input: go to the next match."""

    class Closed(PromptBar.Closed):
        """escape in the input (escape elsewhere is the app's binding)."""

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Static("", id="search-count")

    @property
    def value(self) -> str:
        return self.input.value

    @property
    def label(self) -> str:
        """What the count shows, e.g. "match 3 / 17"."""
        return str(self.query_one("#search-count", Static).content)

    def set_label(self, text: str) -> None:
        self.query_one("#search-count", Static).update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    def recall(self, index: int) -> None:
        """Put an earlier query in the input, all of it selected (typing replaces it)."""
        self._recalled = index
        self.input.value = self._history[index]
        self.input.select_all()

    def action_recall_step(self, step: int) -> None:
        """↑/↓: the earlier / later query searched; past the last, an empty input."""
        index = max(0, min(self._recalled + step, len(self._history)))
        if index == len(self._history):
            self._recalled = index
            self.input.value = ""
        elif self._history:
            self.recall(index)
