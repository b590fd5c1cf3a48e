/// What every match of a garbles phrase pattern must hold, read off the
/// pattern's text once, at load: the longest literal every match holds
/// (`trigger`), and the parts of a few fixed spellings that stand right
/// before and after it. For "(to|would|…) he (shot|arrested|…)" it is
/// " he " with one of the verbs before it and one of the participles after.
/// A line the sieve turns away is one the pattern cannot match, found by a
/// byte search (the line is never made a String for it).
///
/// Read conservatively: a construct it does not know (an inline flag such as
/// `(?i)`, `\Q…\E`, `\p{…}`, a back-reference, a stray bracket) gives no
/// sieve at all, and a part that can match text of no fixed spelling (a
/// class, `.`, `\w`, a repetition, an anchor, a look-around) ends the fixed
/// parts on its side. Assumes the pattern is compiled without options
/// (case-sensitive), as `GarbleRules` compiles it. Decides nothing: the
/// pattern alone decides each line the sieve lets through. A class: asked
/// on every line, it is shared, not copied part by part.
final class PhraseSieve: Sendable {
    /// The longest literal every match holds.
    let trigger: [UInt8]
    /// The fixed parts right before the trigger, nearest first, each as its spellings.
    let before: [[[UInt8]]]
    /// The fixed parts right after the trigger, in order, each as its spellings.
    let after: [[[UInt8]]]
    /// How far the search for the trigger moves on by the byte under its
    /// last byte (Horspool's table; at most 255, which is always safe).
    private let shifts: [UInt8]

    /// The most spellings a fixed part may have (a group of alternatives, an
    /// optional part), and the most ways the parts of one side may be spelled.
    static let maximumSpellings = 256
    static let maximumWays = 4096

    /// The sieve of `pattern`, or nil when no literal is certain to be in every match.
    init?(pattern: String) {
        // `\Q…\E` quotes text its own way (inside a class too): not read.
        guard !pattern.contains("\\Q") else { return nil }
        var reader = Reader(Array(pattern.unicodeScalars))
        guard let branches = reader.alternatives(), reader.isAtEnd, branches.count == 1 else { return nil }
        let parts = branches[0]
        // The longest run of parts of one spelling each (one part, but for an empty group between).
        var best = (start: 0, end: 0, bytes: [UInt8]())
        var start = 0
        while start < parts.count {
            var end = start
            var bytes: [UInt8] = []
            while end < parts.count, case .fixed(let spellings) = parts[end], spellings.count == 1 {
                bytes += spellings[0]
                end += 1
            }
            if bytes.count > best.bytes.count { best = (start, end, bytes) }
            start = end + 1
        }
        guard !best.bytes.isEmpty else { return nil }
        trigger = best.bytes
        before = Self.fixedParts(parts[..<best.start].reversed())
        after = Self.fixedParts(parts[best.end...])
        var shifts = [UInt8](repeating: UInt8(min(trigger.count, 255)), count: 256)
        for (index, byte) in trigger.dropLast().enumerated() { shifts[Int(byte)] = UInt8(min(trigger.count - 1 - index, 255)) }
        self.shifts = shifts
    }

    /// The fixed parts from the first of `parts` on, up to the first part of
    /// no fixed spelling or the most ways they may be spelled.
    private static func fixedParts(_ parts: some Sequence<Part>) -> [[[UInt8]]] {
        var result: [[[UInt8]]] = []
        var ways = 1
        for part in parts {
            guard case .fixed(let spellings) = part, ways * spellings.count <= maximumWays else { break }
            ways *= spellings.count
            result.append(spellings)
        }
        return result
    }

    /// True when `line` holds the trigger with the fixed parts around it: the pattern may match there.
    func mayMatch(_ line: [UInt8]) -> Bool {
        line.withUnsafeBufferPointer { bytes in
            var from = 0
            while let found = find(in: bytes, from: from) {
                if Self.fitsBackward(before[...], bytes, end: found)
                    && Self.fitsForward(after[...], bytes, start: found + trigger.count) { return true }
                from = found + 1
            }
            return false
        }
    }

