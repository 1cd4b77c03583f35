"""Shared fixtures: every test runs with its own config, state and cache directories."""

from __future__ import annotations

from pathlib import Path

import pytest

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
