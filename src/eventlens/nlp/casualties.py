"""The casualty component: who was killed, injured or shot, and how many, as a range.

A casualty is a predicate ("were killed", "died", "left … dead", "three deaths") and its
victims, found in the dependency parse; the victims' phrase is counted with the codebook's
table (section 6): numbers and number words, "at least", "between X and Y", vague
quantities, ordinals ("a third victim"), coordination ("a man and a woman") and "no one".
Ages ("a 25-year-old man") are not counts. The words are in data/casualties.toml.

Each figure also says whether it counts victims besides those of other figures ("three
others", "was also killed", "killed himself") and whether it is a statistic over a period
("45 people were killed in 2015"), which no single event's toll includes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventlens.data import load_toml
from eventlens.nlp import extensions  # noqa: F401

SPAN_KEY = "casualties"
TIMEX_KEY = "timex"
SUBJECTS = {"nsubj", "nsubjpass"}
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
# Words that stand for one person ("another was wounded").
SINGULAR_PRONOUNS = {"he", "she", "him", "her", "i", "me", "himself", "herself", "myself", "another"}
MODALS = {"will", "wo", "would", "could", "might", "may", "should", "can", "ca", "must", "shall"}
ADDITIONAL = {"others", "other", "additional", "more"}
DEFINITE = {"the", "these", "those"}
# Nouns that only frame a count: "a total of 12 people", "a group of five".
PARTITIVE_COUNTS = {"total", "number", "group", "count", "tally"}
DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
# Number words that multiply what comes before them ("two hundred", "3 million").
MULTIPLIERS = {100, 1000, 1000000}
# "a 25-year-old", "25 years old", "a six-month-old": an age.
AGE_UNITS = {"year", "years", "month", "months", "week", "weeks", "day", "days"}
REFLEXIVES = {"himself", "herself", "themselves"}
# Relations of words that modify a noun ("the 1800 block": "1800" modifies "block").
NOUN_MODIFIERS = {"compound", "nummod", "amod", "poss", "det"}
# Statistics count over periods longer than this ("in 2015", "since 1999", "each year"), days.
LONGEST_EVENT_DAYS = 31


@dataclass(frozen=True)
class Casualty:
    """A casualty figure: KIND is "killed", "injured" or "shot" (hit or hurt, whether they
    lived not said here: "was shot", "found with a gunshot wound")."""

    kind: str
    min: int
    max: int | None
    ordinal: bool = False  # counted by an ordinal ("a third died"): the total is at least min
    victim: int | None = None  # token index of the victims' head word
    predicate: int = 0  # token index of the predicate
    additional: bool = False  # victims besides those counted before ("another man", "three others")
    tally: bool = False  # a count over a period ("38 people were killed in June 2015"): a statistic


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
        self.killing_nouns = frozenset(p["killing_nouns"])
        self.shooting_nouns = frozenset(p["shooting_nouns"])
        self.fatal_adjectives = frozenset(p["fatal_adjectives"])
        self.attempt_words = frozenset(p["attempt_words"])
        self.killed_phrasal = frozenset(tuple(v.split()) for v in p["killed_phrasal"])
        self.injured_nouns = frozenset(p["injured_nouns"])
        self.wound_nouns = frozenset(p["wound_nouns"])
        self.harm_nouns = self.injured_nouns | self.wound_nouns
        self.suffer_verbs = frozenset(p["suffer_verbs"])
        self.killed_adjectives = frozenset(p["killed_adjectives"])
        self.injured_adjectives = frozenset(p["injured_adjectives"])
        self.fatal_adverbs = frozenset(p["fatal_adverbs"])
        self.toll_words = frozenset(p["toll_words"])
        self.not_victims = frozenset(p["not_victims"])
        self.places = frozenset(p["places"])
        self.body_parts = frozenset(p["body_parts"])
        # Words a coordination may join to the victims that are no people ("the murder of the
        # mayor and the kidnapping of his son").
        self.not_people = (self.not_victims | self.places | self.killed_nouns | self.killing_nouns
                           | self.shooting_nouns | self.harm_nouns)
        self.numbers: dict[str, int] = data["numbers"]
        self.ordinals: dict[str, int] = data["ordinals"]
        self.vague: dict[str, int] = data["vague"]
        self.multiples: dict[str, int] = data["multiples"]
        modifiers = data["modifiers"]
        self.modifiers = sorted(
            ((tuple(phrase.split()), kind) for kind, phrases in modifiers.items() for phrase in phrases),
            key=lambda item: -len(item[0]),
        )
        self.nobody = frozenset(data["nobody"]["words"])
        self.everyone = frozenset(data["nobody"]["everyone"])

    @property
    def harm_verbs(self) -> frozenset[str]:
        """Verbs that tell people were harmed ("killed", "died", "was struck")."""
        return self.killed_verbs | self.killed_intransitive | self.injured_verbs | self.shot_verbs

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
    """(value, start, end) of the number phrase around token I: "twenty - five", "two hundred".
    Numbers side by side that do not make one number stay apart ("two 25-year-olds", "30-40")."""
    if number_value(doc[i], lexicon) is None:
        return None
    start = i
    while (before := _joined_neighbour(doc, start, -1, lexicon)) is not None:
        start = before
    end = i
    while (after := _joined_neighbour(doc, end, 1, lexicon)) is not None:
        end = after
    return _combine([number_value(t, lexicon) for t in doc[start:end + 1] if t.text != "-"]), start, end + 1


def _joined_neighbour(doc: Doc, i: int, step: int, lexicon: CasualtyLexicon) -> int | None:
    """The index of the number word next to token I (STEP -1: before, 1: after, a hyphen
    between allowed) when the two make one number, else None."""
    j = i + step
    if 0 <= j < len(doc) and doc[j].text == "-":
        j += step
    if not 0 <= j < len(doc):
        return None
    here, there = number_value(doc[i], lexicon), number_value(doc[j], lexicon)
    if there is None:
        return None
    left, right = (there, here) if step < 0 else (here, there)
    return j if _make_one_number(left, right) else None


def _make_one_number(left: int, right: int) -> bool:
    """"twenty five", "two hundred", "hundred ten", "3 million": yes; "two 25", "30 40": no."""
    if right in MULTIPLIERS:
        return left < right
    if left in MULTIPLIERS:
        return right < 100
    return 20 <= left <= 90 and left % 10 == 0 and 1 <= right <= 9


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
    conjuncts = [head, *[c for c in head.conjuncts if c.i > head.i and same_segment(c, head)
                         and c.lemma_.lower() not in lexicon.not_people]]
    if not any(c.dep_ == "cc" for t in conjuncts for c in t.children):
        conjuncts = [head]  # "Maria Romero, Luis's ex-wife": an apposition the parse took for a list
    counts = [_count_one(t, lexicon) for t in conjuncts]
    if any(c is None for c in counts):
        return counts[0] if len(counts) == 1 else None
    if _restated(conjuncts, counts):
        counts = counts[1:]  # "the Jesuits, five Spaniards and one Salvadoran": six in all
    if len(counts) == 1:
        return counts[0]
    low = sum(c.min for c in counts if not c.ordinal)
    ordinal = max((c.min for c in counts if c.ordinal), default=0)
    high = None if any(c.max is None for c in counts if not c.ordinal) else sum(c.max for c in counts if not c.ordinal)
    total = max(low, ordinal)
    return Quantity(total, max(high, total) if high is not None else None)


def _restated(conjuncts: list[Token], counts: list[Quantity]) -> bool:
    """Whether the first of a list is a plural with no number that the counted rest, set off
    by a comma, spells out."""
    first = conjuncts[0]
    return (len(counts) > 2 and counts[0] == Quantity(1, None) and all(c.max is not None for c in counts[1:])
            and first.i + 1 < len(first.doc) and first.doc[first.i + 1].text == ",")


def _is_additional(head: Token) -> bool:
    """"another man", "three others", "two more people": victims besides those already counted.
    "The other three", "the others" are the rest of those counted, not more."""
    if any(c.lower_ in DEFINITE or c.dep_ == "poss" for c in head.children):
        return False
    if head.lower_ in ADDITIONAL | {"another"}:
        return True
    return any(c.lower_ in ADDITIONAL | {"another"} and c.dep_ in {"det", "amod", "advmod"} for c in head.children)


def _count_one(head: Token, lexicon: CasualtyLexicon) -> Quantity | None:
    doc = head.doc
    if _is_age(head) or _is_age_noun(head):
        return Quantity(1, 1)  # "John Smith, 21, was shot", "the 17-year-old died": one person
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
        if _is_age_number(child):
            continue
        if child.dep_ in {"nummod", "quantmod"} or (child.dep_ == "amod" and number_value(child, lexicon) is not None):
            number = quantity_of_number(doc, child.i, lexicon)
            if number is not None:
                return number
    number = _number_inside(head, lexicon)
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


def _number_inside(head: Token, lexicon: CasualtyLexicon) -> Quantity | None:
    """A number deeper in the victims' phrase than a direct modifier: "nine motorcycle gang
    members" (the parse hangs "nine" from "motorcycle")."""
    doc = head.doc
    for token in doc[head.left_edge.i:head.i]:
        if number_value(token, lexicon) is not None and not _is_age_number(token) and _modifies(token, head):
            return quantity_of_number(doc, token.i, lexicon)
    return None


