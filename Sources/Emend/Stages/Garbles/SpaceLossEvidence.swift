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

    /// The pairs, and each joined form by the key the survey counts it under
    /// with how many pairs join to it, for counting a short document's
    /// joined forms from its own words. Made once per stage.
    struct Pairs: Sendable {
        let pairs: [Pair]
        let joined: ByteStringTable<Int32>

        init(_ pairs: [Pair]) {
            self.pairs = pairs
            var joined = ByteStringTable<Int32>(capacity: 2 * pairs.count)
            for pair in pairs where pair.joined.count <= 64 {
                pair.joined.map(DocumentSurvey.lowercased).withUnsafeBytes { key in
                    let entry = joined.entry(for: key, initial: 0)
                    joined[entry: entry] += 1
                }
            }
            self.joined = joined
        }
    }

    /// The same test; the joined forms are counted first: with fewer than
    /// `ConfusionEvidence.minimumDamaged` of them it fails whatever the uses,
    /// and the pairs apart are never looked up (most documents).
    static func isMade(in survey: DocumentSurvey, pairs: Pairs) -> Bool {
        guard damagedUses(in: survey, pairs: pairs) >= ConfusionEvidence.minimumDamaged else { return false }
        return ConfusionEvidence.isSystematic(tally(in: survey, pairs: pairs.pairs))
    }

    /// The uses of the joined forms (`tally`'s `damaged`), counted the cheaper
    /// way: each joined form looked up in the document's counts, or, for a
    /// document with fewer words than there are pairs, each of its words
    /// looked up among the joined forms (reading its counts costs about one
    /// look-up a word, and a pass over its table's slots).
    static func damagedUses(in survey: DocumentSurvey, pairs: Pairs) -> Int {
        survey.entryCount + survey.slotCount / 16 < pairs.pairs.count
            ? damagedUsesReadingTheDocument(survey, pairs: pairs) : damagedUsesReadingThePairs(survey, pairs: pairs)
    }

    /// Whether `damagedUsesCuttingTheWords` is the cheaper way for the
    /// document, and exact (no function word is empty or holds a space): a word costs about a
    /// look-up a letter, against one a pair for the pairs and their joined forms.
    static func cutsTheWords(of survey: DocumentSurvey, functionWords: [[UInt8]]) -> Bool {
        survey.entryCount * 4 < functionWords.count * functionWords.count
            && !functionWords.contains { $0.isEmpty || $0.contains(0x20) }
    }

    /// The uses of the joined forms read from the document's own words, with
    /// no pairs made: each word cut at each place into two function words,
    /// counted once a pair that joins to it, when it is no English word.
    /// The same as the other ways when no function word is empty or holds a space.
    static func damagedUsesCuttingTheWords(_ survey: DocumentSurvey, functionWords: [[UInt8]], english: EnglishWordList) -> Int {
        var times = ByteStringTable<Int32>(capacity: 2 * functionWords.count)
        for word in functionWords {
            word.withUnsafeBytes { key in
                let entry = times.entry(for: key, initial: 0)
                times[entry: entry] += 1
            }
        }
        var damaged = 0
        survey.forEachCount { key, count in
            guard key.count >= 2, !key.contains(0x20) else { return }
            var pairs = 0
            for cut in 1..<key.count {
                guard let first = times.index(of: UnsafeRawBufferPointer(rebasing: key[..<cut])),
                      let second = times.index(of: UnsafeRawBufferPointer(rebasing: key[cut...])) else { continue }
                pairs += Int(times[entry: first]) * Int(times[entry: second])
            }
            guard pairs > 0, english.tier(of: key) == nil else { return }
            damaged += count * pairs
        }
        return damaged
    }

    static func damagedUsesReadingThePairs(_ survey: DocumentSurvey, pairs: Pairs) -> Int {
        var damaged = 0
        for pair in pairs.pairs { damaged += survey.count(of: pair.joined[...]) }
        return damaged
    }

    static func damagedUsesReadingTheDocument(_ survey: DocumentSurvey, pairs: Pairs) -> Int {
        var damaged = 0
        survey.forEachCount { key, count in
            guard let entry = pairs.joined.index(of: key) else { return }
            damaged += count * Int(pairs.joined[entry: entry])
        }
        return damaged
    }
}
