"""The vocabulary list: saved at once, no duplicates, corrupt files set aside, Anki export."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader import vocab
from reader.vocab import VocabItem, Vocabulary, anki_file, place_in_document

XUEXI = VocabItem(
    simplified="学习",
    traditional="學習",
    pinyin="xué xí",
    definition="to learn; to study",
    sentence="我们要好好学习。",
    document_title="第一课",
    added="2024-05-01",
)
HANG = VocabItem(
    simplified="行",
    traditional="行",
    pinyin="háng",
    definition="row; line",
    sentence="银行在哪儿？",
    document_title="第二课",
    added="2024-05-02",
)


@pytest.fixture
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    return tmp_path / "zh-reader" / "vocabulary.json"


NOW = 1_800_000_000_000_000_000  # the clock in these tests (ns), so stamps are known


TICK = 1000  # how far the clock moves between two readings of it


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clock every reader shares: NOW, then NOW + TICK, NOW + 2 * TICK…"""
    ticks = itertools.count(NOW, TICK)
    monkeypatch.setattr(vocab.time, "time_ns", lambda: next(ticks))


def test_add_saves_at_once_and_reloads(state_home: Path, clock: None) -> None:
    vocabulary = Vocabulary.load()
    assert vocabulary.path == state_home
    assert vocabulary.items == ()
    assert vocabulary.notice is None
    assert not state_home.exists()

    assert vocabulary.add(XUEXI) is True
    assert json.loads(state_home.read_text(encoding="utf-8")) == {
        "version": 2,
        "items": [
            {
                "simplified": "学习",
                "traditional": "學習",
                "pinyin": "xué xí",
                "definition": "to learn; to study",
                "sentence": "我们要好好学习。",
                "document_title": "第一课",
                "added": "2024-05-01",
                "section_title": "",
                "note": "",
                "place": None,
                "document_key": "",
                "changed": NOW,
            }
        ],
        "deleted": [],
    }
    assert vocabulary.add(HANG) is True

    reloaded = Vocabulary.load()
    assert reloaded.items == (XUEXI, HANG)
    assert reloaded.notice is None
    assert sorted(path.name for path in state_home.parent.iterdir()) == [
        ".vocabulary.json.lock",  # the lock two readers share; no temporary files left
        "vocabulary.json",
    ]


def test_no_duplicate_of_the_same_word_reading_and_sentence(state_home: Path) -> None:
    vocabulary = Vocabulary.load()
    assert vocabulary.add(XUEXI) is True
    saved = state_home.read_bytes()
    again = VocabItem(
        "学习", "學習", "xué xí", "other wording", "我们要好好学习。", "别的", "2025-01-01"
    )
    assert again in vocabulary
    assert vocabulary.add(again) is False
    assert vocabulary.items == (XUEXI,)
    assert state_home.read_bytes() == saved
    # Another sentence or another reading is a new card.
    other_sentence = VocabItem("学习", "學習", "xué xí", "to study", "学习很重要。", "第一课")
    assert vocabulary.add(other_sentence) is True
    assert vocabulary.add(HANG) is True
    assert vocabulary.add(VocabItem(**{**HANG.__dict__, "pinyin": "xíng"})) is True
    assert len(Vocabulary.load()) == 4
    assert Vocabulary.load().add(XUEXI) is False  # duplicates are caught after a reload too


def test_added_defaults_to_today() -> None:
    item = VocabItem("好", "好", "hǎo", "good", "很好。", "")
    assert date.fromisoformat(item.added) == date.today()


def test_corrupt_file_is_set_aside_with_a_notice(state_home: Path) -> None:
    state_home.parent.mkdir(parents=True)
    state_home.write_text('{"version": 1, "items": [', encoding="utf-8")
    vocabulary = Vocabulary.load()
    assert vocabulary.items == ()
    assert vocabulary.notice is not None
    assert "corrupt" in vocabulary.notice
    assert "moved aside to vocabulary.json.corrupt-" in vocabulary.notice
    [aside] = state_home.parent.glob("vocabulary.json.corrupt-*")
    assert aside.read_text(encoding="utf-8") == '{"version": 1, "items": ['
    assert not state_home.exists()
    assert vocabulary.add(XUEXI) is True
    assert Vocabulary.load().items == (XUEXI,)