    /// Where the trigger next stands in `bytes` from `from` on (at least 0):
    /// the byte under the trigger's last read in place, the shift looked up
    /// without a check (every byte has one).
    func find(in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let count = trigger.count
        guard let last = trigger.last, let start = bytes.baseAddress else { return nil }
        return shifts.withUnsafeBufferPointer { shifts in
            let shift = shifts.baseAddress!
            let limit = bytes.count
            // The index of the byte under the trigger's last.
            var end = from &+ count &- 1
            while end < limit {
                let byte = start[end]
                if byte == last && Self.holds(trigger, bytes, at: end &- count &+ 1) { return end &- count &+ 1 }
                end &+= Int(shift[Int(byte)])
            }
            return nil
        }
    }

    /// Where the trigger next stands from `from` on, found by trying each
    /// place in turn: the reference `find(in:from:)` is held to in the tests.
    func findPlaceByPlace(in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard !trigger.isEmpty, from + trigger.count <= bytes.count else { return nil }
        return (from...(bytes.count - trigger.count)).first { Self.holds(trigger, bytes, at: $0) }
    }

    /// True when some spelling of each part, in turn, follows from `start` on.
    private static func fitsForward(_ parts: ArraySlice<[[UInt8]]>, _ bytes: UnsafeBufferPointer<UInt8>, start: Int) -> Bool {
        guard let spellings = parts.first else { return true }
        for spelling in spellings where start + spelling.count <= bytes.count && holds(spelling, bytes, at: start) {
            if fitsForward(parts.dropFirst(), bytes, start: start + spelling.count) { return true }
        }
        return false
    }

    /// True when some spelling of each part, in turn, ends where the one after it starts, the first at `end`.
    private static func fitsBackward(_ parts: ArraySlice<[[UInt8]]>, _ bytes: UnsafeBufferPointer<UInt8>, end: Int) -> Bool {
        guard let spellings = parts.first else { return true }
        for spelling in spellings where spelling.count <= end && holds(spelling, bytes, at: end - spelling.count) {
            if fitsBackward(parts.dropFirst(), bytes, end: end - spelling.count) { return true }
        }
        return false
    }

    private static func holds(_ spelling: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        var index = 0
        while index < spelling.count {
            if bytes[start + index] != spelling[index] { return false }
            index += 1
        }
        return true
    }

    /// A part of a pattern: text of a few fixed spellings (sorted, no two alike), or anything else.
    enum Part: Equatable {
        case fixed([[UInt8]])
        /// Text of no fixed spelling, or a condition on the text around (`\b`, `^`, a look-around).
        case open
    }

    /// Reads a pattern's parts, or gives up (nil) on any construct it does not know.
    struct Reader {
        private let scalars: [Unicode.Scalar]
        private var at = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var isAtEnd: Bool { at == scalars.count }
        private var next: Unicode.Scalar? { at < scalars.count ? scalars[at] : nil }

        /// Alternatives up to the end or the `)` of the group they are in, each as its parts.
        mutating func alternatives() -> [[Part]]? {
            var branches: [[Part]] = []
            while true {
                var parts: [Part] = []
                while let scalar = next, scalar != "|", scalar != ")" {
                    guard let atom = atom(), let quantified = quantify(atom) else { return nil }
                    for part in quantified { Self.append(part, to: &parts) }
                }
                branches.append(parts)
                guard next == "|" else { return branches }
                at += 1
            }
        }

        /// Adds `part`, joined to the part before when both have one spelling ("w", "o": "wo").
        private static func append(_ part: Part, to parts: inout [Part]) {
            if case .fixed(let new) = part, new.count == 1, case .fixed(let old)? = parts.last, old.count == 1 {
                parts[parts.count - 1] = .fixed([old[0] + new[0]])
            } else {
                parts.append(part)
            }
        }

        /// One character, escape, class or group, as parts.
        private mutating func atom() -> [Part]? {
            guard let scalar = next else { return nil }
            at += 1
            switch scalar {
            case "(": return group()
            case "[": return skipClass() ? [.open] : nil
            case ".", "^", "$": return [.open]
            case "\\": return escape()
            case "*", "+", "?", "{", "}", "]": return nil
            case "\u{FFFD}": return [.open]  // what a String makes of ill-formed bytes: no certain bytes
            default: return [.fixed([Array(String(scalar).utf8)])]
            }
        }

