"""Run the real `reader` command on a pseudo-terminal, as a user's shell would."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass

READER = f"{sys.executable} -m reader"


@dataclass
class Session:
    """A command running with a pseudo-terminal as its controlling terminal."""

    process: subprocess.Popen[bytes]
    fd: int
    output: bytes = b""
    status: int | None = None

    def read_until(self, wanted: bytes, timeout: float = 20) -> bool:
        """Read what the program writes until ``wanted`` shows (False if it never does)."""
        deadline = time.monotonic() + timeout
        while wanted not in self.output:
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(left):
                return False
        return True

    def type(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def wait(self, timeout: float = 20) -> int | None:
        """The exit status, or None if it is still running after ``timeout`` (then killed)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._read(0.05)
            status = self.process.poll()
            if status is not None:
                self.status = status
                self._drain()
                os.close(self.fd)
                return self.status
        self.kill()
        return None

    def kill(self) -> None:
        if self.status is None:
            self.process.kill()
            self.process.wait()
            self.status = -9
            os.close(self.fd)

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True  # nothing yet: keep waiting until the deadline
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # the program closed the terminal
            return False
        self.output += data
        return bool(data)

    def _drain(self) -> None:
        while True:
            ready, _, _ = select.select([self.fd], [], [], 0)
            if not ready or not self._read(0):
                return


def start(command: str, size: tuple[int, int] = (80, 24)) -> Session:
    """``sh -c command`` on a new pseudo-terminal of ``size`` (columns, rows), which is its
    standard streams and its controlling terminal."""
    master, slave = os.openpty()
    columns, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    process = subprocess.Popen(
        ["sh", "-c", command],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**os.environ, "TERM": "xterm-256color"},
        start_new_session=True,
        preexec_fn=_take_terminal,
    )
    os.close(slave)
    return Session(process, master)


def _take_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
