"""Fetch the web page a user asks for: http and https only, and every part of it bounded.

The reader touches the network only here, and only for a URL given on the command line. A
fetch ends within ``TIMEOUT_SECONDS`` whatever the other end does (a host whose name never
resolves, a server that trickles a byte a second): it runs in a thread the caller waits for
with that deadline. The body is counted while it is read and refused past ``PAGE_LIMIT``
(a Content-Length is never trusted); at most ``MAX_REDIRECTS`` redirects are followed, each
to http or https only. Every failure is a ``ReaderError``: one line, exit status 2.
"""

from __future__ import annotations

import re
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from typing import Any, Final

from reader import __version__
from reader.errors import ReaderError
from reader.storage import MB, format_size

TIMEOUT_SECONDS = 20.0  # from asking to the last byte
PAGE_LIMIT = 32 * MB  # a long article is 1 MB; a whole book as one page a few
MAX_REDIRECTS = 5
PROGRESS_AFTER_SECONDS: Final = 0.5  # a fetch slower than this says that it is fetching
_CHUNK: Final = 64 * 1024
_REDIRECTS: Final = frozenset({301, 302, 303, 307, 308})
_FETCHED_SCHEMES: Final = ("http", "https")
# "scheme://…", or one of the schemes written without "//": what a user means as a URL
_URL: Final = re.compile(r"[a-z][a-z0-9+.-]+://|(?:data|file|mailto|javascript|about):", re.I)
_ACCEPT: Final = (
    "text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.9,"
    "application/epub+zip;q=0.8,*/*;q=0.1"
)


@dataclass(frozen=True, slots=True)
class Page:
    """What a server answered: the body and what its headers say it is."""

    data: bytes
    url: str  # as asked
    final_url: str  # after redirects
    media_type: str  # lower case, "" when the server did not say
    charset: str | None  # the Content-Type's charset, if it named one


def looks_like_url(location: str) -> bool:
    """Whether a command-line argument is a URL rather than a file name."""
    return _URL.match(location) is not None


def check_url(url: str) -> None:
    """Refuse, in one line, a URL that is not fetched: only http and https are."""
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "file":
        raise ReaderError(f"{url}: file: URLs are not fetched; give the file's path instead")
    if scheme not in _FETCHED_SCHEMES:
        raise ReaderError(f"{url}: only http and https URLs are fetched, not {scheme}:")
    if not parts.hostname:
        raise ReaderError(f"{url}: not a URL: it names no host")
    try:
        _ = parts.port
    except ValueError:
        raise ReaderError(f"{url}: not a URL: its port is not a number from 0 to 65535") from None


def fetch(
    url: str,
    *,
    timeout: float | None = None,
    limit: int | None = None,
    redirects: int | None = None,
    on_slow: Callable[[], None] | None = None,
) -> Page:
    """The page at ``url``, or a ReaderError; returns (or fails) within ``timeout`` seconds.

    ``timeout``, ``limit`` and ``redirects`` default to this module's constants (read when
    called). ``on_slow`` is called once if the page has not come after
    ``PROGRESS_AFTER_SECONDS``.
    """
    check_url(url)
    timeout = TIMEOUT_SECONDS if timeout is None else timeout
    limit = PAGE_LIMIT if limit is None else limit
    redirects = MAX_REDIRECTS if redirects is None else redirects
    deadline = time.monotonic() + timeout
    outcome: list[Page | BaseException] = []

    def run() -> None:
        try:
            outcome.append(_get(url, deadline, timeout, limit, redirects))
        except BaseException as error:  # handed to the waiting thread, raised there
            outcome.append(error)

    worker = threading.Thread(target=run, name="fetch", daemon=True)
    worker.start()
    worker.join(min(PROGRESS_AFTER_SECONDS, timeout))
    if worker.is_alive() and on_slow is not None:
        on_slow()
    worker.join(max(0.0, deadline - time.monotonic()))
    if not outcome:  # still waiting (a name that never resolves, a server that never ends)
        raise ReaderError(f"{url}: {_timed_out(timeout)}")
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


