"""Real parts for the web tests: a store ingested from the project's own articles, a
`eventlens serve` process on localhost, and Debian's headless Chromium driven by Playwright.

Also used by docs/screenshot.py, which takes the README's picture with the same tooling.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
# Debian's chromium package; Playwright's own browser download is not used.
CHROMIUM = os.environ.get("EVENTLENS_CHROMIUM", "/usr/bin/chromium")
# Headless, as root, on a machine with no network: no sandbox (root), no GPU, and none of
# Chromium's own background connections; every host name but localhost fails to resolve.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]

# A report whose text and title carry HTML and script: the page must show them as text.
HTML_LADEN = {
    "id": "wire/goma-patrol", "published": "2024-03-14", "url": "javascript:alert('url')",
    "title": "Patrol attacked near Goma <img src=x onerror=\"window.pwned = 'title'\">",
    "text": "Gunmen attacked an army patrol near Goma on Saturday, killing four soldiers, the army said. "
            "<script>window.pwned = 'script'</script> Witnesses said the attackers <b>fled</b> into the hills. "
            "<img src=x onerror=\"window.pwned = 'img'\"> The road to Sake was closed for the day.",
}


def build_store(path: Path) -> Path:
    """A store at PATH holding the test articles (two reports of one market attack, a bar
    grenade) and the HTML-laden report, extracted by the real pipeline."""
    from articles import ARTICLES

    from eventlens.models import Document
    from eventlens.store import EventStore, ingest

    with EventStore(path) as store:
        summary = ingest([Document(**article) for article in [*ARTICLES, HTML_LADEN]], store)
    assert summary.added == len(ARTICLES) + 1, summary
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_server(db: Path, *, timeout: float = 60) -> Iterator[str]:
    """`eventlens serve --db DB` in its own process on a free port; its base URL. The log
    goes to a file (a pipe nobody reads would fill and stall the server)."""
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="eventlens-serve-", suffix=".log", delete=False)
    command = [sys.executable, "-m", "eventlens", "serve", "--db", str(db), "--port", str(port)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process, Path(log.name), timeout)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        os.unlink(log.name)


def _wait_until_up(base: str, process: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"eventlens serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{base}/api/status", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"eventlens serve did not answer within {timeout} s:\n{log.read_text()}")


def chromium_or_skip() -> str:
    """The Chromium binary; where it is missing, a skip with the reason, except in CI
    (CI=true), where the browser test must run: `make test` installs it there."""
    if Path(CHROMIUM).is_file() or shutil.which(CHROMIUM):
        return CHROMIUM
    reason = (f"no Chromium at {CHROMIUM}: install Debian's package (apt-get install chromium, "
              "which `make test` does when run as root) or set EVENTLENS_CHROMIUM")
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def launch_chromium(playwright):
    """Headless Debian Chromium under Playwright."""
    return playwright.chromium.launch(executable_path=chromium_or_skip(), args=CHROMIUM_ARGS, headless=True)
