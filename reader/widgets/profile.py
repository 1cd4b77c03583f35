"""The difficulty profile (`P`): the words of the document and of the section being read, by
HSK level, a bar per level, the part of each bar the reader knows drawn apart."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.difficulty import Profile
from reader.levels import level_name
from reader.widgets.literal import append_literal

BAR_WIDTH = 32  # cells for 100% of the running words, when the box has the room
NARROWEST_BAR = 8
_AROUND_BAR = len("HSK 7-9  ") + len(" 100.0%")  # a row's level name and share
_EIGHTHS = " ▏▎▍▌▋▊▉"
HINT = "bars: share of running words, the known part first · esc closes"


def bar(cells: float) -> str:
    """A bar ``cells`` long in eighths of a cell."""
    whole, rest = divmod(round(cells * 8), 8)
    return "█" * whole + (_EIGHTHS[rest] if rest else "")


def profile_text(
    title: str,
    result: Profile,
    known_style: Style | str = "",
    new_style: Style | str = "",
    bar_width: int = BAR_WIDTH,
) -> Text:
    """One profile: a heading line, then a bar per level (known part, then the rest), each
    bar at most ``bar_width`` cells."""
    text = Text(no_wrap=True, end="")
    append_literal(text, title, "bold")
    estimate = result.estimated_level
    text.append(
        f"\n{result.words:,} words, {result.distinct:,} distinct · "
        f"level {level_name(estimate) if estimate is not None else '-'} (95% of words) · "
        f"known {result.known_share():.1f}%\n"
    )
    for row, share in zip(result.rows, result.running_shares(), strict=True):
        text.append(f"{level_name(row.level):<8} ")
        known_cells = bar_width * row.known / result.words if result.words else 0.0
        all_cells = bar_width * share / 100
        known_bar = "█" * round(known_cells)  # whole cells: the rest's eighths end the bar
        text.append(known_bar, known_style)
        rest = bar(max(0.0, all_cells - len(known_bar)))
        text.append(rest, new_style)
        text.append(" " * max(0, bar_width + 1 - len(known_bar) - len(rest)))
        text.append(f"{share:5.1f}%\n")
    return text


class ProfileScreen(ModalScreen[None]):
    """The document's profile and the current section's, drawn as bars."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,P,q", "close", "Close", key_display="esc"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"profile--known", "profile--new"}

    def __init__(self, profiles: list[tuple[str, Profile]]) -> None:
        super().__init__()
        self.profiles = profiles
        self._bar_width = BAR_WIDTH
        # Kept, not queried: on a busy machine the screen's Mount can come before the
        # scroll box's own children are in the DOM.
        self._bars = [
            Static(id=f"profile-{index}", classes="profile") for index in range(len(profiles))
        ]
        self._box = VerticalScroll(id="profile-box")

    def compose(self) -> ComposeResult:
        with self._box:
            yield from self._bars
            yield Static(HINT, id="profile-hint")

    def on_mount(self) -> None:
        self._draw()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_bars)

    def _fit_bars(self) -> None:
        """Bars as long as the box lets them be, so each row's share stays on its row."""
        room = self._box.scrollable_content_region.width
        width = max(NARROWEST_BAR, min(BAR_WIDTH, room - _AROUND_BAR))
        if width != self._bar_width:
            self._bar_width = width
            self._draw()

    def _draw(self) -> None:
        known = self.get_component_rich_style("profile--known", partial=True)
        new = self.get_component_rich_style("profile--new", partial=True)
        for bars, (title, result) in zip(self._bars, self.profiles, strict=True):
            bars.update(profile_text(title, result, known, new, self._bar_width))

    def plain_text(self) -> str:
        return "\n".join(
            profile_text(title, result, bar_width=self._bar_width).plain
            for title, result in self.profiles
        )

    def action_close(self) -> None:
        self.dismiss(None)
