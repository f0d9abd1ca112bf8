"""The typed records eventlens reads and writes.

`Document` is what ingest hands to the pipeline; `DocumentRecord` is what comes out, shaped
as CODEBOOK.md section 9. Everything in between lives in the stage that owns it.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

EventType = Literal[
    "ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "THREATEN", "SANCTION", "ACCUSE", "REJECT",
    "REQUEST", "CONSULT", "AGREE", "CONCEDE", "RETREAT", "SUPPORT", "COOPERATE", "AID",
]
Status = Literal["occurred", "planned", "threatened", "denied"]
Role = Literal["initiator", "target", "participant"]
ActorType = Literal[
    "state_forces", "rebels", "militia", "civilians", "protesters", "rioters", "government",
    "peacekeepers", "international", "unidentified", "other",
]
DatePrecision = Literal["day", "week", "month", "year"]
PlacePrecision = Literal["exact", "near", "district", "region", "country"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Document(Record):
    """One input article, as every reader (text, HTML, JSON lines) produces it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str = "en"

    @field_validator("published", mode="before")
    @classmethod
    def _date_part(cls, value):
        # Crawlers hand over full timestamps; an event date only needs the day.
        if isinstance(value, str) and len(value) > 10 and value[4:5] == "-":
            return value[:10]
        if isinstance(value, dt.datetime):
            return value.date()
        return value


class Acled(Record):
    event_type: str
    sub_event_type: str


class DateSpan(Record):
    start: dt.date
    end: dt.date
    precision: DatePrecision
    inferred: bool = False
    text: str | None = None


class Location(Record):
    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-2")
    admin1: str | None = None
    precision: PlacePrecision
    text: str | None = None


class Actor(Record):
    text: str
    name: str
    type: ActorType
    country: str | None = Field(None, description="ISO 3166-1 alpha-3")
    role: Role


class Count(Record):
    min: int
    max: int | None
    text: str | None = None


class Source(Record):
    name: str
    text: str


class Claim(Record):
    """A figure that one source gives and another may dispute."""

    field: Literal["fatalities", "injuries"]
    min: int
    max: int | None
    source: str | None = None
    text: str | None = None


class EventBase(Record):
    """What one event is: the fields a document's event and a cross-document one share."""

    id: str
    event_type: EventType
    mode: str | None = None
    acled: Acled | None = None
    status: Status = "occurred"
    summary: str
    date: DateSpan | None = None
    location: Location | None = None
    actors: list[Actor] = []
    fatalities: Count | None = None
    injuries: Count | None = None
    sources: list[Source] = []
    claims: list[Claim] = []


class Event(EventBase):
    """One event as one document reports it (CODEBOOK section 9)."""

    evidence: list[tuple[int, int]] = []
    confidence: float = Field(ge=0.0, le=1.0)
    cluster: str | None = Field(None, description="the real-world event this one reports, across documents "
                                                  "(set by de-duplication: `extract --dedup`, the store)")


class PlaceMention(Record):
    start: int
    end: int
    text: str
    name: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    country: str | None = None
    feature: str | None = None


class TimeMention(Record):
    start: int
    end: int
    text: str
    type: TimexType
    value: str | None = None


class DocumentRecord(Record):
    id: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str = "en"
    events: list[Event] = []
    places: list[PlaceMention] = []
    times: list[TimeMention] = []


class Rejection(Record):
    """A document that could not be processed, and why."""

    id: str
    reason: str
