"""Places found again in an edited text by the characters around them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.anchor import ANCHOR_CHARS, Anchor, find_again

TEXT = (
    "第一章 開始\n\n構建社會主義和諧社會是黨從中國特色社會主義事業出發提出的戰略任務。\n\n"
    "第二章 發展\n\n組織部門作為黨委的重要職能部門,肩負著重要責任。\n"
)


def test_an_anchor_keeps_sixteen_characters_on_each_side() -> None:
    place = TEXT.index("組織部門")
    anchor = Anchor.at(TEXT, place)
    assert anchor.after == "組織部門作為黨委的重要職能部門,"
    assert anchor.before == "的戰略任務。\n\n第二章 發展\n\n"
    assert len(anchor.before) == len(anchor.after) == ANCHOR_CHARS
    assert Anchor.at(TEXT, 0).before == ""


def test_a_line_inserted_above_moves_every_place_below_it() -> None:
    places = [TEXT.index("構建"), TEXT.index("第二章"), TEXT.index("肩負")]
    anchored = [(place, Anchor.at(TEXT, place)) for place in places]
    edited = TEXT.replace("第一章 開始\n", "第一章 開始\n\n前言:新加的一行。\n")
    inserted = len("\n前言:新加的一行。\n")
    assert find_again(edited, anchored, len(edited) - len(TEXT)) == [p + inserted for p in places]


def test_a_place_whose_following_text_was_edited_is_found_by_the_text_before_it() -> None:
    place = TEXT.index("組織部門")
    edited = TEXT.replace("組織部門作為黨委", "組織部作為本黨委")
    assert find_again(edited, [(place, Anchor.at(TEXT, place))]) == [place]


def test_a_place_whose_text_is_gone_is_not_found() -> None:
    place = TEXT.index("構建")
    edited = TEXT.replace("戰略任務。\n\n", "").replace("構建社會主義和諧社會是黨從", "")
    assert find_again(edited, [(place, Anchor.at(TEXT, place)), (3, None)]) == [None, None]


def test_the_nearest_of_repeated_text_is_chosen() -> None:
    text = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳。" * 50
    place = 17 * 30
    edited = "新" + text
    assert find_again(edited, [(place, Anchor.at(text, place))], 1) == [place + 1]


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet="甲乙丙丁戊己庚辛壬癸,。\n", min_size=40, max_size=400),
    st.data(),
)
def test_an_unedited_text_finds_every_place_where_it_was(text: str, data: st.DataObject) -> None:
    places = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
    anchored = [(place, Anchor.at(text, place)) for place in places]
    assert find_again(text, anchored) == places


def test_json_round_trip_and_refusals() -> None:
    anchor = Anchor("前", "後")
    assert Anchor.from_json(anchor.to_json()) == anchor
    for bad in (None, "前後", ["前"], ["前", 3], ["前" * (ANCHOR_CHARS + 1), "後"]):
        assert Anchor.from_json(bad) is None