def test_json_that_is_not_a_vocabulary_list_is_set_aside(state_home: Path) -> None:
    state_home.parent.mkdir(parents=True)
    state_home.write_text('["学习"]', encoding="utf-8")
    vocabulary = Vocabulary.load()
    assert vocabulary.items == ()
    assert vocabulary.notice is not None
    assert "not a vocabulary list" in vocabulary.notice
    [aside] = state_home.parent.glob("vocabulary.json.corrupt-*")
    assert aside.read_text(encoding="utf-8") == '["学习"]'


def test_unreadable_entries_are_dropped_but_kept_aside(state_home: Path) -> None:
    good = dict(XUEXI.__dict__)
    original = json.dumps({"version": 1, "items": [good, {"simplified": 3}, "junk"]})
    state_home.parent.mkdir(parents=True)
    state_home.write_text(original, encoding="utf-8")
    vocabulary = Vocabulary.load()
    assert vocabulary.items == (XUEXI,)
    assert vocabulary.notice is not None
    assert "2 unreadable entries" in vocabulary.notice
    [aside] = state_home.parent.glob("vocabulary.json.corrupt-*")
    assert aside.read_text(encoding="utf-8") == original
    # The good entries are written back straight away, so nothing depends on a later add.
    assert Vocabulary.load().items == (XUEXI,)
    assert Vocabulary.load().notice is None


