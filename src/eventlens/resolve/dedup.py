"""Cross-document de-duplication: the reports of one real-world event get one cluster.

Two reports (events, usually of different documents) are one occurrence when they are of one
type, nothing rules it out — dates within their precision, places within their precision —
and something ties them together (`same_occurrence`):

- identifying words of their evidence in common: the names of victims, attackers, streets,
  buildings (two of them, or one on the same day or in the same town);
- the same day in the same town, with nothing that tells them apart (each its own names, or
  different weapons): two shootings in one city on one day, with other victims, stay two;
- documents that tell one story, at one place: names in common across the whole articles
  (three where the dates agree to a day or two, six otherwise).

Names may outweigh one disagreement: reports misdate an event (a follow-up gives a later
development's date) or misplace it (a neighbouring town) more often than two events share
three names.

A report joins the clusters it is tied to, unless more than half their documents rule it out
(a guard against chains of near matches); tied to two, it joins them. A cluster is named after the id
of its first report's event. `Deduplicator` clusters a batch in memory; the store runs the
same rule against the reports it finds by type and date. `canonical_event` merges a
cluster's reports into one record: every source document, all evidence, the casualty range
over all reports with each report's figure kept as a claim, the most precise date and place.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from eventlens.models import Claim, Count, DateSpan, DocumentRecord, Event, EventBase, Record
from eventlens.resolve.gazetteer import km_between

__all__ = [
    "CanonicalEvent", "Deduplicator", "EvidenceSpan", "Report", "ReportedEvent", "canonical_event",
    "compatible", "identifying_words", "matching_clusters", "report_of", "reports_of", "same_occurrence", "story_words",
]

# A date derived from the publication (no time expression of its own) may be some days older.
INFERRED_SLACK_DAYS = 7
# Reports of one event often disagree by a day ("late Saturday" / "early Sunday").
DAY_TOLERANCE = 1
# How far apart two places may be and still be one event's place, by the coarser precision (km).
RADIUS_KM = {"exact": 30.0, "near": 40.0, "district": 80.0}
# Two populated places closer than this are one town for "same day, same town" (km).
SAME_TOWN_KM = 8.0
# Identifying words two reports must share to be tied by words alone.
SHARED_WORDS = 2
# ... and despite dates that disagree (a follow-up misdated, a later development's date).
STRONG_SHARED_WORDS = 3
# Identifying words two articles share when they tell one story; fewer when the dates agree.
STORY_WORDS = 6
STORY_WORDS_SAME_DAYS = 3
# A report with at least this many identifying words, none shared, is told apart.
WORDS_TO_TELL_APART = 3
CLOSE_DAYS = ("same", "close")
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
PLACE_RANK = {"exact": 0, "near": 1, "district": 2, "region": 3, "country": 4}

# Capitalised words: names of people, groups, streets and buildings, as a report writes them.
NAME_WORD = re.compile(r"(?<![\w'’-])[A-Z][A-Za-z'’-]*[a-z][A-Za-z'’-]*")
# Capitalised words that name no one in particular: calendar, titles, newsroom words.
COMMON_CAPITALISED = frozenset("""
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    january february march april may june july august september october november december
    mr mrs ms dr sgt lt capt col gen officer officers deputy deputies sheriff police chief
    detective detectives sergeant lieutenant captain trooper troopers agent agents
    department office county city state street avenue road drive boulevard lane
    news press associated reuters afp times post daily herald tribune journal update updated
    published copyright photo photos video map click read share facebook twitter email
    according authorities officials witnesses neighbors neighbours residents investigators
    north south east west northern southern eastern western central
    president minister ministry government army military forces force ministry spokesman spokeswoman
    one two three four five six seven eight nine ten several many some both another
    ave st rd blvd caption man woman men women boy girl
""".split())


@dataclass(frozen=True)
class Report:
    """What de-duplication compares of one event: the facts that place it, and its words."""

    event_id: str
    document_id: str
    event_type: str
    mode: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    date_precision: str | None = None
    date_inferred: bool = False
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: str | None = None
    country: str | None = None
    admin1: str | None = None
    words: frozenset[str] = frozenset()  # identifying words of the event's evidence
    story: frozenset[str] = frozenset()  # identifying words of the whole document


def reports_of(record: DocumentRecord, text: str) -> list[Report]:
    """The report of each event of RECORD, whose document's text is TEXT."""
    place_words = identifying_words(" ".join(p.text for p in record.places))
    story = identifying_words(text) - place_words
    return [report_of(e, record.id, text, place_words, story) for e in record.events]


