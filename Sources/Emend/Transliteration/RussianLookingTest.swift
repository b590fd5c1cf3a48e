import Foundation

/// Whether a word matches any of a list of patterns of `russian-looking.yaml`,
/// as `ProseConverter.matches` answers it, without a regular expression for
/// most words: the patterns of the subset read here (literals, alternatives,
/// groups, `?`, `*`, `+`, classes of letters, digits and the apostrophe, `^`
/// opening and `$` closing a top-level alternative, `(?-i)` or `(?i)` opening
/// the pattern) are made into one automaton over a word's printable ASCII
/// bytes, its states made as words first reach them. A pattern outside the
/// subset, and every pattern for a word with any other byte, is asked of its
/// regular expression. Never changes the patterns or their answer.
final class RussianLookingTest: @unchecked Sendable {
    /// The patterns, as loaded (compiled when first asked).
    let patterns: [LazyRegex]
    /// The patterns the automaton does not read: asked of the regular expression.
    let unread: [LazyRegex]
    private var automaton: Automaton
    private let lock = NSLock()

    convenience init(_ patterns: [NSRegularExpression]) {
        self.init(patterns.map(LazyRegex.init(compiled:)))
    }

    init(_ patterns: [LazyRegex]) {
        self.patterns = patterns
        var branches: [Branch] = []
        var unread: [LazyRegex] = []
        var seen = Set<String>()
        for pattern in patterns where seen.insert(pattern.pattern).inserted {
            if let read = Reader.branches(of: pattern.pattern, caseInsensitive: pattern.options.contains(.caseInsensitive)) {
                branches += read
            } else {
                unread.append(pattern)
            }
        }
        self.unread = unread
        automaton = Automaton(branches)
    }

    /// True when a pattern matches somewhere in the word.
    func matches(_ word: some Collection<UInt8>) -> Bool {
        lock.lock()
        let answer = automaton.run(word)
        lock.unlock()
        switch answer {
        case .some(true): return true
        case .some(false): return !unread.isEmpty && Self.regexMatches(unread, word)
        case .none: return Self.regexMatches(patterns, word)
        }
    }

    /// The regular expressions' answer alone: the reference `matches` keeps.
    func regexMatches(_ word: some Collection<UInt8>) -> Bool { Self.regexMatches(patterns, word) }

    private static func regexMatches(_ patterns: [LazyRegex], _ word: some Collection<UInt8>) -> Bool {
        let text = String(decoding: word, as: UTF8.self)
        let range = NSRange(text.startIndex..., in: text)
        return patterns.contains { $0.regex.firstMatch(in: text, range: range) != nil }
    }

    /// A set of printable ASCII bytes, one bit each.
    struct ByteSet: Equatable {
        var low: UInt64 = 0, high: UInt64 = 0
        mutating func insert(_ byte: UInt8) {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
        func contains(_ byte: UInt8) -> Bool {
            byte < 64 ? low & (1 << UInt64(byte)) != 0 : high & (1 << UInt64(byte & 63)) != 0
        }
    }

    /// A pattern read: a class of bytes, a sequence, alternatives, or a repetition.
    indirect enum Node {
        case bytes(ByteSet)
        case sequence([Node])
        case alternatives([Node])
        case optional(Node)
        case star(Node)
        case plus(Node)
    }

    /// A top-level alternative of a pattern, with its anchors.
    struct Branch {
        var node: Node
        var atStart: Bool
        var atEnd: Bool
    }

    /// Reads the subset; nil for any pattern outside it.
    enum Reader {
        static func branches(of pattern: String, caseInsensitive: Bool) -> [Branch]? {
            guard pattern.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
            var bytes = Array(pattern.utf8)[...]
            var folds = caseInsensitive
            if bytes.starts(with: Array("(?-i)".utf8)) { folds = false; bytes = bytes.dropFirst(5) }
            else if bytes.starts(with: Array("(?i)".utf8)) { folds = true; bytes = bytes.dropFirst(4) }
            var reader = Parser(bytes: Array(bytes), folds: folds)
            var branches: [Branch] = []
            while true {
                let atStart = reader.take(UInt8(ascii: "^"))
                guard let node = reader.sequence() else { return nil }
                let atEnd = reader.take(UInt8(ascii: "$"))
                branches.append(Branch(node: node, atStart: atStart, atEnd: atEnd))
                if reader.take(UInt8(ascii: "|")) { continue }
                return reader.index == reader.bytes.count ? branches : nil
            }
        }
    }

    struct Parser {
        let bytes: [UInt8]
        let folds: Bool
        var index = 0

        init(bytes: [UInt8], folds: Bool) { self.bytes = bytes; self.folds = folds }

        var next: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func take(_ byte: UInt8) -> Bool {
            guard next == byte else { return false }
            index += 1
            return true
        }

