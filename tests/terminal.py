"""Run the real `reader` command in a pseudo-terminal, as a user's terminal would.

For what only a real process shows: signals, two readers at once, what is written to the
terminal after the screen closes. Every wait is bounded.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shlex
import signal
import struct
import sys
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WAIT = 30.0  # seconds: generous, the machine running the tests may be busy


class Terminal:
    """``python -m reader ARGS`` on its own pty (its controlling terminal), ``columns x rows``."""

    def __init__(
        self,
        *args: str,
        home: Path,
        columns: int = 100,
        rows: int = 30,
        shell: str | None = None,
    ) -> None:
        """``shell``: a command line run by ``sh`` instead, with ``{reader}`` where the reader
        goes (``cat book.txt | {reader} -``); ``args`` then come after ``{reader}``."""
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "PYTHONPATH": str(ROOT),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_STATE_HOME": str(home / "state"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_DATA_HOME": str(home / "data"),
            "HOME": str(home),
        }
        argv = [sys.executable, "-m", "reader", *args]
        if shell is not None:
            argv = ["/bin/sh", "-c", shell.format(reader=shlex.join(argv))]
        home.mkdir(parents=True, exist_ok=True)
        pid, fd = pty.fork()
        if pid == 0:  # the child: the pty is its controlling terminal
            try:
                os.chdir(home)  # PYTHONPATH, not the directory the tests run in, finds reader
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.output = b""
        self.status: int | None = None

    def read(self, timeout: float = 0.05) -> None:
        """Take in what the reader wrote (waiting at most ``timeout`` for something)."""
        if self.fd < 0:
            time.sleep(timeout)
            return
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            chunk = b""
        if chunk:
            self.output += chunk
        else:
            time.sleep(timeout)

    @property
    def text(self) -> str:
        return self.output.decode("utf-8", "replace")

    def wait_for(self, needle: str, timeout: float = WAIT, after: int = 0) -> int:
        """Read until ``needle`` appears in the output past byte ``after``; return its end."""
        deadline = time.monotonic() + timeout
        encoded = needle.encode()
        while time.monotonic() < deadline:
            where = self.output.find(encoded, after)
            if where >= 0:
                return where + len(encoded)
            if self.poll() is not None:
                self.read(0)
                where = self.output.find(encoded, after)
                if where >= 0:
                    return where + len(encoded)
                break
            self.read()
        raise AssertionError(f"{needle!r} never shown; the reader wrote:\n{self.text[-3000:]}")

    def press(self, *keys: str) -> None:
        for key in keys:
            os.write(self.fd, key.encode())
            time.sleep(0.05)  # one key at a time, as typed

    def poll(self) -> int | None:
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
        return self.status

    def wait(self, timeout: float = WAIT) -> int:
        """The exit status once the reader ends (a negative number: killed by that signal)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.poll()
            if status is not None:
                self.read(0)
                return status
            self.read()
        self.kill()
        raise AssertionError(f"the reader did not end; it wrote:\n{self.text[-3000:]}")

    def signal(self, number: signal.Signals) -> None:
        os.kill(self.pid, number)

    def hang_up(self) -> None:
        """Close the terminal, as closing its window does: the reader gets SIGHUP."""
        os.close(self.fd)
        self.fd = -1

    def kill(self) -> None:
        if self.poll() is None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.status = -signal.SIGKILL

    def close(self) -> None:
        self.kill()
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
