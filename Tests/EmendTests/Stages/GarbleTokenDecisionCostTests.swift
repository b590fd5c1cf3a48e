@testable import Emend
import Foundation
import Testing

/// The distinct tokens (split at spaces) of the gold pages and of the
/// fixtures' pages, documents and development excerpts, with `made` added,
/// in byte order: the tokens the garble token tests hold new code to.
func fixtureTokens(adding made: [String]) throws -> [[UInt8]] {
    var lines = try GoldPage.allRawLines()
    for folder in ["pages", "documents", "dev"] {
        let path = "Tests/EmendTests/Fixtures/" + folder
        for name in try FileManager.default.contentsOfDirectory(atPath: Fixtures.url(path).path).sorted() where name.hasSuffix(".txt") {
            lines += try Fixtures.bytes(path + "/" + name).split(separator: 0x0A).map { Array($0) }
        }
    }
    var tokens = Set<[UInt8]>()
    for line in lines { for token in line.split(separator: 0x20) { tokens.insert(Array(token)) } }
    tokens.formUnion(made.map { Array($0.utf8) })
    return tokens.sorted { $0.lexicographicallyPrecedes($1) }
}

/// The tests a token's repair asks of its pieces, made cheaper: each must
/// answer what the plain test answered, on every token of the gold pages and
/// the fixtures' pages and documents, and on made-up words at the edges.
@Suite struct GarbleTokenDecisionCostTests {
    /// The tokens of the gold pages and the fixtures' pages and documents, as they stand, plus made-up edges.
    private func tokens() throws -> [[UInt8]] {
        let made = ["", "a", "s", "ly", "ing", "sing", "thing", "things", "oncomings", "outgoings", "bussses", "ringing",
                    "quickly", "Fourth", "McDonald", "MacDONALD", "Xyzzy", "USSR", "Moscow", "MOSCOW", "Stalin", "A", "I", "FOURTH", "THE", "The", "aU", "shaU", "tHe", "Café", "ÉCOLE", "ofthe", "Allof",
                    "inthestreets", "nevertheless", "notwithstanding", "x" + String(repeating: "a", count: 40)]
        return try fixtureTokens(adding: made)
    }

    /// A piece longer than the longest function word is none, and every other
    /// piece is one exactly when the rule files list it: on every piece the
    /// segmenter may ask of a gold token (up to 20 bytes), in small letters.
    @Test func functionWordsAreThePiecesTheRuleFilesList() throws {
        let rules = try GarbleRepair().context.rules
        let listed = Set(rules.functionWordList)
        #expect(rules.longestFunctionWord == rules.functionWordList.map(\.count).max())
        var found = 0, asked = 0
        for token in try tokens() + rules.functionWordList + rules.functionWordList.map({ $0 + [0x73] }) {
            let word = token.map(DocumentVocabulary.lowercased)
            for start in word.indices {
                for end in (start + 1)...min(word.count, start + 20) {
                    let piece = word[start..<end]
                    let answer = rules.isFunctionWord(piece)
                    #expect(answer == listed.contains(Array(piece)), "\(String(decoding: piece, as: UTF8.self))")
                    asked += 1
                    if answer { found += 1 }
                }
            }
        }
        #expect(found > 0 && asked > found)
    }

    /// The inflections tried byte by byte find what the suffixes as Strings
    /// read backwards found, in the same order.
    @Test func inflectedWordsAreFoundAsBefore() throws {
        let context = try GarbleRepair().context
        func reference(_ word: [UInt8]) -> Bool {
            for suffix in ["s", "es", "ed", "d", "ing", "ly"] where word.count > suffix.count + 3 && word.reversed().starts(with: suffix.utf8.reversed()) {
                if context.english.contains(word[..<(word.count - suffix.count)]) { return true }
            }
            return false
        }
        var inflected = 0, total = 0
        for token in try tokens() {
            for word in [token, token.filter(DocumentVocabulary.isLetter).map(DocumentVocabulary.lowercased)] {
                let answer = GarbleRepair.RunTogetherWords.isInflectedWord(word, in: context)
                #expect(answer == reference(word), "\(String(decoding: word, as: UTF8.self))")
                total += 1
                if answer { inflected += 1 }
            }
        }
        #expect(inflected > 0 && total > inflected)
    }

    /// A capitalised word's commonest tier, each form looked up once, is the
    /// smaller of the tiers of the word and of a small-letter copy of it, on
    /// each token, its letters, and its letters in title case and in capitals.
    @Test func commonestTierIsTheTierOfTheSmallLetterCopy() throws {
        let context = try GarbleRepair().context
        func reference(_ word: ArraySlice<UInt8>) -> UInt8 {
            let asWritten = context.english.tier(of: word) ?? 99
            guard word.first.map(GarbleRepair.isUpper) == true else { return asWritten }
            return min(asWritten, context.english.tier(of: DocumentVocabulary.lowercased(word)) ?? 99)
        }
        var lowered = 0
        for token in try tokens() {
            let letters = token.filter(DocumentVocabulary.isLetter).map(DocumentVocabulary.lowercased)
            let title = letters.enumerated().map { $0.offset == 0 && GarbleRepair.isLower($0.element) ? $0.element & ~0x20 : $0.element }
            let capitals = letters.map { GarbleRepair.isLower($0) ? $0 & ~0x20 : $0 }
            for word in [token[...], token.filter(DocumentVocabulary.isLetter)[...], token.dropFirst(), title[...], capitals[...]] {
                let answer = context.commonestTier(of: word)
                #expect(answer == reference(word), "\(String(decoding: word, as: UTF8.self))")
                if answer < (context.english.tier(of: word) ?? 99) { lowered += 1 }
            }
        }
        #expect(lowered > 0)
    }

