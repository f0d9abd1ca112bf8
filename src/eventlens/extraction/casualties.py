"""An event's fatalities and injuries, from every figure its sentences give (CODEBOOK 6).

Within a sentence, figures for different victims add up ("a man and a woman were killed",
"two died at the scene and a third in hospital", "… two of his guards were also killed");
across sentences the report repeats itself, so the largest figure stands ("four people were
wounded … one was shot in the leg"), and only figures of victims besides those ("another man
was shot") add to it. People shot but not said to have died are injured. Statistics over a
period ("38 people were killed in June") are no event's toll. Figures that named sources
dispute side by side are kept as claims, and the range spans them.

A paragraph break ends a sentence here even where the parser ran a headline into the lede.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from eventlens.models import Claim, Count
from eventlens.nlp.casualties import (
    Casualty,
    casualty_span,
    is_headline,
    segment_bounds,
)


@dataclass(frozen=True)
class Figure:
    min: int
    max: int | None
    text: str
    source: str | None = None
    additional: bool = False  # victims besides those counted elsewhere ("three others")
    sentence: int = 0  # first token of the sentence stating it

    def ranks_above(self, other: Figure) -> bool:
        return (self.min, self.max is not None) > (other.min, other.max is not None)

    @property
    def open_ended(self) -> bool:
        """No number or no upper bound ("people died", "several were hurt", "at least 10"):
        a lower bound, which a larger figure does not dispute."""
        return self.max is None

    def plus(self, other: Figure) -> Figure:
        high = None if self.max is None or other.max is None else self.max + other.max
        return replace(self, min=self.min + other.min, max=high)


def casualty_counts(doc: Doc, text: str, casualties: list[Casualty], source_of: Callable[[int], str | None]
                    ) -> tuple[Count | None, Count | None, list[Claim]]:
    """(fatalities, injuries, claims) for one event. SOURCE_OF gives, for a sentence's first
    token, the source that sentence attributes its figures to."""
    by_segment: dict[tuple[int, int], list[Casualty]] = defaultdict(list)
    for casualty in _unique(casualties):
        if not casualty.tally:
            by_segment[segment_bounds(doc[casualty.predicate])].append(casualty)
    killed, injured, hit = [], [], []
    for (start, end), group in sorted(by_segment.items()):
        sentence = doc[start].sent.start
        source = source_of(sentence)
        headline = is_headline(doc, start, end)
        for kind, bucket in (("killed", killed), ("injured", injured)):
            figure = _segment_figure(doc, text, group, kind, source, headline)
            if figure is not None:
                bucket.append(replace(figure, sentence=sentence))
        people_hit = _people_hit(doc, text, group)
        if people_hit is not None:
            hit.append(people_hit)
    fatalities, killed_claims = _combine(doc, killed, "fatalities")
    injuries, injured_claims = _combine(doc, injured, "injuries")
    injuries = _add_survivors(injuries, fatalities, hit)
    return fatalities, injuries, killed_claims + injured_claims


def _unique(casualties: list[Casualty]) -> list[Casualty]:
    """One figure per predicate and victim: orphans may be attached twice."""
    seen, unique = set(), []
    for casualty in casualties:
        key = (casualty.kind, casualty.predicate, casualty.victim)
        if key not in seen:
            seen.add(key)
            unique.append(casualty)
    return unique


def _segment_figure(doc: Doc, text: str, group: list[Casualty], kind: str, source: str | None,
                    headline: bool) -> Figure | None:
    """The figure one sentence (or headline) gives for KIND.

    "Others" after a figure of another kind are besides those ("one was killed and six others
    were injured"), not besides the figures of other sentences; a headline sums up."""
    mine = [c for c in group if c.kind == kind]
    figure = _sentence_figure(doc, text, mine, source)
    if figure is None or not figure.additional:
        return figure
    first = min(_position(c) for c in mine)
    contrasted = any(_position(c) < first for c in group if c.kind != kind)
    return replace(figure, additional=not (headline or contrasted))


def _position(casualty: Casualty) -> int:
    return min(casualty.predicate, casualty.victim if casualty.victim is not None else casualty.predicate)


def _sentence_figure(doc: Doc, text: str, group: list[Casualty], source: str | None) -> Figure | None:
    """The figure of a sentence's casualties: figures of one predicate or of conjoined
    predicates add up ("two died at the scene and a third in hospital", "a man was killed …
    and a woman was killed …"); unrelated figures in one sentence (a headline run into the
    lede) do not, unless they are of victims besides ("… his bodyguard was also killed")."""
    if not group:
        return None
    chains: dict[int, list[Casualty]] = defaultdict(list)
    for casualty in group:
        chains[_chain_head(doc, casualty.predicate)].append(casualty)
    figures = [_chain_figure(doc, text, chain, source) for chain in chains.values()]
    best = _largest([f for f in figures if not f.additional])
    for extra in (f for f in figures if f.additional):
        best = extra if best is None else best.plus(extra)
    return best


def _chain_head(doc: Doc, predicate: int) -> int:
    token = doc[predicate]
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.i


def _chain_figure(doc: Doc, text: str, chain: list[Casualty], source: str | None) -> Figure:
    ordinal = max((c.min for c in chain if c.ordinal), default=0)
    counted = [c for c in chain if not c.ordinal]
    low = sum(c.min for c in counted)
    high = None if any(c.max is None for c in counted) else sum(c.max for c in counted)
    total = max(low, ordinal)
    if high is not None:
        high = max(high, total)
    elif not counted:
        high = ordinal  # "a third victim died": three in all
    span = casualty_span(doc, chain[0])
    additional = all(c.additional for c in chain)
    return Figure(total, high, text[span.start_char:span.end_char], source, additional)


def _people_hit(doc: Doc, text: str, group: list[Casualty]) -> Figure | None:
    """How many people a sentence says were shot or struck, the dead among them included."""
    shot = [c for c in group if c.kind == "shot"]
    if not shot:
        return None
    dead_victims = {c.victim for c in group if c.kind == "killed"}
    # "shot him … a man is dead": a pronoun shot is the same person, not one more.
    pronouns_only = all(c.victim is not None and doc[c.victim].pos_ == "PRON" for c in shot)
    shot = [c for c in shot if c.victim not in dead_victims] or shot
    figure = _sentence_figure(doc, text, shot, None)
    killed = _sentence_figure(doc, text, [c for c in group if c.kind == "killed" and c.victim not in {s.victim for s in shot}], None)
    if figure is None or killed is None:
        return figure
    # "shooting five people … one is dead": the dead are among the five; "a man was killed
    # and his brother shot", "one was killed and two others were shot": they are not.
    others = all(c.additional for c in shot)
    if not others and ((figure.min >= 2 and figure.min >= killed.min) or pronouns_only):
        return figure
    high = None if figure.max is None else figure.max + (killed.max or killed.min)
    return Figure(figure.min + killed.min, high, figure.text)  # the dead included: not "others" now


def _combine(doc: Doc, figures: list[Figure], field: str) -> tuple[Count | None, list[Claim]]:
    if not figures:
        return None, []
    best = _largest([f for f in figures if not f.additional])
    extras = {(f.min, f.max, " ".join(f.text.lower().split())): f for f in figures if f.additional}
    for extra in extras.values():  # "another man was shot"; a repeated paragraph counts once
        best = extra if best is None else best.plus(extra)
    claims = _claims(doc, figures, field)
    if claims:
        low = min(c.min for c in claims)
        highs = [c.max for c in claims]
        high = None if any(h is None for h in highs) else max(highs + [low])
        return Count(min=low, max=high, text=best.text), claims
    return Count(min=best.min, max=best.max, text=best.text), []


def _claims(doc: Doc, figures: list[Figure], field: str) -> list[Claim]:
    """The figures named sources dispute: different numbers from different sources, told
    side by side ("the ministry said 12 were killed. Doctors said 40"). Figures further apart
    are more often parts of one toll ("the gunman killed two people at a bus stop") than
    disputes of it."""
    sourced = [f for f in figures if f.source and not f.open_ended]
    disputed = []
    for i, first in enumerate(sourced):
        for second in sourced[i + 1:]:
            if first.source != second.source and (first.min, first.max) != (second.min, second.max) \
                    and _side_by_side(doc, first, second):
                disputed += [f for f in (first, second) if f not in disputed]
    return [Claim(field=field, min=f.min, max=f.max, source=f.source, text=f.text) for f in disputed]


def _side_by_side(doc: Doc, first: Figure, second: Figure) -> bool:
    """Whether two figures are in one sentence or in sentences next to each other."""
    earlier, later = sorted((first.sentence, second.sentence))
    if earlier == later:
        return True
    following = doc[earlier].sent.end
    while following < later and doc[following].is_space:
        following += 1
    return following == later


def _largest(figures: list[Figure]) -> Figure | None:
    best = None
    for figure in figures:
        if best is None or figure.ranks_above(best):
            best = figure
    return best


def _add_survivors(injuries: Count | None, fatalities: Count | None, hit: list[Figure]) -> Count | None:
    """People shot who did not die are injured (the codebook counts them so). The dead are
    among those shot, unless the figure is of others besides ("three other people were shot",
    "his wife was also shot"). Counts of people shot repeat each other, so the largest stands."""
    if not hit:
        return injuries
    dead = fatalities.min if fatalities else 0

    def alive(figure: Figure) -> int:
        return figure.min if figure.additional else figure.min - dead

    most = max(hit, key=lambda f: (alive(f), f.max is not None))
    survivors = alive(most)
    if survivors <= 0:
        return injuries if injuries is not None else (Count(min=0, max=0, text=most.text) if fatalities else None)
    if injuries is not None and injuries.min >= survivors:
        return injuries
    high = None if most.max is None else most.max - (most.min - survivors)
    return Count(min=survivors, max=high, text=most.text)
