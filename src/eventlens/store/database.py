"""The event store: documents, their events and the evidence of every value, in one SQLite file.

    store = EventStore("eventlens.db")
    store.save(record, document)            # "added", "updated" or "unchanged"
    store.reject("doc-7", "text is empty", stage="read")

Each document is written in its own transaction, its events clustered against what is stored
(resolve/dedup.py) in the same transaction: a crash, even `kill -9`, leaves the file consistent
and every earlier document whole (SQLite's write-ahead log). A document already stored — same
id, same normalised URL, or same content — is not stored twice: unchanged, it is left alone;
changed, its old records are deleted in the transaction that writes the new ones.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from sqlite_utils import Database

from eventlens.errors import StoreError
from eventlens.ingest.web import normalise_url
from eventlens.models import Acled, Actor, Claim, Count, DateSpan, Document, DocumentRecord, Event, Location, Source
from eventlens.resolve.dedup import (
    PLACE_RANK, RADIUS_KM, CanonicalEvent, Report, ReportedEvent, canonical_event, matching_clusters, reports_of,
    story_words,
)
from eventlens.store.schema import migrations

DEFAULT_DB = "eventlens.db"
# Stored reports this many days either side of a new one's date are candidates for its cluster.
CANDIDATE_DAYS = 366
EVENT_COLUMNS = (
    "e.id, e.document_id, e.cluster_id, e.event_type, e.mode, e.event_date, e.event_date_end, e.date_precision, "
    "e.date_inferred, e.latitude, e.longitude, e.geo_precision, e.country, e.admin1, e.words, d.story_words"
)


class EventStore:
    """One SQLite file of documents, events, actors, places, sources, evidence and clusters."""

    def __init__(self, path: str | Path = DEFAULT_DB):
        self.path = str(path)
        try:
            self.db = Database(self.path)
            self.db.execute("PRAGMA busy_timeout = 10000")
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.enable_wal()  # readers (Datasette, export) go on while ingest writes
            self.db.execute("PRAGMA synchronous = NORMAL")  # with WAL: safe against a killed process
            migrations.apply(self.db)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: cannot open the event store ({error})") from error

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------ writing

    def is_stored(self, document: Document) -> bool:
        """Whether this very document (same title, date and text) is stored already."""
        return self._has_content(content_hash(document))

    def save(self, record: DocumentRecord, document: Document, *, origin: str | None = None) -> str:
        """Store RECORD, extracted from DOCUMENT: "added", "updated" (it replaced the stored
        version of the same document) or "unchanged" (this very document is stored)."""
        digest = content_hash(document)
        try:
            with self.db.atomic():
                if self._has_content(digest):
                    return "unchanged"
                replaced = self._stored_versions(document)
                touched: set[str] = set()
                for doc_id in replaced:
                    touched |= self._remove_document(doc_id)
                self._insert_document(record, document, digest, origin)
                touched |= self._insert_events(record, document.text)
                self._refresh_clusters(touched)
                self.db.execute("DELETE FROM rejects WHERE document = ?", [record.id])
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: cannot store {record.id} ({error})") from error
        return "updated" if replaced else "added"

    def reject(self, document_id: str, reason: str, *, stage: str = "extract", origin: str | None = None) -> None:
        """Record that DOCUMENT_ID could not be processed at STAGE, and why (the latest reason)."""
        row = {"document": document_id, "stage": stage, "reason": reason, "origin": origin, "rejected_at": _now()}
        try:
            with self.db.atomic():
                self.db["rejects"].upsert(row, pk=("document", "stage"))
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: cannot record the rejection of {document_id} ({error})") from error

    def _has_content(self, digest: str) -> bool:
        found = self.db.execute("SELECT 1 FROM documents WHERE content_hash = ? LIMIT 1", [digest]).fetchone()
        return found is not None

    def _stored_versions(self, document: Document) -> list[str]:
        """Ids of stored documents that DOCUMENT is a new version of: same id or same URL."""
        key = normalise_url(document.url) if document.url else None
        rows = self.db.execute("SELECT id FROM documents WHERE id = ? OR (url_key IS NOT NULL AND url_key = ?)",
                               [document.id, key]).fetchall()
        return [row[0] for row in rows]

    def _remove_document(self, doc_id: str) -> set[str]:
        """Delete a document with everything extracted from it; the clusters it was part of."""
        clusters = {row[0] for row in self.db.execute(
            "SELECT DISTINCT cluster_id FROM events WHERE document_id = ?", [doc_id])}
        self.db.execute("DELETE FROM documents WHERE id = ?", [doc_id])  # cascades to its rows
        return clusters

    def _insert_document(self, record: DocumentRecord, document: Document, digest: str, origin: str | None) -> None:
        self._insert("documents", [{
            "id": record.id, "url": document.url, "url_key": normalise_url(document.url) if document.url else None,
            "content_hash": digest, "title": document.title, "published": _iso(document.published),
            "language": document.language, "text": document.text, "origin": origin, "ingested_at": _now(),
            "event_count": len(record.events), "story_words": " ".join(sorted(story_words(record, document.text))),
        }])
        self._insert("places", [{
            "document_id": record.id, "position": n, "char_start": p.start, "char_end": p.end, "text": p.text,
            "name": p.name, "latitude": p.lat, "longitude": p.lon, "geonameid": p.geonameid, "country": p.country,
            "feature": p.feature,
        } for n, p in enumerate(record.places)])
        self._insert("times", [{
            "document_id": record.id, "position": n, "char_start": t.start, "char_end": t.end, "text": t.text,
            "type": t.type, "value": t.value,
        } for n, t in enumerate(record.times)])

    def _insert_events(self, record: DocumentRecord, text: str) -> set[str]:
        """Insert the events of RECORD, each in the cluster it belongs to; the clusters touched."""
        touched = set()
        for position, (event, report) in enumerate(zip(record.events, reports_of(record, text))):
            tied = matching_clusters(report, self._candidates(report))
            cluster = tied[0] if tied else self._new_cluster_id(event.id)
            for other in tied[1:]:  # the new report joins clusters that each held part of its story
                self.db.execute("UPDATE events SET cluster_id = ? WHERE cluster_id = ?", [cluster, other])
            touched |= {cluster, *tied}
            self._insert_event(event, record.id, position, cluster, report.words, text)
        return touched

    def _new_cluster_id(self, event_id: str) -> str:
        """EVENT_ID, or EVENT_ID~N where a cluster of that name lives on (its first report was
        replaced by a new version of its document)."""
        candidate, n = event_id, 1
        while self.db.execute("SELECT 1 FROM events WHERE cluster_id = ? LIMIT 1", [candidate]).fetchone():
            n += 1
            candidate = f"{event_id}~{n}"
        return candidate

    def _insert_event(self, event: Event, doc_id: str, position: int, cluster: str, words: Iterable[str],
                      text: str) -> None:
        self._insert("events", [_event_row(event, doc_id, position, cluster, words)])
        self._insert("actors", [{"event_id": event.id, "position": n, **a.model_dump()}
                                for n, a in enumerate(event.actors)])
        self._insert("sources", [{"event_id": event.id, "position": n, **s.model_dump()}
                                 for n, s in enumerate(event.sources)])
        self._insert("evidence", [{
            "event_id": event.id, "position": n, "document_id": doc_id, "char_start": start, "char_end": end,
            "text": text[start:end],
        } for n, (start, end) in enumerate(event.evidence)])

    def _insert(self, table: str, rows: list[dict], *, replace: bool = False) -> None:
        """Insert ROWS (dicts with the same keys) into TABLE, inside the caller's transaction.
        Plain SQL, not `Table.insert_all`: this runs several times per document, and the
        schema is fixed by the migrations, so there is nothing to introspect."""
        if not rows:
            return
        columns = list(rows[0])
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        sql = (f"{verb} INTO {table} ({', '.join(f'[{c}]' for c in columns)}) "
               f"VALUES ({', '.join('?' * len(columns))})")
        self.db.conn.executemany(sql, [[row[c] for c in columns] for row in rows])

    def _candidates(self, report: Report) -> list[tuple[str, Report]]:
        """Stored reports that could be of REPORT's event: same type, dates within a year,
        places within reach (or unknown, or coarse); with their clusters. One indexed query
        per kind of place, so the cost follows the neighbourhood, not the size of the store."""
        dates, date_params = "1 = 1", []
        if report.start is not None:
            window = dt.timedelta(days=CANDIDATE_DAYS)
            dates = "(e.event_date IS NULL OR e.event_date BETWEEN ? AND ?)"
            date_params = [str(report.start - window), str((report.end or report.start) + window)]
        box = _search_box(report)
        places = ["e.latitude IS NULL", "e.geo_precision IN ('region', 'country')"]
        if box is not None:
            places.append("e.latitude BETWEEN ? AND ? AND e.longitude BETWEEN ? AND ? "
                          "AND e.geo_precision NOT IN ('region', 'country')")
        elif report.country:
            places.append("e.country = ? AND e.geo_precision NOT IN ('region', 'country')")
        parts, params = [], []
        for place in places:
            parts.append(f"SELECT {EVENT_COLUMNS} FROM events e JOIN documents d ON d.id = e.document_id "
                         f"WHERE e.event_type = ? AND {place} AND {dates}")
            params += [report.event_type, *(box if "BETWEEN ? AND ? AND e.longitude" in place else
                                             [report.country] if "e.country = ?" in place else []), *date_params]
        return [(row["cluster_id"], _report_from_row(row)) for row in self._rows(" UNION ALL ".join(parts), params)]

    # ------------------------------------------------------------ clusters

    def _refresh_clusters(self, cluster_ids: Iterable[str]) -> None:
        """Recompute the canonical event of each cluster from its reports; drop empty ones."""
        for cluster_id in cluster_ids:
            reports = self.reports(cluster_id)
            if not reports:
                self.db.execute("DELETE FROM clusters WHERE id = ?", [cluster_id])
                continue
            published = [r.published for r in reports if r.published]
            canonical = canonical_event(cluster_id, reports)
            row = _cluster_row(canonical, published) | {"outlets": self._outlets(canonical.documents)}
            self._insert("clusters", [row], replace=True)

    def _outlets(self, doc_ids: list[str]) -> str:
        """Where the documents were published: their URLs' hosts (their ids where they have none)."""
        marks = ", ".join("?" * len(doc_ids))
        rows = self.db.execute(f"SELECT id, url FROM documents WHERE id IN ({marks}) ORDER BY published, id", doc_ids)
        names = [urlsplit(url).hostname.removeprefix("www.") if url and urlsplit(url).hostname else doc_id
                 for doc_id, url in rows]
        return "; ".join(dict.fromkeys(names))

    def reports(self, cluster_id: str) -> list[ReportedEvent]:
        """Every stored report of a cluster, with its document, in the order reported."""
        rows = list(self._rows(
            "SELECT e.*, d.published AS published_on FROM events e JOIN documents d ON d.id = e.document_id "
            "WHERE e.cluster_id = ? ORDER BY d.published, e.id", [cluster_id]))
        children = self._children([row["id"] for row in rows])
        return [ReportedEvent(event=_event_from_row(row, children), document_id=row["document_id"],
                              published=_date(row["published_on"])) for row in rows]

    def cluster(self, cluster_id: str) -> CanonicalEvent | None:
        row = self.db.execute("SELECT record FROM clusters WHERE id = ?", [cluster_id]).fetchone()
        return CanonicalEvent.model_validate_json(row[0]) if row else None

    def _children(self, event_ids: list[str]) -> dict[tuple[str, str], list[dict]]:
        """Actors, sources and evidence of the events, keyed by (table, event id), in order."""
        found: dict[tuple[str, str], list[dict]] = {}
        marks = ", ".join("?" * len(event_ids))
        for table in ("actors", "sources", "evidence"):
            sql = f"SELECT * FROM {table} WHERE event_id IN ({marks}) ORDER BY event_id, position"
            for row in self._rows(sql, event_ids):
                found.setdefault((table, row["event_id"]), []).append(row)
        return found

    # ------------------------------------------------------------ reading

    def counts(self) -> dict[str, int]:
        return {table: self.db[table].count for table in
                ("documents", "events", "clusters", "actors", "places", "sources", "evidence", "rejects")}

    def check(self) -> list[str]:
        """Problems with the file, none when it is sound: SQLite's own integrity and foreign-key
        checks, documents missing events, events whose cluster is missing."""
        problems = [row[0] for row in self.db.execute("PRAGMA integrity_check") if row[0] != "ok"]
        problems += [f"foreign key: {tuple(row)}" for row in self.db.execute("PRAGMA foreign_key_check")]
        problems += [f"document {row[0]} is incomplete" for row in self.db.execute(
            "SELECT id FROM documents d "
            "WHERE event_count != (SELECT count(*) FROM events e WHERE e.document_id = d.id)")]
        problems += [f"cluster {row[0]} is missing" for row in self.db.execute(
            "SELECT DISTINCT cluster_id FROM events WHERE cluster_id NOT IN (SELECT id FROM clusters)")]
        return problems

    def _rows(self, sql: str, params: Iterable = ()) -> Iterable[dict]:
        cursor = self.db.execute(sql, list(params))
        names = [c[0] for c in cursor.description]
        return (dict(zip(names, row)) for row in cursor)


