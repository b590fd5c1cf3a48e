/// Converts text between Cyrillic and the romanization schemes of Russian,
/// word by word through ICU transform rules (`rules/translit/`).
///
/// Changes: every word of the source script: `Ежов` → `Ezhov` (cyrillic → loc),
/// `Ezhov` → `Ежов` (loc → cyrillic), `Yezhov` → `Ezhov` (popular → loc, through
/// Cyrillic). Lossy schemes (loc, bgn, popular) are read back with the Russian
/// word list; a reading it cannot confirm is kept and reported for review.
/// From a Latin scheme the input is taken as English prose: only the Russian
/// words change (see `ProseConverter`), never an English word; with
/// `whole-text: true`, for text that is all Russian, every Latin word converts.
/// Never touches: words of other scripts, digits, punctuation, spacing, line
/// endings.
/// Holds back nothing. Cost: a scan of each line's bytes; from Cyrillic to a
/// scheme with a letter table (all of them), a table look-up per letter for
/// lower- and Title-case words; for the other words a cache look-up per word
/// and ICU once per distinct word.
public struct Transliterator: SurveyingStage, RegisteredStage {
    public struct Configuration: Sendable, Equatable {
        /// What the input is written in.
        public var from = Script.cyrillic
        /// What to write.
        public var to = Script.loc
        /// Extra headword lexicon (acronyms, pinned forms) on top of the built-in one.
        public var lexicon: String?
        /// The Russian word list; nil looks for the default one.
        public var wordList: String?
        /// The Russian name list (prose from a Latin scheme); nil looks for the default one.
        public var nameList: String?
        public var keepsYo = true
        /// Leave out the soft and hard signs in Latin output (Bel'skii → Belskii).
        public var dropsSigns = false
        /// A directory whose rule files override the built-in ones.
        public var rulesDirectory: String?
        /// Confirms that Latin input is all Russian, to be converted word by word.
        public var wholeText = false
        /// Converts with the scheme's letter table where it is exact; false
        /// sends every word through the ICU rules (tests compare the two).
        var usesLetterTable = true

        public init(from: Script = .cyrillic, to: Script = .loc, lexicon: String? = nil,
                    wordList: String? = nil, nameList: String? = nil, keepsYo: Bool = true, dropsSigns: Bool = false,
                    rulesDirectory: String? = nil, wholeText: Bool = false) {
            self.from = from
            self.to = to
            self.lexicon = lexicon
            self.wordList = wordList
            self.nameList = nameList
            self.keepsYo = keepsYo
            self.dropsSigns = dropsSigns
            self.rulesDirectory = rulesDirectory
            self.wholeText = wholeText
        }
    }

    /// A configuration that cannot be run, with the reason.
    public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    public static let descriptor = StageDescriptor(
        name: "transliterate",
        summary: "converts between Cyrillic and the romanization schemes of Russian (emend schemes lists them)",
        options: [
            OptionSpec("from", .choice(TransliterationSchemes.choices), default: .string("cyrillic"),
                       "the script or scheme of the input"),
            OptionSpec("to", .choice(TransliterationSchemes.choices), default: .string("loc"),
                       "the script or scheme to write"),
            OptionSpec("lexicon", .string, default: .string(""),
                       "a headword lexicon file added to the built-in one (acronyms, pinned forms)"),
            OptionSpec("words", .string, default: .string(""),
                       "the Russian word list for reading lossy schemes (default: rules/lexicon/russian-words.txt)"),
            OptionSpec("names", .string, default: .string(""),
                       "the Russian name list that confirms capitalised words of prose (default: rules/lexicon/russian-names.txt)"),
            OptionSpec("yo", .bool, default: .bool(true), "write ё and ë; when false, ё is read and written as е"),
            OptionSpec("drop-signs", .bool, default: .bool(false),
                       "leave out the soft and hard signs in Latin output (Bel'skii becomes Belskii)"),
            OptionSpec("rules", .string, default: .string(""),
                       "a directory of rule files that override the built-in ones (same layout as rules/)"),
            OptionSpec("whole-text", .bool, default: .bool(false),
                       "the input is all Russian: convert every Latin word, not only the Russian words of English prose"),
        ],
        make: { options in
            func script(_ option: String) throws -> Script {
                let name = options.string(option)
                guard let script = Script(rawValue: name) else {
                    throw ConfigurationError(description: "unknown scheme '\(name)'; expected one of \(quotedList(TransliterationSchemes.choices))")
                }
                return script
            }
            return try Transliterator(configuration: Configuration(
                from: try script("from"), to: try script("to"), lexicon: options.path("lexicon"),
                wordList: options.path("words"), nameList: options.path("names"), keepsYo: options.bool("yo"), dropsSigns: options.bool("drop-signs"),
                rulesDirectory: options.path("rules"),
                wholeText: options.bool("whole-text")))
        }
    )