def test_failed_save_leaves_the_list_unchanged(
    state_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vocabulary = Vocabulary.load()

    def disk_full(path: Path, data: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(vocab, "atomic_write_text", disk_full)
    with pytest.raises(OSError, match="No space left"):
        vocabulary.add(XUEXI)
    assert vocabulary.items == ()
    assert XUEXI not in vocabulary
    monkeypatch.undo()
    assert vocabulary.add(XUEXI) is True


def test_export_anki_exact_content() -> None:
    messy = VocabItem(
        simplified="打\t招呼",
        traditional="打招呼",
        pinyin="dǎ zhāo hu",
        definition='to greet; "to say hello"',
        sentence="他跟我\r\n打了个招呼。\n",
        document_title="不导出",
        added="2024-05-03",
    )
    hashed = VocabItem("#号", "#號", "hào", "number sign", "", "", "2024-05-04")
    text, count = anki_file([XUEXI, HANG, messy, hashed])
    assert count == 4
    assert text == (
        "#separator:tab\n"
        "#html:true\n"
        "#columns:Simplified\tTraditional\tPinyin\tDefinition\tSentence\tLevel\tTags\n"
        "#tags column:7\n"
        "学习\t學習\txuéxí\tto learn; to study\t我们要好好<b>学习</b>。\tHSK 1\treader::第一课\n"
        "行\t行\tháng\trow; line\t银<b>行</b>在哪儿？\tHSK 3\treader::第二课\n"
        '打 招呼\t打招呼\tdǎzhāohu\t"to greet; ""to say hello"""\t他跟我 打了个招呼。'
        "\tbeyond\treader::不导出\n"
        '"#号"\t"#號"\thào\tnumber sign\t\tbeyond\treader\n'
    )


def test_export_anki_marks_the_word_in_either_script_and_tags_the_section() -> None:
    item = VocabItem(
        simplified="学习",
        traditional="學習",
        pinyin="xué xí",
        definition="to learn <sth> & more",
        sentence="我們要好好學習。",
        document_title="組織工作 和諧社會",
        added="2024-05-01",
        section_title="一、構建和諧社會",
    )
    row = anki_file([item])[0].splitlines()[-1]
    assert row.split("\t") == [
        "学习",
        "學習",
        "xuéxí",
        "to learn &lt;sth&gt; &amp; more",
        "我們要好好<b>學習</b>。",
        "HSK 1",
        "reader::組織工作_和諧社會::一、構建和諧社會",
    ]


def test_a_saved_list_from_before_sections_still_loads(state_home: Path) -> None:
    old = {k: v for k, v in XUEXI.__dict__.items() if k != "section_title"}
    state_home.parent.mkdir(parents=True)
    state_home.write_text(json.dumps({"version": 1, "items": [old]}), encoding="utf-8")
    vocabulary = Vocabulary.load()
    assert vocabulary.items == (XUEXI,) and vocabulary.notice is None


def test_export_anki_of_nothing_is_only_the_header() -> None:
    assert anki_file([]) == (vocab.ANKI_HEADER, 0)


# -- editing, deleting and undoing ------------------------------------------------------------

SHUO = VocabItem("说", "說", "shuō", "to speak", "老师说：", "第一课", "2024-05-03")


def saved(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def test_edit_changes_the_sense_and_the_note_and_saves_them(state_home: Path, clock: None) -> None:
    vocabulary = Vocabulary.load()
    vocabulary.add(XUEXI)
    edited = vocabulary.edit(XUEXI.key, definition="to study", note="第一课的词")
    expected = VocabItem(
        simplified="学习",
        traditional="學習",
        pinyin="xué xí",
        definition="to study",
        sentence="我们要好好学习。",
        document_title="第一课",
        added="2024-05-01",
        note="第一课的词",
    )
    assert edited == expected
    assert vocabulary.items == (expected,)
    [entry] = saved(state_home)["items"]
    assert (entry["definition"], entry["note"], entry["changed"]) == (
        "to study",
        "第一课的词",
        NOW + TICK,
    )
    assert Vocabulary.load().items == (expected,)
    # a field not given stays as it is
    assert vocabulary.edit(XUEXI.key, note="") == replace(expected, note="")
    assert Vocabulary.load().items[0].definition == "to study"
    # nothing changed: nothing written
    before = state_home.read_bytes()
    assert vocabulary.edit(XUEXI.key, definition="to study") == replace(expected, note="")
    assert state_home.read_bytes() == before


def test_delete_leaves_a_tombstone_and_restore_brings_the_entry_back_in_its_place(
    state_home: Path, clock: None
) -> None:
    vocabulary = Vocabulary.load()
    vocabulary.add(XUEXI)
    vocabulary.add(HANG)
    deleted = vocabulary.delete(XUEXI.key)
    assert deleted is not None and deleted.item == XUEXI
    assert vocabulary.items == (HANG,)
    assert XUEXI not in vocabulary and len(vocabulary) == 1
    data = saved(state_home)
    assert [entry["simplified"] for entry in data["items"]] == ["行"]
    assert data["deleted"] == [
        {
            "simplified": "学习",
            "pinyin": "xué xí",
            "sentence": "我们要好好学习。",
            "changed": NOW + 2 * TICK,
        }
    ]
    assert Vocabulary.load().items == (HANG,)
    assert vocabulary.delete(XUEXI.key) is None  # gone already
    assert vocabulary.edit(XUEXI.key, note="x") is None  # a deleted entry is not edited back

    assert vocabulary.restore(deleted) is True
    assert vocabulary.items == (XUEXI, HANG)  # where it was, not as the newest
    assert saved(state_home)["deleted"] == []
    assert Vocabulary.load().items == (XUEXI, HANG)
    assert vocabulary.restore(deleted) is False  # back already


def test_a_deleted_word_added_again_is_the_newest(state_home: Path, clock: None) -> None:
    vocabulary = Vocabulary.load()
    vocabulary.add(XUEXI)
    vocabulary.add(HANG)
    vocabulary.delete(XUEXI.key)
    assert vocabulary.add(XUEXI) is True
    assert Vocabulary.load().items == (HANG, XUEXI)


def test_a_failed_edit_or_delete_leaves_the_list_as_it_was(
    state_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vocabulary = Vocabulary.load()
    vocabulary.add(XUEXI)

    def disk_full(path: Path, data: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(vocab, "atomic_write_text", disk_full)
    with pytest.raises(OSError, match="No space left"):
        vocabulary.edit(XUEXI.key, note="x")
    with pytest.raises(OSError, match="No space left"):
        vocabulary.delete(XUEXI.key)
    assert vocabulary.items == (XUEXI,)
    assert Vocabulary.load(state_home).items == (XUEXI,)


# -- two readers sharing the file -------------------------------------------------------------


def test_two_readers_adding_at_once_keep_both_words(state_home: Path, clock: None) -> None:
    first, second = Vocabulary.load(), Vocabulary.load()
    first.add(XUEXI)
    second.add(HANG)  # second never read XUEXI: it is merged in, not written over
    assert Vocabulary.load().items == (XUEXI, HANG)
    assert second.items == (XUEXI, HANG)


def test_an_edit_and_a_delete_in_two_readers_both_survive(state_home: Path, clock: None) -> None:
    setup = Vocabulary.load()
    setup.add(XUEXI)
    setup.add(HANG)
    first, second = Vocabulary.load(), Vocabulary.load()
    noted = first.edit(XUEXI.key, note="review")
    assert noted == replace(XUEXI, note="review")
    assert second.delete(HANG.key) == (HANG, None, {})
    assert second.items == (noted,)  # the other's edit taken in as it saved
    # first still holds HANG, from before the delete: it stays deleted
    assert first.items == (noted, HANG)
    first.add(SHUO)
    assert first.items == (noted, SHUO)
    assert Vocabulary.load().items == (noted, SHUO)
    assert first.edit(HANG.key, definition="row") is None
    assert Vocabulary.load().items == (noted, SHUO)


def test_edits_in_two_readers_merge_entry_by_entry(state_home: Path, clock: None) -> None:
    Vocabulary.load().add(XUEXI)
    first, second = Vocabulary.load(), Vocabulary.load()
    first.edit(XUEXI.key, definition="to study")
    second.edit(XUEXI.key, note="review")  # from a copy without first's edit: both kept
    assert Vocabulary.load().items == (replace(XUEXI, definition="to study", note="review"),)
    first.edit(XUEXI.key, note="later")  # the later edit of the same field wins
    assert Vocabulary.load().items == (replace(XUEXI, definition="to study", note="later"),)


def test_a_change_is_later_than_what_it_replaces_even_with_the_clock_set_back(
    state_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vocab.time, "time_ns", lambda: NOW)
    Vocabulary.load().add(XUEXI)  # changed NOW
    monkeypatch.setattr(vocab.time, "time_ns", lambda: NOW - 10 * TICK)  # the clock went back
    first, second = Vocabulary.load(), Vocabulary.load()
    first.edit(XUEXI.key, note="later")
    assert saved(state_home)["items"][0]["changed"] == NOW + 1
    second.add(HANG)  # second's copy of XUEXI (NOW) is older than first's edit: the edit stays
    assert Vocabulary.load().items == (replace(XUEXI, note="later"), HANG)
    second.delete(XUEXI.key)
    assert saved(state_home)["deleted"][0]["changed"] == NOW + 2


def test_refresh_takes_in_what_another_reader_saved(state_home: Path, clock: None) -> None:
    first, second = Vocabulary.load(), Vocabulary.load()
    second.add(XUEXI)
    assert first.items == ()
    first.refresh()
    assert first.items == (XUEXI,)
    second.delete(XUEXI.key)
    first.refresh()
    assert first.items == ()


def test_a_file_damaged_meanwhile_is_set_aside_when_saving(state_home: Path, clock: None) -> None:
    vocabulary = Vocabulary.load()
    vocabulary.add(XUEXI)
    state_home.write_text('{"items": [', encoding="utf-8")
    vocabulary.add(HANG)
    [aside] = state_home.parent.glob("vocabulary.json.corrupt-*")
    assert aside.read_text(encoding="utf-8") == '{"items": ['
    assert Vocabulary.load().items == (XUEXI, HANG)


def test_a_file_as_this_reader_left_it_is_not_read_again(
    state_home: Path, clock: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    vocabulary = Vocabulary.load()
    vocabulary.add(XUEXI)
    reads: list[Path] = []
    real = vocab.read_json

    def counted(path: Path, limit: int | None = None) -> Any:
        reads.append(path)
        return real(path, limit)

    monkeypatch.setattr(vocab, "read_json", counted)
    vocabulary.edit(XUEXI.key, note="a")
    vocabulary.refresh()
    assert reads == []  # nobody else wrote it: what this list holds is what it says
    Vocabulary.load().add(HANG)  # another reader: its own read, then a write
    reads.clear()
    vocabulary.refresh()
    assert reads == [state_home]
    assert vocabulary.items == (replace(XUEXI, note="a"), HANG)


# -- the file's versions ----------------------------------------------------------------------


def test_a_version_1_file_reads_and_is_written_as_version_2(state_home: Path, clock: None) -> None:
    old = {
        "version": 1,
        "items": [
            {
                "simplified": "学习",
                "traditional": "學習",
                "pinyin": "xué xí",
                "definition": "to learn; to study",
                "sentence": "我们要好好学习。",
                "document_title": "第一课",
                "added": "2024-05-01",
                "section_title": "一、",
            }
        ],
    }
    state_home.parent.mkdir(parents=True)
    state_home.write_text(json.dumps(old), encoding="utf-8")
    vocabulary = Vocabulary.load()
    assert vocabulary.notice is None
    assert vocabulary.items == (replace(XUEXI, section_title="一、"),)
    vocabulary.add(HANG)
    data = saved(state_home)
    assert data["version"] == 2
    assert data["items"][0] == {
        **old["items"][0],
        "note": "",
        "place": None,
        "document_key": "",
        "changed": 0,  # never changed since version 1 wrote it
    }


def test_optional_fields_of_the_wrong_type_fall_back_to_their_defaults(state_home: Path) -> None:
    entries = [
        {**XUEXI.__dict__, "note": 5, "place": "12", "document_key": None, "changed": "x"},
        {**HANG.__dict__, "place": True, "section_title": ["x"], "changed": -3},
        {**SHUO.__dict__, "place": -1, "changed": True},
    ]
    state_home.parent.mkdir(parents=True)
    state_home.write_text(json.dumps({"version": 2, "items": entries}), encoding="utf-8")
    vocabulary = Vocabulary.load()
    assert vocabulary.notice is None
    assert vocabulary.items == (XUEXI, HANG, SHUO)
    assert not list(state_home.parent.glob("*.corrupt-*"))


def test_what_a_newer_version_wrote_is_kept(state_home: Path, clock: None) -> None:
    newer = {
        "version": 3,
        "lists": {"review": ["学习"]},
        "items": [{**XUEXI.__dict__, "audio": "xuexi.mp3", "changed": 5}],
        "deleted": [],
    }
    state_home.parent.mkdir(parents=True)
    state_home.write_text(json.dumps(newer), encoding="utf-8")
    vocabulary = Vocabulary.load()
    assert vocabulary.items == (XUEXI,)
    vocabulary.edit(XUEXI.key, note="n")
    data = saved(state_home)
    assert data["version"] == 3
    assert data["lists"] == {"review": ["学习"]}
    assert data["items"][0]["audio"] == "xuexi.mp3"
    assert data["items"][0]["note"] == "n"


def test_unreadable_tombstones_count_as_unreadable_entries(state_home: Path) -> None:
    original = json.dumps(
        {
            "version": 2,
            "items": [XUEXI.__dict__],
            "deleted": [{"simplified": "行", "pinyin": "háng"}, 7],
        }
    )
    state_home.parent.mkdir(parents=True)
    state_home.write_text(original, encoding="utf-8")
    vocabulary = Vocabulary.load()
    assert vocabulary.notice is not None and "2 unreadable entries" in vocabulary.notice
    [aside] = state_home.parent.glob("vocabulary.json.corrupt-*")
    assert aside.read_text(encoding="utf-8") == original
    assert Vocabulary.load().items == (XUEXI,)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=4),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=12,
)
_ENTRY = st.fixed_dictionaries(
    {name: st.text(max_size=3) for name in vocab._REQUIRED_FIELDS},
    optional={
        "note": _JSON,
        "place": st.integers(-2, 50) | _JSON,
        "changed": st.integers(-2, 50) | _JSON,
        "document_key": _JSON,
        "section_title": _JSON,
        "extra": _JSON,
    },
)
_TOMBSTONE = st.fixed_dictionaries(
    {"simplified": st.text(max_size=3), "pinyin": st.text(max_size=3)},
    optional={"sentence": st.text(max_size=3) | _JSON, "changed": st.integers(-2, 50) | _JSON},
)
_FILE = (
    st.fixed_dictionaries(
        {"items": st.lists(_ENTRY | _JSON, max_size=4)},
        optional={
            "version": st.integers(0, 4) | _JSON,
            "deleted": st.lists(_TOMBSTONE | _JSON, max_size=3) | _JSON,
        },
    )
    | _JSON
)


@settings(max_examples=150, deadline=None)
@given(_FILE)
def test_any_json_reads_without_error_and_what_is_read_writes_back_the_same(data: Any) -> None:
    parsed = vocab._parse(data)
    for key, record in parsed.records.items():
        item = record.item
        assert isinstance(record.changed, int)
        if item is not None:
            assert key == item.key
            assert all(isinstance(getattr(item, name), str) for name in vocab._REQUIRED_FIELDS)
            assert item.place is None or (isinstance(item.place, int) and item.place >= 0)
    written = json.loads(json.dumps(vocab._to_json(parsed.records, parsed.version, parsed.extra)))
    again = vocab._parse(written)
    assert again.problem is None
    assert again.records == parsed.records
    assert list(again.records) == list(parsed.records)


# -- going back to where a word was met -------------------------------------------------------

LESSON = "第一课\n\n我们要好好学习。老师说：我们要好好学习。\n"  # 学习 at 10 and at 22


def test_the_place_saved_with_an_entry_in_the_same_text() -> None:
    item = replace(XUEXI, place=22, document_key="k1")
    assert place_in_document(item, LESSON, "k1", "第一课") == 22
    assert place_in_document(item, LESSON, "k2", "别的") is None  # another document
    typed = replace(XUEXI, sentence="", document_title="")
    assert place_in_document(typed, LESSON, "k1", "") is None


def test_an_edited_text_finds_the_sentence_again_nearest_the_saved_place() -> None:
    edited = "第一课\n\n序。我们要好好学习。老师说：我们要好好学习。\n"  # two characters before
    assert (
        place_in_document(replace(XUEXI, place=22, document_key="k1"), edited, "k2", "第一课") == 24
    )
    assert (
        place_in_document(replace(XUEXI, place=10, document_key="k1"), edited, "k2", "第一课") == 12
    )
    # saved before places were: the sentence's first use
    assert place_in_document(XUEXI, edited, "k2", "第一课") == 12
    # in traditional script, the word found in its own form
    traditional = "第一課\n\n我們要好好學習。\n"
    old = replace(XUEXI, sentence="我們要好好學習。", document_title="第一課")
    assert place_in_document(old, traditional, "k3", "第一課") == 10
    assert place_in_document(XUEXI, "第一课\n\n别的。\n", "k4", "第一课") is None
