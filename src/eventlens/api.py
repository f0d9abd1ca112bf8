"""The library's entry points: one document, or a stream of them with the model loaded once."""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections import deque
from collections.abc import Iterable, Iterator

from eventlens.errors import DocumentError
from eventlens.extraction import MIN_CONFIDENCE, document_record
from eventlens.ingest import checked
from eventlens.models import Document, DocumentRecord, Rejection
from eventlens.nlp import load_pipeline, make_doc

log = logging.getLogger(__name__)
# Documents analysed together: spaCy is faster on batches, and order is kept within one.
BATCH_SIZE = 32


def extract(text: str, *, published: dt.date | str | None = None, title: str | None = None,
            url: str | None = None, id: str = "doc") -> DocumentRecord:
    """The events, places and times of one article.

    Raises a `DocumentError` subclass when the text cannot be processed (empty, not English).
    """
    document = checked(Document(id=id, text=text, title=title, url=url, published=published))
    result = next(extract_many([document]))
    if isinstance(result, Rejection):
        raise DocumentError(result.id, result.reason)
    return result


def extract_many(items: Iterable[Document | DocumentError], *, min_confidence: float = MIN_CONFIDENCE,
                 batch_size: int = BATCH_SIZE) -> Iterator[DocumentRecord | Rejection]:
    """One result per item, in order: a record, or the rejection of a document that failed.

    ITEMS may mix documents with the errors of documents that could not be read, as the
    ingest readers yield them; an error passes through as its rejection.
    """
    nlp = load_pipeline()
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, batch_size)):
        documents = [item for item in batch if isinstance(item, Document)]
        docs = iter(_analyse(nlp, documents))
        for item in batch:
            if isinstance(item, DocumentError):
                yield Rejection(id=item.document_id, reason=item.reason)
                continue
            doc = next(docs)
            yield doc if isinstance(doc, Rejection) else _record(doc, item, min_confidence)


def extract_pairs(items: Iterable[Document | DocumentError], **options
                  ) -> Iterator[tuple[Document | DocumentError, DocumentRecord | Rejection]]:
    """As `extract_many` (same OPTIONS), each result with the item it came from: the document
    whose text a record's offsets point into."""
    pending: deque = deque()

    def remembered():
        for item in items:
            pending.append(item)
            yield item

    for result in extract_many(remembered(), **options):
        yield pending.popleft(), result


def _analyse(nlp, documents: list[Document]) -> list:
    """The analysed Doc of each document; where the batch fails, each document alone, so
    that one bad document is rejected and the others go on."""
    try:
        return list(nlp.pipe(make_doc(nlp, d) for d in documents))
    except Exception:  # a component failed on some document of the batch
        return [_analyse_one(nlp, d) for d in documents]


def _analyse_one(nlp, document: Document):
    try:
        return nlp(make_doc(nlp, document))
    except Exception as error:
        log.exception("analysis failed for %s", document.id)
        return Rejection(id=document.id, reason=f"analysis failed ({type(error).__name__}: {error})")


def _record(doc, document: Document, min_confidence: float) -> DocumentRecord | Rejection:
    try:
        return document_record(doc, document, min_confidence)
    except Exception as error:  # one document's failure must not end the batch
        log.exception("extraction failed for %s", document.id)
        return Rejection(id=document.id, reason=f"extraction failed ({type(error).__name__}: {error})")
