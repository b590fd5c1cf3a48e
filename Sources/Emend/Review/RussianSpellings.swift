/// Reads the Russian words of English prose back into Cyrillic whatever
/// scheme spelled them, so that "Yezhov", "Ezhov" and "Ežov" are seen as one
/// name, and says what each spelling becomes in a chosen scheme.
///
/// A word is read when the name lexicon knows it (any scheme's spelling) or
/// when it looks Russian in one of `schemes` and the Russian word list
/// confirms the reading (see `ProseConverter`); the first scheme that reads it
/// wins. Never changes text; `emend variants` and `emend check` use it.
package final class RussianSpellings {
    public struct Reading: Sendable, Equatable {
        /// The Cyrillic word, lower case (the key that groups spellings).
        public var cyrillic: String
        /// The scheme whose reading was taken.
        public var scheme: String
        /// The spelling in the target scheme, in the word's own case.
        public var target: String
    }

    public let schemes: [String]
    public let target: String
    private let readers: [(scheme: String, toCyrillic: ProseConverter, toTarget: ProseConverter)]
    private var cache: [String: Reading?] = [:]
    private var unconfirmed: [String: Bool] = [:]

    /// - Parameters:
    ///   - schemes: the source schemes to try, in order (the systems English prose mixes).
    ///   - target: the scheme spellings are shown in.
    public init(schemes: [String] = ["popular", "loc", "scholarly"], target: String = "loc",
                library: RuleLibrary = .builtIn) throws {
        self.schemes = schemes
        self.target = target
        let headwords = try HeadwordLexicon.builtIn(library: library)
        let wordList = try RussianWordList.loadDefault(library: library)
        let names = try RussianWordList.loadDefaultNames(library: library)
        readers = try schemes.map { scheme in
            (scheme,
             try ProseConverter(from: scheme, to: TransliterationScheme.cyrillicName, library: library, headwords: headwords, wordList: wordList,
                                names: names),
             try ProseConverter(from: scheme, to: target, library: library, headwords: headwords, wordList: wordList,
                                names: names))
        }
    }

    /// The reading of one word (letters and apostrophes; a possessive 's is
    /// dropped first), or nil when no scheme reads it as Russian.
    public func reading(of word: String) throws -> Reading? {
        let stem = Self.stem(word)
        if let known = cache[stem] { return known }
        var reading: Reading?
        var looksRussian = false
        for reader in readers {
            let result = try reader.toCyrillic.convert(ArraySlice(Array(stem.utf8)))
            if result.reason.needsReview { looksRussian = true }
            guard result.reason == .lexicon || result.reason == .pinned || result.reason == .confirmed
                    || result.reason == .nameSuffix else { continue }
            let target = try reader.toTarget.convert(ArraySlice(Array(stem.utf8)))
            reading = Reading(cyrillic: String(decoding: result.output, as: UTF8.self).lowercased(), scheme: reader.scheme,
                              target: String(decoding: target.output, as: UTF8.self))
            break
        }
        cache[stem] = reading
        unconfirmed[stem] = reading == nil && looksRussian
        return reading
    }

    /// True for a word that looks Russian in some scheme but whose reading no
    /// lexicon or word list confirms (asked after `reading(of:)`).
    public func looksRussianButUnconfirmed(_ word: String) -> Bool {
        unconfirmed[Self.stem(word)] ?? false
    }

    static func stem(_ word: String) -> String {
        word.hasSuffix("'s") || word.hasSuffix("’s") ? String(word.dropLast(2)) : word
    }
}

/// The spellings one Russian word takes across files ("Tukhachevsky" 25,
/// "Tukhachevskii" 22), grouped by their Cyrillic reading.
package struct SpellingVariants {
    public struct Spelling: Sendable, Equatable {
        public var text: String
        /// Occurrences in each file, in the order the files were added.
        public var counts: [Int]
        /// What it becomes in the target scheme.
        public var becomes: String
        public var scheme: String
        public var total: Int { counts.reduce(0, +) }
    }

    public struct Group: Sendable, Equatable {
        public var cyrillic: String
        public var spellings: [Spelling]
        public var total: Int { spellings.reduce(0) { $0 + $1.total } }
    }

    public private(set) var files: [String] = []
    /// Cyrillic reading → lower-case spelling → its counts.
    private var groups: [String: [String: Spelling]] = [:]
    /// Lower-case spelling → how often each case form was seen (the commonest is shown).
    private var forms: [String: [String: Int]] = [:]
    private let reader: RussianSpellings

    public init(reader: RussianSpellings) { self.reader = reader }

    /// Counts the Russian words of one more file.
    public mutating func add(file name: String, text: [UInt8]) throws {
        let index = files.count
        files.append(name)
        for range in WordScanner(script: .latin).words(in: text) {
            let word = String(decoding: text[range], as: UTF8.self)
            guard word.unicodeScalars.count >= 3, let reading = try reader.reading(of: word) else { continue }
            let stem = RussianSpellings.stem(word)
            // Case is not spelling: "Apparat" at a sentence start and "APPARAT" in a heading count as "apparat".
            let key = stem.lowercased()
            var spelling = groups[reading.cyrillic, default: [:]][key]
                ?? Spelling(text: stem, counts: [], becomes: reading.target, scheme: reading.scheme)
            while spelling.counts.count < files.count { spelling.counts.append(0) }
            spelling.counts[index] += 1
            forms[key, default: [:]][stem, default: 0] += 1
            if let commonest = forms[key]!.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key, commonest != spelling.text {
                spelling.text = commonest
                spelling.becomes = try reader.reading(of: commonest)?.target ?? spelling.becomes
            }
            groups[reading.cyrillic, default: [:]][key] = spelling
        }
    }

    /// Words spelled more than one way, most frequent first; each spelling's
    /// counts cover every file.
    public func variants(minimumSpellings: Int = 2) -> [Group] {
        groups.compactMap { cyrillic, spellings -> Group? in
            guard spellings.count >= minimumSpellings else { return nil }
            let padded = spellings.values.map { spelling -> Spelling in
                var spelling = spelling
                while spelling.counts.count < files.count { spelling.counts.append(0) }
                return spelling
            }.sorted { ($0.total, $1.text) > ($1.total, $0.text) }
            return Group(cyrillic: cyrillic, spellings: padded)
        }.sorted { ($0.total, $1.cyrillic) > ($1.total, $0.cyrillic) }
    }
}
