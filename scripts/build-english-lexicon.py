#!/usr/bin/env python3
"""Builds rules/lexicon/english-words.txt from Debian's scowl word lists.

SCOWL (Spell Checker Oriented Word Lists, by Kevin Atkinson) splits English
into lists by spelling category, sub-category and size, in files named
<category>-<sub-category>.<size> under /usr/share/dict/scowl. This script
reads, for every size up to --max-size (default 70):

  categories      english (shared by all spellings), american, british,
                  british_z (British with -ize), and the variant lists up to
                  --variants (default 1: variant_1, british_variant_1, so
                  that "judgement" and "acknowledgement" are in);
  sub-categories  words, upper (capitalized dictionary words: Moscow,
                  Stalin, Bolshevik), proper-names, contractions; with
                  --abbreviations also abbreviations (KGB, NKVD, but also
                  "ob", "sb", "di").

The special lists (roman numerals, hacker jargon) are not read.

It keeps words made of ASCII letters, with an apostrophe or hyphen only
between letters, and drops possessives ("Stalin's"; the contractions "it's",
"let's" and the like, which SCOWL lists with the possessives, are kept).
Case is kept as SCOWL has it. Each line is `word<TAB>tier`, the tier being
the smallest SCOWL size the word appears in (10, 20, 35, 40, 50, 55, 60,
70; smaller is more common), after a one-line `#` header naming the package
version and the options. Sorted by bytes; same package and options, same
bytes out.

Installs scowl with apt-get when it is missing (needs root).

    python3 scripts/build-english-lexicon.py [--max-size 70] [--variants 1]
        [--abbreviations] [--output PATH]
"""
import argparse
import collections
import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from debian_packages import ensure_installed  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "rules" / "lexicon" / "english-words.txt"
PACKAGE = "scowl"
DIR = pathlib.Path("/usr/share/dict/scowl")
SIZES = (10, 20, 35, 40, 50, 55, 60, 70, 80, 95)
CATEGORIES = ("english", "american", "british", "british_z")
VARIANTS = {  # variant level -> the American and British variant categories
    1: ("variant_1", "british_variant_1"),
    2: ("variant_2", "british_variant_2"),
    3: ("variant_3",),  # SCOWL has no british_variant_3
}
SUBCATEGORIES = ("words", "upper", "proper-names", "contractions")
FILE_NAME = re.compile(r"(?P<category>[a-z_0-9]+)-(?P<sub>[a-z-]+)\.(?P<size>\d+)")
WORD = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*")
# SCOWL lists these contractions of "is"/"us" among the possessives, in its
# "words" sub-category; every other word ending in 's is a possessive.
S_CONTRACTIONS = {
    "he's", "here's", "how's", "it's", "let's", "she's", "that's", "there's",
    "what's", "when's", "where's", "who's", "why's",
}
HEADER = (
    "# English word forms from Debian scowl {version} (SCOWL by Kevin Atkinson): "
    "{categories}; {subs}; sizes <= {max_size}. "
    "word<TAB>smallest SCOWL size; see rules/lexicon/README.md"
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-size", type=int, default=70, choices=SIZES,
                        help="largest SCOWL size to read (default: 70)")
    parser.add_argument("--variants", type=int, default=1, choices=(0, 1, 2, 3),
                        help="read the spelling-variant lists up to this level (default: 1)")
    parser.add_argument("--abbreviations", action="store_true",
                        help="also read the abbreviations sub-category")
    parser.add_argument("--output", type=pathlib.Path, default=OUTPUT,
                        help=f"default: {OUTPUT.relative_to(ROOT)}")
    args = parser.parse_args()

    version = ensure_installed(PACKAGE, [DIR])
    categories = list(CATEGORIES)
    for level in range(1, args.variants + 1):
        categories += VARIANTS[level]
    subs = list(SUBCATEGORIES) + (["abbreviations"] if args.abbreviations else [])

    files = []
    for path in sorted(DIR.iterdir()):
        m = FILE_NAME.fullmatch(path.name)
        if not m:
            continue
        if m["category"] in categories and m["sub"] in subs and int(m["size"]) <= args.max_size:
            if int(m["size"]) not in SIZES:
                sys.exit(f"{path}: unexpected SCOWL size {m['size']}")
            files.append((path, m["sub"], int(m["size"])))
    if not files:
        sys.exit(f"no SCOWL lists found in {DIR}")

    tier = {}
    read = 0
    dropped = collections.Counter()
    for path, sub, size in files:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError as e:
            sys.exit(f"{path}: not UTF-8 ({e})")
        for line in lines:
            word = line.strip()
            if not word:
                continue
            read += 1
            if not WORD.fullmatch(word):
                dropped["not ASCII letters with inner ' or -"] += 1
                continue
            if word.endswith("'s") and sub != "contractions" and word not in S_CONTRACTIONS:
                dropped["possessive 's"] += 1
                continue
            if word not in tier or size < tier[word]:
                tier[word] = size

    ordered = sorted(tier, key=lambda w: w.encode("ascii"))
    header = HEADER.format(
        version=version,
        categories=", ".join(categories),
        subs=", ".join(subs),
        max_size=args.max_size,
    )
    text = header + "\n" + "".join(f"{w}\t{tier[w]}\n" for w in ordered)
    data = text.encode("ascii")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)

    per_tier = collections.Counter(tier.values())
    print(f"{PACKAGE} {version}: {len(files)} lists read from {DIR}, {read} lines")
    for reason, n in sorted(dropped.items()):
        print(f"dropped ({reason}): {n}")
    print(f"words written: {len(ordered)}")
    print("per tier: " + ", ".join(f"{s}: {per_tier[s]}" for s in SIZES if s <= args.max_size))
    print(f"capitalized: {sum(1 for w in ordered if w[0].isupper())}")
    print(f"with a hyphen: {sum(1 for w in ordered if '-' in w)}; with an apostrophe: {sum(1 for w in ordered if chr(39) in w)}")
    print(f"{args.output}: {len(data)} bytes")


if __name__ == "__main__":
    main()
