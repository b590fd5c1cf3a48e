#!/usr/bin/env bash
# Checks the transliteration rule files in this directory with ICU's uconv.
#
#  1. Every row of vectors.tsv (scheme, cyrillic, latin, source): the
#     Cyrillic run through S.txt must give the Latin exactly.
#  2. For the reversible schemes (those with S-reverse.txt, other than the
#     lossy ones below) the Latin run through S-reverse.txt must give the
#     Cyrillic back, except rows whose source says "one-way".
#  3. Round trip Cyrillic -> S -> Cyrillic for the reversible schemes on
#     generated words: every letter word-initially, medially, finally and
#     alone, and every pair of letters, in lower case, Title case and ALL CAPS
#     (Title case and lone capitals skip ь/ъ, which have no case in Latin).
#  4. For the lossy schemes (loc, bgn, popular), whose S-reverse.txt gives
#     only the most likely Cyrillic: for every vector row, the Latin run
#     through S-reverse.txt and then S.txt must give the same Latin back.
#     How many rows come back as exactly the vector's Cyrillic is printed
#     as information, not counted as a failure.
#
# Prints failures, then "N passed, M failed"; exits 1 on any failure.
# Usage: rules/translit/check-vectors.sh [-v]

set -u
export LC_ALL=C.UTF-8 2>/dev/null || true
cd "$(dirname "$0")" || exit 2
command -v uconv >/dev/null || { echo "uconv not found (Debian: icu-devtools)" >&2; exit 2; }

verbose=0
[ "${1:-}" = "-v" ] && verbose=1

# schemes whose Latin merges Cyrillic letters: their reverse files give the
# most likely reading (checked by 4), not an inverse (checked by 2 and 3)
lossy=" bgn loc popular "
is_lossy() { case $lossy in *" $1 "*) return 0 ;; esac; return 1; }

passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# translit RULEFILE < input > output  (one line in, one line out)
translit() {
    uconv -f utf-8 -t utf-8 -x "$(cat "$1")"
}

# compare NAME INPUTS GOT WANT: line-by-line comparison, counting results
compare() {
    local name=$1 inputs=$2 got=$3 want=$4 in g w
    local n_in n_got
    n_in=$(wc -l < "$inputs"); n_got=$(wc -l < "$got")
    if [ "$n_in" != "$n_got" ]; then
        echo "FAIL $name: uconv returned $n_got lines for $n_in inputs"
        failed=$((failed + n_in))
        return
    fi
    while IFS= read -r in <&3 && IFS= read -r g <&4 && IFS= read -r w <&5; do
        if [ "$g" = "$w" ]; then
            passed=$((passed + 1))
            [ $verbose = 1 ] && echo "ok   $name: $in -> $g"
        else
            failed=$((failed + 1))
            echo "FAIL $name: $in -> $g (expected $w)"
        fi
    done 3<"$inputs" 4<"$got" 5<"$want"
}

schemes=$(tail -n +2 vectors.tsv | cut -f1 | sort -u)

# --- 1 and 2: vectors --------------------------------------------------------
for s in $schemes; do
    [ -f "$s.txt" ] || { echo "FAIL $s: no $s.txt"; failed=$((failed + 1)); continue; }
    awk -F'\t' -v s="$s" 'NR > 1 && $1 == s' vectors.tsv > "$tmp/$s.rows"
    cut -f2 "$tmp/$s.rows" > "$tmp/$s.cyr"
    cut -f3 "$tmp/$s.rows" > "$tmp/$s.lat"
    translit "$s.txt" < "$tmp/$s.cyr" > "$tmp/$s.got"
    compare "$s" "$tmp/$s.cyr" "$tmp/$s.got" "$tmp/$s.lat"
    if [ -f "$s-reverse.txt" ] && ! is_lossy "$s"; then
        awk -F'\t' '$4 !~ /one-way/' "$tmp/$s.rows" > "$tmp/$s.rrows"
        cut -f3 "$tmp/$s.rrows" > "$tmp/$s.rlat"
        cut -f2 "$tmp/$s.rrows" > "$tmp/$s.rcyr"
        translit "$s-reverse.txt" < "$tmp/$s.rlat" > "$tmp/$s.rgot"
        compare "$s-reverse" "$tmp/$s.rlat" "$tmp/$s.rgot" "$tmp/$s.rcyr"
    fi