def _modifies(token: Token, head: Token) -> bool:
    """Whether TOKEN hangs from HEAD through modifiers of a noun only."""
    while token.i != head.i:
        if token.dep_ not in {"compound", "nummod", "amod", "quantmod"} or token.head.i == token.i:
            return False
        token = token.head
    return True


def _is_age(token: Token) -> bool:
    """A number set off by a comma after a name: an age ("Ana Ruiz, 34, of Dayton", "… and
    Tom Lee, 32 were hurt")."""
    doc = token.doc
    if not (token.like_num and token.i >= 2 and doc[token.i - 1].text == ","):
        return False
    name = doc[token.i - 2]
    if token.i + 1 < len(doc) and doc[token.i + 1].text in {",", "of"}:
        return name.pos_ == "PROPN"
    return name.ent_type_ == "PERSON"


def _is_age_number(token: Token) -> bool:
    """The number of an age: "25" in "a 25-year-old man" or "25 years old"."""
    doc = token.doc
    j = _skip_hyphen(doc, token.i + 1)
    if j >= len(doc) or doc[j].lower_ not in AGE_UNITS:
        return False
    j = _skip_hyphen(doc, j + 1)
    return j < len(doc) and doc[j].lower_ in {"old", "olds"}


def _is_age_noun(token: Token) -> bool:
    """"old" in "the 17-year-old was shot": a person named by their age."""
    doc = token.doc
    return (token.lower_ == "old" and token.i >= 2 and doc[token.i - 1].text == "-"
            and doc[token.i - 2].lower_ in AGE_UNITS)


