"""What time expressions mean: TIMEX3 values, the days they cover, and the anchor.

The tagger (eventlens.nlp.timex) finds where expressions are; this module says what they
mean. Everything here is a function of its arguments: nothing reads the machine's clock. A
relative expression ("yesterday") is resolved against an anchor date the caller supplies,
and without one it has no value.

    Timex                the normalised value of one time expression
    sane_anchor          a usable anchor date from a `published` value, or None
    find_dateline        the date of a wire dateline ("SAN SALVADOR, 9 JAN 90 -- ...")
    covered_range        the first and last day a TIMEX3 value covers, and its precision
    value_at             the TIMEX3 value of a date at a granularity ("2023-W38")
    shift                a date moved by N units, clamped to the month's last day
    weekday_near, month_near, day_near, quarter_near, season_near, holiday_near
                         the occurrence a partial date means, by the tense (YEAR_CHOICE)
    full_year            a two-digit year read sensibly against an anchor
    duration_value       "P2W", "PT1H30M", "PXY" for an amount of a unit
    holiday_date         the date of a named holiday in a year
    Lexicon              the words of data/timex.toml
    Context, read_*      the readers the tagger's rules call: the words of one match, the
                         document's anchor and what it said before → a Timex
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, Protocol

from eventlens.data import load_toml

__all__ = [
    "Timex", "Direction", "Precision", "Context", "Lexicon", "Words", "sane_anchor", "find_dateline",
    "covered_range", "value_at", "shift", "weekday_near", "month_near", "day_near", "quarter_near",
    "season_near", "holiday_near", "full_year", "duration_value", "holiday_date", "month_number",
    "parse_amount", "spoken_year", "EARLIEST_ANCHOR", "LATEST_ANCHOR",
]

log = logging.getLogger(__name__)

Direction = Literal["past", "future"] | None
Precision = Literal["day", "week", "month", "year"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]

# Anchors outside these years are taken for data errors, not for the date of a news report.
EARLIEST_ANCHOR = dt.date(1900, 1, 1)
LATEST_ANCHOR = dt.date(2100, 12, 31)

# Northern-hemisphere seasons, as (first month, last month); winter runs into the next year.
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
QUARTER_OF_MONTH = {m: (m - 1) // 3 + 1 for m in range(1, 13)}


@dataclass(frozen=True)
class Timex:
    """The normalised value of one time expression.

    `value` is a TIMEX3 value ("2023-09-19", "2023-W38", "P2W", "PRESENT_REF") or None where
    the expression cannot be resolved (no anchor, an impossible date). `start` and `end` are
    the calendar days a DATE or TIME covers (a month: its first and last day; a week: Monday
    to Sunday), or the span a DURATION anchored to the report covers ("the past three days");
    None otherwise. `future` is true when the expression points after the anchor.
    """

    type: TimexType
    value: str | None
    start: dt.date | None = None
    end: dt.date | None = None
    precision: Precision | None = None
    future: bool = False


# ---------------------------------------------------------------- anchors


def sane_anchor(value: object) -> dt.date | None:
    """VALUE as an anchor date if it is one (a date, datetime or ISO string) within range."""
    if isinstance(value, dt.datetime):
        value = value.date()
    elif isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            log.warning("published value %r is not an ISO date; not used as anchor", value)
            return None
    if not isinstance(value, dt.date):
        if value is not None:
            log.warning("published value %r is not a date; not used as anchor", value)
        return None
    if not EARLIEST_ANCHOR <= value <= LATEST_ANCHOR:
        log.warning("published date %s is outside %s..%s; not used as anchor",
                    value, EARLIEST_ANCHOR.year, LATEST_ANCHOR.year)
        return None
    return value


@lru_cache(maxsize=1)
def _dateline_pattern() -> re.Pattern:
    months = sorted(Lexicon.load().months, key=len, reverse=True)
    month = "(?P<month>" + "|".join(months) + r")\.?"
    # A place in capitals or title case, a comma, then "9 JAN 90" or "Jan. 9, 1990", then the
    # dateline's end: a source in brackets, a dash, a colon or the end of the line.
    return re.compile(
        r"\A\s*[A-Z][\w.'’\- ]{1,40}(?:\([\w .]+\))?,\s+"
        r"(?:(?P<day>\d{1,2})\s+" + month + r",?\s+(?P<year>\d{4}|\d{2})"
        r"|" + month.replace("month", "month2") + r"\s+(?P<day2>\d{1,2}),?\s+(?P<year2>\d{4}))"
        r"\s*(?:\(|--|—|–|-|:|\n|$)",
        re.IGNORECASE,
    )


def find_dateline(text: str) -> dt.date | None:
    """The date of a dateline at the top of TEXT ("SAN SALVADOR, 9 JAN 90 -- ..."), or None."""
    match = _dateline_pattern().match(text[:200])
    if not match:
        return None
    month = month_number(match["month"] or match["month2"])
    day = int(match["day"] or match["day2"])
    year_text = match["year"] or match["year2"]
    year = int(year_text) if len(year_text) == 4 else full_year(int(year_text), None)
    try:
        found = dt.date(year, month, day)
    except ValueError:
        log.warning("dateline date %s is impossible; not used as anchor", match.group(0).strip())
        return None
    return sane_anchor(found)


def month_number(word: str) -> int | None:
    """The month a name or abbreviation stands for ("Sept." → 9), or None."""
    return Lexicon.load().months.get(word.lower().rstrip("."))


def full_year(two_digits: int, anchor: dt.date | None) -> int:
    """A two-digit year as a full year: the latest that is no more than ten years after the
    anchor ('88 → 1988 in a 1990 text; '25 → 2025 in a 2024 one). Without an anchor, the POSIX
    rule: 69-99 are 1900s, 00-68 are 2000s."""
    if anchor is None:
        return 1900 + two_digits if two_digits >= 69 else 2000 + two_digits
    century = anchor.year // 100 * 100
    year = century + two_digits
    return year if year <= anchor.year + 10 else year - 100


# ---------------------------------------------------------------- values and ranges

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_QUARTER = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")


def covered_range(value: str | None) -> tuple[dt.date | None, dt.date | None, Precision | None]:
    """The first and last day VALUE covers, and how precise it is; Nones where it names no
    calendar period ("P2W", "PRESENT_REF", "XXXX-09")."""
    if not value:
        return None, None, None
    try:
        return _covered_range(value)
    except ValueError:  # a value whose numbers do not make a date ("1989-02-30")
        return None, None, None


def _covered_range(value: str):
    if m := _DAY.match(value):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return day, day, "day"
    if m := _WEEK.match(value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "day"
        return monday, monday + dt.timedelta(days=6), "week"
    if m := _MONTH.match(value):
        return _month_range(int(m[1]), int(m[2])) + ("month",)
    if m := _QUARTER.match(value):
        year, part = int(m[1]), m[2]
        first, last = _part_months(part)
        start = _month_range(year, first)[0]
        end = _month_range(year + (last - 1) // 12, (last - 1) % 12 + 1)[1]
        return start, end, ("year" if part[0] == "H" else "month")
    if m := _YEAR.match(value):
        year = int(m[1])
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    if m := _DECADE.match(value):
        year = int(m[1]) * 10
        return dt.date(year, 1, 1), dt.date(year + 9, 12, 31), "year"
    if m := _CENTURY.match(value):
        year = int(m[1]) * 100
        return dt.date(max(year, 1), 1, 1), dt.date(year + 99, 12, 31), "year"
    return None, None, None


def _part_months(part: str) -> tuple[int, int]:
    if part[0] == "Q":
        q = int(part[1])
        return 3 * q - 2, 3 * q
    if part[0] == "H":
        return (1, 6) if part == "H1" else (7, 12)
    return SEASON_MONTHS[part]


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def value_at(day: dt.date, granularity: str) -> str:
    """The TIMEX3 value of the GRANULARITY (day, week, month, quarter, year, decade, century)
    that contains DAY."""
    if granularity == "day":
        return day.isoformat()
    if granularity == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if granularity == "weekend":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}-WE"
    if granularity == "month":
        return f"{day.year}-{day.month:02d}"
    if granularity == "quarter":
        return f"{day.year}-Q{QUARTER_OF_MONTH[day.month]}"
    if granularity == "half":
        return f"{day.year}-H{1 if day.month <= 6 else 2}"
    if granularity == "decade":
        return f"{day.year // 10:03d}"
    if granularity == "century":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


def shift(day: dt.date, amount: int, unit: str) -> dt.date:
    """DAY moved by AMOUNT units (day, week, weekend, month, quarter, half, year, decade,
    century); a month-end stays in its month ("Jan 31 + 1 month" is Feb 28)."""
    if unit == "day":
        return day + dt.timedelta(days=amount)
    if unit in ("week", "weekend", "fortnight"):
        return day + dt.timedelta(weeks=amount * (2 if unit == "fortnight" else 1))
    months = amount * {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}[unit]
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


# ---------------------------------------------------------------- partial dates

STRICT = math.inf
# How a partial date picks its year (or a weekday its week). Candidates on the side of the
# anchor the tense points to (the past when there is none) count by their distance; those
# on the other side count this many times farther, or never (STRICT) unless nothing else is
# left. Columns: past tense, future tense, no tense.
YEAR_CHOICE = {
    "weekday": (STRICT, STRICT, 1.5),  # "met on Tuesday": the latest Tuesday
    "month": (STRICT, STRICT, 1.5),
    "day": (3, STRICT, 1.5),  # "declared a dividend payable Dec. 7": a past verb, a coming day
    "quarter": (STRICT, 2, 1.5),  # "will report third-quarter results": reported after it ends
    "season": (STRICT, STRICT, 1.5),
    "holiday": (3, STRICT, 1.5),
}


def _pick(candidates: list[dt.date], anchor: dt.date, direction: Direction, kind: str, *,
          inclusive: bool = True, strict: bool = False) -> dt.date:
    """The best of CANDIDATES for an expression of KIND under DIRECTION (see YEAR_CHOICE);
    the earlier on a tie. STRICT keeps to the direction's side whatever the kind ("last
    March"); without INCLUSIVE the anchor itself is on neither side ("last Friday" said on a
    Friday is a week back)."""
    past, future, neither = YEAR_CHOICE[kind]
    factor = STRICT if strict else {"past": past, "future": future}.get(direction, neither)

    def cost(c: dt.date):
        if c == anchor:
            on_other_side = not inclusive
        else:
            on_other_side = c < anchor if direction == "future" else c > anchor
        distance = abs((c - anchor).days) or 0.5
        return distance * factor if on_other_side else distance, c > anchor

    return min(candidates, key=cost)


def weekday_near(anchor: dt.date, weekday: int, direction: Direction, *, inclusive: bool = True) -> dt.date:
    """The WEEKDAY (ISO, Monday = 1) an expression means: with past tense the latest on or
    before the anchor, with future tense the first on or after it, else the nearest."""
    offset = weekday - anchor.isoweekday()
    candidates = [anchor + dt.timedelta(days=offset + 7 * k) for k in (-1, 0, 1)]
    return _pick(candidates, anchor, direction, "weekday", inclusive=inclusive)


def month_near(anchor: dt.date, month: int, direction: Direction, *, strict: bool = False) -> int:
    """The year of a MONTH named without one; the anchor's own month is on either side."""
    firsts = [dt.date(anchor.year + k, month, 1) for k in (-1, 0, 1)]
    return _pick(firsts, anchor.replace(day=1), direction, "month", strict=strict).year


