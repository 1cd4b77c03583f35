"""Spans of places: overlap search, joining, and the nearest-first order of slow work."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.spans import Spans, merged, nearest_first


def test_overlapping_finds_the_spans_that_touch_a_range() -> None:
    spans = Spans.of([(10, 12), (0, 3), (5, 8)])
    assert spans.as_list() == [(0, 3), (5, 8), (10, 12)]
    assert list(spans.overlapping(2, 6)) == [0, 1]
    assert list(spans.overlapping(3, 5)) == []  # ends are not included
    assert list(spans.overlapping(8, 10)) == []
    assert list(spans.overlapping(7, 11)) == [1, 2]
    assert list(spans.overlapping(20, 30)) == []
    assert len(spans) == 3
    assert list(Spans().overlapping(0, 10)) == []


def test_merged_joins_touching_and_overlapping_spans() -> None:
    assert merged([(5, 8), (0, 3), (3, 4), (6, 10), (12, 13)]) == [(0, 4), (5, 10), (12, 13)]
    assert merged([]) == []


def test_nearest_first_goes_outward_from_the_index() -> None:
    assert nearest_first(2, 6) == [2, 3, 1, 4, 0, 5]
    assert nearest_first(0, 3) == [0, 1, 2]
    assert nearest_first(4, 5) == [4, 3, 2, 1, 0]
    assert nearest_first(9, 3) == [2, 1, 0]  # past the end: from the last
    assert nearest_first(0, 0) == []


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 60), st.integers(0, 60))
def test_nearest_first_is_every_index_once_by_distance(index: int, count: int) -> None:
    order = nearest_first(index, count)
    assert sorted(order) == list(range(count))
    start = min(index, count - 1)
    distances = [abs(i - start) for i in order]
    assert distances == sorted(distances)
