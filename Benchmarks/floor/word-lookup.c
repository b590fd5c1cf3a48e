/* The floor of word-level repair: copies standard input to standard output
 * and looks up every run of ASCII letters once in a hash set of the English
 * word list (rules/lexicon/english-words.txt), as fast as plain C allows.
 *
 * Any filter that must know whether each word is a known word (garbles'
 * missing spaces and character confusions) does at least this much work per
 * word; the benchmark prints its throughput beside sed's to show what the
 * ratio between a word-level pipeline and a line-level sed one-liner can be.
 *
 *   cc -O2 -o word-lookup word-lookup.c && ./word-lookup WORDS < in > out
 *
 * Prints the count of words and of known words on standard error.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BLOCK = 1 << 20 };

static uint64_t hash(const unsigned char *bytes, size_t count) {
    uint64_t h = 1469598103934665603ULL;  /* FNV-1a */
    for (size_t i = 0; i < count; i++) h = (h ^ bytes[i]) * 1099511628211ULL;
    return h;
}

struct entry { const unsigned char *word; uint32_t length; };
static struct entry *slots;
static size_t mask;

static void insert(const unsigned char *word, uint32_t length) {
    size_t slot = hash(word, length) & mask;
    while (slots[slot].word) {
        if (slots[slot].length == length && memcmp(slots[slot].word, word, length) == 0) return;
        slot = (slot + 1) & mask;
    }
    slots[slot].word = word;
    slots[slot].length = length;
}

static int contains(const unsigned char *word, uint32_t length) {
    size_t slot = hash(word, length) & mask;
    while (slots[slot].word) {
        if (slots[slot].length == length && memcmp(slots[slot].word, word, length) == 0) return 1;
        slot = (slot + 1) & mask;
    }
    return 0;
}

static int is_letter(unsigned char byte) { return (unsigned char)((byte | 0x20) - 'a') < 26; }

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: word-lookup WORD-LIST < in > out\n"); return 64; }
    FILE *list = fopen(argv[1], "rb");
    if (!list) { perror(argv[1]); return 66; }
    fseek(list, 0, SEEK_END);
    long size = ftell(list);
    fseek(list, 0, SEEK_SET);
    unsigned char *words = malloc((size_t)size + 1);
    if (!words || fread(words, 1, (size_t)size, list) != (size_t)size) { perror(argv[1]); return 66; }
    fclose(list);
    size_t capacity = 1;
    for (long i = 0; i < size; i++) capacity += words[i] == '\n';
    size_t buckets = 1;
    while (buckets < capacity * 2) buckets <<= 1;
    slots = calloc(buckets, sizeof *slots);
    mask = buckets - 1;
    for (long start = 0, i = 0; i <= size; i++) {
        if (i == size || words[i] == '\n') {
            long end = start;
            while (end < i && words[end] != '\t') end++;
            if (end > start && words[start] != '#') insert(words + start, (uint32_t)(end - start));
            start = i + 1;
        }
    }

    static unsigned char buffer[2 * BLOCK];
    size_t carried = 0, total = 0, known = 0, got;
    while ((got = fread(buffer + carried, 1, BLOCK, stdin)) > 0 || carried > 0) {
        size_t length = carried + got;
        size_t limit = length;  /* a word cut by the block's end waits for the next block */
        if (got > 0) while (limit > 0 && is_letter(buffer[limit - 1])) limit--;
        if (limit == 0 || length - limit >= BLOCK) limit = length;
        for (size_t i = 0; i < limit;) {
            if (!is_letter(buffer[i])) { i++; continue; }
            size_t start = i;
            while (i < limit && is_letter(buffer[i])) i++;
            total++;
            known += (size_t)contains(buffer + start, (uint32_t)(i - start));
        }
        fwrite(buffer, 1, limit, stdout);
        carried = length - limit;
        memmove(buffer, buffer + limit, carried);
        if (got == 0) break;
    }
    if (carried) fwrite(buffer, 1, carried, stdout);
    fprintf(stderr, "%zu words, %zu known\n", total, known);
    return ferror(stdout) ? 74 : 0;
}
