"""Look up any word: a word cursor over jieba's words and a CC-CEDICT popup."""

from __future__ import annotations


class LookupFeature:
    """Stub: filled in by the dictionary feature."""

    @property
    def word_cursor_active(self) -> bool:
        return False

    def start_lookup(self) -> None:
        """Called once after the first paint: load the dictionary in a worker."""

    def action_word_cursor(self) -> None:
        """`d`: turn the word cursor on at the first word of the screen."""

    def open_word_popup(self) -> None:
        """enter with the cursor on: the dictionary popup for the word under it."""

    def leave_word_cursor(self) -> bool:
        """escape: turn the cursor off; False when it was not on."""
        return False

    def click_word(self, place: int) -> bool:
        """A click: put the cursor on the word at ``place``; False to let others handle it."""
        return False
