import Foundation

/// How a repair reports a change: the rule, the text before, the text after,
/// the 1-based column (in bytes) where it starts.
typealias GarbleRecorder = (_ rule: String, _ before: String, _ after: String, _ column: Int) -> Void

/// A repair of the garbles stage over one line (`GarbleRepair.lineRepairs`,
/// `GarbleRepair.roundRepairs`): a cheap trigger that says whether it can
/// change the line at all, so that the stage passes it by, and the repair.
/// A repair reads the shared `GarbleRepair.Context` and changes the line alone.
/// It holds nothing of its own: the stage lists the repair types and calls
/// them (a list of values, one copied out for each line and repair, cost more
/// than some of the triggers).
protocol GarbleLineRepair: Sendable {
    /// The rules its changes are reported under ("garbles:ligature"); empty
    /// for a repair of rule-file entries, which reports each entry's place
    /// ("rules/garbles/default.yaml:12").
    static var names: [String] { get }
    /// False when the repair is sure to leave the line as it is (a test of its
    /// bytes, or of the byte pairs `GarbleRules.lineFeatures` finds in it).
    static func mayApply(to line: inout GarbleLine, in context: GarbleRepair.Context) -> Bool
    /// The line features (`GarbleRules`' flags, from one scan of a line's byte
    /// pairs) of which a line must hold one for `mayApply` to be true in a
    /// document with `context` (`LineRepairSieve` asks the trigger of no other
    /// line); nil for a trigger that reads more than those pairs (asked of
    /// every line), 0 for one that is false on every line of the document.
    static func neededFeatures(in context: GarbleRepair.Context) -> UInt16?
    static func repair(_ line: inout GarbleLine, in context: GarbleRepair.Context, record: GarbleRecorder) throws
}

/// A repair of one token, inside the punctuation around it
/// (`GarbleRepair.tokenRepairs`, tried in that order; the first that gives a
/// repair decides the token's). Its repair depends on the token's bytes and the
/// document's counts alone, so the stage decides each distinct token once.
protocol GarbleTokenRepair: Sendable {
    /// The rules its changes are reported under ("garbles:year"); empty for a
    /// repair of rule-file entries, which reports each entry's place.
    var names: [String] { get }
    /// True for a repair that never changes a word the English list, the name
    /// lexicon or the book's vocabulary knows: the stage looks the word up once,
    /// before the first such repair whose trigger fires.
    var leavesKnownWords: Bool { get }
    /// False when the repair is sure to give nothing for the token (a test of its bytes).
    func mayApply(to token: GarbleToken, in context: GarbleRepair.Context) -> Bool
    func repair(_ token: GarbleToken, in context: GarbleRepair.Context) -> GarbleToken.Repair?
}

/// A repair that joins tokens of one line into one (`GarbleRepair.joinRepairs`,
/// run in that order over the line's tokens after their own repairs).
protocol GarbleJoinRepair: Sendable {
    /// The rules its changes are reported under ("garbles:split-year").
    var names: [String] { get }
    /// False when the repair is sure to join neither `current` nor the token
    /// before it, seen by their shapes alone (`previous` is `.none` at a
    /// line's start): a function of the shapes, tabled once (`GarbleTokenShape.joinTriggers`).
    func mayJoin(_ previous: GarbleTokenShape, _ current: GarbleTokenShape) -> Bool
    /// False for a repair whose trigger misses some lines it would change:
    /// it runs on every line the word repairs take, not only where its own
    /// trigger fires.
    var triggerIsExact: Bool { get }
    func repair(_ line: inout GarbleTokenLine, in context: GarbleRepair.Context, record: GarbleRecorder)
}

extension GarbleJoinRepair {
    var triggerIsExact: Bool { true }
}

