"""Read-only queries behind the API: pages of events, map points, day counts, one event with
its evidence, one document with every extracted span.

They read the canonical events (table `clusters`, one row per real-world event), as the
exports do, through the store's own `Filters`, plus two filters of the web's: an actor and a
free-text search. Each request opens its own read-only connection (`connect`): SQLite
connections are cheap, and the app never writes.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from urllib.request import pathname2url

from eventlens.store.queries import Filters
from eventlens.web.spans import document_spans

# The columns of an event in a list: the `clusters` row without its JSON record.
SUMMARY_COLUMNS = (
    "id", "event_type", "mode", "acled_event_type", "acled_sub_event_type", "status", "summary", "event_date",
    "event_date_end", "date_precision", "location", "latitude", "longitude", "country", "admin1", "geo_precision",
    "fatalities_min", "fatalities_max", "injuries_min", "injuries_max", "documents", "reports", "outlets",
    "confidence",
)
ORDERS = {
    "date": "event_date IS NULL, event_date, id",
    "-date": "event_date IS NULL, event_date DESC, id DESC",
}


def connect(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to the store at PATH, usable from any one thread at a time."""
    uri = f"file:{pathname2url(str(Path(path).resolve()))}?mode=ro"
    connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA busy_timeout = 5000")
    return connection


@dataclass(frozen=True)
class EventFilters:
    """The store's filters (dates, country, type, bbox) and the web's (actor, text)."""

    store: Filters = field(default_factory=Filters)
    actor: str | None = None  # words of an actor's name or of its mention
    text: str | None = None  # words of the summary, place, an actor, a source or a title

    def where(self) -> tuple[str, list]:
        where, params = self.store.where()
        if self.actor:
            where += (" AND id IN (SELECT e.cluster_id FROM events e JOIN actors a ON a.event_id = e.id "
                      "WHERE a.name LIKE ? ESCAPE '\\' OR a.text LIKE ? ESCAPE '\\')")
            params += [_like(self.actor)] * 2
        if self.text:
            pattern = _like(self.text)
            where += (" AND (summary LIKE ? ESCAPE '\\' OR location LIKE ? ESCAPE '\\' OR admin1 LIKE ? ESCAPE '\\'"
                      " OR id IN (SELECT e.cluster_id FROM events e JOIN actors a ON a.event_id = e.id"
                      "           WHERE a.name LIKE ? ESCAPE '\\' OR a.text LIKE ? ESCAPE '\\')"
                      " OR id IN (SELECT e.cluster_id FROM events e JOIN sources s ON s.event_id = e.id"
                      "           WHERE s.name LIKE ? ESCAPE '\\' OR s.text LIKE ? ESCAPE '\\')"
                      " OR id IN (SELECT e.cluster_id FROM events e JOIN documents d ON d.id = e.document_id"
                      "           WHERE d.title LIKE ? ESCAPE '\\'))")
            params += [pattern] * 8
        return where, params


def _like(words: str) -> str:
    """A LIKE pattern matching WORDS anywhere, with LIKE's own wildcards taken literally."""
    escaped = words.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def event_page(db: sqlite3.Connection, filters: EventFilters, *, limit: int, offset: int,
               order: str = "date") -> dict:
    """One page of the events that pass FILTERS, with how many pass in all."""
    where, params = filters.where()
    total = db.execute(f"SELECT count(*) FROM clusters WHERE {where}", params).fetchone()[0]
    rows = db.execute(f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM clusters WHERE {where} "
                      f"ORDER BY {ORDERS[order]} LIMIT ? OFFSET ?", [*params, limit, offset])
    events = [dict(row) for row in rows]
    following = offset + len(events)
    return {"total": total, "limit": limit, "offset": offset,
            "next_offset": following if following < total else None, "events": events}


