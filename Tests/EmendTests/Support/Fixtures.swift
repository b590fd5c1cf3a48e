import Emend
import Foundation

/// Paths and helpers shared by the tests. Test data lives in the repository
/// (samples/ and Tests/EmendTests/Gold/), read by path, never from outside it.
enum Fixtures {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func url(_ relativePath: String) -> URL { repositoryRoot.appendingPathComponent(relativePath) }

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: url(relativePath), encoding: .utf8)
    }

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(relativePath)))
    }

    /// The raw-OCR sample names in samples/ (each NAME.txt has a NAME.expected.txt).
    static func sampleNames() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: url("samples").path)) ?? []
        return files.filter { $0.hasSuffix(".expected.txt") }
            .map { String($0.dropLast(".expected.txt".count)) }.sorted()
    }

    /// Runs `stage` over `input`, delivered in pieces of `pieceSize` bytes.
    static func run<S: TextStage>(_ stage: S, _ input: [UInt8], pieceSize: Int = 1 << 16,
                                  settings: StreamSettings = StreamSettings()) throws -> (bytes: [UInt8], summary: StreamSummary) {
        var stage = stage
        var source = MemorySource(input, pieceSize: pieceSize)
        var sink = MemorySink()
        let summary = try runStream(&stage, from: &source, to: &sink, settings: settings)
        return (sink.bytes, summary)
    }

    /// Lines of `candidate` that also stand, in order, in `reference`: the length
    /// of their longest common subsequence of whole lines.
    static func matchingLines(_ candidate: String, _ reference: String) -> Int {
        let a = candidate.split(separator: "\n", omittingEmptySubsequences: false)
        let b = reference.split(separator: "\n", omittingEmptySubsequences: false)
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = previous
        for i in 1...max(a.count, 1) where !a.isEmpty {
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : max(previous[j], current[j - 1])
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// A stage for tests: holds back a line that ends in "-" and joins it with the
/// next line, the way a dehyphenator does. Declares a hold-back of one line.
struct JoinHyphenatedLines: TextStage {
    var name: String { "join-hyphenated" }
    var maximumHeldLines: Int { 1 }

    mutating func consume(_ pending: inout [Line], into output: inout StageOutput) throws {
        var index = 0
        while index < pending.count {
            let line = pending[index]
            if line.bytes.last == UInt8(ascii: "-") && line.ending.isNewline {
                guard index + 1 < pending.count else { break }
                var joined = line
                joined.bytes.removeLast()
                joined.bytes += pending[index + 1].bytes
                joined.ending = pending[index + 1].ending
                output.lines.append(joined)
                index += 2
            } else {
                output.lines.append(line)
                index += 1
            }
        }
        pending.removeSubrange(0..<index)
    }
}

/// A broken stage for tests: never lets go of anything until the end.
struct HoardingStage: TextStage {
    var name: String { "hoarder" }
    var maximumHeldLines: Int { 3 }
    mutating func consume(_ pending: inout [Line], into output: inout StageOutput) throws {}
}
