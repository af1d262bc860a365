"""The devserver's pure parts: the script added to pages, the event stream, and what the terminal
and the page are told."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from newsdesk.devloop import Once, needs_fresh_process, problems_of, served_paths
from newsdesk.livereload import EVENTS_PATH, Events, inject


def test_the_script_goes_before_the_last_body_end_tag_or_at_the_end() -> None:
    page = b"<html><body><p>a</p></BODY></html>"
    served = inject(page)
    assert served.startswith(b"<html><body><p>a</p><script>") and served.endswith(b"</script>\n</BODY></html>")
    assert EVENTS_PATH.encode() in served
    assert inject(b"<p>fragment</p>").startswith(b"<p>fragment</p><script>")


def test_the_overlay_writes_messages_as_text_only() -> None:
    script = inject(b"").decode()
    assert "textContent" in script and "innerHTML" not in script


def test_a_subscriber_gets_the_current_problems_first_then_what_follows() -> None:
    events = Events()
    events.failed(["a.md:3: error: [Tags] <b>x</b> Fix: y"])
    stream = events.stream(keepalive=0.05)
    assert next(stream) == b"retry: 1000\n\n"
    first = next(stream).decode()
    assert first.startswith("event: problems\ndata: ")
    assert json.loads(first.split("data: ", 1)[1]) == ["a.md:3: error: [Tags] <b>x</b> Fix: y"]
    assert next(stream) == b": still here\n\n"  # nothing new within the keep-alive
    threading.Timer(0.01, events.built).start()
    assert next(stream) == b'event: reload\ndata: {"unchanged": []}\n\n'
    threading.Timer(0.01, events.built, args=(["/b/", "/a/index.html"],)).start()
    assert next(stream) == b'event: reload\ndata: {"unchanged": ["/a/index.html", "/b/"]}\n\n'
    events.close()
    assert list(stream) == []


def test_after_a_good_build_a_new_subscriber_gets_no_problems() -> None:
    events = Events()
    events.failed(["x"])
    events.built()
    stream = events.stream(keepalive=0.01)
    assert next(stream) == b"retry: 1000\n\n"
    assert next(stream) == b": still here\n\n"


def test_a_warning_is_said_once_and_an_error_every_time() -> None:
    said: list[str] = []
    once = Once(said.append)
    for _ in range(3):
        once("WARNING: Most read: no page views in x; listing the latest stories instead.")
        once("a.md:2: warning: [Summary] long. Fix: shorten it.")
        once("a.md:3: error: [Tag] unknown field 'Tag'. Fix: did you mean 'Tags'?")
    assert said.count("a.md:3: error: [Tag] unknown field 'Tag'. Fix: did you mean 'Tags'?") == 3
    assert len(said) == 5


def test_code_changes_need_a_fresh_process_and_content_changes_do_not(tmp_path: Path) -> None:
    theme, settings = tmp_path / "theme", tmp_path / "conf.py"
    code = [theme.resolve(), settings.resolve()]
    assert needs_fresh_process([str(theme / "templates" / "base.html")], code)
    assert needs_fresh_process([str(settings)], code)
    assert not needs_fresh_process([str(tmp_path / "content" / "a.md")], code)
    assert not needs_fresh_process([], code)


def test_the_page_gets_the_messages_without_the_progress_notes() -> None:
    lines = ["WARNING: Most read: none", "INFO: Copying x", "2 errors in 1 file:", "a.md:6: error: [Tag] x Fix: y",
             "", "Build failed; out was left as it was."]  # fmt: skip
    assert problems_of(lines) == ["2 errors in 1 file:", "a.md:6: error: [Tag] x Fix: y",
                                  "Build failed; out was left as it was."]  # fmt: skip
    assert problems_of(["INFO: x"]) == ["The build failed without a message; see the terminal."]


def test_a_page_is_served_at_its_file_and_its_folder() -> None:
    assert served_paths("2026/11/a-story/index.html") == ["/2026/11/a-story/index.html", "/2026/11/a-story/"]
    assert served_paths("index.html") == ["/index.html", "/"]
    assert served_paths("pages/about.html") == ["/pages/about.html"]
