"""`reader URL`: a web page fetched with every part bounded, each failure one line.

Every page comes from a server on 127.0.0.1 (tests.served); nothing reaches the network.
"""

from __future__ import annotations

import gzip
import socket
import time
from http.server import BaseHTTPRequestHandler
from threading import Event

import pytest

import reader.fetch as fetch_module
from reader.app import ReaderApp
from reader.cli import main
from reader.errors import ReaderError
from reader.fetch import fetch, looks_like_url
from reader.load import read_source
from reader.state import StateStore
from tests.screen import article_rows, status
from tests.served import Answer, Server, silent, trickle

HTML = "text/html; charset=utf-8"
ARTICLE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>秋天的山 - 某網站</title></head>"
    "<body><nav><a href='/'>首頁</a> <a href='/news'>新聞</a></nav>"
    "<article><h1>秋天的山</h1><p>秋天來了，山上的樹葉都黃了。</p>"
    "<h2>下山</h2><p>他們沿著河岸走了很久，誰也沒有說話。</p></article>"
    "<footer>版權所有</footer></body></html>"
)
ARTICLE_TEXT = (
    "秋天的山\n\n秋天來了，山上的樹葉都黃了。\n\n下山\n\n他們沿著河岸走了很久，誰也沒有說話。\n"
)
# Its GB18030 bytes also read as Big5, as mojibake: only the right declaration reads it right.
GB_PAGE = (
    "<html><head>{meta}<title>秋天的山</title></head>"
    "<body><article><h1>秋天的山</h1><p>這是一篇文章</p></article></body></html>"
)


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    status_code = main(list(arguments))
    captured = capsys.readouterr()
    return status_code, captured.out, captured.err


def test_an_article_prints_without_the_page_around_it(capsys, server: Server) -> None:
    url = server.page("/autumn.html", ARTICLE.encode(), HTML)
    assert run(capsys, "--print", url) == (0, ARTICLE_TEXT, "")
    assert run(capsys, "--outline", url) == (0, "秋天的山\n  下山\n", "")
    status_code, out, err = run(capsys, "--stats", url)
    assert (status_code, err) == (0, "")
    assert out.startswith(f"{url}\ncharacters")


def test_outline_and_print_convert_a_fetched_page(capsys, server: Server) -> None:
    url = server.page("/autumn.html", ARTICLE.encode(), HTML)
    assert run(capsys, "--outline", "--script", "simplified", url) == (0, "秋天的山\n  下山\n", "")
    _, out, _ = run(capsys, "--print", "--script", "simplified", url)
    assert "他们沿着河岸走了很久，谁也没有说话。" in out


def test_the_charset_the_server_names_comes_before_the_pages_meta(capsys, server: Server) -> None:
    data = GB_PAGE.format(meta='<meta charset="big5">').encode("gb18030")  # the meta is wrong
    url = server.page("/gb.html", data, "text/html; charset=GB18030")
    assert run(capsys, "--print", url) == (0, "秋天的山\n\n這是一篇文章\n", "")


def test_a_wrong_header_charset_gives_way_to_the_meta(capsys, server: Server) -> None:
    data = GB_PAGE.format(meta='<meta charset="gbk">').encode("gb18030")
    url = server.page("/gb.html", data, "text/html; charset=utf-8")  # cannot read these bytes
    assert run(capsys, "--print", url) == (0, "秋天的山\n\n這是一篇文章\n", "")


def test_the_meta_charset_when_the_server_names_none(capsys, server: Server) -> None:
    data = GB_PAGE.format(
        meta='<meta http-equiv="Content-Type" content="text/html; charset=gb18030">'
    )
    url = server.page("/gb.html", data.encode("gb18030"), "text/html")  # no latin-1 default
    assert run(capsys, "--print", url) == (0, "秋天的山\n\n這是一篇文章\n", "")


def test_plain_text_and_markdown_open_as_their_types_say(capsys, server: Server) -> None:
    text = "第一章 出山\n\n他走出山門。\n\n第二章 入世\n\n城裡很熱鬧。\n"
    plain = server.page("/book.txt", text.encode("gb18030"), "text/plain")
    assert run(capsys, "--outline", plain) == (0, "book.txt\n  第一章 出山\n  第二章 入世\n", "")
    notes = "# 筆記\n\n這是**重要的**發現。\n"
    # a raw Markdown file is usually served as text/plain: its name says Markdown
    for path, kind in (("/notes.md", "text/plain; charset=utf-8"), ("/notes", "text/markdown")):
        url = server.page(path, notes.encode(), kind)
        assert run(capsys, "--print", url) == (0, "筆記\n\n這是重要的發現。\n", "")


