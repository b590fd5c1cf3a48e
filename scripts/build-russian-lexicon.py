#!/usr/bin/env python3
"""Builds rules/lexicon/russian-words.txt from Debian's hunspell-ru dictionary.

Every word form the dictionary accepts is written out: each stem of ru_RU.dic
with each suffix (and prefix) its flags allow in ru_RU.aff. The forms are
normalized to NFC lower case; only words of Russian letters (а-я, ё, with
hyphens inside) are kept; a form spelled with ё is also kept with е, as print
usually writes it. The list is sorted by UTF-8 bytes, one word per line, after
a one-line header that names the package version. Same input, same bytes out.

The affixes are expanded here rather than with hunspell-tools' unmunch:
unmunch matches affix conditions byte by byte, which fails on this UTF-8
dictionary (for "[^ч].сть" it derives "зачела" from "зачесть", and it misses
forms such as "абонирует"). The expansion below follows hunspell's rules:
single-character, long (FLAG long), numeric (FLAG num) or UTF-8 flags,
flag aliases (AF), prefixes and suffixes with strip/add/condition, cross
products, and two-level suffixes through continuation flags.

Installs hunspell-ru with apt-get when it is missing (needs root).

    python3 scripts/build-russian-lexicon.py [--output PATH]
"""
import argparse
import pathlib
import re
import sys
import unicodedata

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from debian_packages import ensure_installed  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "rules" / "lexicon" / "russian-words.txt"
PACKAGE = "hunspell-ru"
DIC = pathlib.Path("/usr/share/hunspell/ru_RU.dic")
AFF = pathlib.Path("/usr/share/hunspell/ru_RU.aff")
HEADER = "# Russian word forms expanded from Debian hunspell-ru {version}; see rules/lexicon/README.md"
RUSSIAN_WORD = re.compile(r"[а-яё]+(?:-[а-яё]+)*")

# Directives that do not change which words the dictionary accepts.
IGNORED = {
    "SET", "TRY", "KEY", "REP", "MAP", "PHONE", "WORDCHARS", "LANG", "NAME", "HOME",
    "VERSION", "BREAK", "ICONV", "OCONV", "IGNORE", "NOSUGGEST", "KEEPCASE",
    "MAXNGRAMSUGS", "MAXCPDSUGS", "MAXDIFF", "ONLYMAXDIFF", "NOSPLITSUGS",
    "SUGSWITHDOTS", "FORBIDWARN", "WARN", "SUBSTANDARD", "LEMMA_PRESENT",
    "CHECKSHARPS", "AM",
}
# Directives whose meaning this script does not reproduce: stop rather than
# write a wrong list.
UNSUPPORTED = {"COMPLEXPREFIXES", "CIRCUMFIX"}


class Affix:
    __slots__ = ("prefix", "cross", "strip", "add", "cond", "cont")

    def __init__(self, prefix, cross, strip, add, cond, cont):
        self.prefix, self.cross = prefix, cross
        self.strip, self.add, self.cont = strip, add, cont
        pattern = "" if cond == "." else cond
        # A condition is a string of characters and [..] / [^..] classes, "."
        # matching any character; it is tested at the word's start (prefix)
        # or end (suffix), character by character (not byte by byte).
        self.cond = re.compile(("^" + pattern) if prefix else (pattern + "$")) if pattern else None

    def apply(self, word, fullstrip=False):
        """The word with this affix, or None when the affix does not fit it."""
        n, s = len(word), len(self.strip)
        if not (n > s or (fullstrip and n == s)):
            return None
        if self.prefix:
            if not word.startswith(self.strip) or (self.cond and not self.cond.search(word)):
                return None
            return self.add + word[s:]
        if not word.endswith(self.strip) or (self.cond and not self.cond.search(word)):
            return None
        return word[: n - s] + self.add


class AffFile:
    def __init__(self, path):
        self.flag_type = "char"
        self.aliases = []
        self.affixes = {}  # flag -> list of Affix
        self.needaffix = self.forbidden = self.onlyincompound = None
        self.fullstrip = False
        self.ignored = set()
        headers = {}
        with open(path, encoding="utf-8") as f:
            lines = [line.split() for line in f]
        # FLAG decides how every later flag is read, wherever it appears.
        for p in lines:
            if len(p) >= 2 and p[0] == "FLAG":
                self.flag_type = {"long": "long", "num": "num", "UTF-8": "utf8"}.get(p[1], "char")
        for p in lines:
            if not p or p[0].startswith("#"):
                continue
            key = p[0]
            if key in ("PFX", "SFX"):
                flag = p[1]
                if flag not in headers:
                    if len(p) < 4:
                        sys.exit(f"{path}: bad affix header: {' '.join(p)}")
                    headers[flag] = (key, p[2] == "Y", int(p[3]))
                    self.affixes[flag] = []
                    continue
                if len(p) < 4:
                    sys.exit(f"{path}: bad affix line: {' '.join(p)}")
                kind, cross, _ = headers[flag]
                strip = "" if p[2] == "0" else p[2]
                add, _, cont = p[3].partition("/")
                add = "" if add == "0" else add
                cond = p[4] if len(p) > 4 else "."
                self.affixes[flag].append(
                    Affix(kind == "PFX", cross, strip, add, cond, self.flags(cont) if cont else frozenset())
                )
            elif key == "AF" and len(p) >= 2:
                if p[1].isdigit() and not self.aliases:
                    continue  # the count line
                self.aliases.append(self.flags(p[1]))
            elif key == "NEEDAFFIX" or key == "PSEUDOROOT":
                self.needaffix = self.one_flag(p[1])
            elif key == "FORBIDDENWORD":
                self.forbidden = self.one_flag(p[1])
            elif key == "ONLYINCOMPOUND":
                self.onlyincompound = self.one_flag(p[1])
            elif key == "FULLSTRIP":
                self.fullstrip = True
            elif key in UNSUPPORTED:
                sys.exit(f"{path}: {key} is not supported by this script")
            elif key != "FLAG" and key not in IGNORED:
                self.ignored.add(key)  # compounding and the like: not expanded
        for flag, (_, _, count) in headers.items():
            if len(self.affixes[flag]) != count:
                sys.exit(f"{path}: affix {flag} declares {count} rules, has {len(self.affixes[flag])}")

    def flags(self, text):
        if self.aliases and text.isdigit():
            return self.aliases[int(text) - 1]
        if self.flag_type == "long":
            return frozenset(text[i : i + 2] for i in range(0, len(text), 2))
        if self.flag_type == "num":
            return frozenset(t for t in text.split(",") if t)
        return frozenset(text)

    def one_flag(self, text):
        return next(iter(self.flags(text)))


