import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// One change a stage made, for reports and the audit trail.
///
/// Positions are in the input: `line` is 1-based, `column` is a 1-based UTF-8
/// byte offset into that line's content.
public struct Change: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// A whole input line was taken out: none of its text reaches the output
        /// (`before` is the line).
        case removedLine = "removed-line"
        /// Text inside a line was replaced.
        case edited
        /// A line was moved further on, unchanged (`before` and `after` are the line).
        case moved
        /// Two lines were joined (`line` and `column` are where the first one
        /// ended); a line whose whole text went onto the one before is joined too.
        case joined
    }

    public var kind: Kind
    public var stage: String
    /// Which rule fired: a rule file location (`rules/garbles/x.yaml:12`) or a built-in rule name.
    public var rule: String
    public var line: Int
    public var column: Int
    public var before: String
    public var after: String

    public init(kind: Kind, stage: String, rule: String, line: Int, column: Int, before: String, after: String) {
        self.kind = kind
        self.stage = stage
        self.rule = rule
        self.line = line
        self.column = column
        self.before = before
        self.after = after
    }
}

/// What a stage hands downstream from one call: lines, and (when asked) the
/// changes it made to them.
public struct StageOutput: Sendable {
    public var lines: [Line]
    public var changes: [Change]
    /// Stages build `Change` values only when this is true (it costs strings).
    public let recordsChanges: Bool

    public init(recordsChanges: Bool = false, reservingCapacity capacity: Int = 0) {
        self.lines = []
        self.lines.reserveCapacity(capacity)
        self.changes = []
        self.recordsChanges = recordsChanges
    }
}

extension StageOutput {
    /// Records the rewrite of `line` into `newBytes` as one `edited` change per
    /// differing span, each with its exact text and column (a stage that rebuilds
    /// whole lines still reports only what it changed).
    public mutating func recordRewrite(of line: Line, to newBytes: [UInt8], stage: String, rule: String) {
        guard recordsChanges else { return }
        for hunk in ByteDiff.windowedHunks(from: line.bytes, to: newBytes) {
            changes.append(Change(kind: .edited, stage: stage, rule: rule, line: line.number, column: hunk.old.lowerBound + 1,
                                  before: String(decoding: line.bytes[hunk.old], as: UTF8.self),
                                  after: String(decoding: newBytes[hunk.new], as: UTF8.self)))
        }
    }
}

/// A filter over a stream of lines.
///
/// The driver appends arriving lines to `pending` and calls `consume`; the stage
/// removes from the front of `pending` the lines it can decide, appending what
/// they become to `output`. Lines it leaves in `pending` are held back for the
/// next call (a stage that needs to see the next line before deciding keeps one;
/// a page-level stage keeps up to a page). After `consume` returns, `pending`
/// must hold at most `maximumHeldLines` lines: the driver checks this and stops
/// with `StageError.windowExceeded` instead of letting memory grow.
/// `finish` is called once at end of input and must empty `pending`.
///
/// Stages are values with mutating state; a `Pipeline` is itself a stage.
public protocol TextStage {
    /// The kebab-case name used in rule files and on the command line.
    var name: String { get }
    /// The most lines this stage leaves in `pending` between calls.
    var maximumHeldLines: Int { get }
    /// When what the stage makes of a line depends on the document's survey
    /// and on at most this many lines before and after it alone (nothing the
    /// stage carries from further back), the number; nil otherwise (the
    /// default). A stream's lines may then go through copies of the stage in
    /// parts run side by side (`ChunkedStages`).
    var chunkContext: Int? { get }
    mutating func consume(_ pending: inout [Line], into output: inout StageOutput) throws
    mutating func finish(_ pending: inout [Line], into output: inout StageOutput) throws
}

extension TextStage {
    public var chunkContext: Int? { nil }

