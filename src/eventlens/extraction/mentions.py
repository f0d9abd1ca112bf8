"""Event mentions: one per trigger word, with what its clause and sentence say about it.

A mention is the unit the parse gives us: "gunmen opened fire" in one sentence, "both
soldiers died" in another. `merge.py` decides which mentions are one event.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from eventlens.extraction.actors import ActorRef, actor_refs
from eventlens.extraction.attribution import SourceRef, sources_in, speech_verbs
from eventlens.resolve.actors import affiliation_heads
from eventlens.extraction.status import NOT_ASSERTED, clause_head, event_status
from eventlens.extraction.where import place_rank
from eventlens.nlp.casualties import Casualty, CasualtyLexicon
from eventlens.nlp.timex import dates_no_event, governing_verb, in_noun_phrase, timex_for_token

# Verbs that say an event named by a noun took place ("the shooting happened Sunday").
OCCURRENCE_VERBS = {"happen", "occur", "take", "erupt", "break", "unfold", "begin", "start", "end",
                    "continue", "leave", "claim", "follow", "come", "be", "report", "hit", "rock", "kill"}
# An occurrence lasts at most this long; a span longer than this with a perfect tense counts many.
LONGEST_EVENT_DAYS = 31
# "It happened on July 14": a verb that says only that the event took place, and subjects
# that point back to it.
RESTATING_VERBS = {"happen", "occur"}
POINTING_BACK = {"it", "this", "that"}
RANGE_ENDS = {"to", "until", "till", "through", "-", "–", "and"}
PATH_PREPOSITIONS = {"to", "from", "toward", "towards"}


@dataclass
class Mention:
    trigger: Span
    type: str
    mode: str | None
    weight: float
    status: str
    actors: list[ActorRef] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    toponyms: list[Span] = field(default_factory=list)  # where, best first
    timex: Span | None = None  # when the event happened, as its own clause or sentence says
    context_timex: Span | None = None  # the day of another event its sentence tells ("in court Monday")
    report_timex: Span | None = None  # when it was reported ("police said Friday")
    sources: list[SourceRef] = field(default_factory=list)

    @property
    def sentence(self) -> Span:
        return self.trigger.sent


def find_mentions(doc: Doc) -> tuple[list[Mention], list[Casualty]]:
    """The asserted event mentions of DOC, and the casualty figures no mention in their
    sentence could take ("Two died at the scene" after a sentence about the attack)."""
    mentions = []
    for trigger in doc.spans["triggers"]:
        info = trigger._.trigger
        timex, context_timex, report_timex = _sentence_dates(doc, trigger)
        if timex is not None and _is_tally(timex, trigger):
            continue  # "300 people have died in shootings since 2010": a statistic, not an event
        future = bool(timex is not None and timex._.timex is not None and timex._.timex.future)
        status = event_status(trigger, future_date=future)
        if status == NOT_ASSERTED:
            continue
        mentions.append(Mention(
            trigger=trigger, type=info.type, mode=info.mode, weight=info.weight, status=status,
            actors=actor_refs(trigger, info.type), toponyms=_toponyms_for(doc, trigger),
            timex=timex, context_timex=context_timex, report_timex=report_timex,
            sources=sources_in(trigger.sent),
        ))
    orphans = _assign_casualties(doc, mentions)
    return mentions, orphans


def restated_dates(doc: Doc) -> list[Span]:
    """Days that sentences like "It happened at 9 p.m. on July 14" give the event told just
    before them: the subject points back, the verb says only that it took place."""
    found = []
    for sentence in doc.sents:
        root = sentence.root
        if root.lemma_.lower() not in RESTATING_VERBS:
            continue
        if not any(c.dep_ == "nsubj" and c.lower_ in POINTING_BACK for c in root.children):
            continue
        timex = timex_for_token(doc, root.i)
        if timex is not None and not dates_no_event(timex):
            found.append(timex)
    return found


def _sentence_dates(doc: Doc, trigger: Span) -> tuple[Span | None, Span | None, Span | None]:
    """(the event's own time expression, one that dates another event of its sentence, one that
    dates the statement reporting it). In "the army said on Friday that rebels attacked",
    Friday is when it was said; in "he appeared in court Monday on murder charges", Monday
    is the day of the hearing."""
    timex = timex_for_token(doc, trigger.root.i)
    if timex is None:
        return None, None, None
    verb = governing_verb(timex)
    if trigger.root.pos_ != "VERB" and in_noun_phrase(trigger.root, timex):
        return timex, None, None  # "named a man wanted for the raid last Friday"
    if verb is not None and verb.i != trigger.root.i and verb.lemma_.lower() in speech_verbs():
        return None, None, timex
    if not _dates_the_noun(trigger, verb) or _dates_another_type(trigger, verb):
        return None, timex, None
    return timex, None, None


def _is_tally(timex: Span, trigger: Span) -> bool:
    """Whether the event's time is a span many events fill: a count over a period ("since
    2010", "each year", "have been killed this year") rather than one occurrence."""
    value = timex._.timex
    if value is None:
        return False
    if value.type == "SET" or _counts_from(timex):
        return True
    long = value.start is not None and value.end is not None and (value.end - value.start).days > LONGEST_EVENT_DAYS
    clause = clause_head(trigger.root)
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in clause.children)
    return long and perfect


