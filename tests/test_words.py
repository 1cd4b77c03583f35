"""jieba segmentation: lazy, quiet, cached in our own cache dir, and with offsets that add up."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reader.words as words_module
from reader import paths
from reader.words import Segmenter, block_at, jieba_block

REPO = Path(__file__).resolve().parent.parent
CACHE_NAME = "jieba-0.42.1.cache"


def words_of(segmenter: Segmenter, text: str) -> list[str]:
    return [text[start:end] for start, end in segmenter.segment(text)]


def test_an_added_word_is_kept_whole(segmenter: Segmenter) -> None:
    text = "安排组工干部参加培训"
    assert words_of(segmenter, text) == ["安排", "组工", "干部", "参加", "培训"]

    segmenter.add_words(["组工干部"])

    assert words_of(segmenter, text) == ["安排", "组工干部", "参加", "培训"]
    assert segmenter.segment(text) == [(0, 2), (2, 6), (6, 8), (8, 10)]


def test_words_given_before_loading_are_added_on_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(words_module, "cache_dir", lambda: tmp_path)
    fresh = Segmenter(user_words=["部风"])
    fresh.add_words(["组工干部"])
    assert not fresh.loaded

    assert words_of(fresh, "强化部风建设，安排组工干部") == [
        "强化",
        "部风",
        "建设",
        "，",
        "安排",
        "组工干部",
    ]
    assert fresh.loaded


def test_spans_cover_mixed_text_including_ascii_and_crlf(segmenter: Segmenter) -> None:
    text = "Hello, 世界 3D打印\r\n好"

    assert words_of(segmenter, text) == [
        "Hello",
        ",",
        " ",
        "世界",
        " ",
        "3D",
        "打印",
        "\r\n",
        "好",
    ]
    assert segmenter.segment("") == []


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("党委两员会社和谐建设政治中国abcXY12 \r\n，。、“”%-_.·𠀀")),
        max_size=40,
    )
)
def test_spans_are_contiguous_and_cover_the_text(segmenter: Segmenter, text: str) -> None:
    spans = segmenter.segment(text)

    assert "".join(text[start:end] for start, end in spans) == text
    assert all(start < end for start, end in spans)
    assert all(a[1] == b[0] for a, b in pairwise(spans))


def test_loading_writes_nothing_to_stdout_or_stderr(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    unbuilt_dictionary: None,
) -> None:
    monkeypatch.setattr(words_module, "cache_dir", lambda: tmp_path)  # built, not read
    Segmenter().ensure_loaded()
    assert (tmp_path / CACHE_NAME).is_file()
    Segmenter().segment("加强政党建设")  # and read back from the cache

    assert capfd.readouterr() == ("", "")


def test_a_fresh_interpreter_is_silent_and_caches_in_our_cache_dir(tmp_path: Path) -> None:
    # jieba's stderr handler is installed when jieba is first imported, so only a fresh
    # interpreter shows for sure that its messages are silenced, both building and reading.
    shared_tmp = tmp_path / "shared-tmp"
    shared_tmp.mkdir()
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg"), "TMPDIR": str(shared_tmp)}
    script = (
        "from reader.words import Segmenter\n"
        "spans = Segmenter(['组工干部']).segment('安排组工干部')\n"
        "assert spans == [(0, 2), (2, 6)], spans\n"
    )
    for _ in range(2):  # the first run builds the cache, the second reads it
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, check=False
        )
        assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")

    assert (tmp_path / "xdg" / "zh-reader" / CACHE_NAME).is_file()
    assert list(shared_tmp.iterdir()) == []


@pytest.fixture
def unbuilt_dictionary(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget the process-wide dictionary, so the next Segmenter builds it again."""
    monkeypatch.setattr(words_module, "_base", None)


def test_the_cache_file_goes_to_the_cache_dir_never_the_temp_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unbuilt_dictionary: None
) -> None:
    shared_tmp = tmp_path / "shared-tmp"
    shared_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(shared_tmp))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(words_module, "cache_dir", paths.cache_dir)  # the real one, not a stub

    Segmenter().ensure_loaded()

    assert sorted(p.name for p in (tmp_path / "xdg" / "zh-reader").iterdir()) == [CACHE_NAME]
    assert list(shared_tmp.iterdir()) == []


def test_loading_happens_once_across_threads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unbuilt_dictionary: None
) -> None:
    monkeypatch.setattr(words_module, "cache_dir", lambda: tmp_path)
    jieba = words_module._import_jieba()
    calls: list[int] = []
    original = jieba.Tokenizer.initialize

    def counting(self: object, *args: object) -> None:
        calls.append(threading.get_ident())
        original(self, *args)

    monkeypatch.setattr(jieba.Tokenizer, "initialize", counting)
    shared = Segmenter()
    barrier = threading.Barrier(4)

    def load() -> None:
        barrier.wait()
        shared.segment("加强政党建设")

    threads = [threading.Thread(target=load) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(calls) == 1


def test_the_block_pattern_matches_the_same_characters_as_jiebas() -> None:
    jiebas = words_module._import_jieba().re_han_default
    differ = [
        hex(code)
        for code in [*range(0x10000), 0x20000, 0x2A6D6]
        if bool(jieba_block().fullmatch(chr(code))) != bool(jiebas.fullmatch(chr(code)))
    ]
    assert differ == []


def test_block_at() -> None:
    text = "农村“两委”干部"
    assert block_at(text, 1) == (0, 2)
    assert block_at(text, 2) is None  # the edge of a block
    assert block_at(text, 3) is None  # between “ and 两
    assert block_at(text, 4) == (3, 5)
    assert block_at(text, 0) is None
    assert block_at(text, len(text)) is None
    assert block_at("中国GDP增长", 4) == (0, 7)


def test_spanned_tells_where_some_word_could_cross(segmenter: Segmenter) -> None:
    text = "加强政党建设"  # 加强|政党|建设, and 党建 is a dictionary word too

    assert [segmenter.spanned(text, i) for i in range(len(text) + 1)] == [
        False,
        True,  # 加|强
        False,  # 强|政: no word holds 强政
        True,  # 政|党
        True,  # 党|建: 党建
        True,  # 建|设
        False,
    ]
    assert not segmenter.spanned(text, 3, ignore={"政党"})
    assert segmenter.spanned("3D", 1)  # jieba runs letters and digits together


def test_frequency_and_total(segmenter: Segmenter) -> None:
    assert segmenter.frequency("党委") == 1656
    assert segmenter.frequency("员会") == 0  # only a prefix entry, not a word
    assert segmenter.frequency("不是一个词") == 0
    assert 60_000_000 < segmenter.total < 61_000_000
