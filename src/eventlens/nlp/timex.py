"""The time-expression component: DATE, TIME, DURATION and SET expressions, normalised.

`eventlens_timex` finds time expressions with TimeML extents (determiners and modifiers in,
prepositions out: "on Tuesday" → "Tuesday", "the last twenty four hours") and gives each a
TIMEX3 value resolved against the document's anchor:

    Doc._.anchor              the publication date; else a dateline at the top of the text;
                              else the latest full date the text gives; never today's date
    doc.spans["timex"]        one span per expression, in text order
    Span._.timex              a `Timex` (eventlens.resolve.dates): type, value, the calendar
                              days it covers, precision, and whether it points ahead

Expressions are found by regular expressions over the text, one pass per rule, built from
the words in data/timex.toml; the parse is read only where it decides something: the tense
of the verb that governs a partial date ("met on Thursday" looks back, "will meet on
Thursday" ahead) and words that only look like dates ("May" the modal, "March" the verb).

`timex_for_token(doc, i)` picks the expression that dates the event whose trigger is token i.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventlens.data import load_toml
from eventlens.nlp import extensions  # noqa: F401  (registers Doc._.anchor, Span._.timex)
from eventlens.resolve import dates
from eventlens.resolve.dates import Direction, Timex

__all__ = ["SPAN_KEY", "Timex", "TimexTagger", "make_timex_tagger", "timex_for_token", "governing_verb", "tense_direction"]

log = logging.getLogger(__name__)

SPAN_KEY = "timex"
RANGE_KEY = "timex_ranges"

# ---------------------------------------------------------------- the lexicon as regex pieces


class Lexicon:
    """The words of data/timex.toml, as lookup tables and as regular-expression alternations."""

    def __init__(self, data: dict):
        self.months = {**data["month_abbreviations"], **data["months"]}
        self.month_names = data["months"]
        self.weekdays = {**data["weekday_abbreviations"], **data["weekdays"]}
        self.numbers = data["numbers"]
        self.vague_numbers = frozenset(data["vague_numbers"]["words"])
        self.ordinals = data["ordinals"]
        self.last_part = frozenset(data["last_part"]["words"])
        self.units = {}  # word → (unit name, designator, multiplier)
        for name, unit in data["units"].items():
            for word in unit["words"]:
                self.units[word] = (name, unit["designator"], unit.get("multiplier", 1))
        self.parts_of_day = data["parts_of_day"]
        self.seasons = data["seasons"]
        self.references = {w: value for value, words in data["references"].items() for w in words}
        self.sets = data["sets"]
        self.holidays = data["holidays"]
        self.time_zones = data["time_zones"]["words"]
        self.approximate = data["modifiers"]["approximate"]
        self.positions = data["modifiers"]["position"]

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> Lexicon:
        return cls(load_toml("timex.toml"))

    def key_words(self, spec: str) -> set[str]:
        """The words a rule's KEYS name: lower-case words as they are, upper-case names for a
        class of words of the lexicon ("MONTH"); "DIGIT" is left to the caller."""
        classes = {
            "MONTH": self.months, "WEEKDAY": list(self.weekdays) + [w + "s" for w in self.weekdays],
            "UNIT": self.units, "POD": self.parts_of_day, "SEASON": self.seasons, "HOLIDAY": self.holidays,
            "REF": self.references, "SET": self.sets,
            "DECADE": ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"],
        }
        words = set()
        for key in spec.split():
            if key == "DIGIT":
                continue
            for phrase in classes.get(key, [key]):
                words.update(w for w in re.findall(r"\w+", phrase.lower()) if w not in KEY_STOPWORDS)
        return words

    def unit(self, word: str) -> tuple[str, str, int] | None:
        word = " ".join(word.lower().replace("-", " ").split())
        return self.units.get(word) or self.units.get(word.rstrip("s"))


# Words too common to tell where an expression may be ("for the time being" is found by "time").
KEY_STOPWORDS = {"the", "a", "an", "at", "for", "as", "of", "in", "not", "that", "this", "to", "on", "s"}


def _alternation(words) -> str:
    """A regex alternation of WORDS, longest first, spaces matching any run of blanks."""
    escaped = (re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", "[- ]?") for w in sorted(set(words), key=len, reverse=True))
    return "(?:" + "|".join(escaped) + ")"


def _fragments(lex: Lexicon) -> dict[str, str]:
    """Named regex pieces the rules are written with (as ~NAME~)."""
    small = [w for w, n in lex.numbers.items() if 0 < n < 20 and " " not in w and w not in ("a", "an", "single", "couple", "dozen")]
    tens = [w for w, n in lex.numbers.items() if n in range(20, 100, 10)]
    number_word = f"(?:{_alternation(tens)}(?:[- ]{_alternation(small)})?|{_alternation(small)}|hundred|thousand|dozen)"
    day_ordinals = [w for w, n in lex.ordinals.items() if n <= 31]
    f = {
        "MONTH_FULL": _alternation(lex.month_names) + r"\b",
        "MONTH": "(?:" + _alternation(lex.month_names) + r"\b|" + _alternation(set(lex.months) - set(lex.month_names)) + r"\b\.?)",
        "WEEKDAY": _alternation(k for k, v in lex.weekdays.items() if len(k) > 4) + r"\b",
        "WEEKDAY_ANY": "(?:" + _alternation(k for k in lex.weekdays if len(k) > 4) + r"\b|"
        + _alternation(k for k in lex.weekdays if len(k) <= 4) + r"\b\.?)",
        "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d%]|,\d{3}|\s*percent)",
        "ORDDAY": _alternation(day_ordinals) + r"\b",
        "YEAR4": r"(?<![\w$£€¥#.,/])(?:1[0-9]\d\d|20\d\d|21\d\d)(?![\w%]|[.,/:]\d)",
        "NUMWORD": number_word,
        "CARD": r"(?:\d+(?:,\d{3})*(?:\.\d+)?(?:\s+\d/\d)?|" + number_word + r"(?:[\s-]+(?:and\s+)?" + number_word + r")*"
        + r"|" + _alternation(lex.vague_numbers) + r"|a\s+couple\s+of|a\s+dozen|half\s+a\s+dozen|half\s+an?|an?|couple\s+of)",
        "UNIT": _alternation(w for w in lex.units if " " not in w or w.startswith(("trading", "business", "working", "calendar"))) + r"\b",
        "PLURAL_UNIT": r"(?:years|months|weeks|days|decades|centuries|hours|minutes|quarters)\b",
        "POD": _alternation(lex.parts_of_day) + r"\b",
        "TZ": _alternation(lex.time_zones) + r"\b",
        "APPROX": _alternation(lex.approximate) + r"\b",
        "POSITION": r"(?:" + _alternation(p for p in lex.positions if not p.endswith("-")) + r"\b|mid-)",
        "SEASON": r"(?:spring|summer|autumn|fall|winter)\b",
        "HOLIDAY": _alternation(lex.holidays) + r"\b",
        "REF": _alternation(lex.references) + r"\b",
        "SETWORD": _alternation(lex.sets) + r"\b",
        "SPOKEN_YEAR": r"(?:nineteen[- ](?:" + "|".join(tens) + r")(?:[- ]" + _alternation(small) + r")?"
        r"|nineteen[- ]hundred|two[- ]thousand(?:[- ]and)?(?:[- ]" + _alternation(small) + r")?)\b",
        "DECADE_WORD": r"(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
        "ORDWORD": _alternation(lex.ordinals) + r"\b",
    }
    # A day phrase a clock time or a part of the day may lean on ("5 p.m. Nov. 9").
    f["DAYREF"] = (r"(?:today|yesterday|tomorrow|tonight|" + f["WEEKDAY"] + "|" + f["MONTH"] + r"\s+" + f["DAY"]
                   + r"(?:,?\s+" + f["YEAR4"] + r")?|" + f["DAY"] + r"\s+" + f["MONTH"] + r"(?:\s+" + f["YEAR4"] + r")?)")
    return f


# ---------------------------------------------------------------- rules


@dataclass(frozen=True)
class Rule:
    """A pattern, what its matches are, and how to read one.

    KIND is a TIMEX3 type, or "BLOCK" for a pattern whose text is not a time expression but
    contains one ("22-year-old"): it takes part in the choice between overlapping matches
    and is then dropped. KEYS let the tagger run the pattern only near words that can be
    part of a match, which is most of its speed.
    """

    name: str
    kind: str
    keys: str  # words one of which every match contains (upper case: a class of words, see key_words)
    template: str
    read: Callable | None = None


@dataclass
class Context:
    """What reading a match may depend on besides its own words."""

    anchor: dt.date | None
    lexicon: Lexicon
    truecased: bool = False
    day_first: bool = False  # numeric dates are D/M/Y in this document
    reference: Timex | None = None  # the last expression with a calendar range
    quarter: str | None = None  # the last quarter the text spoke of ("1989-Q3")
    sentence_of_quarter: int = -1


@dataclass
class Match:
    rule: Rule
    m: re.Match
    span: Span
    start: int = field(init=False)
    end: int = field(init=False)

    def __post_init__(self):
        self.start, self.end = self.m.start(), self.m.end()

    def group(self, name: str) -> str | None:
        try:
            value = self.m.group(name)
        except IndexError:
            return None
        return value.lower() if value else None


def _date_timex(value: str | None, kind: str = "DATE", direction: Direction = None, anchor=None, position=None) -> Timex:
    start, end, precision = dates.covered_range(value.split("T")[0] if value else None)
    if start and position:
        start, end = _narrow(start, end, position)
    future = direction == "future" or bool(start and anchor and start > anchor) or value == "FUTURE_REF"
    return Timex(kind, value, start, end, precision, future)


def _narrow(start: dt.date, end: dt.date, position: str) -> tuple[dt.date, dt.date]:
    """The part of START..END that "early", "mid", "late", "the end of" … name."""
    days = (end - start).days + 1
    third = max(days // 3, 1)
    if position in ("early", "the beginning of", "the start of", "the early part of", "the dawn of"):
        return start, start + dt.timedelta(days=third - 1)
    if position in ("mid", "mid-", "the middle of"):
        return start + dt.timedelta(days=third), end - dt.timedelta(days=third)
    if position in ("late", "the end of", "the close of", "the latter part of", "by the end of"):
        return end - dt.timedelta(days=third - 1), end
    if position == "the first half of":
        return start, start + dt.timedelta(days=days // 2 - 1)
    if position in ("the second half of", "the latter half of", "the last half of"):
        return start + dt.timedelta(days=days // 2), end
    return start, end


# -- numbers


def parse_amount(text: str | None, lex: Lexicon) -> float | None:
    """The number TEXT says ("twenty four", "2 1/2", "a", "half an") or None if vague."""
    if not text:
        return None
    text = " ".join(text.lower().replace("-", " ").split())
    if text in lex.vague_numbers:
        return None
    if text.startswith("half"):
        return 0.5 * (parse_amount(text[4:].strip(), lex) or 1) if text not in ("half a", "half an") else 0.5
    if text in lex.numbers:
        return float(lex.numbers[text])
    if m := re.fullmatch(r"(\d+(?:,\d{3})*(?:\.\d+)?)(?:\s+(\d)/(\d))?", text):
        value = float(m[1].replace(",", ""))
        return value + (int(m[2]) / int(m[3]) if m[2] else 0)
    total = current = 0
    for word in text.replace(" and ", " ").split():
        number = lex.numbers.get(word)
        if number is None:
            return None
        if number == 100:
            current = max(current, 1) * 100
        elif number == 1000:
            total += max(current, 1) * 1000
            current = 0
        else:
            current += number
    return float(total + current)


def spoken_year(text: str, lex: Lexicon) -> int | None:
    """ "nineteen ninety-six" → 1996, "two thousand and one" → 2001."""
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + int(parse_amount(" ".join(rest), lex) or 0) if rest else 2000
    if words[0] == "nineteen":
        if words[1:] == ["hundred"]:
            return 1900
        return 1900 + int(parse_amount(" ".join(words[1:]), lex) or 0)
    return None


def _year_of(text: str, ctx: Context) -> int | None:
    """A year written as digits ("1990", "'90") or words ("nineteen ninety")."""
    text = text.strip()
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    if re.fullmatch(r"'?\d\d", text):
        return dates.full_year(int(text.lstrip("'")), ctx.anchor)
    return spoken_year(text, ctx.lexicon)


def _day_of(text: str, lex: Lexicon) -> int | None:
    text = text.lower().removeprefix("the").strip()
    if m := re.match(r"\d+", text):
        return int(m.group())
    return lex.ordinals.get(text.replace(" ", "-"))


def _relative_year(word: str | None, ctx: Context) -> int | None:
    if ctx.anchor is None:
        return None
    return ctx.anchor.year + {"this": 0, "last": -1, "next": 1}.get(word or "this", 0)


# -- readers: one per rule, each (match, context, direction) -> Timex


def read_clock(x: Match, ctx: Context, direction: Direction) -> Timex:
    hour, minute = _clock(x)
    day = None
    if x.group("dayref"):
        day = _resolve_dayref(x.group("dayref"), ctx, direction)
    elif ctx.anchor:
        day = ctx.anchor
    clock = f"T{hour:02d}:{minute:02d}"
    if day is None:
        return Timex("TIME", "XXXX-XX-XX" + clock)
    return Timex("TIME", day.isoformat() + clock, day, day, "day", direction == "future" or day > ctx.anchor if ctx.anchor else False)


def _clock(x: Match) -> tuple[int, int]:
    named = x.group("named")
    if named:
        return (24, 0) if named == "midnight" else (12, 0)
    if x.group("hw"):
        hour = int(parse_amount(x.group("hw"), Lexicon.load()) or 0)
        minute = 0
    else:
        hour = int(x.group("h") or x.group("h2") or x.group("h3"))
        minute = int(x.group("m") or x.group("m2") or x.group("m3") or 0)
    ampm = (x.group("ampm") or "").replace(".", "").replace(" ", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return hour, minute


def _resolve_dayref(text: str, ctx: Context, direction: Direction) -> dt.date | None:
    """The day a short day phrase names: today, yesterday, a weekday, a month and day."""
    lex = ctx.lexicon
    text = " ".join(text.lower().split())
    if ctx.anchor is not None:
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}.get(text)
        if offset is not None:
            return ctx.anchor + dt.timedelta(days=offset)
        if text.rstrip(".") in lex.weekdays:
            return dates.weekday_near(ctx.anchor, lex.weekdays[text.rstrip(".")], direction)
    parts = re.findall(r"[a-z]+|\d+", text)
    month = next((lex.months[p] for p in parts if p in lex.months), None)
    numbers = [int(p) for p in parts if p.isdigit()]
    if month is None or not numbers:
        return None
    day = numbers[0]
    year = numbers[1] if len(numbers) > 1 else (dates.day_near(ctx.anchor, month, day, direction) if ctx.anchor else None)
    try:
        return dt.date(year, month, day) if year else None
    except ValueError:
        return None


def read_part_of_day(x: Match, ctx: Context, direction: Direction) -> Timex:
    lex = ctx.lexicon
    code = lex.parts_of_day.get(" ".join((x.group("pod") or "night").split()), "NI")
    if x.group("whole") in ("tonight", "overnight"):
        code = "NI"
    day = None
    word = x.group("rel") or x.group("rel2") or ""
    if x.group("of"):
        day = _resolve_dayref(x.group("of"), ctx, direction)
    elif x.group("wd"):
        day = _resolve_dayref(x.group("wd"), ctx, direction)
    elif word in ("the", "that") and _fine_reference(ctx, "day"):  # "in the morning" of the day last named
        day = ctx.reference.start
    elif ctx.anchor is not None:
        offset = {"yesterday": -1, "last": -1, "tomorrow": 1}.get(word, 0)
        day = ctx.anchor + dt.timedelta(days=offset)
    if day is None:
        return Timex("TIME", f"XXXX-XX-XXT{code}")
    return Timex("TIME", f"{day.isoformat()}T{code}", day, day, "day", direction == "future" or day > ctx.anchor)


def read_weekday_parts(x: Match, ctx: Context, direction: Direction) -> Timex:
    """ "Tuesday nights": every Tuesday night."""
    code = ctx.lexicon.parts_of_day[x.group("pod")[:-1]]
    return Timex("SET", f"XXXX-WXX-{ctx.lexicon.weekdays[x.group('wd')]}T{code}")


def read_iso(x: Match, ctx: Context, direction: Direction) -> Timex:
    value = f"{x.group('y')}-{x.group('mo')}-{x.group('d')}"
    if dates.covered_range(value)[0] is None:
        return Timex("DATE", None)
    if x.group("h"):
        return _date_timex(value + f"T{x.group('h')}:{x.group('mi')}", "TIME", direction, ctx.anchor)
    return _date_timex(value, "DATE", direction, ctx.anchor)


def read_numeric(x: Match, ctx: Context, direction: Direction) -> Timex:
    a, b, year = int(x.group("a")), int(x.group("b")), x.group("y")
    year = int(year) if len(year) == 4 else dates.full_year(int(year), ctx.anchor)
    day, month = (a, b) if (ctx.day_first and a <= 31) or b > 12 else (b, a)
    return _calendar_timex(year, month, day, direction, ctx)


def _calendar_timex(year: int | None, month: int, day: int | None, direction: Direction, ctx: Context,
                    position: str | None = None, weekday: int | None = None) -> Timex:
    """A DATE for a year (maybe unknown: the one nearest the anchor), month and day (maybe
    none); WEEKDAY, if the text names one, helps pick the year."""
    if day is not None and not 1 <= day <= 31 or not 1 <= month <= 12:
        return Timex("DATE", None)
    if year is None and ctx.anchor is not None:
        year = (dates.day_near(ctx.anchor, month, day, direction, weekday) if day else dates.month_near(ctx.anchor, month, direction))
        if year is None:  # a day the month never has
            return Timex("DATE", None)
    if day is not None:
        if year is None:
            return Timex("DATE", f"XXXX-{month:02d}-{day:02d}")
        try:
            dt.date(year, month, day)
        except ValueError:
            log.debug("impossible date %s-%s-%s", year, month, day)
            return Timex("DATE", None)
        return _date_timex(f"{year:04d}-{month:02d}-{day:02d}", "DATE", direction, ctx.anchor)
    if year is None:
        return Timex("DATE", f"XXXX-{month:02d}")
    return _date_timex(f"{year:04d}-{month:02d}", "DATE", direction, ctx.anchor, position)


def read_month_day(x: Match, ctx: Context, direction: Direction) -> Timex:
    month = ctx.lexicon.months[x.group("month").rstrip(".")]
    day = _day_of(x.group("day"), ctx.lexicon)
    year = _year_of(x.group("year"), ctx) if x.group("year") else None
    weekday = ctx.lexicon.weekdays.get((x.group("wd") or "").rstrip("."))
    timex = _calendar_timex(year, month, day, direction, ctx, weekday=weekday)
    return timex if x.group("day2") is None else _through_day(timex, x, ctx)


def _through_day(timex: Timex, x: Match, ctx: Context) -> Timex:
    """ "March 3-5": the first day's value, covering up to the last."""
    last = _day_of(x.group("day2"), ctx.lexicon)
    if timex.start is None or last is None or last < timex.start.day:
        return timex
    try:
        end = timex.start.replace(day=last)
    except ValueError:
        return timex
    return Timex(timex.type, timex.value, timex.start, end, "day", timex.future)


