"""The gazetteer: name keys, lookups, the on-disk index, and building from a GeoNames dump."""

from __future__ import annotations

import logging
import sqlite3

import pytest

from eventlens.errors import GazetteerError
from eventlens.resolve import gazetteer as gz
from eventlens.resolve.gazetteer import Gazetteer, build_from_geonames, normalize, without_article


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory) -> Gazetteer:
    """The default index, built once into a private cache directory."""
    cache = tmp_path_factory.mktemp("cache")
    patch = pytest.MonkeyPatch()
    patch.setenv("EVENTLENS_CACHE", str(cache))
    try:
        yield Gazetteer.open()
    finally:
        patch.undo()


def geonames_row(gid, name, lat, lon, fclass="P", fcode="PPL", cc="US", admin1="IN", pop=1000, alternates=""):
    row = [str(gid), name, name, alternates, str(lat), str(lon), fclass, fcode, cc, "", admin1, "", "", "",
           str(pop), "", "200", "America/Indiana/Indianapolis", "2024-01-01"]
    return "\t".join(row)


# ---------------------------------------------------------------- keys

@pytest.mark.parametrize("name, key", [
    ("Kyiv", "kyiv"),
    ("São Paulo", "sao paulo"),
    ("U.S.", "us"),
    ("St. Petersburg", "saint petersburg"),
    ("Saint Petersburg", "saint petersburg"),
    ("Al-Mawsil", "al mawsil"),
    ("N'Djamena", "ndjamena"),
    ("the Gaza Strip", "gaza strip"),
    ("Łódź", "lodz"),
])
def test_normalize_folds_case_accents_and_punctuation(name, key):
    assert normalize(name) == key


def test_arabic_article_is_optional():
    assert without_article("al fashir") == "fashir"
    assert without_article("el fasher") == "fasher"
    assert without_article("alabama") is None
    assert without_article("al ba") is None  # too short to stand alone


# ---------------------------------------------------------------- lookups

def top(gazetteer, name):
    entries = gazetteer.lookup(name)
    assert entries, f"no entry for {name!r}"
    return entries[0]


def test_spelling_variants_resolve_to_one_place(gazetteer):
    assert top(gazetteer, "Kyiv").geonameid == top(gazetteer, "Kiev").geonameid
    assert top(gazetteer, "Mosul").geonameid == top(gazetteer, "Al-Mawsil").geonameid
    assert top(gazetteer, "El Fasher").geonameid == top(gazetteer, "Al-Fashir").geonameid
    assert top(gazetteer, "Kharkiv").geonameid == top(gazetteer, "Kharkov").geonameid


def test_countries_have_geonames_convention_coordinates(gazetteer):
    for name, point in [("United States", (39.76, -98.5)), ("Israel", (31.5, 34.75)), ("Egypt", (27, 30))]:
        entry = top(gazetteer, name)
        assert entry.feature == "country"
        assert (entry.lat, entry.lon) == pytest.approx(point)


@pytest.mark.parametrize("variant, country", [
    ("US", "US"), ("U.S.", "US"), ("America", "US"), ("Britain", "GB"), ("UK", "GB"), ("DRC", "CD"),
])
def test_country_name_variants(gazetteer, variant, country):
    entry = top(gazetteer, variant)
    assert (entry.feature, entry.country) == ("country", country)


@pytest.mark.parametrize("demonym, country", [
    ("Azerbaijani", "AZ"), ("Sudanese", "SD"), ("Israeli", "IL"), ("Israelis", "IL"),
    ("Americans", "US"), ("Salvadoran", "SV"),
])
def test_demonyms_map_to_their_country(gazetteer, demonym, country):
    entry = top(gazetteer, demonym)
    assert (entry.feature, entry.country, entry.match) == ("country", country, "demonym")


def test_named_regions_exist(gazetteer):
    for name, country in [("Darfur", "SD"), ("Donbas", "UA"), ("Gaza Strip", "PS"), ("West Bank", "PS"),
                          ("Nagorno-Karabakh", "AZ"), ("Central Luzon", "PH")]:
        entry = next(e for e in gazetteer.lookup(name) if e.feature in {"region", "admin1"})
        assert entry.country == country


def test_state_abbreviations_are_marked_as_such(gazetteer):
    for abbreviation, state in [("Ind.", "Indiana"), ("S.C.", "South Carolina"), ("Calif.", "California"),
                                ("TX", "Texas"), ("W.Va.", "West Virginia")]:
        entry = next(e for e in gazetteer.lookup(abbreviation) if e.feature == "admin1")
        assert entry.name == state and entry.match == "abbreviation"


