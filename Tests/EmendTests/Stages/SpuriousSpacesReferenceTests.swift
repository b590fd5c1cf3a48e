@testable import Emend
import Foundation
import Testing

/// The stray-space join (`SpuriousSpaces`) passes a start by as soon as its
/// longest run has neither a piece that is no word nor two stray letters;
/// the run it finds from every start must be the one the whole search found:
/// the search as it was (with arrays made for each line, where the search now
/// keeps a few tokens' answers in place), kept here as the reference, on the
/// gold pages, on lines shuffled from their tokens and on made-up broken words.
@Suite struct SpuriousSpacesReferenceTests {
    typealias Repair = GarbleRepair.SpuriousSpaces

    /// `SpuriousSpaces.Scratch` as it was: arrays made for each line.
    struct ReferenceScratch {
        var kinds: [Repair.PieceKind]
        var laterPieces: [Repair.LaterPiece]
        var ranges: [Range<Int>] = []

        init(tokenCount: Int) {
            kinds = Array(repeating: .unknown, count: tokenCount)
            laterPieces = Array(repeating: .unknown, count: tokenCount)
        }
    }

    /// `SpuriousSpaces.end` as it was before the shortcut, word for word.
    static func referenceEnd(of tokens: [(bytes: [UInt8], spacesAfter: Int)], from start: Int, scratch: inout ReferenceScratch,
                             in context: GarbleRepair.Context) -> Int? {
        scratch.ranges.removeAll(keepingCapacity: true)
        var last = start
        while last < tokens.count, last - start < Repair.maximumPieces {
            let found: (letters: Range<Int>, closed: Bool)
            if last == start {
                guard let first = Repair.piece(tokens[last].bytes[...], first: true) else { break }
                found = first
            } else {
                guard tokens[last - 1].spacesAfter == 1 else { break }
                if case .unknown = scratch.laterPieces[last] {
                    scratch.laterPieces[last] = Repair.piece(tokens[last].bytes[...], first: false).map { .letters($0.letters, closed: $0.closed) } ?? .none
                }
                guard case .letters(let letters, let closed) = scratch.laterPieces[last],
                      GarbleRepair.isLower(tokens[last].bytes[letters.lowerBound]) else { break }
                found = (letters, closed)
            }
            scratch.ranges.append(found.letters)
            last += 1
            if found.closed { break }
        }
        let ranges = scratch.ranges
        guard ranges.count >= 2 else { return nil }
        for position in start..<last where scratch.kinds[position] == .unknown {
            let letters = tokens[position].bytes[ranges[position - start]]
            scratch.kinds[position] = context.isWholeWord(letters) ? .word : letters.count == 1 ? .strayLetter : .noWord
        }
        func isStrayLetter(_ position: Int) -> Bool {
            let bytes = tokens[position].bytes
            return bytes.count == 1 && Repair.isASCIILetter(bytes[0]) && !context.isWholeWord(bytes)
        }
        if start > 0, tokens[start - 1].spacesAfter == 1, isStrayLetter(start - 1) { return nil }
        var count = ranges.count
        while count >= 2 {
            defer { count -= 1 }
            let run = start..<(start + count)
            let strays = run.filter { scratch.kinds[$0] == .strayLetter }.count
            let noWord = run.contains { scratch.kinds[$0] == .noWord && ranges[$0 - start].count >= 3 }
            guard noWord || (count >= 3 && strays >= 2) else { continue }
            if start + count < tokens.count, tokens[start + count - 1].spacesAfter == 1, isStrayLetter(start + count) { continue }
            let pieces = run.map { tokens[$0].bytes[ranges[$0 - start]] }
            if Repair.joins(pieces, in: context) { return start + count }
        }
        return nil
    }

    @Test func everyStartFindsTheRunTheWholeSearchFound() throws {
        let pages = try GoldPage.all().map(\.raw)
        let tokens = pages.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init) }
        let made = [
            "The gen- eration of models. Fol lowing the imp or t an t meeting. It was the end.The next day came.",
            "special ized and (indi cated) a n d t h e c o n, Complet ion of the d is T is and y add ed it",
            "in to a way of ten per se Nizhny Novgorod imp or t an t. x y z w ab cd ef gh ij, a b c d e f g h",
            "Consider  ation of the in tended move ment, \"pro gram\" q u i c k l y s t r a y letters i n the run",
        ]
        // The made-up lines once each: a piece the document repeats is a word of its own.
        let text = (pages + made + [GarbleShortcutTests.shuffledLines(of: tokens, seed: 1941)]).joined(separator: "\n")
        let context = try GarbleShortcutTests.surveyedStage(text).context
        var starts = 0, found = 0
        for line in text.split(separator: "\n") {
            let tokenLine = GarbleTokenLine(Array(line.utf8))
            // The reference reads each token copied out of the line.
            let tokens = tokenLine.tokens.map { (bytes: Array(tokenLine[$0]), spacesAfter: $0.spacesAfter) }
            guard tokens.count >= 2 else { continue }
            var reference = ReferenceScratch(tokenCount: tokens.count)
            var scratch = Repair.Scratch()
            var expectedEnds: [Int?] = []
            for start in tokens.indices {
                let end = Repair.end(of: tokenLine, from: start, scratch: &scratch, in: context)
                let expected = Self.referenceEnd(of: tokens, from: start, scratch: &reference, in: context)
                #expect(end == expected, "\(line) from token \(start)")
                expectedEnds.append(expected)
                starts += 1
                if expected != nil { found += 1 }
            }
            // Starts asked backwards: what the scratch no longer holds is found again, alike.
            var backwards = Repair.Scratch()
            for start in tokens.indices.reversed() {
                #expect(Repair.end(of: tokenLine, from: start, scratch: &backwards, in: context) == expectedEnds[start],
                        "\(line) from token \(start), backwards")
            }
        }
        #expect(starts > 10_000 && found >= 4, "\(starts) starts, \(found) runs")
    }
}
