"""Tell English text from text in another language, with no model to download.

News in Latin script is told apart by its most frequent function words (data/stopwords.toml);
text mostly in another script (Cyrillic, Arabic, CJK …) is not English by construction.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from eventlens.data import load_toml

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Below this many words a verdict would be a guess: short snippets pass as English.
MIN_WORDS = 12


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    raw = load_toml("stopwords.toml")
    return {lang: frozenset(_fold(w) for w in words.split()) for lang, words in raw.items()}


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


def detect_language(text: str) -> tuple[str, str | None]:
    """Return (code, why): `en`, another ISO 639-1 code, or `und` for undetermined.

    `why` is a short human reason for a non-English verdict.
    """
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "und", "no letters in the text"
    latin = sum(1 for c in letters if _script(c) == "LATIN")
    if latin / len(letters) < 0.5:
        scripts = {}
        for c in letters:
            scripts[_script(c)] = scripts.get(_script(c), 0) + 1
        main = max(scripts, key=scripts.get).title()
        return "und", f"text is mostly in {main} script"
    words = [_fold(w) for w in WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return "en", None
    counts = {lang: sum(1 for w in words if w in stop) for lang, stop in _stopwords().items()}
    best = max(counts, key=counts.get)
    if best != "en" and counts[best] > counts["en"] * 1.5 and counts[best] >= 3:
        return best, f"text looks like language '{best}', not English"
    return "en", None
