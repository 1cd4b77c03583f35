"""The settings file: defaults, a valid file, and a precise line for every mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import paths
from reader.settings import Settings, is_key_name, load_settings, settings_path


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults() -> None:
    settings = Settings()
    assert settings.variant == "tw"
    assert settings.reading_width == 80
    assert settings.theme is None
    assert settings.keymap == {}
    assert hash(settings) == hash(Settings())  # frozen and usable as a cache key


def test_missing_file_gives_defaults_and_no_problems(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "nope.toml") == (Settings(), [])


def test_settings_path_is_in_the_config_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths, "config_dir", lambda: tmp_path / "config")
    assert settings_path() == tmp_path / "config" / "settings.toml"
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_text("reading_width = 66\n", encoding="utf-8")
    assert load_settings() == (Settings(reading_width=66), [])


def test_a_valid_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """# my settings
variant = "hk"
reading_width = 100
theme = "nord"

[keymap]
script = "x"
quit = "ctrl+q, f10"
""",
    )
    assert load_settings(path) == (
        Settings(
            variant="hk",
            reading_width=100,
            theme="nord",
            keymap={"script": "x", "quit": "ctrl+q,f10"},
        ),
        [],
    )


def test_the_docstring_example_is_valid(tmp_path: Path) -> None:
    import reader.settings

    doc = reader.settings.__doc__ or ""
    example = doc.split("Example::\n", 1)[1].split("\nDefaults:", 1)[0]
    lines = [line[4:] for line in example.splitlines()]
    settings, problems = load_settings(write(tmp_path, "\n".join(lines)))
    assert problems == []
    assert settings == Settings(
        variant="tw",
        reading_width=80,
        theme="nord",
        level=3,
        ruby="pinyin",
        tone_sandhi=False,
        outline_unknown=True,
        keymap={"script": "x", "quit": "ctrl+q,f10"},
    )


def test_the_outlines_figures_and_tone_sandhi_are_true_or_false(tmp_path: Path) -> None:
    path = write(tmp_path, "outline_unknown = true\ntone_sandhi = false\n")
    assert load_settings(path) == (Settings(outline_unknown=True, tone_sandhi=False), [])
    path = write(tmp_path, "outline_unknown = 'yes'\ntone_sandhi = 1\n")
    assert load_settings(path) == (
        Settings(),
        [
            f"{path}:1: 'outline_unknown' must be true or false",
            f"{path}:2: 'tone_sandhi' must be true or false",
        ],
    )


def test_level_and_ruby(tmp_path: Path) -> None:
    path = write(tmp_path, 'level = "7-9"\nruby = "Zhuyin"\n')
    assert load_settings(path) == (Settings(level=7, ruby="zhuyin"), [])
    settings, problems = load_settings(write(tmp_path, "level = 10\nruby = 'ipa'\n"))
    assert settings == Settings()
    assert problems == [
        f"{path}:1: 'level' must be an HSK level: 1 to 6, or \"7-9\"",
        f"{path}:2: 'ruby' must be one of pinyin, zhuyin",
    ]


def test_range_ends_are_accepted_and_variant_is_case_blind(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, "reading_width = 20\nvariant = 'TWP'\n")) == (
        Settings(variant="twp", reading_width=20),
        [],
    )
    assert load_settings(write(tmp_path, "reading_width = 400\n")) == (
        Settings(reading_width=400),
        [],
    )


def test_bad_values_get_defaults_and_exact_problems(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """# comment
variant = "xx"
reading_width = 10
theme = 3
foo = 1
""",
    )
    settings, problems = load_settings(path)
    assert settings == Settings()
    assert problems == [
        f"{path}:2: 'variant' must be one of tw, hk, cn, twp",
        f"{path}:3: 'reading_width' must be a whole number from 20 to 400",
        f"{path}:4: 'theme' must be a theme name in quotes",
        f"{path}:5: unknown setting 'foo'",
    ]


@pytest.mark.parametrize(
    "value",
    ["19", "401", "80.0", "true", '"80"', "-80"],
)
def test_reading_width_must_be_a_whole_number_in_range(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, f'variant = "cn"\n\n  reading_width   =  {value}\n')
    assert load_settings(path) == (
        Settings(variant="cn"),
        [f"{path}:3: 'reading_width' must be a whole number from 20 to 400"],
    )


def test_a_bad_setting_does_not_spoil_the_good_ones(tmp_path: Path) -> None:
    path = write(tmp_path, 'variant = "hk"\ntheme = ""\nreading_width = 120\n')
    assert load_settings(path) == (
        Settings(variant="hk", reading_width=120),
        [f"{path}:2: 'theme' must be a theme name in quotes"],
    )


def test_unknown_table_is_reported_at_its_header(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "nord"\n\n[colours]\nbackground = "black"\n')
    assert load_settings(path) == (
        Settings(theme="nord"),
        [f"{path}:3: unknown setting 'colours'"],
    )


def test_key_of_the_same_name_inside_a_table_is_not_mistaken(tmp_path: Path) -> None:
    path = write(tmp_path, "quit = 1\n[keymap]\nquit = 2\n")
    assert load_settings(path) == (
        Settings(),
        [
            f"{path}:1: unknown setting 'quit'",
            f'{path}:3: \'keymap.quit\' must be keys in quotes, such as "ctrl+q" or "q,f10"',
        ],
    )


def test_a_syntax_error_costs_its_line_only(tmp_path: Path) -> None:
    path = write(tmp_path, 'variant = "hk"\nreading_width = 90\ntheme = "nord\n')
    assert load_settings(path) == (
        Settings(variant="hk", reading_width=90),
        [f"{path}:3: Illegal character '\\n'; that line is left out, the rest applies"],
    )


def test_syntax_error_at_end_of_file(tmp_path: Path) -> None:
    path = write(tmp_path, 'variant = "hk"\nreading_width =\n')
    assert load_settings(path) == (
        Settings(variant="hk"),
        [f"{path}:2: Invalid value; that line is left out, the rest applies"],
    )


def test_several_syntax_errors_each_cost_their_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'variant = hk\nreading_width = 90\n[keymap\nquit = "ctrl+q"\n')
    settings, problems = load_settings(path)
    assert settings == Settings(reading_width=90)
    assert problems == [
        f"{path}:1: Invalid value; that line is left out, the rest applies",
        f"{path}:3: Expected ']' at the end of a table declaration;"
        " that line is left out, the rest applies",
        f"{path}:4: unknown setting 'quit'",  # without its table, quit is no key binding
    ]


def test_a_file_that_cannot_be_mended_gives_the_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, "".join(f"x{n} = \n" for n in range(12)))
    settings, problems = load_settings(path)
    assert settings == Settings()
    assert len(problems) == 11
    assert problems[-1] == f"{path}:11: Invalid value; using the defaults"


def test_duplicate_table_is_a_syntax_error(tmp_path: Path) -> None:
    path = write(tmp_path, '[keymap]\nquit = "q"\n[keymap]\nhelp = "f1"\n')
    assert load_settings(path) == (
        Settings(keymap={"quit": "q", "help": "f1"}),
        [f"{path}:3: Cannot declare ('keymap',) twice; that line is left out, the rest applies"],
    )


def test_key_names_are_checked(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[keymap]\nhelp = "nonsense"\nquit = "ctrl+q,f10"\nsearch = "question_mark,ctrl+x+y"\n'
        'terms = "plus,f25"\nscript = "ctrl+shift+s"\n',
    )
    settings, problems = load_settings(path)
    assert settings.keymap == {"quit": "ctrl+q,f10", "script": "ctrl+shift+s"}
    assert problems == [
        f"{path}:2: 'keymap.help': 'nonsense' is not a key name (keys are written like q,"
        " f10, ctrl+q, escape, question_mark)",
        f"{path}:4: 'keymap.search': 'ctrl+x+y' is not a key name (keys are written like q,"
        " f10, ctrl+q, escape, question_mark)",
        f"{path}:5: 'keymap.terms': 'f25' is not a key name (keys are written like q,"
        " f10, ctrl+q, escape, question_mark)",
    ]


@pytest.mark.parametrize(
    ("key", "known"),
    [
        ("q", True),
        ("Q", True),
        ("f12", True),
        ("ctrl+q", True),
        ("escape", True),
        ("pagedown", True),
        ("question_mark", True),
        ("right_square_bracket", True),
        ("plus", True),
        ("plus_sign", False),  # Textual calls it plus
        ("nonsense", False),
        ("ctrl+", False),
        ("hold+q", False),
        ("Escape", False),
    ],
)
def test_is_key_name(key: str, known: bool) -> None:
    assert is_key_name(key) is known


def test_keymap_table_keeps_good_bindings_and_reports_bad_ones(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """reading_width = 90
[keymap]
script = "x"
quit = 1
"outline" = "o"
search = ""
help = "f1 f2"
""",
    )
    settings, problems = load_settings(path)
    assert settings == Settings(reading_width=90, keymap={"script": "x", "outline": "o"})
    assert problems == [
        f'{path}:4: \'keymap.quit\' must be keys in quotes, such as "ctrl+q" or "q,f10"',
        f'{path}:6: \'keymap.search\' must be keys in quotes, such as "ctrl+q" or "q,f10"',
        f'{path}:7: \'keymap.help\' must be keys in quotes, such as "ctrl+q" or "q,f10"',
    ]


def test_keymap_as_dotted_keys_and_inline_table(tmp_path: Path) -> None:
    path = write(tmp_path, 'keymap.script = "x"\nkeymap.quit = 2\n')
    assert load_settings(path) == (
        Settings(keymap={"script": "x"}),
        [f'{path}:2: \'keymap.quit\' must be keys in quotes, such as "ctrl+q" or "q,f10"'],
    )
    path = write(tmp_path, 'theme = "nord"\nkeymap = { script = "x", quit = 2 }\n')
    assert load_settings(path) == (
        Settings(theme="nord", keymap={"script": "x"}),
        [f'{path}:2: \'keymap.quit\' must be keys in quotes, such as "ctrl+q" or "q,f10"'],
    )


def test_keymap_that_is_not_a_table(tmp_path: Path) -> None:
    path = write(tmp_path, '\nkeymap = "x"\n')
    assert load_settings(path) == (
        Settings(),
        [f"{path}:2: 'keymap' must be a table: [keymap] followed by lines like quit = \"q\""],
    )


def test_unreadable_file_gives_defaults_and_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.mkdir()
    settings, problems = load_settings(path)
    assert settings == Settings()
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}: cannot read the settings (")
    assert problems[0].endswith("); using the defaults")
    path.rmdir()
    path.write_bytes(b'theme = "\xff"\n')
    settings, problems = load_settings(path)
    assert settings == Settings()
    assert problems[0].startswith(f"{path}: cannot read the settings ('utf-8")


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes("\ufeffvariant = 'hk'\n".encode())
    assert load_settings(path) == (Settings(variant="hk"), [])
