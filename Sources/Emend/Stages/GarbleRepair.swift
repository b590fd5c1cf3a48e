import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Yams

/// Repairs OCR garbles, only where the repair is certain.
///
/// Changes, each on positive evidence, reported with the rule that fired:
/// - literal replacements and phrase rules from `rules/garbles/*.yaml`
///   ("VKP(b1" → "VKP(b)", "to he shot" → "to be shot");
/// - years split or misread ("193 5," → "1935,", "193os" → "1930s", "1g34" → "1934");
/// - a space before , ; : ) and . removed ("op. 2 , d." → "op. 2, d."; spaced
///   ellipses ". . ." kept), and one added after , ; : between letters;
/// - words run together split where every part is a known word and the whole
///   is not: "inMoscow", "ComradeYenukidze", "purgingof" (one split only);
/// - one OCR confusion undone ("Conceming" → "Concerning") when the word is
///   unknown and exactly one repair is a known word;
/// - letter-spaced words joined ("a n d" → "and"), and a stray space inside a
///   word closed ("t o" → "to", "Sta lin" → "Stalin") when neither part is a word;
/// - a footnote reference glued to a word, with letters read for digits,
///   made digits again when that footnote stands near ("wrecker.\"l3" → "13").
/// Known words are the English word list, the words the document has used
/// (so far, and in a vocabulary file from `emend learn`), and the name
/// lexicon in every scheme.
/// Never touches: a known word, numbers other than years, URLs, e-mail
/// addresses, a word broken at the end of its line, words longer than
/// `max-word` letters (left for a human).
/// Holds back 60 lines, to see the footnotes that follow a reference.
public struct GarbleRepair: SurveyingStage, RegisteredStage {
    public struct Configuration: Sendable, Equatable {
        /// A rule file added to the built-in `rules/garbles/default.yaml`.
        public var rulesFile: String?
        public var rulesDirectory: String?
        /// The longest run of letters the segmenter tries to split.
        public var maximumWordLength = 40
        /// A vocabulary of the book (`emend learn`): its words count as known from the start.
        public var vocabulary: String?
        /// Without a survey of the whole document (`use(_:)`), the lines counted
        /// ahead of the line being repaired.
        public var lookAhead = 200

        public init(rulesFile: String? = nil, rulesDirectory: String? = nil, maximumWordLength: Int = 40, vocabulary: String? = nil,
                    lookAhead: Int = 200) {
            self.rulesFile = rulesFile
            self.rulesDirectory = rulesDirectory
            self.maximumWordLength = maximumWordLength
            self.vocabulary = vocabulary
            self.lookAhead = lookAhead
        }
    }

    public static let descriptor = StageDescriptor(
        name: "garbles",
        summary: "repairs OCR garbles where certain: split and misread years, spacing, run-together words, confusions",
        options: [
            OptionSpec("rules-file", .string, default: .string(""), "a rule file of one book's garbles, added to rules/garbles/default.yaml"),
            OptionSpec("vocab", .string, default: .string(""),
                       "a vocabulary of the book (emend learn): its words are known words from the start"),
            OptionSpec("max-word", .integer(8...200), default: .integer(40),
                       "the longest run of letters the segmenter tries to split; longer ones are left"),
            OptionSpec("rules", .string, default: .string(""),
                       "a directory of rule files that override the built-in ones (same layout as rules/)"),
            OptionSpec("look-ahead", .integer(60...100_000), default: .integer(200),
                       "when the document is not surveyed first (a pipe run with --look-ahead, the library), the lines counted ahead"),
        ],
        make: { options in
            try GarbleRepair(configuration: Configuration(
                rulesFile: options.path("rules-file"), rulesDirectory: options.path("rules"),
                maximumWordLength: options.integer("max-word"), vocabulary: options.path("vocab"),
                lookAhead: options.integer("look-ahead")))
        }
    )

    public let configuration: Configuration
    public var name: String { Self.descriptor.name }
    /// Lines looked ahead for footnotes, whose numbers confirm a garbled
    /// reference, and without a survey of the whole document, for counts.
    public var maximumHeldLines: Int { surveyIsHanded ? Self.footnoteWindow : max(Self.footnoteWindow, configuration.lookAhead) }
    static let footnoteWindow = 60

    private let rules: GarbleRules
    private let english: EnglishWordList
    private let names: WordTable
    private let confusables: LookAlikes
    /// Compound-forming prefixes (`dehyphenate/compounds.yaml`): "pro-cess" keeps its hyphen.
    private let compoundPrefixes: Set<String>
    /// Patterns of romanized Russian (translit/russian-looking.yaml): such words are never split.
    private let russianLooking: [NSRegularExpression]
    /// The document's own counts: the whole document's when handed over by
    /// `use(_:)`, otherwise counted here as lines arrive (the look-ahead window
    /// and every line before it), before any repair.
    private var survey = DocumentSurvey()
    private var surveyIsHanded = false
    /// Lines at the front of the pending buffer already counted.
    private var countedPending = 0
    /// The words of a vocabulary file (`emend learn`): known words.
    private var bookVocabulary = DocumentVocabulary()
    /// Which learned confusions the document makes (see `ConfusionEvidence`), made again as counts grow.
    private var activeConfusions: [Bool] = []
    private var activeConfusionsCountedAt = -1
    /// True when the document makes any learned confusion.
    private var makesAnyConfusion = false
    /// True when the document runs its commonest pairs of words together (`SpaceLossEvidence`).
    private var losesSpaces = false
    /// Each distinct token's repair, once the whole document's counts are in.
    private var decisions = TokenDecisions()
    /// True when the line before ended in a broken word.
    private var previousEndedBroken = false
    /// Footnote numbers of the lines just written, with their lines.
    private var recentFootnotes: [(number: Int, line: Int)] = []
    /// False makes every line and token take the whole way, without the tests
    /// that pass most of them by (the byte-pair scan, plain and short tokens,
    /// unchanged lines): the same output, slower. For tests of those shortcuts.
    var usesShortcuts = true

