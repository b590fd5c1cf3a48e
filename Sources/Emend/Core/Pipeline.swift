/// An ordered chain of stages, itself a stage.
///
/// Each call pushes the arriving lines through every stage in turn; each stage
/// has its own pending buffer, whose size the pipeline checks against the
/// stage's declared `maximumHeldLines`. Dispatch to a stage happens once per
/// call (a block of lines), never per byte. Memory is the block size times the
/// number of stages plus what the stages declare they hold back.
public struct Pipeline: TextStage {
    public let name: String
    public private(set) var stages: [any TextStage]
    private var pending: [[Line]]

    public init(name: String = "pipeline", stages: [any TextStage]) {
        self.name = name
        self.stages = stages
        self.pending = Array(repeating: [], count: stages.count)
    }

    /// The names of the stages, in order.
    public var stageNames: [String] { stages.map(\.name) }

    /// The pipeline holds lines inside its stages' buffers, never in the caller's.
    public var maximumHeldLines: Int { 0 }

    public mutating func consume(_ input: inout [Line], into output: inout StageOutput) throws {
        try run(&input, into: &output, atEnd: false)
    }

    public mutating func finish(_ input: inout [Line], into output: inout StageOutput) throws {
        try run(&input, into: &output, atEnd: true)
    }

    private mutating func run(_ input: inout [Line], into output: inout StageOutput, atEnd: Bool) throws {
        // Taken, not copied: each stage's lines then have one owner, and moving them copies none.
        var lines: [Line] = []
        swap(&lines, &input)
        for index in stages.indices {
            lines.moveInFront(&pending[index])
            swap(&pending[index], &lines)
            var stageOutput = StageOutput(recordsChanges: output.recordsChanges,
                                          reservingCapacity: pending[index].count)
            if atEnd {
                try stages[index].finish(&pending[index], into: &stageOutput)
            } else {
                try stages[index].consume(&pending[index], into: &stageOutput)
            }
            let limit = atEnd ? 0 : stages[index].maximumHeldLines
            if pending[index].count > limit {
                throw StageError.windowExceeded(stage: stages[index].name, held: pending[index].count, limit: limit)
            }
            swap(&lines, &stageOutput.lines)
            if !stageOutput.changes.isEmpty { output.changes.append(contentsOf: stageOutput.changes) }
        }
        output.lines.moveAppend(&lines)
    }
}

extension Pipeline {
    /// True when a stage of the pipeline decides from a document survey (one
    /// that reads some part of it: a transliterator of Cyrillic reads none).
    public var usesSurvey: Bool { stages.contains { ($0 as? any SurveyingStage).map { !$0.surveyParts.isEmpty } ?? false } }

    /// The parts of the survey the pipeline's stages read.
    public var surveyParts: SurveyParts {
        stages.reduce(into: []) { parts, stage in if let stage = stage as? any SurveyingStage { parts.formUnion(stage.surveyParts) } }
    }

    /// A copy of the pipeline whose stages decide from the counts of `text`, the whole document.
    public func surveyed(_ text: [UInt8]) -> Pipeline {
        guard usesSurvey else { return self }
        var copy = self
        var source = MemorySource(text)
        // A source in memory never fails.
        if let survey = try? surveyDocument(&source, parts: surveyParts) { copy.use(survey) }
        return copy
    }

    /// Gives every stage that decides from a document survey the counts of the whole document.
    public mutating func use(_ survey: DocumentSurvey) {
        for index in stages.indices {
            guard var stage = stages[index] as? any SurveyingStage else { continue }
            stage.use(survey)
            stages[index] = stage
        }
    }
}

extension Pipeline: ThreadCaches {
    /// Each stage that keeps such caches takes its own.
    mutating func takeThreadCachesOfItsOwn() {
        for index in stages.indices {
            guard var stage = stages[index] as? any TextStage & ThreadCaches else { continue }
            stage.takeThreadCachesOfItsOwn()
            stages[index] = stage
        }
    }
}
