"""The shapes of the API's requests and answers, as OpenAPI (`/openapi.json`) describes them."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from eventlens.models import EventType
from eventlens.resolve.dedup import CanonicalEvent

# The largest article POST /api/extract takes, in characters; and its largest request body.
MAX_EXTRACT_CHARS = 100_000
MAX_BODY_BYTES = 1_000_000


class ErrorDetail(BaseModel):
    field: str = Field(description="the parameter or body field at fault, e.g. `since` or `body.text`")
    message: str


class ErrorResponse(BaseModel):
    """Every error, whatever the endpoint: its HTTP status, a message, and per-field details."""

    ok: Literal[False] = False
    status: int
    error: str = Field(description="what went wrong, in a sentence")
    details: list[ErrorDetail] = []


class EventSummary(BaseModel):
    """A canonical event (one real-world event, every report of it) as a row of the list."""

    id: str
    event_type: EventType
    mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    status: str
    summary: str
    event_date: dt.date | None
    event_date_end: dt.date | None
    date_precision: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    country: str | None = Field(description="ISO 3166-1 alpha-2")
    admin1: str | None
    geo_precision: str | None
    fatalities_min: int | None
    fatalities_max: int | None
    injuries_min: int | None
    injuries_max: int | None
    documents: int
    reports: int
    outlets: str | None
    confidence: float


class EventPage(BaseModel):
    total: int = Field(description="events that pass the filters, on every page")
    limit: int
    offset: int
    next_offset: int | None = Field(description="offset of the next page; null on the last")
    events: list[EventSummary]


class MapPoints(BaseModel):
    total: int = Field(description="located events that pass the filters")
    truncated: bool = Field(description="true when there are more than `points` holds (the latest are kept)")
    points: list[tuple[str, float, float, str, dt.date | None, str | None]] = Field(
        description="[id, latitude, longitude, event_type, event_date, place name]")


class DayCount(BaseModel):
    date: dt.date
    event_type: EventType
    count: int


class Timeline(BaseModel):
    counts: list[DayCount]


class Status(BaseModel):
    version: str
    documents: int
    events: int = Field(description="canonical events: one per real-world event")
    reports: int = Field(description="events as extracted, one per document that reports one")
    first_date: dt.date | None
    last_date: dt.date | None


class DocumentRef(BaseModel):
    id: str
    title: str | None
    url: str | None
    published: dt.date | None


class EvidenceText(BaseModel):
    document: str
    start: int
    end: int
    text: str


class EventDetail(BaseModel):
    event: CanonicalEvent = Field(description="the canonical event: actors, sources, claims, evidence spans")
    documents: list[DocumentRef] = Field(description="the documents that report it")
    evidence: list[EvidenceText] = Field(description="its evidence spans with their text")


class Span(BaseModel):
    start: int = Field(description="offset of the first character (code points)")
    end: int = Field(description="offset after the last character")
    kind: Literal["evidence", "place", "time", "date", "location", "fatalities", "injuries", "actor", "source"]
    text: str
    label: str = Field(description="what was read from it")
    event: str | None = Field(description="the extracted event it belongs to; null for places and times "
                                          "found in the document")


class DocumentEvent(BaseModel):
    id: str
    cluster: str = Field(description="the canonical event it reports (GET /api/events/{cluster})")
    event_type: EventType


class DocumentView(BaseModel):
    id: str
    title: str | None
    url: str | None
    published: dt.date | None
    language: str | None
    text: str
    events: list[DocumentEvent]
    spans: list[Span]


class ExtractRequest(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_EXTRACT_CHARS, description="the article, plain text")
    published: dt.date | None = Field(None, description="publication date: relative dates are read from it")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)

