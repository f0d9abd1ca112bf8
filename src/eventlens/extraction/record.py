"""The whole record of one document: its events, places and times."""

from __future__ import annotations

from spacy.tokens import Doc

from eventlens.extraction.events import MIN_CONFIDENCE, extract_events
from eventlens.extraction.when import time_mentions
from eventlens.extraction.where import place_mentions
from eventlens.models import Document, DocumentRecord


def document_record(doc: Doc, document: Document, min_confidence: float = MIN_CONFIDENCE) -> DocumentRecord:
    return DocumentRecord(
        id=document.id, title=document.title, url=document.url, published=document.published,
        language=document.language, events=extract_events(doc, document, min_confidence),
        places=place_mentions(doc, document.text), times=time_mentions(doc, document.text),
    )
