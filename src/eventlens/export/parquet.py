"""Parquet through pyarrow, an optional extra: `pip install "eventlens[parquet]"`.

Written in row groups of `BATCH_ROWS`, so a large store exports in bounded memory."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from pathlib import Path

from eventlens.errors import ExportError
from eventlens.export.rows import FLAT_COLUMNS, flat_row

BATCH_ROWS = 50_000
TYPES = {"latitude": "float64", "longitude": "float64", "confidence": "float64", "fatalities_min": "int64",
         "fatalities_max": "int64", "injuries_min": "int64", "injuries_max": "int64", "documents": "int64",
         "reports": "int64"}


def write_parquet(rows: Iterable[dict], path: str | Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError('Parquet needs pyarrow: pip install "eventlens[parquet]"') from None
    schema = pa.schema([(c, getattr(pa, TYPES.get(c, "string"))()) for c in FLAT_COLUMNS])
    iterator = (flat_row(row) for row in rows)
    written = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        while batch := list(islice(iterator, BATCH_ROWS)):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            written += len(batch)
    return written