def day_near(anchor: dt.date, month: int, day: int, direction: Direction, weekday: int | None = None) -> int | None:
    """The year of a MONTH and DAY named without one, among the years where it falls on
    WEEKDAY if one is named too; None if the day never exists in that month (31 February).
    29 February takes the nearest leap year."""
    candidates = []
    for year in range(anchor.year - 4, anchor.year + 5):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if weekday is not None:
        candidates = [c for c in candidates if c.isoweekday() == weekday] or candidates
    if not candidates:
        return None
    near = [c for c in candidates if abs(c.year - anchor.year) <= 1] or candidates
    return _pick(near, anchor, direction, "day").year


def quarter_near(anchor: dt.date, quarter: int, direction: Direction) -> int:
    """The year of a QUARTER named without one; the anchor's own quarter is on either side."""
    starts = [dt.date(anchor.year + k, 3 * quarter - 2, 1) for k in (-1, 0, 1)]
    this_quarter = dt.date(anchor.year, 3 * QUARTER_OF_MONTH[anchor.month] - 2, 1)
    return _pick(starts, this_quarter, direction, "quarter").year


def season_near(anchor: dt.date, season: str, direction: Direction, *, strict: bool = False) -> int:
    """The year of a SEASON (SP, SU, FA, WI) named without one: the season the anchor is in,
    if it is that one, else as YEAR_CHOICE says. Winter belongs to the year it starts in, so
    January 2024 is in winter 2023."""
    first = SEASON_MONTHS[season][0]
    for year in (anchor.year - 1, anchor.year):
        start, end, _ = covered_range(f"{year}-{season}")
        if start <= anchor <= end:
            return year
    starts = [dt.date(anchor.year + k, first, 1) for k in (-1, 0, 1)]
    return _pick(starts, anchor, direction, "season", strict=strict).year


