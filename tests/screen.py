"""Read what a headless app shows, as plain text, for Pilot tests."""

from __future__ import annotations

from textual.app import App
from textual.pilot import Pilot


def screen_lines(app: App) -> list[str]:
    """Every row of the current screen, trailing spaces removed."""
    return [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]


def screen_text(app: App) -> str:
    return "\n".join(screen_lines(app))


def region_lines(app: App, widget) -> list[str]:  # type: ignore[no-untyped-def]
    """The rows of the screen inside ``widget``'s region, stripped at both ends."""
    region = widget.scrollable_content_region
    strips = app.screen._compositor.render_strips()
    return [
        strip.crop(region.x, region.right).text.strip()
        for strip in strips[region.y : region.bottom]
    ]


def text_lines(app: App, widget) -> list[str]:  # type: ignore[no-untyped-def]
    """Non-blank rows inside ``widget``."""
    return [line for line in region_lines(app, widget) if line]


async def wait_for_terms(pilot: Pilot) -> None:
    """Wait for the terms worker (it starts after the first paint) to find every term."""
    app = pilot.app
    for _ in range(200):
        await pilot.pause()
        await app.workers.wait_for_complete()
        if app.terms_complete:  # type: ignore[attr-defined]
            await pilot.pause()
            return
    raise AssertionError("the terms worker never finished")
