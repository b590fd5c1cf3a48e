@testable import Emend
import Testing

@Suite struct TextStreamTests {
    /// A page of the raw scan with a CRLF line, Cyrillic, a BOM and invalid bytes mixed in.
    private static let input: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("""
        documented almost everything they did. This helps the historian, but the offi- \r
        cial language of these texts can never capture the cruelty, suffering, and pathos 
        Others inMoscow, and those receiving the orders in the  
        Нарком  Ежов, \u{438}\u{306}  
        """.utf8) + [0xC3, 0x28, 0x0A] + Array(" 128 Closing Ranks ".utf8)

    @Test(arguments: [1, 2, 3, 7, 13, 1 << 16])
    func outputDoesNotDependOnHowInputArrives(pieceSize: Int) throws {
        let pipeline = Pipeline(stages: [UnicodeNormalizer(), WhitespaceNormalizer(), JoinHyphenatedLines()])
        let whole = try Fixtures.run(pipeline, Self.input)
        let pieces = try Fixtures.run(pipeline, Self.input, pieceSize: pieceSize)
        #expect(pieces.bytes == whole.bytes)
        #expect(pieces.summary == whole.summary)
    }

    @Test func keepsByteOrderMarkAndLineEndingsAndReportsInvalidBytes() throws {
        let (bytes, summary) = try Fixtures.run(Pipeline(stages: [WhitespaceNormalizer()]), Self.input)
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("documented almost everything they did. This helps the historian, but the offi-\r\ncial"))
        #expect(text.hasSuffix("\u{FFFD}(\n 128 Closing Ranks"))  // last line has no newline, and keeps none
        #expect(summary.hadByteOrderMark)
        #expect(summary.linesRead == 5)
        #expect(try #require(summary.invalidUTF8) == Self.expectedInvalid)
    }

    /// Where the one bad sequence (C3 28) stands: its offset, line 4, and
    /// column in characters (the Cyrillic letters are two bytes each).
    private static var expectedInvalid: InvalidUTF8 {
        let offset = input.firstIndex(of: 0xC3)!
        let lineStart = input[..<offset].lastIndex(of: 0x0A)! + 1
        return InvalidUTF8(offset: offset, line: 4,
                           column: String(decoding: input[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1, count: 1)
    }

    @Test func strictModeStopsAtTheFirstInvalidByte() throws {
        #expect(Self.expectedInvalid.column == 19)  // 31 bytes
        #expect(throws: Self.expectedInvalid) {
            try Fixtures.run(Pipeline(stages: []), Self.input, settings: StreamSettings(strictUTF8: true))
        }
    }

    @Test func emptyInputGivesEmptyOutput() throws {
        let (bytes, summary) = try Fixtures.run(Pipeline(stages: [WhitespaceNormalizer()]), [])
        #expect(bytes.isEmpty)
        #expect(summary.linesRead == 0)
    }

    /// A stage for this suite: passes lines on and notes the most it was handed at once.
    private struct CountingStage: TextStage {
        var name: String { "counting" }
        var maximumHeldLines: Int { 0 }
        var most = 0
        mutating func consume(_ pending: inout [Line], into output: inout StageOutput) throws {
            most = max(most, pending.count)
            output.lines += pending
            pending.removeAll()
        }
    }

    /// A block of 256 KB held a quarter of a million blank lines, each stage's
    /// arrays as many (a million blank lines took 152 MB): the stages are
    /// handed a block's lines in parts.
    @Test func aBlockOfShortLinesGoesThroughInParts() throws {
        let input = [UInt8](repeating: 0x0A, count: 100_000) + Array("end".utf8)
        var stage = CountingStage()
        var source = MemorySource(input)
        var sink = MemorySink()
        let summary = try runStream(&stage, from: &source, to: &sink, settings: StreamSettings(blockSize: 1 << 18))
        #expect(sink.bytes == input)
        #expect(summary.linesRead == 100_001 && summary.linesWritten == 100_001)
        #expect(stage.most == StreamSettings.maximumLinesPerPush)
    }

    @Test func aLineWithNoNewlineIsProcessedInBoundedSegmentsAndLosesNothing() throws {
        var line: [UInt8] = []
        while line.count < 3_000_000 { line += Array("ofbaseness.Toplacethenameof ".utf8) }
        let (bytes, summary) = try Fixtures.run(Pipeline(stages: [UnicodeNormalizer(), JoinHyphenatedLines()]), line,
                                                settings: StreamSettings(maximumLineBytes: 1 << 16))
        #expect(bytes == line)
        #expect(summary.linesRead == 1)
    }

    @Test func lineFilterStreamsAndFlushesHeldLines() throws {
        var filter = LineFilter(JoinHyphenatedLines())
        #expect(try filter.push("the offi-") == [])
        #expect(try filter.push("cial language") == ["the official language"])
        #expect(try filter.push("gen-") == [])
        #expect(try filter.finish() == ["gen-"])
    }
}

@Suite struct LongLineTests {
    /// A line far longer than the segment bound, with spaces where the reader
    /// cuts it: the default pipeline gives it back unchanged (it is clean text).
    @Test func theDefaultPipelineLosesNothingAtTheCutsOfAnOverlongLine() throws {
        var line: [UInt8] = []
        while line.count < 3_000_000 { line += Array("the party and the state were one; ".utf8) }
        line.removeLast()  // no trailing space
        let pipeline = try PipelineLoader().loadDefault().makePipeline()
        let (bytes, _) = try Fixtures.run(pipeline, line + [0x0A], settings: StreamSettings(maximumLineBytes: 1 << 16))
        #expect(bytes == line + [0x0A])
    }
}
