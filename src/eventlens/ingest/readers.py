"""Readers that turn files and JSON lines into `Document`s.

Every reader yields, for each document it finds, either a `Document` or the `DocumentError`
that explains why it could not be read: the caller decides what to do with the failure, and
the rest of the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import ValidationError

from eventlens.errors import DocumentError, EmptyDocument, MalformedDocument, NotEnglish, UnreadableDocument
from eventlens.ingest.language import detect_language
from eventlens.models import Document

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
INPUT_FIELDS = ("id", "title", "published", "url", "text")
# A page whose main text is shorter than this holds a menu or a caption, not an article.
MIN_PAGE_TEXT = 20
# Files this large are not news articles; refusing them keeps memory bounded.
MAX_FILE_BYTES = 50 * 1024 * 1024

Item = Document | DocumentError


def read_paths(paths: Iterable[str | Path], *, published: dt.date | None = None,
               title: str | None = None) -> Iterator[Item]:
    """Documents from files and folders (recursively, by suffix), in the order given."""
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES):
                yield from read_file(child, published=published, title=title)
        else:
            yield from read_file(path, published=published, title=title)


def read_file(path: Path, *, published: dt.date | None = None, title: str | None = None) -> Iterator[Item]:
    """The documents of one file; its suffix says how to read it (plain text otherwise)."""
    name = str(path)
    try:
        data = _read_bytes(path)
        suffix = path.suffix.lower()
        if suffix in JSON_SUFFIXES:
            yield from read_json_documents(_decode(name, data), source=name)
        elif suffix in HTML_SUFFIXES:
            yield checked(document_from_html(_decode(name, data), doc_id=path.stem, published=published))
        else:
            text = _decode(name, data)
            yield checked(_document(name, {"id": path.stem, "text": text, "title": title, "published": published}))
    except DocumentError as error:
        yield error


def read_json_documents(content: str, *, source: str = "stdin") -> Iterator[Item]:
    """Documents from JSON lines, a JSON array or a single JSON object."""
    stripped = content.lstrip()
    if stripped.startswith("[") or (stripped.startswith("{") and _is_single_object(stripped)):
        try:
            parsed = json.loads(stripped)
        except json.JSONDecodeError as error:
            yield MalformedDocument(source, f"not valid JSON ({error.msg} at line {error.lineno})")
            return
        for number, value in enumerate(parsed if isinstance(parsed, list) else [parsed], 1):
            yield _checked_json(value, f"{source}[{number}]")
        return
    yield from read_json_lines(content.splitlines(), source=source)


def read_json_lines(lines: Iterable[str], *, source: str = "stdin") -> Iterator[Item]:
    """Documents from JSON lines; a broken line is an error for that line only."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            yield MalformedDocument(where, f"line is not valid JSON ({error.msg})")
            continue
        yield _checked_json(value, where)


def document_from_html(html: str, *, doc_id: str, published: dt.date | None = None,
                       url: str | None = None) -> Document:
    """Main text, title and date of a web page, with boilerplate removed."""
    import trafilatura  # imported here: loading it costs time that plain text never needs

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        extracted = trafilatura.bare_extraction(html, with_metadata=True, url=url)
    except Exception as error:  # trafilatura raises many kinds on broken markup
        raise UnreadableDocument(doc_id, f"HTML could not be parsed ({type(error).__name__})") from error
    if extracted is None or len((extracted.text or "").strip()) < MIN_PAGE_TEXT:
        raise EmptyDocument(doc_id, "no article text found in the HTML")
    page_date = _page_date(extracted.date)
    fields = {"id": doc_id, "text": extracted.text, "title": extracted.title, "url": url or extracted.url,
              "published": published or page_date}
    return _document(doc_id, fields)


def checked(document: Document) -> Document:
    """The document, if its text is something the pipeline can read; else a DocumentError."""
    if not document.text.strip():
        raise EmptyDocument(document.id, "text is empty")
    language, why = detect_language(document.text)
    if language != "en":
        raise NotEnglish(document.id, why or "text is not in English")
    return document


def _checked_json(value: object, where: str) -> Item:
    if not isinstance(value, dict):
        return MalformedDocument(where, "expected a JSON object with a 'text' field")
    doc_id = str(value.get("id") or where)
    if not isinstance(value.get("text"), str):
        return MalformedDocument(doc_id, "no 'text' string in the JSON object")
    try:
        return checked(_document(doc_id, {k: value.get(k) for k in INPUT_FIELDS} | {"id": doc_id}))
    except DocumentError as error:
        return error


def _document(doc_id: str, fields: dict) -> Document:
    try:
        return Document(**fields)
    except ValidationError as error:
        problem = error.errors()[0]
        field = ".".join(str(p) for p in problem["loc"])
        raise MalformedDocument(doc_id, f"field '{field}': {problem['msg']}") from error


def _read_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UnreadableDocument(str(path), f"file is larger than {MAX_FILE_BYTES // 2**20} MB")
        return path.read_bytes()
    except OSError as error:
        raise UnreadableDocument(str(path), error.strerror or str(error)) from error


def _decode(name: str, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise UnreadableDocument(name, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableDocument(name, f"not UTF-8 text (bad byte at offset {error.start})") from error


def _is_single_object(text: str) -> bool:
    """Whether TEXT is one JSON object rather than JSON lines (one object per line)."""
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


def _page_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