def read_month_year(x: Match, ctx: Context, direction: Direction) -> Timex:
    month = ctx.lexicon.months[x.group("month").rstrip(".")]
    if x.group("year"):
        year = _year_of(x.group("year"), ctx)
    else:
        year = _relative_year(x.group("rel"), ctx)
    return _calendar_timex(year, month, None, direction, ctx, _position(x))


def read_month(x: Match, ctx: Context, direction: Direction) -> Timex:
    month = ctx.lexicon.months[x.group("month").rstrip(".")]
    rel = " ".join((x.group("rel") or "").split())
    year = None
    if ctx.anchor is not None and rel == "this":
        year = ctx.anchor.year
    elif ctx.anchor is not None and rel:
        direction = "past" if rel in ("last", "this past") else "future"
        year = dates.month_near(ctx.anchor, month, direction, strict=True)
        if year == ctx.anchor.year and month == ctx.anchor.month:  # "last March", said in March
            year += -1 if direction == "past" else 1
    elif ctx.anchor is not None:
        year = dates.month_near(ctx.anchor, month, direction)
    return _calendar_timex(year, month, None, direction, ctx, _position(x))


def _position(x: Match) -> str | None:
    position = x.group("pos")
    return " ".join(position.split()) if position else None


def read_year(x: Match, ctx: Context, direction: Direction) -> Timex:
    year = _year_of(x.group("year"), ctx)
    if year is None:
        return Timex("DATE", None)
    position = _position(x)
    half = HALVES.get(position)
    if half:
        return _date_timex(f"{year:04d}-{half}", "DATE", direction, ctx.anchor)
    return _date_timex(f"{year:04d}", "DATE", direction, ctx.anchor, position)


