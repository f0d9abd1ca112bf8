"""The time-expression component: DATE, TIME, DURATION and SET expressions, normalised.

`eventlens_timex` finds time expressions with TimeML extents (determiners and modifiers in,
prepositions out: "on Tuesday" → "Tuesday", "the last twenty four hours") and gives each a
TIMEX3 value resolved against the document's anchor:

    Doc._.anchor              the publication date; else a dateline at the top of the text;
                              else the latest full date the text gives; never today's date
    doc.spans["timex"]        one span per expression, in text order, labelled with its type
    doc.spans["timex_ranges"] "between Monday and Wednesday": a span over both ends
    Span._.timex              a `Timex` (eventlens.resolve.dates): type, value, the calendar
                              days it covers, precision, and whether it points ahead

How: each rule of RULES is a regular expression (built from the words in data/timex.toml)
run only near its key words, so the whole text is read a few times, not once per rule. The
longest of overlapping matches wins. The parse is read only where it decides something: the
tense of the verb that governs a partial date ("met on Thursday" looks back, "will meet on
Thursday" ahead; see `tense_direction`) and words that only look like dates ("May" the
modal, "March" the verb, "Tuesday Morning" the company; see CHECKS). What a match means is
eventlens.resolve.dates' business: each rule names the reader that turns it into a Timex.

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

from eventlens.nlp import extensions  # noqa: F401  (registers Doc._.anchor, Span._.timex)
from eventlens.resolve import dates
from eventlens.resolve.dates import Context, Direction, Lexicon, Timex

__all__ = [
    "SPAN_KEY", "RANGE_KEY", "Timex", "TimexTagger", "make_timex_tagger", "timex_for_token", "governing_verb",
    "tense_direction",
]

log = logging.getLogger(__name__)

SPAN_KEY = "timex"
RANGE_KEY = "timex_ranges"

# Words too common to tell where an expression may be ("for the time being" is found by "time").
KEY_STOPWORDS = {"the", "a", "an", "at", "for", "as", "of", "in", "not", "that", "this", "to", "on", "s"}


def key_words(lexicon: Lexicon, spec: str) -> set[str]:
    """The words a rule's KEYS name: lower-case words as they are, upper-case names for a
    class of words of the lexicon ("MONTH"); "DIGIT" is left to the caller."""
    classes = {
        "MONTH": lexicon.months, "WEEKDAY": list(lexicon.weekdays) + [w + "s" for w in lexicon.weekdays],
        "UNIT": lexicon.units, "POD": lexicon.parts_of_day, "SEASON": lexicon.seasons, "HOLIDAY": lexicon.holidays,
        "REF": lexicon.references, "SET": lexicon.sets,
        "DECADE": lexicon.decades,
    }
    words = set()
    for key in spec.split():
        if key == "DIGIT":
            continue
        for phrase in classes.get(key, [key]):
            words.update(w for w in re.findall(r"\w+", phrase.lower()) if w not in KEY_STOPWORDS)
    return words


def _alternation(words) -> str:
    """A regex alternation of WORDS, longest first, spaces matching any run of blanks."""
    longest_first = sorted(set(words), key=len, reverse=True)
    escaped = (re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", "[- ]?") for w in longest_first)
    return "(?:" + "|".join(escaped) + ")"


def _fragments(lex: Lexicon) -> dict[str, str]:
    """Named regex pieces the rules are written with (as ~NAME~)."""
    not_digits = ("a", "an", "single", "couple", "dozen")
    small = [w for w, n in lex.numbers.items() if 0 < n < 20 and " " not in w and w not in not_digits]
    tens = [w for w, n in lex.numbers.items() if n in range(20, 100, 10)]
    number_word = f"(?:{_alternation(tens)}(?:[- ]{_alternation(small)})?|{_alternation(small)}|hundred|thousand|dozen)"
    day_ordinals = [w for w, n in lex.ordinals.items() if n <= 31]
    f = {
        "MONTH_FULL": _alternation(lex.month_names) + r"\b",
        "MONTH": "(?:" + _alternation(lex.month_names) + r"\b|"
        + _alternation(set(lex.months) - set(lex.month_names)) + r"\b\.?)",
        "WEEKDAY": _alternation(k for k, v in lex.weekdays.items() if len(k) > 4) + r"\b",
        "WEEKDAY_ANY": "(?:" + _alternation(k for k in lex.weekdays if len(k) > 4) + r"\b|"
        + _alternation(k for k in lex.weekdays if len(k) <= 4) + r"\b\.?)",
        "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d%]|,\d{3}|\s*percent)",
        "ORDDAY": _alternation(day_ordinals) + r"\b",
        "YEAR4": r"(?<![\w$£€¥#.,/])(?:1[0-9]\d\d|20\d\d|21\d\d)(?![\w%]|[.,/:]\d)",
        "NUMWORD": number_word,
        "CARD": r"(?:\d+(?:,\d{3})*(?:\.\d+)?(?:\s+\d/\d)?"
        + r"|" + number_word + r"(?:[\s-]+(?:and\s+)?" + number_word + r")*"
        + r"|" + _alternation(lex.vague_numbers)
        + r"|a\s+couple\s+of|a\s+dozen|half\s+a\s+dozen|half\s+an?|an?|couple\s+of)",
        "UNIT": _alternation(lex.units) + r"\b",
        "PLURAL_UNIT": _alternation(lex.plural_units) + r"\b",
        "POD": _alternation(lex.parts_of_day) + r"\b",
        "TZ": _alternation(lex.time_zones) + r"\b",
        "APPROX": _alternation(lex.approximate) + r"\b",
        "POSITION": r"(?:" + _alternation(p for p in lex.positions if not p.endswith("-")) + r"\b|mid-)",
        "SEASON": _alternation(lex.seasons) + r"\b",
        "HOLIDAY": _alternation(lex.holidays) + r"\b",
        "REF": _alternation(lex.references) + r"\b",
        "SETWORD": _alternation(lex.sets) + r"\b",
        "SPOKEN_YEAR": r"(?:nineteen[- ](?:" + "|".join(tens) + r")(?:[- ]" + _alternation(small) + r")?"
        r"|nineteen[- ]hundred|two[- ]thousand(?:[- ]and)?(?:[- ]" + _alternation(small) + r")?)\b",
        "DECADE": _alternation(lex.decades) + r"\b",
        "ORDWORD": _alternation(lex.ordinals) + r"\b",
    }
    # A day phrase a clock time or a part of the day may lean on ("5 p.m. Nov. 9").
    f["DAYREF"] = (r"(?:today|yesterday|tomorrow|tonight|" + f["WEEKDAY"]
                   + "|" + f["MONTH"] + r"\s+" + f["DAY"] + r"(?:,?\s+" + f["YEAR4"] + r")?"
                   + "|" + f["DAY"] + r"\s+" + f["MONTH"] + r"(?:\s+" + f["YEAR4"] + r")?)")
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
class Match:
    """A rule's match over the text, with the tokens it covers (a `dates.Words` to read)."""

    rule: Rule
    m: re.Match
    span: Span
    start: int = field(init=False)
    end: int = field(init=False)

    def __post_init__(self):
        self.start, self.end = self.m.start(), self.m.end()

    @property
    def following(self) -> str:
        return self.m.string[self.end:self.end + 40]

    def group(self, name: str) -> str | None:
        try:
            value = self.m.group(name)
        except IndexError:
            return None
        return value.lower() if value else None