    public let configuration: Configuration
    public var name: String { Self.descriptor.name }
    /// Each line is converted on its own: nothing is held back.
    public var maximumHeldLines: Int { 0 }
    private let converter: WordConverter
    private let scanner: WordScanner
    private let isIdentity: Bool
    private let rulePrefix: String
    /// Set when the source is a Latin scheme and the text is English prose.
    private var prose: ProseConverter?

    public init(configuration: Configuration = Configuration()) throws {
        self.configuration = configuration
        let source = configuration.from.scheme
        let library = try RuleLibrary(checking: configuration.rulesDirectory)
        var headwords = try HeadwordLexicon.builtIn(library: library)
        if let lexicon = configuration.lexicon { headwords.merge(try HeadwordLexicon.load(path: lexicon)) }
        let isProse = source != nil && !configuration.wholeText
        let needsWordList = isProse || !(source?.isReversible ?? true)
        // A conversion that needs the word list stops without it (never a silent
        // conversion with every reading unconfirmed).
        let wordList = try configuration.wordList.map { try RussianWordList(path: $0) }
            ?? (needsWordList ? RussianWordList.loadDefault(library: library) : nil)
        isIdentity = configuration.from == configuration.to
        // Prose is read with the name list too: capitalised words are confirmed by it.
        let names = isProse && !isIdentity
            ? try configuration.nameList.map { try RussianWordList(path: $0) } ?? RussianWordList.loadDefaultNames(library: library)
            : nil
        converter = try WordConverter(from: configuration.from.rawValue, to: configuration.to.rawValue, library: library,
                                      headwords: headwords, wordList: wordList, keepsYo: configuration.keepsYo,
                                      dropsSigns: configuration.dropsSigns,
                                      usesLetterTable: configuration.usesLetterTable)
        scanner = source == nil ? WordScanner(script: .cyrillic)
            : WordScanner(script: .latin, trailingApostrophe: source?.name == "loc", typographicApostrophe: isProse)
        rulePrefix = "translit:\(configuration.from.rawValue)->\(configuration.to.rawValue):"
        prose = isProse && !isIdentity
            ? try ProseConverter(from: configuration.from.rawValue, to: configuration.to.rawValue, library: library, headwords: headwords,
                                 wordList: wordList, names: names, keepsYo: configuration.keepsYo, dropsSigns: configuration.dropsSigns)
            : nil
    }

    /// The document's word counts, for prose: a capitalised word the lists
    /// leave is read as the Russian name the document writes in another
    /// scheme's spelling (`ProseConverter.reading(_:)`). Nothing otherwise.
    public var surveyParts: SurveyParts { prose == nil ? [] : .words }

    /// Gives this stage's prose converter the whole document's counts (a new
    /// converter sharing the old one's tables: other copies of the stage keep theirs).
    public mutating func use(_ survey: DocumentSurvey) { prose = prose?.reading(survey) }

