"""``make serve``, ``make devserver`` and ``make regenerate``.

The development server serves the output folder over HTTP on localhost. The devserver
also watches the sources and rebuilds on every save (``devloop``), in a resident build
process (``resident``): the open page reloads itself after a rebuild, and a failed build's
messages are shown over the last good site, which keeps being served (``livereload``).
"""

from __future__ import annotations

import errno
import functools
import io
import os
import signal
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from .livereload import EVENTS_PATH, Events, inject

NOT_BUILT = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
<body><p>Nothing here: no page at this address, or the site has not been built yet.</p></body></html>
"""


class _Handler(SimpleHTTPRequestHandler):
    events: Events | None = None  # set for the devserver: live reload and the error overlay

    def log_message(self, format: str, *args: Any) -> None:
        if self.events is None:  # ``make serve`` logs requests as before; the devserver's terminal is for builds
            super().log_message(format, *args)

    def end_headers(self) -> None:
        if self.events is not None:  # a page edited a second ago must not come from the browser's cache
            self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        if self.events is not None and self.path.split("?", 1)[0] == EVENTS_PATH:
            self._stream(self.events)
            return
        super().do_GET()

    def _stream(self, events: Events) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        try:
            for chunk in events.stream():
                self.wfile.write(chunk)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):  # the page was closed or reloaded
            pass
        self.close_connection = True

    def send_head(self) -> Any:
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if self.events is None or not path.endswith(".html") or not os.path.isfile(path):
            return super().send_head()
        with open(path, "rb") as handle:
            return self._page(200, handle.read())

    def _page(self, code: int, body: bytes) -> io.BytesIO:
        body = inject(body) if self.events is not None else body
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and (page.is_file() or self.events is not None):
            # before the first good build there is no 404 page: a plain one, where a failed build's messages show
            text = page.read_bytes() if page.is_file() else NOT_BUILT
            body = self._page(404, text)
            if self.command != "HEAD":
                self.wfile.write(body.getvalue())
            return
        super().send_error(code, message, explain)


class PortInUse(Exception):
    """The port cannot be listened on; the message is the one line to show."""


def serve(
    output: str, bind: str, port: int, events: Events | None = None, target: str = "serve"
) -> ThreadingHTTPServer:
    handler = type("Handler", (_Handler,), {"events": events})
    try:
        server = ThreadingHTTPServer((bind, port), functools.partial(handler, directory=str(Path(output).resolve())))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise PortInUse(
                f"error: port {port} on {bind} is already in use (another server is running there). "
                f"Fix: stop it, or choose another port: make {target} PORT={port + 1}"
            ) from None
        raise PortInUse(f"error: cannot serve on {bind}:{port} ({exc.strerror or exc}). Fix: choose another "
                        f"address or port: make {target} PORT={port + 1}") from None  # fmt: skip
    server.daemon_threads = True
    print(f"Serving {output}/ on http://{bind}:{port}/", file=sys.stderr)
    return server


def run(command: str, settings: str, input_dir: str | None, output: str, bind: str, port: int) -> int:
    from .devloop import Devserver  # noqa: PLC0415

    events = Events() if command == "devserver" else None
    server = None
    try:
        if command != "regenerate":
            server = serve(output, bind, port, events, command)
        if command == "serve":
            server.serve_forever()
            return 0
        if server is not None:
            threading.Thread(target=server.serve_forever, daemon=True).start()
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped from outside: the build process too
        Devserver(settings, input_dir, output, events).watch()
    except PortInUse as exc:
        print(exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        if events is not None:
            events.close()
    return 0