    public init(configuration: Configuration = Configuration(), english: EnglishWordList = .builtIn) throws {
        self.configuration = configuration
        self.english = english
        let library = RuleLibrary(directory: configuration.rulesDirectory)
        var rules = GarbleRules()
        let builtIn = "garbles/default.yaml"
        if let text = library.text(of: builtIn) { try rules.add(text: text, file: library.displayName(of: builtIn)) }
        if let path = configuration.rulesFile {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw RuleFileError(file: path, message: "no such rule file '\(path)'")
            }
            try rules.add(text: String(decoding: data, as: UTF8.self), file: path)
        }
        self.rules = rules
        names = try NameSpellings.shared(library: library)
        confusables = try LookAlikes.shared()
        let compounds = "dehyphenate/compounds.yaml"
        compoundPrefixes = try library.text(of: compounds).map { try Dehyphenator.compoundPrefixes(in: $0, file: library.displayName(of: compounds)) } ?? []
        if let path = configuration.vocabulary { try bookVocabulary.load(path: path) }
        russianLooking = try ProseConverter.loadPatterns(library: library, scheme: "loc")
            + ProseConverter.loadPatterns(library: library, scheme: "popular")
    }

    public mutating func use(_ survey: DocumentSurvey) {
        self.survey = survey
        surveyIsHanded = true
        decisions = TokenDecisions()
        activeConfusionsCountedAt = -1
    }

    public mutating func consume(_ pending: inout [Line], into output: inout StageOutput) throws {
        try run(&pending, into: &output, atEnd: false)
    }

    public mutating func finish(_ pending: inout [Line], into output: inout StageOutput) throws {
        try run(&pending, into: &output, atEnd: true)
    }

    /// The longest a phrase rule's pattern may search one line: a pattern that
    /// backtracks without end stops the run with `StageError.ruleTooSlow`.
    public static let phraseTimeLimit = 0.5

    /// Repairs each line once the lines after it (up to the footnote window) are in.
    private mutating func run(_ pending: inout [Line], into output: inout StageOutput, atEnd: Bool) throws {
        if !surveyIsHanded {
            for index in countedPending..<pending.count { survey.add(line: pending[index].bytes) }
            countedPending = pending.count
        }
        let ready = atEnd ? pending.count : max(0, pending.count - maximumHeldLines)
        guard ready > 0 else { return }
        if activeConfusionsCountedAt < 0 || (!surveyIsHanded && survey.wordsCounted >= 2 * activeConfusionsCountedAt) {
            activeConfusions = rules.learnedConfusions.map { ConfusionEvidence.isMade($0, in: survey, english: english, names: names) }
            makesAnyConfusion = activeConfusions.contains(true)
            losesSpaces = SpaceLossEvidence.isMade(in: survey, functionWords: rules.functionWordList, english: english)
            activeConfusionsCountedAt = max(1, survey.wordsCounted)
        }
        let ahead = pending.map { FootnoteShape.number($0.bytes) }
        // aheadCounts[i]: the footnote lines among the first i, so a window's count is one subtraction.
        var aheadCounts = [0]
        aheadCounts.reserveCapacity(ahead.count + 1)
        for number in ahead { aheadCounts.append(aheadCounts[aheadCounts.count - 1] + (number == nil ? 0 : 1)) }
        for index in 0..<ready {
            var line = pending[index]
            let window = (index + 1)..<min(pending.count, index + 1 + Self.footnoteWindow)
            let notes = NearbyFootnotes(recent: recentFootnotes, ahead: ahead, window: window,
                                        isEmpty: recentFootnotes.isEmpty && aheadCounts[window.upperBound] == aheadCounts[window.lowerBound])
            try repair(&line, footnotes: notes, followsBrokenLine: previousEndedBroken, changes: &output)
            // Blank lines between the halves of a broken word do not end the protection.
            if !line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { previousEndedBroken = Dehyphenator.brokenEnd(line) != nil }
            if let number = ahead[index] { recentFootnotes.append((number, line.number)) }
            recentFootnotes.removeAll { line.number - $0.line > Self.footnoteWindow }
            output.lines.append(line)
        }
        pending.removeSubrange(0..<ready)
        countedPending = max(0, countedPending - ready)
    }

    // MARK: One line

    private func repair(_ line: inout Line, footnotes: NearbyFootnotes, followsBrokenLine: Bool, changes output: inout StageOutput) throws {
        guard !line.bytes.isEmpty else { return }
        var text = line.bytes
        let stage = name  // captured alone: a capture of `self` would copy the stage for every line
        func record(_ rule: String, _ before: String, _ after: String, column: Int) {
            guard output.recordsChanges else { return }
            output.changes.append(Change(kind: .edited, stage: stage, rule: rule, line: line.number, column: column,
                                         before: before, after: after))
        }
        if text.contains(where: { $0 >= 0x80 }) { text = repairDebris(text, record: record) }
        // Which of the fixed-string steps may find anything, from one scan of the
        // line, made again only when a step has changed the line.
        let lineFeatures = rules.lineFeatures, takesEveryStep = !usesShortcuts  // captured alone, as `stage` is
        var scanned = text
        var found = lineFeatures.flags(in: text)
        func mayHave(_ feature: UInt8) -> Bool {
            if text != scanned { (scanned, found) = (text, lineFeatures.flags(in: text)) }
            return found & feature != 0 || takesEveryStep
        }
        if mayHave(GarbleRules.replacementFeature) {
            for replacement in rules.replacements {
                while let range = Self.find(replacement.find, in: text) {
                    record(replacement.rule, String(decoding: replacement.find, as: UTF8.self),
                           String(decoding: replacement.replace, as: UTF8.self), column: range.lowerBound + 1)
                    text.replaceSubrange(range, with: replacement.replace)
                }
            }
        }
        let phrases = rules.everyLineHasPhrases || mayHave(GarbleRules.phraseTriggerFeature)
            ? rules.phrases.filter { phrase in phrase.trigger.map { Self.find($0, in: text) != nil } ?? true } : []
        if !phrases.isEmpty {
            var string = String(decoding: text, as: UTF8.self)
            for phrase in phrases {
                for match in try Self.matches(of: phrase, in: string, line: line.number).reversed() {
                    guard let found = Range(match.range, in: string) else { continue }
                    let replaced = phrase.regex.replacementString(for: match, in: string, offset: 0, template: phrase.template)
                    record(phrase.rule, String(string[found]), replaced, column: string.utf8.distance(from: string.startIndex, to: found.lowerBound) + 1)
                    string.replaceSubrange(found, with: replaced)
                }
            }
            text = Array(string.utf8)
        }
        if !footnotes.isEmpty && mayHave(GarbleRules.footnoteGlueFeature) {
            text = repairFootnoteReferences(text, footnotes: footnotes, record: record)
        }
        // One repair can give another the context it waits for ("VKP(b1" becomes
        // "VKP(b)", and then "a n d" beside it closes): rounds until nothing
        // changes (three at most), so a second run finds nothing left to do.
        for _ in 0..<3 {
            let start = text
            text = repairWords(text, followsBrokenLine: followsBrokenLine, record: record)
            if mayHave(GarbleRules.spacedMarkFeature) { text = repairSpacing(text, record: record) }
            if text == start { break }
        }
        if text != line.bytes { line.bytes = text }
    }

    /// The matches of a phrase rule in one line, searched under `phraseTimeLimit`.
    private static func matches(of phrase: GarbleRules.Phrase, in string: String, line: Int) throws -> [NSTextCheckingResult] {
        var found: [NSTextCheckingResult] = []
        var tooSlow = false
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(phraseTimeLimit * 1e9)
        phrase.regex.enumerateMatches(in: string, options: [.reportProgress], range: NSRange(string.startIndex..., in: string)) { match, _, stop in
            if let match { found.append(match) }
            if DispatchTime.now().uptimeNanoseconds > deadline { tooSlow = true; stop.pointee = true }
        }
        if tooSlow { throw StageError.ruleTooSlow(stage: descriptor.name, rule: phrase.rule, line: line, seconds: phraseTimeLimit) }
        return found
    }

    /// Unicode debris: ligatures folded through ICU (NFKC, for them alone), soft
    /// hyphens and zero-width spaces, word joiners and stray byte order marks
    /// removed, a no-break space between letters made a space, and a letter of
    /// the other script inside a Latin or Cyrillic word replaced by its look-alike
    /// (ICU's confusable data: "Mоscow" with a Cyrillic о). Typographic quotes,
    /// dashes, ʹ ʺ and zero-width joiners are meant, and stay.
    private func repairDebris(_ text: [UInt8], record: (String, String, String, Int) -> Void) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            let byte = text[index]
            let rest = text.count - index
            // U+FB00–U+FB06 ligatures: EF AC 80–86.
            if byte == 0xEF, rest >= 3, text[index + 1] == 0xAC, (0x80...0x86).contains(text[index + 2]),
               let folded = try? ICU.normalize(Array(text[index..<(index + 3)]), form: .nfkc) {
                record("garbles:ligature", String(decoding: text[index..<(index + 3)], as: UTF8.self),
                       String(decoding: folded, as: UTF8.self), result.count + 1)
                result += folded
                index += 3
                continue
            }
            // Soft hyphen C2 AD; zero-width space E2 80 8B; word joiner E2 81 A0; BOM EF BB BF.
            let invisible: Int? = byte == 0xC2 && rest >= 2 && text[index + 1] == 0xAD ? 2
                : byte == 0xE2 && rest >= 3 && ((text[index + 1] == 0x80 && text[index + 2] == 0x8B)
                                                || (text[index + 1] == 0x81 && text[index + 2] == 0xA0)) ? 3
                : byte == 0xEF && rest >= 3 && text[index + 1] == 0xBB && text[index + 2] == 0xBF ? 3 : nil
            if let length = invisible {
                record("garbles:invisible", String(decoding: text[index..<(index + length)], as: UTF8.self), "", result.count + 1)
                index += length
                continue
            }
            // A no-break space C2 A0 between letters is a plain space.
            if byte == 0xC2, rest >= 3, text[index + 1] == 0xA0, let last = result.last,
               DocumentVocabulary.isLetter(last), DocumentVocabulary.isLetter(text[index + 2]) {
                record("garbles:no-break-space", "\u{A0}", " ", result.count + 1)
                result.append(0x20)
                index += 2
                continue
            }
            result.append(byte)
            index += 1
        }
        return repairMixedScripts(result, record: record)
    }

    /// A word of Latin and Cyrillic letters: the letters of the smaller script
    /// become their look-alikes of the larger, when ICU's confusable data has one.
    private func repairMixedScripts(_ text: [UInt8], record: (String, String, String, Int) -> Void) -> [UInt8] {
        guard text.contains(where: { (0xD0...0xD4).contains($0) }) else { return text }
        let isLatin = { (byte: UInt8) in (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        var result = text
        var start = 0
        while start < result.count {
            guard isLatin(result[start]) || (0xD0...0xD4).contains(result[start]) else { start += 1; continue }
            var end = start
            var latin = 0, cyrillic = 0
            while end < result.count {
                if isLatin(result[end]) { latin += 1; end += 1 }
                else if (0xD0...0xD4).contains(result[end]) && end + 1 < result.count { cyrillic += 1; end += 2 }
                else { break }
            }
            if latin > 0 && cyrillic > 0 && latin != cyrillic {
                let toLatin = latin > cyrillic
                var word: [UInt8] = []
                var position = start
                while position < end {
                    let length = isLatin(result[position]) ? 1 : 2
                    let letter = Array(result[position..<(position + length)])
                    let minority = toLatin ? length == 2 : length == 1
                    if minority, let skeleton = try? ICU.confusableSkeleton(letter),
                       let lookAlike = (toLatin ? confusables.latin : confusables.cyrillic)[skeleton] {
                        word += lookAlike
                    } else {
                        word += letter
                    }
                    position += length
                }
                if word != Array(result[start..<end]) {
                    record("garbles:mixed-script", String(decoding: result[start..<end], as: UTF8.self),
                           String(decoding: word, as: UTF8.self), start + 1)
                    result.replaceSubrange(start..<end, with: word)
                    end = start + word.count
                }
            }
            start = end
        }
        return result
    }

    /// A footnote reference glued to a word, with letters read for its digits
    /// ("wrecker.\"l3" → "wrecker.\"13"): changed only when footnote 13 stands
    /// within the footnote window before or after the line.
    private func repairFootnoteReferences(_ text: [UInt8], footnotes: NearbyFootnotes,
                                          record: (String, String, String, Int) -> Void) -> [UInt8] {
        var result = text
        var index = result.count
        while index > 2 {
            // The end of a token: find the reference that may end it.
            guard index == result.count || result[index] == 0x20 else { index -= 1; continue }
            var start = index
            while start > 0, index - start < 3, result[start - 1] != 0x20,
                  Self.isDigit(result[start - 1]) || rules.digitLetters[result[start - 1]] != nil { start -= 1 }
            let glue = start > 1 ? result[start - 1] : 0x20
            if start < index, start > 1, glue == UInt8(ascii: ".") || glue == UInt8(ascii: "\"") || glue == UInt8(ascii: "'")
                || glue == UInt8(ascii: ")"), DocumentVocabulary.isLetter(result[start - 2]) || result[start - 2] == UInt8(ascii: "."),
               result[start..<index].contains(where: { !Self.isDigit($0) }) {
                let digits = result[start..<index].map { Self.isDigit($0) ? $0 : rules.digitLetters[$0]! }
                if let number = Int(String(decoding: digits, as: UTF8.self)), footnotes.contains(number) {
                    record("garbles:footnote-reference", String(decoding: result[start..<index], as: UTF8.self),
                           String(decoding: digits, as: UTF8.self), start + 1)
                    result.replaceSubrange(start..<index, with: digits)
                }
            }
            index = start - 1
        }
        return result
    }

    /// True for a token that has nothing to repair on its own: inside the
    /// punctuation around it, a number of other than three digits (three may
    /// start a split year); a word with a letter beyond ASCII and no comma (the
    /// repairs are for ASCII words); or ASCII letters, with apostrophes and
    /// hyphens inside, of a word the English list or the document knows.
    /// (`repairToken` gives such a token back unchanged, and no repair across
    /// tokens takes it.)
    private func isPlainToken(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let core = Self.core(bytes, range)
        let first = core.lowerBound, last = core.upperBound
        if first == last { return true }
        // Most tokens are ASCII letters alone: no closer look at their bytes.
        var letters = first
        while letters < last, (bytes[letters] | 0x20) >= UInt8(ascii: "a"), (bytes[letters] | 0x20) <= UInt8(ascii: "z") { letters += 1 }
        if letters == last { return isKnownWord(UnsafeBufferPointer(rebasing: bytes[first..<last])) }
        var digits = 0, beyondASCII = false, comma = false, wordBytes = true
        for index in first..<last {
            let byte = bytes[index]
            if Self.isDigit(byte) { digits += 1 }
            else if byte >= 0x80 { beyondASCII = true }
            else if byte == UInt8(ascii: ",") { comma = true }
            if !(DocumentVocabulary.isLetter(byte) || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-")) || byte >= 0x80 {
                wordBytes = false
            }
        }
        if digits == last - first { return digits != 3 }  // "193 5"
        if beyondASCII { return !comma }
        guard wordBytes else { return false }
        return isKnownWord(UnsafeBufferPointer(rebasing: bytes[first..<last]))
    }

    /// True for a token that `repairToken` is sure to give back unchanged,
    /// whether or not its word is known, found without allocating: inside the
    /// punctuation around it, ASCII letters alone of two or fewer (too short for
    /// any of its repairs, unless the document makes a confusion: "bo" for
    /// "be"), or ASCII letters with an apostrophe inside
    /// ("Stalin's", "Bel'sky": no confusion is undone and no segmenting is tried
    /// there) that no small-to-capital boundary splits. Says nothing about
    /// repairs across tokens: `isPlainToken` does.
    private func hasNoRepairOfItsOwn(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let core = Self.core(bytes, range)
        guard !core.isEmpty else { return true }
        let word = UnsafeBufferPointer(rebasing: bytes[core])
        let isLetter = { (byte: UInt8) in Self.isLower(byte) || Self.isUpper(byte) }
        var apostropheInside = false
        for index in word.indices {
            let byte = word[index]
            if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-") {
                if byte == UInt8(ascii: "'") && index > 0 && isLetter(word[index - 1]) { apostropheInside = true }
                continue
            }
            guard isLetter(byte), !Self.isCamelCut(word, at: index) else { return false }
        }
        return apostropheInside || (word.count <= 2 && !makesAnyConfusion && word.allSatisfy(isLetter))
    }

    /// In the English list or the book's vocabulary file (not the names: those are `isKnown`'s).
    private func isKnownWord(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        if bookVocabulary.count > 0 && bookVocabulary.count(of: word) > 0 { return true }
        // Where the document makes a confusion, a rare listed word may be its damage ("tho").
        guard let tier = english.tier(of: UnsafeRawBufferPointer(word)) else { return false }
        return !makesAnyConfusion || tier <= 35
    }

    /// Word by word: years, a missing space after punctuation, words run
    /// together, confusions; then letter-spaced words across tokens.
    private func repairWords(_ text: [UInt8], followsBrokenLine: Bool, record: (String, String, String, Int) -> Void) -> [UInt8] {
        if usesShortcuts && isUnchangedByWordRepairs(text, followsBrokenLine: followsBrokenLine) { return text }
        var tokens = Self.tokens(text)
        var changed = false
        for index in tokens.indices {
            let token = tokens[index]
            guard token.bytes.contains(where: { DocumentVocabulary.isLetter($0) }) else { continue }
            // A word broken at a line's end is the dehyphenator's, whole or not: its
            // first half here, or its second half at the start of the next line.
            if index == tokens.count - 1 && token.bytes.last == UInt8(ascii: "-") { continue }
            if index == 0 && followsBrokenLine { continue }
            if usesShortcuts, token.bytes.withUnsafeBufferPointer({ isPlainToken($0, 0..<$0.count) || hasNoRepairOfItsOwn($0, 0..<$0.count) }) {
                continue
            }
            if let repaired = repairToken(token.bytes), repaired.text != token.bytes {
                record(repaired.rule, String(decoding: token.bytes, as: UTF8.self), String(decoding: repaired.text, as: UTF8.self),
                       token.start + 1)
                tokens[index].bytes = repaired.text
                changed = true
            }
        }
        // A split year: "193 5," → "1935,".
        var index = 0
        while index + 1 < tokens.count {
            if let joined = Self.splitYear(tokens[index].bytes, tokens[index + 1].bytes) {
                record("garbles:split-year", String(decoding: tokens[index].bytes + [0x20] + tokens[index + 1].bytes, as: UTF8.self),
                       String(decoding: joined, as: UTF8.self), tokens[index].start + 1)
                Self.merge(&tokens, index..<(index + 2), into: joined)
                changed = true
                continue
            }
            index += 1
        }
        // Letter-spaced words: "a n d" → "and", "W e" → "We".
        index = 0
        while index < tokens.count {
            var end = index
            while end < tokens.count, tokens[end].bytes.count == 1, DocumentVocabulary.isLetter(tokens[end].bytes[0]),
                  tokens[end].bytes[0] < 0x80 { end += 1 }
            let count = end - index
            guard count >= 2 else { index += 1; continue }
            let word = tokens[index..<end].flatMap(\.bytes)
            let first = tokens[index].bytes.first ?? 0
            // "a n d" (all small letters), or a capital and one letter: "W e".
            let rest = tokens[(index + 1)..<end].allSatisfy { Self.isLower($0.bytes[0]) }
            let acceptable = (count >= 3 && Self.isLower(first) && rest)
                || (count == 2 && Self.isUpper(first) && rest
                    && tokens[index + 1].bytes != [UInt8(ascii: "a")])
            if acceptable, let tier = english.tier(of: word[...]), tier <= 35 {
                record("garbles:letter-spaced", tokens[index..<end].map { String(decoding: $0.bytes, as: UTF8.self) }.joined(separator: " "),
                       String(decoding: word, as: UTF8.self), tokens[index].start + 1)
                Self.merge(&tokens, index..<end, into: word)
                changed = true
            }
            index = max(end, index + 1)
        }
        // A stray space inside a word: "t o" → "to", "Sta lin" → "Stalin", when
        // neither part is a word (a lone letter but a and I is none) and the join is.
        index = 0
        while index + 1 < tokens.count {
            let left = tokens[index].bytes, right = tokens[index + 1].bytes
            let letters = { (bytes: [UInt8]) in !bytes.isEmpty && bytes.allSatisfy { DocumentVocabulary.isLetter($0) && $0 < 0x80 } }
            if letters(left), letters(right), tokens[index].spacesAfter == 1, !isWholeWord(left), !isWholeWord(right),
               right.first.map(Self.isLower) == true,
               case let joined = left + right,
               (english.tier(of: joined[...]) ?? 99) <= 50 || names.contains(joined[...]) {
                record("garbles:stray-space", String(decoding: left + [0x20] + right, as: UTF8.self),
                       String(decoding: joined, as: UTF8.self), tokens[index].start + 1)
                Self.merge(&tokens, index..<(index + 2), into: joined)
                changed = true
                continue
            }
            index += 1
        }
        // A word broken into three or more pieces by stray spaces ("descr ip t ion",
        // "In t roduct ion"): joined when the pieces after the first are no words
        // but at most one that is no function word ("ion"), and the whole is a
        // common English word or one the document repeats.
        index = 0
        while index + 2 < tokens.count {
            if let end = fragmentedWordEnd(tokens, from: index) {
                let joined = tokens[index..<end].flatMap(\.bytes)
                record("garbles:stray-space", tokens[index..<end].map { String(decoding: $0.bytes, as: UTF8.self) }.joined(separator: " "),
                       String(decoding: joined, as: UTF8.self), tokens[index].start + 1)
                Self.merge(&tokens, index..<end, into: joined)
                changed = true
            }
            index += 1
        }
        guard changed else { return text }
        var rebuilt: [UInt8] = Array(text.prefix { $0 == 0x20 })
        for token in tokens {
            rebuilt += token.bytes
            rebuilt.append(contentsOf: repeatElement(0x20, count: token.spacesAfter))
        }
        return rebuilt
    }

    /// True when `repairWords` gives `text` back as it is, found without
    /// allocating (most lines hold only known words): no token it looks at has
    /// a repair of its own, and nothing a repair across tokens takes stands in
    /// the line (a number of three digits, two one-letter tokens side by side,
    /// two tokens of letters side by side of which neither is sure to be a
    /// whole word).
    private func isUnchangedByWordRepairs(_ text: [UInt8], followsBrokenLine: Bool) -> Bool {
        text.withUnsafeBufferPointer { bytes in
            var index = 0
            while index < bytes.count, bytes[index] == 0x20 { index += 1 }
            var isFirst = true
            var previousIsLetter = false, previousMayJoin = false
            while index < bytes.count {
                let start = index
                while index < bytes.count, bytes[index] != 0x20 { index += 1 }
                let end = index
                while index < bytes.count, bytes[index] == 0x20 { index += 1 }
                defer { isFirst = false }
                let range = start..<end
                if range.count == 3 && range.allSatisfy({ Self.isDigit(bytes[$0]) }) { return false }  // "193 5"
                let letters = range.allSatisfy { (bytes[$0] | 0x20) >= UInt8(ascii: "a") && (bytes[$0] | 0x20) <= UInt8(ascii: "z") }
                let isLetter = letters && range.count == 1
                if isLetter && previousIsLetter { return false }  // "a n d"
                let plain = isPlainToken(bytes, range)
                let wholeWord = isLetter ? bytes[start] == UInt8(ascii: "a") || bytes[start] == UInt8(ascii: "A")
                    || bytes[start] == UInt8(ascii: "I") : plain || survey.count(of: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[range])) >= 2
                let mayJoin = letters && !wholeWord
                if mayJoin && previousMayJoin { return false }  // "Sta lin"
                (previousIsLetter, previousMayJoin) = (isLetter, mayJoin)
                // The token's own repair, where repairWords looks for one.
                let brokenAtEnd = index == bytes.count && bytes[end - 1] == UInt8(ascii: "-")
                guard !plain, !brokenAtEnd, !(isFirst && followsBrokenLine),
                      range.contains(where: { DocumentVocabulary.isLetter(bytes[$0]) }),
                      !hasNoRepairOfItsOwn(bytes, range) else { continue }
                let token = Array(bytes[range])
                if let repaired = repairToken(token), repaired.text != token { return false }
            }
            return true
        }
    }

    /// The end of the longest run of three to six tokens from `start` that
    /// `repairWords` joins into one word (see there), if any.
    private func fragmentedWordEnd(_ tokens: [Token], from start: Int) -> Int? {
        let isPiece = { (bytes: [UInt8]) in !bytes.isEmpty && bytes.allSatisfy { $0 < 0x80 && DocumentVocabulary.isLetter($0) } }
        var last = start
        var wordsAmongPieces = 0
        while last < tokens.count, last - start < 6, isPiece(tokens[last].bytes) {
            if last > start {
                let piece = tokens[last].bytes
                guard tokens[last - 1].spacesAfter == 1, Self.isLower(piece[0]) else { break }
                if isWholeWord(piece) {
                    // One piece may happen to be a word ("ion"), but no small word of a sentence.
                    guard wordsAmongPieces == 0, !rules.isFunctionWord(piece[...]) else { break }
                    wordsAmongPieces += 1
                }
            }
            last += 1
        }
        var end = last
        while end - start >= 3 {
            let joined = tokens[start..<end].flatMap(\.bytes)
            if joined.count >= 5, isCommon(joined[...]) || isDocumentWord(joined[...]) { return end }
            end -= 1
        }
        return nil
    }

    /// A word that may stand alone: a known word, or of the single letters only a, A and I.
    private func isWholeWord(_ bytes: [UInt8]) -> Bool {
        if bytes.count == 1 { return bytes[0] == UInt8(ascii: "a") || bytes[0] == UInt8(ascii: "A") || bytes[0] == UInt8(ascii: "I") }
        return isKnown(bytes[...]) || isDocumentWord(bytes[...])
    }

    /// Replaces `range` of tokens by one token of `bytes`, with the space after the last.
    static func merge(_ tokens: inout [Token], _ range: Range<Int>, into bytes: [UInt8]) {
        tokens[range.lowerBound].bytes = bytes
        tokens[range.lowerBound].spacesAfter = tokens[range.upperBound - 1].spacesAfter
        tokens.removeSubrange((range.lowerBound + 1)..<range.upperBound)
    }

    struct Token {
        var bytes: [UInt8]
        /// The spaces after the token (tokens are split at spaces alone).
        var spacesAfter: Int
        var start: Int
    }

    static func tokens(_ text: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < text.count, text[index] == 0x20 { index += 1 }
        while index < text.count {
            let start = index
            while index < text.count, text[index] != 0x20 { index += 1 }
            let end = index
            while index < text.count, text[index] == 0x20 { index += 1 }
            tokens.append(Token(bytes: Array(text[start..<end]), spacesAfter: index - end, start: start))
        }
        return tokens
    }

    /// "193" + "5," → "1935,": a three-digit start of a year and one digit.
    static func splitYear(_ left: [UInt8], _ right: [UInt8]) -> [UInt8]? {
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard left.count == 3, left.allSatisfy(isDigit), left[0] == UInt8(ascii: "1"),
              left[1] >= UInt8(ascii: "7"), let digit = right.first, isDigit(digit),
              right.count == 1 || ",.;:)".utf8.contains(right[1]) else { return nil }
        return left + right
    }

    /// One token's repair, if there is a certain one.
    private func repairToken(_ token: [UInt8]) -> (text: [UInt8], rule: String)? {
        // With the whole document's counts, a token's repair never changes: decided once.
        guard surveyIsHanded else { return decideRepair(token) }
        return decisions.decision(for: token) { decideRepair($0) }
    }

    /// The repair of one token, from its bytes and the document's counts.
    private func decideRepair(_ token: [UInt8]) -> (text: [UInt8], rule: String)? {
        if Self.isMarkupOrAddress(token) { return nil }
        // Punctuation around the word stays as it is.
        let leading = token.prefix { !DocumentVocabulary.isLetter($0) && !Self.isDigit($0) }
        let trailing = token.reversed().prefix { !DocumentVocabulary.isLetter($0) && !Self.isDigit($0) }
        guard leading.count + trailing.count < token.count else { return nil }
        let core = Array(token[leading.count..<(token.count - trailing.count)])
        let wrap = { (inner: [UInt8]) in Array(leading) + inner + Array(trailing.reversed()) }

        if let year = rules.year(core) { return (wrap(year), "garbles:year") }
        // "961,l." in an archive citation: the comma's space goes back.
        if trailing.first == UInt8(ascii: "."), let comma = core.firstIndex(of: UInt8(ascii: ",")), comma > 0,
           core[..<comma].allSatisfy(Self.isDigit), rules.citationAbbreviations.contains(Array(core[(comma + 1)...])) {
            return (wrap(Array(core[...comma]) + [0x20] + Array(core[(comma + 1)...])), "garbles:citation-space")
        }
        guard core.allSatisfy({ DocumentVocabulary.isLetter($0) || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";")
                                || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "-") }),
              core.allSatisfy({ $0 < 0x80 }) else { return nil }
        // A missing space after , ; : between letters: "breach,didsometimes".
        if let mark = core.firstIndex(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ":") }),
           mark > 0, mark + 1 < core.count, DocumentVocabulary.isLetter(core[mark - 1]), DocumentVocabulary.isLetter(core[mark + 1]) {
            let left = Array(core[...mark]), right = Array(core[(mark + 1)...])
            let leftRepaired = repairToken(left)?.text ?? left
            let rightRepaired = repairToken(right + Array(trailing.reversed()))?.text ?? (right + Array(trailing.reversed()))
            return (Array(leading) + leftRepaired + [0x20] + rightRepaired, "garbles:space-after-punctuation")
        }
        guard !core.contains(UInt8(ascii: ",")), !core.contains(UInt8(ascii: ";")), !core.contains(UInt8(ascii: ":")) else { return nil }
        if makesAnyConfusion, let repaired = undoConfusionOfRareWord(core) { return (wrap(repaired.text), repaired.rule) }
        if isKnown(core[...]) { return nil }
        // How often the document has this very token: a token it repeats is its word,
        // changed only into a form the document uses more often still.
        let own = survey.count(of: core[...])
        if let joined = joinInnerHyphen(core, own: own) { return (wrap(joined), "garbles:inner-hyphen") }
        if let split = splitCamel(core, own: own) { return (wrap(split), "garbles:run-together") }
        // "Allof" is "All of" before it is any confusion: a capitalised run-together
        // word is split like a small one, its capital kept.
        if let initial = core.first, Self.isUpper(initial), core.dropFirst().allSatisfy(Self.isLower),
           var split = segment([initial | 0x20] + Array(core.dropFirst()), own: own),
           rules.isFunctionWord(split.prefix { $0 != 0x20 }) {  // "Gabor" is no "Gab or"
            split[0] = initial
            return (wrap(split), "garbles:run-together")
        }
        // A transliteration's soft sign ("chast'") marks a Russian word: no confusion is undone in it.
        let apostropheBy = token.indices.dropLast().contains { token[$0] == UInt8(ascii: "'") && $0 > 0
            && DocumentVocabulary.isLetter(token[$0 - 1]) } || (token.last == UInt8(ascii: "'") && token.count > 1
            && DocumentVocabulary.isLetter(token[token.count - 2]))
        // "Com." is Comrade, not Corn: a short capitalised word before a period is an abbreviation.
        let abbreviation = trailing.first == UInt8(ascii: ".") && core.count <= 4
            && core.first.map(Self.isUpper) == true
        if !apostropheBy, !abbreviation, let confusion = undoConfusion(core, own: own) { return (wrap(confusion.text), confusion.rule) }
        if let split = segment(core, own: own) { return (wrap(split), "garbles:run-together") }
        return nil
    }

    /// True for a token of markup, code, a URL or an e-mail address
    /// ("<rdf:resource=", "{x}", "a/b", "name@host"): never repaired.
    static func isMarkupOrAddress(_ token: [UInt8]) -> Bool {
        token.contains { "<>={}/@\\|_#".utf8.contains($0) } || token.starts(with: "www.".utf8)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    static func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }

    /// True where `splitCamel` cuts a word: a small letter at `index - 1`, a
    /// capital at `index` and a small letter after it ("inMoscow", not "RTsKhIDNI").
    static func isCamelCut<Bytes: RandomAccessCollection>(_ word: Bytes, at index: Bytes.Index) -> Bool
        where Bytes.Element == UInt8 {
        let next = word.index(after: index)
        return index > word.startIndex && next < word.endIndex
            && isLower(word[word.index(before: index)]) && isUpper(word[index]) && isLower(word[next])
    }

    /// The token `range` of `bytes` inside the punctuation around it (as `repairToken` takes it).
    static func core(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var first = range.lowerBound, last = range.upperBound
        while first < last, !DocumentVocabulary.isLetter(bytes[first]) && !isDigit(bytes[first]) { first += 1 }
        while last > first, !DocumentVocabulary.isLetter(bytes[last - 1]) && !isDigit(bytes[last - 1]) { last -= 1 }
        return first..<last
    }

    /// Where `needle` first stands in `haystack`: memchr finds each candidate
    /// first byte, memcmp the rest (no per-byte Swift work).
    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        return haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pin in
                var start = 0
                let last = hay.count - pin.count
                while start <= last {
                    guard let hit = memchr(hay.baseAddress! + start, Int32(first), last - start + 1) else { return nil }
                    let position = hay.baseAddress!.distance(to: UnsafeRawPointer(hit))
                    if memcmp(hay.baseAddress! + position, pin.baseAddress!, pin.count) == 0 {
                        return position..<(position + pin.count)
                    }
                    start = position + 1
                }
                return nil
            }
        }
    }

    /// A word the document uses (`word` is not the token being repaired), a
    /// name of the lexicon, or a word of the book's vocabulary file.
    private func isAttested(_ word: ArraySlice<UInt8>) -> Bool {
        survey.count(of: word) > 0 || names.contains(word) || isInBookVocabulary(word)
    }

    /// In the book's vocabulary file (`emend learn`), when one was given.
    private func isInBookVocabulary(_ word: ArraySlice<UInt8>) -> Bool {
        bookVocabulary.count > 0 && bookVocabulary.count(of: word) > 0
    }

    /// A word the document uses more than once: its own word, whatever the lexicons say.
    private func isDocumentWord(_ word: ArraySlice<UInt8>) -> Bool { survey.count(of: word) >= 2 }

    private func looksRussian(_ word: [UInt8]) -> Bool {
        let text = String(decoding: word, as: UTF8.self)
        let range = NSRange(text.startIndex..., in: text)
        return russianLooking.contains { $0.firstMatch(in: text, range: range) != nil }
    }

    /// In the English list, the name lexicon or the book's vocabulary file.
    private func isKnown(_ word: ArraySlice<UInt8>) -> Bool {
        english.contains(word) || names.contains(word) || isInBookVocabulary(word)
    }

    /// "inMoscow" → "in Moscow", "ConcemingComradeYenukidze" → "Concerning Comrade
    /// Yenukidze": parts at each small-to-capital boundary, every part known
    /// (after undoing one confusion), the whole not.
    private func splitCamel(_ word: [UInt8], own: Int) -> [UInt8]? {
        let cuts = word.indices.filter { Self.isCamelCut(word, at: $0) }
        guard !cuts.isEmpty else { return nil }
        var parts: [[UInt8]] = []
        var start = 0
        for cut in cuts + [word.count] {
            parts.append(Array(word[start..<cut]))
            start = cut
        }
        // A joined form the document repeats is a name ("WordNet", "PageRank"),
        // unless the document writes its parts apart more often.
        let apart = survey.pairCount(parts[0][...], parts[1][...])
        if own >= 2 && apart <= own { return nil }
        // Capitalised parts alone ("WordNet") split only before a name the lexicon
        // knows or where the document writes the parts apart; a small first part
        // ("inMoscow") is the usual lost space.
        if Self.isUpper(word[0]) && !parts.dropFirst().contains(where: { names.contains($0[...]) })
            && apart == 0 { return nil }
        var repaired: [[UInt8]] = []
        for part in parts {
            guard part.count >= 2 || part == [UInt8(ascii: "a")] else { return nil }
            // A capitalised part may be a name of the English list ("Baltic").
            let listedName = Self.isUpper(part[0]) && english.contains(part[...])
            if isCommon(part[...]) || listedName || names.contains(part[...]) || isDocumentWord(part[...]) {
                repaired.append(part)
                continue
            }
            guard let fixed = undoConfusion(part, own: survey.count(of: part[...])) else { return nil }
            repaired.append(fixed.text)
        }
        return Array(repaired.joined(separator: [0x20]))
    }

    /// A word broken by a hyphen inside a line, as text extracted from a
    /// typeset page keeps it ("num-ber", "seman-tics"): joined when the joined
    /// word is in the English list (or the document uses it), both halves are in
    /// small letters (a capital starts a name's part: "Il-lustrations" in a
    /// catalogue is left), the halves are not both common words ("re-election"),
    /// the first is no compound prefix
    /// ("pro-cess", "non-party"), and the document does not write the hyphenated
    /// form more often than the joined one.
    private func joinInnerHyphen(_ core: [UInt8], own: Int) -> [UInt8]? {
        guard let hyphen = core.firstIndex(of: UInt8(ascii: "-")), hyphen >= 2, core.count - hyphen > 2,
              core.filter({ $0 == UInt8(ascii: "-") }).count == 1,
              core.allSatisfy({ Self.isLower($0) || Self.isUpper($0) || $0 == UInt8(ascii: "-") }) else { return nil }
        let left = core[..<hyphen], right = core[(hyphen + 1)...]
        guard left.allSatisfy(Self.isLower), right.allSatisfy(Self.isLower), !compoundPrefixes.contains(String(decoding: DocumentVocabulary.lowercased(left), as: UTF8.self)),
              !(isCommon(left) && isCommon(right)) else { return nil }
        let joined = Array(left) + Array(right)
        let joinedUses = survey.count(of: joined[...])
        // The document must write the joined word elsewhere: a hyphen may be the
        // printed line break a transcription keeps ("de-parted" on one line).
        guard joinedUses >= max(1, own), english.contains(joined[...]) || joinedUses >= 2 else { return nil }
        return joined
    }

    /// A common English word: in the English list's commoner sizes (a rare
    /// dictionary word is no evidence for a repair).
    private func isCommon(_ word: ArraySlice<UInt8>) -> Bool { commonestTier(of: word) <= 35 }

    /// The word's tier in the English list, or its small-letter form's when
    /// that is commoner ("Fourth" is listed as a rare name too); 99 when unlisted.
    private func commonestTier(of word: ArraySlice<UInt8>) -> UInt8 {
        let asWritten = english.tier(of: word) ?? 99
        guard word.first.map(Self.isUpper) == true else { return asWritten }
        return min(asWritten, english.tier(of: DocumentVocabulary.lowercased(word)) ?? 99)
    }

    /// The one word that undoing a single confusion of `rules` makes of `word`
    /// (seen `own` times in the document): a word of three letters or more,
    /// whose repair is in plain case and is a common English word or a word the
    /// document or the name lexicon attests; when `word` is repeated, the repair
    /// must be used more often still. Learned confusions count only in a
    /// document that makes them (`ConfusionEvidence`).
    private func undoConfusion(_ word: [UInt8], own: Int) -> (text: [UInt8], rule: String)? {
        // Past the longest word the segmenter tries, no swap makes a word: a run
        // of 20,000 letters costs nothing (each try is a copy of the whole run).
        guard word.count >= 3, word.count <= configuration.maximumWordLength else { return nil }
        var found: [([UInt8], String)] = []
        // A confusion the document is shown to make explains a repeated token
        // ("thom" for "them" on every page of a newspaper) when the document
        // also has the repair: repetition is no evidence then.
        func consider(_ confusion: GarbleRules.Confusion, madeByDocument: Bool = false) -> Bool {
            for candidate in Self.candidates(undoing: confusion, in: word) {
                guard CaseShape(of: candidate) != .mixed, !found.contains(where: { $0.0 == candidate }) else { continue }
                let uses = survey.count(of: candidate[...])
                if own >= 2 && uses <= own && !(madeByDocument && uses > 0) { continue }
                // Short words swap too easily ("pany" → "pony"): in four letters or
                // fewer the repair must be one of the commonest words or attested.
                let tier = commonestTier(of: candidate[...])
                let common = word.count <= 4 ? tier <= 10 : tier <= 35
                if common || uses > 0 || names.contains(candidate[...]) { found.append((candidate, confusion.rule)) }
            }
            return found.count <= 1
        }
        // In a document that does not make a learned confusion, it may still give
        // a term of the document, no common English word: a name or
        // transliteration the document uses twice or more, in five letters or more ("Irtochnik" beside
        // "Istochnik"), or for a confusion of consonants a name of the lexicon
        // (names vary in their vowels: "Stolin" needs the document's "Stalin").
        func considerTerm(_ confusion: GarbleRules.Confusion) -> Bool {
            // Three or four letters match another word by one letter too easily ("cal" and "col").
            guard own <= 1, word.count >= 5 else { return true }
            let vowels = "aeiouAEIOU".utf8
            let consonants = !confusion.read.contains(where: vowels.contains) && !confusion.meant.contains(where: vowels.contains)
            for candidate in Self.candidates(undoing: confusion, in: word) {
                guard CaseShape(of: candidate) != .mixed, !found.contains(where: { $0.0 == candidate }),
                      commonestTier(of: candidate[...]) > 35 else { continue }
                let uses = survey.count(of: candidate[...]) + (bookVocabulary.count > 0 ? bookVocabulary.count(of: candidate[...]) : 0)
                if uses >= 2 || (consonants && names.contains(candidate[...])) { found.append((candidate, confusion.rule)) }
            }
            return found.count <= 1
        }
        for confusion in rules.confusions where !consider(confusion) { return nil }
        for (index, confusion) in rules.learnedConfusions.enumerated() {
            if index < activeConfusions.count && activeConfusions[index] {
                if !consider(confusion, madeByDocument: true) { return nil }
            } else if !considerTerm(confusion) {
                return nil
            }
        }
        return found.count == 1 ? found[0] : nil
    }

    /// A word the English list lacks or lists as rare that a confusion the
    /// document makes explains ("tho" for "the", "bo" for "be", "largo" for
    /// "large" in newspaper OCR that reads "e" as "o"): the one repair that is
    /// among the commonest English words and that the document also writes
    /// right. Common words and names are never touched.
    private func undoConfusionOfRareWord(_ word: [UInt8]) -> (text: [UInt8], rule: String)? {
        guard word.count >= 2, word.count <= configuration.maximumWordLength,
              word.allSatisfy({ Self.isLower($0) || Self.isUpper($0) }),
              commonestTier(of: word[...]) > 35, !names.contains(word[...]) else { return nil }
        var found: [([UInt8], String)] = []
        for (index, confusion) in rules.learnedConfusions.enumerated() where index < activeConfusions.count && activeConfusions[index] {
            for candidate in Self.candidates(undoing: confusion, in: word)
            where CaseShape(of: candidate) != .mixed && commonestTier(of: candidate[...]) <= 10 && survey.count(of: candidate[...]) > 0
                && !found.contains(where: { $0.0 == candidate }) {
                found.append((candidate, confusion.rule))
            }
        }
        return found.count == 1 ? found[0] : nil
    }

    /// Every English word or lexicon name that undoing one confusion in `word`
    /// gives ("Conceming" → "Concerning"), for a proofreader's worklist. The
    /// repair itself takes a candidate only when it is the one and common enough.
    public func lookAlikeCandidates(for word: [UInt8]) -> [String] {
        guard word.count >= 3, word.count <= configuration.maximumWordLength else { return [] }
        var found: [String] = []
        for confusion in rules.confusions + rules.learnedConfusions {
            for candidate in Self.candidates(undoing: confusion, in: word) {
                let text = String(decoding: candidate, as: UTF8.self)
                if (english.contains(candidate[...]) || isAttested(candidate[...])) && !found.contains(text) { found.append(text) }
            }
        }
        return found
    }

    /// The word with one place where `confusion` could have happened undone,
    /// for each such place ("Conceming" → "Concerning" for rn read as m).
    static func candidates(undoing confusion: GarbleRules.Confusion, in word: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var start = 0
        while start + confusion.read.count <= word.count {
            if word[start..<(start + confusion.read.count)].elementsEqual(confusion.read) {
                result.append(Array(word[..<start]) + confusion.meant + Array(word[(start + confusion.read.count)...]))
            }
            start += 1
        }
        return result
    }

    /// Lower-case words run together: the one split into the fewest common
    /// words (two letters or more, or "a"), when there is exactly one.
    private func segment(_ word: [UInt8], own: Int) -> [UInt8]? {
        guard word.count >= 5, word.count <= configuration.maximumWordLength,
              word.allSatisfy(Self.isLower) else { return nil }
        // best[i]: (fewest words to cover word[..<i], how many ways, last cut)
        var best = [(parts: Int, ways: Int, cut: Int)](repeating: (Int.max, 0, -1), count: word.count + 1)
        best[0] = (0, 1, -1)
        for end in 1...word.count {
            for start in max(0, end - 20)..<end where best[start].parts != Int.max {
                let piece = word[start..<end]
                let isFunctionWord = rules.isFunctionWord(piece)
                guard isFunctionWord || (piece.count >= 3 && (english.tier(of: piece) ?? 99) <= 50) else { continue }
                let parts = best[start].parts + 1
                if parts < best[end].parts {
                    best[end] = (parts, best[start].ways, start)
                } else if parts == best[end].parts {
                    best[end].ways += best[start].ways
                }
            }
        }
        guard best[word.count].parts >= 2, best[word.count].parts != Int.max, best[word.count].ways == 1 else { return nil }
        var pieces: [[UInt8]] = []
        var end = word.count
        while end > 0 {
            let start = best[end].cut
            pieces.append(Array(word[start..<end]))
            end = start
        }
        // The usual loss is a small word's space ("purgingof"); two content words are left.
        let isFunction = pieces.map { rules.isFunctionWord($0[...]) }
        guard isFunction.contains(true),
              !zip(isFunction, isFunction.dropFirst()).contains(where: { !$0 && !$1 }),
              !looksRussian(word) else { return nil }
        pieces.reverse()
        // Split only in a document that loses its spaces, or where it writes the
        // parts apart more often than it has this token ("soone" stays in a book
        // that never writes "so one"); a repeated token needs the latter.
        let apart = survey.pairCount(pieces[0][...], pieces[1][...])
        guard apart > own || (own <= 1 && (losesSpaces || isLostSpace(pieces))) else { return nil }
        return Array(pieces.joined(separator: [0x20]))
    }

    /// A split any document may make, losing spaces or not: one function word
    /// and one of the commonest English words (SCOWL size 10) of four letters or
    /// more, or a common one of seven letters or more ("modelof",
    /// "theutterance"); old spellings split into short or rarer pieces ("soone",
    /// "heere", "fortuned") and truncated words into rare ones ("iscuss") are left.
    private func isLostSpace(_ pieces: [[UInt8]]) -> Bool {
        guard pieces.count == 2 else { return false }
        let content = rules.isFunctionWord(pieces[0][...]) ? pieces[1] : pieces[0]
        let tier = commonestTier(of: content[...])
        return (content.count >= 4 && tier <= 10) || (content.count >= 7 && tier <= 35)
    }

    /// A space before , ; : ) and a final . removed ("2 ," → "2,", "577 ." → "577."),
    /// only where the document sets that mark closed up at least
    /// `closedSpacingRatio` times as often as spaced (a text that spaces its
    /// marks, French style, keeps them), and only before a space or the line's
    /// end ("1) :atomic" stays); spaced ellipses (". . .") stay.
    private func repairSpacing(_ text: [UInt8], record: (String, String, String, Int) -> Void) -> [UInt8] {
        var result = text
        var index = result.count - 1
        while index >= 2 {
            let mark = result[index]
            if result[index - 1] == 0x20, mark == UInt8(ascii: ",") || mark == UInt8(ascii: ";") || mark == UInt8(ascii: ":")
                || mark == UInt8(ascii: ")") || mark == UInt8(ascii: ".") {
                var start = index - 1
                while start > 0, result[start - 1] == 0x20 { start -= 1 }
                let before = start > 0 ? result[start - 1] : 0x20
                let after = index + 1 < result.count ? result[index + 1] : 0x20
                let afterNext = index + 2 < result.count ? result[index + 2] : 0x20
                let wordBefore = DocumentVocabulary.isLetter(before) || Self.isDigit(before) || before == UInt8(ascii: ")")
                let ellipsis = mark == UInt8(ascii: ".") && (before == UInt8(ascii: ".") || afterNext == UInt8(ascii: "."))
                let markEnds = after == 0x20 || index + 1 == result.count
                    || (mark != UInt8(ascii: ".") && "\"')]'".utf8.contains(after))
                // A period ends a sentence: before a small letter ("continues . vigorously")
                // it is a speck the scanner read, not this word's.
                var next = index + 1
                while next < result.count, result[next] == 0x20 { next += 1 }
                let endsSentence = mark != UInt8(ascii: ".") || next == result.count || !Self.isLower(result[next])
                let spacing = survey.spacing(of: mark)
                let inconsistent = spacing.closed >= Self.closedSpacingRatio * max(1, spacing.spaced)
                // Garbled runs are left for a human: a lone letter ("K q o v ,") or
                // single characters with spaced marks ("9 ~ 5 . 1 . 9 .").
                let loneCharacter = start < 2 || result[start - 2] == 0x20
                let loneLetter = loneCharacter && DocumentVocabulary.isLetter(before)
                let spacedRun = loneCharacter && (Self.hasSpacedMark(result, before: start - 1) || Self.hasSpacedMark(result, after: index))
                if start > 0, wordBefore, !ellipsis, markEnds, endsSentence, inconsistent, !loneLetter, !spacedRun,
                   mark != UInt8(ascii: ")") || before != UInt8(ascii: "(") {
                    record("garbles:space-before-punctuation", String(decoding: result[(start - 1)...index], as: UTF8.self),
                           String(decoding: [before, mark], as: UTF8.self), start)
                    result.removeSubrange(start..<index)
                    index = start
                }
            }
            index -= 1
        }
        return result
    }
}

