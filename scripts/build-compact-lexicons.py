#!/usr/bin/env python3
"""Builds the word tables emend searches in place, without building anything at start.

Writes Sources/Emend/Generated/CompactLexicons.swift with two tables:

  english        rules/lexicon/english-words.txt: each word with its tier;
  name spellings every scheme's spelling (popular without signs, loc, bgn;
                 ё read as е) of the non-acronym headwords of
                 rules/lexicon/headwords.txt and names.txt, with every pinned
                 form: the words the garbles stage counts as names. They come
                 from ICU through `emend translit` (built with `swift build -c
                 release` when missing), run with the headword lexicons left
                 empty as the garbles stage converts them.

Each table is text compiled into the binary as a string literal: the entries
`word value` one a line, grouped by hash bucket (the hash of emend's
ByteStringTable, taken over the word's UTF-8 bytes), and the offset of each
bucket's first entry as four digits of six bits (the characters from "0",
0x30, to "o", 0x6F; most significant first). A look-up hashes the word, reads two
offsets and compares the few entries between them; nothing is parsed or
allocated at start. Run it after editing those files or the transliteration
rules; a test fails while the tables and their sources disagree.
"""
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEXICON = ROOT / "rules" / "lexicon"
OUTPUT = ROOT / "Sources" / "Emend" / "Generated" / "CompactLexicons.swift"
EMEND = ROOT / ".build" / "release" / "emend"
MASK = (1 << 64) - 1
OFFSETS_PER_LINE = 64


def byte_string_hash(data):
    """ByteStringTable.hash: 8 bytes at a time (little-endian), multiply-mix."""
    h = 0x243F6A8885A308D3 ^ len(data)
    index = 0
    while index + 8 <= len(data):
        h = ((h ^ int.from_bytes(data[index:index + 8], "little")) * 0x9E3779B97F4A7C15) & MASK
        h ^= h >> 29
        index += 8
    tail = int.from_bytes(data[index:], "little")
    h = ((h ^ tail) * 0xBF58476D1CE4E5B9) & MASK
    return h ^ (h >> 31)


def english_entries():
    entries = {}
    for line in (LEXICON / "english-words.txt").read_text(encoding="utf-8").split("\n"):
        if not line or line.startswith("#"):
            continue
        word, _, tier = line.partition("\t")
        entries[word] = int(tier) if tier.isdigit() else 70
    return entries


def headword_entries():
    """The merged headword lexicons: {headword: (is_acronym, [pinned forms])};
    an entry of a later file replaces an earlier one whole."""
    merged = {}
    for name in ["headwords.txt", "names.txt"]:
        entries = {}
        for raw in (LEXICON / name).read_text(encoding="utf-8").split("\n"):
            line = raw[:-1] if raw.endswith("\r") else raw
            line = line.split("#", 1)[0]
            if not line.strip(" \t"):
                continue
            fields = line.split("\t")
            headword = fields[0].strip(" ")
            acronym, pins = entries.get(headword, (False, {}))
            for field in fields[1:]:
                text = field.strip(" ")
                if text == "acronym":
                    acronym = True
                elif "=" in text:
                    scheme, form = text.split("=", 1)
                    pins[scheme] = form
            entries[headword] = (acronym, pins)
        merged.update(entries)
    return merged


def name_spellings():
    if not EMEND.exists():
        subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True, stdout=sys.stderr)
    headwords = headword_entries()
    words = sorted(h for h, (acronym, _) in headwords.items() if not acronym)
    spellings = set()
    with tempfile.TemporaryDirectory() as rules:
        (Path(rules) / "lexicon").mkdir()
        for name in ["headwords.txt", "names.txt"]:
            (Path(rules) / "lexicon" / name).write_text("", encoding="utf-8")
        for scheme, flags in [("popular", ["--drop-signs"]), ("loc", []), ("bgn", [])]:
            out = subprocess.run([str(EMEND), "translit", "--to", scheme, "--no-yo", "--rules", rules] + flags,
                                 input="\n".join(words) + "\n", capture_output=True, text=True, check=True).stdout
            converted = out.split("\n")[:-1]
            if len(converted) != len(words):
                sys.exit(f"emend translit --to {scheme} gave {len(converted)} lines for {len(words)} headwords")
            spellings.update(converted)
    for _, pins in headwords.values():
        spellings.update(pins.values())
    return {spelling: 0 for spelling in spellings}


def table(name, entries, summary):
    """Swift source of one table: bucket offsets and entries, grouped by bucket."""
    buckets = 16
    while buckets < len(entries):
        buckets <<= 1
    grouped = [[] for _ in range(buckets)]
    for word in sorted(entries):
        grouped[byte_string_hash(word.encode("utf-8")) & (buckets - 1)].append(word)
    body = []
    offsets = []
    position = 0
    for bucket in grouped:
        offsets.append(position)
        for word in bucket:
            line = f"{word} {entries[word]:02d}\n"
            body.append(line)
            position += len(line.encode("utf-8"))
    offsets.append(position)
    if position >= 1 << 24:
        sys.exit(f"table {name} is too large for four digits of offset")
    digits = lambda o: "".join(chr(0x30 + ((o >> shift) & 63)) for shift in (18, 12, 6, 0))
    offset_lines = ["".join(digits(o) for o in offsets[i:i + OFFSETS_PER_LINE])
                    for i in range(0, len(offsets), OFFSETS_PER_LINE)]
    return [
        f"    /// {summary}",
        f"    package static let {name} = CompactWordTable(",
        f"        count: {len(entries)}, bucketCount: {buckets}, offsetsPerLine: {OFFSETS_PER_LINE},",
        '        offsets: #"""',
        *offset_lines,
        '"""#,',
        '        entries: #"""',
        "".join(body) + '\n"""#)',
        "",
    ]


def main():
    english = english_entries()
    names = name_spellings()
    lines = [
        "// Generated by scripts/build-compact-lexicons.py from rules/lexicon/ and rules/translit/. Do not edit.",
        "",
        "/// The word lists emend searches in place (see `CompactWordTable`).",
        "package enum CompactLexicons {",
        *table("english", english, "rules/lexicon/english-words.txt: each word with its tier."),
        *table("nameSpellings", names,
               "Every scheme's spelling of the name lexicon's headwords, and their pinned forms (value 0)."),
        "}",
        "",
    ]
    OUTPUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(english)} English words and {len(names)} name spellings in {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
