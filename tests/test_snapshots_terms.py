"""What the term popup looks like: beside its term, over the article, in traditional script."""

from __future__ import annotations

from textual.pilot import Pilot

from reader.app import ReaderApp


async def terms_found(pilot: Pilot) -> None:
    """The terms arrive from a worker started after the first paint: wait for all of them."""
    app = pilot.app
    assert isinstance(app, ReaderApp)
    for _ in range(200):
        await pilot.pause()
        await app.workers.wait_for_complete()
        if app.terms_complete:
            await pilot.pause()
            return
    raise AssertionError("the terms worker never finished")


def test_the_popup_of_a_term(snap_compare) -> None:  # type: ignore[no-untyped-def]
    # ] four times: 和諧社會 in the title, in the lead, in the second title, then
    # 社會主義和諧社會 in the first paragraph; enter opens its popup just below it.
    assert snap_compare(
        ReaderApp(),
        press=["right_square_bracket"] * 4 + ["enter"],
        terminal_size=(120, 40),
        run_before=terms_found,
    )
