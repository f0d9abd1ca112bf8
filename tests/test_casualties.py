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
