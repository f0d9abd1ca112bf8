"""Who did what to whom: the actor phrases around an event trigger, with their roles.

Roles come from the dependency parse: the subject of an active verb or the agent of a passive
one acts (`initiator`); the object, the passive subject and the object of "on"/"against" are
acted upon (`target`); the partners of talks and clashes take part (`participant`).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventlens.models import Actor
from eventlens.resolve.actors import ActorKind, ActorLexicon, alpha3, canonical_name

# Event types where both sides of the interaction are partners rather than doer and done-to.
MUTUAL_TYPES = {"CONSULT", "AGREE", "COOPERATE"}
TARGET_PREPOSITIONS = {"on", "against", "at", "upon", "into", "toward", "towards"}
PARTNER_PREPOSITIONS = {"with", "between"}
# Verbs that carry a noun trigger: "launched an attack", "carried out a bombing".
LIGHT_VERBS = {"launch", "carry", "conduct", "stage", "mount", "commit", "perpetrate", "claim",
               "unleash", "wage", "execute", "organize", "organise", "hold", "lead", "begin", "start",
               "open", "make", "sign", "reach", "agree", "announce", "declare", "call", "issue", "impose"}
# Heads that stand for the people in them: "positions of the army", "a convoy of troops".
CONTAINERS = {"position", "convoy", "base", "camp", "post", "checkpoint", "barracks", "outpost",
              "garrison", "headquarters", "patrol", "vehicle", "unit", "column", "stronghold", "office", "home"}
# Words that continue a phrase through "of": "members of the armed forces".
PARTITIVES = {"member", "group", "unit", "squad", "band", "team", "contingent", "detachment",
              "column", "battalion", "company", "platoon", "faction", "wing", "leader", "head",
              "commander", "chief", "spokesman", "office", "headquarters", "home", "house",
              "residence", "offices", "one", "some", "dozens", "hundreds", "thousands", "several",
              "many", "all", "most", "each", "two", "three", "four", "five"} | CONTAINERS
PRONOUNS = {"it", "they", "them", "he", "she", "him", "her", "who", "which", "that", "we", "us",
            "i", "you", "this", "these", "those", "itself", "themselves", "what", "whom", "there"}
NOUNISH = {"NOUN", "PROPN", "NUM", "PRON"}


@dataclass(frozen=True)
class ActorRef:
    """An actor phrase in the text, before resolution."""

    head: int  # token index of the phrase's head
    start: int  # token span of the phrase
    end: int
    role: str


def actor_refs(trigger: Span, event_type: str) -> list[ActorRef]:
    """The actor phrases of the event that TRIGGER names, each with its role."""
    token = trigger.root
    if token.pos_ == "VERB":
        pairs = _verb_arguments(token)
    else:
        pairs = _noun_arguments(token)
    refs, seen = [], set()
    for head, role in pairs:
        for member in [head, *head.conjuncts]:
            if member.i in seen or not _is_actor_word(member):
                continue
            seen.add(member.i)
            if event_type in MUTUAL_TYPES:
                role = "participant"
            start, end = phrase_bounds(member)
            refs.append(ActorRef(member.i, start, end, role))
    return refs


def _verb_arguments(verb: Token) -> list[tuple[Token, str]]:
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
    pairs = []
    for child in verb.children:
        if child.dep_ == "nsubj":
            pairs.append((child, "initiator"))
        elif child.dep_ == "nsubjpass" or child.dep_ == "dobj":
            pairs.append((child, "target"))
        elif child.dep_ == "agent":
            pairs += [(g, "initiator") for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ == "prep" and child.lower_ in TARGET_PREPOSITIONS | PARTNER_PREPOSITIONS:
            role = "participant" if child.lower_ in PARTNER_PREPOSITIONS else "target"
            pairs += [(g, role) for g in child.children if g.dep_ == "pobj"]
    if not any(role == "initiator" for _, role in pairs) and not passive:
        pairs += [(s, "initiator") for s in _inherited_subjects(verb)]
    if verb.dep_ in {"acl", "relcl"} and verb.head.pos_ in NOUNISH and not any(r == "target" for _, r in pairs):
        # "a man killed in the attack": the noun the participle describes was acted upon;
        # "gunmen who attacked the bus": the noun the relative clause describes acts.
        role = "target" if verb.tag_ == "VBN" and verb.dep_ == "acl" else "initiator"
        pairs.append((verb.head, role))
    return pairs


def _inherited_subjects(verb: Token) -> list[Token]:
    """Subjects a verb shares: "began shooting", "stormed the village and killed"."""
    if verb.dep_ in {"xcomp", "conj", "advcl"} and verb.head.pos_ in {"VERB", "AUX"}:
        head = verb.head
        if verb.dep_ == "advcl" and verb.tag_ != "VBG":
            return []
        return [c for c in head.children if c.dep_ == "nsubj"]
    return []


def _noun_arguments(noun: Token) -> list[tuple[Token, str]]:
    pairs = []
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.i < noun.i and
                                    not ActorLexicon.load().is_object_word(child.lemma_.lower())):
            pairs.append((child, "initiator"))  # "the army's offensive", "a rebel attack"; not "a car bomb"
        elif child.dep_ == "prep" and child.lower_ == "by":
            pairs += [(g, "initiator") for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ == "prep" and child.lower_ in TARGET_PREPOSITIONS | PARTNER_PREPOSITIONS | {"of"}:
            role = "participant" if child.lower_ in PARTNER_PREPOSITIONS else "target"
            pairs += [(g, role) for g in child.children if g.dep_ == "pobj"]
    head = noun.head
    if noun.dep_ in {"dobj", "nsubjpass"} and head.lemma_.lower() in LIGHT_VERBS:
        pairs += [(c, "initiator") for c in head.children if c.dep_ == "nsubj"]
        pairs += [(g, "initiator") for c in head.children if c.dep_ == "agent" for g in c.children]
    return pairs


def _is_actor_word(token: Token) -> bool:
    if token.pos_ not in NOUNISH and token.ent_type_ not in {"NORP", "ORG", "PERSON", "GPE"}:
        return False
    return token.lower_ not in PRONOUNS and not token.like_num or any(c.dep_ == "prep" for c in token.children)


def phrase_bounds(head: Token) -> tuple[int, int]:
    """Token span of the noun phrase headed by HEAD: its modifiers, and "of" when partitive."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in {"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "advmod", "punct", "case", "predet"}:
            start = min(start, child.left_edge.i)
    # A modifier's subtree can reach back over a preposition ("on 10 March alleged rebels"):
    # the phrase starts after it.
    for i in range(head.i - 1, start - 1, -1):
        if head.doc[i].pos_ == "ADP" or head.doc[i].text in {",", ";", ":", "(", "["}:
            start = i + 1
            break
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and head.lemma_.lower() in PARTITIVES:
            end = max(end, child.right_edge.i + 1)
        elif child.dep_ in {"compound", "case"} and child.i == end:
            end = child.i + 1
    return start, min(end, head.sent.end)


