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
    static func tally(in survey: DocumentSurvey, functionWords: [[UInt8]], english: EnglishWordList) -> ConfusionEvidence.Tally {
        var tally = ConfusionEvidence.Tally()
        for first in functionWords {
            for second in functionWords {
                let joined = first + second
                guard !english.contains(joined[...]) else { continue }
                let uses = survey.pairCount(first[...], second[...])
                tally.uses += uses
                tally.damaged += survey.count(of: joined[...])
            }
        }
        return tally
    }

    static func isMade(in survey: DocumentSurvey, functionWords: [[UInt8]], english: EnglishWordList) -> Bool {
        ConfusionEvidence.isSystematic(tally(in: survey, functionWords: functionWords, english: english))
    }
}
