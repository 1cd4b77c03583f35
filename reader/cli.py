"""The `reader` command: open the TUI, or answer a question about a document and exit."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from reader import __version__
from reader.document import Document
from reader.errors import ReaderError
from reader.script import (
    SCRIPTS,
    VARIANTS,
    ScriptChoice,
    ScriptConverter,
    Variant,
    detect_script,
)
from reader.terminal import attached_terminal, complain, for_stream, message_line

_EPILOG = """\
With no FILE, the bundled sample article opens. FILE may be plain text or Markdown in UTF-8
(with or without BOM), UTF-16, GB18030 or Big5; "-" reads standard input.
Inside the reader, press ? for every key."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read Chinese articles and books in the terminal.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", metavar="FILE", help="the document to read")
    actions = parser.add_mutually_exclusive_group()
    actions.add_argument("--outline", action="store_true", help="print the section tree and exit")
    actions.add_argument("--print", action="store_true", help="print the text and exit")
    actions.add_argument(
        "--terms", action="store_true", help="print the glossary terms found, tab-separated"
    )
    actions.add_argument(
        "--export-vocab",
        metavar="OUT",
        help="write your vocabulary list as tab-separated text for Anki, and exit",
    )
    actions.add_argument(
        "--config-path", action="store_true", help="print where the settings file lives"
    )
    parser.add_argument(
        "--script",
        choices=("original", *SCRIPTS),
        help="the script to show (default: the document's own)",
    )
    parser.add_argument(
        "--variant",
        choices=VARIANTS,
        help="conversion standard: tw (default), hk, cn (OpenCC standard), twp (Taiwan phrases)",
    )
    parser.add_argument(
        "--glossary",
        metavar="GLOSSARY",
        action="append",
        default=[],
        type=Path,
        help="an extra glossary TOML file (repeatable; later files override earlier ones)",
    )
    parser.add_argument("--no-resume", action="store_true", help="open at the top")
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    try:
        return _run(arguments)
    except ReaderError as error:
        complain(str(error))
        return error.exit_status
    except BrokenPipeError:  # `reader --print | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130


def _run(arguments: argparse.Namespace) -> int:
    from reader.settings import load_settings, settings_path

    if arguments.config_path:
        sys.stdout.write(for_stream(f"{settings_path()}\n", sys.stdout))
        return 0
    settings, problems = load_settings()
    for problem in problems:
        complain(problem)
    variant: Variant = arguments.variant or settings.variant
    if arguments.export_vocab:
        return _export_vocab(Path(arguments.export_vocab))
    from reader.load import read_source

    source = read_source(arguments.file)  # every bad-input error surfaces here, as one line
    if arguments.print:
        return _print_text(source.text, arguments.script, variant)
    if arguments.outline:
        from reader.parse import format_outline

        sys.stdout.write(for_stream(format_outline(source.parse()), sys.stdout))
        return 0
    if arguments.terms:
        return _print_terms(source.parse(), arguments.glossary, arguments.script, variant)

    from reader.app import ReaderApp

    app = ReaderApp(
        script=arguments.script,
        variant=variant,
        glossaries=arguments.glossary,
        resume=not arguments.no_resume,
        source=source,
        settings=settings,
    )
    with attached_terminal():
        app.run()
    return app.return_code or 0


def _print_text(text: str, script: ScriptChoice | None, variant: Variant) -> int:
    """Convert only: printing needs no outline, so none is parsed."""
    if script in SCRIPTS:
        text = ScriptConverter(detect_script(text), script, variant).convert(text)
    sys.stdout.write(for_stream(text, sys.stdout))
    if text and not text.endswith("\n"):
        sys.stdout.write("\n")
    return 0


def _print_terms(
    document: Document,
    glossary_files: list[Path],
    script: ScriptChoice | None = None,
    variant: Variant = "tw",
) -> int:
    """One line per term found, in order of first appearance: term, count, pinyin, English.

    The term is written in ``script`` (the document's own by default). A bad glossary file is
    a line on stderr; the other files still count.
    """
    from reader.document_terms import find_document_terms, load_user_glossary, term_in_script
    from reader.script import resolve
    from reader.words import Segmenter

    glossary, problems = load_user_glossary(glossary_files)
    for problem in problems:
        complain(problem)
    found = find_document_terms(document, glossary, Segmenter())
    shown = resolve(script, detect_script(document.text))
    for key in found.order:
        entry = glossary.get(key)
        assert entry is not None
        term = term_in_script(entry, shown, variant)
        line = "\t".join((term, str(found.counts[key]), entry.pinyin, entry.en))
        sys.stdout.write(message_line(line, sys.stdout, keep="\t") + "\n")  # one line, always
    return 0


def _export_vocab(path: Path) -> int:
    from reader.vocab import Vocabulary, export_anki

    vocabulary = Vocabulary.load()
    if vocabulary.notice:
        complain(vocabulary.notice)
    try:
        count = export_anki(vocabulary.items, path)
    except OSError as error:
        raise ReaderError(f"{path}: cannot write ({error.strerror or error})") from None
    print(message_line(f"{count} words written to {path}", sys.stderr), file=sys.stderr)
    return 0
