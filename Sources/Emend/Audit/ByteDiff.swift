/// A minimal edit script between two byte strings (Myers' O(ND) algorithm),
/// grown to whole words for people to read.
///
/// `hunks(from:to:)` returns the places where `old` and `new` differ, in order
/// and non-overlapping; the bytes between hunks are equal in both. Replacing
/// each hunk's `old` range with its `new` range turns `old` into `new` exactly,
/// whatever the inputs. A long differing middle is compared token by token
/// first, so a line whose every word changed costs little; when even the tokens
/// differ in more than `maximumEdits` places, the whole middle is one hunk.
package enum ByteDiff {
    public struct Hunk: Sendable, Equatable {
        public var old: Range<Int>
        public var new: Range<Int>
    }

    /// Past this many inserted plus deleted bytes the differing middle is one hunk
    /// (the search costs time and memory quadratic in this number).
    public static let maximumEdits = 1_000

    /// A hunk that only reaches into a word is widened to the whole word
    /// ("Conceming" → "Concerning", not "m" → "rn"), by at most this many bytes a side.
    static let widestWordGrowth = 64

    public static func hunks(from old: [UInt8], to new: [UInt8]) -> [Hunk] {
        search(from: old, to: new).hunks
    }

    /// The hunks, and whether the search gave up (more than `maximumEdits`)
    /// and made the differing middle one hunk.
    private static func search(from old: [UInt8], to new: [UInt8]) -> (hunks: [Hunk], gaveUp: Bool) {
        var prefix = 0
        let shorter = min(old.count, new.count)
        while prefix < shorter, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < shorter - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        let oldMiddle = prefix..<(old.count - suffix)
        let newMiddle = prefix..<(new.count - suffix)
        if oldMiddle.isEmpty && newMiddle.isEmpty { return ([], false) }
        var gaveUp = false
        let raw: [Hunk]
        if oldMiddle.count + newMiddle.count <= byteSearchLimit {
            let found = editScript(old, oldMiddle, new, newMiddle)
            gaveUp = found == nil
            raw = found ?? [Hunk(old: oldMiddle, new: newMiddle)]
        } else {
            (raw, gaveUp) = longScript(old, oldMiddle, new, newMiddle)
        }
        var hunks = raw
        for index in hunks.indices {
            let right = (index + 1 < hunks.count ? hunks[index + 1].old.lowerBound : old.count) - hunks[index].old.upperBound
            hunks[index] = slideToLineStart(hunks[index], room: right, old, new)
        }
        for index in hunks.indices {
            let left = hunks[index].old.lowerBound - (index > 0 ? hunks[index - 1].old.upperBound : 0)
            let right = (index + 1 < hunks.count ? hunks[index + 1].old.lowerBound : old.count) - hunks[index].old.upperBound
            hunks[index] = widenToWords(hunks[index], room: (left, right), old, new)
        }
        return (merged(hunks), gaveUp)
    }

    /// The bytes a side `windowedHunks` compares at once, and where a window
    /// holds more changes than the search takes (`maximumEdits`), at once again.
    public static let window = 1 << 16
    static let smallWindow = 1 << 13

    /// `hunks(from:to:)` for texts of any length, in time and memory linear in
    /// their length: texts longer than `window` are compared a window at a
    /// time, each cut in the middle of a run of bytes both windows have in the
    /// same place (a whole line of a book cut into 1 MiB segments, with a change
    /// every few words, comes out change by change rather than as one hunk).
    /// Where a window finds no such run, half a window of each side is one hunk.
    public static func windowedHunks(from old: [UInt8], to new: [UInt8]) -> [Hunk] {
        windowedHunks(from: old, to: new, window: window)
    }

    private static func windowedHunks(from old: [UInt8], to new: [UInt8], window: Int) -> [Hunk] {
        // One window's hunks; past `maximumEdits` the search gives one hunk for
        // most of it: then smaller windows, once.
        func compared(_ old: [UInt8], _ new: [UInt8]) -> [Hunk] {
            let found = search(from: old, to: new)
            return found.gaveUp && window > smallWindow ? windowedHunks(from: old, to: new, window: smallWindow) : found.hunks
        }
        if old.count <= window && new.count <= window { return compared(old, new) }
        var result: [Hunk] = []
        var start = (old: 0, new: 0)
        func shifted(_ hunk: Hunk) -> Hunk {
            Hunk(old: (hunk.old.lowerBound + start.old)..<(hunk.old.upperBound + start.old),
                 new: (hunk.new.lowerBound + start.new)..<(hunk.new.upperBound + start.new))
        }
        while true {
            let end = (old: min(old.count, start.old + window), new: min(new.count, start.new + window))
            let found = compared(Array(old[start.old..<end.old]), Array(new[start.new..<end.new]))
            if end.old == old.count && end.new == new.count {
                result += found.map(shifted)
                // Hunks that touch are one change (a word longer than a window, all of it changed).
                var joined: [Hunk] = []
                for hunk in result {
                    if let last = joined.last, last.old.upperBound == hunk.old.lowerBound, last.new.upperBound == hunk.new.lowerBound {
                        joined[joined.count - 1] = Hunk(old: last.old.lowerBound..<hunk.old.upperBound, new: last.new.lowerBound..<hunk.new.upperBound)
                    } else {
                        joined.append(hunk)
                    }
                }
                return joined
            }
            // The equal runs before each hunk (not after the last: the windows'
            // ends are arbitrary); the last whose middle is in the first three quarters.
            let reach = window * 3 / 4
            var cut: (old: Int, new: Int, hunks: Int)?
            var previous = (old: 0, new: 0)
            for (index, hunk) in found.enumerated() {
                let length = hunk.old.lowerBound - previous.old
                let middle = previous.old + length / 2
                if length >= 16 && middle <= reach && (previous.old + length / 2 + (previous.new - previous.old)) <= reach {
                    var at = (old: middle, new: previous.new + length / 2)
                    // At a character's first byte (a run is equal on both sides, so both move alike).
                    while at.old < hunk.old.lowerBound, UTF8Scan.isContinuation(old[start.old + at.old]) { at.old += 1; at.new += 1 }
                    cut = (at.old, at.new, index)
                }
                previous = (hunk.old.upperBound, hunk.new.upperBound)
            }
            if found.isEmpty {  // the windows are equal
                var at = reach
                while at < end.old - start.old, UTF8Scan.isContinuation(old[start.old + at]) { at += 1 }
                start = (start.old + at, start.new + at)
            } else if let cut, cut.old > 0 || cut.new > 0 {
                result += found[..<cut.hunks].map(shifted)
                start = (start.old + cut.old, start.new + cut.new)
            } else {
                // No common run to cut at: half a window of each side as it is.
                let half = (old: min(window / 2, old.count - start.old), new: min(window / 2, new.count - start.new))
                result.append(Hunk(old: start.old..<(start.old + half.old), new: start.new..<(start.new + half.new)))
                start = (start.old + half.old, start.new + half.new)
            }
        }
    }

    /// Differing middles longer than this (old plus new bytes) are compared
    /// token by token first (`longScript`): a line whose every word changed
    /// (a transliterated paragraph) would cost the byte search `maximumEdits`
    /// rounds and give one hunk for the whole line.
    public static let byteSearchLimit = 512

    /// Myers' greedy search over the middle ranges, nil past `maximumEdits`.
    private static func editScript(_ a: [UInt8], _ aRange: Range<Int>, _ b: [UInt8], _ bRange: Range<Int>) -> [Hunk]? {
        let n = aRange.count, m = bRange.count
        if n == 0 || m == 0 { return [Hunk(old: aRange, new: bRange)] }
        let edits = myers(n, m, limit: maximumEdits) { a[aRange.lowerBound + $0] == b[bRange.lowerBound + $1] }
        return edits?.map { Hunk(old: ($0.old.lowerBound + aRange.lowerBound)..<($0.old.upperBound + aRange.lowerBound),
                                 new: ($0.new.lowerBound + bRange.lowerBound)..<($0.new.upperBound + bRange.lowerBound)) }
    }

    /// Long middles: Myers over tokens (runs of word bytes, and each space or
    /// line-break byte alone) first, which is cheap. When the differing tokens
    /// hold no more than `byteSearchLimit` bytes, the byte search is cheap too
    /// and decides (the same hunks as for a short middle);
    /// otherwise each differing run of tokens is compared byte by byte when it
    /// is short, and kept whole when not. Past `maximumEdits` token edits, one hunk.
    private static func longScript(_ a: [UInt8], _ aRange: Range<Int>, _ b: [UInt8], _ bRange: Range<Int>) -> (hunks: [Hunk], gaveUp: Bool) {
        let whole = [Hunk(old: aRange, new: bRange)]
        if aRange.isEmpty || bRange.isEmpty { return (whole, false) }
        let oldTokens = tokens(a, aRange), newTokens = tokens(b, bRange)
        let oldKeys = oldTokens.map { key(a, $0) }, newKeys = newTokens.map { key(b, $0) }
        guard let edits = myers(oldTokens.count, newTokens.count, limit: maximumEdits, equal: { x, y in
            oldKeys[x] == newKeys[y] && a[oldTokens[x]].elementsEqual(b[newTokens[y]])
        }) else { return (whole, true) }
        // Token ranges to byte ranges: an empty side sits where its neighbour token starts.
        func bytes(_ range: Range<Int>, _ tokens: [Range<Int>], _ whole: Range<Int>) -> Range<Int> {
            let start = range.lowerBound < tokens.count ? tokens[range.lowerBound].lowerBound : whole.upperBound
            let end = range.isEmpty ? start : tokens[range.upperBound - 1].upperBound
            return start..<end
        }
        let coarse = edits.map { Hunk(old: bytes($0.old, oldTokens, aRange), new: bytes($0.new, newTokens, bRange)) }
        // The token script is a byte script too: its size bounds the shortest one's.
        if coarse.reduce(0, { $0 + $1.old.count + $1.new.count }) <= byteSearchLimit,
           let exact = editScript(a, aRange, b, bRange) {
            return (exact, false)
        }
        return (coarse.flatMap { hunk in
            hunk.old.count + hunk.new.count <= byteSearchLimit
                ? editScript(a, hunk.old, b, hunk.new) ?? [hunk] : [hunk]
        }, false)
    }

    /// Runs of word bytes, and each other byte alone.
    private static func tokens(_ text: [UInt8], _ range: Range<Int>) -> [Range<Int>] {
        var tokens: [Range<Int>] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let start = index
            if isWordByte(text[index]) {
                while index < range.upperBound, isWordByte(text[index]) { index += 1 }
            } else {
                index += 1
            }
            tokens.append(start..<index)
        }
        return tokens
    }

    private static func key(_ text: [UInt8], _ range: Range<Int>) -> Int {
        var hasher = Hasher()
        text[range].withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }

    /// Myers' greedy search for a shortest edit script between sequences of
    /// `n` and `m` items (`equal` compares item x of the first with item y of
    /// the second): the runs of edits, as item ranges, in order; nil past
    /// `limit` edits. Keeps only the live part of each round's frontier.
    private static func myers(_ n: Int, _ m: Int, limit maximum: Int, equal: (Int, Int) -> Bool) -> [Hunk]? {
        if n == 0 || m == 0 { return [Hunk(old: 0..<n, new: 0..<m)] }
        let limit = min(n + m, maximum)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        // trace[d]: the frontier before round d, diagonals -d...d (k - (-d) indexes it).
        var trace: [[Int]] = []
        var found = false
        search: for d in 0...limit {
            trace.append(Array(v[(offset - d)...(offset + d)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                    ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, equal(x, y) { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n && y >= m { found = true; break search }
            }
        }
        guard found else { return nil }
        // Walk back through the trace, collecting the single edits as runs.
        var hunks: [Hunk] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 1, by: -1) {
            let frontier = trace[d]
            func at(_ k: Int) -> Int { frontier[k + d] }
            let k = x - y
            let previousK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1
            let previousX = at(previousK)
            let previousY = previousX - previousK
            while x > previousX && y > previousY { x -= 1; y -= 1 }
            let edit = Hunk(old: previousX..<x, new: previousY..<y)
            if let last = hunks.last, last.old.lowerBound == edit.old.upperBound, last.new.lowerBound == edit.new.upperBound {
                hunks[hunks.count - 1] = Hunk(old: edit.old.lowerBound..<last.old.upperBound,
                                              new: edit.new.lowerBound..<last.new.upperBound)
            } else {
                hunks.append(edit)
            }
            x = previousX; y = previousY
        }
        return hunks.reversed()
    }

    /// Words here are runs of anything but spaces and line breaks, so a
    /// repair shows with its punctuation ("Siegelbaum,Soviet" → "Siegelbaum, Soviet").
    @inline(__always) static func isWordByte(_ byte: UInt8) -> Bool {
        byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D
    }


    /// Widens a hunk that reaches into a word over the rest of the word (at most
    /// `widestWordGrowth` bytes a side, never past `room` equal bytes), and
    /// always to whole UTF-8 characters.
    private static func widenToWords(_ hunk: Hunk, room: (left: Int, right: Int), _ a: [UInt8], _ b: [UInt8]) -> Hunk {
        var hunk = hunk
        func byte(_ text: [UInt8], _ index: Int) -> UInt8? { index >= 0 && index < text.count ? text[index] : nil }
        let before = byte(a, hunk.old.lowerBound - 1), after = byte(a, hunk.old.upperBound)
        let midWord = hunk.old.isEmpty || hunk.new.isEmpty
            ? (before.map(isWordByte) ?? false) && (after.map(isWordByte) ?? false)
            : false
        let leftEdgeInWord = midWord || [byte(a, hunk.old.lowerBound), byte(b, hunk.new.lowerBound)]
            .contains { $0.map(isWordByte) ?? false } && !(hunk.old.isEmpty || hunk.new.isEmpty)
        let rightEdgeInWord = midWord || [byte(a, hunk.old.upperBound - 1), byte(b, hunk.new.upperBound - 1)]
            .contains { $0.map(isWordByte) ?? false } && !(hunk.old.isEmpty || hunk.new.isEmpty)
        var grown = 0
        while grown < room.left, let previous = byte(a, hunk.old.lowerBound - 1) {
            let splitsCharacter = [byte(a, hunk.old.lowerBound), byte(b, hunk.new.lowerBound)]
                .contains { $0.map(UTF8Scan.isContinuation) ?? false }
            guard splitsCharacter || (leftEdgeInWord && isWordByte(previous) && grown < widestWordGrowth) else { break }
            hunk.old = (hunk.old.lowerBound - 1)..<hunk.old.upperBound
            hunk.new = (hunk.new.lowerBound - 1)..<hunk.new.upperBound
            grown += 1
        }
        grown = 0
        while grown < room.right, let next = byte(a, hunk.old.upperBound) {
            guard UTF8Scan.isContinuation(next) || (rightEdgeInWord && isWordByte(next) && grown < widestWordGrowth) else { break }
            hunk.old = hunk.old.lowerBound..<(hunk.old.upperBound + 1)
            hunk.new = hunk.new.lowerBound..<(hunk.new.upperBound + 1)
            grown += 1
        }
        return hunk
    }

    /// A pure deletion or insertion of whole lines is slid, where the bytes
    /// allow, so that it starts at a line start: "head\n" rather than "\nhead".
    private static func slideToLineStart(_ hunk: Hunk, room: Int, _ a: [UInt8], _ b: [UInt8]) -> Hunk {
        guard hunk.old.isEmpty != hunk.new.isEmpty else { return hunk }
        let deleting = hunk.new.isEmpty
        let text = deleting ? a : b
        var range = deleting ? hunk.old : hunk.new
        var other = deleting ? hunk.new.lowerBound : hunk.old.lowerBound
        func atLineStart(_ r: Range<Int>) -> Bool { r.lowerBound == 0 || text[r.lowerBound - 1] == 0x0A }
        var steps = 0
        while !atLineStart(range), range.upperBound < text.count, text[range.lowerBound] == text[range.upperBound], steps < min(room, 256) {
            range = (range.lowerBound + 1)..<(range.upperBound + 1)
            other += 1; steps += 1
        }
        guard atLineStart(range) else { return hunk }
        return deleting ? Hunk(old: range, new: other..<other) : Hunk(old: other..<other, new: range)
    }

    /// Joins hunks that touch, overlap or stand one byte apart after widening
    /// ("then a " → "then a" reads as one change, not two).
    private static func merged(_ hunks: [Hunk]) -> [Hunk] {
        var result: [Hunk] = []
        for hunk in hunks {
            if let last = result.last, hunk.old.lowerBound <= last.old.upperBound + 1 {
                result[result.count - 1] = Hunk(old: last.old.lowerBound..<max(last.old.upperBound, hunk.old.upperBound),
                                                new: last.new.lowerBound..<max(last.new.upperBound, hunk.new.upperBound))
            } else {
                result.append(hunk)
            }
        }
        return result
    }
}
