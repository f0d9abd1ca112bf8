"""Benchmark of the event store: what storing costs on top of extraction, and queries at scale.

    python bench/bench_store.py --shared ../shared [--limit N] [--rounds 2] [--events 100000]

1. Ingest against extraction alone, in one process, over the same texts (events-gva-dev.jsonl):
   `extract_many` over the documents, then `ingest` of the same documents into a fresh
   SQLite file (extraction, store, de-duplication, one transaction per document); rounds
   alternate, the best of each is kept. The ratio ingest / extract is the throughput kept.
2. A store of `--events` synthetic events (made here, not extracted: the store's own cost),
   written through `EventStore.save`, then timed: export of every event as CSV, GeoJSON,
   JSON lines and Parquet, and a filtered query (a country, half a year, a bounding box).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
COUNTRIES = [("ML", 17.0, -4.0), ("NG", 9.0, 8.0), ("CD", -2.0, 23.0), ("SO", 5.0, 46.0), ("SD", 15.0, 30.0),
             ("UA", 49.0, 32.0), ("MX", 23.0, -102.0), ("CO", 4.0, -73.0), ("AF", 34.0, 66.0), ("MM", 21.0, 96.0)]
TYPES = ["ASSAULT", "PROTEST", "COERCE", "CONSULT", "AGREE", "RETREAT"]


def load_documents(path: Path, limit: int | None) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [{k: row.get(k) for k in ("id", "title", "published", "url", "text")} for row in rows][:limit]


def time_extract(documents) -> float:
    from eventlens import extract_many

    started = time.perf_counter()
    for _ in extract_many(documents):
        pass
    return time.perf_counter() - started


def time_ingest(documents, folder: Path) -> float:
    from eventlens.store import EventStore, ingest

    path = folder / f"ingest-{time.monotonic_ns()}.db"
    started = time.perf_counter()
    with EventStore(path) as store:
        ingest(documents, store)
    return time.perf_counter() - started


def synthetic_records(count: int, seed: int = 7):
    """Documents of two events each, spread over ten countries and three years."""
    from eventlens.models import Count, DateSpan, Document, DocumentRecord, Event, Location

    rng = random.Random(seed)
    for n in range(count // 2):
        witness, road = _name(rng), _name(rng)  # names of this report alone, as in real articles
        text = f"Report {n}. The witness {witness} spoke of the attack on the {road} road."
        events = []
        for k in range(2):
            country, lat, lon = rng.choice(COUNTRIES)
            day = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
            place = Location(name=f"Town{rng.randrange(400)}", lat=lat + rng.uniform(-4, 4),
                             lon=lon + rng.uniform(-4, 4), country=country, precision="exact")
            events.append(Event(
                id=f"syn-{n}#e{k + 1}", event_type=rng.choice(TYPES), summary=text, confidence=0.8,
                date=DateSpan(start=day, end=day, precision="day"), location=place,
                fatalities=Count(min=rng.randrange(5), max=None) if k == 0 else None, evidence=[(0, len(text))]))
        document = Document(id=f"syn-{n}", text=text, published=dt.date(2024, 1, 1), url=f"https://example.org/{n}")
        yield DocumentRecord(id=document.id, published=document.published, url=document.url, events=events), document


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(["ba", "ko", "mi", "ru", "te", "lo", "na", "di", "fu", "ze"]) for _ in range(4)).title()


def build_store(path: Path, events: int) -> float:
    from eventlens.store import EventStore

    started = time.perf_counter()
    with EventStore(path) as store:
        for record, document in synthetic_records(events):
            store.save(record, document)
    return time.perf_counter() - started


def time_exports(path: Path, folder: Path) -> dict[str, tuple[float, int]]:
    from eventlens import export
    from eventlens.store import EventStore, Filters, clusters

    results = {}
    with EventStore(path) as store:
        for name in ("csv", "geojson", "jsonl", "parquet"):
            target = folder / f"events.{name}"
            started = time.perf_counter()
            if name == "parquet":
                written = export.write(clusters(store), name, path=str(target))
            else:
                with target.open("w", encoding="utf-8") as out:
                    written = export.write(clusters(store), name, out=out)
            results[f"export {name}"] = (time.perf_counter() - started, written)
        filters = Filters(country="ML", since=dt.date(2022, 1, 1), until=dt.date(2022, 6, 30),
                          bbox=(-8.0, 13.0, 0.0, 21.0))
        started = time.perf_counter()
        found = sum(1 for _ in clusters(store, filters))
        results["filtered query (country, half a year, bbox)"] = (time.perf_counter() - started, found)
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(HERE.parent.parent / "shared"))
    parser.add_argument("--limit", type=int, help="use only the first N documents for the throughput ratio")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--events", type=int, default=100_000, help="synthetic events in the store (0: skip)")
    args = parser.parse_args(argv)
    path = Path(args.shared) / "eval" / "data" / "events-gva-dev.jsonl"
    if not path.is_file():
        sys.exit(f"bench needs {path}; pass --shared")

    from eventlens import Document, extract_many

    documents = [Document(**d) for d in load_documents(path, args.limit)]
    list(extract_many(documents[:5]))  # warm up: model, gazetteer
    with tempfile.TemporaryDirectory() as folder:
        extract_s, ingest_s = [], []
        for _ in range(args.rounds):
            extract_s.append(time_extract(documents))
            ingest_s.append(time_ingest(documents, Path(folder)))
        best_extract, best_ingest = min(extract_s), min(ingest_s)
        print(f"corpus: {len(documents)} documents ({path.name})")
        print(f"extract alone: {len(documents) / best_extract:6.1f} docs/s")
        print(f"ingest:        {len(documents) / best_ingest:6.1f} docs/s (extract, store, de-duplicate)")
        print(f"throughput ratio ingest / extract: {best_extract / best_ingest:.2f}")
        if args.events:
            store_path = Path(folder) / "big.db"
            seconds = build_store(store_path, args.events)
            print(f"store of {args.events} synthetic events written in {seconds:.1f} s "
                  f"({args.events / seconds:.0f} events/s, with de-duplication)")
            for name, (seconds, rows) in time_exports(store_path, Path(folder)).items():
                print(f"{name}: {seconds:.2f} s, {rows} events")


if __name__ == "__main__":
    main()
