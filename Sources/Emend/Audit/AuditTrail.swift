/// Builds the audit trail of a run as it streams: compares the input with the
/// output and names, for each difference, the stage and rule that made it.
///
/// The records are exact whatever the stages do: they come from comparing input
/// bytes with output bytes, so the output plus the records give back the input.
/// The stages' `Change`s only name the rule; a difference no stage claims is
/// named `unattributed` and counted in `summary`.
///
/// Input lines are kept from when they are read until the output made from them
/// is written, so memory is bounded like the run's (an input line cut into
/// segments is compared whole).
///
/// Output lines are matched to input lines by `Line.number`: an output line
/// stands for the input lines from its number up to the next output line's
/// number, and a join a stage reports ties it to the next output line.
public struct AuditTrail {
    /// What the trail saw.
    public struct Summary: Sendable, Equatable {
        public var inputBytes = 0
        public var records = 0
        /// Bytes of input that the records replace (removed lines included).
        public var bytesChanged = 0
        /// Records no stage change claims (should be none).
        public var unattributed = 0
        /// Stage changes that match no difference (a later stage undid them).
        public var unmatchedChanges = 0
    }

    /// One piece of input as read: a line, or a segment of a cut line.
    private struct Piece {
        var number: Int
        var offset: Int
        /// Content and line ending, as read (before UTF-8 repair).
        var bytes: [UInt8]
        /// Characters in the earlier segments of the same line.
        var charactersBefore: Int
        var lineStart: Int
    }

    public private(set) var summary = Summary()
    private let emit: (AuditRecord) throws -> Void

    private var pieces: [Piece] = []
    private var changesByLine: [Int: [Change]] = [:]
    /// Output lines (by number) whose end a stage joined to the next output line.
    private var joinedToNext: Set<Int> = []
    /// Lines a stage moved further on, until they arrive at their new place.
    private var movedLines: [Int: Change] = [:]
    private var block: (first: Int, last: Int, output: [UInt8])?

    public init(emit: @escaping (AuditRecord) throws -> Void) {
        self.emit = emit
    }

    /// Notes a line (or segment) as read, before any repair.
    package mutating func read(_ raw: RawLine) {
        var bytes = raw.bytes
        bytes += raw.ending.bytes
        summary.inputBytes += bytes.count
        var charactersBefore = 0
        var lineStart = raw.offset
        if let last = pieces.last, last.number == raw.number {
            charactersBefore = last.charactersBefore + Self.characterCount(last.bytes[...])
            lineStart = last.lineStart
        }
        pieces.append(Piece(number: raw.number, offset: raw.offset, bytes: bytes,
                            charactersBefore: charactersBefore, lineStart: lineStart))
    }

    /// Notes the changes stages reported (before the lines they concern are written).
    public mutating func noteChanges(_ changes: [Change]) {
        // A change that changed nothing (a break left for review) is no difference to explain.
        for change in changes where change.before != change.after || change.kind == .removedLine || change.kind == .moved {
            if change.kind == .joined { joinedToNext.insert(change.line) }
            if change.kind == .moved { movedLines[change.line] = change }
            changesByLine[change.line, default: []].append(change)
        }
    }

    /// Notes output lines as they are written, and writes the records of every
    /// input line they settle.
    public mutating func wrote(_ lines: [Line]) throws {
        for line in lines {
            var bytes = line.bytes
            bytes += line.ending.bytes
            let number = line.number
            if var open = block {
                if number == open.last || (number > open.last && joinedToNext.contains(open.last)) {
                    open.last = number
                    open.output += bytes
                    block = open
                    continue
                }
                if number > open.last {
                    try close(upTo: number)
                    block = (number, number, bytes)
                    continue
                }
                try close(upTo: open.last + 1)
            } else if number > 0, pieces.first.map({ $0.number <= number }) ?? false {
                try close(upTo: number)
                block = (number, number, bytes)
                continue
            }
            // Output that is not at its input place (moved, or made up by a stage).
            try record(moved: bytes, line: line)
        }
    }

    /// Settles what is left at the end of input.
    public mutating func finish() throws {
        try close(upTo: Int.max)
        summary.unmatchedChanges += changesByLine.values.reduce(0) { $0 + $1.count }
        changesByLine.removeAll()
    }

    // MARK: - Settling a block