# ---------------------------------------------------------------- durations and holidays

_SMALLER = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "TH"),
            "TH": (60, "TM"), "TM": (60, "TS"), "Q": (3, "M")}


def duration_value(amount: float | None, designator: str) -> str:
    """The TIMEX3 duration of AMOUNT units of DESIGNATOR (Y, M, W, D, Q, TH, TM, TS):
    "P2W", "PT30M", "P2Y6M" for 2.5 years, "PXY" for an unknown amount."""
    time = designator.startswith("T")
    letter = designator[-1]
    if amount is None:
        return f"PTX{letter}" if time else f"PX{letter}"
    whole = int(amount)
    fraction = amount - whole
    parts = [(whole, designator)] if whole else []
    if fraction > 1e-9 and designator in _SMALLER:
        factor, smaller = _SMALLER[designator]
        rest = fraction * factor
        if abs(rest - round(rest)) < 1e-6:
            parts.append((int(round(rest)), smaller))
        else:
            return f"PT{amount:g}{letter}" if time else f"P{amount:g}{letter}"
    if not parts:
        return f"PT0{letter}" if time else f"P0{letter}"
    date_part = "".join(f"{n}{d}" for n, d in parts if not d.startswith("T"))
    time_part = "".join(f"{n}{d[-1]}" for n, d in parts if d.startswith("T"))
    return "P" + date_part + ("T" + time_part if time_part else "")


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holiday_date(rule: str, year: int) -> dt.date:
    """The date RULE (see data/timex.toml [holidays]) falls on in YEAR."""
    if rule.startswith("easter"):
        return easter(year) + dt.timedelta(days=int(rule[6:] or 0))
    if ":" in rule:
        month, weekday, nth = (int(x) for x in rule.split(":"))
        days = [d for d in _days_of_month(year, month) if d.isoweekday() == weekday]
        return days[nth - 1] if nth > 0 else days[nth]
    month, day = (int(x) for x in rule.split("-"))
    return dt.date(year, month, day)


