"""Read what a headless app shows, as plain text, for Pilot tests."""

from __future__ import annotations

from textual.app import App


def screen_lines(app: App) -> list[str]:
    """Every row of the current screen, trailing spaces removed."""
    return [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]


def screen_text(app: App) -> str:
    return "\n".join(screen_lines(app))
