"""`make screenshots`: renew the README's screenshots from the current build.

Starts the portal with production-like settings on a throwaway SQLite database with the
content loaded, takes full-page screenshots in Debian's headless Chromium (Playwright, no
browser download) at phone and desktop width, writes them to docs/screenshots/ and stops
the server. The README links these files.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from scripts.chromium import CHROMIUM, CHROMIUM_ARGS

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"
# (file name, path, width): the start page on a desktop and a phone, German and Arabic (right
# to left), the Phase 2 timeline and a Handlungsfeld on a phone, a measure of the catalogue and
# the Arabic list of measures.
SHOTS = [
    ("start-de-desktop", "/de/", 1280),
    ("start-de-phone", "/de/", 375),
    ("start-ar-phone", "/ar/", 375),
    ("phase-2-de-phone", "/de/phase-2/", 375),
    ("handlungsfeld-ar-desktop", "/ar/handlungsfelder/bildung/", 1280),
    (
        "measure-de-desktop",
        "/de/umsetzung/massnahmen/a-teams-im-auftrag-gegen-diskriminierung/",
        1280,
    ),
    ("measures-ar-phone", "/ar/umsetzung/massnahmen/", 375),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own loopback server
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"no answer from {url}")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wsh-shots-") as tmp:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env.update(
            DJANGO_LOCAL="1",
            DJANGO_SQLITE_PATH=f"{tmp}/db.sqlite3",
            DJANGO_PAGE_CACHE_STAMP=f"{tmp}/stamp",
        )
        manage = [sys.executable, "manage.py"]
        for command in (["migrate", "--noinput", "-v0"], ["load_strategy"]):
            subprocess.run([*manage, *command], cwd=REPO, env=env, check=True)  # noqa: S603
        port = free_port()
        server = subprocess.Popen(  # noqa: S603 - our own manage.py
            [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=REPO,
            env=env,
        )
        try:
            wait_for(f"http://127.0.0.1:{port}/de/", server)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for name, path, width in SHOTS:
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    page.goto(f"http://127.0.0.1:{port}{path}", wait_until="load")
                    page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
                    page.close()
                    print(OUT / f"{name}.png")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
