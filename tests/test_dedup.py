"""De-duplication: reports of one real-world event share a cluster; other events stay apart."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from articles import ARTICLES, as_jsonl

from eventlens.models import Count, DateSpan, DocumentRecord, Event, Location
from eventlens.resolve.dedup import (
    Deduplicator, ReportedEvent, canonical_event, identifying_words, report_of, same_occurrence,
)

ROOT = Path(__file__).resolve().parent.parent
BUNIA = {"name": "Bunia", "lat": 1.5594, "lon": 30.2522, "country": "CD", "admin1": "Ituri", "precision": "exact"}


def event(event_id, *, day="2024-03-11", precision="day", inferred=False, place=BUNIA, mode="firearms",
          killed=None, evidence=((0, 10),), event_type="ASSAULT"):
    date = None
    if day:
        start = dt.date.fromisoformat(day)
        end = start.replace(day=28) if precision == "month" else start
        date = DateSpan(start=start, end=end, precision=precision, inferred=inferred)
    return Event(id=event_id, event_type=event_type, mode=mode, summary="…", date=date,
                 location=Location(**place) if place else None,
                 fatalities=Count(min=killed[0], max=killed[1]) if killed else None,
                 evidence=list(evidence), confidence=0.9)


def test_identifying_words_are_names_not_common_words():
    words = identifying_words("On Monday police said Moses Lutete Kaseya was shot in Bunia. THE END")
    assert {"moses", "lutete", "kaseya", "bunia"} <= words
    assert not words & {"monday", "police", "the", "end"}


def test_shared_names_make_one_occurrence():
    text = "Moses Lutete Kaseya was wounded at the Wamba market."
    a = report_of(event("a#e1", evidence=[(0, len(text))]), "a", text)
    b = report_of(event("b#e1", day="2024-03-01", precision="month", evidence=[(0, len(text))]), "b", text)
    assert same_occurrence(a, b) > 0


def test_same_day_same_town_with_nothing_to_tell_them_apart_is_one():
    assert same_occurrence(report_of(event("a#e1"), "a", ""), report_of(event("b#e1"), "b", "")) > 0


def test_same_day_same_town_told_apart_by_weapon_or_names():
    a, b = report_of(event("a#e1"), "a", ""), report_of(event("b#e1", mode="explosives"), "b", "")
    assert same_occurrence(a, b) == 0
    first, second = "Amina Diallo Sow and Karim Traore Ba died.", "Pierre Ngoma Lukusa and Jean Mbeki Tala died."
    a = report_of(event("a#e1", evidence=[(0, len(first))]), "a", first)
    b = report_of(event("b#e1", evidence=[(0, len(second))]), "b", second)
    assert same_occurrence(a, b) == 0


def test_dates_and_places_beyond_their_precision_rule_out():
    far = dict(BUNIA, name="Goma", lat=-1.6792, lon=29.2228)
    assert same_occurrence(report_of(event("a#e1"), "a", ""), report_of(event("b#e1", place=far), "b", "")) == 0
    assert same_occurrence(report_of(event("a#e1"), "a", ""),
                           report_of(event("b#e1", day="2024-03-20"), "b", "")) == 0
    # A date inferred from a report published days later may be the same day.
    later = report_of(event("b#e1", day="2024-03-14", inferred=True), "b", "")
    assert same_occurrence(report_of(event("a#e1"), "a", ""), later) > 0


def test_canonical_event_keeps_every_report():
    first = ReportedEvent(event("a#e1", killed=(3, 3), precision="month", day="2024-03-01"), "a",
                          dt.date(2024, 3, 12))
    second = ReportedEvent(event("b#e1", killed=(5, None), place=dict(BUNIA, precision="near")), "b",
                           dt.date(2024, 3, 14))
    canonical = canonical_event("a#e1", [first, second])
    assert canonical.documents == ["a", "b"] and canonical.events == ["a#e1", "b#e1"]
    assert (canonical.fatalities.min, canonical.fatalities.max) == (3, None)
    assert {(c.source, c.min, c.max) for c in canonical.claims} == {("a", 3, 3), ("b", 5, None)}
    assert canonical.date.precision == "day" and canonical.location.precision == "exact"
    assert [e.document for e in canonical.evidence] == ["a", "b"]


def test_deduplicator_merges_one_documents_split_story():
    text = "Moses Lutete Kaseya and Amina Sow were shot."
    record = DocumentRecord(id="a", events=[event("a#e1", evidence=[(0, len(text))]),
                                            event("a#e2", evidence=[(0, len(text))])])
    dedup = Deduplicator()
    dedup.add(record, text)
    (merged,) = dedup.records()
    assert [e.id for e in merged.events] == ["a#e1"] and merged.events[0].cluster == "a#e1"


def test_extract_dedup_clusters_reports_across_articles():
    result = subprocess.run([sys.executable, "-m", "eventlens", "extract", "--dedup", "-"], input=as_jsonl(ARTICLES),
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    records = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert list(records) == ["market-1", "market-2", "bar-grenade"]
    cluster = {doc: [e["cluster"] for e in r["events"] if e["event_type"] == "ASSAULT"] for doc, r in records.items()}
    assert cluster["market-1"] == cluster["market-2"] == ["market-1#e1"]
    assert cluster["bar-grenade"] == ["bar-grenade#e1"]  # same town, same day, another attack
