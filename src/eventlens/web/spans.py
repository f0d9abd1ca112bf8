"""Every extracted span of a document, for the page to highlight.

The store keeps offsets for evidence sentences, place mentions and time expressions. The
other values (an event's date and place words, casualty phrases, actor and source mentions)
are kept as the words extraction read; they are found again in the text, first inside the
event's own evidence sentences, so that a word used twice is marked where it was read.
A value whose words are not in the text (a phrase extraction composed) has no span.
"""

from __future__ import annotations

import re

Span = dict  # {"start", "end", "kind", "text", "label", "event"}


def document_spans(text: str, events: list[dict], children: dict[str, dict[str, list[dict]]],
                   places: list[dict], times: list[dict]) -> list[Span]:
    """Spans of TEXT, ordered by position: document-level places and times (`event` None),
    and for each event its evidence and each value found."""
    spans = [_span(p["char_start"], p["char_end"], "place", p["text"], _place_label(p)) for p in places]
    spans += [_span(t["char_start"], t["char_end"], "time", t["text"], f"{t['type']} {t['value'] or ''}".strip())
              for t in times]
    for event in events:
        rows = children.get(event["id"], {})
        evidence = [(e["char_start"], e["char_end"]) for e in rows.get("evidence", [])]
        spans += [_span(start, end, "evidence", text[start:end], f"evidence of {event['event_type']}", event["id"])
                  for start, end in evidence]
        for kind, words, label in _values(event, rows):
            found = locate(words, text, evidence)
            if found:
                spans.append(_span(*found, kind, text[found[0]:found[1]], label, event["id"]))
    return sorted(spans, key=lambda s: (s["start"], -s["end"]))


def _values(event: dict, rows: dict[str, list[dict]]) -> list[tuple[str, str | None, str]]:
    """(kind, words, label) of each value of an event that extraction took from words."""
    values = [
        ("date", event["date_text"], f"date: {event['event_date']} ({event['date_precision']})"),
        ("location", event["location_text"], f"place: {event['location']} ({event['geo_precision']})"),
        ("fatalities", event["fatalities_text"],
         f"killed: {_range(event['fatalities_min'], event['fatalities_max'])}"),
        ("injuries", event["injuries_text"], f"injured: {_range(event['injuries_min'], event['injuries_max'])}"),
    ]
    values += [("actor", a["text"], f"{a['role']}: {a['name']} ({a['type']})") for a in rows.get("actors", [])]
    values += [("source", s["text"], f"source: {s['name']}") for s in rows.get("sources", [])]
    return values


def locate(words: str | None, text: str, windows: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Where WORDS occur in TEXT (any case): first inside one of WINDOWS, else anywhere."""
    if not words or not words.strip():
        return None
    pattern = re.compile(re.escape(words.strip()), re.IGNORECASE)
    for start, end in [*windows, (0, len(text))]:
        match = pattern.search(text, start, end)
        if match:
            return match.start(), match.end()
    return None


def _span(start: int, end: int, kind: str, text: str, label: str, event: str | None = None) -> Span:
    return {"start": start, "end": end, "kind": kind, "text": text, "label": label, "event": event}


def _place_label(place: dict) -> str:
    where = f" at {place['latitude']:.3f}, {place['longitude']:.3f}" if place["latitude"] is not None else ""
    return f"place: {place['name']}{', ' + place['country'] if place['country'] else ''}{where}"


def _range(low: int | None, high: int | None) -> str:
    if low is None:
        return "?"
    if high is None:
        return f"at least {low}"
    return str(low) if low == high else f"{low} to {high}"
