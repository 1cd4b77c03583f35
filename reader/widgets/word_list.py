"""The document's words (`w`): by how often they occur, with level, known and vocabulary.

Type to filter (a word in either script, or a level: "HSK 5", "beyond"); enter jumps to the
word's first use; ctrl+k marks it known or not known again; escape closes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.script import to_simplified
from reader.typeset import cell_width
from reader.widgets.list_keys import KeyedOptionList
from reader.widgets.literal import literal

SHOWN_AT_MOST = 500  # rows listed at once; the filter finds the rest
HINT = "type to filter · enter: first use · ctrl+k: known · esc closes"


@dataclass(frozen=True, slots=True)
class WordRow:
    simplified: str
    shown: str  # in the script on screen
    count: int
    level: str  # "HSK 3", "beyond"
    first_place: int


def row_text(row: WordRow, known: bool, in_vocabulary: bool) -> str:
    pad = " " * max(0, 10 - cell_width(row.shown))
    marks = ("known" if known else "") + ("  vocab" if in_vocabulary else "")
    return f"{row.shown}{pad} {row.count:>6}  {row.level:<8} {marks}".rstrip()


class WordListScreen(ModalScreen[int | None]):
    """Dismisses with the place of the chosen word's first use, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),  # in the filter, just a letter
        Binding("ctrl+k", "toggle_known", "Known", priority=True),  # over the filter's own
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def __init__(
        self,
        rows: list[WordRow],
        is_known: Callable[[str], bool],
        set_known: Callable[[str, bool], bool],
        in_vocabulary: Callable[[str], bool],
    ) -> None:
        super().__init__()
        self.rows = rows
        self._is_known = is_known
        self._set_known = set_known
        self._in_vocabulary = in_vocabulary
        self.shown_rows: list[WordRow] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="words-box"):
            yield Static(f"Words of the document ({len(self.rows):,})", id="words-title")
            yield Input(placeholder="filter: 银行, HSK 5, beyond", id="words-filter")
            yield KeyedOptionList(id="words-list")
            yield Static(HINT, id="words-help")

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#words-list", OptionList)

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, query: str) -> None:
        wanted = query.strip()
        simplified = to_simplified(wanted)
        if not wanted:
            rows = self.rows
        elif wanted.lower().startswith(("hsk", "beyond")):
            rows = [r for r in self.rows if r.level.lower() == wanted.lower()]
        else:
            rows = [r for r in self.rows if simplified in r.simplified or wanted in r.shown]
        self.shown_rows = rows[:SHOWN_AT_MOST]
        options = self.option_list
        options.clear_options()
        options.add_options([Option(literal(self._text(row))) for row in self.shown_rows])
        if self.shown_rows:
            options.highlighted = 0

    def _text(self, row: WordRow) -> str:
        return row_text(row, self._is_known(row.simplified), self._in_vocabulary(row.simplified))

    def lines(self) -> list[str]:
        """The rows as listed (for tests)."""
        return [self._text(row) for row in self.shown_rows]

    def action_move(self, step: int) -> None:
        options = self.option_list
        if self.shown_rows:
            current = options.highlighted or 0
            options.highlighted = max(0, min(len(self.shown_rows) - 1, current + step))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(self.option_list.highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def _choose(self, index: int | None) -> None:
        if index is not None and 0 <= index < len(self.shown_rows):
            self.dismiss(self.shown_rows[index].first_place)

    def action_toggle_known(self) -> None:
        index = self.option_list.highlighted
        if index is None or not 0 <= index < len(self.shown_rows):
            return
        row = self.shown_rows[index]
        if self._set_known(row.simplified, not self._is_known(row.simplified)):
            self.option_list.replace_option_prompt_at_index(index, literal(self._text(row)))

    def action_close(self) -> None:
        self.dismiss(None)