def _skip_hyphen(doc: Doc, i: int) -> int:
    return i + 1 if i < len(doc) and doc[i].text == "-" else i


# ---------------------------------------------------------------- predicates

def victim_of_verb(verb: Token) -> Token | None:
    """The victims of VERB: its passive subject or object, or the passive subject it shares."""
    for dep in ("nsubjpass", "dobj"):
        child = _nearest_child(verb, dep)
        if child is not None:
            return _antecedent(child, verb)
    if verb.tag_ == "VBN" and not any(c.lemma_ == "have" for c in verb.children):
        # "… and 12 injured": a participle with its subject, the passive left unsaid.
        subject = _nearest_child(verb, "nsubj")
        if subject is not None:
            return _antecedent(subject, verb)
    if verb.dep_ in {"acl", "amod"} and verb.head.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}:
        return verb.head  # "a man killed in the attack", "the injured man"
    if verb.dep_ in {"xcomp", "oprd"} and verb.head.pos_ == "VERB":
        return victim_of_verb(verb.head)  # "four people were found shot"
    first = _first_conjunct(verb)
    if first.i != verb.i and first.dep_ in {"acl", "amod"} and first.head.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}:
        return first.head  # "a boy shot and killed on Monday"
    subject = _nearest_child(verb, "nsubj")
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
        subject = _nearest_subject(candidate)
        if subject is not None:
            return _antecedent(subject, candidate)
    return None


def _nearest_subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    return min(subjects, key=lambda c: (_is_age(c), abs(c.i - verb.i)), default=None)