# ---------------------------------------------------------------- the rule table

# Pieces several rules share.
FOLLOWS_DATE = r"(?:,?\s+(?:on\s+)?(?P<dayref>~DAYREF~))?"  # "5 p.m. Nov. 9", "noon on Friday"
DURATION_MODIFIERS = (
    r"(?P<mods>(?:(?:~APPROX~|the\s+(?:past|last|next|first|coming|previous|following|final|remaining|latest"
    r"|initial|ensuing)|the|past|last|next|first|coming|recent)\s+)+)?")
RELATIVE = r"this\s+past|this\s+coming|this|last|next"
NOT_AN_END = r"(?=\s*[,.;)]|\s*$)"  # "two days before." but not "two days before the vote"

RULES: list[Rule] = [
    # Not time expressions, though they contain one.
    Rule("age", "BLOCK", "old olds age aged",
         r"\b~CARD~[- ](?:year|month|week|day)s?[- ]olds?\b"),
    Rule("age_range", "BLOCK", "old age",
         r"\b~CARD~(?:\s*(?:to|or|-|–|and)\s*~CARD~)?\s+(?:years?|months?|weeks?|days?)\s+(?:old|of\s+age)\b"),
    Rule("aged", "BLOCK", "aged", r"\baged\s+\d+"),
    Rule("named_day", "BLOCK", "WEEKDAY",  # "Tuesday Morning Corp.", "The Sunday Times"
         r"\b~WEEKDAY~\s+(?-i:Morning|Evening|Night|Times|Telegraph|Mirror|Express|Herald|Post|Independent|Tribune)\b"
         r"(?=\s+(?-i:[A-Z]|Inc|Corp|Co\b|stores?|newspaper))"),
    Rule("fraction_of", "BLOCK", "quarter quarters halves thirds",
         r"\b(?:one|two|three)[- ](?:quarters?|halves|thirds)\s+of\b"),

    # Clock times and parts of the day, with the day they fall on.
    Rule("clock", "TIME", "DIGIT noon midday midnight clock",
         r"(?:(?:around|about|approximately|roughly)\s+)?"
         r"(?:(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s*(?P<ampm>[ap]\.?\s?m\b\.?)"
         r"|(?P<h2>[01]?\d|2[0-3]):(?P<m2>[0-5]\d)(?![\d:])(?:\s*(?:hours|hrs|h)\b)?"
         r"|(?P<h3>[01]\d|2[0-3])(?P<m3>[0-5]\d)\s*(?:hours|hrs|gmt|utc|local\s+time)\b"
         r"|(?P<named>noon|midday|midnight)\b"
         r"|(?P<hw>~NUMWORD~)\s+o'?clock\b)"
         r"(?:\s+(?:~TZ~))?(?:\s*\([^)]{2,12}\))?" + FOLLOWS_DATE,
         dates.read_clock),
    Rule("part_of_day", "TIME", "POD",
         r"(?:(?:early|late|earlier|later)\s+(?:in\s+)?)?"
         r"(?:(?P<rel>this|last|tomorrow|yesterday|the|this\s+past|that)|(?P<wd>~WEEKDAY~))\s+(?P<pod>~POD~)"
         r"(?:\s+of\s+(?P<of>~DAYREF~))?",
         dates.read_part_of_day),
    Rule("part_of_day_after", "TIME", "POD",
         r"(?:(?:early|late)\s+)?(?P<pod>~POD~)\s+(?P<rel2>yesterday|today|tomorrow|(?P<wd>~WEEKDAY~))\b",
         dates.read_part_of_day),
    Rule("tonight", "TIME", "tonight overnight", r"\b(?P<whole>tonight|overnight)\b", dates.read_part_of_day),
    Rule("part_of_day_alone", "TIME", "POD", r"(?:mid|early|late)[- ]?(?P<pod>morning|afternoon|evening)\b",
         dates.read_part_of_day),
    Rule("parts_of_days", "SET", "mornings afternoons evenings nights",
         r"(?P<wd>~WEEKDAY~)\s+(?P<pod>mornings|afternoons|evenings|nights)\b", dates.read_weekday_parts),

    # Calendar dates.
    Rule("iso_date", "DATE", "DIGIT",
         r"\b(?P<y>1[89]\d\d|20\d\d)-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
         r"(?:T(?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::\d\d)?)?\b",
         dates.read_iso),
    Rule("numeric_date", "DATE", "DIGIT",
         r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/]|\.\d)",
         dates.read_numeric),
    Rule("month_day", "DATE", "MONTH",
         r"(?:(?:(?:" + RELATIVE + r")\s+)?(?P<wd>~WEEKDAY_ANY~),?\s+)?"
         r"(?:(?:around|about|on\s+or\s+about)\s+)?(?:(?:early|late)\s+)?"
         r"(?P<month>~MONTH~)\s+(?P<day>~DAY~|the\s+~DAY~|~ORDDAY~)(?:\s*(?:-|–|to|through)\s*(?P<day2>~DAY~))?"
         r"(?:(?:,\s*|\s+)(?P<year>~YEAR4~|'\d\d\b))?",
         dates.read_month_day),
    Rule("day_month", "DATE", "MONTH",
         r"(?:(?P<wd>~WEEKDAY_ANY~),?\s+)?(?:the\s+)?(?P<day>~DAY~|~ORDDAY~)(?:\s*(?:-|–|to)\s*(?P<day2>~DAY~))?"
         r"(?:\s+of)?\s+(?P<month>~MONTH~)"
         r"(?:,?\s+(?P<year>~YEAR4~|'?\d\d(?=\s*(?:[^\w\s]|$))))?",  # "9 JAN 90 --"
         dates.read_month_day),
    Rule("month_year", "DATE", "MONTH",
         r"(?:(?P<pos>~POSITION~)\s*)?(?P<month>~MONTH~),?\s+(?:of\s+)?"
         r"(?:(?P<year>~YEAR4~|'\d\d\b|~SPOKEN_YEAR~)|(?P<rel>this|last|next)\s+year\b)",
         dates.read_month_year),
    Rule("month", "DATE", "MONTH",
         r"(?:(?P<pos>~POSITION~)\s*)?(?:(?P<rel>" + RELATIVE + r")\s+)?(?P<month>~MONTH_FULL~)",
         dates.read_month),
    Rule("year", "DATE", "DIGIT",
         r"(?:(?P<pos>~POSITION~)\s*)?(?:the\s+)?"
         r"(?:(?:fiscal|calendar|financial|model)\s+(?:year\s+)?|(?:the\s+)?year\s+)?(?P<year>~YEAR4~)"
         r"(?:\s+(?:or\s+later|or\s+earlier|and\s+beyond))?",
         dates.read_year),
    Rule("year_range", "DATE", "DIGIT",
         r"(?P<year>~YEAR4~)\s*(?:-|–|to|through)\s*(?P<year2>(?:19|20)\d\d|\d\d)(?![\w%])", dates.read_year_range),
    Rule("fiscal_year", "DATE", "DIGIT", r"\bFY\s*'?(?P<fy>\d{4}|\d{2})\b", dates.read_fiscal_year),
    Rule("decade", "DATE", "DIGIT DECADE",
         r"(?:(?P<pos>~POSITION~)\s*)?(?:the\s+)?(?:(?:early|mid|late)[- ]?)?"
         r"(?:(?P<dec4>1[0-9]\d0|20\d0)'?s\b|'(?P<dec2>\d0)'?s\b|(?P<century19>nineteen[- ])?(?P<decw>~DECADE~))",
         dates.read_decade),
    Rule("century", "DATE", "century",
         r"(?:(?P<pos>~POSITION~)\s*)?(?:the\s+)?(?:(?:early|mid|late)[- ]?)?"
         r"(?P<c>\d{1,2}(?:st|nd|rd|th)|~ORDWORD~)[- ]century\b",
         dates.read_century),
    Rule("spoken_year", "DATE", "nineteen thousand", r"(?:the\s+year\s+)?(?P<spoken>~SPOKEN_YEAR~)",
         dates.read_spoken_year),
    Rule("quarter", "DATE", "quarter quarters half",  # "the third quarter", "this year's first half"
         r"(?:(?P<det>the|its|this|that|last|next|a|(?:this|last|next)\s+year's|the\s+year's|the\s+year-ago"
         r"|the\s+year-earlier|the\s+comparable|the\s+corresponding|the\s+same|the\s+latest|the\s+current"
         r"|the\s+(?P<ydet>~YEAR4~)|(?P<yposs>~YEAR4~)'s|the\s+year-ago\s+comparable|a\s+\w+)\s+)?"
         r"(?:(?:fiscal|calendar|financial)[- ])?"
         r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last|latter)[- ]"
         r"(?:(?P<count>two)\s+)?(?:fiscal[- ])?(?P<part>quarters?|half)\b"
         r"(?:\s+of\s+(?:(?:fiscal|the)\s+)?(?P<year>~YEAR4~|this\s+year|last\s+year|next\s+year|the\s+year))?",
         dates.read_quarter),
    Rule("period", "DATE", "quarter period",  # "the quarter", "the year-earlier period"
         r"(?P<det>the(?:\s+(?:latest|current|same|comparable|corresponding|year-ago|year-earlier|previous|prior"
         r"|most\s+recent|~YEAR4~|year-ago\s+comparable))*|this|that|next|its(?:\s+latest)?|(?:last|this)\s+year's)"
         r"\s+(?:fiscal\s+)?(?:quarter|period)\b(?!-)"
         r"(?P<yearago>\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year))?",
         dates.read_period),
    Rule("season", "DATE", "SEASON",
         r"(?:(?P<rel>" + RELATIVE + r"|the|early|late|mid|mid-)\s*)?(?:(?:early|late)\s+)?(?P<season>~SEASON~)"
         r"(?:\s+of\s+(?P<year>~YEAR4~|~SPOKEN_YEAR~)|\s+(?P<year2>~YEAR4~))?",
         dates.read_season),
    Rule("holiday", "DATE", "HOLIDAY",
         r"(?:(?:this|last|next)\s+)?(?P<holiday>~HOLIDAY~)(?:\s+(?P<year>~YEAR4~))?", dates.read_holiday),

    # Dates relative to the anchor or to the date last named.
    Rule("relative_day", "DATE", "today yesterday tomorrow",
         r"(?:(?:early|late|earlier|later)\s+)?"
         r"(?P<rd>today|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)\b",
         dates.read_relative_day),
    Rule("weekday", "DATE", "WEEKDAY",
         r"(?:(?P<rel>" + RELATIVE + r"|the\s+previous|the\s+preceding|the\s+following|the\s+next"
         r"|early|late|earlier|later)\s+)?(?P<wd>~WEEKDAY~)(?P<plural>s\b)?",
         dates.read_weekday),
    Rule("weekend", "DATE", "weekend week",
         r"(?P<rel>" + RELATIVE + r"|the\s+past|the\s+coming|the\s+previous|the\s+following|the|that)"
         r"\s+(?:week-?end)\b",
         dates.read_weekend),
    Rule("relative_unit", "DATE", "week month year decade century",  # "last week", "earlier this month"
         r"(?:(?P<pos>~POSITION~)\s+(?:in\s+)?)?"
         r"(?P<rel>" + RELATIVE + r"|the\s+past|the\s+last|the\s+previous|the\s+prior|the\s+coming|the\s+current"
         r"|the\s+latest|the\s+following|the\s+preceding|the\s+same|the\s+most\s+recent|the\s+full|the\s+whole"
         r"|the\s+entire|that|the)\s+(?:(?:fiscal|calendar|financial|school|academic)\s+)?"
         r"(?P<unit>week|month|year|decade|century)\b"
         r"(?!-(?:ago|earlier|old|long)\b|\s+(?:old|long)\b|'s\s+(?:first|second|third|fourth|final|last)\b"
         r"|\s+and\s+a\s+half\b)",
         dates.read_relative_unit),
    Rule("year_end", "DATE", "year", r"(?:(?:around|about|by)\s+)?(?:the\s+)?(?P<yearend>year(?:'s)?[- ]end)\b",
         dates.read_year_end),
    Rule("later_in_the_day", "DATE", "day", r"(?:earlier|later)\s+in\s+the\s+day\b", dates.read_same_day),
    Rule("relative_day_unit", "DATE", "day",
         r"(?P<rel>the\s+following|the\s+next|the\s+previous|the\s+preceding|that|the\s+same)\s+(?P<unit>day)\b",
         dates.read_relative_unit),
    Rule("ago", "DATE", "UNIT",  # "two weeks ago", "a year earlier", "three days later"
         r"(?:(?:~APPROX~)\s+)?(?P<n>~CARD~)(?:\s+(?:or|to)\s+~CARD~)?\s*[- ]?(?P<unit>~UNIT~)\s+(?:or\s+so\s+)?"
         r"(?P<dir>ago|earlier|later|from\s+now|hence|back|before" + NOT_AN_END + r"|after" + NOT_AN_END + r")",
         dates.read_ago),
    Rule("year_ago_adjective", "DATE", "year", r"\b(?:a\s+)?year[- ](?:earlier|ago)\b", dates.read_year_ago_adjective),

    # Frequencies ("every Thursday", "twice a week", "$5 million a year"): before durations,
    # so that "a year" after an amount is one.
    Rule("every", "SET", "UNIT WEEKDAY MONTH SEASON",
         r"\b(?:(?:once|twice|(?:~CARD~)\s+times)\s+)?(?:every|each|per|a)\s+(?P<other>other\s+)?"
         r"(?P<what>~WEEKDAY~|~MONTH_FULL~|~SEASON~|~UNIT~)",
         dates.read_every),

    # Durations.
    Rule("duration", "DURATION", "UNIT",
         DURATION_MODIFIERS + r"(?P<n>~CARD~)(?:\s*(?:to|or|-|–)\s*~CARD~)?\s*[- ]?\s*"
         r"(?:(?:more|additional|full|straight|consecutive|successive|long)\s+)?(?P<unit>~UNIT~)"
         r"(?P<half>\s+and\s+a\s+half\b)?",
         dates.read_duration),
    Rule("fraction_duration", "DURATION", "UNIT",
         r"(?:(?:~APPROX~)\s+)?(?:(?P<halfonly>half\s+an?)|(?P<n>~CARD~)\s+and\s+a\s+half)\s+(?P<unit>~UNIT~)",
         dates.read_fraction_duration),
    Rule("bare_unit", "DURATION", "UNIT",  # "for years", "in recent weeks", "the weeks ahead"
         r"(?P<mods>(?:(?:the\s+)?(?:past|last|next|coming|recent|previous|following|final|first|early|ensuing)\s+"
         r"|the\s+)?)(?P<unit>~PLURAL_UNIT~)(?:\s+(?:or|to|and)\s+~PLURAL_UNIT~)?(?:\s+ahead)?",
         dates.read_vague_duration),
    Rule("a_while", "DURATION", "while time",
         r"\b(?:a\s+while|some\s+time)\b(?!\s+(?:ago|later|earlier|next|this|last))", dates.read_while),

    # Words for the present, past and future, and for how often.
    Rule("reference", "DATE", "REF", r"\b(?P<ref>~REF~)", dates.read_reference),
    Rule("set", "SET", "SET", r"\b(?P<set>~SETWORD~)", dates.read_set),
]


