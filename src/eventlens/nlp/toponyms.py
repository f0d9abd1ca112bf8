"""The toponym component: find place mentions and resolve each to a gazetteer entry.

Mentions come from the model's entities (GPE, LOC, FAC, NORP for demonyms), from datelines
("KOKOMO, Ind. (AP) --"), from "X, Y" containment ("Pandi, Bulacan", "Kokomo, Ind.") and from
capitalised words the gazetteer knows that follow a locative cue ("the village of X", "near X",
"X province"). A person or organisation entity counts only with such a cue.

Resolution is per document, one sense per name: a candidate's prior (population, feature) is
weighed with its coherence with the rest of the document (the countries and first-level divisions
other mentions resolve to) and with its container ("Kokomo, Ind."). Each mention becomes a span of
doc.spans["toponyms"] whose `span._.place` is a `Place`; `doc._.focus` is the place the document is
mainly about: the dateline's, else the most-mentioned populated place coherent with the document.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy
from spacy.attrs import IS_TITLE, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span

from eventlens.nlp import extensions  # noqa: F401  (registers Span._.place and Doc._.focus)
from eventlens.resolve.gazetteer import (
    Entry, Gazetteer, Place, common_words, default_gazetteer, normalize, not_places,
)

__all__ = ["SPAN_KEY", "ToponymRecognizer", "Place", "MentionFinder"]

SPAN_KEY = "toponyms"

PLACE_LABELS = {"GPE", "LOC"}
OTHER_NAME_LABELS = {"ORG", "PERSON", "FAC"}
# Words before a name that say it is a place ("to", "at", "from" also precede people and shops).
LOCATIVE = {"in", "near", "outside", "into", "toward", "towards", "across", "around", "through",
            "throughout", "inside", "within", "via", "outskirts"}
NEAR_CUES = {"near", "outside", "outskirts", "nearby", "suburb", "suburbs", "close"}
COMPASS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
DIRECTION_OF = COMPASS | {"northeastern", "northwestern", "southeastern", "southwestern", "miles",
                          "kilometres", "kilometers", "km"}
# "the village of X", "X province": the noun says which kind of place X is.
SETTLEMENT_NOUNS = {"village", "town", "city", "hamlet", "township", "municipality", "suburb", "neighborhood",
                    "neighbourhood", "capital", "port", "community"}
DIVISION_NOUNS = {"province": "admin1", "governorate": "admin1", "state": "admin1", "oblast": "admin1",
                  "prefecture": "admin1", "region": "region", "district": "admin2", "county": "admin2",
                  "parish": "admin2", "department": "admin1", "municipality": "admin2"}
DIRECTION_ADJECTIVES = COMPASS | {"northern", "southern", "eastern", "western", "central", "northeastern",
                                  "northwestern", "southeastern", "southwestern", "upper", "lower", "greater"}
# Words after a name that make it a place: "a Gainesville man", "Kokomo police", "Fargo residents".
PLACE_FOLLOWERS = {"man", "woman", "men", "women", "resident", "residents", "native", "natives", "police",
                   "officials", "authorities", "area", "mayor", "city", "township", "neighborhood",
                   "neighbourhood", "suburb", "suburbs", "teen", "teenager", "youth", "couple", "sheriff"}
LOCAL_BODIES = {"police", "sheriff", "fire", "city", "mayor"}
TITLES = {"mr", "mrs", "ms", "dr", "president", "gen", "sen", "rep", "gov", "judge", "officer", "sgt",
          "lt", "capt", "col", "st"}
DETERMINERS = {"the", "a", "an"}
CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
            "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday"}
PRECISION = {"country": "country", "admin1": "region", "region": "region", "continent": "region",
             "admin2": "district"}
# An organisation or person name is read as a place without a cue only when the place is big.
STRONG_POPULATION = 100_000
STRONG_FEATURES = {"country", "admin1", "region", "continent"}

# A dateline opens a story: "NORTH CHARLESTON, S.C. (WCIV) --", "SAN SALVADOR, 9 JAN 90 --",
# "BEIRUT (AP) —".
DATELINE = re.compile(
    r"(?:^|\n|\s{2,}|\)\s+)([A-Z][A-Z.'\-]+(?:\s[A-Z][A-Z.'\-]+){0,3})"
    r"(?:,\s*([A-Z][A-Za-z.]*(?:\s?[A-Z][A-Za-z.]*)?)?[^\n]{0,40}?|\s*\([^)\n]{1,30}\)\s*)(?:--|—|–)")
DATELINE_WINDOW = 800

# Scoring weights: how much a coherent country, neighbour, division or context hint adds to a prior.
W_COUNTRY, W_NEIGHBOUR, W_ADMIN1, W_KIND_HINT = 3.0, 0.5, 2.5, 2.0
MAX_CANDIDATES = 25


@dataclass
class Mention:
    start: int  # character offsets into doc.text: the name only
    end: int
    text: str
    source: str  # ner | dateline | tail | cue | embedded | repeat
    label: str = ""
    near: bool = False
    hint: str | None = None  # feature the context asks for ("village of" -> populated_place)
    container: Mention | None = None
    candidates: list[Entry] = field(default_factory=list)
    choice: Entry | None = None


@Language.factory(
    "eventlens_toponyms",
    assigns=["doc.spans", "doc._.focus"],
    requires=["doc.ents", "token.pos"],
    default_config={"spans_key": SPAN_KEY},
)
def make_toponym_recognizer(nlp: Language, name: str, spans_key: str) -> ToponymRecognizer:
    return ToponymRecognizer(spans_key)


class ToponymRecognizer:
    def __init__(self, spans_key: str = SPAN_KEY, gazetteer: Gazetteer | None = None):
        self.spans_key = spans_key
        self._gazetteer = gazetteer
        self._common = common_words()

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:  # opened on first use, so loading a pipeline stays fast
            self._gazetteer = default_gazetteer()
        return self._gazetteer

    def __call__(self, doc: Doc) -> Doc:
        mentions = MentionFinder(doc, self.gazetteer, self._common).find()
        resolve(mentions, self.gazetteer)
        spans = []
        for mention in mentions:
            if mention.choice is None:
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            # A nationality word ("Peruvian") names a country's people, not a place it is in.
            label = "demonym" if mention.choice.match == "demonym" else mention.choice.feature
            span = Span(doc, span.start, span.end, label=label)
            span._.place = Place.from_entry(mention.choice, precision_of(mention))
            spans.append(span)
        doc.spans[self.spans_key] = spans
        doc._.focus = choose_focus(doc, mentions)
        return doc


# ---------------------------------------------------------------- finding mentions

class MentionFinder:
    """Collects a document's place mentions, most trusted sources first; characters are claimed once."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer, common: frozenset[str]):
        self.doc = doc
        self.gazetteer = gazetteer
        self.common = common
        self.text = doc.text  # Doc.text joins every token: read it once
        self.taken = bytearray(len(self.text) + 1)
        self.mentions: list[Mention] = []
        self.person_words = person_words(doc, common)

    def find(self) -> list[Mention]:
        for mention in dateline_mentions(self.doc, self.text):
            self.add(mention)
        for ent in self.doc.ents:
            if len(ent) == 1 and ent[0].lower_ in self.person_words:
                continue  # "Hilton said", after "Paris Hilton"
            if ent.label_ in PLACE_LABELS or ent.label_ == "NORP":
                for mention in entity_mentions(ent, self.text):
                    self.add(mention)
        for ent in self.doc.ents:
            if ent.label_ in OTHER_NAME_LABELS:
                for mention in self.names_in_other_entity(ent):
                    self.add(mention)
        for mention in self.cued_mentions():
            self.add(mention)
        for mention in self.repeated_mentions():
            self.add(mention)
        self.mentions.sort(key=lambda m: m.start)
        for mention in self.tail_mentions():
            self.add(mention)
        self.mentions.sort(key=lambda m: m.start)
        link_containers(self.text, self.mentions)
        return self.mentions

    def add(self, mention: Mention) -> bool:
        if any(self.taken[mention.start:mention.end]) or self.is_plain_word(mention):
            return False
        mention.candidates = candidates_for(mention, self.gazetteer)
        if not mention.candidates:
            return False
        self.taken[mention.start:mention.end] = b"\x01" * (mention.end - mention.start)
        self.mentions.append(mention)
        return True

    def is_plain_word(self, mention: Mention) -> bool:
        """A lone direction or common word ("Central", "Valley", "Reading") is a place only where the
        model or a dateline says so, and a bare direction never."""
        words = mention.text.lower().split()
        if len(words) == 1 and (words[0] in DIRECTION_ADJECTIVES or words[0] in CALENDAR or words[0] in not_places()):
            return True
        if not all(w in self.common or w in DIRECTION_ADJECTIVES for w in words):
            return False
        # A headline's last word ("… Turns Himself in to Police") is no better a place than any.
        trusted = mention.source == "dateline" or mention.label in PLACE_LABELS | {"NORP"}
        # "South Side", "Old Town": a generic name is a place only under its own name, not a
        # hamlet's alternate one.
        return not trusted or (len(words) > 1 and not any(
            e.match == "name" for e in self.gazetteer.lookup(mention.text)))

    def mention_of(self, tokens, source: str, label: str = "") -> Mention:
        doc = self.doc
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        after = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
        mention = Mention(start, end, self.text[start:end], source, label)
        mention.near = is_near_cue(doc, tokens[0].i)
        mention.hint = kind_hint(doc, tokens[0].i, after)
        return mention

    def is_strong_place(self, text: str, cities: bool = True) -> bool:
        """A country's, division's or (with CITIES) big city's own name, not a word of a person's
        name: safe to read as a place inside another name."""
        if normalize(text) in self.person_words or text.lower() in CALENDAR:
            return False
        for entry in self.gazetteer.lookup(text)[:3]:
            if entry.match in {"name", "alternate"} and entry.feature in STRONG_FEATURES:
                return True
            if cities and entry.feature == "populated_place" and (
                    entry.match == "name" and entry.population >= STRONG_POPULATION
                    or entry.match == "alternate" and entry.population >= 10 * STRONG_POPULATION):
                return True
        return False

    def names_in_other_entity(self, ent: Span) -> list[Mention]:
        """Places inside organisation, person and facility names: a whole name said to be a place
        ("Gainesville residents", "near Chiefland"), or a big place within one ("Ohio Department of
        Transportation", "University of Alexandria", "Kokomo Police Department")."""
        tokens = trim(list(ent))
        if not tokens:
            return []
        doc = self.doc
        after = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
        before = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
        if before is not None and before.lower_.rstrip(".") in TITLES:
            return []
        text = self.text[tokens[0].idx:tokens[-1].idx + len(tokens[-1])]
        # An organisation named after a city ("Lincoln", "Toyota") is common; after a country less so.
        if has_place_cue(doc, tokens[0].i, after) or self.is_strong_place(text, cities=ent.label_ != "ORG"):
            return [self.mention_of(tokens, "ner", ent.label_)]
        if len(tokens) > 1 and (ent.label_ == "PERSON" or all(t.lower_ in self.person_words for t in tokens)):
            return []
        found = []
        for run in title_runs(tokens):
            for sub in longest_first(run):
                sub_text = self.text[sub[0].idx:sub[-1].idx + len(sub[-1])]
                if self.is_strong_place(sub_text) or (sub is run[:len(sub)] and local_body_follows(run, sub)):
                    found.append(self.mention_of(sub, "embedded", ent.label_))
                    break
        return found

    def cued_mentions(self) -> list[Mention]:
        """Capitalised words outside entities that the gazetteer knows, in a place-saying context."""
        doc, found, i = self.doc, [], 0
        while i < len(doc):
            token = doc[i]
            if not self.is_free_name(token):
                i += 1
                continue
            j = i
            while j + 1 < len(doc) and self.is_free_name(doc[j + 1]) and j - i < 3:
                j += 1
            after = doc[j + 1] if j + 1 < len(doc) else None
            text = self.text[token.idx:doc[j].idx + len(doc[j])]
            single_common = i == j and token.lower_ in self.common
            if not single_common and (is_cued(doc, i, after) and self.gazetteer.lookup(text)
                                      or token.pos_ == "PROPN" and self.is_strong_place(text)):
                found.append(self.mention_of(doc[i:j + 1], "cue"))
            i = j + 1
        return found

    def is_free_name(self, token) -> bool:
        return is_name_token(token) and not self.taken[token.idx] and not token.ent_type_ \
            and token.lower_ not in CALENDAR

    def repeated_mentions(self) -> list[Mention]:
        """Other occurrences of names already read as places, wherever the model put them."""
        names: dict[str, set[int]] = defaultdict(set)  # first word -> lengths in tokens
        keys = set()
        for mention in self.mentions:
            if mention.label == "NORP":
                continue
            words = mention.text.split()
            names[words[0].lower()].add(len(self.doc.char_span(mention.start, mention.end, alignment_mode="expand") or words))
            keys.add(normalize(mention.text))
        found, doc = [], self.doc
        for token in doc:
            lengths = names.get(token.lower_)
            if not lengths or self.taken[token.idx] or not (token.is_title or token.is_upper):
                continue
            if token.ent_type_ == "PERSON" and (token.lower_ in self.person_words or not self.is_strong_place(token.text)):
                continue
            for length in sorted(lengths, reverse=True):
                tokens = doc[token.i:token.i + length]
                if normalize(tokens.text) in keys and len(tokens) == length:
                    found.append(self.mention_of(list(tokens), "repeat"))
                    break
        return found

    def tail_mentions(self) -> list[Mention]:
        """Divisions and countries after a place and a comma: "Kokomo, Ind.", "Pandi, Bulacan"."""
        doc, found = self.doc, []
        for mention in self.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or span.end + 1 >= len(doc) or doc[span.end].text != ",":
                continue
            first = doc[span.end + 1]
            if self.taken[first.idx] or not (first.is_title or first.is_upper):
                continue
            last = first
            if first.i + 1 < len(doc) and doc[first.i + 1].text == "." and doc[first.i + 1].idx == first.idx + len(first):
                last = doc[first.i + 1]  # "Ind" "." split by the tokenizer
            text = self.text[first.idx:last.idx + len(last)]
            found.append(Mention(first.idx, first.idx + len(text), text, "tail"))
        return found