/// One line as the line repairs see it: its text as the repairs before left
/// it, and what the stage knows around it.
struct GarbleLine {
    /// Each change marks the line features to be found again.
    var text: [UInt8] { didSet { isScanned = false } }
    // What the stage knows around the line, set by it for each line (one
    // value serves a batch of lines: `GarbleRepair.run`); the repairs read it.
    /// The input line's number, for reports and errors.
    var number: Int
    /// The footnote numbers near the line; nil when there are none.
    var footnotes: NearbyFootnotes?
    /// True when the line before ended in a broken word (the dehyphenator's to join).
    var followsBrokenLine: Bool
    /// The first byte of the line after that is no space (a space when that
    /// line is blank or the text ends): what follows the line's last mark.
    var nextLineStart: UInt8
    /// The same of the line after a single blank line when the line after is
    /// blank (a paragraph the scanner broke), else `nextLineStart`: whether
    /// the text goes on in small letters.
    var nextTextStart: UInt8 = 0x20
    /// The line features of `text` (`GarbleRules.lineFeatures`), when `isScanned`.
    private var found: UInt16 = 0
    private var isScanned = false

    init(text: [UInt8], number: Int, footnotes: NearbyFootnotes?, followsBrokenLine: Bool, nextLineStart: UInt8 = 0x20) {
        self.text = text
        self.number = number
        self.footnotes = footnotes
        self.followsBrokenLine = followsBrokenLine
        self.nextLineStart = nextLineStart
    }

    /// The first byte that is no space in `text` (the line's text as a repair
    /// is changing it) after `index`, or `nextLineStart` when only spaces
    /// follow; and whether only spaces follow.
    func byteAfterSpaces(in text: [UInt8], after index: Int) -> (byte: UInt8, endsLine: Bool) {
        var next = index + 1
        while next < text.count, text[next] == 0x20 { next += 1 }
        return next < text.count ? (text[next], false) : (nextLineStart, true)
    }

    /// The features of `flags` (the rules' `lineFeatures`) that may be in the
    /// line as it stands: one scan of its byte pairs, made again only after
    /// the text has been set anew.
    mutating func features(by flags: BytePairFlags) -> UInt16 {
        if !isScanned { (found, isScanned) = (flags.flags(in: text), true) }
        return found
    }

    /// Whether `feature` (a flag of `GarbleRules`) may be in the line.
    mutating func mayHave(_ feature: UInt16, in context: GarbleRepair.Context) -> Bool {
        features(by: context.rules.lineFeatures) & feature != 0
    }
}

/// A token (bytes between spaces) split into the punctuation before it, its
/// core and the punctuation after it, as the token repairs take it.
struct GarbleToken {
    /// A token's repair: its new text (punctuation around included) and the rule reported.
    typealias Repair = (text: [UInt8], rule: String)

    let bytes: [UInt8]
    let leading: [UInt8]
    let core: [UInt8]
    let trailing: [UInt8]
    /// The core is ASCII letters and , ; : ' - alone: the word repairs' shape.
    let isWordShaped: Bool
    /// The core has a , ; or : in it.
    let hasMark: Bool
    /// How often the document has this very core (set by the stage before the
    /// first repair that `leavesKnownWords`; 0 before).
    var own = 0

    /// Nil for a token of punctuation alone.
    init?(_ bytes: [UInt8]) {
        let (start, end) = bytes.withUnsafeBufferPointer { bytes in
            let core = GarbleRepair.core(bytes, 0..<bytes.count)
            return (core.lowerBound, core.upperBound)
        }
        guard start < end else { return nil }
        self.bytes = bytes
        // A token without punctuation around it (most are) is its own core: no copy.
        if start == 0 && end == bytes.count {
            (leading, core, trailing) = ([], bytes, [])
        } else {
            (leading, core, trailing) = (Array(bytes[..<start]), Array(bytes[start..<end]), Array(bytes[end...]))
        }
        var isWordShaped = true, hasMark = false
        for index in start..<end {
            let byte = bytes[index]
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: ":") { hasMark = true; continue }
            if byte >= 0x80 || !(DocumentVocabulary.isLetter(byte) || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-")) {
                isWordShaped = false
            }
        }
        (self.isWordShaped, self.hasMark) = (isWordShaped, hasMark)
    }

    /// A word-shaped core without , ; : (most repairs take no other).
    var isPlainWord: Bool { isWordShaped && !hasMark }

    /// `inner` with the token's punctuation around it.
    func wrap(_ inner: [UInt8]) -> [UInt8] { leading + inner + trailing }
}