    /// Letter confusions read each candidate where it is made: the one repair
    /// found is the one found through a copy of each candidate, on every
    /// token of a document surveyed from the gold pages, seen once, twice and
    /// five times; and again in a document that also makes a learned
    /// confusion ("thc" for "the", as a newspaper's worn type prints it on
    /// every page, and "tree" once), where a repeated token may be undone by
    /// it even when its repair is used less often ("trce" seen five times).
    @Test(arguments: [false, true]) func letterConfusionsFindTheRepairAsThroughCopies(documentMakesOne: Bool) throws {
        let document = try GoldPage.allRawLines().map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
        let made = documentMakesOne ? String(repeating: "thc dog saw thc cat by thc door\n", count: 10) + "a tree\n" : ""
        let context = try GarbleShortcutTests.surveyedStage(document + "\nthe shall Concerning\n" + made).context
        #expect(context.activeConfusions.contains(true) == documentMakesOne)
        let learned = Set(context.rules.learnedConfusions.map(\.rule))
        var repaired = 0, total = 0, repeatedByLearned = 0
        for token in try tokens() + ["thc", "Thc", "thcy", "whcn", "trce"].map({ Array($0.utf8) }) {
            let core = token.filter { DocumentVocabulary.isLetter($0) || $0 == UInt8(ascii: "'") }
            for word in [token, core] {
                for own in [1, 2, 5] {
                    let answer = GarbleRepair.LetterConfusions.undo(word, own: own, in: context)
                    let expected = Self.referenceUndo(word, own: own, in: context)
                    #expect(answer?.text == expected?.text && answer?.rule == expected?.rule, "\(String(decoding: word, as: UTF8.self)) \(own)")
                    total += 1
                    if let answer {
                        repaired += 1
                        if own >= 2 && learned.contains(answer.rule) { repeatedByLearned += 1 }
                    }
                }
            }
        }
        #expect(repaired > 0 && total > repaired)
        // Only a document that makes a learned confusion undoes it in a repeated token.
        #expect((repeatedByLearned > 0) == documentMakesOne)
    }

    /// `LetterConfusions.undo` as it was, each candidate copied into an array.
    static func referenceUndo(_ word: [UInt8], own: Int, in context: GarbleRepair.Context) -> GarbleToken.Repair? {
        let misreadShape = GarbleRepair.LetterConfusions.endsInCapitalAfterSmall(word)
        guard word.count >= (misreadShape ? 2 : 3), word.count <= context.maximumWordLength else { return nil }
        var found: [([UInt8], String)] = []
        func consider(_ confusion: GarbleRules.Confusion, madeByDocument: Bool = false) -> Bool {
            for candidate in confusion.candidates(undoingIn: word) {
                guard CaseShape(of: candidate) != .mixed, !found.contains(where: { $0.0 == candidate }) else { continue }
                let uses = context.survey.count(of: candidate[...])
                if own >= 2 && uses <= own && !(madeByDocument && uses > 0) && !misreadShape { continue }
                let lower = DocumentVocabulary.lowercased(candidate[...])
                let asWritten = context.english.tier(of: candidate[...]) ?? 99
                let tier = candidate.first.map(GarbleRepair.isUpper) == true ? min(asWritten, context.english.tier(of: lower) ?? 99) : asWritten
                let common = word.count <= 4 && !misreadShape ? tier <= 10 : tier <= 35
                if common || uses > 0 || context.names.contains(candidate[...]) { found.append((candidate, confusion.rule)) }
            }
            return found.count <= 1
        }
        func considerTerm(_ confusion: GarbleRules.Confusion) -> Bool {
            guard own <= 1, word.count >= 5 else { return true }
            for candidate in confusion.candidates(undoingIn: word) {
                guard CaseShape(of: candidate) != .mixed, !found.contains(where: { $0.0 == candidate }) else { continue }
                let uses = context.survey.count(of: candidate[...])
                    + (context.bookVocabulary.count > 0 ? context.bookVocabulary.count(of: candidate[...]) : 0)
                guard uses >= 2 || (confusion.isOfConsonants && context.names.contains(candidate[...])),
                      context.commonestTier(of: candidate[...]) > 35 else { continue }
                found.append((candidate, confusion.rule))
            }
            return found.count <= 1
        }
        for confusion in context.rules.confusions where !consider(confusion) { return nil }
        for (index, confusion) in context.rules.learnedConfusions.enumerated() {
            if index < context.activeConfusions.count && context.activeConfusions[index] {
                if !consider(confusion, madeByDocument: true) { return nil }
            } else if !considerTerm(confusion) {
                return nil
            }
        }
        return found.count == 1 ? found[0] : nil
    }
}
