"""Documents from the web: pages and RSS/Atom feeds fetched over HTTP(S), with care.

Every fetch takes `http` and `https` URLs only; looks up the host and refuses private,
loopback, link-local and reserved addresses unless `allow_private`; connects to the address it
checked (so a second DNS answer cannot swap in another); has timeouts; reads at most
`max_bytes`; and follows at most `MAX_REDIRECTS` redirects, each checked the same way.

A feed's entries are fetched one by one: each page is a document (its id the normalised URL),
and an entry that fails is rejected with its reason while the others go on. `read_sources`
takes what a user names on the command line — files, folders, JSON lines, feed files, URLs —
and yields a `Document` or a `DocumentError` for each document it finds.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import socket
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from eventlens.errors import DocumentError, FetchError, MalformedDocument, MalformedFeed, RefusedURL
from eventlens.ingest.readers import Item, checked, document_from_html, read_json_lines, read_paths
from eventlens.models import Document

__all__ = ["Fetcher", "Page", "normalise_url", "read_sources"]

MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT_SECONDS = 15.0
CONNECT_TIMEOUT_SECONDS = 5.0
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
USER_AGENT = "eventlens (+https://pypi.org/project/eventlens/)"
# Query parameters that say where a reader came from, not which page it is.
TRACKING_PARAMETER = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|cmpid|ocid)$", re.IGNORECASE)
DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Page:
    """What a URL answered, after redirects."""

    url: str
    content_type: str
    body: bytes
    encoding: str = "utf-8"

    @property
    def text(self) -> str:
        return self.body.decode(self.encoding or "utf-8", errors="replace")

    @property
    def kind(self) -> str:
        """"feed", "html", "text" or "other", by the content type, or by the first bytes."""
        media = self.content_type.split(";")[0].strip().lower()
        if "rss" in media or "atom" in media or media in ("application/xml", "text/xml"):
            return "feed"
        if "html" in media:
            return "html"
        if media == "text/plain":
            return "text"
        start = self.body[:512].lstrip().lower()
        if start.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
            return "feed"
        if start.startswith((b"<!doctype html", b"<html")):
            return "html"
        return "other"


def normalise_url(url: str) -> str:
    """URL in one spelling per page: lower-case scheme and host, no default port, no fragment,
    no tracking parameters, sorted query, no trailing slash."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMETER.match(k))
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


