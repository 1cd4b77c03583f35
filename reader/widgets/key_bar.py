"""The footer: the screen's main keys on one line, drawn by one widget."""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

from reader.widgets.literal import append_literal


class Key(NamedTuple):
    key: str  # what a click presses
    display: str
    description: str
    enabled: bool


class LabelStyles(NamedTuple):
    """The component styles of one render, looked up once for all its keys."""

    key: Style
    description: Style
    hover: Style


class KeyBar(Widget):
    """The bindings shown in the footer; a click on one presses its key.

    Textual's Footer makes a widget for every key, recomposes them all when focus moves and
    lays them out again at every resize; here the same line is one text. Keys that do not fit
    are left out whole, and the command palette's key keeps its place on the right.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--hover"}

    hovered: reactive[str | None] = reactive(None)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, Key]] = []  # cells of each key drawn, for clicks
        self._keys: tuple[list[Key], Key | None] | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        keys = self._active_keys()
        if keys != self._keys:  # focus moved, but often to a widget with no keys of its own
            self._keys = keys
            self.refresh()

    def keys(self) -> tuple[list[Key], Key | None]:
        """The keys to show, one per action, and the command palette's key.

        The app's own keys come first, so that a narrow terminal keeps 繁/简, help and quit.
        Kept until the screen says its bindings changed (a resize needs no new list).
        """
        if self._keys is None:
            self._keys = self._active_keys()
        return self._keys

    def _active_keys(self) -> tuple[list[Key], Key | None]:
        app = self.app
        active = self.screen.active_bindings
        # A mode's keys (a binding group, such as the word cursor's) first, under its name.
        in_order = sorted(
            active.values(), key=lambda entry: (entry.binding.group is None, entry.node is not app)
        )
        shown: dict[str, Key] = {}
        for _node, binding, enabled, _tooltip in in_order:
            group = binding.group
            if group is not None and f"group:{group.description}" not in shown:
                shown[f"group:{group.description}"] = Key("", group.description, "", True)
            if binding.show and binding.action not in shown:
                shown[binding.action] = self._key(binding, enabled)
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[app.COMMAND_PALETTE_BINDING]
            palette = self._key(binding, enabled)
            shown.pop(binding.action, None)
        return list(shown.values()), palette

    def _key(self, binding: Binding, enabled: bool) -> Key:
        return Key(binding.key, self.app.get_key_display(binding), binding.description, enabled)

    def render(self) -> Text:
        keys, palette = self.keys()
        width = self.size.width
        styles = LabelStyles(
            self.get_component_rich_style("key-bar--key"),
            self.get_component_rich_style("key-bar--description"),
            self.get_component_rich_style("key-bar--hover"),
        )
        palette_text = self._label(palette, styles, separator="▏") if palette else Text()
        room = width - palette_text.cell_len
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, Key]] = []
        for key in keys:
            label = self._label(key, styles)
            if line.cell_len + label.cell_len > room:
                break  # the rest would be cut in the middle of a word
            spans.append((line.cell_len, line.cell_len + label.cell_len, key))
            line.append_text(label)
        if palette is not None and palette_text.cell_len <= width:
            line.append(" " * max(0, room - line.cell_len))
            spans.append((line.cell_len, line.cell_len + palette_text.cell_len, palette))
            line.append_text(palette_text)
        self._spans = spans
        return line

    def _label(self, key: Key, styles: LabelStyles, separator: str = "") -> Text:
        if not key.key:  # a mode's name: it says the mode is on, and is no key to click
            return append_literal(Text(separator), f" {key.display} ", "reverse bold")
        label = append_literal(Text(separator), f" {key.display} ", styles.key)
        if key.description:
            append_literal(label, f"{key.description} ", styles.description)
        if key.key == self.hovered:
            label.stylize(styles.hover)
        if not key.enabled:
            label.stylize("dim")
        return label

    def key_at(self, x: int) -> Key | None:
        return next((key for start, end, key in self._spans if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self.key_at(event.x)
        self.hovered = None if key is None or not key.key else key.key

    def on_leave(self) -> None:
        self.hovered = None

    def on_click(self, event: events.Click) -> None:
        key = self.key_at(event.x)
        if key is None or not key.key:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
