import Emend
import Testing

/// The whitespace stage reads a line's bytes once, in place, and takes the
/// few spaces at its end off one by one: the same bytes as a plain reference
/// that trims and collapses step by step, on the gold pages' raw lines and
/// on every short line of letters, spaces and tabs, in every configuration,
/// for the segments of a cut line too, with and without changes recorded.
@Suite struct WhitespaceReferenceTests {
    typealias Configuration = WhitespaceNormalizer.Configuration

    static func reference(_ bytes: [UInt8], _ configuration: Configuration, ending: LineEnding, isContinuation: Bool) -> [UInt8] {
        var kept = bytes[...]
        if configuration.trailing && ending != .split {
            while let last = kept.last, last == 0x20 || last == 0x09 { kept.removeLast() }
        }
        if configuration.leading && !isContinuation {
            while kept.first == 0x20 { kept.removeFirst() }
        }
        guard configuration.runs else { return Array(kept) }
        var result: [UInt8] = []
        var seenText = false
        for byte in kept {
            if byte == 0x20, seenText, result.last == 0x20 { continue }
            if byte != 0x20 { seenText = true }
            result.append(byte)
        }
        return result
    }

    static let configurations = [false, true].flatMap { trailing in
        [false, true].flatMap { runs in [false, true].map { leading in Configuration(trailing: trailing, runs: runs, leading: leading) } }
    }

    static func check(_ bytes: [UInt8]) {
        for configuration in configurations {
            let stage = WhitespaceNormalizer(configuration: configuration)
            for (ending, isContinuation) in [(LineEnding.lf, false), (.split, false), (.lf, true), (.none, false)] {
                let expected = reference(bytes, configuration, ending: ending, isContinuation: isContinuation)
                for records in [false, true] {
                    var output = StageOutput(recordsChanges: records)
                    var line = Line(bytes: bytes, ending: ending, number: 7, isContinuation: isContinuation)
                    let copy = line
                    stage.transform(&line, changes: &output)
                    #expect(line.bytes == expected, "\(String(decoding: bytes, as: UTF8.self).debugDescription) \(configuration)")
                    #expect(line.ending == ending && line.number == 7 && line.isContinuation == isContinuation)
                    #expect(copy.bytes == bytes)  // a copy held elsewhere is never changed
                    #expect(output.changes.isEmpty == (!records || expected == bytes))
                }
            }
        }
    }

    @Test func goldLinesAreNormalizedAsTheReferenceDoes() throws {
        for bytes in try GoldPage.allRawLines() { Self.check(bytes) }
    }

    /// Every line of up to seven bytes of "a", space and tab, and a few longer
    /// ones whose runs cross the 8-byte words the search reads.
    @Test func madeUpLinesAreNormalizedAsTheReferenceDoes() {
        let alphabet: [UInt8] = [UInt8(ascii: "a"), 0x20, 0x09]
        var lines: [[UInt8]] = [[]], longest: [[UInt8]] = [[]]
        for _ in 0..<7 {
            longest = longest.flatMap { line in alphabet.map { line + [$0] } }
            lines += longest
        }
        for line in lines { Self.check(line) }
        for prefix in 0..<20 {
            let text = Array(repeating: UInt8(ascii: "x"), count: prefix)
            Self.check(text + [0x20, 0x20] + Array("end".utf8))
            Self.check(text + [0x20] + Array("y".utf8) + [0x20])
            Self.check([0x20, 0x20] + text + Array(repeating: 0x20, count: prefix % 5) + [0x09, 0x20])
        }
    }
    /// Longer lines (up to 70 bytes) of words, runs of spaces of every length,
    /// tabs and Cyrillic, at random: the runs and the stretches of text copied
    /// between them fall at every place of the 8-byte words searched.
    @Test func longLinesWithManyRunsAreNormalizedAsTheReferenceDoes() {
        var generator = SeededGenerator(seed: 1934)
        let pieces: [[UInt8]] = [Array("a".utf8), Array("word".utf8), Array("Ежов".utf8), [0x20], [0x20, 0x20], [0x20, 0x20, 0x20],
                                 Array(repeating: 0x20, count: 9), [0x09], [0x20, 0x09, 0x20], Array("op.".utf8)]
        for _ in 0..<1500 {
            var line: [UInt8] = []
            let target = Int(generator.next() % 70)
            while line.count < target { line += pieces[Int(generator.next() % UInt64(pieces.count))] }
            Self.check(line)
        }
    }
}
