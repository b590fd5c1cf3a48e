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
/// tail probability is below `significance`. The damaged uses must be fewer
/// than the right ones, and a word whose damaged form the document repeats
/// without ever writing the word right is left out: OCR misreads a letter now
/// and then, while a form a document always uses ("houre" twice in a book with
/// no "house") is its spelling. Never changes text.
enum ConfusionEvidence {
    static let backgroundRate = 0.002
    static let significance = 0.001
    static let minimumDamaged = 2

    /// The counts behind the decision, for tests and reports.
    struct Tally: Equatable { var uses = 0; var damaged = 0 }

    static func isMade(_ confusion: GarbleRules.Confusion, in survey: DocumentSurvey, english: EnglishWordList, names: WordTable) -> Bool {
        isSystematic(tally(confusion, in: survey, english: english, names: names))
    }

    /// The test itself: enough damaged uses, fewer than the right ones, and too
    /// many for the background rate.
    static func isSystematic(_ tally: Tally) -> Bool {
        tally.damaged >= minimumDamaged && tally.damaged < tally.uses
            && poissonTail(atLeast: tally.damaged, mean: Double(tally.uses + tally.damaged) * backgroundRate) < significance
    }

    static func tally(_ confusion: GarbleRules.Confusion, in survey: DocumentSurvey, english: EnglishWordList, names: WordTable) -> Tally {
        var tally = Tally()
        // The forms the confusion makes of a word: the word with `meant` read as `read`.
        let making = GarbleRules.Confusion(read: confusion.meant, meant: confusion.read, rule: confusion.rule)
        for word in CommonWords.shared.words {
            let variants = making.candidates(undoingIn: word)
            guard !variants.isEmpty else { continue }
            let uses = survey.count(of: word[...])
            var damaged = 0
            for variant in variants where !english.contains(variant[...]) && !names.contains(variant[...]) {
                damaged += survey.count(of: variant[...])
            }
            // A form the document repeats and never writes right is its spelling
            // ("houre" twice in a book with no "house"): OCR misreads now and then.
            if uses == 0 && damaged >= 2 { continue }
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
