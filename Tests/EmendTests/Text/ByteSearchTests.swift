@testable import Emend
import Testing

/// The 8-bytes-at-once tests agree with the byte-by-byte ones they replace,
/// on every cut of lines where the bytes sought fall at each place of a word
/// (first byte, last byte, across two words) and beyond ASCII.
@Suite struct ByteSearchTests {
    private static let lines = [
        "", " ", "  ", "a  b", "abcdefg  hij", "abcdefgh  ij", "abcdefghijklmno  p", "one two three four five six seven",
        "Ежов и  Берия", "x\u{0301}y  z", "\u{00A0}\u{00A0}  ", "1937, 1938; 2001: (12) end.", "plain words with no marks at all here",
        String(repeating: "ab ", count: 20) + " ", "\u{1F600}  \u{1F600}", "tab\t\tand  space",
    ].map { Array($0.utf8) }

    /// Every slice of every line: each byte of a line falls at each place of a word.
    private static func slices() -> [[UInt8]] {
        lines.flatMap { line in (0...min(line.count, 9)).map { Array(line.dropFirst($0)) } }
    }

    @Test func zeroBytesMarksExactlyTheZeroBytes() {
        for word: UInt64 in [0, .max, 0x0100_0000_0000_0080, 0x8000_0000_0000_0001, 0x2020_0020_7F80_FF00, 0x0001_0203_0405_0607] {
            var expected: UInt64 = 0
            for byte in 0..<8 where (word >> (8 * UInt64(byte))) & 0xFF == 0 { expected |= 0x80 << (8 * UInt64(byte)) }
            #expect(ByteSearch.zeroBytes(word) == expected)
        }
    }

    /// 0 to 7 bytes read as one word are those bytes, the first lowest, and
    /// zeros: whatever bytes come before or after them, and at the very end
    /// of their buffer.
    @Test func partialWordIsTheBytesThemselvesZeroPadded() {
        var generator = SeededGenerator(seed: 1905)
        for count in 0...7 {
            for _ in 0..<200 {
                let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                var expected: UInt64 = 0
                for (index, byte) in bytes.enumerated() { expected |= UInt64(byte) << (8 * UInt64(index)) }
                let around = [UInt8(truncatingIfNeeded: generator.next()), 0xFF, 0]
                for before in around {
                    for after in around {
                        let buffer = [before] + bytes + [after, after]
                        buffer.withUnsafeBytes { #expect(ByteSearch.partialWord($0.baseAddress! + 1, count: count) == expected) }
                    }
                }
                let exact = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 1)
                exact.copyBytes(from: bytes)
                #expect(ByteSearch.partialWord(UnsafeRawPointer(exact.baseAddress!), count: count) == expected)
                exact.deallocate()
            }
        }
    }

    /// Every byte value at every place of a word: a letter is A-Z or a-z
    /// alone, and only A-Z change case.
    @Test func asciiLettersAndLowerCaseAgreeWithEachByte() {
        for value in 0...255 {
            let byte = UInt8(value)
            for place in 0..<8 {
                // The byte among letters ("a") and among non-letters ("-") on either side.
                for filler in [UInt8(ascii: "a"), UInt8(ascii: "Q"), UInt8(ascii: "-"), 0xD0] {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[place] = byte
                    let word = bytes.withUnsafeBufferPointer { ByteSearch.word($0, at: 0) }
                    var letters: UInt64 = 0, lowered: UInt64 = 0
                    for (index, each) in bytes.enumerated() {
                        let eachIsLetter = (each >= 0x41 && each <= 0x5A) || (each >= 0x61 && each <= 0x7A)
                        if eachIsLetter { letters |= 0x80 << (8 * UInt64(index)) }
                        lowered |= UInt64(each >= 0x41 && each <= 0x5A ? each | 0x20 : each) << (8 * UInt64(index))
                    }
                    #expect(ByteSearch.asciiLetters(word) == letters, "byte \(value) at \(place)")
                    #expect(ByteSearch.lowercasedASCII(word) == lowered, "byte \(value) at \(place)")
                    let run = bytes.firstIndex { !(($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A)) } ?? 8
                    #expect(ByteSearch.leadingASCIILetters(word) == run, "byte \(value) at \(place)")
                }
            }
        }
    }