def map_points(db: sqlite3.Connection, filters: EventFilters, *, limit: int) -> dict:
    """[id, latitude, longitude, type, date, place] of the located events that pass FILTERS,
    the latest first, at most LIMIT of them."""
    where, params = filters.where()
    where += " AND latitude IS NOT NULL AND longitude IS NOT NULL"
    total = db.execute(f"SELECT count(*) FROM clusters WHERE {where}", params).fetchone()[0]
    rows = db.execute(f"SELECT id, latitude, longitude, event_type, event_date, location FROM clusters "
                      f"WHERE {where} ORDER BY {ORDERS['-date']} LIMIT ?", [*params, limit])
    points = [list(row) for row in rows]
    return {"total": total, "truncated": total > len(points), "points": points}


def day_counts(db: sqlite3.Connection, filters: EventFilters) -> list[dict]:
    """How many dated events that pass FILTERS happened each day, by type."""
    where, params = filters.where()
    rows = db.execute(f"SELECT event_date, event_type, count(*) FROM clusters "
                      f"WHERE {where} AND event_date IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2", params)
    return [{"date": day, "event_type": kind, "count": count} for day, kind, count in rows]


def store_status(db: sqlite3.Connection) -> dict:
    events, first, last = db.execute("SELECT count(*), min(event_date), max(event_date) FROM clusters").fetchone()
    documents = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    reports = db.execute("SELECT count(*) FROM events").fetchone()[0]
    return {"documents": documents, "events": events, "reports": reports, "first_date": first, "last_date": last}


def event_detail(db: sqlite3.Connection, event_id: str) -> dict | None:
    """The canonical event EVENT_ID, the documents that report it, and the text of its evidence."""
    row = db.execute("SELECT record FROM clusters WHERE id = ?", [event_id]).fetchone()
    if row is None:
        return None
    event = json.loads(row["record"])
    marks = ", ".join("?" * len(event["documents"]))
    documents = [dict(d) for d in db.execute(
        f"SELECT id, title, url, published FROM documents WHERE id IN ({marks}) ORDER BY published, id",
        event["documents"])]
    texts = {(e["document_id"], e["char_start"], e["char_end"]): e["text"] for e in db.execute(
        "SELECT document_id, char_start, char_end, text FROM evidence "
        "WHERE event_id IN (SELECT id FROM events WHERE cluster_id = ?)", [event_id])}
    evidence = [span | {"text": texts.get((span["document"], span["start"], span["end"]), "")}
                for span in event["evidence"]]
    return {"event": event, "documents": documents, "evidence": evidence}


def document_view(db: sqlite3.Connection, document_id: str) -> dict | None:
    """Document DOCUMENT_ID with its text, its events and every span extracted from it."""
    row = db.execute("SELECT id, title, url, published, language, text FROM documents WHERE id = ?",
                     [document_id]).fetchone()
    if row is None:
        return None
    events = [dict(e) for e in db.execute(
        "SELECT id, cluster_id, event_type, date_text, event_date, date_precision, location_text, location, "
        "geo_precision, fatalities_min, fatalities_max, fatalities_text, injuries_min, injuries_max, injuries_text "
        "FROM events WHERE document_id = ? ORDER BY position", [document_id])]
    children = _children(db, [e["id"] for e in events])
    spans = document_spans(
        row["text"], events, children,
        places=[dict(p) for p in db.execute("SELECT * FROM places WHERE document_id = ? ORDER BY position",
                                            [document_id])],
        times=[dict(t) for t in db.execute("SELECT * FROM times WHERE document_id = ? ORDER BY position",
                                           [document_id])])
    return dict(row) | {"events": [{"id": e["id"], "cluster": e["cluster_id"], "event_type": e["event_type"]}
                                   for e in events], "spans": spans}


def _children(db: sqlite3.Connection, event_ids: list[str]) -> dict[str, dict[str, list[dict]]]:
    """Actors, sources and evidence rows of the events: {event id: {table: rows in order}}."""
    found: dict[str, dict[str, list[dict]]] = {event_id: {} for event_id in event_ids}
    marks = ", ".join("?" * len(event_ids))
    for table in ("actors", "sources", "evidence"):
        for row in db.execute(f"SELECT * FROM {table} WHERE event_id IN ({marks}) ORDER BY event_id, position",
                              event_ids):
            found[row["event_id"]].setdefault(table, []).append(dict(row))
    return found
