import Emend
import Foundation
import Testing

/// The stages that look ahead hold lines by count and by bytes: long lines
/// (the 1 MiB segments of a file with no newline) are held no further than
/// `LookAhead.maximumBytes` ahead. Counted in lines alone, garbles held 200
/// segments ahead without a survey (60 with one), page-structure 200 and more.
@Suite struct LongLineWindowTests {
    /// `count` lines of running text, `bytes` long each.
    static func longLines(_ count: Int, bytes: Int) -> [Line] {
        let text = Array(String(repeating: "the archive of the party ", count: bytes / 25 + 1).utf8.prefix(bytes))
        return (1...count).map { Line(bytes: text, ending: .lf, number: $0) }
    }

    static func heldBytes(_ pending: [Line]) -> Int { pending.reduce(0) { $0 + $1.bytes.count } }

    @Test func garblesHoldsLongLinesByBytes() throws {
        var stage = try GarbleRepair()  // no survey: it counts as lines arrive, 200 ahead
        var pending = Self.longLines(100, bytes: 20_000)
        var output = StageOutput()
        try stage.consume(&pending, into: &output)
        #expect(!output.lines.isEmpty)
        #expect(Self.heldBytes(pending) <= LookAhead.maximumBytes + 20_000)
        #expect(pending.count < stage.maximumHeldLines)
        try stage.finish(&pending, into: &output)
        #expect(output.lines.map(\.number) == Array(1...100))
    }

    @Test func pageStructureHoldsLongLinesByBytes() throws {
        var stage = try PageStructure()  // no survey: 200 lines ahead
        var pending = Self.longLines(100, bytes: 20_000)
        var output = StageOutput()
        try stage.consume(&pending, into: &output)
        #expect(!output.lines.isEmpty)
        #expect(Self.heldBytes(pending) <= LookAhead.maximumBytes + 20_000)
        try stage.finish(&pending, into: &output)
        #expect(output.lines.map(\.number) == Array(1...100))
    }

    /// A window is fixed by the lines after a line, never by the reads: the
    /// lines a stage may decide are those whose whole window has arrived.
    @Test func aWindowEndsAtItsLinesOrItsBytes() {
        let short = Self.longLines(10, bytes: 50)
        #expect(LookAhead.windowEnd(after: 0, in: short, lines: 6) == 7)
        #expect(LookAhead.readyCount(in: short, lines: 6, atEnd: false) == 4)
        let long = Self.longLines(10, bytes: LookAhead.maximumBytes / 2)
        #expect(LookAhead.windowEnd(after: 0, in: long, lines: 6) == 3)
        #expect(LookAhead.windowEnd(after: 0, in: long, lines: 6, minimumLines: 4) == 5)
        #expect(LookAhead.readyCount(in: long, lines: 6, atEnd: false) == 8)
        #expect(LookAhead.windowEnd(after: 8, in: long, lines: 6) == nil)
        #expect(LookAhead.readyCount(in: long, lines: 6, atEnd: true) == 10)
        // The cursor gives each line's window in turn, as `windowEnd` does (up to the end of what is there).
        let mixed = (0..<40).map { Line(bytes: Array(repeating: 0x61, count: [10, LookAhead.maximumBytes / 3, 50_000][$0 % 3])) }
        var cursor = LookAhead.Cursor(lines: 6)
        for index in mixed.indices {
            #expect(cursor.window(after: index, in: mixed) == (index + 1)..<(LookAhead.windowEnd(after: index, in: mixed, lines: 6) ?? mixed.count))
        }
        // A barrier ends the window at its least number of lines.
        #expect(LookAhead.windowEnd(after: 0, in: long, lines: 6, minimumLines: 4, barrier: { _ in true }) == 3)
    }
}
