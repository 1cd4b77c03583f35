"""Known words: marks merged across instances, level, word lists in and out."""

from __future__ import annotations

import json
from pathlib import Path

from reader.known import KnownWords, format_word_list, read_word_list


def test_marks_in_either_script_and_the_level(tmp_path: Path) -> None:
    path = tmp_path / "known.json"
    known = KnownWords.load(path)
    assert known.mark("学习") is None and not known.is_known("学习")
    known.set_mark("學習", True)
    assert known.mark("学习") is True and known.is_known("學習")
    known.set_level(3)
    assert known.is_known("银行")  # HSK 3, not marked: known at level 3
    assert not known.is_known("熟练")  # HSK 5
    known.set_mark("银行", False)
    assert not known.is_known("银行")  # marked unknown beats the level
    again = KnownWords.load(path)
    assert (again.level, again.mark("银行"), again.known_words()) == (3, False, ["学习"])


def test_two_instances_marking_at_once_keep_both(tmp_path: Path) -> None:
    path = tmp_path / "known.json"
    first, second = KnownWords.load(path), KnownWords.load(path)
    first.set_mark("学习", True)
    second.set_mark("工作", True)  # second never saw first's mark, and still keeps it
    second.set_mark("学习", False)  # the later mark wins
    first.set_mark("银行", True)
    merged = KnownWords.load(path)
    assert merged.known_words() == ["工作", "银行"]
    assert merged.mark("学习") is False
    assert first.mark("工作") is True  # saving also brings in the other instance's marks


def test_marks_written_elsewhere_are_found_and_taken_in(tmp_path: Path) -> None:
    path = tmp_path / "known.json"
    reading = KnownWords.load(path)
    assert not reading.changed_on_disk()  # no file, and still none
    reading.set_mark("学习", True)
    assert not reading.changed_on_disk()  # its own write
    elsewhere = KnownWords.load(path)  # another reader, or --import-known
    elsewhere.set_marks(["银行", "工作"], True)
    elsewhere.set_level(2)
    assert reading.changed_on_disk()
    before = reading.generation
    assert reading.reload() is True
    assert reading.known_words() == ["学习", "银行", "工作"]
    assert (reading.level, reading.generation) == (2, before + 1)
    assert not reading.changed_on_disk()
    assert reading.reload() is False  # nothing new


def test_a_default_level_from_the_settings_until_one_is_chosen(tmp_path: Path) -> None:
    known = KnownWords.load(tmp_path / "known.json")
    known.default_level = 2
    assert known.level == 2
    known.set_level(None)  # chosen in the reader: no level
    assert known.level is None


def test_a_corrupt_file_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "known.json"
    path.write_text("{not json", encoding="utf-8")
    known = KnownWords.load(path)
    assert known.notice is not None and "moved aside" in known.notice
    known.set_mark("我", True)
    assert json.loads(path.read_text(encoding="utf-8"))["words"]["我"]["known"] is True


def test_reading_lists_of_each_kind() -> None:
    plain = "学习\n學習\n\n工作\n"
    assert read_word_list(plain) == (["学习", "工作"], 0)
    anki = '#separator:tab\n#html:true\n<b>银行</b>\tyínháng\tbank\n"熟練"\tshúliàn\tskilled\n'
    assert read_word_list(anki) == (["银行", "熟练"], 0)
    pleco = "// 第一課\n学习[學習]\txue2xi2\tto study\n說話\tshuo1hua4\tto speak\nhello\tworld\n"
    assert read_word_list(pleco) == (["学习", "说话"], 1)


def test_export_is_one_word_a_line() -> None:
    assert format_word_list(["学习", "工作"]) == "学习\n工作\n"