HALVES = {"the first half of": "H1", "the second half of": "H2", "the last half of": "H2", "the latter half of": "H2"}


def read_year_range(x: Match, ctx: Context, direction: Direction) -> Timex:
    first = int(x.group("year"))
    last_text = x.group("year2")
    last = int(last_text) if len(last_text) == 4 else first // 100 * 100 + int(last_text)
    timex = _date_timex(f"{first:04d}", "DATE", direction, ctx.anchor)
    if last <= first:
        return timex
    return Timex("DATE", timex.value, timex.start, dt.date(last, 12, 31), "year", timex.future)


def read_fiscal_year(x: Match, ctx: Context, direction: Direction) -> Timex:
    digits = x.group("fy")
    year = int(digits) if len(digits) == 4 else dates.full_year(int(digits), ctx.anchor)
    return _date_timex(f"{year:04d}", "DATE", direction, ctx.anchor)


def read_decade(x: Match, ctx: Context, direction: Direction) -> Timex:
    if x.group("dec4"):
        decade = int(x.group("dec4")) // 10
    else:
        if x.group("dec2"):
            tens = int(x.group("dec2"))
        else:
            word = (x.group("decw") or "").split()[-1].split("-")[-1]
            tens = int(parse_amount(word.replace("ies", "y"), ctx.lexicon) or 0)
        if x.group("century19"):
            decade = 190 + tens // 10
        elif ctx.anchor is None:
            return Timex("DATE", f"XX{tens // 10}")
        else:  # the latest such decade that has begun by the anchor
            decade = (ctx.anchor.year // 100) * 10 + tens // 10
            if decade * 10 > ctx.anchor.year:
                decade -= 10
    return _date_timex(f"{decade:03d}", "DATE", direction, ctx.anchor, _position(x))


def read_century(x: Match, ctx: Context, direction: Direction) -> Timex:
    text = x.group("c")
    number = int(re.match(r"\d+", text).group()) if text[0].isdigit() else ctx.lexicon.ordinals.get(text)
    if not number:
        return Timex("DATE", None)
    return _date_timex(f"{number - 1:02d}", "DATE", direction, ctx.anchor, _position(x))


def read_spoken_year(x: Match, ctx: Context, direction: Direction) -> Timex:
    year = spoken_year(x.group("spoken"), ctx.lexicon)
    return _date_timex(f"{year:04d}" if year else None, "DATE", direction, ctx.anchor)


def read_quarter(x: Match, ctx: Context, direction: Direction) -> Timex:
    lex = ctx.lexicon
    ordinal = x.group("ord")
    part = "H" if x.group("part").startswith("half") else "Q"
    number = 4 if ordinal in lex.last_part else int(re.match(r"\d", ordinal).group()) if ordinal[0].isdigit() else lex.ordinals.get(ordinal, 0)
    if x.group("count"):  # "the first two quarters of 1990" is the first half
        part, number = "H", 1 if ordinal == "first" else 2
    if part == "H":
        number = 2 if number > 1 else 1
    year = _quarter_year(x, ctx, part, number, direction)
    if year is None:
        return Timex("DATE", f"XXXX-{part}{number}")
    value = f"{year:04d}-{part}{number}"
    return _date_timex(value, "DATE", direction, ctx.anchor)


def _quarter_year(x: Match, ctx: Context, part: str, number: int, direction: Direction) -> int | None:
    det = x.group("det") or ""
    if x.group("year"):
        text = x.group("year")
        return _year_of(text, ctx) if text[0].isdigit() else _relative_year(text.split()[0], ctx)
    if x.group("ydet"):
        return int(x.group("ydet"))
    if ctx.anchor is None:
        return None
    words = det.split()
    if any(w.startswith(("year-ago", "year-earlier")) for w in words) or det.startswith("last year"):
        return ctx.anchor.year - 1 if ctx.quarter is None else int(ctx.quarter[:4]) - 1
    if det.startswith("next year"):
        return ctx.anchor.year + 1
    if det.startswith("this year"):
        return ctx.anchor.year
    if part == "H":
        return ctx.anchor.year
    return dates.quarter_near(ctx.anchor, number, direction)


def read_period(x: Match, ctx: Context, direction: Direction) -> Timex:
    """ "the quarter", "the latest quarter", "the year-earlier period": the quarter the text
    is about (the last it named, else the last complete one), shifted a year back where
    the words say so."""
    det = x.group("det")
    if ctx.anchor is None:
        return Timex("DATE", "XXXX-QX")
    current = dates.value_at(ctx.anchor, "quarter")
    latest_complete = dates.value_at(dates.shift(ctx.anchor, -1, "quarter"), "quarter")
    if det in ("this", "the current"):
        value = current
    elif det in ("next", "the next", "the coming"):
        value = dates.value_at(dates.shift(ctx.anchor, 1, "quarter"), "quarter")
    elif det and re.search(r"latest|most recent", det):
        value = latest_complete
    else:
        value = ctx.quarter or latest_complete
    if x.group("yearago") or (det and re.search(r"year[- ](?:ago|earlier)|comparable|corresponding|last year|\d{4}", det)):
        year = int(value[:4]) - 1
        if det and (m := re.search(r"\d{4}", det)):
            year = int(m.group())
        value = f"{year:04d}{value[4:]}"
    return _date_timex(value, "DATE", direction, ctx.anchor)


def read_season(x: Match, ctx: Context, direction: Direction) -> Timex:
    code = ctx.lexicon.seasons[x.group("season")]
    rel = x.group("rel") or ""
    if x.group("year"):
        year = _year_of(x.group("year"), ctx)
    elif ctx.anchor is None:
        return Timex("DATE", f"XXXX-{code}")
    elif rel in ("last", "this past"):
        year = dates.season_near(ctx.anchor, code, "past", strict=True)
        if year == dates.season_near(ctx.anchor, code, None) and _contains(f"{year}-{code}", ctx.anchor):
            year -= 1
    elif rel in ("next", "this coming"):
        year = dates.season_near(ctx.anchor, code, "future", strict=True)
        if _contains(f"{year}-{code}", ctx.anchor):
            year += 1
    else:
        year = dates.season_near(ctx.anchor, code, direction)
    return _date_timex(f"{year:04d}-{code}" if year else None, "DATE", direction, ctx.anchor)


def _contains(value: str, day: dt.date) -> bool:
    start, end, _ = dates.covered_range(value)
    return bool(start and start <= day <= end)


def read_holiday(x: Match, ctx: Context, direction: Direction) -> Timex:
    rule = ctx.lexicon.holidays[" ".join(x.group("holiday").replace("’", "'").split())]
    if x.group("year"):
        year = int(x.group("year"))
    elif ctx.anchor is None:
        return Timex("DATE", None)
    else:
        year = dates.holiday_near(ctx.anchor, rule, direction).year
    return _date_timex(dates.holiday_date(rule, year).isoformat(), "DATE", direction, ctx.anchor)


def read_relative_day(x: Match, ctx: Context, direction: Direction) -> Timex:
    word = " ".join(x.group("rd").split())
    if ctx.anchor is None:
        return Timex("DATE", None)
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}[word]
    return _date_timex((ctx.anchor + dt.timedelta(days=offset)).isoformat(), "DATE", direction, ctx.anchor)


