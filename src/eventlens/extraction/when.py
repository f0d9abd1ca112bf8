"""When an event happened, and the document's list of time expressions.

An event takes the time expression of its own clause, else its sentence's (CODEBOOK 4). An
event with none of its own is dated `inferred`: by the day the story's narrative gives first
in the week before the report ("Police were called early Sunday …"), else the day of the
statement it is attributed to ("the army said on Friday"), else the anchor (the publication
date, or the dateline)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from eventlens.models import DateSpan, Document, TimeMention

PRECISION_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}
# A clock time alone ("about 7 p.m.") says the hour of a day the text gave before; it is
# resolved to the anchor's day, so it neither dates an event nor tells two events apart.
CLOCK_ONLY = re.compile(
    r"^(?:about|around|approximately|roughly|just|shortly|before|after|at|by|until|some|"
    r"\d{1,2}(?::\d{2})?|a\.?m\.?|p\.?m\.?|noon|midnight|o'clock|[ECMP][SD]T|GMT|UTC|local|time|[\s.,:-])+$",
    re.IGNORECASE)


def is_clock_only(span: Span) -> bool:
    return bool(CLOCK_ONLY.match(span.text))


def event_date(mentions, doc: Doc, document: Document) -> DateSpan | None:
    """The most precise date the event's mentions give, else the anchor date, inferred."""
    dated = [m.timex for m in mentions if m.timex is not None and _value(m.timex) is not None
             and not is_clock_only(m.timex)]
    if dated:
        best = min(dated, key=lambda span: PRECISION_ORDER.get(_value(span).precision or "year", 3))
        value = _value(best)
        return DateSpan(start=value.start, end=value.end or value.start, precision=value.precision or "day",
                        inferred=False, text=document.text[best.start_char:best.end_char])
    anchor = doc._.anchor or document.published
    if anchor is None:
        return None
    day = _context_day(mentions) or _story_day(doc, anchor) or _report_day(mentions) or anchor
    return DateSpan(start=day, end=day, precision="day", inferred=True, text=None)


def _context_day(mentions):
    """The day of another event told in the same sentence ("appeared in court Monday on
    murder charges"): the nearest a sentence comes to dating an event it names in passing."""
    return _first_day(m.context_timex for m in mentions)


def _report_day(mentions):
    """The day the event was reported on ("the army said on Friday")."""
    return _first_day(m.report_timex for m in mentions)


def _first_day(spans):
    for span in spans:
        value = _value(span) if span is not None else None
        if value is not None and value.precision == "day" and not is_clock_only(span):
            return value.start
    return None


def _story_day(doc: Doc, anchor):
    """The day the document's own narrative gives first: the earliest-told day in the week
    before the anchor ("Police were called early Sunday …")."""
    for span in doc.spans.get("timex", []):
        value = _value(span)
        if value is None or is_clock_only(span) or value.precision != "day" or value.future:
            continue
        if 0 <= (anchor - value.start).days <= 7:
            return value.start
    return None


def _value(span):
    value = span._.timex
    return value if value is not None and getattr(value, "start", None) is not None else None


def time_mentions(doc: Doc, text: str) -> list[TimeMention]:
    mentions = []
    for span in doc.spans.get("timex", []):
        value = span._.timex
        if value is None:
            continue
        mentions.append(TimeMention(start=span.start_char, end=span.end_char,
                                    text=text[span.start_char:span.end_char], type=value.type, value=value.value))
    return mentions
