"""Whether an event is worth coding: the requirements of data/codeable.toml, by type and mode."""

from __future__ import annotations

from functools import lru_cache

from eventlens.data import load_toml
from eventlens.models import Actor

ROLES = {"initiator": ("initiator", "participant"), "target": ("target", "participant"),
         "actor": ("initiator", "target", "participant")}


@lru_cache(maxsize=1)
def _requirements() -> dict[str, dict]:
    data = load_toml("codeable.toml")
    named_lists = {k: v for k, v in data.items() if isinstance(v, list)}
    requirements = {}
    for key, rule in data["requirements"].items():
        requirements[key] = {field: named_lists.get(value, value) if isinstance(value, str) else value
                             for field, value in rule.items()}
    return requirements


def is_codeable(event_type: str, mode: str | None, actors: list[Actor], largest_count: int) -> bool:
    """Whether an event of this type and mode, with these actors, is coded.

    LARGEST_COUNT is the largest number of people any of its actor phrases names.
    """
    rules = _requirements()
    rule = rules.get(f"{event_type}.{mode}") or rules.get(event_type)
    if rule is None:
        return True
    if largest_count < rule.get("min_count", 0):
        return False
    if "or_count" in rule and largest_count >= rule["or_count"]:
        return True
    return all(_has_actor(actors, ROLES[role], set(rule[role])) for role in ROLES if role in rule)


def _has_actor(actors: list[Actor], roles: tuple[str, ...], types: set[str]) -> bool:
    return any(a.role in roles and a.type in types for a in actors)