def story_words(record: DocumentRecord, text: str) -> frozenset[str]:
    """The identifying words of a whole document, its place names left out."""
    return identifying_words(text) - identifying_words(" ".join(p.text for p in record.places))


def report_of(event: Event, document_id: str, text: str, place_words: frozenset[str] = frozenset(),
              story: frozenset[str] = frozenset()) -> Report:
    """The report EVENT makes, with the identifying words of its evidence in TEXT. PLACE_WORDS
    (of the document's place mentions) are left out: places are compared on their own."""
    date, place = event.date, event.location
    evidence = " ".join(text[start:end] for start, end in event.evidence)
    if place is not None:
        place_words = place_words | identifying_words(f"{place.name} {place.admin1 or ''} {place.text or ''}")
    return Report(
        event_id=event.id, document_id=document_id, event_type=event.event_type, mode=event.mode,
        start=date.start if date else None, end=date.end if date else None,
        date_precision=date.precision if date else None, date_inferred=bool(date and date.inferred),
        latitude=place.lat if place else None, longitude=place.lon if place else None,
        geo_precision=place.precision if place else None, country=place.country if place else None,
        admin1=place.admin1 if place else None,
        words=identifying_words(" ".join([evidence, *(a.text for a in event.actors)])) - place_words,
        story=story,
    )


def identifying_words(text: str) -> frozenset[str]:
    """Lower-cased capitalised words of TEXT that could name someone or something in particular.

    A word must have a lower-case letter ("Syed", not "SYED"): text in capitals gives nothing.
    """
    words = set()
    for match in NAME_WORD.finditer(text):
        word = match.group().lower().replace("’", "'").removesuffix("'s").strip("'-")
        if len(word) > 2 and word not in COMMON_CAPITALISED and word not in _stop_words():
            words.add(word)
    return frozenset(words)


def same_occurrence(a: Report, b: Report) -> float:
    """How surely A and B report one occurrence: 0 when they do not, higher when surer."""
    if a.event_type != b.event_type:
        return 0.0
    days, place = _dates_agree(a, b), _places_agree(a, b)
    shared = len(a.words & b.words)
    if days is not None and place is not None:
        if shared >= SHARED_WORDS or (shared and (days in CLOSE_DAYS or place == "same")):
            return 1.0 + shared + (days == "same") + (place == "same")
        if days in CLOSE_DAYS and place == "same" and not _told_apart(a, b):
            return 1.0 + (days == "same")
    elif _names_outweigh(days, place, shared, a, b):
        return float(shared)
    if _one_story(a, b, days) and _one_place(place, a, b):
        return 0.5
    return 0.0


def _names_outweigh(days: str | None, place: str | None, shared: int, a: Report, b: Report) -> bool:
    """Whether the names A and B share outweigh their one disagreement, of date or of place."""
    if days is None and place is None:
        return False
    if days is None:
        return shared >= STRONG_SHARED_WORDS
    same_country = not (a.country and b.country) or a.country == b.country
    return same_country and days in CLOSE_DAYS and shared >= STRONG_SHARED_WORDS


def _one_story(a: Report, b: Report, days: str | None) -> bool:
    """Whether A and B come from two articles that tell one story: names in common, fewer
    needed where the dates agree to a day or two."""
    needed = STORY_WORDS_SAME_DAYS if days in CLOSE_DAYS else STORY_WORDS
    return a.document_id != b.document_id and len(a.story & b.story) >= needed


def _one_place(place: str | None, a: Report, b: Report) -> bool:
    """One town, or places near each other known better than a region."""
    coarser = max(PLACE_RANK[a.geo_precision or "country"], PLACE_RANK[b.geo_precision or "country"])
    return place == "same" or (place == "near" and coarser <= PLACE_RANK["district"])


def compatible(a: Report, b: Report) -> bool:
    """Whether A and B may be one occurrence: tied, or at least not ruled out."""
    return same_occurrence(a, b) > 0 or (
        a.event_type == b.event_type and _dates_agree(a, b) is not None and _places_agree(a, b) is not None)


