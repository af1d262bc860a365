"""The devserver's fast path, as a journalist meets it: a save of an article's text shows on its page
before the site is built, the page shown is the one the build writes, and a save that cannot be shown
that way (a broken one) leaves the last good page served."""

from __future__ import annotations

import json
import shutil

from support.builds import ROOT, article_text, write_conf
from support.devserver import Listener, devserver
from support.http import fetch, free_port, wait_for

from newsdesk.devloop import Devserver
from newsdesk.livereload import inject

PAGE = "/2026/11/story-number-1/"
EVERY = '{"unchanged": []}'


def _story(title: str, body: str = "", **fields: str) -> str:
    return article_text(title, date="2026-11-11 09:30", **fields) + body


def test_a_saved_body_shows_before_the_site_is_built_and_is_the_page_the_build_writes(make_site, tmp_path) -> None:
    content, output, port = make_site(count=4), tmp_path / "out", free_port()
    log, page = tmp_path / "devserver.log", f"http://127.0.0.1:{port}{PAGE}"
    story = content / "articles" / "story-1.md"
    with devserver(content, output, port, log):
        wait_for(lambda: "Watching for changes" in log.read_text(), 180)
        listener = Listener(port)
        story.write_text(_story("Story number 1", "\nA sentence with fastpathword in it.\n"), encoding="utf-8")
        assert listener.next() == ("reload", EVERY)  # the fast path put the page live
        status, shown = fetch(page)
        assert status == 200 and "fastpathword" in shown
        assert listener.events.empty()  # the site is still being built

        event, data = listener.next()  # the build is done, and the page it wrote is the one shown
        assert event == "reload" and PAGE in json.loads(data)["unchanged"]
        on_disk = (output / PAGE.strip("/") / "index.html").read_bytes()
        assert fetch(page)[1].encode() == inject(on_disk) == shown.encode()

        story.write_text(_story("Story number 1", "\nStill fastpathword.\n", Tag="x"), encoding="utf-8")
        event, data = listener.next()  # a broken save: no fast page, the build's problems on the page
        assert event == "problems" and "[Tag]" in data
        assert "fastpathword in it" in fetch(page)[1]  # the last good page is still served
        listener.close()
    text = log.read_text()
    assert text.count("Showing 2026/11/story-number-1/index.html") == 1, text
    assert "Traceback" not in text


def test_when_the_build_after_a_fast_save_fails_the_page_goes_back_to_the_last_good_one(make_site, tmp_path) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    conf = write_conf(tmp_path, CACHE_PATH=str(tmp_path / "cache"), THEME=str(theme))
    content, output = make_site(count=3), tmp_path / "out"
    story, other = content / "articles" / "story-1.md", content / "articles" / "story-2.md"
    dev = Devserver(str(conf), str(content), str(output), theme=str(theme))
    try:
        assert dev.rebuild() == 0
        page = output / PAGE.strip("/") / "index.html"
        good = page.read_bytes()
        story.write_text(_story("Story number 1", "\nA sentence with fastpathword in it.\n"), encoding="utf-8")
        # another source broken in the same moment: the fast path reads only the saved one, the build all
        other.write_text(article_text("Story number 2", date="2026-11-12 09:30", Tag="x"), encoding="utf-8")
        assert dev.rebuild([str(story)]) == 1
        assert dev.last_fast is not None and b"fastpathword" in dev.last_fast.page
        assert page.read_bytes() == good

        other.write_text(article_text("Story number 2", date="2026-11-12 09:30"), encoding="utf-8")
        dev.last_fast = None
        assert dev.rebuild([str(story)]) == 0
        assert dev.last_fast is None  # after a failed build a save is built whole, then fast again
        assert b"fastpathword" in page.read_bytes()
    finally:
        dev.builder.close()
