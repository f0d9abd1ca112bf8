"""The event store on a real SQLite file: ingest, idempotence, replacement, clusters, exports."""

import csv
import io
import json
import sqlite3

import pytest
from articles import ARTICLES, MARKET_1, MARKET_2

from eventlens import export
from eventlens.ingest import read_json_lines
from eventlens.models import Document
from eventlens.store import EventStore, Filters, clusters, ingest, stats


def documents(*articles):
    return [Document(**a) for a in articles]


@pytest.fixture
def store(tmp_path):
    with EventStore(tmp_path / "events.db") as opened:
        yield opened


def test_a_new_file_gets_the_schema_in_wal_mode(tmp_path):
    path = tmp_path / "new.db"
    EventStore(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "events", "actors", "places", "sources", "evidence", "clusters", "rejects"} <= tables
    applied = [row[0] for row in db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == ["m001_documents_events_and_evidence", "m002_indexes_for_filters_and_candidates"]
    columns = {row[1] for row in db.execute("PRAGMA table_info(clusters)")}
    assert {"latitude", "longitude", "event_date"} <= columns


def test_ingest_twice_adds_nothing(store):
    first = ingest(documents(*ARTICLES), store)
    counts = store.counts()
    second = ingest(documents(*ARTICLES), store)
    assert (first.added, first.unchanged) == (3, 0)
    assert (second.added, second.updated, second.unchanged, second.rejected) == (0, 0, 3, 0)
    assert store.counts() == counts
    assert store.check() == []


def test_reports_of_one_event_share_a_canonical_event(store):
    ingest(documents(*ARTICLES), store)
    (market,) = [c for c in clusters(store) if set(json.loads(c["record"])["documents"]) == {"market-1", "market-2"}]
    record = store.cluster(market["id"])
    assert record.id == "market-1#e1" and market["reports"] == 2 and market["documents"] == 2
    assert {e.document for e in record.evidence} == {"market-1", "market-2"}
    assert any(c.source == "market-2" and c.field == "fatalities" for c in record.claims)
    assert market["outlets"] == "wire-example.com; daily-example.org"
    grenade = [c for c in clusters(store) if json.loads(c["record"])["documents"] == ["bar-grenade"]]
    assert grenade, "another attack in the same town on the same day stays apart"


def test_a_changed_document_replaces_its_records(store):
    ingest(documents(MARKET_1, MARKET_2), store)
    changed = dict(MARKET_2, text=MARKET_2["text"] + " The market reopened on Wednesday.")
    summary = ingest(documents(changed), store)
    assert (summary.added, summary.updated) == (0, 1)
    rows = store.db.execute("SELECT count(*) FROM documents WHERE id = 'market-2'").fetchone()[0]
    assert rows == 1 and "reopened" in store.db["documents"].get("market-2")["text"]
    assert store.check() == []


def test_same_url_or_same_content_is_the_same_document(store):
    ingest(documents(MARKET_2), store)
    moved = dict(MARKET_2, id="renamed", url="HTTPS://Wire-Example.com/africa/2024/03/12/traders-killed/",
                 text=MARKET_2["text"] + " Updated.")
    assert ingest(documents(moved), store).updated == 1
    assert [row["id"] for row in store.db["documents"].rows] == ["renamed"]
    copy = dict(moved, id="copy", url=None)
    assert ingest(documents(copy), store).unchanged == 1


def test_rejections_are_recorded_with_their_stage(store):
    lines = ["{broken", json.dumps({"id": "empty", "text": ""}), json.dumps(MARKET_1)]
    summary = ingest(read_json_lines(lines, source="upload.jsonl"), store)
    assert (summary.rejected, summary.added) == (2, 1)
    rows = {(r["document"], r["stage"], r["origin"]) for r in store.db["rejects"].rows}
    assert rows == {("upload.jsonl:1", "read", None), ("empty", "read", None)}
    ingest(read_json_lines(lines, source="upload.jsonl"), store)
    assert store.db["rejects"].count == 2  # the latest reason, not a second row


def test_exports_and_filters(store, tmp_path):
    ingest(documents(*ARTICLES), store)
    out = io.StringIO()
    export.write(clusters(store), "csv", out=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0])[:7] == ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
                                 "event_type", "sub_event_type"]
    assert {r["iso"] for r in rows} == {"180"} and all(r["country"].startswith("Congo") for r in rows)
    out = io.StringIO()
    written = export.write(clusters(store, Filters(country="COD", event_type="ASSAULT")), "geojson", out=out)
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == written >= 2
    lon, lat = collection["features"][0]["geometry"]["coordinates"]
    assert 29 < lon < 31 and 1 < lat < 2  # longitude first (RFC 7946)
    assert not list(clusters(store, Filters(bbox=(0.0, 0.0, 10.0, 10.0))))
    assert len(list(clusters(store, Filters(bbox=(29.0, 1.0, 31.0, 2.0))))) == written
    out = io.StringIO()
    export.write(clusters(store), "jsonl", out=out)
    assert all(json.loads(line)["documents"] for line in out.getvalue().splitlines())
    pq = pytest.importorskip("pyarrow.parquet")
    export.write(clusters(store), "parquet", path=tmp_path / "events.parquet")
    assert pq.read_table(tmp_path / "events.parquet").num_rows == len(rows)


def test_stats_count_by_type_country_and_month(store):
    ingest(documents(*ARTICLES), store)
    counts = stats(store)
    assert dict(counts["country"])["CD"] >= 2 and dict(counts["month"])["2024-03"] >= 2
    assert dict(counts["type"])["ASSAULT"] >= 2