def read_weekday(x: Match, ctx: Context, direction: Direction) -> Timex:
    weekday = ctx.lexicon.weekdays[x.group("wd").rstrip(".")]
    if x.group("plural"):
        return Timex("SET", f"XXXX-WXX-{weekday}")
    rel = x.group("rel") or ""
    base, inclusive = ctx.anchor, True
    if rel in ("the previous", "the preceding", "the following", "the next") and ctx.reference and ctx.reference.precision == "day":
        base = ctx.reference.start
    if rel in ("last", "this past", "the previous", "the preceding"):
        direction, inclusive = "past", False
    elif rel in ("next", "this coming", "the following", "the next"):
        direction, inclusive = "future", False
    if base is None:
        return Timex("DATE", f"XXXX-WXX-{weekday}")
    day = dates.weekday_near(base, weekday, direction, inclusive=inclusive)
    return _date_timex(day.isoformat(), "DATE", direction, ctx.anchor)


def read_weekend(x: Match, ctx: Context, direction: Direction) -> Timex:
    rel = x.group("rel") or ""
    if ctx.anchor is None:
        return Timex("DATE", "XXXX-WXX-WE")
    if rel in ("last", "the past", "this past", "the previous"):
        direction = "past"
    elif rel in ("next", "this coming", "the coming", "the following"):
        direction = "future"
    saturday = dates.weekday_near(ctx.anchor, 6, direction, inclusive=rel not in ("last", "next"))
    if direction is None and ctx.anchor.isoweekday() == 7:
        saturday = ctx.anchor - dt.timedelta(days=1)
    return _date_timex(dates.value_at(saturday, "weekend"), "DATE", direction, ctx.anchor)


UNIT_GRANULARITY = {"year": "year", "month": "month", "week": "week", "day": "day", "quarter": "quarter",
                    "decade": "decade", "century": "century", "fortnight": "week"}
PAST_WORDS = {"last", "the past", "the last", "the previous", "the prior", "the preceding", "this past", "the most recent", "past"}
NEXT_WORDS = {"next", "the coming", "the next", "this coming", "the following", "coming"}


ENDED = re.compile(r"\s+(?:ended|ending)\b", re.IGNORECASE)


def read_relative_unit(x: Match, ctx: Context, direction: Direction) -> Timex:
    """ "this week", "last month", "the past year", "earlier this month", "that year"."""
    rel = " ".join((x.group("rel") or "").split())
    unit = ctx.lexicon.unit(x.group("unit"))[0]
    granularity = UNIT_GRANULARITY[unit]
    if rel == "the" and ENDED.match(x.m.string, x.end):  # "the year ended March 31": twelve months, not a calendar year
        return Timex("DURATION", dates.duration_value(1, "Y" if unit == "year" else unit[0].upper()))
    base = ctx.anchor
    if rel in ("that", "the same", "the following", "the preceding", "the next", "the previous") and _fine_reference(ctx, unit):
        base = ctx.reference.start
    elif rel in ("that", "the same") and unit == "day":
        return Timex("DATE", None)
    if base is None:
        return Timex("DATE", None)
    step = -1 if rel in PAST_WORDS or rel == "the preceding" else 1 if rel in NEXT_WORDS else 0
    value = dates.value_at(dates.shift(base, step, unit if unit != "fortnight" else "week"), granularity)
    return _date_timex(value, "DATE", direction, ctx.anchor, _position(x))


PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def _fine_reference(ctx: Context, unit: str) -> bool:
    """Whether the last date the text gave is at least as precise as UNIT ("the following
    day" needs a day to follow)."""
    reference = ctx.reference
    if reference is None or reference.start is None or reference.precision not in PRECISION_RANK:
        return False
    return PRECISION_RANK[reference.precision] <= PRECISION_RANK.get(unit, 3)


def read_ago(x: Match, ctx: Context, direction: Direction) -> Timex:
    """ "two weeks ago", "a year earlier", "three days later": a date N units from the anchor
    (or, after another date, from it), as precise as the unit; a year back from a quarter the
    text is about is that quarter a year before ("net income fell from a year ago")."""
    lex = ctx.lexicon
    amount = parse_amount(x.group("n"), lex)
    unit = lex.unit(x.group("unit"))[0]
    later = x.group("dir") in ("later", "after", "from now", "hence")
    if amount is None or amount != int(amount):
        return Timex("DATE", "FUTURE_REF" if later else "PAST_REF", future=later)
    steps = int(amount) * (1 if later else -1)
    base = ctx.anchor
    if x.group("dir") in ("later", "after", "earlier", "before") and ctx.reference and ctx.reference.precision == "day":
        base = ctx.reference.start
    if base is None:
        return Timex("DATE", None)
    if unit in ("hour", "minute", "second"):  # hours ago: still that day
        return _date_timex(base.isoformat(), "DATE", direction, ctx.anchor)
    if unit == "year" and ctx.quarter and x.group("dir") in ("ago", "earlier"):
        quarter_start = dates.covered_range(ctx.quarter)[0]
        return _date_timex(dates.value_at(dates.shift(quarter_start, steps, "year"), "quarter"), "DATE", direction, ctx.anchor)
    value = dates.value_at(dates.shift(base, steps, unit), UNIT_GRANULARITY[unit])
    return _date_timex(value, "DATE", direction, ctx.anchor)


def read_year_end(x: Match, ctx: Context, direction: Direction) -> Timex:
    """ "year-end", "by year's end": the end of the anchor's year."""
    if ctx.anchor is None:
        return Timex("DATE", None)
    return _date_timex(str(ctx.anchor.year), "DATE", direction, ctx.anchor, "the end of")


def read_same_day(x: Match, ctx: Context, direction: Direction) -> Timex:
    """ "later in the day": the day the text is about."""
    day = ctx.reference.start if _fine_reference(ctx, "day") else ctx.anchor
    return _date_timex(day.isoformat() if day else None, "DATE", direction, ctx.anchor)


def read_year_ago_adjective(x: Match, ctx: Context, direction: Direction) -> Timex:
    """ "year-earlier", "year-ago": the period the text is about, a year before."""
    if ctx.anchor is None:
        return Timex("DATE", None)
    if ctx.quarter:
        start = dates.covered_range(ctx.quarter)[0]
        return _date_timex(dates.value_at(dates.shift(start, -1, "year"), "quarter"), "DATE", direction, ctx.anchor)
    return _date_timex(str(ctx.anchor.year - 1), "DATE", direction, ctx.anchor)


# Decades and centuries of unknown number: TimeBank's "PXE" and "PXC".
VAGUE_MULTIPLES = {10: "PXE", 100: "PXC"}


def read_duration(x: Match, ctx: Context, direction: Direction) -> Timex:
    lex = ctx.lexicon
    unit_word = x.group("unit")
    unit, designator, multiplier = lex.unit(unit_word)
    amount = parse_amount(x.group("n"), lex) if x.group("n") else None
    if x.group("n") is None and not unit_word.endswith("s"):
        amount = 1.0
    if x.group("half") and amount is not None:
        amount += 0.5
    if amount is None and multiplier in VAGUE_MULTIPLES:
        return Timex("DURATION", VAGUE_MULTIPLES[multiplier])
    value = dates.duration_value(None if amount is None else amount * multiplier, designator)
    return _anchored_duration(value, x, ctx, unit, amount, direction)


def _anchored_duration(value: str, x: Match, ctx: Context, unit: str, amount: float | None, direction: Direction) -> Timex:
    """A duration that runs up to or from the anchor ("the past three days") covers those days."""
    mods = " ".join((x.group("mods") or "").split())
    if ctx.anchor is None or amount is None or amount != int(amount) or unit not in UNIT_GRANULARITY:
        return Timex("DURATION", value, future=direction == "future")
    steps = int(amount)
    if re.search(r"\b(?:past|last|previous|recent)\b", mods):
        start = dates.shift(ctx.anchor, -steps, unit) + dt.timedelta(days=1)
        return Timex("DURATION", value, start, ctx.anchor, "day")
    if re.search(r"\b(?:next|coming|following)\b", mods):
        end = dates.shift(ctx.anchor, steps, unit) - dt.timedelta(days=1)
        return Timex("DURATION", value, ctx.anchor, end, "day", True)
    return Timex("DURATION", value, future=direction == "future")


def read_vague_duration(x: Match, ctx: Context, direction: Direction) -> Timex:
    unit, designator, multiplier = ctx.lexicon.unit(x.group("unit"))
    if multiplier in VAGUE_MULTIPLES:
        return Timex("DURATION", VAGUE_MULTIPLES[multiplier])
    return Timex("DURATION", dates.duration_value(None, designator), future=direction == "future")


def read_fraction_duration(x: Match, ctx: Context, direction: Direction) -> Timex:
    """ "half an hour", "a minute and a half", "two and a half years"."""
    unit, designator, multiplier = ctx.lexicon.unit(x.group("unit"))
    amount = 0.5 if x.group("halfonly") else (parse_amount(x.group("n"), ctx.lexicon) or 1) + 0.5
    return Timex("DURATION", dates.duration_value(amount * multiplier, designator), future=direction == "future")


