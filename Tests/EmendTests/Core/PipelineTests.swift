@testable import Emend
import Testing

@Suite struct PipelineTests {
    @Test func runsStagesInOrderAndHoldsBackAcrossBlocks() throws {
        // The join stage only sees "offi-" at a line end once the whitespace stage
        // before it has removed the OCR's trailing space: order matters.
        let trimFirst = Pipeline(stages: [WhitespaceNormalizer(), JoinHyphenatedLines()])
        #expect(try trimFirst.apply(to: "the offi- \ncial language \nof these texts\n") == "the official language\nof these texts\n")
        let joinFirst = Pipeline(stages: [JoinHyphenatedLines(), WhitespaceNormalizer()])
        #expect(try joinFirst.apply(to: "the offi- \ncial language \n") == "the offi-\ncial language\n")
    }

    @Test func aPipelineIsAStageAndNests() throws {
        let inner = Pipeline(name: "inner", stages: [JoinHyphenatedLines()])
        let outer = Pipeline(stages: [WhitespaceNormalizer(configuration: .init(trailing: true, runs: false)), inner])
        #expect(try outer.apply(to: "anti- \nSoviet  elements\n") == "antiSoviet  elements\n")  // runs: false keeps the double space
        #expect(outer.stageNames == ["whitespace", "inner"])
    }

    @Test func aStageThatHoldsMoreThanItDeclaresIsStopped() throws {
        let pipeline = Pipeline(stages: [HoardingStage()])
        let text = (1...10).map { "line \($0)\n" }.joined()
        #expect(throws: StageError.windowExceeded(stage: "hoarder", held: 10, limit: 3)) {
            try pipeline.apply(to: text)
        }
        #expect(StageError.windowExceeded(stage: "hoarder", held: 10, limit: 3).description ==
                "stage 'hoarder' held back 10 lines, more than its window of 3")
    }

    @Test func reportsChangesWithInputLineNumbers() throws {
        let pipeline = Pipeline(stages: [WhitespaceNormalizer()])
        let (_, changes) = try pipeline.applyReportingChanges(to: "clean\nop. 2 ,  d. 577 \nclean\n")
        // Each span the stage changed, with its own column: the doubled space and the trailing one.
        #expect(changes == [Change(kind: .edited, stage: "whitespace", rule: "whitespace", line: 2, column: 9, before: " ", after: ""),
                            Change(kind: .edited, stage: "whitespace", rule: "whitespace", line: 2, column: 16, before: " ", after: "")])
    }
}
