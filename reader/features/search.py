"""Search across scripts: `/` opens the bar, matches light up as you type, n / N move."""

from __future__ import annotations


class SearchFeature:
    """Stub: filled in by the search feature."""

    def action_search(self) -> None:
        """`/`: open the search bar."""

    def action_next_match(self) -> None:
        """`n`"""

    def action_previous_match(self) -> None:
        """`N`"""

    def close_search(self) -> bool:
        """escape: close the bar and clear the marks; False when search was not active."""
        return False