def matching_clusters(report: Report, candidates: Iterable[tuple[str, Report]]) -> list[str]:
    """The clusters REPORT belongs to among CANDIDATES (cluster id, member), surest first: those
    with a member tied to it, and not ruled out by half their documents or more. More than one
    means REPORT joins them: each holds part of one story."""
    members: dict[str, list[Report]] = defaultdict(list)
    for cluster_id, member in candidates:
        members[cluster_id].append(member)
    scored = []
    for cluster_id, reports in members.items():
        score = max(same_occurrence(report, m) for m in reports)
        if score > 0 and not _ruled_out(report, reports):
            scored.append((score, cluster_id))
    return [cluster_id for _, cluster_id in sorted(scored, key=lambda s: -s[0])]


def _ruled_out(report: Report, members: list[Report]) -> bool:
    """Whether half the documents of a cluster, or more, rule REPORT out (none of their
    events in the cluster is compatible with it): a guard against chains of near matches."""
    verdicts: dict[str, bool] = {}
    for member in members:
        verdicts[member.document_id] = verdicts.get(member.document_id, False) or compatible(report, member)
    return 2 * sum(verdicts.values()) < len(verdicts)


def _dates_agree(a: Report, b: Report) -> str | None:
    """How the dates of A and B agree: "same" (one day, both stated), "close" (within a day, or
    a date inferred from a report some days later), "overlap" (within a month or year),
    "unknown" (a report has no date), or None (they cannot be one day)."""
    if a.start is None or b.start is None:
        return "unknown"
    first, second = _day_span(a), _day_span(b)
    tolerance = dt.timedelta(days=DAY_TOLERANCE)
    if first[1] + tolerance < second[0] or second[1] + tolerance < first[0]:
        return None
    stated_days = not a.date_inferred and not b.date_inferred and a.date_precision == b.date_precision == "day"
    if stated_days and a.start == b.start:
        return "same"
    short = all(PRECISION_RANK[r.date_precision or "year"] <= PRECISION_RANK["week"] for r in (a, b))
    return "close" if short else "overlap"


def _day_span(report: Report) -> tuple[dt.date, dt.date]:
    start, end = report.start, report.end or report.start
    if report.date_inferred:
        start -= dt.timedelta(days=INFERRED_SLACK_DAYS)
    return start, end


def _places_agree(a: Report, b: Report) -> str | None:
    """How the places of A and B agree: "same" (one town), "near" (within their precision),
    "unknown" (a report has no place), or None (too far apart, or in different countries)."""
    if a.geo_precision is None or b.geo_precision is None:
        return "unknown"
    if a.country and b.country and a.country != b.country:
        return None
    coarser = max(a.geo_precision, b.geo_precision, key=PLACE_RANK.__getitem__)
    if coarser == "country":
        return "near"
    if coarser == "region":
        return "near" if _same_region(a, b) else None
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return "unknown"
    km = km_between(a.latitude, a.longitude, b.latitude, b.longitude)
    if km <= SAME_TOWN_KM and coarser in ("exact", "near"):
        return "same"
    return "near" if km <= RADIUS_KM[coarser] else None


def _same_region(a: Report, b: Report) -> bool:
    return not (a.admin1 and b.admin1) or a.admin1.casefold() == b.admin1.casefold()


def _told_apart(a: Report, b: Report) -> bool:
    """Whether something tells A and B apart: different weapons, or each its own names."""
    if a.mode and b.mode and a.mode != b.mode:
        return True
    return min(len(a.words), len(b.words)) >= WORDS_TO_TELL_APART and not a.words & b.words


def _stop_words() -> frozenset[str]:
    global _STOP_WORDS
    if _STOP_WORDS is None:
        from spacy.lang.en.stop_words import STOP_WORDS  # the words spaCy already ships

        _STOP_WORDS = frozenset(STOP_WORDS)
    return _STOP_WORDS


_STOP_WORDS: frozenset[str] | None = None


# ---------------------------------------------------------------- a batch in memory