def person_words(doc: Doc, common: frozenset[str]) -> set[str]:
    """Words of people's names: those of multi-word PERSON entities ("Jordan" after "Michael Jordan"),
    and of short names whose last word recurs alone ("Paris Hilton ... Hilton said"), which the
    model may have called an organisation."""
    words = set()
    alone = None
    for ent in doc.ents:
        if len(ent) < 2 or ent.label_ not in {"PERSON", "ORG"}:
            continue
        if ent.label_ == "PERSON":
            words.update(t.lower_ for t in ent)
            continue
        surname = ent[-1]
        if len(ent) > 3 or not all(t.is_title for t in ent) or surname.lower_ in common \
                or surname.lower_ in PLACE_FOLLOWERS:
            continue
        if alone is None:
            alone = lone_title_words(doc)
        if surname.lower in alone:
            words.update(t.lower_ for t in ent)
    return words


def lone_title_words(doc: Doc) -> set[int]:
    """Lower-case ids of capitalised words that stand alone, between uncapitalised ones."""
    table = doc.to_array([LOWER, IS_TITLE])
    title = table[:, 1].astype(bool)
    before = numpy.concatenate(([False], title[:-1]))
    after = numpy.concatenate((title[1:], [False]))
    return set(table[title & ~before & ~after, 0].tolist())