extension GarbleRepair {
    /// How many times more often a document must close a mark up than space it
    /// before a spaced use counts as damage: one spaced use in five is a habit.
    static let closedSpacingRatio = 4

    /// True when "X ." (one character, a space, a mark) stands just before `position`.
    static func hasSpacedMark(_ text: [UInt8], before position: Int) -> Bool {
        var index = position - 1
        while index >= 0, text[index] == 0x20 { index -= 1 }
        guard index >= 2, ".,~".utf8.contains(text[index]), text[index - 1] == 0x20 else { return false }
        return index < 3 || text[index - 3] == 0x20
    }

    /// True when " X ." (a space, one character, a space, a mark) follows `position`.
    static func hasSpacedMark(_ text: [UInt8], after position: Int) -> Bool {
        var index = position + 1
        while index < text.count, text[index] == 0x20 { index += 1 }
        guard index + 2 < text.count, text[index + 1] == 0x20, ".,~".utf8.contains(text[index + 2]) else { return false }
        return true
    }
}

/// A map from bytes to bytes, read by indexing (no hashing): the digit each
/// letter OCR reads for a digit stands for.
struct ByteMap {
    private var table = [UInt8](repeating: 0, count: 256)
    private var present = [Bool](repeating: false, count: 256)

    /// The bytes that have a value.
    var keys: [UInt8] { (0...255).filter { present[$0] }.map { UInt8($0) } }