def read_while(x: Match, ctx: Context, direction: Direction) -> Timex:
    return Timex("DURATION", "PXX")


def read_reference(x: Match, ctx: Context, direction: Direction) -> Timex:
    value = ctx.lexicon.references[" ".join(x.group("ref").split())]
    return Timex("DATE", value, future=value == "FUTURE_REF")


def read_set(x: Match, ctx: Context, direction: Direction) -> Timex:
    return Timex("SET", ctx.lexicon.sets[" ".join(x.group("set").split())])


def read_every(x: Match, ctx: Context, direction: Direction) -> Timex:
    """ "every Thursday", "each July", "every summer", "twice a week", "$5 a year"."""
    lex = ctx.lexicon
    word = x.group("what").rstrip(".")
    if word in lex.weekdays:
        return Timex("SET", f"XXXX-WXX-{lex.weekdays[word]}")
    if word in lex.month_names:
        return Timex("SET", f"XXXX-{lex.months[word]:02d}")
    if word in lex.seasons:
        return Timex("SET", f"XXXX-{lex.seasons[word]}")
    unit = lex.unit(word)
    count = 2 if x.group("other") else 1
    if unit is None:
        return Timex("SET", None)
    return Timex("SET", dates.duration_value(count * unit[2], unit[1]))


# ---------------------------------------------------------------- the rule table

FOLLOWS_DATE = r"(?:,?\s+(?:on\s+)?(?P<dayref>~DAYREF~))?"
MODS = r"(?P<mods>(?:(?:~APPROX~|the\s+(?:past|last|next|first|coming|previous|following|final|remaining|latest|initial|ensuing)|the|past|last|next|first|coming|recent)\s+)+)?"

RULES: list[Rule] = [
    # Not time expressions, though they contain one.
    Rule("age", "BLOCK", "old olds age aged", r"\b~CARD~[- ](?:year|month|week|day)s?[- ]olds?\b"),
    Rule("age_range", "BLOCK", "old age", r"\b~CARD~(?:\s*(?:to|or|-|–|and)\s*~CARD~)?\s+(?:years?|months?|weeks?|days?)\s+(?:old|of\s+age)\b"),
    Rule("aged", "BLOCK", "aged", r"\baged\s+\d+"),
    Rule("named_day", "BLOCK", "WEEKDAY", r"\b~WEEKDAY~\s+(?-i:Morning|Evening|Night|Times|Telegraph|Mirror|Express|Herald|Post|Independent|Tribune)\b"
         r"(?=\s+(?-i:[A-Z]|Inc|Corp|Co\b|stores?|newspaper))"),
    Rule("fraction_of", "BLOCK", "quarter quarters halves thirds", r"\b(?:one|two|three)[- ](?:quarters?|halves|thirds)\s+of\b"),
    # Clock times, with the day they fall on.
    Rule("clock", "TIME", "DIGIT noon midday midnight clock", r"(?:(?:around|about|approximately|roughly|shortly\s+before|shortly\s+after|just\s+before|just\s+after)\s+)?"
         r"(?:(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s*(?P<ampm>[ap]\.?\s?m\b\.?)"
         r"|(?P<h2>[01]?\d|2[0-3]):(?P<m2>[0-5]\d)(?![\d:])(?:\s*(?:hours|hrs|h)\b)?"
         r"|(?P<h3>[01]\d|2[0-3])(?P<m3>[0-5]\d)\s*(?:hours|hrs|gmt|utc|local\s+time)\b"
         r"|(?P<named>noon|midday|midnight)\b|(?P<hw>~NUMWORD~)\s+o'?clock\b)"
         r"(?:\s+(?:~TZ~))?(?:\s*\([^)]{2,12}\))?" + FOLLOWS_DATE, read_clock),
    Rule("part_of_day", "TIME", "POD", r"(?:(?:early|late|earlier|later)\s+(?:in\s+)?)?(?:(?P<rel>this|last|tomorrow|yesterday|the|this\s+past|that)|(?P<wd>~WEEKDAY~))\s+(?P<pod>~POD~)"
         r"(?:\s+of\s+(?P<of>~DAYREF~))?", read_part_of_day),
    Rule("part_of_day_after", "TIME", "POD", r"(?:(?:early|late)\s+)?(?P<pod>~POD~)\s+(?P<rel2>yesterday|today|tomorrow|(?P<wd>~WEEKDAY~))\b", read_part_of_day),
    Rule("tonight", "TIME", "tonight overnight", r"\b(?P<whole>tonight|overnight)\b", read_part_of_day),
    Rule("part_of_day_alone", "TIME", "POD", r"(?:mid|early|late)[- ]?(?P<pod>morning|afternoon|evening)\b", read_part_of_day),
    Rule("parts_of_days", "SET", "mornings afternoons evenings nights", r"(?P<wd>~WEEKDAY~)\s+(?P<pod>mornings|afternoons|evenings|nights)\b", read_weekday_parts),
    # Calendar dates.
    Rule("iso_date", "DATE", "DIGIT", r"\b(?P<y>1[89]\d\d|20\d\d)-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?:T(?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::\d\d)?)?\b", read_iso),
    Rule("numeric_date", "DATE", "DIGIT", r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/]|\.\d)", read_numeric),
    Rule("month_day", "DATE", "MONTH", r"(?:(?:(?:this\s+coming|this\s+past|this|last|next)\s+)?(?P<wd>~WEEKDAY_ANY~),?\s+)?(?:(?:around|about|on\s+or\s+about)\s+)?(?:(?:early|late)\s+)?"
         r"(?P<month>~MONTH~)\s+(?P<day>~DAY~|the\s+~DAY~|~ORDDAY~)(?:\s*(?:-|–|to|through)\s*(?P<day2>~DAY~))?"
         r"(?:(?:,\s*|\s+)(?P<year>~YEAR4~|'\d\d\b))?", read_month_day),
    Rule("day_month", "DATE", "MONTH", r"(?:(?P<wd>~WEEKDAY_ANY~),?\s+)?(?:the\s+)?(?P<day>~DAY~|~ORDDAY~)(?:\s*(?:-|–|to)\s*(?P<day2>~DAY~))?(?:\s+of)?\s+(?P<month>~MONTH~)"
         r"(?:,?\s+(?P<year>~YEAR4~|'?\d\d(?=\s*(?:[^\w\s]|$))))?", read_month_day),
    Rule("month_year", "DATE", "MONTH", r"(?:(?P<pos>~POSITION~)\s*)?(?P<month>~MONTH~),?\s+(?:of\s+)?(?:(?P<year>~YEAR4~|'\d\d\b|~SPOKEN_YEAR~)|(?P<rel>this|last|next)\s+year\b)", read_month_year),
    Rule("month", "DATE", "MONTH", r"(?:(?P<pos>~POSITION~)\s*)?(?:(?P<rel>this\s+past|this\s+coming|this|last|next)\s+)?(?P<month>~MONTH_FULL~)", read_month),
    Rule("year", "DATE", "DIGIT", r"(?:(?P<pos>~POSITION~)\s*)?(?:the\s+)?(?:(?:fiscal|calendar|financial|model)\s+(?:year\s+)?|(?:the\s+)?year\s+)?(?P<year>~YEAR4~)"
         r"(?:\s+(?:or\s+later|or\s+earlier|and\s+beyond))?", read_year),
    Rule("year_range", "DATE", "DIGIT", r"(?P<year>~YEAR4~)\s*(?:-|–|to|through)\s*(?P<year2>(?:19|20)\d\d|\d\d)(?![\w%])", read_year_range),
    Rule("fiscal_year", "DATE", "DIGIT", r"\bFY\s*'?(?P<fy>\d{4}|\d{2})\b", read_fiscal_year),
    Rule("decade", "DATE", "DIGIT DECADE", r"(?:(?P<pos>~POSITION~)\s*)?(?:the\s+)?(?:(?:early|mid|late)[- ]?)?(?:(?P<dec4>1[0-9]\d0|20\d0)'?s\b|'(?P<dec2>\d0)'?s\b"
         r"|(?P<century19>nineteen[- ])?(?P<decw>~DECADE_WORD~))", read_decade),
    Rule("century", "DATE", "century", r"(?:(?P<pos>~POSITION~)\s*)?(?:the\s+)?(?:(?:early|mid|late)[- ]?)?(?P<c>\d{1,2}(?:st|nd|rd|th)|~ORDWORD~)[- ]century\b", read_century),
    Rule("spoken_year", "DATE", "nineteen thousand", r"(?:the\s+year\s+)?(?P<spoken>~SPOKEN_YEAR~)", read_spoken_year),
    Rule("quarter", "DATE", "quarter quarters half", r"(?:(?P<det>the|its|this|that|last|next|a|(?:this|last|next)\s+year's|the\s+year's|the\s+year-ago|the\s+year-earlier|the\s+comparable|the\s+corresponding"
         r"|the\s+same|the\s+latest|the\s+current|the\s+(?P<ydet>~YEAR4~)|(?P<yposs>~YEAR4~)'s|the\s+year-ago\s+comparable|a\s+\w+)\s+)?"
         r"(?:(?:fiscal|calendar|financial)[- ])?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last|latter)[- ]"
         r"(?:(?P<count>two)\s+)?(?:fiscal[- ])?(?P<part>quarters?|half)\b"
         r"(?:\s+of\s+(?:(?:fiscal|the)\s+)?(?P<year>~YEAR4~|this\s+year|last\s+year|next\s+year|the\s+year))?", read_quarter),
    Rule("period", "DATE", "quarter period", r"(?P<det>the(?:\s+(?:latest|current|same|comparable|corresponding|year-ago|year-earlier|previous|prior|most\s+recent|~YEAR4~|year-ago\s+comparable))*"
         r"|this|that|next|its(?:\s+latest)?|(?:last|this)\s+year's)\s+(?:fiscal\s+)?(?:quarter|period)\b(?!-)(?P<yearago>\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year))?", read_period),
    Rule("season", "DATE", "SEASON", r"(?:(?P<rel>this\s+past|this\s+coming|this|last|next|the|early|late|mid|mid-)\s*)?(?:(?:early|late)\s+)?(?P<season>~SEASON~)"
         r"(?:\s+of\s+(?P<year>~YEAR4~|~SPOKEN_YEAR~)|\s+(?P<year2>~YEAR4~))?", read_season),
    Rule("holiday", "DATE", "HOLIDAY", r"(?:(?:this|last|next)\s+)?(?P<holiday>~HOLIDAY~)(?:\s+(?P<year>~YEAR4~))?", read_holiday),
    Rule("relative_day", "DATE", "today yesterday tomorrow", r"(?:(?:early|late|earlier|later)\s+)?(?P<rd>today|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)\b", read_relative_day),
    Rule("weekday", "DATE", "WEEKDAY", r"(?:(?P<rel>last|this\s+coming|this\s+past|this|next|the\s+previous|the\s+preceding|the\s+following|the\s+next|early|late|earlier|later)\s+)?(?P<wd>~WEEKDAY~)(?P<plural>s\b)?", read_weekday),
    Rule("weekend", "DATE", "weekend week", r"(?P<rel>this\s+past|this\s+coming|this|last|next|the\s+past|the\s+coming|the\s+previous|the\s+following|the|that)\s+(?:week-?end)\b", read_weekend),
    Rule("relative_unit", "DATE", "week month year decade century", r"(?:(?P<pos>~POSITION~)\s+(?:in\s+)?)?(?P<rel>this\s+past|this\s+coming|this|last|next|the\s+past|the\s+last|the\s+previous|the\s+prior|the\s+coming|the\s+current|the\s+latest"
         r"|the\s+following|the\s+preceding|the\s+same|the\s+most\s+recent|the\s+full|the\s+whole|the\s+entire|that|the)\s+(?:(?:fiscal|calendar|financial|school|academic)\s+)?(?P<unit>week|month|year|decade|century)\b"
         r"(?!-(?:ago|earlier|old|long)\b|\s+(?:old|long)\b|'s\s+(?:first|second|third|fourth|final|last)\b|\s+and\s+a\s+half\b)", read_relative_unit),
    Rule("year_end", "DATE", "year", r"(?:(?:around|about|by)\s+)?(?:the\s+)?(?P<yearend>year(?:'s)?[- ]end)\b", read_year_end),
    Rule("later_in_the_day", "DATE", "day", r"(?:earlier|later)\s+in\s+the\s+day\b", read_same_day),
    Rule("relative_day_unit", "DATE", "day", r"(?P<rel>the\s+following|the\s+next|the\s+previous|the\s+preceding|that|the\s+same)\s+(?P<unit>day)\b", read_relative_unit),
    Rule("ago", "DATE", "UNIT", r"(?:(?:~APPROX~)\s+)?(?P<n>~CARD~)(?:\s+(?:or|to)\s+~CARD~)?\s*[- ]?(?P<unit>~UNIT~)\s+(?:or\s+so\s+)?"
         r"(?P<dir>ago|earlier|later|from\s+now|hence|back|before(?=\s*[,.;)]|\s*$)|after(?=\s*[,.;)]|\s*$))", read_ago),
    Rule("year_ago_adjective", "DATE", "year", r"\b(?:a\s+)?year[- ](?:earlier|ago)\b", read_year_ago_adjective),
    Rule("every", "SET", "UNIT WEEKDAY MONTH SEASON", r"\b(?:(?:once|twice|(?:~CARD~)\s+times)\s+)?(?:every|each|per|a)\s+(?P<other>other\s+)?(?P<what>~WEEKDAY~|~MONTH_FULL~|~SEASON~|~UNIT~)", read_every),
    # Durations.
    Rule("duration", "DURATION", "UNIT", MODS + r"(?P<n>~CARD~)(?:\s*(?:to|or|-|–)\s*~CARD~)?\s*[- ]?\s*"
         r"(?:(?:more|additional|full|straight|consecutive|successive|long)\s+)?(?P<unit>~UNIT~)(?P<half>\s+and\s+a\s+half\b)?", read_duration),
    Rule("fraction_duration", "DURATION", "UNIT", r"(?:(?:~APPROX~)\s+)?(?:(?P<halfonly>half\s+an?)|(?P<n>~CARD~)\s+and\s+a\s+half)\s+(?P<unit>~UNIT~)", read_fraction_duration),
    Rule("bare_unit", "DURATION", "UNIT", r"(?P<mods>(?:(?:the\s+)?(?:past|last|next|coming|recent|previous|following|final|first|early|ensuing)\s+|the\s+)?)(?P<unit>~PLURAL_UNIT~)"
         r"(?:\s+(?:or|to|and)\s+~PLURAL_UNIT~)?(?:\s+ahead)?", read_vague_duration),
    Rule("a_while", "DURATION", "while time", r"\b(?:a\s+while|some\s+time)\b(?!\s+(?:ago|later|earlier|next|this|last))", read_while),
    # References and frequencies.
    Rule("reference", "DATE", "REF", r"\b(?P<ref>~REF~)", read_reference),
    Rule("set", "SET", "SET", r"\b(?P<set>~SETWORD~)", read_set),
]