class Deduplicator:
    """The clusters of a batch (`eventlens extract --dedup`): add every document, then read
    the records back with each event's `cluster` set. A report tied to two clusters joins
    them, so the final ids are known only once the whole batch is in."""

    def __init__(self) -> None:
        self._records: list[DocumentRecord] = []
        self._reports: dict[str, list[tuple[str, Report]]] = defaultdict(list)  # by event type
        self._parent: dict[str, str] = {}  # cluster id -> the cluster it was joined to

    def add(self, record: DocumentRecord, text: str) -> None:
        """Cluster the events of RECORD, whose document's text is TEXT."""
        for event, report in zip(record.events, reports_of(record, text)):
            candidates = self._reports[report.event_type]
            tied = matching_clusters(report, ((self._root(c), r) for c, r in candidates))
            cluster = tied[0] if tied else event.id
            for other in tied[1:]:
                self._parent[other] = cluster
            self._parent.setdefault(event.id, cluster)
            candidates.append((cluster, report))
        self._records.append(record)

    def records(self) -> Iterator[DocumentRecord]:
        """The records added, in order, each event with its cluster. Events of one document
        that turn out to be one occurrence are merged into the first (an extraction that split
        one story)."""
        for record in self._records:
            kept: dict[str, Event] = {}
            for event in record.events:
                cluster = self._root(event.id)
                if cluster in kept:
                    kept[cluster] = _absorb(kept[cluster], event)
                else:
                    kept[cluster] = event.model_copy(update={"cluster": cluster})
            yield record.model_copy(update={"events": list(kept.values())})

    def _root(self, cluster: str) -> str:
        while self._parent.get(cluster, cluster) != cluster:
            cluster = self._parent[cluster]
        return cluster


def _absorb(event: Event, other: Event) -> Event:
    """EVENT with the evidence of OTHER, a second account of it in the same document."""
    evidence = sorted(set(event.evidence) | set(other.evidence))
    return event.model_copy(update={"evidence": evidence})


# ---------------------------------------------------------------- the canonical event


class EvidenceSpan(Record):
    document: str
    start: int
    end: int


class CanonicalEvent(EventBase):
    """One real-world event with every report of it (CODEBOOK section 9, across documents)."""

    documents: list[str] = []
    events: list[str] = []
    evidence: list[EvidenceSpan] = []
    confidence: float


@dataclass(frozen=True)
class ReportedEvent:
    """An event with the document that reports it, as `canonical_event` needs them."""

    event: Event
    document_id: str
    published: dt.date | None = None


def canonical_event(cluster_id: str, reports: Sequence[ReportedEvent]) -> CanonicalEvent:
    """The one record of a cluster: REPORTS (in the order they were reported) merged."""
    events = [r.event for r in reports]
    first = min(reports, key=_report_order).event
    surest = max(events, key=lambda e: e.confidence)
    return CanonicalEvent(
        id=cluster_id, event_type=first.event_type,
        mode=_most_common(e.mode for e in events if e.mode),
        acled=surest.acled, status=_status(events), summary=first.summary,
        date=min((e.date for e in events if e.date), key=_date_rank, default=None),
        location=min((e.location for e in events if e.location), key=lambda p: PLACE_RANK[p.precision], default=None),
        actors=_unique(a for e in events for a in e.actors),
        fatalities=_range([e.fatalities for e in events]),
        injuries=_range([e.injuries for e in events]),
        sources=_unique(s for e in events for s in e.sources),
        claims=_claims(reports),
        documents=list(dict.fromkeys(r.document_id for r in reports)),
        events=[e.id for e in events],
        evidence=[EvidenceSpan(document=r.document_id, start=s, end=t) for r in reports for s, t in r.event.evidence],
        confidence=surest.confidence,
    )


def _report_order(report: ReportedEvent) -> tuple:
    return report.published or dt.date.max, report.event.id


def _date_rank(date: DateSpan) -> tuple:
    """Stated before inferred, then the most precise, then the earliest."""
    return date.inferred, PRECISION_RANK[date.precision], date.start


def _status(events: list[Event]) -> str:
    statuses = [e.status for e in events]
    return "occurred" if "occurred" in statuses else statuses[0]


def _most_common(values: Iterable[str]) -> str | None:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _unique(items: Iterable) -> list:
    return list({item.model_dump_json(): item for item in items}.values())


def _range(counts: list[Count | None]) -> Count | None:
    """The range over all reports: the lowest minimum to the highest maximum (open if any is)."""
    given = [c for c in counts if c is not None]
    if not given:
        return None
    maxima = [c.max for c in given]
    top = None if None in maxima else max(maxima)
    return Count(min=min(c.min for c in given), max=top)


def _claims(reports: Sequence[ReportedEvent]) -> list[Claim]:
    """Each report's figures, with the document that gives them, and the claims within reports."""
    claims = []
    for report in reports:
        event = report.event
        for name, count in (("fatalities", event.fatalities), ("injuries", event.injuries)):
            if count is not None:
                claims.append(Claim(field=name, min=count.min, max=count.max, source=report.document_id,
                                    text=count.text))
        claims.extend(event.claims)
    return claims