    subscript(byte: UInt8) -> UInt8? {
        get { present[Int(byte)] ? table[Int(byte)] : nil }
        set {
            present[Int(byte)] = newValue != nil
            table[Int(byte)] = newValue ?? 0
        }
    }
}

/// The footnote numbers near a line: of the lines written just before it, and
/// of the lines held after it (the window). Looked up only for a candidate
/// reference; `isEmpty` is known without a look.
struct NearbyFootnotes {
    let recent: [(number: Int, line: Int)]
    let ahead: [Int?]
    let window: Range<Int>
    let isEmpty: Bool

    func contains(_ number: Int) -> Bool {
        recent.contains { $0.number == number } || ahead[window].contains(number)
    }
}

/// The rules of `rules/garbles/*.yaml`.
struct GarbleRules {
    struct Replacement { var find: [UInt8]; var replace: [UInt8]; var rule: String }
    struct Phrase { var regex: NSRegularExpression; var template: String; var trigger: [UInt8]?; var rule: String }
    struct Confusion { var read: [UInt8]; var meant: [UInt8]; var rule: String }

    var replacements: [Replacement] = [] { didSet { lineFeatures = features() } }
    var phrases: [Phrase] = [] {
        didSet {
            lineFeatures = features()
            everyLineHasPhrases = phrases.contains { $0.trigger == nil }
        }
    }
    /// Confusions of letter shapes ("rn" read for "m"), whose damaged forms are no words.
    var confusions: [Confusion] = []
    /// Confusions of single letters, undone only in a document that makes them
    /// (`ConfusionEvidence`): their damaged forms are often real spellings.
    var learnedConfusions: [Confusion] = []
    /// Looked up by bytes in place (the segmenter asks for every piece of a word).
    var functionWords = ByteStringTable<Bool>(capacity: 64)
    var citationAbbreviations = Set<[UInt8]>()
    var digitLetters = ByteMap() { didSet { lineFeatures = features() } }