def trim(tokens: list) -> list:
    """Tokens without leading determiners or a trailing possessive."""
    while tokens and tokens[0].lower_ in DETERMINERS:
        tokens = tokens[1:]
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].text in {"'s", "’s", "'"}):
        tokens = tokens[:-1]
    return tokens


def dateline_mentions(doc: Doc, text: str) -> list[Mention]:
    # The original text: all-capitals copy is truecased before parsing, with the same offsets.
    original = getattr(doc._.document, "text", None)
    match = DATELINE.search((original if original is not None and len(original) == len(text) else text)[:DATELINE_WINDOW])
    if not match:
        return []
    # A dateline names the town the report is filed from ("GAO, 11 March --"), not its province.
    found = [Mention(match.start(1), match.end(1), text[match.start(1):match.end(1)], "dateline",
                     hint="populated_place")]
    if match.group(2):
        tail = text[match.start(2):match.end(2)].rstrip()
        found.append(Mention(match.start(2), match.start(2) + len(tail), tail, "tail"))
    return found


def entity_mentions(ent: Span, text: str) -> list[Mention]:
    """The place names of a GPE, LOC or NORP entity: determiners and possessives trimmed, and
    "Pandi, Bulacan" split in two."""
    tokens = trim(list(ent))
    if not tokens:
        return []
    doc = ent.doc
    before = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    if before is not None and before.lower_.rstrip(".") in TITLES and ent.label_ != "GPE":
        return []
    found = []
    for part in split_on_commas(tokens) if ent.label_ in PLACE_LABELS else [tokens]:
        end = part[-1].idx + len(part[-1])
        after = doc[part[-1].i + 1] if part[-1].i + 1 < len(doc) else None
        mention = Mention(part[0].idx, end, text[part[0].idx:end], "ner", ent.label_)
        mention.near = is_near_cue(doc, part[0].i)
        mention.hint = kind_hint(doc, part[0].i, after)
        found.append(mention)
    return found


