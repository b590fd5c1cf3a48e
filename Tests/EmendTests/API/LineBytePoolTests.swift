@testable import Emend
import Testing

/// The reader fills arrays of lines already written (`LineBytePool`): no
/// byte of an earlier line may show in a later one, however the input
/// arrives, wherever the chunks are cut, whatever the lines' endings and lengths.
@Suite struct LineBytePoolTests {
    /// A stage that passes every line on as it is, run in chunks like any line stage.
    struct Untouched: LineStage {
        var name: String { "untouched" }
        func transform(_ line: inout Line, changes output: inout StageOutput) {}
    }

    /// Made-up lines of every length up to `longest`, each of one letter of its
    /// own (a byte left from an earlier line would show), blank ones among
    /// them; LF or CRLF endings; maybe a byte order mark, maybe no final newline.
    static func madeUp(seed: UInt64, lines: Int, longest: Int, byteOrderMark: Bool, finalNewline: Bool) -> [UInt8] {
        var draw = SeededGenerator(seed: seed)
        var bytes: [UInt8] = byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        let letters = Array("abcdefghijklmnopqrstuvwxyzабвгдеж".unicodeScalars).map { Array(String($0).utf8) }
        for index in 0..<lines {
            let length = draw.next() % 4 == 0 ? 0 : Int(draw.next() % UInt64(longest + 1))
            let letter = letters[index % letters.count]
            for column in 0..<length { bytes += column % 7 == 6 ? [0x20] : letter }
            if index < lines - 1 || finalNewline { bytes += draw.next() % 3 == 0 ? [0x0D, 0x0A] : [0x0A] }
        }
        return bytes
    }

    static func inputs() throws -> [[UInt8]] {
        [try StageThreadTests.goldText(),
         madeUp(seed: 1, lines: 3000, longest: 300, byteOrderMark: true, finalNewline: false),
         madeUp(seed: 2, lines: 3000, longest: 40, byteOrderMark: false, finalNewline: true),
         madeUp(seed: 3, lines: 400, longest: 5000, byteOrderMark: false, finalNewline: false)]
    }

    static func settings(blockSize: Int, chunkBytes: Int, maximumLineBytes: Int = 1 << 20) -> StreamSettings {
        var settings = StreamSettings(blockSize: blockSize, maximumLineBytes: maximumLineBytes,
                                      usesStageThread: chunkBytes > 0, chunkBytes: chunkBytes)
        settings.chunksOnOneCore = true
        return settings
    }

    /// Lines passed through untouched come out as they went in, byte for byte,
    /// over-long ones cut into segments and joined back.
    @Test(arguments: [0, 1, 100, 3000, 1 << 20])
    func linesPassedThroughComeOutAsTheyWentIn(chunkBytes: Int) throws {
        for input in try Self.inputs() {
            for (blockSize, maximumLineBytes) in [(1 << 18, 1 << 20), (333, 1 << 20), (4096, 64), (97, 8)] {
                for stage in [Pipeline(stages: [Untouched()]), Pipeline(stages: [])] {
                    let out = try Fixtures.run(stage, input, pieceSize: 1000,
                                               settings: Self.settings(blockSize: blockSize, chunkBytes: chunkBytes,
                                                                       maximumLineBytes: maximumLineBytes))
                    #expect(out.bytes == input, "block \(blockSize), longest \(maximumLineBytes), \(stage.stages.count) stages")
                }
            }
        }
    }

    /// Stages that rewrite lines give, streamed, what they give each line made
    /// afresh (a plain reference with no reuse).
    @Test(arguments: [0, 1, 3000, 1 << 20])
    func rewrittenLinesAreWhatEachLineMadeAfreshGives(chunkBytes: Int) throws {
        let pipeline = Pipeline(stages: [UnicodeNormalizer(), WhitespaceNormalizer()])
        for input in try Self.inputs() {
            for blockSize in [1 << 18, 333] {
                let out = try Fixtures.run(pipeline, input, pieceSize: 777, settings: Self.settings(blockSize: blockSize, chunkBytes: chunkBytes))
                #expect(out.bytes == Self.reference(input), "block \(blockSize)")
            }
        }
    }

    /// Each line cut out by hand into an array of its own and rewritten by the two stages.
    static func reference(_ input: [UInt8]) -> [UInt8] {
        let hasMark = input.starts(with: [0xEF, 0xBB, 0xBF])
        var out: [UInt8] = hasMark ? [0xEF, 0xBB, 0xBF] : []
        var scratch = StageOutput()
        let lines = input.dropFirst(hasMark ? 3 : 0).split(separator: 0x0A, omittingEmptySubsequences: false)
        for (index, content) in lines.enumerated() {
            let isLast = index == lines.count - 1
            if isLast && content.isEmpty { break }
            let crlf = !isLast && content.last == 0x0D
            var line = Line(bytes: Array(crlf ? content.dropLast() : content), ending: isLast ? .none : crlf ? .crlf : .lf, number: index + 1)
            UnicodeNormalizer().transform(&line, changes: &scratch)
            WhitespaceNormalizer().transform(&line, changes: &scratch)
            out += line.bytes + line.ending.bytes
        }
        return out
    }

    /// The pool gives arrays holding exactly the bytes asked for, of less
    /// than four times their size and `smallest` more, and holds no more than its bounds.
    @Test func arraysComeBackEmptyAndThePoolStaysBounded() {
        var pool = LineBytePool()
        var draw = SeededGenerator(seed: 7)
        for round in 0..<(3 * LineBytePool.maximumCount) {
            let length = Int(draw.next() % 2000)
            let content = [UInt8](repeating: UInt8(round % 251), count: length)
            var bytes = content.withUnsafeBytes { pool.make($0) }
            #expect(bytes == content)
            #expect(bytes.capacity < 4 * length + LineBytePool.smallest + 32)  // and what the allocator rounds up
            if round % 3 != 0 { pool.giveBack(&bytes) }
            #expect(pool.count <= LineBytePool.maximumCount && pool.heldBytes <= LineBytePool.maximumHeldBytes)
        }
        #expect(pool.count > 0)
        // An array shared with another holder is left to it as it was.
        let shared: [UInt8] = Array("kept".utf8)
        var given = shared
        pool.giveBack(&given)
        #expect(shared == Array("kept".utf8))
    }
}
