"""Which mentions in one document are one event (CODEBOOK section 1).

Mentions of the same type merge unless they disagree on the day or the place, or the text
marks a new incident ("another attack", "in a separate incident"). Violent events merge across
the document (a shooting told in five sentences is one event); other types merge only within a
sentence or when they share an actor, since statements and meetings recur with other parties.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from spacy.tokens import Span

from eventlens.extraction.mentions import Mention
from eventlens.extraction.when import is_clock_only
from eventlens.nlp.casualties import Casualty

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

    @property
    def type(self) -> str:
        return self.mentions[0].type

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.casualties.extend(mention.casualties)


def merge_mentions(mentions: list[Mention], orphans: list[Casualty]) -> list[Cluster]:
    clusters: list[Cluster] = []
    for mention in mentions:
        target = next((c for c in reversed(clusters) if _compatible(c, mention) or _absorbs(c, mention)), None)
        if target is None:
            target = Cluster()
            clusters.append(target)
        target.add(mention)
    _attach_orphans(clusters, orphans)
    return clusters


def _compatible(cluster: Cluster, mention: Mention) -> bool:
    if cluster.type != mention.type:
        return False
    if _dates_conflict(cluster, mention) or _places_conflict(cluster, mention):
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
    if mention.timex is None or is_clock_only(mention.timex):
        return None
    value = mention.timex._.timex
    if value is None or getattr(value, "start", None) is None:
        return None
    return value.start, value.end or value.start


def _places_conflict(cluster: Cluster, mention: Mention) -> bool:
    mine = _point(mention)
    if mine is None:
        return False
    for other in cluster.mentions:
        theirs = _point(other)
        if theirs is not None and km_between(*mine, *theirs) > SAME_PLACE_KM:
            return True
    return False


def _point(mention: Mention) -> tuple[float, float] | None:
    """Coordinates of the populated place the mention's own clause names, if any."""
    for span in mention.toponyms:
        place = span._.place
        if getattr(place, "feature", None) == "populated_place" and place.lat is not None:
            return place.lat, place.lon
    return None


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _share_actor(cluster: Cluster, mention: Mention) -> bool:
    doc = mention.trigger.doc
    heads = {doc[a.head].lemma_.lower() for a in mention.actors}
    return any(doc[a.head].lemma_.lower() in heads for m in cluster.mentions for a in m.actors)


def _attach_orphans(clusters: list[Cluster], orphans: list[Casualty]) -> None:
    """Figures in sentences with no violent mention go to the violent event told just before
    them, or else to the first violent event of the document."""
    violent = [c for c in clusters if c.type == "ASSAULT" and any(m.status == "occurred" for m in c.mentions)]
    if not violent:
        return
    for casualty in orphans:
        before = [c for c in violent if c.mentions[0].trigger.root.i < casualty.predicate]
        owner = max(before, key=lambda c: max(m.trigger.root.i for m in c.mentions if m.trigger.root.i < casualty.predicate)) \
            if before else violent[0]
        owner.casualties.append(casualty)