    /// Converts a block of lines: the block's words are looked up together
    /// (new ones go to ICU in batches), then each line is rebuilt.
    public mutating func consume(_ pending: inout [Line], into output: inout StageOutput) throws {
        defer { pending.removeAll(keepingCapacity: true) }
        guard !isIdentity else {
            output.lines.append(contentsOf: pending)
            return
        }
        if let prose {
            for var line in pending {
                try convertProse(&line, with: prose, changes: &output)
                output.lines.append(line)
            }
            return
        }
        if scanner.script == .cyrillic { return try consumeCyrillic(pending, into: &output) }
        var words: [ArraySlice<UInt8>] = []
        var ranges: [Range<Int>] = []
        var wordCounts: [Int] = []
        wordCounts.reserveCapacity(pending.count)
        for line in pending {
            let found = scanner.words(in: line.bytes)
            wordCounts.append(found.count)
            ranges.append(contentsOf: found)
            for range in found { words.append(line.bytes[range]) }
        }
        let entries = try converter.convert(words)
        let converter = self.converter
        output.lines.reserveCapacity(output.lines.count + pending.count)
        var next = 0
        for (var line, count) in zip(pending, wordCounts) {
            if count > 0 {
                rebuild(&line, ranges: ranges[next..<(next + count)],
                        results: entries[next..<(next + count)].lazy.map { converter.result(at: $0) }, changes: &output)
                next += count
            }
            output.lines.append(line)
        }
    }

    /// Rebuilds a line with its words replaced by their conversions.
    private func rebuild<Results: Sequence>(_ line: inout Line, ranges: ArraySlice<Range<Int>>, results: Results,
                                            changes output: inout StageOutput) where Results.Element == WordConverter.Result {
        var result: [UInt8] = []
        result.reserveCapacity(line.bytes.count + line.bytes.count / 2)
        var copied = 0
        for (range, converted) in zip(ranges, results) {
            result.append(contentsOf: line.bytes[copied..<range.lowerBound])
            result.append(contentsOf: converted.output)
            copied = range.upperBound
            if output.recordsChanges, let change = change(of: line.bytes[range], line: line.number, at: range.lowerBound,
                                                          to: converted) {
                output.changes.append(change)
            }
        }
        result.append(contentsOf: line.bytes[copied...])
        line.bytes = result
    }

    /// The change record of `word` (at byte `offset` of input line `line`), or
    /// nil when it stays as it was and needs no review.
    private func change(of word: ArraySlice<UInt8>, line: Int, at offset: Int, to converted: WordConverter.Result) -> Change? {
        guard !converted.output.elementsEqual(word) || converted.reason.needsReview else { return nil }
        return Change(kind: .edited, stage: name, rule: rulePrefix + converted.reason.name, line: line,
                      column: offset + 1, before: String(decoding: word, as: UTF8.self),
                      after: String(decoding: converted.output, as: UTF8.self))
    }

    /// A word from Cyrillic whose conversion the block waits for: where it
    /// goes in which output line, and its change record's place.
    private struct PendingWord {
        var line: Int
        var offset: Int
        var range: Range<Int>
        var change: Int?
    }