done

# --- 3: generated round trip ----------------------------------------------
lower=(а б в г д е ё ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я)
upper=(А Б В Г Д Е Ё Ж З И Й К Л М Н О П Р С Т У Ф Х Ц Ч Ш Щ Ъ Ы Ь Э Ю Я)

# words LOWER... -- UPPER...   (letters of the scheme, same order)
gen_words() {
    local -a lo=() up=()
    while [ "$1" != "--" ]; do lo+=("$1"); shift; done; shift
    up=("$@")
    local n=${#lo[@]} i j l u
    for ((i = 0; i < n; i++)); do
        l=${lo[i]}; u=${up[i]}
        printf '%s\n' "${l}ар" "а${l}о" "ра${l}" "$l"
        printf '%s\n' "${u}АР" "А${u}О" "РА${u}"
        printf '%s\n' "А${l}о" "Ра${l}"
        case $l in ъ|ь) ;; *) printf '%s\n' "${u}ар" "$u" ;; esac
        for ((j = 0; j < n; j++)); do
            printf '%s\n' "о${l}${lo[j]}а" "О${l}${lo[j]}а" "О${u}${up[j]}А"
        done
    done
    # a sentence with every letter, punctuation and digits
    printf '%s\n' "$(IFS=; echo "${lo[*]}") — $(IFS=; echo "${up[*]}"), 1937!"
}

for s in $schemes; do
    [ -f "$s-reverse.txt" ] || continue
    is_lossy "$s" && continue
    case $s in
        alalc|iso9) extra_lo=(і ѣ ѳ ѵ); extra_up=(І Ѣ Ѳ Ѵ) ;;
        scholarly)  extra_lo=(ѣ);       extra_up=(Ѣ) ;;
        *)          extra_lo=();        extra_up=() ;;
    esac
    gen_words "${lower[@]}" "${extra_lo[@]}" -- "${upper[@]}" "${extra_up[@]}" > "$tmp/$s.words"
    translit "$s.txt" < "$tmp/$s.words" > "$tmp/$s.fwd"
    translit "$s-reverse.txt" < "$tmp/$s.fwd" > "$tmp/$s.back"
    before=$failed
    compare "$s-roundtrip" "$tmp/$s.words" "$tmp/$s.back" "$tmp/$s.words"
    echo "round trip $s: $(wc -l < "$tmp/$s.words") words, $((failed - before)) failed"
done

# --- 4: lossy schemes: most likely reading romanizes back ------------------
for s in $schemes; do
    is_lossy "$s" || continue
    [ -f "$s.txt" ] || continue
    if [ ! -f "$s-reverse.txt" ]; then
        echo "FAIL $s: no $s-reverse.txt"; failed=$((failed + 1)); continue
    fi
    translit "$s-reverse.txt" < "$tmp/$s.lat" > "$tmp/$s.mgot"
    translit "$s.txt" < "$tmp/$s.mgot" > "$tmp/$s.mfwd"
    compare "$s-reverse-forward" "$tmp/$s.lat" "$tmp/$s.mfwd" "$tmp/$s.lat"
    exact=$(paste "$tmp/$s.mgot" "$tmp/$s.cyr" | awk -F'\t' '$1 == $2' | wc -l)
    total=$(wc -l < "$tmp/$s.cyr")
    echo "reverse $s: $total rows, $exact read back as exactly the vector's Cyrillic"
    if [ $verbose = 1 ]; then
        paste "$tmp/$s.lat" "$tmp/$s.mgot" "$tmp/$s.cyr" |
            awk -F'\t' '$2 != $3 { print "     " $1 " -> " $2 " (vector: " $3 ")" }'
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
