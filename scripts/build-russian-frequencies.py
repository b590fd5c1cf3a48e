#!/usr/bin/env python3
"""Builds rules/lexicon/russian-frequencies.txt and english-frequencies.txt: how often Russian and English text use each word form.

The Python package wordfreq (PyPI, version pinned below; code Apache-2.0,
data CC BY-SA 4.0, so the list written here is CC BY-SA 4.0 too) ships word
frequencies of Russian and English text: wordfreq/data/large_ru.msgpack.gz
and large_en.msgpack.gz, gathered from Wikipedia, subtitles, news, books, the
web and social media (the sources wordfreq names: rules/lexicon/README.md).
emend reads them as evidence that a capitalised word no list confirms is a
Russian name: Russian text uses its one reading far above its other
readings, and English text never writes the word (Chuev, Mezhlauk,
Unshlikht: Чуев, Межлаук, Уншлихт; not Yamamoto, Staley, Narayan, which
Russian text writes as Ямамото, Стейли, Нараян but English text writes too).
See rules/lexicon/README.md and rules/README.md.

This script writes russian-frequencies.txt, every form of Russian letters
alone (а-я, ё, a hyphen inside a word), and english-frequencies.txt, every
form of ASCII small letters alone, each with, after a tab, its Zipf
frequency times ten (10 to 80: Zipf 1 is once in a hundred million words, 8
once in a hundred), sorted by UTF-8 bytes after a one-line header naming the
package version. wordfreq lists words in lower case, with ё as written.

The wheel is downloaded with pip (or given with --wheel) and checked against
its SHA-256; nothing is installed (the msgpack data is read by the small
reader below). The same wheel gives the same bytes.

    python3 scripts/build-russian-frequencies.py [--wheel FILE] [--folder DIR] [--if-stale]

With --if-stale, existing lists whose headers are this script's are kept
(scripts/setup and scripts/install).
"""
import argparse
import gzip
import os
import re
import struct
import sys
import zipfile
from pathlib import Path

from pinned_wheel import pinned_wheel

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "rules" / "lexicon"
PACKAGE = "wordfreq"
VERSION = "3.1.1"
EXPECTED_SHA256 = "4b1c6ecffc6198be3396d5cf871c4423ca71c907c231348d352dd54d62b97473"
# Each list: its file, the wheel's data file, the language named in its header, the forms kept.
LISTS = [
    ("russian-frequencies.txt", "wordfreq/data/large_ru.msgpack.gz", "Russian", re.compile(r"[а-яё]+(?:-[а-яё]+)*")),
    ("english-frequencies.txt", "wordfreq/data/large_en.msgpack.gz", "English", re.compile(r"[a-z]+")),
]
HEADER = ("# {language} word frequencies (wordfreq, data CC BY-SA 4.0) from PyPI {package} {version}, {data}; "
          "word<TAB>Zipf frequency times ten; see rules/lexicon/README.md")


def unpack(data, offset=0):
    """The msgpack value at `offset` and the offset after it: the types wordfreq's lists use
    (maps, arrays, strings, integers) and nothing else."""
    byte = data[offset]
    offset += 1

    def sized(size_format):
        size = struct.calcsize(size_format)
        return struct.unpack_from(size_format, data, offset)[0], offset + size

    if byte <= 0x7F:
        return byte, offset
    if 0xA0 <= byte <= 0xBF or byte in (0xD9, 0xDA, 0xDB):
        length, offset = (byte & 0x1F, offset) if byte <= 0xBF else sized({0xD9: ">B", 0xDA: ">H", 0xDB: ">I"}[byte])
        return data[offset:offset + length].decode("utf-8"), offset + length
    if 0x90 <= byte <= 0x9F or byte in (0xDC, 0xDD):
        count, offset = (byte & 0x0F, offset) if byte <= 0x9F else sized({0xDC: ">H", 0xDD: ">I"}[byte])
        items = []
        for _ in range(count):
            item, offset = unpack(data, offset)
            items.append(item)
        return items, offset
    if 0x80 <= byte <= 0x8F or byte in (0xDE, 0xDF):
        count, offset = (byte & 0x0F, offset) if byte <= 0x8F else sized({0xDE: ">H", 0xDF: ">I"}[byte])
        mapping = {}
        for _ in range(count):
            key, offset = unpack(data, offset)
            mapping[key], offset = unpack(data, offset)
        return mapping, offset
    if byte in (0xCC, 0xCD, 0xCE, 0xCF):
        return sized({0xCC: ">B", 0xCD: ">H", 0xCE: ">I", 0xCF: ">Q"}[byte])
    sys.exit(f"build-russian-frequencies: msgpack type 0x{byte:02x} at byte {offset - 1} is not one wordfreq's lists use")


def read_frequencies(wheel, data, kept):
    """Form → Zipf times ten, from the wheel's list `data` (the first, most frequent bucket a form is in), for the forms `kept` matches."""
    with zipfile.ZipFile(wheel) as archive:
        lists, _ = unpack(gzip.decompress(archive.read(data)))
    header, buckets = lists[0], lists[1:]
    if header != {"format": "cB", "version": 1}:
        sys.exit(f"build-russian-frequencies: unknown data format {header}")
    forms = {}
    # Bucket i holds the words of frequency 10^(-i/100): Zipf 9 - i/100.
    for centibels, words in enumerate(buckets):
        for word in words:
            if kept.fullmatch(word) and word not in forms:
                forms[word] = round((900 - centibels) / 10)
    return forms


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wheel", help=f"a downloaded {PACKAGE}-{VERSION}-py3-none-any.whl (default: download it with pip)")
    parser.add_argument("--folder", type=Path, default=FOLDER, help="where the lists are written (default: rules/lexicon)")
    parser.add_argument("--if-stale", action="store_true", help="keep lists this script made (their headers)")
    args = parser.parse_args()
    stale = []
    for name, data, language, kept in LISTS:
        output = args.folder / name
        header = HEADER.format(language=language, package=PACKAGE, version=VERSION, data=data)
        if args.if_stale and output.exists():
            with open(output, encoding="utf-8") as file:
                if file.readline().rstrip("\n") == header:
                    continue
            print(f"{output} is of an older format: remaking it", file=sys.stderr)
        stale.append((output, header, data, kept))
    if not stale:
        return
    wheel = pinned_wheel(args.wheel, PACKAGE, VERSION, EXPECTED_SHA256, "build-russian-frequencies.py")
    for output, header, data, kept in stale:
        forms = read_frequencies(wheel, data, kept)
        lines = sorted((f"{word}\t{value}" for word, value in forms.items()), key=lambda line: line.encode("utf-8"))
        text = (header + "\n" + "\n".join(lines) + "\n").encode("utf-8")
        tmp = Path(str(output) + ".tmp")
        tmp.write_bytes(text)
        os.replace(tmp, output)
        print(f"wrote {output}: {len(lines):,} forms, {len(text):,} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
