/// Removes typesetting noise in spaces: trailing spaces and tabs, and runs of
/// spaces inside a line.
///
/// Changes: `"the offi- "` → `"the offi-"` (trailing), `"op. 2 ,  d. 577"` →
/// `"op. 2 , d. 577"` (a run of spaces becomes one). With `leading: true` it also
/// removes spaces at the start of a line (off by default: indentation and the
/// single leading space that marks a page start in some OCR are signals for
/// other stages).
/// Never touches: tabs inside a line, non-breaking and other Unicode spaces,
/// line endings, blank lines (they stay, emptied of spaces), the spaces where
/// the reader cut an over-long line into segments.
/// Holds back nothing. Cost: one pass over the bytes of each line.
public struct WhitespaceNormalizer: LineStage, RegisteredStage {
    public struct Configuration: Sendable, Equatable {
        public var trailing = true
        public var runs = true
        public var leading = false
        public init(trailing: Bool = true, runs: Bool = true, leading: Bool = false) {
            self.trailing = trailing
            self.runs = runs
            self.leading = leading
        }
    }

    public static let descriptor = StageDescriptor(
        name: "whitespace",
        summary: "removes trailing spaces and collapses runs of spaces inside lines",
        options: [
            OptionSpec("trailing", .bool, default: .bool(true), "remove spaces and tabs at the end of each line"),
            OptionSpec("runs", .bool, default: .bool(true), "collapse runs of spaces inside a line to one"),
            OptionSpec("leading", .bool, default: .bool(false), "remove spaces at the start of each line"),
        ],
        make: { options in
            WhitespaceNormalizer(configuration: Configuration(
                trailing: options.bool("trailing"), runs: options.bool("runs"), leading: options.bool("leading")))
        }
    )

    public let configuration: Configuration
    public var name: String { Self.descriptor.name }

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")

    /// Inlined into the line loop: a line whose only change is its end cut
    /// costs no call; a run to collapse or a change to report goes to `rewrite`.
    @inline(__always)
    public func transform(_ line: inout Line, changes output: inout StageOutput) {
        // A segment of an over-long line ends or starts mid-line: its spaces there are text.
        let trimsEnd = configuration.trailing && line.ending != .split
        let trimsStart = configuration.leading && !line.isContinuation
        let runs = configuration.runs
        // The bytes are read in place, once: where the text starts and ends, and whether a run of spaces lies between.
        let (start, end, collapsesRuns) = line.bytes.withUnsafeBufferPointer { bytes in
            var (start, end) = (0, bytes.count)
            if trimsEnd {
                while end > 0, bytes[end - 1] == Self.space || bytes[end - 1] == Self.tab { end -= 1 }
            }
            if trimsStart {
                while start < end, bytes[start] == Self.space { start += 1 }
            }
            return (start, end, runs && Self.hasSpaceRun(bytes, start, end))
        }
        if !collapsesRuns && !output.recordsChanges {
            // Only trimmed, and nothing to report: the line is cut where it stands, without a new array
            // (the few bytes at its end taken off one by one, which costs less than removing a range).
            for _ in end..<line.bytes.count { line.bytes.removeLast() }
            if start > 0 { line.bytes.removeSubrange(..<start) }
            return
        }
        rewrite(&line, start: start, end: end, collapsesRuns: collapsesRuns, changes: &output)
    }

    /// The text `start..<end` of `line`, each run of spaces in it made one
    /// space when `collapsesRuns`, made the line's bytes when they differ, the
    /// change recorded; the line left as it is otherwise.
    @inline(never)
    private func rewrite(_ line: inout Line, start: Int, end: Int, collapsesRuns: Bool, changes output: inout StageOutput) {
        let bytes = line.bytes
        var result: [UInt8]
        if collapsesRuns {
            result = bytes.withUnsafeBufferPointer { Self.collapsingRuns($0, start, end) }
        } else {
            guard start != 0 || end != bytes.count else { return }
            result = Array(bytes[start..<end])
        }
        guard result != bytes else { return }
        output.recordRewrite(of: line, to: result, stage: name, rule: "whitespace")
        line.bytes = result
    }

    /// The bytes `start..<end` with each run of spaces after the first other
    /// byte made one space; the spaces before it (indentation) are kept. The
    /// text between runs is copied a stretch at a time, the next space found 8
    /// bytes at a time. Reads `bytes`; never changes them.
    static func collapsingRuns(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [UInt8] {
        let text = UnsafeBufferPointer(rebasing: bytes[..<end])
        return [UInt8](unsafeUninitializedCapacity: end - start) { result, count in
            count = 0
            /// Appends `text[from..<to]` to the result.
            func copy(_ from: Int, _ to: Int) {
                guard from < to else { return }
                UnsafeMutableRawPointer(result.baseAddress! + count).copyMemory(from: text.baseAddress! + from, byteCount: to - from)
                count += to - from
            }
            var index = start
            while index < end, text[index] == space { index += 1 }
            copy(start, index)
            while index < end {
                // The text up to the next space, and that space; the spaces after it are passed.
                let nextSpace = ByteSearch.index(of: space, in: text, from: index)
                copy(index, min(nextSpace + 1, end))
                index = nextSpace + 1
                while index < end, text[index] == space { index += 1 }
            }
        }
    }

    /// True when two spaces follow each other after the first non-space byte.
    private static func hasSpaceRun(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var index = start
        while index < end, bytes[index] == space { index += 1 }
        return ByteSearch.containsTwoSpaces(UnsafeBufferPointer(rebasing: bytes[index..<end]))
    }
}
