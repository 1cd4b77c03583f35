"""The command palette, safe in a terminal only a few rows high."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette


class ReaderPalette(CommandPalette):
    """Textual's palette, whose page keys fail (KeyError in OptionList) when its list has no
    rows to show: in a terminal three rows high there is no page to move by."""

    def _action_command_list(self, action: str) -> None:
        if action.startswith("page_") and not self.query_one(CommandList).scrollable_content_region:
            return
        super()._action_command_list(action)