    /// Compares the open block's output with the input pieces numbered below
    /// `limit` and writes the records.
    private mutating func close(upTo limit: Int) throws {
        let output = block?.output ?? []
        block = nil
        var count = 0
        while count < pieces.count, pieces[count].number < limit { count += 1 }
        guard count > 0 || !output.isEmpty else { return }
        let taken = Array(pieces[..<count])
        pieces.removeFirst(count)
        let numbers = Set(taken.map(\.number))
        var changes: [Change] = []
        for number in numbers.sorted() { changes += changesByLine.removeValue(forKey: number) ?? [] }
        for number in joinedToNext where numbers.contains(number) { joinedToNext.remove(number) }

        // Lines a stage removed whole are left out of the comparison.
        let removed = Set(changes.filter { $0.kind == .removedLine }.map(\.line))
        var old: [UInt8] = []
        var keptStarts: [(oldIndex: Int, piece: Int)] = []
        for (index, piece) in taken.enumerated() where !removed.contains(piece.number) {
            keptStarts.append((old.count, index))
            old += piece.bytes
        }
        let start = taken.first?.offset ?? nextInputOffset
        // The input offset of the byte at old[index] (or of the place after the last kept byte).
        func inputOffset(_ index: Int) -> Int {
            guard let last = keptStarts.last(where: { $0.oldIndex <= index && $0.oldIndex < old.count }) else { return start }
            let piece = taken[last.piece]
            if index - last.oldIndex < piece.bytes.count { return piece.offset + index - last.oldIndex }
            return piece.offset + piece.bytes.count
        }

        var spans: [Span] = ByteDiff.hunks(from: old, to: output).map { hunk in
            let from = inputOffset(hunk.old.lowerBound)
            let to = hunk.old.isEmpty ? from : inputOffset(hunk.old.upperBound - 1) + 1
            return Span(input: from..<to, after: Array(output[hunk.new]))
        }
        for piece in taken where removed.contains(piece.number) {
            let range = piece.offset..<(piece.offset + piece.bytes.count)
            if !spans.contains(where: { $0.input.lowerBound <= range.lowerBound && range.upperBound <= $0.input.upperBound && !$0.input.isEmpty }) {
                spans.append(Span(input: range, after: [], removesLine: true))
            }
        }
        spans.sort { ($0.input.lowerBound, $0.input.upperBound) < ($1.input.lowerBound, $1.input.upperBound) }
        try write(spans, taken: taken, changes: changes)
    }

    private var nextInputOffset: Int { pieces.first?.offset ?? 0 }

    private struct Span {
        var input: Range<Int>
        var after: [UInt8]
        var removesLine = false
    }

    private mutating func write(_ spans: [Span], taken: [Piece], changes: [Change]) throws {
        let located: [(span: Span, record: AuditRecord, byteColumn: Int)] = spans.map { span in
            let before = Self.bytes(span.input, in: taken)
            let place = Self.place(of: span.input.lowerBound, in: taken)
            let kind: AuditRecord.Kind
            if span.removesLine || (span.after.isEmpty && Self.isWholeLines(span.input, in: taken)) {
                kind = .removedLine
            } else if before.count(where: { $0 == 0x0A }) > span.after.count(where: { $0 == 0x0A }) {
                kind = .joined
            } else if UTF8Scan.repair(before) != nil {
                kind = .invalidUTF8
            } else {
                kind = .edited
            }
            let record = AuditRecord(kind: kind, line: place.line, column: place.column, offset: span.input.lowerBound,
                                     stage: "", rule: "", alsoRules: [], beforeBytes: before, afterBytes: span.after)
            return (span, record, place.byteColumn)
        }
        // Each stage change goes to the difference whose text it explains best,
        // the nearest of those.
        let recordTexts = located.map { Skeleton($0.record.before, $0.record.after) }
        let changeTexts = changes.map { Skeleton($0.before, $0.after) }
        var claims: [[Int]] = Array(repeating: [], count: located.count)  // indices into `changes`
        for (changeIndex, change) in changes.enumerated() {
            var best: (index: Int, strength: Int, distance: Int)?
            for (index, entry) in located.enumerated() {
                let strength = Self.explanation(of: entry.record, recordTexts[index], by: change, changeTexts[changeIndex])
                guard strength > 0 else { continue }
                let distance = abs(entry.record.line - change.line) * 1_000_000 + abs(entry.byteColumn - change.column)
                if best == nil || (strength, -distance) > (best!.strength, -best!.distance) { best = (index, strength, distance) }
            }
            if let best { claims[best.index].append(changeIndex) } else { summary.unmatchedChanges += 1 }
        }
        // A join moves a line break and the spaces around it: a change of spacing
        // no other change claims, in a block with a join, is part of the join.
        let joins = changes.indices.filter { changes[$0].kind == .joined }
        for index in located.indices where claims[index].isEmpty && !joins.isEmpty {
            let line = located[index].record.line
            guard recordTexts[index].before == recordTexts[index].after else { continue }
            claims[index] = [joins.min { abs(changes[$0].line - line) < abs(changes[$1].line - line) }!]
        }
        for index in located.indices {
            var record = located[index].record
            // More specific changes name the record first: a rule-file rule or a
            // word repair before a change of spacing.
            let claimed = claims[index].sorted { changeTexts[$0].count > changeTexts[$1].count }.map { changes[$0] }
            if let primary = claimed.first {
                record.stage = primary.stage
                record.rule = primary.rule
                record.alsoRules = claimed.dropFirst().map { "\($0.stage) \($0.rule)" }
                if record.kind == .edited && claimed.contains(where: { $0.kind == .joined }) { record.kind = .joined }
            } else if record.kind == .invalidUTF8 {
                record.stage = "input"
                record.rule = "input:invalid-utf8"
            } else {
                record.stage = "unknown"
                record.rule = "unattributed"
                summary.unattributed += 1
            }
            summary.records += 1
            summary.bytesChanged += record.beforeBytes.count
            try emit(record)
        }
    }