class ActorResolver:
    """Turns actor phrases into `Actor` records, with the document's country as a default."""

    def __init__(self, doc: Doc, text: str, default_country: str | None):
        self.doc = doc
        self.text = text
        self.default_country = default_country  # ISO alpha-3
        self.lexicon = ActorLexicon.load()
        self._toponyms = list(doc.spans["toponyms"]) if "toponyms" in doc.spans else []

    def resolve(self, ref: ActorRef, event_type: str) -> Actor | None:
        span = self.doc[ref.start:ref.end]
        head = self.doc[ref.head]
        kind = self._classify(span, head)
        if kind is None:
            kind = self._kind_from_entity(head)
            if kind is None:
                return None
        text = self.text[span.start_char:span.end_char]
        country = kind.country or self._country_in(span) or self.default_country
        actor_type = _type_for_role(kind.type, ref.role, event_type)
        if actor_type != kind.type:
            kind = self.lexicon.kind_of_type(actor_type)
        name = canonical_name(kind, country, _strip_determiner(text))
        return Actor(text=text, name=name, type=actor_type, country=country, role=ref.role)

    def _classify(self, span: Span, head: Token) -> ActorKind | None:
        kind = self.lexicon.classify([t.lemma_.lower() for t in span], head.lemma_.lower()) or \
            self.lexicon.classify([t.lower_ for t in span], head.lower_)
        if kind is None and head.pos_ == "PROPN" and head.lower_.endswith("s"):
            # A capitalised plural the model took for a name keeps its "s" as lemma: "Protesters".
            kind = self.lexicon.classify([t.lower_ for t in span[:-1]] + [head.lower_[:-1]], head.lower_[:-1])
        if (head.lemma_.lower() in PARTITIVES or head.lower_ in PARTITIVES) and (kind is None or kind.type == "other"):
            # "thousands of protesters", "positions of the army": the people in them
            for member in (g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children):
                inner = self._classify(self.doc[slice(*phrase_bounds(member))], member)
                if inner is not None:
                    return inner
        return kind

    def name_of(self, head: int, start: int, end: int) -> str | None:
        """The canonical name of an organised actor at tokens START..END ("the ministry" ->
        "Government of Sudan"); None for people the name would blur ("doctors", "a witness")."""
        actor = self.resolve(ActorRef(head, start, end, "participant"), "")
        if actor is None or actor.type in {"civilians", "other", "unidentified"}:
            return None
        return actor.name

    def _country_in(self, span: Span) -> str | None:
        for toponym in self._toponyms:
            if toponym.start >= span.start and toponym.end <= span.end and toponym._.place is not None:
                return alpha3(getattr(toponym._.place, "country", None))
        return None

    def _kind_from_entity(self, head: Token) -> ActorKind | None:
        """Names the lexicon does not know: a person, or an organisation or group."""
        if head.ent_type_ == "PERSON":
            return ActorKind("civilians", "{word}", None, True, head.text)
        if head.ent_type_ in {"ORG", "NORP"}:
            return ActorKind("other", "{word}", None, True, head.text)
        return None


def _type_for_role(actor_type: str, role: str, event_type: str) -> str:
    """An unnamed person who attacks is an unidentified attacker, not a civilian."""
    if role == "initiator" and actor_type == "civilians" and event_type in {"ASSAULT", "COERCE"}:
        return "unidentified"
    if role == "target" and actor_type == "unidentified" and event_type == "ASSAULT":
        return "civilians"
    return actor_type


def _strip_determiner(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if first.lower() in {"a", "an", "the", "this", "that", "its", "their", "his", "her"} and rest else text
