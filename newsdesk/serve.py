"""``make serve``, ``make devserver`` and ``make regenerate``.

The development server serves the output folder over HTTP on localhost. The
watcher rebuilds in a fresh process whenever a source changes; a failed build
leaves the last good site in place, so the server keeps serving it.
"""

from __future__ import annotations

import functools
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .build import PROJECT

WATCHED = ("content", "theme", "plugins", "pelicanconf.py", "publishconf.py")


def snapshot(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """Modification time and size of every file under ``paths``."""
    state: dict[str, tuple[int, int]] = {}
    for root in paths:
        files = [root] if root.is_file() else root.rglob("*") if root.is_dir() else []
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                state[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return state


def _build(settings: str, input_dir: str | None, output: str) -> int:
    command = [sys.executable, "-m", "newsdesk", "build", "--settings", settings, "--output", output]
    if input_dir:
        command += ["--input", input_dir]
    return subprocess.call(command, cwd=PROJECT)


def watch(settings: str, input_dir: str | None, output: str, interval: float = 1.0) -> None:
    paths = [PROJECT / p for p in WATCHED] + ([Path(input_dir).resolve()] if input_dir else [])
    seen = snapshot(paths)
    _build(settings, input_dir, output)
    print("Watching for changes; Ctrl+C to stop.", file=sys.stderr)
    while True:
        time.sleep(interval)
        current = snapshot(paths)
        if current != seen:
            seen = current
            code = _build(settings, input_dir, output)
            if code:
                print("Build failed; still serving the last good site.", file=sys.stderr)


class _Handler(SimpleHTTPRequestHandler):
    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


def serve(output: str, bind: str, port: int) -> ThreadingHTTPServer:
    handler = functools.partial(_Handler, directory=str(Path(output).resolve()))
    server = ThreadingHTTPServer((bind, port), handler)
    print(f"Serving {output}/ on http://{bind}:{port}/", file=sys.stderr)
    return server


def run(command: str, settings: str, input_dir: str | None, output: str, bind: str, port: int) -> int:
    try:
        if command == "regenerate":
            watch(settings, input_dir, output)
        server = serve(output, bind, port)
        if command == "serve":
            server.serve_forever()
        threading.Thread(target=server.serve_forever, daemon=True).start()
        watch(settings, input_dir, output)
    except KeyboardInterrupt:
        return 0
    return 0
