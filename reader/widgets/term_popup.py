"""The term popup: a glossary entry explained beside the term in the article.

A modal screen with a transparent background, so the article stays visible; the box is
placed with ``styles.offset`` below the term, or above it when it fits there and not below.
It shows the term in the script on screen (and the other script when that differs), its
pinyin, the Chinese explanation, the English gloss and how often the term occurs. `]` / `[`
move on to the next / previous term (the popup follows), `s` switches script, escape closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from reader.document_terms import TermCard, term_card
from reader.glossary import Entry
from reader.script import Script, Variant
from reader.typeset import fill
from reader.widgets.literal import append_literal, literal
from reader.widgets.popup_box import CHROME_WIDTH, Anchor, PopupScreen

BOX_WIDTH = 64  # cells, border included; narrower on a narrow screen
HINT = "{next_term} next · {previous_term} previous · {switch_script} 繁/简 · {dismiss} close"


def card_text(card: TermCard, width: int = BOX_WIDTH - CHROME_WIDTH, note: str = "") -> Text:
    """The card as styled text: headword, pinyin (and ``note``: the term's level, whether
    it is known), explanation, gloss, count.

    The Chinese explanation is wrapped by our own line-breaking rules (Rich would start a
    line with 、 or split a year in two).
    """
    text = literal(card.term, "bold")
    if card.other:
        text.append("  ")
        append_literal(text, card.other, "dim")
    if card.category:
        append_literal(text, f"  {card.category}", "italic dim")
    text.append("\n")
    append_literal(text, card.pinyin, "italic")
    if note:
        append_literal(text, f"  {note}", "dim")
    text.append("\n")
    append_literal(text, fill(card.explanation, width), keep="\n")
    text.append("\n")
    append_literal(text, card.gloss)
    text.append("\n")
    append_literal(text, card.count_line, "dim")
    return text


class TermPopup(PopupScreen[None]):
    """One glossary entry in a box beside its term; `show` moves it to another term."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss", "Close"),  # q closes the popup before it would quit
        # the app's ids: a key remapped in the settings is remapped here too
        Binding(
            "right_square_bracket", "app.next_term", "Next term", key_display="]", id="next_term"
        ),
        Binding(
            "left_square_bracket",
            "app.previous_term",
            "Prev term",
            key_display="[",
            id="previous_term",
        ),
        Binding("s", "app.switch_script", "繁/简", id="script"),
    ]
    BOX_WIDTH = BOX_WIDTH
    HINT = HINT

    def __init__(
        self,
        entry: Entry,
        count: int,
        *,
        script: Script,
        variant: Variant,
        target: Anchor,
        locate: Callable[[], Anchor | None] | None = None,
        word_note: Callable[[str], str] | None = None,
    ) -> None:
        """``locate`` finds the term on screen again after the script or the size changed."""
        super().__init__(target)
        self.entry = entry
        self._word_note = word_note
        self.count = count
        self.script: Script = script
        self.variant: Variant = variant
        self._locate = locate

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="term-popup-box", classes="popup-box"):
            yield Static(id="term-popup-card")
            yield Static(id="term-popup-hint")

    def on_mount(self) -> None:
        self.query_one("#term-popup-hint", Static).update(literal(self.hint()))
        self._draw()
        self.watch(self.app, "shown_script", self._script_changed, init=False)

    @property
    def card(self) -> TermCard:
        return term_card(self.entry, self.count, self.script, self.variant)

    def plain_text(self, *, wrapped: bool = False) -> str:
        """What the box says, as plain text: one line per part, or as wrapped on screen."""
        width = self.inner_width() if wrapped else 1_000_000
        return card_text(self.card, width, self._note()).plain

    # -- changes -----------------------------------------------------------------------------

    def show(self, entry: Entry, count: int, target: Anchor) -> None:
        """Explain another term (or the same one with a new count or place)."""
        self.entry, self.count, self.target = entry, count, target
        if self.is_mounted:
            self._draw()

    def _script_changed(self, script: Script) -> None:
        self.script = script
        self._follow_term()
        self._draw()

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._follow_term, True)

    def _follow_term(self, place: bool = False) -> None:
        """Find the term again (the article was rewrapped); with ``place``, move the box."""
        target = self._locate() if self._locate is not None else None
        if target is not None:
            self.target = target
        if place and self.is_mounted:
            self._place()

    # -- drawing -----------------------------------------------------------------------------

    def _draw(self) -> None:
        text = card_text(self.card, self.inner_width(), self._note())
        self.query_one("#term-popup-card", Static).update(text)
        self._place(text)
        self.box.scroll_home(animate=False)

    def _place(self, text: Text | None = None) -> None:
        shown = text if text is not None else card_text(self.card, self.inner_width(), self._note())
        self.place_box([shown])

    def _note(self) -> str:
        """The term's HSK level and whether the reader knows it ("" without a learner)."""
        if self._word_note is None:
            return ""
        from reader.script import simplified_in_place

        return self._word_note(simplified_in_place(self.entry.term))
