"""The dictionary popup: every entry for the words starting at the cursor, next to the word.

A modal screen with a transparent background, so the article stays visible; the box is
placed with ``styles.offset`` below the word, or above it when it fits there and not below.
It shows each entry's headword in the script on screen (and follows `s`), its pinyin with tone
marks coloured by tone, and its definitions. ↑/↓ choose an entry, `a` adds it to the
vocabulary, escape or enter closes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from reader.lookup import Sense
from reader.pinyin import NO_TONE, syllables
from reader.script import Script
from reader.widgets.literal import append_literal, literal
from reader.widgets.popup_box import Anchor, PopupScreen

HINT = "a add to vocabulary · ↑↓ choose · esc close"

#: Tone colours 1-5, each about 4.6:1 against both black and white (WCAG AA on either).
TONES = (1, 2, 3, 4, 5)  # coloured by .word-popup--tone-N in reader.tcss


def sense_text(sense: Sense, script: Script, tone_styles: dict[int, Style], note: str = "") -> Text:
    """Headword, coloured pinyin and definitions, one sense in a few lines; ``note`` (the
    word's level, whether it is known) after the reading."""
    text = literal(sense.headword(script), "bold")
    text.append("  ")
    if sense.pinyin_numbered:
        for index, (syllable, tone) in enumerate(syllables(sense.pinyin_numbered)):
            if index:
                text.append(" ")
            append_literal(text, syllable, tone_styles.get(tone, "") if tone != NO_TONE else "")
    else:
        append_literal(text, sense.pinyin)
    if sense.source:
        append_literal(text, f"  {sense.source}", "italic dim")
    if note:
        append_literal(text, f"  {note}", "dim")
    text.append("\n")
    append_literal(text, sense.readable_definition(script))
    note_in_script = sense.readable_note(script)
    if note_in_script:
        text.append("\n")
        append_literal(text, note_in_script)
    return text


class SenseView(Static):
    """One sense in the popup; the chosen one has the -selected class."""

    def __init__(self, sense: Sense) -> None:
        super().__init__()
        self.sense = sense


class WordPopup(PopupScreen[None]):
    """The entries for the word under the cursor, in a box beside it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,q", "dismiss", "Close"),  # q closes the popup before it would quit
        Binding("a", "add", "Add to vocabulary"),
        Binding("down,j", "choose(1)", "Next entry", show=False),
        Binding("up,k", "choose(-1)", "Previous entry", show=False),
        Binding("s", "app.switch_script", "繁/简", id="script"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"word-popup--tone-{tone}" for tone in TONES}
    BOX_WIDTH = 60
    HINT = HINT

    def __init__(
        self,
        senses: Sequence[Sense],
        *,
        script: Script,
        target: Anchor,
        selected: int = 0,
        on_add: Callable[[Sense], None] | None = None,
        word_note: Callable[[str], str] | None = None,
    ) -> None:
        """``target`` is the word's screen column, its first row and its last row."""
        super().__init__(target)
        self.senses = list(senses)
        self.script: Script = script
        self.selected = max(0, min(selected, len(self.senses) - 1))
        self._on_add = on_add
        self._word_note = word_note

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="word-popup-box", classes="popup-box"):
            for index, sense in enumerate(self.senses):
                yield SenseView(sense).set_class(index == self.selected, "-selected")
            yield Static(HINT, id="word-popup-hint")

    def on_mount(self) -> None:
        self._render_senses()
        self._place()
        self.call_after_refresh(self._show_selected)
        self.watch(self.app, "shown_script", self._script_changed, init=False)

    def plain_text(self) -> str:
        """What the box says, as plain text (for tests and debugging)."""
        return "\n".join(text.plain for text in self._texts())

    # -- drawing -----------------------------------------------------------------------------

    def _tone_styles(self) -> dict[int, Style]:
        return {
            tone: self.get_component_rich_style(f"word-popup--tone-{tone}", partial=True)
            for tone in TONES
        }

    def _texts(self) -> list[Text]:
        styles = self._tone_styles()
        return [sense_text(sense, self.script, styles, self._note(sense)) for sense in self.senses]

    def _note(self, sense: Sense) -> str:
        """The word's level and whether it is known; none for a glossary's entry."""
        if self._word_note is None or sense.source:
            return ""
        return self._word_note(sense.simplified)

    def _render_senses(self) -> None:
        for view, text in zip(self.query(SenseView), self._texts(), strict=True):
            view.update(text)

    def _script_changed(self, script: Script) -> None:
        self.script = script
        self._render_senses()
        self._place()

    def _place(self) -> None:
        self.place_box(self._texts())

    # -- keys and clicks ---------------------------------------------------------------------

    def action_choose(self, step: int) -> None:
        if not self.senses:
            return
        self.selected = max(0, min(self.selected + step, len(self.senses) - 1))
        for index, view in enumerate(self.query(SenseView)):
            view.set_class(index == self.selected, "-selected")
        self._show_selected()

    def _show_selected(self) -> None:
        """Scroll the chosen entry into view: `a` adds the entry the reader sees chosen."""
        views = list(self.query(SenseView))
        if views:
            self.box.scroll_to_widget(views[self.selected], animate=False)

    def action_add(self) -> None:
        if self._on_add is not None and self.senses:
            self._on_add(self.senses[self.selected])