@lru_cache(maxsize=1)
def compiled_rules() -> list[tuple[Rule, re.Pattern]]:
    """The rules with their templates filled from the lexicon and compiled once."""
    pieces = _fragments(Lexicon.load())

    def fill(template: str) -> str:
        return re.sub(r"~(\w+)~", lambda m: pieces[m.group(1)], template)

    return [(rule, re.compile(r"(?<![\w'])" + fill(rule.template), re.IGNORECASE)) for rule in RULES]


# ---------------------------------------------------------------- words that only look like dates
#
# A check sees a match with its tokens (tags, parse, entities) and says whether it is a time
# expression here. In text truecased from capitals, case says nothing and is not asked.

# Named-entity labels that make a weekday or month a name ("The Sunday Times", "Theresa May").
NAME_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "GPE", "LOC", "NORP", "EVENT", "LAW"}
QUANTITY_LABELS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT"}
NOT_DATES = Lexicon.load().not_dates  # words beside dates that unmake them (data/timex.toml [not_dates])


def _acceptable(x: Match, truecased: bool) -> bool:
    """Whether match X is a time expression here (see CHECKS)."""
    check = CHECKS.get(x.rule.name)
    return check(x, truecased) if check else True


def _neighbour(token: Token | None, offset: int) -> Token | None:
    if token is None:
        return None
    i = token.i + offset
    return token.doc[i] if 0 <= i < len(token.doc) else None