def _counts_from(timex: Span) -> bool:
    """Whether the expression is where a count or a comparison starts ("since 2010", "rose 20%
    from last year", "more than last month") rather than when something happened; "from
    Monday" or "no later than Friday" still date an event."""
    doc, value = timex.doc, timex._.timex
    before = doc[timex.start - 1].lower_ if timex.start > 0 else ""
    after = doc[timex.end].lower_ if timex.end < len(doc) else ""
    if before == "since":
        return True
    a_month_or_more = value.start is not None and value.end is not None and (value.end - value.start).days >= 27
    return before in {"from", "than"} and after not in RANGE_ENDS and a_month_or_more


def _dates_the_noun(trigger: Span, verb: Token | None) -> bool:
    """Whether a time expression hanging from VERB dates an event named by a noun: "the attack
    happened Sunday" — but not "appeared in court Monday on charges of murder", where the day
    belongs to another, later event. (The noun's own phrase is checked before.)"""
    if trigger.root.pos_ == "VERB" or verb is None:
        return True
    if trigger.root.dep_ == "compound":
        return False  # "the murder charges will be heard Wednesday": the charges' day
    lemma = verb.lemma_.lower()
    if lemma in OCCURRENCE_VERBS or lemma in CasualtyLexicon.from_data().harm_verbs:
        return True  # "the raid happened Sunday", "was hit by gunfire on May 2"
    # "killed in an attack on Sunday" dates the attack; "arrested Monday in the shooting" does not
    return _trigger_type(trigger.doc, verb.i) == trigger._.trigger.type


def _dates_another_type(trigger: Span, verb: Token | None) -> bool:
    """Whether the expression hangs from the verb of an event of another type: in "a man wanted
    over the raid that left six injured was detained Friday", Friday is the detention's."""
    if verb is None or verb.i == trigger.root.i:
        return False
    other = _trigger_type(trigger.doc, verb.i)
    return other is not None and other != trigger._.trigger.type


def _trigger_type(doc: Doc, i: int) -> str | None:
    return next((span._.trigger.type for span in doc.spans.get("triggers", []) if span.root.i == i), None)


def _toponyms_for(doc: Doc, trigger: Span) -> list[Span]:
    """Toponyms that may say where the event happened: its clause's first, then its sentence's."""
    if "toponyms" not in doc.spans:
        return []
    sentence = trigger.sent
    clause = clause_head(trigger.root)
    in_clause, in_sentence = [], []
    for span in doc.spans["toponyms"]:
        if span.start < sentence.start or span.end > sentence.end or span._.place is None:
            continue
        if span.label_ == "demonym" or _is_affiliation(span) or _is_destination(span):
            continue  # "the Malian army", "U.S. troops", "the highway to Tegucigalpa": not where
        (in_clause if _within(span.root, clause) else in_sentence).append(span)
    return sorted(in_clause, key=place_rank) + sorted(in_sentence, key=place_rank)


def _is_affiliation(span: Span) -> bool:
    """A place name that modifies an actor ("U.S. troops", "Honduran police", "Kenya's army")."""
    root = span.root
    return root.dep_ in {"compound", "amod", "poss", "nmod"} and root.head.lemma_.lower() in affiliation_heads()


def _is_destination(span: Span) -> bool:
    """A place at an end of a path a noun names ("the highway to X", "a flight from X"): where
    something leads, not where the event happened."""
    root = span.root
    return (root.dep_ == "pobj" and root.head.lower_ in PATH_PREPOSITIONS
            and root.head.head.pos_ == "NOUN" and root.head.head.i < root.i)


def _within(token: Token, clause: Token) -> bool:
    current = token
    for _ in range(12):
        if current.i == clause.i:
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _assign_casualties(doc: Doc, mentions: list[Mention]) -> list[Casualty]:
    """Give each casualty figure to the violent mention of its clause, else of its sentence."""
    if "casualties" not in doc.spans:
        return []
    violent = [m for m in mentions if m.type == "ASSAULT" and m.status == "occurred"]
    orphans = []
    for span in doc.spans["casualties"]:
        casualty = span._.casualty
        predicate = doc[casualty.predicate]
        same_sentence = [m for m in violent if m.sentence.start == span.sent.start]
        if not same_sentence:
            orphans.append(casualty)
            continue
        clause = clause_head(predicate)
        owner = next((m for m in same_sentence if clause_head(m.trigger.root).i == clause.i), None)
        owner = owner or min(same_sentence, key=lambda m: abs(m.trigger.root.i - predicate.i))
        owner.casualties.append(casualty)
    return orphans