/// What the join repairs' triggers look at in a token, found without allocating.
/// Held as `bitCount` bits (one a flag), so that a shape is passed and tabled as one number.
struct GarbleTokenShape {
    /// The shape as `bitCount` bits, for `joinTriggers`.
    private(set) var bits = 0

    /// Digits with , or . inside, ending in a digit ("193", "19", "1,5"): the first part of a split number.
    var endsWithDigit: Bool { get { flag(1) } set { set(1, newValue) } }
    /// One ASCII letter.
    var isSingleLetter: Bool { get { flag(2) } set { set(2, newValue) } }
    /// ASCII letters that are not sure to be a whole word: a piece of one, maybe.
    var mayBePiece: Bool { get { flag(4) } set { set(4, newValue) } }
    /// Inside the punctuation around it, ASCII letters alone ("(indi", "ions,").
    var coreIsLetters: Bool { get { flag(8) } set { set(8, newValue) } }
    /// Inside the punctuation around it, ASCII letters that are not sure to be
    /// a whole word, of one letter or three and more (a piece that no word of
    /// two letters can be evidence for: `SpuriousSpaces`).
    var coreMayBePiece: Bool { get { flag(16) } set { set(16, newValue) } }
    /// A digit first, then digits with , . ; : ( ) alone ("5,", "38,", "00."): the second part of a split number.
    var isNumberPiece: Bool { get { flag(32) } set { set(32, newValue) } }
    /// Letters, then a hyphen at its end ("gen-", "(Lip-").
    var endsWithHyphen: Bool { get { flag(64) } set { set(64, newValue) } }
    /// Inside the punctuation around it, ASCII letters starting with a small one ("ized", "eration,").
    var coreStartsSmall: Bool { get { flag(128) } set { set(128, newValue) } }

    static let none = GarbleTokenShape()

    /// How many bits `bits` has.
    static let bitCount = 8

    @inline(__always) private func flag(_ bit: Int) -> Bool { bits & bit != 0 }
    @inline(__always) private mutating func set(_ bit: Int, _ on: Bool) { bits = on ? bits | bit : bits & ~bit }

    init(endsWithDigit: Bool = false, isSingleLetter: Bool = false, mayBePiece: Bool = false) {
        (self.endsWithDigit, self.isSingleLetter, self.mayBePiece) = (endsWithDigit, isSingleLetter, mayBePiece)
    }

    init(bits: Int) { self.bits = bits & ((1 << Self.bitCount) - 1) }

    /// The union of the join repairs' triggers, for every pair of shapes (at
    /// `previous.bits << bitCount | current.bits`), made once from `GarbleRepair.joinRepairs`:
    /// a look-up per token instead of a call to each repair. Each repair is
    /// asked only of the pairs the repairs before it left false.
    /// (A surveyed document asks `TokenFacts.Table.joinTrigger` instead, for
    /// the pairs it shows alone.)
    static let joinTriggers: [Bool] = {
        var table = [Bool](repeating: false, count: 1 << (2 * bitCount))
        for repair in GarbleRepair.joinRepairs {
            for pair in table.indices where !table[pair] {
                table[pair] = repair.mayJoin(GarbleTokenShape(bits: pair >> bitCount), GarbleTokenShape(bits: pair))
            }
        }
        return table
    }()

    /// Whether any join repair's trigger fires on a token of shape `current`
    /// after one of shape `previous`: one entry of `joinTriggers`, worked out alone.
    static func joinTrigger(_ previous: GarbleTokenShape, _ current: GarbleTokenShape) -> Bool {
        GarbleRepair.joinRepairs.contains { $0.mayJoin(previous, current) }
    }

