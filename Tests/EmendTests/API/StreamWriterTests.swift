@testable import Emend
import Testing

/// The stream driver's writer (lines copied into one buffer) beside the plain
/// way it wrote before: each line appended in turn.
@Suite struct StreamWriterTests {
    /// Keeps every block written, as written.
    struct BlockSink: ByteSink {
        var blocks: [[UInt8]] = []
        mutating func write(_ bytes: UnsafeRawBufferPointer) throws { blocks.append(Array(bytes)) }
    }

    /// Lines that fill a block to the byte (with and without a byte order mark
    /// before them), lines of the gold pages, and made-up ones: empty, of every
    /// ending, cut segments, and lines longer than a whole block.
    static func lines() throws -> [Line] {
        let block = LineWriter().flushThreshold
        var lines = [Line(bytes: [UInt8](repeating: 0x61, count: block - 1), ending: .lf, number: 1),
                     Line(bytes: [UInt8](repeating: 0x62, count: block), ending: .split, number: 2),
                     Line(bytes: [UInt8](repeating: 0x63, count: block - 5), ending: .crlf, number: 2)]
        lines += try StageThreadTests.goldText().split(separator: 0x0A, omittingEmptySubsequences: false).enumerated().map {
            Line(bytes: Array($0.element), ending: $0.offset % 5 == 0 ? .crlf : .lf, number: $0.offset + 1)
        }
        var draw = SeededGenerator(seed: 11)
        let endings: [LineEnding] = [.lf, .crlf, .none, .split]
        for index in 0..<2000 {
            let length = draw.next() % 60 == 0 ? Int(draw.next() % 400_000) : Int(draw.next() % 300)
            lines.append(Line(bytes: [UInt8](repeating: UInt8(0x41 + index % 26), count: length),
                              ending: endings[Int(draw.next() % 4)], number: index))
        }
        return lines
    }

    /// What the writer wrote before it copied lines into one buffer: each line's
    /// bytes and ending appended, a block sent once it held the threshold.
    static func referenceBlocks(_ parts: [[Line]], byteOrderMark: Bool, threshold: Int) -> (blocks: [[UInt8]], ended: [Int]) {
        var blocks: [[UInt8]] = []
        var buffer: [UInt8] = byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        var ended: [Int] = []
        for part in parts {
            var count = 0
            for line in part {
                buffer += line.bytes + line.ending.bytes
                if line.ending != .split { count += 1 }
                if buffer.count >= threshold { blocks.append(buffer); buffer = [] }
            }
            ended.append(count)
        }
        if !buffer.isEmpty { blocks.append(buffer) }
        return (blocks, ended)
    }

    /// The writer sends the same blocks as appending each line in turn did,
    /// counts the same ended lines, and gives the lines' arrays to the pool.
    @Test(arguments: [1, 7, 500, 5000])
    func theWriterWritesWhatAppendingEachLineWrote(partSize: Int) throws {
        let lines = try Self.lines()
        let parts = stride(from: 0, to: lines.count, by: partSize).map { Array(lines[$0..<min(lines.count, $0 + partSize)]) }
        for byteOrderMark in [false, true] {
            var writer = LineWriter()
            writer.pendingByteOrderMark = byteOrderMark
            var sink = BlockSink()
            var pool = LineBytePool()
            var ended: [Int] = []
            for part in parts {
                var part = part
                ended.append(try writer.write(&part, to: &sink, givingBackTo: &pool))
            }
            try writer.flush(to: &sink)
            let reference = Self.referenceBlocks(parts, byteOrderMark: byteOrderMark, threshold: writer.flushThreshold)
            // The sizes first: a block that differs would be printed whole.
            #expect(sink.blocks.map(\.count) == reference.blocks.map(\.count), "part \(partSize), mark \(byteOrderMark)")
            let sameBytes = sink.blocks == reference.blocks
            #expect(sameBytes)
            #expect(ended == reference.ended)
            #expect(writer.bytesWritten == reference.blocks.reduce(0) { $0 + $1.count })
            #expect(pool.count > 0)
        }
    }
}
