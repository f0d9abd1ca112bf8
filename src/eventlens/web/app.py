"""The web app: a JSON API over the event store and the page that shows it (map, timeline,
table, and the evidence behind each event).

    app = create_app("eventlens.db")        # any ASGI server runs it
    serve(app, port=8000)                   # uvicorn, as `eventlens serve` does

API (OpenAPI at /openapi.json; every error answers with `ErrorResponse`):

    GET  /api/status                  what the store holds
    GET  /api/events                  canonical events, filtered, a page at a time
    GET  /api/events/{id}             one event with its sources, claims, evidence, documents
    GET  /api/points                  located events for the map (compact)
    GET  /api/timeline                events per day and type
    GET  /api/documents/{id}          a document's text with every extracted span
    POST /api/extract                 a text in, its record out (nothing is stored)
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

from eventlens import __version__
from eventlens.api import extract
from eventlens.data import load_toml
from eventlens.errors import ExportError, StoreError
from eventlens.models import DocumentRecord, EventType
from eventlens.store import EventStore, Filters
from eventlens.store.queries import country_code, parse_bbox
from eventlens.web import assets, queries
from eventlens.web.errors import ApiError, bad_parameter, install_error_handlers
from eventlens.web.middleware import BodyLimit, SecurityHeaders
from eventlens.web.schemas import (
    MAX_BODY_BYTES,
    DocumentView,
    ErrorResponse,
    EventDetail,
    EventPage,
    ExtractRequest,
    MapPoints,
    Status,
    Timeline,
)

MAP_POINTS = 20_000  # markers the map gets by default: the latest, when more pass the filters
MAX_MAP_POINTS = 100_000
# The spaCy pipeline is shared by every request; one extraction runs at a time.
EXTRACT_LOCK = threading.Lock()

api = APIRouter(prefix="/api", responses={"4XX": {"model": ErrorResponse}, "5XX": {"model": ErrorResponse}})


def create_app(db_path: str | Path) -> FastAPI:
    """The app over the event store at DB_PATH, which must exist (`eventlens ingest` makes it)."""
    path = Path(db_path)
    if not path.is_file():
        raise StoreError(f"no event store at {path}: run `eventlens ingest ... --db {path}` first")
    EventStore(path).close()  # brings the schema up to date; readers below never write
    app = FastAPI(title="eventlens", version=__version__, docs_url=None, redoc_url=None,
                  description="Conflict and political events with the evidence behind every value.")
    app.state.db_path = path
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(SecurityHeaders)
    install_error_handlers(app)
    app.include_router(api)
    _add_page(app)
    return app


def serve(app: FastAPI, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run APP (from `create_app`) with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level="info")


def _add_page(app: FastAPI) -> None:
    """The page, its scripts, and the assets it takes from installed packages."""
    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(assets.STATIC_DIR / "index.html")

    @app.get("/vendor/countries.geojson", include_in_schema=False)
    def country_outlines() -> Response:
        return Response(assets.country_outlines(), media_type="application/geo+json",
                        headers={"cache-control": "max-age=86400"})

    app.mount("/static", StaticFiles(directory=assets.STATIC_DIR), name="static")
    app.mount("/vendor/leaflet", StaticFiles(directory=assets.leaflet_dir()), name="leaflet")
    app.mount("/vendor/leaflet.markercluster", StaticFiles(directory=assets.markercluster_dir()),
              name="markercluster")


# ------------------------------------------------------------------ parameters


def reader(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the store for one request."""
    try:
        connection = queries.connect(request.app.state.db_path)
    except sqlite3.Error as error:
        raise StoreError(f"cannot open the event store ({error})") from error
    try:
        yield connection
    finally:
        connection.close()


Db = Annotated[sqlite3.Connection, Depends(reader)]


