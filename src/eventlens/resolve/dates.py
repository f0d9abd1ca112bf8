"""Calendar arithmetic for time expressions: anchors, TIMEX3 values and the dates they cover.

Everything here is a pure function of its arguments. Nothing reads the machine's clock: a
relative expression ("yesterday") is resolved against an anchor date the caller supplies,
and without one it has no value.

    Timex                the normalised value of one time expression
    sane_anchor          a usable anchor date from a `published` value, or None
    find_dateline        the date of a wire dateline ("SAN SALVADOR, 9 JAN 90 -- ...")
    covered_range        the first and last day a TIMEX3 value covers, and its precision
    value_at             the TIMEX3 value of a date at a granularity ("2023-W38")
    shift                a date moved by N units, clamped to the month's last day
    weekday_near         the weekday nearest an anchor in a direction (past/future)
    month_near, day_near, quarter_near, season_near   likewise, for partial dates
    full_year            a two-digit year read sensibly against an anchor
    duration_value       "P2W", "PT1H30M", "PXY" for an amount of a unit
    holiday_date         the date of a named holiday in a year
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from eventlens.data import load_toml

__all__ = [
    "Timex", "Direction", "Precision", "sane_anchor", "find_dateline", "covered_range", "value_at",
    "shift", "weekday_near", "month_near", "day_near", "quarter_near", "season_near",
    "full_year", "duration_value", "holiday_date", "holiday_near", "month_number", "EARLIEST_ANCHOR", "LATEST_ANCHOR",
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
    lexicon = load_toml("timex.toml")
    months = sorted({**lexicon["months"], **lexicon["month_abbreviations"]}, key=len, reverse=True)
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
    lexicon = load_toml("timex.toml")
    word = word.lower().rstrip(".")
    return lexicon["months"].get(word) or lexicon["month_abbreviations"].get(word)


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
