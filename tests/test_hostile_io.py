"""Endless input and output that cannot be written, met as a user meets them: the command.

Every case ends with one line on stderr and a non-zero status, never a traceback or a hang.
"""

from __future__ import annotations

import json
import marshal
import os
import stat
import subprocess
import sys
import threading
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


# -- exports: written through what is there, never replacing it --------------------------------

WORD = {
    "simplified": "学习",
    "traditional": "學習",
    "pinyin": "xué xí",
    "definition": "to learn",
    "sentence": "我们要好好学习。",
    "document_title": "第一课",
    "added": "2024-05-01",
}


@pytest.fixture
def vocabulary(private_user_dirs: Path) -> None:
    path = private_user_dirs / "state" / "zh-reader" / "vocabulary.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"version": 1, "items": [WORD]}), encoding="utf-8")


def exported(text: str) -> bool:
    return text.startswith("#separator:tab\n") and "学习\t學習\txuéxí" in text


@pytest.mark.usefixtures("vocabulary")
def test_an_export_writes_through_an_existing_file_and_a_link(tmp_path: Path) -> None:
    target = tmp_path / "anki.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    inode = target.stat().st_ino
    result = reader("--export-vocab", str(link))
    assert (result.returncode, result.stderr) == (0, f"1 word written to {link}\n")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.stat().st_ino == inode and target.stat().st_mode & 0o777 == 0o600
    assert exported(target.read_text(encoding="utf-8"))


@pytest.mark.usefixtures("vocabulary")
def test_an_export_into_a_pipe_leaves_the_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    listener = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    listener.start()
    result = reader("--export-vocab", str(fifo))
    listener.join(timeout=60)
    assert result.returncode == 0
    assert stat.S_ISFIFO(fifo.lstat().st_mode)  # not replaced by a regular file
    assert exported(received[0])


@pytest.mark.usefixtures("vocabulary")
def test_an_export_to_standard_output() -> None:
    result = reader("--export-vocab", "-")
    assert result.returncode == 0
    assert exported(result.stdout)
    assert result.stderr == "1 word written to standard output\n"


@pytest.mark.usefixtures("vocabulary")
@pytest.mark.parametrize(
    ("make", "message"),
    [
        ("missing directory", "{path}: no such directory '{parent}'; not created"),
        ("directory", "{path}: is a directory"),
        ("dangling link", "{path}: is a symbolic link to nothing; not followed"),
    ],
)
def test_an_export_refuses_with_one_line(tmp_path: Path, make: str, message: str) -> None:
    path = tmp_path / "out.txt"
    if make == "missing directory":
        path = tmp_path / "not" / "there" / "out.txt"
    elif make == "directory":
        path.mkdir()
    else:
        path.symlink_to(tmp_path / "nowhere.txt")
    result = reader("--export-vocab", str(path))
    assert result.returncode == 1
    assert result.stderr == "reader: " + message.format(path=path, parent=path.parent) + "\n"
    assert not (tmp_path / "not").exists() and not (tmp_path / "nowhere.txt").exists()


def device(path: Path, minor: int) -> Path:
    """A character device of the kernel's memory driver in ``path`` (3: null, 7: full), made
    here so that a reader which replaced it would replace only this copy."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except (PermissionError, AttributeError):
        pytest.skip("making a device node needs root")
    return path


@pytest.mark.usefixtures("vocabulary")
def test_an_export_to_a_device_writes_to_it_and_the_device_stays(tmp_path: Path) -> None:
    null, full = device(tmp_path / "null", 3), device(tmp_path / "full", 7)
    result = reader("--export-vocab", str(null))
    assert (result.returncode, result.stderr) == (0, f"1 word written to {null}\n")
    result = reader("--export-vocab", str(full))
    assert result.returncode == 1
    assert result.stderr == f"reader: {full}: cannot write (No space left on device)\n"
    assert stat.S_ISCHR(null.lstat().st_mode) and stat.S_ISCHR(full.lstat().st_mode)


# -- the reader's own files have small limits ------------------------------------------------


def test_a_settings_file_linked_to_an_endless_device_is_refused(
    private_user_dirs: Path, document: Path
) -> None:
    settings = private_user_dirs / "config" / "zh-reader" / "settings.toml"
    settings.parent.mkdir(parents=True)
    settings.symlink_to("/dev/zero")
    result = reader("--print", str(document))
    assert (result.returncode, result.stdout) == (0, TEXT)
    assert result.stderr == f"reader: {settings}: larger than the 1 MB limit; using the defaults\n"


def test_a_glossary_over_its_limit_is_refused(private_user_dirs: Path, document: Path) -> None:
    glossary = private_user_dirs / "config" / "zh-reader" / "glossary" / "mine.toml"
    glossary.parent.mkdir(parents=True)
    with glossary.open("wb") as handle:
        handle.truncate(65 * MB)  # sparse: a size the file system reports, no disk used
    result = reader("--terms", str(document))
    assert result.returncode == 0
    assert result.stderr == f"reader: {glossary}: cannot read: larger than the 64 MB limit\n"


def test_a_vocabulary_file_linked_to_an_endless_device_is_set_aside(
    private_user_dirs: Path,
) -> None:
    path = private_user_dirs / "state" / "zh-reader" / "vocabulary.json"
    path.parent.mkdir(parents=True)
    path.symlink_to("/dev/zero")
    result = reader("--export-vocab", "-")
    assert result.returncode == 0
    (aside,) = path.parent.glob("vocabulary.json.corrupt-*")
    assert result.stderr == (
        f"reader: {path}: corrupt (larger than the 32 MB limit); moved aside to {aside.name}\n"
        "0 words written to standard output\n"
    )
    assert aside.is_symlink() and not path.exists()


# -- jieba's cache -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cache",
    [
        marshal.dumps(({"学习": "often", "工作": 3}, 5)),  # valid marshal, words to strings
        marshal.dumps(["not", "a", "dictionary"]),
        marshal.dumps(({"学习": 3}, "five")),
        b"\x00garbage",
        None,  # a sparse file far larger than jieba's cache
    ],
    ids=["strings", "list", "total", "garbage", "huge"],
)
def test_a_jieba_cache_of_the_wrong_shape_is_built_again(
    private_user_dirs: Path, cache: bytes | None
) -> None:
    import jieba

    path = private_user_dirs / "cache" / "zh-reader" / f"jieba-{jieba.__version__}.cache"
    path.parent.mkdir(parents=True)
    if cache is None:
        with path.open("wb") as handle:
            handle.truncate(65 * MB)
    else:
        path.write_bytes(cache)
    result = reader("--terms")  # the bundled sample and glossary
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("和諧社會\t31\t")
    frequencies, total = marshal.loads(path.read_bytes())
    assert frequencies["学习"] > 0 and isinstance(total, int)
