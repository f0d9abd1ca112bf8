"""GeoJSON (RFC 7946): a FeatureCollection of Points in WGS 84, longitude first; an event with
no coordinates has a null geometry. Written feature by feature, so size does not cost memory."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from eventlens.export.rows import flat_row

# RFC 7946 section 11.2: six decimal places are about 10 cm, more than any place here knows.
DECIMALS = 6


def write_geojson(rows: Iterable[dict], out: TextIO) -> int:
    out.write('{"type": "FeatureCollection", "features": [\n')
    written = 0
    for row in rows:
        out.write(("," if written else "") + json.dumps(feature(row), ensure_ascii=False) + "\n")
        written += 1
    out.write("]}\n")
    return written


def feature(row: dict) -> dict:
    properties = flat_row(row)
    lat, lon = properties.pop("latitude"), properties.pop("longitude")
    geometry = None
    if lat is not None and lon is not None:
        geometry = {"type": "Point", "coordinates": [round(lon, DECIMALS), round(lat, DECIMALS)]}
    return {"type": "Feature", "id": row["id"], "geometry": geometry, "properties": properties}
