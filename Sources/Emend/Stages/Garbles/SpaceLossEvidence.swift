import Foundation

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
    /// A pair of function words whose joined form is no English word.
    struct Pair: Sendable {
        let first: [UInt8]
        let second: [UInt8]
        let joined: [UInt8]
    }

    /// The pairs the test counts: the same for every document, so made once
    /// per stage (`GarbleRepair.Context.spaceLossPairs`).
    static func pairs(functionWords: [[UInt8]], english: EnglishWordList) -> [Pair] {
        functionWords.flatMap { first in
            functionWords.compactMap { second in
                let joined = first + second
                return english.contains(joined[...]) ? nil : Pair(first: first, second: second, joined: joined)
            }
        }
    }

    static func tally(in survey: DocumentSurvey, functionWords: [[UInt8]], english: EnglishWordList) -> ConfusionEvidence.Tally {
        tally(in: survey, pairs: pairs(functionWords: functionWords, english: english))
    }

    static func tally(in survey: DocumentSurvey, pairs: [Pair]) -> ConfusionEvidence.Tally {
        var tally = ConfusionEvidence.Tally()
        for pair in pairs {
            tally.uses += survey.pairCount(pair.first[...], pair.second[...])
            tally.damaged += survey.count(of: pair.joined[...])
        }
        return tally
    }

    static func isMade(in survey: DocumentSurvey, functionWords: [[UInt8]], english: EnglishWordList) -> Bool {
        ConfusionEvidence.isSystematic(tally(in: survey, functionWords: functionWords, english: english))
    }

    static func isMade(in survey: DocumentSurvey, pairs: [Pair]) -> Bool {
        ConfusionEvidence.isSystematic(tally(in: survey, pairs: pairs))
    }
}
