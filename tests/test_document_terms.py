"""A document's glossary terms: the user's glossaries, chunked finding, scripts, `--terms`."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from reader.cli import main
from reader.document_terms import (
    DocumentTerms,
    chunks,
    count_label,
    find_chunk_terms,
    find_document_terms,
    load_user_glossary,
    outward,
    term_card,
    term_in_script,
    term_matches,
    text_in_script,
)
from reader.errors import ReaderError
from reader.glossary import Entry, Glossary
from reader.load import load_document
from reader.paths import config_dir
from reader.terms import TermHit
from reader.words import Segmenter
from tests.test_terms import SAMPLE_TERMS

SAMPLE_TERM_LINES = [
    "和諧社會\t31\théxié shèhuì\tharmonious society; short form of 'socialist harmonious"
    " society', the Hu Jintao–era slogan (2004–2006) for a stable society with balanced"
    " interests and few open conflicts.",
    "社會主義和諧社會\t17\tshèhuì zhǔyì héxié shèhuì\tsocialist harmonious society; the CPC"
    " goal, raised at the 16th Central Committee's 4th plenum (2004) and set out in a"
    " dedicated Decision at its 6th plenum (2006), of a stable society in which conflicting"
    " interests are balanced and social tensions defused.",
    "中國特色社會主義\t2\tZhōngguó tèsè shèhuì zhǔyì\tsocialism with Chinese characteristics;"
    " the CPC's name for its reform-era path, coined by Deng Xiaoping at the 12th Party"
    " Congress in 1982, combining socialist principles with China's own conditions.",
]

OVERRIDE = """\
[[term]]
term = "和谐社会"
pinyin = "héxié shèhuì"
zh = "测试用的解释。"
en = "TEST harmonious society"
"""

BROKEN = """\
[[term]]
term = "社區"
zh = "城市基層的居住區域。"
en = "community"

