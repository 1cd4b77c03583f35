"""Loading TOML glossaries: exact entries, pinyin made lazily, overrides, and bad files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import reader.glossary as glossary_module
from reader.errors import ReaderError
from reader.glossary import Entry, Glossary, default_glossary_paths, load_glossaries, make_pinyin

DATA = Path(__file__).parent / "data" / "glossary"
BASIC = DATA / "basic.toml"
OVERRIDE = DATA / "override.toml"
SYNTAX_ERROR = DATA / "syntax-error.toml"
BAD_ENTRIES = DATA / "bad-entries.toml"
REPO = Path(__file__).resolve().parent.parent


def test_basic_glossary_loads_exact_entries() -> None:
    glossary, problems = load_glossaries([BASIC])

    assert problems == []
    assert list(glossary) == [
        Entry(
            term="和諧社會",
            aliases=(),
            pinyin="héxié shèhuì",
            zh="社會主義和諧社會的簡稱。",
            en="harmonious society",
            category="politics",
            source=BASIC,
        ),
        Entry(
            term="和諧",
            aliases=(),
            pinyin="hé xié",  # made with pypinyin: the file has none
            zh="協調、融洽。",
            en="harmony",
            category=None,
            source=BASIC,
        ),
        Entry(
            term="組工幹部",
            aliases=("組織工作幹部",),
            pinyin="zǔ gōng gàn bù",  # made from the simplified form: 幹 is gàn, not gān
            zh="組織部門的幹部。",
            en="organisation-work cadre",
            category="cadres",
            source=BASIC,
        ),
        Entry(
            term="立黨為公、執政為民",
            aliases=("立黨為公，執政為民", "立黨為公執政為民"),
            pinyin="lì dǎng wèi gōng, zhí zhèng wèi mín",
            zh="黨的宗旨的一種表述。",
            en="build the Party for the public, govern for the people",
            category=None,
            source=BASIC,
        ),
    ]
    assert glossary.keys() == ["和谐社会", "和谐", "组工干部", "立党为公、执政为民"]
    assert len(glossary) == 4


def test_forms_map_every_simplified_written_form_to_its_key() -> None:
    glossary, _ = load_glossaries([BASIC])

    assert dict(glossary.forms()) == {
        "和谐社会": "和谐社会",
        "和谐": "和谐",
        "组工干部": "组工干部",
        "组织工作干部": "组工干部",
        "立党为公、执政为民": "立党为公、执政为民",
        "立党为公，执政为民": "立党为公、执政为民",
        "立党为公执政为民": "立党为公、执政为民",
    }


def test_get_by_key_and_membership() -> None:
    glossary, _ = load_glossaries([BASIC])

    entry = glossary.get("组工干部")
    assert entry is not None
    assert entry.term == "組工幹部"
    assert entry.key == "组工干部"
    assert glossary.get("組工幹部") is None  # keys are simplified
    assert "和谐" in glossary
    assert "和諧" not in glossary


def test_make_pinyin_joins_syllables_with_spaces_and_keeps_punctuation() -> None:
    assert make_pinyin("和谐") == "hé xié"
    assert make_pinyin("銀行行長") == "yín háng háng zhǎng"  # phrase-aware: 行 read in context
    assert make_pinyin("立黨為公、執政為民") == "lì dǎng wèi gōng、zhí zhèng wèi mín"


def test_loading_does_not_import_pypinyin_until_an_entry_is_looked_at() -> None:
    # pypinyin costs ~0.2 s to import; a fresh interpreter shows whether loading paid it.
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reader.glossary import load_glossaries\n"
        f"glossary, problems = load_glossaries([Path({str(BASIC)!r})])\n"
        "print('pypinyin' in sys.modules, 'jieba' in sys.modules)\n"
        "print(glossary.get('和谐').pinyin, 'pypinyin' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines() == ["False False", "hé xié True"]


def test_a_later_file_overrides_an_entry_with_the_same_key() -> None:
    glossary, problems = load_glossaries([BASIC, OVERRIDE])

    assert problems == []
    assert glossary.keys() == ["和谐社会", "和谐", "组工干部", "立党为公、执政为民", "两委"]
    harmony = glossary.get("和谐")
    assert harmony == Entry(
        term="和谐",
        aliases=(),
        pinyin="héxié",
        zh="配合得适当。",
        en="harmonious (overridden)",
        category=None,
        source=OVERRIDE,
    )
    # The other order: basic.toml's traditional headword wins instead.
    glossary, _ = load_glossaries([OVERRIDE, BASIC])
    entry = glossary.get("和谐")
    assert entry is not None
    assert (entry.term, entry.en, entry.source) == ("和諧", "harmony", BASIC)


def test_a_toml_syntax_error_skips_that_file_with_its_line() -> None:
    glossary, problems = load_glossaries([SYNTAX_ERROR, BASIC])

    assert problems == [f"{SYNTAX_ERROR}:8: Illegal character '\\n'"]
    assert glossary.keys() == ["和谐社会", "和谐", "组工干部", "立党为公、执政为民"]


def test_bad_entries_are_skipped_with_their_lines_and_the_rest_loads() -> None:
    glossary, problems = load_glossaries([BAD_ENTRIES])

    assert problems == [
        f"{BAD_ENTRIES}:8: [[term]] '黨委': 'en' must be a string, not an integer",
        f"{BAD_ENTRIES}:13: [[term]] '換屆': missing 'zh'",
        f"{BAD_ENTRIES}:17: [[term]] '部風': unknown key 'pinyn'",
    ]
    assert glossary.keys() == ["党建", "抓手"]
    assert dict(glossary.forms()) == {"党建": "党建", "抓手": "抓手", "著力点": "抓手"}


ENTRY = '[[term]]\nterm = "甲"\nzh = "甲"\n'


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            ENTRY + 'en = "a"\naliases = "乙"\n',
            "1: [[term]] '甲': 'aliases' must be a list of non-empty strings",
        ),
        (
            '[[term]]\nterm = 1\nzh = "甲"\nen = "a"\n',
            "1: [[term]]: 'term' must be a string, not an integer",
        ),
        (ENTRY + 'en = "  "\n', "1: [[term]] '甲': 'en' is empty"),
        (ENTRY + 'en = ""\n', "1: [[term]] '甲': 'en' is empty"),
        (
            ENTRY + 'en = "a"\ncategory = ["x"]\n',
            "1: [[term]] '甲': 'category' must be a string, not an array",
        ),
        (
            '# comment\n\n[[terms]]\nterm = "甲"\n',
            "3: unknown key 'terms' (expected [[term]] tables)",
        ),
        ('term = "甲"\n', "1: 'term' must be [[term]] tables"),
        ('zh = "甲"\nen = "a"\n\n' + ENTRY, "1: unknown key 'zh'"),
    ],
)
def test_schema_problems(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "g.toml"
    path.write_text(text, encoding="utf-8")

    _, problems = load_glossaries([path])

    assert problems[0] == f"{path}:{problem}"


def test_schema_line_ignores_a_header_inside_a_multiline_string(tmp_path: Path) -> None:
    path = tmp_path / "g.toml"
    path.write_text(
        '[[term]]\nterm = "甲"\nzh = """\n[[term]]\n"""\nen = "a"\n\n'
        '[[term]]\nterm = "乙"\nen = "b"\n',
        encoding="utf-8",
    )

    glossary, problems = load_glossaries([path])

    assert problems == [f"{path}:8: [[term]] '乙': missing 'zh'"]
    assert glossary.keys() == ["甲"]


def test_a_repeated_key_in_one_file_is_reported_and_the_later_entry_used(tmp_path: Path) -> None:
    path = tmp_path / "g.toml"
    path.write_text(
        '[[term]]\nterm = "黨建"\nzh = "一"\nen = "one"\n\n'
        '[[term]]\nterm = "党建"\nzh = "二"\nen = "two"\n',
        encoding="utf-8",
    )

    glossary, problems = load_glossaries([path])

    assert problems == [f"{path}:6: '党建' repeats the entry at line 1; the later entry is used"]
    entry = glossary.get("党建")
    assert entry is not None and entry.en == "two"


def test_many_repeated_terms_are_one_problem_with_a_count(tmp_path: Path) -> None:
    path = tmp_path / "g.toml"
    one = '[[term]]\nterm = "詞{n}"\nzh = "甲"\nen = "a"\n\n'
    path.write_text("".join(one.format(n=n % 10) for n in range(101)), encoding="utf-8")

    glossary, problems = load_glossaries([path])

    # 100 entries after the first ten each repeat one: 91 repeats, one line
    assert problems == [
        f"{path}:51: '詞0' repeats the entry at line 1 and 90 more terms repeat earlier"
        " entries; the later entry is used"
    ]
    assert len(glossary.keys()) == 10


def test_unreadable_and_non_utf8_files_are_problems_not_errors(tmp_path: Path) -> None:
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b'# ok\n[[term]]\nterm = "caf\xe9"\n')
    missing = tmp_path / "gone.toml"

    glossary, problems = load_glossaries([latin, missing, BASIC])

    assert problems == [
        f"{latin}:3: not UTF-8 text",
        f"{missing}: cannot read: No such file or directory",
    ]
    assert len(glossary) == 4


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_text('\ufeff[[term]]\nterm = "黨建"\nzh = "一"\nen = "one"\n', encoding="utf-8")

    glossary, problems = load_glossaries([path])

    assert problems == []
    assert glossary.keys() == ["党建"]


def test_an_alias_never_takes_over_another_entrys_headword() -> None:
    source = Path("x.toml")
    first = Entry("黨建", (), "", "一", "one", None, source)
    second = Entry("黨委", ("黨建", "黨的委員會"), "", "二", "two", None, source)

    forms = Glossary([first, second]).forms()

    assert dict(forms) == {"党建": "党建", "党委": "党委", "党的委员会": "党委"}


def test_default_paths_bundled_then_user_then_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "bundled"
    user = tmp_path / "config" / "glossary"
    for directory, names in (
        (bundled, ["b.toml", "a.toml", "notes.txt"]),
        (user, ["z.toml", "m.toml"]),
    ):
        directory.mkdir(parents=True)
        for name in names:
            (directory / name).write_text("", encoding="utf-8")
    (user / "dir.toml").mkdir()
    extra = [tmp_path / "two.toml", tmp_path / "one.toml"]
    for path in extra:
        path.write_text("", encoding="utf-8")
    monkeypatch.setattr(glossary_module, "bundled_glossary_dir", lambda: bundled)
    monkeypatch.setattr(glossary_module, "config_dir", lambda: tmp_path / "config")

    assert default_glossary_paths(extra) == [
        bundled / "a.toml",
        bundled / "b.toml",
        user / "m.toml",
        user / "z.toml",
        *extra,
    ]


def test_default_paths_without_a_user_glossary_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(glossary_module, "config_dir", lambda: tmp_path / "nowhere")

    paths = default_glossary_paths()

    assert [p.name for p in paths] == [
        p.name for p in sorted((REPO / "assets" / "glossary").glob("*.toml"))
    ]
    assert paths  # the bundled glossary exists


def test_a_missing_glossary_option_file_is_a_reader_error(tmp_path: Path) -> None:
    with pytest.raises(ReaderError) as caught:
        default_glossary_paths([tmp_path / "nope.toml"])
    assert str(caught.value) == f"{tmp_path / 'nope.toml'}: glossary file not found"

    with pytest.raises(ReaderError) as caught:
        default_glossary_paths([tmp_path])
    assert str(caught.value) == f"{tmp_path}: glossary is not a file"


def test_the_bundled_glossary_loads_without_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(glossary_module, "config_dir", lambda: tmp_path)  # no user glossaries

    glossary, problems = load_glossaries(default_glossary_paths())

    assert problems == []
    assert len(glossary) >= 50
    for entry in glossary:
        assert entry.pinyin and entry.zh and entry.en