def title_runs(tokens: list) -> list[list]:
    runs, current = [], []
    for token in tokens:
        if token.is_title or (token.is_upper and len(token) > 1 and token.is_alpha):
            current.append(token)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def longest_first(run: list) -> list[list]:
    """Every contiguous part of RUN, longest first, then leftmost first."""
    return [run[i:i + n] for n in range(len(run), 0, -1) for i in range(len(run) - n + 1)]


def local_body_follows(run: list, head: list) -> bool:
    """"Kokomo Police Department": a local body's name after the place."""
    return len(run) > len(head) and run[len(head)].lower_ in LOCAL_BODIES


def split_on_commas(tokens: list) -> list[list]:
    parts, current = [], []
    for token in tokens:
        if token.text == ",":
            if current:
                parts.append(current)
            current = []
        else:
            current.append(token)
    if current:
        parts.append(current)
    return parts


def has_place_cue(doc: Doc, start: int, after) -> bool:
    """Words around a name that say it is a place: "in X", "near X", "X residents", "X, Fla."."""
    before = doc[start - 1].lower_ if start > 0 else ""
    if before in LOCATIVE:
        return True
    if before == "of" and start >= 2 and (doc[start - 2].lower_ in SETTLEMENT_NOUNS or doc[start - 2].lower_ in DIVISION_NOUNS):
        return True  # "the town of X", "the province of X"
    if after is None:
        return False
    if after.lower_ in PLACE_FOLLOWERS:
        return True
    if after.text == "," and after.i + 1 < len(doc):
        nxt = doc[after.i + 1]
        if nxt.is_title and nxt.ent_type_ == "GPE":
            return True  # "Chiefland, Fla."
        return is_place_apposition(doc, after.i + 1)  # "Al-Fashir, the capital of North Darfur"
    return False


