"""Benchmark: what eventlens costs on top of the spaCy pipeline it runs.

    python bench/bench.py --shared ../shared [--limit N] [--rounds 2]

In one process and one run, over the texts of events-gva-dev.jsonl:
  - bare `nlp.pipe` of the same spaCy model, and eventlens extraction (the model plus the
    project's components and record building), each timed `--rounds` times, alternating,
    best round kept; docs/s, words/s and the ratio eventlens / bare;
  - the project's own components alone: gazetteer lookups per second (a fresh index handle,
    so no lookup is cached) and time expressions normalised per second (the timex component
    over Docs the model has already parsed);
  - cold start: a fresh process, from start to the first record of one short article;
  - peak RSS: of a fresh `eventlens extract` process over the same texts, and over one article.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Runs a command and prints the peak RSS of that child alone, in MB.
RSS_PROBE = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdin=sys.stdin, "
             "stdout=subprocess.DEVNULL, check=True); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
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

    from eventlens.api import BATCH_SIZE

    nlp = spacy.load(MODEL)
    list(nlp.pipe(texts[:5]))  # warm up
    started = time.perf_counter()
    # The batch size eventlens uses: spaCy pads a batch to its longest text, so a different
    # size would change the cost of the model itself, not of what eventlens adds.
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
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


def gazetteer_lookups(texts: list[str]) -> tuple[int, float]:
    """(lookups, seconds) for every capitalised word and word pair of the texts, uncached."""
    from eventlens.resolve.gazetteer import Gazetteer

    names = sorted({m.group() for t in texts for m in re.finditer(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", t)})
    gazetteer = Gazetteer.open()
    started = time.perf_counter()
    for name in names:
        gazetteer.lookup(name)
    return len(names), time.perf_counter() - started


def normalisations(documents: list[dict]) -> tuple[int, int, float]:
    """(documents, time expressions, seconds) for the timex component alone."""
    from eventlens import Document
    from eventlens.nlp import load_pipeline, make_doc

    nlp = load_pipeline()
    own = [name for name in nlp.pipe_names if name.startswith("eventlens")]
    docs = list(nlp.pipe((make_doc(nlp, Document(**d)) for d in documents), disable=own))
    timex = nlp.get_pipe("eventlens_timex")
    started = time.perf_counter()
    found = sum(len(timex(doc).spans["timex"]) for doc in docs)
    return len(docs), found, time.perf_counter() - started


def cold_start() -> float:
    """Seconds from a new interpreter's start to the first record of a short article."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", COLD_START.format(text=SHORT_ARTICLE)], check=True, capture_output=True)
    return time.perf_counter() - started


def peak_rss_mb(documents: list[dict]) -> float:
    """Peak resident memory of a fresh `eventlens extract` process over DOCUMENTS, in MB."""
    payload = "".join(json.dumps(d) + "\n" for d in documents)
    command = [str(Path(sys.executable).parent / "eventlens"), "extract", "--format", "jsonl", "-"]
    run = subprocess.run([sys.executable, "-c", RSS_PROBE, *command], input=payload, text=True,
                         capture_output=True, check=True)
    return float(run.stdout.strip())


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
    lookups, seconds = gazetteer_lookups(texts)
    print(f"gazetteer: {lookups / seconds:,.0f} lookups/s ({lookups} names, uncached)")
    n_docs, n_timex, seconds = normalisations(documents)
    print(f"time expressions: {n_timex / seconds:,.0f} normalisations/s, {n_docs / seconds:,.0f} docs/s "
          f"(timex component alone, {n_timex} expressions)")
    print(f"cold start (first record, fresh process): {cold_start():.2f} s")
    print(f"peak RSS (eventlens extract, one article): {peak_rss_mb(documents[:1]):.0f} MB")
    print(f"peak RSS (eventlens extract over the corpus): {peak_rss_mb(documents):.0f} MB")


def _cpu_count() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    main()
