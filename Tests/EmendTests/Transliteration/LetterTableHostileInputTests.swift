@testable import Emend
import Foundation
import Testing

/// The bgn stage with its letter table against the same stage through ICU
/// alone, on input built to break the one-pass line rebuild: bytes that are
/// not UTF-8, words the table declines beside words it converts, long words
/// and lines, blocks whose every word waits for ICU, any read size.
@Suite struct LetterTableHostileInputTests {
    static func stage(letterTable: Bool) throws -> Transliterator {
        var configuration = Transliterator.Configuration(to: "bgn")
        configuration.usesLetterTable = letterTable
        return try Transliterator(configuration: configuration)
    }

    /// Hands `lines` to a fresh stage in one block, as the public stage API
    /// allows (no UTF-8 repair on the way): its lines and changes.
    static func consume(_ lines: [[UInt8]], letterTable: Bool) throws -> ([[UInt8]], [Change]) {
        var stage = try stage(letterTable: letterTable)
        var pending = lines.enumerated().map { Line(bytes: $1, number: $0 + 1) }
        var output = StageOutput(recordsChanges: true)
        try stage.finish(&pending, into: &output)
        return (output.lines.map(\.bytes), output.changes)
    }

    @Test func bytesThatAreNotUTF8InsideAndBesideWordsComeOutAsThroughICU() throws {
        let cases: [[UInt8]] = [
            [0x61, 0xD0, 0x20] + Array("мир".utf8),           // a lead byte before a space: not the letter Р
            [0xD1, 0x00] + Array("мир".utf8),                 // before a NUL: not р
            Array("Мир".utf8) + [0xD0, 0x41] + Array("ир".utf8),  // inside a word, before a Latin letter
            Array("мир".utf8) + [0xD0],                       // a lone lead byte at the line end
            Array("мир".utf8) + [0xD0, 0x0D],                 // before a carriage return
            [0xE2, 0xD0, 0xB0, 0xD0, 0xB1],                   // a truncated three-byte sequence before a word
            [0xD0, 0xD0, 0xB0, 0xD0, 0xB1],                   // a lead byte followed by a letter
            [0xD0, 0x9C, 0xD0, 0xBE, 0xD1, 0xFF, 0xD0, 0xB2], // a byte that never appears in UTF-8
        ]
        let (fast, fastChanges) = try Self.consume(cases, letterTable: true)
        let (icu, icuChanges) = try Self.consume(cases, letterTable: false)
        for (index, line) in cases.enumerated() {
            #expect(fast[index] == icu[index], "\(line): table \(fast[index]), ICU \(icu[index])")
        }
        #expect(fastChanges == icuChanges)
    }
}
