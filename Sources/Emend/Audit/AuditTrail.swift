/// Builds the audit trail of a run as it streams: compares the input with the
/// output and names, for each difference, the stage and rule that made it.
///
/// The records are exact whatever the stages do: they come from comparing input
/// bytes with output bytes, so the output plus the records give back the input.
/// The stages' `Change`s only name the rule; a difference no stage claims is
/// named `unattributed` and counted in `summary`.
///
/// Input lines are kept from when they are read until the output made from them
/// is written, so memory is bounded like the run's. A line cut into segments
/// (longer than the stream's `maximumLineBytes`) is compared segment by
/// segment, each with the output segment made from it, as each is written, and
/// long texts a window at a time (`ByteDiff.windowedHunks`): never the whole
/// line at once. A stage's changes of such a line name no segment: each goes
/// to a difference of the segment written that its text explains, as many as
/// the difference holds that text, the rest wait for the next segments.
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
        /// A segment of a cut line that goes on in the next piece.
        var isSplit: Bool
    }

    public private(set) var summary = Summary()
    private let emit: (AuditRecord) throws -> Void

    private var pieces = PieceQueue()
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
        // Kept apart from the pieces: a cut line's earlier segments may be compared and gone already.
        if lineRead?.number != raw.number { lineRead = (raw.number, 0, raw.offset) }
        let charactersBefore = lineRead!.characters
        if raw.ending == .split { lineRead!.characters += Self.characterCount(bytes[...]) }
        pieces.append(Piece(number: raw.number, offset: raw.offset, bytes: bytes,
                            charactersBefore: charactersBefore, lineStart: lineRead!.lineStart, isSplit: raw.ending == .split))
    }

    /// The line being read: its number, the characters of its segments read so far, and where it starts.
    private var lineRead: (number: Int, characters: Int, lineStart: Int)?

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
                    if line.ending == .split { try settleSegment(of: number) }
                    continue
                }
                if number > open.last {
                    try close(upTo: number)
                    block = (number, number, bytes)
                    if line.ending == .split { try settleSegment(of: number) }
                    continue
                }
                try close(upTo: open.last + 1)
            } else if number > 0, pieces.first.map({ $0.number <= number }) ?? false {
                try close(upTo: number)
                block = (number, number, bytes)
                if line.ending == .split { try settleSegment(of: number) }
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

    /// The pieces read and not yet compared, oldest first: taken from the front
    /// without moving the rest (ten million blank lines once moved the whole
    /// queue at each one).
    private struct PieceQueue {
        private var storage: [Piece] = []
        private var head = 0

        var count: Int { storage.count - head }
        var first: Piece? { head < storage.count ? storage[head] : nil }
        var last: Piece? { head < storage.count ? storage[storage.count - 1] : nil }
        subscript(index: Int) -> Piece { storage[head + index] }
        mutating func append(_ piece: Piece) { storage.append(piece) }
        func prefix(_ count: Int) -> [Piece] { Array(storage[head..<(head + count)]) }

        mutating func removeFirst(_ count: Int) {
            for index in head..<(head + count) { storage[index].bytes = [] }  // a segment's 1 MiB goes now
            head += count
            if head == storage.count {
                storage.removeAll(keepingCapacity: true)
                head = 0
            } else if head >= 1024 && head * 2 >= storage.count {
                storage.removeFirst(head)
                head = 0
            }
        }
    }

    // MARK: - Settling a block

    /// The most changes of a cut line kept waiting for its later segments; past
    /// it the oldest are counted unmatched (memory stays bounded).
    static let waitingChangesLimit = 1 << 16

    /// When the open block is one cut line whose output segment was just
    /// written, compares it with the line's first input segment not yet
    /// compared, and writes the records (the rest of the line stays open).
    private mutating func settleSegment(of number: Int) throws {
        guard let open = block, open.first == number, open.last == number, !joinedToNext.contains(number),
              let piece = pieces.first, piece.number == number, piece.isSplit else { return }
        pieces.removeFirst(1)
        block = (number, number, [])
        let spans = ByteDiff.windowedHunks(from: piece.bytes, to: open.output).map { hunk in
            Span(input: (piece.offset + hunk.old.lowerBound)..<(piece.offset + hunk.old.upperBound),
                 after: Array(open.output[hunk.new]))
        }
        let waiting = try write(spans, taken: [piece], changes: changesByLine.removeValue(forKey: number) ?? [], segment: true)
        if !waiting.isEmpty {
            let dropped = max(0, waiting.count - Self.waitingChangesLimit)
            summary.unmatchedChanges += dropped
            changesByLine[number] = Array(waiting[dropped...])
        }
    }

    /// Compares the open block's output with the input pieces numbered below
    /// `limit` and writes the records.
    private mutating func close(upTo limit: Int) throws {
        let output = block?.output ?? []
        block = nil
        var count = 0
        while count < pieces.count, pieces[count].number < limit { count += 1 }
        guard count > 0 || !output.isEmpty else { return }
        let taken = pieces.prefix(count)
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

        var spans: [Span] = ByteDiff.windowedHunks(from: old, to: output).map { hunk in
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
        _ = try write(spans, taken: taken, changes: changes)
    }

    private var nextInputOffset: Int { pieces.first?.offset ?? 0 }

    private struct Span {
        var input: Range<Int>
        var after: [UInt8]
        var removesLine = false
    }

    /// Writes the records of `spans`, each named by the stage changes that explain
    /// it. For a `segment` of a cut line, a change explains a difference as many
    /// times as the difference holds its text, and the changes no difference
    /// takes are given back, to wait for the line's later segments; otherwise
    /// they are counted unmatched.
    private mutating func write(_ spans: [Span], taken: [Piece], changes: [Change], segment: Bool = false) throws -> [Change] {
        var places = Places(pieces: taken)
        let located: [(span: Span, record: AuditRecord, byteColumn: Int)] = spans.map { span in
            let before = Self.bytes(span.input, in: taken)
            let place = places.place(of: span.input.lowerBound)
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
        let shapes = located.map { RecordShape(kind: $0.record.kind, line: $0.record.line, byteColumn: $0.byteColumn,
                                               afterIsEmpty: $0.record.afterBytes.isEmpty) }
        let changeTexts = changes.map { Skeleton($0.before, $0.after) }
        var claims: [[Int]] = Array(repeating: [], count: located.count)  // indices into `changes`
        var waiting: [Change] = []
        // Segments: how many more changes of a text each difference takes (by record and text).
        var capacity: [Int: [String: Int]] = [:]
        func capacityKey(_ change: Change) -> String { change.before + "\u{0}" + change.after }
        func room(_ index: Int, for change: Change) -> Int {
            if let left = capacity[index]?[capacityKey(change)] { return left }
            let record = located[index].record
            let text = !change.before.isEmpty ? (Array(change.before.utf8), record.beforeBytes)
                : (Array(change.after.utf8), record.afterBytes)
            return max(1, Self.occurrences(of: text.0, in: text.1))
        }
        // Many differences and changes (a long line): each change looks only at
        // the differences within `nearby` bytes of its column.
        let inOrder = zip(shapes, shapes.dropFirst()).allSatisfy { ($0.line, $0.byteColumn) <= ($1.line, $1.byteColumn) }
        let nearby = inOrder && located.count * changes.count > 1 << 20 ? 1 << 15 : Int.max
        // The difference a change explains best, the nearest of those, among `allowed` ones.
        func best(for changeIndex: Int, strongest: Bool, allowed: (Int) -> Bool) -> Int? {
            let change = changes[changeIndex]
            var best: (index: Int, strength: Int, distance: Int)?
            var candidates = located.indices
            if nearby < Int.max {
                let low = Self.firstIndex(in: shapes, atOrAfter: change.line, column: change.column - nearby)
                let high = Self.firstIndex(in: shapes, atOrAfter: change.line, column: change.column + nearby + 1)
                candidates = low..<max(low, high)
            }
            for index in candidates where allowed(index) {
                let shape = shapes[index]
                let strength = Self.explanation(of: shape, recordTexts[index], by: change, changeTexts[changeIndex])
                guard strength > 0, !strongest || strength == 3 else { continue }
                let distance = abs(shape.line - change.line) * 1_000_000 + abs(shape.byteColumn - change.column)
                if best == nil || (strength, -distance) > (best!.strength, -best!.distance) {
                    if segment && room(index, for: change) == 0 { continue }
                    best = (index, strength, distance)
                }
            }
            return best?.index
        }
        func claim(_ index: Int, by changeIndex: Int) {
            claims[index].append(changeIndex)
            if segment { capacity[index, default: [:]][capacityKey(changes[changeIndex])] = room(index, for: changes[changeIndex]) - 1 }
        }
        if !segment {
            for changeIndex in changes.indices {
                if let index = best(for: changeIndex, strongest: false, allowed: { _ in true }) {
                    claim(index, by: changeIndex)
                } else {
                    summary.unmatchedChanges += 1
                }
            }
        } else {
            // A segment: the changes of later segments are here too, and a
            // short text ("ы" → "y") is found in many places. First the changes
            // whose both texts a difference holds; then the rest, each to a
            // difference no change has taken so far. Those left wait.
            var left: [Int] = []
            for changeIndex in changes.indices {
                if let index = best(for: changeIndex, strongest: true, allowed: { _ in true }) {
                    claim(index, by: changeIndex)
                } else {
                    left.append(changeIndex)
                }
            }
            let taken = Set(claims.indices.filter { !claims[$0].isEmpty })
            for changeIndex in left {
                if let index = best(for: changeIndex, strongest: false, allowed: { !taken.contains($0) }) {
                    claim(index, by: changeIndex)
                } else {
                    waiting.append(changes[changeIndex])
                }
            }
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
        return waiting
    }

    /// Non-overlapping places of `needle` in `text`.
    private static func occurrences(of needle: [UInt8], in text: [UInt8]) -> Int {
        guard !needle.isEmpty, needle.count <= text.count else { return 0 }
        var count = 0
        var index = 0
        while index + needle.count <= text.count {
            if text[index] == needle[0] && text[index..<(index + needle.count)].elementsEqual(needle) {
                count += 1
                index += needle.count
            } else {
                index += 1
            }
        }
        return count
    }

    /// The first located difference at or after `line` and byte `column` (records are in input order).
    private static func firstIndex(in shapes: [RecordShape], atOrAfter line: Int, column: Int) -> Int {
        var low = 0, high = shapes.count
        while low < high {
            let middle = (low + high) / 2
            if (shapes[middle].line, shapes[middle].byteColumn) < (line, column) { low = middle + 1 } else { high = middle }
        }
        return low
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

    /// What matching needs of a record, without its texts (no copies in the loop over records).
    private struct RecordShape {
        var kind: AuditRecord.Kind
        var line: Int
        var byteColumn: Int
        var afterIsEmpty: Bool
    }

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
    private static func explanation(of record: RecordShape, _ recordText: Skeleton,
                                    by change: Change, _ changeText: Skeleton) -> Int {
        if change.kind == .removedLine { return record.kind == .removedLine && change.line == record.line ? 3 : 0 }
        if change.kind == .moved {  // the place it left
            let left = changeText.before
            return record.afterIsEmpty && (left.isEmpty || GarbleRepair.find(left, in: recordText.before) != nil) ? 3 : 0
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

    /// The places of offsets in `pieces`, asked in input order: the characters
    /// are counted on from the place asked before (a segment of 1 MiB with
    /// thousands of records is read once, not once a record).
    private struct Places {
        let pieces: [Piece]
        private var last: (piece: Int, within: Int, characters: Int)?

        init(pieces: [Piece]) { self.pieces = pieces }

        /// Line, column in characters, and byte column within the piece (a
        /// stage's change of a segment counts its column from the segment's start).
        mutating func place(of offset: Int) -> (line: Int, column: Int, byteColumn: Int) {
            guard let index = pieces.lastIndex(where: { $0.offset <= offset }) else {
                return (pieces.first?.number ?? 0, 1, 1)
            }
            let piece = pieces[index]
            let within = min(offset - piece.offset, piece.bytes.count)
            var characters: Int
            // Counting on is exact from a place at a character's start (never inside an ill-formed sequence either).
            if let last, last.piece == index, last.within <= within,
               within == piece.bytes.count || !UTF8Scan.isContinuation(piece.bytes[within]) {
                characters = last.characters + characterCount(piece.bytes[last.within..<within])
            } else {
                characters = characterCount(piece.bytes[..<within])
            }
            if within == piece.bytes.count || !UTF8Scan.isContinuation(piece.bytes[within]) {
                last = (index, within, characters)
            }
            return (piece.number, piece.charactersBefore + characters + 1, within + 1)
        }
    }

    /// Characters as a reader sees them: each ill-formed UTF-8 sequence is one U+FFFD.
    private static func characterCount(_ bytes: ArraySlice<UInt8>) -> Int {
        UTF8Scan.characterCount(bytes)
    }
}
