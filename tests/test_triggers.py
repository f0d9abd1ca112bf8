import pytest

from eventlens.nlp.triggers import SPAN_KEY


def triggers(nlp, text):
    doc = nlp(text)
    return [(s.text, s._.trigger.type, s._.trigger.mode) for s in doc.spans[SPAN_KEY]]


@pytest.mark.parametrize("text, word, event_type, mode", [
    ("Gunmen opened fire on a police checkpoint.", "opened", "ASSAULT", "firearms"),
    ("An air strike hit the market in the morning.", "strike", "ASSAULT", "aerial"),
    ("A drone strike killed two commanders.", "strike", "ASSAULT", "drone"),
    ("Teachers went on strike over unpaid salaries.", "strike", "PROTEST", "strike"),
    ("The prisoners began a hunger strike on Monday.", "strike", "PROTEST", "hunger_strike"),
    ("Thousands of students rallied outside parliament.", "rallied", "PROTEST", "demonstrate"),
    ("Rebels seized the town after a long siege.", "seized", "COERCE", "seize"),
    ("Police arrested the opposition leader at dawn.", "arrested", "COERCE", "arrest"),
    ("Engineers defused a bomb found near the bridge.", "defused", "COERCE", "disrupt"),
    ("The two sides agreed to a ceasefire late on Friday.", "ceasefire", "AGREE", "ceasefire"),
    ("The ministers met their counterparts in Vienna.", "met", "CONSULT", "meet"),
    ("The army shelled the outskirts of the city.", "shelled", "ASSAULT", "artillery"),
    ("Gunmen kidnapped three aid workers on the highway.", "kidnapped", "ASSAULT", "abduction"),
])
def test_trigger_types_and_modes(nlp, text, word, event_type, mode):
    assert (word, event_type, mode) in triggers(nlp, text)


@pytest.mark.parametrize("text", [
    "He suffered a heart attack at his desk.",
    "She shot a video of the parade.",
    "The company refused to comment on the report.",
    "The mayor plans to sign up for the newsletter.",
    "Talks show hosts discussed the weather.",
])
def test_no_event_words(nlp, text):
    found = triggers(nlp, text)
    assert not [t for t in found if t[1] in {"ASSAULT", "REJECT", "AGREE"}], found


def test_date_words_are_not_triggers(nlp):
    # "March" the month is not a protest march.
    assert triggers(nlp, "The talks ended on 27 March in Geneva.") == [("talks", "CONSULT", "talks")]