    /// The pairs of bytes that the fixed-string steps need on a line (see `BytePairFlags`).
    private(set) var lineFeatures = BytePairFlags()
    /// A phrase without a trigger runs on every line.
    private(set) var everyLineHasPhrases = false
    /// The start of a replacement's `find`.
    static let replacementFeature: UInt8 = 1
    /// The start of a phrase's trigger.
    static let phraseTriggerFeature: UInt8 = 2
    /// The mark before a footnote reference and its first digit, or a letter OCR reads for one.
    static let footnoteGlueFeature: UInt8 = 4
    /// A space before one of the marks `repairSpacing` looks at.
    static let spacedMarkFeature: UInt8 = 8

    init() { lineFeatures = features() }

    private func features() -> BytePairFlags {
        var flags = BytePairFlags()
        for replacement in replacements { flags.insert(replacement.find, flag: Self.replacementFeature) }
        for trigger in phrases.compactMap(\.trigger) { flags.insert(trigger, flag: Self.phraseTriggerFeature) }
        let glue = ".\"')".utf8
        flags.insertPairs(glue, "0123456789".utf8, flag: Self.footnoteGlueFeature)
        flags.insertPairs(glue, digitLetters.keys, flag: Self.footnoteGlueFeature)
        flags.insertPairs([0x20], ",;:).".utf8, flag: Self.spacedMarkFeature)
        return flags
    }

