@testable import Emend
import Testing

/// `ChunkedStages.keep` keeps the lines (and changes) that removing every
/// other line one by one keeps, in the same order: when the lines not kept
/// are a run before and a run after the kept ones (cut off as two runs) and
/// when they stand among them too (each line decided).
@Suite struct ChunkedStagesKeepTests {
    /// Which line numbers are a chunk's own: a window of them, with holes at `holes`.
    struct Own: CustomTestStringConvertible, Sendable {
        var first: Int
        var last: Int
        var holes: Set<Int> = []
        func contains(_ number: Int) -> Bool { number >= first && number <= last && !holes.contains(number) }
        var testDescription: String { "\(first)...\(last) but \(holes.sorted())" }
    }

    static let owns = [Own(first: 1, last: 0), Own(first: 0, last: 10_000), Own(first: 5, last: 40), Own(first: 0, last: 12),
                       Own(first: 30, last: 10_000), Own(first: 5, last: 40, holes: [6]), Own(first: 5, last: 40, holes: [5, 40]),
                       Own(first: 5, last: 40, holes: [20, 21, 33]), Own(first: 17, last: 17)]

    /// The gold pages' lines, numbered as read, some numbers given twice (the
    /// lines an earlier stage made of one) and one line out of order.
    static func goldLines() throws -> [Line] {
        var lines = try GoldPage.allRawLines().prefix(80).enumerated().map { Line(bytes: $0.element, number: $0.offset) }
        if lines.count > 30 {
            lines.insert(Line(bytes: lines[20].bytes, number: lines[20].number), at: 21)
            lines.swapAt(28, 29)
        }
        return lines
    }

    static func reference(_ output: StageOutput, _ isOwn: (Int) -> Bool) -> StageOutput {
        var output = output
        output.lines.removeAll { !isOwn($0.number) }
        output.changes.removeAll { !isOwn($0.line) }
        return output
    }

    static func output(_ lines: [Line]) -> StageOutput {
        var output = StageOutput(recordsChanges: true)
        output.lines = lines
        output.changes = lines.filter { $0.number % 3 == 0 }.map {
            Change(kind: .edited, stage: "test", rule: "test", line: $0.number, column: 1, before: $0.text, after: "")
        }
        return output
    }

    @Test(arguments: Self.owns)
    func keepsWhatRemovingLineByLineKeepsOnGoldLines(own: Own) throws {
        let lines = try Self.goldLines()
        #expect(lines.count > 30)
        var kept = Self.output(lines)
        ChunkedStages.keep(&kept) { own.contains($0) }
        let expected = Self.reference(Self.output(lines), { own.contains($0) })
        #expect(kept.lines == expected.lines)
        #expect(kept.changes == expected.changes)
    }

    @Test(arguments: Self.owns)
    func keepsWhatRemovingLineByLineKeepsOnMadeUpLines(own: Own) {
        let texts = ["", "Conceming the offi-", "cial", "   ", "\u{0C}12", "op. 2 , d. 577", "tbe", "RTsKhIDNI"]
        let cases: [[Line]] = [[], [Line("x", number: 17)], (0..<50).map { Line(texts[$0 % texts.count], number: $0) },
                               (0..<50).reversed().map { Line(texts[$0 % texts.count], number: $0) },
                               (0..<50).map { Line(texts[$0 % texts.count], number: $0 / 4 * 4) }]
        for lines in cases {
            var kept = Self.output(lines)
            ChunkedStages.keep(&kept) { own.contains($0) }
            let expected = Self.reference(Self.output(lines), { own.contains($0) })
            #expect(kept.lines == expected.lines)
            #expect(kept.changes == expected.changes)
        }
    }
}
