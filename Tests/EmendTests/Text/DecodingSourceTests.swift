@testable import Emend
import Testing

@Suite struct DecodingSourceTests {
    static let russian = try! Fixtures.bytes("Tests/EmendTests/Fixtures/encodings/russian.txt")

    /// Reads all of `source` in calls of `readSize` bytes.
    static func drain<Base: ByteSource>(_ source: inout DecodingSource<Base>, readSize: Int = 1 << 18) throws -> [UInt8] {
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: readSize)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { return output }
            output += buffer[0..<count]
        }
    }

    static func decode(_ bytes: [UInt8], _ encoding: String?, pieceSize: Int = 1 << 16, readSize: Int = 1 << 18,
                       strict: Bool = false) throws -> (bytes: [UInt8], invalid: InvalidEncoding?) {
        var source = try DecodingSource(MemorySource(bytes, pieceSize: pieceSize), encoding: encoding, strict: strict)
        let output = try drain(&source, readSize: readSize)
        return (output, source.invalid)
    }

    static func utf16(_ text: String, bigEndian: Bool = false) -> [UInt8] {
        text.utf16.flatMap { unit in bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    }

    @Test(arguments: ["koi8-r", "windows-1251", "cp866"])
    func legacyRussianEncodingsReadBackAsTheUTF8Text(name: String) throws {
        let encoded = try Fixtures.bytes("Tests/EmendTests/Fixtures/encodings/russian.\(name).txt")
        #expect(encoded.count < Self.russian.count)  // one byte a letter: really converted
        for pieceSize in [1, 3, 7, 1 << 16] {
            let result = try Self.decode(encoded, name, pieceSize: pieceSize, readSize: pieceSize == 1 ? 5 : 1 << 18)
            #expect(result.bytes == Self.russian)
            #expect(result.invalid == nil)
        }
    }

    @Test(arguments: [1, 2, 3, 5, 1 << 16])
    func utf16PairsSplitAcrossReadsComeOutWhole(pieceSize: Int) throws {
        let text = "Ежов 😀 𝔄\nline two\n"
        #expect(try Self.decode(Self.utf16(text), "UTF-16LE", pieceSize: pieceSize).bytes == Array(text.utf8))
        #expect(try Self.decode(Self.utf16(text, bigEndian: true), "UTF-16BE", pieceSize: pieceSize).bytes == Array(text.utf8))
        // UTF-16 (no byte order named) takes it from the byte order mark, and drops the mark.
        #expect(try Self.decode([0xFE, 0xFF] + Self.utf16(text, bigEndian: true), "UTF-16", pieceSize: pieceSize).bytes == Array(text.utf8))
    }

    @Test func invalidSequencesAreReplacedCountedAndLocatedByInputOffsetAndCharacterColumn() throws {
        // "ab\n", "c", a lone lead surrogate, "d", then a truncated unit at the end.
        let input = Self.utf16("ab\nc") + [0x00, 0xD8] + Self.utf16("d") + [0x41]
        for pieceSize in [1, 2, 3, 1 << 16] {
            let result = try Self.decode(input, "UTF-16LE", pieceSize: pieceSize)
            #expect(String(decoding: result.bytes, as: UTF8.self) == "ab\nc\u{FFFD}d\u{FFFD}")
            #expect(result.invalid == InvalidEncoding(encoding: "UTF-16LE", offset: 8, line: 2, column: 2, count: 2))
        }
    }

    @Test func strictStopsAtTheFirstInvalidSequence() throws {
        let input = Array("one\ntwo \u{7F}".utf8) + [0x80, 0x41]
        #expect(throws: InvalidEncoding(encoding: "US-ASCII", offset: 9, line: 2, column: 6, count: 1)) {
            try Self.decode(input, "US-ASCII", strict: true)
        }
    }

    @Test func anUnknownEncodingIsAnICUFailure() {
        #expect(throws: ICU.Failure.self) { try DecodingSource(MemorySource([]), encoding: "no-such-encoding") }
    }

    @Test(arguments: [
        ([0xFF, 0xFE] + utf16("text"), UndeclaredUTF16(encoding: "UTF-16LE", byteOrderMark: "FF FE")),
        ([0xFE, 0xFF] + utf16("text", bigEndian: true), UndeclaredUTF16(encoding: "UTF-16BE", byteOrderMark: "FE FF")),
        (utf16("Нарком Ежов\n"), UndeclaredUTF16(encoding: "UTF-16LE", byteOrderMark: nil)),
        (utf16("op. 2, d. 577\n", bigEndian: true), UndeclaredUTF16(encoding: "UTF-16BE", byteOrderMark: nil)),
        (utf16("НКВД", bigEndian: true), UndeclaredUTF16(encoding: "UTF-16BE", byteOrderMark: nil)),
        (utf16("ПРИКАЗ НКВД"), UndeclaredUTF16(encoding: "UTF-16LE", byteOrderMark: nil)),
    ] as [([UInt8], UndeclaredUTF16)])
    func utf16WithoutADeclaredEncodingIsRefusedBeforeAnythingIsRead(input: [UInt8], expected: UndeclaredUTF16) {
        for pieceSize in [1, 1 << 16] {
            #expect(throws: expected) { try Self.decode(input, nil, pieceSize: pieceSize) }
        }
    }

    @Test(arguments: [
        Array("plain text\n".utf8),
        Array("Нарком Ежов, 1937\n".utf8),
        Array("a NUL\u{0} in the middle and one more\u{0}\n".utf8),
        [0x41, 0x00],  // one pair is no evidence
        [],
    ] as [[UInt8]])
    func utf8PassesThroughUntouched(input: [UInt8]) throws {
        for pieceSize in [1, 1 << 16] {
            #expect(try Self.decode(input, nil, pieceSize: pieceSize).bytes == input)
            #expect(try Self.decode(input, "UTF-8", pieceSize: pieceSize).bytes == input)
        }
    }

    @Test func longInputIsConvertedBlockByBlock() throws {
        let text = String(repeating: "Материалами следствия по делам\r\n", count: 20_000)  // 1.2 MB of UTF-16
        let result = try Self.decode(Self.utf16(text), "UTF-16LE", pieceSize: 70_001)
        #expect(result.bytes == Array(text.utf8))
    }
}
