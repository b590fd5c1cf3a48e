/// Why a word became what it did; shown by `emend translit --report` and in changes.
package enum TransliterationReason: Sendable, Equatable, Hashable {
    /// Letter for letter, by the schemes' rules.
    case scheme
    /// An all-caps acronym, written letter by letter in mixed case (RTsKhIDNI).
    case acronym
    /// Of the readings the lossy scheme allows, the one the Russian word list knows.
    case lexicon
    /// Several readings are Russian words; the first is written, the others listed.
    case ambiguous([String])
    /// No reading is in the Russian word list; the most likely one is written.
    case unconfirmed
    /// No Russian word list is installed; the most likely reading is written.
    case noWordList

    public var name: String {
        switch self {
        case .scheme: return "scheme"
        case .acronym: return "acronym"
        case .lexicon: return "lexicon"
        case .ambiguous(let readings): return "ambiguous: " + readings.joined(separator: "|")
        case .unconfirmed: return "unconfirmed"
        case .noWordList: return "no-word-list"
        }
    }

    /// True when a human should look at the result.
    public var needsReview: Bool {
        switch self {
        case .ambiguous, .unconfirmed, .noWordList: return true
        default: return false
        }
    }
}

/// Converts single words between Cyrillic and the schemes, caching each
/// distinct word's result so ICU runs once per word, not once per occurrence.
/// From Cyrillic to a scheme with a letter table, a word the table converts
/// exactly skips ICU and the cache (see `letterTable`).
///
/// Case follows the source word: Title and lower case pass through the rules;
/// an all-caps word is converted in lower case and upper-cased (ЩЕРБАКОВ →
/// SHCHERBAKOV, never ShchERBAKOV), except an acronym, written letter by
/// letter (РЦХИДНИ → RTsKhIDNI). A word is an acronym when the headword
/// lexicon marks it so, or when it has no vowel (ЦК, НКВД, ВСНХ).
package final class WordConverter {
    public struct Result: Sendable, Equatable {
        public var output: [UInt8]
        public var reason: TransliterationReason
    }

    public let source: String
    public let target: String
    private let sourceScheme: TransliterationScheme?
    private let targetScheme: TransliterationScheme?
    /// Cyrillic → target scheme.
    private let romanizer: ICU.Transliterator?
    /// Source scheme → Cyrillic (exact, or the most likely reading).
    private let reader: ICU.Transliterator?
    /// Cyrillic → source scheme, to check candidate readings of a lossy scheme.
    private let sourceRomanizer: ICU.Transliterator?
    private let headwords: HeadwordLexicon
    private let wordList: RussianWordList?
    /// Name forms that confirm a reading as the word list does (capitalised words of prose).
    private let names: RussianWordList?
    private let keepsYo: Bool
    private let dropsSigns: Bool
    /// The source scheme's alternatives, sorted once.
    let alternativeMembers: [(String, [String])]
    /// Cyrillic → target for the words it can do exactly (lower and Title
    /// case); nil when the scheme has none or an option changes the output.
    public let letterTable: LetterTable?
    /// Distinct words seen and what they became (nil while a batch is pending).
    private var cache = ByteStringTable<Result?>()
    /// Distinct words remembered at most; the cache starts afresh past it.
    public static let cacheLimit = 200_000

    /// - Parameters:
    ///   - source, target: scheme names or `cyrillic`.
    ///   - keepsYo: write ё (and ë) as such; when false, ё is read and written as е.
    ///   - dropsSigns: leave out the soft and hard signs a scheme writes (ʹ ʺ ' "): Bel'skii → Belskii.
    ///   - usesLetterTable: convert with the target scheme's letter table where
    ///     it is exact; false sends every word through the ICU rules (to compare).
    ///   - names: a name list whose forms confirm a reading too (Тухачевский,
    ///     which the word list lacks); only with `wordList`.
    public init(from source: String, to target: String, library: RuleLibrary = .builtIn,
                headwords: HeadwordLexicon, wordList: RussianWordList?, names: RussianWordList? = nil, keepsYo: Bool = true,
                dropsSigns: Bool = false, usesLetterTable: Bool = true) throws {
        self.source = source
        self.target = target
        sourceScheme = TransliterationSchemes.named(source)
        targetScheme = TransliterationSchemes.named(target)
        romanizer = try targetScheme.map { try Self.compile($0.forwardRules, library: library) }
        reader = try sourceScheme.map { try Self.compile($0.reverseRules, library: library) }
        sourceRomanizer = try sourceScheme.flatMap { $0.isReversible ? nil : try Self.compile($0.forwardRules, library: library) }
        self.headwords = headwords
        self.wordList = wordList
        self.names = names
        self.keepsYo = keepsYo
        self.dropsSigns = dropsSigns
        alternativeMembers = Self.alternativeMembers(sourceScheme?.alternatives ?? [])
        // The table stands for the scheme's rule file: not when options change
        // the output, nor when a rules directory replaces the rule file but not the table.
        if usesLetterTable, sourceScheme == nil, keepsYo, !dropsSigns, let scheme = targetScheme,
           let file = scheme.letterTable,
           !library.overrides("translit/" + scheme.forwardRules) || library.overrides("translit/" + file) {
            letterTable = try LetterTable.load(file, library: library)
        } else {
            letterTable = nil
        }
    }

    /// Compiles a scheme's rule file, mapping ICU's syntax errors to the file's line and column.
    public static func compile(_ file: String, library: RuleLibrary) throws -> ICU.Transliterator {
        let path = "translit/" + file
        let name = library.displayName(of: path)
        guard let rules = try library.text(of: path) else {
            throw RuleFileError(file: name, message: "no such rule file '\(name)'")
        }
        do {
            return try ICU.Transliterator(rules: rules, identifier: "emend-" + file)
        } catch let error as ICU.RuleSyntaxError {
            let lines = rules.split(separator: "\n", omittingEmptySubsequences: false)
            throw RuleFileError(
                file: name, location: SourceLocation(file: name, line: error.line, column: error.column),
                message: "ICU cannot compile this transform rule (\(error.errorName))",
                notes: ["ICU quotes the text around it as '\(error.before)' and '\(error.after)'"],
                sourceLine: error.line <= lines.count ? String(lines[error.line - 1]) : nil)
        }
    }

    /// Converts one word (its UTF-8 bytes).
    public func convert(_ word: ArraySlice<UInt8>) throws -> Result {
        if let output = letterTable?.convert(Array(word)) { return Result(output: output, reason: .scheme) }
        if let result = word.withUnsafeBytes({ cachedResult(of: $0) }) { return result }
        let result = try convertUncached(String(decoding: word, as: UTF8.self))
        if cache.count >= Self.cacheLimit { cache.removeAll() }
        cache.set(result, for: word)
        return result
    }

    public func convert(_ word: String) throws -> Result { try convert(ArraySlice(Array(word.utf8))) }

    /// Converts many words at once and returns, for each, its entry in the
    /// cache (read it with `result(at:)` until the next call). The new words
    /// that need nothing but the rules (Cyrillic in lower or Title case) go to
    /// ICU together, a few kilobytes per call, joined by newlines, which the
    /// rules treat as word boundaries: ICU's cost per call, not per letter, is
    /// what a word-at-a-time loop pays. One look-up per word, no allocation.
    public func convert(_ words: [ArraySlice<UInt8>]) throws -> [Int] {
        if cache.count + words.count >= Self.cacheLimit { cache.removeAll() }
        var entries: [Int] = []
        entries.reserveCapacity(words.count)
        var batch: [Int] = []
        var joined: [UInt8] = []
        func flush() throws {
            defer { batch.removeAll(keepingCapacity: true); joined.removeAll(keepingCapacity: true) }
            guard !batch.isEmpty else { return }
            if batch.count > 1, let romanizer {
                let parts = try romanizer.transliterate(joined).split(separator: 0x0A, omittingEmptySubsequences: false)
                if parts.count == batch.count + 1 {
                    for (entry, part) in zip(batch, parts) { cache[entry: entry] = Result(output: Array(part), reason: .scheme) }
                    return
                }
            }
            for entry in batch {  // one word, or the rules joined words: one by one
                cache[entry: entry] = try convertUncached(String(decoding: cache.key(at: entry), as: UTF8.self))
            }
        }
        let batchable = sourceScheme == nil && keepsYo && !dropsSigns
        for word in words {
            if let entry = cache.index(of: word) {
                entries.append(entry)
                continue
            }
            if batchable && !Self.isAllCapsCyrillic(word) {
                let entry = cache.set(nil, for: word)  // pending until the batch is flushed
                entries.append(entry)
                batch.append(entry)
                joined.append(contentsOf: word)
                joined.append(0x0A)
                // ICU edits its text in place, shifting the rest at each change: keep calls short.
                if joined.count >= Self.batchBytes { try flush() }
            } else {
                entries.append(cache.set(try convertUncached(String(decoding: word, as: UTF8.self)), for: word))
            }
        }
        try flush()
        return entries
    }

    /// What `word` became when it was converted before and is still remembered.
    public func cachedResult(of word: UnsafeRawBufferPointer) -> Result? {
        cache.index(of: word).flatMap { cache[entry: $0] }
    }

    /// The result stored at a cache entry returned by `convert(_:)`.
    /// (A word whose batch failed reads as itself, unconverted.)
    public func result(at entry: Int) -> Result {
        cache[entry: entry] ?? Result(output: Array(cache.key(at: entry)), reason: .scheme)
    }

    /// How the schemes write the soft and hard signs.
    static let signs: Set<Unicode.Scalar> = ["\u{2B9}", "\u{2BA}", "'", "\""]

    /// The most bytes of new words sent to ICU in one call.
    static let batchBytes = 1024

    /// True for a Cyrillic word with two or more capitals and no small letter,
    /// read off the UTF-8 bytes: such words need the all-caps path.
    static func isAllCapsCyrillic(_ word: ArraySlice<UInt8>) -> Bool {
        var capitals = 0
        var index = word.startIndex
        while index + 1 < word.endIndex {
            let lead = word[index], trail = word[index + 1]
            if lead == 0xD0 && trail < 0xB0 { capitals += 1 }                    // Ѐ–Я
            else if (lead == 0xD0 && trail >= 0xB0) || lead == 0xD1 { return false } // а–я, ѐ–џ, Ѡ–ѿ (mixed)
            else if lead >= 0xD2 && lead <= 0xD4 { capitals += (trail & 1 == 0) ? 1 : 0 }
            index += lead >= 0xC0 ? 2 : 1
        }
        return capitals >= 2
    }

    private func convertUncached(_ word: String) throws -> Result {
        var (cyrillic, reason) = sourceScheme == nil ? (word, TransliterationReason.scheme) : try read(word)
        if !keepsYo { cyrillic = Self.withoutYo(cyrillic) }
        guard targetScheme != nil else { return Result(output: Array(cyrillic.utf8), reason: reason) }
        var (latin, acronym) = try romanize(cyrillic)
        if acronym && reason == .scheme { reason = .acronym }
        if dropsSigns { latin.unicodeScalars.removeAll { Self.signs.contains($0) } }
        return Result(output: Array(latin.utf8), reason: reason)
    }

    // MARK: Cyrillic → Latin

    private func romanize(_ cyrillic: String) throws -> (String, Bool) {
        guard let romanizer else { return (cyrillic, false) }
        let shape = CaseShape(of: cyrillic)
        guard shape == .upper, cyrillic.unicodeScalars.count(where: { $0.properties.isAlphabetic }) >= 2 else {
            return (try romanizer.transliterate(cyrillic), false)
        }
        if isAcronym(cyrillic) {
            // Each letter alone, lower-cased, then capitalised: Ц → Ts, Х → Kh.
            var result = ""
            for letter in Self.letterClusters(cyrillic) {
                result += CaseShape.title.apply(to: try romanizer.transliterate(letter.lowercased()))
            }
            return (result, true)
        }
        return (try romanizer.transliterate(cyrillic.lowercased()).uppercased(), false)
    }

    /// An all-caps word is an acronym when the headword lexicon says so, or
    /// when it has no vowel (ЦК, НКВД, ВСНХ); otherwise it is a word in capitals.
    private func isAcronym(_ upper: String) -> Bool {
        if let entry = headwords.entry(upper) { return entry.isAcronym }
        let vowels: Set<Unicode.Scalar> = ["а", "е", "ё", "и", "о", "у", "ы", "э", "ю", "я", "і", "ѣ", "ѵ"]
        return !upper.lowercased().unicodeScalars.contains(where: vowels.contains)
    }

    /// Splits a word into letters with their combining marks.
    private static func letterClusters(_ word: String) -> [String] {
        var clusters: [String] = []
        for scalar in word.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark, !clusters.isEmpty {
                clusters[clusters.count - 1].unicodeScalars.append(scalar)
            } else {
                clusters.append(String(scalar))
            }
        }
        return clusters
    }

    static func withoutYo(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "ё" || $0 == "Ё" || $0 == "\u{308}" }) else { return text }
        let composed = String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "ё" ? "е" : $0 == "Ё" ? "Е" : $0 }))
        return composed.replacingOccurrences(of: "е\u{308}", with: "е").replacingOccurrences(of: "Е\u{308}", with: "Е")
    }

    // MARK: Latin → Cyrillic

    private func read(_ latin: String) throws -> (String, TransliterationReason) {
        guard let reader, let scheme = sourceScheme else { return (latin, .scheme) }
        let shape = CaseShape(of: latin)
        let base = shape == .mixed ? latin : latin.lowercased()
        let mostLikely = try reader.transliterate(base)
        guard !scheme.isReversible, shape != .mixed else { return (shape.apply(to: mostLikely), .scheme) }
        guard let wordList else { return (shape.apply(to: mostLikely), .noWordList) }

        var known: [String] = []
        // The word list first (a binary search), ICU only for the candidates that are words.
        // Readings are built slot by slot and dropped once no listed word starts so.
        let startsAWord = { (prefix: String) in wordList.hasWord(startingWith: prefix) || self.names?.hasWord(startingWith: prefix) == true }
        for candidate in Self.candidates(of: mostLikely, members: alternativeMembers, keeping: startsAWord)
        where try (wordList.contains(candidate) || names?.contains(candidate) == true) && sourceRomanizer?.transliterate(candidate) == base {
            // Russian print writes ё as е, so the two spell one reading; keep the е
            // form when it is a word (все, not всё), the ё form only when it alone is.
            let plain = Self.withoutYo(candidate)
            if let index = known.firstIndex(where: { Self.withoutYo($0) == plain }) {
                if candidate == plain { known[index] = candidate }
            } else {
                known.append(candidate)
            }
        }
        switch known.count {
        case 0: return (shape.apply(to: mostLikely), .unconfirmed)
        case 1: return (shape.apply(to: known[0]), .lexicon)
        default:
            let readings = known.map { shape.apply(to: $0) }
            return (readings[0], .ambiguous(readings))
        }
    }

    /// Readings of `base` with each spelling of an alternatives group swapped for
    /// the others of its group (the most likely reading first), at most 512.
    static func candidates(of base: String, groups: [[String]]) -> [String] {
        candidates(of: base, members: alternativeMembers(groups))
    }

    /// Every spelling of the alternatives groups with its group, longest first
    /// (so "ий" is tried before "и").
    static func alternativeMembers(_ groups: [[String]]) -> [(String, [String])] {
        groups.flatMap { group in group.map { ($0, group) } }.filter { !$0.0.isEmpty }.sorted { $0.0.count > $1.0.count }
    }

    /// Readings of `base` (see `candidates(of:groups:)`); with `keeping`, a
    /// reading's beginning is kept only while `keeping` is true of it (the
    /// others keep their order; the limit of 512 counts those kept).
    static func candidates(of base: String, members: [(String, [String])], keeping: ((String) -> Bool)? = nil) -> [String] {
        let letters = Array(base)
        var slots: [[String]] = []
        var index = 0
        while index < letters.count {
            let rest = String(letters[index...])
            if let (member, group) = members.first(where: { rest.hasPrefix($0.0) }) {
                slots.append([member] + group.filter { $0 != member })
                index += member.count
            } else {
                slots.append([String(letters[index])])
                index += 1
            }
        }
        var results = [""]
        for slot in slots {
            var next: [String] = []
            for prefix in results {
                for option in slot where next.count < 512 {
                    let reading = prefix + option
                    if keeping?(reading) ?? true { next.append(reading) }
                }
            }
            results = next
        }
        return results
    }
}

