import Testing
@testable import Emend

/// The survey's one-pass word scanner finds the words, and the survey counts
/// the words and pairs, that the survey's earlier tokenizer and word loop did
/// (kept here as the reference), on real pages and on made-up lines full of
/// hyphens, apostrophes, tabs and stray or cut UTF-8 sequences; and the
/// spacing before marks and the years it counts in the same scan, as the
/// separate passes it replaced counted them.
@Suite struct SurveyWordScannerTests {
    // MARK: The reference: the survey's earlier tokenizer, unchanged

    private static func referenceWords(_ line: [UInt8]) -> [DocumentSurvey.Word] {
        var words: [DocumentSurvey.Word] = []
        var index = 0
        var onlySpaces = true
        while index < line.count {
            let length = letterLength(line, at: index)
            guard length > 0 else {
                let byte = line[index]
                if byte != 0x20 && byte != 0x09 { onlySpaces = false }
                index += max(1, sequenceLength(byte))
                continue
            }
            let start = index
            index += length
            while index < line.count {
                let next = letterLength(line, at: index)
                if next > 0 { index += next; continue }
                let byte = line[index]
                if (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "'")) && index + 1 < line.count
                    && letterLength(line, at: index + 1) > 0 {
                    index += 1
                    continue
                }
                break
            }
            var brokenAtEnd = false
            if index < line.count && line[index] == UInt8(ascii: "-") {
                var rest = index + 1
                while rest < line.count && (line[rest] == 0x20 || line[rest] == 0x09 || line[rest] == 0x0D) { rest += 1 }
                brokenAtEnd = rest == line.count
            }
            words.append(DocumentSurvey.Word(range: start..<min(index, line.count), onlySpacesBefore: onlySpaces, brokenAtEnd: brokenAtEnd))
            onlySpaces = true
        }
        return words
    }

    private static func letterLength(_ line: [UInt8], at index: Int) -> Int {
        let byte = line[index]
        if byte < 0x80 { return (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") ? 1 : 0 }
        let length = sequenceLength(byte)
        guard length > 0, index + length <= line.count else { return 0 }
        if byte == 0xC2 || (byte == 0xE2 && (line[index + 1] == 0x80 || line[index + 1] == 0x81)) { return 0 }
        return length
    }

    private static func sequenceLength(_ byte: UInt8) -> Int {
        byte < 0x80 ? 1 : byte < 0xC0 ? 0 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
    }

    /// The words and pairs the survey's earlier word loop counted in `text`
    /// (lower case, a pair's words parted by a space).
    private static func referenceCounts(_ text: [UInt8], pairs countsPairs: Bool) -> (counts: [[UInt8]: Int], words: Int) {
        var counts: [[UInt8]: Int] = [:]
        let (keys, wordsCounted) = referenceKeys(text, pairs: countsPairs)
        for key in keys { counts[key, default: 0] += 1 }
        return (counts, wordsCounted)
    }

    /// The keys the survey's earlier word loop counted in `text`, in the
    /// order it counted them: each word, then the pair it ends.
    private static func referenceKeys(_ text: [UInt8], pairs countsPairs: Bool) -> (keys: [[UInt8]], words: Int) {
        var keys: [[UInt8]] = [], wordsCounted = 0
        var previous: [UInt8] = [], previousEndedBroken = false
        for var line in text.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init) {
            if line.last == 0x0D { line.removeLast() }
            let words = referenceWords(line)
            for (number, word) in words.enumerated() {
                let isFirst = number == 0
                let adjacent = isFirst ? !previous.isEmpty : word.onlySpacesBefore
                if (isFirst && previousEndedBroken) || word.brokenAtEnd || word.range.count > 64 {
                    previous = []
                    continue
                }
                var end = word.range.upperBound
                if word.range.count > 2 && line[end - 2] == UInt8(ascii: "'") && (line[end - 1] | 0x20) == UInt8(ascii: "s") { end -= 2 }
                let lower = line[word.range.lowerBound..<end].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
                keys.append(lower)
                wordsCounted += 1
                if countsPairs && adjacent && !previous.isEmpty { keys.append(previous + [0x20] + lower) }
                previous = lower
            }
            if words.isEmpty {
                if !line.contains(where: { $0 != 0x20 && $0 != 0x09 }) { previous = [] }
                continue
            }
            previousEndedBroken = words.last!.brokenAtEnd
            if let last = line.lastIndex(where: { $0 != 0x20 && $0 != 0x09 }), last >= words.last!.range.upperBound { previous = [] }
        }
        return (keys, wordsCounted)
    }

    // MARK: Made-up and real text

    /// Lines of letters, spaces, tabs, marks, hyphens, apostrophes, possessives,
    /// Cyrillic, curly quotes and dashes, no-break spaces, stray continuation
    /// bytes, cut sequences at a line's end, and words past 64 bytes.
    private static func madeUpText(seed: UInt64, lines: Int, piecesPerLine: Int = 14) -> [UInt8] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let pieces: [[UInt8]] = [
            Array("the".utf8), Array("Of".utf8), Array("STALIN".utf8), Array("Stalin's".utf8), Array("it's".utf8), Array("opposi-".utf8),
            Array("well-known".utf8), Array("a".utf8), Array(" ".utf8), Array(" ".utf8), Array("  ".utf8), Array("\t".utf8),
            Array(",".utf8), Array(". ".utf8), Array("-".utf8), Array("'".utf8), Array("'s".utf8), Array("Ежов".utf8), Array("Москва".utf8),
            Array("“".utf8), Array("”".utf8), Array("—".utf8), Array("\u{00A0}".utf8), Array("«".utf8), Array("1937".utf8), Array("\r".utf8),
            [0x80], [0xBF], [0xC3], [0xE2], [0xE2, 0x80], [0xF0, 0x9F], [0xD0], [0xC2],
            Array(repeating: UInt8(ascii: "x"), count: 60), Array(repeating: UInt8(ascii: "Q"), count: 70), Array("abcdefgh".utf8),
            Array("ABCDEFGHIJKLMNOPQR".utf8), Array("in".utf8), Array("In".utf8), Array("x-y".utf8), Array("l'Humanité".utf8),
            Array(";".utf8), Array(" : ".utf8), Array("!".utf8), Array("?".utf8), Array(")".utf8), Array("1930s".utf8), Array("21937".utf8),
            Array("1699".utf8), Array("2099".utf8), Array("x1937".utf8), Array("193".utf8), Array("0".utf8), Array("1812,".utf8),
            // Marks and digits inside what broken UTF-8 makes one character.
            [0xE2, 0x2C, 0x31], [0xC3, 0x2E], [0xF0, 0x31, 0x39, 0x33], [0xD0, 0x3B], [0xE2, 0x80, 0x3A],
        ]
        var text: [UInt8] = []
        for _ in 0..<lines {
            for _ in 0..<next(piecesPerLine) { text += pieces[next(pieces.count)] }
            text.append(0x0A)
        }
        return text
    }

    private static func goldText() throws -> [UInt8] {
        var text: [UInt8] = []
        for page in try GoldPage.all() { text += Array(page.raw.utf8) + Array("\n\n".utf8) }
        return text
    }

    /// The spacing before marks and the years the survey counted in separate
    /// passes over each line before it counted them in the word scan (kept
    /// here as the reference): per mark of `DocumentSurvey.spacedMarks`, how
    /// often it follows a word spaced and closed, and per decade its years.
    private static func referenceMarksAndYears(_ text: [UInt8]) -> (spaced: [Int], closed: [Int], years: [Int]) {
        var spaced = [Int](repeating: 0, count: DocumentSurvey.spacedMarks.count), closed = spaced
        var years = [Int](repeating: 0, count: 40)
        for var line in text.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init) {
            if line.last == 0x0D { line.removeLast() }
            for index in line.indices.dropFirst() {
                guard let mark = DocumentSurvey.spacedMarks.firstIndex(of: line[index]) else { continue }
                var before = index - 1
                while before > 0, line[before] == 0x20 { before -= 1 }
                guard DocumentSurvey.isWordByte(line[before]) else { continue }
                if before == index - 1 { closed[mark] += 1 } else { spaced[mark] += 1 }
            }
            var index = 0
            while index < line.count {
                guard line[index] == UInt8(ascii: "1") || line[index] == UInt8(ascii: "2") else { index += 1; continue }
                let start = index
                while index < line.count, line[index] >= 0x30, line[index] <= 0x39 { index += 1 }
                guard index - start == 4, start == 0 || !DocumentSurvey.isWordByte(line[start - 1]),
                      index == line.count || !DocumentSurvey.isWordByte(line[index]) || line[index] == UInt8(ascii: "s") else { continue }
                let year = line[start..<index].reduce(0) { $0 * 10 + Int($1 - 0x30) }
                if (1700...2099).contains(year) { years[(year - 1700) / 10] += 1 }
            }
        }
        return (spaced, closed, years)
    }

    private func expectMarksAndYearsAsTheReference(_ text: [UInt8]) {
        var survey = DocumentSurvey(limit: 1 << 22)
        text.withUnsafeBytes { survey.add(block: $0) }
        survey.finish()
        let expected = Self.referenceMarksAndYears(text)
        for (index, mark) in DocumentSurvey.spacedMarks.enumerated() {
            #expect(survey.spacing(of: mark) == (spaced: expected.spaced[index], closed: expected.closed[index]), "\(UnicodeScalar(mark))")
        }
        for decade in 0..<40 { #expect(survey.yearCount(inDecadeOf: 1700 + decade * 10) == expected.years[decade], "\(1700 + decade * 10)s") }
    }

    // MARK: The tests

    /// The scan hands on every byte of its mask, once and in order, wherever
    /// it lies: between words, or inside broken UTF-8 read as one character.
    @Test(arguments: [21, 22, 23] as [UInt64])
    func visitsEveryMarkedByteOnce(seed: UInt64) {
        let marked = Array(",;:!?).0123456789".utf8)
        let mask = SurveyWordScanner.ByteMask(marked)
        for line in Self.madeUpText(seed: seed, lines: 2000).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init) {
            var visited: [Int] = []
            _ = line.withUnsafeBufferPointer { line in
                SurveyWordScanner.forEachWord(in: line, writingTo: nil, visiting: mask, { visited.append($0) }) { _ in nil }
            }
            #expect(visited == line.indices.filter { marked.contains(line[$0]) }, "\(line)")
        }
    }

    @Test(arguments: [31, 32, 33] as [UInt64])
    func countsTheMarksAndYearsTheReferenceCounts(seed: UInt64) {
        expectMarksAndYearsAsTheReference(Self.madeUpText(seed: seed, lines: 3000))
    }

    @Test func countsTheMarksAndYearsTheReferenceCountsOnRealPages() throws {
        let text = try Self.goldText()
        let expected = Self.referenceMarksAndYears(text)
        #expect(expected.closed.reduce(0, +) > 100 && expected.years.reduce(0, +) > 10)  // real pages have both
        expectMarksAndYearsAsTheReference(text)
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func findsTheWordsTheReferenceFinds(seed: UInt64) {
        let text = Self.madeUpText(seed: seed, lines: 2000)
        for line in text.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init) {
            let found = line.withUnsafeBufferPointer { DocumentSurvey.words(in: $0) }
            #expect(found == Self.referenceWords(line), "\(line)")
        }
    }

    @Test func findsTheWordsTheReferenceFindsOnRealPages() throws {
        for line in try Self.goldText().split(separator: 0x0A).map(Array.init) {
            let found = line.withUnsafeBufferPointer { DocumentSurvey.words(in: $0) }
            #expect(found == Self.referenceWords(line))
        }
    }

    /// Every word and pair counted as the reference counts it, and no other
    /// (entries with brackets are the bracketed acronyms, counted beside the words).
    private func expectCountsAsTheReference(_ text: [UInt8], parts: SurveyParts) {
        var survey = DocumentSurvey(limit: 1 << 22, parts: parts)
        text.withUnsafeBytes { survey.add(block: $0) }
        survey.finish()
        let (expected, wordsCounted) = Self.referenceCounts(text, pairs: parts.contains(.pairs))
        var seen = 0
        survey.forEachCount { key, count in
            let bytes = Array(key)
            guard !bytes.contains(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: "[") }) else { return }
            seen += 1
            #expect(expected[bytes] == count, "\(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(seen == expected.count)
        #expect(survey.wordsCounted == wordsCounted)
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func countsTheWordsAndPairsTheReferenceCounts(seed: UInt64) {
        let text = Self.madeUpText(seed: seed, lines: 3000)
        expectCountsAsTheReference(text, parts: .all)
        expectCountsAsTheReference(text, parts: .words)
    }

    /// Lines of hundreds of words and thousands of bytes: more keys than the
    /// survey lists before it counts them, so each line is counted in pieces.
    @Test(arguments: [14, 15] as [UInt64])
    func countsTheWordsAndPairsTheReferenceCountsOnLongLines(seed: UInt64) {
        let text = Self.madeUpText(seed: seed, lines: 300, piecesPerLine: 600)
        #expect(text.split(separator: 0x0A).contains { $0.count > 3000 })
        expectCountsAsTheReference(text, parts: .all)
        expectCountsAsTheReference(text, parts: .words)
    }

    /// Real pages, each page's lines joined by spaces into one long line.
    @Test func countsTheWordsAndPairsTheReferenceCountsOnRealPagesAsLongLines() throws {
        var text: [UInt8] = []
        for page in try GoldPage.all() {
            text += page.raw.utf8.map { $0 == 0x0A ? 0x20 : $0 } + [0x0A, 0x0A]
        }
        #expect(text.split(separator: 0x0A).contains { $0.count > 2000 })
        expectCountsAsTheReference(text, parts: .all)
        expectCountsAsTheReference(text, parts: .words)
    }

    @Test func countsTheWordsAndPairsTheReferenceCountsOnRealPages() throws {
        let text = try Self.goldText()
        expectCountsAsTheReference(text, parts: .all)
        expectCountsAsTheReference(text, parts: [.words, .pairs])
    }

    /// A word ended by a space (the scan's first test after a run of
    /// letters) and by what a space must not be taken for: words of 1 to 20
    /// letters, at every offset from the line's start and end (inside and
    /// past the run read 8 bytes at a time), followed by a space, a tab, a
    /// hyphen, an apostrophe, a letter beyond ASCII, a mark or the line's
    /// end, found and counted as the reference finds and counts them.
    @Test func aWordEndedByASpaceIsFoundAsTheReferenceFindsIt() {
        var text: [UInt8] = []
        for length in 1...20 {
            for lead in 0..<9 {
                for ending in [" ", "  x", " -y", "- ", "-z", "'s ", "' t", "\t", "\u{E9}t", "\u{2019} ", ", ", " .", ""] {
                    for trail in [0, 1, 3, 8] {
                        let word = (0..<length).map { UInt8(ascii: $0 % 3 == 0 ? "Q" : "w") }
                        let line = Array(String(repeating: " ", count: lead).utf8) + word + Array(ending.utf8)
                            + Array(String(repeating: "ab ", count: trail).utf8)
                        let found = line.withUnsafeBufferPointer { DocumentSurvey.words(in: $0) }
                        #expect(found == Self.referenceWords(line), "\(String(decoding: line, as: UTF8.self))")
                        text += line + [0x0A]
                    }
                }
            }
        }
        expectCountsAsTheReference(text, parts: .all)
        expectCountsAsTheReference(text, parts: .words)
    }

    /// Lines of words between long gaps: runs of spaces, tabs, marks and
    /// digits of 1 to 20 bytes (passed 8 at a time where 8 are left), with
    /// Cyrillic, curly quotes, no-break spaces and broken UTF-8 beside them,
    /// long words and words past 16 and 64 bytes, lines of every length up
    /// to and past the survey's key buffer.
    private static func gappyText(seed: UInt64, lines: Int) -> [UInt8] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let gapBytes = Array(" \t ,;:.!?)-'0123456789\"".utf8)
        let words: [[UInt8]] = [
            Array("the".utf8), Array("Of".utf8), Array("Stalin's".utf8), Array("well-known".utf8), Array("Ежов".utf8), Array("Москва".utf8),
            Array("commissariats".utf8), Array("counterrevolutionary".utf8), Array("ABCDEFGHIJKLMNOPQRSTU".utf8), Array("a".utf8),
            Array(repeating: UInt8(ascii: "w"), count: 64), Array(repeating: UInt8(ascii: "W"), count: 65), Array("opposi-".utf8),
            Array("\u{201C}".utf8), Array("\u{2014}".utf8), Array("\u{00A0}".utf8), [0xC3], [0xE2, 0x2C], [0x80], Array("(b)".utf8),
        ]
        var text: [UInt8] = []
        for number in 0..<lines {
            var line: [UInt8] = []
            let target = number % 7 == 0 ? 900 + next(400) : next(120)
            while line.count < target {
                line += words[next(words.count)]
                let gap = next(4) == 0 ? 1 + next(20) : 1
                for _ in 0..<gap { line.append(next(3) == 0 ? 0x20 : gapBytes[next(gapBytes.count)]) }
            }
            text += line + [0x0A]
        }
        return text
    }

    /// The survey's table holds the entries, counts and slot order a table
    /// made by `add(_:to:)` of the reference's keys one by one, in the
    /// reference's order, holds: the same keys counted in the same order,
    /// with the rarest dropped before the same keys when a small bound is
    /// reached (a table at its bound, three-quarters full, puts keys that
    /// share a run of slots in the order they came). The texts hold no brackets (no bracketed acronyms, counted
    /// apart).
    private func expectSlotsAsTheReference(_ text: [UInt8], limit: Int, parts: SurveyParts) {
        let text = text.filter { $0 != UInt8(ascii: "(") && $0 != UInt8(ascii: "[") }
        var survey = DocumentSurvey(limit: limit, parts: parts)
        text.withUnsafeBytes { survey.add(block: $0) }
        survey.finish()
        let bound = DocumentSurvey.bound(limit)
        var table = WordCountTable(capacity: min(bound, 1 << 10), maximumCount: bound)
        var droppedBelow: Int32 = 1
        let (keys, wordsCounted) = Self.referenceKeys(text, pairs: parts.contains(.pairs))
        for key in keys {
            if table.count >= bound {
                repeat {
                    let threshold = droppedBelow
                    table.retain { $0 > threshold }
                    droppedBelow += 1
                } while table.count > bound / 2
            }
            key.withUnsafeBytes { table.add(1, to: $0) }
        }
        var expected: [([UInt8], Int)] = [], found: [([UInt8], Int)] = []
        table.forEach { key, count in expected.append((Array(key), Int(count))) }
        survey.forEachCount { key, count in found.append((Array(key), count)) }
        #expect(found.count == expected.count && survey.slotCount == table.slotCount)
        #expect(found.map(\.0) == expected.map(\.0) && found.map(\.1) == expected.map(\.1))
        #expect(survey.droppedBelow == droppedBelow && survey.wordsCounted == wordsCounted)
        #expect(limit > 1000 || droppedBelow > 1, "a small bound is reached")
    }

    @Test func keepsTheSlotsOfTheReferenceKeysOnRealPages() throws {
        let text = try Self.goldText()
        expectSlotsAsTheReference(text, limit: DocumentSurvey.defaultLimit, parts: .all)
        expectSlotsAsTheReference(text, limit: 400, parts: .all)
        expectSlotsAsTheReference(text, limit: 150, parts: .words)
    }

    @Test(arguments: [41, 42] as [UInt64])
    func keepsTheSlotsOfTheReferenceKeysOnMadeUpLines(seed: UInt64) {
        for text in [Self.madeUpText(seed: seed, lines: 3000), Self.gappyText(seed: seed, lines: 1500)] {
            expectSlotsAsTheReference(text, limit: DocumentSurvey.defaultLimit, parts: .all)
            expectSlotsAsTheReference(text, limit: 300, parts: .all)
            expectSlotsAsTheReference(text, limit: 100, parts: .words)
        }
    }

    /// Words between long gaps of spaces, tabs and marks found as the
    /// reference finds them, and every marked byte of the gaps handed on once, in order.
    @Test(arguments: [51, 52, 53] as [UInt64])
    func findsTheWordsAndMarksBetweenLongGapsAsTheReference(seed: UInt64) {
        let marked = Array(",;:!?).0123456789".utf8)
        let mask = SurveyWordScanner.ByteMask(marked)
        for line in Self.gappyText(seed: seed, lines: 1500).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init) {
            var visited: [Int] = []
            var found: [DocumentSurvey.Word] = []
            let onlySpacesAfter = line.withUnsafeBufferPointer { line in
                SurveyWordScanner.forEachWord(in: line, writingTo: nil, visiting: mask, { visited.append($0) }) { word in
                    found.append(word)
                    return nil
                }
            }
            #expect(found == Self.referenceWords(line), "\(line)")
            #expect(visited == line.indices.filter { marked.contains(line[$0]) }, "\(line)")
            let after = found.last?.range.upperBound ?? 0
            #expect(onlySpacesAfter == line[after...].allSatisfy { $0 == 0x20 || $0 == 0x09 }, "\(line)")
        }
        let text = Self.gappyText(seed: seed, lines: 1500)
        expectCountsAsTheReference(text, parts: .all)
        expectMarksAndYearsAsTheReference(text)
    }
}