def _timed_out(timeout: float) -> str:
    return f"no complete answer within {timeout:g} s"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects come back as errors, and ``_get`` follows them itself, checking each."""

    def redirect_request(self, *_arguments: Any, **_keywords: Any) -> None:
        return None


def _get(url: str, deadline: float, timeout: float, limit: int, redirects: int) -> Page:
    opener = urllib.request.build_opener(
        _NoRedirects(), urllib.request.HTTPSHandler(context=ssl.create_default_context())
    )
    visited = [url]
    current = url
    while True:
        request = urllib.request.Request(
            _ascii_url(current),
            headers={
                "User-Agent": f"zh-reader/{__version__}",
                "Accept": _ACCEPT,
                "Accept-Encoding": "gzip, deflate",
            },
        )
        try:
            response = opener.open(request, timeout=_left(deadline, timeout))
        except urllib.error.HTTPError as error:
            with error:
                if error.code not in _REDIRECTS:
                    reason = f" {error.reason}" if error.reason else ""
                    raise ReaderError(
                        f"{current}: the server answered {error.code}{reason}"
                    ) from None
                current = _redirect_target(current, error.headers, visited, redirects)
            visited.append(current)
            continue
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise ReaderError(f"{current}: {_network_failure(error, current, timeout)}") from None
        except Exception as error:  # http.client's own (a malformed answer)
            raise ReaderError(f"{current}: {_broken_answer(error)}") from None
        with response:
            try:
                data = _body(response, deadline, limit)
            except ReaderError as error:
                raise ReaderError(f"{current}: {error}") from None
            except (OSError, ValueError) as error:
                raise ReaderError(
                    f"{current}: {_network_failure(error, current, timeout)}"
                ) from None
            except Exception as error:
                raise ReaderError(f"{current}: {_broken_answer(error)}") from None
            headers = response.headers
        media_type = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
        return Page(data, url, current, media_type, headers.get_content_charset())


def _redirect_target(current: str, headers: Message, visited: list[str], redirects: int) -> str:
    """Where a redirect leads, checked: somewhere new, by http or https, within the count."""
    location = headers.get("Location")
    if not location:
        raise ReaderError(f"{current}: a redirect that says nowhere to go")
    target = urllib.parse.urljoin(current, location.strip())
    scheme = urllib.parse.urlsplit(target).scheme.lower()
    if scheme not in _FETCHED_SCHEMES:
        raise ReaderError(f"{current}: redirected to a {scheme}: URL, which is not fetched")
    if target in visited:
        raise ReaderError(f"{visited[0]}: the redirects go round in a loop (back to {target})")
    if len(visited) > redirects:
        raise ReaderError(f"{visited[0]}: more than {redirects} redirects")
    return target


def _body(response: Any, deadline: float, limit: int) -> bytes:
    """The body, decompressed if it came compressed, refused once it passes ``limit``."""
    too_large = f"larger than {format_size(limit)}, the most the reader fetches"
    declared = response.headers.get("Content-Length", "")
    if declared.strip().isdigit() and int(declared) > limit:
        raise ReaderError(too_large)
    encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
        raise ReaderError(f"sent compressed as {encoding}, which the reader cannot read")
    inflate = zlib.decompressobj(wbits=47) if encoding != "identity" else None  # gzip or zlib
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        if inflate is not None:
            try:
                chunk = inflate.decompress(chunk, limit + 1 - size)
            except zlib.error:
                raise ReaderError(f"its {encoding} data is corrupt") from None
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise ReaderError(too_large)
    if inflate is not None:
        rest = inflate.flush()
        if size + len(rest) > limit:
            raise ReaderError(too_large)
        chunks.append(rest)
    return b"".join(chunks)


def _left(deadline: float, timeout: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    return min(left, timeout)


def _ascii_url(url: str) -> str:
    """The URL as it goes on the wire: an IDN host in punycode, other non-ASCII (a Chinese
    path), spaces and controls percent-encoded; what is already encoded stays as it is."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    try:
        host.encode("ascii")
    except UnicodeEncodeError:
        host = host.encode("idna").decode("ascii")
    if ":" in host:  # an IPv6 address goes back in its brackets
        host = f"[{host}]"
    netloc = host if parts.port is None else f"{host}:{parts.port}"

    def quoted(part: str) -> str:
        return urllib.parse.quote(part, safe="/%:@!$&'()*+,;=?~-._")

    return urllib.parse.urlunsplit(
        (parts.scheme, netloc, quoted(parts.path) or "/", quoted(parts.query), "")
    )


def _network_failure(error: BaseException, url: str, timeout: float) -> str:
    """What went wrong on the way, in a few words."""
    reason: object = error.reason if isinstance(error, urllib.error.URLError) else error
    host = urllib.parse.urlsplit(url).hostname or url
    if isinstance(reason, socket.gaierror):
        return f"cannot find the host {host} (no network, or no such name)"
    if isinstance(reason, ConnectionRefusedError):
        return f"{host} refused the connection"
    if isinstance(reason, TimeoutError):
        return _timed_out(timeout)
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"TLS error: {reason.verify_message or 'the certificate is not trusted'}"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error: {str(reason.reason or reason).replace('_', ' ').lower()}"
    if isinstance(reason, ConnectionResetError):
        return f"{host} closed the connection"
    if isinstance(reason, OSError):
        return f"cannot fetch ({reason.strerror or reason})"
    if isinstance(reason, ValueError):
        return f"not a URL the reader can fetch ({reason})"
    return f"cannot fetch ({reason})"


def _broken_answer(error: Exception) -> str:
    detail = str(error).strip()[:80]
    named = type(error).__name__ + (f": {detail}" if detail else "")
    return f"the server's answer broke off or was malformed ({named})"
