"""Line wrapping by terminal cells: exact cases, then properties on real and generated text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.typeset import cell_width, display, estimate_lines, wrap

SAMPLE = Path(__file__).resolve().parent.parent / "assets" / "sample-article.txt"

# The rules as the brief states them, written out independently of the module's own tables.
NO_START = "，。、；：？！）」』》〉】…’”,.;:?!)]}—%·・､．，！？：；"
NO_END = "（「『《〈【‘“([{"
WHITESPACE = " \t\n"


def lines_of(text: str, width: int, first_indent: int = 0) -> list[str]:
    return [
        display(text, start, end) for start, end in wrap(text, width, first_indent=first_indent)
    ]


def is_wide(char: str) -> bool:
    """CJK for breaking: two cells wide, or half-width ideographic punctuation like ､."""
    return cell_len(char) == 2 or "\uff61" <= char <= "\uff64"


def good_breaks(text: str, start: int, lead: int, room: int) -> set[int]:
    """Ends of a line from ``start`` that fit in ``room`` and break keeping kinsoku, no word split.

    Only breaks at whitespace or next to a two-cell character count here; the module may
    know more (after a hyphen, say), which this check neither demands nor forbids.
    """
    size = len(text)
    found = set()
    for brk in range(start + 1, size):
        before = brk
        while before > start and text[before - 1] in WHITESPACE:
            before -= 1
        if cell_len(display(text, start, before)) > room:
            break  # a longer line only gets wider
        after = brk
        while after < size and text[after] in WHITESPACE:
            after += 1
        if brk <= lead or after == size:
            continue
        if text[before - 1] in NO_END or text[after] in NO_START:
            continue
        spaced = before < after
        if spaced or is_wide(text[brk - 1]) or is_wide(text[brk]):
            found.add(before)
    return found


def word_split_allowed(text: str, brk: int, room: int) -> bool:
    """Whether a break with no space or CJK on either side is one the rules allow.

    After a hyphen between letters, between two quotes/ellipses/dashes (”“, ……“), or inside a
    word too wide for the line; a "word" here runs between whitespace and two-cell characters.
    """
    before, after = text[brk - 1], text[brk]
    if before in "-—" and after.isalpha() and brk >= 2 and text[brk - 2].isalpha():
        return True
    if before in "“”‘’…—·" and after in "“”‘’…—·":
        return True
    first, last = brk, brk
    while first > 0 and text[first - 1] not in WHITESPACE and not is_wide(text[first - 1]):
        first -= 1
    while last < len(text) and text[last] not in WHITESPACE and not is_wide(text[last]):
        last += 1
    return cell_len(text[first:last]) > room


def check_wrap(text: str, width: int, first_indent: int = 0, *, strict: bool = True) -> None:
    """Every rule of ``wrap`` on one paragraph; ``strict``: kinsoku must always hold."""
    spans = wrap(text, width, first_indent=first_indent)
    size = len(text)
    # Coverage: in order, and only whitespace between lines and around them.
    position = 0
    for start, end in spans:
        assert position <= start < end <= size
        assert text[position:start].strip(WHITESPACE) == ""
        position = end
    assert text[position:].strip(WHITESPACE) == ""
    content = "".join(text[start:end] for start, end in spans)
    assert [c for c in content if c not in WHITESPACE] == [c for c in text if c not in WHITESPACE]
    assert bool(spans) == bool(text.strip(WHITESPACE))

    lead = len(text) - len(text.lstrip(WHITESPACE))
    while lead < size and text[lead] == "\u3000":
        lead += 1
    for index, (start, end) in enumerate(spans):
        assert text[start] not in WHITESPACE and text[end - 1] not in WHITESPACE
        shown = display(text, start, end)
        assert cell_width(shown) == cell_len(shown)
        room = width - first_indent if index == 0 else width
        if cell_len(shown) > room:  # only a lone character too wide for the room
            assert end - start == 1 and cell_len(text[start]) > room, (text, width, shown)
        if index + 1 == len(spans):
            continue
        following = spans[index + 1][0]
        breaks = good_breaks(text, start, lead, room)
        # Greedy: no allowed break later than this one would still have fitted.
        assert not [brk for brk in breaks if brk > end], (text, width, shown)
        if following == end and not is_wide(text[end - 1]) and not is_wide(text[end]):
            assert word_split_allowed(text, end, room), (text, width, shown)
        if text[following] in NO_START or text[end - 1] in NO_END:
            assert not strict, (text, width, shown)
            # Broken only when pushing back could not help: no earlier allowed break at all.
            assert not breaks, (text, width, shown)


# --- exact cases -----------------------------------------------------------------------------


def test_empty_and_blank_text_give_no_lines() -> None:
    assert wrap("", 10) == []
    assert wrap(" \n  ", 10) == []
    assert estimate_lines("", 10) == 0
    assert estimate_lines("  \n", 10) == 0


def test_an_indent_goes_alone_rather_than_split_a_word_that_fits_a_line() -> None:
    # "　00" at width 3: the indent and "00" take four cells; "00" fits a line of its own
    assert wrap("\u300000", 3) == [(0, 1), (1, 3)]
    # a word wider than any line is split anyway, and keeps the indent before it
    assert wrap("\u30001234", 3) == [(0, 2), (2, 5)]


def test_pure_cjk_breaks_anywhere_and_leaves_an_odd_cell_empty() -> None:
    text = "一二三四五六七八九十"
    assert wrap(text, 6) == [(0, 3), (3, 6), (6, 9), (9, 10)]
    assert wrap(text, 7) == [(0, 3), (3, 6), (6, 9), (9, 10)]
    assert wrap(text, 20) == [(0, 10)]


def test_comma_is_never_first_the_character_before_it_moves_along() -> None:
    assert lines_of("一二三，四五六", 6) == ["一二", "三，四", "五六"]


def test_closing_run_stays_with_the_character_before_it() -> None:
    assert lines_of("甲乙丙丁。」戊", 10) == ["甲乙丙", "丁。」戊"]
    assert lines_of("他说：「好。」然后走了", 10) == ["他说：", "「好。」然", "后走了"]


def test_ellipsis_and_dash_pairs_are_not_split() -> None:
    assert lines_of("一二三……四", 7) == ["一二", "三……四"]
    assert lines_of("一二三——四", 7) == ["一二", "三——四"]


def test_opening_bracket_is_never_last() -> None:
    assert lines_of("一二三「四五」", 8) == ["一二三", "「四五」"]
    assert lines_of("一二三（四五）", 8) == ["一二三", "（四五）"]


def test_latin_words_and_numbers_are_never_split() -> None:
    assert lines_of("hello world 2022-11-27 3,000 1.5%", 12) == [
        "hello world",
        "2022-11-27",
        "3,000 1.5%",
    ]
    assert lines_of("on 2022-11-27", 10) == ["on", "2022-11-27"]
    assert lines_of("it is 3.14159", 10) == ["it is", "3.14159"]


def test_latin_words_break_after_a_hyphen() -> None:
    assert lines_of("well-known state-of-the-art", 10) == ["well-known", "state-of-", "the-art"]
    assert lines_of("see COVID-19", 10) == ["see", "COVID-19"]


def test_mixed_chinese_and_english() -> None:
    text = "我们用Python 3.11写了一个reader程序，效果很好。"
    assert lines_of(text, 20) == ["我们用Python 3.11写", "了一个reader程序，效", "果很好。"]
    assert lines_of(text, 16) == ["我们用Python", "3.11写了一个", "reader程序，效果", "很好。"]
    assert wrap(text, 10) == [(0, 3), (3, 9), (10, 17), (17, 25), (25, 30), (30, 32)]


def test_first_indent_shortens_only_the_first_line() -> None:
    assert lines_of("一二三四五六七八", 8, 4) == ["一二", "三四五六", "七八"]
    assert lines_of("aaa bbb ccc", 7, 3) == ["aaa", "bbb ccc"]


def test_hard_wrapped_chinese_joins_without_a_space() -> None:
    text = "第一行\n第二行"
    assert display(text, 0, len(text)) == "第一行第二行"
    assert cell_width(text) == 12
    assert wrap(text, 8) == [(0, 5), (5, 7)]
    assert lines_of(text, 8) == ["第一行第", "二行"]
    assert display("用Python\n写", 0, 9) == "用Python写"


def test_hard_wrapped_english_joins_with_a_space() -> None:
    text = "hello\nworld again"
    assert cell_width(text) == 17
    assert wrap(text, 11) == [(0, 11), (12, 17)]
    assert lines_of(text, 11) == ["hello world", "again"]
    assert wrap("hello\nworld", 5) == [(0, 5), (6, 11)]
    assert display("a \nb", 0, 4) == "a b"  # the space already separates the words
    assert display("a\n\nb", 0, 4) == "a b"


def test_newline_next_to_quotes_follows_the_text_around_them() -> None:
    assert display("“甲”\n“乙”", 0, 7) == "“甲”“乙”"
    assert display("said\n“hi”", 0, 9) == "said “hi”"


def test_word_wider_than_the_line_is_split_hard() -> None:
    assert wrap("abcdefghij", 4) == [(0, 4), (4, 8), (8, 10)]
    assert lines_of("go abcdefghij", 4) == ["go", "abcd", "efgh", "ij"]
    # the split still keeps the full stop off the start of a line
    assert lines_of("abcdefghij.", 10) == ["abcdefghi", "j."]


def test_too_narrow_for_one_character_still_makes_progress() -> None:
    assert wrap("中文", 1) == [(0, 1), (1, 2)]
    assert wrap("ab中", 1) == [(0, 1), (1, 2), (2, 3)]
    assert wrap("中文", 0) == [(0, 1), (1, 2)]


def test_kinsoku_gives_way_when_it_cannot_be_kept() -> None:
    assert lines_of("，，，，，，，，", 6) == ["，，，", "，，，", "，，"]


def test_full_width_indent_stays_on_the_first_line() -> None:
    assert lines_of("　　正文开始了", 10) == ["　　正文开", "始了"]
    assert lines_of("　　正文开始了", 6) == ["　　正", "文开始", "了"]
    assert lines_of("　　「正文」", 8) == ["　　「正", "文」"]
    # never a line of indent alone: with no better break, the bracket stays at the end
    assert lines_of("　　「正文」", 6) == ["　　「", "正文」"]


def test_cell_width_counts_terminal_cells() -> None:
    assert cell_width("abc") == 3
    assert cell_width("中文，") == 6
    assert cell_width("“中”") == 4
    assert cell_width("a\tb") == 3
    assert display("a\tb", 0, 3) == "a b"


def test_estimate_lines_is_total_cells_over_width() -> None:
    assert estimate_lines("一" * 10, 6) == 4
    assert estimate_lines("一" * 10, 6, 4) == 4
    assert estimate_lines("一" * 10, 5, 1) == 5
    assert estimate_lines("a", 80) == 1


# --- properties on real and generated text -----------------------------------------------------


def paragraphs(text: str) -> list[str]:
    return [part.strip("\n") for part in text.split("\n\n") if part.strip()]


def test_sample_article_keeps_every_rule_at_every_width() -> None:
    parts = paragraphs(SAMPLE.read_text(encoding="utf-8"))
    assert len(parts) == 19
    for width in range(20, 81):
        for part in parts:
            check_wrap(part, width)
            check_wrap(part, width, 4)


def novel(seed: int, count: int) -> list[str]:
    """Paragraphs that look like a novel: indents, dialogue, ellipses, dashes."""
    rng = random.Random(seed)
    han = [chr(code) for code in range(0x4E00, 0x4E00 + 2000)]

    def clause() -> str:
        return "".join(rng.choices(han, k=rng.randint(1, 12)))

    result = []
    for _ in range(count):
        sentences = []
        for _ in range(rng.randint(1, 12)):
            body = "，".join(clause() for _ in range(rng.randint(1, 4)))
            end = rng.choice(["。", "！", "？", "……", "——", "。」", "！」", "……」", "”"])
            if end.endswith("」"):
                body = f"{clause()}：「{body}"
            elif end == "”":
                body = f"{clause()}“{body}"
            sentences.append(body + end)
        result.append("\u3000\u3000" + "".join(sentences))
    return result


def mixed(seed: int, count: int) -> list[str]:
    """Chinese with English words, versions, dates and percentages, some hard-wrapped."""
    rng = random.Random(seed)
    han = [chr(code) for code in range(0x4E00, 0x4E00 + 500)]
    latin = ["Python", "reader", "Textual", "3.11", "2022-11-27", "3,000", "1.5%", "well-known"]
    result = []
    for _ in range(count):
        pieces = []
        for _ in range(rng.randint(3, 30)):
            pieces.append("".join(rng.choices(han, k=rng.randint(1, 8))))
            pieces.append(rng.choice(latin) if rng.random() < 0.5 else " ".join(latin[:3]))
            pieces.append(rng.choice(["", "，", "。", "（注）", "“引文”", "\n", " "]))
        result.append("".join(pieces))
    return result


@pytest.mark.parametrize("width", [20, 21, 33, 40, 57, 80])
def test_novel_text_keeps_every_rule(width: int) -> None:
    for part in novel(seed=width, count=60):
        check_wrap(part, width)


@pytest.mark.parametrize("width", [20, 21, 33, 40, 57, 80])
def test_mixed_text_keeps_every_rule(width: int) -> None:
    for part in mixed(seed=width, count=60):
        check_wrap(part, width)
        check_wrap(part, width, 6)


ALPHABET = st.sampled_from(
    list("中文字我们的一二三　")
    + list(NO_START + NO_END)
    + list("abcxyzABC0123456789-")
    + [" ", " ", "\n", "\t"]
)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=ALPHABET, max_size=120),
    width=st.integers(min_value=2, max_value=100),
    first_indent=st.integers(min_value=0, max_value=6),
)
def test_random_text_keeps_every_rule_that_can_be_kept(
    text: str, width: int, first_indent: int
) -> None:
    check_wrap(text, width, first_indent, strict=False)
