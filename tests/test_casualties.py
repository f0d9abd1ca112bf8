import pytest

from eventlens.nlp.casualties import SPAN_KEY


def figures(nlp, text):
    doc = nlp(text)
    return [(c.kind, c.min, c.max) for c in (s._.casualty for s in doc.spans[SPAN_KEY])]


@pytest.mark.parametrize("text, expected", [
    ("The bombing killed 5 people.", ("killed", 5, 5)),
    ("At least 10 people were killed in the clashes.", ("killed", 10, None)),
    ("More than 10 soldiers were killed.", ("killed", 10, None)),
    ("Between 30 and 90 people were killed.", ("killed", 30, 90)),
    ("From 30 to 90 villagers were killed.", ("killed", 30, 90)),
    ("Nearly 70 people died in the fire fight.", ("killed", 70, 70)),
    ("Some 70 people died.", ("killed", 70, 70)),
    ("Several civilians were wounded.", ("injured", 3, None)),
    ("Dozens of protesters were injured.", ("injured", 12, None)),
    ("Hundreds of people were wounded.", ("injured", 100, None)),
    ("Everyone on board was killed.", ("killed", 1, None)),
    ("People were killed in the raid.", ("killed", 1, None)),
    ("No one was hurt.", ("injured", 0, 0)),
    ("Twenty-five people were injured.", ("injured", 25, 25)),
    ("A man was fatally shot on Sunday.", ("killed", 1, 1)),
    ("Two women were shot outside the store.", ("shot", 2, 2)),
    ("The blast left three people dead.", ("killed", 3, 3)),
    ("The death toll rose to 27 on Friday.", ("killed", 27, 27)),
    ("A total of 12 people were shot.", ("shot", 12, 12)),
    ("Ana Ruiz, 34, of Dayton was wounded.", ("injured", 1, 1)),
])
def test_codebook_ranges(nlp, text, expected):
    assert expected in figures(nlp, text)


def test_coordinated_victims_add_up(nlp):
    assert ("killed", 2, 2) in figures(nlp, "A man and a woman were killed.")


def test_ordinal_after_a_count(nlp):
    found = figures(nlp, "Two died at the scene and a third in hospital.")
    assert ("killed", 2, 2) in found and ("killed", 3, None) in found


def test_one_fatally(nlp):
    assert ("killed", 1, 1) in figures(nlp, "Four men were shot, one fatally, on Saturday.")


def test_objects_that_are_not_victims(nlp):
    assert figures(nlp, "He shot a dozen bullets into the car.") == []


def test_figurative_death_with_a_modal(nlp):
    assert figures(nlp, "The city won't succumb to this wave of violence.") == []


def casualties(nlp, text):
    doc = nlp(text)
    return [s._.casualty for s in doc.spans[SPAN_KEY]]


@pytest.mark.parametrize("text, expected", [
    ("Two 25-year-old men were killed in the attack.", ("killed", 2, 2)),  # an age is not a count
    ("The 17-year-old died at the scene.", ("killed", 1, 1)),
    ("Nine motorcycle club members were killed.", ("killed", 9, 9)),  # "nine" hangs from "motorcycle"
    ("30-40 people were wounded in the blast.", ("injured", 30, 40)),
    ("DAYTON -- Three men were wounded in a shooting on Sunday.", ("injured", 3, 3)),  # a dateline
    ("Officers found a man with a gunshot wound.", ("shot", 1, 1)),  # hit: whether he lived is told elsewhere
    ("Both victims were driven to nearby hospitals with gunshot wounds.", ("shot", 2, 2)),
    ("A bullet grazed the arm of a police officer.", ("shot", 1, 1)),
    ("A cashier suffered a graze wound to the arm.", ("shot", 1, 1)),
    ("He was taken to hospital but passed away hours later.", ("killed", 1, 1)),
    ("Detectives are investigating the fatal shooting of a woman.", ("killed", 1, 1)),
    ("Police are investigating the murder of two journalists.", ("killed", 2, 2)),
    ("Police said the double homicide was the city's tenth this year.", ("killed", 2, 2)),
    ("Officers are looking for the gunman in a triple shooting on Main Street.", ("shot", 3, 3)),
    ("One guard was shot and killed and another was wounded.", ("injured", 1, 1)),
    ("The monks, four Italians and one Kenyan, were murdered.", ("killed", 5, 5)),  # a list restating a plural
    ("Tom Reed, 24, and Ann Bell, 32 were taken to hospital with minor injuries.", ("shot", 2, 2)),  # ages
    ("Deputies are looking into an accidental shooting death.", ("killed", 1, 1)),
])
def test_who_and_how_many(nlp, text, expected):
    assert expected in figures(nlp, text)