def test_a_redirect_chain_is_followed_and_the_state_is_kept_by_the_url_asked(
    capsys, server: Server
) -> None:
    final = server.page("/article.html", ARTICLE.encode(), HTML)
    server.redirect("/three", "/article.html", 308)
    server.redirect("/two", server.url("/three"), 307)
    server.redirect("/one", "two", 302)  # relative to where it is
    asked = server.redirect("/short", "/one", 301)
    page = fetch(asked)
    assert (page.url, page.final_url) == (asked, final)
    assert server.requests == ["/short", "/one", "/two", "/three", "/article.html"]
    source = read_source(asked)
    assert (source.path, source.name, source.format) == (asked, asked, "html")
    assert run(capsys, "--print", asked) == (0, ARTICLE_TEXT, "")


def test_a_redirect_loop_is_one_line(capsys, server: Server) -> None:
    server.redirect("/b", "/a")
    url = server.redirect("/a", "/b")
    assert run(capsys, "--print", url) == (
        2,
        "",
        f"reader: {url}: the redirects go round in a loop (back to {url})\n",
    )


def test_more_than_five_redirects_are_not_followed(capsys, server: Server) -> None:
    for number in range(7):
        server.redirect(f"/{number}", f"/{number + 1}")
    server.page("/7", ARTICLE.encode(), HTML)
    url = server.url("/0")
    assert run(capsys, "--print", url) == (2, "", f"reader: {url}: more than 5 redirects\n")
    assert len(server.requests) == 6  # the first and five redirects; the sixth is refused


def test_a_redirect_to_another_scheme_is_refused(capsys, server: Server) -> None:
    url = server.redirect("/away", "file:///etc/passwd")
    assert run(capsys, "--print", url) == (
        2,
        "",
        f"reader: {url}: redirected to a file: URL, which is not fetched\n",
    )


@pytest.mark.parametrize(
    ("code", "said"), [(404, "404 Not Found"), (500, "500 Internal Server Error")]
)
def test_an_error_status_is_named(capsys, server: Server, code: int, said: str) -> None:
    server.routes["/page"] = Answer(b"<html>oops</html>", code, {"Content-Type": HTML})
    url = server.url("/page")
    assert run(capsys, "--print", url) == (2, "", f"reader: {url}: the server answered {said}\n")


@pytest.mark.parametrize("answer", [trickle, silent], ids=["trickling", "silent"])
def test_a_slow_server_is_given_up_on_in_time(capsys, monkeypatch, server: Server, answer) -> None:
    monkeypatch.setattr(fetch_module, "TIMEOUT_SECONDS", 0.6)
    server.routes["/slow"] = Answer(write=answer)
    url = server.url("/slow")
    started = time.monotonic()
    status_code, out, err = run(capsys, "--print", url)
    elapsed = time.monotonic() - started
    assert (status_code, out) == (2, "")
    assert err.splitlines() == [
        f"reader: fetching {url} …",  # said after half a second
        f"reader: {url}: no complete answer within 0.6 s",
    ]
    assert elapsed < 1.5


def test_a_quick_page_says_nothing_about_fetching(capsys, server: Server) -> None:
    url = server.page("/autumn.html", ARTICLE.encode(), HTML)
    assert run(capsys, "--outline", url)[2] == ""


def _endless(size: int, declared: bool):  # type: ignore[no-untyped-def]
    def write(handler: BaseHTTPRequestHandler, closing: Event) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", HTML)
        if declared:
            handler.send_header("Content-Length", str(size))
        handler.end_headers()
        block = b"<p>" + "很長的頁面。".encode() * 1000 + b"</p>"
        sent = 0
        try:
            while sent < size and not closing.is_set():
                handler.wfile.write(block)
                sent += len(block)
        except OSError:
            pass  # the reader stopped reading

    return write


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "undeclared"])
def test_a_page_over_the_limit_is_refused(capsys, monkeypatch, server: Server, declared) -> None:
    monkeypatch.setattr(fetch_module, "PAGE_LIMIT", 1024 * 1024)
    server.routes["/huge"] = Answer(write=_endless(3 * 1024 * 1024, declared))
    url = server.url("/huge")
    assert run(capsys, "--print", url) == (
        2,
        "",
        f"reader: {url}: larger than 1 MB, the most the reader fetches\n",
    )


