"""The exceptions eventlens raises.

    EventlensError              anything eventlens refuses or cannot do
    ├── DocumentError           one document is unusable; the batch goes on without it
    │   ├── UnreadableDocument  missing, binary or undecodable file, broken HTML
    │   ├── MalformedDocument   a JSON line that does not parse or lacks its text
    │   ├── EmptyDocument       no text left after extraction
    │   ├── NotEnglish          the text is in another language
    │   ├── FetchError          a URL could not be fetched (network, HTTP status, size, type)
    │   │   └── RefusedURL      a scheme other than http(s), or a private address, refused
    │   └── MalformedFeed       a feed that does not parse, or has no entries
    ├── ModelError              the spaCy pipeline cannot be loaded
    ├── GazetteerError          the place index cannot be built or read
    ├── StoreError              the event store cannot be opened, read or written
    └── ExportError             an export cannot be written (a bad filter, pyarrow missing)

A `DocumentError` carries the document's id (or file name) so a rejection can name it.
"""

from __future__ import annotations

__all__ = [
    "EventlensError", "DocumentError", "UnreadableDocument", "MalformedDocument",
    "EmptyDocument", "NotEnglish", "FetchError", "RefusedURL", "MalformedFeed", "ModelError",
    "GazetteerError", "StoreError", "ExportError",
]


class EventlensError(Exception):
    """Base class of every error eventlens raises on purpose."""


class DocumentError(EventlensError):
    def __init__(self, document_id: str, reason: str):
        super().__init__(f"{document_id}: {reason}")
        self.document_id = document_id
        self.reason = reason


class UnreadableDocument(DocumentError):
    pass


class MalformedDocument(DocumentError):
    pass


class EmptyDocument(DocumentError):
    pass


class NotEnglish(DocumentError):
    pass


class FetchError(DocumentError):
    pass


class RefusedURL(FetchError):
    pass


class MalformedFeed(DocumentError):
    pass


class ModelError(EventlensError):
    pass


class GazetteerError(EventlensError):
    pass


class StoreError(EventlensError):
    pass


class ExportError(EventlensError):
    pass