def test_wounds_count_wounds_not_people(nlp):
    assert not any(low == 3 for _, low, _ in figures(nlp, "The man survived three gunshot wounds."))


def test_apposition_is_not_a_list(nlp):
    assert figures(nlp, "Maria Lopez, the owner's sister, was shot in the leg.") == [("shot", 1, 1)]


@pytest.mark.parametrize("text", [
    "The three men are charged with the attempted murder of two deputies.",
    "The owner wept as he described the death of his dog.",
])
def test_no_one_killed(nlp, text):
    assert not [f for f in figures(nlp, text) if f[0] == "killed"]


def test_an_event_joined_to_the_victims_is_no_victim(nlp):
    found = figures(nlp, "He was charged with the murder of the judge and the kidnapping of his son.")
    assert ("killed", 1, 1) in found


@pytest.mark.parametrize("text, additional", [
    ("Two of his bodyguards were also killed.", True),
    ("Three other people were wounded.", True),
    ("The other three were wounded.", False),  # the rest of those counted, not more
    ("A man shot another man outside a bar.", False),  # another than the man who shot
])
def test_victims_besides_others(nlp, text, additional):
    assert [c.additional for c in casualties(nlp, text)] == [additional]


def test_the_shooter_who_killed_himself_is_one_more(nlp):
    killed_himself = [c for c in casualties(nlp, "The gunman then killed himself.") if c.kind == "killed"]
    assert killed_himself and killed_himself[0].additional


@pytest.mark.parametrize("text, tally", [
    ("Since 2001, 4,000 people have died in such shootings.", True),
    ("Accidental shootings kill dozens of children each year.", True),
    ("A man was found dead in the 1800 block of Main Street on Friday.", False),  # an address, not a year
    ("Ana Ruiz, born in 1970, was shot on Friday.", False),  # the year dates her birth
])
def test_statistics_over_a_period(nlp, text, tally):
    assert [c.tally for c in casualties(nlp, text)] == [tally]


# ---------------------------------------------------------------- an event's figures

def counts(event):
    def pair(count):
        return None if count is None else (count.min, count.max)
    return pair(event.fatalities), pair(event.injuries)


def assault(events, summary_start=""):
    found = [e for e in events if e.event_type == "ASSAULT" and e.summary.startswith(summary_start)]
    assert len(found) == 1, [(e.event_type, e.summary) for e in found]
    return found[0]


def test_others_after_the_dead_are_not_more_than_the_report_says(events_of):
    text = ("One teenager was killed and three others were hurt in a shooting in Dayton on Sunday. "
            "Police said the three hurt teenagers were taken to hospital.")
    assert counts(assault(events_of(text, published="2024-03-11"))) == ((1, 1), (3, 3))


def test_headline_run_into_the_lede(events_of):
    text = ("2 Dead, 3 Hurt in Dayton Shooting\n\nTwo men were killed and three others were hurt in a "
            "shooting in Dayton on Sunday.")
    assert counts(assault(events_of(text, published="2024-03-11"))) == ((2, 2), (3, 3))


def test_victims_also_killed_add_up(events_of):
    text = ("A judge was assassinated in Bogota on Monday in an attack in which two of his bodyguards "
            "were also killed.")
    assert counts(assault(events_of(text)))[0] == (3, 3)


def test_the_gunman_who_killed_himself_counts(events_of):
    text = "A man fatally shot his wife and two sons at their home in Dayton on Sunday before killing himself."
    assert counts(assault(events_of(text, published="2024-03-11")))[0] == (4, 4)


def test_people_found_wounded_who_died_are_not_injured(events_of):
    text = ("Police found three people with gunshot wounds at a house in Dayton on Saturday. "
            "One of them died at the scene.")
    assert counts(assault(events_of(text, published="2024-03-10"))) == ((1, 1), (2, 2))


def test_statistics_are_no_event_toll(events_of):
    text = ("A man was shot dead outside a bar in Dayton on Sunday. Police said 45 people were killed "
            "in the city in February. Since 2010, 300 people have died in shootings there.")
    assert counts(assault(events_of(text, published="2024-03-11"), "A man was shot dead"))[0] == (1, 1)


def test_a_partial_count_from_another_source_is_no_dispute(events_of):
    text = ("Gunmen killed three people at a market in Kidal on Tuesday, police said. The attackers "
            "arrived on motorbikes shortly after noon. Residents said shops stayed closed all day. "
            "The gunmen shot two people near the entrance first, a witness said.")
    event = assault(events_of(text))
    assert counts(event)[0] == (3, 3) and not event.claims
