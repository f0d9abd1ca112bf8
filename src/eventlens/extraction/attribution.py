"""Who says so: the sources an event is attributed to ("police said", "according to the army")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from eventlens.data import load_toml
from eventlens.extraction.actors import PRONOUNS, phrase_bounds


@dataclass(frozen=True)
class SourceRef:
    """A source in the text: the phrase naming it and the words of the attribution."""

    head: int  # token index of the source's head word
    start: int  # token span of the source's name
    end: int
    text_start: int  # token span of the whole attribution ("police said")
    text_end: int


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    data = load_toml("attribution.toml")["attribution"]
    return {
        "speech": frozenset(data["speech_verbs"]),
        "according": [tuple(p.split()) for p in data["according"]],
        "not_sources": frozenset(data["not_sources"]),
    }


def speech_verbs() -> frozenset[str]:
    """Lemmas of the verbs that attribute a statement ("say", "tell", "announce" …)."""
    return _lexicon()["speech"]


def sources_in(sentence: Span) -> list[SourceRef]:
    """The attributions a sentence makes, in order."""
    lexicon = _lexicon()
    refs = []
    for token in sentence:
        if token.pos_ == "VERB" and token.lemma_.lower() in lexicon["speech"]:
            refs += [_speaker_ref(s, token) for s in token.children if s.dep_ == "nsubj"]
        elif token.lower_ == "according" and token.i + 1 < sentence.end and token.nbor().lower_ == "to":
            refs += [_speaker_ref(p, token) for p in token.nbor().children if p.dep_ == "pobj"]
        elif token.lower_ in {"citing", "quoting"}:
            refs += [_speaker_ref(o, token) for o in token.children if o.dep_ == "dobj"]
    return [r for r in refs if r is not None and _is_source(sentence.doc[r.head], lexicon)]


def _speaker_ref(speaker: Token, verb: Token) -> SourceRef | None:
    start, end = phrase_bounds(speaker)
    for child in speaker.rights:  # "Sergeant Ana Ruiz of the Dayton Police Department"
        if child.dep_ in {"prep", "appos"} and child.i == end and child.right_edge.i - start < 14:
            end = child.right_edge.i + 1
    text_start, text_end = min(start, verb.i), max(end, verb.i + 1)
    if verb.lower_ == "according":
        text_start, text_end = verb.i, end
    return SourceRef(speaker.i, start, end, text_start, text_end)


def _is_source(head: Token, lexicon: dict) -> bool:
    lower = head.lower_
    return lower not in PRONOUNS and lower not in lexicon["not_sources"] and head.pos_ in {"NOUN", "PROPN"}
