#!/usr/bin/env python3
"""Builds rules/lexicon/world-names.txt, the surnames and first names the English-speaking world bears.

The Python package names (PyPI, version pinned below; MIT licence) ships the
name lists of the 1990 United States census (a work of the US Census Bureau,
in the public domain): names/dist.all.last (88,799 surnames),
names/dist.male.first (1,219 first names) and names/dist.female.first
(4,275). emend keeps a capitalised word of English prose that these lists
have (Falk, Elkins, Cordova, Yagoda) as it is, and lists its Russian
reading for review, when only a rule other than the hand lexicon would
convert it and it is spelled as English names may be (see
rules/lexicon/README.md and rules/README.md). This script writes each name
once, in small ASCII letters, after a tab its classes, S surname and N first
name (both: SN), sorted by bytes, after a one-line header naming the package
version.

The package has no wheel: its source archive is downloaded with pip (or
given with --archive) and checked against its SHA-256; nothing is installed
(pip reads the archive's metadata). The same archive gives the same bytes.

    python3 scripts/build-world-names.py [--archive FILE] [--output PATH] [--if-stale]

With --if-stale, an existing list whose header is this script's is kept
(scripts/setup and scripts/install).
"""
import re
import tarfile
from pathlib import Path

from pinned_wheel import classes_field, is_current, list_arguments, pinned_archive, write_list

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "rules" / "lexicon" / "world-names.txt"
PACKAGE = "names"
VERSION = "0.3.0"
ARCHIVE = f"{PACKAGE}-{VERSION}.tar.gz"
EXPECTED_SHA256 = "726e46254f2ed03f1ffb5d941dae3bc67c35123941c29becd02d48d0caa2a671"
LISTS = {"names/dist.all.last": "S", "names/dist.male.first": "N", "names/dist.female.first": "N"}
HEADER = ("# Surnames and first names of the 1990 United States census (public domain) from PyPI {package} {version} (MIT), "
          "dist.all.last, dist.male.first and dist.female.first; classes S surname, N first name; see rules/lexicon/README.md")
NAME = re.compile(r"[a-z]+")


def read_lists(archive):
    """Name → its classes, from the archive's three lists (each line: the name in capitals, then figures)."""
    forms = {}
    with tarfile.open(archive) as tar:
        for member, mark in LISTS.items():
            data = tar.extractfile(f"{PACKAGE}-{VERSION}/{member}").read().decode("ascii")
            for line in data.splitlines():
                fields = line.split()
                if fields and NAME.fullmatch(fields[0].lower()):
                    forms.setdefault(fields[0].lower(), set()).add(mark)
    return forms


def main():
    args = list_arguments(__doc__, OUTPUT, "--archive", f"a downloaded {ARCHIVE} (default: download it with pip)")
    header = HEADER.format(package=PACKAGE, version=VERSION)
    if is_current(args.output, header, args.if_stale):
        return
    archive = pinned_archive(args.archive, PACKAGE, VERSION, EXPECTED_SHA256, "build-world-names.py", ARCHIVE)
    forms = read_lists(archive)
    lines = sorted(word + "\t" + classes_field(marks) for word, marks in forms.items())
    write_list(args.output, header, lines, "names")


if __name__ == "__main__":
    main()