def is_place_apposition(doc: Doc, start: int) -> bool:
    """Whether the words at START describe a place: "the capital of ...", "a town in ..."."""
    words = [t.lower_ for t in doc[start:start + 4]]
    if not words or words[0] not in DETERMINERS:
        return False
    return any(w in SETTLEMENT_NOUNS or w in DIVISION_NOUNS for w in words[1:3])


def is_near_cue(doc: Doc, start: int) -> bool:
    words = [doc[i].lower_ for i in range(max(0, start - 3), start)]
    if not words:
        return False
    if words[-1] in NEAR_CUES:
        return True
    if words[-1] == "of" and len(words) >= 2 and (words[-2] in NEAR_CUES or words[-2] in DIRECTION_OF):
        return True
    return words[-1] == "from" and len(words) >= 2 and words[-2] in {"miles", "kilometres", "kilometers", "km"}


def kind_hint(doc: Doc, start: int, after) -> str | None:
    if after is not None and after.lower_ in DIVISION_NOUNS:
        return DIVISION_NOUNS[after.lower_]
    if is_near_cue(doc, start):
        return "populated_place"  # one is "near" or "on the outskirts of" a town, not a province
    if start >= 2 and doc[start - 1].lower_ == "of":
        noun = doc[start - 2].lower_
        if noun in SETTLEMENT_NOUNS:
            return "populated_place"
        if noun in DIVISION_NOUNS:
            return DIVISION_NOUNS[noun]
    return None