    /// The join repairs whose trigger fires on a token of shape `current`
    /// after one of shape `previous`: bit `r` for `GarbleRepair.joinRepairs[r]`
    /// (fifteen repairs at most).
    static func joinTriggerSet(_ previous: GarbleTokenShape, _ current: GarbleTokenShape) -> UInt16 {
        var fires: UInt16 = 0
        for (index, repair) in GarbleRepair.joinRepairs.enumerated() where repair.mayJoin(previous, current) { fires |= 1 << index }
        return fires
    }
}

/// The tokens of one line under the word repairs, and whether any has changed.
/// The tokens' bytes are held in one buffer, `storage`: the line's own bytes,
/// then the bytes of each token repaired or joined, appended (nothing in it is
/// ever overwritten, so a token taken out of the list reads the same later).
struct GarbleTokenLine {
    /// A token: where its bytes are in `storage`, the spaces after it, where it started in the line.
    struct Token {
        /// The first of its bytes in `storage`, and how many.
        var offset: Int
        var count: Int
        /// The spaces after the token (tokens are split at spaces alone).
        var spacesAfter: Int
        var start: Int
    }

    /// The line's bytes, then each repaired or joined token's bytes.
    private(set) var storage: [UInt8]
    var tokens: [Token]
    /// How many changes the tokens have had (a token repaired, tokens joined).
    var edits = 0
    var changed: Bool { edits > 0 }

    init(_ text: [UInt8]) {
        var tokens: [Token] = []
        text.withUnsafeBufferPointer { bytes in
            // Counted first (8 bytes at a time), so the list is made once at its size, not grown token by token.
            tokens.reserveCapacity(Self.tokenCount(in: bytes))
            _ = Self.containsToken(in: bytes) { range, _, _ in
                var next = range.upperBound
                while next < bytes.count, bytes[next] == 0x20 { next += 1 }
                tokens.append(Token(offset: range.lowerBound, count: range.count, spacesAfter: next - range.upperBound, start: range.lowerBound))
                return false
            }
        }
        storage = text
        self.tokens = tokens
    }

    /// How many tokens `bytes` holds (as `containsToken` finds them): the
    /// bytes that are no space, at the start or after a space, counted 8 at a time.
    static func tokenCount(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0, index = 0
        // The high bit of a byte's lane: the byte before it is a space (the line's start counts as one).
        var spaceBefore: UInt64 = 0x80
        while index &+ 8 <= bytes.count {
            let spaces = ByteSearch.bytes(ByteSearch.word(bytes, at: index), equalTo: 0x20)
            count &+= (~spaces & (spaces << 8 | spaceBefore) & ByteSearch.highBits).nonzeroBitCount
            spaceBefore = spaces >> 56
            index &+= 8
        }
        var isSpaceBefore = spaceBefore != 0
        while index < bytes.count {
            let isSpace = bytes[index] == 0x20
            if !isSpace && isSpaceBefore { count &+= 1 }
            isSpaceBefore = isSpace
            index &+= 1
        }
        return count
    }

    /// The bytes of `token`: a slice of `storage` (its indices are the storage's).
    subscript(token: Token) -> ArraySlice<UInt8> {
        @inline(__always) get { storage[token.offset..<(token.offset + token.count)] }
    }

    /// The bytes of token `index` of the list.
    subscript(bytesOf index: Int) -> ArraySlice<UInt8> { self[tokens[index]] }

