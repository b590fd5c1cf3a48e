#!/usr/bin/env python3
"""Builds rules/lexicon/russian-surnames.txt, a list of surnames and first names.

The Python package natasha (PyPI, version pinned below; MIT licence) ships
two plain lists a named-entity recogniser checks names against:
natasha/data/dicts/last.txt (182,339 surnames, lower case, nominative:
чубарь, лебедь, сагоян) and first.txt (7,658 first names). emend reads the
reading of a capitalised word no other list confirms against them (see
rules/lexicon/README.md and rules/README.md). This script writes each form
once: NFC lower case, Russian letters only (а-я, ё, a hyphen inside a
word), after a tab its classes, S surname and N first name (both: SN); a
form with ё is also written with е, and that е spelling ends its classes
with e when the lists have no form written so (хрущев Se beside хрущёв S).
Sorted by UTF-8 bytes, after a one-line header naming the package version.

The wheel is downloaded with pip (or given with --wheel) and checked
against its SHA-256; nothing is installed. The same wheel gives the same
bytes.

    python3 scripts/build-russian-surnames.py [--wheel FILE] [--output PATH] [--if-stale]

With --if-stale, an existing list whose header is this script's is kept
(scripts/setup and scripts/install).
"""
import re
import unicodedata
import zipfile
from pathlib import Path

from pinned_wheel import classes_field, is_current, list_arguments, pinned_wheel, write_list

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "rules" / "lexicon" / "russian-surnames.txt"
PACKAGE = "natasha"
VERSION = "0.10.0"
TAG = "py2.py3-none-any"
EXPECTED_SHA256 = "2d1de8e425f3d3ee1d7b3eba50c97a6ecc2c1511e1e5c7e499df0dd51bb29761"
LISTS = {"natasha/data/dicts/last.txt": "S", "natasha/data/dicts/first.txt": "N"}
HEADER = ("# Russian surnames and first names (natasha, MIT) from PyPI {package} {version}, last.txt and first.txt; "
          "classes S surname, N first name, e for a ё form's е spelling; see rules/lexicon/README.md")
RUSSIAN_WORD = re.compile(r"[а-яё]+(?:-[а-яё]+)*")


def read_lists(wheel):
    """Form → its classes, from the wheel's two lists."""
    forms = {}
    with zipfile.ZipFile(wheel) as archive:
        for member, mark in LISTS.items():
            for line in archive.read(member).decode("utf-8").splitlines():
                word = unicodedata.normalize("NFC", line.strip()).lower()
                if RUSSIAN_WORD.fullmatch(word):
                    forms.setdefault(word, set()).add(mark)
    return forms


def lines_of(forms):
    """The list's lines: every form, and the е spelling of each ё form (marked e when it is no form of its own)."""
    written = set(forms)
    merged = {}
    for word, marks in forms.items():
        for spelling in {word, word.replace("ё", "е")}:
            merged.setdefault(spelling, set()).update(marks)
    return sorted((word + "\t" + classes_field(marks) + ("" if word in written else "e")
                   for word, marks in merged.items()), key=lambda line: line.encode("utf-8"))


def main():
    args = list_arguments(__doc__, OUTPUT, "--wheel", f"a downloaded {PACKAGE}-{VERSION}-{TAG}.whl (default: download it with pip)")
    header = HEADER.format(package=PACKAGE, version=VERSION)
    if is_current(args.output, header, args.if_stale):
        return
    wheel = pinned_wheel(args.wheel, PACKAGE, VERSION, EXPECTED_SHA256, "build-russian-surnames.py", tag=TAG)
    lines = lines_of(read_lists(wheel))
    write_list(args.output, header, lines, "forms")


if __name__ == "__main__":
    main()
