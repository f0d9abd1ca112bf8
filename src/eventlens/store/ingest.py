"""Ingest: documents in, records stored, each document in its own transaction.

A document stored already (same content) is counted unchanged before it reaches the pipeline,
so a second run over the same sources costs reading them, not extracting them again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from eventlens.api import extract_pairs
from eventlens.errors import DocumentError, FetchError, MalformedFeed
from eventlens.extraction import MIN_CONFIDENCE
from eventlens.models import Document, Rejection
from eventlens.store.database import EventStore

# Called once per document with its id, what became of it (added, updated, unchanged,
# rejected) and, for a rejection, the reason.
Progress = Callable[[str, str, str | None], None]


@dataclass
class IngestSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def __str__(self) -> str:
        return (f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.rejected} rejected")


def ingest(items: Iterable[Document | DocumentError], store: EventStore, *, origin: str | None = None,
           min_confidence: float = MIN_CONFIDENCE, progress: Progress | None = None) -> IngestSummary:
    """Extract and store ITEMS (as the readers yield them); what became of them."""
    summary = IngestSummary()

    def report(doc_id: str, outcome: str, reason: str | None = None) -> None:
        summary.count(outcome)
        if progress is not None:
            progress(doc_id, outcome, reason)

    def new_items():
        for item in items:
            if isinstance(item, Document) and store.is_stored(item):
                report(item.id, "unchanged")
            else:
                yield item

    for item, result in extract_pairs(new_items(), min_confidence=min_confidence):
        if isinstance(result, Rejection):
            store.reject(result.id, result.reason, stage=_stage(item), origin=origin)
            report(result.id, "rejected", result.reason)
        else:
            report(result.id, store.save(result, item, origin=origin))
    return summary


def _stage(item: Document | DocumentError) -> str:
    if isinstance(item, (FetchError, MalformedFeed)):
        return "fetch"
    return "read" if isinstance(item, DocumentError) else "extract"
