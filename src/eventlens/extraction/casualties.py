"""An event's fatalities and injuries, from every figure its sentences give (CODEBOOK 6).

Within a sentence, figures for different victims add up ("a man and a woman were killed",
"two died at the scene and a third in hospital"); across sentences the report repeats
itself, so the largest figure stands ("four people were wounded … one was shot in the leg").
People shot but not said to have died are injured. Figures that named sources dispute are
kept as claims, and the range spans them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from eventlens.models import Claim, Count
from eventlens.nlp.casualties import Casualty, casualty_span


@dataclass(frozen=True)
class Figure:
    min: int
    max: int | None
    text: str
    source: str | None = None
    additional: bool = False  # victims besides those counted elsewhere ("three others")

    def ranks_above(self, other: Figure) -> bool:
        return (self.min, self.max is not None) > (other.min, other.max is not None)


def casualty_counts(doc: Doc, text: str, casualties: list[Casualty], source_of: Callable[[int], str | None]
                    ) -> tuple[Count | None, Count | None, list[Claim]]:
    """(fatalities, injuries, claims) for one event. SOURCE_OF gives, for a sentence's first
    token, the source that sentence attributes its figures to."""
    by_sentence: dict[int, list[Casualty]] = defaultdict(list)
    for casualty in _unique(casualties):
        by_sentence[doc[casualty.predicate].sent.start].append(casualty)
    killed, injured, hit = [], [], []
    for start, group in sorted(by_sentence.items()):
        source = source_of(start)
        for kind, bucket in (("killed", killed), ("injured", injured)):
            figure = _sentence_figure(doc, text, [c for c in group if c.kind == kind], source)
            if figure is not None:
                bucket.append(figure)
        people_hit = _people_hit(doc, text, group)
        if people_hit is not None:
            hit.append(people_hit)
    fatalities, killed_claims = _combine(killed, "fatalities")
    injuries, injured_claims = _combine(injured, "injuries")
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


def _sentence_figure(doc: Doc, text: str, group: list[Casualty], source: str | None) -> Figure | None:
    """The figure a sentence gives: figures of one predicate or of conjoined predicates add
    up ("two died at the scene and a third in hospital", "a man was killed … and a woman was
    killed …"); unrelated figures in one sentence (a headline run into the lede) do not."""
    if not group:
        return None
    chains: dict[int, list[Casualty]] = defaultdict(list)
    for casualty in group:
        chains[_chain_head(doc, casualty.predicate)].append(casualty)
    return _largest([_chain_figure(doc, text, chain, source) for chain in chains.values()])


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
    # and his brother shot": they are not.
    if (figure.min >= 2 and figure.min >= killed.min) or pronouns_only:
        return figure
    return Figure(figure.min + killed.min, None if figure.max is None else figure.max + (killed.max or killed.min), figure.text)


def _combine(figures: list[Figure], field: str) -> tuple[Count | None, list[Claim]]:
    if not figures:
        return None, []
    best = _largest([f for f in figures if not f.additional])
    extras = {(f.min, f.max, " ".join(f.text.lower().split())): f for f in figures if f.additional}
    for extra in extras.values():  # "another man was shot"; a repeated paragraph counts once
        best = extra if best is None else Figure(
            best.min + extra.min, None if best.max is None or extra.max is None else best.max + extra.max,
            best.text, best.source)
    sourced = {(f.min, f.max, f.source) for f in figures if f.source}
    claims: list[Claim] = []
    if len({(low, high) for low, high, _ in sourced}) > 1 and len({s for _, _, s in sourced}) > 1:
        claims = [Claim(field=field, min=f.min, max=f.max, source=f.source, text=f.text) for f in figures if f.source]
        low = min(f.min for f in figures if f.source)
        highs = [f.max for f in figures if f.source]
        high = None if any(h is None for h in highs) else max(highs + [low])
        return Count(min=low, max=high, text=best.text), claims
    return Count(min=best.min, max=best.max, text=best.text), claims


def _largest(figures: list[Figure]) -> Figure | None:
    best = None
    for figure in figures:
        if best is None or figure.ranks_above(best):
            best = figure
    return best


def _add_survivors(injuries: Count | None, fatalities: Count | None, hit: list[Figure]) -> Count | None:
    """People shot who did not die are injured (the codebook counts them so)."""
    if not hit:
        return injuries
    most = max(hit, key=lambda f: (f.min, f.max is not None))
    dead = fatalities.min if fatalities else 0
    survivors = most.min - dead
    if survivors <= 0:
        return injuries if injuries is not None else (Count(min=0, max=0, text=most.text) if fatalities else None)
    if injuries is not None and injuries.min >= survivors:
        return injuries
    high = None if most.max is None else max(most.max - dead, survivors)
    return Count(min=survivors, max=high, text=most.text)
