@testable import Emend
import Foundation
import Testing

/// The token repairs ask their costliest tests last, or not at all where a
/// cheaper one already shows they find nothing. Each shortcut must decide
/// what the whole test decided: checked on the gold pages' tokens and on
/// made-up words at the edges.
@Suite struct GarbleTokenRepairShortcutTests {
    /// The gold pages' tokens, each as its letters alone in small letters (what the segmenter is handed).
    private func goldWords() throws -> [[UInt8]] {
        var words = Set<[UInt8]>()
        for line in try GoldPage.allRawLines() {
            for token in line.split(separator: 0x20) {
                let letters: [UInt8] = token.filter { DocumentVocabulary.isLetter($0) }.map { DocumentVocabulary.lowercased($0) }
                if letters.count >= 5 && letters.allSatisfy(GarbleRepair.isLower) { words.insert(letters) }
            }
        }
        return words.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Romanized Russian is asked after every other test of a split: a
    /// Russian-looking word is still never split, and every other word splits
    /// as before (the split asked first, then the Russian test, as the test
    /// once came before the split).
    @Test func russianLookingWordsAreNeverSplitAskedLast() throws {
        let stage = try GarbleShortcutTests.surveyedStage("The rule of parties and of power. The rule of parties and of power.\nThe rule of parties, of power.\n")
        let context = stage.context
        let made = ["ofparties", "ofpower", "andofparties", "inthestreets", "purgingof", "ofthe", "soone", "ofvoting"].map { Array($0.utf8) }
        var split = 0, russian = 0
        for word in try goldWords() + made {
            let found = GarbleRepair.RunTogetherWords.segment(word, own: 1, in: context)
            let reference = context.looksRussian(word) ? nil : found
            #expect(found == reference, "\(String(decoding: word, as: UTF8.self))")
            if found != nil { split += 1 }
            if context.looksRussian(word) { russian += 1 }
        }
        // The made-up words reach both ends: "of parties" is the document's, and Russian-looking ("ie").
        #expect(GarbleRepair.RunTogetherWords.segment(Array("ofparties".utf8), own: 1, in: context) == nil)
        #expect(GarbleRepair.RunTogetherWords.segment(Array("ofpower".utf8), own: 1, in: context) == Array("of power".utf8))
        #expect(split > 0 && russian > 0)
    }

    /// A confusion passed by for a letter the word lacks (`LetterConfusions.HeldBytes`)
    /// makes no candidate there, on every gold token and made-up edges
    /// (bytes at 63, 64, 127 and past ASCII, an empty read form), for every
    /// confusion of the rule files; the bytes held are the word's ASCII bytes exactly.
    @Test func confusionsPassedByForALetterTheWordLacksUndoNothing() throws {
        let rules = try GarbleRepair().context.rules
        let confusions = rules.confusions + rules.learnedConfusions
            + [GarbleRules.Confusion(read: [], meant: [0x61], rule: "empty"), GarbleRules.Confusion(read: [0xC3, 0xA9], meant: [0x65], rule: "e"),
               GarbleRules.Confusion(read: [63, 64], meant: [0x61], rule: "edges"), GarbleRules.Confusion(read: [127], meant: [0x61], rule: "del")]
        var tokens = Set<[UInt8]>()
        for line in try GoldPage.allRawLines() { for token in line.split(separator: 0x20) { tokens.insert(Array(token)) } }
        tokens.formUnion([[], [0], [63], [64], [63, 64], [127], [128], [255], Array("Conceming".utf8), Array("shaU".utf8), Array("café".utf8)])
        var passed = 0, asked = 0
        for token in tokens {
            let held = GarbleRepair.LetterConfusions.HeldBytes(token)
            let exact = (0..<128).allSatisfy { held.mayHold(UInt8($0)) == token.contains(UInt8($0)) }
            #expect(exact && (128...255).allSatisfy { held.mayHold(UInt8($0)) }, "\(token)")
            for confusion in confusions {
                if held.mayHold(confusion.read) { asked += 1; continue }
                #expect(confusion.candidates(undoingIn: token).isEmpty, "\(token) \(confusion.rule)")
                passed += 1
            }
        }
        #expect(passed > 0 && asked > 0)
    }

    /// A line's tokens, counted before they are copied out, are the bytes
    /// between its spaces with their places and the spaces after each, in a
    /// list made once at its size (never grown by doubling).
    @Test func tokenLinesAreTheLinesSplitAtSpacesInAListOfTheirSize() throws {
        let made = ["", " ", "   ", "a", " a ", "a  b", "  lead and trail  ", String(repeating: "x ", count: 300), "one two three four five six seven eight nine ten eleven"]
        for line in try GoldPage.allRawLines() + made.map({ Array($0.utf8) }) {
            let tokenLine = GarbleTokenLine(line)
            let tokens = tokenLine.tokens
            let reference = PlainToken.split(line)
            #expect(tokens.map { Array(tokenLine[$0]) } == reference.map { Array(line[$0.start..<$0.start + $0.count]) }
                    && tokens.map(\.start) == reference.map(\.start) && tokens.map(\.spacesAfter) == reference.map(\.spacesAfter),
                    "\(String(decoding: line, as: UTF8.self))")
            // Sized once: the allocator may round a block up by about 48 bytes, never by more than 64.
            let spareBytes = (tokens.capacity - tokens.count) * MemoryLayout<GarbleTokenLine.Token>.stride
            #expect(spareBytes < 64, "\(tokens.count) tokens in room for \(tokens.capacity)")
        }
    }

    /// A line rebuilt from its tokens (`GarbleTokenLine.text(leadingSpacesOf:)`,
    /// made at its length) is its leading spaces, then each token and its
    /// spaces, as plain concatenation gives them: on the gold lines as they
    /// are, with tokens changed (longer, shorter, emptied) and spaces moved,
    /// and on made-up edges; and the list is made once, at its length.
    @Test func linesRebuiltFromTheirTokensAreTheirPiecesInOrder() throws {
        let made = ["", " ", "   ", "a", "  a", " a  b  ", "one two", String(repeating: " x", count: 200)]
        for (number, line) in (try GoldPage.allRawLines() + made.map({ Array($0.utf8) })).enumerated() {
            var tokens = GarbleTokenLine(line)
            #expect(tokens.text(leadingSpacesOf: line) == line, "\(String(decoding: line, as: UTF8.self))")
            for index in tokens.tokens.indices where (index + number) % 3 == 0 {
                tokens.setBytes(of: index, to: index % 2 == 0 ? tokens[bytesOf: index] + Array("ed".utf8) : Array(tokens[bytesOf: index].prefix(index % 4)))
                tokens.tokens[index].spacesAfter = (index + number) % 4
            }
            var reference = Array(line.prefix { $0 == 0x20 })
            for token in tokens.tokens { reference += Array(tokens[token]) + Array(repeating: 0x20, count: token.spacesAfter) }
            let rebuilt = tokens.text(leadingSpacesOf: line)
            #expect(rebuilt == reference, "\(String(decoding: line, as: UTF8.self))")
            // Sized once, not grown by doubling. The allocator may hand over a block up to
            // about 48 bytes larger than asked (a free chunk too small to split), so the
            // bound is 64, which growth by doubling exceeds on the longer lines.
            #expect(rebuilt.capacity - rebuilt.count < 64, "\(rebuilt.count) bytes in room for \(rebuilt.capacity)")
        }
    }
}
