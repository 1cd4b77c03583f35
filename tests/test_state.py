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
        extra={"something_new": {"a": 1}},  # a newer version's key, kept to be written back
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


def test_json_that_is_not_an_object_is_set_aside_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "documents" / f"{KEY}.json"
    path.parent.mkdir(parents=True)
    path.write_text("[1, 2]", encoding="utf-8")
    store = StateStore(tmp_path)
    state, notice = store.load(KEY)
    assert state == ReadingState()
    assert notice is not None
    assert notice.startswith(f"{path}: corrupt (not a reading state); moved aside to {KEY}.json.")
    store.save(KEY, ReadingState(place=3))
    (aside,) = path.parent.glob(f"{KEY}.json.corrupt-*")
    assert aside.read_text(encoding="utf-8") == "[1, 2]"


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


# -- two readers, edited documents, hostile files ---------------------------------------------

TEXT = (
    "第一章\n\n構建社會主義和諧社會是黨的戰略任務。\n\n"
    "第二章\n\n組織部門肩負著重要責任,必須加強領導。\n"
)


def test_two_readers_keep_each_others_bookmarks_and_deletions(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    first = store.open(TEXT, "/docs/a.txt")
    first.state.add_bookmark(Bookmark(5, "old", "t"))
    first.save()
    a, b = store.open(TEXT, "/docs/a.txt"), store.open(TEXT, "/docs/a.txt")
    a.state.add_bookmark(Bookmark(10, "a's", "t"))
    a.state.place = 10
    a.save()
    b.state.add_bookmark(Bookmark(20, "b's", "t"))
    b.state.delete_bookmark(0)  # the one at 5
    b.save()
    assert [mark.place for mark in b.state.bookmarks] == [10, 20]  # b now sees a's
    state, _ = store.load(first.key)
    assert [(mark.place, mark.label) for mark in state.bookmarks] == [(10, "a's"), (20, "b's")]
    assert state.place == 10  # b never moved: a's place stands
    a.state.place = 30
    a.save()  # a had not seen b's deletion or addition; its save keeps both
    state, _ = store.load(first.key)
    assert [mark.place for mark in state.bookmarks] == [10, 20]
    assert state.place == 30


def test_the_place_is_the_last_one_moved_to(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    a, b = store.open(TEXT), store.open(TEXT)
    a.state.place = 7
    a.save()
    b.state.place = 12
    b.state.script = "simplified"
    b.save()
    a.save()  # a did not move again: b's place and script stay
    state, _ = store.load(a.key)
    assert (state.place, state.script) == (12, "simplified")


def test_keys_of_a_newer_version_are_kept_and_its_version_not_lowered(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    path = store.document_path(document_key(TEXT))
    path.parent.mkdir(parents=True)
    newer = {"version": 9, "place": 4, "known_words": ["構建", "社會"], "bookmarks": []}
    path.write_text(json.dumps(newer, ensure_ascii=False), encoding="utf-8")
    opened = store.open(TEXT)
    assert opened.state.extra == {"known_words": ["構建", "社會"]}
    opened.state.place = 8
    opened.save()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert (saved["version"], saved["place"], saved["known_words"]) == (9, 8, ["構建", "社會"])
    # another reader changing the unknown key meanwhile is not undone by this one
    saved["known_words"] = ["構建"]
    path.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    opened.save()
    assert json.loads(path.read_text(encoding="utf-8"))["known_words"] == ["構建"]


def test_an_edited_file_is_found_by_its_path_and_its_places_follow_the_text(
    tmp_path: Path,
) -> None:
    store = StateStore(tmp_path)
    place, mark = TEXT.index("組織"), TEXT.index("必須")
    opened = store.open(TEXT, "/docs/a.txt")
    opened.state.place = place
    opened.state.add_bookmark(Bookmark(mark, "必須", "t"))
    opened.save()

    edited = TEXT.replace("第一章\n", "第一章 緒論\n\n新加的一段話。\n")
    grown = len(edited) - len(TEXT)
    again = store.open(edited, "/docs/a.txt")
    assert again.key != opened.key
    assert again.state.place == place + grown
    assert [(b.place, b.label) for b in again.state.bookmarks] == [(mark + grown, "必須")]
    assert again.notices == [
        "The document changed since you last read it: your place and 1 bookmark "
        "found again by the text around it"
    ]
    assert store.open(edited, "/docs/other.txt").state.place == 0  # another file: a fresh start
    again.save()
    assert store.key_for_path("/docs/a.txt") == again.key
    assert store.load(opened.key)[0].place == place  # the old version's state is kept


def test_a_place_whose_text_was_deleted_keeps_its_offset_and_is_counted(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    opened = store.open(TEXT, "/docs/a.txt")
    opened.state.place = TEXT.index("組織")
    opened.save()
    edited = TEXT[: TEXT.index("第二章")]
    again = store.open(edited, "/docs/a.txt")
    assert again.state.place == len(edited)
    assert again.notices[0].endswith("; 1 could not be found and kept their old offset")


def test_ten_thousand_bookmarks_load_in_order_without_duplicates(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    path = store.document_path(KEY)
    path.parent.mkdir(parents=True)
    marks = [{"place": place, "label": str(place)} for place in range(10_000, 0, -1)]
    marks.append({"place": 5, "label": "duplicate"})
    path.write_text(json.dumps({"bookmarks": marks}), encoding="utf-8")
    state, _ = store.load(KEY)
    assert [b.place for b in state.bookmarks] == list(range(1, 10_001))
    assert state.bookmarks[4].label == "5"


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom"])
def test_a_state_file_linked_to_an_endless_device_is_set_aside(tmp_path: Path, target) -> None:
    store = StateStore(tmp_path)
    path = store.document_path(KEY)
    path.parent.mkdir(parents=True)
    path.symlink_to(target)
    state, notice = store.load(KEY)
    assert state == ReadingState()
    assert notice is not None and "larger than the 64 MB limit" in notice
    (aside,) = path.parent.glob(f"{KEY}.json.corrupt-*")
    assert aside.is_symlink() and os.readlink(aside) == target  # the link moved, not the device


def test_a_state_file_over_the_limit_is_set_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "STATE_LIMIT", 1000)
    store = StateStore(tmp_path)
    store.save(KEY, ReadingState(bookmarks=[Bookmark(p, "標籤" * 10, "t") for p in range(50)]))
    state, notice = store.load(KEY)
    assert state.bookmarks == []
    assert notice is not None and "corrupt (larger than the 1000 bytes limit)" in notice


def test_temporary_files_left_by_killed_saves_are_removed(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    documents = tmp_path / "documents"
    documents.mkdir()
    stale = documents / f".{KEY}.json.abc123.tmp"
    fresh = documents / f".{KEY}.json.def456.tmp"  # a save under way in another reader
    other = documents / ".somebody-else.tmp"
    for leftover in (stale, fresh, other):
        leftover.write_text("{", encoding="utf-8")
    old = os.stat(stale).st_mtime - storage.STALE_TEMPORARY_SECONDS - 5
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    store.save(KEY, ReadingState(place=1))
    assert not stale.exists()
    assert fresh.exists() and other.exists()


def test_a_change_made_while_a_snapshot_is_written_is_kept_for_the_next_save(
    tmp_path: Path,
) -> None:
    store = StateStore(tmp_path)
    text = "甲乙丙丁戊己庚辛壬癸" * 10
    opened = store.open(text)
    opened.state.add_bookmark(Bookmark(10, "a"))
    opened.state.add_bookmark(Bookmark(50, "e"))
    snapshot = opened.state.copy()  # handed to the worker
    opened.state.add_bookmark(Bookmark(20, "b"))  # meanwhile, on the UI thread
    opened.state.delete_bookmark(2)  # the one at 50
    opened.state.place = 30
    other = store.open(text)  # another reader saved in between
    other.state.add_bookmark(Bookmark(40, "d"))
    other.save()
    saved = opened.write(snapshot)
    on_disk, _ = store.load(opened.key)
    assert [b.place for b in on_disk.bookmarks] == [10, 40, 50]  # the snapshot and the other's
    assert on_disk.place == 0
    opened.took(snapshot, saved)
    assert [b.place for b in opened.state.bookmarks] == [10, 20, 40]
    assert opened.state.place == 30
    assert not opened.state.same_as(saved)  # something is left to save
    opened.save()
    on_disk, _ = store.load(opened.key)
    assert ([b.place for b in on_disk.bookmarks], on_disk.place) == ([10, 20, 40], 30)


def test_a_save_reads_the_file_again_only_when_someone_else_wrote_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = StateStore(tmp_path)
    opened = store.open(TEXT)
    reads: list[str] = []
    read = StateStore._read

    def counted(self: StateStore, key: str):  # type: ignore[no-untyped-def]
        reads.append(key)
        return read(self, key)

    monkeypatch.setattr(StateStore, "_read", counted)
    opened.state.place = 3
    opened.save()
    opened.state.add_bookmark(Bookmark(8, "mine", "t"))
    opened.save()  # the file is the one it wrote: not read again
    assert len(reads) == 1
    data = json.loads(opened.file.read_text(encoding="utf-8"))
    data["bookmarks"].append({"place": 9, "label": "ed's", "created": "t"})
    opened.file.write_text(json.dumps(data), encoding="utf-8")  # edited in place, by hand
    opened.state.place = 4
    opened.save()
    assert len(reads) == 2
    state, _ = store.load(opened.key)
    assert ([b.place for b in state.bookmarks], state.place) == ([8, 9], 4)