    /// From Cyrillic: rebuilds each line in one pass over its bytes. A word
    /// the letter table converts, or the cache remembers, is written at once;
    /// the block's other words then go to the converter together (new ones to
    /// ICU in batches) and are put in their places.
    private func consumeCyrillic(_ pending: [Line], into output: inout StageOutput) throws {
        let converter = self.converter, letterTable = converter.letterTable
        // Where the block's lines are rebuilt: one per call, so copies of the
        // stage never write into the same memory, and nothing stays allocated
        // after a long line.
        let buffer = ByteBuffer()
        var waiting: [PendingWord] = []
        var waitingWords: [ArraySlice<UInt8>] = []
        output.lines.reserveCapacity(output.lines.count + pending.count)
        // Plain pointers in the loop: no reference counting per word.
        let table = letterTable?.compiled
        defer { withExtendedLifetime(letterTable) {} }
        for var line in pending {
            guard line.bytes.contains(where: { $0 >= 0xD0 && $0 <= 0xD4 }) else {
                output.lines.append(line)
                continue
            }
            let written = line.bytes.withUnsafeBufferPointer { bytes -> Int in
                let source = bytes.baseAddress!, count = bytes.count
                buffer.reserve(count * 4 + 16, keeping: 0)
                var index = 0, written = 0
                while index < count {
                    let byte = source[index]
                    guard byte >= 0xD0 && byte <= 0xD4, index + 1 < count,
                          WordScanner.isCyrillicLetter(byte, source[index + 1]) else {
                        buffer.base[written] = byte
                        written += 1
                        index += 1
                        continue
                    }
                    // Room for the table's Latin of the rest of the line (at most 4 bytes a byte).
                    buffer.reserve(written + (count - index) * 4 + 16, keeping: written)
                    if let table, let (end, length) = table.convertWord(source, from: index, limit: count,
                                                                        into: buffer.base + written) {
                        if output.recordsChanges {
                            let latin = Array(UnsafeBufferPointer(start: buffer.base + written, count: length))
                            if let change = change(of: line.bytes[index..<end], line: line.number, at: index,
                                                   to: .init(output: latin, reason: .scheme)) {
                                output.changes.append(change)
                            }
                        }
                        written += length
                        index = end
                        continue
                    }
                    let end = WordScanner.cyrillicWordEnd(source, from: index, limit: count)
                    if let result = converter.cachedResult(of: UnsafeRawBufferPointer(start: source + index, count: end - index)) {
                        buffer.reserve(written + result.output.count + (count - end) * 4 + 16, keeping: written)
                        result.output.withUnsafeBufferPointer { (buffer.base + written).update(from: $0.baseAddress!, count: $0.count) }
                        written += result.output.count
                        if output.recordsChanges, let change = change(of: line.bytes[index..<end], line: line.number,
                                                                      at: index, to: result) {
                            output.changes.append(change)
                        }
                    } else {
                        waiting.append(PendingWord(line: output.lines.count, offset: written, range: index..<end,
                                                   change: output.recordsChanges ? output.changes.count : nil))
                        waitingWords.append(line.bytes[index..<end])
                        if output.recordsChanges {  // a place kept, filled below
                            output.changes.append(Change(kind: .edited, stage: name, rule: rulePrefix, line: line.number,
                                                         column: index + 1, before: "", after: ""))
                        }
                    }
                    index = end
                }
                return written
            }
            line.bytes = Array(UnsafeBufferPointer(start: buffer.base, count: written))
            output.lines.append(line)
        }
        guard !waiting.isEmpty else { return }
        let entries = try converter.convert(waitingWords)
        var unchanged: Set<Int> = []  // change records of words that stayed as they were
        var next = 0
        while next < waiting.count {
            let lineIndex = waiting[next].line
            var last = next
            while last + 1 < waiting.count && waiting[last + 1].line == lineIndex { last += 1 }
            let before = output.lines[lineIndex].bytes
            var bytes: [UInt8] = []
            bytes.reserveCapacity(before.count + 64)
            var copied = 0
            for index in next...last {
                let word = waiting[index], result = converter.result(at: entries[index])
                bytes.append(contentsOf: before[copied..<word.offset])
                bytes.append(contentsOf: result.output)
                copied = word.offset
                guard let place = word.change else { continue }
                if let change = change(of: waitingWords[index], line: output.lines[lineIndex].number,
                                       at: word.range.lowerBound, to: result) {
                    output.changes[place] = change
                } else {
                    unchanged.insert(place)
                }
            }
            bytes.append(contentsOf: before[copied...])
            output.lines[lineIndex].bytes = bytes
            next = last + 1
        }
        if !unchanged.isEmpty {
            output.changes = output.changes.enumerated().filter { !unchanged.contains($0.offset) }.map(\.element)
        }
    }