    /// By default the end of input is handled like any other call.
    public mutating func finish(_ pending: inout [Line], into output: inout StageOutput) throws {
        try consume(&pending, into: &output)
        output.lines.moveAppend(&pending)
    }
}

/// A stage that decides each line on its own, holding nothing back.
/// Conformers implement `transform`; the line loop is shared.
public protocol LineStage: TextStage {
    /// Rewrites one line in place, recording changes into `output` when asked.
    func transform(_ line: inout Line, changes output: inout StageOutput)
}

extension LineStage {
    public var maximumHeldLines: Int { 0 }
    /// Each line is decided on its own.
    public var chunkContext: Int? { 0 }

    /// Each line is rewritten where it stands in `pending`, and the lines are
    /// then moved to `output` (no copy of a line, no count taken and dropped).
    public mutating func consume(_ pending: inout [Line], into output: inout StageOutput) throws {
        for index in pending.indices { transform(&pending[index], changes: &output) }
        output.lines.moveAppend(&pending)
    }
}

/// Errors a stage raises while running.
public enum StageError: Error, Equatable, CustomStringConvertible {
    /// A stage held back more lines than it declared (a bug in the stage, or a
    /// window option set larger than the stage allows).
    case windowExceeded(stage: String, held: Int, limit: Int)
    /// ICU failed on text it was given.
    case icu(stage: String, message: String)
    /// A rule-file pattern ran past its time on one line (a pattern that
    /// backtracks without end): stopped rather than left to hang.
    case ruleTooSlow(stage: String, rule: String, line: Int, seconds: Double)

    public var description: String {
        switch self {
        case let .ruleTooSlow(stage, rule, line, seconds):
            return "\(rule): error: the pattern of this \(stage) rule ran for more than \(seconds) s on input line \(line) "
                + "and was stopped; it backtracks too much: make it more specific"
        case let .windowExceeded(stage, held, limit):
            return "stage '\(stage)' held back \(held) lines, more than its window of \(limit)"
        case let .icu(stage, message):
            return "stage '\(stage)': \(message)"
        }
    }
}

/// A stage that decides from the whole document's own counts (`DocumentSurvey`).
///
/// Handed a complete survey before the run, it decides every line from the
/// whole document; never handed one, it counts the lines it holds back (its
/// look-ahead window) and the lines before them, as they arrive.
public protocol SurveyingStage: TextStage {
    /// Gives the stage the counts of the whole document, made before the run.
    mutating func use(_ survey: DocumentSurvey)
    /// The parts of the survey the stage reads: a run surveys only the parts
    /// its stages read (`DocumentSurvey.parts`). All of them unless a stage says.
    var surveyParts: SurveyParts { get }
}

extension SurveyingStage {
    public var surveyParts: SurveyParts { .all }
}

/// Counts the whole text `source` gives (to its end), for `SurveyingStage`s.
/// Only the `parts` asked for are surveyed (`DocumentSurvey.parts`).
public func surveyDocument<Source: ByteSource>(_ source: inout Source, limit: Int = DocumentSurvey.defaultLimit,
                                               maximumLineBytes: Int = 1 << 20, parts: SurveyParts = .all) throws -> DocumentSurvey {
    var survey = DocumentSurvey(limit: limit, parts: parts)
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
        if count == 0 { break }
        buffer.withUnsafeBytes { survey.add(block: UnsafeRawBufferPointer(rebasing: $0[0..<count]), maximumLineBytes: maximumLineBytes) }
    }
    survey.finish()
    return survey
}

