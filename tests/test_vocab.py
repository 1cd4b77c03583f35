"""The vocabulary list: saved at once, no duplicates, corrupt files set aside, Anki export."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from reader import vocab
from reader.vocab import VocabItem, Vocabulary, anki_file

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


def test_add_saves_at_once_and_reloads(state_home: Path) -> None:
    vocabulary = Vocabulary.load()
    assert vocabulary.path == state_home
    assert vocabulary.items == ()
    assert vocabulary.notice is None
    assert not state_home.exists()

    assert vocabulary.add(XUEXI) is True
    assert json.loads(state_home.read_text(encoding="utf-8")) == {
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
                "section_title": "",
            }
        ],
    }
    assert vocabulary.add(HANG) is True

    reloaded = Vocabulary.load()
    assert reloaded.items == (XUEXI, HANG)
    assert reloaded.notice is None
    assert list(state_home.parent.iterdir()) == [state_home]  # no temporary files left


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

    monkeypatch.setattr(vocab, "atomic_write_json", disk_full)
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