        /// Elements up to `|`, `)`, `$` or the end.
        mutating func sequence() -> Node? {
            var items: [Node] = []
            while let byte = next, byte != UInt8(ascii: "|"), byte != UInt8(ascii: ")"), byte != UInt8(ascii: "$") {
                guard var item = atom() else { return nil }
                if let quantifier = next, "?*+".utf8.contains(quantifier) {
                    index += 1
                    switch quantifier {
                    case UInt8(ascii: "?"): item = .optional(item)
                    case UInt8(ascii: "*"): item = .star(item)
                    default: item = .plus(item)
                    }
                    _ = take(UInt8(ascii: "?"))  // lazy: matches where the greedy one does
                    if let after = next, "?*+{".utf8.contains(after) { return nil }  // possessive, or a quantifier repeated
                }
                items.append(item)
            }
            return .sequence(items)
        }

        mutating func atom() -> Node? {
            guard let byte = next else { return nil }
            index += 1
            switch byte {
            case UInt8(ascii: "("):
                if take(UInt8(ascii: "?")) { guard take(UInt8(ascii: ":")) else { return nil } }
                var choices: [Node] = []
                while true {
                    guard let choice = sequence() else { return nil }
                    choices.append(choice)
                    if take(UInt8(ascii: "|")) { continue }
                    guard take(UInt8(ascii: ")")) else { return nil }
                    return .alternatives(choices)
                }
            case UInt8(ascii: "["):
                var set = ByteSet()
                var first = true
                while let member = next, member != UInt8(ascii: "]") || first {
                    guard Self.isPlain(member) else { return nil }
                    index += 1
                    first = false
                    if next == UInt8(ascii: "-"), index + 1 < bytes.count, Self.isPlain(bytes[index + 1]) {
                        let last = bytes[index + 1]
                        guard member <= last else { return nil }
                        index += 2
                        for value in member...last { add(value, to: &set) }
                    } else {
                        add(member, to: &set)
                    }
                }
                guard take(UInt8(ascii: "]")) else { return nil }
                return .bytes(set)
            case UInt8(ascii: "\\"):
                guard let escaped = next, !Self.isAlphanumeric(escaped) else { return nil }
                index += 1
                var set = ByteSet()
                add(escaped, to: &set)
                return .bytes(set)
            case _ where "^$.|?*+(){}[]".utf8.contains(byte):
                return nil
            default:
                var set = ByteSet()
                add(byte, to: &set)
                return .bytes(set)
            }
        }

        /// A letter, a digit or the apostrophe: what a class may hold here.
        static func isPlain(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == UInt8(ascii: "'") }

        static func isAlphanumeric(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        }

        func add(_ byte: UInt8, to set: inout ByteSet) {
            set.insert(byte)
            guard folds else { return }
            if (0x41...0x5A).contains(byte) { set.insert(byte | 0x20) }
            if (0x61...0x7A).contains(byte) { set.insert(byte & ~0x20) }
        }
    }

    /// The branches' positions (Glushkov's construction), searched anywhere in
    /// a word through a deterministic automaton whose states are made on first need.
    struct Automaton {
        /// Per position: its bytes, and the positions that may follow it.
        private var accepts: [ByteSet] = []
        private var follow: [[UInt64]] = []
        private var words = 0
        /// Where a branch may begin: anywhere, or at the word's start only.
        private var firstAnywhere: [UInt64] = []
        private var firstAtStart: [UInt64] = []
        /// Where a branch ends: anywhere, or at the word's end only.
        private var lastAnywhere: [UInt64] = []
        private var lastAtEnd: [UInt64] = []
        /// A branch matches every word (`x?`), or the empty word (`^x?$`).
        private var matchesEvery = false
        private var matchesEmpty = false

        /// State 0 is before the first byte; each state's position set, whether
        /// it ends a match at the word's end, and its transitions by byte
        /// (`unknown`, `matched`, or the next state).
        private var sets: [[UInt64]] = []
        private var endsMatch: [Bool] = []
        private var next: [Int32] = []
        private var index: [[UInt64]: Int32] = [:]
        private static let unknown: Int32 = -1, matched: Int32 = -2, tooMany: Int32 = -3
        /// Past this many states a word is left to the regular expressions.
        static let stateLimit = 4096

