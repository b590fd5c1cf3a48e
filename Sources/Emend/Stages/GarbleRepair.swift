import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Yams

/// Repairs OCR garbles, only where the repair is certain, deciding from the
/// whole document's own counts (`DocumentSurvey`) and real word lists.
///
/// A compound of repairs, one type and one file each under `Garbles/Repairs/`,
/// each with a cheap trigger that passes by the lines or tokens it cannot
/// change; the order they run in is `GarbleRepair+Order.swift`'s lists, each
/// change reported with the rule that made it:
/// 1. Once per line: Unicode debris (ligatures, invisible characters,
///    no-break spaces between letters), mixed scripts, the literal
///    `replacements` and `phrases` of `rules/garbles/*.yaml` ("VKP(b1" →
///    "VKP(b)", "to he shot" → "to be shot"), footnote references with
///    letters for digits when the footnote stands near.
/// 2. Up to three rounds, until nothing changes, of the word repairs
///    (`Garbles/WordRepairs.swift`: each token's own repair, then the joins of
///    tokens) and of the spacing before marks.
/// A token's own repair tries, in order: years, an archive citation's space,
/// a missing space after a mark, a rare word a confusion the document makes
/// explains, a word broken by an inner hyphen, words run together at a
/// capital, a capitalised word run together with the next, confusions,
/// words run together; the joins: split years, letter-spaced words, stray
/// spaces inside a word, words broken into several pieces.
/// What the repairs share (the rules, lexicons, the document's counts and
/// what they show, the evidence) is the `Context` the stage hands each
/// (`Garbles/GarbleContext.swift`); the protocols are in
/// `Garbles/GarbleRepairRule.swift`, the rule files' form in `GarbleRules.swift`.
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
    public var maximumHeldLines: Int { context.surveyIsHanded ? Self.footnoteWindow : max(Self.footnoteWindow, configuration.lookAhead) }
    /// With a survey, a line is decided by the footnotes of the lines around
    /// it (`footnoteWindow` each way) and whether the line before ended broken;
    /// without one, by the counts of every line before it.
    public var chunkContext: Int? { context.surveyIsHanded ? Self.footnoteWindow + 1 : nil }
    static let footnoteWindow = 60

    /// What every repair reads: the rules, lexicons, the document's counts and what they show.
    var context: Context
    /// Lines at the front of the pending buffer already counted.
    var countedPending = 0
    /// The survey's size when the context's evidence was last made (made again as counts grow).
    var activeConfusionsCountedAt = -1
    /// True when the line before ended in a broken word.
    var previousEndedBroken = false
    /// Footnote numbers of the lines just written, with their lines.
    var recentFootnotes: [(number: Int, line: Int)] = []
    /// False makes every line and token take the whole way, without the
    /// repairs' triggers that pass most of them by: the same output, slower.
    /// For tests of those triggers.
    var usesShortcuts: Bool {
        get { context.usesShortcuts }
        set { context.usesShortcuts = newValue }
    }

    public init(configuration: Configuration = Configuration(), english: EnglishWordList = .builtIn) throws {
        self.configuration = configuration
        let library = try RuleLibrary(checking: configuration.rulesDirectory)
        var rules = GarbleRules()
        let builtIn = "garbles/default.yaml"
        if let text = try library.text(of: builtIn) {
            try rules.add(text: text, file: library.displayName(of: builtIn), patternsKnown: LazyRegex.isBuiltIn(text, path: builtIn))
        }
        if let path = configuration.rulesFile {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw RuleFileError(file: path, message: "no such rule file '\(path)'")
            }
            try rules.add(text: String(decoding: data, as: UTF8.self), file: path)
        }
        let names = try NameSpellings.shared(library: library)
        let compounds = "dehyphenate/compounds.yaml"
        let compoundPrefixes = try library.text(of: compounds).map {
            try Dehyphenator.compoundPrefixes(in: $0, file: library.displayName(of: compounds))
        } ?? []
        let russianLooking = RussianLookingTest(try ProseConverter.loadLazyPatterns(library: library, scheme: "loc")
            + ProseConverter.loadLazyPatterns(library: library, scheme: "popular"))
        context = Context(rules: rules, english: english, names: names, confusables: try LookAlikes.shared(),
                          compoundPrefixes: compoundPrefixes, russianLooking: russianLooking,
                          maximumWordLength: configuration.maximumWordLength)
        if let path = configuration.vocabulary { try context.bookVocabulary.load(path: path) }
    }

    /// The survey's word and pair counts and what it reads around words
    /// (mark spacing, years, i-words); never its pages.
    public var surveyParts: SurveyParts { [.words, .pairs] }

    public mutating func use(_ survey: DocumentSurvey) {
        context.survey = survey
        context.surveyIsHanded = true
        context.decisions = TokenDecisions()
        context.tokenFacts = TokenFacts()
        // Weighed once, here, so that copies of the stage (`ChunkedStages`) share the result.
        weighDocumentEvidence()
    }

    /// Which learned confusions the document makes, whether it loses spaces
    /// and reads "i" as "I", from the counts so far (the whole document's once
    /// a survey is handed over).
    private mutating func weighDocumentEvidence() {
        let (survey, english, names, confusions) = (context.survey, context.english, context.names, context.rules.learnedConfusions)
        let index = context.confusionIndex.get { ConfusionIndex(confusions: confusions, english: english, names: names) }
        let tallies = index.tallies(in: survey)
        context.activeConfusions = tallies.map(ConfusionEvidence.isSystematic)
        context.confusionRates = tallies.map { ConfusionEvidence.isSystematic($0) ? $0.damageRate : 0 }
        context.makesAnyConfusion = context.activeConfusions.contains(true)
        let functionWords = context.rules.functionWordList
        // While the pairs are not made, a document with fewer entries than a quarter of the pairs
        // (`cutsTheWords`: a page, not a book) is tested by cutting its own words, once a process;
        // after it, the pairs are made once and every document is tested against them.
        if context.spaceLossPairs.made == nil, SpaceLossEvidence.cutsTheWords(of: survey, functionWords: functionWords),
           context.spaceLossDocuments.increment() == 1,
           SpaceLossEvidence.damagedUsesCuttingTheWords(survey, functionWords: functionWords, english: english) < ConfusionEvidence.minimumDamaged {
            context.losesSpaces = false
        } else {
            let pairs = context.spaceLossPairs.get { SpaceLossEvidence.Pairs(SpaceLossEvidence.pairs(functionWords: functionWords, english: english)) }
            context.losesSpaces = SpaceLossEvidence.isMade(in: survey, pairs: pairs)
        }
        context.capitalIWords = CapitalIForSmall.confusedWords(in: survey, functionWords: functionWords, sentenceOpeners: context.rules.sentenceOpeners)
        activeConfusionsCountedAt = max(1, survey.wordsCounted)
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
        if !context.surveyIsHanded {
            for index in countedPending..<pending.count { context.survey.add(line: pending[index].bytes) }
            countedPending = pending.count
        }
        // A line waits for the lines after it, as many as the window holds (fewer when they are long: `LookAhead`).
        let ready = LookAhead.readyCount(in: pending, lines: maximumHeldLines, atEnd: atEnd)
        guard ready > 0 else { return }
        if activeConfusionsCountedAt < 0 || (!context.surveyIsHanded && context.survey.wordsCounted >= 2 * activeConfusionsCountedAt) {
            weighDocumentEvidence()
        }
        let ahead = pending.map { FootnoteShape.number($0.bytes) }
        // aheadCounts[i]: the footnote lines among the first i, so a window's count is one subtraction.
        var aheadCounts = [0]
        aheadCounts.reserveCapacity(ahead.count + 1)
        for number in ahead { aheadCounts.append(aheadCounts[aheadCounts.count - 1] + (number == nil ? 0 : 1)) }
        var windows = LookAhead.Cursor(lines: Self.footnoteWindow)
        // Made for the context as it stands (a repair's needed features may depend on the document's evidence).
        var sieves = (line: LineRepairSieve(Self.lineRepairs, in: context), round: LineRepairSieve(Self.roundRepairs, in: context))
        // One value for the lines of the batch: each line's bytes move into it
        // and back, and its footnotes are made anew only when the recent ones change.
        var around = GarbleLine(text: [], number: 0, footnotes: nil, followsBrokenLine: false)
        var recentChanged = true
        // Each line is repaired where it stands (what is read of the lines after it is read before they are repaired).
        for index in 0..<ready {
            let window = windows.window(after: index, in: pending)
            if recentFootnotes.isEmpty && aheadCounts[window.upperBound] == aheadCounts[window.lowerBound] {
                around.footnotes = nil
            } else if recentChanged || around.footnotes == nil {
                around.footnotes = NearbyFootnotes(recent: recentFootnotes, ahead: ahead, window: window)
                recentChanged = false
            } else {
                around.footnotes!.window = window
            }
            around.number = pending[index].number
            around.followsBrokenLine = previousEndedBroken
            around.nextLineStart = index + 1 < pending.count ? Self.firstByte(of: pending[index + 1].bytes) : 0x20
            around.nextTextStart = around.nextLineStart == 0x20 && index + 2 < pending.count
                ? Self.firstByte(of: pending[index + 2].bytes) : around.nextLineStart
            try repair(&pending[index], through: &around, sieves: &sieves, changes: &output)
            // Blank lines between the halves of a broken word do not end the protection.
            if !pending[index].bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { previousEndedBroken = Dehyphenator.brokenEnd(pending[index]) != nil }
            let number = pending[index].number
            if let footnote = ahead[index] {
                recentFootnotes.append((footnote, number))
                recentChanged = true
            }
            // Asked first: removing, even nothing, would copy the list `around` shares.
            if recentFootnotes.contains(where: { number - $0.line > Self.footnoteWindow }) {
                recentFootnotes.removeAll { number - $0.line > Self.footnoteWindow }
                recentChanged = true
            }
        }
        if ready == pending.count {
            output.lines.moveAppend(&pending)
        } else {
            output.lines.append(contentsOf: pending[0..<ready])
            pending.removeSubrange(0..<ready)
        }
        countedPending = max(0, countedPending - ready)
    }

    // MARK: One line

    /// Runs the repairs of `lineRepairs` and then, in rounds, of `roundRepairs`
    /// (`GarbleRepair+Order.swift`) over one line, each where its trigger fires
    /// (asked where the line's features let it: `sieves`, made of those lists).
    /// `garbleLine` holds what the stage knows around the line and no text:
    /// the line's bytes move into it for the repairs and back, uncopied (it
    /// is left with no text again).
    /// Inlined into the line loop: called apart, the stage and the line's
    /// facts were copied into it for every line.
    @inline(__always)
    func repair(_ line: inout Line, through garbleLine: inout GarbleLine, sieves: inout (line: LineRepairSieve, round: LineRepairSieve),
                changes output: inout StageOutput) throws {
        guard !line.bytes.isEmpty else { return }
        let stage = Self.descriptor.name, number = line.number  // captured alone: a capture of `self` would copy the stage for every line
        func record(_ rule: String, _ before: String, _ after: String, column: Int) {
            guard output.recordsChanges else { return }
            output.changes.append(Change(kind: .edited, stage: stage, rule: rule, line: number, column: column,
                                         before: before, after: after))
        }
        swap(&garbleLine.text, &line.bytes)
        defer { swap(&garbleLine.text, &line.bytes) }
        let takesEveryStep = !context.usesShortcuts
        _ = try sieves.line.run(on: &garbleLine, in: context, takesEveryStep: takesEveryStep, record: record)
        // One repair can give another the context it waits for: rounds until
        // nothing changes (three at most), so a second run finds nothing left to do.
        for _ in 0..<3 {
            guard let start = try sieves.round.run(on: &garbleLine, in: context, takesEveryStep: takesEveryStep, record: record),
                  garbleLine.text != start else { break }
        }
    }

    /// The first byte of a line that is not a space or tab; a space for a blank line.
    static func firstByte(of line: [UInt8]) -> UInt8 { line.first { $0 != 0x20 && $0 != 0x09 } ?? 0x20 }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    static func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }

    /// Where the run of ASCII letters that ends at `end` of `text` starts (`end` when none does).
    static func lettersStart(_ text: [UInt8], before end: Int) -> Int {
        var start = end
        while start > 0, isLower(text[start - 1]) || isUpper(text[start - 1]) { start -= 1 }
        return start
    }

    /// True where `splitCamel` cuts a word: a small letter at `index - 1`, a
    /// capital at `index` and a small letter after it ("inMoscow", not "RTsKhIDNI").
    static func isCamelCut<Bytes: RandomAccessCollection>(_ word: Bytes, at index: Bytes.Index) -> Bool
        where Bytes.Element == UInt8 {
        let next = word.index(after: index)
        return index > word.startIndex && next < word.endIndex
            && isLower(word[word.index(before: index)]) && isUpper(word[index]) && isLower(word[next])
    }

    /// The token `range` of `bytes` inside the punctuation around it (as `repairToken` takes it):
    /// ASCII marks, and the marks beyond ASCII that prose sets beside a word
    /// (`SurveyWordScanner.markLength`: curly quotes, dashes, guillemets, the ellipsis).
    static func core(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var first = range.lowerBound, last = range.upperBound
        guard let base = bytes.baseAddress else { return first..<last }
        while first < last {
            let byte = bytes[first]
            if byte < 0x80 {
                guard !DocumentVocabulary.isLetter(byte) && !isDigit(byte) else { break }
                first += 1
            } else {
                let length = SurveyWordScanner.markLength(base, last, at: first)
                guard length > 0 else { break }
                first += length
            }
        }
        while last > first {
            let byte = bytes[last - 1]
            if byte < 0x80 {
                guard !DocumentVocabulary.isLetter(byte) && !isDigit(byte) else { break }
                last -= 1
            } else {
                let length = SurveyWordScanner.markLength(base, endingAt: last, after: first)
                guard length > 0 else { break }
                last -= length
            }
        }
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