def read_dic(path, aff):
    with open(path, encoding="utf-8") as f:
        lines = f.read().lstrip("\ufeff").split("\n")
    stems = []
    for line in lines[1:]:  # the first line is the stem count
        entry = line.split("\t")[0].strip()
        if not entry:
            continue
        entry = entry.split(" ")[0]  # morphological fields follow a space
        # "/" starts the flags unless escaped as "\/".
        m = re.match(r"((?:\\/|[^/])+)(?:/(.*))?$", entry)
        if not m:
            continue
        word = m.group(1).replace("\\/", "/")
        stems.append((word, aff.flags(m.group(2)) if m.group(2) else frozenset()))
    return stems


def expand(word, flags, aff):
    """All forms of one stem: the stem, stem + suffix (+ a second suffix from
    the first one's continuation flags), prefix + stem, and prefix + stem +
    suffix where both affixes allow cross products."""
    fullstrip = aff.fullstrip
    out = []

    def ok(cont):
        return aff.needaffix is None or aff.needaffix not in cont

    def prefixed(form, allowed, suffix_cross):
        for flag in allowed:
            for pfx in aff.affixes.get(flag, ()):
                if pfx.prefix and pfx.cross and suffix_cross and ok(pfx.cont):
                    w = pfx.apply(form, fullstrip)
                    if w is not None:
                        out.append(w)

    if ok(flags) and aff.forbidden not in flags and aff.onlyincompound not in flags:
        out.append(word)
    for flag in flags:
        for sfx in aff.affixes.get(flag, ()):
            if sfx.prefix:
                continue
            w1 = sfx.apply(word, fullstrip)
            if w1 is None:
                continue
            if ok(sfx.cont):
                out.append(w1)
                prefixed(w1, flags | sfx.cont, sfx.cross)
            for flag2 in sfx.cont:
                for sfx2 in aff.affixes.get(flag2, ()):
                    if sfx2.prefix:
                        continue
                    w2 = sfx2.apply(w1, fullstrip)
                    if w2 is not None and ok(sfx2.cont):
                        out.append(w2)
                        prefixed(w2, flags, sfx.cross and sfx2.cross)
    for flag in flags:
        for pfx in aff.affixes.get(flag, ()):
            if not pfx.prefix:
                continue
            w = pfx.apply(word, fullstrip)
            if w is None:
                continue
            if ok(pfx.cont):
                out.append(w)
            # Suffixes a prefix's continuation flags allow with it.
            for flag2 in pfx.cont:
                for sfx in aff.affixes.get(flag2, ()):
                    if not sfx.prefix and sfx.cross and pfx.cross:
                        ws = sfx.apply(word, fullstrip)
                        if ws is not None and ok(sfx.cont):
                            wp = pfx.apply(ws, fullstrip)
                            if wp is not None:
                                out.append(wp)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=pathlib.Path, default=OUTPUT, help=f"default: {OUTPUT.relative_to(ROOT)}")
    args = parser.parse_args()

    version = ensure_installed(PACKAGE, [DIC, AFF])
    aff = AffFile(AFF)
    if aff.ignored:
        print(f"note: not expanded: {', '.join(sorted(aff.ignored))}")
    stems = read_dic(DIC, aff)

    generated = 0
    rejected = set()
    words = set()
    for word, flags in stems:
        for form in expand(word, flags, aff):
            generated += 1
            form = unicodedata.normalize("NFC", form).lower()
            if RUSSIAN_WORD.fullmatch(form):
                words.add(form)
            else:
                rejected.add(form)
    with_yo = {w for w in words if "ё" in w}
    e_spellings = {w.replace("ё", "е") for w in with_yo} - words
    words |= e_spellings

    ordered = sorted(words, key=lambda w: w.encode("utf-8"))
    text = HEADER.format(version=version) + "\n" + "".join(w + "\n" for w in ordered)
    data = text.encode("utf-8")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)

    print(f"{PACKAGE} {version}: {len(stems)} stems in {DIC.name}, {sum(len(v) for v in aff.affixes.values())} affix rules")
    print(f"forms generated: {generated}")
    print(f"distinct forms not made of Russian letters (dropped): {len(rejected)}")
    print(f"distinct forms with ё: {len(with_yo)}; е spellings added: {len(e_spellings)}")
    print(f"words written: {len(ordered)}")
    print(f"{args.output}: {len(data)} bytes")


if __name__ == "__main__":
    main()
