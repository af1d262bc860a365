"""`make devserver` as a journalist uses it: the open page hears of each rebuild, a broken save's
messages reach the page (and go when it is fixed), and a busy port is one line, not a traceback."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.browser import chrome, require_browser
from support.builds import ROOT, article_text
from support.devserver import EVENTS, Listener, devserver
from support.http import fetch, free_port, wait_for

EVERY = '{"unchanged": []}'  # a reload that leaves no open page alone


def test_the_open_page_reloads_after_a_save_and_shows_a_broken_save(make_site, tmp_path: Path) -> None:
    content, output, port = make_site(), tmp_path / "out", free_port()
    base, log = f"http://127.0.0.1:{port}", tmp_path / "devserver.log"
    page = f"{base}/2026/11/story-number-1/"
    story = content / "articles" / "story-1.md"
    with devserver(content, output, port, log):
        wait_for(lambda: "Watching for changes" in log.read_text(), 180)
        status, html = fetch(page)
        assert status == 200 and EVENTS in html  # the reload script, added as the page is served…
        assert EVENTS not in (output / "2026" / "11" / "story-number-1" / "index.html").read_text()  # …not on disk
        listener = Listener(port)

        story.write_text(article_text("Story number 1, edited", date="2026-11-11 09:30", slug="story-number-1"))
        assert listener.next() == ("reload", EVERY)  # the fast path showed the edited page: every page reloads
        assert "Story number 1, edited" in fetch(page)[1]
        event, data = listener.next()  # the site built: every page but the one already showing it reloads
        assert event == "reload" and "/2026/11/story-number-1/" in json.loads(data)["unchanged"]

        story.write_text(article_text("Story <b>one</b>", date="2026-11-11 09:30", slug="story-number-1", Tag="x"))
        event, data = listener.next()
        assert event == "problems"
        problems = json.loads(data)
        said = "\n".join(problems)
        assert "story-1.md:" in said and "[Tag]" in said and "did you mean 'Tags'" in said
        assert not any(line.startswith(("INFO:", "WARNING:")) for line in problems)
        assert "Story number 1, edited" in fetch(page)[1]  # the last good site is still served

        late = Listener(port)  # a page opened while the build is broken gets the problems at once
        assert late.next(30) == ("problems", data)

        story.write_text(article_text("Story number 1, fixed", date="2026-11-11 09:30", slug="story-number-1"))
        assert listener.next() == ("reload", EVERY)  # after a failed build, a save is built whole: reloading
        assert late.next() == ("reload", EVERY)  # clears the overlay
        assert "Story number 1, fixed" in fetch(page)[1]
        fresh = Listener(port)
        time.sleep(1)
        assert fresh.events.empty()  # nothing to show any more
        for each in (listener, late, fresh):
            each.close()
    text = log.read_text()
    assert "Traceback" not in text
    # a warning every build gives is said once per devserver run, not once per save
    assert text.count("Most read: no page views") == 1, text


def test_a_busy_port_is_one_line_naming_it_and_how_to_choose_another(make_site, tmp_path: Path) -> None:
    content = make_site()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "newsdesk", "devserver", "--input", str(content), "--output",
             str(tmp_path / "out"), "--port", str(port)],
            cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"port {port}" in lines[0] and f"make devserver PORT={port + 1}" in lines[0]
    assert not (tmp_path / "out").exists()  # nothing was built for a server that could not start


def test_before_the_first_good_build_any_address_shows_the_problems(make_site, tmp_path: Path) -> None:
    broken = article_text("Broken from the start", date="2026-11-12 09:30", Tag="x")
    content, output, port = make_site({"articles/story-1.md": broken}), tmp_path / "out", free_port()
    log = tmp_path / "devserver.log"
    with devserver(content, output, port, log):
        wait_for(lambda: "Watching for changes" in log.read_text(), 180)
        status, html = fetch(f"http://127.0.0.1:{port}/")
        assert status == 404 and EVENTS in html  # nothing built yet: a plain page that listens
        listener = Listener(port)
        event, data = listener.next(30)
        assert event == "problems" and "did you mean 'Tags'" in data
        listener.close()


@pytest.mark.browser
def test_in_a_browser_the_page_reloads_and_shows_problems_as_text(make_site, tmp_path: Path) -> None:
    require_browser()
    content, output, port = make_site(), tmp_path / "out", free_port()
    log, page = tmp_path / "devserver.log", f"http://127.0.0.1:{port}/2026/11/story-number-1/"
    story = content / "articles" / "story-1.md"
    browser = chrome(tmp_path / "chromium-profile")
    headline = "return document.querySelector('h1') ? document.querySelector('h1').textContent : ''"
    overlay = "var b = document.getElementById('newsdesk-problems'); return b ? b.textContent : null"
    try:
        with devserver(content, output, port, log):
            wait_for(lambda: "Watching for changes" in log.read_text(), 180)
            browser.get(page)
            browser.execute_script("window.notReloaded = true")
            story.write_text(article_text("Saved and shown", date="2026-11-11 09:30", slug="story-number-1"))
            wait_for(lambda: "Saved and shown" in browser.execute_script(headline))
            assert browser.execute_script("return window.notReloaded === undefined")

            hostile = "<img src=x onerror=document.title='run'>Cloud"
            story.write_text(article_text("Saved and shown", date="2026-11-11 09:30", slug="story-number-1",
                                          Category=hostile))  # fmt: skip
            wait_for(lambda: browser.execute_script(overlay) is not None)
            shown = browser.execute_script(overlay)
            assert "story-1.md" in shown and "[Category]" in shown and hostile in shown  # the text, as text
            assert browser.execute_script("return document.querySelectorAll('#newsdesk-problems img').length") == 0
            assert browser.title != "run"

            story.write_text(article_text("Fixed and shown", date="2026-11-11 09:30", slug="story-number-1"))
            wait_for(lambda: "Fixed and shown" in browser.execute_script(headline))
            assert browser.execute_script(overlay) is None
    finally:
        browser.quit()
