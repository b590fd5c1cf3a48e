@testable import Emend
import Testing

/// `EdgeLine.read` reads every line as the first, plainer version of it did
/// (kept here as the reference: slices and Strings per token, a Character
/// loop for folios, a String per scalar for the key), on the gold pages'
/// lines and on made-up short lines of folios, marks, roman numerals,
/// letters beyond ASCII and broken UTF-8.
@Suite struct EdgeLineReferenceTests {
    // MARK: The reference

    private static func referenceRead(_ line: [UInt8]) -> EdgeLine? {
        guard line.count <= EdgeLine.maximumBytes else { return nil }
        var rawTokens: [ArraySlice<UInt8>] = []
        var index = 0
        while index < line.count {
            while index < line.count, isSpace(line[index]) { index += 1 }
            let start = index
            while index < line.count, !isSpace(line[index]) { index += 1 }
            if index > start { rawTokens.append(line[start..<index]) }
        }
        guard rawTokens.count <= 2 * EdgeLine.maximumWords + 2 else { return nil }
        var tokens = rawTokens.filter { !EdgeLine.isSeparator($0) }
        guard !tokens.isEmpty, tokens.count <= EdgeLine.maximumWords + 1 else { return nil }
        var folio: Int?
        var exact = false
        var folioText = ""
        var mayBeAReference = false
        if let last = digitToken(tokens[tokens.count - 1]), let (number, isExact) = referenceFolioToken(last) {
            (folio, exact, folioText) = (number, isExact, EdgeLine.trimFolio(last))
            tokens.removeLast()
            if let at = rawTokens.lastIndex(where: { !EdgeLine.isSeparator($0) }), at > 0 {
                mayBeAReference = rawTokens[at - 1].last == UInt8(ascii: ",")
            }
        } else if let first = digitToken(tokens[0]), let (number, isExact) = referenceFolioToken(first) {
            (folio, exact, folioText) = (number, isExact, EdgeLine.trimFolio(first))
            tokens.removeFirst()
            if let at = rawTokens.firstIndex(where: { !EdgeLine.isSeparator($0) }), at + 1 < rawTokens.count {
                mayBeAReference = !EdgeLine.isSeparator(rawTokens[at + 1])
            }
        } else if let (number, rest) = EdgeLine.gluedFolio(tokens[tokens.count - 1], atEnd: true) {
            (folio, exact, folioText) = (number, true, String(number))
            tokens[tokens.count - 1] = rest
        } else if let (number, rest) = EdgeLine.gluedFolio(tokens[0], atEnd: false) {
            (folio, exact, folioText) = (number, true, String(number))
            tokens[0] = rest
        }
        var roman: Int?
        if folio == nil, let number = EdgeLine.romanToken(tokens[tokens.count - 1]) {
            roman = number
            tokens.removeLast()
        } else if folio == nil, let number = EdgeLine.romanToken(tokens[0]) {
            roman = number
            tokens.removeFirst()
        }
        tokens.removeAll(where: EdgeLine.isSeparator)
        guard tokens.count <= EdgeLine.maximumWords else { return nil }
        let key = referenceKey(tokens.flatMap { $0 })
        guard folio != nil || roman != nil || !key.isEmpty else { return nil }
        return EdgeLine(folio: folio, folioIsExact: exact, folioText: folioText, key: key, titleWords: tokens.count,
                        folioMayBeAReference: mayBeAReference, romanFolio: roman)
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0C || byte == 0x0D }

    private static func digitToken(_ token: ArraySlice<UInt8>) -> String? {
        token.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) ? String(decoding: token, as: UTF8.self) : nil
    }

    private static let misreadDigits: [Character: Character] = [
        "l": "1", "I": "1", "|": "1", "i": "1", "!": "1", "O": "0", "o": "0", "S": "5", "B": "8", "Z": "2",
    ]

    private static func referenceFolioToken(_ token: String) -> (Int, Bool)? {
        guard token.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let trimmed = EdgeLine.trimFolio(token)
        guard (1...4).contains(trimmed.count) else { return nil }
        var digits = ""
        var exact = true
        for character in trimmed {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if let digit = misreadDigits[character] {
                digits.append(digit)
                exact = false
            } else {
                return nil
            }
        }
        guard trimmed.contains(where: { $0.isASCII && $0.isNumber }), let number = Int(digits), number > 0,
              !(1700...2099).contains(number) else { return nil }
        return (number, exact)
    }

    private static func referenceKey(_ bytes: [UInt8]) -> [UInt8] {
        var key: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if EdgeLine.isASCIILetterOrDigit(byte) { key.append(byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0)) }
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, bytes[index] >= 0x80 { index += 1 }
            for scalar in String(decoding: bytes[start..<index], as: UTF8.self).unicodeScalars where scalar.properties.isAlphabetic {
                key.append(contentsOf: String(scalar).lowercased().utf8)
            }
        }
        return key
    }

    // MARK: The lines

    /// Short lines of pieces furniture and OCR print, drawn by a fixed generator.
    private static func madeUpLines(seed: UInt64, count: Int) -> [[UInt8]] {
        var draw = PieceDraw(seed: seed)
        func next(_ bound: Int) -> Int { draw.next(bound) }
        let pieces: [[UInt8]] = [
            " ", " ", " ", "\t", "\u{0C}", "\r", "|", "—", "–", "-", "·", "•", "*", ",", ".", "[", "]", "(", ")", "’", "“", "”",
            "12", "134", "7", "1937", "0", "2024", "l6", "2I", "|44", "1O3", "B34", "S", "Z", "!", "o", "O", "i", "I", "l",
            "xiv", "Xv", "XI", "iv", "lx", "xl", "viii", "ii", "v",
            "MY", "LIFE", "Author", "Title", "Stalin’s", "Terror", "The", "of", "and", "Yezhov", "Document",
            "Ежов", "БЕРИЯ", "Éditions", "ÆSOP", "ﬁnal", "Straße", "İstanbul", "ΣΟΦΙΑ", "x\u{0301}", "½", "²", "٣",
            "Title19", "12Title", "ab12", "12ab",
        ].map { Array($0.utf8) } + [[0x80], [0xC3], [0xD0], [0xE2, 0x80], [0xF0, 0x9F], [0xBF, 0xBF], [0xFF]]
        var lines: [[UInt8]] = []
        for _ in 0..<count {
            var line: [UInt8] = []
            for _ in 0..<next(9) + 1 { line += pieces[next(pieces.count)] }
            lines.append(line)
        }
        return lines
    }

    // MARK: The tests

    @Test func readsTheGoldPagesAsTheReferenceDoes() throws {
        for line in try GoldPage.allRawLines() {
            #expect(EdgeLine.read(line) == Self.referenceRead(line), "\(String(decoding: line, as: UTF8.self))")
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func readsMadeUpLinesAsTheReferenceDoes(seed: UInt64) {
        var read = 0
        for line in Self.madeUpLines(seed: seed, count: 20_000) {
            let expected = Self.referenceRead(line)
            if expected != nil { read += 1 }
            #expect(EdgeLine.read(line) == expected, "\(line)")
        }
        #expect(read > 1000)  // the lines hold folios and titles, not only lines read as none
    }

    @Test func keysEveryScalarAsTheReferenceDoes() {
        for value in UInt32(0x80)...UInt32(0x10FFFF) {
            guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic else { continue }
            let bytes = Array(String(scalar).utf8)
            #expect(EdgeLine.key(of: bytes) == Self.referenceKey(bytes), "U+\(String(value, radix: 16))")
        }
    }
}
