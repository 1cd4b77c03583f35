"""Find the bundled assets both in a source checkout and in an installed wheel."""

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def assets_dir() -> Path:
    """The wheel ships assets inside the package; a checkout keeps them at the top level."""
    installed = _PACKAGE_DIR / "assets"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / "assets"


def sample_article() -> Path:
    return assets_dir() / "sample-article.txt"


def bundled_glossary_dir() -> Path:
    return assets_dir() / "glossary"
