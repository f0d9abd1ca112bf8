"""From an analysed Doc to the document's event records.

mentions (one per trigger) -> clusters (one per event, merge.py) -> `Event` records with
actors, casualties, place, date, status, sources, evidence and a confidence.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from eventlens.extraction import where
from eventlens.extraction.actors import ActorResolver
from eventlens.extraction.attribution import SourceRef, sources_in
from eventlens.extraction.casualties import casualty_counts
from eventlens.extraction.codeable import is_codeable
from eventlens.extraction.mentions import Mention, find_mentions, restated_dates
from eventlens.extraction.merge import Cluster, merge_mentions
from eventlens.extraction.weapons import is_accident, lemma_text, weapon_mode
from eventlens.extraction.when import event_date
from eventlens.models import Actor, Document, Event, Source
from eventlens.nlp.casualties import CasualtyLexicon, count_victims
from eventlens.resolve.actors import alpha3
from eventlens.resolve.taxonomy import EventFacts, acled_type

SUMMARY_CHARS = 240
# Events below this confidence are left out: single vague words with nothing around them.
MIN_CONFIDENCE = 0.5


def extract_events(doc: Doc, document: Document, min_confidence: float = MIN_CONFIDENCE) -> list[Event]:
    """The events DOC reports, in the order they are first mentioned."""
    mentions, orphans = find_mentions(doc)
    builder = EventBuilder(doc, document)
    clusters = merge_mentions(mentions, orphans, builder.focus, restated_dates(doc))
    events = [e for e in (builder.build(c) for c in clusters) if e is not None and e.confidence >= min_confidence]
    return [e.model_copy(update={"id": f"{document.id}#e{n}"}) for n, e in enumerate(events, 1)]


class EventBuilder:
    def __init__(self, doc: Doc, document: Document):
        self.doc = doc
        self.document = document
        self.text = document.text
        self.focus = where.document_focus(doc)
        self.actors = ActorResolver(doc, self.text, alpha3(self.focus.country) if self.focus else None)
        self.lexicon = CasualtyLexicon.from_data()

    def build(self, cluster: Cluster) -> Event | None:
        mentions = cluster.mentions
        if not self._is_specific(cluster):
            return None
        actors = self._actors(cluster)
        lemmas = lemma_text(self._sentences(cluster))
        mode = self._mode(mentions)
        if cluster.type == "ASSAULT":
            if is_accident(lemmas, {a.type for a in actors if a.role == "initiator"}):
                return None
            mode = weapon_mode(lemmas) or mode
        if not is_codeable(cluster.type, mode, actors, self._largest_count(cluster)):
            return None
        sources = self._sources([ref for m in mentions for ref in m.sources])
        fatalities, injuries, claims = casualty_counts(self.doc, self.text, cluster.casualties, self._source_of)
        best = max(mentions, key=lambda m: (m.weight, m.mode is not None))
        status = "occurred" if any(m.status == "occurred" for m in mentions) else mentions[0].status
        location = where.event_location(mentions, self.focus, self.text)
        date = event_date(mentions, self.doc, self.document, cluster.casualties, cluster.restated)
        facts = EventFacts(
            type=cluster.type, mode=mode,
            initiators=frozenset(a.type for a in actors if a.role in {"initiator", "participant"}),
            targets=frozenset(a.type for a in actors if a.role in {"target", "participant"}),
            lemmas=frozenset(lemma_text(self._sentences(cluster, following=True)).split()),
        )
        return Event(
            id="", event_type=cluster.type, mode=mode, acled=acled_type(facts), status=status,
            summary=self._summary(best), date=date, location=location, actors=actors,
            fatalities=fatalities, injuries=injuries, sources=sources, claims=claims,
            evidence=self._evidence(cluster), confidence=self._confidence(cluster, actors, location, date),
        )

    @staticmethod
    def _mode(mentions: list[Mention]) -> str | None:
        """The mode of the surest mention that has one."""
        with_mode = [m for m in mentions if m.mode]
        return max(with_mode, key=lambda m: m.weight).mode if with_mode else None

    def _largest_count(self, cluster: Cluster) -> int:
        counts = [count_victims(self.doc[ref.head], self.lexicon) for m in cluster.mentions for ref in m.actors]
        return max((c.min for c in counts if c is not None), default=0)

    def _is_specific(self, cluster: Cluster) -> bool:
        """Generic statements with no actor, place, time or victims are not events (CODEBOOK 1)."""
        return any(m.actors or m.toponyms or m.timex is not None for m in cluster.mentions) or bool(cluster.casualties)

    def _actors(self, cluster: Cluster) -> list[Actor]:
        actors, seen = [], set()
        for mention in cluster.mentions:
            for ref in mention.actors:
                actor = self.actors.resolve(ref, cluster.type)
                if actor is None or (actor.name, actor.role) in seen:
                    continue
                seen.add((actor.name, actor.role))
                actors.append(actor)
        return actors

    def _sources(self, refs: list[SourceRef]) -> list[Source]:
        sources, seen = [], set()
        for ref in refs:
            source = self._source(ref)
            if source.name not in seen:
                seen.add(source.name)
                sources.append(source)
        return sources

    def _source(self, ref: SourceRef) -> Source:
        phrase = self.doc[ref.start:ref.end]
        said = self.doc[ref.text_start:ref.text_end]
        name = self.actors.name_of(ref.head, ref.start, ref.end) or self.text[phrase.start_char:phrase.end_char]
        return Source(name=name, text=self.text[said.start_char:said.end_char])

    def _source_of(self, sentence_start: int) -> str | None:
        """The source the sentence starting at token SENTENCE_START attributes its figures to."""
        refs = sources_in(self.doc[sentence_start].sent)
        return self._source(refs[0]).name if refs else None

    def _summary(self, mention: Mention) -> str:
        sentence = mention.sentence
        summary = re.sub(r"\s+", " ", self.text[sentence.start_char:sentence.end_char]).strip()
        if len(summary) > SUMMARY_CHARS:
            summary = summary[:SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"
        return summary

    def _sentences(self, cluster: Cluster, following: bool = False) -> list:
        """The sentences that state the event: its mentions' and its casualty figures'; with
        FOLLOWING, also the sentence after each mention, where reports tell what came next
        ("Police fired tear gas to disperse them")."""
        sentences = {m.sentence.start: m.sentence for m in cluster.mentions}
        for casualty in cluster.casualties:
            sentence = self.doc[casualty.predicate].sent
            sentences.setdefault(sentence.start, sentence)
        if following:
            for mention in cluster.mentions:
                if mention.sentence.end < len(self.doc):
                    after = self.doc[mention.sentence.end].sent
                    sentences.setdefault(after.start, after)
        return [sentences[k] for k in sorted(sentences)]

    def _evidence(self, cluster: Cluster) -> list[tuple[int, int]]:
        return [(s.start_char, s.end_char) for s in self._sentences(cluster)]

    def _confidence(self, cluster: Cluster, actors: list[Actor], location, date) -> float:
        mentions = cluster.mentions
        score = max(m.weight for m in mentions)
        score += 0.05 * min(3, len(mentions) - 1)
        score += 0.1 if cluster.casualties else 0.0
        score += 0.05 if any(m.toponyms for m in mentions) else 0.0
        score += 0.05 if date is not None and not date.inferred else 0.0
        score += 0.05 if actors else 0.0
        return round(max(0.05, min(0.99, score)), 3)
