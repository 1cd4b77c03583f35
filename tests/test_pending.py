"""reader.pending: the rules by which keys wait for what they need."""

from __future__ import annotations

from collections.abc import Callable

from reader.pending import Intent, Need, Waiting


class Ready:
    """A need the test makes ready by hand."""

    def __init__(self, label: str) -> None:
        self.ready = False
        self.need = Need(label, lambda: self.ready)


def recorder() -> tuple[list[str], Callable[[str], Callable[[], None]]]:
    """What was carried out, and a maker of intents' acts that note their name there."""
    done: list[str] = []

    def act(name: str) -> Callable[[], None]:
        return lambda: done.append(name)

    return done, act


def test_an_intent_whose_needs_are_met_is_carried_out_at_once() -> None:
    done, act = recorder()
    waiting = Waiting()
    waiting.ask(Intent(act("G"), (Need("x", lambda: True),)))
    assert done == ["G"]
    assert len(waiting) == 0
    assert waiting.label() == ""


def test_an_intent_waits_until_its_needs_are_met_and_says_for_what() -> None:
    done, act = recorder()
    book, words = Ready("opening the whole book"), Ready("counting the words")
    waiting = Waiting()
    waiting.ask(Intent(act("P"), (book.need, words.need)))
    assert done == []
    assert waiting.label() == "opening the whole book"
    book.ready = True
    waiting.flush()
    assert done == []
    assert waiting.label() == "counting the words"
    words.ready = True
    waiting.flush()
    assert done == ["P"]


def test_moves_keep_their_order_and_every_press_counts() -> None:
    done, act = recorder()
    book = Ready("book")
    waiting = Waiting()
    waiting.ask(Intent(act("G"), (book.need,), move=True))
    waiting.ask(Intent(act("k"), (), move=True))
    waiting.ask(Intent(act("}"), (book.need,), move=True))
    waiting.ask(Intent(act("}"), (book.need,), move=True))
    assert done == []  # k could move now, but waits behind G
    assert waiting.moves
    book.ready = True
    waiting.flush()
    assert done == ["G", "k", "}", "}"]
    assert not waiting.moves


def test_a_popup_waits_behind_a_move_but_a_move_not_behind_a_popup() -> None:
    done, act = recorder()
    book, dictionary = Ready("book"), Ready("dictionary")
    waiting = Waiting()
    waiting.ask(Intent(act("G"), (book.need,), move=True))
    waiting.ask(Intent(act("mark"), ()))
    waiting.ask(Intent(act("popup"), (dictionary.need,), kind="screen"))
    waiting.ask(Intent(act("j"), (), move=True))
    assert done == []
    book.ready = True
    waiting.flush()
    assert done == ["G", "mark", "j"]  # j does not wait for the dictionary
    waiting.ask(Intent(act("page"), (), move=True))
    waiting.ask(Intent(act("K"), ()))
    assert done == ["G", "mark", "j", "page"]  # K keeps its place behind the popup
    dictionary.ready = True
    waiting.flush()
    assert done == ["G", "mark", "j", "page", "popup", "K"]


def test_the_latest_of_a_kind_replaces_the_one_that_waits() -> None:
    done, act = recorder()
    book = Ready("book")
    waiting = Waiting()
    waiting.ask(Intent(act("profile"), (book.need,), kind="screen"))
    waiting.ask(Intent(act("]"), (book.need,)))
    waiting.ask(Intent(act("words"), (book.need,), kind="screen"))
    assert len(waiting) == 2
    book.ready = True
    waiting.flush()
    assert done == ["]", "words"]


def test_an_intent_asked_for_by_one_carried_out_takes_its_place() -> None:
    done, act = recorder()
    book, counted = Ready("book"), Ready("counted")
    waiting = Waiting()

    def count_then_show() -> None:
        waiting.ask(Intent(act("profile"), (counted.need,), kind="screen"))

    waiting.ask(Intent(count_then_show, (book.need,), kind="screen"))
    waiting.ask(Intent(act("mark"), ()))
    book.ready = True
    waiting.flush()
    assert done == []  # the mark, pressed after the profile, waits behind it still
    assert waiting.label() == "counted"
    counted.ready = True
    waiting.flush()
    assert done == ["profile", "mark"]


def test_a_later_screen_wins_over_the_continuation_of_an_earlier_one() -> None:
    done, act = recorder()
    book, counted = Ready("book"), Ready("counted")
    waiting = Waiting()

    def count_then(name: str) -> Callable[[], None]:
        return lambda: waiting.ask(Intent(act(name), (counted.need,), kind="screen"))

    waiting.ask(Intent(count_then("profile"), (book.need,), kind="screen"))
    book.ready = True
    waiting.flush()  # the profile now waits for its count
    waiting.ask(Intent(count_then("words"), (), kind="screen"))  # the word list replaces it
    counted.ready = True
    waiting.flush()
    assert done == ["words"]


def test_cancel_forgets_everything_that_waits() -> None:
    done, act = recorder()
    book = Ready("book")
    waiting = Waiting()
    waiting.ask(Intent(act("G"), (book.need,), move=True))
    waiting.ask(Intent(act("popup"), (book.need,), kind="screen"))
    assert waiting.cancel() == 2
    assert waiting.cancel() == 0
    book.ready = True
    waiting.flush()
    assert done == []
    assert waiting.label() == ""
