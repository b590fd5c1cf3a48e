/// A furniture pattern of plain parts, matched against a whole line of
/// printable ASCII without a regular-expression engine: the answer
/// `^(?:pattern)$` searched case-insensitively gives for such a line.
///
/// Reads a pattern of literal ASCII characters, escaped marks ("\."), `\s`,
/// `\d`, classes of letters, digits, their ranges and escaped marks ("[0-9ivxlc]", "[\(\[]"), groups
/// (`(...)`, `(?:...)`) with alternatives, and the quantifiers `?`, `*`, `+`;
/// nil for a pattern with anything else (`.`, anchors, `{n}`, lazy or
/// possessive quantifiers, negated classes, a byte beyond ASCII). Matched by
/// following every way through the pattern at once (no backtracking: time
/// linear in the line). Never changes text; a line with a byte that is no
/// printable ASCII or tab is left to the regular expression (`matches` is nil).
struct PlainPattern: Sendable {
    /// One step of the pattern: a byte of a set (bit per ASCII byte), a fork, a jump, the end.
    enum Step: Sendable {
        case byte(low: UInt64, high: UInt64)
        case fork(Int, Int)
        case jump(Int)
        case end
    }

    private(set) var steps: [Step] = []

    /// A part of the pattern as read.
    private indirect enum Part {
        case set(low: UInt64, high: UInt64)
        case sequence([Part])
        case either([Part])
        case optional(Part)
        case any(Part)
        case some(Part)
    }

    init?(_ pattern: String) {
        var reader = Reader(bytes: Array(pattern.utf8))
        guard let part = reader.alternatives(), reader.index == reader.bytes.count else { return nil }
        emit(part)
        steps.append(.end)
    }

    /// True when the whole of `text` matches; nil when it holds a byte that is no printable ASCII or tab.
    func matches(_ text: String) -> Bool? {
        var text = text
        return text.withUTF8 { bytes -> Bool? in
            for byte in bytes where !(byte >= 0x20 && byte <= 0x7E) && byte != 0x09 { return nil }
            return steps.withUnsafeBufferPointer { steps in Self.run(steps, on: bytes) }
        }
    }

