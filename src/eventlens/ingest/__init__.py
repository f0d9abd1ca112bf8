"""Ingest: files, pages and JSON lines in, `Document`s out (or the reason they were refused)."""

from eventlens.ingest.language import detect_language
from eventlens.ingest.readers import (
    SUFFIXES, checked, document_from_html, read_file, read_json_documents, read_json_lines, read_paths,
)

__all__ = [
    "SUFFIXES", "checked", "detect_language", "document_from_html", "read_file", "read_json_documents",
    "read_json_lines", "read_paths",
]