def _before(x: Match) -> Token | None:
    """The token before the match."""
    return _neighbour(x.span[0], -1)


def _token_at(x: Match, group: str) -> Token | None:
    """The token where the named part of the match starts."""
    start = x.m.start(group)
    if start < 0:
        return None
    return next((t for t in x.span if t.idx <= start < t.idx + len(t.text)), None)


def _is_name(token: Token | None) -> bool:
    return token is not None and token.ent_type_ in NAME_LABELS


def _written_as_name(x: Match, group: str, truecased: bool) -> bool:
    """Whether the named part is capitalised, as English writes months, weekdays and holidays,
    and is not part of a name the model found."""
    text = x.m.group(group)
    capitalised = truecased or not text or text[0].isupper()
    return capitalised and not _is_name(_token_at(x, group))


def _check_month(x: Match, truecased: bool) -> bool:
    """ "March" the verb and "May" the modal are not months."""
    if not _written_as_name(x, "month", truecased):
        return False
    token = _token_at(x, "month")
    ambiguous = x.group("month") in NOT_DATES["ambiguous_months"]
    return not (token is not None and ambiguous and (token.tag_ == "MD" or token.pos_ in ("VERB", "AUX")))


def _check_month_alone(x: Match, truecased: bool) -> bool:
    """A month with no day or year; "May" alone only after a preposition ("in May")."""
    if not _check_month(x, truecased):
        return False
    if x.group("month") != "may" or x.group("rel") or x.group("pos"):
        return True
    token, before = _token_at(x, "month"), _before(x)
    return token is None or (before is not None and before.pos_ == "ADP" and token.pos_ == "PROPN")