    mutating func add(text: String, file: String) throws {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func located(_ message: String, _ node: Node?) -> RuleFileError {
            RuleFileError.at(node, in: file, lines: lines, message)
        }
        func ruleID(_ node: Node) -> String { "\(file):\(node.mark?.line ?? 0)" }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch { throw RuleFileError(file: file, message: "not valid YAML: \(error)") }
        guard let mapping = root?.mapping else { throw located("expected a mapping of garble rules", root) }
        let keys = ["version", "replacements", "phrases", "confusions", "learned-confusions", "english-only-confusions", "function-words",
                    "citation-abbreviations", "digit-letters"]
        for (key, value) in mapping {
            guard let name = key.string, keys.contains(name) else {
                throw located("unknown key '\(key.string ?? "")'; expected one of \(quotedList(keys))", key)
            }
            switch name {
            case "replacements", "phrases":
                guard let list = value.sequence else { throw located("expected a list for '\(name)'", value) }
                for item in list {
                    guard let find = item.mapping?["find"]?.string, !find.isEmpty,
                          let replace = item.mapping?["replace"]?.string else {
                        throw located("expected {find: ..., replace: ...}", item)
                    }
                    if name == "replacements" {
                        replacements.append(Replacement(find: Array(find.utf8), replace: Array(replace.utf8), rule: ruleID(item)))
                        continue
                    }
                    if let problem = RegexSafety.problem(in: find) { throw located("pattern refused: \(problem)", item) }
                    guard let regex = try? NSRegularExpression(pattern: "\\b(?:" + find + ")\\b") else {
                        throw located("pattern does not compile: \(find)", item)
                    }
                    // `when`: text every match holds, looked for in the line's bytes before the pattern runs.
                    let trigger = item.mapping?["when"]?.string.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
                    phrases.append(Phrase(regex: regex, template: replace, trigger: trigger, rule: ruleID(item)))
                }
            case "confusions", "learned-confusions", "english-only-confusions":
                guard let list = value.sequence else { throw located("expected a list of pairs for '\(name)'", value) }
                for item in list {
                    guard let pair = item.sequence, pair.count == 2, let read = pair[0].string, let meant = pair[1].string,
                          !read.isEmpty else {
                        throw located("expected a pair [read, meant], such as [rn, m]", item)
                    }
                    let confusion = Confusion(read: Array(read.utf8), meant: Array(meant.utf8), rule: ruleID(item))
                    // "english-only-confusions" is the older name of the learned ones.
                    if name == "confusions" { confusions.append(confusion) } else { learnedConfusions.append(confusion) }
                }
            case "function-words", "citation-abbreviations":
                guard let list = value.sequence else { throw located("expected a list of words for '\(name)'", value) }
                for item in list {
                    guard let word = item.string, !word.isEmpty else { throw located("expected a word", item) }
                    if name == "function-words" {
                        functionWords.set(true, for: ArraySlice(word.lowercased().utf8))
                        functionWordList.append(Array(word.lowercased().utf8))
                    }
                    else { citationAbbreviations.insert(Array(word.utf8)) }
                }
            case "digit-letters":
                guard let map = value.mapping else { throw located("expected a mapping of letters to digits", value) }
                for (letter, digit) in map {
                    guard let l = letter.string?.utf8.first, letter.string?.utf8.count == 1,
                          let d = digit.string?.utf8.first, digit.string?.utf8.count == 1 else {
                        throw located("expected one letter and one digit", letter)
                    }
                    digitLetters[l] = d
                }
            default: break
            }
        }
    }