[[term]]
term = "抓手"
pinyin = "zhuāshǒu"
zh = "用來推動工作的切入點。"
"""


def entry(term: str, zh: str = "解釋", en: str = "gloss", pinyin: str = "pīnyīn", aliases=()):  # type: ignore[no-untyped-def]
    return Entry(term, tuple(aliases), pinyin, zh, en, None, Path("test.toml"))


# -- finding ---------------------------------------------------------------------------------


def test_the_sample_terms_of_the_whole_document(segmenter: Segmenter) -> None:
    document = load_document(None)
    glossary, problems = load_user_glossary()
    assert problems == []

    found = find_document_terms(document, glossary, segmenter)

    assert list(found.counts.items()) == SAMPLE_TERMS
    assert found.order == [key for key, _ in SAMPLE_TERMS]
    assert found.total == 162
    assert found.hits[0] == TermHit(4, 8, "和谐社会")
    assert document.text[4:8] == "和諧社會"


def test_chunks_cut_after_newlines_and_find_what_the_whole_text_finds(
    segmenter: Segmenter,
) -> None:
    document = load_document(None)
    glossary, _ = load_user_glossary()
    whole = find_document_terms(document, glossary, segmenter)

    for size in (1, 100, 700):
        spans = chunks(document, size)
        assert spans[0][0] == 0 and spans[-1][1] == len(document.text)
        assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
        assert all(document.text[end - 1] == "\n" for _, end in spans[:-1])
        hits = [
            hit for span in spans for hit in find_chunk_terms(document, glossary, segmenter, span)
        ]
        assert DocumentTerms.of(hits) == whole
    assert chunks(document) == [(0, len(document.text))]  # the sample is one chunk


def test_outward_starts_at_the_chunk_holding_the_place() -> None:
    spans = [(0, 10), (10, 20), (20, 30), (30, 40), (40, 50)]
    assert outward(spans, 25) == [2, 3, 1, 4, 0]
    assert outward(spans, 0) == [0, 1, 2, 3, 4]
    assert outward(spans, 49) == [4, 3, 2, 1, 0]
    assert outward([], 3) == []


def test_hits_by_place() -> None:
    terms = DocumentTerms.of([TermHit(10, 12, "乙"), TermHit(0, 4, "甲"), TermHit(20, 22, "乙")])

    assert terms.order == ["甲", "乙"]
    assert dict(terms.counts) == {"甲": 1, "乙": 2}
    assert terms.at(0) == terms.at(3) == TermHit(0, 4, "甲")
    assert terms.at(4) is None and terms.at(12) is None
    assert terms.next_from(0) == TermHit(0, 4, "甲")
    assert terms.next_from(0, inclusive=False) == TermHit(10, 12, "乙")
    assert terms.next_from(21) is None
    assert terms.previous_before(10) == TermHit(0, 4, "甲")
    assert terms.previous_before(0) is None
    assert terms.first_of("乙") == TermHit(10, 12, "乙")
    assert terms.spans() == [(0, 4), (10, 12), (20, 22)]


# -- glossaries ------------------------------------------------------------------------------


def test_the_users_glossaries_override_the_bundled_one_and_extra_files_override_those(
    tmp_path: Path,
) -> None:
    user = config_dir() / "glossary"
    user.mkdir(parents=True)
    (user / "mine.toml").write_text(OVERRIDE.replace("TEST", "USER"), encoding="utf-8")
    extra = tmp_path / "extra.toml"
    extra.write_text(OVERRIDE, encoding="utf-8")

    glossary, problems = load_user_glossary()
    assert problems == []
    assert glossary.get("和谐社会").en == "USER harmonious society"  # type: ignore[union-attr]
    assert len(glossary) == 68

    glossary, problems = load_user_glossary([extra])
    assert problems == []
    assert glossary.get("和谐社会").en == "TEST harmonious society"  # type: ignore[union-attr]


def test_a_missing_extra_glossary_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="glossary file not found"):
        load_user_glossary([tmp_path / "nope.toml"])


# -- scripts ---------------------------------------------------------------------------------


def test_a_term_in_either_script() -> None:
    traditional = entry("組工幹部")  # a traditional headword is used as written
    simplified = entry("组工干部")  # a simplified one goes to Taiwan's standard
    for item in (traditional, simplified):
        assert term_in_script(item, "simplified") == "组工干部"
        assert term_in_script(item, "traditional") == "組工幹部"
    assert term_in_script(entry("党建"), "traditional", "hk") == "黨建"
    assert term_in_script(entry("党章"), "simplified") == "党章"


def test_explanations_are_converted_once_from_the_glossarys_own_text() -> None:
    zh = "「社會主義和諧社會」的簡稱，文中反覆使用。"
    assert text_in_script(zh, "traditional") == zh
    assert text_in_script(zh, "simplified") == "「社会主义和谐社会」的简称，文中反复使用。"
    assert text_in_script("干部队伍的建设", "traditional") == "幹部隊伍的建設"


def test_the_card_of_a_term() -> None:
    glossary, _ = load_user_glossary()
    item = glossary.get("组工干部")
    assert item is not None

    card = term_card(item, 4, "traditional")
    assert card.lines()[0] == "組工幹部  组工干部"
    assert card.pinyin == item.pinyin
    assert card.explanation == item.zh
    assert card.gloss == item.en
    assert card.count_line == "出現 4 次 · 4 times in this document"

    card = term_card(item, 1, "simplified")
    assert card.lines()[0] == "组工干部  組工幹部"
    assert card.count_line == "出现 1 次 · once in this document"
    assert "組" not in card.explanation and card.explanation == text_in_script(
        item.zh, "simplified"
    )

    same = term_card(entry("共青团"), 2, "simplified")
    assert same.term == "共青团" and same.other == "共青團"
    assert count_label(2, "traditional") == "出現 2 次 · 2 times in this document"


def test_the_index_filter_matches_either_script_pinyin_and_english() -> None:
    item = entry("黨員示範崗", pinyin="dǎngyuán shìfàn gǎng", en="Party-member model post")
    for query in (
        "黨員",
        "党员",
        "示范",
        "dǎngyuán",
        "dangyuan",
        "dang3yuan2",
        "DangYuan shi",
        "model POST",
        "",
    ):
        assert term_matches(item, query), query
    for query in ("党委", "dangwei", "committee"):
        assert not term_matches(item, query), query
    aliased = entry("現代遠程教育", aliases=["農村黨員幹部現代遠程教育"])
    assert term_matches(aliased, "党员")


# -- the command line ------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, list[str], str]:
    status = main(list(arguments))
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err


def test_terms_of_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, err = run(capsys, "--terms")

    assert (status, err) == (0, "")
    assert lines[:3] == SAMPLE_TERM_LINES
    assert len(lines) == 68
    assert sum(int(line.split("\t")[1]) for line in lines) == 162
    assert [line.split("\t")[1] for line in lines] == [str(n) for _, n in SAMPLE_TERMS]
    assert lines[61] == (
        "組工幹部\t4\tzǔgōng gànbù\torganisation-work cadres; staff of the CPC's organisation"
        " departments, expected above all to be fair and upright because they handle personnel"
        " matters."
    )


def test_terms_in_simplified(capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, _ = run(capsys, "--terms", "--script", "simplified")

    assert status == 0
    assert [line.split("\t")[0] for line in lines[:4]] == [
        "和谐社会",
        "社会主义和谐社会",
        "中国特色社会主义",
        "小康社会",
    ]


def test_terms_with_a_glossary_that_overrides_an_entry(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(OVERRIDE, encoding="utf-8")

    status, lines, err = run(capsys, "--terms", "--glossary", str(path))

    assert (status, err) == (0, "")
    assert lines[0] == "和諧社會\t31\théxié shèhuì\tTEST harmonious society"
    assert lines[1:3] == SAMPLE_TERM_LINES[1:3]
    assert len(lines) == 68


def test_a_malformed_glossary_is_reported_and_the_rest_still_printed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN, encoding="utf-8")

    status, lines, err = run(capsys, "--terms", "--glossary", str(path))

    assert status == 0
    assert err == f"reader: {path}:6: [[term]] '抓手': missing 'en'\n"
    assert lines[:3] == SAMPLE_TERM_LINES
    # its good entry is used: 社區 is now a term too (and no longer inside other words)
    assert any(line.startswith("社區\t") for line in lines)
    assert len(lines) == 69


def test_a_glossary_that_is_not_toml_is_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[[term]]\nterm = "抓手\n', encoding="utf-8")

    status, lines, err = run(capsys, "--terms", "--glossary", str(path))

    assert status == 0
    assert err.startswith(f"reader: {path}:2: ")
    assert err.count("\n") == 1
    assert lines[:3] == SAMPLE_TERM_LINES and len(lines) == 68


def test_a_missing_glossary_file_stops_the_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, lines, err = run(capsys, "--terms", "--glossary", str(tmp_path / "nope.toml"))

    assert status != 0
    assert lines == []
    assert err == f"reader: {tmp_path / 'nope.toml'}: glossary file not found\n"


def test_an_empty_glossary_finds_nothing(segmenter: Segmenter) -> None:
    document = load_document(None)
    assert find_document_terms(document, Glossary(), segmenter) == DocumentTerms.of([])
