"""The event store: SQLite through sqlite-utils; ingest into it, query it, export from it."""

from eventlens.store.database import DEFAULT_DB, EventStore, content_hash
from eventlens.store.ingest import IngestSummary, ingest
from eventlens.store.queries import Filters, clusters, stats

__all__ = ["DEFAULT_DB", "EventStore", "Filters", "IngestSummary", "clusters", "content_hash", "ingest", "stats"]
