"""Bytes to text: the encodings Chinese files come in, chosen in a fixed, explainable order.

A byte-order mark decides first; then strict UTF-8; then chardet picks among the GB family,
Big5 and BOM-less UTF-16. A file chardet takes for Japanese (Shift-JIS, EUC-JP) or Korean
(EUC-KR) is read as such when that decoding really has kana or hangul in it: GB18030 would
read nearly any bytes, as mojibake. Newlines are normalised to "\\n" and nothing else is changed.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable

from reader.errors import ReaderError

_BOMS = (  # UTF-32 first: its little-endian BOM begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# what a page or a server declares -> what such bytes really are in practice
_DECLARED_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "big5": "cp950",
    "big5-hkscs": "big5hkscs",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}
_GB_NAMES = {"gb2312", "gbk", "gb18030", "hz-gb-2312", "cp936"}
_BIG5_NAMES = {"big5", "big5hkscs", "cp950"}
# chardet's names -> the codec that reads the most of that family, and the letters it must show
_JAPANESE = {"shift_jis": "cp932", "cp932": "cp932", "euc-jp": "euc_jis_2004"}
_KOREAN = {"euc-kr": "cp949", "cp949": "cp949", "johab": "johab"}
_KANA = re.compile("[\u3040-\u30ff]")
_HANGUL = re.compile("[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_OWN_LETTERS_SHARE = 0.1  # of the non-ASCII characters, at least this many kana or hangul
# Unicode's control characters (category Cc) but tab, newline and form feed
_CONTROLS = re.compile("[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f]")
_CONTROL_SHARE_LIMIT = 0.05  # more than this share of control characters: not text


class DecodeError(ReaderError):
    pass


def decode(data: bytes, declared: Iterable[str | None] = ()) -> tuple[str, str]:
    """Return ``(text, encoding)`` with newlines normalised, or raise DecodeError.

    ``declared`` are the encodings the data is said to be in (a server's header, a page's
    ``<meta charset>``), tried in turn after a byte-order mark and before detection; one the
    data cannot be decoded in is passed over.
    """
    text, encoding = _decode(data, declared)
    if "\r" in text:  # a quick scan; most files need no copy
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary(text):
        raise DecodeError("binary data, not text")
    return text, encoding


def _decode(data: bytes, declared: Iterable[str | None]) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise DecodeError(f"not valid {encoding} despite its byte-order mark") from error
    for name in filter(None, declared):
        encoding = _DECLARED_SUPERSETS.get(name.lower(), name.lower())
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            continue  # a wrong declaration: the next one, else detection
    if b"\x00" in data:
        utf16 = _bom_less_utf16(data)
        if utf16 is None:
            raise DecodeError("binary data, not text (it holds NUL bytes)")
        return utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in _candidates(data):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise DecodeError("undecodable text: not UTF-8, UTF-16, GB18030 or Big5")


def _candidates(data: bytes) -> list[str]:
    """Order the legacy encodings by chardet's guess, the others after it as a fallback."""
    import chardet  # only legacy encodings need it: UTF files open without loading it

    guess = (chardet.detect(data[:65536]).get("encoding") or "").lower()
    other = _japanese_or_korean(data, guess)
    if other is not None:
        return [other, "gb18030", "cp950", "big5hkscs"]
    if guess in _BIG5_NAMES:
        return ["cp950", "big5hkscs", "gb18030"]
    if guess in _GB_NAMES:
        return ["gb18030", "cp950", "big5hkscs"]
    # chardet unsure: whichever strict decoding reads most like Chinese text wins
    decodings = []
    for encoding in ("gb18030", "cp950", "big5hkscs"):
        try:
            decodings.append((_text_likeness(data.decode(encoding)[:65536]), encoding))
        except UnicodeDecodeError:
            continue
    return [encoding for _, encoding in sorted(decodings, key=lambda pair: -pair[0])]


def _japanese_or_korean(data: bytes, guess: str) -> str | None:
    """The Japanese or Korean codec chardet's guess names, if it reads the data strictly
    and shows kana or hangul; None otherwise."""
    for names, letters in ((_JAPANESE, _KANA), (_KOREAN, _HANGUL)):
        codec = names.get(guess)
        if codec is None:
            continue
        try:
            sample = data[:65536].decode(codec, errors="ignore")
            data.decode(codec)
        except UnicodeDecodeError:
            return None
        wide = sum(1 for char in sample if ord(char) > 0x7F)
        if wide and len(letters.findall(sample)) >= _OWN_LETTERS_SHARE * wide:
            return codec
    return None


def _bom_less_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: the byte order whose decoding reads like text, if either does."""
    if len(data) % 2:
        return None
    best: tuple[float, str, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _text_likeness(text)
        if best is None or score > best[0]:
            best = (score, text, encoding)
    if best is None or best[0] < 0.9:
        return None
    return best[1], best[2]


def _text_likeness(text: str) -> float:
    """The share of characters that ordinary Chinese or English text is made of."""
    if not text:
        return 0.0
    sample = text[:65536]
    return sum(1 for char in sample if _is_usual(char)) / len(sample)


def _is_usual(char: str) -> bool:
    code = ord(char)
    return (
        0x20 <= code < 0x7F
        or char in "\n\r\t"
        or 0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0x3000 <= code <= 0x303F  # CJK punctuation
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x2000 <= code <= 0x206F  # general punctuation
        or 0x3400 <= code <= 0x4DBF  # extension A
        or 0x3040 <= code <= 0x30FF  # kana
        or 0xAC00 <= code <= 0xD7AF  # hangul
    )


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    if "\x00" in sample:
        return True
    return len(_CONTROLS.findall(sample)) / len(sample) > _CONTROL_SHARE_LIMIT