    /// The parts of a hyphenated name go together, never one in each scheme
    /// (Bonch-Bruevich, not Bonch-Bruyevich from one part alone): a compound
    /// the converter reads whole (the name list has бонч-бруевич) becomes one
    /// word; otherwise, when its parts are capitalised and one of them looks
    /// Russian but is unconfirmed, or is no Russian word that the target would
    /// write otherwise (`ProseConverter.staysBesideConvertedParts`: Bonch of
    /// Bonch-Bruevich, Bonč in `scholarly`), none of them changes (each
    /// converting part is reported). A part that is not Russian at all and
    /// stays as it is in any scheme (Molotov-Ribbentrop, Yezhov-Smith) lets the
    /// others convert.
    private func joinHyphenatedNames(_ bytes: [UInt8], ranges: inout [Range<Int>], results: inout [ProseConverter.Result],
                                     with prose: ProseConverter) throws {
        var index = ranges.count - 1
        while index > 0 {
            var first = index
            while first > 0, ranges[first - 1].upperBound + 1 == ranges[first].lowerBound,
                  bytes[ranges[first - 1].upperBound] == UInt8(ascii: "-") {
                first -= 1
            }
            defer { index = first - 1 }
            guard first < index else { continue }
            let parts = first...index
            guard parts.contains(where: { results[$0].reason != .notRussian }) else { continue }
            let span = ranges[first].lowerBound..<ranges[index].upperBound
            let whole = try prose.convert(bytes[span])
            if whole.reason.converts {
                ranges.replaceSubrange(parts, with: [span])
                results.replaceSubrange(parts, with: [whole])
                continue
            }
            let capitalised = parts.allSatisfy { bytes[ranges[$0].lowerBound] >= UInt8(ascii: "A") && bytes[ranges[$0].lowerBound] <= UInt8(ascii: "Z") }
            guard capitalised, parts.contains(where: { results[$0].reason.converts }) else { continue }
            let mixesSchemes = try parts.contains { part in
                try results[part].reason == .notRussian && !prose.staysBesideConvertedParts(bytes[ranges[part]])
            }
            if mixesSchemes || parts.contains(where: { results[$0].reason.needsReview }) {
                for part in parts where results[part].reason.converts {
                    results[part] = .init(output: Array(bytes[ranges[part]]), reason: .unconfirmed)
                }
            }
        }
    }

