"""JSON lines: one canonical event per line, every report, claim and evidence span kept."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO


def write_jsonl(rows: Iterable[dict], out: TextIO) -> int:
    written = 0
    for row in rows:
        out.write(row["record"] + "\n")
        written += 1
    return written
