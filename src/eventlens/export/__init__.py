"""Exports of the canonical events: CSV in ACLED's layout, GeoJSON, JSON lines, Parquet."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from eventlens.export.acled import write_csv
from eventlens.export.geojson import write_geojson
from eventlens.export.jsonl import write_jsonl
from eventlens.export.parquet import write_parquet

TEXT_FORMATS = {"csv": write_csv, "geojson": write_geojson, "jsonl": write_jsonl}
FORMATS = (*TEXT_FORMATS, "parquet")

__all__ = ["FORMATS", "write", "write_csv", "write_geojson", "write_jsonl", "write_parquet"]


def write(rows: Iterable[dict], output_format: str, out: TextIO | None = None, path: str | None = None) -> int:
    """Write ROWS (`clusters` rows) as OUTPUT_FORMAT to OUT (text formats) or PATH; how many."""
    if output_format == "parquet":
        return write_parquet(rows, path)
    return TEXT_FORMATS[output_format](rows, out)
