"""PLOVER type and mode to ACLED event_type / sub_event_type, by the rules of data/acled.toml."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from eventlens.data import load_toml
from eventlens.models import Acled

ARMED_TYPES = {"state_forces", "rebels", "militia", "peacekeepers"}
UNARMED_TYPES = {"civilians", "protesters", "rioters"}


@dataclass(frozen=True)
class EventFacts:
    """What the taxonomy needs to know about an event beyond its type and mode."""

    type: str
    mode: str | None
    initiators: frozenset[str]  # actor types
    targets: frozenset[str]
    lemmas: frozenset[str]  # lemmas of the event's sentences


@lru_cache(maxsize=1)
def _taxonomy() -> tuple[list[dict], dict[str, frozenset[str]]]:
    data = load_toml("acled.toml")
    return data["rule"], {name: frozenset(words) for name, words in data["flags"].items()}


def flags_of(facts: EventFacts) -> set[str]:
    _, flag_words = _taxonomy()
    flags = {name for name, words in flag_words.items() if words & facts.lemmas}
    # Armed men against an armed target fight a battle (ACLED's Armed clash), whoever started it.
    if facts.targets & ARMED_TYPES and not facts.initiators & UNARMED_TYPES:
        flags.add("armed_on_both_sides")
    # Protesters killed or shot at by the police or army, not just dispersed.
    if "force_against_protesters" in flags and not (facts.initiators | facts.targets) & ARMED_TYPES:
        flags.discard("force_against_protesters")
    return flags


def acled_type(facts: EventFacts) -> Acled | None:
    """The ACLED category of an event, or None where ACLED codes no such event."""
    rules, _ = _taxonomy()
    flags = flags_of(facts)
    for rule in rules:
        if _fits(rule, facts, flags):
            return Acled(event_type=rule["acled"][0], sub_event_type=rule["acled"][1])
    return None


def _fits(rule: dict, facts: EventFacts, flags: set[str]) -> bool:
    if rule["type"] != facts.type:
        return False
    if rule.get("mode", "*") not in ("*", facts.mode):
        return False
    if not _any(rule.get("initiator"), facts.initiators) or not _any(rule.get("target"), facts.targets):
        return False
    return all(flag in flags for flag in rule.get("flags", ()))


def _any(wanted: Iterable[str] | None, have: frozenset[str]) -> bool:
    return wanted is None or bool(set(wanted) & have)
