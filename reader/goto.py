"""Where `:` goes: a share of the document (50%), a section's number (12, 十二, 第十二章) or
the start of a section's title, in either script. Pure: it sees the query and the outline."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from reader.document import Section
from reader.headings import match_heading, numeral_value
from reader.script import to_simplified

_PERCENT: Final = re.compile(r"(?P<share>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*%")
_BARE_NUMERAL: Final = re.compile(r"[0-9]+|[〇○零一二两兩三四五六七八九十百千]+")


def go_to_place(query: str, length: int, sections: Sequence[Section]) -> int | None:
    """The offset ``query`` names in a text of ``length`` characters, or None when it names
    nothing (a share above 100%, a number no section has, a title no section starts with)."""
    query = _fold(query)
    if not query:
        return None
    percent = _PERCENT.fullmatch(query)
    if percent is not None:
        share = float(percent["share"])
        if share > 100:
            return None
        return min(round(length * share / 100), max(length - 1, 0))
    numbered = _numbered_section(query, sections)
    if numbered is not None:
        return numbered.start
    prefix = to_simplified(query).casefold()
    for section in sections:
        if to_simplified(_fold(section.title)).casefold().startswith(prefix):
            return section.start
    return None


def _fold(text: str) -> str:
    """Full-width digits and ％ as an IME types them, read as their ASCII selves."""
    return "".join(
        chr(ord(character) - 0xFEE0) if "！" <= character <= "～" else character
        for character in text.strip()
    )


def _numbered_section(query: str, sections: Sequence[Section]) -> Section | None:
    """The shallowest section numbered ``query`` (12 or 十二: any numbering; 第十二章: chapters)."""
    style: str | None = None
    if _BARE_NUMERAL.fullmatch(query):
        number = numeral_value(query)
    else:
        heading = match_heading(query)
        if heading is None or heading.title != query or heading.style.startswith("bare"):
            return None
        style, number = heading.style, heading.number
    found = []
    for section in sections:
        heading = match_heading(section.title)
        if heading is None or heading.number != number or heading.sub != 0:
            continue
        if style is None or heading.style == style:
            found.append(section)
    return min(found, key=lambda section: section.depth, default=None)
