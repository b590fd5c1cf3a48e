extension TextStage {
    /// Runs a copy of this stage over a whole string and returns the result.
    /// The stage's own state is untouched, so one value serves many calls.
    public func apply(to text: String) throws -> String {
        var stage = self
        var source = MemorySource(Array(text.utf8))
        var sink = MemorySink()
        try runStream(&stage, from: &source, to: &sink)
        return String(decoding: sink.bytes, as: UTF8.self)
    }

    /// Like `apply(to:)`, also returning every change the stage made.
    public func applyReportingChanges(to text: String) throws -> (text: String, changes: [Change]) {
        var stage = self
        var source = MemorySource(Array(text.utf8))
        var sink = MemorySink()
        var changes: [Change] = []
        try runStream(&stage, from: &source, to: &sink) { changes.append($0) }
        return (String(decoding: sink.bytes, as: UTF8.self), changes)
    }

    /// Runs a copy of this stage over `input` and returns the output with its
    /// audit trail: records that, applied backwards to the output, give back
    /// `input` byte for byte (see `AuditTrail`).
    public func applyAuditing(to input: [UInt8], settings: StreamSettings = StreamSettings())
        throws -> (output: [UInt8], records: [AuditRecord], summary: AuditTrail.Summary) {
        var stage = self
        var source = MemorySource(input)
        var sink = MemorySink()
        var records: [AuditRecord] = []
        let summary = try runStream(&stage, from: &source, to: &sink, settings: settings, onAudit: { records.append($0) })
        return (sink.bytes, records, summary.audit ?? AuditTrail.Summary())
    }
}

/// The streaming form of a stage over lines held as Strings: push lines in,
/// take out the lines that are ready (a stage that looks ahead returns them
/// later), then `finish()` for the rest.
///
///     var filter = LineFilter(WhitespaceNormalizer())
///     for line in input { for ready in try filter.push(line) { print(ready) } }
///     for ready in try filter.finish() { print(ready) }
public struct LineFilter<Stage: TextStage> {
    private var stage: Stage
    private var pending: [Line] = []
    private var lineNumber = 0

    public init(_ stage: Stage) { self.stage = stage }

    /// Feeds one line (without its newline) and returns the lines now decided.
    public mutating func push(_ line: String) throws -> [String] {
        lineNumber += 1
        pending.append(Line(line, ending: .lf, number: lineNumber))
        var output = StageOutput()
        try stage.consume(&pending, into: &output)
        if pending.count > stage.maximumHeldLines {
            throw StageError.windowExceeded(stage: stage.name, held: pending.count, limit: stage.maximumHeldLines)
        }
        return output.lines.map(\.text)
    }

    /// Flushes what the stage still holds at end of input.
    public mutating func finish() throws -> [String] {
        var output = StageOutput()
        try stage.finish(&pending, into: &output)
        return output.lines.map(\.text)
    }
}