    private static func run(_ steps: UnsafeBufferPointer<Step>, on bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = steps.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 6 * count + 2) { room -> Bool in
            let base = room.baseAddress!
            var current = base, next = base + count
            let marks = base + 2 * count, stack = base + 3 * count
            for step in 0..<count { marks[step] = -1 }
            // Adds the steps that wait for a byte, reached from `start` without one, to `list`.
            func add(_ start: Int, _ mark: Int, to list: UnsafeMutablePointer<Int>, _ listCount: inout Int) {
                var depth = 0
                stack[0] = start
                depth = 1
                while depth > 0 {
                    depth -= 1
                    let step = stack[depth]
                    if marks[step] == mark { continue }
                    marks[step] = mark
                    switch steps[step] {
                    case .jump(let target):
                        stack[depth] = target
                        depth += 1
                    case .fork(let first, let second):
                        stack[depth] = second
                        stack[depth + 1] = first
                        depth += 2
                    case .byte, .end:
                        list[listCount] = step
                        listCount += 1
                    }
                }
            }
            var currentCount = 0
            add(0, 0, to: current, &currentCount)
            for (offset, byte) in bytes.enumerated() {
                var nextCount = 0
                for index in 0..<currentCount {
                    let step = current[index]
                    guard case .byte(let low, let high) = steps[step] else { continue }
                    let bit = byte < 64 ? low >> UInt64(byte) : high >> UInt64(byte - 64)
                    if bit & 1 == 1 { add(step + 1, offset + 1, to: next, &nextCount) }
                }
                guard nextCount > 0 else { return false }
                swap(&current, &next)
                currentCount = nextCount
            }
            for index in 0..<currentCount { if case .end = steps[current[index]] { return true } }
            return false
        }
    }

    private mutating func emit(_ part: Part) {
        switch part {
        case .set(let low, let high):
            steps.append(.byte(low: low, high: high))
        case .sequence(let parts):
            for part in parts { emit(part) }
        case .either(let parts):
            var jumps: [Int] = []
            for (index, part) in parts.enumerated() {
                if index == parts.count - 1 {
                    emit(part)
                } else {
                    let fork = steps.count
                    steps.append(.fork(fork + 1, 0))
                    emit(part)
                    jumps.append(steps.count)
                    steps.append(.jump(0))
                    steps[fork] = .fork(fork + 1, steps.count)
                }
            }
            for jump in jumps { steps[jump] = .jump(steps.count) }
        case .optional(let inner):
            let fork = steps.count
            steps.append(.fork(fork + 1, 0))
            emit(inner)
            steps[fork] = .fork(fork + 1, steps.count)
        case .any(let inner):
            let fork = steps.count
            steps.append(.fork(fork + 1, 0))
            emit(inner)
            steps.append(.jump(fork))
            steps[fork] = .fork(fork + 1, steps.count)
        case .some(let inner):
            let start = steps.count
            emit(inner)
            steps.append(.fork(start, steps.count + 1))
        }
    }

    /// Reads the parts of a pattern; nil at anything it does not read.
    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func alternatives() -> Part? {
            var parts: [Part] = []
            while true {
                guard let sequence = sequence() else { return nil }
                parts.append(sequence)
                guard peek == UInt8(ascii: "|") else { break }
                index += 1
            }
            return parts.count == 1 ? parts[0] : .either(parts)
        }

        mutating func sequence() -> Part? {
            var parts: [Part] = []
            while let byte = peek, byte != UInt8(ascii: "|"), byte != UInt8(ascii: ")") {
                guard let atom = atom() else { return nil }
                switch peek {
                case UInt8(ascii: "?"): parts.append(.optional(atom))
                case UInt8(ascii: "*"): parts.append(.any(atom))
                case UInt8(ascii: "+"): parts.append(.some(atom))
                default: parts.append(atom); continue
                }
                index += 1
                // Lazy or possessive, a quantifier on a quantifier, a count: not read.
                if let after = peek, "?*+{".utf8.contains(after) { return nil }
            }
            return .sequence(parts)
        }

        mutating func atom() -> Part? {
            guard let byte = peek else { return nil }
            index += 1
            switch byte {
            case UInt8(ascii: "("):
                if peek == UInt8(ascii: "?") {
                    guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ":") else { return nil }
                    index += 2
                }
                guard let inner = alternatives(), peek == UInt8(ascii: ")") else { return nil }
                index += 1
                return inner
            case UInt8(ascii: "["):
                return characterClass()
            case UInt8(ascii: "\\"):
                guard let escaped = peek else { return nil }
                index += 1
                return escape(escaped).map { .set(low: $0.low, high: $0.high) }
            default:
                guard byte >= 0x20 && byte <= 0x7E, !".^${}[]*+?)|".utf8.contains(byte) else { return nil }
                let set = Self.folded(Self.adding(byte, to: (0, 0)))
                return .set(low: set.low, high: set.high)
            }
        }

        /// A class of letters, digits, ranges of them, escaped marks, `\s` and `\d`, not negated or nested.
        mutating func characterClass() -> Part? {
            var set: (low: UInt64, high: UInt64) = (0, 0)
            guard peek != UInt8(ascii: "^"), peek != UInt8(ascii: "]") else { return nil }
            while let byte = peek, byte != UInt8(ascii: "]") {
                index += 1
                let first: UInt8
                if byte == UInt8(ascii: "\\") {
                    guard let escaped = peek else { return nil }
                    index += 1
                    guard escaped < 0x80, !EdgeLine.isASCIILetterOrDigit(escaped) else {
                        guard let members = escape(escaped) else { return nil }
                        set = (set.low | members.low, set.high | members.high)
                        continue
                    }
                    first = escaped
                } else {
                    // A mark in a class may have a meaning there ("[:alpha:]", "&&", "-"): escaped alone.
                    guard EdgeLine.isASCIILetterOrDigit(byte) else { return nil }
                    first = byte
                }
                if peek == UInt8(ascii: "-") {
                    // A range between two plain bytes ("a-z"); a dash anywhere else is not read.
                    guard index + 1 < bytes.count else { return nil }
                    let last = bytes[index + 1]
                    guard EdgeLine.isASCIILetterOrDigit(first), EdgeLine.isASCIILetterOrDigit(last), first <= last else { return nil }
                    index += 2
                    for member in first...last { set = Self.adding(member, to: set) }
                } else {
                    set = Self.adding(first, to: set)
                }
            }
            guard peek == UInt8(ascii: "]") else { return nil }
            index += 1
            set = Self.folded(set)
            return .set(low: set.low, high: set.high)
        }

        /// What `\` and `byte` stand for: white space (space and tab in a
        /// line of printable ASCII), a digit, or an escaped mark itself.
        func escape(_ byte: UInt8) -> (low: UInt64, high: UInt64)? {
            switch byte {
            case UInt8(ascii: "s"): return Self.adding(0x20, to: Self.adding(0x09, to: (0, 0)))
            case UInt8(ascii: "d"): return (UInt8(ascii: "0")...UInt8(ascii: "9")).reduce((0, 0)) { Self.adding($1, to: $0) }
            default:
                guard byte >= 0x20 && byte <= 0x7E, !EdgeLine.isASCIILetterOrDigit(byte) else { return nil }
                return Self.adding(byte, to: (0, 0))
            }
        }

        static func adding(_ byte: UInt8, to set: (low: UInt64, high: UInt64)) -> (low: UInt64, high: UInt64) {
            byte < 64 ? (set.low | 1 << UInt64(byte), set.high) : (set.low, set.high | 1 << UInt64(byte - 64))
        }

        /// The set with each ASCII letter's other case (matched case-insensitively).
        static func folded(_ set: (low: UInt64, high: UInt64)) -> (low: UInt64, high: UInt64) {
            // Capitals are bits 1...26 of the high word (0x41...0x5A), small letters bits 33...58 (0x61...0x7A).
            let letters: UInt64 = 0x3FF_FFFF
            let capitals = (set.high >> 1) & letters, smalls = (set.high >> 33) & letters
            let both = capitals | smalls
            return (set.low, set.high | both << 1 | both << 33)
        }
    }
}