def content_hash(document: Document) -> str:
    """Of what extraction reads: title, publication date and text (spacing ignored)."""
    text = " ".join(document.text.split())
    payload = json.dumps([document.title, _iso(document.published), text], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _search_box(report: Report) -> list[float] | None:
    """South, north, west, east around a report's place, as far as a match may lie; None when
    the place is unknown or coarser than a district."""
    if report.latitude is None or report.longitude is None:
        return None
    if PLACE_RANK[report.geo_precision or "country"] > PLACE_RANK["district"]:
        return None
    degrees = max(RADIUS_KM.values()) / 111.0
    wide = degrees / max(0.01, math.cos(math.radians(report.latitude)))
    return [report.latitude - degrees, report.latitude + degrees, report.longitude - wide, report.longitude + wide]


def _event_row(event: Event, doc_id: str, position: int, cluster: str, words: Iterable[str]) -> dict:
    date, place, acled = event.date, event.location, event.acled
    return {
        "id": event.id, "document_id": doc_id, "position": position, "cluster_id": cluster,
        "event_type": event.event_type, "mode": event.mode,
        "acled_event_type": acled.event_type if acled else None,
        "acled_sub_event_type": acled.sub_event_type if acled else None,
        "status": event.status, "summary": event.summary,
        **_date_columns(date), **_place_columns(place),
        "date_inferred": date.inferred if date else None, "date_text": date.text if date else None,
        "geonameid": place.geonameid if place else None, "location_text": place.text if place else None,
        **_count_columns("fatalities", event.fatalities, text=True),
        **_count_columns("injuries", event.injuries, text=True),
        "claims": json.dumps([c.model_dump() for c in event.claims], ensure_ascii=False),
        "confidence": event.confidence, "words": " ".join(sorted(words)),
    }


def _cluster_row(event: CanonicalEvent, published: list[dt.date]) -> dict:
    acled = event.acled
    return {
        "id": event.id, "event_type": event.event_type, "mode": event.mode,
        "acled_event_type": acled.event_type if acled else None,
        "acled_sub_event_type": acled.sub_event_type if acled else None,
        "status": event.status, "summary": event.summary,
        **_date_columns(event.date), **_place_columns(event.location),
        **_count_columns("fatalities", event.fatalities), **_count_columns("injuries", event.injuries),
        "documents": len(event.documents), "reports": len(event.events),
        "first_reported": _iso(min(published, default=None)), "last_reported": _iso(max(published, default=None)),
        "confidence": event.confidence, "updated_at": _now(), "record": event.model_dump_json(),
    }


def _date_columns(date: DateSpan | None) -> dict:
    return {"event_date": _iso(date.start) if date else None, "event_date_end": _iso(date.end) if date else None,
            "date_precision": date.precision if date else None}


def _place_columns(place: Location | None) -> dict:
    if place is None:
        return dict.fromkeys(("location", "latitude", "longitude", "country", "admin1", "geo_precision"))
    return {"location": place.name, "latitude": place.lat, "longitude": place.lon, "country": place.country,
            "admin1": place.admin1, "geo_precision": place.precision}


def _count_columns(name: str, count: Count | None, text: bool = False) -> dict:
    columns = {f"{name}_min": count.min if count else None, f"{name}_max": count.max if count else None}
    if text:
        columns[f"{name}_text"] = count.text if count else None
    return columns


def _report_from_row(row: dict) -> Report:
    return Report(
        event_id=row["id"], document_id=row["document_id"], event_type=row["event_type"], mode=row["mode"],
        start=_date(row["event_date"]), end=_date(row["event_date_end"]), date_precision=row["date_precision"],
        date_inferred=bool(row["date_inferred"]), latitude=row["latitude"], longitude=row["longitude"],
        geo_precision=row["geo_precision"], country=row["country"], admin1=row["admin1"],
        words=frozenset(row["words"].split()), story=frozenset(row["story_words"].split()),
    )


def _event_from_row(row: dict, children: dict[tuple[str, str], list[dict]]) -> Event:
    """The event as extraction wrote it, from its row and its actors, sources and evidence."""
    event_id = row["id"]
    date = None
    if row["event_date"]:
        date = DateSpan(start=row["event_date"], end=row["event_date_end"], precision=row["date_precision"],
                        inferred=bool(row["date_inferred"]), text=row["date_text"])
    location = None
    if row["location"] is not None:
        location = Location(name=row["location"], geonameid=row["geonameid"], lat=row["latitude"],
                            lon=row["longitude"], country=row["country"], admin1=row["admin1"],
                            precision=row["geo_precision"], text=row["location_text"])
    return Event(
        id=event_id, event_type=row["event_type"], mode=row["mode"],
        acled=Acled(event_type=row["acled_event_type"], sub_event_type=row["acled_sub_event_type"])
        if row["acled_event_type"] else None,
        status=row["status"], summary=row["summary"], date=date, location=location,
        actors=[Actor(**_without(a, "event_id", "position")) for a in children.get(("actors", event_id), [])],
        fatalities=_count(row, "fatalities"), injuries=_count(row, "injuries"),
        sources=[Source(**_without(s, "event_id", "position")) for s in children.get(("sources", event_id), [])],
        claims=[Claim(**c) for c in json.loads(row["claims"])],
        evidence=[(e["char_start"], e["char_end"]) for e in children.get(("evidence", event_id), [])],
        confidence=row["confidence"], cluster=row["cluster_id"],
    )


def _count(row: dict, name: str) -> Count | None:
    if row[f"{name}_min"] is None:
        return None
    return Count(min=row[f"{name}_min"], max=row[f"{name}_max"], text=row[f"{name}_text"])


def _without(row: dict, *keys: str) -> dict:
    return {k: v for k, v in row.items() if k not in keys}


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
