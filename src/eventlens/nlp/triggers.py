"""The event-trigger component: words that say an event of some PLOVER type happened.

Triggers come from data/triggers.toml. A lemma can belong to several entries ("strike" is an
air strike, a labour strike or a generic attack); the entry whose `needs` words are syntactic
neighbours of the token wins, so "air strike" and "workers went on strike" part ways.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventlens.data import load_toml
from eventlens.nlp import extensions  # noqa: F401

SPAN_KEY = "triggers"
VERB_TAGS = {"VERB"}
NOUN_TAGS = {"NOUN", "PROPN"}
# Heads whose words count as neighbours of a token's own phrase.
LINK_DEPS = {"prep", "agent", "prt", "acomp", "oprd"}


@dataclass(frozen=True)
class Trigger:
    """What a trigger word says: the event type, how (mode), and how sure the word alone is."""

    type: str
    mode: str | None
    weight: float


@dataclass(frozen=True)
class _Entry:
    trigger: Trigger
    phrase: str
    words: tuple[str, ...]  # the lemmas of the phrase, the last one being its head
    needs: frozenset[str]
    excludes: frozenset[str]


class TriggerLexicon:
    """Trigger entries indexed by (part of speech, head lemma), most specific first."""

    def __init__(self, entries: list[dict]):
        self._index: dict[tuple[str, str], list[_Entry]] = defaultdict(list)
        # Entries that need a neighbour are tried before the general ones, whatever the type.
        ordered = sorted(entries, key=lambda e: not e.get("needs"))
        for raw in ordered:
            trigger = Trigger(raw["type"], raw.get("mode"), float(raw.get("weight", 0.6)))
            needs = frozenset(raw.get("needs", ()))
            excludes = frozenset(raw.get("excludes", ()))
            for pos, key in (("VERB", "verbs"), ("NOUN", "nouns")):
                for phrase in raw.get(key, ()):
                    # spaCy splits hyphenated words: "shoot-out" is three tokens.
                    words = tuple(phrase.lower().replace("-", " - ").split())
                    # A phrase's last word may be any part of speech ("sit-in", "drive-by").
                    self._index[(pos if len(words) == 1 else "PHRASE", words[-1])].append(
                        _Entry(trigger, phrase.lower(), words, needs, excludes))

    @classmethod
    def from_data(cls) -> TriggerLexicon:
        return cls(load_toml("triggers.toml")["trigger"])

    def match(self, token: Token) -> tuple[Trigger, int] | None:
        """The trigger TOKEN is, with the index of the phrase's first token; None if none."""
        if token.ent_type_ and token.ent_type_ != "EVENT":
            return None  # "27 March", "Liberation Front": part of a name or a date
        lemma = token.lemma_.lower()
        pos = "VERB" if token.pos_ in VERB_TAGS else "NOUN" if token.pos_ in NOUN_TAGS else None
        candidates = self._index.get(("PHRASE", lemma), []) + self._index.get((pos, lemma), [])
        if not candidates:
            return None
        neighbours = neighbour_lemmas(token)
        for entry in candidates:
            start = _phrase_start(token, entry.words)
            if start is None:
                continue
            if entry.needs and entry.phrase not in entry.needs and not entry.needs & neighbours:
                continue
            if entry.excludes & neighbours:
                continue
            return entry.trigger, start
        return None


def neighbour_lemmas(token: Token) -> frozenset[str]:
    """Lemmas of the words syntactically next to TOKEN: head, children, objects of its prepositions."""
    lemmas = set(_forms(token.head))
    if token.dep_ == "pobj":  # "went on strike": the verb above the preposition
        lemmas.update(_forms(token.head.head))
    for child in token.children:
        lemmas.update(_forms(child))
        if child.dep_ in LINK_DEPS:
            lemmas.update(form for grandchild in child.children for form in _forms(grandchild))
    if token.i > 0:
        lemmas.add(token.doc[token.i - 1].lemma_.lower())
    lemmas.discard(token.lemma_.lower())
    return frozenset(lemmas)


def _forms(token: Token) -> tuple[str, ...]:
    """A word's lemma, and for a capitalised noun the model took for a name ("Protesters" at
    the start of a sentence, whose lemma it leaves plural), its singular too."""
    lemma = token.lemma_.lower()
    if token.pos_ == "PROPN" and lemma.endswith("s") and len(lemma) > 3:
        return lemma, lemma[:-1]
    return (lemma,)


def _phrase_start(token: Token, words: tuple[str, ...]) -> int | None:
    start = token.i - len(words) + 1
    if start < 0:
        return None
    doc = token.doc
    for offset, word in enumerate(words[:-1]):
        other = doc[start + offset]
        if other.lemma_.lower() != word and other.lower_ != word:
            return None
    return start


@Language.factory("eventlens_triggers", assigns=["doc.spans"], requires=["token.lemma", "token.pos", "token.dep"])
def make_trigger_tagger(nlp: Language, name: str) -> TriggerTagger:
    return TriggerTagger(TriggerLexicon.from_data())


class TriggerTagger:
    """Writes doc.spans["triggers"], each span's `_.trigger` saying type, mode and weight."""

    def __init__(self, lexicon: TriggerLexicon):
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for token in doc:
            found = self.lexicon.match(token)
            if found is None:
                continue
            trigger, start = found
            span = Span(doc, start, token.i + 1, label=trigger.type)
            span._.trigger = trigger
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc
