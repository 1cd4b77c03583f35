"""The command line: outline and print, and one clear line for every kind of bad input."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader import cli
from reader.cli import main

SAMPLE_OUTLINE = (Path(__file__).parent / "data" / "sample-article.outline").read_text(
    encoding="utf-8"
)


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    status = main(list(arguments))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_outline_of_the_bundled_sample(capsys) -> None:
    assert run(capsys, "--outline") == (0, SAMPLE_OUTLINE, "")


def test_outline_of_a_file_in_gb18030(capsys, tmp_path: Path) -> None:
    path = tmp_path / "書.txt"
    path.write_bytes(
        "测试之书\n\n第一章 开始\n\n　　正文。\n\n第二章 结束\n\n　　完。\n".encode("gb18030")
    )
    assert run(capsys, "--outline", str(path)) == (
        0,
        "测试之书\n  第一章 开始\n  第二章 结束\n",
        "",
    )


def test_outline_explain_names_the_rule_for_each_line(capsys, tmp_path: Path) -> None:
    path = tmp_path / "書.txt"
    junk = "《》目录 "
    path.write_text(
        f"書\n\n{junk}第一回　出門\n\n{junk}第二回　回家\n\n{junk}第三回　又出門\n\n"
        "第三回中的人物很多。\n",
        encoding="utf-8",
    )
    status, out, err = run(capsys, "--outline", "--explain", str(path))
    assert (status, err) == (0, "")
    assert out == (
        "書\n  第一回　出門\n  第二回　回家\n  第三回　又出門\n"
        "     1  書\n        the title (the first line that reads like one)\n"
        "     3  《》目录 第一回　出門\n        section, depth 1: 第X回, after 《》目录\n"
        "     5  《》目录 第二回　回家\n        section, depth 1: 第X回, after 《》目录\n"
        "     7  《》目录 第三回　又出門\n        section, depth 1: 第X回, after 《》目录\n"
        "     9  第三回中的人物很多。\n        第X回 followed by 中: a sentence\n"
    )


def test_outline_explain_of_a_marked_up_file_says_where_its_sections_come_from(
    capsys, tmp_path: Path
) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# 筆記\n\n## 第一章\n\n正文。\n", encoding="utf-8")
    assert run(capsys, "--outline", "--explain", str(path)) == (
        0,
        "筆記\n  第一章\n(sections from the markdown file's own structure)\n",
        "",
    )


def test_explain_alone_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--explain"])
    assert stopped.value.code == 2
    assert "--explain goes with --outline" in capsys.readouterr().err


def test_print_in_each_script(capsys, sample_text: str) -> None:
    status, out, _ = run(capsys, "--print")
    assert (status, out) == (0, sample_text + "\n")
    status, out, _ = run(capsys, "--print", "--script", "simplified")
    assert out.startswith("组织工作和谐社会交流\n\n时间:2022-11-27 03:08:00\n")
    assert "构建社会主义和谐社会" in out and "干部" in out
    status, out, _ = run(capsys, "--print", "--script", "traditional")
    assert out == sample_text + "\n"  # its own script: the original, stray 干部 and all
    status, out, _ = run(capsys, "--print", "--script", "original")
    assert out == sample_text + "\n"


def test_print_simplified_document_to_traditional_variants(capsys, tmp_path: Path) -> None:
    path = tmp_path / "soft.txt"
    path.write_text("打开软件，用鼠标点击。\n", encoding="utf-8")
    assert (
        run(capsys, "--print", str(path), "--script", "traditional")[1]
        == "打開軟件，用鼠標點擊。\n"
    )
    out = run(capsys, "--print", str(path), "--script", "traditional", "--variant", "twp")[1]
    assert out == "開啟軟體，用滑鼠點選。\n"


def test_stdin(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--outline", "-"],
        input="標題\n\n一、甲\n\n正文。\n\n二、乙\n\n正文。\n".encode(),
        capture_output=True,
        check=False,
    )
    assert (result.returncode, result.stdout.decode(), result.stderr) == (
        0,
        "標題\n  一、甲\n  二、乙\n",
        b"",
    )


def test_empty_file_opens_as_an_empty_document(capsys, tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert run(capsys, "--outline", str(path)) == (0, "empty.txt\n", "")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "{path}: no such file"),
        (lambda d: d, "{path}: is a directory, not a file"),
        (
            lambda d: _write(d / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
            "{path}: binary data, not text (it holds NUL bytes)",
        ),
        (
            lambda d: _write(d / "ctrl.txt", bytes(range(1, 9)) * 40),
            "{path}: binary data, not text",
        ),
        (
            lambda d: _write(d / "bad.txt", b"a\xff\xfe\xfd" * 20),
            "{path}: undecodable text: not UTF-8, UTF-16, GB18030 or Big5",
        ),
    ],
)
@pytest.mark.parametrize("action", ["--outline", "--print", None])
def test_bad_input_is_one_line_and_status_2(capsys, tmp_path, make, message, action) -> None:
    path = make(tmp_path)
    arguments = [str(path)] if action is None else [action, str(path)]
    status, out, err = run(capsys, *arguments)
    assert (status, out, err) == (2, "", f"reader: {message.format(path=path)}\n")


def test_permission_denied(capsys, tmp_path: Path, monkeypatch) -> None:
    path = _write(tmp_path / "secret.txt", "秘密".encode())

    real_open = Path.open

    def refuse(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)  # the tests run as root: chmod would not stop it
    assert run(capsys, "--outline", str(path)) == (2, "", f"reader: {path}: permission denied\n")


def test_no_traceback_from_the_real_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", str(tmp_path / "nope.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == f"reader: {tmp_path / 'nope.txt'}: no such file\n"


def test_version_and_help(capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == "reader 0.1.0\n"
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for flag in ("--outline", "--print", "--terms", "--script", "--variant", "--glossary"):
        assert flag in out
    # every variant explained, and the phrase variant's misreading of literary text shown
    for variant in ("tw ", "hk ", "cn ", "twp "):
        assert f"\n  {variant}" in out
    assert "晋国的士兵 ->\n       晉國計程車兵" in out


def test_each_variant_prints_as_its_help_says(capsys, tmp_path: Path) -> None:
    path = tmp_path / "variants.txt"
    path.write_text("着急的里面。软件和内存。晋国的士兵\n", encoding="utf-8")
    expected = {
        "tw": "著急的裡面。軟件和內存。晉國的士兵\n",
        "hk": "着急的裏面。軟件和內存。晉國的士兵\n",
        "cn": "着急的裏面。軟件和內存。晉國的士兵\n",
        "twp": "著急的裡面。軟體和記憶體。晉國計程車兵\n",
    }
    for variant, shown in expected.items():
        command = ("--print", str(path), "--script", "traditional", "--variant", variant)
        assert run(capsys, *command)[1] == shown


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_outline_in_the_script_asked_for(capsys) -> None:
    status, out, err = run(capsys, "--outline", "--script", "simplified")
    assert (status, err) == (0, "")
    assert out.splitlines()[:2] == [
        "组织工作和谐社会交流",
        "  一、构建和谐社会对组织工作提出了新要求",
    ]
    assert run(capsys, "--outline", "--script", "traditional") == (0, SAMPLE_OUTLINE, "")


def test_an_empty_file_name_is_named_as_such(capsys) -> None:
    assert run(capsys, "--print", "") == (2, "", "reader: '' is not a file name\n")


def test_the_reader_refuses_to_draw_into_a_file(tmp_path: Path) -> None:
    with (tmp_path / "screen.txt").open("w") as redirected:
        result = subprocess.run(
            [sys.executable, "-m", "reader"],
            stdout=redirected,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=60,
        )
    assert (result.returncode, result.stderr) == (
        2,
        "reader: standard output is not a terminal; the reader draws on one"
        " (--print writes the text instead)\n",
    )
    assert (tmp_path / "screen.txt").read_text() == ""


def test_the_reader_refuses_a_dumb_terminal(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert run(capsys, "--no-resume") == (
        2,
        "",
        "reader: TERM=dumb cannot show the reader (--print writes the text instead)\n",
    )


def test_settings_problems_go_to_the_reader_not_to_stderr(
    capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.app import ReaderApp
    from reader.settings import settings_path

    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("variant = 'xx'\n", encoding="utf-8")
    shown: list[list[str]] = []
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setattr(ReaderApp, "run", lambda app: shown.append(app._start_notices))
    monkeypatch.setattr(cli, "attached_terminal", contextlib.nullcontext)  # tests have none
    problem = f"{path}:1: 'variant' must be one of tw, hk, cn, twp"
    assert run(capsys, "--no-resume") == (0, "", "")
    assert shown == [[problem]]
    assert run(capsys, "--outline")[2] == f"reader: {problem}\n"  # no reader: on stderr


def test_stats_of_a_small_text(capsys, tmp_path: Path) -> None:
    path = tmp_path / "lesson.txt"
    path.write_text("我学习。我学习。我在银行。", encoding="utf-8")  # 我 学习 我 学习 我 在 银行
    status, out, err = run(capsys, "--stats", str(path))
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[:4] == [
        "lesson.txt",
        "characters          10",
        "words                7",
        "distinct             4",
    ]
    assert lines[6] == "HSK 1       85.7%     75.0%    0.0%"
    assert lines[8] == "HSK 3       14.3%     25.0%    0.0%"
    assert lines[-1] == "estimated level  HSK 3 (covers 95% of running words)"


def test_stats_as_json_with_known_words(capsys, tmp_path: Path) -> None:
    words = tmp_path / "anki.txt"
    words.write_text("#separator:tab\n銀行\tyínháng\tbank\n", encoding="utf-8")
    assert run(capsys, "--import-known", str(words)) == (
        0,
        "",
        "1 word marked known (0 already were); 1 known in all\n",
    )
    path = tmp_path / "lesson.txt"
    path.write_text("我在銀行。", encoding="utf-8")  # traditional: counted on its simplified form
    status, out, _ = run(capsys, "--stats", "--json", str(path))
    data = json.loads(out)
    assert (status, data["words"], data["known"], data["estimated_level"]) == (0, 3, 33.3, "HSK 3")
    assert data["levels"][2]["known"] == 100.0
    assert run(capsys, "--export-known", "-") == (0, "银行\n", "")


def test_json_without_stats_is_an_error(capsys) -> None:
    status, _, err = run(capsys, "--json")
    assert (status, err) == (2, "reader: --json goes with --stats\n")


def test_import_known_of_a_missing_file(capsys, tmp_path: Path) -> None:
    status, _, err = run(capsys, "--import-known", str(tmp_path / "none.txt"))
    assert (status, err) == (2, f"reader: {tmp_path / 'none.txt'}: no such file\n")
