"""When an event happened, and the document's list of time expressions.

An event takes the most precise of the time expressions its mentions own (their clause's,
else their sentence's; CODEBOOK 4), of the days its casualties' clauses give ("On May 30, a
neighbour found two people dead") and of days a later sentence restates ("It happened on
July 14"). Expressions whose day the context supplies ("that day", "about 7 p.m.") and a
page's stamp ("Updated: June 7, 2019") date nothing.

An event with none is dated `inferred`: by the day of another event its sentence tells ("in
court Monday"), else the day the story's narrative gives first in the week before the report
("Police were called early Sunday …"), else the day of the statement it is attributed to
("the army said on Friday"), else the anchor (the publication date, or the dateline)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from eventlens.models import DateSpan, Document, TimeMention
from eventlens.nlp.casualties import clause_times
from eventlens.nlp.timex import calendar_span, calendar_value, dates_no_event, in_noun_phrase

# Deaths these verbs tell may follow the attack by days.
LATER_DEATH_VERBS = {"die", "succumb", "pass"}
PRECISION_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}


def event_date(mentions, doc: Doc, document: Document, casualties=(), restated=()) -> DateSpan | None:
    """The most precise date the event's mentions give, the day its casualties were found
    ("On May 30, a neighbour found two people dead") or a sentence restates ("It happened on
    July 14"), else the anchor date, inferred."""
    dated = [m.timex for m in mentions if m.timex is not None and calendar_value(m.timex) is not None
             and not dates_no_event(m.timex)]
    dated += [span for casualty in casualties for span in _casualty_days(doc, casualty)]
    dated += [span for span in restated if calendar_value(span) is not None]
    if dated:
        best = min(dated, key=_narrowness)
        value = calendar_value(best)
        return DateSpan(start=value.start, end=value.end or value.start, precision=value.precision or "day",
                        inferred=False, text=_text(document, calendar_span(best)))
    anchor = doc._.anchor or document.published
    if anchor is None:
        return None
    day = _context_day(mentions) or _story_day(doc, anchor) or _report_day(mentions) or anchor
    return DateSpan(start=day, end=day, precision="day", inferred=True, text=None)


def _narrowness(span: Span) -> tuple[int, int]:
    """How broad a date is: its precision, then its length ("the weekend" spans two days)."""
    value = calendar_value(span)
    return PRECISION_ORDER.get(value.precision or "year", 3), ((value.end or value.start) - value.start).days


def _casualty_days(doc: Doc, casualty) -> list[Span]:
    """The days a casualty's own clause gives, unless it counts over a period, or tells a
    death that may have come days after the attack ("she died Monday of her wounds")."""
    predicate = doc[casualty.predicate]
    if casualty.tally or predicate.lemma_.lower() in LATER_DEATH_VERBS:
        return []
    spans = clause_times(predicate)
    if predicate.pos_ in ("NOUN", "PROPN"):  # "the May 3 killing"; not the headline's date
        spans = [span for span in spans if in_noun_phrase(predicate, span)]
    return [span for span in spans if (value := _day_value(span)) is not None and not value.future]


def _context_day(mentions):
    """The day of another event told in the same sentence ("appeared in court Monday on
    murder charges"): the nearest a sentence comes to dating an event it names in passing."""
    return _first_day(m.context_timex for m in mentions)


def _report_day(mentions):
    """The day the event was reported on ("the army said on Friday")."""
    return _first_day(m.report_timex for m in mentions)


def _first_day(spans):
    for span in spans:
        value = _day_value(span) if span is not None else None
        if value is not None:
            return value.start
    return None


def _story_day(doc: Doc, anchor):
    """The day the document's own narrative gives first: the earliest-told day in the week
    before the anchor ("Police were called early Sunday …")."""
    for span in doc.spans.get("timex", []):
        value = _day_value(span)
        if value is None or value.future:
            continue
        if 0 <= (anchor - value.start).days <= 7:
            return value.start
    return None


def _day_value(span: Span):
    """SPAN's value if it names one day that may date an event, else None."""
    value = calendar_value(span)
    if value is None or value.precision != "day" or dates_no_event(span):
        return None
    return value


def _text(document: Document, span: Span) -> str:
    return document.text[span.start_char:span.end_char]


def time_mentions(doc: Doc, text: str) -> list[TimeMention]:
    mentions = []
    for span in doc.spans.get("timex", []):
        value = span._.timex
        if value is None:
            continue
        mentions.append(TimeMention(start=span.start_char, end=span.end_char,
                                    text=text[span.start_char:span.end_char], type=value.type, value=value.value))
    return mentions