    /// Calls `body` with the bytes of `token` as a buffer of their own (indexed from 0).
    @inline(__always)
    func withBytes<Result>(of token: Token, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[token.offset..<(token.offset + token.count)])) }
    }

    /// A token of `bytes`, appended to `storage`, with `spacesAfter` after it, started at `start`.
    mutating func newToken(_ bytes: [UInt8], spacesAfter: Int, start: Int) -> Token {
        let offset = storage.count
        storage += bytes
        return Token(offset: offset, count: bytes.count, spacesAfter: spacesAfter, start: start)
    }

    /// Sets the bytes of token `index` to `bytes` (appended to `storage`); its spaces and start stay.
    mutating func setBytes(of index: Int, to bytes: [UInt8]) {
        tokens[index] = newToken(bytes, spacesAfter: tokens[index].spacesAfter, start: tokens[index].start)
    }

    /// Calls `body` with the range of each token of `bytes` (bytes between
    /// spaces), whether it is the line's first and whether it is its last, in
    /// order, until `body` returns true; true when it did.
    @inline(__always)
    static func containsToken(in bytes: UnsafeBufferPointer<UInt8>,
                              where body: (_ range: Range<Int>, _ isFirst: Bool, _ isLast: Bool) -> Bool) -> Bool {
        var index = 0
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        var isFirst = true
        while index < bytes.count {
            let start = index
            let end = ByteSearch.index(of: 0x20, in: bytes, from: index)
            index = end
            while index < bytes.count, bytes[index] == 0x20 { index += 1 }
            if body(start..<end, isFirst, index == bytes.count) { return true }
            isFirst = false
        }
        return false
    }

    /// Tokens `pieces` made one of `bytes`, reported with the spaces they had between them.
    mutating func join<Pieces: BidirectionalCollection<Token>>(_ pieces: Pieces, into bytes: [UInt8], rule: String,
                                                               record: GarbleRecorder) -> Token {
        let first = pieces.first!
        record(rule, pieces.map { String(decoding: self[$0], as: UTF8.self) }.joined(separator: " "),
               String(decoding: bytes, as: UTF8.self), first.start + 1)
        edits += 1
        return newToken(bytes, spacesAfter: pieces.last!.spacesAfter, start: first.start)
    }

    /// Joins a token and the one after it where `joined` gives them as one
    /// (called with each token and its bytes); the joined token is tried again
    /// with the next. Goes through the tokens once, left to right, into a new
    /// list: removing joined tokens in place made a line of many joins
    /// quadratic in its length.
    mutating func joinPairs(rule: String, record: GarbleRecorder,
                            _ joined: (Token, ArraySlice<UInt8>, Token, ArraySlice<UInt8>) -> [UInt8]?) {
        let tokens = self.tokens
        guard var current = tokens.first else { return }
        var kept: [Token] = []
        kept.reserveCapacity(tokens.count)
        for next in tokens.dropFirst() {
            if let bytes = joined(current, self[current], next, self[next]) {
                current = join([current, next], into: bytes, rule: rule, record: record)
            } else {
                kept.append(current)
                current = next
            }
        }
        kept.append(current)
        self.tokens = kept
    }

    /// Joins, left to right, each run of tokens from `index` to the `end(index)`
    /// it gives (nil: no run starts there) into their bytes side by side; the
    /// search goes on after the run. `end` reads the tokens as they were.
    mutating func joinRuns(rule: String, record: GarbleRecorder, _ end: (Int) -> Int?) {
        let tokens = self.tokens
        // Made at the first join: most lines have none, and keep their tokens as they are.
        var kept: [Token]?
        var index = 0
        while index < tokens.count {
            if let end = end(index) {
                if kept == nil { kept = Array(tokens[..<index]); kept!.reserveCapacity(tokens.count) }
                let bytes = tokens[index..<end].flatMap { self[$0] }
                kept!.append(join(tokens[index..<end], into: bytes, rule: rule, record: record))
                index = end
            } else {
                kept?.append(tokens[index])
                index += 1
            }
        }
        if let kept { self.tokens = kept }
    }

    /// The line again: its leading spaces, then each token and the spaces after it.
    /// Made at its length, once; a token's spaces appended one by one (mostly one).
    func text(leadingSpacesOf original: [UInt8]) -> [UInt8] {
        let leading = original.prefix { $0 == 0x20 }.count
        var rebuilt: [UInt8] = []
        rebuilt.reserveCapacity(tokens.reduce(leading) { $0 + $1.count + $1.spacesAfter })
        for _ in 0..<leading { rebuilt.append(0x20) }
        for token in tokens {
            rebuilt += self[token]
            for _ in 0..<token.spacesAfter { rebuilt.append(0x20) }
        }
        return rebuilt
    }
}
