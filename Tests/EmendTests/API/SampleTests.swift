import Emend
import Testing

/// Every sample in samples/ through the default pipeline, measured against the
/// text a careful editor wants (NAME.expected.txt). Until every filter exists
/// the output is not yet that text; these tests hold what the filters built so
/// far achieve and fail if a change makes any sample worse.
@Suite struct SampleTests {
    /// Lines of the output that match the editor's text, at least (raised as filters land).
    @Test(arguments: [
        ("preface", 59),
        ("footnotes-and-running-head", 46),
        ("document-page-break", 56),
    ])
    func defaultPipelineBringsSamplesCloserToTheEditorsText(sample: String, minimumMatchingLines: Int) throws {
        let raw = try Fixtures.text("samples/\(sample).txt")
        let expected = try Fixtures.text("samples/\(sample).expected.txt")
        let output = try PipelineLoader().loadDefault().makePipeline().apply(to: raw)
        let before = Fixtures.matchingLines(raw, expected)
        let after = Fixtures.matchingLines(output, expected)
        #expect(after > before, "the default pipeline did not improve \(sample)")
        #expect(after >= minimumMatchingLines, "\(sample): \(after) lines match the expected text")
    }

    @Test func everySampleHasItsExpectedText() {
        #expect(Fixtures.sampleNames() == ["document-page-break", "footnotes-and-running-head", "preface"])
    }

    /// The same sample fed whole and in pieces of a few bytes gives the same output.
    @Test(arguments: FullSuite.pick([1, 2, 3, 7, 512], quick: [3, 512]))
    func defaultPipelineIsChunkInvariantOnRealText(pieceSize: Int) throws {
        let pipeline = try PipelineLoader().loadDefault().makePipeline()
        for sample in Fixtures.sampleNames() {
            let raw = try Fixtures.bytes("samples/\(sample).txt")
            #expect(try Fixtures.run(pipeline, raw, pieceSize: pieceSize).bytes == Fixtures.run(pipeline, raw).bytes)
        }
    }

    @Test func defaultPipelineIsIdempotentOnRealText() throws {
        let pipeline = try PipelineLoader().loadDefault().makePipeline()
        for sample in Fixtures.sampleNames() {
            let once = try pipeline.apply(to: Fixtures.text("samples/\(sample).txt"))
            #expect(try pipeline.apply(to: once) == once)
        }
    }
}