def is_name_token(token) -> bool:
    return (token.is_title or (token.is_upper and len(token) > 1)) and token.is_alpha \
        and token.pos_ in {"PROPN", "NOUN", "ADJ"}


def is_cued(doc: Doc, start: int, after) -> bool:
    before = doc[start - 1].lower_ if start > 0 else ""
    if before in LOCATIVE and not doc[start].is_sent_start:
        return True
    if kind_hint(doc, start, after) is not None:
        return True
    if after is not None and after.lower_ in PLACE_FOLLOWERS:
        return True
    return after is not None and after.text == "," and after.i + 1 < len(doc) and doc[after.i + 1].ent_type_ == "GPE"


def link_containers(text: str, mentions: list[Mention]) -> None:
    for inner, outer in zip(mentions, mentions[1:]):
        if text[inner.end:outer.start].strip() == ",":
            inner.container = outer


def candidates_for(mention: Mention, gazetteer: Gazetteer) -> list[Entry]:
    entries = gazetteer.lookup(mention.text)
    if not entries and mention.source == "ner":
        entries = retry_without_affixes(mention, gazetteer)
    return [e for e in entries if match_allowed(mention, e)][:MAX_CANDIDATES]


def retry_without_affixes(mention: Mention, gazetteer: Gazetteer) -> list[Entry]:
    """'Helmand Province' -> 'Helmand'; 'Northeast Georgia' -> 'Georgia' (the span shrinks too)."""
    words = mention.text.split(" ")
    if len(words) < 2:
        return []
    if words[-1].lower() in DIVISION_NOUNS:
        rest = " ".join(words[:-1])
        entries = gazetteer.lookup(rest)
        if entries:
            mention.hint = mention.hint or DIVISION_NOUNS[words[-1].lower()]
            mention.text, mention.end = rest, mention.start + len(rest)
            return entries
    if words[0].lower() in DIRECTION_ADJECTIVES:
        rest = " ".join(words[1:])
        entries = gazetteer.lookup(rest)
        if entries:
            mention.start += len(words[0]) + 1
            mention.text = rest
            return entries
    return []


def match_allowed(mention: Mention, entry: Entry) -> bool:
    """Abbreviations count only where they cannot be words ("Kokomo, Ind.", a dotted GPE); a
    nationality word only as a demonym; an Arabic-article-less match only for a model's place."""
    match = entry.match
    if mention.label == "NORP":
        # The small model calls many towns nationalities; a place cue ("near Kidal") says otherwise.
        cued_town = mention.hint == "populated_place" and entry.feature == "populated_place"
        return match == "demonym" or (match in {"name", "alternate"} and (entry.feature in STRONG_FEATURES or cued_town))
    if match == "abbreviation":
        return mention.source in {"tail", "dateline"} or ("." in mention.text and mention.label == "GPE")
    if match == "articleless":
        return mention.label in PLACE_LABELS
    if match == "demonym":
        return mention.source != "tail"
    return True