def _check_weekday(x: Match, truecased: bool) -> bool:
    return _written_as_name(x, "wd", truecased)


def _check_holiday(x: Match, truecased: bool) -> bool:
    # The model tags holidays as EVENT names ("New Year's Eve"): that is what they are.
    token = _token_at(x, "holiday")
    text = x.m.group("holiday")
    named_for = token is not None and token.ent_type_ == "PERSON" and text.endswith("Day")
    if token is not None and token.ent_type_ == "EVENT" or named_for:  # "Martin Luther King Jr. Day"
        return truecased or not text or text[0].isupper()
    return _written_as_name(x, "holiday", truecased)


def _check_year(x: Match, truecased: bool) -> bool:
    """A bare four-digit number is a year unless its neighbours make it an amount ("$2000",
    "No. 1990", "1990 people")."""
    qualifier = x.m.string[x.m.start():x.m.start("year")].strip().lower()
    if x.m.group("pos") or qualifier not in ("", "the"):
        return True  # "early 1990", "fiscal 1989", "the year 2000"
    token = _token_at(x, "year")
    if token is None:
        return True
    before, after = _neighbour(token, -1), _neighbour(token, 1)
    if before is not None and (before.lower_ in NOT_DATES["before_year"] or before.like_num):
        return False
    if token.ent_type_ in QUANTITY_LABELS:
        return False
    if after is not None and (after.like_num or after.lower_ in NOT_DATES["after_year"]):
        return False
    return not (after is not None and after.tag_ == "NNS" and token.ent_type_ != "DATE")


def _check_season(x: Match, truecased: bool) -> bool:
    """ "fall" and "spring" are seasons only with a year or "this", "last" …; a season alone
    only after a preposition ("in summer"), and not as a modifier ("winter clothes")."""
    rel = x.group("rel")
    if x.group("year") or x.group("year2"):
        return True
    if x.group("season") in NOT_DATES["ambiguous_seasons"]:
        return rel in ("this", "last", "next", "this past", "this coming", "early", "late")
    token = _token_at(x, "season")
    if token is None:
        return True
    if token.dep_ == "compound" and rel not in ("this", "last", "next"):
        return False
    if rel in (None, "the"):
        before = _before(x)
        return before is not None and before.pos_ == "ADP"
    return True


