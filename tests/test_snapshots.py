"""Snapshots of the reading screen (pytest-textual-snapshot); update with --snapshot-update."""

from __future__ import annotations

from textual.pilot import Pilot

from reader.app import ReaderApp


async def settle(pilot: Pilot) -> None:
    """Let the background loads (terms, dictionary) finish so every run looks the same."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_sample_traditional_120x40(snap_compare) -> None:
    assert snap_compare(ReaderApp(), terminal_size=(120, 40), run_before=settle)


def test_sample_simplified_120x40(snap_compare) -> None:
    assert snap_compare(ReaderApp(), press=["s"], terminal_size=(120, 40), run_before=settle)


def test_sample_small_terminal_60x20(snap_compare) -> None:
    assert snap_compare(ReaderApp(), terminal_size=(60, 20), run_before=settle)