    func isFunctionWord(_ word: ArraySlice<UInt8>) -> Bool { functionWords.index(of: word) != nil }

    /// The function words, in the order of the rule files.
    var functionWordList: [[UInt8]] = []

    /// A year-shaped number with letters for digits ("193os" → "1930s",
    /// "1g34" → "1934", "I938" → "1938"), when the result is a year from 1700 to 2099.
    func year(_ core: [UInt8]) -> [UInt8]? {
        var body = core
        var suffix: [UInt8] = []
        if body.count == 5, body.last == UInt8(ascii: "s") { suffix = [UInt8(ascii: "s")]; body.removeLast() }
        // The first may be a letter read for 1 too ("I938", "l936").
        guard body.count == 4, let first = body.first, first == UInt8(ascii: "1") || digitLetters[first] == UInt8(ascii: "1") else { return nil }
        var letters = 0
        var digits: [UInt8] = []
        for byte in body {
            if GarbleRepair.isDigit(byte) { digits.append(byte); continue }
            guard let digit = digitLetters[byte] else { return nil }
            digits.append(digit)
            letters += 1
        }
        guard letters >= 1, letters <= 2, let value = Int(String(decoding: digits, as: UTF8.self)), (1700...2099).contains(value) else {
            return nil
        }
        // "1930s" needs a decade: a year ending in 0.
        if !suffix.isEmpty && digits.last != UInt8(ascii: "0") { return nil }
        return digits + suffix
    }
}

