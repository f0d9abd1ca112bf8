"""CSV in ACLED's column layout, so that workflows built on ACLED exports open it.

ACLED's columns come first, in ACLED's order; columns eventlens knows and ACLED does not
(PLOVER type, the upper bounds of casualty ranges, injuries) follow. Values ACLED codes that
eventlens does not (region, admin2, admin3, source scale, tags) are left empty.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from typing import TextIO

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
EXTRA_COLUMNS = ("plover_type", "plover_mode", "fatalities_max", "injuries_min", "injuries_max", "reports")
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
GEO_PRECISION = {"exact": 1, "near": 2, "district": 2, "region": 3, "country": 3}
DISORDER = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Protests": "Demonstrations",
    "Riots": "Demonstrations", "Strategic developments": "Strategic developments",
}
# ACLED's actor categories (inter1, inter2) for the codebook's actor types.
INTER = {
    "state_forces": "State forces", "government": "State forces", "rebels": "Rebel group",
    "militia": "Political militia", "unidentified": "Political militia", "rioters": "Rioters",
    "protesters": "Protesters", "civilians": "Civilians", "peacekeepers": "External/Other forces",
    "international": "External/Other forces", "other": "External/Other forces",
}


def write_csv(rows: Iterable[dict], out: TextIO) -> int:
    """Write the canonical events of ROWS (`clusters` rows) to OUT; how many were written."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS + EXTRA_COLUMNS, lineterminator="\n")
    writer.writeheader()
    written = 0
    for row in rows:
        writer.writerow(acled_row(row))
        written += 1
    return written


def acled_row(row: dict) -> dict:
    record = json.loads(row["record"])
    side1 = [a for a in record["actors"] if a["role"] in ("initiator", "participant")]
    side2 = [a for a in record["actors"] if a["role"] == "target"]
    if not side2 and len(side1) > 1 and side1[0]["role"] == "participant":
        side1, side2 = side1[:1], side1[1:]  # two parties to a clash
    inter1, inter2 = _inter(side1), _inter(side2)
    date = row["event_date"]
    return {
        "event_id_cnty": row["id"], "event_date": date, "year": date[:4] if date else "",
        "time_precision": TIME_PRECISION.get(row["date_precision"], ""),
        "disorder_type": DISORDER.get(row["acled_event_type"] or "", ""),
        "event_type": row["acled_event_type"] or "", "sub_event_type": row["acled_sub_event_type"] or "",
        "actor1": _name(side1[:1]), "assoc_actor_1": _name(side1[1:]), "inter1": inter1,
        "actor2": _name(side2[:1]), "assoc_actor_2": _name(side2[1:]), "inter2": inter2,
        "interaction": f"{inter1}-{inter2}" if inter1 and inter2 else (f"{inter1} only" if inter1 else ""),
        "civilian_targeting": "Civilian targeting" if any(a["type"] == "civilians" for a in side2) else "",
        "iso": _iso_numeric(row["country"]), "region": "", "country": _country_name(row["country"]),
        "admin1": row["admin1"] or "", "admin2": "", "admin3": "", "location": row["location"] or "",
        "latitude": _round(row["latitude"]), "longitude": _round(row["longitude"]),
        "geo_precision": GEO_PRECISION.get(row["geo_precision"], ""),
        "source": row["outlets"] or "", "source_scale": "", "notes": row["summary"],
        "fatalities": row["fatalities_min"] or 0, "tags": "", "timestamp": _timestamp(row["updated_at"]),
        "plover_type": row["event_type"], "plover_mode": row["mode"] or "",
        "fatalities_max": _blank(row["fatalities_max"]), "injuries_min": _blank(row["injuries_min"]),
        "injuries_max": _blank(row["injuries_max"]), "reports": row["reports"],
    }


def _inter(actors: list[dict]) -> str:
    return INTER.get(actors[0]["type"], "") if actors else ""


def _name(actors: list[dict]) -> str:
    return "; ".join(a["name"] for a in actors)


def _country_name(alpha2: str | None) -> str:
    country = _country(alpha2)
    return getattr(country, "common_name", None) or getattr(country, "name", "") if country else (alpha2 or "")


def _iso_numeric(alpha2: str | None) -> str:
    country = _country(alpha2)
    return str(int(country.numeric)) if country else ""


def _country(alpha2: str | None):
    import pycountry

    return pycountry.countries.get(alpha_2=alpha2) if alpha2 else None


def _round(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _blank(value) -> str:
    return "" if value is None else str(value)


def _timestamp(iso: str | None) -> str:
    return str(int(dt.datetime.fromisoformat(iso).timestamp())) if iso else ""
