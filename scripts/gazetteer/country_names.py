#!/usr/bin/env python3
"""Writes gazetteer/country_names.tsv: each gazetteer country's name in every language the site
ships, from the Unicode CLDR (the names operating systems and browsers show).

    cd /tmp && npm pack cldr-localenames-full@48.2.0 && tar xzf cldr-localenames-full-48.2.0.tgz
    python3 scripts/gazetteer/country_names.py /tmp/package

CLDR data is under the Unicode License v3: gazetteer/README.md keeps the notice.

country_names.tsv, one line per country, tab-separated, in countries.tsv's order:
    code  en  fr  es  pt  de  tr
A code CLDR has no name for keeps GeoNames' English name (at CLDR 48: AN and CS, two countries
that no longer exist).
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["en", "fr", "es", "pt", "de", "tr"]


def territories(cldr: Path, language: str) -> dict:
    path = cldr / "main" / language / "territories.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["main"][language]["localeDisplayNames"]["territories"]


def main() -> None:
    cldr = Path(sys.argv[1])
    names = {language: territories(cldr, language) for language in LANGUAGES}
    lines = []
    for line in (ROOT / "gazetteer" / "countries.tsv").read_text(encoding="utf-8").splitlines():
        code, english, _continent = line.split("\t")
        row = [names[language].get(code, english) for language in LANGUAGES]
        lines.append("\t".join([code, *row]))
    (ROOT / "gazetteer" / "country_names.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
