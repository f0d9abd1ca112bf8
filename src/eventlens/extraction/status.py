"""Whether an event occurred, is planned, threatened or denied — or is not asserted at all.

Read from the trigger's clause and the verbs above it: "denied that its troops attacked"
(denied), "threatened to attack" (threatened), "will meet", "plan to hold talks" (planned),
"if the soldiers are punished" and "did not attack" (not asserted: no event).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from eventlens.data import load_toml

NOT_ASSERTED = "not_asserted"
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "pcomp", "csubj", "ROOT"}
NOBODY = {"nobody", "none", "noone"}
# How far up the parse a governing verb may be.
MAX_DEPTH = 4


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    return {key: frozenset(values) for key, values in load_toml("attribution.toml")["status"].items()}


def event_status(trigger: Span, future_date: bool = False) -> str:
    """`occurred`, `planned`, `threatened`, `denied`, or NOT_ASSERTED for hypotheticals,
    negated events in the writer's own voice, and things prevented or feared."""
    words = _words()
    token = trigger.root
    clause = clause_head(token)
    if _is_conditional(clause, words) or _is_question(trigger) or _is_purpose(trigger) or _is_aim(token, words):
        return NOT_ASSERTED
    negated = _negated(token) or (clause.i != token.i and _negated(clause))
    for depth, governor in enumerate(_governors(clause)):
        lemma = governor.lemma_.lower()
        if lemma in words["deny_verbs"]:
            return "denied"
        if lemma in words["threat_verbs"] and _introduces(governor, clause):
            return "threatened"
        if lemma in words["plan_verbs"] and _introduces(governor, clause) and clause.tag_ in {"VB", "VBG"}:
            return "planned"
        if lemma in words["not_occurrence"] and depth == 0:
            return NOT_ASSERTED
        if depth >= MAX_DEPTH:
            break
    if token.pos_ != "VERB":
        if any(c.lower_ in words["plan_adjectives"] for c in token.children if c.dep_ == "amod"):
            return "planned"
        if _framed_as_not_occurring(token, words["not_occurrence"]):
            return NOT_ASSERTED
    if negated:
        return "denied" if _attributed(clause) else NOT_ASSERTED
    if _future(clause, words) or future_date:
        return "planned"
    if _hypothetical(clause, words):
        return NOT_ASSERTED
    return "occurred"


def _framed_as_not_occurring(noun: Token, frames: frozenset[str]) -> bool:
    """Whether a noun event is named as something to stop, prevent or fear ("fear of an attack",
    "demand an end to the fighting"), through a preposition as the parse often attaches it."""
    head = noun.head
    around = {head}
    if head.pos_ == "ADP":
        around |= {head.head, *(c for c in head.head.children if c.dep_ == "dobj")}
    return any(t.lemma_.lower() in frames for t in around)


def _is_purpose(trigger: Span) -> bool:
    """A protest named as the aim of another act ("resigned to protest the murder", "walked
    out in protest"): the act is the event, if any; the aim is not a demonstration."""
    token = trigger.root
    if trigger.label_ != "PROTEST":
        return False
    if token.pos_ == "VERB":
        return token.dep_ in {"advcl", "xcomp"} and any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children)
    return token.dep_ == "pobj" and token.head.lower_ == "in" and token.lemma_.lower() == "protest"


def _is_aim(token: Token, words) -> bool:
    """A verb naming what someone meant to do ("charged with assault with intent to kill")."""
    return token.dep_ == "acl" and token.head.lemma_.lower() in words["aim_nouns"] \
        and any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children)


def clause_head(token: Token) -> Token:
    """The verb whose clause TOKEN belongs to (TOKEN itself when it is a verb)."""
    current = token
    for _ in range(8):
        if current.pos_ in {"VERB", "AUX"} or current.dep_ == "ROOT":
            return current
        current = current.head
    return current


def _governors(clause: Token):
    """The verbs above CLAUSE, nearest first."""
    current = clause
    while current.dep_ in CLAUSE_DEPS and current.dep_ != "ROOT" and current.head.i != current.i:
        current = current.head
        if current.pos_ in {"VERB", "AUX", "NOUN"}:
            yield current


def _introduces(governor: Token, clause: Token) -> bool:
    """Whether CLAUSE is the complement of GOVERNOR ("threatened [to attack]")."""
    return clause.head.i == governor.i and clause.dep_ in {"xcomp", "ccomp", "advcl", "acl"}


def _negated(token: Token) -> bool:
    """"did not attack", "no arrests", "no shooter has been arrested"."""
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
            return True
        if child.dep_ in {"nsubj", "nsubjpass"} and (
                child.lower_ in NOBODY or any(g.dep_ == "det" and g.lower_ == "no" for g in child.children)):
            return True
    return False


def _future(clause: Token, words: dict) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in words["future_auxiliaries"] for c in clause.children) or (
        clause.tag_ == "VB" and any(c.lower_ == "to" for c in clause.children)
        and clause.head.lemma_ in {"be", "go"} and clause.head.tag_ in {"VBZ", "VBP", "VBD", "VBG"})


def _hypothetical(clause: Token, words: dict) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in words["hypothetical_auxiliaries"] for c in clause.children)


def _is_conditional(clause: Token, words: dict) -> bool:
    current = clause
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in words["conditional_markers"] for c in current.children):
            return True
        if current.dep_ not in {"conj", "xcomp"}:
            break
        current = current.head
    return False


def _is_question(trigger: Span) -> bool:
    return trigger.sent.text.rstrip().endswith("?")


def _attributed(clause: Token) -> bool:
    """Whether a negated clause is someone's statement ("the army said it did not attack")."""
    return clause.dep_ == "ccomp" and clause.head.pos_ == "VERB"
