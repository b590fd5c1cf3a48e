/// A minimal edit script between two byte strings (Myers' O(ND) algorithm),
/// grown to whole words for people to read.
///
/// `hunks(from:to:)` returns the places where `old` and `new` differ, in order
/// and non-overlapping; the bytes between hunks are equal in both. Replacing
/// each hunk's `old` range with its `new` range turns `old` into `new` exactly,
/// whatever the inputs. When the inputs differ in more than `maximumEdits`
/// places the script is not searched for: the whole differing middle is one hunk.
public enum ByteDiff {
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
        var prefix = 0
        let shorter = min(old.count, new.count)
        while prefix < shorter, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < shorter - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        let oldMiddle = prefix..<(old.count - suffix)
        let newMiddle = prefix..<(new.count - suffix)
        if oldMiddle.isEmpty && newMiddle.isEmpty { return [] }
        let raw = editScript(old, oldMiddle, new, newMiddle)
            ?? [Hunk(old: oldMiddle, new: newMiddle)]
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
        return merged(hunks)
    }

    /// Myers' greedy search over the middle ranges, nil past `maximumEdits`.
    private static func editScript(_ a: [UInt8], _ aRange: Range<Int>, _ b: [UInt8], _ bRange: Range<Int>) -> [Hunk]? {
        let n = aRange.count, m = bRange.count
        if n == 0 || m == 0 { return [Hunk(old: aRange, new: bRange)] }
        let limit = min(n + m, maximumEdits)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        var found = false
        search: for d in 0...limit {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                    ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[aRange.lowerBound + x] == b[bRange.lowerBound + y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n && y >= m { found = true; break search }
            }
        }
        guard found else { return nil }
        // Walk back through the trace, collecting the single-byte edits as hunks.
        var hunks: [Hunk] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 1, by: -1) {
            let v = trace[d]
            let k = x - y
            let previousK = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? k + 1 : k - 1
            let previousX = v[offset + previousK]
            let previousY = previousX - previousK
            while x > previousX && y > previousY { x -= 1; y -= 1 }
            let edit = Hunk(old: (aRange.lowerBound + previousX)..<(aRange.lowerBound + x),
                            new: (bRange.lowerBound + previousY)..<(bRange.lowerBound + y))
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
