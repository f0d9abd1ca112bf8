"""The flat row of a canonical event that CSV-like formats share (GeoJSON properties, Parquet)."""

from __future__ import annotations

import json

FLAT_COLUMNS = (
    "id", "event_type", "mode", "acled_event_type", "acled_sub_event_type", "status", "summary",
    "event_date", "event_date_end", "date_precision", "location", "admin1", "country", "latitude", "longitude",
    "geo_precision", "fatalities_min", "fatalities_max", "injuries_min", "injuries_max", "actors", "sources",
    "outlets", "documents", "reports", "confidence",
)


def flat_row(row: dict) -> dict:
    """A `clusters` row as flat values: actors and sources as "name (role); ..." text."""
    record = json.loads(row["record"])
    actors = "; ".join(f"{a['name']} ({a['role']})" for a in record["actors"])
    sources = "; ".join(s["name"] for s in record["sources"])
    return {column: row.get(column) for column in FLAT_COLUMNS} | {"actors": actors, "sources": sources}
