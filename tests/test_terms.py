"""Finding glossary terms: every occurrence in the sample, nothing inside other words."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.assets import bundled_glossary_dir, sample_article
from reader.converter import OpenCC
from reader.glossary import Entry, Glossary, load_glossaries
from reader.terms import TermHit, count_terms, find_terms, terms_in_order
from reader.words import Segmenter

# Derived by hand from the sample (grep for each headword and alias in the t2s text, then
# drop the 17 和谐社会 inside 社会主义和谐社会, 四化 inside 一制四化 and 现代远程教育 inside
# its alias 农村党员干部现代远程教育), and checked against a plain leftmost-longest regex.
SAMPLE_TERMS = [
    ("和谐社会", 31),
    ("社会主义和谐社会", 17),
    ("中国特色社会主义", 2),
    ("小康社会", 1),
    ("组织部门", 9),
    ("党委", 7),  # 3 of them inside 各级党委 and 1 inside 乡党委
    ("领导班子", 16),
    ("基层党组织", 3),
    ("十六届六中全会", 1),
    ("以经济建设为中心", 1),
    ("党内民主", 1),
    ("党务公开", 1),
    ("长效机制", 3),
    ("换届", 1),
    ("领导核心作用", 2),
    ("六种本领", 1),
    ("民主集中制", 1),
    ("立党为公、执政为民", 1),
    ("党群干群关系", 1),
    ("干部人事制度改革", 2),
    ("四化", 1),
    ("德才兼备", 1),
    ("政绩观", 1),
    ("考察失真", 1),
    ("带病提拔", 1),
    ("跑官要官", 1),
    ("买官卖官", 1),
    ("科学发展观", 1),
    ("人才强市", 1),
    ("名医工程", 1),
    ("名师工程", 1),
    ("金土地人才工程", 1),
    ("党管人才", 1),
    ("党建", 3),
    ("三级联创", 1),
    ("软弱涣散", 1),
    ("一制四化", 1),
    ("农村带头人培养计划", 1),
    ("两委", 1),
    ("双强", 1),
    ("新农村建设", 2),
    ("现代远程教育", 1),
    ("三级四方", 1),
    ("在职党员进社区", 1),
    ("六大服务中心", 1),
    ("政治核心作用", 2),
    ("共青团", 1),
    ("非公有制企业", 3),
    ("有群众的地方就有党的工作", 1),
    ("组织生活", 1),
    ("先进性建设", 1),
    ("先进性教育活动", 1),
    ("党章", 1),
    ("发展党员", 3),
    ("坚持标准、保证质量、改善结构、慎重发展", 1),
    ("万名党员联万户", 1),
    ("无职党员设岗定责", 1),
    ("党员示范岗", 1),
    ("党员星级竞赛", 1),
    ("流动党员", 1),
    ("先锋模范作用", 1),
    ("组工干部", 4),
    ("抓手", 1),
    ("部风", 2),
    ("公道正派", 1),
    ("知人善任", 1),
    ("拒腐防变", 1),
    ("深入基层", 1),
]

_t2s = OpenCC("t2s")
_s2tw = OpenCC("s2tw")


@pytest.fixture(scope="module")
def bundled() -> Glossary:
    glossary, problems = load_glossaries([bundled_glossary_dir() / "party-building.toml"])
    assert problems == []
    return glossary


@pytest.fixture(scope="module")
def sample() -> str:
    return sample_article().read_text(encoding="utf-8")


def glossary_of(*terms: str, aliases: dict[str, tuple[str, ...]] | None = None) -> Glossary:
    aliases = aliases or {}
    return Glossary(
        Entry(t, aliases.get(t, ()), "-", "-", "-", None, Path("test.toml")) for t in terms
    )


def found(text: str, glossary: Glossary, segmenter: Segmenter) -> list[tuple[str, str]]:
    """(text of the hit, key) for each hit."""
    return [(text[h.start : h.end], h.key) for h in find_terms(text, glossary, segmenter)]


def test_the_sample_terms_in_order_of_appearance_with_exact_counts(
    sample: str, bundled: Glossary, segmenter: Segmenter
) -> None:
    hits = find_terms(_t2s.convert(sample), bundled, segmenter)

    assert list(count_terms(hits).items()) == SAMPLE_TERMS
    assert terms_in_order(hits) == [key for key, _ in SAMPLE_TERMS]
    assert len(hits) == 162
    assert sorted(terms_in_order(hits)) == sorted(bundled.keys())  # every term occurs


def test_no_occurrence_of_any_form_in_the_sample_is_missed(
    sample: str, bundled: Glossary, segmenter: Segmenter
) -> None:
    simplified = _t2s.convert(sample)
    hits = find_terms(simplified, bundled, segmenter)
    covered = bytearray(len(simplified))
    for hit in hits:
        covered[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
        assert bundled.forms()[simplified[hit.start : hit.end]] == hit.key

    missed = [
        (form, match.start())
        for form in bundled.forms()
        for match in re.finditer(re.escape(form), simplified)
        if covered.find(0, match.start(), match.end()) >= 0
    ]
    assert missed == []


def test_the_same_terms_whatever_script_the_sample_is_in(
    sample: str, bundled: Glossary, segmenter: Segmenter
) -> None:
    simplified = _t2s.convert(sample)
    taiwanese = _s2tw.convert(simplified)
    assert len(simplified) == len(taiwanese) == len(sample)
    assert simplified != sample and taiwanese != sample

    expected = find_terms(_t2s.convert(sample), bundled, segmenter)
    for text in (simplified, taiwanese):
        hits = find_terms(_t2s.convert(text), bundled, segmenter)
        assert hits == expected
        assert list(count_terms(hits).items()) == SAMPLE_TERMS


def test_zugong_ganbu_matches_with_either_gan(
    sample: str, bundled: Glossary, segmenter: Segmenter
) -> None:
    taiwanese = _s2tw.convert(_t2s.convert(sample))
    for text, written in ((sample, "組工干部"), (taiwanese, "組工幹部")):
        hits = [
            h for h in find_terms(_t2s.convert(text), bundled, segmenter) if h.key == "组工干部"
        ]
        assert [text[h.start : h.end] for h in hits] == [written] * 4
        assert text.count(written) == 4
    entry = bundled.get("组工干部")
    assert entry is not None and entry.term == "組工幹部"


TERMS = glossary_of("两委", "委员", "抓手", "部风", "党建", "党委", "社会", "共青团", "双强")


@pytest.mark.parametrize(
    "text",
    [
        "设立两委员会",  # 两|委员会
        "化解全部风险",  # 全部|风险
        "紧抓手中的工作",  # 紧抓|手中
        "加强政党建设",  # 政党|建设
        "政党委托",  # 政党|委托
        "打击黑社会",  # 黑社会 is a word of its own, not 黑 + 社会
        "成立委员会",  # nor is 委员会 委员 + 会
        "双强度",  # 双|强度
    ],
)
def test_a_term_cutting_into_another_word_is_not_found(text: str, segmenter: Segmenter) -> None:
    assert found(text, TERMS, segmenter) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("农村两委干部", [("两委", "两委")]),
        ("强化部风建设", [("部风", "部风")]),
        ("找到抓手", [("抓手", "抓手")]),
        ("城市社区党建工作", [("党建", "党建")]),
        ("管理社会", [("社会", "社会")]),
        ("“双强”村", [("双强", "双强")]),
        ("县、乡党委集中", [("党委", "党委")]),  # 乡党委 is a word, but only 乡 + 党委
        ("确保各级党委积极", [("党委", "党委")]),  # 各级党委 likewise
        ("工会、共青团等", [("共青团", "共青团")]),
    ],
)
def test_the_same_terms_as_words_are_found(
    text: str, expected: list[tuple[str, str]], segmenter: Segmenter
) -> None:
    assert found(text, TERMS, segmenter) == expected


def test_longest_wins_where_terms_overlap(segmenter: Segmenter) -> None:
    glossary = glossary_of("和諧", "和諧社會", "社會主義和諧社會")
    text = "構建社會主義和諧社會，建設和諧社會，和諧"

    hits = find_terms(_t2s.convert(text), glossary, segmenter)

    assert [(text[h.start : h.end], h.key) for h in hits] == [
        ("社會主義和諧社會", "社会主义和谐社会"),
        ("和諧社會", "和谐社会"),
        ("和諧", "和谐"),
    ]
    assert count_terms(hits) == {"社会主义和谐社会": 1, "和谐社会": 1, "和谐": 1}


def test_between_overlapping_terms_of_equal_length_the_whole_word_wins(
    segmenter: Segmenter,
) -> None:
    glossary = glossary_of("两委", "委员")

    assert found("选出两委员", glossary, segmenter) == [("委员", "委员")]  # 选出|两|委员
    assert found("农村两委委员", glossary, segmenter) == [("两委", "两委"), ("委员", "委员")]


def test_terms_with_punctuation_or_characters_jieba_does_not_know(segmenter: Segmenter) -> None:
    glossary = glossary_of(
        "立黨為公、執政為民", "二〇〇六年", aliases={"立黨為公、執政為民": ("立黨為公，執政為民",)}
    )
    text = "按照立党为公，执政为民的要求，二〇〇六年十月，立党为公、执政为民。"

    assert found(text, glossary, segmenter) == [
        ("立党为公，执政为民", "立党为公、执政为民"),
        ("二〇〇六年", "二〇〇六年"),
        ("立党为公、执政为民", "立党为公、执政为民"),
    ]


def test_base_shifts_hits_to_places_in_the_whole_document(segmenter: Segmenter) -> None:
    assert find_terms("找到抓手", TERMS, segmenter, base=100) == [TermHit(102, 104, "抓手")]


def test_nothing_to_find(segmenter: Segmenter) -> None:
    assert find_terms("", TERMS, segmenter) == []
    assert find_terms("没有术语的句子。", TERMS, segmenter) == []
    assert find_terms("找到抓手", Glossary(), segmenter) == []


def test_counting_and_ordering_go_by_place_not_by_list_order() -> None:
    hits = [TermHit(9, 11, "乙"), TermHit(0, 2, "甲"), TermHit(5, 7, "乙"), TermHit(3, 4, "丙")]

    assert count_terms(hits) == {"甲": 1, "丙": 1, "乙": 2}
    assert list(count_terms(hits)) == ["甲", "丙", "乙"]
    assert terms_in_order(hits) == ["甲", "丙", "乙"]
    assert count_terms([]) == {}


PIECES = ["两委", "委员", "会", "党", "建设", "政", "社会", "黑", "，", "抓手", "中"]


@settings(max_examples=150, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES), max_size=12))
def test_hits_are_ordered_disjoint_forms_of_their_keys(
    segmenter: Segmenter, pieces: list[str]
) -> None:
    text = "".join(pieces)

    hits = find_terms(text, TERMS, segmenter)

    assert all(TERMS.forms()[text[h.start : h.end]] == h.key for h in hits)
    assert all(a.end <= b.start for a, b in itertools.pairwise(hits))
    assert find_terms(text, TERMS, segmenter, base=7) == [
        TermHit(h.start + 7, h.end + 7, h.key) for h in hits
    ]