/// The capitalisation of a word: what a conversion must give back.
enum CaseShape: Equatable {
    case lower, title, upper, mixed

    init(of word: String) {
        let letters = word.unicodeScalars.filter { $0.properties.isAlphabetic && ($0.properties.isUppercase || $0.properties.isLowercase) }
        guard let first = letters.first else { self = .lower; return }
        let uppers = letters.filter { $0.properties.isUppercase }.count
        if uppers == 0 { self = .lower }
        else if uppers == letters.count { self = letters.count == 1 ? .title : .upper }
        else if uppers == 1 && first.properties.isUppercase { self = .title }
        else { self = .mixed }
    }

    /// The shape of a word given as UTF-8 bytes: read off the bytes when they
    /// are ASCII (no decoding, no allocation), else as `init(of: String)`.
    init(of word: [UInt8]) {
        var letters = 0, uppers = 0
        var firstIsUpper = false
        for byte in word {
            if byte >= 0x80 { self.init(of: String(decoding: word, as: UTF8.self)); return }
            let isUpper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
            guard isUpper || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) else { continue }
            if letters == 0 { firstIsUpper = isUpper }
            letters += 1
            if isUpper { uppers += 1 }
        }
        if uppers == 0 { self = .lower }
        else if uppers == letters { self = letters == 1 ? .title : .upper }
        else if uppers == 1 && firstIsUpper { self = .title }
        else { self = .mixed }
    }

    func apply(to word: String) -> String {
        switch self {
        case .lower, .mixed: return word
        case .upper: return word.uppercased()
        case .title:
            guard let first = word.first else { return word }
            return first.uppercased() + word.dropFirst()
        }
    }
}