        /// A group, after its `(`: a plain, non-capturing, atomic or named one
        /// as its parts (its alternatives as one part of their spellings);
        /// a look-around as a condition; inline flags and comments not read.
        private mutating func group() -> [Part]? {
            var isLookAround = false
            if next == "?" {
                at += 1
                switch next {
                case ":", ">":
                    at += 1
                case "=", "!":
                    at += 1
                    isLookAround = true
                case "<":
                    at += 1
                    if next == "=" || next == "!" {
                        at += 1
                        isLookAround = true
                    } else {
                        while let scalar = next, scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) { at += 1 }
                        guard next == ">" else { return nil }
                        at += 1
                    }
                default:
                    return nil
                }
            }
            guard let branches = alternatives(), next == ")" else { return nil }
            at += 1
            if isLookAround { return [.open] }
            if branches.count == 1 { return branches[0] }
            var spellings = Set<[UInt8]>()
            for branch in branches {
                guard let more = Self.spellings(of: branch) else { return [.open] }
                spellings.formUnion(more)
                guard spellings.count <= PhraseSieve.maximumSpellings else { return [.open] }
            }
            return [.fixed(spellings.sorted { $0.lexicographicallyPrecedes($1) })]
        }

        /// Every spelling of `parts` in turn, when all are fixed and they are few.
        private static func spellings(of parts: [Part]) -> Set<[UInt8]>? {
            var result: Set<[UInt8]> = [[]]
            for part in parts {
                guard case .fixed(let options) = part, result.count * options.count <= PhraseSieve.maximumSpellings else { return nil }
                result = Set(result.flatMap { head in options.map { head + $0 } })
            }
            return result
        }

        /// The atom's parts under the quantifier after it, if any: optional, a
        /// part of its spellings and none; repeated, its parts once and then
        /// anything; never, or any number of times, anything.
        private mutating func quantify(_ atom: [Part]) -> [Part]? {
            let minimum: Int
            var isOptional = false
            switch next {
            case "?":
                at += 1
                (minimum, isOptional) = (0, true)
            case "*":
                at += 1
                minimum = 0
            case "+":
                at += 1
                minimum = 1
            case "{":
                at += 1
                guard let bounds = interval() else { return nil }
                minimum = bounds
            default:
                return atom
            }
            if next == "?" || next == "+" { at += 1 }  // lazy or possessive: the same text
            if isOptional {
                guard var spellings = Self.spellings(of: atom), spellings.count < PhraseSieve.maximumSpellings else { return [.open] }
                spellings.insert([])
                return [.fixed(spellings.sorted { $0.lexicographicallyPrecedes($1) })]
            }
            return minimum == 0 ? [.open] : atom + [.open]
        }

        /// The least count of `{n}`, `{n,}` or `{n,m}`, after its `{`.
        private mutating func interval() -> Int? {
            func number() -> Int? {
                var digits = ""
                while let scalar = next, ("0"..."9").contains(scalar), digits.count < 9 { digits.unicodeScalars.append(scalar); at += 1 }
                return Int(digits)
            }
            guard let minimum = number() else { return nil }
            if next == "," {
                at += 1
                if next != "}" { guard number() != nil else { return nil } }
            }
            guard next == "}" else { return nil }
            at += 1
            return minimum
        }

        /// An escape, after its backslash: punctuation stands for itself; the
        /// classes, anchors and control characters ICU knows are no fixed text;
        /// anything else is not read.
        private mutating func escape() -> [Part]? {
            guard let scalar = next, scalar.isASCII else { return nil }
            at += 1
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                return "bBAzZGdDwWsShHvVRXtnrfae".unicodeScalars.contains(scalar) ? [.open] : nil
            }
            return [.fixed([[UInt8(scalar.value)]])]
        }

        /// Moves past a class, after its `[`, nested classes within; false
        /// when it does not end or opens with a `]` (read by ICU as a member).
        private mutating func skipClass() -> Bool {
            var depth = 1
            var opened = true
            while let scalar = next {
                at += 1
                if opened {
                    opened = false
                    if scalar == "^" { opened = true; continue }
                    if scalar == "]" { return false }
                }
                switch scalar {
                case "\\": at += 1
                case "[":
                    depth += 1
                    opened = true
                case "]":
                    depth -= 1
                    if depth == 0 { return true }
                default: break
                }
            }
            return false
        }
    }
}
