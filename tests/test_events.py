"""End to end: texts the project writes, through the whole pipeline, to event records."""

import datetime as dt

import pytest


def only(events, event_type):
    found = [e for e in events if e.event_type == event_type]
    assert len(found) == 1, [(e.event_type, e.summary) for e in events]
    return found[0]


def test_codebook_example(events_of):
    text = ("Two soldiers were killed when gunmen opened fire on an army patrol near Kidal on Tuesday, "
            "the army said.")
    event = only(events_of(text), "ASSAULT")
    assert event.mode == "firearms"
    assert (event.fatalities.min, event.fatalities.max) == (2, 2)
    assert event.date.start == dt.date(2024, 3, 12) and not event.date.inferred
    assert event.location.country == "ML" and "Kidal" in event.location.name
    roles = {(a.role, a.type) for a in event.actors}
    assert ("initiator", "unidentified") in roles and ("target", "state_forces") in roles
    assert event.sources and "army" in event.sources[0].text
    assert event.evidence == [(0, len(text))]


def test_mentions_of_one_incident_merge(events_of):
    text = ("Gunmen ambushed a police patrol outside Gao on Monday. Both officers died of their wounds "
            "in hospital. The attack was the third on the road this year.")
    event = only(events_of(text), "ASSAULT")
    assert (event.fatalities.min, event.fatalities.max) == (2, 2)
    assert len(event.evidence) >= 2


def test_incidents_on_different_days_stay_apart(events_of):
    text = ("Rebels shelled the town of Kidal on Monday, killing four civilians. "
            "On Wednesday, another attack hit Gao, where six soldiers were killed.")
    assaults = [e for e in events_of(text) if e.event_type == "ASSAULT"]
    assert len(assaults) == 2
    assert {e.fatalities.min for e in assaults} == {4, 6}


def test_people_shot_who_survive_are_injured(events_of):
    text = "Three men were shot outside a bar in Dayton on Sunday night. One of them died in hospital."
    event = only(events_of(text, published="2024-03-11"), "ASSAULT")
    assert (event.fatalities.min, event.fatalities.max) == (1, 1)
    assert (event.injuries.min, event.injuries.max) == (2, 2)


def test_no_one_hurt_is_zero(events_of):
    text = "A bomb exploded outside the governor's office in Kandahar on Friday. No one was hurt, police said."
    event = only(events_of(text), "ASSAULT")
    assert event.mode == "explosives"
    assert (event.injuries.min, event.injuries.max) == (0, 0)


def test_disputed_figures_become_claims(events_of):
    text = ("Security forces opened fire on protesters in Khartoum on Saturday. The ministry said 12 people "
            "were killed. Doctors said 40 people were killed.")
    event = only(events_of(text, published="2024-03-17"), "ASSAULT")
    assert (event.fatalities.min, event.fatalities.max) == (12, 40)
    assert {(c.source, c.min) for c in event.claims} == {("Government of Sudan", 12), ("Doctors", 40)}


def test_planned_talks(events_of):
    event = only(events_of("Delegations from both governments will meet in Geneva next week for talks."), "CONSULT")
    assert event.status == "planned"


def test_denied_attack(events_of):
    text = "The army denied that its soldiers attacked the village of Aguelhok on Sunday."
    event = only(events_of(text), "ASSAULT")
    assert event.status == "denied"


def test_threatened_attack(events_of):
    event = only(events_of("The rebels threatened to attack the capital if talks failed."), "ASSAULT")
    assert event.status == "threatened"


def test_hypothetical_and_negated_events_are_left_out(events_of):
    text = "If the militia attacks the camp again, the peacekeepers will leave. No one was arrested."
    events = events_of(text)
    assert not [e for e in events if e.event_type in {"ASSAULT", "COERCE"} and e.status == "occurred"]


def test_accidents_are_not_assaults(events_of):
    text = "A gas explosion at a textile factory in Dhaka killed four workers on Monday."
    assert not [e for e in events_of(text) if e.event_type == "ASSAULT"]


def test_routine_criminal_arrest_is_not_coded(events_of):
    assert not events_of("Police arrested a 23-year-old man on Friday in connection with the robbery.")


def test_mass_arrest_is_coded(events_of):
    event = only(events_of("Police arrested 40 protesters in Minsk on Sunday.", published="2024-03-18"), "COERCE")
    assert event.acled.sub_event_type == "Arrests"


