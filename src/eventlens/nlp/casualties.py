"""The casualty component: who was killed, injured or shot, and how many, as a range.

A casualty is a predicate ("were killed", "died", "left … dead", "three deaths") and its
victims, found in the dependency parse; the victims' phrase is counted with the codebook's
table (section 6): numbers and number words, "at least", "between X and Y", vague
quantities, ordinals ("a third victim"), coordination ("a man and a woman") and "no one".
The words are in data/casualties.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventlens.data import load_toml
from eventlens.nlp import extensions  # noqa: F401

SPAN_KEY = "casualties"
SUBJECTS = {"nsubj", "nsubjpass"}
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
SINGULAR_PRONOUNS = {"he", "she", "him", "her", "i", "me", "himself", "herself", "myself"}
DEFINITE_SINGULAR = {"a", "an", "the", "this", "that", "another", "one", "each", "every", "his", "her", "their"}
MODALS = {"will", "wo", "would", "could", "might", "may", "should", "can", "ca", "must", "shall"}
ADDITIONAL = {"others", "other", "additional", "more"}
# Nouns that only frame a count: "a total of 12 people", "a group of five".
PARTITIVE_COUNTS = {"total", "number", "group", "count", "tally"}
DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")


@dataclass(frozen=True)
class Casualty:
    """A casualty figure: KIND is "killed", "injured" or "shot" (hit, fate not said here)."""

    kind: str
    min: int
    max: int | None
    ordinal: bool = False  # counted by an ordinal ("a third died"): the total is at least min
    victim: int | None = None  # token index of the victims' head word
    predicate: int = 0  # token index of the predicate
    additional: bool = False  # victims besides those counted before ("another man", "three others")


@dataclass(frozen=True)
class Quantity:
    min: int
    max: int | None
    ordinal: bool = False


class CasualtyLexicon:
    def __init__(self, data: dict):
        p = data["predicates"]
        self.killed_verbs = frozenset(p["killed_verbs"])
        self.killed_intransitive = frozenset(p["killed_intransitive"])
        self.injured_verbs = frozenset(p["injured_verbs"])
        self.shot_verbs = frozenset(p["shot_verbs"])
        self.shot_by = frozenset(p["shot_by"])
        self.killed_nouns = frozenset(p["killed_nouns"])
        self.injured_nouns = frozenset(p["injured_nouns"])
        self.killed_adjectives = frozenset(p["killed_adjectives"])
        self.injured_adjectives = frozenset(p["injured_adjectives"])
        self.fatal_adverbs = frozenset(p["fatal_adverbs"])
        self.toll_words = frozenset(p["toll_words"])
        self.not_victims = frozenset(p["not_victims"])
        self.numbers: dict[str, int] = data["numbers"]
        self.ordinals: dict[str, int] = data["ordinals"]
        self.vague: dict[str, int] = data["vague"]
        modifiers = data["modifiers"]
        self.modifiers = sorted(
            ((tuple(phrase.split()), kind) for kind, phrases in modifiers.items() for phrase in phrases),
            key=lambda item: -len(item[0]),
        )
        self.nobody = frozenset(data["nobody"]["words"])
        self.everyone = frozenset(data["nobody"]["everyone"])

    @classmethod
    @lru_cache(maxsize=1)
    def from_data(cls) -> CasualtyLexicon:
        return cls(load_toml("casualties.toml"))


# ---------------------------------------------------------------- numbers

def number_value(token: Token, lexicon: CasualtyLexicon) -> int | None:
    """The value of a number word or numeral, or None."""
    text = token.lower_
    if DIGITS.match(text):
        return int(text.replace(",", ""))
    if text in lexicon.numbers and text not in {"a", "an", "no", "another", "both", "pair", "couple"}:
        return lexicon.numbers[text]
    return None


def number_phrase(doc: Doc, i: int, lexicon: CasualtyLexicon) -> tuple[int, int, int] | None:
    """(value, start, end) of the number phrase around token I: "twenty - five", "two hundred"."""
    if number_value(doc[i], lexicon) is None:
        return None
    start = i
    while start > 0 and (number_value(doc[start - 1], lexicon) is not None or
                         (doc[start - 1].text == "-" and start > 1 and number_value(doc[start - 2], lexicon) is not None)):
        start -= 1
    end = i + 1
    while end < len(doc) and (number_value(doc[end], lexicon) is not None or
                              (doc[end].text == "-" and end + 1 < len(doc) and number_value(doc[end + 1], lexicon) is not None)):
        end += 1
    return _combine([number_value(t, lexicon) for t in doc[start:end] if t.text != "-"]), start, end


def _combine(values: list[int | None]) -> int:
    """Value of consecutive number words: [2, 100, 5] -> 205, [20, 5] -> 25."""
    total, current = 0, 0
    for value in values:
        if value is None:
            continue
        if value in (100, 1000, 1000000):
            current = max(current, 1) * value
            if value >= 1000:
                total, current = total + current, 0
        else:
            current += value
    return total + current


def quantity_of_number(doc: Doc, i: int, lexicon: CasualtyLexicon) -> Quantity | None:
    """The range a number at token I says, with the words around it ("at least", "to 90")."""
    found = number_phrase(doc, i, lexicon)
    if found is None:
        return None
    value, start, end = found
    # A range: "between 30 and 90", "30 to 90", "two or three".
    if end + 1 < len(doc) and doc[end].lower_ in {"to", "and", "or", "-"}:
        upper = number_phrase(doc, end + 1, lexicon)
        if upper is not None and upper[0] > value:
            return Quantity(value, upper[0])
    if start >= 2 and doc[start - 1].lower_ in {"and", "to", "-", "or"}:
        lower = number_phrase(doc, start - 2, lexicon)
        if lower is not None and lower[0] < value:
            return Quantity(lower[0], value)
    modifier = _modifier_before(doc, start, lexicon)
    if modifier == "at_least":
        return Quantity(value, None)
    if modifier == "at_most":
        return Quantity(min(1, value), value)
    return Quantity(value, value)


def _modifier_before(doc: Doc, start: int, lexicon: CasualtyLexicon) -> str | None:
    for words, kind in lexicon.modifiers:
        begin = start - len(words)
        if begin >= 0 and tuple(t.lower_ for t in doc[begin:start]) == words:
            return kind
    return None


# ---------------------------------------------------------------- counting victims

def count_victims(head: Token, lexicon: CasualtyLexicon) -> Quantity | None:
    """How many people the phrase headed by HEAD names, coordination included."""
    conjuncts = [head, *[c for c in head.conjuncts if c.i > head.i]]
    counts = [_count_one(t, lexicon) for t in conjuncts]
    if any(c is None for c in counts):
        return counts[0] if len(counts) == 1 else None
    if len(counts) == 1:
        return counts[0]
    low = sum(c.min for c in counts if not c.ordinal)
    ordinal = max((c.min for c in counts if c.ordinal), default=0)
    high = None if any(c.max is None for c in counts if not c.ordinal) else sum(c.max for c in counts if not c.ordinal)
    total = max(low, ordinal)
    return Quantity(total, max(high, total) if high is not None else None)


def _is_additional(head: Token) -> bool:
    """"another man", "three others", "two more people": victims besides those already counted."""
    if head.lower_ in ADDITIONAL:
        return True
    return any(c.lower_ in ADDITIONAL | {"another"} and c.dep_ in {"det", "amod", "advmod"} for c in head.children)


def _count_one(head: Token, lexicon: CasualtyLexicon) -> Quantity | None:
    doc = head.doc
    if _is_age(head):
        return Quantity(1, 1)  # "John Smith, 21, was shot": an age, one person
    if head.lemma_.lower() in PARTITIVE_COUNTS:
        for child in head.children:  # "a total of 12 people"
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return _count_one(objects[0], lexicon)
    lower = head.lower_
    if lower in lexicon.nobody or (lower == "one" and head.i > 0 and doc[head.i - 1].lower_ == "no"):
        return Quantity(0, 0)
    if lower in lexicon.everyone:
        return Quantity(1, None)  # "everyone on board": at least one, how many not said
    if any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return Quantity(0, 0)
    number = quantity_of_number(doc, head.i, lexicon)
    if number is not None:
        return number
    if lower in lexicon.ordinals:
        return Quantity(lexicon.ordinals[lower], None, ordinal=True)
    if lower in lexicon.vague:
        return Quantity(lexicon.vague[lower], None)
    for child in head.children:
        if child.dep_ in {"nummod", "quantmod"} or (child.dep_ == "amod" and number_value(child, lexicon) is not None):
            number = quantity_of_number(doc, child.i, lexicon)
            if number is not None:
                return number
    for child in head.children:
        if child.lower_ in lexicon.ordinals and child.i < head.i:
            return Quantity(lexicon.ordinals[child.lower_], None, ordinal=True)
        if child.lower_ in lexicon.vague and child.i < head.i:
            return Quantity(lexicon.vague[child.lower_], None)
        if child.lower_ == "both" and child.i < head.i:
            return Quantity(2, 2)
    if lower in SINGULAR_PRONOUNS:
        return Quantity(1, 1)
    if head.tag_ in {"NN", "NNP"} or head.ent_type_ == "PERSON":
        return Quantity(1, 1)
    if lower == "both":
        return Quantity(2, 2)
    # A plural with no number: people died, how many is not said.
    return Quantity(1, None)


def _is_age(token: Token) -> bool:
    """A number set off by commas after a name: an age ("Ana Ruiz, 34, of Dayton")."""
    doc = token.doc
    return (token.like_num and 0 < token.i < len(doc) - 1 and doc[token.i - 1].text == ","
            and doc[token.i + 1].text in {",", "of"} and token.i >= 2 and doc[token.i - 2].pos_ == "PROPN")


# ---------------------------------------------------------------- predicates

def victim_of_verb(verb: Token) -> Token | None:
    """The victims of VERB: its passive subject or object, or the passive subject it shares."""
    for deps in ("nsubjpass", "dobj"):
        for child in verb.children:
            if child.dep_ == deps:
                return _antecedent(child, verb)
    if verb.tag_ == "VBN" and not any(c.lemma_ == "have" for c in verb.children):
        # "… and 12 injured": a participle with its subject, the passive left unsaid.
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return _antecedent(subject, verb)
    if verb.dep_ in {"acl", "amod"} and verb.head.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}:
        return verb.head  # "a man killed in the attack", "the injured man"
    if verb.dep_ in {"xcomp", "oprd"} and verb.head.pos_ == "VERB":
        return victim_of_verb(verb.head)  # "four people were found shot"
    first = _first_conjunct(verb)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None:
        # "a teen was killed and three others injured": a passive whose auxiliary the
        # coordination left out; otherwise the subject of an active verb did the harm.
        passive_first = first.i != verb.i and any(c.dep_ == "auxpass" for c in first.children)
        return _antecedent(subject, verb) if passive_first else None
    # "was shot and killed": the victims are the passive subject of the first verb only; the
    # active subject of "stormed the village and killed" is the killer.
    return next((_antecedent(c, first) for c in first.children if c.dep_ == "nsubjpass"), None)


def subject_of(verb: Token) -> Token | None:
    """The subject of VERB, or of the verb it is coordinated with ("was shot and died")."""
    if verb.dep_ in {"acl", "relcl"} and verb.head.pos_ in {"NOUN", "PROPN", "NUM"} and not any(
            c.dep_ in SUBJECTS for c in verb.children):
        return verb.head
    first = _first_conjunct(verb)
    for candidate in (verb, first):
        for child in candidate.children:
            if child.dep_ in SUBJECTS:
                return _antecedent(child, candidate)
    return None


def _first_conjunct(verb: Token) -> Token:
    first = verb
    while first.dep_ == "conj" and first.head.pos_ in {"VERB", "AUX", "ADJ"}:
        first = first.head
    return first


def _antecedent(token: Token, verb: Token) -> Token:
    """The noun a relative pronoun stands for ("the man who was killed")."""
    if token.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return verb.head
    return token


class CasualtyFinder:
    def __init__(self, lexicon: CasualtyLexicon):
        self.lex = lexicon

    def find(self, doc: Doc) -> list[Casualty]:
        found = []
        for token in doc:
            casualty = self._casualty(token)
            if casualty is not None:
                found.append(casualty)
                found.extend(self._elliptical(token, casualty))
        return found

    def _elliptical(self, predicate: Token, casualty: Casualty) -> list[Casualty]:
        """Figures that share the predicate: "two died and a third in hospital", "one fatally"."""
        more = []
        for child in predicate.children:
            if child.i == casualty.victim:
                continue
            if child.dep_ == "conj" and (child.lower_ in self.lex.ordinals or number_value(child, self.lex) is not None):
                count = count_victims(child, self.lex)
                if count is not None:
                    more.append(Casualty(casualty.kind, count.min, count.max, count.ordinal, child.i, predicate.i))
            elif child.dep_ in {"npadvmod", "appos", "advmod", "dep"} and number_value(child, self.lex) is not None and any(
                    g.lower_ in self.lex.fatal_adverbs for g in child.children):
                count = quantity_of_number(child.doc, child.i, self.lex)
                more.append(Casualty("killed", count.min, count.max, False, child.i, predicate.i))
        return more

    def _casualty(self, token: Token) -> Casualty | None:
        lemma = token.lemma_.lower()
        lex = self.lex
        if token.pos_ == "VERB" or (token.tag_ == "VBN" and token.dep_ in {"amod", "acl"}):
            if lemma in lex.killed_verbs:
                return self._counted("killed", token, victim_of_verb(token))
            if lemma in lex.killed_intransitive and self._dies_of_violence(token, lemma):
                return self._counted("killed", token, subject_of(token))
            if lemma in lex.injured_verbs:
                kind = "killed" if self._is_fatal(token) else "injured"
                return self._counted(kind, token, victim_of_verb(token))
            if lemma in lex.shot_verbs and self._hit_by_weapon(token, lemma):
                kind = "killed" if self._is_fatal(token) else "shot"
                return self._counted(kind, token, victim_of_verb(token))
        if token.pos_ == "ADJ" and token.lower_ in lex.killed_adjectives | lex.injured_adjectives:
            kind = "killed" if token.lower_ in lex.killed_adjectives else "injured"
            return self._counted(kind, token, self._described(token))
        if token.pos_ in {"NOUN", "PROPN"}:
            if lemma in lex.toll_words:
                return self._toll(token)
            if lemma in lex.killed_nouns or lemma in lex.injured_nouns:
                return self._noun(token, "killed" if lemma in lex.killed_nouns else "injured")
        return None

    def _counted(self, kind: str, predicate: Token, victim: Token | None) -> Casualty | None:
        if victim is None or victim.lemma_.lower() in self.lex.not_victims:
            return None
        if victim.pos_ not in {"NOUN", "PROPN", "PRON", "NUM", "ADJ", "DET"}:
            return None
        count = count_victims(victim, self.lex)
        if any(c.dep_ == "neg" for c in predicate.children):
            if any(c.dep_ == "aux" and c.lower_ in MODALS for c in predicate.children):
                return None  # "won't be hurt", "could not have died": not a report of harm
            count = Quantity(0, 0)
        if count is None:
            return None
        return Casualty(kind, count.min, count.max, count.ordinal, victim.i, predicate.i, _is_additional(victim))

    def _dies_of_violence(self, verb: Token, lemma: str) -> bool:
        """"Succumb" is a death only when it is to wounds ("won't succumb to lawlessness")."""
        if lemma != "succumb":
            return True
        return any(g.lemma_.lower() in self.lex.injured_nouns for c in verb.children if c.dep_ == "prep" for g in c.children)

    def _is_fatal(self, token: Token) -> bool:
        for child in token.children:
            if child.lower_ in self.lex.fatal_adverbs:
                return True
            if child.lower_ in self.lex.killed_adjectives and child.dep_ in {"oprd", "acomp", "advmod", "xcomp", "ccomp", "dobj"}:
                return True  # "shot dead"
        return False

    def _hit_by_weapon(self, token: Token, lemma: str) -> bool:
        if lemma in {"shoot", "stab", "graze", "pepper", "riddle"}:
            return not any(c.dep_ == "dobj" and c.lemma_.lower() in self.lex.not_victims for c in token.children)
        for child in token.children:
            if child.dep_ in {"agent", "prep"}:
                if any(g.lemma_.lower() in self.lex.shot_by for g in child.subtree):
                    return True
        return False

    def _described(self, adjective: Token) -> Token | None:
        """The people an adjective like "dead" describes."""
        if adjective.dep_ == "amod":
            return adjective.head
        if any(c.dep_ == "nummod" for c in adjective.children) or (
                adjective.i > 0 and number_value(adjective.doc[adjective.i - 1], self.lex) is not None):
            return adjective  # "two dead and five injured"
        head = adjective.head
        if adjective.dep_ in {"acomp", "attr", "oprd", "xcomp", "ccomp", "advmod", "conj"} and head.pos_ in {"VERB", "AUX"}:
            for child in head.children:
                if child.dep_ == "dobj":
                    return child  # "left two people dead"
            return subject_of(head)
        return None

    def _noun(self, noun: Token, kind: str) -> Casualty | None:
        counted = any(c.dep_ in {"nummod", "det"} and (number_value(c, self.lex) is not None or c.lower_ == "no")
                      for c in noun.children)
        if counted:
            count = count_victims(noun, self.lex)
            if count is not None:
                return Casualty(kind, count.min, count.max, count.ordinal, noun.i, noun.i)
        if kind == "injured" and noun.dep_ == "pobj" and noun.head.lower_ in {"with", "from", "for"}:
            holder = noun.head.head
            victim = subject_of(holder) if holder.pos_ in {"VERB", "AUX"} else holder
            if holder.pos_ in {"VERB", "AUX"}:
                victim = victim_of_verb(holder) if holder.tag_ == "VBN" and victim is None else victim
                if holder.lemma_.lower() in self.lex.killed_intransitive:
                    return None  # "died from his injuries" is counted by "died"
            return self._counted(kind, noun, victim)
        return None

    def _toll(self, toll: Token) -> Casualty | None:
        if not any(c.lemma_.lower() in {"death", "casualty", "fatality"} for c in toll.children):
            return None
        doc = toll.doc
        for i in range(toll.i + 1, min(toll.i + 8, toll.sent.end)):
            count = quantity_of_number(doc, i, self.lex)
            if count is not None:
                return Casualty("killed", count.min, count.max, False, i, toll.i)
        return None


@Language.factory("eventlens_casualties", assigns=["doc.spans"], requires=["token.lemma", "token.dep"])
def make_casualty_tagger(nlp: Language, name: str) -> CasualtyTagger:
    return CasualtyTagger(CasualtyFinder(CasualtyLexicon.from_data()))


class CasualtyTagger:
    """Writes doc.spans["casualties"], each span's `_.casualty` a `Casualty`."""

    def __init__(self, finder: CasualtyFinder):
        self.finder = finder

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for casualty in self.finder.find(doc):
            span = casualty_span(doc, casualty)
            span._.casualty = casualty
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc


def casualty_span(doc: Doc, casualty: Casualty) -> Span:
    """The words that state the casualty: the victims' phrase through the predicate."""
    indices = [casualty.predicate]
    if casualty.victim is not None:
        victim = doc[casualty.victim]
        indices += [victim.left_edge.i, victim.i]
    start, end = min(indices), max(indices) + 1
    sentence = doc[casualty.predicate].sent
    start, end = max(start, sentence.start), min(end, sentence.end)
    return Span(doc, start, end, label=casualty.kind.upper())
