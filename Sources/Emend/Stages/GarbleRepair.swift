import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Yams

/// Repairs OCR garbles, only where the repair is certain, deciding from the
/// whole document's own counts (`DocumentSurvey`) and real word lists.
///
/// Each line goes through these steps, in this order (`repair(_:...)`), each
/// change reported with the rule that made it:
/// 1. Unicode debris (`GarbleRepair+UnicodeDebris.swift`): ligatures,
///    invisible characters, no-break spaces between letters, mixed scripts.
/// 2. Literal `replacements` and `phrases` of `rules/garbles/*.yaml`
///    ("VKP(b1" → "VKP(b)", "to he shot" → "to be shot").
/// 3. Footnote references with letters for digits, when the footnote stands
///    near (`GarbleRepair+FootnoteReferences.swift`).
/// 4. Up to three rounds, until nothing changes, of the word repairs
///    (`GarbleRepair+WordRepairs.swift`: each token's own repair through
///    `GarbleRepair+TokenRepair.swift`, then split years, letter-spaced words
///    and stray spaces inside words) and of the spacing before marks
///    (`GarbleRepair+Spacing.swift`).
/// A token's own repair tries, in order: years, an archive citation's space,
/// a missing space after a mark, a rare word a confusion the document makes
/// explains, a word broken by an inner hyphen, words run together
/// (`GarbleRepair+RunTogetherWords.swift`), confusions
/// (`GarbleRepair+Confusions.swift`). The evidence they share is in
/// `GarbleRepair+Evidence.swift`, `ConfusionEvidence.swift` and
/// `SpaceLossEvidence.swift`; the rule files' form in `GarbleRules.swift`.
/// Adding a repair: one file of its own, and one line in this order.
/// Never touches: a word a lexicon knows (but where a confusion the document
/// makes explains a rare one), numbers other than years, markup, URLs, e-mail
/// addresses, a word broken at the end of its line, words longer than
/// `max-word` letters (left for a human).
/// Holds back 60 lines, to see the footnotes that follow a reference, and
/// without a survey the `look-ahead` window.
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
    /// reference, and without a survey of the whole document, for counts
    /// (fewer when they hold more than `LookAhead.maximumBytes`).
    public var maximumHeldLines: Int { surveyIsHanded ? Self.footnoteWindow : max(Self.footnoteWindow, configuration.lookAhead) }
    static let footnoteWindow = 60

    let rules: GarbleRules
    let english: EnglishWordList
    let names: WordTable
    let confusables: LookAlikes
    /// Compound-forming prefixes (`dehyphenate/compounds.yaml`): "pro-cess" keeps its hyphen.
    let compoundPrefixes: Set<String>
    /// Patterns of romanized Russian (translit/russian-looking.yaml): such words are never split.
    let russianLooking: [NSRegularExpression]
    /// The document's own counts: the whole document's when handed over by
    /// `use(_:)`, otherwise counted here as lines arrive (the look-ahead window
    /// and every line before it), before any repair.
    var survey = DocumentSurvey()
    var surveyIsHanded = false
    /// Lines at the front of the pending buffer already counted.
    var countedPending = 0
    /// The words of a vocabulary file (`emend learn`): known words.
    var bookVocabulary = DocumentVocabulary()
    /// Which learned confusions the document makes (see `ConfusionEvidence`), made again as counts grow.
    var activeConfusions: [Bool] = []
    var activeConfusionsCountedAt = -1
    /// True when the document makes any learned confusion.
    var makesAnyConfusion = false
    /// True when the document runs its commonest pairs of words together (`SpaceLossEvidence`).
    var losesSpaces = false
    /// Each distinct token's repair, once the whole document's counts are in.
    var decisions = TokenDecisions()
    /// True when the line before ended in a broken word.
    var previousEndedBroken = false
    /// Footnote numbers of the lines just written, with their lines.
    var recentFootnotes: [(number: Int, line: Int)] = []
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
        if let text = try library.text(of: builtIn) { try rules.add(text: text, file: library.displayName(of: builtIn)) }
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
    /// backtracks without end stops the run with `StageError.ruleTooSlow`
    /// (`TimedRegexSearch`, shared by every stage with patterns).
    public static let phraseTimeLimit = TimedRegexSearch.timeLimit

    /// Repairs each line once the lines after it (up to the footnote window) are in.
    mutating func run(_ pending: inout [Line], into output: inout StageOutput, atEnd: Bool) throws {
        if !surveyIsHanded {
            for index in countedPending..<pending.count { survey.add(line: pending[index].bytes) }
            countedPending = pending.count
        }
        // A line waits for the lines after it, as many as the window holds (fewer when they are long: `LookAhead`).
        let ready = LookAhead.readyCount(in: pending, lines: maximumHeldLines, atEnd: atEnd)
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
        var windows = LookAhead.Cursor(lines: Self.footnoteWindow)
        for index in 0..<ready {
            var line = pending[index]
            let window = windows.window(after: index, in: pending)
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

    func repair(_ line: inout Line, footnotes: NearbyFootnotes, followsBrokenLine: Bool, changes output: inout StageOutput) throws {
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
                // The search goes on after each replacement, never over it again:
                // a `replace` that holds its `find` ("Mr" -> "Mr.") ends. The
                // line is written anew once, not shifted at every replacement.
                guard var range = Self.find(replacement.find, in: text) else { continue }
                var replaced: [UInt8] = []
                replaced.reserveCapacity(text.count)
                var from = 0
                while true {
                    replaced += text[from..<range.lowerBound]
                    record(replacement.rule, String(decoding: replacement.find, as: UTF8.self),
                           String(decoding: replacement.replace, as: UTF8.self), column: replaced.count + 1)
                    replaced += replacement.replace
                    from = range.upperBound
                    guard let next = Self.find(replacement.find, in: text, from: from) else { break }
                    range = next
                }
                replaced += text[from...]
                text = replaced
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
            // Most lines hold only words no repair touches: found without
            // entering repairWords, whose token list and joins cost allocations.
            if !(usesShortcuts && isUnchangedByWordRepairs(text, followsBrokenLine: followsBrokenLine)) {
                text = repairWords(text, followsBrokenLine: followsBrokenLine, record: record)
            }
            if mayHave(GarbleRules.spacedMarkFeature) { text = repairSpacing(text, record: record) }
            if text == start { break }
        }
        if text != line.bytes { line.bytes = text }
    }

    /// The matches of a phrase rule in one line, searched under `phraseTimeLimit` (`TimedRegexSearch`).
    static func matches(of phrase: GarbleRules.Phrase, in string: String, line: Int) throws -> [NSTextCheckingResult] {
        var found: [NSTextCheckingResult] = []
        let inTime = TimedRegexSearch.enumerateMatches(of: phrase.regex, in: string) { found.append($0); return true }
        if !inTime { throw StageError.ruleTooSlow(stage: descriptor.name, rule: phrase.rule, line: line, seconds: phraseTimeLimit) }
        return found
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
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int = 0) -> Range<Int>? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        return haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pin in
                var start = from
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
}
