"""The document's term index: every term found, in order of first appearance, with counts.

Typing filters the list (Chinese in either script, pinyin with or without tones, English);
↑/↓ move the highlight and enter jumps to its first occurrence; escape closes. In the filter
`s` is just a letter: tab moves into the list, where `s` switches script.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.document_terms import SearchKeys, TermQuery, search_keys, term_in_script
from reader.glossary import Entry
from reader.script import Script, Variant
from reader.widgets.list_keys import KeyedOptionList
from reader.widgets.literal import append_literal

PLACEHOLDER = "filter: 漢字 / 汉字, pinyin or English"
HINT = "type to filter · ↑↓ choose · enter go to it · tab, s: 繁/简 · esc close"


@dataclass(frozen=True, slots=True)
class IndexRow:
    """One term of the index."""

    key: str
    entry: Entry
    count: int


def row_text(row: IndexRow, script: Script, variant: Variant) -> Text:
    """ "  31  和諧社會  héxié shèhuì  harmonious society" (the gloss up to its first ';')."""
    text = Text(f"{row.count:>4}  ", style="dim")
    append_literal(text, term_in_script(row.entry, script, variant), "bold")
    append_literal(text, f"  {row.entry.pinyin}", "italic")
    gloss = row.entry.en.split(";")[0].strip()
    append_literal(text, f"  {gloss}", "dim")
    return text


class TermIndex(ModalScreen[str | None]):
    """Dismissed with the chosen term's key, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("q", "dismiss(None)", "Close", show=False),  # in the filter, just a letter
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("s", "app.switch_script", "繁/简", id="script"),
    ]

    def __init__(
        self, rows: Sequence[IndexRow], *, complete: bool, script: Script, variant: Variant
    ) -> None:
        super().__init__()
        self.rows = list(rows)
        self.complete = complete
        self.script: Script = script
        self.variant: Variant = variant
        self._keys: dict[str, SearchKeys] = {}  # prepared once per term
        self._texts: dict[tuple[str, int, Script], Text] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="term-index-box"):
            yield Static(id="term-index-title")
            yield Input(placeholder=PLACEHOLDER, id="term-index-filter")
            yield KeyedOptionList(id="term-index-list")
            yield Static(HINT, id="term-index-hint")

    def on_mount(self) -> None:
        self._fill()
        self.filter_input.focus()
        self.watch(self.app, "shown_script", self._script_changed, init=False)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#term-index-filter", Input)

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#term-index-list", OptionList)

    def listed(self) -> list[str]:
        """The keys listed now, in order (for tests and debugging)."""
        return [option.id or "" for option in self.option_list.options]

    def title_text(self) -> str:
        return str(self.query_one("#term-index-title", Static).content)

    # -- changes -----------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[IndexRow], *, complete: bool) -> None:
        """More terms were found (or counted) while the index is open."""
        self.rows = list(rows)
        self.complete = complete
        if self.is_mounted:
            self._fill()

    def _script_changed(self, script: Script) -> None:
        self.script = script
        self._fill()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(keep_highlight=False)  # a new filter: its best match first

    def _fill(self, *, keep_highlight: bool = True) -> None:
        query = self.filter_input.value
        wanted = TermQuery(query)
        shown = [row for row in self.rows if wanted.matches(self._search_keys(row))]
        option_list = self.option_list
        highlighted = option_list.highlighted_option
        keep = highlighted.id if highlighted is not None and keep_highlight else None
        option_list.set_options(Option(self._row_text(row), id=row.key) for row in shown)
        keys = [row.key for row in shown]
        if shown:
            option_list.highlighted = keys.index(keep) if keep in keys else 0
        total = sum(row.count for row in self.rows)
        title = f"Terms in this document: {len(self.rows)}, {total} occurrences"
        if not self.complete:
            title += " (still finding…)"
        if query.strip():
            title += f" · {len(shown)} shown"
        self.query_one("#term-index-title", Static).update(title)

    def _search_keys(self, row: IndexRow) -> SearchKeys:
        keys = self._keys.get(row.key)
        if keys is None:
            keys = self._keys[row.key] = search_keys(row.entry)
        return keys

    def _row_text(self, row: IndexRow) -> Text:
        cache_key = (row.key, row.count, self.script)
        text = self._texts.get(cache_key)
        if text is None:
            text = self._texts[cache_key] = row_text(row, self.script, self.variant)
        return text

    # -- choosing ----------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        """↑ / ↓ in the filter move the highlight (the list has its own keys when focused)."""
        option_list = self.option_list
        if not option_list.option_count:
            return
        current = option_list.highlighted or 0
        option_list.highlighted = max(0, min(current + step, option_list.option_count - 1))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        option = self.option_list.highlighted_option
        if option is not None:
            self.dismiss(option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
