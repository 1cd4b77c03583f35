"""A web server on 127.0.0.1, in a thread, answering what a test tells it to: no test of the
reader's fetching ever reaches the real network."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PROXY_VARIABLES = (
    *("http_proxy", "https_proxy", "all_proxy"),
    *("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"),
)


@dataclass
class Answer:
    """One route's answer: a status, headers and a body (or a function writing the answer)."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    write: Callable[[BaseHTTPRequestHandler, threading.Event], None] | None = None


class Server:
    """Routes by path; ``url(path)`` is the address to fetch; ``requests`` what was asked."""

    def __init__(self) -> None:
        self.routes: dict[str, Answer] = {}
        self.requests: list[str] = []
        self.closing = threading.Event()  # set at the end: a slow answer stops at once
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # http.server calls it by this name
                server.requests.append(self.path)
                answer = server.routes.get(self.path, Answer(b"no such page", 404))
                if answer.write is not None:
                    answer.write(self, server.closing)
                    return
                self.send_response(answer.status)
                headers = {"Content-Length": str(len(answer.body)), **answer.headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(answer.body)

            def log_message(self, *_arguments: object) -> None:
                pass  # quiet

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.http.daemon_threads = True
        self.thread = threading.Thread(
            target=self.http.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def url(self, path: str) -> str:
        host, port = self.http.server_address[:2]
        return f"http://{host}:{port}{path}"

    def page(self, path: str, body: bytes, content_type: str, **headers: str) -> str:
        self.routes[path] = Answer(body, headers={"Content-Type": content_type, **headers})
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        self.routes[path] = Answer(status=status, headers={"Location": to})
        return self.url(path)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.closing.set()
        self.http.shutdown()
        self.http.server_close()


def trickle(handler: BaseHTTPRequestHandler, closing: threading.Event) -> None:
    """Headers, then a byte now and then for as long as the test lasts: a fetch must give up."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.end_headers()
    deadline = time.monotonic() + 30
    while not closing.wait(0.05) and time.monotonic() < deadline:
        try:
            handler.wfile.write(b" ")
            handler.wfile.flush()
        except OSError:
            return


def silent(handler: BaseHTTPRequestHandler, closing: threading.Event) -> None:
    """Take the request and never answer it."""
    closing.wait(30)