# Rules whose matches need a look at the parse before they are believed (see _acceptable).
NEEDS_CHECK = {"month", "month_day", "day_month", "month_year", "year", "weekday", "season", "holiday", "bare_unit",
               "part_of_day", "reference", "every", "duration", "set", "a_while", "relative_unit", "period", "decade"}


@lru_cache(maxsize=1)
def compiled_rules() -> list[tuple[Rule, re.Pattern]]:
    """The rules with their templates filled from the lexicon and compiled once."""
    pieces = _fragments(Lexicon.load())

    def fill(template: str) -> str:
        return re.sub(r"~(\w+)~", lambda m: pieces[m.group(1)], template)

    return [(rule, re.compile(r"(?<![\w'])" + fill(rule.template), re.IGNORECASE)) for rule in RULES]


# ---------------------------------------------------------------- words that only look like dates

# Named-entity labels that make a weekday or month a name ("The Sunday Times", "Theresa May").
NAME_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "GPE", "LOC", "NORP", "EVENT", "LAW"}
# Words before a bare year that make it a quantity, not a date ("No. 1990", "$2000").
NOT_YEAR_BEFORE = {"$", "#", "no", "no.", "number", "nos", "£", "€", "¥", "us$", "c$", "a$", "rs", "page", "flight", "route"}
QUANTITY_LABELS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT"}
POSSESSIVES = {"her", "his", "their", "my", "your", "our", "its"}
# Verbs after which a bare plural unit is a span of time ("it took years").
DURATION_VERBS = {"take", "last", "spend", "wait", "need", "require"}


def _acceptable(x: Match, ctx: Context) -> bool:
    """Whether match X is a time expression here, judged by case, tags and entities."""
    check = CHECKS.get(x.rule.name)
    return check(x, ctx) if check else True


def _capitalised_unless_truecased(text: str | None, ctx: Context) -> bool:
    return ctx.truecased or not text or text[0].isupper()


def _token_at(x: Match, group: str) -> Token | None:
    start = x.m.start(group)
    if start < 0:
        return None
    for token in x.span:
        if token.idx <= start < token.idx + len(token.text):
            return token
    return None


def _is_name(token: Token | None) -> bool:
    return token is not None and token.ent_type_ in NAME_LABELS


def _check_month_word(x: Match, ctx: Context) -> bool:
    word = x.m.group("month")
    token = _token_at(x, "month")
    if not _capitalised_unless_truecased(word, ctx) or _is_name(token):
        return False
    if token is not None and x.group("month") in ("may", "march") and (token.tag_ == "MD" or token.pos_ in ("VERB", "AUX")):
        return False
    return True


def _check_month_alone(x: Match, ctx: Context) -> bool:
    return _check_month_word(x, ctx) and (x.group("month") != "may" or _check_lone_may(x))


def _check_lone_may(x: Match) -> bool:
    """ "May" alone is the month where a preposition or a modifier leads to it."""
    token = _token_at(x, "month")
    if token is None or x.group("rel") or x.group("pos"):
        return True
    previous = token.nbor(-1) if token.i > 0 else None
    return previous is not None and previous.pos_ == "ADP" and token.pos_ == "PROPN"


def _check_weekday(x: Match, ctx: Context) -> bool:
    return _capitalised_unless_truecased(x.m.group("wd"), ctx) and not _is_name(_token_at(x, "wd"))


