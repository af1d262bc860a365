"""A real devserver for functional tests: started as ``make devserver`` starts it, and a page's event
stream read by an HTTP client."""

from __future__ import annotations

import http.client
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .builds import ROOT

EVENTS = "/__newsdesk/events"


class Listener:
    """A page's event stream, read by an HTTP client in a thread: (event, data) pairs in a queue."""

    def __init__(self, port: int) -> None:
        self.events: queue.Queue[tuple[str, str]] = queue.Queue()
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        self.connection.request("GET", EVENTS)
        response = self.connection.getresponse()
        assert response.status == 200 and response.getheader("Content-Type") == "text/event-stream"
        threading.Thread(target=self._read, args=(response,), daemon=True).start()

    def _read(self, response: http.client.HTTPResponse) -> None:
        event = ""
        try:
            for raw in response:
                line = raw.decode().rstrip("\n")
                if line.startswith("event: "):
                    event = line[len("event: ") :]
                elif line.startswith("data: "):
                    self.events.put((event, line[len("data: ") :]))
        except OSError:
            pass

    def next(self, seconds: float = 180) -> tuple[str, str]:
        return self.events.get(timeout=seconds)

    def close(self) -> None:
        self.connection.close()


@contextmanager
def devserver(content: Path, output: Path, port: int, log: Path) -> Iterator[subprocess.Popen]:
    with log.open("w") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "newsdesk", "devserver", "--input", str(content), "--output", str(output),
             "--port", str(port)],
            cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        yield server
    finally:
        server.terminate()
        server.wait(timeout=30)