def _check_bare_unit(x: Match, truecased: bool) -> bool:
    """ "years" alone is a span of time after a preposition or a verb like "took" ("for
    years", "took months"), not in "their days"."""
    if (x.group("mods") or "").strip() not in ("", "the"):
        return True
    before = _before(x)
    if before is None or before.lower_ in NOT_DATES["possessives"] or before.like_num:
        return False
    return before.pos_ == "ADP" or before.lemma_ in NOT_DATES["duration_verbs"]


def _check_part_of_day(x: Match, truecased: bool) -> bool:
    """ "Tuesday Morning" (capitalised) is a company; "the morning" only after a preposition."""
    if x.group("wd") and not _check_weekday(x, truecased):
        return False
    if not truecased and x.group("wd") and x.m.group("pod")[0].isupper():
        return False
    if x.group("rel") in ("the", "that"):
        before = _before(x)
        return before is not None and before.pos_ == "ADP"
    return True


def _check_reference(x: Match, truecased: bool) -> bool:
    """ "current" and "recent" as adjectives; not "soon after …", "as soon as …", "the future of …"."""
    word = " ".join(x.group("ref").split())
    first, last = x.span[0], x.span[-1]
    if word in ("current", "recent"):
        return first.pos_ in ("ADJ", "") and first.dep_ != "compound"
    if word == "soon":
        after, before = _neighbour(first, 1), _neighbour(first, -1)
        as_soon_as = before is not None and before.lower_ == "as"
        return not (as_soon_as or (after is not None and after.lower_ in ("after", "as")))
    if word in ("the past", "the future", "the present"):
        after = _neighbour(last, 1)
        return after is None or after.lower_ != "of"
    return True


def _check_every(x: Match, truecased: bool) -> bool:
    """ "a year" is a frequency only after an amount ("$5 million a year", "12% a year")."""
    if not x.m.group(0).lower().startswith(("a ", "an ")):
        return not _is_name(_token_at(x, "what"))
    before = _before(x)
    if before is None:
        return False
    return before.pos_ in ("NUM", "NOUN", "PROPN", "SYM") or before.lower_ in ("percent", "%", "times", "once", "twice")


def _check_duration(x: Match, truecased: bool) -> bool:
    """ "a second" is an ordinal far more often than a second ("a second blast came"); "a
    quarter of the vote" is a fraction, "two quarters of losses" is time."""
    unit, amount = x.group("unit"), x.group("n") or ""
    if unit == "second" and amount in ("a", "an", "one", "the"):
        return False
    token = _token_at(x, "unit")
    after = _neighbour(token, 1)
    if unit.startswith("quarter") and after is not None and after.lower_ == "of":
        following = _neighbour(after, 1)
        return following is not None and following.pos_ not in ("DET", "PRON", "NUM", "ADJ")
    return True


def _check_set_word(x: Match, truecased: bool) -> bool:
    """ "reports daily" is a frequency; "a quarterly dividend" names a kind of dividend."""
    return x.span[0].pos_ in ("ADV", "") or " " in x.group("set")


def _check_relative_unit(x: Match, truecased: bool) -> bool:
    """Not a title ("This Week", a programme), nor "the year" in "of the year"."""
    if not truecased and x.m.group("unit")[0].isupper():
        return False
    if x.group("rel") != "the":
        return True
    before = _before(x)
    return before is None or before.lower_ != "of" or bool(x.group("pos"))


def _check_period(x: Match, truecased: bool) -> bool:
    """ "the period" alone is too vague; "the latest period", "the year-earlier period" are quarters."""
    det = " ".join((x.group("det") or "").split())
    noun = x.m.group(0).lower().split()[-1]
    return not (det in ("the", "this", "that", "its", "next") and noun.startswith("period") and not x.group("yearago"))


def _check_decade(x: Match, truecased: bool) -> bool:
    """ "in her nineties" is an age."""
    before = _before(x)
    return before is None or before.lower_ not in NOT_DATES["possessives"]


CHECKS: dict[str, Callable[[Match, bool], bool]] = {
    "month": _check_month_alone, "month_day": _check_month, "day_month": _check_month, "month_year": _check_month,
    "weekday": _check_weekday, "holiday": _check_holiday, "year": _check_year, "season": _check_season,
    "bare_unit": _check_bare_unit, "part_of_day": _check_part_of_day, "part_of_day_after": _check_part_of_day,
    "reference": _check_reference, "every": _check_every, "duration": _check_duration, "set": _check_set_word,
    "relative_unit": _check_relative_unit, "period": _check_period, "decade": _check_decade,
}


# ---------------------------------------------------------------- tense of the governing verb

TENSE = Lexicon.load().tense  # auxiliaries and planning words (data/timex.toml [tense])


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
        return "future" if head.lemma_ in TENSE["planning"] else None
    if verb.lemma_ in TENSE["planning_alone"]:
        return "future"
    if verb.tag_ == "VBN" and not helpers:  # "shares bought Thursday"
        return "past"
    return None


