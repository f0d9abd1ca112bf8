"""eventlens: conflict and political news in, a sourced, geocoded event dataset out.

    >>> import eventlens
    >>> record = eventlens.extract("Gunmen killed two soldiers near Kidal on Tuesday, the army said.",
    ...                            published="2024-03-14")
    >>> record.events[0].event_type
    'ASSAULT'
"""

from importlib.metadata import PackageNotFoundError, version

from eventlens.api import extract, extract_many
from eventlens.errors import DocumentError, EventlensError
from eventlens.models import Document, DocumentRecord, Event, Rejection

try:
    __version__ = version("eventlens")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"

__all__ = [
    "Document", "DocumentError", "DocumentRecord", "Event", "EventlensError", "Rejection",
    "__version__", "extract", "extract_many",
]