    /// Every byte value at every place of a word, among digits and among
    /// other bytes: a digit is 0-9 alone.
    @Test func asciiDigitsAgreeWithEachByte() {
        for value in 0...255 {
            let byte = UInt8(value)
            for place in 0..<8 {
                for filler in [UInt8(ascii: "5"), UInt8(ascii: "0"), UInt8(ascii: "9"), UInt8(ascii: "/"), UInt8(ascii: ":"), 0xB0, 0xB9] {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[place] = byte
                    let word = bytes.withUnsafeBufferPointer { ByteSearch.word($0, at: 0) }
                    var digits: UInt64 = 0
                    for (index, each) in bytes.enumerated() where each >= 0x30 && each <= 0x39 { digits |= 0x80 << (8 * UInt64(index)) }
                    #expect(ByteSearch.asciiDigits(word) == digits, "byte \(value) at \(place)")
                }
            }
        }
    }

    /// The survey finds and counts the same words and pairs wherever they stand
    /// on a line (runs of letters passed 8 at a time, keys copied 8 at a time).
    @Test func surveyCountsWordsWhereverTheyStand() {
        let text = "The Soviet-German PACT of 1939, Stalin's pact: Молотов and Ribbentrop's talks; ALL-UNION Congress\n"
        for cut in 0..<17 {
            var survey = DocumentSurvey()
            let line = Array((String(repeating: "Xy", count: cut) + String(repeating: " ", count: cut % 3) + " " + text).utf8)
            line.withUnsafeBytes { survey.add(block: $0) }
            survey.finish()
            #expect(survey.count(of: "soviet-german") == 1, "cut \(cut)")
            #expect(survey.count(of: "stalin") == 1 && survey.count(of: "ribbentrop") == 1 && survey.count(of: "pact") == 2)
            #expect(survey.count(of: "Молотов") == 1 && survey.count(of: "all-union") == 1 && survey.count(of: "congress") == 1)
            #expect(survey.pairCount(ArraySlice("the".utf8), ArraySlice("soviet-german".utf8)) == 1, "cut \(cut)")
            #expect(survey.pairCount(ArraySlice("all-union".utf8), ArraySlice("congress".utf8)) == 1)
            #expect(survey.pairCount(ArraySlice("and".utf8), ArraySlice("ribbentrop".utf8)) == 1)
        }
    }

    @Test func sequenceStartsCountsAsTheBytesDo() {
        // The lines, and long runs (the count is kept in byte lanes, summed every 255 words):
        // continuation bytes alone, Cyrillic, and random bytes, each of every length near a multiple of 2,040.
        var generator = SeededGenerator(seed: 1937)
        let random = (0..<6000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        var long: [[UInt8]] = []
        for length in [2039, 2040, 2041, 2047, 2048, 4079, 4080, 4081, 5999] {
            long += [Array(repeating: 0x80, count: length), Array(String(repeating: "ж", count: length / 2).utf8), Array(random.prefix(length))]
        }
        for bytes in Self.slices() + long {
            let expected = bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            #expect(bytes.withUnsafeBufferPointer { ByteSearch.sequenceStarts($0) } == expected, "\(bytes.count) bytes")
        }
    }

    @Test func twoSpacesAreFoundWhereverTheyStand() {
        for bytes in Self.slices() {
            let expected = zip(bytes, bytes.dropFirst()).contains { $0 == 0x20 && $1 == 0x20 }
            #expect(bytes.withUnsafeBufferPointer { ByteSearch.containsTwoSpaces($0) } == expected, "\(String(decoding: bytes, as: UTF8.self))")
        }
        // Across the 8-byte words: the pair at every offset of a long line.
        for offset in 0..<24 {
            var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 32)
            bytes[offset] = 0x20
            #expect(!bytes.withUnsafeBufferPointer { ByteSearch.containsTwoSpaces($0) })
            bytes[offset + 1] = 0x20
            #expect(bytes.withUnsafeBufferPointer { ByteSearch.containsTwoSpaces($0) })
        }
    }

