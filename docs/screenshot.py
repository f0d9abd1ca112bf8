"""Take the README's picture of the page: the demo database (samples/ ingested), served by
`eventlens serve`, in headless Chromium through the browser tests' own tooling (tests/live.py),
with one event open and its evidence highlighted.

    python docs/screenshot.py [--db eventlens.db] [--event sample-kidal#e1] [-o docs/screenshot.png]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from live import launch_chromium, running_server  # noqa: E402


def demo_store(folder: Path) -> Path:
    """The demo database, as `make demo` builds it: samples/ ingested."""
    db = folder / "demo.db"
    subprocess.run([sys.executable, "-m", "eventlens", "ingest", "samples/", "--db", str(db), "--no-progress"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return db


def screenshot(db: Path, event_id: str, output: Path) -> None:
    from playwright.sync_api import sync_playwright

    with running_server(db) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 860}, device_scale_factor=1)
        page.goto(f"{base}/#event={quote(event_id, safe='')}")
        page.wait_for_selector("body[data-ready]")
        page.wait_for_selector("article.document mark.hl-evidence")
        page.wait_for_timeout(1000)  # the map's zoom animation
        # The event view scrolls on its own: bring the highlighted article into sight.
        page.evaluate("document.getElementById('event').scrollTop = "
                      "document.querySelector('#event h3:last-of-type').offsetTop - 8")
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(output))
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="store to show (default: samples/ ingested into a fresh file)")
    parser.add_argument("--event", default="sample-kidal#e1", help="the event to open")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "screenshot.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        screenshot(args.db or demo_store(Path(folder)), args.event, args.output)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
