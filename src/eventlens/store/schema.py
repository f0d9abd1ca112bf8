"""The store's tables, built by named migrations (sqlite-utils `Migrations`).

A migration is a function of the database, applied once and recorded in `_sqlite_migrations`;
a new version of the schema is a new function at the end, never an edit of an old one.

Column names follow what Datasette and GIS tools pick up without configuration: `latitude`,
`longitude`, `event_date` (ISO dates). `clusters` holds one canonical event per real-world
event (its `record` column is the full JSON); `events` holds every report of it.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("eventlens")


@migrations()
def m001_documents_events_and_evidence(db: Database) -> None:
    db.executescript("""
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        url TEXT,
        url_key TEXT,                   -- the URL normalised: how a page is recognised again
        content_hash TEXT NOT NULL,     -- of title, date and text: how an unchanged copy is recognised
        title TEXT,
        published TEXT,
        language TEXT,
        text TEXT NOT NULL,
        origin TEXT,                    -- the file, folder, feed or URL it was read from
        ingested_at TEXT NOT NULL,
        event_count INTEGER NOT NULL,   -- events written with it: a check that it is complete
        story_words TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX documents_url_key ON documents (url_key);
    CREATE INDEX documents_content_hash ON documents (content_hash);

    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        cluster_id TEXT NOT NULL,
        event_type TEXT NOT NULL,
        mode TEXT,
        acled_event_type TEXT,
        acled_sub_event_type TEXT,
        status TEXT NOT NULL,
        summary TEXT NOT NULL,
        event_date TEXT,
        event_date_end TEXT,
        date_precision TEXT,
        date_inferred INTEGER,
        date_text TEXT,
        location TEXT,
        geonameid INTEGER,
        latitude REAL,
        longitude REAL,
        country TEXT,
        admin1 TEXT,
        geo_precision TEXT,
        location_text TEXT,
        fatalities_min INTEGER,
        fatalities_max INTEGER,
        fatalities_text TEXT,
        injuries_min INTEGER,
        injuries_max INTEGER,
        injuries_text TEXT,
        claims TEXT NOT NULL DEFAULT '[]',
        confidence REAL NOT NULL,
        words TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX events_document ON events (document_id);
    CREATE INDEX events_cluster ON events (cluster_id);
    CREATE INDEX events_type_date ON events (event_type, event_date);

    CREATE TABLE actors (
        event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        country TEXT,
        role TEXT NOT NULL,
        PRIMARY KEY (event_id, position)
    );
    CREATE INDEX actors_name ON actors (name);

    CREATE TABLE sources (
        event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (event_id, position)
    );

    CREATE TABLE evidence (
        event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        document_id TEXT NOT NULL,
        char_start INTEGER NOT NULL,
        char_end INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (event_id, position)
    );

    CREATE TABLE places (
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        char_start INTEGER NOT NULL,
        char_end INTEGER NOT NULL,
        text TEXT NOT NULL,
        name TEXT NOT NULL,
        latitude REAL,
        longitude REAL,
        geonameid INTEGER,
        country TEXT,
        feature TEXT,
        PRIMARY KEY (document_id, position)
    );

    CREATE TABLE times (
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        char_start INTEGER NOT NULL,
        char_end INTEGER NOT NULL,
        text TEXT NOT NULL,
        type TEXT NOT NULL,
        value TEXT,
        PRIMARY KEY (document_id, position)
    );

    CREATE TABLE clusters (
        id TEXT PRIMARY KEY,            -- the id of its first report's event
        event_type TEXT NOT NULL,
        mode TEXT,
        acled_event_type TEXT,
        acled_sub_event_type TEXT,
        status TEXT NOT NULL,
        summary TEXT NOT NULL,
        event_date TEXT,
        event_date_end TEXT,
        date_precision TEXT,
        location TEXT,
        latitude REAL,
        longitude REAL,
        country TEXT,
        admin1 TEXT,
        geo_precision TEXT,
        fatalities_min INTEGER,
        fatalities_max INTEGER,
        injuries_min INTEGER,
        injuries_max INTEGER,
        documents INTEGER NOT NULL,
        reports INTEGER NOT NULL,
        outlets TEXT,                   -- where it was reported: the hosts of its documents' URLs
        first_reported TEXT,
        last_reported TEXT,
        confidence REAL NOT NULL,
        updated_at TEXT NOT NULL,
        record TEXT NOT NULL            -- the canonical event as JSON
    );

    CREATE TABLE rejects (
        document TEXT NOT NULL,
        stage TEXT NOT NULL,            -- read, fetch or extract
        reason TEXT NOT NULL,
        origin TEXT,
        rejected_at TEXT NOT NULL,
        PRIMARY KEY (document, stage)
    );
    """)


@migrations()
def m002_indexes_for_filters_and_candidates(db: Database) -> None:
    db.executescript("""
    CREATE INDEX clusters_event_date ON clusters (event_date);
    CREATE INDEX clusters_country_date ON clusters (country, event_date);
    CREATE INDEX clusters_type_date ON clusters (event_type, event_date);
    CREATE INDEX clusters_latitude ON clusters (latitude, longitude);
    CREATE INDEX events_type_latitude ON events (event_type, latitude);
    CREATE INDEX events_type_precision_country ON events (event_type, geo_precision, country);
    """)