def _nearest_child(token: Token, dep: str) -> Token | None:
    """TOKEN's child of relation DEP nearest to it: a dateline parsed as a second subject
    ("CINCINNATI -- Two men were killed") is further away than the real one."""
    children = [c for c in token.children if c.dep_ == dep]
    return min(children, key=lambda c: (_is_age(c), abs(c.i - token.i)), default=None)  # an age is no subject


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
        in_dates = {i for span in doc.spans.get(TIMEX_KEY, []) for i in range(span.start, span.end)}
        for token in doc:
            casualty = self._casualty(token)
            if casualty is not None and casualty.victim not in in_dates:  # not "Nov. 18 has died"
                found.append(casualty)
                found.extend(self._elliptical(token, casualty))
        periods = long_periods(doc)
        if periods:
            found = [replace(c, tally=True) if _within_period(doc[c.predicate], periods) else c for c in found]
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
            if (lemma in lex.killed_intransitive and self._dies_of_violence(token, lemma)) or self._passes_away(token):
                return self._counted("killed", token, subject_of(token))
            if lemma in lex.injured_verbs:
                kind = "killed" if self._is_fatal(token) else "injured"
                return self._counted(kind, token, victim_of_verb(token))
            if lemma in lex.shot_verbs and self._hit_by_weapon(token, lemma):
                kind = "killed" if self._is_fatal(token) else "shot"
                return self._counted(kind, token, victim_of_verb(token))
        if token.pos_ == "ADJ" and token.lower_ in lex.killed_adjectives | lex.injured_adjectives:
            kind = "killed" if token.lower_ in lex.killed_adjectives else "injured"
            return self._counted(kind, token, self._described(token), conjuncts=token.dep_ != "amod")
        if token.pos_ in {"NOUN", "PROPN"}:
            if lemma in lex.toll_words:
                return self._toll(token)
            if lemma in lex.killed_nouns:
                return self._noun(token, "killed")
            if lemma in lex.killing_nouns or lemma in lex.shooting_nouns:
                return self._victims_of(token) or self._multiple(token)
            if lemma in lex.injured_nouns:
                return self._noun(token, "injured")
            if lemma in lex.wound_nouns:
                return self._harm(token)
        return None

    def _counted(self, kind: str, predicate: Token, victim: Token | None, conjuncts: bool = True) -> Casualty | None:
        """The figure of PREDICATE's VICTIM; CONJUNCTS: whether victims coordinated with it count too."""
        if victim is not None and not same_segment(predicate, victim):
            victim = _noun_just_before(predicate)  # the parse ran a headline into this sentence
        victim = self._person(victim)
        if victim is None:
            return None
        if victim.pos_ not in {"NOUN", "PROPN", "PRON", "NUM", "ADJ", "DET"}:
            return None
        count = count_victims(victim, self.lex) if conjuncts else _count_one(victim, self.lex)
        if any(c.dep_ == "neg" for c in predicate.children):
            if any(c.dep_ == "aux" and c.lower_ in MODALS for c in predicate.children):
                return None  # "won't be hurt", "could not have died": not a report of harm
            count = Quantity(0, 0)
        if count is None:
            return None
        additional = _said_also(predicate) or (_is_additional(victim) and not _besides_the_subject(victim, predicate)) \
            or (kind == "killed" and victim.lower_ in REFLEXIVES)  # the gunman "then killed himself"
        return Casualty(kind, count.min, count.max, count.ordinal, victim.i, predicate.i, additional)

    def _person(self, victim: Token | None) -> Token | None:
        """Who a victim phrase names: the owner of a body part hit ("grazed the head of a
        deputy", "a third person's chest"); None for things and places."""
        if victim is None:
            return None
        lemma = victim.lemma_.lower()
        if lemma in self.lex.body_parts:
            for child in victim.children:
                if child.dep_ == "poss":
                    return child
                if child.dep_ == "prep" and child.lower_ == "of":
                    return next((g for g in child.children if g.dep_ == "pobj"), None)
            return None
        if lemma in self.lex.not_victims or lemma in self.lex.places:
            return None
        return victim

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
            return adjective.head  # counted without its conjuncts: "one dead man and one injured woman"
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
        """"three deaths", "no injuries"; an injury someone has ("taken to hospital with injuries")."""
        counted = any(c.dep_ in {"nummod", "det"} and (number_value(c, self.lex) is not None or c.lower_ == "no")
                      for c in noun.children)
        if counted:
            count = count_victims(noun, self.lex)
            if count is not None:
                return Casualty(kind, count.min, count.max, count.ordinal, noun.i, noun.i)
        if kind == "injured":
            return self._harm(noun)
        if noun.tag_ == "NN" and noun.dep_ != "compound" and any(
                c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children):
            return Casualty(kind, 1, 1, False, noun.i, noun.i)  # "an accidental shooting death", "a body"
        return self._victims_of(noun)

    def _victims_of(self, noun: Token) -> Casualty | None:
        """"the death of a man", "the murder of six priests", "the fatal shooting of two teens":
        the victims follow "of"."""
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        victim = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if victim is None or any(c.lower_ in self.lex.attempt_words for c in noun.children):
            return None
        shooting = noun.lemma_.lower() in self.lex.shooting_nouns
        fatal = not shooting or any(c.lower_ in self.lex.fatal_adjectives for c in noun.children)
        return self._counted("killed" if fatal else "shot", noun, victim)

    def _multiple(self, noun: Token) -> Casualty | None:
        """"a triple shooting", "a double homicide": as many victims as the adjective says."""
        for child in noun.children:
            if child.dep_ in {"amod", "compound"} and child.lower_ in self.lex.multiples:
                count = self.lex.multiples[child.lower_]
                kind = "shot" if noun.lemma_.lower() in self.lex.shooting_nouns else "killed"
                return Casualty(kind, count, count, False, noun.i, noun.i)
        return None

    def _passes_away(self, verb: Token) -> bool:
        """A phrasal verb of dying ("passed away")."""
        return any((verb.lemma_.lower(), c.lower_) in self.lex.killed_phrasal for c in verb.children if c.dep_ == "prt")

    def _harm(self, noun: Token) -> Casualty | None:
        """Someone with a wound or injury ("found with a gunshot wound", "suffered injuries"): hurt,
        and whether they lived is told elsewhere, so the figure is of kind "shot"."""
        if noun.dep_ == "pobj" and noun.head.lower_ in {"with", "from", "for"}:
            holder = noun.head.head
        elif noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.lex.suffer_verbs:
            holder = noun.head
        else:
            return None
        lemma = holder.lemma_.lower()
        if lemma in self.lex.places:
            holder = _governing_verb(holder)  # "taken to hospitals with gunshot wounds": the verb's victims
        elif lemma in self.lex.harm_nouns:
            return None  # "injuries from gunshot wounds": counted by the outer noun
        if holder is None:
            return None
        if holder.pos_ not in {"VERB", "AUX"}:
            return self._counted("shot", noun, holder)
        if holder.lemma_.lower() in self.lex.killed_intransitive:
            return None  # "died from his injuries" is counted by "died"
        if holder.lemma_.lower() in self.lex.suffer_verbs:
            return self._counted("shot", noun, subject_of(holder))  # "one woman received a graze wound"
        return self._counted("shot", noun, self._bearer(holder))

    @staticmethod
    def _bearer(verb: Token) -> Token | None:
        """Who has the wound a phrase under VERB tells: the object of "found a man with a gunshot
        wound", else the subject ("he was taken to hospital with injuries")."""
        found = _nearest_child(verb, "dobj")
        if found is not None:
            return _antecedent(found, verb)
        subject = subject_of(verb)
        if subject is None and verb.tag_ == "VBN":
            return victim_of_verb(verb)
        return subject

    def _toll(self, toll: Token) -> Casualty | None:
        if not any(c.lemma_.lower() in {"death", "casualty", "fatality"} for c in toll.children):
            return None
        doc = toll.doc
        for i in range(toll.i + 1, min(toll.i + 8, toll.sent.end)):
            count = quantity_of_number(doc, i, self.lex)
            if count is not None:
                return Casualty("killed", count.min, count.max, False, i, toll.i)
        return None