def holiday_near(anchor: dt.date, rule: str, direction: Direction) -> dt.date:
    """The date of holiday RULE nearest ANCHOR, preferring DIRECTION (see `_pick`)."""
    return _pick([holiday_date(rule, anchor.year + k) for k in (-1, 0, 1)], anchor, direction, "holiday")


def _days_of_month(year: int, month: int) -> list[dt.date]:
    return [dt.date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]


# ---------------------------------------------------------------- the lexicon


class Lexicon:
    """The words of data/timex.toml as lookup tables."""

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
        self.plural_units = [unit["plural"] for unit in data["units"].values()]
        self.parts_of_day = data["parts_of_day"]
        self.seasons = data["seasons"]
        self.references = {w: value for value, words in data["references"].items() for w in words}
        self.sets = data["sets"]
        self.holidays = data["holidays"]
        self.time_zones = data["time_zones"]["words"]
        self.approximate = data["modifiers"]["approximate"]
        self.positions = data["modifiers"]["position"]
        self.decades = data["decades"]
        self.tense = {name: frozenset(words) for name, words in data["tense"].items()}
        self.not_dates = {name: frozenset(words) for name, words in data["not_dates"].items()}

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> Lexicon:
        return cls(load_toml("timex.toml"))

    def unit(self, word: str) -> tuple[str, str, int] | None:
        word = " ".join(word.lower().replace("-", " ").split())
        return self.units.get(word) or self.units.get(word.rstrip("s"))


# ---------------------------------------------------------------- reading an expression


@dataclass
class Context:
    """What reading a match may depend on besides its own words."""

    anchor: dt.date | None
    lexicon: Lexicon
    day_first: bool = False  # numeric dates are D/M/Y in this document
    reference: Timex | None = None  # the last expression with a calendar range
    quarter: str | None = None  # the last quarter the text spoke of ("1989-Q3")


class Words(Protocol):
    """The words of one matched expression, as the readers below see them."""

    following: str  # the text right after the expression

    def group(self, name: str) -> str | None:
        """The lower-cased text of the named part of the pattern, None if absent."""


def _date_timex(value: str | None, kind: str = "DATE", direction: Direction = None, anchor: dt.date | None = None,
                position: str | None = None) -> Timex:
    """A DATE or TIME of VALUE, covering the days of its value, narrowed by a POSITION word
    ("early 2024"); ahead if the tense says so or it starts after the anchor."""
    start, end, precision = covered_range(value.split("T")[0] if value else None)
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
        return full_year(int(text.lstrip("'")), ctx.anchor)
    return spoken_year(text, ctx.lexicon)


def _day_of(text: str, lex: Lexicon) -> int | None:
    """The day of the month in "21", "21st", "the 21st", "twenty-first"."""
    text = text.lower().removeprefix("the").strip()
    if m := re.match(r"\d+", text):
        return int(m.group())
    return lex.ordinals.get(text.replace(" ", "-"))


def _relative_year(word: str | None, ctx: Context) -> int | None:
    """The year "this", "last" or "next" year is."""
    if ctx.anchor is None:
        return None
    return ctx.anchor.year + {"this": 0, "last": -1, "next": 1}.get(word or "this", 0)


# -- readers: one per rule, each (match, context, direction) -> Timex


