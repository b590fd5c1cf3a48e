@testable import Emend
import Foundation
import Testing

/// A pipeline whose later stages run on their own thread gives what it gives
/// run in turn: the same bytes, the same changes in the same order, the same
/// error after the same output.
@Suite struct StageThreadTests {
    /// Every raw page of the gold set, one after another: page furniture, broken
    /// words and garbles for every stage of the default pipeline.
    static func goldText() throws -> [UInt8] {
        let directory = Fixtures.url("Tests/EmendTests/Gold")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".raw.txt") }.sorted()
        return try names.flatMap { try Fixtures.bytes("Tests/EmendTests/Gold/" + $0) }
    }

    static func run(_ pipeline: Pipeline, _ input: [UInt8], blockSize: Int, thread: Bool) throws -> ([UInt8], [Change], Pipeline) {
        var stage = pipeline
        var source = MemorySource(input)
        var sink = MemorySink()
        var changes: [Change] = []
        try runStream(&stage, from: &source, to: &sink, settings: StreamSettings(blockSize: blockSize, usesStageThread: thread, chunkBytes: 0)) {
            changes.append($0)
        }
        return (sink.bytes, changes, stage)
    }

    @Test(arguments: [97, 4096, 1 << 18])
    func defaultPipelineGivesTheSameOutputAndChangesOnTwoThreads(blockSize: Int) throws {
        let input = try Self.goldText()
        let pipeline = try PipelineLoader().loadDefault().makePipeline()
        let (inTurn, inTurnChanges, _) = try Self.run(pipeline, input, blockSize: blockSize, thread: false)
        let (threaded, threadedChanges, after) = try Self.run(pipeline, input, blockSize: blockSize, thread: true)
        #expect(threaded == inTurn)
        #expect(threadedChanges == inTurnChanges)
        #expect(!inTurnChanges.isEmpty)
        #expect(after.stageNames == pipeline.stageNames)  // the stream gives the pipeline back whole
    }

    @Test func splitPutsTheCostliestStageAndTheRestOnTheThread() throws {
        let stages: [any TextStage] = [UnicodeNormalizer(), try Dehyphenator(), try GarbleRepair(), WhitespaceNormalizer()]
        #expect(StageThread.split(stages) == 2)
        #expect(StageThread.split([UnicodeNormalizer(), WhitespaceNormalizer(), try Dehyphenator()]) == 1)
        #expect(StageThread.split([UnicodeNormalizer()]) == nil)
    }

    /// A stage that fails on the line "boom".
    struct FailingStage: LineStage {
        var name: String { "failing" }
        func transform(_ line: inout Line, changes output: inout StageOutput) {}
        mutating func consume(_ pending: inout [Line], into output: inout StageOutput) throws {
            if pending.contains(where: { $0.text == "boom" }) { throw StageError.icu(stage: name, message: "boom") }
            output.lines += pending
            pending.removeAll()
        }
    }

    @Test(arguments: [true, false])
    func anErrorComesAfterTheOutputOfTheBlocksBeforeIt(errorOnTheThread: Bool) throws {
        // More than the writer's 256 KiB buffer before "boom", so some output is written before the error.
        let lines = (1...40_000).map { "line \($0)" } + ["boom"] + (1...50).map { "after \($0)" }
        let input = Array(lines.joined(separator: "\n").utf8)
        let stages: [any TextStage] = errorOnTheThread ? [WhitespaceNormalizer(), FailingStage()] : [FailingStage(), WhitespaceNormalizer()]
        var written: [[UInt8]] = []
        for thread in [false, true] {
            var stage = Pipeline(stages: stages)
            var source = MemorySource(input)
            var sink = MemorySink()
            #expect(throws: StageError.icu(stage: "failing", message: "boom")) {
                try runStream(&stage, from: &source, to: &sink, settings: StreamSettings(blockSize: 4096, usesStageThread: thread, chunkBytes: 0))
            }
            written.append(sink.bytes)
        }
        #expect(written[1] == written[0])
        let text = String(decoding: written[0], as: UTF8.self)
        #expect(text.hasPrefix("line 1\nline 2\n"))
        #expect(!text.contains("boom") && !text.contains("after"))
    }
}
