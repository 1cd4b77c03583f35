"""Glossary terms: found with jieba in a worker, marked, selected with ] and [, explained."""

from __future__ import annotations


class TermsFeature:
    """Stub: filled in by the glossary feature."""

    def start_terms(self) -> None:
        """Called once after the first paint: load the glossary and find terms in a worker."""

    def action_next_term(self) -> None:
        """`]`: select the next term from the top of the screen."""

    def action_previous_term(self) -> None:
        """`[`: select the previous term."""

    def action_term_index(self) -> None:
        """`t`: the document's term index."""

    def open_selected_term(self) -> bool:
        """enter: open the popup of the selected term; False when none is selected."""
        return False

    def open_term_at(self, place: int) -> bool:
        """A click: open the popup of the term at ``place``; False when there is none."""
        return False

    def clear_term_selection(self) -> bool:
        """escape: drop the selection; False when nothing was selected."""
        return False