    private mutating func record(moved bytes: [UInt8], line: Line) throws {
        let change = movedLines.removeValue(forKey: line.number)
        let offset = pieces.first?.offset ?? summary.inputBytes
        let record = AuditRecord(kind: .moved, line: pieces.first?.number ?? line.number, column: 1, offset: offset,
                                 stage: change?.stage ?? "unknown", rule: change?.rule ?? "unattributed",
                                 alsoRules: [], beforeBytes: [], afterBytes: bytes)
        if change == nil { summary.unattributed += 1 }
        summary.records += 1
        try emit(record)
    }

    // MARK: - Matching changes to differences

    /// The before and after texts of a change or a difference with spaces, line
    /// breaks and the `|` of join descriptions taken out, as UTF-8 bytes
    /// (searched byte for byte: Foundation's String search fails on some texts
    /// with NUL and U+FFFD).
    private struct Skeleton {
        var before: [UInt8]
        var after: [UInt8]
        var count: Int { before.count + after.count }

        init(_ before: String, _ after: String) {
            self.before = Self.letters(of: before)
            self.after = Self.letters(of: after)
        }

        static func letters(of text: String) -> [UInt8] {
            var result: [UInt8] = []
            for scalar in text.unicodeScalars where !scalar.properties.isWhitespace && scalar != "|" {
                result += String(scalar).utf8
            }
            return result
        }
    }

    /// How well a stage change explains a difference: 0 not at all; a change of
    /// spacing: 2 for a difference of spacing only, 1 for one of spacing
    /// between words; a change of letters: 2 a change whose text the
    /// difference holds (its old or its new text: a later stage may have
    /// changed the text again, an earlier one may have made it); 3 both texts.
    private static func explanation(of record: AuditRecord, _ recordText: Skeleton,
                                    by change: Change, _ changeText: Skeleton) -> Int {
        if change.kind == .removedLine { return record.kind == .removedLine && change.line == record.line ? 3 : 0 }
        if change.kind == .moved {  // the place it left
            let left = changeText.before
            return record.afterBytes.isEmpty && (left.isEmpty || GarbleRepair.find(left, in: recordText.before) != nil) ? 3 : 0
        }
        func related(_ a: [UInt8], _ b: [UInt8]) -> Bool {
            !a.isEmpty && !b.isEmpty && (GarbleRepair.find(b, in: a) != nil || GarbleRepair.find(a, in: b) != nil)
        }
        let beforeRelated = related(recordText.before, changeText.before)
        let afterRelated = related(recordText.after, changeText.after)
        if beforeRelated && afterRelated { return 3 }
        if changeText.before == changeText.after {
            return recordText.before != recordText.after ? 0 : recordText.before.isEmpty ? 2 : 1
        }
        return beforeRelated || afterRelated ? 2 : 0
    }

    // MARK: - Input places

    private static func bytes(_ range: Range<Int>, in pieces: [Piece]) -> [UInt8] {
        var result: [UInt8] = []
        for piece in pieces {
            let pieceRange = piece.offset..<(piece.offset + piece.bytes.count)
            let overlap = pieceRange.clamped(to: range)
            if !overlap.isEmpty { result += piece.bytes[(overlap.lowerBound - piece.offset)..<(overlap.upperBound - piece.offset)] }
        }
        return result
    }

    private static func isWholeLines(_ range: Range<Int>, in pieces: [Piece]) -> Bool {
        guard !range.isEmpty else { return false }
        let startsLine = pieces.contains { $0.offset == range.lowerBound && $0.lineStart == $0.offset }
        let endsLine = pieces.contains { $0.offset + $0.bytes.count == range.upperBound && $0.bytes.last == 0x0A }
        return startsLine && endsLine
    }

    private static func place(of offset: Int, in pieces: [Piece]) -> (line: Int, column: Int, byteColumn: Int) {
        guard let piece = pieces.last(where: { $0.offset <= offset }) else {
            return (pieces.first?.number ?? 0, 1, 1)
        }
        let within = min(offset - piece.offset, piece.bytes.count)
        return (piece.number, piece.charactersBefore + characterCount(piece.bytes[..<within]) + 1,
                offset - piece.lineStart + 1)
    }

    /// Characters as a reader sees them: each ill-formed UTF-8 sequence is one U+FFFD.
    private static func characterCount(_ bytes: ArraySlice<UInt8>) -> Int {
        UTF8Scan.characterCount(bytes)
    }
}