def test_a_compressed_bomb_is_refused_at_the_limit(server: Server) -> None:
    bomb = gzip.compress(b"\x20" * (8 * 1024 * 1024))  # 8 KB that would be 8 MB
    server.page("/bomb.html", bomb, HTML, **{"Content-Encoding": "gzip"})
    with pytest.raises(ReaderError, match="larger than 1 MB"):
        fetch(server.url("/bomb.html"), limit=1024 * 1024)


def test_a_gzipped_page_is_read(capsys, server: Server) -> None:
    url = server.page(
        "/gz.html", gzip.compress(ARTICLE.encode()), HTML, **{"Content-Encoding": "gzip"}
    )
    assert run(capsys, "--print", url) == (0, ARTICLE_TEXT, "")


@pytest.mark.parametrize(
    ("content_type", "body", "said"),
    [
        ("image/png", b"\x89PNG\r\n\x1a\n" + bytes(64), "the server sent image/png, not a page"),
        ("application/pdf", b"%PDF-1.7\n", "a PDF, not supported yet"),
        ("application/octet-stream", bytes(range(256)) * 4, "binary data, not text"),
    ],
    ids=["image", "pdf", "binary"],
)
def test_what_is_not_a_page_is_one_line(
    capsys, server: Server, content_type: str, body: bytes, said: str
) -> None:
    url = server.page("/thing", body, content_type)
    status_code, out, err = run(capsys, "--print", url)
    assert (status_code, out) == (2, "")
    assert err.startswith(f"reader: {url}: {said}")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("file:///etc/passwd", "file: URLs are not fetched; give the file's path instead"),
        ("ftp://127.0.0.1/pub/book.txt", "only http and https URLs are fetched, not ftp:"),
        ("data:text/html,<p>hi</p>", "only http and https URLs are fetched, not data:"),
        ("http:///nohost", "not a URL: it names no host"),
    ],
)
def test_other_urls_are_refused_in_one_line(capsys, url: str, said: str) -> None:
    assert run(capsys, "--print", url) == (2, "", f"reader: {url}: {said}\n")


def test_a_file_whose_name_looks_like_a_url_is_opened_as_a_file(
    capsys, tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "http:").mkdir()
    (tmp_path / "http:" / "note.txt").write_text("一個檔案。\n", encoding="utf-8")
    assert not looks_like_url("http:/note.txt") and looks_like_url("https://a.b/")
    assert run(capsys, "--print", "http:/note.txt") == (0, "一個檔案。\n", "")


def test_a_refused_connection_is_one_line(capsys) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    assert run(capsys, "--print", url) == (
        2,
        "",
        f"reader: {url}: 127.0.0.1 refused the connection\n",
    )


def test_a_host_that_cannot_be_found_is_one_line(capsys, monkeypatch) -> None:
    def no_such_name(*_arguments: object, **_keywords: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)  # no resolver is asked
    url = "https://no-such-host.invalid/page"
    assert run(capsys, "--print", url) == (
        2,
        "",
        f"reader: {url}: cannot find the host no-such-host.invalid (no network, or no such name)\n",
    )


def test_a_tls_failure_is_one_line(capsys, server: Server) -> None:
    server.page("/autumn.html", ARTICLE.encode(), HTML)
    url = server.url("/autumn.html").replace("http:", "https:")  # TLS to a plain server
    status_code, out, err = run(capsys, "--print", url)
    assert (status_code, out) == (2, "")
    assert err.startswith(f"reader: {url}: TLS error: ")
    assert err.count("\n") == 1


def test_a_chinese_path_goes_percent_encoded(server: Server) -> None:
    server.page("/%E7%A7%8B%E5%A4%A9.html", ARTICLE.encode(), HTML)
    page = fetch(server.url("/秋天.html"))
    assert page.data == ARTICLE.encode()
    assert server.requests == ["/%E7%A7%8B%E5%A4%A9.html"]


async def test_the_reader_opens_a_served_page_with_its_title(server: Server) -> None:
    url = server.page("/autumn.html", ARTICLE.encode(), HTML)
    app = ReaderApp(url, resume=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert status(app).startswith("秋天的山 │ 繁")
        rows = "\n".join(article_rows(app))
        assert "秋天來了，山上的樹葉都黃了。" in rows
        assert "首頁" not in rows and "版權所有" not in rows  # the page around it left out
        await pilot.press("m")
        await pilot.press("q")
    store = StateStore()
    key = store.key_for_path(url)  # the state is found again by the URL
    assert key is not None
    state, _ = store.load(key)
    assert (state.path, len(state.bookmarks)) == (url, 1)
