"""Decoding: every supported encoding round-trips; bad bytes give one clear error."""

from __future__ import annotations

import codecs

import pytest

from reader.decode import DecodeError, decode

TRADITIONAL = "第一章　出發\n\n「　　他說：「我們走吧。」𠮷野家的招牌還亮著。\n"
SIMPLIFIED = "第一章　出发\n\n　　他说：“我们走吧。”𠮷野家的招牌还亮着。\n"


@pytest.mark.parametrize(
    ("text", "data", "encoding"),
    [
        (SIMPLIFIED, SIMPLIFIED.encode("utf-8"), "utf-8"),
        (SIMPLIFIED, codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), "utf-8"),
        (SIMPLIFIED, codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le"), "utf-16-le"),
        (SIMPLIFIED, codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), "utf-16-be"),
        (SIMPLIFIED, codecs.BOM_UTF32_LE + SIMPLIFIED.encode("utf-32-le"), "utf-32-le"),
        (SIMPLIFIED, codecs.BOM_UTF32_BE + SIMPLIFIED.encode("utf-32-be"), "utf-32-be"),
        (SIMPLIFIED, SIMPLIFIED.encode("utf-16-le"), "utf-16-le"),
        (SIMPLIFIED, SIMPLIFIED.encode("utf-16-be"), "utf-16-be"),
        (SIMPLIFIED * 20, (SIMPLIFIED * 20).encode("gb18030"), "gb18030"),
    ],
)
def test_round_trip(text: str, data: bytes, encoding: str) -> None:
    assert decode(data) == (text, encoding)


def test_gb18030_keeps_characters_outside_the_bmp() -> None:
    text, encoding = decode(("𠮷" + SIMPLIFIED * 10).encode("gb18030"))
    assert encoding == "gb18030"
    assert text.startswith("𠮷第一章")
    assert text.count("𠮷") == 11


def test_big5() -> None:
    text = TRADITIONAL.replace("𠮷", "吉") * 20  # Big5 has no 𠮷
    assert decode(text.encode("big5")) == (text, "cp950")


def test_big5_hkscs_fallback() -> None:
    text = "香港的粵語字：嘅、咗、啲。" * 30  # 嘅咗啲 are HKSCS, not plain Big5
    decoded, encoding = decode(text.encode("big5hkscs"))
    assert decoded == text
    assert encoding == "big5hkscs"


def test_newlines_are_normalised_and_nothing_else_changes() -> None:
    assert decode("一\r\n二\r三\n　　四 \t".encode()) == ("一\n二\n三\n　　四 \t", "utf-8")


def test_empty() -> None:
    assert decode(b"") == ("", "utf-8")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
            "binary data, not text (it holds NUL bytes)",
        ),
        (bytes([1, 2, 3, 4, 5, 6, 7, 8, 11, 14, 15, 16]) * 10 + b"abc", "binary data, not text"),
        (b"a\xff\xfe\xfd" * 20 + b"\xff", "undecodable text: not UTF-8, UTF-16, GB18030 or Big5"),
    ],
)
def test_bad_bytes(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError) as caught:
        decode(data)
    assert str(caught.value) == reason


JAPANESE = "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。\n"
KOREAN = "대한민국은 민주공화국이다. 대한민국의 주권은 국민에게 있다.\n"


@pytest.mark.parametrize(
    ("text", "legacy", "encoding"),
    [
        (JAPANESE * 3, "shift_jis", "cp932"),
        (JAPANESE * 3, "euc-jp", "euc_jis_2004"),
        (KOREAN * 3, "euc-kr", "cp949"),
        ("こんにちは", "shift_jis", "cp932"),
        ("안녕하세요", "euc-kr", "cp949"),
    ],
)
def test_japanese_and_korean_files_are_read_as_what_they_are(
    text: str, legacy: str, encoding: str
) -> None:
    assert decode(text.encode(legacy)) == (text, encoding)


@pytest.mark.parametrize("length", [40, 400, 4000])
def test_chinese_is_not_taken_for_japanese_or_korean(length: int, sample_text: str) -> None:
    from reader.script import to_simplified

    traditional = sample_text[:length]
    simplified = to_simplified(traditional)
    assert decode(simplified.encode("gb18030")) == (simplified, "gb18030")
    assert decode(traditional.encode("gb18030")) == (traditional, "gb18030")
