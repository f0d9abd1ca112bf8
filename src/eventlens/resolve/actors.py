"""Actor resolution: the words of an actor phrase to a type and a canonical name.

The lexicon (data/actors.toml) has named groups ("FMLN", "Boko Haram"), which carry their own
name and country, and generic words ("army", "gunmen", "villagers") whose canonical name
takes the actor's country, following ACLED's naming ("Military Forces of Mali").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from eventlens.data import load_toml

WORD = re.compile(r"[\w'.-]+")


@dataclass(frozen=True)
class ActorKind:
    """What the lexicon says of an actor phrase."""

    type: str
    name: str  # canonical name, possibly with a {country} slot
    country: str | None  # ISO alpha-3, for named groups that have one
    named: bool  # a named group, not a generic word
    word: str  # the lexicon word that matched


class ActorLexicon:
    def __init__(self, data: dict):
        self.named = [self._entry(e, named=True) for e in data["named"]]
        self.generic = [self._entry(e, named=False) for e in data["generic"]]

    @staticmethod
    def _entry(raw: dict, named: bool) -> tuple[tuple[tuple[str, ...], ...], dict]:
        phrases = tuple(sorted((tuple(w.lower().split()) for w in raw["words"]), key=len, reverse=True))
        return phrases, raw | {"named": named}

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> ActorLexicon:
        return cls(load_toml("actors.toml"))

    def kind_of_type(self, actor_type: str) -> ActorKind:
        """The generic kind of ACTOR_TYPE (its canonical name pattern), for an actor whose role
        changes its type ("a man" who opens fire is an unidentified attacker)."""
        for _, raw in self.generic:
            if raw["type"] == actor_type:
                return ActorKind(actor_type, raw["name"], None, False, "")
        return ActorKind(actor_type, "{word}", None, False, "")

    def is_object_word(self, lemma: str) -> bool:
        """Whether LEMMA names a thing (a car, a building), never who acts."""
        return any(raw["type"] == "other" and (lemma,) in phrases for phrases, raw in self.generic)

    def classify(self, words: list[str], head: str) -> ActorKind | None:
        """The kind of actor a phrase names: WORDS are its lower-case words (lemmas where
        useful), HEAD its head word's lemma. Named groups anywhere in the phrase win; then
        generic words, which must be the head (or end at it)."""
        for phrases, raw in self.named:
            for phrase in phrases:
                if _contains(words, phrase):
                    return ActorKind(raw["type"], raw["name"], raw.get("country"), True, " ".join(phrase))
        for phrases, raw in self.generic:
            for phrase in phrases:
                if phrase[-1] == head and _contains(words, phrase):
                    return ActorKind(raw["type"], raw["name"], None, False, " ".join(phrase))
        return None


@lru_cache(maxsize=1)
def affiliation_heads() -> frozenset[str]:
    """Head words of organised actors: a place name before one says whose they are."""
    organised = {"state_forces", "government", "rebels", "militia", "international", "peacekeepers"}
    return frozenset(w for e in load_toml("actors.toml")["generic"] if e["type"] in organised
                     for w in e["words"] if " " not in w)


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[i:i + n]) == phrase for i in range(len(words) - n + 1))


def canonical_name(kind: ActorKind, country: str | None, text: str) -> str:
    """The actor's canonical name, with its country (alpha-3) filled in or dropped."""
    name = kind.name.replace("{word}", _title(kind.word if kind.type == "international" else text))
    if "{country}" not in name:
        return name
    country_name = country_display_name(country) if country else None
    if country_name:
        return name.replace("{country}", country_name)
    # No country known: drop the slot with its brackets or its "of".
    return re.sub(r"\s*(\(\{country\}\)|of \{country\})", "", name).strip()


@lru_cache(maxsize=512)
def country_display_name(alpha3: str) -> str | None:
    record = pycountry.countries.get(alpha_3=alpha3)
    if record is None:
        return None
    return getattr(record, "common_name", None) or record.name


@lru_cache(maxsize=512)
def alpha3(alpha2: str | None) -> str | None:
    """ISO alpha-3 for an alpha-2 code (gazetteer places carry alpha-2, actors alpha-3)."""
    if not alpha2:
        return None
    record = pycountry.countries.get(alpha_2=alpha2.upper())
    return record.alpha_3 if record else None


def _title(text: str) -> str:
    text = text.strip()
    if text.isupper() or len(text) <= 4:
        return text.upper() if len(text) <= 4 else text
    return " ".join(w if w.isupper() else w.capitalize() for w in text.split())
