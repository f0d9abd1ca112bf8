"""Queries over the canonical events (table `clusters`): filters for export, counts for stats."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from eventlens.errors import ExportError
from eventlens.store.database import EventStore


@dataclass(frozen=True)
class Filters:
    """Which events to take; every filter given must hold."""

    since: dt.date | None = None  # event_date on or after
    until: dt.date | None = None  # event_date on or before
    country: str | None = None  # ISO alpha-2 or alpha-3 code, or a name
    event_type: str | None = None  # PLOVER type, ACLED event type or sub-event type
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north (GeoJSON order)

    def where(self) -> tuple[str, list]:
        """The SQL condition on `clusters` and its parameters."""
        conditions, params = ["1 = 1"], []
        if self.since:
            conditions.append("event_date >= ?")
            params.append(self.since.isoformat())
        if self.until:
            conditions.append("event_date <= ?")
            params.append(self.until.isoformat())
        if self.country:
            conditions.append("country = ?")
            params.append(country_code(self.country))
        if self.event_type:
            conditions.append("(upper(event_type) = upper(?) OR lower(acled_event_type) = lower(?) "
                              "OR lower(acled_sub_event_type) = lower(?))")
            params += [self.event_type] * 3
        if self.bbox:
            west, south, east, north = self.bbox
            conditions.append("latitude BETWEEN ? AND ?")
            params += [south, north]
            # A box across the antimeridian has its west edge east of its east edge (RFC 7946 5.2).
            conditions.append("longitude BETWEEN ? AND ?" if west <= east else "(longitude >= ? OR longitude <= ?)")
            params += [west, east]
        return " AND ".join(conditions), params


def clusters(store: EventStore, filters: Filters = Filters()) -> Iterator[dict]:
    """Rows of the canonical events that pass FILTERS, by date (undated last), then id."""
    where, params = filters.where()
    sql = f"SELECT * FROM clusters WHERE {where} ORDER BY event_date IS NULL, event_date, id"
    yield from store.db.query(sql, params)


def stats(store: EventStore, filters: Filters = Filters()) -> dict[str, list[tuple[str, int]]]:
    """Counts of canonical events by type, by country and by month."""
    where, params = filters.where()
    groups = {"type": "event_type", "country": "coalesce(country, '(unknown)')",
              "month": "coalesce(substr(event_date, 1, 7), '(undated)')"}
    result = {}
    for name, expression in groups.items():
        order = "1" if name == "month" else "2 DESC, 1"
        sql = f"SELECT {expression}, count(*) FROM clusters WHERE {where} GROUP BY 1 ORDER BY {order}"
        result[name] = [(row[0], row[1]) for row in store.db.execute(sql, params)]
    return result


def country_code(value: str) -> str:
    """The ISO alpha-2 code of a country given by alpha-2, alpha-3 code or name."""
    import pycountry

    try:
        return pycountry.countries.lookup(value.strip()).alpha_2
    except LookupError:
        raise ExportError(f"unknown country: {value!r} (give an ISO code such as ML or MLI, or a name)") from None


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """"west,south,east,north" in degrees, as GeoJSON orders a bounding box."""
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError:
        raise ExportError(f"bad --bbox {value!r}: give west,south,east,north in degrees") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise ExportError(f"bad --bbox {value!r}: longitudes within ±180, latitudes within ±90, south ≤ north")
    return west, south, east, north