def test_ambiguous_names_keep_every_sense(gazetteer):
    georgia = {(e.feature, e.country) for e in gazetteer.lookup("Georgia")}
    assert {("country", "GE"), ("admin1", "US")} <= georgia
    counties = {e.admin1 for e in gazetteer.lookup("Anderson County")}
    assert {"Texas", "South Carolina", "Kentucky"} <= counties


def test_bigger_places_rank_first(gazetteer):
    paris = top(gazetteer, "Paris")
    assert paris.country == "FR" and paris.population > 1_000_000
    assert top(gazetteer, "Aleppo").feature == "populated_place"  # the city, not the governorate


def test_admin1_of_a_populated_place(gazetteer):
    kokomo = top(gazetteer, "Kokomo")
    assert (kokomo.country, kokomo.admin1, kokomo.admin1_code) == ("US", "Indiana", "US.IN")


def test_unknown_names_have_no_entry(gazetteer):
    assert gazetteer.lookup("Qzxwvplace") == []
    assert gazetteer.lookup("") == []


def test_known_names_for_truecasing(gazetteer):
    for word in ("texas", "sudanese", "baghdad", "ukraine", "kyiv"):
        assert gazetteer.is_known_name(word), word
    for word in ("reading", "mobile", "split", "the", "police", "van"):
        assert not gazetteer.is_known_name(word), word


def test_lookups_are_fast(gazetteer):
    import time

    names = ["Kokomo", "Georgia", "Aleppo", "Sudanese", "Mosul", "Darfur"] * 200
    gazetteer._cache.clear()
    started = time.perf_counter()
    for name in names:
        gazetteer.lookup(name)
    assert time.perf_counter() - started < 1.0


# ---------------------------------------------------------------- the index file

def test_index_is_a_compact_sqlite_file(gazetteer):
    assert gazetteer.path.name.startswith(f"gazetteer-v{gz.FORMAT_VERSION}-")
    assert gazetteer.path.stat().st_size < 80_000_000
    assert gazetteer.stats()["places"] > 200_000


def test_explicit_corrupt_index_is_refused(tmp_path):
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not a database at all")
    with pytest.raises(GazetteerError):
        Gazetteer.open(broken)


def test_corrupt_default_index_is_rebuilt_with_a_log_message(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("EVENTLENS_CACHE", str(tmp_path))
    path = gz.default_index_path()
    path.write_bytes(b"garbage")
    dump = tmp_path / "tiny.txt"
    dump.write_text(geonames_row(1, "Testville", 40.0, -86.0) + "\n", encoding="utf-8")
    monkeypatch.setattr(gz, "build_default_index", lambda p: build_from_geonames(dump, out=p))
    with caplog.at_level(logging.WARNING, logger="eventlens.resolve.gazetteer"):
        rebuilt = Gazetteer.open()
    assert "rebuilding" in caplog.text
    assert top(rebuilt, "Testville").lat == 40.0


# ---------------------------------------------------------------- a GeoNames dump

def test_build_from_a_geonames_dump(tmp_path):
    rows = [
        geonames_row(101, "Kokomo", 40.48643, -86.1336, pop=57_000, alternates="Kokomo City,Кокомо"),
        geonames_row(102, "Indiana", 40.00032, -86.25027, fclass="A", fcode="ADM1", pop=6_000_000),
        geonames_row(103, "Lostplace", 123.0, 40.0),  # absurd latitude
        geonames_row(104, "", 10.0, 10.0),  # no name
        "105\tShortrow\t1.0\t2.0",  # wrong column count
        geonames_row(106, "Nowhere", 0, 0),  # null island
        geonames_row(107, "Al-Fashir", 13.62, 25.35, cc="SD", admin1="55", pop=250_000),
    ]
    dump = tmp_path / "allCountries.txt"
    dump.write_text("\n".join(rows) + "\n", encoding="utf-8")
    codes = tmp_path / "admin1CodesASCII.txt"
    codes.write_text("US.IN\tIndiana\tIndiana\t4921868\nSD.55\tNorth Darfur\tNorth Darfur\t408660\n", encoding="utf-8")

    index = Gazetteer.open(build_from_geonames(dump, admin_codes=codes, out=tmp_path / "full.sqlite"))

    kokomo = top(index, "Kokomo City")
    assert (kokomo.geonameid, kokomo.admin1, kokomo.country) == (101, "Indiana", "US")
    assert index.lookup("Кокомо") == []  # only Latin-script alternates are kept
    assert top(index, "Indiana").feature == "admin1"
    assert top(index, "Fashir").admin1 == "North Darfur"
    for rejected in ("Lostplace", "Shortrow", "Nowhere"):
        assert index.lookup(rejected) == []
    assert top(index, "Sudanese").feature == "country"  # the curated layers come along
    with sqlite3.connect(index.path) as conn:
        assert conn.execute("SELECT v FROM meta WHERE k = 'format'").fetchone()[0] == str(gz.FORMAT_VERSION)
