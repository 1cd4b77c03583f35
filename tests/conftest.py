"""Shared fixtures: every test runs with its own config, state and cache directories."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import reader.words as words_module
from reader.words import Segmenter
from tests.served import PROXY_VARIABLES, Server

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "assets" / "sample-article.txt"


@pytest.fixture(autouse=True)
def private_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Never read or write the real user's settings, reading state or caches."""
    home = tmp_path_factory.mktemp("home")
    for variable, name in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_DATA_HOME", "data"),
    ):
        monkeypatch.setenv(variable, str(home / name))
    return home


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def jieba_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("jieba-cache")


@pytest.fixture(autouse=True)
def shared_jieba_cache(jieba_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """jieba writes its dictionary cache once for the whole run, not once per test."""
    monkeypatch.setattr(words_module, "cache_dir", lambda: jieba_cache)


@pytest.fixture(scope="module")
def segmenter(jieba_cache: Path) -> Segmenter:
    """One loaded jieba for a module's tests (building it takes a second)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(words_module, "cache_dir", lambda: jieba_cache)
        loaded = Segmenter()
        loaded.ensure_loaded()
    return loaded


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """A web server on 127.0.0.1 for the test's pages (tests.served): never the network."""
    for variable in PROXY_VARIABLES:  # 127.0.0.1 itself, never through a proxy
        monkeypatch.delenv(variable, raising=False)
    served = Server()
    served.start()
    yield served
    served.stop()