def _own_tense(word: Token) -> Direction:
    """The direction WORD's own form and auxiliaries give ("will meet", "was due"), if any."""
    helpers = [c for c in word.children if c.dep_ in ("aux", "auxpass", "cop")]
    texts = {h.lower_ for h in helpers}
    if texts & TENSE["future_auxiliaries"] or ({"going", "to"} <= texts):
        return "future"
    if word.tag_ == "VBD" or any(h.tag_ == "VBD" for h in helpers):
        return "past"
    if word.tag_ == "VBN" and any(h.lemma_ == "have" for h in helpers):
        return "past"
    if texts & TENSE["modals_ahead"]:
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
        self.rank_of = {rule.name: rank for rank, (rule, _) in enumerate(self.rules)}
        # Which rules each key word wakes, and which rules any word with a digit wakes.
        self.rules_by_word: dict[str, list[int]] = {}
        self.digit_rules = []
        for index, (rule, _) in enumerate(self.rules):
            for word in key_words(self.lexicon, rule.keys):
                self.rules_by_word.setdefault(word, []).append(index)
            if "DIGIT" in rule.keys.split():
                self.digit_rules.append(index)

    def __call__(self, doc: Doc) -> Doc:
        text, truecased = _text_of(doc)
        candidates = [x for x in self._matches(doc, text) if x.rule.kind == "BLOCK" or _acceptable(x, truecased)]
        matches = [x for x in self._select(candidates) if x.rule.kind != "BLOCK"]
        ctx = Context(anchor=None, lexicon=self.lexicon, day_first=_day_first(matches))
        ctx.anchor = doc._.anchor = _find_anchor(doc, text, matches, ctx)
        spans = []
        for x in matches:  # in text order: "the following day" reads what came before
            timex = self._read(x, ctx)
            x.span._.timex = timex
            x.span.label_ = timex.type
            spans.append(x.span)
            _remember(x, timex, ctx)
        doc.spans[SPAN_KEY] = spans
        doc.spans[RANGE_KEY] = _ranges(doc, spans)
        return doc

    def _matches(self, doc: Doc, text: str) -> list[Match]:
        """Every rule's matches, each with the tokens it covers (spaces and commas at its
        edges left out)."""
        found = []
        for index, (window_start, window_end) in self._windows(text):
            rule, pattern = self.rules[index]
            for m in pattern.finditer(text, window_start, window_end):
                matched = m.group(0)
                start = m.start() + len(matched) - len(matched.lstrip())
                end = m.end() - (len(matched) - len(matched.rstrip(" \t\n,")))
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

    def _select(self, matches: list[Match]) -> list[Match]:
        """The longest of overlapping matches (the earlier rule on a tie), in text order."""
        def longest_first(x: Match):
            return x.span.start_char - x.span.end_char, self.rank_of[x.rule.name], x.span.start_char

        ranked = sorted(matches, key=longest_first)
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
        """What match X means, its direction taken from the tense of the verb governing it."""
        direction = None
        if x.span.doc.has_annotation("DEP") and not _names_a_thing(x.span):
            direction = tense_direction(governing_verb(x.span))
        try:
            return x.rule.read(x, ctx, direction)
        except (ValueError, OverflowError, KeyError) as error:  # a date the calendar refuses
            log.debug("no value for %r: %s", x.span.text, error)
            return Timex(x.rule.kind, None)


def _names_a_thing(span: Span) -> bool:
    """Whether SPAN dates a noun, not its clause ("Friday night's raid", "the May 3
    attack"): the clause's tense ("police may hold a suspect in …") says nothing of its day."""
    root = span.root
    return root.dep_ in {"poss", "compound", "nmod"} and root.head.pos_ == "NOUN" and not (
        span.start <= root.head.i < span.end)


def _text_of(doc: Doc) -> tuple[str, bool]:
    """The text to search, and whether the Doc's text was truecased from capitals.

    spaCy builds `doc.text` from the tokens on every access; the input document's text has the
    same offsets (truecasing changes only case), so it is read instead where it fits. The
    patterns ignore case, and case is judged on the Doc's own tokens.
    """
    document = doc._.document
    original = getattr(document, "text", None)
    if not isinstance(original, str) or not len(doc):
        return doc.text, False
    last = doc[-1]
    if len(original) != last.idx + len(last.text_with_ws):
        return doc.text, False
    head = doc[: min(len(doc), 40)].text
    return original, head != original[: len(head)]


WORD = re.compile(r"\w+")
# How far before and after a key word a match may reach, in characters.
WINDOW_BEFORE, WINDOW_AFTER = 60, 60


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


def _find_anchor(doc: Doc, text: str, matches: list[Match], ctx: Context) -> dt.date | None:
    """The date relative expressions resolve against: the publication date; else a dateline
    at the top; else the latest full date (day, month and year) the text gives."""
    document = doc._.document
    if document is not None:
        anchor = dates.sane_anchor(getattr(document, "published", None))
        if anchor is not None:
            return anchor
    anchor = dates.find_dateline(text)
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
    derived = x.rule.name in ("ago", "year_ago_adjective", "period")  # read from the reference: not a new one
    if timex.start is not None and timex.type in ("DATE", "TIME") and not derived:
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
            precision = _coarser(a.precision, b.precision)
            joined._.timex = Timex("DATE", a.value, a.start, b.end, precision, a.future or b.future)
            ranges.append(joined)
    return ranges


def _is_range(doc: Doc, first: Span, second: Span) -> bool:
    """Whether FIRST and SECOND are the ends of one range: "from"/"between" before the first,
    "to"/"and"/"-" between them, and the first not after the second."""
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
    """The less precise of two precisions."""
    known = [p for p in (a, b) if p in PRECISION_ORDER]
    return max(known, key=PRECISION_ORDER.index) if known else None


# ---------------------------------------------------------------- dating an event


