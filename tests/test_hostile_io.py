"""Endless input and output that cannot be written, met as a user meets them: the command.

Every case ends with one line on stderr and a non-zero status, never a traceback or a hang.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import load, storage
from reader.cli import main
from reader.storage import MB
from tests.conftest import ROOT

READER = [sys.executable, "-m", "reader"]
LIMIT_LINE = "longer than 256 MB, the most the reader opens"
TEXT = "第一章 開始\n\n構建社會主義和諧社會是黨的戰略任務。\n"


def reader(*arguments: str, **options) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    options.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run(
        [*READER, *arguments],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=ROOT,
        **options,
    )


def shell(command: str, **options) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    """``command`` in sh, with $READER the reader command."""
    env = {**os.environ, "READER": " ".join(READER)}
    return subprocess.run(
        ["sh", "-c", command],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=ROOT,
        env=env,
        **options,
    )


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "文.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


# -- reads are bounded -----------------------------------------------------------------------


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_device_is_refused_after_the_limit(device: str) -> None:
    result = reader("--print", device)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"reader: {device}: {LIMIT_LINE}\n"


def test_endless_standard_input_is_refused_after_the_limit() -> None:
    result = shell("yes 構建和諧社會 | $READER --print -")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"reader: standard input: {LIMIT_LINE}\n"


def test_a_file_growing_while_it_is_read_stops_at_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """In the process, with a 4 MB limit: a file that grows faster than it is read (which
    the real 256 MB limit would need a gigabyte of disk to show)."""
    monkeypatch.setattr(load, "DOCUMENT_LIMIT", 4 * MB)
    path = tmp_path / "growing.txt"
    path.write_text(TEXT, encoding="utf-8")
    grown: list[int] = []
    real_read = storage.read_limited_stream

    def read_while_it_grows(stream, limit):  # type: ignore[no-untyped-def]
        with path.open("ab") as grower:  # 8 MB more, appended before each read sees an end
            for _ in range(8):
                grower.write(b"\n" * MB)
        grown.append(path.stat().st_size)
        return real_read(stream, limit)

    monkeypatch.setattr(storage, "read_limited_stream", read_while_it_grows)
    assert main(["--outline", str(path)]) == 2
    assert (
        capsys.readouterr().err == f"reader: {path}: longer than 4 MB, the most the reader opens\n"
    )
    assert grown and grown[0] > 8 * MB


# -- output that cannot be written -----------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_printing_to_a_full_disk_is_one_line(document: Path) -> None:
    result = shell(f"$READER --print '{document}' > /dev/full")
    assert result.returncode == 1
    assert result.stderr == "reader: cannot write the output (No space left on device)\n"


@pytest.mark.parametrize("option", ["--print", "--outline", "--config-path"])
def test_a_closed_standard_output_is_one_line(document: Path, option: str) -> None:
    result = shell(f"$READER {option} '{document}' >&-")
    assert result.returncode == 1
    assert result.stderr == "reader: cannot write the output: standard output is closed\n"


def test_text_the_output_encoding_cannot_hold_is_one_line(document: Path) -> None:
    result = reader("--print", str(document), env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "reader: cannot write the output: the terminal's encoding (ascii) has no '\\u7b2c'; "
        "use a UTF-8 locale (LANG=C.UTF-8)\n"
    )


def test_a_file_name_that_is_not_utf8_is_shown_with_a_replacement(tmp_path: Path) -> None:
    path = tmp_path / ("筆記" + os.fsdecode(b"\xff.txt"))
    path.write_text(
        "構建社會主義和諧社會是黨從中國特色社會主義事業和全面建設小康社會全局出發提出的戰略任務。",
        encoding="utf-8",
    )
    result = reader("--outline", str(path))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "筆記\ufffd.txt\n"