def _noun_just_before(predicate: Token) -> Token | None:
    """The noun right before PREDICATE and its auxiliaries ("… Two men were killed"), where
    the parse, misled by a headline, gives the predicate no subject of its own sentence."""
    i = predicate.i - 1
    while i >= 0 and predicate.doc[i].dep_ in {"aux", "auxpass", "neg", "advmod"}:
        i -= 1
    if i < 0 or not same_segment(predicate.doc[i], predicate):
        return None
    token = predicate.doc[i]
    return token if token.pos_ in {"NOUN", "PROPN", "PRON", "NUM"} else None


def _governing_verb(token: Token) -> Token | None:
    """The verb a few steps above TOKEN ("taken" for "hospitals" in "taken to hospitals"), or None."""
    for _ in range(4):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in {"VERB", "AUX"}:
            return token
    return None


def _besides_the_subject(victim: Token, predicate: Token) -> bool:
    """"a man shot another man": another than the man who shot, not than other victims."""
    return victim.dep_ == "dobj" and victim.head.i == predicate.i and _nearest_child(predicate, "nsubj") is not None


def _said_also(predicate: Token) -> bool:
    """"two of his guards were also killed": victims besides those told before."""
    return any(c.dep_ == "advmod" and c.lower_ == "also" for c in predicate.children)


