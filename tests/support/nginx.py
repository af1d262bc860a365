"""Real nginx serving a built site with the shipped configuration (deploy/nginx/) on a free localhost port.

nginx runs as the current user, in the foreground, with its pid, temporary files and logs in a folder
the caller gives: nothing outside it is written. Used by the nginx delivery test and by ``make audit``.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from support.http import free_port

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI_MODULE = Path("/usr/share/nginx/modules/ngx_http_brotli_static_module.so")
MIME_TYPES = Path("/etc/nginx/mime.types")


def available() -> bool:
    return Path(NGINX).is_file() and MIME_TYPES.is_file()


def config(site: Path, run: Path, port: int) -> str:
    """A whole nginx configuration around the shipped one; nothing outside ``run`` is written."""
    brotli = BROTLI_MODULE.is_file()
    temp = "\n".join(
        f"    {kind}_temp_path {run / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""
{f"load_module {BROTLI_MODULE};" if brotli else ""}
daemon off;
master_process off;
pid {run / "nginx.pid"};
error_log {run / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log off;
{temp}
    server {{
        listen 127.0.0.1:{port};
        root {site};
        include {ROOT / "deploy/nginx/newsdesk.conf"};
        {f"include {ROOT / 'deploy/nginx/brotli.conf'};" if brotli else ""}
    }}
}}
"""


@contextmanager
def serving(site: Path, run: Path, port: int = 0) -> Iterator[tuple[str, int]]:
    """nginx serving ``site`` until the block ends; yields its (host, port): ``port``, or a free one. ``run``
    holds its files."""
    port = port or free_port()
    conf = run / "nginx.conf"
    conf.write_text(config(site, run, port), encoding="utf-8")
    check = subprocess.run([NGINX, "-t", "-p", str(run), "-e", str(run / "error.log"), "-c", str(conf)],
                           capture_output=True, text=True, check=False)  # fmt: skip
    if check.returncode:
        raise RuntimeError(f"nginx refused the configuration: {check.stderr}")
    server = subprocess.Popen([NGINX, "-p", str(run), "-e", str(run / "error.log"), "-c", str(conf)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError(server.stderr.read().decode() if server.stderr else "nginx stopped") from None
                if time.monotonic() > deadline:
                    raise RuntimeError("nginx did not listen within 10 s") from None
                time.sleep(0.05)
        yield "127.0.0.1", port
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
