"""Script detection and conversion: exact outputs, always from the original."""

from __future__ import annotations

import pytest

from reader.script import ScriptConverter, detect_script, resolve, to_simplified


def test_sample_is_traditional_despite_its_stray_simplified_forms(sample_text: str) -> None:
    assert "干部" in sample_text and "關于" in sample_text
    assert detect_script(sample_text) == "traditional"


def test_simplified_text_is_simplified(sample_text: str) -> None:
    assert detect_script(to_simplified(sample_text)) == "simplified"


def test_text_without_chinese_counts_as_simplified() -> None:
    assert detect_script("plain English text") == "simplified"


@pytest.mark.parametrize(
    ("source", "target", "variant", "text", "expected"),
    [
        ("traditional", "simplified", "tw", "構建和諧社會", "构建和谐社会"),
        ("traditional", "simplified", "cn", "構建和諧社會", "构建和谐社会"),
        ("simplified", "traditional", "tw", "构建和谐社会", "構建和諧社會"),
        ("simplified", "traditional", "tw", "鼠标和软件", "鼠標和軟件"),
        ("simplified", "traditional", "twp", "鼠标和软件", "滑鼠和軟體"),
        ("simplified", "traditional", "hk", "着急", "着急"),
        ("simplified", "traditional", "tw", "着急", "著急"),
        ("traditional", "simplified", "twp", "滑鼠和軟體", "鼠标和软件"),
    ],
)
def test_conversions(source, target, variant, text, expected) -> None:
    assert ScriptConverter(source, target, variant).convert(text) == expected


def test_own_script_is_the_original_unchanged(sample_text: str) -> None:
    converter = ScriptConverter("traditional", "traditional", "tw")
    assert converter.convert(sample_text) is sample_text
    assert converter.convert_mapped(sample_text) == (sample_text, None)


def test_convert_from_original_not_chained(sample_text: str) -> None:
    """t2s then s2t would turn the sample's 干部 into 幹部; going back shows the original."""
    simplified = ScriptConverter("traditional", "simplified").convert(sample_text)
    chained = ScriptConverter("simplified", "traditional").convert(simplified)
    assert "干部" not in chained  # what chaining would do
    assert sample_text.count("干部") == 35


def test_length_keeping_variants_map_places_one_to_one(sample_text: str) -> None:
    shown, offsets = ScriptConverter("traditional", "simplified", "tw").convert_mapped(sample_text)
    assert offsets is None
    assert len(shown) == len(sample_text)


def test_twp_maps_each_shown_character_to_an_original_place() -> None:
    text = "我用鼠标打开内存，然后关闭。"
    shown, offsets = ScriptConverter("simplified", "traditional", "twp").convert_mapped(text)
    assert shown == "我用滑鼠開啟記憶體，然後關閉。"
    assert offsets is not None and len(offsets) == len(shown)
    assert offsets == sorted(offsets)
    assert shown[shown.index("，")] == text[offsets[shown.index("，")]]
    assert offsets[shown.index("然")] == text.index("然")


@pytest.mark.parametrize(
    ("choice", "own", "expected"),
    [
        (None, "traditional", "traditional"),
        ("original", "simplified", "simplified"),
        ("simplified", "traditional", "simplified"),
        ("traditional", "simplified", "traditional"),
    ],
)
def test_resolve(choice, own, expected) -> None:
    assert resolve(choice, own) == expected


def test_to_simplified_leaves_text_alone_only_when_t2s_would(sample_text: str) -> None:
    """The shortcut for text t2s cannot change agrees with OpenCC, paragraph by paragraph."""
    from reader.converter import OpenCC

    t2s = OpenCC("t2s")
    simplified = t2s.convert(sample_text)
    for text in [*sample_text.split("\n"), *simplified.split("\n"), "反覆思量", "一目瞭然", "沈默"]:
        assert to_simplified(text) == t2s.convert(text), text
    assert to_simplified("反覆思量") == "反复思量"  # 覆 stays in simplified, but not here


def test_to_simplified_converts_only_the_lines_that_need_it() -> None:
    text = "简体一行\n繁體一行\n\n乾隆年間，天氣乾燥"
    assert to_simplified(text) == "简体一行\n繁体一行\n\n乾隆年间，天气干燥"
    simplified = "简体一行\n第二行"
    assert to_simplified(simplified) is simplified


def test_keeps_length_says_what_the_dictionaries_do() -> None:
    """Only twp's dictionaries change lengths, in both directions (checked entry by entry)."""
    from reader.converter import load_config
    from reader.script import _CONFIGS, VARIANTS, keeps_length

    for (_, variant), conversion in _CONFIGS.items():
        assert load_config(conversion).keeps_length is keeps_length(variant), conversion
    assert [variant for variant in VARIANTS if not keeps_length(variant)] == ["twp"]