# ---------------------------------------------------------------- resolving

def resolve(mentions: list[Mention], gazetteer: Gazetteer) -> None:
    """Choose each mention's entry: prior, container, and coherence with the rest of the document."""
    for mention in mentions:
        mention.choice = mention.candidates[0] if mention.candidates else None
    anchored = resolve_containers(mentions)
    groups = defaultdict(list)  # one sense per name and document
    for mention in mentions:
        groups[normalize(mention.text)].append(mention)
    for _ in range(2):
        votes = {name: group_votes(group, anchored) for name, group in groups.items()}
        for name, group in groups.items():
            if all(id(m) in anchored for m in group):
                continue
            countries, divisions = context_without(votes, name)
            choice = best_entry(group, countries, divisions, gazetteer)
            for mention in group:
                if id(mention) not in anchored:
                    mention.choice = choice
    spread_anchored_senses(mentions, anchored)


def resolve_containers(mentions: list[Mention]) -> set[int]:
    """Fix both ends of each "X, Y" pair to the best pair where Y contains X."""
    anchored = set()
    for inner in mentions:
        outer = inner.container
        if outer is None or not inner.candidates:
            continue
        top = inner.candidates[0]
        if top.feature in {"country", "continent"}:
            continue  # a list of countries, "Iraq, Iran, Syria"
        best, best_score = None, None
        for a in inner.candidates:
            if top.feature in {"admin1", "region"} and a.feature not in {"admin1", "region"}:
                continue  # "Ohio, Indiana": a list of states, not a town named Ohio
            if a.prior < top.prior - 5.0:
                continue  # a hamlet's odd alternate name
            for b in outer.candidates:
                if a.key != b.key and contains(b, a):
                    score = a.prior + b.prior
                    if best_score is None or score > best_score:
                        best, best_score = (a, b), score
        if best:
            inner.choice, outer.choice = best
            anchored.update((id(inner), id(outer)))
    return anchored


def contains(outer: Entry, inner: Entry) -> bool:
    if outer.feature == "country":
        return inner.country == outer.country and inner.feature != "country"
    if outer.feature == "admin1":
        return inner.admin1_code == outer.admin1_code and inner.feature not in {"admin1", "country"}
    if outer.feature == "populated_place":  # "Pandi, Bulacan": a town named for its province
        return inner.feature == "populated_place" and inner.country == outer.country and \
            abs(inner.lat - outer.lat) < 0.5 and abs(inner.lon - outer.lon) < 0.5
    if outer.feature == "admin2":
        return inner.feature == "populated_place" and inner.admin1_code == outer.admin1_code and \
            abs(inner.lat - outer.lat) < 1.0 and abs(inner.lon - outer.lon) < 1.0
    return False


def group_votes(group: list[Mention], anchored: set[int]) -> tuple[Counter, Counter]:
    """What one name says about the document: its chosen country and division, with its confidence.

    A name counts once however often it is repeated, so an ambiguous name cannot outvote the rest."""
    countries, divisions = Counter(), Counter()
    for mention in group:
        entry = mention.choice
        if entry is None:
            continue
        weight = 2.0 if id(mention) in anchored else confidence(mention)
        if entry.country:
            countries[entry.country] = max(countries[entry.country], weight)
        if entry.admin1_code and entry.feature != "country":
            divisions[entry.admin1_code] = max(divisions[entry.admin1_code], weight)
    return countries, divisions