    /// Converts the Russian words of one line of English prose; initials go
    /// with the name that follows them ("Yu. V. Andropov").
    private func convertProse(_ line: inout Line, with prose: ProseConverter, changes output: inout StageOutput) throws {
        guard line.bytes.contains(where: { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }) else { return }
        var ranges = scanner.words(in: line.bytes)
        var results = try ranges.map { try prose.convert(line.bytes[$0]) }
        // The first piece of a word broken at the line's end (Polit- / buro) is no
        // whole name: the surname list, which reads whole names only, leaves it,
        // unless the document writes it whole elsewhere (a dash after a name:
        // "And of Khandzhian-", a speech broken off).
        if let last = ranges.indices.last, results[last].reason == .surnameList,
           line.bytes[ranges[last].upperBound...].first == UInt8(ascii: "-"),
           line.bytes[ranges[last].upperBound...].dropFirst().allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }),
           !prose.documentWritesWhole(line.bytes[ranges[last]]) {
            results[last] = .init(output: Array(line.bytes[ranges[last]]), reason: .unconfirmed)
        }
        try joinHyphenatedNames(line.bytes, ranges: &ranges, results: &results, with: prose)
        // A first name that does not convert alone (Sergei, Olga: English proper
        // nouns) goes with the Russian surname or patronymic one space after it.
        for index in ranges.indices.dropLast().reversed() where results[index].reason == .notRussian {
            let end = ranges[index].upperBound
            let next = ranges[index + 1].lowerBound
            guard end + 1 == next, line.bytes[end] == UInt8(ascii: " "),
                  line.bytes[next] >= UInt8(ascii: "A"), line.bytes[next] <= UInt8(ascii: "Z"),
                  prose.isSurnameOrPatronymic(results[index + 1]),
                  let name = try prose.firstName(line.bytes[ranges[index]]) else { continue }
            results[index] = name
        }
        // A word read as a name alone by its shape (Noveishei, Muzey) is read as a
        // common word inside a Russian phrase: one space from a Russian common word
        // as the words were decided alone (a word read so here makes no neighbour of its own).
        let decided = results
        for index in ranges.indices where decided[index].reason == .unconfirmed {
            let before = index > 0 && ranges[index - 1].upperBound + 1 == ranges[index].lowerBound
                && line.bytes[ranges[index - 1].upperBound] == UInt8(ascii: " ") && prose.isRussianCommonWord(decided[index - 1])
            let after = index + 1 < ranges.count && ranges[index].upperBound + 1 == ranges[index + 1].lowerBound
                && line.bytes[ranges[index].upperBound] == UInt8(ascii: " ") && prose.isRussianCommonWord(decided[index + 1])
            guard before || after, let word = try prose.wordOfRussianPhrase(line.bytes[ranges[index]]) else { continue }
            results[index] = word
        }
        // Initials go with the name after them. A one-letter initial changes only
        // when that name changes spelling ("J. V. Stalin" keeps its J). An initial
        // printed in capitals (IA. for Ia., Я.) is written as the target writes
        // initials (Ya.), in capitals only before a name in capitals.
        var nameFollows = false, nameChanges = false, nameIsUpper = false
        let isUpper = { (byte: UInt8) in byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
        let isLower = { (byte: UInt8) in byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        for index in results.indices.reversed() {
            let range = ranges[index]
            let word = line.bytes[range]
            let isCapitalized = word.first.map(isUpper) == true
            let gapIsInitialDot = index + 1 < ranges.count && range.upperBound < line.bytes.count
                && line.bytes[range.upperBound] == UInt8(ascii: ".")
                && line.bytes[(range.upperBound + 1)..<ranges[index + 1].lowerBound].allSatisfy { $0 == 0x20 }
            if results[index].reason.converts && isCapitalized && results[index].reason != .initial {
                nameFollows = true
                nameChanges = !results[index].output.elementsEqual(word)
                nameIsUpper = word.count > 1 && word.allSatisfy { !isLower($0) }
            } else if nameFollows, gapIsInitialDot, isCapitalized, word.count <= 4,
                      word.dropFirst().allSatisfy(isLower) || word.dropFirst().allSatisfy(isUpper) {
                // An initial; the ones before it still belong to the same name.
                if word.count > 1 || nameChanges, var initial = try prose.convertInitial(word) {
                    if nameIsUpper { initial = Array(String(decoding: initial, as: UTF8.self).uppercased().utf8) }
                    results[index] = .init(output: initial, reason: .initial)
                }
            } else {
                nameFollows = false
            }
        }
        guard results.contains(where: { $0.reason != .notRussian }) else { return }
        var rebuilt: [UInt8] = []
        rebuilt.reserveCapacity(line.bytes.count + 16)
        var copied = 0
        for (range, result) in zip(ranges, results) {
            rebuilt.append(contentsOf: line.bytes[copied..<range.lowerBound])
            rebuilt.append(contentsOf: result.reason.converts ? result.output : Array(line.bytes[range]))
            copied = range.upperBound
            let changed = result.reason.converts && !result.output.elementsEqual(line.bytes[range])
            if output.recordsChanges && (changed || result.reason.needsReview) {
                output.changes.append(Change(
                    kind: .edited, stage: name, rule: rulePrefix + result.ruleName, line: line.number,
                    column: range.lowerBound + 1, before: String(decoding: line.bytes[range], as: UTF8.self),
                    after: String(decoding: changed ? result.output : Array(line.bytes[range]), as: UTF8.self)))
            }
        }
        rebuilt.append(contentsOf: line.bytes[copied...])
        line.bytes = rebuilt
    }
}
