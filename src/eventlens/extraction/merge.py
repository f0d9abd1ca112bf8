"""Which mentions in one document are one event (CODEBOOK section 1).

Mentions of the same type merge unless they disagree on the day or the place, or the text
marks a new incident ("another attack", "in a separate incident"). Violent events merge across
the document (a shooting told in five sentences is one event); other types merge only within a
sentence or when they share an actor, since statements and meetings recur with other parties.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from eventlens.extraction.mentions import Mention
from eventlens.extraction.where import coherent
from eventlens.nlp.casualties import Casualty, clause_times
from eventlens.nlp.timex import calendar_value, dates_no_event
from eventlens.resolve.gazetteer import km_between

NEW_INCIDENT = {"another", "separate", "earlier", "previous", "second", "similar", "other", "latest",
                "last", "unrelated", "different", "recent", "prior"}
# Places further apart than this are different places for a day's event (km).
SAME_PLACE_KM = 40.0
# Types whose mentions run through a whole report about one incident.
STORY_TYPES = {"ASSAULT"}


@dataclass
class Cluster:
    """The mentions of one event, and the casualty figures stated about it."""

    mentions: list[Mention] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    restated: list[Span] = field(default_factory=list)  # its days told again ("It happened on …")

    @property
    def type(self) -> str:
        return self.mentions[0].type

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.casualties.extend(mention.casualties)


def merge_mentions(mentions: list[Mention], orphans: list[Casualty], focus=None, restated=()) -> list[Cluster]:
    """Mentions grouped into events. FOCUS is the place the document is about (or None);
    RESTATED, days that sentences like "It happened on July 14" give the event before them."""
    clusters: list[Cluster] = []
    for mention in mentions:
        target = next((c for c in reversed(clusters) if _compatible(c, mention, focus) or _absorbs(c, mention)),
                      None)
        if target is None:
            target = Cluster()
            clusters.append(target)
        target.add(mention)
    _attach_orphans(clusters, orphans)
    _attach_restated(clusters, restated)
    return clusters


def _compatible(cluster: Cluster, mention: Mention, focus=None) -> bool:
    if cluster.type != mention.type:
        return False
    if _dates_conflict(cluster, mention) or _places_conflict(cluster, mention, focus):
        return False
    same_sentence = any(m.sentence.start == mention.sentence.start for m in cluster.mentions)
    if same_sentence:
        return True
    if _marks_new_incident(mention.trigger):
        return False
    if mention.type in STORY_TYPES:
        return True
    return _share_actor(cluster, mention)


def _absorbs(cluster: Cluster, mention: Mention) -> bool:
    """Whether the mention is part of how a violent event of the cluster unfolded: "bombs
    exploded, destroying two shops", "the ambush, in which soldiers seized weapons"."""
    if cluster.type != "ASSAULT" or mention.type != "COERCE":
        return False
    return any(m.sentence.start == mention.sentence.start and _descends(mention.trigger.root, m.trigger.root)
               for m in cluster.mentions)


def _descends(token, ancestor) -> bool:
    return token.i != ancestor.i and ancestor in token.ancestors


def _marks_new_incident(trigger: Span) -> bool:
    return any(c.lower_ in NEW_INCIDENT for c in trigger.root.children if c.dep_ in {"det", "amod"})


def _dates_conflict(cluster: Cluster, mention: Mention) -> bool:
    mine = _day_range(mention)
    if mine is None:
        return False
    for other in cluster.mentions:
        theirs = _day_range(other)
        if theirs is not None and not _overlap(mine, theirs):
            return True
    return False


def _overlap(a: tuple, b: tuple) -> bool:
    """Whether two day ranges share a day ("later that month" holds the 26th)."""
    return not (a[1] < b[0] or b[1] < a[0])


def _day_range(mention: Mention):
    if mention.timex is None or dates_no_event(mention.timex):
        return None
    value = calendar_value(mention.timex)
    if value is None:
        return None
    return value.start, value.end or value.start


def _places_conflict(cluster: Cluster, mention: Mention, focus=None) -> bool:
    mine = _point(mention, focus)
    if mine is None:
        return False
    for other in cluster.mentions:
        theirs = _point(other, focus)
        if theirs is not None and km_between(*mine, *theirs) > SAME_PLACE_KM:
            return True
    return False


def _point(mention: Mention, focus=None) -> tuple[float, float] | None:
    """Coordinates of the populated place the mention's own clause names, if it is sure
    enough to tell two events apart."""
    for span in mention.toponyms:
        place = span._.place
        if place.feature == "populated_place" and place.lat is not None and coherent(place, focus):
            return place.lat, place.lon
    return None


def _share_actor(cluster: Cluster, mention: Mention) -> bool:
    doc = mention.trigger.doc
    heads = {doc[a.head].lemma_.lower() for a in mention.actors}
    return any(doc[a.head].lemma_.lower() in heads for m in cluster.mentions for a in m.actors)


def _attach_orphans(clusters: list[Cluster], orphans: list[Casualty]) -> None:
    """Figures in sentences with no violent mention go to the violent event told just before
    them, or else to the first violent event of the document. A figure whose sentence is dated
    only on days an event is not ("38 people were killed in June", in a report of a shooting
    on 2 August) is not about that event."""
    violent = [c for c in clusters if c.type == "ASSAULT" and any(m.status == "occurred" for m in c.mentions)]
    if not violent:
        return

    doc = violent[0].mentions[0].trigger.doc
    for casualty in orphans:
        fitting = [c for c in violent if not _dated_apart(c, doc[casualty.predicate])]
        before = [c for c in fitting if c.mentions[0].trigger.root.i < casualty.predicate]
        if before:
            owner = max(before, key=lambda c: max(m.trigger.root.i for m in c.mentions if m.trigger.root.i < casualty.predicate))
        elif fitting:
            owner = fitting[0]
        else:
            continue
        owner.casualties.append(casualty)


def _attach_restated(clusters: list[Cluster], restated) -> None:
    """Each restated day goes to the violent event told last before it."""
    for timex in restated:
        before = [c for c in clusters if c.type in STORY_TYPES and c.mentions[0].trigger.start < timex.start]
        if before:
            latest = max(before, key=lambda c: max(m.trigger.start for m in c.mentions if m.trigger.start < timex.start))
            latest.restated.append(timex)


def _dated_apart(cluster: Cluster, predicate) -> bool:
    """Whether the clause of a casualty's PREDICATE is dated only on days the event is not."""
    values = [calendar_value(s) for s in clause_times(predicate) if not dates_no_event(s)]
    theirs = [(v.start, v.end or v.start) for v in values if v is not None]
    mine = [r for r in (_day_range(m) for m in cluster.mentions) if r is not None]
    return bool(theirs and mine) and not any(_overlap(a, b) for a in theirs for b in mine)
