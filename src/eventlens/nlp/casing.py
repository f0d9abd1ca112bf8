"""Give all-capitals text (wire dispatches, old teletype copy) a case the model can read.

The small English model finds names by their capitals; in text written all in capitals it
finds none. `truecase` lowers such text and capitalises sentence starts and known names,
character for character, so every offset into the result is an offset into the original.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from eventlens.data import load_toml

# Words English always capitalises; "march" and "may" only beside a number ("27 MARCH").
ALWAYS_CAPITALISED = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                      "january", "february", "april", "june", "july", "august", "september",
                      "october", "november", "december", "i"}
MONTHS_BESIDE_NUMBERS = {"march", "may", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                         "oct", "nov", "dec"}
NUMBER_AROUND = re.compile(r"\d\s*$")
NUMBER_AFTER = re.compile(r"^\s*\d")
VOWELS = set("aeiouy")
# Lexicon words that are also ordinary English and must not be shouted.
COMMON_SHORT = {"man", "woman", "child", "boy", "girl", "teen", "youth", "baby", "army", "navy", "force",
                "troop", "tank", "jet", "mob", "crowd", "rally", "gang", "agent", "cop", "guard", "judge",
                "mayor", "owner", "wife", "son", "father", "mother", "friend", "adult", "male", "guest",
                "clerk", "nurse", "imam", "monk", "nun", "party", "court", "king", "major", "envoy",
                "rebel", "people", "who", "au", "oas", "fano", "jas", "bar", "club", "bank", "store",
                "shop", "hotel", "school", "base", "post", "camp", "firm", "farm", "ranch", "dam", "port",
                "road", "home", "house", "car", "bus", "train", "plane", "power", "oil", "mall", "jail",
                "plant", "tower", "bridge", "truck", "contra"}
SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*|--\s*|\[\w+\]\s*)([a-z])")
WORD = re.compile(r"[a-z][a-z'\-]*")


def is_shouting(text: str) -> bool:
    """Whether most letters of TEXT are capitals (and there are enough to tell)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 20 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _is_acronym(word: str) -> bool:
    """Short words with no vowel ("fmln") and the acronyms of named groups stay in capitals."""
    return (len(word) >= 2 and not VOWELS & set(word)) or word in _group_words()[0]


def _is_group_name(word: str) -> bool:
    return word in _group_words()[1]


@lru_cache(maxsize=1)
def _group_words() -> tuple[frozenset[str], frozenset[str]]:
    """(acronyms, names) of the named groups and international bodies in data/actors.toml."""
    groups = load_toml("actors.toml")
    international = [e for e in groups["generic"] if e["type"] == "international"]
    words = {w for entry in groups["named"] + international for w in entry["words"]
             if " " not in w and w.isalpha() and w not in COMMON_SHORT}
    return frozenset(w for w in words if len(w) <= 5), frozenset(w for w in words if len(w) > 5)


def _beside_number(text: str, start: int, end: int) -> bool:
    return bool(NUMBER_AROUND.search(text[max(0, start - 4):start]) or NUMBER_AFTER.match(text[end:end + 4]))


def truecase(text: str, is_name: Callable[[str], bool] = lambda word: False) -> str:
    """TEXT lowered, with sentence starts and words that IS_NAME accepts capitalised."""
    # Lowered one character at a time: a few characters ("İ") lower to two.
    chars = [c.lower() if len(c.lower()) == 1 else c for c in text]
    lowered = "".join(chars)
    for match in SENTENCE_START.finditer(lowered):
        chars[match.start(1)] = chars[match.start(1)].upper()
    for match in WORD.finditer(lowered):
        word = match.group()
        if _is_acronym(word):
            chars[match.start():match.end()] = text[match.start():match.end()]
        elif word in ALWAYS_CAPITALISED or _is_group_name(word) or is_name(word) or (
                word in MONTHS_BESIDE_NUMBERS and _beside_number(lowered, match.start(), match.end())):
            chars[match.start()] = chars[match.start()].upper()
    return "".join(chars)
