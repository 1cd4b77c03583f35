"""Resume and bookmarks: round trips, forgiving loads, and files that are never half-written."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader import paths, storage
from reader.state import (
    Bookmark,
    ReadingState,
    StateStore,
    bookmark_label,
    document_key,
)

KEY = document_key("組織工作和諧社會交流")


def test_document_key_is_a_short_sha256_of_the_utf8_text() -> None:
    assert document_key("hello") == "2cf24dba5fb0a30e26e83b2ac5b9e29e"
    assert document_key("構建") == "1b383444376e71f1699e913fb3c6362e"
    assert document_key("构建") != document_key("構建")


def test_document_key_does_not_depend_on_the_file_name(tmp_path: Path) -> None:
    text = "第一章\n\n構建和諧社會。\n"
    first = tmp_path / "a.txt"
    moved = tmp_path / "elsewhere" / "renamed.md"
    moved.parent.mkdir()
    first.write_text(text, encoding="utf-8")
    moved.write_text(text, encoding="utf-8")
    assert document_key(first.read_text(encoding="utf-8")) == document_key(
        moved.read_text(encoding="utf-8")
    )


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    state = ReadingState(
        place=1234,
        script="simplified",
        outline_visible=False,
        reading_width=100,
        bookmarks=[Bookmark(10, "一、構建 — 黨的", "2024-01-01T00:00:00+00:00")],
    )
    store.save(KEY, state)
    assert state.updated  # save stamps the time
    loaded, notice = StateStore(tmp_path).load(KEY)
    assert notice is None
    assert loaded == state
    assert loaded.place == 1234
    assert loaded.bookmarks == [Bookmark(10, "一、構建 — 黨的", "2024-01-01T00:00:00+00:00")]
    assert (tmp_path / "documents" / f"{KEY}.json").is_file()


def test_unknown_document_gives_defaults_without_notice(tmp_path: Path) -> None:
    state, notice = StateStore(tmp_path).load(KEY)
    assert notice is None
    assert state == ReadingState()
    assert (state.place, state.script, state.outline_visible, state.reading_width) == (
        0,
        None,
        True,
        None,
    )


def test_default_directory_is_the_state_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths, "state_dir", lambda: tmp_path / "state")
    StateStore().save(KEY, ReadingState(place=7))
    assert (tmp_path / "state" / "documents" / f"{KEY}.json").is_file()


def test_corrupt_file_is_set_aside_with_a_notice(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    path = tmp_path / "documents" / f"{KEY}.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"place": 12,', encoding="utf-8")
    state, notice = store.load(KEY)
    assert state == ReadingState()
    assert notice is not None
    assert notice.startswith(f"{path}: corrupt (line 1: ")
    assert "moved aside to " in notice
    assert not path.exists()
    aside = list(path.parent.glob(f"{KEY}.json.corrupt-*"))
    assert len(aside) == 1
    assert aside[0].read_text(encoding="utf-8") == '{"place": 12,'
    # and the next save starts a fresh file
    store.save(KEY, ReadingState(place=5))
    state, notice = store.load(KEY)
    assert (state.place, notice) == (5, None)


def test_wrong_field_types_fall_back_field_by_field(tmp_path: Path) -> None:
    path = tmp_path / "documents" / f"{KEY}.json"
    path.parent.mkdir(parents=True)
    data = {
        "place": "12",
        "script": "klingon",
        "outline_visible": "no",
        "reading_width": 5,
        "bookmarks": [
            {"place": 50, "label": "fifty", "created": "t"},
            {"place": "x"},
            3,
            {"place": True},
            {"place": -1},
            {"place": 50, "label": "duplicate"},
            {"place": 20, "label": 7, "created": None},
        ],
        "updated": 9,
        "something_new": {"a": 1},
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    state, notice = StateStore(tmp_path).load(KEY)
    assert notice is None
    assert state == ReadingState(
        place=0,
        script=None,
        outline_visible=True,
        reading_width=None,
        bookmarks=[Bookmark(20, "", ""), Bookmark(50, "fifty", "t")],
        updated="",
    )


def test_valid_fields_survive_next_to_invalid_ones(tmp_path: Path) -> None:
    path = tmp_path / "documents" / f"{KEY}.json"
    path.parent.mkdir(parents=True)
    data = {"place": 42, "script": "traditional", "outline_visible": False, "reading_width": True}
    path.write_text(json.dumps(data), encoding="utf-8")
    state, _ = StateStore(tmp_path).load(KEY)
    assert (state.place, state.script, state.outline_visible, state.reading_width) == (
        42,
        "traditional",
        False,
        None,
    )


def test_a_boolean_is_not_a_place(tmp_path: Path) -> None:
    path = tmp_path / "documents" / f"{KEY}.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"place": true, "reading_width": 400}', encoding="utf-8")
    state, _ = StateStore(tmp_path).load(KEY)
    assert state.place == 0
    assert state.reading_width == 400


def test_json_that_is_not_an_object_is_ignored_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "documents" / f"{KEY}.json"
    path.parent.mkdir(parents=True)
    path.write_text("[1, 2]", encoding="utf-8")
    state, notice = StateStore(tmp_path).load(KEY)
    assert state == ReadingState()
    assert notice == f"{path}: not a reading state; ignored"


def test_bookmarks_stay_sorted_without_duplicate_places() -> None:
    state = ReadingState()
    assert state.add_bookmark(Bookmark(30, "c", "t"))
    assert state.add_bookmark(Bookmark(10, "a", "t"))
    assert state.add_bookmark(Bookmark(20, "b", "t"))
    assert not state.add_bookmark(Bookmark(20, "again", "t"))
    assert [(b.place, b.label) for b in state.bookmarks] == [(10, "a"), (20, "b"), (30, "c")]
    assert state.delete_bookmark(1) == Bookmark(20, "b", "t")
    assert [b.place for b in state.bookmarks] == [10, 30]
    with pytest.raises(IndexError):
        state.delete_bookmark(2)


def test_bookmark_created_defaults_to_now() -> None:
    created = Bookmark(3, "x").created
    assert len(created) == len("2024-01-01T00:00:00+00:00")
    assert created.endswith("+00:00")


def test_bookmark_label_with_section_and_text() -> None:
    label = bookmark_label(
        "二、不斷提升組織工作整體水平,為構建和諧社會提供組織保證",
        "構建社會主義和諧社會,實現社會和諧穩定,必須進一步加強領導班子建設",
    )
    assert label == "二、不斷提升組織工作整體水平… — 構建社會主義和諧社會,實現社會和諧穩定,必…"
    assert len(label) == 40


def test_bookmark_label_short_parts_are_kept_whole() -> None:
    assert bookmark_label("導語", "組織工作\n和諧社會") == "導語 — 組織工作 和諧社會"
    assert bookmark_label(None, "  構建和諧社會,關鍵在黨。  ") == "構建和諧社會,關鍵在黨。"
    assert bookmark_label("一、構建", "") == "一、構建"
    assert bookmark_label(None, "") == ""


def test_bookmark_label_without_section_uses_the_whole_width() -> None:
    text = (
        "構建社會主義和諧社會是黨從中國特色社會主義事業和全面建設小康社會全局出發提出的戰略任務。"
    )
    label = bookmark_label(None, text)
    assert (
        label == "構建社會主義和諧社會是黨從中國特色社會主義事業和全面建設小康社會全局出發提出的…"
    )
    assert len(label) == 40


def test_a_key_that_is_not_a_digest_is_refused(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    with pytest.raises(ValueError):
        store.load("../../etc/passwd")
    with pytest.raises(ValueError):
        store.save("abc/def0123456", ReadingState())


def test_save_leaves_no_temporary_files(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    store.save(KEY, ReadingState(place=1))
    store.save(KEY, ReadingState(place=2))
    store.save_app({"theme": "nord"})
    assert sorted(p.name for p in (tmp_path / "documents").iterdir()) == [f"{KEY}.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.json", "documents"]


def test_failed_save_keeps_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = StateStore(tmp_path)
    store.save(KEY, ReadingState(place=1))

    def broken_replace(source: str, target: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(storage.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        store.save(KEY, ReadingState(place=2))
    monkeypatch.setattr(storage.os, "replace", os.replace)
    assert [p.name for p in (tmp_path / "documents").iterdir()] == [f"{KEY}.json"]
    assert store.load(KEY)[0].place == 1


def test_app_state_round_trip(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    assert store.load_app() == ({}, None)
    store.save_app({"theme": "nord"})
    assert StateStore(tmp_path).load_app() == ({"theme": "nord"}, None)
    assert json.loads((tmp_path / "app.json").read_text(encoding="utf-8")) == {"theme": "nord"}


def test_corrupt_app_state_is_set_aside(tmp_path: Path) -> None:
    (tmp_path / "app.json").write_text("{theme: nord}", encoding="utf-8")
    data, notice = StateStore(tmp_path).load_app()
    assert data == {}
    assert notice is not None
    assert "moved aside to app.json.corrupt-" in notice
    assert not (tmp_path / "app.json").exists()