    /// Two spaces are found 16 pairs a compare, and in the last pairs read
    /// again from the end (8 pairs a word in a short line), as a byte-by-byte
    /// look finds them: on every raw line of the gold pages and every piece of
    /// it, on every length up to 80 (up to five vectors) with one pair at each
    /// place (or none: single spaces alone), and at the very end of a buffer of
    /// exactly the line's bytes.
    @Test func twoSpacesAreFoundInEveryPieceOfAGoldLine() throws {
        func expected(_ bytes: [UInt8]) -> Bool { zip(bytes, bytes.dropFirst()).contains { $0 == 0x20 && $1 == 0x20 } }
        func found(_ bytes: [UInt8]) -> Bool {
            // A buffer of exactly these bytes: a read past the end would show under a sanitizer.
            let exact = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
            defer { exact.deallocate() }
            _ = exact.initialize(from: bytes)
            return ByteSearch.containsTwoSpaces(UnsafeBufferPointer(rebasing: exact[0..<bytes.count]))
        }
        var lines = try GoldPage.allRawLines()
        for length in 0...80 {
            let spaced = (0..<length).map { $0 % 2 == 0 ? UInt8(ascii: "a") : 0x20 }
            lines.append(spaced)
            for place in 0..<max(0, length - 1) {
                var bytes = [UInt8](repeating: UInt8(ascii: "b"), count: length)
                (bytes[place], bytes[place + 1]) = (0x20, 0x20)
                lines.append(bytes)
            }
        }
        var pairs = 0
        for line in lines {
            for cut in 0...min(line.count, 17) {
                let piece = Array(line.dropFirst(cut))
                #expect(found(piece) == expected(piece), "\(String(decoding: piece, as: UTF8.self))")
                #expect(found(Array(line.dropLast(cut))) == expected(Array(line.dropLast(cut))))
                if expected(piece) { pairs += 1 }
            }
        }
        #expect(pairs > 1000)
    }

    /// The first space at or after each place, found 8 bytes at a time, is the
    /// one a byte-by-byte look finds (the end when there is none): on every
    /// slice of the lines and with one space at every offset of a long line.
    @Test func firstSpaceIsFoundWhereverItStands() {
        func expected(_ bytes: [UInt8], from start: Int) -> Int { bytes[start...].firstIndex(of: 0x20) ?? bytes.count }
        for bytes in Self.slices() {
            for start in 0...bytes.count {
                #expect(bytes.withUnsafeBufferPointer { ByteSearch.index(of: 0x20, in: $0, from: start) } == expected(bytes, from: start),
                        "\(String(decoding: bytes, as: UTF8.self)) from \(start)")
            }
        }
        for offset in 0..<32 {
            var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 32)
            bytes[offset] = 0x20
            for start in 0...32 {
                #expect(bytes.withUnsafeBufferPointer { ByteSearch.index(of: 0x20, in: $0, from: start) } == expected(bytes, from: start))
            }
        }
    }

    /// The survey's marks and years are all counted wherever they stand on
    /// the line (after a run of 8 bytes passed at once, or in the byte loop).
    @Test func marksAndYearsAreCountedWhereverTheyStand() {
        let text = "In 1937, the trial of a great many people ; and then 1938: (the end). 2001 ? yes! 1700s and 2099, 1699; 2100.\n"
        for cut in 0..<24 {
            var survey = DocumentSurvey()
            // A word of `cut` letters first: each mark and year at every place of an 8-byte word.
            let line = Array((String(repeating: "y", count: cut) + " " + text).utf8)
            line.withUnsafeBytes { survey.add(block: $0) }
            survey.finish()
            #expect(survey.yearCount(inDecadeOf: 1937) == 2, "cut \(cut)")
            #expect(survey.yearCount(inDecadeOf: 2001) == 1 && survey.yearCount(inDecadeOf: 1700) == 1 && survey.yearCount(inDecadeOf: 2099) == 1)
            #expect(survey.spacing(of: UInt8(ascii: ",")) == (0, 2), "cut \(cut)")
            #expect(survey.spacing(of: UInt8(ascii: ";")) == (1, 1))
            #expect(survey.spacing(of: UInt8(ascii: "?")) == (1, 0))
            #expect(survey.spacing(of: UInt8(ascii: ")")) == (0, 1))
            #expect(survey.spacing(of: UInt8(ascii: ".")) == (0, 1))  // "2100." ("end)." follows no word)
            #expect(survey.spacing(of: UInt8(ascii: "!")) == (0, 1))
            #expect(survey.spacing(of: UInt8(ascii: ":")) == (0, 1))
        }
    }
}
