@testable import Emend
import Foundation
import Testing

/// The stages after page-structure run on chunks of the stream side by side
/// (`ChunkedStages`) give what the pipeline gives run in turn, wherever the
/// cuts fall: the same bytes, the same changes, the same audit records.
@Suite struct ChunkedStagesTests {
    struct Run: Equatable {
        var bytes: [UInt8]
        var changes: [String]
        var audit: [String]
    }

    static func run(_ pipeline: Pipeline, _ input: [UInt8], chunkBytes: Int, blockSize: Int = 4096) throws -> Run {
        var stage = pipeline
        var source = MemorySource(input)
        var sink = MemorySink()
        var changes: [String] = [], audit: [String] = []
        var settings = StreamSettings(blockSize: blockSize, usesStageThread: chunkBytes > 0, chunkBytes: chunkBytes)
        settings.chunksOnOneCore = true
        try runStream(&stage, from: &source, to: &sink, settings: settings,
                      onChange: { changes.append("\($0)") }, onAudit: { audit.append("\($0)") })
        // Changes come per chunk, not per block: the same changes, in another order.
        return Run(bytes: sink.bytes, changes: changes.sorted(), audit: audit)
    }

    /// The gold set's raw pages, surveyed: furniture, broken words and garbles.
    static func surveyedDefault(_ input: [UInt8]) throws -> Pipeline {
        try PipelineLoader().loadDefault().makePipeline().surveyed(input)
    }

    /// Chunk sizes from one byte (a cut at every paragraph break) to more than
    /// the text: each puts the cuts somewhere else.
    @Test(arguments: [1, 50, 333, 1000, 2500, 6000, 15000, 40000, 1 << 20])
    func theDefaultPipelineGivesTheSameWhereverTheCutsFall(chunkBytes: Int) throws {
        let input = try StageThreadTests.goldText()
        let pipeline = try Self.surveyedDefault(input)
        let inTurn = try Self.run(pipeline, input, chunkBytes: 0)
        #expect(!inTurn.changes.isEmpty)
        #expect(try Self.run(pipeline, input, chunkBytes: chunkBytes) == inTurn)
    }

    /// Paragraphs of numbered lines in blocks of every size, so that the
    /// lines waiting for a cut are now fewer, now more than those arriving:
    /// each line comes out once, in its place, as run in turn.
    @Test(arguments: [64, 1000, 4096])
    func numberedLinesComeOutOnceInOrderWhateverTheBlocks(blockSize: Int) throws {
        var text = ""
        for paragraph in 1...60 {
            for line in 1...(paragraph % 7 + 1) { text += "Paragraph \(paragraph) of the plenum, its line \(line).\n" }
            text += "\n"
        }
        let input = Array(text.utf8)
        let pipeline = try Self.surveyedDefault(input)
        let inTurn = try Self.run(pipeline, input, chunkBytes: 0, blockSize: blockSize)
        #expect(inTurn.bytes == input)
        for chunkBytes in [1, 100, 777, 5000] {
            #expect(try Self.run(pipeline, input, chunkBytes: chunkBytes, blockSize: blockSize) == inTurn)
        }
    }

    /// Text with no blank line is cut after any line once four chunks' bytes wait.
    @Test func textWithoutParagraphBreaksIsCutAfterAnyLine() throws {
        let input = try StageThreadTests.goldText().split(separator: 0x0A).filter { !$0.allSatisfy { $0 == 0x20 } }
            .joined(separator: [0x0A]).map { $0 }
        let pipeline = try Self.surveyedDefault(input)
        let inTurn = try Self.run(pipeline, input, chunkBytes: 0)
        for chunkBytes in [1, 700, 3000] { #expect(try Self.run(pipeline, input, chunkBytes: chunkBytes) == inTurn) }
    }

    /// A line longer than `maximumLineBytes` comes in segments that share its
    /// number: from there on the stages take the stream in turn, with the
    /// same output.
    @Test func aLineCutIntoSegmentsSendsTheRestThroughTheStagesInTurn() throws {
        let gold = try StageThreadTests.goldText()
        let long = Array(String(repeating: "the archive of the  party and Conceming the plenum ", count: 400).utf8)
        let input = gold + [0x0A] + long + [0x0A] + gold
        let pipeline = try Self.surveyedDefault(input)
        func run(_ chunkBytes: Int) throws -> [UInt8] {
            var stage = pipeline
            var source = MemorySource(input)
            var sink = MemorySink()
            var settings = StreamSettings(blockSize: 4096, maximumLineBytes: 4096, chunkBytes: chunkBytes)
            settings.chunksOnOneCore = true
            try runStream(&stage, from: &source, to: &sink, settings: settings)
            return sink.bytes
        }
        let inTurn = try run(0)
        for chunkBytes in [1, 5000] { #expect(try run(chunkBytes) == inTurn) }
    }

    /// Only stages that decide from the survey alone run in chunks: the
    /// default pipeline after page-structure when it is surveyed, none when it is not.
    @Test func theStagesAfterPageStructureRunInChunksWhenSurveyed() throws {
        let pipeline = try PipelineLoader().loadDefault().makePipeline()
        #expect(ChunkedStages.chunkableSuffix(of: pipeline).map { pipeline.stageNames[$0...] } == ["whitespace"])
        let surveyed = pipeline.surveyed(Array("A line.\n".utf8))
        let start = try #require(ChunkedStages.chunkableSuffix(of: surveyed))
        #expect(surveyed.stageNames[..<start].last == "page-structure")
        #expect(Array(surveyed.stageNames[start...]) == ["dehyphenate", "garbles", "whitespace"])
    }

    /// A stage that fails stops the run with its error; what was written
    /// before it is the start of what the stages make run in turn.
    @Test func anErrorInAChunkStopsTheRunAfterTheChunksBeforeIt() throws {
        let lines = (1...40_000).map { "line \($0)" } + ["boom"] + (1...50).map { "after \($0)" }
        let input = Array(lines.joined(separator: "\n\n").utf8)
        let pipeline = Pipeline(stages: [WhitespaceNormalizer(), StageThreadTests.FailingStage()])
        var stage = pipeline
        var source = MemorySource(input)
        var sink = MemorySink()
        var settings = StreamSettings(blockSize: 4096, chunkBytes: 1 << 16)
        settings.chunksOnOneCore = true
        #expect(throws: StageError.icu(stage: "failing", message: "boom")) {
            try runStream(&stage, from: &source, to: &sink, settings: settings)
        }
        // What was written is the input's start, as the stages leave it, before "boom".
        #expect(sink.bytes.count > 0 && input.starts(with: sink.bytes))
        #expect(!String(decoding: sink.bytes, as: UTF8.self).contains("boom"))
    }
}
