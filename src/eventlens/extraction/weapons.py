"""How a violent event was carried out, and whether anyone carried it out at all.

The trigger word may be plain ("an attack … killing seven") while its sentences say how
("chemical weapons were used", "warplanes pounded the village"); data/weapons.toml lists the
cues by mode, most telling first. Harm from disasters and accidents (data/not_violence.toml)
is not an assault unless the text names an attacker or a weapon.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span

from eventlens.data import load_toml

ATTACKER_TYPES = {"state_forces", "rebels", "militia", "unidentified", "rioters"}


@lru_cache(maxsize=1)
def _modes() -> list[tuple[str, tuple[str, ...]]]:
    return [(entry["mode"], tuple(f" {cue} " for cue in entry["cues"])) for entry in load_toml("weapons.toml")["mode"]]


@lru_cache(maxsize=1)
def _accident_cues() -> tuple[str, ...]:
    return tuple(f" {cue} " for cue in load_toml("not_violence.toml")["cues"])


def lemma_text(sentences: list[Span]) -> str:
    """The lemmas of SENTENCES, lower case and space-separated, padded for whole-word search."""
    return " " + " ".join(t.lemma_.lower() for sentence in sentences for t in sentence) + " "


def weapon_mode(lemmas: str) -> str | None:
    """The most telling mode whose cue appears in LEMMAS (from `lemma_text`)."""
    for mode, cues in _modes():
        if any(cue in lemmas for cue in cues):
            return mode
    return None


def is_accident(lemmas: str, initiator_types: set[str]) -> bool:
    """Harm that a disaster or accident did, with no attacker or weapon named."""
    if initiator_types & ATTACKER_TYPES or weapon_mode(lemmas) not in (None, "melee"):
        return False
    return any(cue in lemmas for cue in _accident_cues())