def timex_for_token(doc: Doc, token_i: int) -> Span | None:
    """The time expression that dates the event whose trigger is token TOKEN_I: one the
    trigger governs ("the attack on Tuesday"), else one in the trigger's clause, else one in
    its sentence; the nearest in the parse, then in the text. Only expressions with a
    calendar range count; one that opens or closes a range ("between Monday and Wednesday")
    gives the range's span. None when the sentence has none."""
    token = doc[token_i]
    if doc.has_annotation("SENT_START"):
        sentence = token.sent
        lo, hi = sentence.start, sentence.end
    else:
        lo, hi = 0, len(doc)
    spans = [s for s in doc.spans.get(SPAN_KEY, [])
             if lo <= s.start < hi and s._.timex is not None and s._.timex.start is not None]
    if not spans:
        return None
    clause = _clause_of(token)
    trigger_path = _path_to_root(token)

    def rank(span: Span):
        root = span.root
        path = _path_to_root(root)
        governed = token_i in path
        same_clause = _clause_of(root) == clause
        closeness = 0 if governed else 1 if same_clause else 2
        return dates_no_event(span), closeness, _tree_distance(trigger_path, path), abs(span.start - token_i)

    best = min(spans, key=rank)
    for joined in doc.spans.get(RANGE_KEY, []):  # "between Monday and Wednesday": the whole range
        if joined.start <= best.start and best.end <= joined.end:
            return joined
    return best


def in_noun_phrase(noun: Token, span: Span) -> bool:
    """Whether SPAN is part of NOUN's own phrase: "the raid on Sunday", "Friday night's
    raid", "the May 3 killing" (the noun itself, or a preposition of it, governs it)."""
    head = span.root
    for _ in range(2):
        head = head.head
        if head.i == noun.i:
            return True
    return False


# "that day", "the night", "in the early morning": a part of a day the words do not name.
NAMES_NO_DAY = re.compile(
    r"^(?:(?:the|that)\s+)?(?:(?:same|following|next|previous|early|late|mid)[- ]?)?"
    r"(?:morning|afternoon|evening|night|day|weekend)$", re.IGNORECASE)
# A clock time alone ("about 7 p.m.") says the hour of a day the text gave before.
CLOCK_ONLY = re.compile(
    r"^(?:about|around|approximately|roughly|just|shortly|before|after|at|by|until|some|"
    r"\d{1,2}(?::\d{2})?|a\.?m\.?|p\.?m\.?|noon|midnight|o'clock|[ECMP][SD]T|GMT|UTC|local|time|[\s.,:-])+$",
    re.IGNORECASE)
# "three days after Easter": a count of days or weeks from a named day.
OFFSET = re.compile(r"^P(\d+)([DW])$")


def dates_no_event(span: Span) -> bool:
    """Whether the expression cannot date an event: its day comes from the context ("that
    day", "about 7 p.m."), resolved to the anchor or the day last named; or it is a page's
    stamp ("Updated: Friday, June 7, 2019"). Such expressions neither date an event nor
    tell two events apart, and an expression that names an event's day comes first."""
    return bool(NAMES_NO_DAY.match(span.text) or CLOCK_ONLY.match(span.text)) or _is_stamp(span)


def _is_stamp(span: Span) -> bool:
    """Whether a label of a page's stamp comes just before SPAN ("Posted:", "(Published")."""
    before = [t.lower_ for t in span.doc[max(0, span.start - 3):span.start]]
    while before and before[-1] in (":", "on", "at", "-"):
        before.pop()
    return bool(before) and before[-1] in NOT_DATES["stamp_labels"]


def calendar_value(span: Span) -> Timex | None:
    """The calendar range SPAN covers, counted from the day it names where a count of days
    or weeks and "after" or "before" come first ("three days after Easter"); None for an
    expression with no range. TimeML keeps the count and the day apart; an event's date
    wants them together."""
    value = span._.timex
    if value is None or value.start is None:
        return None
    offset = _offset_before(span)
    if offset is None:
        return value
    day = value.start + dt.timedelta(days=offset[1])
    anchor = span.doc._.anchor
    return Timex("DATE", day.isoformat(), day, day, "day", future=anchor is not None and day > anchor)


def calendar_span(span: Span) -> Span:
    """SPAN with the count of days before it that `calendar_value` reads ("two days after …")."""
    offset = _offset_before(span)
    return span.doc[offset[0].start:span.end] if offset is not None else span


def _offset_before(span: Span) -> tuple[Span, int] | None:
    """(the count, its signed days) where "N days|weeks after|before" precedes a day SPAN."""
    doc, value = span.doc, span._.timex
    if value.precision != "day" or span.start < 2 or doc[span.start - 1].lower_ not in ("after", "before"):
        return None
    count = next((s for s in doc.spans.get(SPAN_KEY, []) if s.end == span.start - 1), None)
    match = OFFSET.match(count._.timex.value or "") if count is not None and count._.timex is not None else None
    if match is None:
        return None
    days = int(match.group(1)) * (7 if match.group(2) == "W" else 1)
    return count, days if doc[span.start - 1].lower_ == "after" else -days


def _clause_of(token: Token) -> int:
    """The index of the verb heading TOKEN's clause (TOKEN itself if it is a verb)."""
    if token.pos_ in ("VERB", "AUX"):
        return token.i
    verb = governing_verb(token)
    return verb.i if verb is not None else -1


def _path_to_root(token: Token) -> list[int]:
    """TOKEN's index and its ancestors', up to the root of its sentence."""
    path = [token.i]
    while token.head.i != token.i and len(path) < 50:
        token = token.head
        path.append(token.i)
    return path


def _tree_distance(a: list[int], b: list[int]) -> int:
    """The number of arcs between two tokens, given their paths to the root."""
    common = set(a) & set(b)
    if not common:
        return len(a) + len(b)
    return min(a.index(c) + b.index(c) for c in common)
