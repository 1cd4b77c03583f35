"""The command palette's learner commands (pinyin, the profile, new words, the vocabulary…).

Found by typing, not listed before: the palette's first list is the document's sections.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.command import Hit, Hits, Provider

if TYPE_CHECKING:
    from reader.app import ReaderApp


class LearnerCommands(Provider):
    """Pinyin, the difficulty profile, new words, the outline's figures, the word list, your
    vocabulary, your HSK level."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app: ReaderApp = self.app  # type: ignore[assignment]
        return [
            ("Pinyin", "Over every word, over new words, or off (p)", app.action_pinyin),
            (
                "Difficulty profile",
                "The document's and this section's words by HSK level (P)",
                app.action_profile,
            ),
            (
                "Mark new words",
                "Underline the words above your level you do not know (L)",
                app.action_mark_new_words,
            ),
            (
                "Word list",
                "The document's words by frequency, level and known (w)",
                app.action_word_list,
            ),
            (
                "Vocabulary",
                "Your saved words: filter, edit, delete, go back to one (v)",
                app.action_vocabulary,
            ),
            (
                "Outline: unknown words",
                "Show or hide each section's share of words you do not know (O)",
                app.action_outline_shares,
            ),
            ("HSK level", "Your level: words above it count as new", app.choose_reader_level),
        ]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, text=title, help=help_text)
