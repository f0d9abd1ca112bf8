"""Front-end assets, all from installed packages: nothing is fetched from a CDN at run time.

- Leaflet and Leaflet.markercluster: the XStatic packages `xstatic-leaflet` and
  `xstatic-leaflet-markercluster` (the upstream files, packaged for pip).
- Country outlines for the basemap: the GeoJSON that `countryinfo` ships for each country
  (Natural Earth shapes at 1:110m). A few countries have none there (Myanmar, Kosovo and
  most small islands); the map shows them as sea.
- The page itself: `static/` beside this module.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"


def leaflet_dir() -> str:
    import xstatic.pkg.leaflet

    return xstatic.pkg.leaflet.BASE_DIR


def markercluster_dir() -> str:
    import xstatic.pkg.leaflet_markercluster

    return xstatic.pkg.leaflet_markercluster.BASE_DIR


@lru_cache(maxsize=1)
def country_outlines() -> bytes:
    """One GeoJSON FeatureCollection of every country outline countryinfo ships, each
    feature with its ISO alpha-2 code and name; built once, then served from memory."""
    features = []
    for path in sorted(resources.files("countryinfo").joinpath("data").iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".json"):
            continue
        country = json.loads(path.read_text("utf-8"))
        code = (country.get("ISO") or {}).get("alpha2")
        for feature in (country.get("geoJSON") or {}).get("features", []):
            features.append({"type": "Feature", "id": code, "geometry": feature["geometry"],
                             "properties": {"iso": code, "name": country.get("name")}})
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, separators=(",", ":")).encode("utf-8")
