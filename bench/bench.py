"""Benchmark: what eventlens costs on top of the spaCy pipeline it runs.

    python bench/bench.py --shared ../shared [--limit N] [--rounds 2]

In one process and one run, over the texts of events-gva-dev.jsonl:
  - bare `nlp.pipe` of the same spaCy model, and eventlens extraction (the model plus the
    project's components and record building), each timed `--rounds` times, alternating,
    best round kept; docs/s, words/s and the ratio eventlens / bare;
  - cold start: a fresh process, from start to the first record of one short article;
  - peak RSS: of a fresh `eventlens extract` process over the same texts.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHORT_ARTICLE = ("Two soldiers were killed when gunmen opened fire on an army patrol near Kidal on "
                 "Tuesday, the army said.")
COLD_START = ("import time, eventlens; t0 = time.perf_counter(); "
              "eventlens.extract({text!r}, published='2024-03-14'); print(time.perf_counter() - t0)")


def load_documents(path: Path, limit: int | None) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [{k: row.get(k) for k in ("id", "title", "published", "url", "text")} for row in rows][:limit]


def time_bare(texts: list[str]) -> float:
    import spacy

    from eventlens.nlp import MODEL

    nlp = spacy.load(MODEL)
    list(nlp.pipe(texts[:5]))  # warm up
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - started


def time_eventlens(documents: list[dict]) -> float:
    from eventlens import Document, extract_many

    docs = [Document(**d) for d in documents]
    list(extract_many(docs[:5]))  # warm up: model, gazetteer
    started = time.perf_counter()
    for _ in extract_many(docs):
        pass
    return time.perf_counter() - started


def cold_start() -> float:
    """Seconds from a new interpreter's start to the first record of a short article."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", COLD_START.format(text=SHORT_ARTICLE)], check=True, capture_output=True)
    return time.perf_counter() - started


def peak_rss_mb(path: Path, limit: int | None) -> float:
    """Peak resident memory of `eventlens extract` over the documents, in MB."""
    documents = load_documents(path, limit)
    payload = "".join(json.dumps(d) + "\n" for d in documents)
    command = [str(Path(sys.executable).parent / "eventlens"), "extract", "--format", "jsonl", "-"]
    subprocess.run(command, input=payload, text=True, capture_output=True, check=True)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(HERE.parent.parent / "shared"))
    parser.add_argument("--limit", type=int, help="use only the first N documents")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    path = Path(args.shared) / "eval" / "data" / "events-gva-dev.jsonl"
    if not path.is_file():
        sys.exit(f"bench needs {path}; pass --shared")

    documents = load_documents(path, args.limit)
    texts = [d["text"] for d in documents]
    words = sum(len(t.split()) for t in texts)
    bare, ours = [], []
    for _ in range(args.rounds):
        bare.append(time_bare(texts))
        ours.append(time_eventlens(documents))
    bare_s, ours_s = min(bare), min(ours)

    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}, "
          f"{_cpu_count()} cores")
    print(f"corpus: {len(texts)} documents, {words} words ({path.name})")
    print(f"bare spaCy:  {len(texts) / bare_s:7.1f} docs/s {words / bare_s:9.0f} words/s")
    print(f"eventlens:   {len(texts) / ours_s:7.1f} docs/s {words / ours_s:9.0f} words/s")
    print(f"throughput ratio eventlens / bare spaCy: {bare_s / ours_s:.2f}")
    print(f"cold start (first record, fresh process): {cold_start():.2f} s")
    print(f"peak RSS (eventlens extract over the corpus): {peak_rss_mb(path, args.limit):.0f} MB")


def _cpu_count() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    main()