/// Counts the whole UTF-8 file open at `descriptor`, reading it with `pread`
/// (its offset is left as it is), on two threads when it is large: each half
/// is counted apart, within half the survey's bound (so the two tables
/// together take no more memory than one), and the counts added, the cut
/// made at a blank line that follows no word broken at a line's end, so the
/// counts are those of one pass while no half fills its half of the bound.
/// Files of `parallelAbove` bytes or more are split.
public func surveyFile(descriptor: Int32, path: String, size: Int, limit: Int = DocumentSurvey.defaultLimit,
                       maximumLineBytes: Int = 1 << 20, parallelAbove: Int = 1 << 23, parts: SurveyParts = .all) throws -> DocumentSurvey {
    @Sendable func survey(_ range: Range<Int>, limit: Int) throws -> DocumentSurvey {
        var source = FileRangeSource(descriptor: descriptor, path: path, range: range)
        return try surveyDocument(&source, limit: limit, maximumLineBytes: maximumLineBytes, parts: parts)
    }
    guard size >= parallelAbove, StageThread.hasSecondCore, let cut = try paragraphCut(descriptor: descriptor, path: path, near: size / 2) else {
        return try survey(0..<size, limit: limit)
    }
    /// Each thread writes its own half, read after both are done.
    final class Halves: @unchecked Sendable {
        var first: Result<DocumentSurvey, Error>?
        var second: Result<DocumentSurvey, Error>?
    }
    let halves = Halves()
    DispatchQueue.concurrentPerform(iterations: 2) { index in
        if index == 0 {
            halves.first = Result { try survey(0..<cut, limit: limit / 2) }
        } else {
            halves.second = Result { try survey(cut..<size, limit: limit / 2) }
        }
    }
    // Each half let go of as soon as it is taken, so that the sum grows in
    // place instead of in a copy.
    var whole = try halves.first!.get()
    halves.first = nil
    let second = try halves.second!.get()
    halves.second = nil
    // The whole bound, clamped as a survey counted in one pass clamps it.
    whole.limit = DocumentSurvey.bound(limit)
    whole.merge(second)
    return whole
}

/// The offset just after a blank line near `middle` whose last line of text
/// before it ends in no broken word, or nil when the 64 KB around have none.
func paragraphCut(descriptor: Int32, path: String, near middle: Int) throws -> Int? {
    let start = max(0, middle - (1 << 16))
    var window = [UInt8](repeating: 0, count: 1 << 17)
    let count = try window.withUnsafeMutableBytes { buffer -> Int in
        var source = FileRangeSource(descriptor: descriptor, path: path, range: start..<(start + buffer.count))
        return try source.read(into: buffer)
    }
    let isBlank = { (line: ArraySlice<UInt8>) in line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }
    var lineStarts: [Int] = []
    for index in 0..<count where window[index] == 0x0A { lineStarts.append(index + 1) }
    // The last line with text so far, kept as the lines go by (walking back from
    // each blank line was quadratic in a window of blank lines).
    var lastText: Int?
    for number in lineStarts.indices.dropLast() {
        let lineStart = lineStarts[number], lineEnd = lineStarts[number + 1] - 1
        let blank = isBlank(window[lineStart..<lineEnd])
        defer { if !blank { lastText = number } }
        guard number > 0, lineStart + start >= middle, blank else { continue }
        // The last line with text before the blank one must not end in "word-".
        guard let previous = lastText else { continue }
        let text = window[lineStarts[previous]..<(lineStarts[previous + 1] - 1)]
        let broken = text.withUnsafeBufferPointer { DocumentSurvey.words(in: $0).last?.brokenAtEnd ?? false }
        if !broken { return start + lineEnd + 1 }
    }
    return nil
}

/// Reads `range` of a file with `pread`, leaving the descriptor's offset alone.
struct FileRangeSource: ByteSource {
    let descriptor: Int32
    let path: String
    var range: Range<Int>

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !range.isEmpty else { return 0 }
        while true {
            let count = pread(descriptor, buffer.baseAddress, min(buffer.count, range.count), off_t(range.lowerBound))
            if count >= 0 {
                range = (range.lowerBound + count)..<(count == 0 ? range.lowerBound : range.upperBound)
                return count
            }
            if errno == EINTR { continue }
            throw IOError.read(path: path, errno: errno)
        }
    }
}