def event_filters(
    since: Annotated[dt.date | None, Query(description="events on or after this day (YYYY-MM-DD)")] = None,
    until: Annotated[dt.date | None, Query(description="events on or before this day (YYYY-MM-DD)")] = None,
    country: Annotated[str | None, Query(max_length=100, description="ISO code (ML, MLI) or name")] = None,
    event_type: Annotated[str | None, Query(alias="type", max_length=100,
                                            description="PLOVER type (ASSAULT), ACLED event or sub-event type")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="words of an actor's name or mention")] = None,
    q: Annotated[str | None, Query(max_length=200, description="words of the summary, place, an actor, "
                                                               "a source or a document title")] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees")] = None,
) -> queries.EventFilters:
    """The filters every list takes, checked: a bad one is answered with 400 and its name."""
    if since and until and since > until:
        raise bad_parameter("until", f"{until} is before since ({since})")
    return queries.EventFilters(
        store=Filters(since=since, until=until, country=_country(country), event_type=_event_type(event_type),
                      bbox=_bbox(bbox)),
        actor=_blank_to_none(actor), text=_blank_to_none(q))


Filtered = Annotated[queries.EventFilters, Depends(event_filters)]


def _blank_to_none(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _country(value: str | None) -> str | None:
    if not _blank_to_none(value):
        return None
    try:
        return country_code(value)
    except ExportError:
        raise bad_parameter("country", f"unknown country {value!r}: give an ISO code (ML, MLI) or a name") from None


def _event_type(value: str | None) -> str | None:
    if not _blank_to_none(value):
        return None
    if value.strip().lower() not in _known_types():
        raise bad_parameter("type", f"unknown type {value!r}: give a PLOVER type ({', '.join(EventType.__args__)}) "
                                    "or an ACLED event or sub-event type")
    return value.strip()


@lru_cache(maxsize=1)
def _known_types() -> frozenset[str]:
    """PLOVER types and the ACLED names the taxonomy maps them to, in lower case."""
    acled = {name for rule in load_toml("acled.toml")["rule"] for name in rule["acled"]}
    return frozenset(name.lower() for name in (*EventType.__args__, *acled))


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not _blank_to_none(value):
        return None
    try:
        return parse_bbox(value)
    except ExportError:
        raise bad_parameter("bbox", f"bad box {value!r}: give west,south,east,north in degrees, longitudes "
                                    "within ±180, latitudes within ±90, south ≤ north") from None


# ------------------------------------------------------------------ endpoints


@api.get("/status", response_model=Status, summary="What the store holds")
def status(db: Db) -> dict:
    return queries.store_status(db) | {"version": __version__}


@api.get("/events", response_model=EventPage, summary="Canonical events, filtered, a page at a time")
def list_events(
    db: Db, filters: Filtered,
    limit: Annotated[int, Query(ge=1, le=500, description="events per page")] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000, description="events to skip")] = 0,
    sort: Annotated[Literal["date", "-date"], Query(description="by date, oldest (date) or latest (-date) "
                                                                "first; undated last")] = "date",
) -> dict:
    return queries.event_page(db, filters, limit=limit, offset=offset, order=sort)


@api.get("/events/{event_id:path}", response_model=EventDetail,
         summary="One event with its sources, claims, evidence and documents")
def get_event(db: Db, event_id: str) -> dict:
    detail = queries.event_detail(db, event_id)
    if detail is None:
        raise ApiError(404, f"no event {event_id!r}")
    return detail


@api.get("/points", response_model=MapPoints, summary="Located events for the map, the latest first")
def list_points(db: Db, filters: Filtered,
                limit: Annotated[int, Query(ge=1, le=MAX_MAP_POINTS)] = MAP_POINTS) -> dict:
    return queries.map_points(db, filters, limit=limit)


@api.get("/timeline", response_model=Timeline, summary="Events per day and type")
def timeline(db: Db, filters: Filtered) -> dict:
    return {"counts": queries.day_counts(db, filters)}


@api.get("/documents/{document_id:path}", response_model=DocumentView,
         summary="A document's text with every extracted span")
def get_document(db: Db, document_id: str) -> dict:
    document = queries.document_view(db, document_id)
    if document is None:
        raise ApiError(404, f"no document {document_id!r}")
    return document


@api.post("/extract", response_model=DocumentRecord, summary="Extract the events of a text (nothing is stored)")
def extract_text(request: ExtractRequest) -> DocumentRecord:
    with EXTRACT_LOCK:
        return extract(request.text, published=request.published, title=request.title, url=request.url,
                       id="request")