def _check_year(x: Match, ctx: Context) -> bool:
    if x.m.group("pos") or x.end - x.start > len(x.m.group("year")):
        return True  # "early 1990", "fiscal 1989", "the year 2000"
    token = _token_at(x, "year")
    if token is None:
        return True
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if before is not None and (before.lower_ in NOT_YEAR_BEFORE or before.like_num):
        return False
    if token.ent_type_ in QUANTITY_LABELS:
        return False
    if after is not None and (after.like_num or after.lower_ in ("%", "percent", "pence", "cents")):
        return False
    return not (after is not None and after.tag_ == "NNS" and token.ent_type_ != "DATE")


def _check_season(x: Match, ctx: Context) -> bool:
    rel = x.group("rel")
    if x.group("year") or x.group("year2"):
        return True
    if x.group("season") in ("fall", "spring"):
        return rel in ("this", "last", "next", "this past", "this coming", "early", "late")
    token = _token_at(x, "season")
    if token is None:
        return True
    if token.dep_ == "compound" and rel not in ("this", "last", "next"):
        return False  # "winter clothes"
    if rel in (None, "the"):
        start = x.span.start
        return start > 0 and token.doc[start - 1].pos_ == "ADP"
    return True


def _check_capitalised(group: str):
    def check(x: Match, ctx: Context) -> bool:
        return _capitalised_unless_truecased(x.m.group(group), ctx) and not _is_name(_token_at(x, group))

    return check


def _previous_token(x: Match) -> Token | None:
    return x.span.doc[x.span.start - 1] if x.span.start > 0 else None


def _check_bare_unit(x: Match, ctx: Context) -> bool:
    if (x.group("mods") or "").strip() not in ("", "the"):
        return True
    previous = _previous_token(x)
    if previous is None:
        return False
    if previous.lower_ in POSSESSIVES or previous.like_num:
        return False
    return previous.pos_ == "ADP" or previous.lemma_ in DURATION_VERBS


def _check_part_of_day(x: Match, ctx: Context) -> bool:
    if x.group("wd") and not _check_weekday(x, ctx):
        return False
    if not ctx.truecased and x.group("wd") and x.m.group("pod")[0].isupper():
        return False  # "Tuesday Morning", a company
    if x.group("rel") in ("the", "that"):
        previous = _previous_token(x)
        return previous is not None and previous.pos_ == "ADP"
    return True


def _check_reference(x: Match, ctx: Context) -> bool:
    word = " ".join(x.group("ref").split())
    token = x.span[0] if word not in ("the past", "the future") else x.span[-1]
    if word in ("current", "recent"):
        return token.pos_ in ("ADJ", "") and token.dep_ != "compound"
    if word == "soon":  # "soon after the attack", "as soon as they can"
        after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        before = token.doc[token.i - 1] if token.i > 0 else None
        return not ((after is not None and after.lower_ in ("after", "as")) or (before is not None and before.lower_ == "as"))
    if word in ("the past", "the future", "the present"):
        after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        return after is None or after.lower_ != "of"
    return True


def _check_every(x: Match, ctx: Context) -> bool:
    """ "a year" is a frequency only after an amount ("$5 million a year", "12% a year")."""
    text = x.m.group(0).lower()
    if not text.startswith(("a ", "an ")):
        return not _is_name(_token_at(x, "what"))
    previous = _previous_token(x)
    if previous is None:
        return False
    return previous.pos_ in ("NUM", "NOUN", "PROPN", "SYM") or previous.lower_ in ("percent", "%", "times", "once", "twice")