def test_acled_categories(events_of):
    strike = only(events_of("An air strike on the village of Marib killed seven civilians on Monday."), "ASSAULT")
    assert (strike.acled.event_type, strike.acled.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    clash = only(events_of("Rebels attacked an army base near Bunia on Monday, killing three soldiers."), "ASSAULT")
    assert clash.acled.sub_event_type == "Armed clash"
    protest = only(events_of("Thousands of students protested in Dhaka on Tuesday. Police fired tear gas to "
                             "disperse them."), "PROTEST")
    assert protest.acled.sub_event_type == "Protest with intervention"
    talks = only(events_of("The foreign ministers of both countries met in Ankara on Monday."), "CONSULT")
    assert talks.acled is None


def test_weapon_named_elsewhere_in_the_sentence(events_of):
    text = "The attack on the hospital killed seven people on Monday, and doctors said chlorine gas was used."
    event = only(events_of(text), "ASSAULT")
    assert event.mode == "chemical"
    assert event.acled.sub_event_type == "Chemical weapon"


def test_undated_event_takes_the_publication_date(events_of):
    event = only(events_of("Militants attacked a checkpoint in Bannu, killing two policemen."), "ASSAULT")
    assert event.date.start == dt.date(2024, 3, 14) and event.date.inferred


def test_document_places_and_times_have_offsets():
    from eventlens import extract

    text = "Protesters marched through Nairobi on Tuesday to demand lower taxes."
    record = extract(text, published="2024-03-14")
    for item in record.places + record.times:
        assert text[item.start:item.end] == item.text
    assert any(p.country == "KE" for p in record.places)
    assert any(t.value == "2024-03-12" for t in record.times)


def test_statistics_are_not_events(events_of):
    text = "More than 300 people have been killed in shootings in the city since 2019, police said."
    assert not [e for e in events_of(text) if e.event_type == "ASSAULT"]


def test_the_day_a_statement_was_made_does_not_date_the_event(events_of):
    text = "Police said on Wednesday that gunmen attacked the checkpoint near Gao, killing two officers."
    event = only(events_of(text), "ASSAULT")
    assert event.date.inferred  # the attack's own day is not given; Wednesday is the statement's


def test_a_court_date_does_not_date_the_crime(events_of):
    text = ("A man appeared in court in Dayton on Monday on charges of murder. "
            "He is accused of shooting a neighbour on Saturday night.")
    event = only(events_of(text, published="2024-03-12"), "ASSAULT")
    assert event.date.start == dt.date(2024, 3, 9)


def test_nationality_words_are_not_places(events_of):
    text = "Peruvian troops killed four rebels in an ambush near Ayacucho on Sunday."
    event = only(events_of(text, published="2024-03-11"), "ASSAULT")
    assert event.location.name == "Ayacucho"


def test_the_documents_town_beats_its_province(events_of):
    text = ("DAYTON, Ohio -- Two men were wounded in a shooting outside a bar on Sunday. "
            "It was the third shooting in Ohio this month, police said.")
    event = only(events_of(text, published="2024-03-11"), "ASSAULT")
    assert event.location.name == "Dayton"


def test_near_a_town_is_the_town_not_its_province(events_of):
    event = only(events_of("Gunmen ambushed a convoy near Kidal on Tuesday, killing three drivers."), "ASSAULT")
    assert (event.location.name, event.location.precision, event.location.geonameid) == ("Kidal", "near", 2455290)


def test_another_romanisation_finds_the_town(events_of):
    text = "Shelling hit the town of Kostiantynivka on Wednesday, killing eleven people."
    event = only(events_of(text, published="2023-09-21"), "ASSAULT")
    assert event.location.name == "Kostyantynivka" and event.location.country == "UA"


def test_a_road_to_a_town_is_not_where_the_event_was(events_of):
    text = "GAO, 11 March 2024 -- Protesters blocked the road to Timbuktu on Monday to demand fuel."
    event = only(events_of(text), "PROTEST")
    assert event.location.name == "Gao"


def test_a_demand_to_end_fighting_is_not_a_battle(events_of):
    text = "Thousands of protesters rallied in Khartoum on Saturday to demand an end to the fighting."
    events = events_of(text, published="2024-03-17")
    assert not [e for e in events if e.event_type == "ASSAULT"]
    protest = only(events, "PROTEST")
    assert [a.type for a in protest.actors] == ["protesters"]  # "thousands of protesters"


def test_the_vehicle_of_a_car_bomb_is_not_its_attacker(events_of):
    event = only(events_of("A car bomb killed five people in Mogadishu on Monday."), "ASSAULT")
    assert not [a for a in event.actors if a.role == "initiator"]
    assert [a.type for a in event.actors] == ["civilians"]


def test_a_protest_as_the_aim_of_another_act_is_not_a_demonstration(events_of):
    text = "The judges of Bogota resigned on Monday to protest the murder of a colleague."
    assert not [e for e in events_of(text) if e.event_type == "PROTEST"]


def test_the_day_someone_was_struck_dates_the_shooting(events_of):
    text = ("A mother was struck by gunfire on March 2 while cooking, police said. "
            "The shooting remains under investigation on Saturday.")
    event = only(events_of(text, published="2024-03-10"), "ASSAULT")
    assert event.date.start == dt.date(2024, 3, 2) and not event.date.inferred


EVENT_DAYS = {
    "own phrase under a statement verb": (
        "Investigators have named a cousin as the man wanted for the shooting of a farmer last Thursday in "
        "Dayton. Deputies detained two more men on Monday evening over the shooting.",
        "2024-03-11", dt.date(2024, 3, 7)),
    "a comparison with last year": (
        "Two officers were shot in Dayton on Thursday night. "
        "Assaults on officers rose 20% from last year, the chief said.",
        "2024-03-15", dt.date(2024, 3, 14)),
    "a day something starts from": (
        "Rebels shelled the base near Kidal from Monday, killing four soldiers.",
        "2024-03-15", dt.date(2024, 3, 11)),
    "an arrest's day": (
        "Two brothers were hurt in a shooting in Dayton early Sunday. "
        "A man wanted over the shooting that left the brothers injured was detained Friday.",
        "2024-03-16", dt.date(2024, 3, 10)),
    "a day the words do not name": (
        "A taxi driver was shot dead in the early morning in Dayton, Sunday, his employer said.",
        "2024-03-15", dt.date(2024, 3, 10)),
    "the day victims were found narrows last month": (
        "Investigators now say the shooting in Dayton that killed three people last month was a "
        "murder-suicide. On Sept. 30, a neighbour found a woman and her two sons dead at their house.",
        "2023-10-16", dt.date(2023, 9, 30)),
    "a page's stamp": (
        "Updated: Friday, June 7, 2019 9:12 AM EDT\n\nThree people were wounded in a shooting at a Dayton "
        "bowling alley shortly before 1 a.m. May 30, police said.",
        "2019-06-07", dt.date(2019, 5, 30)),
    "it happened on": (
        "Police in Dayton have named the man they believe killed a shopkeeper in a robbery. "
        "It happened at about 9 p.m. on July 14.",
        "2015-07-25", dt.date(2015, 7, 14)),
    "the narrower of two dates": (
        "A man faces a murder charge over a shooting in Dayton last weekend. "
        "Shortly after 3:00 a.m. on March 3, 2019, deputies found a man shot in the chest.",
        "2019-03-08", dt.date(2019, 3, 3)),
}


@pytest.mark.parametrize("text, published, day", EVENT_DAYS.values(), ids=EVENT_DAYS.keys())
def test_the_day_that_dates_the_event(events_of, text, published, day):
    event = only(events_of(text, published=published), "ASSAULT")
    assert event.date.start == day and not event.date.inferred


def test_a_count_of_days_after_a_holiday_dates_the_event(events_of):
    text = ("Detectives still seek the men who wounded a girl in Reno last fall. "
            "The shooting took place around 4 a.m., three days after Thanksgiving.")
    event = only(events_of(text, published="2024-01-24"), "ASSAULT")
    assert event.date.start == dt.date(2023, 11, 26) and event.date.text == "three days after Thanksgiving"


def test_a_date_is_not_a_casualty_count(events_of):
    # The parser makes "Aug. 12" the subject of "died" here.
    text = "The driver shot near Baton Rouge Aug. 12 has died, police said Friday."
    event = only(events_of(text, published="2023-12-28"), "ASSAULT")
    assert event.fatalities is None or event.fatalities.min == 1
    assert event.date.start == dt.date(2023, 8, 12)


def test_an_intent_to_kill_and_the_day_of_a_charge_are_not_events(events_of):
    text = ("A man was shot in Dayton on Christmas Day. Prosecutors said the murder charges against his "
            "neighbour will be withdrawn Wednesday; the neighbour had faced a charge of assault with intent to kill.")
    events = [e for e in events_of(text, published="2023-12-28") if e.event_type == "ASSAULT"]
    assert [(e.status, e.date.start) for e in events] == [("occurred", dt.date(2023, 12, 25))]
