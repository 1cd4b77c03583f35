"""Where the reader keeps its own files (never next to the document it reads)."""

from pathlib import Path

import platformdirs

APP_NAME = "zh-reader"


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME))


def state_dir() -> Path:
    return Path(platformdirs.user_state_dir(APP_NAME))


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME))