def context_without(votes: dict[str, tuple[Counter, Counter]], name: str) -> tuple[Counter, Counter]:
    """Shares of the document's countries and divisions by every name but NAME."""
    countries, divisions = Counter(), Counter()
    for other, (c, d) in votes.items():
        if other != name:
            countries.update(c)
            divisions.update(d)
    return normalized(countries), normalized(divisions)


def confidence(mention: Mention) -> float:
    """How much a mention's current choice should sway others: its margin over the runner-up."""
    if len(mention.candidates) == 1:
        return 1.0
    margin = mention.candidates[0].prior - mention.candidates[1].prior
    return max(0.2, min(1.0, margin / 2))


def normalized(counter: Counter) -> Counter:
    """Each value as a share of the largest: the document's main country or division scores 1."""
    top = max(counter.values(), default=0)
    return Counter({k: v / top for k, v in counter.items()}) if top else counter


def best_entry(group: list[Mention], countries: Counter, divisions: Counter, gazetteer: Gazetteer) -> Entry | None:
    hints = {m.hint for m in group if m.hint}
    scored = []
    for entry in group[0].candidates:
        country_share = countries.get(entry.country, 0.0) + W_NEIGHBOUR * sum(
            countries.get(n, 0.0) for n in gazetteer.neighbours(entry.country or ""))
        score = entry.prior + W_COUNTRY * min(1.0, country_share)
        if entry.feature != "country" and entry.match == "name":
            score += W_ADMIN1 * divisions.get(entry.admin1_code, 0.0)
        if entry.feature in hints:
            score += W_KIND_HINT
        scored.append((score, entry))
    return max(scored, key=lambda s: s[0])[1] if scored else None


def spread_anchored_senses(mentions: list[Mention], anchored: set[int]) -> None:
    """A name resolved by its container ("Palestine, Texas") keeps that sense everywhere."""
    senses = {normalize(m.text): m.choice for m in mentions if id(m) in anchored and m.choice}
    for mention in mentions:
        sense = senses.get(normalize(mention.text))
        if sense is not None and id(mention) not in anchored and sense in mention.candidates:
            mention.choice = sense


def precision_of(mention: Mention) -> str:
    feature = mention.choice.feature
    if feature in PRECISION:
        return "district" if mention.hint == "admin2" and feature != "country" else PRECISION[feature]
    return "near" if mention.near else "exact"


# ---------------------------------------------------------------- focus

def choose_focus(doc: Doc, mentions: list[Mention]) -> Place | None:
    """The place the document is mainly about: the dateline's, else the most-mentioned populated place
    coherent with the document's main country, else its main division, region or country."""
    resolved = [m for m in mentions if m.choice is not None]
    if not resolved:
        return None
    for mention in resolved:
        if mention.source == "dateline" and mention.choice.feature == "populated_place":
            return Place.from_entry(mention.choice, "exact")
    countries = Counter(m.choice.country for m in resolved if m.choice.country and m.label != "NORP")
    main_country = countries.most_common(1)[0][0] if countries else None
    if any(m.choice.country == main_country and m.choice.feature == "populated_place" for m in resolved):
        # A local story names its town; a foreign town it names in passing is not its focus.
        resolved = [m for m in resolved if m.choice.country == main_country or m.choice.feature == "country"]
    title = normalize(getattr(doc._.document, "title", None) or "")
    for features in (("populated_place", "admin2"), ("admin1", "region"), ("country",)):
        scores: dict[tuple, float] = defaultdict(float)
        entries = {}
        for mention in resolved:
            entry = mention.choice
            if entry.feature not in features:
                continue
            score = 1.0 + (1.0 if mention.start < 400 else 0.0) + (0.5 if entry.country == main_country else 0.0)
            scores[entry.key] += score
            entries.setdefault(entry.key, (mention, entry))
        if not scores:
            continue
        for key, (mention, entry) in entries.items():
            if title and normalize(mention.text) in title:
                scores[key] += 2.0
        key = max(scores, key=lambda k: (scores[k], -entries[k][0].start))
        mention, entry = entries[key]
        return Place.from_entry(entry, precision_of(mention))
    return None