        init(_ branches: [Branch]) {
            var positions: [ByteSet] = []
            var followSets: [[Int]] = []
            var firsts: [(Set<Int>, Branch)] = [], lasts: [(Set<Int>, Branch)] = []
            for branch in branches {
                let shape = Self.build(branch.node, positions: &positions, follow: &followSets)
                if shape.nullable {
                    if !branch.atStart || !branch.atEnd { matchesEvery = true } else { matchesEmpty = true }
                }
                firsts.append((shape.first, branch))
                lasts.append((shape.last, branch))
            }
            accepts = positions
            words = max(1, (positions.count + 63) / 64)
            let empty = [UInt64](repeating: 0, count: words)
            func bits(_ members: some Sequence<Int>) -> [UInt64] {
                var set = empty
                for member in members { set[member >> 6] |= 1 << UInt64(member & 63) }
                return set
            }
            follow = followSets.map { bits($0) }
            firstAnywhere = bits(firsts.filter { !$0.1.atStart }.flatMap(\.0))
            firstAtStart = bits(firsts.filter { $0.1.atStart }.flatMap(\.0))
            lastAnywhere = bits(lasts.filter { !$0.1.atEnd }.flatMap(\.0))
            lastAtEnd = bits(lasts.filter { $0.1.atEnd }.flatMap(\.0))
            sets = [empty]
            endsMatch = [matchesEvery || matchesEmpty]
            next = [Int32](repeating: Self.unknown, count: 128)
        }

        /// Each node's positions: whether it matches the empty string, its
        /// first and last positions; the follow sets grow as it is read.
        private static func build(_ node: Node, positions: inout [ByteSet], follow: inout [[Int]]) -> (nullable: Bool, first: Set<Int>, last: Set<Int>) {
            switch node {
            case .bytes(let set):
                positions.append(set)
                follow.append([])
                return (false, [positions.count - 1], [positions.count - 1])
            case .sequence(let items):
                var result: (nullable: Bool, first: Set<Int>, last: Set<Int>) = (true, [], [])
                for item in items {
                    let shape = build(item, positions: &positions, follow: &follow)
                    for position in result.last { follow[position] += shape.first }
                    if result.nullable { result.first.formUnion(shape.first) }
                    result.last = shape.nullable ? result.last.union(shape.last) : shape.last
                    result.nullable = result.nullable && shape.nullable
                }
                return result
            case .alternatives(let choices):
                var result: (nullable: Bool, first: Set<Int>, last: Set<Int>) = (false, [], [])
                for choice in choices {
                    let shape = build(choice, positions: &positions, follow: &follow)
                    result = (result.nullable || shape.nullable, result.first.union(shape.first), result.last.union(shape.last))
                }
                return result
            case .optional(let inner):
                let shape = build(inner, positions: &positions, follow: &follow)
                return (true, shape.first, shape.last)
            case .star(let inner), .plus(let inner):
                let shape = build(inner, positions: &positions, follow: &follow)
                for position in shape.last { follow[position] += shape.first }
                if case .star = node { return (true, shape.first, shape.last) }
                return (shape.nullable, shape.first, shape.last)
            }
        }

        /// True or false for a word of printable ASCII bytes; nil for any other word.
        mutating func run(_ word: some Collection<UInt8>) -> Bool? {
            if matchesEvery { return true }
            var state = 0
            for byte in word {
                guard byte >= 0x20 && byte < 0x7F else { return nil }
                var target = next[state << 7 | Int(byte)]
                if target == Self.unknown { target = step(from: state, by: byte) }
                if target == Self.matched { return true }
                if target == Self.tooMany { return nil }
                state = Int(target)
            }
            return endsMatch[state]
        }

        /// Makes the transition from `state` by `byte`, and the state it reaches.
        private mutating func step(from state: Int, by byte: UInt8) -> Int32 {
            var set = state == 0 ? zip(firstAnywhere, firstAtStart).map { $0 | $1 } : firstAnywhere
            let current = sets[state]
            for word in 0..<words where current[word] != 0 {
                var bits = current[word]
                while bits != 0 {
                    let position = word << 6 | bits.trailingZeroBitCount
                    bits &= bits - 1
                    for index in 0..<words { set[index] |= follow[position][index] }
                }
            }
            var anyMatch = false, endMatch = false
            for word in 0..<words {
                var kept: UInt64 = 0
                var bits = set[word]
                while bits != 0 {
                    let bit = bits.trailingZeroBitCount
                    bits &= bits - 1
                    if accepts[word << 6 | bit].contains(byte) { kept |= 1 << UInt64(bit) }
                }
                set[word] = kept
                if kept & lastAnywhere[word] != 0 { anyMatch = true }
                if kept & lastAtEnd[word] != 0 { endMatch = true }
            }
            let target: Int32
            if anyMatch {
                target = Self.matched
            } else if let known = index[set] {
                target = known
            } else if sets.count >= Self.stateLimit {
                return Self.tooMany
            } else {
                target = Int32(sets.count)
                index[set] = target
                sets.append(set)
                endsMatch.append(endMatch)
                next += [Int32](repeating: Self.unknown, count: 128)
            }
            next[state << 7 | Int(byte)] = target
            return target
        }
    }
}