def read_clock(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "2:20 a.m.", "noon Thursday", "6 p.m. EST Oct. 4": on the day named, else the anchor's."""
    hour, minute = _clock(x, ctx.lexicon)
    day = _resolve_dayref(x.group("dayref"), ctx, direction) if x.group("dayref") else ctx.anchor
    clock = f"T{hour:02d}:{minute:02d}"
    if day is None:
        return Timex("TIME", "XXXX-XX-XX" + clock)
    return _date_timex(day.isoformat() + clock, "TIME", direction, ctx.anchor)


def _clock(x: Words, lex: Lexicon) -> tuple[int, int]:
    """Hour (0-23) and minute; midnight is the start of its day."""
    named = x.group("named")
    if named:
        return (0, 0) if named == "midnight" else (12, 0)
    if x.group("hw"):
        hour = int(parse_amount(x.group("hw"), lex) or 0)
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
            return weekday_near(ctx.anchor, lex.weekdays[text.rstrip(".")], direction)
    parts = re.findall(r"[a-z]+|\d+", text)
    month = next((lex.months[p] for p in parts if p in lex.months), None)
    numbers = [int(p) for p in parts if p.isdigit()]
    if month is None or not numbers:
        return None
    day = numbers[0]
    year = numbers[1] if len(numbers) > 1 else (day_near(ctx.anchor, month, day, direction) if ctx.anchor else None)
    try:
        return dt.date(year, month, day) if year else None
    except ValueError:
        return None


def read_part_of_day(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "this morning", "Thursday evening", "last night", "tonight": the day's part (MO, AF, EV, NI)."""
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
    return _date_timex(f"{day.isoformat()}T{code}", "TIME", direction, ctx.anchor)


def read_weekday_parts(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "Tuesday nights": every Tuesday night."""
    code = ctx.lexicon.parts_of_day[x.group("pod")[:-1]]
    return Timex("SET", f"XXXX-WXX-{ctx.lexicon.weekdays[x.group('wd')]}T{code}")


def read_iso(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "2023-09-19", "2023-09-19T14:30"."""
    value = f"{x.group('y')}-{x.group('mo')}-{x.group('d')}"
    if covered_range(value)[0] is None:
        return Timex("DATE", None)
    if x.group("h"):
        return _date_timex(value + f"T{x.group('h')}:{x.group('mi')}", "TIME", direction, ctx.anchor)
    return _date_timex(value, "DATE", direction, ctx.anchor)


def read_numeric(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "03/04/2023": day first where it must be (25/12) or where the document writes so."""
    a, b, year = int(x.group("a")), int(x.group("b")), x.group("y")
    year = int(year) if len(year) == 4 else full_year(int(year), ctx.anchor)
    if a > 12 or (ctx.day_first and b <= 12):
        day, month = a, b
    else:
        day, month = b, a
    return _calendar_timex(year, month, day, direction, ctx)


def _calendar_timex(year: int | None, month: int, day: int | None, direction: Direction, ctx: Context,
                    position: str | None = None, weekday: int | None = None) -> Timex:
    """A DATE for a year (maybe unknown: the one nearest the anchor), month and day (maybe
    none); WEEKDAY, if the text names one, helps pick the year."""
    if day is not None and not 1 <= day <= 31 or not 1 <= month <= 12:
        return Timex("DATE", None)
    if year is None and ctx.anchor is not None:
        if day:
            year = day_near(ctx.anchor, month, day, direction, weekday)
        else:
            year = month_near(ctx.anchor, month, direction)
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


def read_month_day(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "Sept. 21", "21 September 2023", "Saturday, April 25", "March 3-5"."""
    month = ctx.lexicon.months[x.group("month").rstrip(".")]
    day = _day_of(x.group("day"), ctx.lexicon)
    year = _year_of(x.group("year"), ctx) if x.group("year") else None
    weekday = ctx.lexicon.weekdays.get((x.group("wd") or "").rstrip("."))
    timex = _calendar_timex(year, month, day, direction, ctx, weekday=weekday)
    return timex if x.group("day2") is None else _through_day(timex, x, ctx)


def _through_day(timex: Timex, x: Words, ctx: Context) -> Timex:
    """ "March 3-5": the first day's value, covering up to the last."""
    last = _day_of(x.group("day2"), ctx.lexicon)
    if timex.start is None or last is None or last < timex.start.day:
        return timex
    try:
        end = timex.start.replace(day=last)
    except ValueError:
        return timex
    return Timex(timex.type, timex.value, timex.start, end, "day", timex.future)


def read_month_year(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "August 1988", "March of this year"."""
    month = ctx.lexicon.months[x.group("month").rstrip(".")]
    if x.group("year"):
        year = _year_of(x.group("year"), ctx)
    else:
        year = _relative_year(x.group("rel"), ctx)
    return _calendar_timex(year, month, None, direction, ctx, _position(x))


def read_month(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "in March" (the year by the tense), "this March", "last March", "mid-November"."""
    month = ctx.lexicon.months[x.group("month").rstrip(".")]
    rel = " ".join((x.group("rel") or "").split())
    year = None
    if ctx.anchor is not None and rel == "this":
        year = ctx.anchor.year
    elif ctx.anchor is not None and rel:
        direction = "past" if rel in ("last", "this past") else "future"
        year = month_near(ctx.anchor, month, direction, strict=True)
        if year == ctx.anchor.year and month == ctx.anchor.month:  # "last March", said in March
            year += -1 if direction == "past" else 1
    elif ctx.anchor is not None:
        year = month_near(ctx.anchor, month, direction)
    return _calendar_timex(year, month, None, direction, ctx, _position(x))


def _position(x: Words) -> str | None:
    """The position word before the expression ("early", "the end of"), spaces normalised."""
    position = x.group("pos")
    return " ".join(position.split()) if position else None


def read_year(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "1990", "fiscal 1989", "early 1990", "the first half of 1990" (1990-H1)."""
    year = _year_of(x.group("year"), ctx)
    if year is None:
        return Timex("DATE", None)
    position = _position(x)
    half = HALVES.get(position)
    if half:
        return _date_timex(f"{year:04d}-{half}", "DATE", direction, ctx.anchor)
    return _date_timex(f"{year:04d}", "DATE", direction, ctx.anchor, position)


HALVES = {"the first half of": "H1", "the second half of": "H2", "the last half of": "H2", "the latter half of": "H2"}


def read_year_range(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "1990-92": the first year's value, covering up to the last."""
    first = int(x.group("year"))
    last_text = x.group("year2")
    last = int(last_text) if len(last_text) == 4 else first // 100 * 100 + int(last_text)
    timex = _date_timex(f"{first:04d}", "DATE", direction, ctx.anchor)
    if last <= first:
        return timex
    return Timex("DATE", timex.value, timex.start, dt.date(last, 12, 31), "year", timex.future)


def read_fiscal_year(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "FY2023", "FY'24"."""
    digits = x.group("fy")
    year = int(digits) if len(digits) == 4 else full_year(int(digits), ctx.anchor)
    return _date_timex(f"{year:04d}", "DATE", direction, ctx.anchor)


def read_decade(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "the 1990s", "the '80s", "the nineties" (the latest such decade begun by the anchor): "199"."""
    if x.group("dec4"):
        decade = int(x.group("dec4")) // 10
    else:
        if x.group("dec2"):
            tens = int(x.group("dec2"))
        else:
            tens = ctx.lexicon.decades[x.group("decw")]
        if x.group("century19"):
            decade = 190 + tens // 10
        elif ctx.anchor is None:
            return Timex("DATE", f"XX{tens // 10}")
        else:  # the latest such decade that has begun by the anchor
            decade = (ctx.anchor.year // 100) * 10 + tens // 10
            if decade * 10 > ctx.anchor.year:
                decade -= 10
    return _date_timex(f"{decade:03d}", "DATE", direction, ctx.anchor, _position(x))


def read_century(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "the 20th century", "the eleventh century": "19", "10"."""
    text = x.group("c")
    number = int(re.match(r"\d+", text).group()) if text[0].isdigit() else ctx.lexicon.ordinals.get(text)
    if not number:
        return Timex("DATE", None)
    return _date_timex(f"{number - 1:02d}", "DATE", direction, ctx.anchor, _position(x))


def read_spoken_year(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "nineteen ninety-six", "the year two thousand"."""
    year = spoken_year(x.group("spoken"), ctx.lexicon)
    return _date_timex(f"{year:04d}" if year else None, "DATE", direction, ctx.anchor)


def read_quarter(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "the third quarter" (the year by the tense), "fourth-quarter 1998", "the first half"."""
    lex = ctx.lexicon
    ordinal = x.group("ord")
    part = "H" if x.group("part").startswith("half") else "Q"
    if ordinal in lex.last_part:
        number = 4
    else:
        number = int(ordinal[0]) if ordinal[0].isdigit() else lex.ordinals.get(ordinal, 0)
    if x.group("count"):  # "the first two quarters of 2021" is the first half
        part, number = "H", 1 if ordinal == "first" else 2
    if part == "H":
        number = 2 if number > 1 else 1
    year = _quarter_year(x, ctx, part, number, direction)
    if year is None:
        return Timex("DATE", f"XXXX-{part}{number}")
    value = f"{year:04d}-{part}{number}"
    return _date_timex(value, "DATE", direction, ctx.anchor)


def _quarter_year(x: Words, ctx: Context, part: str, number: int, direction: Direction) -> int | None:
    """The year of a quarter or half: named, "this year's", "the year-ago" (a year before the
    quarter the text is about), else the nearest by the tense."""
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
    return quarter_near(ctx.anchor, number, direction)


YEAR_BACK = re.compile(r"year[- ](?:ago|earlier)|comparable|corresponding|last year|\d{4}")


def read_period(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "the quarter", "the latest quarter", "the year-earlier period": the quarter the text
    is about (the last it named, else the last complete one), shifted a year back where
    the words say so."""
    det = x.group("det")
    if ctx.anchor is None:
        return Timex("DATE", "XXXX-QX")
    current = value_at(ctx.anchor, "quarter")
    latest_complete = value_at(shift(ctx.anchor, -1, "quarter"), "quarter")
    if det in ("this", "the current"):
        value = current
    elif det in ("next", "the next", "the coming"):
        value = value_at(shift(ctx.anchor, 1, "quarter"), "quarter")
    elif det and re.search(r"latest|most recent", det):
        value = latest_complete
    else:
        value = ctx.quarter or latest_complete
    if x.group("yearago") or (det and YEAR_BACK.search(det)):
        year = int(value[:4]) - 1
        if det and (m := re.search(r"\d{4}", det)):
            year = int(m.group())
        value = f"{year:04d}{value[4:]}"
    return _date_timex(value, "DATE", direction, ctx.anchor)


def read_season(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "last winter", "this summer", "the winter of 1994": "2022-WI"."""
    code = ctx.lexicon.seasons[x.group("season")]
    rel = x.group("rel") or ""
    if x.group("year"):
        year = _year_of(x.group("year"), ctx)
    elif ctx.anchor is None:
        return Timex("DATE", f"XXXX-{code}")
    elif rel in ("last", "this past"):
        year = season_near(ctx.anchor, code, "past", strict=True)
        if year == season_near(ctx.anchor, code, None) and _contains(f"{year}-{code}", ctx.anchor):
            year -= 1
    elif rel in ("next", "this coming"):
        year = season_near(ctx.anchor, code, "future", strict=True)
        if _contains(f"{year}-{code}", ctx.anchor):
            year += 1
    else:
        year = season_near(ctx.anchor, code, direction)
    return _date_timex(f"{year:04d}-{code}" if year else None, "DATE", direction, ctx.anchor)


def _contains(value: str, day: dt.date) -> bool:
    """Whether the period VALUE covers DAY."""
    start, end, _ = covered_range(value)
    return bool(start and start <= day <= end)


def read_holiday(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "Christmas", "Easter 2024": the day, the year by the tense."""
    rule = ctx.lexicon.holidays[" ".join(x.group("holiday").replace("’", "'").split())]
    if x.group("year"):
        year = int(x.group("year"))
    elif ctx.anchor is None:
        return Timex("DATE", None)
    else:
        year = holiday_near(ctx.anchor, rule, direction).year
    return _date_timex(holiday_date(rule, year).isoformat(), "DATE", direction, ctx.anchor)


RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1,
                 "the day before yesterday": -2, "the day after tomorrow": 2}


def read_relative_day(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "today", "yesterday", "tomorrow", "the day before yesterday"."""
    word = " ".join(x.group("rd").split())
    if ctx.anchor is None:
        return Timex("DATE", None)
    offset = RELATIVE_DAYS[word]
    return _date_timex((ctx.anchor + dt.timedelta(days=offset)).isoformat(), "DATE", direction, ctx.anchor)


def read_weekday(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "Tuesday" (the week by the tense), "last Friday", "the following Monday", "Mondays"."""
    weekday = ctx.lexicon.weekdays[x.group("wd").rstrip(".")]
    if x.group("plural"):
        return Timex("SET", f"XXXX-WXX-{weekday}")
    rel = " ".join((x.group("rel") or "").split())
    base, inclusive = ctx.anchor, True
    if rel in ANAPHORIC_WORDS and _fine_reference(ctx, "day"):
        base = ctx.reference.start
    if rel in ("last", "this past", "the previous", "the preceding"):
        direction, inclusive = "past", False
    elif rel in ("next", "this coming", "the following", "the next"):
        direction, inclusive = "future", False
    if base is None:
        return Timex("DATE", f"XXXX-WXX-{weekday}")
    day = weekday_near(base, weekday, direction, inclusive=inclusive)
    return _date_timex(day.isoformat(), "DATE", direction, ctx.anchor)


def read_weekend(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "the weekend", "last weekend": "2023-W37-WE"."""
    rel = x.group("rel") or ""
    if ctx.anchor is None:
        return Timex("DATE", "XXXX-WXX-WE")
    if rel in ("last", "the past", "this past", "the previous"):
        direction = "past"
    elif rel in ("next", "this coming", "the coming", "the following"):
        direction = "future"
    saturday = weekday_near(ctx.anchor, 6, direction, inclusive=rel not in ("last", "next"))
    if direction is None and ctx.anchor.isoweekday() == 7:
        saturday = ctx.anchor - dt.timedelta(days=1)
    return _date_timex(value_at(saturday, "weekend"), "DATE", direction, ctx.anchor)


UNIT_GRANULARITY = {"year": "year", "month": "month", "week": "week", "day": "day", "quarter": "quarter",
                    "decade": "decade", "century": "century", "fortnight": "week"}
# Words before a unit that step back or ahead from the anchor ("last week", "the coming year").
PAST_WORDS = {"last", "the past", "the last", "the previous", "the prior", "the preceding", "this past",
              "the most recent", "past"}
NEXT_WORDS = {"next", "the coming", "the next", "this coming", "the following", "coming"}
# Words that refer to the date the text named last ("that year", "the following day").
ANAPHORIC_WORDS = {"that", "the same", "the following", "the preceding", "the next", "the previous"}
ENDED = re.compile(r"\s+(?:ended|ending)\b", re.IGNORECASE)


def read_relative_unit(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "this week", "last month", "the past year", "earlier this month", "that year"."""
    rel = " ".join((x.group("rel") or "").split())
    unit, designator, multiplier = ctx.lexicon.unit(x.group("unit"))
    if rel == "the" and ENDED.match(x.following):  # "the year ended March 31": twelve months, not a calendar year
        return Timex("DURATION", duration_value(multiplier, designator))
    base = ctx.anchor
    if rel in ANAPHORIC_WORDS and _fine_reference(ctx, unit):
        base = ctx.reference.start
    elif rel in ("that", "the same") and unit == "day":  # "that day", with no day named before
        return Timex("DATE", None)
    if base is None:
        return Timex("DATE", None)
    step = -1 if rel in PAST_WORDS else 1 if rel in NEXT_WORDS else 0
    value = value_at(shift(base, step, unit), UNIT_GRANULARITY[unit])
    return _date_timex(value, "DATE", direction, ctx.anchor, _position(x))


PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def _fine_reference(ctx: Context, unit: str) -> bool:
    """Whether the last date the text gave is at least as precise as UNIT ("the following
    day" needs a day to follow)."""
    reference = ctx.reference
    if reference is None or reference.start is None or reference.precision not in PRECISION_RANK:
        return False
    return PRECISION_RANK[reference.precision] <= PRECISION_RANK.get(unit, 3)


def read_ago(x: Words, ctx: Context, direction: Direction) -> Timex:
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
    if x.group("dir") in ("later", "after", "earlier", "before") and _fine_reference(ctx, "day"):
        base = ctx.reference.start
    if base is None:
        return Timex("DATE", None)
    if unit in ("hour", "minute", "second"):  # hours ago: still that day
        return _date_timex(base.isoformat(), "DATE", direction, ctx.anchor)
    if unit == "year" and ctx.quarter and x.group("dir") in ("ago", "earlier"):
        quarter_start = covered_range(ctx.quarter)[0]
        return _date_timex(value_at(shift(quarter_start, steps, "year"), "quarter"), "DATE", direction, ctx.anchor)
    value = value_at(shift(base, steps, unit), UNIT_GRANULARITY[unit])
    return _date_timex(value, "DATE", direction, ctx.anchor)


def read_year_end(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "year-end", "by year's end": the end of the anchor's year."""
    if ctx.anchor is None:
        return Timex("DATE", None)
    return _date_timex(str(ctx.anchor.year), "DATE", direction, ctx.anchor, "the end of")


def read_same_day(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "later in the day": the day the text is about."""
    day = ctx.reference.start if _fine_reference(ctx, "day") else ctx.anchor
    return _date_timex(day.isoformat() if day else None, "DATE", direction, ctx.anchor)


def read_year_ago_adjective(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "year-earlier", "year-ago": the period the text is about, a year before."""
    if ctx.anchor is None:
        return Timex("DATE", None)
    if ctx.quarter:
        start = covered_range(ctx.quarter)[0]
        return _date_timex(value_at(shift(start, -1, "year"), "quarter"), "DATE", direction, ctx.anchor)
    return _date_timex(str(ctx.anchor.year - 1), "DATE", direction, ctx.anchor)


# Decades and centuries of unknown number: TimeBank's "PXE" and "PXC".
VAGUE_MULTIPLES = {10: "PXE", 100: "PXC"}


def read_duration(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "two weeks", "the past three days", "a 10-year", "nearly forty years": "P2W" …"""
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
    value = duration_value(None if amount is None else amount * multiplier, designator)
    return _anchored_duration(value, x, ctx, unit, amount, direction)


def _anchored_duration(value: str, x: Words, ctx: Context, unit: str, amount: float | None,
                       direction: Direction) -> Timex:
    """A duration that runs up to or from the anchor ("the past three days") covers those days."""
    mods = " ".join((x.group("mods") or "").split())
    if unit == "hour" and amount:  # "the last 48 hours": the days they touch
        unit, amount = "day", math.ceil(amount / 24) + 1
    if ctx.anchor is None or amount is None or amount != int(amount) or unit not in UNIT_GRANULARITY:
        return Timex("DURATION", value, future=direction == "future")
    steps = int(amount)
    if re.search(r"\b(?:past|last|previous|recent)\b", mods):
        start = shift(ctx.anchor, -steps, unit) + dt.timedelta(days=1)
        return Timex("DURATION", value, start, ctx.anchor, "day")
    if re.search(r"\b(?:next|coming|following)\b", mods):
        end = shift(ctx.anchor, steps, unit) - dt.timedelta(days=1)
        return Timex("DURATION", value, ctx.anchor, end, "day", True)
    return Timex("DURATION", value, future=direction == "future")


def read_vague_duration(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "for years", "in recent weeks": "PXY", "PXW"."""
    unit, designator, multiplier = ctx.lexicon.unit(x.group("unit"))
    if multiplier in VAGUE_MULTIPLES:
        return Timex("DURATION", VAGUE_MULTIPLES[multiplier])
    return Timex("DURATION", duration_value(None, designator), future=direction == "future")


def read_fraction_duration(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "half an hour", "a minute and a half", "two and a half years"."""
    unit, designator, multiplier = ctx.lexicon.unit(x.group("unit"))
    amount = 0.5 if x.group("halfonly") else (parse_amount(x.group("n"), ctx.lexicon) or 1) + 0.5
    return Timex("DURATION", duration_value(amount * multiplier, designator), future=direction == "future")


def read_while(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "a while", "some time": an unknown span."""
    return Timex("DURATION", "PXX")


def read_reference(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "now", "recently", "the near future": PRESENT_REF, PAST_REF, FUTURE_REF."""
    value = ctx.lexicon.references[" ".join(x.group("ref").split())]
    return Timex("DATE", value, future=value == "FUTURE_REF")


def read_set(x: Words, ctx: Context, direction: Direction) -> Timex:
    """ "daily", "every week", "on weekends"."""
    return Timex("SET", ctx.lexicon.sets[" ".join(x.group("set").split())])


def read_every(x: Words, ctx: Context, direction: Direction) -> Timex:
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
    return Timex("SET", duration_value(count * unit[2], unit[1]))
