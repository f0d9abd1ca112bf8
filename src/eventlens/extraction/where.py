"""Where an event happened: the place its own clause names, else its sentence's, else the
place the document is about (CODEBOOK section 5); and the document's list of places."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from eventlens.models import Location, PlaceMention
from eventlens.resolve.gazetteer import default_gazetteer

# Places this large are rarely misread; smaller ones must agree with the document's province.
WELL_KNOWN_POPULATION = 50_000
# Feature classes of places that can be where an event happened, most specific first.
FEATURE_ORDER = ("populated_place", "admin2", "district", "admin1", "region", "country")
PRECISION_OF_FEATURE = {"populated_place": "exact", "admin2": "district", "district": "district",
                        "admin1": "region", "region": "region", "country": "country"}


def document_focus(doc: Doc):
    """The place the document is about: the toponym component's choice, else the most
    mentioned populated place."""
    if doc._.focus is not None:
        return doc._.focus
    places = [s._.place for s in doc.spans.get("toponyms", []) if s._.place is not None]
    towns = Counter(p.geonameid for p in places if p.feature == "populated_place")
    if towns:
        top = towns.most_common(1)[0][0]
        return next(p for p in places if p.geonameid == top)
    return places[0] if places else None


def event_location(mentions, focus, text: str) -> Location | None:
    """The most specific place the event's mentions name, else the document's focus."""
    candidates = [span for m in mentions for span in m.toponyms]
    if candidates:
        # A place that fits the document beats a more specific one that does not.
        best = min(candidates, key=lambda span: (not coherent(span._.place, focus), place_rank(span)))
        if not _misread(best, focus) and not _focus_within(best._.place, focus):
            return location_of(best._.place, text[best.start_char:best.end_char])
    if focus is not None:
        return location_of(focus, None)
    return None


def coherent(place, focus) -> bool:
    """Whether a place fits the document: in the focus's country, and in its province or
    large enough to be known. A village of the same name two states away is more often a
    misread neighbourhood or landmark than the place of a second incident."""
    if focus is None:
        return True
    if place.country != focus.country:
        return False
    return place.admin1 == focus.admin1 or (place.population or 0) >= WELL_KNOWN_POPULATION


def _focus_within(place, focus) -> bool:
    """Whether the event's place is a province or district that holds the town the document
    is about ("a shooting in Georgia" in a story from a Georgia town): the town is more precise."""
    if focus is None or focus.feature != "populated_place" or place.feature not in {"admin1", "admin2", "district"}:
        return False
    return focus.country == place.country and focus.admin1 == place.admin1


def _misread(span: Span, focus) -> bool:
    """A small place that does not fit the document, under a name many places share: more
    likely a neighbourhood the gazetteer lacks ("Whitehaven" in a Memphis story) than a
    second town; the document's focus places the event better."""
    place = span._.place
    if focus is None or focus.feature != "populated_place" or coherent(place, focus):
        return False
    return (place.population or 0) < WELL_KNOWN_POPULATION and (
        place.country != focus.country or _shared_name(span.text))


def _shared_name(name: str) -> bool:
    return len({(e.country, e.admin1) for e in default_gazetteer().lookup(name)}) > 1


def place_rank(span: Span) -> int:
    """How specific a toponym's place is: towns first, countries last."""
    feature = span._.place.feature
    return FEATURE_ORDER.index(feature) if feature in FEATURE_ORDER else len(FEATURE_ORDER)


def location_of(place, text: str | None) -> Location:
    precision = getattr(place, "precision", None) or PRECISION_OF_FEATURE.get(place.feature, "exact")
    return Location(name=place.name, geonameid=place.geonameid, lat=place.lat, lon=place.lon,
                    country=place.country, admin1=place.admin1, precision=precision, text=text)


def place_mentions(doc: Doc, text: str) -> list[PlaceMention]:
    """Every resolved toponym of the document, with its offsets."""
    mentions = []
    for span in doc.spans.get("toponyms", []):
        place = span._.place
        if place is None:
            continue
        mentions.append(PlaceMention(
            start=span.start_char, end=span.end_char, text=text[span.start_char:span.end_char],
            name=place.name, lat=place.lat, lon=place.lon, geonameid=place.geonameid,
            country=place.country, feature=place.feature))
    return mentions
