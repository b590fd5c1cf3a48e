import Foundation

/// Whether a document makes one OCR confusion systematically, from its own
/// counts: a confusion a page makes (newspaper OCR that reads "e" as "o")
/// shows in the commonest words ("tho" beside "the", "aro" beside "are"),
/// while a book that merely spells old words its own way ("houre", "hee")
/// damages none of them.
///
/// The test: over the common English words that hold the confusion's `meant`
/// letters, `uses` counts the document's uses of those words and `damaged`
/// the uses of the forms the confusion makes of them that are no word of the
/// English list or the name lexicon. Under the null hypothesis that such a
/// form arises by other causes (a typo, an old spelling, a foreign word) at
/// most once in `backgroundRate⁻¹` uses, `damaged` is Poisson with mean
/// `(uses + damaged) × backgroundRate`; the document makes the confusion when
/// at least `minimumDamaged` uses are damaged and their one-sided Poisson
/// tail probability is below `significance`. Never changes text.
enum ConfusionEvidence {
    static let backgroundRate = 0.002
    static let significance = 0.001
    static let minimumDamaged = 2

    /// The counts behind the decision, for tests and reports.
    struct Tally: Equatable { var uses = 0; var damaged = 0 }

    static func isMade(_ confusion: GarbleRules.Confusion, in survey: DocumentSurvey, english: EnglishWordList, names: WordTable) -> Bool {
        let tally = self.tally(confusion, in: survey, english: english, names: names)
        return tally.damaged >= minimumDamaged
            && poissonTail(atLeast: tally.damaged, mean: Double(tally.uses + tally.damaged) * backgroundRate) < significance
    }

    static func tally(_ confusion: GarbleRules.Confusion, in survey: DocumentSurvey, english: EnglishWordList, names: WordTable) -> Tally {
        var tally = Tally()
        for word in CommonWords.shared.words where contains(word, confusion.meant) {
            let uses = survey.count(of: word[...])
            var damaged = 0
            for variant in variants(of: word, undoing: confusion) where !english.contains(variant[...]) && !names.contains(variant[...]) {
                damaged += survey.count(of: variant[...])
            }
            tally.uses += uses
            tally.damaged += damaged
        }
        return tally
    }

    /// P(X ≥ k) for X Poisson with the given mean.
    static func poissonTail(atLeast k: Int, mean: Double) -> Double {
        guard k > 0 else { return 1 }
        var term = exp(-mean), below = 0.0
        for i in 0..<k {
            below += term
            term *= mean / Double(i + 1)
        }
        return max(0, 1 - below)
    }

    private static func contains(_ word: [UInt8], _ part: [UInt8]) -> Bool {
        guard part.count <= word.count, !part.isEmpty else { return false }
        return (0...(word.count - part.count)).contains { word[$0..<($0 + part.count)].elementsEqual(part) }
    }

    /// The word with one `meant` written as the confusion's `read`, for each place.
    private static func variants(of word: [UInt8], undoing confusion: GarbleRules.Confusion) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var start = 0
        while start + confusion.meant.count <= word.count {
            if word[start..<(start + confusion.meant.count)].elementsEqual(confusion.meant) {
                result.append(Array(word[..<start]) + confusion.read + Array(word[(start + confusion.meant.count)...]))
            }
            start += 1
        }
        return result
    }
}

/// The commonest English words (the smallest SCOWL size of the English word
/// list), lower case, made once per process.
final class CommonWords: Sendable {
    let words: [[UInt8]]

    static let shared = CommonWords(english: .builtIn)

    init(english: EnglishWordList, largestTier: UInt8 = 10) {
        var words: [[UInt8]] = []
        english.forEach { word, tier in
            if tier <= largestTier, word.count >= 2, word.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) {
                words.append(Array(word))
            }
        }
        self.words = words.sorted { $0.lexicographicallyPrecedes($1) }
    }
}

/// Whether a document loses the spaces between its words systematically, from
/// its own counts: such a document runs its commonest pairs together ("ofthe",
/// "inthe", "tothe"), while one that spells old words its own way ("soone",
/// "heere") shows none of them.
///
/// The same one-sided Poisson test as `ConfusionEvidence`: over the pairs of
/// function words (`rules/garbles` `function-words`) whose joined form is no
/// English word, `uses` counts the document's uses of the pair apart and
/// `damaged` its uses of the joined form. Never changes text.
enum SpaceLossEvidence {
    static func tally(in survey: DocumentSurvey, functionWords: [[UInt8]], english: EnglishWordList) -> ConfusionEvidence.Tally {
        var tally = ConfusionEvidence.Tally()
        for first in functionWords {
            for second in functionWords {
                let joined = first + second
                guard !english.contains(joined[...]) else { continue }
                tally.uses += survey.pairCount(first[...], second[...])
                tally.damaged += survey.count(of: joined[...])
            }
        }
        return tally
    }

    static func isMade(in survey: DocumentSurvey, functionWords: [[UInt8]], english: EnglishWordList) -> Bool {
        let tally = self.tally(in: survey, functionWords: functionWords, english: english)
        return tally.damaged >= ConfusionEvidence.minimumDamaged
            && ConfusionEvidence.poissonTail(atLeast: tally.damaged, mean: Double(tally.uses + tally.damaged) * ConfusionEvidence.backgroundRate)
                < ConfusionEvidence.significance
    }
}
