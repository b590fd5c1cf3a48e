@testable import Emend
import Testing

@Suite struct LineSplitterTests {
    private func split(_ bytes: [UInt8], maximum: Int = 1 << 20, pieceSize: Int) -> [RawLine] {
        var splitter = LineSplitter(maximumLineBytes: maximum)
        var lines: [RawLine] = []
        var start = 0
        while start < bytes.count {
            let end = min(start + pieceSize, bytes.count)
            bytes[start..<end].withUnsafeBytes { splitter.split($0, into: &lines) }
            start = end
        }
        splitter.finish(into: &lines)
        return lines
    }

    private let mixed = Array("Document 153 continued\r\nthe offi- \ncial language\n\nlast line, no newline".utf8)

    @Test(arguments: [1, 2, 3, 7, 64, 4096])
    func keepsEndingsNumbersAndOffsetsInAnyPieceSize(pieceSize: Int) {
        let lines = split(mixed, pieceSize: pieceSize)
        #expect(lines.map { String(decoding: $0.bytes, as: UTF8.self) } ==
                ["Document 153 continued", "the offi- ", "cial language", "", "last line, no newline"])
        #expect(lines.map(\.ending) == [.crlf, .lf, .lf, .lf, .none])
        #expect(lines.map(\.number) == [1, 2, 3, 4, 5])
        #expect(lines.map(\.offset) == [0, 24, 35, 49, 50])
    }

    @Test(arguments: [1, 5, 100, 100_000])
    func cutsOverlongLinesIntoBoundedSegmentsThatRejoinExactly(pieceSize: Int) {
        let word = Array("Ежовщина ".utf8)  // multi-byte letters, so a careless cut would split one
        var long: [UInt8] = []
        while long.count < 5_000 { long += word }
        let input = long + [0x0A] + Array("next".utf8)
        let lines = split(input, maximum: 64, pieceSize: pieceSize)
        #expect(lines.allSatisfy { $0.bytes.count <= 64 })
        #expect(lines.allSatisfy { UTF8Scan.repair($0.bytes) == nil })
        #expect(lines.dropLast(2).allSatisfy { $0.ending == .split })
        #expect(lines[lines.count - 2].ending == .lf)
        #expect(lines.last?.number == 2)
        let rejoined = lines.flatMap { $0.bytes + $0.ending.bytes }
        #expect(rejoined == input)
    }
}