# ---------------------------------------------------------------- where a figure stands

def same_segment(a: Token, b: Token) -> bool:
    return segment_bounds(a) == segment_bounds(b)


def segment_bounds(token: Token) -> tuple[int, int]:
    """The part of TOKEN's sentence between paragraph breaks, as (start, end) token indices.
    The parser runs a headline or a caption into the next paragraph's first sentence; a
    paragraph break ends it."""
    doc, sentence = token.doc, token.sent
    start = token.i
    while start > sentence.start and not _paragraph_break(doc[start - 1]):
        start -= 1
    end = token.i + 1
    while end < sentence.end and not _paragraph_break(doc[end]):
        end += 1
    return start, end


def _paragraph_break(token: Token) -> bool:
    return token.is_space and token.text.count("\n") >= 2


def is_headline(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens START..END are a headline or caption: a paragraph that does not end as a
    sentence does ("3 Dead, 2 Injured in Shooting")."""
    words = [t for t in doc[start:end] if not t.is_space]
    return bool(words) and words[-1].text[-1] not in ".!?\"”’')…:;"


def long_periods(doc: Doc) -> list[Span]:
    """Time expressions longer than one event can be: "in 2015", "since 1999", "the past six
    months", "each year"."""
    periods = []
    for span in doc.spans.get(TIMEX_KEY, []):
        value = span._.timex
        if value is None or _describes_a_thing(span):
            continue
        if value.type == "SET" or (value.start and value.end and (value.end - value.start).days > LONGEST_EVENT_DAYS):
            periods.append(span)
    return periods


def _describes_a_thing(span: Span) -> bool:
    """"the 1800 block", "the 2015 budget": a time expression (or what looks like one) that
    modifies a noun outside it tells nothing about when its clause happened."""
    return any(t.dep_ in NOUN_MODIFIERS and not span.start <= t.head.i < span.end for t in span)


def _within_period(predicate: Token, periods: list[Span]) -> bool:
    """Whether the clause of PREDICATE counts over one of PERIODS ("45 people were killed in
    2015", "there have been 10,569 deaths since 1999"): a statistic. A period in a clause
    inside it ("Ana Ruiz, born in 1970, was shot") dates something else."""
    clause = _first_conjunct(_clause_of(predicate))  # "100 were shot in 2017, 24 fatally": both
    return any(_first_conjunct(_clause_of(span.root)) == clause for span in periods)


def clause_times(token: Token) -> list[Span]:
    """The time expressions of TOKEN's own clause ("38 people were killed in June": June),
    not those of the clauses around it ("delegates meet tomorrow, after squads killed ten")."""
    sentence, clause = token.sent, _clause_of(token)
    return [s for s in token.doc.spans.get(TIMEX_KEY, [])
            if sentence.start <= s.start < sentence.end and _clause_of(s.root) == clause]


def _clause_of(token: Token) -> Token:
    """The nearest verb at or above TOKEN (the root if none)."""
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i:
        token = token.head
    return token


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
