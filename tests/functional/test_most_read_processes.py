"""`make most-read` on every core and with `--processes 1`: the same summary and the same list, from a
gzip'd log of several blocks with bots, errors, reloads and a line dated after now."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from support.builds import write_conf
from support.most_read import DAY, GOOGLEBOT, SAFARI, built_site, line, published, run


def day_log(path: Path) -> Path:
    lines = []
    for i in range(9000):  # about 2 MB: two blocks at least, so that the workers start
        ip, agent = f"192.0.2.{i % 200}", SAFARI if i % 3 else GOOGLEBOT
        lines.append(line(("/2026/11/x/", "/2026/11/y/?utm_source=rss", "/", "/2026/11/z/")[i % 4],
                          seconds=i * 7, ip=ip, agent=agent, status=(200, 304, 404)[i % 7 % 3]))  # fmt: skip
    lines.insert(4500, line(seconds=30 * DAY))  # dated after now: set aside, named by its line
    lines.insert(100, "not a log line")
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    return path


def test_every_core_and_one_process_say_and_publish_the_same(tmp_path: Path) -> None:
    log = day_log(tmp_path / "access.log.gz")
    said, lists = [], []
    for processes in ("1", "2"):
        output = tmp_path / f"output{processes}"
        built_site(output)
        (tmp_path / processes).mkdir()
        conf = write_conf(tmp_path / processes, MOST_READ_DB=str(tmp_path / f"pv{processes}.sqlite3"))
        result = run(conf, output, "--logs", str(log), "--processes", processes)
        assert result.returncode == 0, result.stderr
        summary = re.sub(r"[\d.]+ s\b|\S+\.sqlite3|parse rate: .*|output\d", "", result.stderr)
        said.append(summary)
        lists.append(published(output))
    assert said[0] == said[1] and lists[0] == lists[1]
    assert "first rejected: " in said[0] and ":101 (malformed)" in said[0] and ":4502" in said[0]
    assert "views counted:            +0" not in said[0]
