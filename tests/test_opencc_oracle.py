"""reader.converter against OpenCC itself: the C++ converter of the `opencc` 1.4.2 wheel.

That wheel's import name is `opencc`, the same as opencc-python-reimplemented's, so it is
installed apart (README's test command: `pip install --target .venv/opencc-oracle`) and its
compiled module is loaded from there. Each real text is converted both ways; a difference is
reported by place, with both characters.
"""

from __future__ import annotations

import importlib.util
import os
import random
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from reader.converter import CONVERSIONS, DATA_VERSION, OpenCC, load_config

ORACLE = Path(os.environ.get("READER_OPENCC_ORACLE", Path(sys.prefix) / "opencc-oracle"))
PASSAGES = Path(__file__).parent / "data" / "passages"
SAMPLE = Path(__file__).parent.parent / "assets" / "sample-article.txt"
FROM_SIMPLIFIED = ("s2t", "s2tw", "s2hk", "s2twp")
FROM_TRADITIONAL = ("t2s", "tw2s", "hk2s", "tw2sp")


@cache
def _oracle_module() -> ModuleType | None:
    clib = ORACLE / "opencc" / "clib"
    found = sorted(clib.glob("opencc_clib*.so")) + sorted(clib.glob("opencc_clib*.pyd"))
    if not found:
        return None
    spec = importlib.util.spec_from_file_location("opencc_clib", found[0])
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def _oracle_converter(conversion: str) -> object:
    module = _oracle_module()
    if module is None:
        message = f"OpenCC's own converter is not installed in {ORACLE} (see README)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    config = ORACLE / "opencc" / "clib" / "share" / "opencc" / f"{conversion}.json"
    return module._OpenCC(str(config), True, None)  # with OpenCC's default dictionaries


def oracle(conversion: str, text: str) -> str:
    data = text.encode("utf-8")
    return _oracle_converter(conversion).convert(data, len(data))  # type: ignore[attr-defined]


def differences(ours: str, theirs: str) -> list[str]:
    """Each place where the two differ: the place, our character, OpenCC's, and context."""
    if len(ours) != len(theirs):
        return [f"lengths differ: {len(ours)} here, {len(theirs)} in OpenCC"]
    return [
        f"{place}: {mine} here, {other} in OpenCC, in {theirs[max(0, place - 4) : place + 5]}"
        for place, (mine, other) in enumerate(zip(ours, theirs, strict=True))
        if mine != other
    ]


def test_the_oracle_is_the_release_the_data_comes_from() -> None:
    oracle("s2t", "")
    module = _oracle_module()
    assert module is not None and module.__version__ == DATA_VERSION


def _passages(script: str) -> list[str]:
    return sorted(path.name for path in PASSAGES.glob(f"*-{script}.txt"))


@pytest.mark.parametrize("conversion", FROM_SIMPLIFIED)
@pytest.mark.parametrize("passage", _passages("simplified"))
def test_simplified_passages_convert_as_opencc_does(passage: str, conversion: str) -> None:
    text = (PASSAGES / passage).read_text(encoding="utf-8")
    theirs = oracle(conversion, text)
    assert theirs != text  # the passage has something to convert
    assert differences(OpenCC(conversion).convert(text), theirs) == []


@pytest.mark.parametrize("conversion", FROM_TRADITIONAL)
@pytest.mark.parametrize("passage", [*_passages("traditional"), "sample-article.txt"])
def test_traditional_passages_convert_as_opencc_does(passage: str, conversion: str) -> None:
    path = SAMPLE if passage == SAMPLE.name else PASSAGES / passage
    text = path.read_text(encoding="utf-8")
    theirs = oracle(conversion, text)
    assert theirs != text
    assert differences(OpenCC(conversion).convert(text), theirs) == []


@cache
def _every_key(conversion: str) -> str:
    """Every key of every dictionary a conversion uses, shuffled and run together, 30 keys a
    line: phrases overlap phrases, as in no real text, but everywhere."""
    config = load_config(conversion)
    steps = (*config.chain, *([config.segmentation] if config.segmentation else []))
    keys = sorted({key for step in steps for table in step.tables for key in table.entries})
    random.Random(15).shuffle(keys)
    return "\n".join("".join(keys[start : start + 30]) for start in range(0, len(keys), 30))


@pytest.mark.parametrize("conversion", CONVERSIONS)
def test_every_dictionary_key_run_together_converts_as_opencc_does(conversion: str) -> None:
    text = _every_key(conversion)
    assert differences(OpenCC(conversion).convert(text), oracle(conversion, text)) == []


@pytest.mark.parametrize(
    ("to_traditional", "back"),
    [("s2t", "t2s"), ("s2tw", "tw2s"), ("s2hk", "hk2s"), ("s2twp", "tw2sp")],
)
def test_a_text_of_every_phrase_converts_back_as_opencc_does(to_traditional, back) -> None:
    """The traditional conversions, over OpenCC's traditional form of every STPhrases key."""
    text = oracle(to_traditional, _every_key("s2t"))
    assert differences(OpenCC(back).convert(text), oracle(back, text)) == []


def test_the_phrase_variants_rewrite_words_in_the_passages() -> None:
    """What --variant twp does to a report, and what plain tw leaves alone."""
    text = (PASSAGES / "report-simplified.txt").read_text(encoding="utf-8")
    assert "軟體" in OpenCC("s2twp").convert(text)
    assert "軟件" in OpenCC("s2tw").convert(text)
    assert "滑鼠" in oracle("s2twp", text)


def test_differences_name_the_place_and_both_characters() -> None:
    assert differences("乾隆年间", "乾隆年间") == []
    assert differences("干隆年间", "乾隆年间") == ["0: 干 here, 乾 in OpenCC, in 乾隆年间"]
    assert differences("乾隆", "乾隆年间") == ["lengths differ: 2 here, 4 in OpenCC"]
