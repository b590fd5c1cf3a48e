#!/usr/bin/env python3
"""Word error rates of emend's garbles stage and of SymSpell's word
segmentation on the hand-checked gold pages (Tests/EmendTests/Gold/).

Both start from the same text: the raw page through emend's normalize,
page-structure, dehyphenate and whitespace stages. Each result is compared
with the editor's text word by word (Levenshtein over whitespace-separated
words), and a word of the editor's text counts as broken when the input had it
and the result lost it.

    python3 -m venv .venv && .venv/bin/pip install symspellpy
    swift build -c release
    .venv/bin/python Benchmarks/compare-segmenters.py
"""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EMEND = ROOT / ".build" / "release" / "emend"
GOLD = ROOT / "Tests" / "EmendTests" / "Gold"


def words(text):
    return text.split()


def distance(a, b):
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
        previous = current
    return previous[-1]


def matched(text, gold):
    """Indices of `gold` that a longest common subsequence with `text` matches."""
    n, m = len(text), len(gold)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if text[i] == gold[j] else max(table[i + 1][j], table[i][j + 1])
    i = j = 0
    found = set()
    while i < n and j < m:
        if text[i] == gold[j]:
            found.add(j)
            i += 1
            j += 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return found


def emend(stages, path):
    return subprocess.run([str(EMEND), "run", "--stages", stages, str(path)], check=True,
                          capture_output=True, text=True).stdout


def main():
    try:
        from symspellpy import SymSpell
        import importlib.resources
    except ImportError:
        sys.exit("symspellpy is not installed; see this file's docstring")
    symspell = SymSpell(max_dictionary_edit_distance=0, prefix_length=7)
    dictionary = importlib.resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    symspell.load_dictionary(str(dictionary), 0, 1)
    known = set(symspell.words)

    def per_line(text):
        return "\n".join(symspell.word_segmentation(line).corrected_string if line.strip() else line
                         for line in text.split("\n"))

    def per_unknown_word(text):
        lines = []
        for line in text.split("\n"):
            tokens = []
            for token in line.split(" "):
                core = token.strip(".,;:()\"'[]!?")
                if core.isalpha() and core.islower() and len(core) >= 5 and core not in known:
                    token = token.replace(core, symspell.word_segmentation(core).corrected_string)
                tokens.append(token)
            lines.append(" ".join(tokens))
        return "\n".join(lines)

    base = "normalize,page-structure,dehyphenate,whitespace"
    methods = [
        ("SymSpell, every line", lambda path, before: per_line(before)),
        ("SymSpell, unknown lower-case words", lambda path, before: per_unknown_word(before)),
        ("emend garbles", lambda path, before: emend("normalize,page-structure,dehyphenate,garbles,whitespace", path)),
    ]
    pages = sorted(GOLD.glob("*.raw.txt"))
    print(f"{'method':<38} {'WER':>7} {'broken':>7} {'repaired':>9}")
    for name, method in methods:
        edits = gold_words = broken = repaired = 0
        for raw in pages:
            gold = words((GOLD / raw.name.replace(".raw.", ".gold.")).read_text())
            before_text = emend(base, raw)
            before, after = words(before_text), words(method(raw, before_text))
            edits += distance(after, gold)
            gold_words += len(gold)
            was, now = matched(before, gold), matched(after, gold)
            broken += len(was - now)
            repaired += len(now - was)
        print(f"{name:<38} {edits / gold_words * 100:>6.2f}% {broken:>7} {repaired:>9}")


if __name__ == "__main__":
    main()
