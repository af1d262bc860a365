"""What ``make devserver`` adds to the pages it serves: live reload and the error overlay.

The server tells open pages about each rebuild by server-sent events on ``EVENTS_PATH``:
``reload`` after a build succeeded, ``problems`` (a JSON list of the failed build's
messages) after one failed. A page connecting while the last build is failed gets its
problems at once. The script that listens is added to HTML responses as they are served,
never written into the output folder: the site on disk is the one ``make html`` builds.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator

EVENTS_PATH = "/__newsdesk/events"
KEEPALIVE = 15.0  # seconds between comments on an idle stream, so that a closed page is noticed

# The overlay is made with textContent only: a message is shown as text, whatever it holds.
SCRIPT = (
    """<script>(function () {
  "use strict";
  var ID = "newsdesk-problems";
  function clear() { var old = document.getElementById(ID); if (old) { old.remove(); } }
  function show(lines) {
    clear();
    var box = document.createElement("div");
    box.id = ID;
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;" +
      "background:rgba(20,20,20,.93);color:#f8f8f2;font:15px/1.5 ui-monospace,monospace;white-space:pre-wrap";
    var head = document.createElement("h2");
    head.textContent = "The last save did not build. Still showing the last good site; save a fix to clear this.";
    head.style.cssText = "margin:0 0 1rem;color:#ff8c7a;font:600 18px/1.4 system-ui,sans-serif";
    box.appendChild(head);
    lines.forEach(function (line) {
      var row = document.createElement("div");
      row.textContent = line;
      box.appendChild(row);
    });
    document.body.appendChild(box);
  }
  var source = new EventSource("EVENTS_PATH");
  source.addEventListener("reload", function (event) {
    var same = JSON.parse(event.data).unchanged || [];  // pages the fast path already showed as built
    if (same.indexOf(location.pathname) < 0) { location.reload(); }
  });
  source.addEventListener("problems", function (event) { show(JSON.parse(event.data)); });
  source.addEventListener("clear", clear);
})();</script>
"""
).replace("EVENTS_PATH", EVENTS_PATH)


def inject(page: bytes) -> bytes:
    """``page`` with the live-reload script before its last ``</body>``, or at its end when it has none."""
    at = page.lower().rfind(b"</body>")
    script = SCRIPT.encode("utf-8")
    return page + script if at < 0 else page[:at] + script + page[at:]


def frame(event: str, data: str) -> bytes:
    """One server-sent event: ``data`` holds no newline (JSON or a word)."""
    return f"event: {event}\ndata: {data}\n\n".encode()


class Events:
    """The rebuilds' news for every open page: each subscriber sees the events published after it
    subscribed, and the current problems (if the last build failed) first."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._serial = 0
        self._latest = b""
        self._problems: list[str] | None = None
        self.closed = False

    def built(self, unchanged: Iterable[str] = ()) -> None:
        """A build succeeded (or the fast path put the page being edited live): open pages reload, which also
        clears an overlay, except those at the paths ``unchanged`` (already showing what was built)."""
        self._publish(frame("reload", json.dumps({"unchanged": sorted(unchanged)})), None)

    def failed(self, lines: list[str]) -> None:
        """A build failed with these messages: open pages show them over the last good site."""
        self._publish(frame("problems", json.dumps(lines)), lines)

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    def _publish(self, event: bytes, problems: list[str] | None) -> None:
        with self._changed:
            self._serial += 1
            self._latest, self._problems = event, problems
            self._changed.notify_all()

    def stream(self, keepalive: float = KEEPALIVE) -> Iterator[bytes]:
        """What one subscriber receives, event by event; a comment when nothing happened for ``keepalive``."""
        with self._changed:
            seen = self._serial
            problems = self._problems
        yield b"retry: 1000\n\n"
        if problems is not None:
            yield frame("problems", json.dumps(problems))
        while True:
            with self._changed:
                since = seen
                self._changed.wait_for(lambda since=since: self._serial != since or self.closed, timeout=keepalive)
                if self.closed:
                    return
                fresh = self._latest if self._serial != seen else None
                seen = self._serial
            yield fresh if fresh is not None else b": still here\n\n"