/// Latin and Cyrillic letters by their confusable skeleton (ICU, Unicode TR 39):
/// Cyrillic "о" and Latin "o" share one, so each can stand for the other.
struct LookAlikes: @unchecked Sendable {
    var latin: [[UInt8]: [UInt8]] = [:]
    var cyrillic: [[UInt8]: [UInt8]] = [:]

    private static let builtIn: Result<LookAlikes, Error> = Result { try make() }

    /// The table, made once per process.
    static func shared() throws -> LookAlikes { try builtIn.get() }

    private static func make() throws -> LookAlikes {
        var table = LookAlikes()
        for scalar in Array(UInt32(0x41)...0x5A) + Array(UInt32(0x61)...0x7A) {
            let letter = Array(String(Unicode.Scalar(scalar)!).utf8)
            table.latin[try ICU.confusableSkeleton(letter)] = letter
        }
        for scalar in UInt32(0x400)...0x45F {
            let letter = Array(String(Unicode.Scalar(scalar)!).utf8)
            let skeleton = try ICU.confusableSkeleton(letter)
            if table.latin[skeleton] != nil { table.cyrillic[skeleton] = letter }
        }
        return table
    }
}

/// Every scheme's spelling of the name lexicon's headwords, so that a name is
/// a known word whichever system the book uses.
enum NameSpellings {
    /// The spellings of the built-in lexicon, prebuilt (`CompactLexicons.nameSpellings`,
    /// held to `all(library: .builtIn)` by a test); a rule directory of one's own
    /// has them made through ICU, each time.
    static func shared(library: RuleLibrary) throws -> WordTable {
        guard library.directory != nil else { return .prebuilt(CompactLexicons.nameSpellings) }
        var table = ByteStringTable<UInt8>(capacity: 4096)
        for spelling in try all(library: library) { table.set(0, for: ArraySlice(spelling.utf8)) }
        return .built(table)
    }

    static func all(library: RuleLibrary) throws -> Set<String> {
        let headwords = try HeadwordLexicon.builtIn(library: library)
        var spellings = Set<String>()
        let words = headwords.entries.values.filter { !$0.isAcronym }.map { ArraySlice(Array($0.headword.utf8)) }
        for scheme in ["popular", "loc", "bgn"] {
            let converter = try WordConverter(from: "cyrillic", to: scheme, library: library, headwords: HeadwordLexicon(), wordList: nil,
                                              keepsYo: false, dropsSigns: scheme == "popular")
            for entry in try converter.convert(words) {
                spellings.insert(String(decoding: converter.result(at: entry).output, as: UTF8.self))
            }
        }
        for entry in headwords.entries.values { spellings.formUnion(entry.pinned.values) }
        return spellings
    }
}
