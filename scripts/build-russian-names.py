#!/usr/bin/env python3
"""Builds rules/lexicon/russian-names.txt from the OpenCorpora dictionary.

The OpenCorpora dictionary of Russian, as compiled for pymorphy3 (PyPI
package pymorphy3-dicts-ru), tags every form of a surname (Surn), a first
name (Name), a patronymic (Patr) and a place name (Geox). This script writes
each such form once: NFC lower case, Russian letters only (а-я, ё, a hyphen
inside a word), a form with ё also written with е, sorted by UTF-8 bytes,
after a one-line header naming the package version. After a tab, the classes
the form has: s surname, n first name, p patronymic, g place; a capital
letter when the form is the nominative singular of that class (ежов sS: the
surname Ежов in the nominative; ежова s: one of its case forms, and S
as the woman's surname Ежова); then e when the form is in the dictionary
only as the е spelling of a ё form: no form of any word is written so
(хрущев Se: Хрущёв written with е; семен Ne; тема, Тёма's spelling and a
word of its own, has no e). Same package version, same bytes.

The package and its reader (pymorphy3, which reads the DAWG files) are
installed with pip into a virtual environment under .build/names-venv, at
the pinned versions below; PyPI must be reachable the first time.

    python3 scripts/build-russian-names.py [--output PATH] [--if-stale]

With --if-stale, an existing list whose header is this script's is kept
(scripts/setup and scripts/install: a list of an older format is remade).
"""
import argparse
import os
import pathlib
import re
import subprocess
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "rules" / "lexicon" / "russian-names.txt"
VENV = ROOT / ".build" / "names-venv"
PACKAGE = "pymorphy3-dicts-ru"
VERSION = "2.4.417150.4580142"
READER = "pymorphy3==2.0.6"
HEADER = ("# Russian name forms (OpenCorpora, CC BY-SA 3.0) from PyPI {package} {version}; "
          "classes s n p g, e for a ё form's е spelling; see rules/lexicon/README.md")
RUSSIAN_WORD = re.compile(r"[а-яё]+(?:-[а-яё]+)*")
CLASSES = {"Surn": "s", "Name": "n", "Patr": "p", "Geox": "g"}


def ensure_venv():
    """The venv's python, with the pinned reader and dictionary installed."""
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {VENV}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    probe = subprocess.run([str(python), "-c", "import pymorphy3_dicts_ru, pymorphy3, sys; "
                            "from importlib.metadata import version; "
                            "sys.exit(0 if version('pymorphy3-dicts-ru') == sys.argv[1] else 1)", VERSION],
                           capture_output=True)
    if probe.returncode != 0:
        print(f"installing {PACKAGE}=={VERSION} and {READER} with pip", file=sys.stderr)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        f"{PACKAGE}=={VERSION}", READER], check=True)
    return python


def extract(output):
    """Runs inside the venv: reads every known word form and writes the list."""
    import pymorphy3
    analyzer = pymorphy3.MorphAnalyzer(lang="ru")
    forms = {}
    # Every form the dictionary has as written, names or not (ё or not): an е
    # spelling added for a ё form that is none of them is marked e (тема, a
    # word of its own, is never Тёма's spelling).
    written = set()
    for word, tag, _normal, _paradigm, _index in analyzer.dictionary.iter_known_words():
        written.add(unicodedata.normalize("NFC", word).lower())
        grammemes = tag.grammemes
        found = [CLASSES[name] for name in CLASSES if name in grammemes]
        if not found:
            continue
        word = unicodedata.normalize("NFC", word).lower()
        if not RUSSIAN_WORD.fullmatch(word):
            continue
        nominative = "sing" in grammemes and "nomn" in grammemes
        marks = {letter.upper() if nominative else letter for letter in found}
        spellings = {word, word.replace("ё", "е")}
        for spelling in spellings:
            forms.setdefault(spelling, set()).update(marks)
    order = lambda m: ("spng".index(m.lower()), m.isupper())
    lines = sorted((word + "\t" + "".join(sorted(marks, key=order)) + ("" if word in written else "e")
                    for word, marks in forms.items()), key=lambda line: line.encode("utf-8"))
    header = HEADER.format(package=PACKAGE, version=VERSION)
    data = (header + "\n" + "\n".join(lines) + "\n").encode("utf-8")
    tmp = pathlib.Path(str(output) + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, output)
    print(f"wrote {output}: {len(lines):,} forms, {len(data):,} bytes", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=pathlib.Path, default=OUTPUT)
    parser.add_argument("--if-stale", action="store_true", help="keep a list this script made (its header)")
    parser.add_argument("--extract", action="store_true", help=argparse.SUPPRESS)  # run inside the venv
    args = parser.parse_args()
    if args.extract:
        extract(args.output)
        return
    if args.if_stale and args.output.exists():
        with open(args.output, encoding="utf-8") as file:
            if file.readline().rstrip("\n") == HEADER.format(package=PACKAGE, version=VERSION):
                return
        print(f"{args.output} is of an older format: remaking it", file=sys.stderr)
    python = ensure_venv()
    subprocess.run([str(python), str(pathlib.Path(__file__).resolve()), "--extract", "--output",
                    str(args.output.resolve())], check=True)


if __name__ == "__main__":
    main()
