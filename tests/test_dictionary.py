"""CC-CEDICT lookups: every reading of a headword, longest-first candidates, forgiving loads."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from reader.dictionary import CEDICT_DATE, DictEntry, Dictionary, bundled_path, readable_definition
from reader.errors import ReaderError


@pytest.fixture(scope="module")
def cedict() -> Dictionary:
    return Dictionary.load()


def test_bundled_header_matches_the_date_constant_and_every_entry_is_indexed(
    cedict: Dictionary,
) -> None:
    header = gzip.decompress(bundled_path().read_bytes())[:4096].decode("utf-8")
    assert "Creative Commons Attribution-ShareAlike 4.0" in header
    assert f"#! date={CEDICT_DATE}T" in header
    assert cedict.date == CEDICT_DATE
    declared = re.search(r"^#! entries=(\d+)", header, re.MULTILINE)
    assert declared is not None
    assert cedict.entry_count == int(declared.group(1)) == 122143


def test_candidates_longest_first(cedict: Dictionary) -> None:
    assert cedict.candidates("社会主义和谐社会", 0) == ["社会主义", "社会", "社"]
    assert cedict.candidates("社会主义和谐社会", 4) == ["和谐", "和"]
    assert cedict.candidates("社会主义和谐社会", 0, limit=2) == ["社会主义", "社会"]
    assert cedict.candidates("中华人民共和国成立了", 0) == ["中华人民共和国", "中华", "中"]


def test_candidates_outside_the_text_or_without_a_word(cedict: Dictionary) -> None:
    assert cedict.candidates("社会", 2) == []
    assert cedict.candidates("社会", -1) == []
    assert cedict.candidates("社会", 0, limit=0) == []
    assert cedict.candidates("。社会", 0) == []
    assert cedict.candidates("", 0) == []


def test_homograph_xing_hang_keeps_both_readings(cedict: Dictionary) -> None:
    entries = cedict.lookup("行")
    assert [(e.traditional, e.pinyin) for e in entries] == [("行", "hang2"), ("行", "xing2")]
    assert entries[0].definitions[:3] == ("row", "line", "commercial firm")
    assert entries[1].definitions[:3] == ("to walk", "to go", "to travel")
    assert [e.pinyin_marks for e in entries] == ["háng", "xíng"]


def test_gan_keeps_every_traditional_form(cedict: Dictionary) -> None:
    entries = cedict.lookup("干")
    assert [(e.traditional, e.pinyin) for e in entries] == [
        ("乹", "gan1"),
        ("乾", "Gan1"),
        ("乾", "gan1"),
        ("亁", "gan1"),
        ("干", "Gan1"),
        ("干", "gan1"),
        ("幹", "gan4"),
    ]
    assert {e.simplified for e in entries} == {"干"}
    assert entries[2].definitions[0] == "dry"
    assert entries[6].definitions[0] == "tree trunk"


def test_lookup_by_simplified_form_returns_the_traditional(cedict: Dictionary) -> None:
    assert cedict.lookup("学习") == [
        DictEntry("學習", "学习", "xue2 xi2", ("to learn", "to study"))
    ]
    assert cedict.lookup("学习")[0].pinyin_marks == "xué xí"
    assert cedict.lookup("學習") == []  # keyed by the simplified form only
    assert cedict.lookup("中国")[0].pinyin_marks == "Zhōng guó"


def test_word_not_in_the_dictionary(cedict: Dictionary) -> None:
    assert cedict.lookup("社会主义和谐社会") == []
    assert cedict.lookup("") == []
    assert "社会主义和谐社会" not in cedict
    assert "社会" in cedict


def test_headwords_are_simplified(cedict: Dictionary) -> None:
    headwords = cedict.headwords()
    assert "学习" in headwords
    assert "學習" not in headwords
    assert len(headwords) == 118617
    assert cedict.max_word_length == max(len(word) for word in headwords) == 19


SMALL = (
    "# CC-CEDICT\r\n"
    "#! date=2020-01-02T03:04:05Z\r\n"
    "中國 中国 [Zhong1 guo2] /China/\r\n"
    "行 行 [hang2] /row/line/\r\n"
    "this line is not an entry\r\n"
    "行 行 [xing2] /to walk/to go/\r\n"
    "綠 绿 [lu:4] /green/\r\n"
    "壞 坏 [huai4]  missing slashes\r\n"
    "空 空 [kong1] //\r\n"
    "#中 中 [zhong1] /commented out/\r\n"
    "\r\n"
    "中國人 中国人 [Zhong1 guo2 ren2] /Chinese person/"  # no final newline
)


@pytest.mark.parametrize("compress", [False, True])
def test_custom_file_skips_malformed_lines_and_comments(tmp_path: Path, compress: bool) -> None:
    raw = SMALL.encode("utf-8")
    path = tmp_path / ("small.u8.gz" if compress else "small.u8")
    path.write_bytes(gzip.compress(raw) if compress else raw)
    small = Dictionary.load(path)
    assert sorted(small.headwords()) == ["中国", "中国人", "绿", "行"]
    assert small.entry_count == 5
    assert small.date == "2020-01-02"
    assert small.max_word_length == 3
    assert small.lookup("绿") == [DictEntry("綠", "绿", "lu:4", ("green",))]
    assert small.lookup("绿")[0].pinyin_marks == "lǜ"
    assert [e.definitions for e in small.lookup("行")] == [("row", "line"), ("to walk", "to go")]
    assert small.lookup("中国人") == [
        DictEntry("中國人", "中国人", "Zhong1 guo2 ren2", ("Chinese person",))
    ]
    assert small.lookup("中") == []
    assert small.lookup("坏") == []
    assert small.candidates("中国人民", 0) == ["中国人", "中国"]


def test_file_without_header_has_no_date(tmp_path: Path) -> None:
    path = tmp_path / "plain.u8"
    path.write_text("好 好 [hao3] /good/\n", encoding="utf-8")
    assert Dictionary.load(path).date is None


def test_unreadable_file_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="cannot read dictionary"):
        Dictionary.load(tmp_path / "missing.u8.gz")
    compressed = gzip.compress(SMALL.encode("utf-8"))
    broken = tmp_path / "broken.u8.gz"
    for damaged in (compressed[: len(compressed) // 2], compressed[:10] + b"\0" * 50):
        broken.write_bytes(damaged)
        with pytest.raises(ReaderError, match="cannot read dictionary"):
            Dictionary.load(broken)


def test_a_word_offers_the_words_it_covers_longest_first_then_each_character(
    cedict: Dictionary,
) -> None:
    assert cedict.words_covering("交流", 0, 2) == ["交流", "交", "流"]
    assert cedict.words_covering("干部队伍", 0, 4) == [
        "干部",
        "部队",
        "队伍",
        "干",
        "部",
        "队",
        "伍",
    ]
    # a word the segmenter cut short: the longer headword starting there comes first
    assert cedict.words_covering("社会主义和谐", 0, 2) == ["社会主义", "社会", "社", "会"]
    assert cedict.words_covering("。交流", 0, 1) == []
    assert cedict.words_covering("交流", 1, 1) == []
    assert cedict.words_covering("交流", 0, 3) == []


def test_a_characters_readings_come_by_use_surnames_and_variants_last(
    cedict: Dictionary,
) -> None:
    from reader.words import Segmenter

    jieba = Segmenter()
    frequency = jieba.frequency

    def order(word: str, original: str = "") -> list[tuple[str, str]]:
        return [(e.traditional, e.pinyin) for e in cedict.entries_by_use(word, frequency, original)]

    assert order("干") == [
        ("幹", "gan4"),
        ("干", "gan1"),
        ("乾", "gan1"),
        ("干", "Gan1"),
        ("乾", "Gan1"),
        ("乹", "gan1"),
        ("亁", "gan1"),
    ]
    assert order("组", "組") == [("組", "zu3"), ("組", "Zu3")]
    assert order("行") == [("行", "xing2"), ("行", "hang2")]
    # a traditional text's own form first: 乾 of 乾淨 is dry, not 幹
    assert order("干", "乾")[:2] == [("乾", "gan1"), ("幹", "gan4")]
    # without jieba's counts the file's order stands, surnames and variants still last
    assert [(e.traditional, e.pinyin) for e in cedict.entries_by_use("干", None)] == [
        ("乾", "gan1"),
        ("干", "gan1"),
        ("幹", "gan4"),
        ("乾", "Gan1"),
        ("干", "Gan1"),
        ("乹", "gan1"),
        ("亁", "gan1"),
    ]


@pytest.mark.parametrize(
    ("definition", "traditional", "simplified"),
    [
        ("CL:個|个[ge4]", "measure word: 個 gè", "measure word: 个 gè"),
        (
            "CL:個|个[ge4],支[zhi1],條|条[tiao2]",
            "measure words: 個 gè, 支 zhī, 條 tiáo",
            "measure words: 个 gè, 支 zhī, 条 tiáo",
        ),
        ("old variant of 乾|干[gan1]", "old variant of 乾 gān", "old variant of 干 gān"),
        ("see 跤[jiao1]", "see 跤 jiāo", "see 跤 jiāo"),
        ("used in 自個兒|自个儿[zi4 ge3 r5]", "used in 自個兒 zì gě r", "used in 自个儿 zì gě r"),
        ("Taiwan pr. [xing4]", "Taiwan pr. xìng", "Taiwan pr. xìng"),
        ("variant of 乾|干", "variant of 乾", "variant of 干"),
        ("to walk [sic]; A|B", "to walk [sic]; A|B", "to walk [sic]; A|B"),
    ],
)
def test_cc_cedict_notation_is_written_out_in_the_script_on_screen(
    definition: str, traditional: str, simplified: str
) -> None:
    assert readable_definition(definition, "traditional") == traditional
    assert readable_definition(definition, "simplified") == simplified


# -- looking a word up by its reading (`D`) -----------------------------------------------------

READINGS = (
    "交流 交流 [jiao1 liu2] /to exchange/\n"
    "東西 东西 [dong1 xi1] /east and west/\n"
    "東西 东西 [dong1 xi5] /thing/\n"
    "洞悉 洞悉 [dong4 xi1] /to understand clearly/\n"
    "女 女 [nu:3] /woman/\n"
    "呂 吕 [Lu:3] /surname Lü/\n"
    "A型 A型 [A xing2] /type A/\n"
)


@pytest.fixture
def readings(tmp_path: Path) -> Dictionary:
    path = tmp_path / "readings.u8"
    path.write_text(READINGS, encoding="utf-8")
    return Dictionary.load(path)


def _read(dictionary: Dictionary, typed: str) -> list[tuple[str, str]]:
    return [(entry.traditional, entry.pinyin) for entry in dictionary.by_reading(typed)]


@pytest.mark.parametrize(
    "typed", ["jiaoliu", "jiao1liu2", "jiāoliú", "Jiao1 Liu2", "jiao'liu", "JIĀO LIÚ", "jiaoliu2"]
)
def test_a_reading_with_marks_numbers_or_no_tones_finds_the_word(
    readings: Dictionary, typed: str
) -> None:
    assert _read(readings, typed) == [("交流", "jiao1 liu2")]


def test_no_tones_finds_every_reading_and_a_typed_tone_picks_by_syllable(
    readings: Dictionary,
) -> None:
    assert _read(readings, "dongxi") == [
        ("東西", "dong1 xi1"),
        ("東西", "dong1 xi5"),
        ("洞悉", "dong4 xi1"),
    ]
    # the mark is on the first syllable: dòng xī is not dōng xi
    assert _read(readings, "dōngxi") == [("東西", "dong1 xi1"), ("東西", "dong1 xi5")]
    assert _read(readings, "dong1xi5") == [("東西", "dong1 xi5")]
    assert _read(readings, "dong4 xi1") == [("洞悉", "dong4 xi1")]
    assert _read(readings, "dong3xi") == []


def test_u_umlaut_may_be_typed_as_u_colon_v_or_umlaut(readings: Dictionary) -> None:
    for typed in ("nü3", "nv3", "nu:3", "nǚ", "NÜ"):
        assert _read(readings, typed) == [("女", "nu:3")], typed
    assert _read(readings, "lü") == [("呂", "Lu:3")]
    assert _read(readings, "nu") == []  # nu is not nü


def test_what_is_not_pinyin_finds_nothing(readings: Dictionary) -> None:
    for typed in ("", "  ", "交流", "jiao-liu!", "x" * 500):
        assert _read(readings, typed) == [], typed


def test_bundled_readings_find_common_words(cedict: Dictionary) -> None:
    assert [e.simplified for e in cedict.by_reading("jiāoliú")] == ["交流"]
    assert "组织" in [e.simplified for e in cedict.by_reading("zu3zhi1")]
