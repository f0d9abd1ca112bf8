"""Feeds and pages served by a real HTTP server on localhost, fetched by the real client."""

import http.server
import json
import subprocess
import sys
import threading
from html import escape
from pathlib import Path

import pytest
from articles import BAR_GRENADE, MARKET_1

from eventlens.errors import FetchError, MalformedFeed, RefusedURL
from eventlens.ingest.web import Fetcher, normalise_url, read_sources
from eventlens.models import Document

ROOT = Path(__file__).resolve().parent.parent


def page(article):
    return (f"<html><head><title>{escape(article['title'])}</title>"
            f"<meta property='article:published_time' content='{article['published']}'></head>"
            f"<body><nav>Home | World | Sport</nav><article><h1>{escape(article['title'])}</h1>"
            f"<p>{escape(article['text'])}</p></article><footer>Contact us</footer></body></html>")


def feed(base):
    items = "".join(f"<item><title>{title}</title><link>{base}{path}</link>"
                    f"<pubDate>Tue, 12 Mar 2024 08:00:00 GMT</pubDate></item>"
                    for title, path in [("Market attack", "/page/market"), ("Bar grenade", "/page/bar"),
                                        ("Gone", "/missing")])
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>{items}</channel></rss>"


class Handler(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):
        Handler.requests.append(self.path)
        base = f"http://{self.headers['Host']}"
        routes = {
            "/feed.rss": ("application/rss+xml", feed(base)),
            "/bad.rss": ("application/rss+xml", "<<< this is no feed &&&"),
            "/page/market": ("text/html; charset=utf-8", page(MARKET_1)),
            "/page/bar": ("text/html; charset=utf-8", page(BAR_GRENADE)),
            "/big": ("text/html", "<html><body>" + "x" * 20_000 + "</body></html>"),
        }
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/page/market")
            self.end_headers()
        elif self.path in routes:
            kind, body = routes[self.path]
            data = body.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        else:
            self.send_error(404)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_ingest_a_feed_fetches_each_entry(server, tmp_path):
    db = tmp_path / "web.db"
    command = [sys.executable, "-m", "eventlens", "ingest", f"{server}/feed.rss", "--db", str(db), "--allow-private"]
    first = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert first.returncode == 1, first.stderr  # the third entry's page is gone
    assert "2 added, 0 updated, 0 unchanged, 1 rejected" in first.stdout
    assert "missing: HTTP 404" in first.stderr and "Traceback" not in first.stderr
    again = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert "0 added, 0 updated, 2 unchanged, 1 rejected" in again.stdout
    export = subprocess.run([sys.executable, "-m", "eventlens", "export", "--db", str(db), "--format", "jsonl"],
                            capture_output=True, text=True, cwd=ROOT)
    documents = {d for line in export.stdout.splitlines() for d in json.loads(line)["documents"]}
    assert documents == {f"{server}/page/market", f"{server}/page/bar"}


def test_a_page_by_url_follows_a_redirect(server):
    with Fetcher(allow_private=True) as fetcher:
        (document,) = fetcher.read(f"{server}/moved")
    assert isinstance(document, Document)
    assert document.url == f"{server}/page/market" and "Wamba" in document.text and "Contact us" not in document.text


def test_loopback_and_private_addresses_are_refused(server):
    before = len(Handler.requests)
    with Fetcher() as fetcher:
        for url in (f"{server}/page/market", "http://localhost:9/", "http://10.20.30.40/", "http://192.168.1.1/",
                    "http://[::1]:9/", "http://169.254.169.254/latest/meta-data/"):
            with pytest.raises(RefusedURL, match="private or local"):
                fetcher.fetch(url)
        for url in ("file:///etc/passwd", "ftp://example.com/feed.rss", "gopher://example.com/"):
            with pytest.raises(RefusedURL, match="only http and https"):
                fetcher.fetch(url)
    assert len(Handler.requests) == before  # refused before connecting


def test_malformed_feeds_are_rejected(server, tmp_path):
    with Fetcher(allow_private=True) as fetcher:
        (error,) = fetcher.read(f"{server}/bad.rss")
    assert isinstance(error, MalformedFeed)
    broken = tmp_path / "broken.rss"
    broken.write_text("<rss><channel><title>no items", encoding="utf-8")
    (error,) = read_sources([str(broken)])
    assert isinstance(error, MalformedFeed) and "broken.rss" in error.document_id


def test_redirects_and_size_are_bounded(server):
    with Fetcher(allow_private=True, max_bytes=10_000) as fetcher:
        with pytest.raises(FetchError, match="redirects"):
            fetcher.fetch(f"{server}/loop")
        with pytest.raises(FetchError, match="larger than 10000 bytes"):
            fetcher.fetch(f"{server}/big")


def test_urls_are_normalised():
    assert normalise_url("HTTPS://Example.COM:443/a/b/?utm_source=x&b=2&a=1#top") == "https://example.com/a/b?a=1&b=2"
    assert normalise_url("http://example.com") == "http://example.com/"