class Fetcher:
    """Fetches pages and feeds by the rules at the top of this module; one HTTP client, reused."""

    def __init__(self, *, allow_private: bool = False, max_bytes: int = MAX_BYTES,
                 timeout: float = TIMEOUT_SECONDS):
        import httpx  # imported here: reading files never needs it

        self.allow_private = allow_private
        self.max_bytes = max_bytes
        self._httpx = httpx
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, CONNECT_TIMEOUT_SECONDS)),
            follow_redirects=False, headers={"User-Agent": USER_AGENT}, trust_env=False,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def fetch(self, url: str) -> Page:
        """The page at URL; a `FetchError` (or `RefusedURL`) says why there is none."""
        for _ in range(MAX_REDIRECTS + 1):
            response = self._get(url)
            try:
                if response.is_redirect:
                    url = urljoin(url, response.headers.get("location", ""))
                    continue
                if response.status_code >= 400:
                    raise FetchError(url, f"HTTP {response.status_code}")
                body = self._body(url, response)
                return Page(url=url, content_type=response.headers.get("content-type", ""), body=body,
                            encoding=response.charset_encoding or "utf-8")
            finally:
                response.close()
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    def read(self, url: str, *, published: dt.date | None = None) -> Iterator[Item]:
        """The documents at URL: one page, or a feed's entries."""
        try:
            page = self.fetch(url)
            if page.kind == "feed":
                yield from self.read_feed(page.body, source=url)
            else:
                yield self._document(page, normalise_url(url), published=published)
        except DocumentError as error:
            yield error

    def read_feed(self, content: bytes, *, source: str) -> Iterator[Item]:
        """The documents of a feed's entries, each page fetched."""
        entries = parse_feed(content, source)
        for number, entry in enumerate(entries, 1):
            link = entry.get("link")
            if not link:
                yield MalformedDocument(f"{source}#{number}", "feed entry has no link")
                continue
            try:
                page = self.fetch(link)
                yield self._document(page, normalise_url(link), published=_entry_date(entry),
                                     title=entry.get("title"))
            except DocumentError as error:
                yield error

    def _get(self, url: str):
        """The response to GET URL, sent to the checked address of its host (not yet read)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise RefusedURL(url, f"only http and https URLs are fetched, not {parts.scheme or 'a bare path'}")
        if not parts.hostname:
            raise RefusedURL(url, "URL has no host")
        address = self._checked_address(url, parts.hostname, parts.port or DEFAULT_PORTS[parts.scheme])
        target = self._httpx.URL(url).copy_with(host=address)
        request = self._client.build_request(
            "GET", target, headers={"Host": parts.netloc.rsplit("@", 1)[-1]},
            extensions={"sni_hostname": parts.hostname} if parts.scheme == "https" else {},
        )
        try:
            return self._client.send(request, stream=True)
        except self._httpx.TimeoutException as error:
            raise FetchError(url, "timed out") from error
        except self._httpx.HTTPError as error:
            raise FetchError(url, f"{type(error).__name__}: {error}") from error

    def _checked_address(self, url: str, host: str, port: int) -> str:
        """An address of HOST that may be fetched; every address of it is checked."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise FetchError(url, f"host not found: {host}") from error
        addresses = [info[4][0] for info in infos]
        if not self.allow_private:
            for address in addresses:
                if not is_public_address(address):
                    raise RefusedURL(url, f"{host} is a private or local address ({address}); "
                                          "use --allow-private to fetch it")
        return addresses[0]

    def _body(self, url: str, response) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(url, f"larger than {self.max_bytes} bytes")
        chunks, size = [], 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(url, f"larger than {self.max_bytes} bytes")
                chunks.append(chunk)
        except self._httpx.HTTPError as error:
            raise FetchError(url, f"{type(error).__name__}: {error}") from error
        return b"".join(chunks)

    @staticmethod
    def _document(page: Page, doc_id: str, *, published: dt.date | None = None,
                  title: str | None = None) -> Document:
        if page.kind == "html":
            document = document_from_html(page.text, doc_id=doc_id, published=published, url=page.url)
            if document.title is None and title:
                document = document.model_copy(update={"title": title})
            return checked(document.model_copy(update={"url": page.url}))
        if page.kind == "text":
            return checked(Document(id=doc_id, text=page.text, title=title, url=page.url, published=published))
        raise FetchError(doc_id, f"not a page or a feed (content type {page.content_type or 'unknown'})")


def parse_feed(content: bytes, source: str) -> list:
    """The entries of an RSS or Atom feed; `MalformedFeed` when there are none to read."""
    import feedparser

    parsed = feedparser.parse(content)
    if not parsed.entries:
        problem = getattr(parsed, "bozo_exception", None)
        reason = f"not a readable feed ({problem})" if parsed.bozo and problem else "feed has no entries"
        raise MalformedFeed(source, reason)
    return parsed.entries


def is_public_address(address: str) -> bool:
    """Whether ADDRESS is on the public internet (not private, loopback, link-local, reserved)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def read_sources(sources: Iterable[str], *, allow_private: bool = False, published: dt.date | None = None,
                 title: str | None = None) -> Iterator[Item]:
    """The documents of each source, in order: a URL (page or feed), a feed file (its entries
    fetched), a file or folder (read_paths), or "-" for JSON lines on stdin."""
    fetcher = None
    try:
        for source in sources:
            if source == "-":
                yield from read_json_lines(sys.stdin, source="stdin")
            elif re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", source):
                fetcher = fetcher or Fetcher(allow_private=allow_private)
                yield from fetcher.read(source, published=published)
            elif Path(source).suffix.lower() in FEED_SUFFIXES and Path(source).is_file():
                fetcher = fetcher or Fetcher(allow_private=allow_private)
                yield from _read_feed_file(fetcher, Path(source))
            else:
                yield from read_paths([source], published=published, title=title)
    finally:
        if fetcher is not None:
            fetcher.close()


def _read_feed_file(fetcher: Fetcher, path: Path) -> Iterator[Item]:
    try:
        content = path.read_bytes()
        yield from fetcher.read_feed(content, source=str(path))
    except OSError as error:
        yield MalformedFeed(str(path), error.strerror or str(error))
    except DocumentError as error:
        yield error


def _entry_date(entry) -> dt.date | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
