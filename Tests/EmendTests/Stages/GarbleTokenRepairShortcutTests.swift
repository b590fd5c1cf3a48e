@testable import Emend
import Foundation
import Testing

/// The token repairs ask their costliest tests last, or not at all where a
/// cheaper one already shows they find nothing. Each shortcut must decide
/// what the whole test decided: checked on the gold pages' tokens and on
/// made-up words at the edges.
@Suite struct GarbleTokenRepairShortcutTests {
    /// The stage handed the survey of `text`, as the command line hands it the document's.
    private func surveyedStage(_ text: String) throws -> GarbleRepair {
        var stage = try GarbleRepair()
        var source = MemorySource(Array(text.utf8))
        stage.use(try surveyDocument(&source, parts: stage.surveyParts))
        return stage
    }

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
        let stage = try surveyedStage("The rule of parties and of power. The rule of parties and of power.\nThe rule of parties, of power.\n")
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
}
