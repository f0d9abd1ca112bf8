"""Extract: from an analysed spaCy Doc to the typed records of CODEBOOK.md."""

from eventlens.extraction.events import MIN_CONFIDENCE, extract_events
from eventlens.extraction.record import document_record

__all__ = ["MIN_CONFIDENCE", "document_record", "extract_events"]