def _check_duration(x: Match, ctx: Context) -> bool:
    unit = x.group("unit")
    token = _token_at(x, "unit")
    after = token.doc[token.i + 1] if token is not None and token.i + 1 < len(token.doc) else None
    if unit in ("second", "quarter", "min", "sec") and (x.group("n") or "") in ("a", "an", "one", "the"):
        # "a second attack", "a quarter of the vote"
        return after is None or (after.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM") and after.lower_ != "of")
    if unit.startswith("quarter") and after is not None and after.lower_ == "of":
        # "three quarters of the vote" is a fraction; "two quarters of losses" is time
        following = token.doc[after.i + 1] if after.i + 1 < len(token.doc) else None
        return following is not None and following.pos_ not in ("DET", "PRON", "NUM", "ADJ")
    if token is not None and token.tag_ == "JJ" and unit == "second":
        return False
    return True


def _check_set_word(x: Match, ctx: Context) -> bool:
    """ "reports daily" is a frequency; "a quarterly dividend" names a kind of dividend."""
    return x.span[0].pos_ in ("ADV", "") or " " in x.group("set")


def _check_relative_unit(x: Match, ctx: Context) -> bool:
    if not ctx.truecased and x.m.group("unit")[0].isupper():
        return False  # a title: "This Week", "Last Year in Marienbad"
    if x.group("rel") != "the":
        return True
    previous = _previous_token(x)
    return previous is None or previous.lower_ != "of" or bool(x.group("pos"))


def _check_period(x: Match, ctx: Context) -> bool:
    det = " ".join((x.group("det") or "").split())
    noun = x.m.group(0).lower().split()[-1]
    if det in ("the", "this", "that", "its", "next") and noun.startswith("period") and not x.group("yearago"):
        return False
    return True


def _check_decade(x: Match, ctx: Context) -> bool:
    previous = _previous_token(x)
    return previous is None or previous.lower_ not in POSSESSIVES


CHECKS: dict[str, Callable[[Match, Context], bool]] = {
    "month": _check_month_alone, "month_day": _check_month_word, "day_month": _check_month_word,
    "month_year": _check_month_word, "weekday": _check_weekday, "year": _check_year, "season": _check_season,
    "holiday": _check_capitalised("holiday"), "bare_unit": _check_bare_unit, "part_of_day": _check_part_of_day,
    "part_of_day_after": _check_part_of_day, "reference": _check_reference, "every": _check_every,
    "duration": _check_duration, "set": _check_set_word, "relative_unit": _check_relative_unit,
    "period": _check_period, "decade": _check_decade,
}


# ---------------------------------------------------------------- tense of the governing verb

FUTURE_AUXILIARIES = {"will", "'ll", "ll", "shall", "wo", "sha"}
MODALS_AHEAD = {"can", "ca", "could", "may", "might", "should", "must", "ought"}
# Words whose infinitive looks ahead: "plans to meet on Friday", "is due to expire Friday".
PLANNING_WORDS = {"plan", "expect", "schedule", "intend", "hope", "aim", "prepare", "propose", "vow", "promise",
                  "threaten", "pledge", "due", "slate", "seek", "want", "await", "likely", "set", "be", "go"}


def governing_verb(span: Span | Token) -> Token | None:
    """The nearest verb above SPAN in the parse, or None if it hangs from no verb."""
    token = span.root if isinstance(span, Span) else span
    for _ in range(8):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def tense_direction(verb: Token | None) -> Direction:
    """Whether VERB's clause looks back ("past"), ahead ("future"), or cannot tell (None).

    Past: a past form ("met", "was killed", "had been due"), or a perfect ("has left").
    Ahead: "will", "'ll", "shall", a modal ("could meet"), "going to", a planning verb in
    the present ("plans", "is scheduled"), or an infinitive under one ("is to resume").
    """
    if verb is None:
        return None
    own = _own_tense(verb)
    if own is not None:
        return own
    helpers = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.tag_ == "VB" and "to" in helpers:  # an infinitive: the words it hangs from decide
        head = verb.head
        if head.i == verb.i:
            return None
        head_tense = _own_tense(head)
        if head_tense is None and head.pos_ == "ADJ" and head.head.i != head.i:  # "had been due to"
            head_tense = _own_tense(head.head)
        if head_tense is not None:
            return head_tense
        return "future" if head.lemma_ in PLANNING_WORDS else None
    if verb.lemma_ in PLANNING_WORDS - {"be", "go", "set"}:
        return "future"
    if verb.tag_ == "VBN" and not helpers:  # "shares bought Thursday"
        return "past"
    return None


def _own_tense(word: Token) -> Direction:
    """The direction WORD's own form and auxiliaries give ("will meet", "was due"), if any."""
    helpers = [c for c in word.children if c.dep_ in ("aux", "auxpass", "cop")]
    texts = {h.lower_ for h in helpers}
    if texts & FUTURE_AUXILIARIES or ({"going", "to"} <= texts):
        return "future"
    if word.tag_ == "VBD" or any(h.tag_ == "VBD" for h in helpers):
        return "past"
    if word.tag_ == "VBN" and any(h.lemma_ == "have" for h in helpers):
        return "past"
    if texts & MODALS_AHEAD:
        return "future"
    return None


# ---------------------------------------------------------------- the component


@Language.factory("eventlens_timex", assigns=["doc.spans", "doc._.anchor"])
def make_timex_tagger(nlp: Language, name: str) -> TimexTagger:
    return TimexTagger(name)


class TimexTagger:
    """Finds and normalises the time expressions of a Doc; see the module's docstring."""

    def __init__(self, name: str = "eventlens_timex"):
        self.name = name
        self.rules = compiled_rules()
        self.lexicon = Lexicon.load()
        # Which rules each key word wakes, and which rules any word with a digit wakes.
        self.rules_by_word: dict[str, list[int]] = {}
        self.digit_rules = []
        for index, (rule, _) in enumerate(self.rules):
            for word in self.lexicon.key_words(rule.keys):
                self.rules_by_word.setdefault(word, []).append(index)
            if "DIGIT" in rule.keys.split():
                self.digit_rules.append(index)

    def __call__(self, doc: Doc) -> Doc:
        document = doc._.document
        text = doc.text  # built from the tokens on every access: read it once
        truecased = document is not None and getattr(document, "text", text) != text
        ctx = Context(anchor=None, lexicon=self.lexicon, truecased=truecased)
        matches = self._select([x for x in self._matches(doc, text) if x.rule.kind == "BLOCK" or _acceptable(x, ctx)])
        matches = [x for x in matches if x.rule.kind != "BLOCK"]
        ctx.day_first = _day_first(matches)
        ctx.anchor = find_anchor(doc, matches, ctx)
        doc._.anchor = ctx.anchor
        spans = []
        for x in matches:
            timex = self._read(x, ctx)
            x.span._.timex = timex
            spans.append(x.span)
            _remember(x, timex, ctx)
        for span in spans:
            span.label_ = span._.timex.type
        doc.spans[SPAN_KEY] = spans
        doc.spans[RANGE_KEY] = _ranges(doc, spans)
        return doc

    def _matches(self, doc: Doc, text: str) -> list[Match]:
        found = []
        for index, (start, end) in self._windows(text):
            rule, pattern = self.rules[index]
            for m in pattern.finditer(text, start, end):
                found_text = m.group(0)
                start = m.start() + len(found_text) - len(found_text.lstrip())
                end = m.end() - (len(found_text) - len(found_text.rstrip(" \t\n,")))
                span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
                if span is not None and len(span):
                    found.append(Match(rule, m, span))
        return found

    def _windows(self, text: str) -> list[tuple[int, tuple[int, int]]]:
        """(rule, stretch of text) pairs: each rule runs only around its key words, so the
        dozens of patterns together read a small part of the text each."""
        hits: dict[int, list[int]] = {}
        for word in WORD.finditer(text):
            lowered = word.group().lower()
            rules = self.rules_by_word.get(lowered, [])
            if not lowered.isalpha():
                rules = rules + self.digit_rules
            for index in rules:
                hits.setdefault(index, []).append(word.start())
        windows = []
        for index, positions in hits.items():
            for start, end in _merge_windows(positions, len(text)):
                windows.append((index, (start, _word_end(text, end))))
        return windows

    @staticmethod
    def _select(matches: list[Match]) -> list[Match]:
        """The longest of overlapping matches (the earlier rule on a tie), in text order."""
        order = {id(rule): i for i, rule in enumerate(RULES)}
        ranked = sorted(matches, key=lambda x: (-(x.span.end_char - x.span.start_char), order[id(x.rule)], x.span.start_char))
        taken: list[Match] = []
        used = set()
        for x in ranked:
            tokens = set(range(x.span.start, x.span.end))
            if tokens & used:
                continue
            used |= tokens
            taken.append(x)
        return sorted(taken, key=lambda x: x.span.start)

    @staticmethod
    def _read(x: Match, ctx: Context) -> Timex:
        direction = tense_direction(governing_verb(x.span)) if x.span.doc.has_annotation("DEP") else None
        try:
            return x.rule.read(x, ctx, direction)
        except (ValueError, OverflowError, KeyError) as error:  # a date the calendar refuses
            log.debug("no value for %r: %s", x.span.text, error)
            return Timex(x.rule.kind, None)


WORD = re.compile(r"\w+")
# How far before and after a key word a match may reach, in characters.
WINDOW_BEFORE, WINDOW_AFTER = 50, 50


def _merge_windows(positions: list[int], length: int) -> list[tuple[int, int]]:
    """Stretches WINDOW_BEFORE/WINDOW_AFTER around each position, overlapping ones merged."""
    merged: list[list[int]] = []
    for position in positions:
        start, end = max(0, position - WINDOW_BEFORE), min(length, position + WINDOW_AFTER)
        if merged and start <= merged[-1][1]:
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _word_end(text: str, end: int) -> int:
    """END moved past the rest of a word it cuts, so no pattern sees half a word."""
    while end < len(text) and not text[end].isspace():
        end += 1
    return end


def _day_first(matches: list[Match]) -> bool:
    """Whether the document writes numeric dates day first (31/12/2023): the numeric dates
    that can only be read one way decide, else the order of day and month in words."""
    day_first = month_first = 0
    for x in matches:
        if x.rule.name == "numeric_date":
            a, b = int(x.group("a")), int(x.group("b"))
            day_first += 10 * (a > 12 >= b)
            month_first += 10 * (b > 12 >= a)
        elif x.rule.name == "day_month":
            day_first += 1
        elif x.rule.name == "month_day":
            month_first += 1
    return day_first > month_first


EXPLICIT_RULES = {"month_day", "day_month", "iso_date", "numeric_date"}


def find_anchor(doc: Doc, matches: list[Match], ctx: Context) -> dt.date | None:
    """The date relative expressions resolve against: the publication date; else a dateline
    at the top; else the latest full date (day, month and year) the text gives."""
    document = doc._.document
    if document is not None:
        anchor = dates.sane_anchor(getattr(document, "published", None))
        if anchor is not None:
            return anchor
    anchor = dates.find_dateline(doc[:60].text)
    if anchor is not None:
        return anchor
    explicit = []
    for x in matches:
        if x.rule.name in EXPLICIT_RULES and (x.group("year") or x.group("y")):
            timex = TimexTagger._read(x, ctx)
            if timex.start is not None and timex.precision == "day":
                explicit.append(dates.sane_anchor(timex.start))
    explicit = [d for d in explicit if d is not None]
    return max(explicit) if explicit else None


def _remember(x: Match, timex: Timex, ctx: Context) -> None:
    """Keep what later anaphoric expressions ("the following day", "the quarter") refer to."""
    if timex.start is not None and timex.type in ("DATE", "TIME") and x.rule.name not in ("ago", "year_ago_adjective", "period"):
        ctx.reference = timex
    if x.rule.name == "quarter" and timex.value and re.fullmatch(r"\d{4}-Q\d", timex.value):
        det = x.group("det") or ""
        if not re.search(r"year[- ](?:ago|earlier)|last year|comparable|corresponding", det):
            ctx.quarter = timex.value


RANGE_GLUE = re.compile(r"^\s*(?:-|–|—|to|through|thru|until|till|and)\s*$", re.IGNORECASE)
RANGE_OPENERS = ("between", "from")


def _ranges(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "between Monday and Wednesday", "from March to May": the two expressions stay two
    spans (as TimeML has them), and a span over both, in doc.spans["timex_ranges"], carries
    the range from the first day of the one to the last day of the other."""
    ranges = []
    for first, second in zip(spans, spans[1:]):
        if _is_range(doc, first, second):
            a, b = first._.timex, second._.timex
            joined = Span(doc, first.start, second.end, label="DATE")
            joined._.timex = Timex("DATE", a.value, a.start, b.end, _coarser(a.precision, b.precision), a.future or b.future)
            ranges.append(joined)
    return ranges


def _is_range(doc: Doc, first: Span, second: Span) -> bool:
    a, b = first._.timex, second._.timex
    if a.type != "DATE" or b.type != "DATE" or a.start is None or b.end is None or a.start > b.end:
        return False
    glue = doc[first.end:second.start].text_with_ws if second.start > first.end else doc[first.end - 1].whitespace_
    if not RANGE_GLUE.match(glue):
        return False
    opener = doc[first.start - 1].lower_ if first.start > 0 else ""
    return opener in RANGE_OPENERS or glue.strip() in ("-", "–", "—", "through", "thru")


PRECISION_ORDER = ["day", "week", "month", "year"]


def _coarser(a: str | None, b: str | None) -> str | None:
    known = [p for p in (a, b) if p in PRECISION_ORDER]
    return max(known, key=PRECISION_ORDER.index) if known else None


# ---------------------------------------------------------------- dating an event


def timex_for_token(doc: Doc, token_i: int) -> Span | None:
    """The time expression that dates the event whose trigger is token TOKEN_I: one the
    trigger governs ("the attack on Tuesday"), else one in the trigger's clause, else one in
    its sentence; the nearest in the parse, then in the text. Only expressions with a
    calendar range count. None when the sentence has none."""
    token = doc[token_i]
    if doc.has_annotation("SENT_START"):
        sentence = token.sent
        lo, hi = sentence.start, sentence.end
    else:
        lo, hi = 0, len(doc)
    spans = [s for s in doc.spans.get(SPAN_KEY, []) if lo <= s.start < hi and s._.timex is not None and s._.timex.start is not None]
    if not spans:
        return None
    clause = _clause_of(token)
    trigger_path = _path_to_root(token)

    def rank(span: Span):
        root = span.root
        path = _path_to_root(root)
        governed = token_i in path
        same_clause = _clause_of(root) == clause
        return (0 if governed else 1 if same_clause else 2, _tree_distance(trigger_path, path), abs(span.start - token_i))

    return min(spans, key=rank)


def _clause_of(token: Token) -> int:
    """The index of the verb heading TOKEN's clause (TOKEN itself if it is a verb)."""
    if token.pos_ in ("VERB", "AUX"):
        return token.i
    verb = governing_verb(token)
    return verb.i if verb is not None else -1


def _path_to_root(token: Token) -> list[int]:
    path = [token.i]
    while token.head.i != token.i and len(path) < 50:
        token = token.head
        path.append(token.i)
    return path


def _tree_distance(a: list[int], b: list[int]) -> int:
    common = set(a) & set(b)
    if not common:
        return len(a) + len(b)
    return min(a.index(c) + b.index(c) for c in common)
